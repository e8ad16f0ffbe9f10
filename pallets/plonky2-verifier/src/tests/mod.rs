//! Tests: the verifier on its own, and the pallet in a mock runtime.

mod fuzz;
mod pallet;
mod verifier;

use crate::verifier::{C, D, F};
use plonky2::{
	field::types::Field,
	iop::witness::{PartialWitness, WitnessWrite},
	plonk::{circuit_builder::CircuitBuilder, circuit_data::CircuitConfig},
	util::serialization::DefaultGateSerializer,
};

/// A circuit proving knowledge of `x` with `x^3 + x + 5 = out`, `out` public.
/// Returns serialized verifier data and a serialized proof for `x`.
pub fn cubic_circuit_proof(x: u64, extra_constraint: bool) -> (Vec<u8>, Vec<u8>) {
	let mut builder = CircuitBuilder::<F, D>::new(CircuitConfig::standard_recursion_config());
	let x_t = builder.add_virtual_target();
	let x3 = builder.exp_u64(x_t, 3);
	let sum = builder.add(x3, x_t);
	let five = builder.constant(F::from_canonical_u64(5));
	let out = builder.add(sum, five);
	if extra_constraint {
		// A different circuit: also exposes x itself.
		builder.register_public_input(x_t);
	}
	builder.register_public_input(out);
	let data = builder.build::<C>();
	let mut pw = PartialWitness::new();
	pw.set_target(x_t, F::from_canonical_u64(x)).unwrap();
	let proof = data.prove(pw).unwrap();
	let verifier = data.verifier_data().to_bytes(&DefaultGateSerializer).unwrap();
	(verifier, proof.to_bytes())
}

/// Verifier data of a circuit that is valid plonky2 but not the supported
/// configuration (the ECC configuration has more wires).
pub fn unsupported_config_verifier_data() -> Vec<u8> {
	let mut builder = CircuitBuilder::<F, D>::new(CircuitConfig::standard_ecc_config());
	let x = builder.add_virtual_target();
	let y = builder.square(x);
	builder.register_public_input(y);
	builder.build::<C>().verifier_data().to_bytes(&DefaultGateSerializer).unwrap()
}
