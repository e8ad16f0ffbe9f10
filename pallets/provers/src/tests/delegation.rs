//! Delegating, undelegating, withdrawing and claiming rewards as a delegator.

use super::*;
use crate::{Error, Event, HoldReason, ProverStatus};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{FixedU128, TokenError};

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

#[test]
fn delegate_holds_the_stake_and_backs_the_prover() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 700);
		assert_eq!(held(HoldReason::Delegation, 2), 700);
		assert_eq!(held(HoldReason::ProverBond, 2), 0);
		assert_eq!(free(2), ENDOWMENT - 700);
		let prover = record(1);
		assert_eq!(prover.delegated, 700);
		assert_eq!(prover.delegators, 1);
		assert_eq!(prover.backing(), 2_700);
		assert_eq!(
			delegation(1, 2),
			Some(Delegation {
				amount: 700,
				reward_checkpoint: FixedU128::from_u32(0),
				unclaimed: 0
			})
		);
		assert_eq!(
			last_event(),
			Event::Delegated { delegator: 2, prover: 1, amount: 700, active_from: 1 }
		);
	});
}

#[test]
fn delegating_again_tops_up_without_counting_a_new_delegator() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, MIN_DELEGATION);
		// A top-up may be small, as long as the whole delegation meets the minimum.
		delegate(2, 1, 1);
		assert_eq!(delegation(1, 2).unwrap().amount, MIN_DELEGATION + 1);
		assert_eq!(held(HoldReason::Delegation, 2), MIN_DELEGATION + 1);
		assert_eq!(record(1).delegated, MIN_DELEGATION + 1);
		assert_eq!(record(1).delegators, 1);
		assert_eq!(
			last_event(),
			Event::Delegated { delegator: 2, prover: 1, amount: 1, active_from: 1 }
		);
	});
}

#[test]
fn one_account_may_back_several_provers_and_be_a_prover_itself() {
	run_test(|| {
		register(1, 2_000);
		register(2, 3_000);
		delegate(3, 1, 400);
		delegate(3, 2, 600);
		delegate(2, 1, 500);
		assert_eq!(held(HoldReason::Delegation, 3), 1_000);
		assert_eq!(held(HoldReason::Delegation, 2), 500);
		assert_eq!(held(HoldReason::ProverBond, 2), 3_000);
		assert_eq!(free(2), ENDOWMENT - 3_500);
		assert_eq!(record(1).delegated, 900);
		assert_eq!(record(2).delegated, 600);
	});
}

#[test]
fn delegate_refuses_zero_self_delegation_and_strangers() {
	run_test(|| {
		assert_noop!(Provers::delegate(signed(2), 1, 500), Error::<Test>::NotRegistered);
		register(1, 2_000);
		assert_noop!(Provers::delegate(signed(2), 1, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Provers::delegate(signed(1), 1, 500), Error::<Test>::CannotDelegateToSelf);
	});
}

#[test]
fn delegate_refuses_a_first_delegation_below_the_minimum() {
	run_test(|| {
		register(1, 2_000);
		assert_noop!(
			Provers::delegate(signed(2), 1, MIN_DELEGATION - 1),
			Error::<Test>::DelegationBelowMinimum
		);
		delegate(2, 1, MIN_DELEGATION);
	});
}

#[test]
fn delegate_refuses_a_leaving_prover() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(Provers::delegate(signed(3), 1, 500), Error::<Test>::ProverLeaving);
		assert_noop!(Provers::delegate(signed(2), 1, 500), Error::<Test>::ProverLeaving);
	});
}

#[test]
fn delegate_refuses_more_than_max_delegators_per_prover() {
	run_test(|| {
		register(1, 2_000);
		for who in 2..=5 {
			delegate(who, 1, 200);
		}
		assert_noop!(Provers::delegate(signed(6), 1, 200), Error::<Test>::TooManyDelegators);
		// Existing delegators may still top up.
		delegate(5, 1, 200);
		assert_eq!(record(1).delegators, 4);
		assert_eq!(record(1).delegated, 1_000);
	});
}

