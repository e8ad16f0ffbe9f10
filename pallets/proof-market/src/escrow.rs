//! Every movement of funds the market makes, over `fungible` holds.
//!
//! A request's `max_fee` stays in the requester's account, held with
//! [`HoldReason::RequestEscrow`], until the request ends: then it is released
//! in full, and on success the prover's price is paid out of it at once. The
//! request deposit is held beside it ([`HoldReason::RequestDeposit`]) and
//! released at the end, or forfeited to [`Config::Forfeits`]. A prover's
//! collateral for a locked job is held in the prover's account
//! ([`HoldReason::JobCollateral`]) and released when it proves, or forfeited
//! when it fails: a bounded part to the requester, the rest to
//! [`Config::Forfeits`].

use crate::{BalanceOf, Config, HoldReason};
use frame_support::traits::{
	fungible::{hold::Balanced, Balanced as _, InspectHold, Mutate, MutateHold},
	tokens::{Fortitude, Precision, Preservation},
	Imbalance, OnUnbalanced,
};
use prova_primitives::market::ProverRegistry;
use sp_runtime::{traits::Zero, DispatchResult};

/// Holds `amount` from `who`'s free balance for `reason`.
pub fn hold<T: Config>(
	reason: HoldReason,
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::hold(&reason.into(), who, amount)
}

/// Returns exactly `amount` held for `reason` to `who`'s free balance.
pub fn release<T: Config>(
	reason: HoldReason,
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::release(&reason.into(), who, amount, Precision::Exact).map(|_| ())
}

/// Takes `amount` of `who`'s funds held for `reason` (a request deposit, a
/// bid bond) and sends it to [`Config::Forfeits`]; returns what was taken.
pub fn forfeit<T: Config>(
	reason: HoldReason,
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> BalanceOf<T> {
	if amount.is_zero() {
		return amount;
	}
	let (credit, _missing) = T::Currency::slash(&reason.into(), who, amount);
	let taken = credit.peek();
	T::Forfeits::on_unbalanced(credit);
	taken
}

/// Whether `amount` can be held from `who`'s free balance for `reason` now.
pub fn can_hold<T: Config>(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) -> bool {
	amount.is_zero() || T::Currency::ensure_can_hold(&reason.into(), who, amount).is_ok()
}

/// Takes `amount` of `prover`'s held collateral: up to `compensation` of it
/// to `requester` (if that account cannot receive it, it goes with the rest),
/// the rest to [`Config::Forfeits`]. Returns `(taken, paid to the requester)`.
pub fn forfeit_collateral<T: Config>(
	prover: &T::AccountId,
	amount: BalanceOf<T>,
	requester: &T::AccountId,
	compensation: BalanceOf<T>,
) -> (BalanceOf<T>, BalanceOf<T>) {
	if amount.is_zero() {
		return (Zero::zero(), Zero::zero());
	}
	let (credit, _missing) = T::Currency::slash(&HoldReason::JobCollateral.into(), prover, amount);
	let taken = credit.peek();
	let (to_requester, mut rest) = credit.split(compensation.min(taken));
	let paying = to_requester.peek();
	let compensated = match T::Currency::resolve(requester, to_requester) {
		Ok(()) => paying,
		Err(unpaid) => {
			rest.subsume(unpaid);
			Zero::zero()
		}
	};
	T::Forfeits::on_unbalanced(rest);
	(taken, compensated)
}

/// Releases a request's whole fee and pays `price` of it to `prover` (split by
/// the registry between the prover and its delegators). Callers run it inside
/// a storage transaction, so a failed payment leaves the hold in place.
pub fn settle<T: Config>(
	requester: &T::AccountId,
	held: BalanceOf<T>,
	prover: &T::AccountId,
	price: BalanceOf<T>,
) -> DispatchResult {
	release::<T>(HoldReason::RequestEscrow, requester, held)?;
	if price.is_zero() {
		return Ok(());
	}
	T::Provers::reward(prover, requester, price)
}

/// Moves `amount` of `from`'s free balance to `to` (an aggregator's fee);
/// `from` may be emptied.
pub fn pay<T: Config>(
	from: &T::AccountId,
	to: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::transfer(from, to, amount, Preservation::Expendable).map(|_| ())
}

/// Takes exactly `amount` of `who`'s free balance to [`Config::Forfeits`]
/// (the fallback charge of an aggregated request proved on its own).
pub fn charge<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	let credit = T::Currency::withdraw(
		who,
		amount,
		Precision::Exact,
		Preservation::Expendable,
		Fortitude::Polite,
	)?;
	T::Forfeits::on_unbalanced(credit);
	Ok(())
}

/// What `who` has on hold for `reason` (fees, deposits or collateral of open requests).
pub fn held<T: Config>(reason: HoldReason, who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&reason.into(), who)
}
