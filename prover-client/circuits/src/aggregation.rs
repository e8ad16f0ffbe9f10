//! Recursive aggregation: many settled proofs, one proof on chain.
//!
//! In the aggregated tier an aggregator collects proofs of many requests,
//! possibly of many different circuits, and submits *one* Plonky2 proof that
//! it verified them all. The chain never sees the inner proofs: it recomputes
//! from its own storage the digest the aggregate must carry
//! ([`prova_primitives::aggregation::root`]) and verifies one proof against
//! one registered circuit, the merge circuit. This module holds the circuits
//! that make exactly that statement; `prova_primitives::aggregation` explains
//! the statement itself and computes it natively.
//!
//! ## Two kinds of circuit, one shape
//!
//! - A [`Wrapper`] is built for one inner circuit (any registered market
//!   circuit) with that circuit's verifier data as *constants*, so the
//!   wrapper's own verifier hash identifies which circuit it accepts. Its
//!   proof verifies one inner proof and carries the leaf
//!   `H(aggregator ‖ request ‖ H(inner public inputs))`; the aggregator's
//!   account and the request id are witness, range-checked to 32-bit limbs so
//!   that each value has a single encoding. When one recursion step cannot
//!   reach the common shape (an inner circuit too large), a second stage
//!   verifies the first and passes the leaf through; the wrapper is then
//!   identified by that last stage.
//! - The merge circuit ([`Aggregator`]) verifies two children with their
//!   verifier data as *witness*, and carries
//!   `H(vd_l ‖ acc_l ‖ vd_r ‖ acc_r)` where `vd` is each child's verifier hash
//!   computed in the circuit from that witness. One merge circuit serves every
//!   level of the tree, so the chain registers one circuit whatever the batch.
//!
//! A merge proof can only verify children whose `CommonCircuitData` it was
//! built for, so every wrapper's last stage and the merge circuit share one
//! *shape* `S`: same degree, same gate set, four public inputs. `S` is found
//! as plonky2's cyclic-recursion examples do: build a merge circuit over
//! children of the previous shape, pad it with `NoopGate`s to a fixed degree,
//! and repeat until the common data no longer changes; gates are accumulated
//! across rounds (and a wrapper's are added to the merge circuit's) with
//! `add_gate_to_gate_set`, so gate sets line up. [`SHAPE_DEGREE_BITS`] lists
//! the degrees tried; the smallest that reaches a fixed point is used.
//!
//! Every prover step here checks its own output (natively verified and
//! compared with the statement computed by `prova_primitives`), and
//! [`Aggregator::wrap`] refuses an inner proof that does not verify: an
//! aggregator never includes an unverified proof.

pub mod fixture;

use crate::{config, CircuitError, Workload, WorkloadKind, C, D, F, MIN_DEGREE_BITS};
use plonky2::{
	field::types::{Field, PrimeField64},
	gates::noop::NoopGate,
	hash::{hash_types::HashOutTarget, poseidon::PoseidonHash},
	iop::{
		target::Target,
		witness::{PartialWitness, WitnessWrite},
	},
	plonk::{
		circuit_builder::CircuitBuilder,
		circuit_data::{
			CircuitData, CommonCircuitData, VerifierCircuitData, VerifierCircuitTarget,
			VerifierOnlyCircuitData,
		},
		proof::{ProofWithPublicInputs, ProofWithPublicInputsTarget},
	},
};
use prova_primitives::aggregation::{
	self as statement, Digest, Node, ACCOUNT_LIMBS, REQUEST_LIMBS,
};
use std::time::{Duration, Instant};

/// Degrees (log2 of rows) tried for the common shape, smallest first.
pub const SHAPE_DEGREE_BITS: [usize; 3] = [13, 14, 15];

/// Public inputs of every wrapper and merge proof: one digest.
pub const SHAPE_PUBLIC_INPUTS: usize = 4;

/// Rounds of the fixed-point search before giving up on a degree.
const MAX_ROUNDS: usize = 6;

