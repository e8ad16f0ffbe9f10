//! Every movement of funds the market makes, over `fungible` holds.
//!
//! A request's `max_fee` stays in the requester's account, held with
//! [`HoldReason::RequestEscrow`], until the request ends: then it is released
//! in full, and on success the prover's price is paid out of it at once. The
//! request deposit is held beside it ([`HoldReason::RequestDeposit`]) and
//! released at the end, or forfeited to [`Config::ForfeitedDeposits`].

use crate::{BalanceOf, Config, HoldReason};
use frame_support::traits::{
	fungible::{hold::Balanced, InspectHold, MutateHold},
	tokens::Precision,
	Imbalance, OnUnbalanced,
};
use prova_primitives::market::ProverRegistry;
use sp_runtime::{traits::Zero, DispatchResult};

/// Holds `amount` from `requester`'s free balance for `reason`.
pub fn hold<T: Config>(
	reason: HoldReason,
	requester: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::hold(&reason.into(), requester, amount)
}

/// Returns exactly `amount` held for `reason` to `requester`'s free balance.
pub fn release<T: Config>(
	reason: HoldReason,
	requester: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::release(&reason.into(), requester, amount, Precision::Exact).map(|_| ())
}

/// Takes `amount` of `requester`'s held deposits and sends it to
/// [`Config::ForfeitedDeposits`]; returns what was taken.
pub fn forfeit_deposit<T: Config>(requester: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
	if amount.is_zero() {
		return amount;
	}
	let (credit, _missing) =
		T::Currency::slash(&HoldReason::RequestDeposit.into(), requester, amount);
	let taken = credit.peek();
	T::ForfeitedDeposits::on_unbalanced(credit);
	taken
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

/// What `requester` has on hold for `reason` (fees or deposits of open requests).
pub fn held<T: Config>(reason: HoldReason, requester: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&reason.into(), requester)
}
