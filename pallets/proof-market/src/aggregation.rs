//! The aggregated settlement tier: many requests settled by one recursive
//! proof.
//!
//! ## Why
//! Verifying a Plonky2 proof costs the chain milliseconds and its bytes
//! hundreds of KiB of block space, so the fast tier settles a few dozen
//! proofs per block. In the aggregated tier a prover only *claims* its proof
//! on chain (a few hundred bytes) and hands the proof to an **aggregator**,
//! which proves with Plonky2 recursion that it verified every proof of a
//! batch (`prova_circuits::aggregation`). The chain recomputes the statement
//! of that one proof from its own storage and verifies it once for the whole
//! batch. The requester pays for it with latency (up to
//! [`Config::AggregationWindow`] blocks) and [`Config::AggregationFee`] per
//! request to the aggregator, instead of a share of a full verification.
//!
//! ## Flow
//! 1. A request chooses [`Settlement::Aggregated`] in its [`crate::Terms`]
//!    (a race cannot: [`Error::AggregationUnsupported`]). Its circuit must
//!    have a wrapper ([`Wrappers`], set by the circuit's owner) and an
//!    aggregation circuit must be set ([`AggregationCircuit`], by
//!    governance). `AggregationFee` of its `max_fee` is reserved for the
//!    aggregator ([`crate::Request::aggregation_fee`]); every mechanism prices
//!    provers against the rest ([`crate::Request::prover_budget`]), so
//!    price plus fee never exceeds `max_fee`.
//! 2. Once locked, the prover calls `claim_proof(request, output,
//!    proof_hash)` before its deadline: the output (checked against the
//!    listing's length) and `blake2_256` of the proof bytes. The chain
//!    computes the input commitment once, here, and stores it (weighed by
//!    the input's length: `claim_proof(i)` for `i` input elements, the
//!    largest charged up front and the actual returned); the claim is
//!    free for the locker (`Pays::No`) and due exactly
//!    [`Config::AggregationWindow`] blocks later. Its collateral stays held.
//!    The deadline index takes every claim under its `due`, however many are
//!    made in one block (see the crate docs' `## Bounds`): the tier's
//!    throughput is not bound by the hook, which only handles claims no
//!    batch settled.
//! 3. A registered aggregator calls `settle_batch(requests, provers,
//!    aggregation_circuit, proof)`, naming the merge circuit it proved for:
//!    if governance has set another since ([`Error::StaleAggregationCircuit`])
//!    the call is refused and changes nothing, so an honest aggregate made
//!    before the change forfeits no bond (the claims stay for a batch of the
//!    new circuit, or fall back). For each request (claimed, not fallen
//!    back, at least two, no duplicates) the chain computes the leaf
//!    `leaf(caller, request, input commitment ‖ output)` under the verifier
//!    hash of the request circuit's wrapper, the tree's root with the merge
//!    circuit's verifier hash (`prova_primitives::aggregation`), and verifies
//!    the one proof against the aggregation circuit with the root as its
//!    public inputs.
//!    - **Valid**: every request is fulfilled as by a valid proof of its
//!      own: the prover paid its price (grouped per prover, the registry's
//!      split done once per prover: [`ProverRegistry::reward_many`]), its
//!      collateral released, its reputation and capacity updated; the
//!      aggregator paid each request's aggregation fee; the rest refunded.
//!    - **Invalid**: the aggregator forfeits its whole bond to
//!      [`Config::Forfeits`] and is unregistered; the claims are untouched,
//!      so they can still be batched by others or fall back. The call
//!      succeeds (so that the forfeit stands) and pays its weight.
//! 4. **Fallback** (liveness: no prover depends on one aggregator). A claim
//!    no batch settled by its `due` falls back at that block: from then on
//!    no batch may settle it ([`Error::NotClaimed`]) and its prover has
//!    [`Config::FallbackWindow`] blocks from `due` to submit the claimed
//!    proof itself with `submit_proof`. The fallback is a matter of time,
//!    not of the hook: a claim whose `due` passed is taken as fallen back
//!    by `submit_proof` even before the hook announces it
//!    ([`Event::ClaimFellBack`], then emitted by the proof), and the window
//!    counts from `due` even when the hook, with more than
//!    [`Config::MaxDeadlinesPerBlock`] entries due, reaches the claim
//!    blocks later. The proof's bytes must hash to the
//!    claimed hash ([`Error::ProofNotClaimed`]) and its public inputs be the
//!    claimed ones ([`Error::MalformedOutput`]). A valid one is paid its
//!    price less [`Config::FallbackCharge`] (to `Forfeits`: it pays for the
//!    verification the batch would have shared); an invalid one is punished
//!    as any invalid proof. A fallen-back claim whose window passes is a
//!    missed deadline, exactly as in the fast tier. Before its fallback a
//!    claim cannot be proved directly ([`Error::AwaitingBatch`]): one path at
//!    a time keeps a batch from racing a direct proof. An aggregated request
//!    proved directly without a claim is paid its price less the charge too.
//!
//! ## Why the caller is in every leaf
//! The aggregate's statement names its aggregator, so a proof copied from
//! the transaction pool verifies for nobody else: another aggregator
//! submitting it gets a different root, its proof fails and it forfeits its
//! bond. Every prover is paid whoever aggregated; the aggregator's fee goes
//! to the one whose proof named it.
//!
//! ## Latency guarantee
//! A claim is the prover's delivery: a latency guarantee is counted up to
//! the claim's block, whether a batch or the fallback settles it.
//!
//! ## Costs
//! Per request a batch reads the request, hashes one leaf (a few Poseidon
//! permutations over at most `4 + MaxOutputElements` and 14 elements) and
//! one tree node, and does the bookkeeping of a settlement; the input is
//! never hashed again. The weight is benchmarked as `settle_batch(n, p)` for
//! `n` requests of `p` provers, plus the aggregate's verification, the
//! registry's payments (one split per prover) and capacity releases; the
//! call returns its actual weight for the distinct provers it found.
//!
//! ## Accounts in the statement
//! A leaf names the aggregator by 32 bytes: its account's SCALE encoding,
//! zero-padded (an `AccountId32` unchanged). `integrity_test` refuses an
//! account type whose encoding is longer.

