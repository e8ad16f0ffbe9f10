//! Plonky2 verification that untrusted bytes cannot crash.
//!
//! Verifier data and proofs arrive from anyone, and the runtime cannot catch a
//! panic or survive an out-of-memory abort, so this module stands between the
//! bytes and plonky2:
//!
//! 1. **Sizes first**: both inputs are capped before any parsing.
//! 2. **Bounded reading**: plonky2's deserializer pre-allocates vectors from
//!    length prefixes it reads. [`BoundedReader`] refuses any length prefix
//!    larger than the bytes left (small values are always allowed), so no
//!    allocation outgrows the input.
//! 3. **Known gates only**: gates are read through [`SafeGateSerializer`], which
//!    accepts plonky2's default gate set minus the lookup gates and bounds each
//!    gate's numeric parameters before plonky2 computes with them.
//! 4. **Supported shape**: the circuit must use plonky2's
//!    `standard_recursion_config` (with or without zero knowledge), FRI
//!    parameters derived from it, at most [`Limits::max_degree_bits`] and
//!    [`Limits::max_public_inputs`], and gates that fit the configuration.
//!    This also fixes the number of FRI queries (28), which is what makes the
//!    cost of the FRI check a function of the degree alone.
//! 5. **Bounded gate evaluation**: the verifier evaluates every gate's
//!    constraints once, each multiplied by a selector filter with one factor
//!    per other gate of its selector group. A circuit may have at most
//!    [`MAX_GATES`] gates, all different (plonky2's builder never repeats
//!    one), and each selector group only as many gates as the quotient degree
//!    allows (at most [`MAX_SELECTOR_GROUP`]): without these bounds 64 KiB of
//!    verifier data could list thousands of Poseidon gates in one group, and a
//!    proof for it would cost seconds to reject. With them, the cost of this
//!    step is at most [`MAX_GATES`] times the costliest gate's. What the
//!    builder derives from the gates must be exactly that (constant columns,
//!    constraint count, partial products, selector groups tiling the gates):
//!    extra constant columns would widen every Merkle leaf the FRI check
//!    hashes without the weight knowing.
//! 6. **Shape of the proof** is checked by plonky2's verifier before any
//!    arithmetic.

use alloc::vec::Vec;
use plonky2::{
	field::{
		goldilocks_field::GoldilocksField,
		types::{Field, PrimeField64},
	},
	gates::gate::GateRef,
	hash::poseidon::PoseidonHash,
	plonk::{
		circuit_data::{CircuitConfig, CommonCircuitData, VerifierCircuitData},
		config::{Hasher, PoseidonGoldilocksConfig},
		proof::ProofWithPublicInputs,
	},
	util::serialization::{
		Buffer, DefaultGateSerializer, GateSerializer, IoError, IoResult, Read, Remaining, Write,
	},
};
pub use prova_primitives::proofs::{VerifyError, INPUT_COMMITMENT_LEN};

/// Extension degree of the field Prova's circuits use.
pub const D: usize = 2;
/// Hashing configuration: Poseidon over Goldilocks.
pub type C = PoseidonGoldilocksConfig;
/// Base field: Goldilocks (p = 2^64 - 2^32 + 1).
pub type F = GoldilocksField;
/// A parsed, checked circuit.
pub type Circuit = VerifierCircuitData<F, C, D>;

/// Largest serialized verifier data accepted (verifier-only plus common data).
pub const MAX_VERIFIER_DATA_BYTES: usize = 64 * 1024;
/// Largest serialized proof (with public inputs) accepted.
pub const MAX_PROOF_BYTES: usize = 512 * 1024;
/// Most gates a circuit may have (plonky2's recursive verifier uses about 15).
pub const MAX_GATES: usize = 32;
/// Most gates in one selector group: a gate's filter has a factor per other
/// gate of its group (and one more when there are several groups), and the
/// filtered constraint must stay within the quotient degree plus one, so a
/// group has at most `max_quotient_degree_factor + 2` gates (10 here).
pub const MAX_SELECTOR_GROUP: usize = 10;
/// Length prefixes up to this value are accepted even near the end of the input.
const SMALL_LENGTH: usize = 256;
/// Bound on a gate's count-like parameters (operations, limbs, coefficients).
const MAX_GATE_PARAMETER: usize = 256;
/// Bound on a gate's parameters used as shift amounts (subgroup or index bits).
const MAX_GATE_BITS: usize = 16;

