use crate::{mock::*, Event, PendingChange, SessionLengthOf};
use frame_support::{assert_ok, traits::Get};
use pallet_session::{SessionManager, ShouldEndSession};

type Sessions = pallet_session::PeriodicSessions<SessionLengthOf<Test>, ()>;

#[test]
fn genesis_session_gets_the_initial_validators() {
	run_test(|| {
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2]));
	});
}

#[test]
fn unchanged_set_is_not_planned_again() {
	run_test(|| {
		assert_eq!(ValidatorSet::new_session(1), None);
	});
}

#[test]
fn changed_set_is_planned_once() {
	run_test(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 3));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3]));
		System::assert_last_event(Event::NewSetPlanned { session: 2, validators: 3 }.into());
		assert!(!PendingChange::<Test>::get());
		assert_eq!(ValidatorSet::new_session(3), None);
	});
}

#[test]
fn sessions_end_every_session_length_blocks() {
	run_test(|| {
		assert_eq!(SessionLengthOf::<Test>::get(), 10);
		assert!(Sessions::should_end_session(10));
		assert!(!Sessions::should_end_session(11));
		assert!(Sessions::should_end_session(20));
	});
}

#[test]
fn empty_genesis_set_defers_to_session_keys() {
	use sp_runtime::BuildStorage;
	let storage = crate::GenesisConfig::<Test>::default().build_storage().unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(ValidatorSet::new_session_genesis(0), None);
		assert_eq!(SessionLengthOf::<Test>::get(), crate::DEFAULT_SESSION_LENGTH as u64);
		ValidatorSet::do_try_state().unwrap();
	});
}
