//! `ProverRegistry::slash`: what it takes, from whom, and where it goes.

use super::*;
use crate::{Error, Event, HoldReason, ProverStatus};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::market::SlashReason;

/// Prover 1 with self-bond 4_000 and 1_000 of it unbonding; delegator 2 with
/// 1_500 active and 500 unbonding; delegator 3 with 1_000 active.
fn staked_prover_with_unbonding_stake() {
	register(1, 5_000);
	assert_ok!(Provers::unbond(RuntimeOrigin::signed(1), 1_000));
	delegate(2, 1, 2_000);
	undelegate(2, 1, 500);
	delegate(3, 1, 1_000);
	clear_events();
}

/// 10% of everything at stake (8,000) is 800: the self-bond covers it all.
#[test]
fn a_slash_takes_the_fraction_of_all_stake_from_the_self_bond_first() {
	run_test(|| {
		staked_prover_with_unbonding_stake();
		assert_eq!(
			slash(1, Perbill::from_percent(10), None),
			Ok(SlashOutcome { slashed: 800, compensated: 0 })
		);
		// Prover: 800 of the bond; its chunk is untouched.
		assert_eq!(record(1).self_bond, 3_200);
		assert_eq!(chunks(1, 1), vec![(1_000, 1 + UNBONDING)]);
		assert_eq!(held(HoldReason::ProverBond, 1), 4_200);
		// Delegators: untouched.
		assert_eq!(delegation(1, 2).unwrap().amount, 1_500);
		assert_eq!(chunks(1, 2), vec![(500, 1 + UNBONDING)]);
		assert_eq!(held(HoldReason::Delegation, 2), 2_000);
		assert_eq!(delegation(1, 3).unwrap().amount, 1_000);
		assert_eq!(held(HoldReason::Delegation, 3), 1_000);
		assert_eq!(record(1).delegated, 2_500);
		assert_eq!(record(1).backing(), 5_700);
		// Free balances are untouched and the proceeds are burned.
		assert_eq!(free(1), ENDOWMENT - 5_000);
		assert_eq!(free(2), ENDOWMENT - 2_000);
		assert_eq!(free(3), ENDOWMENT - 1_000);
		assert_eq!(burned(), 800);
		assert_eq!(
			provers_events(),
			vec![Event::Slashed {
				prover: 1,
				reason: SlashReason::MissedDeadline,
				amount: 800,
				compensated: 0
			}]
		);
	});
}

/// 70% of 8,000 is 5,600: the prover's bond (4,000) and chunk (1,000) pay
/// first, and the delegators pay the last 600 in proportion to their 3,000
/// (20% of each delegation and chunk).
#[test]
fn delegators_pay_only_what_the_provers_own_stake_cannot() {
	run_test(|| {
		staked_prover_with_unbonding_stake();
		assert_eq!(
			slash(1, Perbill::from_percent(70), None),
			Ok(SlashOutcome { slashed: 5_600, compensated: 0 })
		);
		assert_eq!(record(1).self_bond, 0);
		assert!(chunks(1, 1).is_empty());
		assert_eq!(held(HoldReason::ProverBond, 1), 0);
		assert_eq!(delegation(1, 2).unwrap().amount, 1_200);
		assert_eq!(chunks(1, 2), vec![(400, 1 + UNBONDING)]);
		assert_eq!(delegation(1, 3).unwrap().amount, 800);
		assert_eq!(held(HoldReason::Delegation, 2) + held(HoldReason::Delegation, 3), 2_400);
		assert_eq!(burned(), 5_600);
	});
}

#[test]
fn unbonding_funds_are_slashed_like_active_stake() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 1_000);
		// Deregistering unbonds the delegation with the bond.
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(1)));
		assert_eq!(record(1).backing(), 0);

		// Half of the 3,000 unbonding, all of it from the prover's own chunk.
		assert_eq!(
			slash(1, Perbill::from_percent(50), None),
			Ok(SlashOutcome { slashed: 1_500, compensated: 0 })
		);
		assert_eq!(chunks(1, 1), vec![(500, 1 + UNBONDING)]);
		assert_eq!(chunks(1, 2), vec![(1_000, 1 + UNBONDING)]);

		run_to_block(1 + UNBONDING);
		withdraw(1, 1);
		withdraw(2, 1);
		assert_eq!(free(1), ENDOWMENT - 1_500);
		assert_eq!(free(2), ENDOWMENT);
		assert_eq!(held(HoldReason::ProverBond, 1), 0);
		assert_eq!(held(HoldReason::Delegation, 2), 0);
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert_eq!(burned(), 1_500);
	});
}

