//! `ProverRegistry::reward`: commission, the split by stake, reward-per-share and the pot.

use super::*;
use crate::{Error, Event, HoldReason};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{FixedU128, TokenError};

/// The account paying for jobs in these tests.
const PAYER: AccountId = 10;

#[test]
fn a_reward_without_delegators_goes_entirely_to_the_prover() {
	run_test(|| {
		register(1, 5_000);
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(free(1), ENDOWMENT - 5_000 + 1_000);
		assert_eq!(free(PAYER), ENDOWMENT - 1_000);
		assert_eq!(pot_balance(), ED);
		assert_eq!(record(1).reward_per_share, FixedU128::from_u32(0));
		assert_eq!(
			last_event(),
			Event::Rewarded { prover: 1, amount: 1_000, to_prover: 1_000, to_delegators: 0 }
		);
	});
}

#[test]
fn a_reward_pays_the_commission_then_splits_the_rest_by_stake() {
	run_test(|| {
		// 10% commission, self-bond 3_000, delegated 1_000.
		register(1, 3_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, PAYER, 1_000));
		// Commission 100; the other 900 split 3:1, the delegators' quarter is 225.
		assert_eq!(free(1), ENDOWMENT - 3_000 + 775);
		assert_eq!(free(PAYER), ENDOWMENT - 1_000);
		assert_eq!(pot_balance(), ED + 225);
		assert_eq!(record(1).reward_per_share, FixedU128::from_rational(225, 1_000));
		assert_eq!(pending(1, 2), 225);
		// Nothing reaches the delegator until it claims.
		assert_eq!(free(2), ENDOWMENT - 1_000);
		assert_eq!(
			last_event(),
			Event::Rewarded { prover: 1, amount: 1_000, to_prover: 775, to_delegators: 225 }
		);
	});
}

#[test]
fn a_full_commission_leaves_nothing_for_the_delegators() {
	run_test(|| {
		crate::mock::MaxCommission::set(Perbill::one());
		register_with(1, cpu_box(), 2, 5, Perbill::one(), 1_000);
		delegate(2, 1, 9_000);
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(free(1), ENDOWMENT - 1_000 + 1_000);
		assert_eq!(pot_balance(), ED);
		assert_eq!(pending(1, 2), 0);
	});
}

#[test]
fn a_reward_to_a_leaving_prover_goes_to_it_since_no_stake_backs_it() {
	run_test(|| {
		register(1, 2_000);
		delegate(2, 1, 1_000);
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(1)));
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(free(1), ENDOWMENT - 2_000 + 1_000);
		assert_eq!(pot_balance(), ED);
		assert_eq!(pending(1, 2), 0);
	});
}

#[test]
fn reward_per_share_pays_each_delegator_for_the_rewards_while_it_was_staked() {
	run_test(|| {
		register_without_commission(1, 1_000);

		delegate(2, 1, 1_000);
		// Backing 2_000, delegated 1_000: 500 to delegators, 0.5 per share.
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(record(1).reward_per_share, FixedU128::from_rational(1, 2));

		delegate(3, 1, 3_000);
		assert_eq!(delegation(1, 3).unwrap().reward_checkpoint, FixedU128::from_rational(1, 2));
		// Backing 5_000, delegated 4_000: 800, 0.2 per share.
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(pending(1, 2), 700);
		assert_eq!(pending(1, 3), 600);

		undelegate(2, 1, 1_000);
		let settled = delegation(1, 2).unwrap();
		assert_eq!(settled.unclaimed, 700);
		assert_eq!(settled.reward_checkpoint, FixedU128::from_rational(7, 10));
		// Backing 4_000, delegated 3_000: 1_500, 0.5 per share; 2 no longer earns.
		assert_ok!(reward(1, PAYER, 2_000));
		assert_eq!(pending(1, 2), 700);
		assert_eq!(pending(1, 3), 2_100);

		delegate(4, 1, 1_000);
		// Backing 5_000, delegated 4_000: 400, 0.1 per share.
		assert_ok!(reward(1, PAYER, 500));
		assert_eq!(record(1).reward_per_share, FixedU128::from_rational(13, 10));
		assert_eq!(pending(1, 2), 700);
		assert_eq!(pending(1, 3), 2_400);
		assert_eq!(pending(1, 4), 100);

		// 4_500 paid: 3_200 to the pot, 1_300 to the prover.
		assert_eq!(free(PAYER), ENDOWMENT - 4_500);
		assert_eq!(pot_balance(), ED + 3_200);
		assert_eq!(free(1), ENDOWMENT - 1_000 + 1_300);

		for (who, earned) in [(2, 700), (3, 2_400), (4, 100)] {
			let before = free(who);
			assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(who), 1));
			assert_eq!(free(who), before + earned);
		}
		assert_eq!(pot_balance(), ED);
	});
}