use crate::{
	escrow,
	lifecycle::{decode_elements, LockedJob},
	AggregationCircuit, Aggregator, Aggregators, BalanceOf, Config, Error, Event, HoldReason,
	Mechanism, OpenAggregated, Pallet, Request, RequestId, RequestStatus, Requests, Settlement,
	Terms, WeightInfo, Wrappers, GOLDILOCKS_ORDER, INPUT_COMMITMENT_LEN,
};
use alloc::{
	collections::{btree_map::BTreeMap, btree_set::BTreeSet},
	vec::Vec,
};
use codec::Encode;
use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	traits::Get,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::{
	aggregation::{self as statement, Node},
	market::{JobOutcome, ProverRegistry},
	proofs::{CircuitId, ProofVerifier},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult, Weight,
};

pub use prova_primitives::aggregation::Digest;

/// A claim ready to be settled by a batch.
pub(crate) struct BatchEntry<T: Config> {
	/// The request.
	pub id: RequestId,
	/// It, as stored.
	pub request: Request<T>,
	/// The prover that claimed it.
	pub prover: T::AccountId,
	/// Its terms, with the claim's `due` as the deadline.
	pub job: LockedJob<T>,
	/// The block it was claimed in.
	pub claimed_at: BlockNumberFor<T>,
	/// The claimed output.
	pub output: BoundedVec<u64, T::MaxOutputElements>,
}

/// A batch whose statement is computed: what its proof must prove.
pub(crate) struct PreparedBatch<T: Config> {
	/// The claims, in the batch's order.
	pub entries: Vec<BatchEntry<T>>,
	/// The aggregation circuit.
	pub circuit: CircuitId,
	/// The root digest: the aggregate proof's public inputs.
	pub root: Digest,
	/// Distinct provers among the claims.
	pub provers: u32,
}