#[test]
fn a_delegator_that_left_frees_its_slot() {
	run_test(|| {
		register(1, 2_000);
		for who in 2..=5 {
			delegate(who, 1, 200);
		}
		undelegate(5, 1, 200);
		// Unbonding stake still occupies the slot.
		assert_noop!(Provers::delegate(signed(6), 1, 200), Error::<Test>::TooManyDelegators);
		run_to_block(1 + UNBONDING);
		withdraw(5, 1);
		assert_eq!(record(1).delegators, 3);
		delegate(6, 1, 200);
		assert_eq!(record(1).delegators, 4);
	});
}

#[test]
fn delegate_fails_without_the_funds() {
	run_test(|| {
		register(1, 2_000);
		assert_noop!(Provers::delegate(signed(2), 1, ENDOWMENT), TokenError::FundsUnavailable);
		assert_noop!(Provers::delegate(signed(FRESH), 1, 500), TokenError::FundsUnavailable);
	});
}

#[test]
fn delegating_to_a_chilled_prover_is_allowed() {
	run_test(|| {
		register(1, 2_000);
		assert_ok!(Provers::chill(signed(1)));
		delegate(2, 1, 500);
		assert_eq!(record(1).status, ProverStatus::Chilled);
		assert_eq!(record(1).delegated, 500);
	});
}

#[test]
fn undelegate_moves_stake_into_a_chunk_that_stays_held() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 700);
		run_to_block(6);
		undelegate(2, 1, 300);
		assert_eq!(delegation(1, 2).unwrap().amount, 400);
		assert_eq!(record(1).delegated, 400);
		assert_eq!(record(1).backing(), 2_400);
		assert_eq!(chunks(1, 2), vec![(300, 6 + UNBONDING)]);
		assert_eq!(held(HoldReason::Delegation, 2), 700);
		assert_eq!(free(2), ENDOWMENT - 700);
		assert_eq!(
			last_event(),
			Event::Unbonding { prover: 1, staker: 2, amount: 300, unlock_at: 6 + UNBONDING }
		);
	});
}

#[test]
fn undelegate_refuses_zero_strangers_and_accounts_that_do_not_delegate() {
	run_test(|| {
		assert_noop!(Provers::undelegate(signed(2), 1, 100), Error::<Test>::NotRegistered);
		register(1, 2_000);
		delegate(2, 1, 500);
		assert_noop!(Provers::undelegate(signed(2), 1, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Provers::undelegate(signed(3), 1, 100), Error::<Test>::NotDelegated);
		assert_noop!(Provers::undelegate(signed(1), 1, 100), Error::<Test>::NotDelegated);
	});
}

#[test]
fn undelegate_refuses_more_than_is_delegated() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		assert_noop!(Provers::undelegate(signed(2), 1, 501), Error::<Test>::NotEnoughDelegated);
	});
}

#[test]
fn undelegate_must_leave_nothing_or_at_least_the_minimum() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		assert_noop!(
			Provers::undelegate(signed(2), 1, 500 - MIN_DELEGATION + 1),
			Error::<Test>::DelegationBelowMinimum
		);
		undelegate(2, 1, 500 - MIN_DELEGATION);
		assert_eq!(delegation(1, 2).unwrap().amount, MIN_DELEGATION);
		undelegate(2, 1, MIN_DELEGATION);
		assert_eq!(delegation(1, 2).unwrap().amount, 0);
	});
}

#[test]
fn undelegate_refuses_a_chunk_beyond_max_unbonding_chunks() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 1_000);
		for block in 1..=3 {
			run_to_block(block);
			undelegate(2, 1, 100);
		}
		run_to_block(4);
		assert_noop!(Provers::undelegate(signed(2), 1, 100), Error::<Test>::TooManyUnbondingChunks);
		run_to_block(1 + UNBONDING);
		withdraw(2, 1);
		undelegate(2, 1, 100);
		assert_eq!(chunks(1, 2), vec![(100, 12), (100, 13), (100, 21)]);
	});
}