/// Why building or proving an aggregation circuit failed.
#[derive(Debug, thiserror::Error)]
pub enum AggregationError {
	/// No degree of [`SHAPE_DEGREE_BITS`] gives a merge circuit whose common
	/// data is a fixed point (a bug, or a plonky2 change).
	#[error("no common shape found for the merge circuit at degrees {SHAPE_DEGREE_BITS:?}")]
	NoShape,
	/// The wrapper of an inner circuit cannot be given the common shape.
	#[error("the wrapper of this inner circuit (degree 2^{inner_degree_bits}) cannot reach the common shape: {reason}")]
	WrapperShape {
		/// Degree bits of the inner circuit.
		inner_degree_bits: usize,
		/// What differs.
		reason: String,
	},
	/// The inner proof does not verify against the wrapper's inner circuit.
	#[error("inner proof rejected")]
	InnerProofRejected(#[source] anyhow::Error),
	/// A child given to a merge does not verify against its own verifier data
	/// and the common shape.
	#[error("child proof rejected")]
	ChildRejected(#[source] anyhow::Error),
	/// A batch needs at least two leaves (the root is a merge proof's).
	#[error("a batch needs at least 2 leaves, got {0}")]
	TooFewLeaves(usize),
	/// The witness could not be set.
	#[error("witness generation failed")]
	Witness(#[source] anyhow::Error),
	/// The plonky2 prover failed (for example a witness that breaks a
	/// constraint).
	#[error("proving failed")]
	Proving(#[source] anyhow::Error),
	/// A proof this module made does not verify, or carries other public
	/// inputs than the native statement (a bug).
	#[error("own proof is wrong: {0}")]
	OwnProof(String),
	/// A workload circuit failed (timing helpers only).
	#[error(transparent)]
	Circuit(#[from] CircuitError),
}

/// A proof of the aggregation tree (a wrapped leaf or a merge), with what
/// the next merge needs to verify it.
#[derive(Clone, Debug)]
pub struct Proved {
	/// The proof; its public inputs are `node.digest`.
	pub proof: ProofWithPublicInputs<F, C, D>,
	/// The tree node it stands for: the verifier hash of the circuit that
	/// made it, and its digest.
	pub node: Node,
	/// Verifier data of the circuit that made it (given to the merge circuit
	/// as witness).
	pub verifier: VerifierOnlyCircuitData<C, D>,
}

/// The verifier hash of a circuit (`prova_primitives::aggregation::verifier_hash`
/// of its constants-sigmas cap and circuit digest).
pub fn verifier_hash(verifier: &VerifierOnlyCircuitData<C, D>) -> Digest {
	let cap: Vec<Digest> = verifier
		.constants_sigmas_cap
		.0
		.iter()
		.map(|hash| hash.elements.map(|e| e.to_canonical_u64()))
		.collect();
	let digest = verifier.circuit_digest.elements.map(|e| e.to_canonical_u64());
	statement::verifier_hash(&cap, &digest)
}

/// The same hash in a circuit, over verifier data targets.
fn verifier_hash_target(
	builder: &mut CircuitBuilder<F, D>,
	verifier: &VerifierCircuitTarget,
) -> HashOutTarget {
	let elements: Vec<Target> = verifier
		.constants_sigmas_cap
		.0
		.iter()
		.chain([&verifier.circuit_digest])
		.flat_map(|hash| hash.elements)
		.collect();
	builder.hash_n_to_hash_no_pad::<PoseidonHash>(elements)
}

fn to_digest(elements: &[F]) -> Result<Digest, AggregationError> {
	let elements: [F; 4] = elements
		.try_into()
		.map_err(|_| AggregationError::OwnProof(format!("{} public inputs", elements.len())))?;
	Ok(elements.map(|e| e.to_canonical_u64()))
}

/// Adds `gates` to the builder's gate set, pads it with `NoopGate`s so that
/// the built circuit has `2^degree_bits` rows (if it fits), and builds it.
fn pad_and_build(
	mut builder: CircuitBuilder<F, D>,
	degree_bits: usize,
	gates: &[plonky2::gates::gate::GateRef<F, D>],
) -> CircuitData<F, C, D> {
	for gate in gates {
		builder.add_gate_to_gate_set(gate.clone());
	}
	// `build` adds the public-input and constant gates, then pads to a power
	// of two: more than half the rows now gives exactly `2^degree_bits` if
	// the circuit fits.
	while builder.num_gates() <= 1 << (degree_bits - 1) {
		builder.add_gate(NoopGate, vec![]);
	}
	builder.build::<C>()
}

/// One stage of a wrapper.
struct Stage {
	data: CircuitData<F, C, D>,
	proof: ProofWithPublicInputsTarget<D>,
	/// First stage only: the aggregator's and request's limbs.
	limbs: Option<([Target; ACCOUNT_LIMBS], [Target; REQUEST_LIMBS])>,
}

/// The wrapper of one inner circuit: one or two recursion stages whose last
/// has the common shape and proves a leaf.
pub struct Wrapper {
	inner: VerifierCircuitData<F, C, D>,
	stages: Vec<Stage>,
	verifier_hash: Digest,
}

impl Wrapper {
	/// The wrapper's identity: the verifier hash of its last stage, which the
	/// chain registers next to the inner circuit.
	pub fn verifier_hash(&self) -> Digest {
		self.verifier_hash
	}

	/// Verifier data of the last stage (the circuit whose proofs are leaves).
	pub fn verifier_data(&self) -> VerifierCircuitData<F, C, D> {
		self.last().data.verifier_data()
	}

	/// Recursion stages (1, or 2 when one cannot reach the common shape).
	pub fn stages(&self) -> usize {
		self.stages.len()
	}

	/// The inner circuit this wrapper accepts.
	pub fn inner(&self) -> &VerifierCircuitData<F, C, D> {
		&self.inner
	}

	fn last(&self) -> &Stage {
		self.stages.last().expect("a wrapper has a stage")
	}

	/// First stage's builder: verifies an inner proof of a constant circuit,
	/// carries the leaf.
	fn first_stage(
		inner: &VerifierCircuitData<F, C, D>,
	) -> (CircuitBuilder<F, D>, ProofWithPublicInputsTarget<D>, [Target; 8], [Target; 2]) {
		let mut builder = CircuitBuilder::<F, D>::new(config());
		let proof = builder.add_virtual_proof_with_pis(&inner.common);
		let verifier = builder.constant_verifier_data::<C>(&inner.verifier_only);
		builder.verify_proof::<C>(&proof, &verifier, &inner.common);
		let aggregator: [Target; ACCOUNT_LIMBS] = builder.add_virtual_target_arr();
		let request: [Target; REQUEST_LIMBS] = builder.add_virtual_target_arr();
		for &limb in aggregator.iter().chain(&request) {
			builder.range_check(limb, 32);
		}
		let public_inputs =
			builder.hash_n_to_hash_no_pad::<PoseidonHash>(proof.public_inputs.clone());
		let elements = [&aggregator[..], &request[..], &public_inputs.elements[..]].concat();
		let leaf = builder.hash_n_to_hash_no_pad::<PoseidonHash>(elements);
		builder.register_public_inputs(&leaf.elements);
		(builder, proof, aggregator, request)
	}

	/// Second stage's builder: verifies a first-stage proof of a constant
	/// circuit, passes its leaf through.
	fn second_stage(
		first: &CircuitData<F, C, D>,
	) -> (CircuitBuilder<F, D>, ProofWithPublicInputsTarget<D>) {
		let mut builder = CircuitBuilder::<F, D>::new(config());
		let proof = builder.add_virtual_proof_with_pis(&first.common);
		let verifier = builder.constant_verifier_data::<C>(&first.verifier_only);
		builder.verify_proof::<C>(&proof, &verifier, &first.common);
		builder.register_public_inputs(&proof.public_inputs);
		(builder, proof)
	}
}

struct MergeTargets {
	children: [(ProofWithPublicInputsTarget<D>, VerifierCircuitTarget); 2],
}

/// The merge circuit builder over two children of shape `child`.
fn merge_builder(child: &CommonCircuitData<F, D>) -> (CircuitBuilder<F, D>, MergeTargets) {
	let mut builder = CircuitBuilder::<F, D>::new(config());
	let children = [0, 1].map(|_| {
		let proof = builder.add_virtual_proof_with_pis(child);
		let verifier = builder.add_virtual_verifier_data(child.config.fri_config.cap_height);
		builder.verify_proof::<C>(&proof, &verifier, child);
		(proof, verifier)
	});
	let mut elements = Vec::with_capacity(16);
	for (proof, verifier) in &children {
		elements.extend(verifier_hash_target(&mut builder, verifier).elements);
		elements.extend(&proof.public_inputs);
	}
	let digest = builder.hash_n_to_hash_no_pad::<PoseidonHash>(elements);
	builder.register_public_inputs(&digest.elements);
	(builder, MergeTargets { children })
}

/// The merge circuit and the common shape `S` it and every wrapper have.
pub struct Aggregator {
	merge: CircuitData<F, C, D>,
	verifier_data: VerifierCircuitData<F, C, D>,
	targets: MergeTargets,
	verifier_hash: Digest,
}

impl Aggregator {
	/// Finds the common shape and builds the merge circuit (deterministic:
	/// every aggregator and the chain get the same verifier data).
	pub fn new() -> Result<Self, AggregationError> {
		// Gates a wrapper uses that a merge circuit might not: the merge
		// circuit's gate set includes them so that wrappers can match it.
		let wrapper_gates = {
			let tiny = tiny_circuit();
			let (builder, ..) = Wrapper::first_stage(&tiny.verifier_data());
			builder.build::<C>().common.gates
		};
		for degree_bits in SHAPE_DEGREE_BITS {
			if let Some((merge, targets)) = fixed_point(degree_bits, &wrapper_gates) {
				let verifier_hash = verifier_hash(&merge.verifier_only);
				let verifier_data = merge.verifier_data();
				return Ok(Aggregator { merge, verifier_data, targets, verifier_hash });
			}
		}
		Err(AggregationError::NoShape)
	}

	/// The common shape `S` of every wrapper's last stage and of the merge
	/// circuit.
	pub fn shape(&self) -> &CommonCircuitData<F, D> {
		&self.merge.common
	}

	/// The merge circuit's verifier data: what the chain registers and
	/// verifies an aggregate against.
	pub fn merge_verifier_data(&self) -> &VerifierCircuitData<F, C, D> {
		&self.verifier_data
	}

	/// The merge circuit's verifier hash (the `merge` argument of
	/// `prova_primitives::aggregation::root`).
	pub fn merge_verifier_hash(&self) -> Digest {
		self.verifier_hash
	}

	/// Builds the wrapper of `inner` (one stage if it reaches the common
	/// shape, else two); an error if even two do not.
	pub fn wrapper(
		&self,
		inner: &VerifierCircuitData<F, C, D>,
	) -> Result<Wrapper, AggregationError> {
		let shape = self.shape();
		let degree_bits = shape.degree_bits();
		let shape_error = |reason: String| AggregationError::WrapperShape {
			inner_degree_bits: inner.common.degree_bits(),
			reason,
		};
		let (builder, proof, aggregator, request) = Wrapper::first_stage(inner);
		let limbs = Some((aggregator, request));
		// Leave room for the gates `build` adds (public inputs, constants).
		let stages = if builder.num_gates() + 64 < 1 << degree_bits {
			let data = pad_and_build(builder, degree_bits, &shape.gates);
			if data.common == *shape {
				vec![Stage { data, proof, limbs }]
			} else {
				// Rebuild the first stage at its own size below.
				let (builder, proof, aggregator, request) = Wrapper::first_stage(inner);
				two_stages(builder, proof, Some((aggregator, request)), shape)
			}
		} else {
			two_stages(builder, proof, limbs, shape)
		};
		let last = &stages.last().expect("one stage at least").data.common;
		if last != shape {
			return Err(shape_error(describe_difference(last, shape)));
		}
		let verifier_hash = verifier_hash(&stages.last().expect("checked").data.verifier_only);
		Ok(Wrapper { inner: inner.clone(), stages, verifier_hash })
	}

	/// Proves the leaf of `inner` (a proof of the wrapper's inner circuit)
	/// for `aggregator` and `request`. The inner proof is verified first and
	/// refused if it does not verify.
	pub fn wrap(
		&self,
		wrapper: &Wrapper,
		aggregator: &[u8; 32],
		request: u64,
		inner: &ProofWithPublicInputs<F, C, D>,
	) -> Result<Proved, AggregationError> {
		wrapper.inner.verify(inner.clone()).map_err(AggregationError::InnerProofRejected)?;
		let mut proof = inner.clone();
		for stage in &wrapper.stages {
			let mut witness = PartialWitness::new();
			witness
				.set_proof_with_pis_target(&stage.proof, &proof)
				.map_err(AggregationError::Witness)?;
			if let Some((aggregator_targets, request_targets)) = &stage.limbs {
				let limbs = statement::account_limbs(aggregator)
					.into_iter()
					.zip(aggregator_targets)
					.chain(statement::request_limbs(request).into_iter().zip(request_targets));
				for (limb, &target) in limbs {
					witness
						.set_target(target, F::from_canonical_u64(limb))
						.map_err(AggregationError::Witness)?;
				}
			}
			proof = stage.data.prove(witness).map_err(AggregationError::Proving)?;
		}
		let last = &wrapper.last().data;
		let public_inputs: Vec<u64> =
			inner.public_inputs.iter().map(|e| e.to_canonical_u64()).collect();
		let expected = statement::leaf(aggregator, request, &public_inputs);
		let proved = Proved {
			node: Node {
				verifier: wrapper.verifier_hash,
				digest: to_digest(&proof.public_inputs)?,
			},
			proof,
			verifier: last.verifier_only.clone(),
		};
		check_own(last, &proved, expected)?;
		Ok(proved)
	}

	/// Proves the merge of two children (leaves or merges, each with its own
	/// verifier data). Each child is verified natively first.
	pub fn merge(&self, left: &Proved, right: &Proved) -> Result<Proved, AggregationError> {
		let mut witness = PartialWitness::new();
		let mut nodes = Vec::with_capacity(2);
		for (child, (proof_target, verifier_target)) in
			[left, right].iter().zip(&self.targets.children)
		{
			// A child proof of a wrong circuit is caught by the circuit
			// (proving fails); this check only gives a clearer error first.
			let data = VerifierCircuitData {
				verifier_only: child.verifier.clone(),
				common: self.shape().clone(),
			};
			data.verify(child.proof.clone()).map_err(AggregationError::ChildRejected)?;
			witness
				.set_proof_with_pis_target(proof_target, &child.proof)
				.map_err(AggregationError::Witness)?;
			witness
				.set_verifier_data_target(verifier_target, &child.verifier)
				.map_err(AggregationError::Witness)?;
			nodes.push(Node {
				verifier: verifier_hash(&child.verifier),
				digest: to_digest(&child.proof.public_inputs)?,
			});
		}
		self.merge_witness(witness, statement::node(&nodes[0], &nodes[1]))
	}

	/// Proves a merge from a prepared witness without checking the children
	/// natively: how tests make the circuit itself refuse a bad child.
	fn merge_witness(
		&self,
		witness: PartialWitness<F>,
		expected: Digest,
	) -> Result<Proved, AggregationError> {
		let proof = self.merge.prove(witness).map_err(AggregationError::Proving)?;
		let proved = Proved {
			node: Node { verifier: self.verifier_hash, digest: to_digest(&proof.public_inputs)? },
			proof,
			verifier: self.merge.verifier_only.clone(),
		};
		check_own(&self.merge, &proved, expected)?;
		Ok(proved)
	}

	/// Proves the merge of `left` and `right` with the witness's verifier data
	/// for them replaced by `verifiers`, skipping the native checks of the
	/// children: only for tests of the circuit's own soundness.
	#[cfg(test)]
	pub(crate) fn merge_unchecked(
		&self,
		children: [(&ProofWithPublicInputs<F, C, D>, &VerifierOnlyCircuitData<C, D>); 2],
	) -> Result<Proved, AggregationError> {
		let mut witness = PartialWitness::new();
		let mut nodes = Vec::new();
		for ((proof, verifier), (proof_target, verifier_target)) in
			children.iter().zip(&self.targets.children)
		{
			witness
				.set_proof_with_pis_target(proof_target, proof)
				.map_err(AggregationError::Witness)?;
			witness
				.set_verifier_data_target(verifier_target, verifier)
				.map_err(AggregationError::Witness)?;
			nodes.push(Node {
				verifier: verifier_hash(verifier),
				digest: to_digest(&proof.public_inputs)?,
			});
		}
		self.merge_witness(witness, statement::node(&nodes[0], &nodes[1]))
	}

	/// Proves the whole tree over `leaves`, in order (pairs left to right,
	/// level by level, an odd last node carried up: the shape of
	/// `prova_primitives::aggregation::root`); at least two leaves.
	pub fn aggregate(&self, leaves: Vec<Proved>) -> Result<Proved, AggregationError> {
		if leaves.len() < 2 {
			return Err(AggregationError::TooFewLeaves(leaves.len()));
		}
		let mut level = leaves;
		while level.len() > 1 {
			let (pairs, carried) = statement::pairs(level.len());
			let mut next = Vec::with_capacity(pairs.len() + 1);
			for (left, right) in pairs {
				next.push(self.merge(&level[left], &level[right])?);
			}
			if carried {
				next.push(level.pop().expect("an odd level is not empty"));
			}
			level = next;
		}
		Ok(level.pop().expect("one root"))
	}
}

/// Verifies a proof this module made and compares its digest with the
/// native statement.
fn check_own(
	data: &CircuitData<F, C, D>,
	proved: &Proved,
	expected: Digest,
) -> Result<(), AggregationError> {
	data.verify(proved.proof.clone())
		.map_err(|error| AggregationError::OwnProof(format!("does not verify: {error:#}")))?;
	if proved.node.digest != expected {
		return Err(AggregationError::OwnProof(format!(
			"digest {:?}, native statement {expected:?}",
			proved.node.digest
		)));
	}
	Ok(())
}

fn two_stages(
	builder: CircuitBuilder<F, D>,
	proof: ProofWithPublicInputsTarget<D>,
	limbs: Option<([Target; ACCOUNT_LIMBS], [Target; REQUEST_LIMBS])>,
	shape: &CommonCircuitData<F, D>,
) -> Vec<Stage> {
	let first = builder.build::<C>();
	let (second, second_proof) = Wrapper::second_stage(&first);
	let second = pad_and_build(second, shape.degree_bits(), &shape.gates);
	vec![
		Stage { data: first, proof, limbs },
		Stage { data: second, proof: second_proof, limbs: None },
	]
}

fn describe_difference(got: &CommonCircuitData<F, D>, shape: &CommonCircuitData<F, D>) -> String {
	if got.degree_bits() != shape.degree_bits() {
		return format!("degree 2^{}, not 2^{}", got.degree_bits(), shape.degree_bits());
	}
	let ids = |common: &CommonCircuitData<F, D>| -> Vec<String> {
		common.gates.iter().map(|gate| gate.0.id()).collect()
	};
	let (got_ids, shape_ids) = (ids(got), ids(shape));
	if got_ids != shape_ids {
		let extra: Vec<&String> = got_ids.iter().filter(|id| !shape_ids.contains(id)).collect();
		return format!("gates not in the shape: {extra:?}");
	}
	"common circuit data differs".into()
}

/// A small circuit with four public inputs: the first round's children.
fn tiny_circuit() -> CircuitData<F, C, D> {
	let mut builder = CircuitBuilder::<F, D>::new(config());
	let inputs: [Target; SHAPE_PUBLIC_INPUTS] = builder.add_virtual_public_input_arr();
	let sum = builder.add_many(inputs);
	let product = builder.mul_many(inputs);
	builder.connect(sum, product);
	builder.build::<C>()
}

/// The merge circuit at `degree_bits`, if merging children of its own shape
/// fits there.
fn fixed_point(
	degree_bits: usize,
	wrapper_gates: &[plonky2::gates::gate::GateRef<F, D>],
) -> Option<(CircuitData<F, C, D>, MergeTargets)> {
	let mut child = tiny_circuit().common;
	let mut gates = wrapper_gates.to_vec();
	for _ in 0..MAX_ROUNDS {
		let (builder, targets) = merge_builder(&child);
		if builder.num_gates() >= 1 << degree_bits {
			return None;
		}
		for gate in &child.gates {
			if !gates.contains(gate) {
				gates.push(gate.clone());
			}
		}
		let data = pad_and_build(builder, degree_bits, &gates);
		if data.common.degree_bits() != degree_bits {
			return None;
		}
		if data.common == child {
			return Some((data, targets));
		}
		child = data.common.clone();
	}
	None
}

/// Times of one aggregation run (see [`time_aggregation`]).
#[derive(Clone, Debug)]
pub struct AggregationTimings {
	/// Finding the shape and building the merge circuit.
	pub aggregator: Duration,
	/// Building one wrapper (the first inner circuit's).
	pub wrapper: Duration,
	/// Stages of that wrapper.
	pub wrapper_stages: usize,
	/// Mean time of one `wrap` (inner proof verification included).
	pub wrap: Duration,
	/// Mean time of one `merge`.
	pub merge: Duration,
	/// Verifying the root proof.
	pub verify: Duration,
	/// Degree bits of the common shape.
	pub shape_degree_bits: usize,
	/// Leaves aggregated.
	pub leaves: usize,
}

/// Aggregates `leaves` (at least 2) proofs of `kind` at degree
/// `inner_degree_bits` (`None`: the smallest) and times each step: for a
/// benchmark command. The inner proofs are made first and not timed.
pub fn time_aggregation(
	kind: WorkloadKind,
	inner_degree_bits: Option<usize>,
	leaves: usize,
) -> Result<AggregationTimings, AggregationError> {
	if leaves < 2 {
		return Err(AggregationError::TooFewLeaves(leaves));
	}
	let workload = Workload::for_degree(kind, inner_degree_bits.unwrap_or(MIN_DEGREE_BITS))?;
	let handle = workload.build()?;
	let inner: Vec<_> = (0..leaves as u64)
		.map(|seed| handle.prove(&workload.sample_input(seed)))
		.collect::<Result<_, _>>()?;

	let start = Instant::now();
	let aggregator = Aggregator::new()?;
	let aggregator_time = start.elapsed();
	let start = Instant::now();
	let wrapper = aggregator.wrapper(&handle.verifier_data())?;
	let wrapper_time = start.elapsed();
	let start = Instant::now();
	let wrapped: Vec<Proved> = inner
		.iter()
		.enumerate()
		.map(|(i, proved)| aggregator.wrap(&wrapper, &[7; 32], i as u64, &proved.proof))
		.collect::<Result<_, _>>()?;
	let wrap = start.elapsed() / leaves as u32;
	let start = Instant::now();
	let root = aggregator.aggregate(wrapped)?;
	let merge = start.elapsed() / (leaves as u32 - 1);
	let start = Instant::now();
	aggregator
		.merge_verifier_data()
		.verify(root.proof)
		.map_err(|error| AggregationError::OwnProof(format!("{error:#}")))?;
	Ok(AggregationTimings {
		aggregator: aggregator_time,
		wrapper: wrapper_time,
		wrapper_stages: wrapper.stages(),
		wrap,
		merge,
		verify: start.elapsed(),
		shape_degree_bits: aggregator.shape().degree_bits(),
		leaves,
	})
}
