//! Proof races: several provers prove one request at once, for speed and
//! redundancy, and the requester pays for the redundant work.
//!
//! ## Who races
//! An **elected** race is queued like an election; at the start of a later
//! block up to `racers` distinct provers are drawn by stake among those
//! eligible at `max_fee / racers` per job (the seed unknown when the request
//! was sent), and invited. An **open** race takes any eligible prover. Either
//! way a racer joins with `lock_request` within [`Config::LockWindow`]
//! blocks, holding collateral for `max_fee / racers` and a slot of its
//! capacity, until `racers` have joined.
//!
//! ## Copying is worthless: commit, then reveal
//! A racer first commits to its proof, `blake2_256(SCALE(request, public
//! inputs, blake2_256(proof), racer))`, with `commit_proof`: the racer is
//! inside the hash, so a commitment copied from the pool can never be opened
//! by anyone else. The first commitment opens a window of `window_blocks`
//! for the others; **no proof is accepted before that window closes**, so
//! while commitments are taken no proof has been published that one could
//! copy. Then each committed racer reveals its proof with `submit_proof`
//! (it must match its commitment and verify) within `LockWindow` blocks.
//! (A racer that sends its proof before commitments close has it refused,
//! but published: the client never does.)
//!
//! ## Pay
//! Each valid proof is paid out of the requester's fee, in the order of the
//! commitments (block, then place in the block): the first `max_fee /
//! racers` in full, each later one that less `decay` of it for every block
//! its commitment came after the first's (nothing once the decay reaches
//! the whole). The requester pays at most `max_fee`, and the rest returns.
//! The race settles when every committed racer has revealed, or when the
//! reveal window ends.
//!
//! ## Failures
//! A racer that revealed an invalid proof is punished in that transaction
//! as any invalid proof is: collateral forfeited (a bounded part to the
//! requester) and backing slashed. A racer that committed and did not reveal
//! failed its job: its collateral is forfeited, but its backing is not
//! slashed, so that settling a race of `MaxRacers` stays light enough for
//! the block hook (a slash walks up to `MaxDelegatorsPerProver`
//! delegations). A racer
//! that joined and did not commit lost the race if another proved (its
//! collateral returns, no penalty: losing is what racing means), and failed
//! if nobody did. A race with no valid proof expires: the fee returns, and
//! the deposit too unless nobody ever joined.
//!
//! **Cost.** Settling reads and removes at most [`Config::MaxRacers`] racers
//! and pays, releases or punishes each, weighed at `settle_race(racers)`.

