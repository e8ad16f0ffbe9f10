//! Input bytes: the encoding, and the refusal of malformed input.

use super::poseidon_chain;
use crate::{
	decode_elements, CircuitError, Fibonacci, FibonacciInput, Input, MerkleRoot, MerkleRootInput,
	PoseidonChain, PoseidonChainInput, Workload, WorkloadKind, F,
};
use plonky2::field::types::Field64;

const P: u64 = F::ORDER;

#[test]
fn input_bytes_round_trip_for_every_workload() {
	for workload in [
		Workload::from(PoseidonChain { steps: 3 }),
		MerkleRoot { height: 2, leaf_len: 3 }.into(),
		Fibonacci { steps: 3 }.into(),
	] {
		let input = workload.sample_input(42);
		let bytes = workload.encode_input(&input).unwrap();
		assert_eq!(bytes.len(), 8 * workload.input_len());
		assert_eq!(workload.decode_input(&bytes).unwrap(), input);
	}
}

#[test]
fn input_bytes_are_little_endian_words() {
	let workload = Workload::from(Fibonacci { steps: 1 });
	let bytes = workload.encode_input(&FibonacciInput { f0: 1, f1: P - 1 }.into()).unwrap();
	let mut expected = 1u64.to_le_bytes().to_vec();
	expected.extend((P - 1).to_le_bytes());
	assert_eq!(bytes, expected);
}

#[test]
fn rejects_bytes_that_are_not_whole_elements() {
	let workload = Workload::from(Fibonacci { steps: 1 });
	assert!(matches!(
		workload.decode_input(&[0u8; 15]),
		Err(CircuitError::InputNotElements { len: 15 })
	));
}

#[test]
fn rejects_a_non_canonical_element() {
	let mut bytes = 5u64.to_le_bytes().to_vec();
	bytes.extend(P.to_le_bytes());
	assert!(matches!(
		decode_elements(&bytes),
		Err(CircuitError::NonCanonicalElement { index: 1, value }) if value == P
	));
	let input = FibonacciInput { f0: u64::MAX, f1: 0 }.into();
	assert!(matches!(
		Workload::from(Fibonacci { steps: 1 }).encode_input(&input),
		Err(CircuitError::NonCanonicalElement { index: 0, .. })
	));
}

#[test]
fn rejects_input_of_the_wrong_length() {
	let workload = Workload::from(PoseidonChain { steps: 1 });
	for elements in [0, 3, 5] {
		assert!(matches!(
			workload.decode_input(&vec![0u8; 8 * elements]),
			Err(CircuitError::InputLength { expected: 4, got, .. }) if got == elements
		));
	}
}

#[test]
fn rejects_merkle_input_of_the_wrong_shape() {
	let workload = Workload::from(MerkleRoot { height: 1, leaf_len: 2 });
	let three_leaves = MerkleRootInput { leaves: vec![vec![1, 2]; 3] }.into();
	let ragged = MerkleRootInput { leaves: vec![vec![1, 2, 3], vec![4]] }.into();
	for input in [three_leaves, ragged] {
		assert!(matches!(workload.encode_input(&input), Err(CircuitError::InputShape { .. })));
	}
}

#[test]
fn rejects_an_input_of_another_workload() {
	let fixture = poseidon_chain();
	let input: Input = FibonacciInput { f0: 0, f1: 1 }.into();
	assert!(matches!(
		fixture.handle.prove(&input),
		Err(CircuitError::WrongInputKind {
			expected: WorkloadKind::PoseidonChain,
			got: WorkloadKind::Fibonacci
		})
	));
}

#[test]
fn rejects_an_output_of_the_wrong_length() {
	let workload = Workload::from(PoseidonChain { steps: 1 });
	let input = PoseidonChainInput { seed: [0; 4] }.into();
	assert!(matches!(
		workload.public_inputs(&input, &[1, 2, 3]),
		Err(CircuitError::OutputLength { expected: 4, got: 3, .. })
	));
}

#[test]
fn proving_bytes_is_proving_the_decoded_input() {
	let fixture = poseidon_chain();
	let workload = fixture.handle.workload();
	let bytes = workload.encode_input(&fixture.input).unwrap();
	let proved = fixture.handle.prove_bytes(&bytes).unwrap();
	assert_eq!(proved.output, fixture.proved.output);
	assert!(fixture.handle.prove_bytes(&bytes[1..]).is_err());
}

#[test]
fn workload_names_parse_back() {
	for kind in WorkloadKind::ALL {
		assert_eq!(kind.name().parse::<WorkloadKind>().unwrap(), kind);
	}
	assert!(matches!("sha256".parse::<WorkloadKind>(), Err(CircuitError::UnknownWorkload(_))));
}

#[test]
fn descriptors_round_trip_for_every_workload_and_degree() {
	for kind in WorkloadKind::ALL {
		for degree in crate::MIN_DEGREE_BITS..=crate::MAX_DEGREE_BITS {
			let workload = Workload::for_degree(kind, degree).unwrap();
			let descriptor = workload.descriptor();
			assert!(descriptor.starts_with(&format!("{}/1?", kind.name())), "{descriptor}");
			assert_eq!(Workload::from_descriptor(&descriptor).unwrap(), workload);
		}
	}
	assert_eq!(
		Workload::from_descriptor("merkle_root/1?height=3&leaf_len=2").unwrap(),
		Workload::from(MerkleRoot { height: 3, leaf_len: 2 })
	);
}

#[test]
fn rejects_descriptors_this_client_cannot_rebuild() {
	for (descriptor, reason) in [
		("poseidon_chain", "expected name/version"),
		("sha256/1?rounds=4", "unknown workload"),
		("poseidon_chain/2?steps=10", "not 2"),
		("poseidon_chain/1", "missing parameter `steps`"),
		("poseidon_chain/1?steps=10&depth=2", "unknown parameter `depth`"),
		("poseidon_chain/1?steps=10&steps=11", "given twice"),
		("poseidon_chain/1?steps=ten", "not a number"),
		("poseidon_chain/1?steps", "has no value"),
		("poseidon_chain/1?steps=0", "invalid parameters"),
		("merkle_root/1?height=3", "missing parameter `leaf_len`"),
	] {
		let error = Workload::from_descriptor(descriptor).unwrap_err();
		assert!(matches!(error, CircuitError::BadDescriptor { .. }), "{descriptor}: {error:?}");
		assert!(error.to_string().contains(reason), "{descriptor}: {error}");
	}
}
