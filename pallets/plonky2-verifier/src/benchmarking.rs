//! Benchmarks with real proofs: an iterated-Poseidon circuit (`prova-circuits`'
//! `poseidon_chain`) at every degree from 2^12 to 2^20, made by
//! `prova-fixtures` and checked in under `fixtures/`.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::Saturating;

/// Serialized verifier data and proof of `poseidon_chain` at `degree_bits`.
fn fixture(degree_bits: u32) -> (&'static [u8], &'static [u8]) {
	macro_rules! fixtures {
		($($degree:literal),*) => {
			match degree_bits {
				$($degree => (
					include_bytes!(concat!("../fixtures/poseidon_chain-", $degree, ".vd")).as_slice(),
					include_bytes!(concat!("../fixtures/poseidon_chain-", $degree, ".proof")).as_slice(),
				),)*
				_ => panic!("no fixture for degree {degree_bits}"),
			}
		};
	}
	fixtures!(12, 13, 14, 15, 16, 17, 18, 19, 20)
}

/// A funded account registering the fixture of `degree_bits`.
fn registered<T: Config>(degree_bits: u32) -> (T::AccountId, CircuitId, &'static [u8])
where
	T::Currency: Mutate<T::AccountId>,
{
	let owner: T::AccountId = whitelisted_caller();
	let (verifier_data, proof) = fixture(degree_bits);
	fund::<T>(&owner, verifier_data.len());
	let bytes = BoundedVec::try_from(verifier_data.to_vec()).expect("fixture fits");
	Pallet::<T>::register_circuit(RawOrigin::Signed(owner.clone()).into(), bytes)
		.expect("fixture registers");
	(owner, CircuitId::from(sp_io::hashing::blake2_256(verifier_data)), proof)
}

fn fund<T: Config>(who: &T::AccountId, size: usize)
where
	T::Currency: Mutate<T::AccountId>,
{
	let deposit = T::CircuitDepositBase::get()
		.saturating_add(T::CircuitDepositPerByte::get().saturating_mul((size as u32).into()));
	let amount = deposit.saturating_mul(2u32.into()).saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(who, amount);
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	/// Parsing and checking the largest fixture's verifier data.
	#[benchmark]
	fn register_circuit() {
		let owner: T::AccountId = whitelisted_caller();
		let (verifier_data, _) = fixture(T::MaxDegreeBits::get().min(20));
		fund::<T>(&owner, verifier_data.len());
		let bytes = BoundedVec::try_from(verifier_data.to_vec()).expect("fixture fits");

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), bytes);

		assert_eq!(Circuits::<T>::iter().count(), 1);
	}

	#[benchmark]
	fn unregister_circuit() {
		let (owner, circuit, _) = registered::<T>(12);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), circuit);

		assert!(!Circuits::<T>::contains_key(circuit));
	}

	/// Verifying a real proof of a circuit with `2^d` rows.
	#[benchmark]
	fn verify_proof(d: Linear<12, 20>) {
		let (owner, circuit, proof) = registered::<T>(d);
		let bytes = VerifierData::<T>::get(circuit).expect("registered");
		let (parsed, _) =
			verifier::parse_circuit(&bytes, &Limits::default()).expect("fixture parses");
		let public_inputs = verifier::public_inputs_of(&parsed, proof).expect("fixture parses");
		let public_inputs = BoundedVec::try_from(public_inputs).expect("few public inputs");
		let proof = BoundedVec::try_from(proof.to_vec()).expect("fixture fits");

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), circuit, public_inputs, proof);

		assert_eq!(Circuits::<T>::get(circuit).map(|info| info.degree_bits), Some(d));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
