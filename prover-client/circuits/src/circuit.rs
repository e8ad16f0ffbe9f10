//! The [`Circuit`] trait every workload implements, and the layout they share.
//!
//! A workload only describes its computation (constraints over input targets,
//! and the same function natively); [`Workload::build`](crate::Workload::build)
//! wraps it in the layout common to all Prova circuits, so no workload can get
//! the input binding wrong:
//!
//! 1. the input is `input_len` virtual targets, set from the request's input;
//! 2. their Poseidon hash is registered as the first [`HASH_LEN`] public inputs;
//! 3. the workload's output targets are registered after it.

use crate::{config, CircuitError, WorkloadKind, C, D, F, HASH_LEN, MAX_DEGREE_BITS};
use core::fmt::Debug;
use plonky2::{
	hash::poseidon::PoseidonHash,
	iop::target::Target,
	plonk::{circuit_builder::CircuitBuilder, circuit_data::CircuitData},
};

/// Rows every circuit has besides its computation and its two hashes: the
/// public-input gate and at most two constant gates (for `0` and `1`).
const FIXED_ROWS: u64 = 3;

/// A workload's computation: its constraints and its native reference.
///
/// Implementations are the parameter structs ([`PoseidonChain`](crate::PoseidonChain),
/// [`MerkleRoot`](crate::MerkleRoot), [`Fibonacci`](crate::Fibonacci)); the
/// parameters fix the circuit, the input is the witness.
pub trait Circuit: Clone + Debug {
	/// Which workload this is (its name).
	const KIND: WorkloadKind;
	/// Version of the circuit's shape: bumped whenever a change would give
	/// different verifier data for the same parameters.
	const VERSION: u32;
	/// The request input, typed.
	type Input: Clone + Debug + PartialEq + Eq;

	/// Parameters whose circuit has degree `degree_bits` (`2^degree_bits`
	/// rows after padding, more than half of them used), for `degree_bits` in
	/// `MIN_DEGREE_BITS..=MAX_DEGREE_BITS`.
	fn for_degree(degree_bits: usize) -> Self;
	/// Checks the workload's own parameter ranges (the row limit is checked by
	/// [`validate`]).
	fn check_params(&self) -> Result<(), CircuitError>;
	/// Rows of the computation itself (an upper bound, before padding).
	fn computation_rows(&self) -> u64;
	/// Number of input field elements.
	fn input_len(&self) -> usize;
	/// Number of output field elements.
	fn output_len(&self) -> usize;

	/// The input as field elements, refusing one of the wrong shape or with a
	/// non-canonical value.
	fn input_elements(&self, input: &Self::Input) -> Result<Vec<F>, CircuitError>;
	/// The typed input from `input_len()` field elements.
	fn parse_input(&self, elements: &[F]) -> Self::Input;
	/// A deterministic input derived from `seed`, for tests and fixtures.
	fn sample_input(&self, seed: u64) -> Self::Input;

	/// The reference implementation: the output for `input_len()` elements.
	fn native(&self, input: &[F]) -> Vec<F>;
	/// Adds the computation's constraints over `input`; returns the output
	/// targets (`output_len()` of them).
	fn define(&self, builder: &mut CircuitBuilder<F, D>, input: &[Target]) -> Vec<Target>;
}

/// An upper bound on the rows of `circuit` before padding to a power of two.
pub fn estimated_rows<W: Circuit>(circuit: &W) -> u64 {
	circuit
		.computation_rows()
		.saturating_add(hash_rows(circuit.input_len()))
		.saturating_add(hash_rows(HASH_LEN + circuit.output_len()))
		.saturating_add(FIXED_ROWS)
}

/// Rows of the layout outside the computation, for `input_len` input and
/// `output_len` output elements: what [`Circuit::for_degree`] subtracts.
pub(crate) fn layout_rows(input_len: usize, output_len: usize) -> u64 {
	hash_rows(input_len) + hash_rows(HASH_LEN + output_len) + FIXED_ROWS
}

/// Poseidon permutations (one row each) to hash `len` elements.
fn hash_rows(len: usize) -> u64 {
	(len as u64).div_ceil(8)
}

/// Checks the parameters and that the circuit fits in `2^MAX_DEGREE_BITS` rows.
pub fn validate<W: Circuit>(circuit: &W) -> Result<(), CircuitError> {
	circuit.check_params()?;
	if estimated_rows(circuit) > 1 << MAX_DEGREE_BITS {
		return Err(CircuitError::InvalidParams {
			workload: W::KIND.name(),
			reason: "the circuit would exceed 2^MAX_DEGREE_BITS rows",
		});
	}
	Ok(())
}

/// A built circuit and its input targets.
pub(crate) struct Built {
	/// plonky2's prover and verifier data.
	pub data: CircuitData<F, C, D>,
	/// The input targets, in input order.
	pub input: Vec<Target>,
}

/// Builds `circuit` in the common layout (see the module docs).
pub(crate) fn build<W: Circuit>(circuit: &W) -> Result<Built, CircuitError> {
	validate(circuit)?;
	let mut builder = CircuitBuilder::<F, D>::new(config());
	let input = builder.add_virtual_targets(circuit.input_len());
	let hash = builder.hash_n_to_hash_no_pad::<PoseidonHash>(input.clone());
	builder.register_public_inputs(&hash.elements);
	let output = circuit.define(&mut builder, &input);
	debug_assert_eq!(output.len(), circuit.output_len());
	builder.register_public_inputs(&output);
	Ok(Built { data: builder.build::<C>(), input })
}
