//! [`Workload`]: any of the workloads, chosen at run time.
//!
//! The daemon learns from a request which workload to prove and gets its
//! input as bytes; this enum dispatches to the [`Circuit`] implementations so
//! callers need no generics, and [`Input`] carries the typed input of any of
//! them.

use crate::{
	circuit::{self, Circuit},
	encoding::{self, decode_elements, encode_elements, to_u64s},
	CircuitError, CircuitHandle, Fibonacci, FibonacciInput, MerkleRoot, MerkleRootInput,
	PoseidonChain, PoseidonChainInput, F, MAX_DEGREE_BITS, MIN_DEGREE_BITS,
};
use codec::{Decode, Encode};
use core::{fmt, str::FromStr};

/// The workloads, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Encode, Decode)]
pub enum WorkloadKind {
	/// [`PoseidonChain`]: iterated Poseidon.
	PoseidonChain,
	/// [`MerkleRoot`]: the Merkle root of the input's leaves.
	MerkleRoot,
	/// [`Fibonacci`]: Fibonacci numbers modulo p.
	Fibonacci,
}

impl WorkloadKind {
	/// Every workload, in a fixed order.
	pub const ALL: [WorkloadKind; 3] =
		[WorkloadKind::PoseidonChain, WorkloadKind::MerkleRoot, WorkloadKind::Fibonacci];

	/// The workload's stable name (`poseidon_chain`, `merkle_root`, `fibonacci`).
	pub const fn name(self) -> &'static str {
		match self {
			WorkloadKind::PoseidonChain => "poseidon_chain",
			WorkloadKind::MerkleRoot => "merkle_root",
			WorkloadKind::Fibonacci => "fibonacci",
		}
	}
}

impl fmt::Display for WorkloadKind {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(self.name())
	}
}

impl FromStr for WorkloadKind {
	type Err = CircuitError;

	fn from_str(name: &str) -> Result<Self, Self::Err> {
		WorkloadKind::ALL
			.into_iter()
			.find(|kind| kind.name() == name)
			.ok_or_else(|| CircuitError::UnknownWorkload(name.into()))
	}
}

/// A workload with its parameters: one circuit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Encode, Decode)]
pub enum Workload {
	/// Iterated Poseidon.
	PoseidonChain(PoseidonChain),
	/// Merkle root of the input's leaves.
	MerkleRoot(MerkleRoot),
	/// Fibonacci numbers modulo p.
	Fibonacci(Fibonacci),
}

/// The typed input of any workload.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Input {
	/// Input of [`PoseidonChain`].
	PoseidonChain(PoseidonChainInput),
	/// Input of [`MerkleRoot`].
	MerkleRoot(MerkleRootInput),
	/// Input of [`Fibonacci`].
	Fibonacci(FibonacciInput),
}

impl Input {
	/// The workload this input belongs to.
	pub fn kind(&self) -> WorkloadKind {
		match self {
			Input::PoseidonChain(_) => WorkloadKind::PoseidonChain,
			Input::MerkleRoot(_) => WorkloadKind::MerkleRoot,
			Input::Fibonacci(_) => WorkloadKind::Fibonacci,
		}
	}
}

impl From<PoseidonChainInput> for Input {
	fn from(input: PoseidonChainInput) -> Self {
		Input::PoseidonChain(input)
	}
}

impl From<MerkleRootInput> for Input {
	fn from(input: MerkleRootInput) -> Self {
		Input::MerkleRoot(input)
	}
}

impl From<FibonacciInput> for Input {
	fn from(input: FibonacciInput) -> Self {
		Input::Fibonacci(input)
	}
}

/// Runs `$body` with `$w` bound to the workload's parameters, whatever its kind.
macro_rules! dispatch {
	($workload:expr, $w:ident => $body:expr) => {
		match $workload {
			Workload::PoseidonChain($w) => $body,
			Workload::MerkleRoot($w) => $body,
			Workload::Fibonacci($w) => $body,
		}
	};
}

/// `W::VERSION` of a value (the dispatch macro binds values, not types).
fn version_of<W: Circuit>(_: &W) -> u32 {
	W::VERSION
}

