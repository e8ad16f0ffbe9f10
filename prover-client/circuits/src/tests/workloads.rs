//! Each workload's circuit computes what its native reference computes.

use super::poseidon_chain;
use crate::{
	encoding::encode_elements, public_inputs, Fibonacci, FibonacciInput, Input, MerkleRoot,
	MerkleRootInput, PoseidonChain, PoseidonChainInput, Workload, F,
};
use plonky2::{
	field::types::{Field, Field64, PrimeField64},
	hash::poseidon::PoseidonHash,
	plonk::config::Hasher,
};

/// Builds and proves `workload` on `input`; checks the output and the public
/// inputs against the native reference. Returns the output.
fn proves_like_native(workload: Workload, input: Input) -> Vec<u64> {
	let proved = workload.build().unwrap().prove(&input).unwrap();
	let native = workload.native_output(&input).unwrap();
	assert_eq!(proved.output, native, "{workload}");
	assert_eq!(proved.public_inputs(), workload.expected_public_inputs(&input).unwrap());
	native
}

#[test]
fn poseidon_chain_circuit_matches_native_iteration() {
	let fixture = poseidon_chain();
	let Input::PoseidonChain(PoseidonChainInput { seed }) = fixture.input else { panic!() };
	let mut x: Vec<F> = seed.iter().map(|&v| F::from_canonical_u64(v)).collect();
	for _ in 0..20 {
		x = PoseidonHash::hash_no_pad(&x).elements.to_vec();
	}
	let expected: Vec<u64> = x.iter().map(|e| e.to_canonical_u64()).collect();
	assert_eq!(fixture.proved.output, expected);
	assert_eq!(fixture.handle.workload().native_output(&fixture.input).unwrap(), expected);
}

#[test]
fn poseidon_chain_of_one_step_is_one_hash() {
	let seed = [1, 2, 3, 4];
	let output =
		proves_like_native(PoseidonChain { steps: 1 }.into(), PoseidonChainInput { seed }.into());
	let elements = seed.map(F::from_canonical_u64);
	let hash = PoseidonHash::hash_no_pad(&elements).elements.map(|e| e.to_canonical_u64());
	assert_eq!(output, hash);
}

#[test]
fn merkle_root_circuit_matches_plonky2_merkle_tree() {
	let workload: Workload = MerkleRoot { height: 3, leaf_len: 4 }.into();
	proves_like_native(workload, workload.sample_input(7));
}

#[test]
fn merkle_root_hashes_leaves_longer_than_a_digest() {
	let workload: Workload = MerkleRoot { height: 2, leaf_len: 10 }.into();
	proves_like_native(workload, workload.sample_input(8));
}

#[test]
fn merkle_root_of_digest_leaves_folds_with_two_to_one() {
	let params = MerkleRoot { height: 2, leaf_len: 4 };
	let leaves: Vec<Vec<u64>> = (0..4u64).map(|i| vec![i, i + 10, i + 20, i + 30]).collect();
	let digest = |leaf: &Vec<u64>| plonky2::hash::hash_types::HashOut {
		elements: core::array::from_fn(|j| F::from_canonical_u64(leaf[j])),
	};
	let left = PoseidonHash::two_to_one(digest(&leaves[0]), digest(&leaves[1]));
	let right = PoseidonHash::two_to_one(digest(&leaves[2]), digest(&leaves[3]));
	let root = PoseidonHash::two_to_one(left, right).elements.map(|e| e.to_canonical_u64());
	let input = MerkleRootInput { leaves }.into();
	assert_eq!(Workload::from(params).native_output(&input).unwrap(), root);
}

#[test]
fn fibonacci_circuit_matches_native() {
	let workload: Workload = Fibonacci { steps: 45 }.into();
	proves_like_native(workload, workload.sample_input(9));
}

#[test]
fn fibonacci_from_zero_and_one_gives_the_fibonacci_numbers() {
	let input: Input = FibonacciInput { f0: 0, f1: 1 }.into();
	let output = proves_like_native(Fibonacci { steps: 10 }.into(), input.clone());
	assert_eq!(output, [89]);
	// F_100 = 354224848179261915075 wraps modulo p.
	let f100 = Workload::from(Fibonacci { steps: 99 }).native_output(&input).unwrap();
	let p = u128::from(F::ORDER);
	assert_eq!(u128::from(f100[0]), 354_224_848_179_261_915_075u128 % p);
}

#[test]
fn public_inputs_are_the_input_hash_then_the_output() {
	let fixture = poseidon_chain();
	let workload = fixture.handle.workload();
	let bytes = workload.encode_input(&fixture.input).unwrap();
	let pis = fixture.proved.public_inputs();
	// The workload-agnostic computation (what the runtime can do) agrees.
	assert_eq!(public_inputs(&bytes, &fixture.proved.output).unwrap(), pis);
	let elements = workload.input_elements(&fixture.input).unwrap();
	assert_eq!(&pis[..4], crate::input_hash(&elements));
	assert_eq!(&pis[4..], fixture.proved.output);
	assert_eq!(encode_elements(&elements), bytes);
}
