//! What happens to a request: submission, offer, lock or decline, proof,
//! deadline, end.
//!
//! The calls in `lib.rs` check their origin and call the `do_*` functions here;
//! the block hook calls [`Pallet::on_block`]. Every transition that ends a
//! request goes through [`Pallet::close`], so the open-request counters, the
//! verifier's use count and the retirement queue are kept in one place.

use crate::{
	book::BookMatch, escrow, BalanceOf, Config, Deadlines, Error, Event, Fallback, HoldReason,
	Jobs, Listing, Listings, Mechanism, OpenRequests, OpenRequestsOf, OverdueDeadlines, Pallet,
	Queue, Request, RequestId, RequestStatus, Requests, Retiring, RetiringRange, Settlement, Terms,
	WeightInfo, ELEMENT_BYTES, GOLDILOCKS_ORDER, INPUT_COMMITMENT_LEN,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	defensive,
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	traits::{Get, Randomness},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::{
	market::{
		Elected, JobOutcome, JobSpec, ProverRegistry, RequestRequirements, SlashOutcome,
		SlashReason,
	},
	proofs::{CircuitId, ProofVerifier, VerifyError},
};
use sp_runtime::{
	traits::{One, SaturatedConversion, Saturating, Zero},
	DispatchError, DispatchResult, Weight,
};

const LOG_TARGET: &str = "runtime::proof-market";

/// What a locked job is: the terms its prover took.
pub(crate) struct LockedJob<T: Config> {
	/// What it is paid on success.
	pub price: BalanceOf<T>,
	/// The first late block.
	pub deadline: BlockNumberFor<T>,
	/// What it holds as collateral.
	pub collateral: BalanceOf<T>,
	/// Eligible provers it was elected among.
	pub candidates: u32,
	/// The block it was locked in.
	pub locked_at: BlockNumberFor<T>,
}

impl<T: Config> LockedJob<T> {
	/// The terms of a `Locked` status; `None` for any other.
	pub fn of(status: &RequestStatus<T>) -> Option<Self> {
		match status {
			RequestStatus::Locked {
				price, deadline, collateral, candidates, locked_at, ..
			} => Some(LockedJob {
				price: *price,
				deadline: *deadline,
				collateral: *collateral,
				candidates: *candidates,
				locked_at: *locked_at,
			}),
			_ => None,
		}
	}
}

/// How a locker failed a request.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Failure {
	/// It let the deadline pass.
	MissedDeadline,
	/// Its proof failed for this reason.
	InvalidProof(VerifyError),
}

impl Failure {
	/// What the registry slashes it for.
	fn slash_reason(self) -> SlashReason {
		match self {
			Failure::MissedDeadline => SlashReason::MissedDeadline,
			Failure::InvalidProof(_) => SlashReason::InvalidProof,
		}
	}

	/// How the job of `units` ended, for the prover's record.
	pub(crate) fn outcome(self, units: u64) -> JobOutcome {
		match self {
			Failure::MissedDeadline => JobOutcome::Missed { units },
			Failure::InvalidProof(_) => JobOutcome::InvalidProof { units },
		}
	}
}

/// What offering a queued request to the registry came to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Offer {
	/// A prover was elected and the request offered to it.
	Offered,
	/// No prover now: it stays queued.
	Waits,
	/// It waited too long and expired.
	Expired,
	/// It is no longer queued (a stale queue entry).
	Gone,
	/// An elected race opened, with this many provers invited.
	Raced {
		/// Provers elected.
		elected: u32,
	},
}

impl<T: Config> Pallet<T> {
	/// Checks and queues a request; returns its id.
	pub(crate) fn do_submit_request(
		requester: T::AccountId,
		circuit: CircuitId,
		input: BoundedVec<u8, T::MaxInputBytes>,
		max_fee: BalanceOf<T>,
		deadline: BlockNumberFor<T>,
		requirements: RequestRequirements<BalanceOf<T>>,
		terms: Terms<BlockNumberFor<T>, BalanceOf<T>>,
	) -> Result<RequestId, DispatchError> {
		let mut listing = Listings::<T>::get(circuit).ok_or_else(|| {
			if T::Verifier::circuit(&circuit).is_some() {
				Error::<T>::NotListed
			} else {
				Error::<T>::UnknownCircuit
			}
		})?;
		ensure!(deadline >= T::MinDeadline::get(), Error::<T>::DeadlineTooShort);
		ensure!(deadline <= T::MaxDeadline::get(), Error::<T>::DeadlineTooLong);
		let elements = decode_elements(&input).ok_or(Error::<T>::MalformedInput)?;
		ensure!(elements.len() == listing.input_elements as usize, Error::<T>::WrongInputLength);
		ensure!(OpenRequests::<T>::get() < T::MaxOpenRequests::get(), Error::<T>::MarketFull);
		let own_open = OpenRequestsOf::<T>::get(&requester);
		ensure!(own_open < T::MaxOpenRequestsPerAccount::get(), Error::<T>::TooManyOpenRequests);
		// Refusing what no prover qualifies for keeps the fee check from being
		// skipped: a request nobody can serve would otherwise sit in the market
		// for free until it expires.
		let aggregation_fee = Self::aggregation_fee_for(&circuit, &terms)?;
		let job = Self::job_spec(circuit, &listing, deadline);
		let ask =
			T::Provers::cheapest_ask(&requirements, &job).ok_or(Error::<T>::NoQualifiedProver)?;
		let min_fee = ask.saturating_mul(listing.work_units.into());
		// Provers are priced against what the aggregator's fee leaves.
		let budget = max_fee.checked_sub(aggregation_fee).ok_or(Error::<T>::FeeBelowCheapestAsk)?;
		ensure!(budget >= min_fee, Error::<T>::FeeBelowCheapestAsk);
		let now = frame_system::Pallet::<T>::block_number();
		let status =
			Self::opening_status(&terms, deadline, budget, min_fee, listing.work_units, now)?;

		let deposit = T::RequestDeposit::get();
		escrow::hold::<T>(HoldReason::RequestEscrow, &requester, max_fee)?;
		escrow::hold::<T>(HoldReason::RequestDeposit, &requester, deposit)?;
		T::Verifier::acquire(&circuit)?;
		let id = crate::NextRequestId::<T>::mutate(|next| {
			let id = *next;
			*next = next.saturating_add(1);
			id
		});
		let book = matches!(terms.mechanism, Mechanism::Book { .. });
		match status.due() {
			Some(due) => Self::put_on_index(id, due),
			// A book request is matched below, and queued only if nothing crosses.
			None if book => {}
			None => Queue::<T>::try_append(id).map_err(|_| Error::<T>::MarketFull)?,
		}
		OpenRequests::<T>::mutate(|open| open.saturating_inc());
		OpenRequestsOf::<T>::insert(&requester, own_open.saturating_add(1));
		listing.open_requests.saturating_inc();
		Listings::<T>::insert(circuit, listing);
		if terms.settlement == Settlement::Aggregated {
			Self::count_aggregated(circuit, true);
		}
		let request = Request {
			requester: requester.clone(),
			circuit,
			input,
			max_fee,
			deadline_blocks: deadline,
			requirements,
			submitted_at: now,
			failed: BoundedVec::new(),
			declined: BoundedVec::new(),
			compensated: Zero::zero(),
			status,
			deposit,
			terms,
			aggregation_fee,
			input_commitment: None,
		};
		Requests::<T>::insert(id, &request);
		Self::deposit_event(Event::RequestSubmitted {
			request: id,
			requester,
			circuit,
			max_fee,
			deposit,
			terms,
		});
		if book {
			match Self::match_book(id, &request, now)? {
				BookMatch::Locked => {}
				BookMatch::NoCross(Fallback::Election) => {
					Queue::<T>::try_append(id).map_err(|_| Error::<T>::MarketFull)?
				}
				BookMatch::NoCross(Fallback::Expire) => {
					return Err(Error::<T>::NoCrossingAsk.into())
				}
			}
		}
		Ok(id)
	}

