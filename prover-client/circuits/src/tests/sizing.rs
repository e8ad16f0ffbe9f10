//! `for_degree` gives circuits of exactly the asked degree; oversized
//! parameters are refused.

use crate::{
	CircuitError, Fibonacci, MerkleRoot, PoseidonChain, Workload, WorkloadKind, MAX_DEGREE_BITS,
	MIN_DEGREE_BITS,
};

fn built_degree(kind: WorkloadKind, degree_bits: usize) -> usize {
	Workload::for_degree(kind, degree_bits).unwrap().build().unwrap().degree_bits()
}

#[test]
fn poseidon_chain_for_degree_12_and_13_builds_those_degrees() {
	assert_eq!(built_degree(WorkloadKind::PoseidonChain, 12), 12);
	assert_eq!(built_degree(WorkloadKind::PoseidonChain, 13), 13);
}

#[test]
fn merkle_root_for_degree_12_builds_degree_12() {
	assert_eq!(built_degree(WorkloadKind::MerkleRoot, 12), 12);
}

#[test]
fn fibonacci_for_degree_12_builds_degree_12() {
	assert_eq!(built_degree(WorkloadKind::Fibonacci, 12), 12);
}

#[test]
fn for_degree_fills_more_than_half_of_every_supported_degree() {
	for kind in WorkloadKind::ALL {
		for degree_bits in MIN_DEGREE_BITS..=MAX_DEGREE_BITS {
			let workload = Workload::for_degree(kind, degree_bits).unwrap();
			workload.validate().unwrap();
			let rows = workload.estimated_rows();
			assert!(rows <= 1 << degree_bits, "{workload}: {rows} rows");
			assert!(rows > 1 << (degree_bits - 1), "{workload}: {rows} rows");
		}
	}
}

#[test]
fn for_degree_refuses_degrees_outside_the_range() {
	for degree_bits in [0, MIN_DEGREE_BITS - 1, MAX_DEGREE_BITS + 1] {
		assert!(matches!(
			Workload::for_degree(WorkloadKind::PoseidonChain, degree_bits),
			Err(CircuitError::UnsupportedDegree(d)) if d == degree_bits
		));
	}
}

#[test]
fn refuses_parameters_beyond_the_largest_degree() {
	let too_large = [
		Workload::from(PoseidonChain { steps: 1 << MAX_DEGREE_BITS }),
		Fibonacci { steps: 21 << MAX_DEGREE_BITS }.into(),
		MerkleRoot { height: MAX_DEGREE_BITS as u32, leaf_len: 4 }.into(),
		MerkleRoot { height: 64, leaf_len: 4 }.into(),
		MerkleRoot { height: 4, leaf_len: 65 }.into(),
		MerkleRoot { height: 4, leaf_len: 0 }.into(),
		PoseidonChain { steps: 0 }.into(),
		Fibonacci { steps: 0 }.into(),
	];
	for workload in too_large {
		assert!(
			matches!(workload.validate(), Err(CircuitError::InvalidParams { .. })),
			"{workload}"
		);
		assert!(workload.build().is_err(), "{workload}");
	}
}
