//! Recursive aggregation: wrappers and merges make exactly the statement
//! `prova_primitives::aggregation` computes natively, and refuse what they
//! must. The merge circuit, the wrappers and one batch are built once.
//!
//! Ignored by default: on a 2-core machine in a debug build one 2^13
//! recursive proof takes 30 to 50 s and the module about 15 minutes. Run
//! them with `cargo test -p prova-circuits aggregation -- --ignored`.

use super::poseidon_chain;
use crate::{
	aggregation::{verifier_hash, AggregationError, Aggregator, Proved, Wrapper},
	CircuitHandle, Workload, WorkloadKind, C, D, F, MIN_DEGREE_BITS,
};
use plonky2::{
	field::types::{Field, PrimeField64},
	plonk::proof::ProofWithPublicInputs,
};
use prova_primitives::aggregation::{self as statement, Node};
use std::{
	panic::{catch_unwind, AssertUnwindSafe},
	sync::OnceLock,
	time::Instant,
};

const AGGREGATOR: [u8; 32] = [0xA1; 32];
const OTHER_AGGREGATOR: [u8; 32] = [0xB2; 32];

fn aggregator() -> &'static Aggregator {
	static AGGREGATOR: OnceLock<Aggregator> = OnceLock::new();
	AGGREGATOR.get_or_init(|| Aggregator::new().expect("a shape is found"))
}

/// An inner circuit with its wrapper.
struct Inner {
	handle: CircuitHandle,
	wrapper: Wrapper,
}

impl Inner {
	fn new(kind: WorkloadKind) -> Self {
		let handle = Workload::for_degree(kind, MIN_DEGREE_BITS).unwrap().build().unwrap();
		let wrapper = aggregator().wrapper(&handle.verifier_data()).expect("wrapper builds");
		Inner { handle, wrapper }
	}

	fn prove(&self, seed: u64) -> ProofWithPublicInputs<F, C, D> {
		let workload = self.handle.workload();
		self.handle.prove(&workload.sample_input(seed)).unwrap().proof
	}
}

fn fibonacci() -> &'static Inner {
	static INNER: OnceLock<Inner> = OnceLock::new();
	INNER.get_or_init(|| Inner::new(WorkloadKind::Fibonacci))
}

fn chain() -> &'static Inner {
	static INNER: OnceLock<Inner> = OnceLock::new();
	INNER.get_or_init(|| Inner::new(WorkloadKind::PoseidonChain))
}

fn public_inputs(proof: &ProofWithPublicInputs<F, C, D>) -> Vec<u64> {
	proof.public_inputs.iter().map(|e| e.to_canonical_u64()).collect()
}

/// One batch of three leaves (fibonacci, poseidon_chain, fibonacci) proved
/// for `AGGREGATOR`, with what the chain knows of each: the wrapper's hash,
/// the request and the public inputs.
struct Batch {
	inner: Vec<(&'static Inner, u64, ProofWithPublicInputs<F, C, D>)>,
	leaves: Vec<Proved>,
	root: Proved,
}

impl Batch {
	/// The root the chain computes for `aggregator` over this batch's
	/// requests.
	fn native_root(&self, account: &[u8; 32]) -> [u64; 4] {
		let nodes = self
			.inner
			.iter()
			.map(|(inner, request, proof)| Node {
				verifier: inner.wrapper.verifier_hash(),
				digest: statement::leaf(account, *request, &public_inputs(proof)),
			})
			.collect();
		statement::root(nodes, &aggregator().merge_verifier_hash()).unwrap()
	}
}

fn batch() -> &'static Batch {
	static BATCH: OnceLock<Batch> = OnceLock::new();
	BATCH.get_or_init(|| {
		let inner = vec![
			(fibonacci(), 10, fibonacci().prove(1)),
			(chain(), 11, chain().prove(2)),
			(fibonacci(), 12, fibonacci().prove(3)),
		];
		// Times are printed for information only (debug build, shared cores).
		let start = Instant::now();
		let leaves: Vec<Proved> = inner
			.iter()
			.map(|(inner, request, proof)| {
				aggregator().wrap(&inner.wrapper, &AGGREGATOR, *request, proof).unwrap()
			})
			.collect();
		let wrapped = start.elapsed();
		let root = aggregator().aggregate(leaves.clone()).unwrap();
		eprintln!("3 wraps: {wrapped:?}; 2 merges: {:?}", start.elapsed() - wrapped);
		Batch { inner, leaves, root }
	})
}