/// The 32 bytes a leaf names `who` by: its SCALE encoding, zero-padded;
/// `None` if the encoding is longer (refused by `integrity_test`).
pub fn account_bytes<AccountId: Encode>(who: &AccountId) -> Option<[u8; 32]> {
	let encoded = who.encode();
	let mut bytes = [0u8; 32];
	bytes.get_mut(..encoded.len())?.copy_from_slice(&encoded);
	Some(bytes)
}

impl<T: Config> LockedJob<T> {
	/// The terms of a `Claimed` status, its `due` as the deadline; `None`
	/// for any other.
	pub fn of_claim(status: &RequestStatus<T>) -> Option<Self> {
		match status {
			RequestStatus::Claimed { price, collateral, candidates, locked_at, due, .. } => {
				Some(LockedJob {
					price: *price,
					deadline: *due,
					collateral: *collateral,
					candidates: *candidates,
					locked_at: *locked_at,
				})
			}
			_ => None,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The aggregation fee a new request with `terms` for `circuit`
	/// reserves, checking that it may settle in its tier: zero for the fast
	/// tier; for the aggregated one, not a race, a wrapper for the circuit
	/// and an aggregation circuit.
	pub(crate) fn aggregation_fee_for(
		circuit: &CircuitId,
		terms: &Terms<BlockNumberFor<T>, BalanceOf<T>>,
	) -> Result<BalanceOf<T>, DispatchError> {
		match terms.settlement {
			Settlement::Direct => Ok(Zero::zero()),
			Settlement::Aggregated => {
				ensure!(
					!matches!(terms.mechanism, Mechanism::Race { .. }),
					Error::<T>::AggregationUnsupported
				);
				ensure!(Wrappers::<T>::contains_key(circuit), Error::<T>::NoWrapper);
				ensure!(AggregationCircuit::<T>::exists(), Error::<T>::NoAggregationCircuit);
				Ok(T::AggregationFee::get())
			}
		}
	}

	/// See [`crate::Pallet::claim_proof`]; returns the number of input
	/// elements committed to, which the call's weight follows.
	pub(crate) fn do_claim_proof(
		prover: T::AccountId,
		id: RequestId,
		output: BoundedVec<u64, T::MaxOutputElements>,
		proof_hash: [u8; 32],
	) -> Result<u32, DispatchError> {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let job = match &request.status {
			RequestStatus::Locked { prover: locker, .. } => {
				ensure!(*locker == prover, Error::<T>::NotLocker);
				LockedJob::of(&request.status).ok_or(Error::<T>::NotLocked)?
			}
			status if status.is_open() => return Err(Error::<T>::NotLocked.into()),
			_ => return Err(Error::<T>::RequestEnded.into()),
		};
		ensure!(request.is_aggregated(), Error::<T>::NotAggregated);
		let now = frame_system::Pallet::<T>::block_number();
		// The hook fails a job at the start of its deadline block; checked all the same.
		ensure!(now < job.deadline, Error::<T>::NotLocked);
		let listing = Self::listing_of(&request)?;
		ensure!(
			output.len() == listing.output_elements as usize
				&& output.iter().all(|element| *element < GOLDILOCKS_ORDER),
			Error::<T>::MalformedOutput
		);
		let elements = decode_elements(&request.input).ok_or(Error::<T>::MalformedInput)?;
		let committed = elements.len() as u32;
		let commitment = T::Verifier::input_commitment(&elements);
		// Exactly `AggregationWindow` blocks: the index takes every claim of
		// a block under the same `due`.
		let due = now.saturating_add(T::AggregationWindow::get());
		Self::take_off_index(id, job.deadline);
		Self::put_on_index(id, due);
		request.input_commitment = Some(commitment);
		request.status = RequestStatus::Claimed {
			prover: prover.clone(),
			price: job.price,
			collateral: job.collateral,
			candidates: job.candidates,
			locked_at: job.locked_at,
			claimed_at: now,
			output,
			proof_hash,
			due,
			fallback: false,
		};
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::ProofClaimed { request: id, prover, due });
		Ok(committed)
	}

	/// See [`crate::Pallet::settle_batch`]: refused (nothing changed) by
	/// the checks, else settles the batch or forfeits the caller's bond.
	pub(crate) fn do_settle_batch(
		aggregator: T::AccountId,
		ids: Vec<RequestId>,
		provers: u32,
		aggregation_circuit: CircuitId,
		proof: &[u8],
	) -> DispatchResultWithPostInfo {
		let batch = Self::prepare_batch(&aggregator, &ids, provers, aggregation_circuit)?;
		let requests = batch.entries.len() as u32;
		let weight = Self::settle_batch_weight(requests, batch.provers);
		match T::Verifier::verify(&batch.circuit, &batch.root, proof) {
			Ok(()) => Self::settle_prepared(aggregator, batch)?,
			Err(reason) => Self::reject_aggregate(aggregator, reason),
		}
		Ok(PostDispatchInfo { actual_weight: Some(weight), pays_fee: Pays::Yes })
	}

	/// Checks a batch, proved for `aggregation_circuit`, and computes its
	/// root (see the module docs), changing nothing.
	pub(crate) fn prepare_batch(
		aggregator: &T::AccountId,
		ids: &[RequestId],
		declared_provers: u32,
		aggregation_circuit: CircuitId,
	) -> Result<PreparedBatch<T>, DispatchError> {
		ensure!(Aggregators::<T>::contains_key(aggregator), Error::<T>::NotAggregator);
		ensure!(ids.len() >= 2, Error::<T>::MalformedBatch);
		let distinct: BTreeSet<RequestId> = ids.iter().copied().collect();
		ensure!(distinct.len() == ids.len(), Error::<T>::MalformedBatch);
		let (circuit, merge) =
			AggregationCircuit::<T>::get().ok_or(Error::<T>::NoAggregationCircuit)?;
		// A proof for a replaced merge circuit cannot verify: refused, not
		// forfeited, since its aggregator did nothing wrong.
		ensure!(circuit == aggregation_circuit, Error::<T>::StaleAggregationCircuit);
		let account = account_bytes(aggregator).ok_or(Error::<T>::NotAggregator)?;
		let now = frame_system::Pallet::<T>::block_number();
		let mut wrappers: BTreeMap<CircuitId, Digest> = BTreeMap::new();
		let mut provers: BTreeSet<T::AccountId> = BTreeSet::new();
		let mut leaves = Vec::with_capacity(ids.len());
		let mut entries = Vec::with_capacity(ids.len());
		let mut public_inputs = Vec::with_capacity(INPUT_COMMITMENT_LEN);
		for &id in ids {
			let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
			let RequestStatus::Claimed { prover, claimed_at, output, due, fallback: false, .. } =
				&request.status
			else {
				return Err(Error::<T>::NotClaimed.into());
			};
			ensure!(now < *due, Error::<T>::NotClaimed);
			let wrapper = match wrappers.get(&request.circuit) {
				Some(wrapper) => *wrapper,
				None => {
					let wrapper =
						Wrappers::<T>::get(request.circuit).ok_or(Error::<T>::NoWrapper)?;
					wrappers.insert(request.circuit, wrapper);
					wrapper
				}
			};
			// Stored by every claim.
			let commitment = request.input_commitment.ok_or(Error::<T>::NotClaimed)?;
			public_inputs.clear();
			public_inputs.extend_from_slice(&commitment);
			public_inputs.extend_from_slice(output);
			leaves.push(Node {
				verifier: wrapper,
				digest: statement::leaf(&account, id, &public_inputs),
			});
			provers.insert(prover.clone());
			let (prover, claimed_at, output) = (prover.clone(), *claimed_at, output.clone());
			let job = LockedJob::of_claim(&request.status).ok_or(Error::<T>::NotClaimed)?;
			entries.push(BatchEntry { id, request, prover, job, claimed_at, output });
		}
		let distinct_provers = provers.len() as u32;
		ensure!(distinct_provers <= declared_provers, Error::<T>::TooManyProvers);
		let root = statement::root(leaves, &merge).ok_or(Error::<T>::MalformedBatch)?;
		Ok(PreparedBatch { entries, circuit, root, provers: distinct_provers })
	}

	/// Settles every claim of a batch whose proof verified (see the module
	/// docs). Runs inside the call's storage transaction: a failed payment
	/// undoes the batch.
	pub(crate) fn settle_prepared(
		aggregator: T::AccountId,
		batch: PreparedBatch<T>,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		// Per prover: the payments (payer, price) and the collateral to release.
		let mut per_prover: BTreeMap<
			T::AccountId,
			(Vec<(T::AccountId, BalanceOf<T>)>, BalanceOf<T>),
		> = BTreeMap::new();
		let mut settled = Vec::with_capacity(batch.entries.len());
		let mut fees: BalanceOf<T> = Zero::zero();
		for BatchEntry { id, request, prover, job, claimed_at, output } in batch.entries {
			let price = Self::price_paid(&request, &job, claimed_at);
			escrow::release::<T>(HoldReason::RequestEscrow, &request.requester, request.max_fee)?;
			escrow::release::<T>(HoldReason::RequestDeposit, &request.requester, request.deposit)?;
			escrow::pay::<T>(&request.requester, &aggregator, request.aggregation_fee)?;
			fees.saturating_accrue(request.aggregation_fee);
			let units = Self::units_of(&request);
			Self::record_settlement(
				request.terms.mechanism.kind(),
				price,
				units,
				claimed_at.saturating_sub(request.submitted_at),
			);
			let competitive = job.candidates >= T::MinCompetitors::get();
			let outcome = JobOutcome::Fulfilled { units, competitive };
			Self::release_slot(id, &prover, job.deadline, units, outcome);
			let entry = per_prover.entry(prover.clone()).or_default();
			entry.0.push((request.requester.clone(), price));
			entry.1.saturating_accrue(job.collateral);
			Self::close(id, request, RequestStatus::Fulfilled { prover, price, output, at: now });
			settled.push(id);
		}
		let mut paid = Vec::with_capacity(per_prover.len());
		for (prover, (payments, collateral)) in per_prover {
			escrow::release::<T>(HoldReason::JobCollateral, &prover, collateral)?;
			T::Provers::reward_many(&prover, &payments)?;
			let total = payments
				.iter()
				.fold(BalanceOf::<T>::zero(), |sum, (_, price)| sum.saturating_add(*price));
			paid.push((prover, total));
		}
		Self::deposit_event(Event::BatchSettled { aggregator, requests: settled, paid, fees });
		Ok(())
	}

	/// An aggregate that failed for `reason`: the aggregator forfeits its
	/// whole bond and is unregistered.
	fn reject_aggregate(aggregator: T::AccountId, reason: prova_primitives::proofs::VerifyError) {
		let Some(record) = Aggregators::<T>::take(&aggregator) else { return };
		let bond = escrow::forfeit::<T>(HoldReason::AggregatorBond, &aggregator, record.bond);
		Self::deposit_event(Event::AggregateRejected { aggregator, reason, bond });
	}

	/// A claim no batch settled by its `due`: its prover must now submit the
	/// claimed proof itself within `FallbackWindow` blocks of that `due`
	/// (not of the block the hook gets to it in, so that handling it late
	/// lengthens no window). If that window has passed too, the claim is
	/// indexed as overdue and its miss handled in turn; meanwhile
	/// `submit_proof` refuses the late proof.
	pub(crate) fn fall_back(id: RequestId, mut request: Request<T>) {
		let RequestStatus::Claimed { prover, due, fallback, .. } = &mut request.status else {
			return;
		};
		let prover = prover.clone();
		let late_at = due.saturating_add(T::FallbackWindow::get());
		*due = late_at;
		*fallback = true;
		Self::put_on_index(id, late_at);
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::ClaimFellBack { request: id, prover, due: late_at });
	}

