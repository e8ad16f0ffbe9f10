//! Verifier data and proofs survive plonky2's serialization, the form the
//! chain stores and receives.

use super::poseidon_chain;
use crate::{verify, C, D, F};
use plonky2::{
	plonk::{circuit_data::VerifierCircuitData, proof::ProofWithPublicInputs},
	util::serialization::DefaultGateSerializer,
};

#[test]
fn verifier_data_round_trips() {
	let handle = &poseidon_chain().handle;
	let bytes = handle.verifier_data_bytes().unwrap();
	let decoded =
		VerifierCircuitData::<F, C, D>::from_bytes(bytes.clone(), &DefaultGateSerializer).unwrap();
	assert_eq!(decoded, handle.verifier_data());
	assert_eq!(decoded.to_bytes(&DefaultGateSerializer).unwrap(), bytes);
}

#[test]
fn proof_round_trips_and_still_verifies() {
	let fixture = poseidon_chain();
	let bytes = fixture.proved.proof_bytes();
	let common = &fixture.handle.data().common;
	let decoded = ProofWithPublicInputs::<F, C, D>::from_bytes(bytes.clone(), common).unwrap();
	assert_eq!(decoded, fixture.proved.proof);
	assert_eq!(decoded.to_bytes(), bytes);
	fixture.handle.verify(&decoded).unwrap();
	let vd = fixture.handle.verifier_data_bytes().unwrap();
	assert_eq!(verify(&vd, &bytes).unwrap(), fixture.proved.public_inputs());
}

#[test]
fn building_a_workload_twice_gives_the_same_verifier_data() {
	let handle = &poseidon_chain().handle;
	let again = handle.workload().build().unwrap();
	assert_eq!(again.verifier_data_bytes().unwrap(), handle.verifier_data_bytes().unwrap());
}
