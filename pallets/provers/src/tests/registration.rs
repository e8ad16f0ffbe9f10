//! Registering, bonding, unbonding and leaving.

use super::*;
use crate::{Error, Event, HoldReason, ProverRecord, ProverStatus, Reputation};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::market::GpuClass;
use sp_runtime::{DispatchError, FixedU128, Perbill, TokenError};

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Unbonds `amount` of `prover`'s self-bond in each of the blocks `blocks`.
fn unbond_in_blocks(prover: AccountId, amount: Balance, blocks: &[u64]) {
	for &block in blocks {
		run_to_block(block);
		assert_ok!(Provers::unbond(signed(prover), amount));
	}
}

#[test]
fn register_holds_the_bond_and_stores_the_record() {
	run_test(|| {
		register(1, 5_000);
		assert_eq!(held(HoldReason::ProverBond, 1), 5_000);
		assert_eq!(held(HoldReason::Delegation, 1), 0);
		assert_eq!(free(1), ENDOWMENT - 5_000);
		assert_eq!(
			record(1),
			ProverRecord {
				hardware: cpu_box(),
				capacity: 2,
				in_use: 0,
				units_in_use: 0,
				ask: 5,
				commission: Perbill::from_percent(10),
				status: ProverStatus::Active,
				self_bond: 5_000,
				delegated: 0,
				delegators: 0,
				reward_per_share: FixedU128::from_u32(0),
				reputation: Reputation::default(),
			}
		);
		assert_eq!(provers_events(), vec![Event::Registered { prover: 1, bond: 5_000 }]);
	});
}

#[test]
fn register_refuses_a_bond_below_the_minimum() {
	run_test(|| {
		assert_noop!(
			Provers::register(signed(1), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND - 1),
			Error::<Test>::BondBelowMinimum
		);
		assert_ok!(Provers::register(signed(1), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND));
		assert_eq!(held(HoldReason::ProverBond, 1), MIN_BOND);
	});
}

#[test]
fn register_refuses_an_account_already_registered() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_noop!(
			Provers::register(signed(1), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn register_refuses_a_leaving_prover_until_its_record_is_removed() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(
			Provers::register(signed(1), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND),
			Error::<Test>::AlreadyRegistered
		);
		run_to_block(1 + UNBONDING);
		withdraw(1, 1);
		register(1, 2 * MIN_BOND);
		assert_eq!(record(1).self_bond, 2 * MIN_BOND);
		assert_eq!(held(HoldReason::ProverBond, 1), 2 * MIN_BOND);
	});
}

#[test]
fn register_refuses_more_than_max_provers() {
	run_test(|| {
		for who in 1..=8 {
			register(who, MIN_BOND);
		}
		assert_noop!(
			Provers::register(signed(9), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND),
			Error::<Test>::TooManyProvers
		);
		// A removed record frees its slot.
		assert_ok!(Provers::deregister(signed(8)));
		run_to_block(1 + UNBONDING);
		withdraw(8, 8);
		register(9, MIN_BOND);
	});
}

#[test]
fn register_refuses_zero_capacity_and_capacity_above_the_maximum() {
	run_test(|| {
		for capacity in [0, 17, u32::MAX] {
			assert_noop!(
				Provers::register(signed(1), cpu_box(), capacity, 5, Perbill::zero(), MIN_BOND),
				Error::<Test>::InvalidCapacity
			);
		}
		assert_ok!(Provers::register(signed(1), cpu_box(), 1, 5, Perbill::zero(), MIN_BOND));
		assert_ok!(Provers::register(signed(2), cpu_box(), 16, 5, Perbill::zero(), MIN_BOND));
	});
}

#[test]
fn register_fails_without_the_funds_to_bond() {
	run_test(|| {
		// The existential deposit stays free: a hold never reaps the account.
		assert_noop!(
			Provers::register(signed(1), cpu_box(), 2, 5, Perbill::zero(), ENDOWMENT),
			TokenError::FundsUnavailable
		);
		assert_noop!(
			Provers::register(signed(FRESH), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND),
			TokenError::FundsUnavailable
		);
		register(1, ENDOWMENT - ED);
		assert_eq!(free(1), ED);
	});
}

#[test]
fn every_signed_call_refuses_root_and_unsigned_origins() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			let o = || origin.clone();
			for result in [
				Provers::register(o(), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND),
				Provers::bond_more(o(), 10),
				Provers::unbond(o(), 10),
				Provers::withdraw_unbonded(o(), 1),
				Provers::update(o(), cpu_box(), 2, 5, Perbill::zero()),
				Provers::chill(o()),
				Provers::activate(o()),
				Provers::deregister(o()).map(|_| ()).map_err(|e| e.error),
				Provers::delegate(o(), 1, 500).map(|_| ()).map_err(|e| e.error),
				Provers::undelegate(o(), 1, 100).map(|_| ()).map_err(|e| e.error),
				Provers::claim_rewards(o(), 1),
			] {
				assert_eq!(result, Err(DispatchError::BadOrigin));
			}
		}
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
	});
}

