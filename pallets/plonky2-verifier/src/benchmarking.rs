//! Benchmarks with real proofs: an iterated-Poseidon circuit (`prova-circuits`'
//! `poseidon_chain`) at every degree from 2^12 to 2^20, made by
//! `prova-fixtures` and checked in under `fixtures/`, and with the worst case
//! an attacker can register: `crafted-32.vd`, the 32 gates whose evaluation
//! costs the most (`prova-fixtures --crafted 32`).

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

/// Verifier data of the costliest circuit to parse and evaluate.
const CRAFTED: &[u8] = include_bytes!("../fixtures/crafted-32.vd");
const _: () = assert!(MAX_GATES == 32, "`evaluate_gates` ranges over 0..=MAX_GATES");

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

	/// Parsing and checking the costliest verifier data to read: the crafted
	/// worst case, with the most gates and the largest ones.
	#[benchmark]
	fn register_circuit() {
		let owner: T::AccountId = whitelisted_caller();
		let verifier_data = CRAFTED;
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

	/// Evaluating the constraints of `g` gates at a point, as verification
	/// does once per gate of the circuit, each as the costliest gate there is
	/// (Poseidon: the `--crafted` ranking of `prova-fixtures` measures it at
	/// four times any other) in the largest selector group, so that
	/// `verify_proof(d) + evaluate_gates(g)` bounds any circuit of `g` gates.
	#[benchmark]
	fn evaluate_gates(g: Linear<0, 32>) {
		use plonky2::{
			field::{extension::Extendable, types::Field},
			gates::{gate::Gate, poseidon::PoseidonGate},
			hash::hash_types::HashOut,
			plonk::{circuit_data::CircuitConfig, vars::EvaluationVars},
		};
		let config = CircuitConfig::standard_recursion_config();
		let element = |i: usize| {
			<F as Extendable<D>>::Extension::from_canonical_u64(
				(i as u64).wrapping_mul(0x9e37_79b9) + 7,
			)
		};
		let wires: alloc::vec::Vec<_> = (0..config.num_wires).map(element).collect();
		// Two selectors come first, then the gate's constants.
		let selectors = 2;
		let constants: alloc::vec::Vec<_> =
			(0..selectors + config.num_constants).map(|i| element(1000 + i)).collect();
		let hash = HashOut::<F>::ZERO;
		let gate = PoseidonGate::<F, D>::new();

		#[block]
		{
			for row in 0..g as usize {
				let vars = EvaluationVars {
					local_constants: &constants,
					local_wires: &wires,
					public_inputs_hash: &hash,
				};
				let group = MAX_SELECTOR_GROUP;
				core::hint::black_box(gate.eval_filtered(
					vars,
					row % group,
					0,
					0..group,
					selectors,
					0,
				));
			}
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