use crate::{
	escrow, lifecycle::Failure, BalanceOf, Config, Error, Event, HoldReason, Jobs, Mechanism,
	Pallet, Racer, Racers, Request, RequestId, RequestStatus, Requests, INPUT_COMMITMENT_LEN,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{ensure, traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::{
	market::{JobOutcome, ProverRegistry},
	proofs::ProofVerifier,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

/// The commitment to a race proof:
/// `blake2_256(SCALE(request, public inputs, blake2_256(proof), racer))`.
pub fn proof_commitment<AccountId: Encode>(
	request: RequestId,
	public_inputs: &[u64],
	proof: &[u8],
	racer: &AccountId,
) -> [u8; 32] {
	let proof_hash = sp_io::hashing::blake2_256(proof);
	sp_io::hashing::blake2_256(&(request, public_inputs, proof_hash, racer).encode())
}

impl<T: Config> Pallet<T> {
	/// What each racer of `request` is paid in full: `max_fee / racers`.
	pub fn racer_price(request: &Request<T>) -> BalanceOf<T> {
		match request.terms.mechanism {
			Mechanism::Race { racers, .. } => request.max_fee / BalanceOf::<T>::from(racers.max(1)),
			_ => request.max_fee,
		}
	}

	/// The racing status of a race opening at `now` with `invited` provers
	/// (empty: open); the caller indexes it under its settlement block.
	pub(crate) fn open_race(
		deadline_blocks: BlockNumberFor<T>,
		invited: BoundedVec<T::AccountId, T::MaxRacers>,
		now: BlockNumberFor<T>,
	) -> RequestStatus<T> {
		let join_until = now.saturating_add(T::LockWindow::get());
		let deadline = join_until.saturating_add(deadline_blocks);
		RequestStatus::Racing {
			invited,
			joined: 0,
			join_until,
			deadline,
			commits_close: None,
			settles_at: deadline,
		}
	}

	/// Elects the racers of queued race `id` among the provers eligible at
	/// the racer's price and opens the race; `Some(elected)` when it opened.
	pub(crate) fn elect_racers(
		id: RequestId,
		request: &mut Request<T>,
		now: BlockNumberFor<T>,
	) -> Option<u32> {
		let Mechanism::Race { racers, .. } = request.terms.mechanism else { return None };
		let listing = Self::listing_of(request).ok()?;
		let job = Self::job_spec(request.circuit, &listing, request.deadline_blocks);
		let units: BalanceOf<T> = listing.work_units.into();
		let requirements = request.requirements.at_price(Self::racer_price(request) / units.max(1));
		let mut invited: BoundedVec<T::AccountId, T::MaxRacers> = BoundedVec::new();
		let mut exclude: Vec<T::AccountId> = request.failed.iter().cloned().collect();
		for draw in 0..racers.min(T::MaxRacers::get()) {
			let seed = Self::election_seed(id, draw.saturating_add(1));
			let Some(elected) = T::Provers::elect(&seed, &requirements, &job, &exclude) else {
				break;
			};
			exclude.push(elected.prover.clone());
			// Bounded by `MaxRacers` above.
			let _ = invited.try_push(elected.prover);
		}
		if invited.is_empty() {
			return None;
		}
		let elected = invited.len() as u32;
		let status = Self::open_race(request.deadline_blocks, invited.clone(), now);
		if let Some(due) = status.due() {
			Self::put_on_index(id, due);
		}
		request.status = status;
		Self::deposit_event(Event::RaceOpened { request: id, invited: invited.into_inner() });
		Some(elected)
	}

	/// `prover` joins race `id` (see [`crate::Pallet::lock_request`]).
	pub(crate) fn join_race(
		prover: T::AccountId,
		id: RequestId,
		mut request: Request<T>,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let Mechanism::Race { racers, .. } = request.terms.mechanism else {
			return Err(Error::<T>::NotOffered.into());
		};
		let RequestStatus::Racing { invited, joined, join_until, settles_at, .. } =
			&mut request.status
		else {
			return Err(Error::<T>::NotOffered.into());
		};
		// Over, whether or not the hook has settled it yet.
		ensure!(now < *settles_at, Error::<T>::RequestEnded);
		ensure!(now < *join_until, Error::<T>::NotOffered);
		ensure!(invited.is_empty() || invited.contains(&prover), Error::<T>::NotOffered);
		ensure!(!Racers::<T>::contains_key(id, &prover), Error::<T>::AlreadyRacing);
		ensure!(*joined < racers, Error::<T>::RaceFull);
		*joined = joined.saturating_add(1);
		ensure!(!request.failed.contains(&prover), Error::<T>::Excluded);
		let job =
			Self::job_spec(request.circuit, &Self::listing_of(&request)?, request.deadline_blocks);
		T::Provers::qualified_ask(&prover, &request.requirements, &job)
			.ok_or(Error::<T>::NotQualified)?;
		let price = Self::racer_price(&request);
		let collateral = Self::collateral_for(price);
		escrow::hold::<T>(HoldReason::JobCollateral, &prover, collateral)?;
		T::Provers::reserve_capacity(&prover, &job)?;
		Racers::<T>::insert(
			id,
			&prover,
			Racer { collateral, commitment: None, committed_at: None, output: None },
		);
		Jobs::<T>::insert(&prover, id, ());
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::RaceJoined { request: id, racer: prover, collateral });
		Ok(())
	}

	/// See [`crate::Pallet::commit_proof`].
	pub(crate) fn do_commit_proof(
		racer: T::AccountId,
		id: RequestId,
		commitment: [u8; 32],
	) -> DispatchResult {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let now = frame_system::Pallet::<T>::block_number();
		let Mechanism::Race { window_blocks, .. } = request.terms.mechanism else {
			return Err(Error::<T>::NotRacing.into());
		};
		let RequestStatus::Racing { deadline, commits_close, settles_at, .. } = &mut request.status
		else {
			return Err(if request.status.is_open() {
				Error::<T>::NotRacing
			} else {
				Error::<T>::RequestEnded
			}
			.into());
		};
		// Over, whether or not the hook has settled it yet.
		ensure!(now < *settles_at, Error::<T>::RequestEnded);
		let mut entry = Racers::<T>::get(id, &racer).ok_or(Error::<T>::NotRacing)?;
		ensure!(entry.commitment.is_none(), Error::<T>::AlreadyCommitted);
		let place = match commits_close {
			Some(close) => {
				ensure!(now < *close, Error::<T>::CommitsClosed);
				Racers::<T>::iter_prefix_values(id)
					.filter(|other| other.committed_at.is_some_and(|(block, _)| block == now))
					.count() as u32
			}
			None => {
				ensure!(now < *deadline, Error::<T>::CommitsClosed);
				let close = now.saturating_add(window_blocks);
				let settle = close.saturating_add(T::LockWindow::get());
				Self::take_off_index(id, *settles_at);
				Self::put_on_index(id, settle);
				*commits_close = Some(close);
				*settles_at = settle;
				0
			}
		};
		entry.commitment = Some(commitment);
		entry.committed_at = Some((now, place));
		Racers::<T>::insert(id, &racer, entry);
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::ProofCommitted { request: id, racer });
		Ok(())
	}

	/// A racer reveals its proof (see [`crate::Pallet::submit_proof`]): it
	/// must match its commitment, once commitments closed. A valid proof is
	/// recorded and settles the race if it was the last awaited; an invalid
	/// one forfeits the racer's collateral and puts it out of the race.
	/// Returns whether the proof was valid.
	pub(crate) fn reveal_race_proof(
		racer: T::AccountId,
		id: RequestId,
		mut request: Request<T>,
		public_inputs: Vec<u64>,
		proof: &[u8],
	) -> Result<bool, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let RequestStatus::Racing { commits_close, settles_at, .. } = request.status else {
			return Err(Error::<T>::NotLocked.into());
		};
		// Over, whether or not the hook has settled it yet.
		ensure!(now < settles_at, Error::<T>::RequestEnded);
		let close = commits_close.ok_or(Error::<T>::CommitsOpen)?;
		ensure!(now >= close, Error::<T>::CommitsOpen);
		let mut entry = Racers::<T>::get(id, &racer).ok_or(Error::<T>::NotLocker)?;
		ensure!(entry.output.is_none(), Error::<T>::AlreadyRevealed);
		let commitment = entry.commitment.ok_or(Error::<T>::NoCommitment)?;
		ensure!(
			commitment == proof_commitment(id, &public_inputs, proof, &racer),
			Error::<T>::CommitmentMismatch
		);
		let verdict = Self::check_binding(&request, &public_inputs)
			.and_then(|()| T::Verifier::verify(&request.circuit, &public_inputs, proof));
		match verdict {
			Ok(()) => {
				let output = public_inputs.get(INPUT_COMMITMENT_LEN..).unwrap_or_default();
				entry.output = Some(BoundedVec::truncate_from(output.to_vec()));
				Racers::<T>::insert(id, &racer, entry);
				Requests::<T>::insert(id, &request);
				let awaited = Racers::<T>::iter_prefix_values(id)
					.any(|other| other.commitment.is_some() && other.output.is_none());
				if !awaited {
					Self::take_off_index(id, settles_at);
					Self::settle_race(id, request, now);
				}
				Ok(true)
			}
			Err(reason) => {
				if let RequestStatus::Racing { joined, .. } = &mut request.status {
					*joined = joined.saturating_sub(1);
				}
				Racers::<T>::remove(id, &racer);
				let units = Self::units_of(&request);
				let failure = Failure::InvalidProof(reason);
				Self::release_race_slot(id, &racer, units, failure.outcome(units));
				let price = Self::racer_price(&request);
				Self::punish(id, &mut request, &racer, entry.collateral, price, failure, true);
				Requests::<T>::insert(id, request);
				Ok(false)
			}
		}
	}

	/// Ends race `id`: pays the valid proofs in commitment order, returns
	/// the losers' collateral, punishes the racers that failed, and fulfils
	/// or expires the request (see the module docs).
	pub(crate) fn settle_race(id: RequestId, mut request: Request<T>, now: BlockNumberFor<T>) {
		let Mechanism::Race { decay, .. } = request.terms.mechanism else { return };
		let units = Self::units_of(&request);
		let full = Self::racer_price(&request);
		let mut racers: Vec<(T::AccountId, Racer<T>)> = Racers::<T>::drain_prefix(id).collect();
		racers.sort_by_key(|(_, racer)| racer.committed_at.map(|(block, place)| (block, place)));
		let first = racers
			.iter()
			.find(|(_, racer)| racer.output.is_some())
			.and_then(|(_, racer)| racer.committed_at.map(|(block, _)| block));
		let joined = racers.len() as u32;
		let competitive = joined >= T::MinCompetitors::get();
		let mut paid: Vec<(T::AccountId, BalanceOf<T>)> = Vec::new();
		let mut winner = None;
		if first.is_some() {
			if let Err(error) =
				escrow::release::<T>(HoldReason::RequestEscrow, &request.requester, request.max_fee)
			{
				frame_support::defensive!("releasing a race's fee failed", (id, error));
			}
		}
		for (racer, entry) in racers {
			match (&entry.output, first) {
				(Some(output), Some(first)) => {
					let block = entry.committed_at.map_or(first, |(block, _)| block);
					let delay: u32 = sp_runtime::SaturatedConversion::saturated_into(
						block.saturating_sub(first),
					);
					let lost = decay.mul_floor(full).saturating_mul(delay.into());
					let amount = full.saturating_sub(lost);
					if !amount.is_zero() {
						if let Err(error) = T::Provers::reward(&racer, &request.requester, amount) {
							frame_support::defensive!("paying a racer failed", (id, error));
						}
					}
					Self::release_collateral(&racer, entry.collateral);
					Self::release_race_slot(
						id,
						&racer,
						units,
						JobOutcome::Fulfilled { units, competitive },
					);
					if winner.is_none() {
						winner = Some((racer.clone(), output.clone()));
					}
					paid.push((racer, amount));
				}
				(None, Some(_)) if entry.commitment.is_none() => {
					// Lost the race: no penalty.
					Self::release_collateral(&racer, entry.collateral);
					Self::release_race_slot(
						id,
						&racer,
						units,
						JobOutcome::Declined { lapsed: false },
					);
				}
				_ => {
					let failure = Failure::MissedDeadline;
					Self::release_race_slot(id, &racer, units, failure.outcome(units));
					Self::punish(id, &mut request, &racer, entry.collateral, full, failure, false);
				}
			}
		}
		let total: BalanceOf<T> = paid
			.iter()
			.fold(Zero::zero(), |sum: BalanceOf<T>, (_, amount)| sum.saturating_add(*amount));
		Self::deposit_event(Event::RaceSettled { request: id, paid: paid.clone() });
		match winner {
			Some((prover, output)) => {
				if let Err(error) = escrow::release::<T>(
					HoldReason::RequestDeposit,
					&request.requester,
					request.deposit,
				) {
					frame_support::defensive!("returning a race's deposit failed", (id, error));
				}
				Self::record_settlement(
					request.terms.mechanism.kind(),
					total,
					units,
					now.saturating_sub(request.submitted_at),
				);
				let refunded = request.max_fee.saturating_sub(total);
				Self::close(
					id,
					request,
					RequestStatus::Fulfilled {
						prover: prover.clone(),
						price: total,
						output,
						at: now,
					},
				);
				Self::deposit_event(Event::RequestFulfilled {
					request: id,
					prover,
					price: total,
					refunded,
				});
			}
			None => {
				let forfeit = joined == 0 && request.failed.is_empty();
				Self::expire_forfeiting(id, request, now, forfeit);
			}
		}
	}

	/// Returns a racer's collateral.
	fn release_collateral(racer: &T::AccountId, collateral: BalanceOf<T>) {
		if let Err(error) = escrow::release::<T>(HoldReason::JobCollateral, racer, collateral) {
			frame_support::defensive!("returning a racer's collateral failed", error);
		}
	}

	/// Frees a racer's job entry and capacity, recording how it ended.
	fn release_race_slot(id: RequestId, racer: &T::AccountId, units: u64, outcome: JobOutcome) {
		Jobs::<T>::remove(racer, id);
		if let Err(error) = T::Provers::release_capacity(racer, units, outcome) {
			frame_support::defensive!("releasing a racer's slot failed", (id, error));
		}
	}
}
