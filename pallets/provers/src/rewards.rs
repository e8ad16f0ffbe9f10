//! Splitting a reward between a prover and its delegators, without touching
//! the delegators.
//!
//! For a reward `R` to a prover with commission `c`, self-bond `S` and
//! delegated stake `D`:
//!
//! - delegators' part `R_d = ⌊(R − ⌊c·R⌋) · D / (S + D)⌋`, the prover's part `R − R_d`;
//! - the prover's `reward_per_share` grows by `ρ = ⌊R_d / D⌋` (a `FixedU128`, 18
//!   decimals), and `R_d` moves to the reward pot;
//! - a delegation of amount `a` with checkpoint `κ` has earned `⌊a · (ρ_now − κ)⌋`
//!   since it was last settled; settling moves that into `unclaimed` and sets
//!   `κ = ρ_now`. Every change to `a` settles first, so `a` is constant between
//!   checkpoints.
//!
//! **Accuracy.** Both roundings go down, so the claims on the pot never exceed
//! what was paid into it: `Σ a·Δρ ≤ Σ_k D_k·ρ_k ≤ Σ_k R_d,k`. Each reward leaves
//! at most `1 + D·10⁻¹⁸` plank per delegator in the pot as dust.
//!
//! **Range.** `a·Δρ` never exceeds the rewards paid since the checkpoint (`a ≤ D_k`
//! for each of them), so it fits in `u128`. `ρ` itself fits while the sum of
//! `R_d / D` stays below `3.4·10²⁰`; a reward whose increment would overflow it
//! goes entirely to the prover instead (possible only with a dust-sized `D`).

use crate::{Delegation, ProverRecord};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{CheckedAdd, Zero},
	FixedPointNumber, FixedU128, Rounding, Saturating,
};

/// How one reward is divided.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RewardSplit {
	/// Paid to the prover's free balance now (commission and its self-bond's share).
	pub to_prover: u128,
	/// Moved to the reward pot for the delegators.
	pub to_delegators: u128,
	/// The new `reward_per_share` of the prover.
	pub reward_per_share: FixedU128,
}

/// Divides `amount` per the formulas above.
pub fn split(record: &ProverRecord<u128>, amount: u128) -> RewardSplit {
	let unchanged = RewardSplit {
		to_prover: amount,
		to_delegators: 0,
		reward_per_share: record.reward_per_share,
	};
	if record.delegated.is_zero() {
		return unchanged;
	}
	let shared = amount.saturating_sub(record.commission.mul_floor(amount));
	let to_delegators = multiply_by_rational_with_rounding(
		shared,
		record.delegated,
		record.backing(),
		Rounding::Down,
	)
	.unwrap_or(0);
	let increase = FixedU128::checked_from_rational(to_delegators, record.delegated);
	match increase.and_then(|increase| record.reward_per_share.checked_add(&increase)) {
		Some(reward_per_share) if !to_delegators.is_zero() => RewardSplit {
			to_prover: amount.saturating_sub(to_delegators),
			to_delegators,
			reward_per_share,
		},
		_ => unchanged,
	}
}

/// Divides `to_delegators` (the delegators' part of the sum of `amounts`)
/// among the payments in proportion to their amounts, exactly: with `A_i`
/// the sum of the first `i` amounts and `A` of all, the `i`-th pays
/// `⌊T·A_i / A⌋ − ⌊T·A_{i−1} / A⌋`. The parts sum to `T` to the plank (the
/// floors telescope), and each is at most its amount when `T ≤ A` (a split
/// never gives the delegators more than the reward).
pub fn split_among(amounts: &[u128], to_delegators: u128) -> alloc::vec::Vec<u128> {
	let total = amounts.iter().fold(0u128, |sum, amount| sum.saturating_add(*amount));
	let share = |cumulative: u128| {
		multiply_by_rational_with_rounding(to_delegators, cumulative, total, Rounding::Down)
			.unwrap_or(0)
	};
	let mut cumulative = 0u128;
	let mut before = 0u128;
	amounts
		.iter()
		.map(|amount| {
			cumulative = cumulative.saturating_add(*amount);
			// The last prefix is the whole: exactly `to_delegators`.
			let upto = if cumulative == total { to_delegators } else { share(cumulative) };
			let part = upto.saturating_sub(before);
			before = upto;
			part
		})
		.collect()
}

/// Rewards the delegation has earned and not claimed.
pub fn pending(record: &ProverRecord<u128>, delegation: &Delegation<u128>) -> u128 {
	let growth = record.reward_per_share.saturating_sub(delegation.reward_checkpoint);
	delegation.unclaimed.saturating_add(growth.saturating_mul_int(delegation.amount))
}

/// Moves what the delegation has earned into `unclaimed` and checkpoints it.
pub fn settle(record: &ProverRecord<u128>, delegation: &mut Delegation<u128>) {
	delegation.unclaimed = pending(record, delegation);
	delegation.reward_checkpoint = record.reward_per_share;
}