/// What a chain accepts as a circuit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
	/// Largest `degree_bits` (the circuit has `2^degree_bits` rows).
	pub max_degree_bits: u32,
	/// Most public inputs.
	pub max_public_inputs: u32,
	/// Most gates, all distinct (step 5 of the module docs).
	pub max_gates: usize,
	/// Most gates in a selector group.
	pub max_selector_group: usize,
}

impl Default for Limits {
	fn default() -> Self {
		Limits {
			max_degree_bits: 20,
			max_public_inputs: 64,
			max_gates: MAX_GATES,
			max_selector_group: MAX_SELECTOR_GROUP,
		}
	}
}

impl Limits {
	/// Whether these limits bound the gates (step 5), and with them require
	/// the layout plonky2's builder derives from the gates.
	pub fn bounds_gates(&self) -> bool {
		self.max_gates != usize::MAX
	}

	/// These limits without step 5's gate bounds: for reading a circuit the
	/// chain registered before those bounds existed, whose verification is
	/// charged by its real gate count and must not start failing (its prover
	/// would be punished for the chain's change of mind).
	pub fn without_gate_bounds(self) -> Self {
		Limits { max_gates: usize::MAX, max_selector_group: usize::MAX, ..self }
	}
}

/// The numbers of a circuit that decide its verification cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CircuitShape {
	/// `log2` of the number of rows.
	pub degree_bits: u32,
	/// FRI query rounds (28 for the supported configuration).
	pub fri_queries: u32,
	/// Number of public inputs.
	pub public_inputs: u32,
	/// Number of gates (at most [`MAX_GATES`]).
	pub gates: u32,
	/// Gates in its largest selector group (at most [`MAX_SELECTOR_GROUP`]).
	pub largest_group: u32,
}

impl CircuitShape {
	/// The gate count to charge verification for: each gate's filter has a
	/// factor per gate of its group, and `evaluate_gates` measures groups of
	/// [`MAX_SELECTOR_GROUP`], so a gate of a larger group (only in circuits
	/// registered before the bounds) counts that many times over.
	pub fn charged_gates(&self) -> u32 {
		let groups = self.largest_group.div_ceil(MAX_SELECTOR_GROUP as u32).max(1);
		self.gates.saturating_mul(groups)
	}
}

/// Parses and checks verifier data (a serialized `VerifierCircuitData`).
pub fn parse_circuit(
	bytes: &[u8],
	limits: &Limits,
) -> Result<(Circuit, CircuitShape), VerifyError> {
	if bytes.len() > MAX_VERIFIER_DATA_BYTES {
		return Err(VerifyError::VerifierDataTooLarge);
	}
	let mut reader = BoundedReader::new(bytes);
	let circuit: Circuit = reader
		.read_verifier_circuit_data(&SafeGateSerializer)
		.map_err(|_| VerifyError::MalformedVerifierData)?;
	if reader.remaining() != 0 {
		return Err(VerifyError::MalformedVerifierData);
	}
	let shape = check_supported(&circuit, limits)?;
	Ok((circuit, shape))
}