#[test]
fn bond_more_adds_to_the_held_self_bond() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(Provers::bond_more(signed(1), 250));
		assert_eq!(record(1).self_bond, MIN_BOND + 250);
		assert_eq!(held(HoldReason::ProverBond, 1), MIN_BOND + 250);
		assert_eq!(free(1), ENDOWMENT - MIN_BOND - 250);
		assert_eq!(last_event(), Event::Bonded { prover: 1, amount: 250 });
	});
}

#[test]
fn bond_more_is_allowed_while_chilled() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(Provers::chill(signed(1)));
		assert_ok!(Provers::bond_more(signed(1), 1));
		assert_eq!(record(1).self_bond, MIN_BOND + 1);
	});
}

#[test]
fn bond_more_refuses_zero_strangers_leaving_provers_and_missing_funds() {
	run_test(|| {
		assert_noop!(Provers::bond_more(signed(1), 10), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_noop!(Provers::bond_more(signed(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Provers::bond_more(signed(1), ENDOWMENT - MIN_BOND),
			TokenError::FundsUnavailable
		);
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(Provers::bond_more(signed(1), 10), Error::<Test>::ProverLeaving);
	});
}

#[test]
fn unbond_moves_stake_into_a_chunk_that_stays_held() {
	run_test(|| {
		register(1, 3_000);
		run_to_block(4);
		assert_ok!(Provers::unbond(signed(1), 2_000));
		assert_eq!(record(1).self_bond, 1_000);
		assert_eq!(chunks(1, 1), vec![(2_000, 4 + UNBONDING)]);
		assert_eq!(held(HoldReason::ProverBond, 1), 3_000);
		assert_eq!(free(1), ENDOWMENT - 3_000);
		assert_eq!(
			last_event(),
			Event::Unbonding { prover: 1, staker: 1, amount: 2_000, unlock_at: 4 + UNBONDING }
		);
	});
}

#[test]
fn unbond_merges_chunks_started_in_the_same_block() {
	run_test(|| {
		register(1, 3_000);
		assert_ok!(Provers::unbond(signed(1), 500));
		assert_ok!(Provers::unbond(signed(1), 700));
		assert_eq!(chunks(1, 1), vec![(1_200, 1 + UNBONDING)]);
		run_to_block(2);
		assert_ok!(Provers::unbond(signed(1), 300));
		assert_eq!(chunks(1, 1), vec![(1_200, 1 + UNBONDING), (300, 2 + UNBONDING)]);
	});
}

#[test]
fn unbond_refuses_zero_strangers_leaving_provers_and_more_than_is_bonded() {
	run_test(|| {
		assert_noop!(Provers::unbond(signed(1), 10), Error::<Test>::NotRegistered);
		register(1, 3_000);
		assert_noop!(Provers::unbond(signed(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(Provers::unbond(signed(1), 3_001), Error::<Test>::NotEnoughBonded);
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(Provers::unbond(signed(1), 10), Error::<Test>::ProverLeaving);
	});
}

#[test]
fn unbond_must_leave_the_minimum_bonded() {
	run_test(|| {
		register(1, 3_000);
		assert_noop!(Provers::unbond(signed(1), 2_001), Error::<Test>::BondBelowMinimum);
		// Leaving entirely is deregistering, not unbonding.
		assert_noop!(Provers::unbond(signed(1), 3_000), Error::<Test>::BondBelowMinimum);
		assert_ok!(Provers::unbond(signed(1), 2_000));
		assert_eq!(record(1).self_bond, MIN_BOND);
	});
}

#[test]
fn unbond_refuses_a_chunk_beyond_max_unbonding_chunks() {
	run_test(|| {
		register(1, 5_000);
		unbond_in_blocks(1, 100, &[1, 2, 3]);
		run_to_block(4);
		assert_noop!(Provers::unbond(signed(1), 100), Error::<Test>::TooManyUnbondingChunks);
		// Merging into a chunk of the same block needs no new slot.
		run_to_block(3);
		assert_ok!(Provers::unbond(signed(1), 100));
		assert_eq!(
			chunks(1, 1),
			vec![(100, 1 + UNBONDING), (100, 2 + UNBONDING), (200, 3 + UNBONDING)]
		);
	});
}

#[test]
fn withdraw_unbonded_returns_only_matured_chunks() {
	run_test(|| {
		register(1, 5_000);
		unbond_in_blocks(1, 1_000, &[1, 5]);
		run_to_block(UNBONDING);
		assert_noop!(Provers::withdraw_unbonded(signed(1), 1), Error::<Test>::NothingToWithdraw);

		run_to_block(1 + UNBONDING);
		withdraw(1, 1);
		assert_eq!(free(1), ENDOWMENT - 4_000);
		assert_eq!(held(HoldReason::ProverBond, 1), 4_000);
		assert_eq!(chunks(1, 1), vec![(1_000, 5 + UNBONDING)]);
		assert_eq!(last_event(), Event::Withdrawn { prover: 1, staker: 1, amount: 1_000 });

		run_to_block(20);
		withdraw(1, 1);
		assert_eq!(free(1), ENDOWMENT - 3_000);
		assert_eq!(held(HoldReason::ProverBond, 1), 3_000);
		assert!(!Unbonding::<Test>::contains_key(1, 1));
		// The prover is not leaving, so its record stays.
		assert_eq!(record(1).self_bond, 3_000);
		assert_eq!(record(1).status, ProverStatus::Active);
	});
}

#[test]
fn withdraw_unbonded_frees_a_chunk_slot() {
	run_test(|| {
		register(1, 5_000);
		unbond_in_blocks(1, 100, &[1, 2, 3]);
		run_to_block(1 + UNBONDING);
		withdraw(1, 1);
		assert_ok!(Provers::unbond(signed(1), 100));
		assert_eq!(chunks(1, 1).len(), 3);
	});
}

#[test]
fn withdraw_unbonded_with_no_chunks_has_nothing_to_withdraw() {
	run_test(|| {
		assert_noop!(Provers::withdraw_unbonded(signed(1), 1), Error::<Test>::NothingToWithdraw);
		register(1, 5_000);
		assert_noop!(Provers::withdraw_unbonded(signed(1), 1), Error::<Test>::NothingToWithdraw);
		assert_noop!(Provers::withdraw_unbonded(signed(2), 1), Error::<Test>::NothingToWithdraw);
	});
}

#[test]
fn update_changes_the_offer() {
	run_test(|| {
		register(1, MIN_BOND);
		let gpu_box = HardwareClass { cpu_cores: 8, memory_gib: 32, gpu: GpuClass::Datacenter };
		assert_ok!(Provers::update(signed(1), gpu_box, 16, 42, Perbill::from_percent(5)));
		let updated = record(1);
		assert_eq!(updated.hardware, gpu_box);
		assert_eq!(updated.capacity, 16);
		assert_eq!(updated.ask, 42);
		assert_eq!(updated.commission, Perbill::from_percent(5));
		assert_eq!(updated.self_bond, MIN_BOND);
		assert_eq!(
			last_event(),
			Event::Updated {
				prover: 1,
				hardware: gpu_box,
				capacity: 16,
				ask: 42,
				commission: Perbill::from_percent(5)
			}
		);
	});
}

#[test]
fn update_refuses_strangers_invalid_capacity_and_leaving_provers() {
	run_test(|| {
		assert_noop!(
			Provers::update(signed(1), cpu_box(), 2, 5, Perbill::zero()),
			Error::<Test>::NotRegistered
		);
		register(1, MIN_BOND);
		for capacity in [0, 17] {
			assert_noop!(
				Provers::update(signed(1), cpu_box(), capacity, 5, Perbill::zero()),
				Error::<Test>::InvalidCapacity
			);
		}
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(
			Provers::update(signed(1), cpu_box(), 2, 5, Perbill::zero()),
			Error::<Test>::ProverLeaving
		);
	});
}

#[test]
fn update_cannot_lower_capacity_below_the_jobs_held() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(reserve(1));
		assert_ok!(reserve(1));
		assert_noop!(
			Provers::update(signed(1), cpu_box(), 1, 5, Perbill::zero()),
			Error::<Test>::CapacityBelowInUse
		);
		assert_ok!(release(1, FULFILLED));
		assert_ok!(Provers::update(signed(1), cpu_box(), 1, 5, Perbill::zero()));
		assert_eq!(record(1).capacity, 1);
	});
}

#[test]
fn chill_and_activate_toggle_the_status() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(Provers::chill(signed(1)));
		assert_eq!(record(1).status, ProverStatus::Chilled);
		assert_eq!(last_event(), Event::Chilled { prover: 1, forced: false });
		assert_ok!(Provers::activate(signed(1)));
		assert_eq!(record(1).status, ProverStatus::Active);
		assert_eq!(last_event(), Event::Activated { prover: 1 });
	});
}

