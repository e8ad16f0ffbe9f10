//! Governance: parameters, forced chills.

use super::*;
use crate::{CurrentParameters, Error, Event, Parameters, ProverStatus};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::market::SlashReason;
use sp_runtime::DispatchError;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn defaults() -> Parameters<Balance> {
	Parameters {
		min_prover_bond: MIN_BOND,
		min_delegation: MIN_DELEGATION,
		missed_deadline_slash: Perbill::from_percent(10),
		invalid_proof_slash: Perbill::from_percent(50),
	}
}

fn slash_fraction(reason: SlashReason) -> Perbill {
	<Provers as ProverRegistry<_, _>>::slash_fraction(reason)
}

#[test]
fn the_default_parameters_are_in_force_at_genesis() {
	run_test(|| {
		assert_eq!(CurrentParameters::<Test>::get(), defaults());
		assert_eq!(slash_fraction(SlashReason::MissedDeadline), Perbill::from_percent(10));
		assert_eq!(slash_fraction(SlashReason::InvalidProof), Perbill::from_percent(50));
	});
}

#[test]
fn set_parameters_changes_only_the_given_parameters() {
	run_test(|| {
		assert_ok!(Provers::set_parameters(
			root(),
			Some(2_000),
			None,
			Some(Perbill::from_percent(5)),
			None
		));
		let expected = Parameters {
			min_prover_bond: 2_000,
			missed_deadline_slash: Perbill::from_percent(5),
			..defaults()
		};
		assert_eq!(CurrentParameters::<Test>::get(), expected);
		assert_eq!(last_event(), Event::ParametersSet { parameters: expected });

		assert_ok!(Provers::set_parameters(root(), None, Some(7), None, Some(Perbill::one())));
		let expected =
			Parameters { min_delegation: 7, invalid_proof_slash: Perbill::one(), ..expected };
		assert_eq!(CurrentParameters::<Test>::get(), expected);
		assert_eq!(slash_fraction(SlashReason::MissedDeadline), Perbill::from_percent(5));
		assert_eq!(slash_fraction(SlashReason::InvalidProof), Perbill::one());
	});
}

#[test]
fn set_parameters_with_nothing_given_restates_the_parameters() {
	run_test(|| {
		assert_ok!(Provers::set_parameters(root(), None, None, None, None));
		assert_eq!(CurrentParameters::<Test>::get(), defaults());
		assert_eq!(last_event(), Event::ParametersSet { parameters: defaults() });
	});
}

#[test]
fn set_parameters_refuses_zero_minimums() {
	run_test(|| {
		assert_noop!(
			Provers::set_parameters(root(), Some(0), None, None, None),
			Error::<Test>::InvalidParameter
		);
		assert_noop!(
			Provers::set_parameters(root(), None, Some(0), None, None),
			Error::<Test>::InvalidParameter
		);
		// One invalid value rejects the others given with it.
		assert_noop!(
			Provers::set_parameters(root(), Some(5_000), Some(0), Some(Perbill::one()), None),
			Error::<Test>::InvalidParameter
		);
		// Zero slash fractions are allowed.
		assert_ok!(Provers::set_parameters(
			root(),
			Some(1),
			Some(1),
			Some(Perbill::zero()),
			Some(Perbill::zero())
		));
	});
}