/// Verifies `proof` (a serialized `ProofWithPublicInputs`) for `circuit`; when
/// `expected_public_inputs` is given, the proof's public inputs must equal it.
pub fn verify_proof(
	circuit: &Circuit,
	proof: &[u8],
	expected_public_inputs: Option<&[u64]>,
) -> Result<(), VerifyError> {
	if proof.len() > MAX_PROOF_BYTES {
		return Err(VerifyError::ProofTooLarge);
	}
	let proof = read_proof(circuit, proof)?;
	if let Some(expected) = expected_public_inputs {
		let matches = proof.public_inputs.len() == expected.len()
			&& proof.public_inputs.iter().zip(expected).all(|(x, y)| x.to_canonical_u64() == *y);
		if !matches {
			return Err(VerifyError::PublicInputsMismatch);
		}
	}
	circuit.verify(proof).map_err(|_| VerifyError::InvalidProof)
}

/// Parses `verifier_data` and verifies `proof` against it, with whatever public
/// inputs the proof carries: the stateless check behind the runtime API.
pub fn verify(verifier_data: &[u8], proof: &[u8]) -> Result<(), VerifyError> {
	check_and_verify(verifier_data, proof, None, &Limits::default())
}

/// The whole check of a proof: the proof's size cap, then the circuit parsed
/// and checked against `limits`, then [`verify_proof`]. What the market's
/// verification and the host function run (see [`crate::host`]).
pub fn check_and_verify(
	verifier_data: &[u8],
	proof: &[u8],
	expected_public_inputs: Option<&[u64]>,
	limits: &Limits,
) -> Result<(), VerifyError> {
	if proof.len() > MAX_PROOF_BYTES {
		return Err(VerifyError::ProofTooLarge);
	}
	let (circuit, _) = parse_circuit(verifier_data, limits)?;
	verify_proof(&circuit, proof, expected_public_inputs)
}

/// The Poseidon digest (`hash_no_pad`) of an input's elements, as canonical
/// words: what a market circuit's public inputs start with. Words at or above
/// the modulus are reduced (the market refuses such inputs before).
pub fn input_commitment(input: &[u64]) -> [u64; INPUT_COMMITMENT_LEN] {
	let elements: Vec<F> = input.iter().map(|&word| F::from_noncanonical_u64(word)).collect();
	PoseidonHash::hash_no_pad(&elements).elements.map(|element| element.to_canonical_u64())
}

/// The circuit's verifier hash in the aggregated tier's statement:
/// [`prova_primitives::aggregation::verifier_hash`] of its constants-sigmas
/// cap and circuit digest, as a merge proof computes it from its children's
/// verifier data.
pub fn verifier_hash(circuit: &Circuit) -> [u64; 4] {
	let verifier = &circuit.verifier_only;
	let cap: Vec<[u64; 4]> = verifier
		.constants_sigmas_cap
		.0
		.iter()
		.map(|hash| hash.elements.map(|element| element.to_canonical_u64()))
		.collect();
	let digest = verifier.circuit_digest.elements.map(|element| element.to_canonical_u64());
	prova_primitives::aggregation::verifier_hash(&cap, &digest)
}

/// The proof's public inputs as canonical `u64`s, if it deserializes for `circuit`.
pub fn public_inputs_of(circuit: &Circuit, proof: &[u8]) -> Result<Vec<u64>, VerifyError> {
	let proof = read_proof(circuit, proof)?;
	Ok(proof.public_inputs.iter().map(|x| x.to_canonical_u64()).collect())
}

/// Deserializes a whole proof for `circuit` through the bounded reader.
fn read_proof(
	circuit: &Circuit,
	bytes: &[u8],
) -> Result<ProofWithPublicInputs<F, C, D>, VerifyError> {
	let mut reader = BoundedReader::new(bytes);
	let proof = reader
		.read_proof_with_public_inputs(&circuit.common)
		.map_err(|_| VerifyError::MalformedProof)?;
	if reader.remaining() != 0 {
		return Err(VerifyError::MalformedProof);
	}
	Ok(proof)
}

