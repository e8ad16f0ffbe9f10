//! Commission: the cap, and increases that wait an unbonding period.

use super::*;
use crate::{Error, Event, PendingCommission};
use frame_support::assert_noop;

const PAYER: AccountId = 10;

fn update_commission(prover: AccountId, percent: u32) -> DispatchResult {
	let current = record(prover);
	Provers::update(
		RuntimeOrigin::signed(prover),
		current.hardware,
		current.capacity,
		current.ask,
		Perbill::from_percent(percent),
	)
}

#[test]
fn commission_above_the_cap_is_refused() {
	run_test(|| {
		assert_noop!(
			Provers::register(
				RuntimeOrigin::signed(1),
				cpu_box(),
				2,
				5,
				Perbill::from_percent(51),
				MIN_BOND
			),
			Error::<Test>::CommissionTooHigh
		);
		register(1, MIN_BOND);
		assert_noop!(update_commission(1, 51), Error::<Test>::CommissionTooHigh);
		assert_ok!(update_commission(1, 50));
	});
}

/// Attack 5: raise the commission to the most in the block of a large reward.
/// The increase waits an unbonding period, so that reward, and every one
/// until then, is split at the old commission.
#[test]
fn a_commission_increase_does_not_touch_rewards_before_it_applies() {
	run_test(|| {
		register(1, 1_000); // 10% commission
		delegate(2, 1, 1_000);
		assert_ok!(update_commission(1, 50));
		assert_eq!(record(1).commission, Perbill::from_percent(10));
		assert_eq!(
			last_event(),
			Event::Updated {
				prover: 1,
				hardware: cpu_box(),
				capacity: 2,
				ask: 5,
				commission: Perbill::from_percent(10)
			}
		);
		assert!(provers_events().contains(&Event::CommissionIncreaseScheduled {
			prover: 1,
			commission: Perbill::from_percent(50),
			from: 1 + UNBONDING,
		}));
		// The large reward in the same block: 10% to the prover, the rest by stake.
		assert_ok!(reward(1, PAYER, 10_000));
		assert_eq!(pending(1, 2), 4_500);
		// One block before the increase applies, still 10%.
		run_to_block(UNBONDING);
		assert_ok!(reward(1, PAYER, 10_000));
		assert_eq!(pending(1, 2), 9_000);
		// From its block on, 50%; the first reward applies it.
		run_to_block(1 + UNBONDING);
		assert_ok!(reward(1, PAYER, 10_000));
		assert_eq!(pending(1, 2), 9_000 + 2_500);
		assert_eq!(record(1).commission, Perbill::from_percent(50));
		assert!(provers_events().contains(&Event::CommissionRaised {
			prover: 1,
			commission: Perbill::from_percent(50)
		}));
		assert!(PendingCommission::<Test>::get(1).is_none());
	});
}