fn root_digest(proved: &Proved) -> [u64; 4] {
	public_inputs(&proved.proof).try_into().unwrap()
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn three_wrapped_proofs_aggregate_to_the_native_root() {
	let batch = batch();
	let aggregator = aggregator();
	aggregator.merge_verifier_data().verify(batch.root.proof.clone()).expect("root verifies");
	assert_eq!(root_digest(&batch.root), batch.native_root(&AGGREGATOR));
	assert_eq!(batch.root.node.verifier, aggregator.merge_verifier_hash());
	assert_eq!(batch.root.node.digest, batch.native_root(&AGGREGATOR));
	// Each leaf carries the native leaf and names its wrapper.
	for ((inner, request, proof), leaf) in batch.inner.iter().zip(&batch.leaves) {
		let expected = statement::leaf(&AGGREGATOR, *request, &public_inputs(proof));
		assert_eq!(root_digest(leaf), expected);
		assert_eq!(leaf.node, Node { verifier: inner.wrapper.verifier_hash(), digest: expected });
		assert_eq!(verifier_hash(&leaf.verifier), inner.wrapper.verifier_hash());
	}
	// Two different inner circuits have different wrappers.
	assert_ne!(fibonacci().wrapper.verifier_hash(), chain().wrapper.verifier_hash());
	assert_eq!(
		verifier_hash(&aggregator.merge_verifier_data().verifier_only),
		aggregator.merge_verifier_hash()
	);
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn aggregate_needs_two_leaves() {
	let leaf = batch().leaves[0].clone();
	assert!(matches!(aggregator().aggregate(vec![leaf]), Err(AggregationError::TooFewLeaves(1))));
	assert!(matches!(aggregator().aggregate(vec![]), Err(AggregationError::TooFewLeaves(0))));
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn wrap_refuses_an_inner_proof_that_does_not_verify() {
	let inner = fibonacci();
	let (_, _, proof) = &batch().inner[0];
	// One public input changed.
	let mut changed = proof.clone();
	changed.public_inputs[4] += F::ONE;
	let result = aggregator().wrap(&inner.wrapper, &AGGREGATOR, 10, &changed);
	assert!(matches!(result, Err(AggregationError::InnerProofRejected(_))), "{result:?}");
	// One opening changed.
	let mut changed = proof.clone();
	changed.proof.openings.wires[3].0[0] += F::ONE;
	let result = aggregator().wrap(&inner.wrapper, &AGGREGATOR, 10, &changed);
	assert!(matches!(result, Err(AggregationError::InnerProofRejected(_))), "{result:?}");
	// A valid proof of another circuit.
	let (_, _, other) = &batch().inner[1];
	let result = aggregator().wrap(&inner.wrapper, &AGGREGATOR, 10, other);
	assert!(matches!(result, Err(AggregationError::InnerProofRejected(_))), "{result:?}");
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn an_aggregate_for_one_aggregator_is_worthless_to_another() {
	let batch = batch();
	let other = batch.native_root(&OTHER_AGGREGATOR);
	assert_ne!(root_digest(&batch.root), other);
	for ((_, request, proof), leaf) in batch.inner.iter().zip(&batch.leaves) {
		let native = statement::leaf(&OTHER_AGGREGATOR, *request, &public_inputs(proof));
		assert_ne!(root_digest(leaf), native);
	}
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn a_leaf_for_another_request_or_output_changes_the_root() {
	let batch = batch();
	let aggregator = aggregator();
	let expected = batch.native_root(&AGGREGATOR);
	// The second proof wrapped for request 99 instead of 11.
	let (inner, _, proof) = &batch.inner[1];
	let other_request = aggregator.wrap(&inner.wrapper, &AGGREGATOR, 99, proof).unwrap();
	let leaves = vec![batch.leaves[0].clone(), other_request, batch.leaves[2].clone()];
	let root = aggregator.aggregate(leaves).unwrap();
	aggregator.merge_verifier_data().verify(root.proof.clone()).unwrap();
	assert_ne!(root_digest(&root), expected);
	// The second proof replaced by a valid proof of another input: its leaf
	// differs, so the root over the proved nodes does (merges hash as the
	// native tree does, checked above and in every merge).
	let other_proof = inner.prove(7);
	assert_ne!(public_inputs(&other_proof), public_inputs(proof));
	let other_output = aggregator.wrap(&inner.wrapper, &AGGREGATOR, 11, &other_proof).unwrap();
	assert_ne!(other_output.node, batch.leaves[1].node);
	let nodes = vec![batch.leaves[0].node, other_output.node, batch.leaves[2].node];
	assert_ne!(statement::root(nodes, &aggregator.merge_verifier_hash()).unwrap(), expected);
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn a_merge_over_a_child_with_the_wrong_verifier_data_does_not_prove() {
	let batch = batch();
	let aggregator = aggregator();
	let [left, right] = [&batch.leaves[0], &batch.leaves[1]];
	assert_ne!(left.verifier, right.verifier);
	// The native check refuses it first.
	let mut swapped = left.clone();
	swapped.verifier = right.verifier.clone();
	let result = aggregator.merge(&swapped, right);
	assert!(matches!(result, Err(AggregationError::ChildRejected(_))), "{result:?}");
	// And so does the circuit without it.
	let result = catch_unwind(AssertUnwindSafe(|| {
		aggregator
			.merge_unchecked([(&left.proof, &right.verifier), (&right.proof, &right.verifier)])
	}));
	assert!(!matches!(result, Ok(Ok(_))), "a merge over a misnamed child proved");
	// The same call with the right verifier data proves.
	let proved = aggregator
		.merge_unchecked([(&left.proof, &left.verifier), (&right.proof, &right.verifier)])
		.unwrap();
	assert_eq!(
		proved.node.digest,
		statement::node(&left.node, &right.node),
		"the in-circuit merge hashes what the native one does"
	);
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn wrappers_of_different_circuits_have_the_common_shape() {
	let aggregator = aggregator();
	let shape = aggregator.shape();
	assert_eq!(shape.num_public_inputs, 4);
	assert_eq!(aggregator.merge_verifier_data().common, *shape);
	// poseidon_chain at 2^12, fibonacci at 2^12 (no Poseidon gate) and a tiny
	// poseidon_chain (degree below 2^12).
	let tiny = poseidon_chain().handle.verifier_data();
	let tiny_wrapper = aggregator.wrapper(&tiny).unwrap();
	let inners = [
		(&fibonacci().handle.verifier_data(), &fibonacci().wrapper),
		(&chain().handle.verifier_data(), &chain().wrapper),
		(&tiny, &tiny_wrapper),
	];
	let gate_ids = |common: &plonky2::plonk::circuit_data::CommonCircuitData<F, D>| {
		common.gates.iter().map(|gate| gate.0.id()).collect::<Vec<_>>()
	};
	assert_ne!(gate_ids(&inners[0].0.common), gate_ids(&inners[1].0.common));
	assert!(inners[2].0.common.degree_bits() < inners[1].0.common.degree_bits());
	for (inner, wrapper) in inners {
		assert_eq!(wrapper.verifier_data().common, *shape, "{:?}", gate_ids(&inner.common));
		assert_eq!(wrapper.inner().verifier_only, inner.verifier_only);
	}
	// The tiny circuit's wrapper proves a leaf too.
	let proof = poseidon_chain().proved.proof.clone();
	let leaf = aggregator.wrap(&tiny_wrapper, &AGGREGATOR, 1, &proof).unwrap();
	assert_eq!(root_digest(&leaf), statement::leaf(&AGGREGATOR, 1, &public_inputs(&proof)));
	eprintln!(
		"shape: degree 2^{}, {} gates {:?}, {} public inputs; wrapper stages {:?}",
		shape.degree_bits(),
		shape.gates.len(),
		gate_ids(shape),
		shape.num_public_inputs,
		[fibonacci().wrapper.stages(), chain().wrapper.stages(), tiny_wrapper.stages()],
	);
}

#[test]
#[ignore = "recursive proofs: about a minute each in a debug build on 2 cores; run with --ignored"]
fn wrappers_of_the_largest_inner_circuits_reach_the_common_shape() {
	// Building and proving a 2^20 circuit takes minutes, but a wrapper is
	// built from verifier data alone: take a real circuit's and give it the
	// FRI parameters of a larger degree. Nothing is proved here; the wrapper
	// must reach the shape, in two stages if one cannot.
	let aggregator = aggregator();
	for (inner, degree_bits) in [(fibonacci(), 16), (chain(), crate::MAX_DEGREE_BITS)] {
		let mut verifier_data = inner.handle.verifier_data();
		let config = verifier_data.common.config.fri_config.clone();
		verifier_data.common.fri_params = config.fri_params(degree_bits, false);
		assert_eq!(verifier_data.common.degree_bits(), degree_bits);
		let wrapper = aggregator.wrapper(&verifier_data).unwrap();
		assert_eq!(wrapper.verifier_data().common, *aggregator.shape());
		eprintln!("inner degree 2^{degree_bits}: {} wrapper stage(s)", wrapper.stages());
	}
}
