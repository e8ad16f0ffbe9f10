//! Every movement of funds the pallet makes, over `fungible` holds.
//!
//! Stake never leaves its owner's account: a self-bond is held with
//! [`HoldReason::ProverBond`], a delegation with [`HoldReason::Delegation`],
//! each including the owner's unbonding chunks. Rewards for delegators wait in
//! the pallet's reward pot until claimed.

use crate::{BalanceOf, Config, CreditOf, HoldReason};
use frame_support::traits::{
	fungible::{hold::Balanced as _, Inspect, InspectHold, Mutate, MutateHold},
	tokens::{Precision, Preservation},
	Get,
};
use sp_runtime::{traits::AccountIdConversion, DispatchResult};

/// The hold that carries `staker`'s stake on `prover`.
pub fn stake_reason<T: Config>(prover: &T::AccountId, staker: &T::AccountId) -> HoldReason {
	if prover == staker {
		HoldReason::ProverBond
	} else {
		HoldReason::Delegation
	}
}

/// Places `amount` of `who`'s free balance on hold.
pub fn hold<T: Config>(
	reason: HoldReason,
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	T::Currency::hold(&reason.into(), who, amount)
}

/// Returns exactly `amount` of held funds to `who`'s free balance.
pub fn release<T: Config>(
	reason: HoldReason,
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	T::Currency::release(&reason.into(), who, amount, Precision::Exact).map(|_| ())
}

/// Funds `who` has on hold for `reason`.
pub fn held<T: Config>(reason: HoldReason, who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&reason.into(), who)
}

/// Takes up to `amount` of `who`'s held funds, as an imbalance to be placed.
pub fn slash<T: Config>(
	reason: HoldReason,
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> CreditOf<T> {
	T::Currency::slash(&reason.into(), who, amount).0
}

/// Moves `amount` of free balance; `payer` may be emptied.
pub fn pay<T: Config>(
	payer: &T::AccountId,
	to: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	T::Currency::transfer(payer, to, amount, Preservation::Expendable).map(|_| ())
}

/// Pays a delegator from the reward pot, which never drops below the existential deposit.
pub fn pay_from_pot<T: Config>(to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::transfer(&reward_pot::<T>(), to, amount, Preservation::Preserve).map(|_| ())
}

/// The account holding delegators' unclaimed rewards.
pub fn reward_pot<T: Config>() -> T::AccountId {
	T::PalletId::get().into_account_truncating()
}

/// Free balance of `who`.
pub fn balance<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance(who)
}

/// Creates the reward pot with the existential deposit (at genesis and in benchmarks).
pub fn endow_reward_pot<T: Config>() -> DispatchResult {
	let pot = reward_pot::<T>();
	let ed = T::Currency::minimum_balance();
	if T::Currency::balance(&pot) < ed {
		T::Currency::mint_into(&pot, ed)?;
	}
	Ok(())
}