#[test]
fn topping_up_a_delegation_settles_what_the_old_amount_earned() {
	run_test(|| {
		register_without_commission(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, PAYER, 1_000));
		delegate(2, 1, 2_000);
		let topped_up = delegation(1, 2).unwrap();
		assert_eq!(topped_up.unclaimed, 500);
		assert_eq!(topped_up.reward_checkpoint, FixedU128::from_rational(1, 2));
		// Backing 4_000, delegated 3_000: 750 more, all of it the delegator's.
		assert_ok!(reward(1, PAYER, 1_000));
		assert_eq!(pending(1, 2), 1_250);
		assert_eq!(pot_balance(), ED + 1_250);
	});
}

#[test]
fn rounding_leaves_dust_in_the_pot_rather_than_overpaying() {
	run_test(|| {
		register_without_commission(1, 1_000);
		for who in 2..=4 {
			delegate(who, 1, 100);
		}
		// ⌊10 · 300 / 1_300⌋ = 2 to the delegators, 8 to the prover.
		assert_ok!(reward(1, PAYER, 10));
		assert_eq!(
			last_event(),
			Event::Rewarded { prover: 1, amount: 10, to_prover: 8, to_delegators: 2 }
		);
		// 2 / 300 per share, rounded down to 18 decimals.
		let step = FixedU128::from_inner(6_666_666_666_666_666);
		assert_eq!(record(1).reward_per_share, step);
		for who in 2..=4 {
			assert_eq!(pending(1, who), 0);
			assert_noop!(
				Provers::claim_rewards(RuntimeOrigin::signed(who), 1),
				Error::<Test>::NoRewards
			);
		}
		for _ in 1..150 {
			assert_ok!(reward(1, PAYER, 10));
		}
		// 150 steps are 0.9999999999999999 per share: 99 each, 3 plank of dust.
		assert_eq!(record(1).reward_per_share, FixedU128::from_inner(150 * step.into_inner()));
		assert_eq!(pot_balance(), ED + 300);
		for who in 2..=4 {
			assert_eq!(pending(1, who), 99);
			assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(who), 1));
			assert_eq!(free(who), ENDOWMENT - 100 + 99);
		}
		assert_eq!(pot_balance(), ED + 3);
	});
}

#[test]
fn claims_never_exceed_what_the_pot_received() {
	run_test(|| {
		register_with(1, cpu_box(), 2, 5, Perbill::from_percent(7), 1_337);
		let stakes = [(2, 101), (3, 997), (4, 3_301), (5, 100)];
		let mut to_pot = 0;
		let mut claimed = 0;
		for (round, amount) in [7u128, 1, 999, 12_345, 3, 77_777, 2, 31].into_iter().enumerate() {
			// Delegators join one per round and the first leaves half-way.
			if let Some(&(who, stake)) = stakes.get(round) {
				delegate(who, 1, stake);
			}
			if round == 5 {
				undelegate(2, 1, 101);
			}
			let pot_before = pot_balance();
			assert_ok!(reward(1, PAYER, amount));
			to_pot += pot_balance() - pot_before;
			let owed: Balance = stakes
				.iter()
				.filter(|&&(who, _)| delegation(1, who).is_some())
				.map(|&(who, _)| pending(1, who))
				.sum();
			assert!(ED + owed <= pot_balance(), "round {round}: owed {owed} exceeds the pot");
		}
		for (who, _) in stakes {
			let before = free(who);
			if pending(1, who) > 0 {
				assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(who), 1));
			}
			claimed += free(who) - before;
		}
		assert!(claimed <= to_pot);
		// At most one plank per delegator per reward is left behind.
		assert!(to_pot - claimed <= 8 * 4, "dust {} is too large", to_pot - claimed);
		assert_eq!(pot_balance(), ED + to_pot - claimed);
	});
}

