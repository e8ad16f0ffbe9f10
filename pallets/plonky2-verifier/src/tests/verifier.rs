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

#[test]
fn a_selector_group_larger_than_the_bound_is_refused() {
	let (verifier, _) = cubic_circuit_proof(3, false);
	let (circuit, _) = parse_circuit(&verifier, &Limits::default()).unwrap();
	assert!(circuit.common.gates.len() > 1);
	// The cubic circuit's gates share one selector group.
	let tight = Limits { max_selector_group: 1, ..Limits::default() };
	assert_eq!(parse_circuit(&verifier, &tight).err(), Some(VerifyError::UnsupportedConfig));
	let few_gates = Limits { max_gates: 1, ..Limits::default() };
	assert_eq!(parse_circuit(&verifier, &few_gates).err(), Some(VerifyError::UnsupportedConfig));
}

#[test]
fn a_gate_listed_twice_is_not_distinct() {
	let (verifier, _) = cubic_circuit_proof(3, false);
	let (mut circuit, _) = parse_circuit(&verifier, &Limits::default()).unwrap();
	assert!(gates_distinct(&circuit.common));
	let first = circuit.common.gates[0].clone();
	circuit.common.gates.push(first);
	assert!(!gates_distinct(&circuit.common));
}

/// A circuit claiming more than its gates need (constant columns, constraints,
/// partial products) would make every verification hash and evaluate more
/// than its weight counts: registration refuses it.
#[test]
fn a_circuit_claiming_more_than_its_gates_derive_is_refused() {
	use plonky2::util::serialization::DefaultGateSerializer;
	let (verifier, _) = cubic_circuit_proof(3, false);
	let (circuit, _) = parse_circuit(&verifier, &Limits::default()).unwrap();
	let inflations: [fn(&mut Circuit); 4] = [
		|c| c.common.num_constants += 1,
		|c| c.common.num_gate_constraints += 1,
		|c| c.common.num_partial_products += 1,
		|c| c.common.quotient_degree_factor -= 1,
	];
	for inflate in inflations {
		let mut inflated = circuit.clone();
		inflate(&mut inflated);
		let bytes = inflated.to_bytes(&DefaultGateSerializer).unwrap();
		assert_eq!(
			parse_circuit(&bytes, &Limits::default()).err(),
			Some(VerifyError::UnsupportedConfig)
		);
	}
}

/// A circuit registered before the bounds, with larger selector groups, is
/// charged each gate once per bounded group its largest group spans.
#[test]
fn gates_of_oversized_groups_are_charged_over_again() {
	let shape = |gates, largest_group| CircuitShape {
		degree_bits: 12,
		fri_queries: 28,
		public_inputs: 1,
		gates,
		largest_group,
	};
	assert_eq!(shape(5, 3).charged_gates(), 5);
	assert_eq!(shape(32, 10).charged_gates(), 32);
	assert_eq!(shape(100, 25).charged_gates(), 300);
	assert_eq!(shape(5_000, 5_000).charged_gates(), 2_500_000);
	let (verifier, _) = cubic_circuit_proof(3, false);
	let (circuit, parsed) = parse_circuit(&verifier, &Limits::default()).unwrap();
	assert_eq!(parsed.gates as usize, circuit.common.gates.len());
	assert!((1..=MAX_SELECTOR_GROUP).contains(&(parsed.largest_group as usize)));
	assert_eq!(parsed.charged_gates(), parsed.gates);
}

/// Verifier data of a circuit whose gate set holds a coset interpolation gate
/// of `2^bits` points, and where that gate's serialization starts.
fn coset_gate_verifier_data(bits: usize) -> (Vec<u8>, usize) {
	use plonky2::{
		gates::{coset_interpolation::CosetInterpolationGate, gate::GateRef},
		plonk::{circuit_builder::CircuitBuilder, circuit_data::CircuitConfig},
		util::serialization::DefaultGateSerializer,
	};
	let mut builder = CircuitBuilder::<F, D>::new(CircuitConfig::standard_recursion_config());
	let x = builder.add_virtual_target();
	builder.register_public_input(x);
	builder.add_gate_to_gate_set(GateRef::new(CosetInterpolationGate::<F, D>::new(bits)));
	let bytes = builder.build::<C>().verifier_data().to_bytes(&DefaultGateSerializer).unwrap();
	// Tag 4, then subgroup bits, degree, and the weights' count.
	let at = (0..bytes.len() - 28)
		.find(|&at| {
			let word =
				|i: usize| u64::from_le_bytes(bytes[at + 4 + 8 * i..][..8].try_into().unwrap());
			bytes[at..at + 4] == 4u32.to_le_bytes()
				&& word(0) == bits as u64
				&& word(2) == 1 << bits
		})
		.expect("the gate is serialized");
	(bytes, at)
}

#[test]
fn a_coset_gate_reads_the_same_in_wasm_and_natively() {
	let (bytes, at) = coset_gate_verifier_data(3);
	assert!(parse_circuit(&bytes, &Limits::default()).is_ok());
	// A weight count with high bits set: truncated to the right count on a
	// 32-bit runtime, far too large on a 64-bit node. Refused by both.
	let mut wide = bytes.clone();
	wide[at + 20..at + 28].copy_from_slice(&((1u64 << 32) + 8).to_le_bytes());
	assert_eq!(
		parse_circuit(&wide, &Limits::default()).err(),
		Some(VerifyError::MalformedVerifierData)
	);
	// Any other count, and a weight at or above the field's order.
	let mut other = bytes.clone();
	other[at + 20..at + 28].copy_from_slice(&7u64.to_le_bytes());
	assert_eq!(
		parse_circuit(&other, &Limits::default()).err(),
		Some(VerifyError::MalformedVerifierData)
	);
	let mut weight = bytes;
	weight[at + 28..at + 36]
		.copy_from_slice(&<F as plonky2::field::types::Field64>::ORDER.to_le_bytes());
	assert_eq!(
		parse_circuit(&weight, &Limits::default()).err(),
		Some(VerifyError::MalformedVerifierData)
	);
}