	/// Cancels a queued request of `who`'s and refunds it. An offered request
	/// can no longer be cancelled: its election seed was known a block
	/// before, so cancelling offers to other provers and resubmitting would
	/// let a requester steer its request to a prover of its choosing.
	pub(crate) fn do_cancel_request(who: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(request.requester == who, Error::<T>::NotRequester);
		let now = frame_system::Pallet::<T>::block_number();
		match request.status {
			RequestStatus::Queued { .. } => {}
			// Closed (it expires untaken), whether or not the hook has got to it.
			RequestStatus::Dutch { closes, .. } if now >= closes => {
				return Err(Error::<T>::RequestEnded.into())
			}
			RequestStatus::Offered { .. }
			| RequestStatus::Bidding { .. }
			| RequestStatus::Dutch { .. } => return Err(Error::<T>::AlreadyOffered.into()),
			RequestStatus::Locked { .. } => return Err(Error::<T>::AlreadyLocked.into()),
			_ => return Err(Error::<T>::RequestEnded.into()),
		}
		Queue::<T>::mutate(|queue| queue.retain(|queued| *queued != id));
		let refunded = request.max_fee;
		escrow::release::<T>(HoldReason::RequestEscrow, &request.requester, refunded)?;
		escrow::release::<T>(HoldReason::RequestDeposit, &request.requester, request.deposit)?;
		Self::close(id, request, RequestStatus::Cancelled { at: now });
		Self::deposit_event(Event::RequestCancelled { request: id, refunded });
		Ok(())
	}

	/// Checks the caller, then settles a valid proof (fee refunded) or punishes
	/// an invalid one (charged what it used). A call refused before
	/// verification is charged its full weight.
	pub(crate) fn do_submit_proof(
		prover: T::AccountId,
		id: RequestId,
		public_inputs: Vec<u64>,
		proof: &[u8],
	) -> DispatchResultWithPostInfo {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let now = frame_system::Pallet::<T>::block_number();
		// An aggregated request proved on its own pays for its verification.
		let charge = if request.is_aggregated() { T::FallbackCharge::get() } else { Zero::zero() };
		let (job, paid_at) = match &request.status {
			RequestStatus::Locked { prover: locker, .. } => {
				ensure!(*locker == prover, Error::<T>::NotLocker);
				let job = LockedJob::of(&request.status).ok_or(Error::<T>::NotLocked)?;
				// A deadline the hook has not reached yet has passed all the same.
				ensure!(now < job.deadline, Error::<T>::NotLocked);
				(job, now)
			}
			RequestStatus::Claimed {
				prover: locker,
				fallback,
				proof_hash,
				output,
				claimed_at,
				due,
				..
			} => {
				ensure!(*locker == prover, Error::<T>::NotLocker);
				// A claim whose `due` passed has fallen back, whether or not
				// the hook has reached it: its window counts from that `due`.
				let late_at = if *fallback {
					*due
				} else {
					ensure!(now >= *due, Error::<T>::AwaitingBatch);
					due.saturating_add(T::FallbackWindow::get())
				};
				ensure!(now < late_at, Error::<T>::NotLocked);
				ensure!(
					sp_io::hashing::blake2_256(proof) == *proof_hash,
					Error::<T>::ProofNotClaimed
				);
				let commitment = request.input_commitment.ok_or(Error::<T>::NotClaimed)?;
				let claimed = commitment.iter().chain(output.iter());
				ensure!(
					public_inputs.len() == INPUT_COMMITMENT_LEN + output.len()
						&& claimed.eq(public_inputs.iter()),
					Error::<T>::MalformedOutput
				);
				if !*fallback {
					// The fallback the hook has yet to announce.
					Self::deposit_event(Event::ClaimFellBack {
						request: id,
						prover: prover.clone(),
						due: late_at,
					});
				}
				(LockedJob::of_claim(&request.status).ok_or(Error::<T>::NotClaimed)?, *claimed_at)
			}
			RequestStatus::Racing { joined, .. } => {
				let racers = *joined;
				let verify = Self::verify_weight(&request.circuit);
				let valid = Self::reveal_race_proof(prover, id, request, public_inputs, proof)?;
				let (extra, pays_fee) = if valid {
					(Self::settle_race_weight(racers), Pays::No)
				} else {
					(Self::punish_weight(), Pays::Yes)
				};
				return Ok(PostDispatchInfo {
					actual_weight: Some(verify.saturating_add(extra)),
					pays_fee,
				});
			}
			status if status.is_open() => return Err(Error::<T>::NotLocked.into()),
			_ => return Err(Error::<T>::RequestEnded.into()),
		};
		let verify = Self::verify_weight(&request.circuit);
		let verdict = Self::check_binding(&request, &public_inputs)
			.and_then(|()| T::Verifier::verify(&request.circuit, &public_inputs, proof));
		match verdict {
			Ok(()) => {
				Self::fulfil(id, request, prover, job, public_inputs, paid_at, charge)?;
				Ok(PostDispatchInfo {
					actual_weight: Some(verify.saturating_add(Self::settle_weight())),
					pays_fee: Pays::No,
				})
			}
			Err(reason) => {
				Self::reject(id, request, prover, job, reason);
				Ok(PostDispatchInfo {
					actual_weight: Some(verify.saturating_add(Self::punish_weight())),
					pays_fee: Pays::Yes,
				})
			}
		}
	}