/// Step 4 of the module docs.
fn check_supported(circuit: &Circuit, limits: &Limits) -> Result<CircuitShape, VerifyError> {
	let common: &CommonCircuitData<F, D> = &circuit.common;
	let standard = CircuitConfig::standard_recursion_config();
	let config_ok = common.config == standard
		|| common.config == CircuitConfig { zero_knowledge: true, ..standard.clone() };
	if !config_ok {
		return Err(VerifyError::UnsupportedConfig);
	}
	let degree_bits = common.fri_params.degree_bits;
	if degree_bits > limits.max_degree_bits as usize {
		return Err(VerifyError::DegreeTooLarge);
	}
	if common.num_public_inputs > limits.max_public_inputs as usize {
		return Err(VerifyError::TooManyPublicInputs);
	}
	let gates_bounded = !limits.bounds_gates()
		|| (common.gates.len() <= limits.max_gates && gates_distinct(common));
	if !gates_bounded {
		return Err(VerifyError::UnsupportedConfig);
	}
	let config = &common.config;
	let expected_fri = config.fri_config.fri_params(degree_bits, config.zero_knowledge);
	let gates_fit = common.gates.iter().all(|gate| {
		gate.0.num_wires() <= config.num_wires
			&& gate.0.degree() <= config.max_quotient_degree_factor + 1
			&& gate.0.num_constraints() <= common.num_gate_constraints
	});
	let selectors_fit = selectors_fit(common, limits.max_selector_group, limits.bounds_gates());
	// What plonky2's builder derives from the gates and the configuration,
	// checked exactly where the gate bounds apply: anything larger (more
	// constant columns, constraints or partial products than the gates need)
	// is work a verification would do that its weight does not count.
	let max_gate_constraints = common.gates.iter().map(|gate| gate.0.num_constraints()).max();
	let derived_exactly = !limits.bounds_gates()
		|| (common.quotient_degree_factor == config.max_quotient_degree_factor
			&& Some(common.num_gate_constraints) == max_gate_constraints
			&& common.num_partial_products
				== config
					.num_routed_wires
					.div_ceil(config.max_quotient_degree_factor.max(1))
					.saturating_sub(1));
	let shape_ok = common.fri_params == expected_fri
		&& derived_exactly
		&& !common.gates.is_empty()
		&& gates_fit
		&& selectors_fit
		&& common.quotient_degree_factor >= 1
		&& common.quotient_degree_factor <= config.max_quotient_degree_factor
		&& common.num_gate_constraints <= MAX_GATE_PARAMETER * 4
		&& common.k_is.len() == config.num_routed_wires
		&& common.num_partial_products <= config.num_routed_wires
		&& common.num_lookup_polys == 0
		&& common.num_lookup_selectors == 0
		&& common.luts.is_empty()
		&& circuit.verifier_only.constants_sigmas_cap.height() == config.fri_config.cap_height;
	if !shape_ok {
		return Err(VerifyError::UnsupportedConfig);
	}
	Ok(CircuitShape {
		degree_bits: degree_bits as u32,
		fri_queries: config.fri_config.num_query_rounds as u32,
		public_inputs: common.num_public_inputs as u32,
		gates: common.gates.len() as u32,
		largest_group: largest_group(common) as u32,
	})
}

/// Whether no gate is listed twice (by plonky2's gate id).
pub(crate) fn gates_distinct(common: &CommonCircuitData<F, D>) -> bool {
	let mut ids: Vec<_> = common.gates.iter().map(|gate| gate.0.id()).collect();
	ids.sort_unstable();
	ids.windows(2).all(|pair| pair[0] != pair[1])
}

/// The size of the circuit's largest selector group (0 if unreadable).
fn largest_group(common: &CommonCircuitData<F, D>) -> usize {
	read_selectors(common)
		.map(|(_, groups)| {
			groups.iter().map(|&(start, end)| end.saturating_sub(start)).max().unwrap_or(0)
		})
		.unwrap_or(0)
}