#[test]
fn a_zero_reward_moves_nothing() {
	run_test(|| {
		register(1, 1_000);
		delegate(2, 1, 1_000);
		assert_ok!(reward(1, PAYER, 0));
		assert_eq!(free(PAYER), ENDOWMENT);
		assert_eq!(free(1), ENDOWMENT - 1_000);
		assert_eq!(pot_balance(), ED);
		assert_eq!(record(1).reward_per_share, FixedU128::from_u32(0));
		assert_eq!(
			last_event(),
			Event::Rewarded { prover: 1, amount: 0, to_prover: 0, to_delegators: 0 }
		);
	});
}

#[test]
fn reward_refuses_an_unregistered_prover() {
	run_test(|| {
		assert_noop!(reward(1, PAYER, 1_000), Error::<Test>::NotRegistered);
	});
}

#[test]
fn a_reward_the_payer_cannot_fund_changes_nothing() {
	run_test(|| {
		register(1, 3_000);
		delegate(2, 1, 1_000);
		assert_noop!(reward(1, FRESH, 1_000), TokenError::FundsUnavailable);
		// The payer covers the prover's 775_001 but not the delegators' 225_000:
		// the first transfer is undone with the second.
		assert_noop!(reward(1, PAYER, ENDOWMENT + 1), TokenError::FundsUnavailable);
	});
}

#[test]
fn the_payer_may_be_emptied_by_a_reward() {
	run_test(|| {
		register(1, 1_000);
		assert_ok!(reward(1, PAYER, ENDOWMENT));
		assert_eq!(free(PAYER), 0);
		assert_eq!(free(1), 2 * ENDOWMENT - 1_000);
	});
}

#[test]
fn a_payer_left_with_dust_is_reaped() {
	// Not `run_test`: the balances pallet destroys the payer's dust, so issuance
	// falls by more than the burned slashes.
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		register(1, 1_000);
		assert_ok!(reward(1, PAYER, ENDOWMENT - (ED - 1)));
		assert_eq!(free(PAYER), 0);
		assert!(!System::account_exists(&PAYER));
		assert_eq!(free(1), 2 * ENDOWMENT - (ED - 1) - 1_000);
		assert_eq!(Balances::total_issuance(), issuance - (ED - 1));
		assert_ok!(Provers::do_try_state());
	});
}

#[test]
fn a_reward_whose_increment_would_overflow_reward_per_share_goes_to_the_prover() {
	// Reachable only with a dust-sized delegated stake after a long history, so the
	// split is checked on a crafted record.
	let mut prover = ProverRecord {
		hardware: cpu_box(),
		capacity: 1,
		in_use: 0,
		units_in_use: 0,
		ask: 0,
		commission: Perbill::zero(),
		status: crate::ProverStatus::Active,
		self_bond: 0,
		delegated: 1,
		delegators: 1,
		reward_per_share: FixedU128::from_inner(u128::MAX - 10),
		reputation: Default::default(),
	};
	let unchanged = crate::rewards::RewardSplit {
		to_prover: 1_000,
		to_delegators: 0,
		reward_per_share: prover.reward_per_share,
	};
	assert_eq!(crate::rewards::split(&prover, 1_000), unchanged);
	// With room left, the same reward goes to the delegator.
	prover.reward_per_share = FixedU128::from_u32(0);
	assert_eq!(
		crate::rewards::split(&prover, 1_000),
		crate::rewards::RewardSplit {
			to_prover: 0,
			to_delegators: 1_000,
			reward_per_share: FixedU128::from_u32(1_000),
		}
	);
}

/// Attack 7: a delegator watches the pool, delegates a large stake to a
/// prover right after it locked a big job and before the proof lands, and
/// claims most of the reward. Before, the reward was split by the stake at
/// payment. Now new stake warms up longer than any job runs: it shares
/// nothing of jobs already running, and earns only once active.
#[test]
fn a_just_in_time_delegation_shares_no_reward_of_a_running_job() {
	run_test(|| {
		crate::mock::DelegationWarmup::set(&20);
		register_without_commission(1, 1_000);
		delegate(2, 1, 1_000);
		run_to_block(21);
		assert_eq!(record(1).delegated, 0, "warming until the next touch");
		// The prover is offered a job: the honest delegation is active now.
		assert_ok!(reserve(1));
		assert_eq!(record(1).delegated, 1_000);
		// The attacker delegates 98,000 after the job was taken.
		delegate(3, 1, 98_000);
		assert_eq!(record(1).backing(), 2_000);
		assert_eq!(held(HoldReason::Delegation, 3), 98_000);
		run_to_block(25);
		assert_ok!(release(1, FULFILLED));
		assert_ok!(reward(1, 10, 1_000));
		// Split between the stake that backed the job: half each.
		assert_eq!((pending(1, 2), pending(1, 3)), (500, 0));
		assert_eq!(
			Provers::delegations_of(3)[0].warming,
			Some((98_000, 21 + 20)),
			"the attacker's stake is still warming"
		);
		// Once active it earns like any stake: a job paid now was locked after
		// it delegated, since no job runs as long as the warm-up.
		run_to_block(41);
		assert_ok!(reward(1, 10, 1_000));
		assert_eq!(record(1).delegated, 99_000);
		assert_eq!(pending(1, 3), 980);
	});
}