	/// Whether `public_inputs` are the request's input commitment followed by
	/// an output of the listed length.
	pub(crate) fn check_binding(
		request: &Request<T>,
		public_inputs: &[u64],
	) -> Result<(), VerifyError> {
		let listing = Listings::<T>::get(request.circuit).ok_or(VerifyError::UnknownCircuit)?;
		let expected_len = INPUT_COMMITMENT_LEN + listing.output_elements as usize;
		let elements = decode_elements(&request.input).ok_or(VerifyError::PublicInputsMismatch)?;
		let commitment = T::Verifier::input_commitment(&elements);
		if public_inputs.len() != expected_len
			|| public_inputs[..INPUT_COMMITMENT_LEN] != commitment[..]
		{
			return Err(VerifyError::PublicInputsMismatch);
		}
		Ok(())
	}

	/// Punishes the locker for a proof that failed with `reason`.
	pub(crate) fn reject(
		id: RequestId,
		request: Request<T>,
		prover: T::AccountId,
		job: LockedJob<T>,
		reason: VerifyError,
	) {
		let now = frame_system::Pallet::<T>::block_number();
		Self::fail_attempt(id, request, prover, job, Failure::InvalidProof(reason), now);
	}

	/// Pays the prover its price as of `paid_at` less `charge` (which goes
	/// to `Forfeits`), returns its collateral, refunds the rest and stores
	/// the output.
	pub(crate) fn fulfil(
		id: RequestId,
		request: Request<T>,
		prover: T::AccountId,
		job: LockedJob<T>,
		public_inputs: Vec<u64>,
		paid_at: BlockNumberFor<T>,
		charge: BalanceOf<T>,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let full_price = Self::price_paid(&request, &job, paid_at);
		let charge = charge.min(full_price);
		let price = full_price.saturating_sub(charge);
		let LockedJob { deadline, collateral, candidates, .. } = job;
		escrow::settle::<T>(&request.requester, request.max_fee, &prover, price)?;
		escrow::charge::<T>(&request.requester, charge)?;
		Self::record_settlement(
			request.terms.mechanism.kind(),
			full_price,
			Self::units_of(&request),
			now.saturating_sub(request.submitted_at),
		);
		escrow::release::<T>(HoldReason::RequestDeposit, &request.requester, request.deposit)?;
		escrow::release::<T>(HoldReason::JobCollateral, &prover, collateral)?;
		let competitive = candidates >= T::MinCompetitors::get();
		let units = Self::units_of(&request);
		let outcome = JobOutcome::Fulfilled { units, competitive };
		Self::release_slot(id, &prover, deadline, units, outcome);
		let output = public_inputs.get(INPUT_COMMITMENT_LEN..).unwrap_or_default().to_vec();
		let output = BoundedVec::truncate_from(output);
		let refunded = request.max_fee.saturating_sub(full_price);
		Self::close(
			id,
			request,
			RequestStatus::Fulfilled { prover: prover.clone(), price, output, at: now },
		);
		Self::deposit_event(Event::RequestFulfilled { request: id, prover, price, refunded });
		Ok(())
	}

	/// The locker failed: release its slot, forfeit its collateral (a bounded
	/// part to the requester, see the crate docs), slash its backing the
	/// registry's fraction for the failure (all of it to the registry's slash
	/// sink), record the failure, exclude it, and queue the request again or,
	/// with no attempt left, expire it.
	pub(crate) fn fail_attempt(
		id: RequestId,
		mut request: Request<T>,
		prover: T::AccountId,
		job: LockedJob<T>,
		failure: Failure,
		now: BlockNumberFor<T>,
	) {
		let units = Self::units_of(&request);
		Self::release_slot(id, &prover, job.deadline, units, failure.outcome(units));
		Self::punish(id, &mut request, &prover, job.collateral, job.price, failure, true);
		// A locked request has had fewer than `MaxAttempts` failures, so this fits.
		let excluded = request.failed.try_push(prover).is_ok();
		if !excluded || request.failed.len() as u32 >= T::MaxAttempts::get() {
			Self::expire(id, request, now);
		} else {
			Self::reopen(id, request, now);
		}
	}

	/// Forfeits `prover`'s `collateral` for a job at `price` it failed (at
	/// most `FailureCompensation` of it, never more than the price, to the
	/// requester), slashes its backing the registry's fraction for the
	/// failure (all of it to the slash sink) if `slash_backing`, and records
	/// what it lost.
	pub(crate) fn punish(
		id: RequestId,
		request: &mut Request<T>,
		prover: &T::AccountId,
		collateral: BalanceOf<T>,
		price: BalanceOf<T>,
		failure: Failure,
		slash_backing: bool,
	) {
		let compensation = T::FailureCompensation::get().mul_floor(collateral).min(price);
		let (collateral, compensated) =
			escrow::forfeit_collateral::<T>(prover, collateral, &request.requester, compensation);
		request.compensated.saturating_accrue(compensated);
		let reason = failure.slash_reason();
		let fraction = T::Provers::slash_fraction(reason);
		let slashed = if fraction.is_zero() || !slash_backing {
			Zero::zero()
		} else {
			T::Provers::slash(prover, fraction, reason, None)
				.unwrap_or_else(|error| {
					log::warn!(target: LOG_TARGET, "request {id}: slashing the prover failed: {error:?}");
					SlashOutcome::default()
				})
				.slashed
		};
		let prover = prover.clone();
		Self::deposit_event(match failure {
			Failure::MissedDeadline => {
				Event::DeadlineMissed { request: id, prover, collateral, compensated, slashed }
			}
			Failure::InvalidProof(reason) => Event::ProofRejected {
				request: id,
				prover,
				reason,
				collateral,
				compensated,
				slashed,
			},
		});
	}

