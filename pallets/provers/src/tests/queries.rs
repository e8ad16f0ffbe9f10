//! The `Pallet` functions behind `ProversApi`.

use super::*;
use crate::{DelegationInfo, Parameters, ProverInfo};
use frame_support::assert_ok;

#[test]
fn prover_info_shows_the_record_backing_score_and_own_unbonding() {
	run_test(|| {
		assert_eq!(Provers::prover_info(1), None);
		register(1, 3_000);
		assert_ok!(Provers::unbond(RuntimeOrigin::signed(1), 1_000));
		delegate(2, 1, 500);
		undelegate(2, 1, 100);
		assert_ok!(reserve(1));
		assert_ok!(release(1, FULFILLED));

		assert_eq!(
			Provers::prover_info(1),
			Some(ProverInfo {
				record: record(1),
				backing: 2_400,
				reputation_score: Perbill::from_rational(2u32, 3),
				// The delegator's chunk is not the prover's.
				unbonding: vec![UnbondingChunk { amount: 1_000, unlock_at: 1 + UNBONDING }],
				services: vec![],
			})
		);
		assert_eq!(Provers::prover_info(2), None);
	});
}

#[test]
fn delegations_of_lists_every_position_with_its_claimable_rewards() {
	run_test(|| {
		assert!(Provers::delegations_of(2).is_empty());
		register_without_commission(1, 1_000);
		register_without_commission(3, 1_000);
		register(4, 1_000);
		delegate(2, 1, 1_000);
		delegate(2, 3, 500);
		undelegate(2, 3, 200);
		assert_ok!(reward(1, 10, 600));

		let mut positions = Provers::delegations_of(2);
		positions.sort_by_key(|position| position.prover);
		assert_eq!(
			positions,
			vec![
				DelegationInfo {
					prover: 1,
					amount: 1_000,
					warming: None,
					pending_rewards: 300,
					unbonding: vec![]
				},
				DelegationInfo {
					prover: 3,
					amount: 300,
					warming: None,
					pending_rewards: 0,
					unbonding: vec![UnbondingChunk { amount: 200, unlock_at: 1 + UNBONDING }],
				},
			]
		);
		// Nothing for accounts that back no one, provers included.
		assert!(Provers::delegations_of(4).is_empty());
		assert!(Provers::delegations_of(1).is_empty());
	});
}

#[test]
fn delegations_of_shows_a_position_kept_only_for_its_rewards() {
	run_test(|| {
		register_without_commission(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, 10, 600));
		undelegate(2, 1, 1_000);
		run_to_block(1 + UNBONDING);
		withdraw(2, 1);
		assert_eq!(
			Provers::delegations_of(2),
			vec![DelegationInfo {
				prover: 1,
				amount: 0,
				warming: None,
				pending_rewards: 300,
				unbonding: vec![]
			}]
		);
	});
}

#[test]
fn eligible_provers_lists_the_provers_a_request_could_get_with_their_backing() {
	run_test(|| {
		assert!(Provers::eligible_provers(any_prover(), any_job()).is_empty());
		register(1, 1_000);
		register(2, 2_000);
		delegate(5, 2, 700);
		register(3, 3_000);
		assert_ok!(Provers::chill(RuntimeOrigin::signed(3)));

		let mut eligible = Provers::eligible_provers(any_prover(), any_job());
		eligible.sort();
		assert_eq!(eligible, vec![(1, 1_000), (2, 2_700)]);
		// The request's requirements apply.
		let demanding = ProverRequirements { min_stake: 2_000, ..any_prover() };
		assert_eq!(Provers::eligible_provers(demanding, any_job()), vec![(2, 2_700)]);
	});
}

#[test]
fn parameters_shows_the_parameters_in_force() {
	run_test(|| {
		let defaults = Parameters {
			min_prover_bond: MIN_BOND,
			min_delegation: MIN_DELEGATION,
			missed_deadline_slash: Perbill::from_percent(10),
			invalid_proof_slash: Perbill::from_percent(50),
		};
		assert_eq!(Provers::parameters(), defaults);
		assert_ok!(Provers::set_parameters(RuntimeOrigin::root(), None, Some(250), None, None));
		assert_eq!(Provers::parameters(), Parameters { min_delegation: 250, ..defaults });
	});
}
