//! Benchmarks of every call and of each step of the block hook, in its most
//! expensive case.
//!
//! The registry's own costs that grow with its state (an election over
//! `MaxProvers`, a slash over `MaxDelegatorsPerProver`) and the verifier's
//! cost of a proof are not measured here: the weight functions in `lib.rs`
//! and `lifecycle.rs` add `ProverRegistry::*_weight` and
//! `ProofVerifier::verify_weight`, which those pallets benchmark. Here the
//! registry holds one prover, and `submit_proof` is measured without the
//! verification itself (the largest input's commitment is computed).

use super::*;
use crate::lifecycle::LockedJob;
use crate::lifecycle::Offer;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{
	traits::{One, Zero},
	Saturating,
};

/// An amount that funds any benchmark's fees many times over.
fn plenty<T: Config>() -> BalanceOf<T> {
	1u128 << 100
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, plenty::<T>());
	who
}

/// A circuit registered by a funded owner, listed with the largest input a
/// request may carry.
fn listed<T: Config>() -> (T::AccountId, CircuitId) {
	listed_with::<T>(max_input_elements::<T>())
}

/// A circuit registered by a funded owner, listed with inputs of `elements`.
fn listed_with<T: Config>(elements: u32) -> (T::AccountId, CircuitId) {
	let owner = funded::<T>("owner", 0);
	let circuit = T::BenchmarkHelper::register_circuit(&owner);
	let descriptor = vec![b'x'; T::MaxDescriptorBytes::get() as usize];
	Pallet::<T>::list_circuit(
		RawOrigin::Signed(owner.clone()).into(),
		circuit,
		elements,
		descriptor.try_into().expect("sized to the bound"),
	)
	.expect("the owner lists its circuit");
	(owner, circuit)
}

fn max_input_elements<T: Config>() -> u32 {
	T::MaxInputBytes::get() / ELEMENT_BYTES as u32
}

/// The largest input: canonical elements, all different.
fn input<T: Config>() -> BoundedVec<u8, T::MaxInputBytes> {
	input_of::<T>(max_input_elements::<T>())
}

/// An input of `elements` canonical elements, all different.
fn input_of<T: Config>(elements: u32) -> BoundedVec<u8, T::MaxInputBytes> {
	let bytes: Vec<u8> = (0..elements as u64).flat_map(|word| word.to_le_bytes()).collect();
	bytes.try_into().expect("sized to the bound")
}

/// A prover asking 1 per unit, with free funds for any collateral.
fn prover<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("prover", 0, 0);
	T::BenchmarkHelper::register_prover(&who, 1);
	T::Currency::mint_into(&who, plenty::<T>()).expect("minting to a registered prover works");
	who
}

/// Submits `count` requests for `circuit` from `requester` (at most
/// `MaxOpenRequestsPerAccount`); returns their ids. A prover must be registered.
fn requests<T: Config>(requester: &T::AccountId, circuit: CircuitId, count: u32) -> Vec<RequestId> {
	(0..count).map(|_| request_with::<T>(requester, circuit, Terms::default())).collect()
}

/// The fee a benchmark's request offers: 1,000,000 to its prover (above
/// the benchmark prover's ask), plus an aggregated request's fee.
fn max_fee<T: Config>(terms: &Terms<BlockNumberFor<T>, BalanceOf<T>>) -> BalanceOf<T> {
	let to_prover: BalanceOf<T> = 1_000_000u32.into();
	match terms.settlement {
		Settlement::Aggregated => to_prover.saturating_add(T::AggregationFee::get()),
		Settlement::Direct => to_prover,
	}
}

/// Submits one request for `circuit` from `requester` under `terms`.
fn request_with<T: Config>(
	requester: &T::AccountId,
	circuit: CircuitId,
	terms: Terms<BlockNumberFor<T>, BalanceOf<T>>,
) -> RequestId {
	let max_fee = max_fee::<T>(&terms);
	Pallet::<T>::do_submit_request(
		requester.clone(),
		circuit,
		input::<T>(),
		max_fee,
		T::MaxDeadline::get(),
		RequestRequirements::default(),
		terms,
	)
	.expect("a valid request is accepted")
}