#[test]
fn chill_refuses_strangers_and_provers_that_are_not_active() {
	run_test(|| {
		assert_noop!(Provers::chill(signed(1)), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_ok!(Provers::chill(signed(1)));
		assert_noop!(Provers::chill(signed(1)), Error::<Test>::NotActive);
		assert_ok!(Provers::force_chill(RuntimeOrigin::root(), 1));
		assert_noop!(Provers::chill(signed(1)), Error::<Test>::NotActive);
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(Provers::chill(signed(1)), Error::<Test>::NotActive);
	});
}

#[test]
fn activate_refuses_strangers_and_active_force_chilled_or_leaving_provers() {
	run_test(|| {
		assert_noop!(Provers::activate(signed(1)), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_noop!(Provers::activate(signed(1)), Error::<Test>::NotChilled);
		assert_ok!(Provers::force_chill(RuntimeOrigin::root(), 1));
		assert_noop!(Provers::activate(signed(1)), Error::<Test>::ForceChilled);
		assert_ok!(Provers::lift_force_chill(RuntimeOrigin::root(), 1));
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(Provers::activate(signed(1)), Error::<Test>::ProverLeaving);
	});
}

#[test]
fn deregister_starts_unbonding_the_whole_self_bond() {
	run_test(|| {
		register(1, 4_000);
		run_to_block(3);
		assert_ok!(Provers::deregister(signed(1)));
		let leaving = record(1);
		assert_eq!(leaving.status, ProverStatus::Leaving);
		assert_eq!(leaving.self_bond, 0);
		assert_eq!(chunks(1, 1), vec![(4_000, 3 + UNBONDING)]);
		assert_eq!(held(HoldReason::ProverBond, 1), 4_000);
		assert_eq!(
			provers_events()[1..],
			[
				Event::Unbonding { prover: 1, staker: 1, amount: 4_000, unlock_at: 3 + UNBONDING },
				Event::Deregistered { prover: 1, forced: false },
			]
		);
	});
}

#[test]
fn deregister_then_withdraw_removes_the_record() {
	run_test(|| {
		register(1, 4_000);
		assert_ok!(Provers::unbond(signed(1), 1_000));
		run_to_block(2);
		assert_ok!(Provers::deregister(signed(1)));
		run_to_block(1 + UNBONDING);
		withdraw(1, 1);
		assert!(ProverRecords::<Test>::contains_key(1), "the second chunk still waits");
		run_to_block(2 + UNBONDING);
		clear_events();
		withdraw(1, 1);
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert!(!Unbonding::<Test>::contains_key(1, 1));
		assert_eq!(ProverRecords::<Test>::count(), 0);
		assert_eq!(held(HoldReason::ProverBond, 1), 0);
		assert_eq!(free(1), ENDOWMENT);
		assert_eq!(
			provers_events(),
			vec![
				Event::Withdrawn { prover: 1, staker: 1, amount: 3_000 },
				Event::Removed { prover: 1 },
			]
		);
	});
}

#[test]
fn deregister_refuses_a_prover_holding_jobs() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(reserve(1));
		assert_noop!(Provers::deregister(signed(1)), Error::<Test>::HasAssignedWork);
		// Chilling does not release the job either.
		assert_ok!(Provers::chill(signed(1)));
		assert_noop!(Provers::deregister(signed(1)), Error::<Test>::HasAssignedWork);
		assert_ok!(release(1, FULFILLED));
		assert_ok!(Provers::deregister(signed(1)));
	});
}

