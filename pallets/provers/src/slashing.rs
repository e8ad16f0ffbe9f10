//! Taking a fraction of everything at stake on a prover, self-bond first.
//!
//! A slash of fraction `f` is due `⌊f·S⌋`, where `S` is everything at stake on
//! the prover: self-bond, delegations and every unbonding chunk (the prover's
//! and its delegators'), so stake on its way out pays like stake that stays.
//! The prover pays first, from its self-bond, then from its own unbonding
//! chunks; only what they cannot cover falls on the delegators, each paying
//! the same share of its delegation and chunks (rounded down, so delegators
//! never pay more than the rest). The prover chose to misbehave, its
//! delegators did not: a prover whose self-bond is at least `f` of its stake
//! costs them nothing. Delegators' rewards are settled before their stake
//! shrinks. The work is linear in the number of delegators (at most
//! `MaxDelegatorsPerProver`) times `MaxUnbondingChunks`; the `slash` benchmark
//! measures it at the maximum.
//!
//! The proceeds are one imbalance: up to the compensation's amount is paid to its
//! beneficiary (if that account cannot receive it, e.g. below the existential
//! deposit, it goes with the rest), the rest to `Config::Slashed`.
//!
//! A leaving prover slashed to nothing (no self-bond, no unbonding chunk, no
//! delegator left) is removed, as if its last stake had been withdrawn.

use crate::{
	asset, rewards, BalanceOf, Config, CreditOf, Delegations, Event, HoldReason, Pallet, Provers,
	Unbonding,
};
use alloc::vec::Vec;
use frame_support::traits::{fungible::Balanced, Imbalance, OnUnbalanced};
use prova_primitives::market::{Compensation, SlashOutcome, SlashReason};
use sp_runtime::{traits::Zero, DispatchError, Perbill, Saturating};

/// Slashes `prover` and its backers by `fraction`, self-bond first, paying
/// `compensation` first out of the proceeds.
pub fn slash<T: Config>(
	prover: &T::AccountId,
	fraction: Perbill,
	reason: SlashReason,
	compensation: Option<Compensation<T::AccountId, BalanceOf<T>>>,
) -> Result<SlashOutcome<BalanceOf<T>>, DispatchError> {
	let mut record = Pallet::<T>::prover_record(prover)?;
	let mut credit = CreditOf::<T>::zero();

	let delegations: Vec<_> = Delegations::<T>::iter_prefix(prover).collect();
	let delegators_stake = delegations.iter().fold(Zero::zero(), |sum: BalanceOf<T>, (who, d)| {
		sum.saturating_add(d.amount).saturating_add(unbonding_of::<T>(prover, who))
	});
	let at_stake = record
		.self_bond
		.saturating_add(unbonding_of::<T>(prover, prover))
		.saturating_add(delegators_stake);
	let mut due = fraction.mul_floor(at_stake);

	let from_bond = due.min(record.self_bond);
	record.self_bond.saturating_reduce(from_bond);
	due.saturating_reduce(from_bond);
	let from_chunks = take_from_chunks::<T>(prover, due);
	due.saturating_reduce(from_chunks);
	credit.subsume(asset::slash::<T>(
		HoldReason::ProverBond,
		prover,
		from_bond.saturating_add(from_chunks),
	));

	if !due.is_zero() && !delegators_stake.is_zero() {
		let share = Perbill::from_rational(due, delegators_stake);
		for (delegator, mut delegation) in delegations.iter().cloned() {
			rewards::settle(&record, &mut delegation);
			let from_stake = share.mul_floor(delegation.amount);
			delegation.amount.saturating_reduce(from_stake);
			record.delegated.saturating_reduce(from_stake);
			let theirs = from_stake.saturating_add(cut_chunks::<T>(prover, &delegator, share));
			credit.subsume(asset::slash::<T>(HoldReason::Delegation, &delegator, theirs));
			Delegations::<T>::insert(prover, &delegator, delegation);
		}
	}
	Provers::<T>::insert(prover, record);
	for (delegator, _) in &delegations {
		Pallet::<T>::drop_delegation_if_empty(prover, delegator);
	}

	let slashed = credit.peek();
	let mut compensated = Zero::zero();
	if let Some(Compensation { beneficiary, amount }) = compensation {
		let (to_beneficiary, rest) = credit.split(amount.min(slashed));
		credit = rest;
		let paying = to_beneficiary.peek();
		match T::Currency::resolve(&beneficiary, to_beneficiary) {
			Ok(()) => compensated = paying,
			Err(unpaid) => credit.subsume(unpaid),
		}
	}
	T::Slashed::on_unbalanced(credit);
	Pallet::<T>::deposit_event(Event::Slashed {
		prover: prover.clone(),
		reason,
		amount: slashed,
		compensated,
	});
	// A leaving prover slashed to nothing has nothing left to withdraw, so no
	// `withdraw_unbonded` would ever remove its record: remove it here.
	Pallet::<T>::remove_if_gone(prover);
	Ok(SlashOutcome { slashed, compensated })
}

/// The sum of `staker`'s unbonding chunks on `prover`.
fn unbonding_of<T: Config>(prover: &T::AccountId, staker: &T::AccountId) -> BalanceOf<T> {
	Unbonding::<T>::get(prover, staker)
		.iter()
		.fold(Zero::zero(), |sum: BalanceOf<T>, chunk| sum.saturating_add(chunk.amount))
}

/// Takes up to `amount` from the prover's own unbonding chunks, the latest
/// first; returns what was taken.
fn take_from_chunks<T: Config>(prover: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
	let mut chunks = Unbonding::<T>::get(prover, prover);
	if chunks.is_empty() || amount.is_zero() {
		return Zero::zero();
	}
	let mut left = amount;
	for chunk in chunks.iter_mut().rev() {
		let taken = left.min(chunk.amount);
		chunk.amount.saturating_reduce(taken);
		left.saturating_reduce(taken);
	}
	chunks.retain(|chunk| !chunk.amount.is_zero());
	Pallet::<T>::put_chunks(prover, prover, chunks);
	amount.saturating_sub(left)
}

/// Cuts every unbonding chunk of `staker` on `prover` by `fraction`; returns the total cut.
fn cut_chunks<T: Config>(
	prover: &T::AccountId,
	staker: &T::AccountId,
	fraction: Perbill,
) -> BalanceOf<T> {
	let mut chunks = Unbonding::<T>::get(prover, staker);
	if chunks.is_empty() {
		return Zero::zero();
	}
	let mut cut: BalanceOf<T> = Zero::zero();
	for chunk in chunks.iter_mut() {
		let taken = fraction.mul_floor(chunk.amount);
		chunk.amount.saturating_reduce(taken);
		cut.saturating_accrue(taken);
	}
	chunks.retain(|chunk| !chunk.amount.is_zero());
	Pallet::<T>::put_chunks(prover, staker, chunks);
	cut
}