/// A delegator that sees an increase coming leaves before it applies and
/// never earns under it.
#[test]
fn delegators_can_leave_before_an_increase_applies() {
	run_test(|| {
		register(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(update_commission(1, 50));
		undelegate(2, 1, 1_000);
		assert_ok!(reward(1, PAYER, 10_000));
		// Nothing delegated any more: the whole reward is the prover's.
		assert_eq!(pending(1, 2), 0);
		run_to_block(1 + UNBONDING);
		withdraw(2, 1);
		assert_eq!(free(2), ENDOWMENT);
	});
}

#[test]
fn a_decrease_applies_at_once_and_drops_a_scheduled_increase() {
	run_test(|| {
		register(1, 1_000);
		assert_ok!(update_commission(1, 40));
		assert!(PendingCommission::<Test>::get(1).is_some());
		assert_ok!(update_commission(1, 5));
		assert_eq!(record(1).commission, Perbill::from_percent(5));
		assert!(PendingCommission::<Test>::get(1).is_none());
		run_to_block(1 + UNBONDING);
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(record(1).commission, Perbill::from_percent(5));
	});
}

/// Updating the ask or capacity with the commission in force (what a client
/// sends when it changes something else) keeps a scheduled increase and its
/// block; asking for the same increase again does not push it back.
#[test]
fn updating_the_rest_keeps_a_scheduled_increase() {
	run_test(|| {
		register(1, 1_000);
		assert_ok!(update_commission(1, 40));
		let scheduled = PendingCommission::<Test>::get(1);
		run_to_block(5);
		assert_ok!(Provers::update(
			RuntimeOrigin::signed(1),
			cpu_box(),
			3,
			9,
			Perbill::from_percent(10)
		));
		assert_ok!(update_commission(1, 40));
		assert_eq!(PendingCommission::<Test>::get(1), scheduled);
		run_to_block(1 + UNBONDING);
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(record(1).commission, Perbill::from_percent(40));
	});
}

/// Rewrites `who`'s record in the layout of storage version 1.
fn store_as_v1(who: u64, commission: Perbill, reputation: crate::migrations::v1::Reputation) {
	let r = record(who);
	crate::migrations::v1::Provers::<Test>::insert(
		who,
		crate::migrations::v1::ProverRecord {
			hardware: r.hardware,
			capacity: r.capacity,
			in_use: r.in_use,
			ask: r.ask,
			commission,
			status: r.status,
			self_bond: r.self_bond,
			delegated: r.delegated,
			delegators: r.delegators,
			reward_per_share: r.reward_per_share,
			reputation,
		},
	);
}

/// A registry written before `MaxCommission` and before declines were
/// counted: the migrations cap the commission and keep the track record.
#[test]
fn the_migrations_from_v0_cap_commissions_and_keep_track_records() {
	use crate::migrations::v1::Reputation as V1Reputation;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	run_test(|| {
		register(1, 1_000);
		register(2, 1_000);
		register(3, 1_000);
		delegate(4, 3, 500);
		// Version 1's deregistration: the bond unbonds, the delegation stays active.
		crate::Pallet::<Test>::unbond_always(&3, &3, 1_000);
		crate::Provers::<Test>::mutate(3, |r| {
			let r = r.as_mut().unwrap();
			r.self_bond = 0;
			r.status = crate::ProverStatus::Leaving;
		});
		let leaving = record(3);
		store_as_v1(3, leaving.commission, V1Reputation::default());
		let track = V1Reputation { assigned: 9, fulfilled: 5, missed: 2, invalid: 1 };
		store_as_v1(1, Perbill::from_percent(90), track);
		store_as_v1(2, Perbill::from_percent(10), V1Reputation::default());
		StorageVersion::new(0).put::<crate::Pallet<Test>>();
		crate::migrations::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), 1);
		crate::migrations::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), 2);
		crate::migrations::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), 3);
		assert_eq!(record(1).commission, Perbill::from_percent(50));
		assert_eq!(record(2).commission, Perbill::from_percent(10));
		assert_eq!(
			record(1).reputation,
			crate::Reputation {
				assigned: 9,
				fulfilled: 5,
				missed: 2,
				invalid: 1,
				declined: 0,
				lapsed: 0,
				good_units: 5,
				bad_units: 5,
				decay_epoch: 0,
			}
		);
		assert_eq!(record(1).self_bond, 1_000);
		// The leaving prover's delegation now unbonds, and it is counted as leaving.
		assert_eq!(record(3).delegated, 0);
		assert_eq!(chunks(3, 4), vec![(500, 1 + UNBONDING)]);
		assert_eq!(crate::LeavingProvers::<Test>::get(), 1);
		// A second run is a no-op: the version gate holds.
		crate::migrations::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(record(1).reputation.declined, 0);
	});
}

/// Version 3 makes reputations decay from the upgrade on: no record loses
/// weight at the upgrade itself.
#[test]
fn the_migration_to_v3_starts_every_record_decaying_at_the_upgrade() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	run_test(|| {
		register(1, 1_000);
		let current = record(1);
		let old = crate::migrations::v2::ProverRecord {
			hardware: current.hardware,
			capacity: current.capacity,
			in_use: current.in_use,
			ask: current.ask,
			commission: current.commission,
			status: current.status,
			self_bond: current.self_bond,
			delegated: current.delegated,
			delegators: current.delegators,
			reward_per_share: current.reward_per_share,
			reputation: crate::migrations::v2::Reputation {
				assigned: 3,
				fulfilled: 3,
				good_units: 48,
				..Default::default()
			},
		};
		crate::migrations::v2::Provers::<Test>::insert(1, old.clone());
		StorageVersion::new(2).put::<crate::Pallet<Test>>();
		System::set_block_number(5 * ReputationHalfLife::get() + 1);

		crate::migrations::MigrateV2ToV3::<Test>::on_runtime_upgrade();

		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), 3);
		assert_eq!(record(1), old.upgrade(5));
		assert_eq!(record(1).reputation.good_units, 48);
		assert_eq!(
			Provers::prover_info(1).unwrap().reputation_score,
			Perbill::from_rational(49u32, 50)
		);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}
