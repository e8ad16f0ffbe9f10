//! Read-only queries for requesters and prover clients.
//!
//! The runtime implements [`ProofMarketApi`] with the `Pallet` functions
//! below; over RPC they are `state_call("ProofMarketApi_<method>", SCALE(args))`
//! and their types are in the runtime metadata. A prover client asks for
//! [`ProofMarketApi::jobs`] at each block instead of scanning storage.

use crate::{
	BalanceOf, Bids, Config, Job, JobStage, Jobs, Listings, MarketQuote, Mechanism, Opening,
	OpeningPhase, Pallet, ProverRegistry, Qos, Quote, Racers, Request, RequestId,
	RequestRequirements, RequestStatus, Requests,
};
use alloc::vec::Vec;
use codec::Codec;
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::proofs::CircuitId;
use sp_runtime::Saturating;

sp_api::decl_runtime_apis! {
	/// Queries over the proof market. Version 2: `openings`, the auctions a
	/// prover may bid in or lock.
	#[api_version(2)]
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
		/// The open auctions `prover` qualifies for and may act on now:
		/// sealed-bid auctions in their bid or reveal phase, Dutch auctions
		/// with their price, and races it may join.
		#[api_version(2)]
		fn openings(prover: AccountId) -> Vec<Opening<Balance, BlockNumber>>;
		/// Every mechanism's availability, expected price and latency for a
		/// request for `circuit` with `requirements`, `deadline` and
		/// `max_fee`, and the mechanism the router picks for `qos`; `None`
		/// if the circuit is not listed.
		#[api_version(2)]
		fn market_quote(
			circuit: CircuitId,
			requirements: RequestRequirements<Balance>,
			deadline: BlockNumber,
			max_fee: Balance,
			qos: Qos,
		) -> Option<MarketQuote<Balance, BlockNumber>>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`ProofMarketApi::request`].
	pub fn request(id: RequestId) -> Option<Request<T>> {
		Requests::<T>::get(id)
	}

	/// See [`ProofMarketApi::jobs`]: one read per job the prover holds (at most
	/// its capacity), oldest request first; claims of the aggregated tier
	/// included (stage `Claimed`, appended to the stages). A claim whose
	/// `due` passed shows as fallen back (with the fallback's `due`) even
	/// before the hook gets to it: `submit_proof` takes it as such.
	pub fn jobs(prover: T::AccountId) -> Vec<Job<BalanceOf<T>, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
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
					RequestStatus::Claimed { prover, price, collateral, due, fallback, .. } => {
						let stage = if !fallback && due <= now {
							let due = due.saturating_add(
								<T::FallbackWindow as frame_support::traits::Get<_>>::get(),
							);
							JobStage::Claimed { due, fallback: true }
						} else {
							JobStage::Claimed { due, fallback }
						};
						(prover, price, collateral, stage)
					}
					RequestStatus::Racing { deadline, commits_close, .. } => {
						let racer = Racers::<T>::get(id, &prover)?;
						let stage = JobStage::Racing {
							deadline,
							commits_close,
							committed: racer.commitment.is_some(),
						};
						(prover.clone(), Self::racer_price(&request), racer.collateral, stage)
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

	/// See [`ProofMarketApi::openings`]: one pass over the stored requests
	/// (at most `MaxOpenRequests` open, plus those retained), for the client
	/// only.
	pub fn openings(prover: T::AccountId) -> Vec<Opening<BalanceOf<T>, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut openings: Vec<_> = Requests::<T>::iter()
			.filter_map(|(id, request)| {
				let phase = match request.status {
					RequestStatus::Bidding { bids_until, reveal_until, .. } => {
						let bid = Bids::<T>::get(id, &prover);
						if now < bids_until {
							OpeningPhase::Commit { bids_until, committed: bid.is_some() }
						} else if now < reveal_until {
							OpeningPhase::Reveal {
								reveal_until,
								committed: bid.is_some(),
								revealed: bid.is_some_and(|bid| bid.revealed.is_some()),
							}
						} else {
							return None;
						}
					}
					RequestStatus::Racing { ref invited, joined, join_until, .. }
						if now < join_until
							&& (invited.is_empty() || invited.contains(&prover))
							&& !Racers::<T>::contains_key(id, &prover)
							&& matches!(request.terms.mechanism, Mechanism::Race { racers, .. } if joined < racers) =>
					{
						OpeningPhase::Race { price: Self::racer_price(&request), join_until }
					}
					RequestStatus::Dutch { since, closes } if now < closes => OpeningPhase::Dutch {
						price: Self::dutch_price(&request, since, now),
						next_price: Self::dutch_price(
							&request,
							since,
							now.saturating_add(1u32.into()),
						),
						closes,
					},
					_ => return None,
				};
				if request.failed.contains(&prover) || request.declined.contains(&prover) {
					return None;
				}
				let listing = Listings::<T>::get(request.circuit)?;
				let job = Self::job_spec(request.circuit, &listing, request.deadline_blocks);
				let ask = T::Provers::qualified_ask(&prover, &request.requirements, &job)?;
				Some(Opening {
					request: id,
					circuit: request.circuit,
					work_units: listing.work_units,
					max_fee: request.prover_budget(),
					deadline_blocks: request.deadline_blocks,
					ask,
					phase,
				})
			})
			.collect();
		openings.sort_by_key(|opening| opening.request);
		openings
	}
}