impl Workload {
	/// Parameters of `kind` whose circuit has degree `degree_bits`, for
	/// `degree_bits` in [`MIN_DEGREE_BITS`]`..=`[`MAX_DEGREE_BITS`].
	pub fn for_degree(kind: WorkloadKind, degree_bits: usize) -> Result<Workload, CircuitError> {
		if !(MIN_DEGREE_BITS..=MAX_DEGREE_BITS).contains(&degree_bits) {
			return Err(CircuitError::UnsupportedDegree(degree_bits));
		}
		Ok(match kind {
			WorkloadKind::PoseidonChain => PoseidonChain::for_degree(degree_bits).into(),
			WorkloadKind::MerkleRoot => MerkleRoot::for_degree(degree_bits).into(),
			WorkloadKind::Fibonacci => Fibonacci::for_degree(degree_bits).into(),
		})
	}

	/// Which workload this is.
	pub fn kind(&self) -> WorkloadKind {
		match self {
			Workload::PoseidonChain(_) => WorkloadKind::PoseidonChain,
			Workload::MerkleRoot(_) => WorkloadKind::MerkleRoot,
			Workload::Fibonacci(_) => WorkloadKind::Fibonacci,
		}
	}

	/// The workload's stable name.
	pub fn name(&self) -> &'static str {
		self.kind().name()
	}

	/// The version of the workload's circuit shape ([`Circuit::VERSION`]).
	pub fn version(&self) -> u32 {
		dispatch!(self, w => version_of(w))
	}

	/// The parameters as `key=value` pairs, e.g. `height=11, leaf_len=4`.
	pub fn params(&self) -> String {
		match self {
			Workload::PoseidonChain(w) => format!("steps={}", w.steps),
			Workload::MerkleRoot(w) => format!("height={}, leaf_len={}", w.height, w.leaf_len),
			Workload::Fibonacci(w) => format!("steps={}", w.steps),
		}
	}

	/// The descriptor a market listing carries so that prover clients can
	/// rebuild the circuit: `name/version?key=value&key=value`, e.g.
	/// `merkle_root/1?height=11&leaf_len=4`. [`Workload::from_descriptor`]
	/// reads it back.
	pub fn descriptor(&self) -> String {
		format!("{}/{}?{}", self.name(), self.version(), self.params().replace(", ", "&"))
	}

	/// Reads a [`Workload::descriptor`], refusing unknown names, other
	/// versions of a circuit's shape, missing or extra parameters, and
	/// parameters out of range.
	pub fn from_descriptor(descriptor: &str) -> Result<Workload, CircuitError> {
		let bad =
			|reason: String| CircuitError::BadDescriptor { descriptor: descriptor.into(), reason };
		let (path, query) = descriptor.split_once('?').unwrap_or((descriptor, ""));
		let (name, version) =
			path.split_once('/').ok_or_else(|| bad("expected name/version".into()))?;
		let kind: WorkloadKind = name.parse().map_err(|e: CircuitError| bad(e.to_string()))?;
		let mut params = std::collections::BTreeMap::new();
		for pair in query.split('&').filter(|pair| !pair.is_empty()) {
			let (key, value) = pair
				.split_once('=')
				.ok_or_else(|| bad(format!("parameter `{pair}` has no value")))?;
			let value: u32 =
				value.parse().map_err(|_| bad(format!("parameter `{key}` is not a number")))?;
			if params.insert(key, value).is_some() {
				return Err(bad(format!("parameter `{key}` given twice")));
			}
		}
		let mut take =
			|key: &str| params.remove(key).ok_or_else(|| bad(format!("missing parameter `{key}`")));
		let workload: Workload = match kind {
			WorkloadKind::PoseidonChain => PoseidonChain { steps: take("steps")? }.into(),
			WorkloadKind::MerkleRoot => {
				MerkleRoot { height: take("height")?, leaf_len: take("leaf_len")? }.into()
			}
			WorkloadKind::Fibonacci => Fibonacci { steps: take("steps")? }.into(),
		};
		if let Some(extra) = params.keys().next() {
			return Err(bad(format!("unknown parameter `{extra}`")));
		}
		if version != workload.version().to_string() {
			return Err(bad(format!(
				"this client has {} version {}, not {version}",
				workload.name(),
				workload.version()
			)));
		}
		workload.validate().map_err(|e| bad(e.to_string()))?;
		Ok(workload)
	}

	/// Checks the parameters, including that the circuit fits in
	/// `2^MAX_DEGREE_BITS` rows.
	pub fn validate(&self) -> Result<(), CircuitError> {
		dispatch!(self, w => circuit::validate(w))
	}

	/// An upper bound on the circuit's rows before padding to a power of two.
	pub fn estimated_rows(&self) -> u64 {
		dispatch!(self, w => circuit::estimated_rows(w))
	}

	/// Number of input field elements (the input is 8 times as many bytes).
	pub fn input_len(&self) -> usize {
		dispatch!(self, w => w.input_len())
	}

	/// Number of output field elements (public inputs follow the 4-element hash).
	pub fn output_len(&self) -> usize {
		dispatch!(self, w => w.output_len())
	}

	/// Decodes a request's input bytes, refusing malformed bytes (see
	/// [`decode_elements`]), inputs of the wrong length, and invalid parameters.
	pub fn decode_input(&self, bytes: &[u8]) -> Result<Input, CircuitError> {
		self.validate()?;
		let elements = decode_elements(bytes)?;
		self.check_input_len(elements.len())?;
		Ok(dispatch!(self, w => w.parse_input(&elements).into()))
	}

	/// Encodes `input` as request bytes, refusing one that does not fit the
	/// parameters.
	pub fn encode_input(&self, input: &Input) -> Result<Vec<u8>, CircuitError> {
		Ok(encode_elements(&self.input_elements(input)?))
	}

	/// A deterministic input derived from `seed`, for tests and fixtures.
	pub fn sample_input(&self, seed: u64) -> Input {
		dispatch!(self, w => w.sample_input(seed).into())
	}

	/// The output, computed natively (no circuit).
	pub fn native_output(&self, input: &Input) -> Result<Vec<u64>, CircuitError> {
		let elements = self.input_elements(input)?;
		Ok(to_u64s(&dispatch!(self, w => w.native(&elements))))
	}

	/// The public inputs a proof for `input` with `output` must carry:
	/// `Poseidon(input) ++ output`. Refuses an input or output of the wrong shape.
	pub fn public_inputs(&self, input: &Input, output: &[u64]) -> Result<Vec<u64>, CircuitError> {
		if output.len() != self.output_len() {
			return Err(CircuitError::OutputLength {
				workload: self.name(),
				expected: self.output_len(),
				got: output.len(),
			});
		}
		Ok(encoding::layout(&self.input_elements(input)?, output))
	}

	/// The public inputs of a correct proof for `input`, with the output
	/// computed natively.
	pub fn expected_public_inputs(&self, input: &Input) -> Result<Vec<u64>, CircuitError> {
		self.public_inputs(input, &self.native_output(input)?)
	}

	/// Builds the circuit (plonky2 preprocessing; seconds for large degrees).
	pub fn build(&self) -> Result<CircuitHandle, CircuitError> {
		let built = dispatch!(self, w => circuit::build(w))?;
		Ok(CircuitHandle::new(*self, built))
	}

	/// The input as field elements, checked against the workload's kind and
	/// parameters.
	pub(crate) fn input_elements(&self, input: &Input) -> Result<Vec<F>, CircuitError> {
		self.validate()?;
		let elements = match (self, input) {
			(Workload::PoseidonChain(w), Input::PoseidonChain(i)) => w.input_elements(i),
			(Workload::MerkleRoot(w), Input::MerkleRoot(i)) => w.input_elements(i),
			(Workload::Fibonacci(w), Input::Fibonacci(i)) => w.input_elements(i),
			_ => Err(CircuitError::WrongInputKind { expected: self.kind(), got: input.kind() }),
		}?;
		self.check_input_len(elements.len())?;
		Ok(elements)
	}

	fn check_input_len(&self, got: usize) -> Result<(), CircuitError> {
		let expected = self.input_len();
		if got != expected {
			return Err(CircuitError::InputLength { workload: self.name(), expected, got });
		}
		Ok(())
	}
}

impl From<PoseidonChain> for Workload {
	fn from(params: PoseidonChain) -> Self {
		Workload::PoseidonChain(params)
	}
}

impl From<MerkleRoot> for Workload {
	fn from(params: MerkleRoot) -> Self {
		Workload::MerkleRoot(params)
	}
}

impl From<Fibonacci> for Workload {
	fn from(params: Fibonacci) -> Self {
		Workload::Fibonacci(params)
	}
}

impl fmt::Display for Workload {
	/// `name vVERSION (params)`, e.g. `poseidon_chain v1 (steps=4090)`.
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{} v{} ({})", self.name(), self.version(), self.params())
	}
}