	/// See [`crate::Pallet::register_aggregator`].
	pub(crate) fn do_register_aggregator(
		who: T::AccountId,
		endpoint: BoundedVec<u8, T::MaxEndpointBytes>,
	) -> DispatchResult {
		ensure!(!Aggregators::<T>::contains_key(&who), Error::<T>::AlreadyAggregator);
		ensure!(T::Provers::is_active(&who), Error::<T>::NotAProver);
		let bond = T::AggregatorBond::get();
		escrow::hold::<T>(HoldReason::AggregatorBond, &who, bond)?;
		Aggregators::<T>::insert(&who, Aggregator { bond, endpoint });
		Self::deposit_event(Event::AggregatorRegistered { aggregator: who, bond });
		Ok(())
	}

	/// See [`crate::Pallet::unregister_aggregator`].
	pub(crate) fn do_unregister_aggregator(who: T::AccountId) -> DispatchResult {
		let record = Aggregators::<T>::get(&who).ok_or(Error::<T>::NotAggregator)?;
		escrow::release::<T>(HoldReason::AggregatorBond, &who, record.bond)?;
		Aggregators::<T>::remove(&who);
		Self::deposit_event(Event::AggregatorUnregistered { aggregator: who });
		Ok(())
	}

	/// See [`crate::Pallet::set_wrapper`].
	pub(crate) fn do_set_wrapper(
		who: T::AccountId,
		circuit: CircuitId,
		verifier_hash: Digest,
	) -> DispatchResult {
		let summary = T::Verifier::circuit(&circuit).ok_or(Error::<T>::UnknownCircuit)?;
		ensure!(summary.owner == who, Error::<T>::NotCircuitOwner);
		ensure!(OpenAggregated::<T>::get(circuit) == 0, Error::<T>::WrapperInUse);
		Wrappers::<T>::insert(circuit, verifier_hash);
		Self::deposit_event(Event::WrapperSet { circuit, verifier_hash });
		Ok(())
	}

