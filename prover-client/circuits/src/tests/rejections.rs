//! Proofs do not verify for another circuit or with other public inputs.

use super::poseidon_chain;
use crate::{verify, CircuitError, Fibonacci, MerkleRoot, PoseidonChain, Workload, F};
use plonky2::field::types::Field;

#[test]
fn rejects_proof_for_another_workload() {
	let proof = poseidon_chain().proved.proof_bytes();
	for other in [
		Workload::from(Fibonacci { steps: 400 }),
		MerkleRoot { height: 4, leaf_len: 4 }.into(),
		// Same workload, other parameters: another circuit too.
		PoseidonChain { steps: 21 }.into(),
	] {
		let vd = other.build().unwrap().verifier_data_bytes().unwrap();
		let result = verify(&vd, &proof);
		assert!(
			matches!(result, Err(CircuitError::InvalidProof(_) | CircuitError::MalformedProof)),
			"{other}: {result:?}"
		);
	}
}

#[test]
fn rejects_mutated_public_inputs() {
	let fixture = poseidon_chain();
	// The input hash, then the output.
	for index in [0, 3, 4, 7] {
		let mut proof = fixture.proved.proof.clone();
		proof.public_inputs[index] += F::ONE;
		assert!(matches!(fixture.handle.verify(&proof), Err(CircuitError::InvalidProof(_))));
		let vd = fixture.handle.verifier_data_bytes().unwrap();
		assert!(matches!(verify(&vd, &proof.to_bytes()), Err(CircuitError::InvalidProof(_))));
	}
}

#[test]
fn rejects_truncated_proof_bytes() {
	let fixture = poseidon_chain();
	let vd = fixture.handle.verifier_data_bytes().unwrap();
	let proof = fixture.proved.proof_bytes();
	assert!(matches!(verify(&vd, &proof[..proof.len() - 16]), Err(CircuitError::MalformedProof)));
	assert!(matches!(verify(&vd[..10], &proof), Err(CircuitError::MalformedVerifierData)));
}