#[test]
fn a_leaving_prover_has_nothing_left_to_undelegate() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		assert_ok!(Provers::deregister(signed(1)));
		assert_eq!(record(1).delegated, 0);
		assert_eq!(chunks(1, 2), vec![(500, 1 + UNBONDING)]);
		assert_noop!(Provers::undelegate(signed(2), 1, 100), Error::<Test>::NotEnoughDelegated);
	});
}

#[test]
fn withdrawing_a_delegators_matured_chunks_returns_its_stake() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 800);
		undelegate(2, 1, 300);
		run_to_block(UNBONDING);
		assert_noop!(Provers::withdraw_unbonded(signed(2), 1), Error::<Test>::NothingToWithdraw);
		run_to_block(1 + UNBONDING);
		withdraw(2, 1);
		assert_eq!(free(2), ENDOWMENT - 500);
		assert_eq!(held(HoldReason::Delegation, 2), 500);
		assert!(chunks(1, 2).is_empty());
		assert_eq!(delegation(1, 2).unwrap().amount, 500);
		assert_eq!(record(1).delegators, 1);
		assert_eq!(last_event(), Event::Withdrawn { prover: 1, staker: 2, amount: 300 });
		// The prover's own chunks are not the delegator's.
		assert_noop!(Provers::withdraw_unbonded(signed(2), 1), Error::<Test>::NothingToWithdraw);
	});
}

#[test]
fn withdrawing_everything_drops_the_delegation_record() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 800);
		undelegate(2, 1, 800);
		assert!(delegation(1, 2).is_some(), "unbonding stake keeps the record");
		assert_eq!(record(1).delegators, 1);
		run_to_block(1 + UNBONDING);
		withdraw(2, 1);
		assert!(delegation(1, 2).is_none());
		assert_eq!(record(1).delegators, 0);
		assert_eq!(free(2), ENDOWMENT);
		assert_eq!(held(HoldReason::Delegation, 2), 0);
		// The prover is not leaving.
		assert_eq!(record(1).status, ProverStatus::Active);
	});
}

#[test]
fn claim_rewards_pays_from_the_pot_and_resets_the_unclaimed_amount() {
	run_test(|| {
		register_without_commission(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, 10, 400));
		assert_eq!(pending(1, 2), 200);
		assert_eq!(pot_balance(), ED + 200);

		assert_ok!(Provers::claim_rewards(signed(2), 1));
		assert_eq!(free(2), ENDOWMENT - 1_000 + 200);
		assert_eq!(pot_balance(), ED);
		let after = delegation(1, 2).unwrap();
		assert_eq!(after.unclaimed, 0);
		assert_eq!(after.amount, 1_000);
		assert_eq!(after.reward_checkpoint, record(1).reward_per_share);
		assert_eq!(pending(1, 2), 0);
		assert_eq!(last_event(), Event::RewardsClaimed { delegator: 2, prover: 1, amount: 200 });
		assert_noop!(Provers::claim_rewards(signed(2), 1), Error::<Test>::NoRewards);
	});
}

#[test]
fn claim_rewards_refuses_strangers_and_accounts_that_do_not_delegate() {
	run_test(|| {
		assert_noop!(Provers::claim_rewards(signed(2), 1), Error::<Test>::NotRegistered);
		register(1, 1_000);
		assert_noop!(Provers::claim_rewards(signed(2), 1), Error::<Test>::NotDelegated);
		assert_noop!(Provers::claim_rewards(signed(1), 1), Error::<Test>::NotDelegated);
	});
}

#[test]
fn claim_rewards_without_any_reward_has_no_rewards() {
	run_test(|| {
		register(1, 1_000);
		delegate(2, 1, 1_000);
		assert_noop!(Provers::claim_rewards(signed(2), 1), Error::<Test>::NoRewards);
	});
}