	/// See [`crate::Pallet::set_aggregation_circuit`]: the new circuit is
	/// acquired with the verifier (so it cannot be unregistered while set),
	/// the old one released.
	pub(crate) fn do_set_aggregation_circuit(circuit: CircuitId) -> DispatchResult {
		let verifier_hash =
			T::Verifier::verifier_hash(&circuit).ok_or(Error::<T>::UnknownCircuit)?;
		T::Verifier::acquire(&circuit)?;
		if let Some((old, _)) = AggregationCircuit::<T>::get() {
			T::Verifier::release(&old);
		}
		AggregationCircuit::<T>::put((circuit, verifier_hash));
		Self::deposit_event(Event::AggregationCircuitSet { circuit, verifier_hash });
		Ok(())
	}

	/// Counts an open aggregated request of `circuit` (`delta` +1 when it
	/// opens, -1 when it ends).
	pub(crate) fn count_aggregated(circuit: CircuitId, opens: bool) {
		OpenAggregated::<T>::mutate_exists(circuit, |count| {
			let next = if opens {
				count.unwrap_or(0).saturating_add(1)
			} else {
				count.unwrap_or(0).saturating_sub(1)
			};
			*count = (next > 0).then_some(next);
		});
	}

	/// Weight of `settle_batch` for `requests` claims of `provers` distinct
	/// provers: the benchmarked bookkeeping, the aggregate's verification,
	/// the registry's payments (one split per prover) and a capacity
	/// release per request (only the release: the lock paid the reservation).
	pub fn settle_batch_weight(requests: u32, provers: u32) -> Weight {
		let n = requests.clamp(2, T::MaxBatch::get().max(2));
		let p = provers.clamp(1, n);
		let verify = AggregationCircuit::<T>::get()
			.and_then(|(circuit, _)| T::Verifier::verify_weight(&circuit))
			.unwrap_or_default();
		T::WeightInfo::settle_batch(n, p)
			.saturating_add(verify)
			.saturating_add(T::Provers::reward_many_weight(n))
			.saturating_add(T::Provers::reward_weight().saturating_mul(p.saturating_sub(1).into()))
			.saturating_add(T::Provers::release_weight().saturating_mul(n.into()))
	}
}