/// The selector indices of the gates and the `(start, end)` groups.
/// `SelectorsInfo`'s fields are private, so it is read back from its
/// serialization: the indices (a `usize` vector), then the pairs.
fn read_selectors(common: &CommonCircuitData<F, D>) -> Option<(Vec<usize>, Vec<(usize, usize)>)> {
	let num_gates = common.gates.len();
	let mut bytes = Vec::new();
	bytes.write_selectors_info(&common.selectors_info).ok()?;
	let words: Vec<usize> = bytes
		.chunks_exact(8)
		.map(|chunk| u64::from_le_bytes(chunk.try_into().unwrap_or([0xff; 8])) as usize)
		.collect();
	let (&indices_len, rest) = words.split_first()?;
	if indices_len != num_gates || rest.len() < num_gates + 1 {
		return None;
	}
	let (indices, rest) = rest.split_at(num_gates);
	let (&num_selectors, pairs) = rest.split_first()?;
	if pairs.len() != 2 * num_selectors {
		return None;
	}
	let groups = pairs.chunks_exact(2).map(|pair| (pair[0], pair[1])).collect();
	Some((indices.to_vec(), groups))
}

/// Whether gate `i`'s selector group exists and its range contains `i` (what
/// the vanishing polynomial assumes), each group has at most `max_group` gates
/// and is small enough for its gates' filtered constraints to fit the quotient
/// degree (`usize::MAX`: unbounded), and every gate's constants fit after the
/// selectors; with `exact`, also that groups and constant columns are laid
/// out as plonky2's builder lays them out.
fn selectors_fit(common: &CommonCircuitData<F, D>, max_group: usize, exact: bool) -> bool {
	let num_gates = common.gates.len();
	let Some((indices, groups)) = read_selectors(common) else { return false };
	let num_selectors = groups.len();
	if num_selectors > common.num_constants {
		return false;
	}
	let constants_fit = common.num_constants <= common.config.num_constants + num_selectors
		&& common
			.gates
			.iter()
			.all(|gate| num_selectors + gate.0.num_constants() <= common.num_constants);
	// As the builder lays them out: groups tile the gates in order (so each
	// is used), and the constant columns are the selectors plus the most any
	// gate needs.
	let max_gate_constants =
		common.gates.iter().map(|gate| gate.0.num_constants()).max().unwrap_or(0);
	let tiled = groups.first().is_some_and(|&(start, _)| start == 0)
		&& groups.last().is_some_and(|&(_, end)| end == num_gates)
		&& groups.iter().all(|&(start, end)| start < end)
		&& groups.windows(2).all(|pair| pair[0].1 == pair[1].0);
	let laid_out_exactly =
		!exact || (tiled && common.num_constants == num_selectors + max_gate_constants);
	let max_filtered_degree = common.config.max_quotient_degree_factor.saturating_add(2);
	let group_bounded = |gate: usize, size: usize| {
		max_group == usize::MAX
			|| (size <= max_group && size + common.gates[gate].0.degree() <= max_filtered_degree)
	};
	constants_fit
		&& laid_out_exactly
		&& indices.iter().enumerate().all(|(gate, &index)| {
			groups.get(index).is_some_and(|&(start, end)| {
				let size = end.saturating_sub(start);
				start <= gate && gate < end && end <= num_gates && group_bounded(gate, size)
			})
		})
}

/// plonky2's `Buffer`, except that length prefixes cannot exceed the input.
pub struct BoundedReader<'a> {
	bytes: &'a [u8],
	pos: usize,
}

impl<'a> BoundedReader<'a> {
	/// Reads `bytes` from the start.
	pub fn new(bytes: &'a [u8]) -> Self {
		BoundedReader { bytes, pos: 0 }
	}
}

impl Remaining for BoundedReader<'_> {
	fn remaining(&self) -> usize {
		self.bytes.len() - self.pos
	}
}