	/// Opens a request again after its locker failed, by its mechanism: a
	/// Dutch auction restarts its ramp; an election or a settled sealed-bid
	/// auction whose fallback is the election is queued; a sealed-bid
	/// auction whose fallback is expiry expires.
	fn reopen(id: RequestId, mut request: Request<T>, now: BlockNumberFor<T>) {
		match request.terms.mechanism {
			Mechanism::Dutch { ramp_blocks, .. } => {
				let closes = now.saturating_add(ramp_blocks).saturating_add(T::LockWindow::get());
				Self::put_on_index(id, closes);
				request.status = RequestStatus::Dutch { since: now, closes };
				Requests::<T>::insert(id, request);
				return;
			}
			Mechanism::SealedBid { fallback: Fallback::Expire, .. } => {
				return Self::expire(id, request, now);
			}
			_ => {}
		}
		Self::requeue(id, request, now);
	}

	/// Puts an open request back at the front of the queue, as of `now`.
	pub(crate) fn requeue(id: RequestId, mut request: Request<T>, now: BlockNumberFor<T>) {
		request.status = RequestStatus::Queued { since: now };
		Requests::<T>::insert(id, request);
		Queue::<T>::mutate(|queue| {
			// The request was open and not queued, so the queue has room.
			if queue.try_insert(0, id).is_err() {
				defensive!("an open request found the queue full on requeue");
			}
		});
	}

	/// The offered prover did not take request `id` (it declined, or its
	/// window `lapsed`): it gets its slot back with a decline counted, is
	/// never offered the request again, and the request is queued again or,
	/// with no decline left, expires. Nothing is slashed.
	fn pass_offer(
		id: RequestId,
		mut request: Request<T>,
		prover: T::AccountId,
		lock_by: BlockNumberFor<T>,
		lapsed: bool,
		now: BlockNumberFor<T>,
	) {
		let units = Self::units_of(&request);
		Self::release_slot(id, &prover, lock_by, units, JobOutcome::Declined { lapsed });
		Self::deposit_event(Event::OfferDeclined { request: id, prover: prover.clone(), lapsed });
		let excluded = request.declined.try_push(prover).is_ok();
		if !excluded || request.declined.len() as u32 >= T::MaxDeclines::get() {
			Self::expire(id, request, now);
		} else {
			Self::requeue(id, request, now);
		}
	}

	/// See [`crate::Pallet::lock_request`].
	pub(crate) fn do_lock_request(prover: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let now = frame_system::Pallet::<T>::block_number();
		match &request.status {
			RequestStatus::Offered { prover: offered, price, lock_by, candidates }
				if *offered == prover =>
			{
				// An offer the hook has not passed on yet may have lapsed all the same.
				ensure!(now < *lock_by, Error::<T>::NotOffered);
				let (price, lock_by, candidates) = (*price, *lock_by, *candidates);
				Self::lock(id, request, prover, price, candidates, Some(lock_by), now, |_| Ok(()))
			}
			RequestStatus::Dutch { since, closes } => {
				// Closed, whether or not the hook has expired it yet.
				ensure!(now < *closes, Error::<T>::RequestEnded);
				let excluded = request.failed.contains(&prover);
				ensure!(!excluded, Error::<T>::Excluded);
				let job = Self::job_spec(
					request.circuit,
					&Self::listing_of(&request)?,
					request.deadline_blocks,
				);
				T::Provers::qualified_ask(&prover, &request.requirements, &job)
					.ok_or(Error::<T>::NotQualified)?;
				let price = Self::dutch_price(&request, *since, now);
				let closes = *closes;
				Self::lock(id, request, prover, price, 1, Some(closes), now, |prover| {
					T::Provers::reserve_capacity(prover, &job).map(|_| ())
				})
			}
			RequestStatus::Racing { .. } => Self::join_race(prover, id, request, now),
			status if status.is_open() => Err(Error::<T>::NotOffered.into()),
			_ => Err(Error::<T>::RequestEnded.into()),
		}
	}

