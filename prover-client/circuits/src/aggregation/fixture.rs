//! The aggregated tier's checked-in test fixture: a real aggregate proof the
//! chain's tests verify with the real plonky2 verifier.
//!
//! `prova-fixtures --aggregate` proves a workload (at [`MIN_DEGREE_BITS`])
//! on sample inputs `0, 1, ...` for requests `0, 1, ...`, wraps each proof
//! naming one aggregator and its request, merges them into one root proof,
//! checks it against the statement computed natively
//! ([`prova_primitives::aggregation::root`]) and writes [`Fixture::write`]'s
//! four files:
//!
//! - [`MERGE_VERIFIER_DATA`]: the merge circuit's `VerifierCircuitData`
//!   (`to_bytes` with the `DefaultGateSerializer`, like every other `.vd`
//!   fixture): what the chain registers and verifies an aggregate against;
//! - [`INNER_VERIFIER_DATA`]: the inner circuit's verifier data, for
//!   registering the circuit the requests name;
//! - [`PROOF`]: the root proof (`ProofWithPublicInputs::to_bytes`), whose
//!   public inputs are the root digest;
//! - [`JSON`]: what the chain knows of the batch:
//!
//! ```json
//! { "aggregator": "0x<32 bytes>", "workload": "poseidon_chain", "degree": 12,
//!   "wrapper": [u64; 4], "merge": [u64; 4], "root": [u64; 4],
//!   "leaves": [ { "request": 0, "input": "0x<input bytes>",
//!                 "public_inputs": [u64, ...], "proof_blake2": "0x<32 bytes>" }, ... ] }
//! ```
//!
//! `wrapper` and `merge` are verifier hashes ([`super::verifier_hash`]);
//! `proof_blake2` is `blake2_256` of each inner proof's bytes (the inner
//! proofs themselves are not written: the aggregate replaces them).

use super::{verifier_hash, Aggregator, Proved};
use crate::{verify, Workload, WorkloadKind, C, D, F, MIN_DEGREE_BITS};
use anyhow::{bail, ensure, Context};
use plonky2::{
	plonk::{circuit_data::VerifierCircuitData, proof::ProofWithPublicInputs},
	util::serialization::DefaultGateSerializer,
};
use prova_primitives::aggregation::{self as statement, Digest, Node};
use serde_json::{json, Value};
use sp_core::{Blake2Hasher, Hasher};
use std::{
	fs,
	path::Path,
	time::{Duration, Instant},
};

/// The merge circuit's verifier data.
pub const MERGE_VERIFIER_DATA: &str = "aggregate-merge.vd";
/// The inner circuit's verifier data.
pub const INNER_VERIFIER_DATA: &str = "aggregate-inner.vd";
/// The root proof.
pub const PROOF: &str = "aggregate.proof";
/// What the chain knows of the batch.
pub const JSON: &str = "aggregate.json";

/// One wrapped proof: what the chain stores of its request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
	/// The request id the leaf names.
	pub request: u64,
	/// The request's input bytes.
	pub input: Vec<u8>,
	/// The inner proof's public inputs (`Poseidon(input) ++ output`).
	pub public_inputs: Vec<u64>,
	/// `blake2_256` of the inner proof's bytes.
	pub proof_blake2: [u8; 32],
}

/// An aggregate proof of one batch and what the chain needs to check it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixture {
	/// The aggregator's account, 32 bytes, as every leaf names it.
	pub aggregator: [u8; 32],
	/// The inner circuit's workload.
	pub workload: Workload,
	/// The inner circuit's wrapper's verifier hash.
	pub wrapper: Digest,
	/// The merge circuit's verifier hash.
	pub merge: Digest,
	/// The root digest: the root proof's public inputs.
	pub root: Digest,
	/// The leaves, in the order the tree pairs them.
	pub leaves: Vec<Leaf>,
	/// Serialized merge circuit verifier data.
	pub merge_verifier_data: Vec<u8>,
	/// Serialized inner circuit verifier data.
	pub inner_verifier_data: Vec<u8>,
	/// Serialized root proof.
	pub proof: Vec<u8>,
}

