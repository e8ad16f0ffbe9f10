//! The verification boundary with proofs from plain upstream plonky2 code
//! (not our circuit library): the verifier is general.

use crate::verifier::*;
use plonky2::util::serialization::DefaultGateSerializer;
use plonky2::{
	field::types::Field,
	iop::witness::{PartialWitness, WitnessWrite},
	plonk::{circuit_builder::CircuitBuilder, circuit_data::CircuitConfig},
};

/// A circuit proving knowledge of `x` with `x^3 + x + 5 = out`, `out` public.
/// Returns serialized verifier data and a serialized proof for `x`.
fn cubic_circuit_proof(x: u64, extra_constraint: bool) -> (Vec<u8>, Vec<u8>) {
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

#[test]
fn accepts_a_valid_proof() {
	let (verifier, proof) = cubic_circuit_proof(3, false);
	assert_eq!(verify(&verifier, &proof), Ok(()));
}

#[test]
fn rejects_a_bit_flipped_proof() {
	let (verifier, mut proof) = cubic_circuit_proof(3, false);
	// Flip a bit in the middle of the proof (inside the FRI data).
	let at = proof.len() / 2;
	proof[at] ^= 0x01;
	let result = verify(&verifier, &proof);
	assert!(
		matches!(result, Err(VerifyError::InvalidProof) | Err(VerifyError::MalformedProof)),
		"{result:?}"
	);
}

#[test]
fn rejects_changed_public_inputs() {
	let (verifier, mut proof) = cubic_circuit_proof(3, false);
	// Public inputs come last: a u64 count, then one u64 per element.
	let last = proof.len() - 8;
	proof[last] ^= 0x01;
	assert_eq!(verify(&verifier, &proof), Err(VerifyError::InvalidProof));
}

#[test]
fn rejects_a_truncated_proof() {
	let (verifier, proof) = cubic_circuit_proof(3, false);
	assert_eq!(verify(&verifier, &proof[..proof.len() - 16]), Err(VerifyError::MalformedProof));
}

#[test]
fn rejects_proof_for_another_circuit() {
	let (verifier, _) = cubic_circuit_proof(3, false);
	let (_, other_proof) = cubic_circuit_proof(3, true);
	assert!(verify(&verifier, &other_proof).is_err());
}

#[test]
fn rejects_malformed_verifier_data() {
	let (verifier, proof) = cubic_circuit_proof(3, false);
	assert_eq!(verify(&verifier[..10], &proof), Err(VerifyError::MalformedVerifierData));
}

#[test]
fn rejects_oversized_input_before_parsing() {
	let big = vec![0u8; MAX_PROOF_BYTES + 1];
	assert_eq!(verify(&[], &big), Err(VerifyError::ProofTooLarge));
	let big = vec![0u8; MAX_VERIFIER_DATA_BYTES + 1];
	assert_eq!(verify(&big, &[]), Err(VerifyError::VerifierDataTooLarge));
}
