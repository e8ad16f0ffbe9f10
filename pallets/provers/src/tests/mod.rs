//! Unit tests, by topic, against the mock runtime.
//!
//! Helpers shared by the topics live below; the mock runtime and its own helpers
//! (`run_test`, `register`, `held`, `free`, ...) are in [`crate::mock`].

mod capacity;
mod commission;
mod delegation;
mod election;
mod governance;
mod leaving;
mod proptest;
mod queries;
mod registration;
mod rewards;
mod services;
mod slashing;

use crate::{
	asset, mock::*, Delegation, Delegations, ProverRecord, Provers as ProverRecords, Unbonding,
	UnbondingChunk,
};
use frame_support::assert_ok;
use prova_primitives::market::{
	Compensation, HardwareClass, JobOutcome, JobSpec, ProverRegistry, ProverRequirements,
	SlashOutcome, SlashReason,
};
use sp_runtime::{DispatchError, DispatchResult, Perbill};

/// A one-unit job proved, won against enough other provers.
pub(super) const FULFILLED: JobOutcome = JobOutcome::Fulfilled { units: 1, competitive: true };
/// A one-unit job missed.
pub(super) const MISSED: JobOutcome = JobOutcome::Missed { units: 1 };
/// A one-unit job proved invalid.
pub(super) const INVALID: JobOutcome = JobOutcome::InvalidProof { units: 1 };

/// An account that genesis did not endow.
pub(super) const FRESH: AccountId = 99;

/// `who` backs `prover` with `amount`.
pub(super) fn delegate(who: AccountId, prover: AccountId, amount: Balance) {
	assert_ok!(Provers::delegate(RuntimeOrigin::signed(who), prover, amount));
}

/// `who` starts unbonding `amount` of its delegation to `prover`.
pub(super) fn undelegate(who: AccountId, prover: AccountId, amount: Balance) {
	assert_ok!(Provers::undelegate(RuntimeOrigin::signed(who), prover, amount));
}

/// `who` withdraws its matured chunks on `prover`.
pub(super) fn withdraw(who: AccountId, prover: AccountId) {
	assert_ok!(Provers::withdraw_unbonded(RuntimeOrigin::signed(who), prover));
}

/// Registers `who` with everything chosen by the caller.
pub(super) fn register_with(
	who: AccountId,
	hardware: HardwareClass,
	capacity: u32,
	ask: Balance,
	commission: Perbill,
	bond: Balance,
) {
	assert_ok!(Provers::register(
		RuntimeOrigin::signed(who),
		hardware,
		capacity,
		ask,
		commission,
		bond
	));
}

/// Registers `who` with `bond` and no commission, so rewards split purely by stake.
pub(super) fn register_without_commission(who: AccountId, bond: Balance) {
	register_with(who, cpu_box(), 2, 5, Perbill::zero(), bond);
}

/// The stored record of `prover` (panics if there is none).
pub(super) fn record(prover: AccountId) -> ProverRecord<Balance> {
	ProverRecords::<Test>::get(prover).expect("the prover is registered")
}

/// The stored delegation of `who` to `prover`, if any.
pub(super) fn delegation(prover: AccountId, who: AccountId) -> Option<Delegation<Balance>> {
	Delegations::<Test>::get(prover, who)
}

/// Rewards `who`'s delegation to `prover` could claim now.
pub(super) fn pending(prover: AccountId, who: AccountId) -> Balance {
	crate::rewards::pending(&record(prover), &delegation(prover, who).expect("delegation exists"))
}

/// `staker`'s unbonding chunks on `prover`, as `(amount, unlock_at)` pairs.
pub(super) fn chunks(prover: AccountId, staker: AccountId) -> Vec<(Balance, u64)> {
	Unbonding::<Test>::get(prover, staker)
		.into_iter()
		.map(|UnbondingChunk { amount, unlock_at }| (amount, unlock_at))
		.collect()
}

/// The reward pot's account.
pub(super) fn pot() -> AccountId {
	asset::reward_pot::<Test>()
}

/// Free balance of the reward pot.
pub(super) fn pot_balance() -> Balance {
	free(pot())
}

/// Requirements every registered, active prover with a free slot meets.
pub(super) fn any_prover() -> ProverRequirements<Balance> {
	ProverRequirements {
		hardware: HardwareClass::default(),
		min_stake: 0,
		min_reputation: Perbill::zero(),
		offered_price: Balance::MAX,
	}
}

/// A 2^12-row job of a `poseidon_chain` circuit with a day's deadline:
/// what every prover without declared services serves.
pub(super) fn any_job() -> JobSpec {
	JobSpec {
		circuit: [1u8; 32].into(),
		family: prova_primitives::market::family_of(b"poseidon_chain/1?steps=4000"),
		degree_bits: 12,
		units: 1,
		deadline_blocks: 28_800,
	}
}

/// `ProverRegistry::elect` with `seed`, for [`any_job`].
pub(super) fn elect(
	seed: &[u8; 32],
	requirements: &ProverRequirements<Balance>,
	exclude: &[AccountId],
) -> Option<AccountId> {
	<Provers as ProverRegistry<_, _>>::elect(seed, requirements, &any_job(), exclude)
		.map(|elected| elected.prover)
}

/// `ProverRegistry::reserve_capacity` for [`any_job`], checking that it
/// returns the prover's ask (it declares no services).
pub(super) fn reserve(prover: AccountId) -> DispatchResult {
	let ask = <Provers as ProverRegistry<_, _>>::reserve_capacity(&prover, &any_job())?;
	assert_eq!(Some(ask), ProverRecords::<Test>::get(prover).map(|record| record.ask));
	Ok(())
}

/// `ProverRegistry::release_capacity`.
pub(super) fn release(prover: AccountId, outcome: JobOutcome) -> DispatchResult {
	<Provers as ProverRegistry<_, _>>::release_capacity(&prover, any_job().units, outcome)
}

/// `ProverRegistry::reward`: `payer` pays `amount` for a job of `prover`.
pub(super) fn reward(prover: AccountId, payer: AccountId, amount: Balance) -> DispatchResult {
	<Provers as ProverRegistry<_, _>>::reward(&prover, &payer, amount)
}

/// `ProverRegistry::slash` for a missed deadline.
pub(super) fn slash(
	prover: AccountId,
	fraction: Perbill,
	compensation: Option<(AccountId, Balance)>,
) -> Result<SlashOutcome<Balance>, DispatchError> {
	slash_for(prover, fraction, SlashReason::MissedDeadline, compensation)
}

/// `ProverRegistry::slash` with an explicit reason.
pub(super) fn slash_for(
	prover: AccountId,
	fraction: Perbill,
	reason: SlashReason,
	compensation: Option<(AccountId, Balance)>,
) -> Result<SlashOutcome<Balance>, DispatchError> {
	<Provers as ProverRegistry<_, _>>::slash(
		&prover,
		fraction,
		reason,
		compensation.map(|(beneficiary, amount)| Compensation { beneficiary, amount }),
	)
}

/// The last event this pallet emitted.
pub(super) fn last_event() -> crate::Event<Test> {
	provers_events().pop().expect("an event was emitted")
}

/// Forgets the events so far, so a test can look at what one step emits.
pub(super) fn clear_events() {
	System::reset_events();
}
