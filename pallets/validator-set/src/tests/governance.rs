use crate::{mock::*, Error, Event, PendingChange, SessionLength, Validators};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn genesis_sets_validators_and_session_length() {
	run_test(|| {
		assert_eq!(ValidatorSet::validators(), vec![1, 2]);
		assert_eq!(SessionLength::<Test>::get(), 10);
		assert!(!PendingChange::<Test>::get());
	});
}

#[test]
fn root_adds_a_validator_and_marks_the_set_changed() {
	run_test(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 3));
		assert_eq!(ValidatorSet::validators(), vec![1, 2, 3]);
		assert!(PendingChange::<Test>::get());
		System::assert_last_event(Event::ValidatorAdded { who: 3 }.into());
	});
}

#[test]
fn signed_origin_cannot_change_the_set() {
	run_test(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 3),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn adding_an_existing_validator_is_refused() {
	run_test(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn adding_beyond_max_validators_is_refused() {
	run_test(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 3));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
		assert_eq!(Validators::<Test>::get().len(), 4);
	});
}

#[test]
fn root_removes_a_validator() {
	run_test(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 3));
		PendingChange::<Test>::kill();
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_eq!(ValidatorSet::validators(), vec![2, 3]);
		assert!(PendingChange::<Test>::get());
		System::assert_last_event(Event::ValidatorRemoved { who: 1 }.into());
	});
}

#[test]
fn removing_an_unknown_account_is_refused() {
	run_test(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
	});
}

#[test]
fn removing_below_min_validators_is_refused() {
	run_test(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(ValidatorSet::validators(), vec![1, 2]);
	});
}

#[test]
#[should_panic(expected = "duplicate initial validator")]
fn genesis_with_duplicate_validators_is_rejected() {
	use sp_runtime::BuildStorage;
	let _ = crate::GenesisConfig::<Test> { initial_validators: vec![1, 1], session_length: 10 }
		.build_storage();
}

#[test]
#[should_panic(expected = "session_length must be at least 1 block")]
fn genesis_with_zero_session_length_is_rejected() {
	use sp_runtime::BuildStorage;
	let _ = crate::GenesisConfig::<Test> { initial_validators: vec![1, 2], session_length: 0 }
		.build_storage();
}
