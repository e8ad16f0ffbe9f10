//! Read-only queries for requesters and prover clients.
//!
//! The runtime implements [`ProofMarketApi`] with the `Pallet` functions
//! below; over RPC they are `state_call("ProofMarketApi_<method>", SCALE(args))`
//! and their types are in the runtime metadata. A prover client asks for
//! [`ProofMarketApi::jobs`] at each block instead of scanning storage.

use crate::{
	BalanceOf, Config, Job, JobStage, Jobs, Listings, Pallet, ProverRegistry, Quote, Request,
	RequestId, RequestRequirements, RequestStatus, Requests,
};
use alloc::vec::Vec;
use codec::Codec;
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::proofs::CircuitId;

sp_api::decl_runtime_apis! {
	/// Queries over the proof market.
	pub trait ProofMarketApi<AccountId, Balance, BlockNumber, Request>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
		Request: Codec,
	{
		/// A request with its status (and output, once fulfilled); `None` if
		/// unknown or removed after its retention.
		fn request(id: RequestId) -> Option<Request>;
		/// The open requests offered to or locked by `prover`, with what it needs
		/// to decide, lock and prove them.
		fn jobs(prover: AccountId) -> Vec<Job<Balance, BlockNumber>>;
		/// What a request for `circuit` with `requirements` costs at least now;
		/// `None` if the circuit is not listed.
		fn quote(circuit: CircuitId, requirements: RequestRequirements<Balance>) -> Option<Quote<Balance>>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`ProofMarketApi::request`].
	pub fn request(id: RequestId) -> Option<Request<T>> {
		Requests::<T>::get(id)
	}

	/// See [`ProofMarketApi::jobs`]: one read per job the prover holds (at most
	/// its capacity), oldest request first.
	pub fn jobs(prover: T::AccountId) -> Vec<Job<BalanceOf<T>, BlockNumberFor<T>>> {
		let mut jobs: Vec<_> = Jobs::<T>::iter_key_prefix(&prover)
			.filter_map(|id| {
				let request = Requests::<T>::get(id)?;
				let (holder, price, collateral, stage) = match request.status {
					RequestStatus::Offered { prover, price, lock_by, .. } => {
						(prover, price, Self::collateral_for(price), JobStage::Offered { lock_by })
					}
					RequestStatus::Locked { prover, price, deadline, collateral, .. } => {
						(prover, price, collateral, JobStage::Locked { deadline })
					}
					_ => return None,
				};
				(holder == prover).then(|| Job {
					request: id,
					circuit: request.circuit,
					input: request.input.into_inner(),
					price,
					attempt: request.failed.len() as u32 + 1,
					deadline_blocks: request.deadline_blocks,
					collateral,
					stage,
				})
			})
			.collect();
		jobs.sort_by_key(|job| job.request);
		jobs
	}

	/// See [`ProofMarketApi::quote`].
	pub fn quote(
		circuit: CircuitId,
		requirements: RequestRequirements<BalanceOf<T>>,
	) -> Option<Quote<BalanceOf<T>>> {
		let listing = Listings::<T>::get(circuit)?;
		// Before a request says its deadline: the longest a request may give.
		let job = Pallet::<T>::job_spec(
			circuit,
			&listing,
			<T::MaxDeadline as frame_support::traits::Get<_>>::get(),
		);
		let cheapest_ask = T::Provers::cheapest_ask(&requirements, &job);
		let min_fee = cheapest_ask.map(|ask| ask.saturating_mul(listing.work_units.into()));
		// Any seed will do: only whether someone is electable matters.
		let available_now = cheapest_ask.is_some_and(|ask| {
			T::Provers::elect(&[0; 32], &requirements.at_price(ask), &job, &[]).is_some()
		});
		Some(Quote { work_units: listing.work_units, cheapest_ask, min_fee, available_now })
	}
}
