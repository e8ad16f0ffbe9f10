//! Leaving the registry (audit attack 4): deregistering unbonds every
//! delegation too, leaving provers free their `MaxProvers` slot, anyone can
//! settle a leaving prover's stakers, and governance can remove a prover.

use super::*;
use crate::{Error, Event, HoldReason, LeavingProvers, ProverStatus};
use frame_support::{assert_noop, assert_ok};

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

#[test]
fn deregistering_unbonds_every_delegation_with_the_self_bond() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		delegate(3, 1, 700);
		run_to_block(3);
		assert_ok!(Provers::deregister(signed(1)));
		let leaving = record(1);
		assert_eq!(
			(leaving.status, leaving.self_bond, leaving.delegated),
			(ProverStatus::Leaving, 0, 0)
		);
		assert_eq!(chunks(1, 1), vec![(2_000, 3 + UNBONDING)]);
		assert_eq!(chunks(1, 2), vec![(500, 3 + UNBONDING)]);
		assert_eq!(chunks(1, 3), vec![(700, 3 + UNBONDING)]);
		// Still held (and slashable) while unbonding.
		assert_eq!(held(HoldReason::Delegation, 2), 500);
		assert_eq!(delegation(1, 2).unwrap().amount, 0);
		assert_eq!(LeavingProvers::<Test>::get(), 1);
		assert_eq!(last_event(), Event::Deregistered { prover: 1, forced: false });
	});
}

/// Before, a deregistered prover kept its record and its `MaxProvers` slot
/// while any delegator stayed, and nobody could force delegators out: eight
/// leaving provers with one idle delegator each locked the registry.
#[test]
fn leaving_provers_do_not_lock_the_registry() {
	run_test(|| {
		let max = <Test as crate::Config>::MaxProvers::get() as AccountId;
		for prover in 1..=max {
			register(prover, MIN_BOND);
		}
		assert_noop!(
			Provers::register(signed(max + 1), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND),
			Error::<Test>::TooManyProvers
		);
		// Each leaves, with a delegator who never acts.
		for prover in 1..=max {
			delegate(max + 1 + (prover % 2), prover, 500);
			assert_ok!(Provers::deregister(signed(prover)));
		}
		// New provers register at once.
		for prover in max + 3..max + 3 + max {
			register(prover, MIN_BOND);
		}
		// The records of leaving provers still bound storage: twice MaxProvers in all.
		assert_eq!(ProverRecords::<Test>::count(), 2 * max as u32);
		// After unbonding, anyone clears them without the delegators.
		run_to_block(2 + UNBONDING);
		let stranger = ACCOUNTS;
		for prover in 1..=max {
			assert_ok!(Provers::withdraw_unbonded(signed(prover), prover));
			assert_ok!(Provers::settle_leaving(signed(stranger), prover, max + 1 + (prover % 2)));
			assert!(!ProverRecords::<Test>::contains_key(prover));
		}
		assert_eq!(LeavingProvers::<Test>::get(), 0);
		// The delegators got all their stake back, free.
		assert_eq!(free(max + 1), ENDOWMENT);
		assert_eq!(free(max + 2), ENDOWMENT);
	});
}

#[test]
fn settling_a_leaving_prover_pays_the_staker_only_and_needs_something_to_pay() {
	run_test(|| {
		register_without_commission(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, 10, 1_000));
		// Not leaving: nobody but the staker acts for it.
		assert_noop!(Provers::settle_leaving(signed(5), 1, 2), Error::<Test>::NotLeaving);
		assert_ok!(Provers::deregister(signed(1)));
		// Rewards are payable at once; stake once matured.
		let stranger_before = free(5);
		assert_ok!(Provers::settle_leaving(signed(5), 1, 2));
		assert_eq!(free(2), ENDOWMENT - 1_000 + 500);
		assert_eq!(free(5), stranger_before);
		assert_noop!(Provers::settle_leaving(signed(5), 1, 2), Error::<Test>::NothingToWithdraw);
		run_to_block(1 + UNBONDING);
		assert_ok!(Provers::settle_leaving(signed(5), 1, 2));
		assert_eq!(free(2), ENDOWMENT + 500);
		assert!(delegation(1, 2).is_none());
		assert!(ProverRecords::<Test>::contains_key(1), "its own bond is still unbonded");
		assert_ok!(Provers::settle_leaving(signed(5), 1, 1));
		assert!(!ProverRecords::<Test>::contains_key(1));
	});
}

#[test]
fn governance_removes_a_prover_even_with_work_in_hand() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		assert_ok!(reserve(1));
		assert_noop!(Provers::force_remove(signed(1), 1), DispatchError::BadOrigin);
		assert_ok!(Provers::force_remove(RuntimeOrigin::root(), 1));
		assert_eq!(last_event(), Event::Deregistered { prover: 1, forced: true });
		assert_eq!((record(1).status, record(1).delegated), (ProverStatus::Leaving, 0));
		assert!(Provers::eligible_provers(any_prover(), any_job()).is_empty());
		assert_noop!(Provers::force_remove(RuntimeOrigin::root(), 1), Error::<Test>::ProverLeaving);
		// Its job still ends normally; the record stays until it has.
		run_to_block(1 + UNBONDING);
		assert_ok!(Provers::withdraw_unbonded(signed(1), 1));
		assert_ok!(Provers::withdraw_unbonded(signed(2), 1));
		assert!(ProverRecords::<Test>::contains_key(1));
		// The job's end removes it.
		assert_ok!(release(1, FULFILLED));
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert_eq!(LeavingProvers::<Test>::get(), 0);
	});
}

/// A staker whose chunk list is full still leaves with the prover: its
/// stake joins its latest chunk.
#[test]
fn a_delegator_with_full_chunks_is_unbonded_into_its_latest_chunk() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 1_000);
		let max = <Test as crate::Config>::MaxUnbondingChunks::get() as u64;
		for block in 0..max {
			run_to_block(2 + block);
			undelegate(2, 1, 100);
		}
		run_to_block(10);
		assert_noop!(Provers::undelegate(signed(2), 1, 100), Error::<Test>::TooManyUnbondingChunks);
		assert_ok!(Provers::deregister(signed(1)));
		let left = chunks(1, 2);
		assert_eq!(left.len() as u64, max);
		assert_eq!(left.last(), Some(&(100 + 1_000 - 100 * max as u128, 10 + UNBONDING)));
		assert_eq!(held(HoldReason::Delegation, 2), 1_000);
	});
}