/// Warming stake is held, but neither backs the prover nor is slashed.
#[test]
fn warming_stake_is_not_slashed() {
	run_test(|| {
		crate::mock::DelegationWarmup::set(&20);
		register(1, 2_000);
		delegate(2, 1, 1_000);
		assert_ok!(slash(1, Perbill::from_percent(50), None));
		assert_eq!(held(HoldReason::Delegation, 2), 1_000);
		assert_eq!(record(1).self_bond, 1_000);
	});
}

/// `ProverRegistry::reward_many`.
fn reward_many(prover: AccountId, payments: &[(AccountId, Balance)]) -> DispatchResult {
	<Provers as prova_primitives::market::ProverRegistry<_, _>>::reward_many(&prover, payments)
}

#[test]
fn many_payments_split_once_exactly_as_one_reward_of_their_sum() {
	run_test(|| {
		// 10% commission, self-bond 3_000, delegated 1_000 (see above).
		register(1, 3_000);
		delegate(2, 1, 1_000);
		let payments = [(10, 333), (11, 333), (12, 334)];
		assert_ok!(reward_many(1, &payments));
		// As one reward of 1_000: 775 to the prover, 225 to the pot.
		assert_eq!(free(1), ENDOWMENT - 3_000 + 775);
		assert_eq!(pot_balance(), ED + 225);
		assert_eq!(record(1).reward_per_share, FixedU128::from_rational(225, 1_000));
		// Each payer pays exactly its amount: ⌊225·333/1000⌋ = 74,
		// ⌊225·666/1000⌋ − 74 = 75, 225 − 149 = 76 to the pot.
		for (payer, paid) in payments {
			assert_eq!(free(payer), ENDOWMENT - paid);
		}
		assert_eq!(
			last_event(),
			Event::Rewarded { prover: 1, amount: 1_000, to_prover: 775, to_delegators: 225 }
		);
	});
}

#[test]
fn the_delegators_part_divides_among_payers_to_the_plank() {
	for (amounts, total) in [
		(vec![1u128, 1, 1], 2u128),
		(vec![7, 0, 13, 1], 20),
		(vec![999, 1], 1_000),
		(vec![5], 3),
		(vec![u64::MAX as u128, 3, u64::MAX as u128], 1 << 63),
	] {
		let parts = crate::rewards::split_among(&amounts, total);
		assert_eq!(parts.iter().sum::<u128>(), total, "{amounts:?}");
		assert!(parts.iter().zip(&amounts).all(|(part, amount)| part <= amount), "{amounts:?}");
	}
	assert!(crate::rewards::split_among(&[], 0).is_empty());
}

#[test]
fn a_payment_that_fails_pays_nothing_of_the_others() {
	run_test(|| {
		register(1, 3_000);
		delegate(2, 1, 1_000);
		let before: Vec<_> = [1, 10, 11].iter().map(|who| free(*who)).collect();
		let pot = pot_balance();
		// Account 11 cannot pay more than it has.
		assert!(reward_many(1, &[(10, 100), (11, ENDOWMENT * 2)]).is_err());
		assert_eq!([1, 10, 11].iter().map(|who| free(*who)).collect::<Vec<_>>(), before);
		assert_eq!(pot_balance(), pot);
		assert_eq!(record(1).reward_per_share, FixedU128::from_u32(0));
	});
}

#[test]
fn many_payments_to_an_unknown_prover_fail() {
	run_test(|| {
		assert_noop!(reward_many(7, &[(10, 100)]), Error::<Test>::NotRegistered);
		// Nothing to pay is nothing done.
		assert_ok!(reward_many(7, &[]));
	});
}
