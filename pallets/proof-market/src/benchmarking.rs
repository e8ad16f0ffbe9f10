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
use crate::lifecycle::Offer;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{traits::One, Saturating};

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
	let owner = funded::<T>("owner", 0);
	let circuit = T::BenchmarkHelper::register_circuit(&owner);
	let descriptor = vec![b'x'; T::MaxDescriptorBytes::get() as usize];
	Pallet::<T>::list_circuit(
		RawOrigin::Signed(owner.clone()).into(),
		circuit,
		max_input_elements::<T>(),
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
	let bytes: Vec<u8> =
		(0..max_input_elements::<T>() as u64).flat_map(|word| word.to_le_bytes()).collect();
	bytes.try_into().expect("sized to the bound")
}

/// A prover asking 1 per unit.
fn prover<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("prover", 0, 0);
	T::BenchmarkHelper::register_prover(&who, 1);
	who
}

/// Submits `count` requests for `circuit` from `requester` (at most
/// `MaxOpenRequestsPerAccount`); returns their ids. A prover must be registered.
fn requests<T: Config>(requester: &T::AccountId, circuit: CircuitId, count: u32) -> Vec<RequestId> {
	(0..count)
		.map(|_| {
			Pallet::<T>::do_submit_request(
				requester.clone(),
				circuit,
				input::<T>(),
				1_000_000u32.into(),
				T::MaxDeadline::get(),
				RequestRequirements::default(),
			)
			.expect("a valid request is accepted")
		})
		.collect()
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

/// Advances to the next block and assigns every queued request it can.
fn assign_all<T: Config>() -> BlockNumberFor<T> {
	let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
	frame_system::Pallet::<T>::set_block_number(now);
	for id in Queue::<T>::take() {
		Pallet::<T>::offer(id, now);
	}
	now
}

/// A request assigned to a fresh prover, behind a queue of
/// `MaxOpenRequests - 1` others (the queue a failed attempt is put back into).
fn assigned_behind_a_full_queue<T: Config>() -> (T::AccountId, T::AccountId, RequestId) {
	let (_, circuit) = listed::<T>();
	let requester = funded::<T>("requester", 0);
	let prover = prover::<T>();
	let id = requests::<T>(&requester, circuit, 1)[0];
	assign_all::<T>();
	assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Assigned { .. }));
	fill_market::<T>(circuit, T::MaxOpenRequests::get() - 1);
	(requester, prover, id)
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
		let (_, prover, id) = assigned_behind_a_full_queue::<T>();
		let public_inputs = binding_public_inputs::<T>(id);
		let request = Requests::<T>::get(id).unwrap();
		let RequestStatus::Assigned { price, deadline, .. } = request.status else {
			unreachable!()
		};

		#[block]
		{
			Pallet::<T>::check_binding(&request, &public_inputs).expect("binds");
			Pallet::<T>::fulfil(
				id,
				request.clone(),
				prover,
				price,
				deadline,
				public_inputs.clone(),
			)
			.expect("settles");
		}

		assert!(matches!(Requests::<T>::get(id).unwrap().status, RequestStatus::Fulfilled { .. }));
	}

	/// `submit_proof` with a proof that fails, less the verification: the
	/// binding check, the slash and putting the request back at the front of a
	/// full queue.
	#[benchmark]
	fn submit_proof_invalid() {
		let (_, prover, id) = assigned_behind_a_full_queue::<T>();
		let public_inputs = binding_public_inputs::<T>(id);
		let request = Requests::<T>::get(id).unwrap();
		let RequestStatus::Assigned { deadline, .. } = request.status else { unreachable!() };

		#[block]
		{
			Pallet::<T>::check_binding(&request, &public_inputs).expect("binds");
			Pallet::<T>::reject(id, request.clone(), prover, deadline, VerifyError::InvalidProof);
		}

		assert_eq!(Queue::<T>::get().first(), Some(&id));
	}

	/// The hook with nothing to do.
	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			Pallet::<T>::on_block(now);
		}
	}

	/// Electing a prover for a queued request and assigning it.
	#[benchmark]
	fn assign() {
		let (_, circuit) = listed::<T>();
		prover::<T>();
		let requester = funded::<T>("requester", 0);
		let id = requests::<T>(&requester, circuit, 1)[0];
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());

		#[block]
		{
			assert_eq!(Pallet::<T>::offer(id, now), Offer::Assigned);
		}
	}

	/// Expiring a request that waited in the queue too long (never assigned,
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

	/// A missed deadline with attempts left: slash, and back to the front of a
	/// full queue.
	#[benchmark]
	fn miss_deadline_requeue() {
		let (_, _, id) = assigned_behind_a_full_queue::<T>();
		let RequestStatus::Assigned { deadline, .. } = Requests::<T>::get(id).unwrap().status
		else {
			unreachable!()
		};

		#[block]
		{
			Pallet::<T>::process_deadline(id, deadline);
		}

		assert_eq!(Queue::<T>::get().first(), Some(&id));
	}

	/// A missed deadline on the last attempt: slash, refund and close.
	#[benchmark]
	fn miss_deadline_expire() {
		let (_, _, id) = assigned_behind_a_full_queue::<T>();
		let mut request = Requests::<T>::get(id).unwrap();
		let RequestStatus::Assigned { deadline, .. } = request.status else { unreachable!() };
		for index in 1..T::MaxAttempts::get() {
			request.failed.try_push(account("failed", index, 0)).expect("below MaxAttempts");
		}
		Requests::<T>::insert(id, request);

		#[block]
		{
			Pallet::<T>::process_deadline(id, deadline);
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

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