/// A sealed-bid auction for a request of a fresh requester, with a
/// registered prover; returns the prover, the request and its windows.
fn auction<T: Config>() -> (T::AccountId, RequestId, BlockNumberFor<T>, BlockNumberFor<T>) {
	let (_, circuit) = listed::<T>();
	let prover = prover::<T>();
	let requester = funded::<T>("requester", 0);
	let terms = Terms {
		mechanism: Mechanism::SealedBid {
			bid_blocks: T::MaxBidBlocks::get(),
			reveal_blocks: T::MaxBidBlocks::get(),
			fallback: Fallback::Election,
		},
		latency: None,
		settlement: Default::default(),
	};
	let id = request_with::<T>(&requester, circuit, terms);
	let RequestStatus::Bidding { bids_until, reveal_until, .. } =
		Requests::<T>::get(id).unwrap().status
	else {
		unreachable!("a sealed-bid request opens its auction")
	};
	(prover, id, bids_until, reveal_until)
}

/// A bid of `price` per unit with a zero salt for `bidder`, committed with
/// its bond held, revealed if `revealed`.
fn place_bid<T: Config>(id: RequestId, bidder: &T::AccountId, price: u32, revealed: bool) {
	let price: BalanceOf<T> = price.into();
	let commitment = bid_commitment(id, &price, &[0; 32], bidder);
	let bond = T::BidBond::get();
	escrow::hold::<T>(HoldReason::BidBond, bidder, bond).expect("funded bidders hold bonds");
	Bids::<T>::insert(id, bidder, Bid { commitment, bond, revealed: revealed.then_some(price) });
	let mut request = Requests::<T>::get(id).unwrap();
	if let RequestStatus::Bidding { bids, .. } = &mut request.status {
		*bids += 1;
	}
	Requests::<T>::insert(id, request);
}

/// Fills the book with `count` asks of `price` from accounts that are not
/// provers (inserted directly: posting needs an active prover), each
/// covering every circuit, expiring at `expires_at`.
fn fill_book<T: Config>(count: u32, price: u32, expires_at: BlockNumberFor<T>) {
	let mut book = Book::<T>::get();
	for index in 0..count {
		let id = NextAskId::<T>::mutate(|next| {
			*next += 1;
			*next - 1
		});
		let ask = StandingAsk {
			id,
			prover: account("asker", index, 0),
			scope: prova_primitives::market::ServiceScope::Any { max_degree_bits: 32 },
			price: price.into(),
			units: u64::MAX,
			deadline_blocks: T::MinDeadline::get(),
			expires_at,
		};
		book.try_push(ask).expect("within MaxAsks");
	}
	Book::<T>::put(book);
}

/// A race of `racers` for a request of a fresh requester, open or elected,
/// with a registered prover; returns the prover and the request.
fn racing<T: Config>(racers: u32, open: bool) -> (T::AccountId, RequestId) {
	let (_, circuit) = listed::<T>();
	let prover = prover::<T>();
	let requester = funded::<T>("requester", 0);
	let terms = Terms {
		mechanism: Mechanism::Race {
			racers,
			open,
			decay: sp_runtime::Perbill::from_percent(20),
			window_blocks: T::MaxBidBlocks::get(),
		},
		latency: None,
		settlement: Default::default(),
	};
	(prover, request_with::<T>(&requester, circuit, terms))
}

/// A Dutch auction for a request of a fresh requester, with a registered
/// prover; returns the prover, the request and the block it closes.
fn dutch<T: Config>() -> (T::AccountId, RequestId, BlockNumberFor<T>) {
	let (_, circuit) = listed::<T>();
	let prover = prover::<T>();
	let requester = funded::<T>("requester", 0);
	let terms = Terms {
		mechanism: Mechanism::Dutch { floor: 1u32.into(), ramp_blocks: T::MaxRampBlocks::get() },
		latency: None,
		settlement: Default::default(),
	};
	let id = request_with::<T>(&requester, circuit, terms);
	let RequestStatus::Dutch { closes, .. } = Requests::<T>::get(id).unwrap().status else {
		unreachable!("a Dutch request opens its auction")
	};
	(prover, id, closes)
}

/// Submits `count` requests for `circuit` from as many other requesters as
/// the per-account cap needs; returns their ids.
fn fill_market<T: Config>(circuit: CircuitId, count: u32) -> Vec<RequestId> {
	let per_account = T::MaxOpenRequestsPerAccount::get();
	let mut ids = Vec::new();
	let mut index = 0;
	while (ids.len() as u32) < count {
		let filler = funded::<T>("filler", index);
		let batch = (count - ids.len() as u32).min(per_account);
		ids.extend(requests::<T>(&filler, circuit, batch));
		index += 1;
	}
	ids
}