#[test]
fn deregister_refuses_strangers_and_leaving_provers() {
	run_test(|| {
		assert_noop!(Provers::deregister(signed(1)), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(Provers::deregister(signed(1)), Error::<Test>::ProverLeaving);
	});
}

#[test]
fn deregister_with_every_chunk_taken_adds_the_bond_to_the_latest() {
	run_test(|| {
		register(1, 5_000);
		unbond_in_blocks(1, 100, &[1, 2, 3]);
		run_to_block(4);
		assert_ok!(Provers::deregister(signed(1)));
		assert_eq!(
			chunks(1, 1),
			vec![(100, 1 + UNBONDING), (100, 2 + UNBONDING), (4_800, 4 + UNBONDING)]
		);
	});
}

#[test]
fn deregistering_a_prover_slashed_to_nothing_removes_it_at_once() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(slash(1, Perbill::one(), None));
		assert_eq!(record(1).self_bond, 0);
		clear_events();
		assert_ok!(Provers::deregister(signed(1)));
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert!(chunks(1, 1).is_empty());
		assert_eq!(
			provers_events(),
			vec![Event::Deregistered { prover: 1, forced: false }, Event::Removed { prover: 1 }]
		);
	});
}

#[test]
fn a_force_chilled_prover_may_still_leave() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(Provers::force_chill(RuntimeOrigin::root(), 1));
		assert_ok!(Provers::deregister(signed(1)));
		assert_eq!(record(1).status, ProverStatus::Leaving);
	});
}
