//! Read-only queries for wallets, requesters and prover clients.
//!
//! The runtime implements [`ProversApi`] with the `Pallet` functions below; over
//! RPC they are `state_call("ProversApi_<method>", SCALE(args))`, and their types
//! are in the runtime metadata, so polkadot.js and subxt decode them unaided.

use crate::{
	election, rewards, BalanceOf, Config, CurrentParameters, DelegationInfo, Delegations, Pallet,
	Parameters, ProverInfo, Provers, Services, Unbonding, Warming,
};
use alloc::vec::Vec;
use codec::Codec;
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::market::{JobSpec, ProverRequirements};

sp_api::decl_runtime_apis! {
	/// Queries over the prover registry. Version 2: `eligible_provers` takes
	/// the job, and `prover` shows the declared services.
	#[api_version(2)]
	pub trait ProversApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A prover's record, backing, reputation score and unbonding self-bond.
		fn prover(prover: AccountId) -> Option<ProverInfo<Balance, BlockNumber>>;
		/// Every position of a delegator, with its claimable rewards.
		fn delegations(delegator: AccountId) -> Vec<DelegationInfo<AccountId, Balance, BlockNumber>>;
		/// Provers a request with these requirements could be assigned to now
		/// for `job`, with their backing.
		fn eligible_provers(requirements: ProverRequirements<Balance>, job: JobSpec) -> Vec<(AccountId, Balance)>;
		/// Parameters in force.
		fn parameters() -> Parameters<Balance>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`ProversApi::prover`].
	pub fn prover_info(
		prover: T::AccountId,
	) -> Option<ProverInfo<BalanceOf<T>, BlockNumberFor<T>>> {
		let record = Provers::<T>::get(&prover)?;
		Some(ProverInfo {
			backing: record.backing(),
			reputation_score: record.reputation.score_at(Self::reputation_epoch()),
			services: Services::<T>::get(&prover).into_inner(),
			unbonding: Unbonding::<T>::get(&prover, &prover).into_inner(),
			record,
		})
	}

	/// See [`ProversApi::delegations`]: one read per registered prover (at most `MaxProvers`).
	pub fn delegations_of(
		delegator: T::AccountId,
	) -> Vec<DelegationInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		Provers::<T>::iter()
			.filter_map(|(prover, record)| {
				let delegation = Delegations::<T>::get(&prover, &delegator)?;
				let warming = Warming::<T>::get(&prover)
					.into_iter()
					.find(|stake| stake.delegator == delegator)
					.map(|stake| (stake.amount, stake.active_from));
				Some(DelegationInfo {
					amount: delegation.amount,
					warming,
					pending_rewards: rewards::pending(&record, &delegation),
					unbonding: Unbonding::<T>::get(&prover, &delegator).into_inner(),
					prover,
				})
			})
			.collect()
	}

	/// See [`ProversApi::eligible_provers`].
	pub fn eligible_provers(
		requirements: ProverRequirements<BalanceOf<T>>,
		job: JobSpec,
	) -> Vec<(T::AccountId, BalanceOf<T>)> {
		election::eligible::<T>(&requirements, &job, &[])
	}

	/// See [`ProversApi::parameters`].
	pub fn parameters() -> Parameters<BalanceOf<T>> {
		CurrentParameters::<T>::get()
	}
}