impl Read for BoundedReader<'_> {
	fn read_exact(&mut self, bytes: &mut [u8]) -> IoResult<()> {
		let end = self.pos.checked_add(bytes.len()).ok_or(IoError)?;
		let source = self.bytes.get(self.pos..end).ok_or(IoError)?;
		bytes.copy_from_slice(source);
		self.pos = end;
		Ok(())
	}

	/// Every length prefix goes through here; a value that cannot be a length of
	/// what is left (and is not small) ends the parse.
	fn read_usize(&mut self) -> IoResult<usize> {
		let mut buf = [0u8; 8];
		self.read_exact(&mut buf)?;
		let value = u64::from_le_bytes(buf);
		let bound = self.remaining().max(SMALL_LENGTH) as u64;
		if value > bound {
			return Err(IoError);
		}
		Ok(value as usize)
	}

	/// Field elements must be canonical (below the field's order): one value,
	/// one encoding, so a proof cannot be re-encoded into another valid one.
	fn read_field<F2: plonky2::field::types::Field64>(&mut self) -> IoResult<F2> {
		let mut buf = [0u8; 8];
		self.read_exact(&mut buf)?;
		let value = u64::from_le_bytes(buf);
		if value >= F2::ORDER {
			return Err(IoError);
		}
		Ok(F2::from_canonical_u64(value))
	}

	/// plonky2 computes `1 << cap_height` (an `i32`) from the height it read;
	/// heights beyond any real cap are refused before that can overflow.
	fn read_merkle_cap<F2, H>(
		&mut self,
		cap_height: usize,
	) -> IoResult<plonky2::hash::merkle_tree::MerkleCap<F2, H>>
	where
		F2: plonky2::hash::hash_types::RichField,
		H: plonky2::plonk::config::Hasher<F2>,
	{
		if cap_height > MAX_GATE_BITS {
			return Err(IoError);
		}
		let hashes = (0..1usize << cap_height)
			.map(|_| self.read_hash::<F2, H>())
			.collect::<Result<Vec<_>, _>>()?;
		Ok(plonky2::hash::merkle_tree::MerkleCap(hashes))
	}

	/// Hashes are field elements too: each 8-byte word must be canonical.
	fn read_hash<F2, H>(&mut self) -> IoResult<H::Hash>
	where
		F2: plonky2::hash::hash_types::RichField,
		H: plonky2::plonk::config::Hasher<F2>,
	{
		let mut buf = alloc::vec![0u8; H::HASH_SIZE];
		self.read_exact(&mut buf)?;
		let canonical = buf.chunks(8).all(|word| {
			let mut bytes = [0u8; 8];
			bytes[..word.len()].copy_from_slice(word);
			u64::from_le_bytes(bytes) < F2::ORDER
		});
		if !canonical {
			return Err(IoError);
		}
		Ok(<H::Hash as plonky2::plonk::config::GenericHashOut<F2>>::from_bytes(&buf))
	}

	fn read_gate<F2, const D2: usize>(
		&mut self,
		gate_serializer: &dyn GateSerializer<F2, D2>,
		common_data: &CommonCircuitData<F2, D2>,
	) -> IoResult<GateRef<F2, D2>>
	where
		F2: plonky2::hash::hash_types::RichField + plonky2::field::extension::Extendable<D2>,
	{
		let rest = &self.bytes[self.pos..];
		let mut buffer = Buffer::new(rest);
		let gate = gate_serializer.read_gate(&mut buffer, common_data)?;
		self.pos += buffer.bytes().len() - buffer.unread_bytes().len();
		Ok(gate)
	}

	fn read_generator<F2, const D2: usize>(
		&mut self,
		_generator_serializer: &dyn plonky2::util::serialization::WitnessGeneratorSerializer<
			F2,
			D2,
		>,
		_common_data: &CommonCircuitData<F2, D2>,
	) -> IoResult<plonky2::iop::generator::WitnessGeneratorRef<F2, D2>>
	where
		F2: plonky2::hash::hash_types::RichField + plonky2::field::extension::Extendable<D2>,
	{
		// Verifier data and proofs contain no witness generators.
		Err(IoError)
	}
}

/// plonky2's default gate set without the lookup gates, with each gate's numeric
/// parameters bounded before plonky2 reads them.
pub struct SafeGateSerializer;

