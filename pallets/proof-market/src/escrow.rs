//! Every movement of funds the market makes, over `fungible` holds.
//!
//! A request's `max_fee` stays in the requester's account, held with
//! [`HoldReason::RequestEscrow`], until the request ends: then it is released
//! in full, and on success the prover's price is paid out of it at once.

use crate::{BalanceOf, Config, HoldReason};
use frame_support::traits::{
	fungible::{InspectHold, MutateHold},
	tokens::Precision,
};
use prova_primitives::market::ProverRegistry;
use sp_runtime::{traits::Zero, DispatchResult};

/// Holds a request's fee from `requester`'s free balance.
pub fn hold<T: Config>(requester: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::hold(&HoldReason::RequestEscrow.into(), requester, amount)
}

/// Returns exactly `amount` of held fees to `requester`'s free balance.
pub fn release<T: Config>(requester: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	if amount.is_zero() {
		return Ok(());
	}
	T::Currency::release(&HoldReason::RequestEscrow.into(), requester, amount, Precision::Exact)
		.map(|_| ())
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
	release::<T>(requester, held)?;
	if price.is_zero() {
		return Ok(());
	}
	T::Provers::reward(prover, requester, price)
}

/// Fees `requester` has on hold for open requests.
pub fn held<T: Config>(requester: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&HoldReason::RequestEscrow.into(), requester)
}