#[test]
fn set_parameters_needs_the_governance_origin() {
	run_test(|| {
		assert_noop!(
			Provers::set_parameters(RuntimeOrigin::signed(1), Some(2_000), None, None, None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Provers::set_parameters(RuntimeOrigin::none(), None, None, None, None),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_raised_minimum_bond_binds_new_registrations_and_unbonding() {
	run_test(|| {
		register(1, 3_000);
		assert_ok!(Provers::set_parameters(root(), Some(2_500), None, None, None));
		// Existing provers keep their record.
		assert_eq!(record(1).self_bond, 3_000);
		assert_noop!(
			Provers::register(RuntimeOrigin::signed(2), cpu_box(), 2, 5, Perbill::zero(), 2_499),
			Error::<Test>::BondBelowMinimum
		);
		assert_noop!(
			Provers::unbond(RuntimeOrigin::signed(1), 501),
			Error::<Test>::BondBelowMinimum
		);
		assert_ok!(Provers::unbond(RuntimeOrigin::signed(1), 500));
	});
}

#[test]
fn a_raised_minimum_delegation_binds_new_delegations_and_what_stays_delegated() {
	run_test(|| {
		register(1, 3_000);
		delegate(2, 1, 300);
		assert_ok!(Provers::set_parameters(root(), None, Some(500), None, None));
		assert_noop!(
			Provers::delegate(RuntimeOrigin::signed(3), 1, 499),
			Error::<Test>::DelegationBelowMinimum
		);
		assert_noop!(
			Provers::delegate(RuntimeOrigin::signed(2), 1, 199),
			Error::<Test>::DelegationBelowMinimum
		);
		assert_noop!(
			Provers::undelegate(RuntimeOrigin::signed(2), 1, 100),
			Error::<Test>::DelegationBelowMinimum
		);
		// Leaving entirely is always allowed; so is topping up to the new minimum.
		delegate(2, 1, 200);
		undelegate(2, 1, 500);
	});
}

#[test]
fn force_chill_stops_an_active_or_chilled_prover() {
	run_test(|| {
		register(1, MIN_BOND);
		register(2, MIN_BOND);
		assert_ok!(Provers::chill(RuntimeOrigin::signed(2)));
		for prover in [1, 2] {
			assert_ok!(Provers::force_chill(root(), prover));
			assert_eq!(record(prover).status, ProverStatus::ForceChilled);
			assert_eq!(last_event(), Event::Chilled { prover, forced: true });
		}
		// Forcing again is harmless.
		assert_ok!(Provers::force_chill(root(), 1));
		assert_eq!(record(1).status, ProverStatus::ForceChilled);
	});
}

#[test]
fn force_chill_refuses_strangers_leaving_provers_and_other_origins() {
	run_test(|| {
		assert_noop!(Provers::force_chill(root(), 1), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_noop!(Provers::force_chill(RuntimeOrigin::signed(2), 1), DispatchError::BadOrigin);
		assert_noop!(Provers::force_chill(RuntimeOrigin::signed(1), 1), DispatchError::BadOrigin);
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(1)));
		assert_noop!(Provers::force_chill(root(), 1), Error::<Test>::ProverLeaving);
	});
}

#[test]
fn lifting_a_force_chill_leaves_the_prover_chilled_until_it_activates() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(Provers::force_chill(root(), 1));
		assert_ok!(Provers::lift_force_chill(root(), 1));
		assert_eq!(record(1).status, ProverStatus::Chilled);
		assert_eq!(last_event(), Event::ForceChillLifted { prover: 1 });
		assert_noop!(reserve(1), Error::<Test>::NotActive);
		assert_ok!(Provers::activate(RuntimeOrigin::signed(1)));
		assert_eq!(record(1).status, ProverStatus::Active);
	});
}

#[test]
fn lift_force_chill_refuses_strangers_provers_not_force_chilled_and_other_origins() {
	run_test(|| {
		assert_noop!(Provers::lift_force_chill(root(), 1), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_noop!(Provers::lift_force_chill(root(), 1), Error::<Test>::NotForceChilled);
		assert_ok!(Provers::chill(RuntimeOrigin::signed(1)));
		assert_noop!(Provers::lift_force_chill(root(), 1), Error::<Test>::NotForceChilled);
		assert_ok!(Provers::force_chill(root(), 1));
		assert_noop!(
			Provers::lift_force_chill(RuntimeOrigin::signed(1), 1),
			DispatchError::BadOrigin
		);
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(1)));
		assert_noop!(Provers::lift_force_chill(root(), 1), Error::<Test>::NotForceChilled);
	});
}