/// The first block that may elect a request queued in the current one.
fn first_election<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
		.saturating_add(T::ElectionDelay::get().max(One::one()))
}

/// Advances to the first block that may elect what was queued now
/// (`ElectionDelay` on) and offers every queued request it can.
fn offer_all<T: Config>() -> BlockNumberFor<T> {
	let now = first_election::<T>();
	frame_system::Pallet::<T>::set_block_number(now);
	for id in Queue::<T>::take() {
		Pallet::<T>::offer(id, now);
	}
	now
}

/// A request offered to a fresh prover, behind a queue of
/// `MaxOpenRequests - 1` others (the queue a passed offer or a failed attempt
/// is put back into).
fn offered_behind_a_full_queue<T: Config>() -> (T::AccountId, RequestId) {
	let (_, circuit) = listed::<T>();
	let requester = funded::<T>("requester", 0);
	let prover = prover::<T>();
	let id = requests::<T>(&requester, circuit, 1)[0];
	offer_all::<T>();
	assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Offered { .. }));
	fill_market::<T>(circuit, T::MaxOpenRequests::get() - 1);
	(prover, id)
}

/// A request locked by a fresh prover, behind a full queue; with its terms.
fn locked_behind_a_full_queue<T: Config>() -> (T::AccountId, RequestId, LockedJob<T>) {
	let (prover, id) = offered_behind_a_full_queue::<T>();
	Pallet::<T>::do_lock_request(prover.clone(), id).expect("the offered prover locks");
	let job = LockedJob::of(&Requests::<T>::get(id).unwrap().status).expect("just locked");
	(prover, id, job)
}

/// Marks request `id` as declined by all but one of the provers it may be,
/// so that one more decline expires it.
fn one_decline_left<T: Config>(id: RequestId) {
	let mut request = Requests::<T>::get(id).unwrap();
	for index in 1..T::MaxDeclines::get() {
		request.declined.try_push(account("declined", index, 0)).expect("below MaxDeclines");
	}
	Requests::<T>::insert(id, request);
}

/// Moves to `block` as the hook finds it at its worst: it has taken the
/// block's index list (as it does before handling its entries) and carries
/// the longest backlog of overdue entries, which taking an entry off the
/// index searches (ids no request has).
fn hook_reaches<T: Config>(block: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(block);
	Deadlines::<T>::remove(block);
	let backlog = T::MaxOpenRequests::get().saturating_sub(T::MaxDeadlinesPerBlock::get());
	let overdue: Vec<RequestId> = (0..u64::from(backlog)).map(|n| u64::MAX - n).collect();
	OverdueDeadlines::<T>::put(BoundedVec::truncate_from(overdue));
}

/// Public inputs that bind `id` (its commitment, then zeros).
fn binding_public_inputs<T: Config>(id: RequestId) -> Vec<u64> {
	let request = Requests::<T>::get(id).unwrap();
	let listing = Listings::<T>::get(request.circuit).unwrap();
	let elements = lifecycle::decode_elements(&request.input).unwrap();
	let mut public_inputs = T::Verifier::input_commitment(&elements).to_vec();
	public_inputs.resize(INPUT_COMMITMENT_LEN + listing.output_elements as usize, 0);
	public_inputs
}

/// Makes the aggregated tier available for `circuit`: a wrapper and an
/// aggregation circuit (the circuit itself: benchmarks never verify).
fn aggregation_ready<T: Config>(circuit: CircuitId) {
	Wrappers::<T>::insert(circuit, [1, 2, 3, 4]);
	AggregationCircuit::<T>::put((circuit, [5, 6, 7, 8]));
}

/// A registered prover asking 1 per unit, with free funds for collateral.
fn prover_named<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::BenchmarkHelper::register_prover(&who, 1);
	T::Currency::mint_into(&who, plenty::<T>()).expect("minting to a registered prover works");
	who
}