/// The `usize` parameters that follow a gate's tag: `count` of them; the first
/// `shifts` are bit counts (at most `MAX_GATE_BITS`), the others counts (at most
/// `MAX_GATE_PARAMETER`); the first `nonzero` must be at least 1 (plonky2
/// subtracts one from them).
#[derive(Clone, Copy)]
struct GateParameters {
	count: usize,
	shifts: usize,
	nonzero: usize,
}

const fn params(count: usize, shifts: usize, nonzero: usize) -> Option<GateParameters> {
	Some(GateParameters { count, shifts, nonzero })
}

impl SafeGateSerializer {
	/// `DefaultGateSerializer`'s tag of `CosetInterpolationGate`.
	const COSET_INTERPOLATION: usize = 4;

	/// By tag of `DefaultGateSerializer`; `None`: refused (the lookup gates).
	const PARAMETERS: [Option<GateParameters>; 16] = [
		params(1, 0, 1), // ArithmeticGate { num_ops }
		params(1, 0, 1), // ArithmeticExtensionGate { num_ops }
		params(1, 0, 1), // BaseSumGate<2> { num_limbs }
		params(1, 0, 1), // ConstantGate { num_consts }
		params(2, 1, 2), // CosetInterpolationGate { subgroup_bits, degree, .. }
		params(1, 0, 1), // ExponentiationGate { num_power_bits }
		None,            // LookupGate
		None,            // LookupTableGate
		params(1, 0, 1), // MulExtensionGate { num_ops }
		params(0, 0, 0), // NoopGate
		params(0, 0, 0), // PoseidonMdsGate
		params(0, 0, 0), // PoseidonGate
		params(0, 0, 0), // PublicInputGate
		params(3, 1, 2), // RandomAccessGate { bits, num_copies, num_extra_constants }
		params(1, 0, 1), // ReducingExtensionGate { num_coeffs }
		params(1, 0, 1), // ReducingGate { num_coeffs }
	];
}

impl GateSerializer<F, D> for SafeGateSerializer {
	fn read_gate(
		&self,
		buf: &mut Buffer,
		common: &CommonCircuitData<F, D>,
	) -> IoResult<GateRef<F, D>> {
		let unread = buf.unread_bytes();
		let tag_bytes: [u8; 4] = unread.get(..4).ok_or(IoError)?.try_into().map_err(|_| IoError)?;
		let tag = u32::from_le_bytes(tag_bytes) as usize;
		let gate = Self::PARAMETERS.get(tag).copied().flatten().ok_or(IoError)?;
		let word = |index: usize| -> IoResult<u64> {
			let at = 4 + 8 * index;
			let raw: [u8; 8] =
				unread.get(at..at + 8).ok_or(IoError)?.try_into().map_err(|_| IoError)?;
			Ok(u64::from_le_bytes(raw))
		};
		for index in 0..gate.count {
			let value = word(index)?;
			let bound = if index < gate.shifts { MAX_GATE_BITS } else { MAX_GATE_PARAMETER };
			if value > bound as u64 || (index < gate.nonzero && value == 0) {
				return Err(IoError);
			}
		}
		if tag == Self::COSET_INTERPOLATION {
			// Then the count of barycentric weights, which plonky2 reads as a
			// `usize`: 32 bits in the runtime's WASM, 64 in a node, so a count
			// with high bits set would parse in one and not the other. It must
			// be the subgroup's size. And the weights, read without the
			// bounded reader's check, must be canonical.
			let points = 1u64 << word(0)?;
			if word(2)? != points {
				return Err(IoError);
			}
			for index in 3..3 + points as usize {
				if word(index)? >= <F as plonky2::field::types::Field64>::ORDER {
					return Err(IoError);
				}
			}
		}
		DefaultGateSerializer.read_gate(buf, common)
	}

	fn write_gate(
		&self,
		buf: &mut Vec<u8>,
		gate: &GateRef<F, D>,
		common: &CommonCircuitData<F, D>,
	) -> IoResult<()> {
		DefaultGateSerializer.write_gate(buf, gate, common)
	}
}
