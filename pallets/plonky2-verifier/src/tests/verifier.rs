//! The verification boundary with proofs from plain upstream plonky2 code
//! (not our circuit library): the verifier is general.

use super::cubic_circuit_proof;
use crate::verifier::*;

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