/// An aggregated request of `requester` for `circuit` (listed, with the
/// tier available) claimed by `prover`, due at `due`, with the state a
/// claim has: capacity reserved, collateral held, its job and index entry,
/// its input commitment.
fn claimed<T: Config>(
	circuit: CircuitId,
	requester: &T::AccountId,
	prover: &T::AccountId,
	due: BlockNumberFor<T>,
) -> RequestId {
	let terms = Terms { settlement: Settlement::Aggregated, ..Default::default() };
	let id = request_with::<T>(requester, circuit, terms);
	Queue::<T>::mutate(|queue| queue.retain(|queued| *queued != id));
	let mut request = Requests::<T>::get(id).unwrap();
	let listing = Listings::<T>::get(circuit).unwrap();
	let job = Pallet::<T>::job_spec(circuit, &listing, request.deadline_blocks);
	T::Provers::reserve_capacity(prover, &job).expect("the prover has room");
	let price: BalanceOf<T> = 1_000u32.into();
	let collateral = Pallet::<T>::collateral_for(price);
	escrow::hold::<T>(HoldReason::JobCollateral, prover, collateral).expect("funded");
	Jobs::<T>::insert(prover, id, ());
	let elements = lifecycle::decode_elements(&request.input).unwrap();
	request.input_commitment = Some(T::Verifier::input_commitment(&elements));
	let now = frame_system::Pallet::<T>::block_number();
	request.status = RequestStatus::Claimed {
		prover: prover.clone(),
		price,
		collateral,
		candidates: T::MinCompetitors::get(),
		locked_at: now,
		claimed_at: now,
		output: BoundedVec::truncate_from(vec![0u64; listing.output_elements as usize]),
		proof_hash: [0; 32],
		due,
		fallback: false,
	};
	Deadlines::<T>::try_append(due, id).expect("the index holds every open request");
	Requests::<T>::insert(id, request);
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn list_circuit() {
		let owner = funded::<T>("owner", 0);
		let circuit = T::BenchmarkHelper::register_circuit(&owner);
		let descriptor: BoundedVec<_, _> = vec![b'x'; T::MaxDescriptorBytes::get() as usize]
			.try_into()
			.expect("sized to the bound");

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), circuit, max_input_elements::<T>(), descriptor);

		assert!(Listings::<T>::contains_key(circuit));
	}

	#[benchmark]
	fn delist_circuit() {
		let (owner, circuit) = listed::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), circuit);

		assert!(!Listings::<T>::contains_key(circuit));
	}

	/// The largest input, with the queue one short of full and the requester
	/// one short of its own cap.
	#[benchmark]
	fn submit_request() {
		let (_, circuit) = listed::<T>();
		prover::<T>();
		let requester = funded::<T>("requester", 0);
		let own = T::MaxOpenRequestsPerAccount::get() - 1;
		requests::<T>(&requester, circuit, own);
		fill_market::<T>(circuit, T::MaxOpenRequests::get() - 1 - own);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(requester),
			circuit,
			input::<T>(),
			1_000_000u32.into(),
			T::MaxDeadline::get(),
			RequestRequirements::default(),
		);

		assert_eq!(OpenRequests::<T>::get(), T::MaxOpenRequests::get());
	}

	/// Cancelling the last of a full queue.
	#[benchmark]
	fn cancel_request() {
		let (_, circuit) = listed::<T>();
		prover::<T>();
		fill_market::<T>(circuit, T::MaxOpenRequests::get() - 1);
		let requester = funded::<T>("requester", 0);
		let last = requests::<T>(&requester, circuit, 1)[0];

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), last);

		assert!(matches!(
			Requests::<T>::get(last).unwrap().status,
			RequestStatus::Cancelled { .. }
		));
	}

	/// `submit_proof` with a valid proof, less the verification: the binding
	/// check on the largest input, payment and closing.
	#[benchmark]
	fn submit_proof_valid() {
		let (prover, id, job) = locked_behind_a_full_queue::<T>();
		let public_inputs = binding_public_inputs::<T>(id);
		let request = Requests::<T>::get(id).unwrap();

		#[block]
		{
			Pallet::<T>::check_binding(&request, &public_inputs).expect("binds");
			let now = frame_system::Pallet::<T>::block_number();
			Pallet::<T>::fulfil(
				id,
				request.clone(),
				prover,
				job,
				public_inputs.clone(),
				now,
				Zero::zero(),
			)
			.expect("settles");
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Fulfilled { .. }));
	}

	/// `submit_proof` with a proof that fails, less the verification: the
	/// binding check, forfeiting the collateral, the slash and putting the
	/// request back at the front of a full queue.
	#[benchmark]
	fn submit_proof_invalid() {
		let (prover, id, job) = locked_behind_a_full_queue::<T>();
		let public_inputs = binding_public_inputs::<T>(id);
		let request = Requests::<T>::get(id).unwrap();

		#[block]
		{
			Pallet::<T>::check_binding(&request, &public_inputs).expect("binds");
			Pallet::<T>::reject(id, request.clone(), prover, job, VerifyError::InvalidProof);
		}

		assert_eq!(Queue::<T>::get().first(), Some(&id));
	}

	/// The hook with nothing to do: it reads the block's deadline index
	/// list and the overdue entries (both empty), the queue and the
	/// retirement range.
	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			Pallet::<T>::on_block(now);
		}
	}

	/// Electing a prover for a queued request and offering it.
	#[benchmark]
	fn offer() {
		let (_, circuit) = listed::<T>();
		prover::<T>();
		let requester = funded::<T>("requester", 0);
		let id = requests::<T>(&requester, circuit, 1)[0];
		let now = first_election::<T>();

		#[block]
		{
			assert_eq!(Pallet::<T>::offer(id, now), Offer::Offered);
		}
	}

	/// Expiring a request that waited in the queue too long (never locked,
	/// so its deposit is forfeited).
	#[benchmark]
	fn expire_queued() {
		let (_, circuit) = listed::<T>();
		prover::<T>();
		let requester = funded::<T>("requester", 0);
		let id = requests::<T>(&requester, circuit, 1)[0];
		let now = frame_system::Pallet::<T>::block_number().saturating_add(T::MaxQueueWait::get());

		#[block]
		{
			assert_eq!(Pallet::<T>::offer(id, now), Offer::Expired);
		}
	}

	/// A missed deadline with attempts left: collateral forfeited, and back
	/// to the front of a full queue (the registry's slash is added by
	/// `deadline_weight`).
	#[benchmark]
	fn miss_deadline_requeue() {
		let (_, id, job) = locked_behind_a_full_queue::<T>();
		hook_reaches::<T>(job.deadline);

		#[block]
		{
			Pallet::<T>::process_deadline(id, job.deadline);
		}

		assert_eq!(Queue::<T>::get().first(), Some(&id));
	}

	/// A missed deadline on the last attempt: collateral forfeited, refund
	/// and close.
	#[benchmark]
	fn miss_deadline_expire() {
		let (_, id, job) = locked_behind_a_full_queue::<T>();
		let mut request = Requests::<T>::get(id).unwrap();
		for index in 1..T::MaxAttempts::get() {
			request.failed.try_push(account("failed", index, 0)).expect("below MaxAttempts");
		}
		Requests::<T>::insert(id, request);
		hook_reaches::<T>(job.deadline);

		#[block]
		{
			Pallet::<T>::process_deadline(id, job.deadline);
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Expired { .. }));
	}

	/// Locking an offered request: the collateral hold and the move in the
	/// deadline index.
	#[benchmark]
	fn lock_request() {
		let (prover, id) = offered_behind_a_full_queue::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(prover), id);

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Locked { .. }));
	}

	/// Declining the last offer a request may have: the slot released, the
	/// request refunded and closed (heavier than putting it back in the queue).
	#[benchmark]
	fn decline_request() {
		let (prover, id) = offered_behind_a_full_queue::<T>();
		one_decline_left::<T>(id);

		#[extrinsic_call]
		_(RawOrigin::Signed(prover), id);

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Expired { .. }));
	}

	/// An offer whose lock window passed, on the last offer the request may
	/// have: as `decline_request`, from the hook.
	#[benchmark]
	fn lapse_offer() {
		let (_, id) = offered_behind_a_full_queue::<T>();
		one_decline_left::<T>(id);
		let RequestStatus::Offered { lock_by, .. } = Requests::<T>::get(id).unwrap().status else {
			unreachable!()
		};
		hook_reaches::<T>(lock_by);

		#[block]
		{
			Pallet::<T>::process_deadline(id, lock_by);
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Expired { .. }));
	}

	/// Removing an ended request whose retention has passed.
	#[benchmark]
	fn retire() {
		let (_, circuit) = listed::<T>();
		prover::<T>();
		let requester = funded::<T>("requester", 0);
		let id = requests::<T>(&requester, circuit, 1)[0];
		Pallet::<T>::do_cancel_request(requester, id).expect("cancels");
		let now =
			frame_system::Pallet::<T>::block_number().saturating_add(T::ResultRetention::get());

		#[block]
		{
			assert!(Pallet::<T>::retire_next(now));
		}

		assert!(!Requests::<T>::contains_key(id));
	}

	/// Committing the last bid an auction takes, by a qualified prover.
	#[benchmark]
	fn commit_bid() {
		let (prover, id, _, _) = auction::<T>();
		for index in 1..T::MaxBids::get() {
			place_bid::<T>(id, &funded::<T>("bidder", index), 1, false);
		}
		let commitment = bid_commitment(id, &BalanceOf::<T>::from(1u32), &[0; 32], &prover);

		#[extrinsic_call]
		_(RawOrigin::Signed(prover.clone()), id, commitment);

		assert!(Bids::<T>::contains_key(id, &prover));
	}

	/// Revealing a bid.
	#[benchmark]
	fn reveal_bid() {
		let (prover, id, bids_until, _) = auction::<T>();
		place_bid::<T>(id, &prover, 1, false);
		frame_system::Pallet::<T>::set_block_number(bids_until);

		#[extrinsic_call]
		_(RawOrigin::Signed(prover.clone()), id, 1u32.into(), [0; 32]);

		assert!(Bids::<T>::get(id, &prover).unwrap().revealed.is_some());
	}

	/// Settling an auction of `b` revealed bids: the `b - 1` lowest from
	/// accounts that are not provers (each checked and its bond returned),
	/// then the prover's, which wins and locks. The registry's qualification
	/// checks are added by `settle_auction_weight`.
	#[benchmark]
	fn settle_auction(b: Linear<1, { T::MaxBids::get() }>) {
		let (prover, id, _, reveal_until) = auction::<T>();
		for index in 1..b {
			place_bid::<T>(id, &funded::<T>("bidder", index), 1, true);
		}
		place_bid::<T>(id, &prover, 2, true);
		hook_reaches::<T>(reveal_until);

		#[block]
		{
			Pallet::<T>::process_deadline(id, reveal_until);
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Locked { .. }));
	}

	/// Locking a Dutch auction's request mid-ramp: the qualification (added
	/// by the call's weight), the capacity, the collateral and the move in
	/// the deadline index.
	#[benchmark]
	fn lock_dutch() {
		let (prover, id, _) = dutch::<T>();
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);

		#[extrinsic_call]
		lock_request(RawOrigin::Signed(prover), id);

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Locked { .. }));
	}

	/// A Dutch auction nobody took: expired, the deposit forfeited.
	#[benchmark]
	fn close_dutch() {
		let (_, id, closes) = dutch::<T>();
		hook_reaches::<T>(closes);

		#[block]
		{
			Pallet::<T>::process_deadline(id, closes);
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Expired { .. }));
	}

	/// Posting into a full book of expired asks, which are dropped first.
	#[benchmark]
	fn post_ask() {
		let prover = prover::<T>();
		fill_book::<T>(T::MaxAsks::get(), 1, frame_system::Pallet::<T>::block_number());
		let scope = prova_primitives::market::ServiceScope::Any { max_degree_bits: 32 };

		#[extrinsic_call]
		_(
			RawOrigin::Signed(prover),
			scope,
			1u32.into(),
			1,
			T::MinDeadline::get(),
			T::MaxAskLifetime::get(),
		);

		assert_eq!(Book::<T>::get().len(), 1);
	}

	/// Cancelling the last ask of a full book.
	#[benchmark]
	fn cancel_ask() {
		let prover = prover::<T>();
		let far = T::MaxAskLifetime::get();
		fill_book::<T>(T::MaxAsks::get() - 1, 1, far);
		let scope = prova_primitives::market::ServiceScope::Any { max_degree_bits: 32 };
		let id = Pallet::<T>::do_post_ask(
			prover.clone(),
			scope,
			2u32.into(),
			1,
			T::MinDeadline::get(),
			far,
		)
		.expect("posts");

		#[extrinsic_call]
		_(RawOrigin::Signed(prover), id);

		assert_eq!(Book::<T>::get().len() as u32, T::MaxAsks::get() - 1);
	}

	/// Matching a request with a book of `a` asks: the `a - 1` cheapest from
	/// accounts that are not provers (each checked and passed over), then the
	/// prover's, which locks. The registry's qualification checks are added
	/// by `submit_with_terms_weight`.
	#[benchmark]
	fn match_book(a: Linear<1, { T::MaxAsks::get() }>) {
		let (_, circuit) = listed::<T>();
		let prover = prover::<T>();
		let far = T::MaxAskLifetime::get();
		fill_book::<T>(a - 1, 1, far);
		let scope = prova_primitives::market::ServiceScope::Any { max_degree_bits: 32 };
		Pallet::<T>::do_post_ask(prover, scope, 2u32.into(), 1_000, T::MinDeadline::get(), far)
			.expect("posts");
		let requester = funded::<T>("requester", 0);
		let terms = Terms {
			mechanism: Mechanism::Book { fallback: Fallback::Expire },
			latency: None,
			settlement: Default::default(),
		};
		let id = request_with::<T>(&requester, circuit, Terms::default());
		let mut request = Requests::<T>::get(id).unwrap();
		request.terms = terms;
		Queue::<T>::kill();
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			assert!(matches!(
				Pallet::<T>::match_book(id, &request, now),
				Ok(crate::book::BookMatch::Locked)
			));
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Locked { .. }));
	}

	/// Joining an open race with all but one place taken.
	#[benchmark]
	fn join_race() {
		let (prover, id) = racing::<T>(T::MaxRacers::get(), true);

		#[extrinsic_call]
		lock_request(RawOrigin::Signed(prover.clone()), id);

		assert!(Racers::<T>::contains_key(id, &prover));
	}

	/// The first commitment of a race: opening its window and moving its
	/// settlement in the index.
	#[benchmark]
	fn commit_proof() {
		let (prover, id) = racing::<T>(T::MaxRacers::get(), true);
		Pallet::<T>::do_lock_request(prover.clone(), id).expect("joins");

		#[extrinsic_call]
		_(RawOrigin::Signed(prover.clone()), id, [7; 32]);

		assert!(Racers::<T>::get(id, &prover).unwrap().commitment.is_some());
	}

	/// Settling a race of `r` racers that all proved: each paid (the
	/// registry's reward is added by `settle_race_weight`) and released, the
	/// request fulfilled.
	#[benchmark]
	fn settle_race(r: Linear<1, { T::MaxRacers::get() }>) {
		let (prover, id) = racing::<T>(T::MaxRacers::get(), true);
		let mut racers = vec![prover];
		for index in 1..r {
			let racer: T::AccountId = account("racer", index, 0);
			T::BenchmarkHelper::register_prover(&racer, 1);
			T::Currency::mint_into(&racer, plenty::<T>()).expect("minting to a prover works");
			racers.push(racer);
		}
		let now = frame_system::Pallet::<T>::block_number();
		for (place, racer) in racers.iter().enumerate() {
			Pallet::<T>::do_lock_request(racer.clone(), id).expect("joins");
			let mut entry = Racers::<T>::get(id, racer).unwrap();
			entry.commitment = Some([1; 32]);
			entry.committed_at = Some((now, place as u32));
			entry.output = Some(BoundedVec::truncate_from(vec![0u64]));
			Racers::<T>::insert(id, racer, entry);
		}
		let request = Requests::<T>::get(id).unwrap();

		#[block]
		{
			Pallet::<T>::settle_race(id, request.clone(), now);
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Fulfilled { .. }));
	}

	/// Opening an elected race with `r` invited (the elections themselves
	/// are added by the hook's weight).
	#[benchmark]
	fn open_race(r: Linear<1, { T::MaxRacers::get() }>) {
		let (_, id) = racing::<T>(T::MaxRacers::get(), false);
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		let invited: Vec<T::AccountId> = (0..r).map(|index| account("invited", index, 0)).collect();
		let request = Requests::<T>::get(id).unwrap();

		#[block]
		{
			let status = Pallet::<T>::open_race(
				request.deadline_blocks,
				BoundedVec::truncate_from(invited.clone()),
				now,
			);
			let due = status.due().expect("a race is due");
			Pallet::<T>::put_on_index(id, due);
			let mut request = request.clone();
			request.status = status;
			Requests::<T>::insert(id, request);
		}
	}

	/// Claiming a locked aggregated request whose input has `i` elements:
	/// its commitment computed once (the part that grows with `i`), the
	/// index entry moved.
	#[benchmark]
	fn claim_proof(i: Linear<1, { T::MaxInputBytes::get() / ELEMENT_BYTES as u32 }>) {
		let (_, circuit) = listed_with::<T>(i);
		aggregation_ready::<T>(circuit);
		let prover = prover::<T>();
		let requester = funded::<T>("requester", 0);
		let terms = Terms { settlement: Settlement::Aggregated, ..Default::default() };
		let id = Pallet::<T>::do_submit_request(
			requester,
			circuit,
			input_of::<T>(i),
			max_fee::<T>(&terms),
			T::MaxDeadline::get(),
			RequestRequirements::default(),
			terms,
		)
		.expect("a valid request is accepted");
		offer_all::<T>();
		Pallet::<T>::do_lock_request(prover.clone(), id).expect("the offered prover locks");
		let outputs = Listings::<T>::get(circuit).unwrap().output_elements;
		let output = BoundedVec::truncate_from(vec![1u64; outputs as usize]);

		#[extrinsic_call]
		_(RawOrigin::Signed(prover), id, output, [7; 32]);

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Claimed { .. }));
	}

	/// Settling a batch of `n` claims (each of its own requester, with the
	/// largest input) of `p` provers, less the aggregate's verification
	/// (added by `settle_batch_weight`, as are the registry's payments and
	/// capacity releases): the checks, `n` leaves and the tree's root, and
	/// every settlement. The first prover is the aggregator.
	#[benchmark]
	fn settle_batch(n: Linear<2, { T::MaxBatch::get() }>, p: Linear<1, { T::MaxBatch::get() }>) {
		let p = p.min(n);
		let (_, circuit) = listed::<T>();
		aggregation_ready::<T>(circuit);
		let provers: Vec<T::AccountId> =
			(0..p).map(|j| prover_named::<T>("batch-prover", j)).collect();
		let aggregator = provers[0].clone();
		Pallet::<T>::do_register_aggregator(aggregator.clone(), BoundedVec::new())
			.expect("a prover registers");
		// All claimed in one block, so all due in one: the longest index list,
		// which each settled claim leaves.
		let now = frame_system::Pallet::<T>::block_number();
		let due = now.saturating_add(T::AggregationWindow::get());
		let ids: Vec<RequestId> = (0..n)
			.map(|i| {
				let requester = funded::<T>("batch-requester", i);
				claimed::<T>(circuit, &requester, &provers[(i % p) as usize], due)
			})
			.collect();

		#[block]
		{
			let batch =
				Pallet::<T>::prepare_batch(&aggregator, &ids, p, circuit).expect("a valid batch");
			Pallet::<T>::settle_prepared(aggregator.clone(), batch).expect("it settles");
		}

		for id in ids {
			assert!(matches!(
				Requests::<T>::get(id).unwrap().status,
				RequestStatus::Fulfilled { .. }
			));
		}
	}

	/// Registering an aggregator with the longest endpoint.
	#[benchmark]
	fn register_aggregator() {
		let who = prover::<T>();
		let endpoint = vec![b'x'; T::MaxEndpointBytes::get() as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), endpoint.try_into().expect("sized to the bound"));

		assert!(Aggregators::<T>::contains_key(&who));
	}

	/// Unregistering an aggregator.
	#[benchmark]
	fn unregister_aggregator() {
		let who = prover::<T>();
		Pallet::<T>::do_register_aggregator(who.clone(), BoundedVec::new()).expect("registers");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Aggregators::<T>::contains_key(&who));
	}

	/// Setting a circuit's wrapper.
	#[benchmark]
	fn set_wrapper() {
		let (owner, circuit) = listed::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), circuit, [1, 2, 3, 4]);

		assert!(Wrappers::<T>::contains_key(circuit));
	}

	/// Replacing the aggregation circuit: its verifier data parsed for its
	/// verifier hash, the new one acquired and the old one released.
	#[benchmark]
	fn set_aggregation_circuit() {
		let (_, circuit) = listed::<T>();
		Pallet::<T>::do_set_aggregation_circuit(circuit).expect("a registered circuit");

		#[extrinsic_call]
		_(RawOrigin::Root, circuit);

		assert!(AggregationCircuit::<T>::exists());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