/// How long each step of [`make`] took.
#[derive(Clone, Debug)]
pub struct Timings {
	/// Building the inner circuit and proving every leaf's inner proof.
	pub inner: Duration,
	/// [`Aggregator::new`]: finding the shape, building the merge circuit.
	pub aggregator: Duration,
	/// Building the wrapper of the inner circuit.
	pub wrapper: Duration,
	/// Stages of that wrapper.
	pub wrapper_stages: usize,
	/// Mean time of one wrap.
	pub wrap: Duration,
	/// Mean time of one merge.
	pub merge: Duration,
	/// Deserializing the merge verifier data and the root proof and
	/// verifying it (as `prova-fixtures` times the other fixtures).
	pub verify: Duration,
	/// Degree bits of the common shape (of the merge circuit).
	pub shape_degree_bits: usize,
}

/// Proves `leaves` (at least 2) sample inputs of `kind` at
/// [`MIN_DEGREE_BITS`] (seed and request `i` for leaf `i`), aggregates them
/// for `aggregator` and checks the result ([`Fixture::check`]).
pub fn make(
	kind: WorkloadKind,
	aggregator: &[u8; 32],
	leaves: usize,
) -> anyhow::Result<(Fixture, Timings)> {
	ensure!(leaves >= 2, "a batch needs at least 2 leaves, got {leaves}");
	let workload = Workload::for_degree(kind, MIN_DEGREE_BITS)?;

	let started = Instant::now();
	let handle = workload.build()?;
	ensure!(
		handle.degree_bits() == MIN_DEGREE_BITS,
		"{workload} built degree {}, not {MIN_DEGREE_BITS}",
		handle.degree_bits()
	);
	let mut inner = Vec::with_capacity(leaves);
	let mut fixture_leaves = Vec::with_capacity(leaves);
	for i in 0..leaves as u64 {
		let input = workload.sample_input(i);
		let proved = handle.prove(&input)?;
		let public_inputs = proved.public_inputs();
		ensure!(
			public_inputs == workload.expected_public_inputs(&input)?,
			"{workload}: public inputs of seed {i} differ from the native ones"
		);
		fixture_leaves.push(Leaf {
			request: i,
			input: workload.encode_input(&input)?,
			public_inputs,
			proof_blake2: blake2_256(&proved.proof_bytes()),
		});
		inner.push(proved.proof);
	}
	let inner_time = started.elapsed();

	let started = Instant::now();
	let aggregation = Aggregator::new()?;
	let aggregator_time = started.elapsed();
	let started = Instant::now();
	let wrapper = aggregation.wrapper(&handle.verifier_data())?;
	let wrapper_time = started.elapsed();

	let started = Instant::now();
	let wrapped: Vec<Proved> = inner
		.iter()
		.zip(&fixture_leaves)
		.map(|(proof, leaf)| aggregation.wrap(&wrapper, aggregator, leaf.request, proof))
		.collect::<Result<_, _>>()?;
	let wrap = started.elapsed() / leaves as u32;
	for (proved, leaf) in wrapped.iter().zip(&fixture_leaves) {
		let expected = Node {
			verifier: wrapper.verifier_hash(),
			digest: statement::leaf(aggregator, leaf.request, &leaf.public_inputs),
		};
		ensure!(
			proved.node == expected,
			"leaf of request {} differs from the native one",
			leaf.request
		);
	}

	let started = Instant::now();
	let root = aggregation.aggregate(wrapped)?;
	let merge = started.elapsed() / (leaves as u32 - 1);

	let fixture = Fixture {
		aggregator: *aggregator,
		workload,
		wrapper: wrapper.verifier_hash(),
		merge: aggregation.merge_verifier_hash(),
		root: root.node.digest,
		leaves: fixture_leaves,
		merge_verifier_data: aggregation
			.merge_verifier_data()
			.to_bytes(&DefaultGateSerializer)
			.map_err(|error| anyhow::anyhow!("serializing the merge verifier data: {error:?}"))?,
		inner_verifier_data: handle.verifier_data_bytes()?,
		proof: root.proof.to_bytes(),
	};
	ensure!(
		verifier_hash(&root.verifier) == fixture.merge,
		"the root proof is not the merge circuit's"
	);
	// Timed as the existing fixtures are: deserializing both and verifying.
	let started = Instant::now();
	let public_inputs = verify(&fixture.merge_verifier_data, &fixture.proof)?;
	let verify = started.elapsed();
	ensure!(public_inputs == fixture.root, "root proof's public inputs are not the root");
	fixture.check()?;
	Ok((
		fixture,
		Timings {
			inner: inner_time,
			aggregator: aggregator_time,
			wrapper: wrapper_time,
			wrapper_stages: wrapper.stages(),
			wrap,
			merge,
			verify,
			shape_degree_bits: aggregation.shape().degree_bits(),
		},
	))
}