#[test]
fn a_delegator_that_left_keeps_its_record_until_it_claims() {
	run_test(|| {
		register_without_commission(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, 10, 400));
		undelegate(2, 1, 1_000);
		run_to_block(1 + UNBONDING);
		withdraw(2, 1);
		let kept = delegation(1, 2).expect("unclaimed rewards keep the record");
		assert_eq!(kept.amount, 0);
		assert_eq!(kept.unclaimed, 200);
		assert_eq!(record(1).delegators, 1);

		assert_ok!(Provers::claim_rewards(signed(2), 1));
		assert!(delegation(1, 2).is_none());
		assert_eq!(record(1).delegators, 0);
		assert_eq!(free(2), ENDOWMENT + 200);
		assert_eq!(pot_balance(), ED);
	});
}

#[test]
fn claiming_while_stake_unbonds_keeps_the_record_for_the_chunk() {
	run_test(|| {
		register_without_commission(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, 10, 400));
		undelegate(2, 1, 1_000);
		assert_ok!(Provers::claim_rewards(signed(2), 1));
		assert_eq!(delegation(1, 2).unwrap().amount, 0);
		assert_eq!(chunks(1, 2), vec![(1_000, 1 + UNBONDING)]);
		run_to_block(1 + UNBONDING);
		withdraw(2, 1);
		assert!(delegation(1, 2).is_none());
		assert_eq!(free(2), ENDOWMENT + 200);
	});
}

#[test]
fn a_leaving_prover_stays_registered_until_its_last_delegator_leaves() {
	run_test(|| {
		register(1, MIN_BOND);
		delegate(2, 1, 500);
		assert_ok!(Provers::deregister(signed(1)));
		run_to_block(1 + UNBONDING);
		withdraw(1, 1);
		assert_eq!(record(1).status, ProverStatus::Leaving);
		assert_eq!(free(1), ENDOWMENT);

		clear_events();
		withdraw(2, 1);
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert!(delegation(1, 2).is_none());
		assert_eq!(free(2), ENDOWMENT);
		assert_eq!(held(HoldReason::Delegation, 2), 0);
		assert_eq!(
			provers_events(),
			vec![
				Event::Withdrawn { prover: 1, staker: 2, amount: 500 },
				Event::Removed { prover: 1 },
			]
		);
	});
}

#[test]
fn a_leaving_prover_stays_registered_until_its_delegators_claim_their_rewards() {
	run_test(|| {
		register_without_commission(1, MIN_BOND);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, 10, 100));
		// Deregistering unbonds the delegation too.
		assert_ok!(Provers::deregister(signed(1)));
		run_to_block(1 + UNBONDING);
		withdraw(1, 1);
		withdraw(2, 1);
		assert_eq!(pending(1, 2), 50);
		assert_eq!(record(1).delegators, 1);

		assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(2), 1));
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert_eq!(last_event(), Event::Removed { prover: 1 });
		assert_eq!(free(2), ENDOWMENT + 50);
	});
}

/// A delegation is charged for the most warmed-up delegations it could have
/// to activate, and refunded down to those it did.
#[test]
fn delegating_pays_only_for_the_activations_it_made() {
	use frame_support::dispatch::GetDispatchInfo;
	run_test(|| {
		crate::mock::DelegationWarmup::set(&5);
		register(1, 2_000);
		let declared = crate::Call::<Test>::delegate { prover: 1, amount: 500 }
			.get_dispatch_info()
			.call_weight;
		let first = Provers::delegate(signed(2), 1, 500).unwrap();
		assert_eq!(first.actual_weight, Some(<() as crate::WeightInfo>::delegate(0)));
		assert!(first.actual_weight.unwrap().all_lte(declared));
		run_to_block(7);
		let second = Provers::delegate(signed(3), 1, 500).unwrap();
		assert_eq!(second.actual_weight, Some(<() as crate::WeightInfo>::delegate(1)));
		assert_eq!(record(1).delegated, 500);
	});
}