/// 95% of 1,215 is 1,154: the bond pays 1,005, the delegators' 149 of 210
/// is a share each rounds down, so together they pay 148, never more.
#[test]
fn each_delegator_is_rounded_down_on_its_own() {
	run_test(|| {
		register(1, 1_005);
		delegate(2, 1, 105);
		delegate(3, 1, 105);
		assert_eq!(
			slash(1, Perbill::from_percent(95), None),
			Ok(SlashOutcome { slashed: 1_153, compensated: 0 })
		);
		assert_eq!(record(1).self_bond, 0);
		assert_eq!(delegation(1, 2).unwrap().amount, 31);
		assert_eq!(delegation(1, 3).unwrap().amount, 31);
	});
}

#[test]
fn a_zero_fraction_takes_nothing() {
	run_test(|| {
		staked_prover_with_unbonding_stake();
		assert_eq!(
			slash(1, Perbill::zero(), Some((9, 100))),
			Ok(SlashOutcome { slashed: 0, compensated: 0 })
		);
		assert_eq!(held(HoldReason::ProverBond, 1), 5_000);
		assert_eq!(record(1).backing(), 6_500);
		assert_eq!(free(9), ENDOWMENT);
		assert_eq!(burned(), 0);
	});
}

#[test]
fn compensation_is_paid_up_to_its_amount_and_the_rest_burned() {
	run_test(|| {
		staked_prover_with_unbonding_stake();
		assert_eq!(
			slash_for(1, Perbill::from_percent(10), SlashReason::InvalidProof, Some((9, 300))),
			Ok(SlashOutcome { slashed: 800, compensated: 300 })
		);
		assert_eq!(free(9), ENDOWMENT + 300);
		assert_eq!(burned(), 500);
		assert_eq!(
			last_event(),
			Event::Slashed {
				prover: 1,
				reason: SlashReason::InvalidProof,
				amount: 800,
				compensated: 300
			}
		);
	});
}

#[test]
fn compensation_above_the_slash_receives_the_whole_slash() {
	run_test(|| {
		staked_prover_with_unbonding_stake();
		assert_eq!(
			slash(1, Perbill::from_percent(10), Some((9, 10_000))),
			Ok(SlashOutcome { slashed: 800, compensated: 800 })
		);
		assert_eq!(free(9), ENDOWMENT + 800);
		assert_eq!(burned(), 0);
	});
}

#[test]
fn compensation_may_create_a_fresh_account() {
	run_test(|| {
		register(1, 1_000);
		assert_eq!(
			slash(1, Perbill::from_percent(10), Some((FRESH, 100))),
			Ok(SlashOutcome { slashed: 100, compensated: 100 })
		);
		assert_eq!(free(FRESH), 100);
		assert_eq!(burned(), 0);
	});
}

#[test]
fn compensation_an_account_cannot_receive_goes_to_the_sink() {
	run_test(|| {
		register(1, 1_000);
		// 0.5% of 1_000 is 5, below the existential deposit of a fresh account.
		assert_eq!(
			slash(1, Perbill::from_perthousand(5), Some((FRESH, 1_000))),
			Ok(SlashOutcome { slashed: 5, compensated: 0 })
		);
		assert_eq!(free(FRESH), 0);
		assert_eq!(burned(), 5);
		// A compensation capped below the existential deposit fails alike, and
		// the whole slash is burned.
		assert_eq!(
			slash(1, Perbill::from_percent(10), Some((FRESH, ED - 1))),
			Ok(SlashOutcome { slashed: 99, compensated: 0 })
		);
		assert_eq!(free(FRESH), 0);
		assert_eq!(burned(), 104);
		assert_eq!(
			last_event(),
			Event::Slashed {
				prover: 1,
				reason: SlashReason::MissedDeadline,
				amount: 99,
				compensated: 0
			}
		);
	});
}