impl Fixture {
	/// The root the chain computes: `prova_primitives::aggregation::root`
	/// over the leaves, each named by the wrapper, for the merge circuit.
	pub fn native_root(&self) -> Option<Digest> {
		let nodes = self
			.leaves
			.iter()
			.map(|leaf| Node {
				verifier: self.wrapper,
				digest: statement::leaf(&self.aggregator, leaf.request, &leaf.public_inputs),
			})
			.collect();
		statement::root(nodes, &self.merge)
	}

	/// Checks everything the files allow without proving: the merge
	/// verifier data decodes and has hash `merge`; the root proof decodes,
	/// verifies against it and carries `root`, which is the native root over
	/// the leaves; the inner verifier data decodes and has the workload's
	/// degree; each leaf's input decodes and its public inputs are the
	/// workload's on it. (The wrapper's hash and `proof_blake2` need the
	/// circuits built or the inner proofs, which the files do not hold.)
	pub fn check(&self) -> anyhow::Result<()> {
		let merge = VerifierCircuitData::<F, C, D>::from_bytes(
			self.merge_verifier_data.clone(),
			&DefaultGateSerializer,
		)
		.map_err(|error| anyhow::anyhow!("decoding {MERGE_VERIFIER_DATA}: {error:?}"))?;
		ensure!(verifier_hash(&merge.verifier_only) == self.merge, "merge verifier hash differs");
		let proof = ProofWithPublicInputs::<F, C, D>::from_bytes(self.proof.clone(), &merge.common)
			.map_err(|error| anyhow::anyhow!("decoding {PROOF}: {error:?}"))?;
		ensure!(proof.to_bytes() == self.proof, "{PROOF} does not re-encode to itself");
		let public_inputs = verify(&self.merge_verifier_data, &self.proof)
			.with_context(|| format!("{PROOF} against {MERGE_VERIFIER_DATA}"))?;
		ensure!(public_inputs == self.root, "root proof's public inputs are not the root");
		ensure!(self.native_root() == Some(self.root), "root differs from the native root");

		let inner = VerifierCircuitData::<F, C, D>::from_bytes(
			self.inner_verifier_data.clone(),
			&DefaultGateSerializer,
		)
		.map_err(|error| anyhow::anyhow!("decoding {INNER_VERIFIER_DATA}: {error:?}"))?;
		ensure!(
			inner.common.degree_bits() == self.degree_bits(),
			"inner circuit has degree 2^{}, the workload 2^{}",
			inner.common.degree_bits(),
			self.degree_bits()
		);
		for leaf in &self.leaves {
			let input = self.workload.decode_input(&leaf.input)?;
			ensure!(
				self.workload.expected_public_inputs(&input)? == leaf.public_inputs,
				"request {}: public inputs are not the workload's on its input",
				leaf.request
			);
		}
		Ok(())
	}

	/// Degree bits of the inner circuit.
	pub fn degree_bits(&self) -> usize {
		MIN_DEGREE_BITS
	}

	/// [`JSON`]'s content.
	pub fn json(&self) -> String {
		let leaves: Vec<Value> = self
			.leaves
			.iter()
			.map(|leaf| {
				json!({
					"request": leaf.request,
					"input": to_hex(&leaf.input),
					"public_inputs": leaf.public_inputs,
					"proof_blake2": to_hex(&leaf.proof_blake2),
				})
			})
			.collect();
		let value = json!({
			"aggregator": to_hex(&self.aggregator),
			"workload": self.workload.name(),
			"degree": self.degree_bits(),
			"wrapper": self.wrapper,
			"merge": self.merge,
			"root": self.root,
			"leaves": leaves,
		});
		let mut json = serde_json::to_string_pretty(&value).expect("a JSON value serializes");
		json.push('\n');
		json
	}

