//! Registering, bonding, unbonding and leaving.

use crate::{mock::*, Error, Event, HoldReason, ProverStatus, Provers as ProverRecords};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

#[test]
fn register_holds_the_bond_and_stores_the_record() {
	run_test(|| {
		register(1, 5_000);
		assert_eq!(held(HoldReason::ProverBond, 1), 5_000);
		assert_eq!(free(1), ENDOWMENT - 5_000);
		let record = ProverRecords::<Test>::get(1).unwrap();
		assert_eq!(record.self_bond, 5_000);
		assert_eq!(record.status, ProverStatus::Active);
		assert_eq!(record.capacity, 2);
		assert_eq!(provers_events(), vec![Event::Registered { prover: 1, bond: 5_000 }]);
	});
}

#[test]
fn register_refuses_a_bond_below_the_minimum() {
	run_test(|| {
		assert_noop!(
			Provers::register(RuntimeOrigin::signed(1), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND - 1),
			Error::<Test>::BondBelowMinimum
		);
		assert_ok!(Provers::register(RuntimeOrigin::signed(1), cpu_box(), 2, 5, Perbill::zero(), MIN_BOND));
	});
}