#[test]
fn delegation_records_emptied_by_a_slash_are_dropped() {
	run_test(|| {
		register_without_commission(1, 2_000);
		delegate(2, 1, 500);
		delegate(3, 1, 500);
		assert_ok!(reward(1, 10, 300));
		assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(2), 1));

		assert_eq!(
			slash(1, Perbill::one(), None),
			Ok(SlashOutcome { slashed: 3_000, compensated: 0 })
		);
		// 2 had nothing left and is gone; 3 keeps its record for its rewards.
		assert!(delegation(1, 2).is_none());
		assert_eq!(delegation(1, 3).unwrap().amount, 0);
		assert_eq!(pending(1, 3), 50);
		let prover = record(1);
		assert_eq!((prover.self_bond, prover.delegated, prover.delegators), (0, 0, 1));
		assert_eq!(held(HoldReason::Delegation, 2), 0);
		assert_eq!(held(HoldReason::Delegation, 3), 0);
		assert_eq!(held(HoldReason::ProverBond, 1), 0);

		assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(3), 1));
		assert!(delegation(1, 3).is_none());
		assert_eq!(record(1).delegators, 0);
		assert_eq!(pot_balance(), ED);
	});
}

#[test]
fn a_delegation_whose_chunk_survives_the_slash_is_kept() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 500);
		undelegate(2, 1, 500);
		// 90% of 2,500: 2,000 from the bond, 250 (half) of the chunk.
		assert_ok!(slash(1, Perbill::from_percent(90), None));
		assert_eq!(chunks(1, 2), vec![(250, 1 + UNBONDING)]);
		assert_eq!(delegation(1, 2).unwrap().amount, 0);
		assert_eq!(record(1).delegators, 1);
	});
}

#[test]
fn rewards_earned_before_a_slash_stay_claimable() {
	run_test(|| {
		register_without_commission(1, 3_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, 10, 1_000));
		assert_eq!(pending(1, 2), 250);
		// Half of 4,000, all from the bond: the delegator's stake is whole.
		assert_ok!(slash(1, Perbill::from_percent(50), None));
		assert_eq!(pending(1, 2), 250);
		assert_eq!(delegation(1, 2).unwrap().amount, 1_000);
		// Backing is now 1,000 + 1,000: half of the next reward is the delegator's.
		assert_ok!(reward(1, 10, 1_000));
		assert_eq!(pending(1, 2), 750);
		assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(2), 1));
		assert_eq!(free(2), ENDOWMENT - 1_000 + 750);
	});
}

#[test]
fn a_prover_slashed_below_the_minimum_bond_can_only_top_up_or_leave() {
	run_test(|| {
		register(1, 1_000);
		assert_ok!(slash(1, Perbill::from_percent(50), None));
		assert_eq!(record(1).self_bond, 500);
		assert_eq!(record(1).status, ProverStatus::Active);
		assert_noop!(Provers::unbond(RuntimeOrigin::signed(1), 1), Error::<Test>::BondBelowMinimum);
		assert_ok!(Provers::bond_more(RuntimeOrigin::signed(1), 500));
		assert_eq!(record(1).self_bond, MIN_BOND);
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(1)));
		assert_eq!(chunks(1, 1), vec![(MIN_BOND, 1 + UNBONDING)]);
	});
}

#[test]
fn a_leaving_prover_slashed_to_nothing_is_removed() {
	run_test(|| {
		register(1, 1_000);
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(1)));
		assert_eq!(
			slash(1, Perbill::one(), None),
			Ok(SlashOutcome { slashed: 1_000, compensated: 0 })
		);
		// Nothing is left to withdraw, so nothing else could remove the record.
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert!(chunks(1, 1).is_empty());
		assert_eq!(last_event(), Event::Removed { prover: 1 });
		// The account may come back.
		register(1, MIN_BOND);
	});
}

#[test]
fn slash_refuses_an_unregistered_prover() {
	run_test(|| {
		assert_noop!(
			slash(1, Perbill::from_percent(10), Some((9, 100))),
			Error::<Test>::NotRegistered
		);
	});
}