	/// Writes the four files into `dir` (which must exist).
	pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
		for (name, bytes) in [
			(MERGE_VERIFIER_DATA, &self.merge_verifier_data[..]),
			(INNER_VERIFIER_DATA, &self.inner_verifier_data[..]),
			(PROOF, &self.proof[..]),
			(JSON, self.json().as_bytes()),
		] {
			let path = dir.join(name);
			fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
		}
		Ok(())
	}

	/// Reads the four files from `dir` (without checking them: see
	/// [`check`](Self::check)).
	pub fn read(dir: &Path) -> anyhow::Result<Fixture> {
		let read = |name: &str| {
			let path = dir.join(name);
			fs::read(&path).with_context(|| format!("reading {}", path.display()))
		};
		let json = read(JSON)?;
		let value: Value = serde_json::from_slice(&json).context("parsing aggregate.json")?;
		let kind: WorkloadKind = string(&value, "workload")?.parse()?;
		let degree = u64_of(&value["degree"], "degree")? as usize;
		ensure!(degree == MIN_DEGREE_BITS, "degree {degree}, only {MIN_DEGREE_BITS} is written");
		let leaves = value["leaves"]
			.as_array()
			.context("leaves: not an array")?
			.iter()
			.map(|leaf| -> anyhow::Result<Leaf> {
				Ok(Leaf {
					request: u64_of(&leaf["request"], "request")?,
					input: from_hex(string(leaf, "input")?)?,
					public_inputs: u64s(&leaf["public_inputs"], "public_inputs")?,
					proof_blake2: bytes32(string(leaf, "proof_blake2")?)?,
				})
			})
			.collect::<anyhow::Result<_>>()?;
		Ok(Fixture {
			aggregator: bytes32(string(&value, "aggregator")?)?,
			workload: Workload::for_degree(kind, degree)?,
			wrapper: digest(&value["wrapper"], "wrapper")?,
			merge: digest(&value["merge"], "merge")?,
			root: digest(&value["root"], "root")?,
			leaves,
			merge_verifier_data: read(MERGE_VERIFIER_DATA)?,
			inner_verifier_data: read(INNER_VERIFIER_DATA)?,
			proof: read(PROOF)?,
		})
	}
}

/// `blake2_256`, as the chain hashes.
pub fn blake2_256(bytes: &[u8]) -> [u8; 32] {
	Blake2Hasher::hash(bytes).0
}

/// `0x` and lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
	let mut hex = String::with_capacity(2 + 2 * bytes.len());
	hex.push_str("0x");
	for byte in bytes {
		hex.push_str(&format!("{byte:02x}"));
	}
	hex
}

/// Hex with an optional `0x` prefix, either case.
pub fn from_hex(hex: &str) -> anyhow::Result<Vec<u8>> {
	let digits = hex.strip_prefix("0x").unwrap_or(hex);
	ensure!(digits.len().is_multiple_of(2), "odd number of hex digits in {hex:?}");
	// (`from_str_radix` alone would also take a sign.)
	ensure!(digits.bytes().all(|digit| digit.is_ascii_hexdigit()), "not hex: {hex:?}");
	(0..digits.len())
		.step_by(2)
		.map(|i| {
			digits
				.get(i..i + 2)
				.and_then(|pair| u8::from_str_radix(pair, 16).ok())
				.with_context(|| format!("not hex: {hex:?}"))
		})
		.collect()
}

/// 32 bytes in hex (see [`from_hex`]).
pub fn bytes32(hex: &str) -> anyhow::Result<[u8; 32]> {
	let bytes = from_hex(hex)?;
	match <[u8; 32]>::try_from(bytes) {
		Ok(bytes) => Ok(bytes),
		Err(bytes) => bail!("{} bytes, not 32: {hex:?}", bytes.len()),
	}
}

fn string<'a>(value: &'a Value, key: &str) -> anyhow::Result<&'a str> {
	value[key].as_str().with_context(|| format!("{key}: not a string"))
}

fn u64_of(value: &Value, key: &str) -> anyhow::Result<u64> {
	value.as_u64().with_context(|| format!("{key}: not a u64"))
}

fn u64s(value: &Value, key: &str) -> anyhow::Result<Vec<u64>> {
	value
		.as_array()
		.with_context(|| format!("{key}: not an array"))?
		.iter()
		.map(|element| u64_of(element, key))
		.collect()
}

fn digest(value: &Value, key: &str) -> anyhow::Result<Digest> {
	let elements = u64s(value, key)?;
	match Digest::try_from(elements) {
		Ok(digest) => Ok(digest),
		Err(elements) => bail!("{key}: {} elements, not 4", elements.len()),
	}
}