	/// `prover` takes request `id` at `price`: its deadline is set from
	/// `now`, its collateral held, `reserve` takes the prover's capacity
	/// (already taken for an offer) and the request leaves the index block
	/// `due` it was waiting under, if any (an auction the hook settles has
	/// left it already, a book request never was in it). Fails, changing
	/// nothing, when the collateral cannot be held or `reserve` fails.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn lock(
		id: RequestId,
		mut request: Request<T>,
		prover: T::AccountId,
		price: BalanceOf<T>,
		candidates: u32,
		due: Option<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
		reserve: impl FnOnce(&T::AccountId) -> DispatchResult,
	) -> DispatchResult {
		let deadline = now.saturating_add(request.deadline_blocks);
		let collateral = Self::collateral_for(price);
		frame_support::storage::with_storage_layer(|| {
			escrow::hold::<T>(HoldReason::JobCollateral, &prover, collateral)?;
			reserve(&prover)
		})?;
		if let Some(due) = due {
			Self::take_off_index(id, due);
		}
		Self::put_on_index(id, deadline);
		Jobs::<T>::insert(&prover, id, ());
		request.status = RequestStatus::Locked {
			prover: prover.clone(),
			price,
			deadline,
			collateral,
			candidates,
			locked_at: now,
		};
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::RequestLocked {
			request: id,
			prover,
			price,
			collateral,
			deadline,
		});
		Ok(())
	}

	/// The whole job's price in a Dutch auction started at `since`, at block
	/// `now`: from the floor times the work units up to the prover budget
	/// (`max_fee` less any aggregation fee), linearly over the ramp, then
	/// the budget.
	pub fn dutch_price(
		request: &Request<T>,
		since: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
	) -> BalanceOf<T> {
		let budget = request.prover_budget();
		let Mechanism::Dutch { floor, ramp_blocks } = request.terms.mechanism else {
			return budget;
		};
		let units: BalanceOf<T> = Self::units_of(request).into();
		let start = floor.saturating_mul(units).min(budget);
		let ramp: u128 = ramp_blocks.saturated_into::<u128>().max(1);
		let elapsed: u128 = now.saturating_sub(since).saturated_into::<u128>().min(ramp);
		let rise = multiply_ratio(budget.saturating_sub(start), elapsed, ramp);
		start.saturating_add(rise)
	}

	/// What a valid proof for a locked job is paid at `now`: its price, less
	/// the latency guarantee's discount when later than its target (linear
	/// from the full price at the target to the floor's share at the
	/// nominal deadline, `deadline_blocks` after the lock).
	pub(crate) fn price_paid(
		request: &Request<T>,
		job: &LockedJob<T>,
		now: BlockNumberFor<T>,
	) -> BalanceOf<T> {
		let Some(guarantee) = request.terms.latency else { return job.price };
		let taken: u128 = now.saturating_sub(job.locked_at).saturated_into();
		let target: u128 = guarantee.target_blocks.saturated_into();
		let window: u128 = request.deadline_blocks.saturated_into();
		if taken <= target || window <= target {
			return job.price;
		}
		let late = (taken - target).min(window - target);
		let floor = guarantee.floor.mul_floor(job.price);
		let discount = multiply_ratio(job.price.saturating_sub(floor), late, window - target);
		job.price.saturating_sub(discount)
	}

	/// See [`crate::Pallet::decline_request`].
	pub(crate) fn do_decline_request(prover: T::AccountId, id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let lock_by = match &request.status {
			RequestStatus::Offered { prover: offered, lock_by, .. } if *offered == prover => {
				*lock_by
			}
			status if status.is_open() => return Err(Error::<T>::NotOffered.into()),
			_ => return Err(Error::<T>::RequestEnded.into()),
		};
		let now = frame_system::Pallet::<T>::block_number();
		// A lapsed offer is the hook's to pass on (as lapsed), whether or not
		// it has reached it yet.
		ensure!(now < lock_by, Error::<T>::NotOffered);
		Self::pass_offer(id, request, prover, lock_by, false, now);
		Ok(())
	}

	/// The listing of `request`'s circuit (kept while requests are open).
	pub(crate) fn listing_of(request: &Request<T>) -> Result<Listing<T>, DispatchError> {
		Listings::<T>::get(request.circuit).ok_or_else(|| Error::<T>::NotListed.into())
	}

	/// Work units of `request`'s circuit (one if it is no longer listed).
	pub(crate) fn units_of(request: &Request<T>) -> u64 {
		Listings::<T>::get(request.circuit).map_or(1, |listing| listing.work_units)
	}

	/// The collateral a job at `price` holds: `max(MinCollateral, CollateralFactor × price)`.
	pub fn collateral_for(price: BalanceOf<T>) -> BalanceOf<T> {
		price.saturating_mul(T::CollateralFactor::get().into()).max(T::MinCollateral::get())
	}

	/// Indexes `id` under `block`: in [`Deadlines`] if the hook has yet to
	/// reach that block, else at the back of [`OverdueDeadlines`] (the hook
	/// took the block's list at its start). Each open request is indexed
	/// once, and both lists hold `MaxOpenRequests`, so this always fits.
	pub(crate) fn put_on_index(id: RequestId, block: BlockNumberFor<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		let indexed = if block > now {
			Deadlines::<T>::try_append(block, id)
		} else {
			OverdueDeadlines::<T>::try_append(id)
		};
		if indexed.is_err() {
			defensive!("the deadline index is full", id);
		}
	}

	/// Removes `id` from the deadline index under `block`: from
	/// [`Deadlines`] if the hook has yet to reach that block, else from
	/// [`OverdueDeadlines`], where it waits if the hook has not handled it
	/// (while the hook handles it, it is in neither).
	pub(crate) fn take_off_index(id: RequestId, block: BlockNumberFor<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		if block > now {
			let mut list = Deadlines::<T>::get(block);
			if let Some(place) = list.iter().position(|due_id| *due_id == id) {
				list.remove(place);
				if list.is_empty() {
					Deadlines::<T>::remove(block);
				} else {
					Deadlines::<T>::insert(block, list);
				}
			}
		} else {
			let mut overdue = OverdueDeadlines::<T>::get();
			if let Some(place) = overdue.iter().position(|due_id| *due_id == id) {
				overdue.remove(place);
				if overdue.is_empty() {
					OverdueDeadlines::<T>::kill();
				} else {
					OverdueDeadlines::<T>::put(overdue);
				}
			}
		}
	}

	/// Ends `prover`'s job on `id` (indexed under block `due`), frees the
	/// job's `units` of its capacity and records how it ended; the job
	/// leaves the index. The registry keeps a prover's record while it holds a slot, so
	/// this fails only if that promise is broken; the market then carries on
	/// rather than trap.
	pub(crate) fn release_slot(
		id: RequestId,
		prover: &T::AccountId,
		due: BlockNumberFor<T>,
		units: u64,
		outcome: JobOutcome,
	) {
		Jobs::<T>::remove(prover, id);
		Self::take_off_index(id, due);
		if let Err(error) = T::Provers::release_capacity(prover, units, outcome) {
			defensive!("releasing a prover's slot failed", (id, error));
		}
	}

	/// Ends a request unfulfilled: refunds its fee, and its deposit unless it
	/// was never offered to anyone (no eligible prover in all its wait). A
	/// request every offered prover declined gets its deposit back: provers
	/// that let offers lapse must not be able to burn requesters' deposits.
	pub(crate) fn expire(id: RequestId, request: Request<T>, now: BlockNumberFor<T>) {
		let forfeit = request.failed.is_empty() && request.declined.is_empty();
		Self::expire_forfeiting(id, request, now, forfeit)
	}

	/// Ends a request unfulfilled, refunding its fee, and its deposit unless
	/// `forfeit`.
	pub(crate) fn expire_forfeiting(
		id: RequestId,
		request: Request<T>,
		now: BlockNumberFor<T>,
		forfeit: bool,
	) {
		let refunded = request.max_fee;
		let compensated = request.compensated;
		if let Err(error) =
			escrow::release::<T>(HoldReason::RequestEscrow, &request.requester, refunded)
		{
			defensive!("refunding an expired request's fee failed", (id, error));
		}
		let forfeited = if forfeit {
			escrow::forfeit::<T>(HoldReason::RequestDeposit, &request.requester, request.deposit)
		} else {
			if let Err(error) = escrow::release::<T>(
				HoldReason::RequestDeposit,
				&request.requester,
				request.deposit,
			) {
				defensive!("returning an expired request's deposit failed", (id, error));
			}
			Zero::zero()
		};
		Self::close(id, request, RequestStatus::Expired { at: now });
		Self::deposit_event(Event::RequestExpired {
			request: id,
			refunded,
			compensated,
			forfeited,
		});
	}

	/// Stores a request's final status and schedules its removal.
	pub(crate) fn close(id: RequestId, mut request: Request<T>, status: RequestStatus<T>) {
		T::Verifier::release(&request.circuit);
		if request.is_aggregated() {
			Self::count_aggregated(request.circuit, false);
		}
		Listings::<T>::mutate(request.circuit, |listing| {
			if let Some(listing) = listing {
				listing.open_requests.saturating_dec();
			}
		});
		OpenRequests::<T>::mutate(|open| open.saturating_dec());
		OpenRequestsOf::<T>::mutate_exists(&request.requester, |open| {
			*open = open.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
		let now = frame_system::Pallet::<T>::block_number();
		request.status = status;
		// The requester has its input; the chain keeps only the outcome.
		request.input = BoundedVec::new();
		Requests::<T>::insert(id, request);
		RetiringRange::<T>::mutate(|(_, tail)| {
			Retiring::<T>::insert(*tail, (id, now.saturating_add(T::ResultRetention::get())));
			*tail = tail.saturating_add(1);
		});
	}

	/// The block hook: lapsed offers and deadlines (at most
	/// `MaxDeadlinesPerBlock`, see [`Self::handle_deadlines`]), then offers,
	/// then removal of ended requests. Returns the weight used.
	pub(crate) fn on_block(now: BlockNumberFor<T>) -> Weight {
		let mut weight = T::WeightInfo::on_initialize_idle();
		weight.saturating_accrue(Self::handle_deadlines(now));
		let mut queue = Queue::<T>::get().into_inner();
		let offered = queue.len().min(T::MaxAssignmentsPerBlock::get() as usize);
		if offered > 0 {
			let batch: Vec<RequestId> = queue.drain(..offered).collect();
			// Elections this block may still run: one per offer, `racers` per
			// elected race, `MaxAssignmentsPerBlock` in all, so that races
			// cannot multiply the hook's elections.
			let mut elections = T::MaxAssignmentsPerBlock::get();
			for id in batch {
				weight.saturating_accrue(Self::offer_weight());
				let needed = Self::elections_needed(id);
				if needed > elections {
					// Its turn comes in a block with elections left.
					queue.push(id);
					continue;
				}
				// Requests no prover was found for go to the back, so they do not
				// block others.
				match Self::offer(id, now) {
					Offer::Waits => queue.push(id),
					Offer::Raced { elected } => {
						weight.saturating_accrue(T::WeightInfo::open_race(elected).saturating_add(
							T::Provers::elect_weight().saturating_mul(elected.into()),
						))
					}
					_ => {}
				}
				elections = elections.saturating_sub(needed);
			}
			// No longer than it was: nothing is cut.
			Queue::<T>::put(BoundedVec::truncate_from(queue));
		}
		for _ in 0..T::MaxRetiredPerBlock::get() {
			if !Self::retire_next(now) {
				break;
			}
			weight.saturating_accrue(T::WeightInfo::retire());
		}
		weight
	}

	/// The deadline index's entries due by `now`, oldest first: those
	/// carried from earlier blocks ([`OverdueDeadlines`]), then block
	/// `now`'s. The first `MaxDeadlinesPerBlock` are handled
	/// ([`Self::process_deadline`]); the rest stay, in order, in
	/// `OverdueDeadlines` for the next blocks. Returns the weight used
	/// beyond `on_initialize_idle` (which reads both lists).
	pub(crate) fn handle_deadlines(now: BlockNumberFor<T>) -> Weight {
		let overdue = OverdueDeadlines::<T>::get();
		let due_now = Deadlines::<T>::take(now);
		if overdue.is_empty() && due_now.is_empty() {
			return Weight::zero();
		}
		let carried = !overdue.is_empty();
		let mut pending = overdue.into_inner();
		pending.extend(due_now);
		let handled = pending.len().min(T::MaxDeadlinesPerBlock::get() as usize);
		let rest = pending.split_off(handled);
		let mut weight = Weight::zero();
		// Stored before the handling, which may take entries off it or add one.
		if carried || !rest.is_empty() {
			weight.saturating_accrue(T::DbWeight::get().writes(1));
			if rest.is_empty() {
				OverdueDeadlines::<T>::kill();
			} else {
				let kept = rest.len();
				// Each open request is indexed once: at most `MaxOpenRequests`.
				let rest = BoundedVec::truncate_from(rest);
				if rest.len() < kept {
					defensive!("more overdue deadlines than open requests", kept);
				}
				OverdueDeadlines::<T>::put(rest);
			}
		}
		for id in pending {
			weight.saturating_accrue(Self::process_deadline(id, now));
		}
		weight
	}

	/// Weight of `submit_request_with_terms`: `submit_request`'s (the
	/// election's worst case is charged to every request, since any may fall
	/// back to it), and for the book a match over a full book with every
	/// prover's qualification checked.
	///
	/// The requester pays for what its prover's free calls cost the chain:
	/// in the fast tier the verification of its proof; in the aggregated
	/// tier the claim (the commitment to its input of `input_bytes`), since
	/// the batch is paid by its aggregator and a proof verified on its own
	/// pays the fallback charge.
	pub fn submit_with_terms_weight(
		circuit: &CircuitId,
		terms: &Terms<BlockNumberFor<T>, BalanceOf<T>>,
		input_bytes: usize,
	) -> Weight {
		let proving = match terms.settlement {
			Settlement::Direct => Self::verify_weight(circuit),
			Settlement::Aggregated => T::WeightInfo::claim_proof(Self::input_elements(input_bytes)),
		};
		let base = T::WeightInfo::submit_request()
			.saturating_add(T::Provers::elect_weight())
			.saturating_add(proving);
		match terms.mechanism {
			Mechanism::Book { .. } => {
				let asks = T::MaxAsks::get();
				base.saturating_add(T::WeightInfo::match_book(asks))
					.saturating_add(T::Provers::qualify_weight().saturating_mul(asks.into()))
					.saturating_add(T::Provers::capacity_weight())
			}
			_ => base,
		}
	}

	/// Weight of a missed deadline, a lapsed offer or a Dutch close.
	fn job_end_weight() -> Weight {
		T::WeightInfo::miss_deadline_requeue()
			.max(T::WeightInfo::miss_deadline_expire())
			.saturating_add(T::Provers::slash_weight())
			.max(T::WeightInfo::lapse_offer())
			.max(T::WeightInfo::close_dutch())
			.saturating_add(T::Provers::capacity_weight())
	}

	/// Weight of settling a sealed-bid auction with `bids` bids.
	pub(crate) fn settle_auction_weight(bids: u32) -> Weight {
		T::WeightInfo::settle_auction(bids)
			.saturating_add(T::Provers::qualify_weight().saturating_mul(bids.into()))
			.saturating_add(T::Provers::capacity_weight())
	}

	/// Elections offering queued request `id` runs: `racers` for an elected
	/// race, one otherwise.
	fn elections_needed(id: RequestId) -> u32 {
		match Requests::<T>::get(id).map(|request| request.terms.mechanism) {
			Some(Mechanism::Race { racers, .. }) => racers.min(T::MaxRacers::get()).max(1),
			_ => 1,
		}
	}

	/// Weight of offering one queued request at its worst: an election at the
	/// registry's bound (and the read of its mechanism that counts its
	/// elections).
	pub(crate) fn offer_weight() -> Weight {
		T::WeightInfo::offer()
			.saturating_add(T::DbWeight::get().reads(1))
			.max(T::WeightInfo::expire_queued())
			.saturating_add(T::Provers::elect_weight())
			.saturating_add(T::Provers::capacity_weight())
	}

	/// Handles `id`'s entry in the deadline index, taken off it at block
	/// `now`, at or after the block it was indexed under: an offer whose
	/// lock window ended, a locked job whose deadline fell, a sealed-bid
	/// auction that settles, a Dutch auction that closes, a race that
	/// settles, a claim that falls back or whose fallback ended. Returns the
	/// weight used, at the worst case of its kind.
	///
	/// Handling late (entries beyond `MaxDeadlinesPerBlock` wait) takes
	/// nobody's right away and gives none: the calls check the time
	/// themselves, so nothing the window's end forbids happened in between,
	/// and a claim's fallback window counts from its `due`. What follows the
	/// handling (a requeue, a re-opened ramp, an auction winner's deadline)
	/// counts from the block it is handled in.
	pub(crate) fn process_deadline(id: RequestId, now: BlockNumberFor<T>) -> Weight {
		let Some(request) = Requests::<T>::get(id) else { return Self::job_end_weight() };
		match request.status.clone() {
			RequestStatus::Offered { prover, lock_by, .. } if lock_by <= now => {
				Self::pass_offer(id, request, prover, lock_by, true, now);
			}
			RequestStatus::Locked { prover, deadline, .. } if deadline <= now => {
				if let Some(job) = LockedJob::of(&request.status) {
					Self::fail_attempt(id, request, prover, job, Failure::MissedDeadline, now);
				}
			}
			RequestStatus::Bidding { reveal_until, bids, .. } if reveal_until <= now => {
				Self::settle_auction(id, request, now);
				return Self::settle_auction_weight(bids);
			}
			RequestStatus::Dutch { closes, .. } if closes <= now => {
				// Nobody took it at any price up to `max_fee`.
				Self::expire(id, request, now);
			}
			RequestStatus::Racing { settles_at, joined, .. } if settles_at <= now => {
				Self::settle_race(id, request, now);
				return Self::settle_race_weight(joined);
			}
			RequestStatus::Claimed { due, fallback: false, .. } if due <= now => {
				Self::fall_back(id, request);
			}
			RequestStatus::Claimed { prover, due, fallback: true, .. } if due <= now => {
				if let Some(job) = LockedJob::of_claim(&request.status) {
					Self::fail_attempt(id, request, prover, job, Failure::MissedDeadline, now);
				}
			}
			_ => {}
		}
		Self::job_end_weight()
	}

	/// Offers queued request `id` to the registry. The caller has taken it out
	/// of the queue and puts it back if it [`Offer::Waits`].
	pub(crate) fn offer(id: RequestId, now: BlockNumberFor<T>) -> Offer {
		let Some(mut request) = Requests::<T>::get(id) else { return Offer::Gone };
		let RequestStatus::Queued { since } = request.status else { return Offer::Gone };
		if now >= since.saturating_add(T::MaxQueueWait::get()) {
			Self::expire(id, request, now);
			return Offer::Expired;
		}
		// The first election waits `ElectionDelay` blocks after inclusion; a
		// request queued again later (after a decline, a failure or an
		// auction) is offered at once.
		if now < request.submitted_at.saturating_add(T::ElectionDelay::get()) {
			return Offer::Waits;
		}
		if matches!(request.terms.mechanism, Mechanism::Race { .. }) {
			return match Self::elect_racers(id, &mut request, now) {
				Some(elected) => {
					Requests::<T>::insert(id, request);
					Offer::Raced { elected }
				}
				None => Offer::Waits,
			};
		}
		let Some(listing) = Listings::<T>::get(request.circuit) else { return Offer::Waits };
		let lock_by = now.saturating_add(T::LockWindow::get());
		let units: BalanceOf<T> = listing.work_units.into();
		let budget = request.prover_budget();
		let offered_price = budget / units.max(One::one());
		let attempt = request.failed.len() as u32 + 1;
		let offer_number = attempt.saturating_add(request.declined.len() as u32);
		let seed = Self::election_seed(id, offer_number);
		let requirements = request.requirements.at_price(offered_price);
		let excluded: Vec<T::AccountId> =
			request.failed.iter().chain(request.declined.iter()).cloned().collect();
		let job = Self::job_spec(request.circuit, &listing, request.deadline_blocks);
		let Some(Elected { prover, candidates }) =
			T::Provers::elect(&seed, &requirements, &job, &excluded)
		else {
			return Offer::Waits;
		};
		let ask = match T::Provers::reserve_capacity(&prover, &job) {
			Ok(ask) => ask,
			Err(error) => {
				log::warn!(target: LOG_TARGET, "request {id}: elected prover has no slot: {error:?}");
				return Offer::Waits;
			}
		};
		let price = ask.saturating_mul(units).min(budget);
		request.terms.mechanism = Mechanism::Election;
		Self::put_on_index(id, lock_by);
		Jobs::<T>::insert(&prover, id, ());
		request.status =
			RequestStatus::Offered { prover: prover.clone(), price, lock_by, candidates };
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::RequestOffered { request: id, prover, price, lock_by, attempt });
		Offer::Offered
	}

	/// The job a request for `circuit` with `deadline` blocks from lock to
	/// proof gives a prover: what the provers' declared services are matched
	/// against.
	pub(crate) fn job_spec(
		circuit: CircuitId,
		listing: &Listing<T>,
		deadline: BlockNumberFor<T>,
	) -> JobSpec {
		JobSpec::new(circuit, &listing.descriptor, listing.work_units, deadline.saturated_into())
	}

	/// `blake2_256(randomness ‖ request ‖ offer)`, `offer` counting from 1
	/// over every offer of the request (declined ones included).
	pub fn election_seed(id: RequestId, offer: u32) -> [u8; 32] {
		let (randomness, _) = T::Randomness::random(b"prova/proof-market/election");
		sp_io::hashing::blake2_256(&(randomness, id, offer).encode())
	}

	/// Removes the oldest ended request if its retention has passed.
	pub(crate) fn retire_next(now: BlockNumberFor<T>) -> bool {
		let (head, tail) = RetiringRange::<T>::get();
		if head >= tail {
			return false;
		}
		let Some((id, removable_at)) = Retiring::<T>::get(head) else { return false };
		if removable_at > now {
			return false;
		}
		Retiring::<T>::remove(head);
		Requests::<T>::remove(id);
		RetiringRange::<T>::put((head.saturating_add(1), tail));
		true
	}

	/// Weight of `submit_proof` for `id`, charged before the proof is read:
	/// verification at the circuit's registered size, plus the heavier of
	/// settling and punishing. The call returns what it actually used.
	pub fn submit_proof_weight(id: RequestId) -> Weight {
		let verify = Requests::<T>::get(id)
			.map(|request| Self::verify_weight(&request.circuit))
			.unwrap_or_default();
		let settle = Self::settle_weight().max(Self::settle_race_weight(T::MaxRacers::get()));
		verify.saturating_add(settle.max(Self::punish_weight()))
	}

	/// Settling a race of `racers`: paying, releasing or punishing each
	/// (a racer that failed forfeits collateral only, no slash: see
	/// [`crate::race`]).
	pub(crate) fn settle_race_weight(racers: u32) -> Weight {
		T::WeightInfo::settle_race(racers).saturating_add(
			T::Provers::reward_weight()
				.saturating_add(T::Provers::capacity_weight())
				.saturating_mul(racers.into()),
		)
	}

	/// Input elements in `bytes` of input (a partial one counted whole; an
	/// input that is not whole elements is refused anyway).
	pub fn input_elements(bytes: usize) -> u32 {
		bytes.div_ceil(ELEMENT_BYTES) as u32
	}

	/// The most input elements a request carries: `MaxInputBytes` of them.
	pub fn max_input_elements() -> u32 {
		Self::input_elements(T::MaxInputBytes::get() as usize)
	}

	/// Verifying a proof of `circuit` at its registered size.
	pub(crate) fn verify_weight(circuit: &CircuitId) -> Weight {
		T::Verifier::verify_weight(circuit).unwrap_or_default()
	}

	/// Settling a valid proof: pay, release, record.
	fn settle_weight() -> Weight {
		T::WeightInfo::submit_proof_valid()
			.saturating_add(T::Provers::reward_weight())
			.saturating_add(T::Provers::capacity_weight())
	}

	/// Punishing an invalid proof: a slash at the registry's bound, then
	/// requeueing or, on the last attempt, expiring (the benchmarked
	/// difference between a deadline that expires and one that requeues).
	fn punish_weight() -> Weight {
		let expiring = T::WeightInfo::miss_deadline_expire()
			.saturating_sub(T::WeightInfo::miss_deadline_requeue());
		T::WeightInfo::submit_proof_invalid()
			.saturating_add(expiring)
			.saturating_add(T::Provers::slash_weight())
			.saturating_add(T::Provers::capacity_weight())
	}
}

/// `value × numerator / denominator`, rounded down (zero for a zero
/// denominator); `numerator ≤ denominator` in every use, so it never saturates.
pub fn multiply_ratio(value: u128, numerator: u128, denominator: u128) -> u128 {
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		value,
		numerator,
		denominator,
		sp_runtime::Rounding::Down,
	)
	.unwrap_or(0)
}

/// Input bytes as canonical field elements (8-byte little-endian words below
/// the Goldilocks modulus); `None` for any other bytes.
pub fn decode_elements(bytes: &[u8]) -> Option<Vec<u64>> {
	if !bytes.len().is_multiple_of(ELEMENT_BYTES) {
		return None;
	}
	bytes
		.chunks_exact(ELEMENT_BYTES)
		.map(|word| {
			let mut buf = [0u8; ELEMENT_BYTES];
			buf.copy_from_slice(word);
			Some(u64::from_le_bytes(buf)).filter(|value| *value < GOLDILOCKS_ORDER)
		})
		.collect()
}
