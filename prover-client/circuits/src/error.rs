//! Why building, proving or verifying a circuit failed.
//!
//! Rejections of untrusted data (input bytes, verifier data, proofs) keep their
//! reason, so the daemon can tell a malformed request from a prover bug.

use crate::WorkloadKind;

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
pub enum CircuitError {
	/// Input bytes are not a whole number of 8-byte field elements.
	#[error("input is {len} bytes, not a whole number of 8-byte field elements")]
	InputNotElements {
		/// Length of the input, in bytes.
		len: usize,
	},
	/// An input word is not a canonical Goldilocks element (it is `>= p`).
	#[error("input element {index} is {value:#x}, not below the Goldilocks modulus")]
	NonCanonicalElement {
		/// Position of the element in the input.
		index: usize,
		/// The offending word.
		value: u64,
	},
	/// The input does not have the shape the workload's parameters require.
	#[error("{workload} expects {expected} input elements, got {got}")]
	InputLength {
		/// The workload's name.
		workload: &'static str,
		/// Elements the workload's parameters require.
		expected: usize,
		/// Elements given.
		got: usize,
	},
	/// The input's elements are not arranged as the workload requires.
	#[error("{workload} input is malformed: {reason}")]
	InputShape {
		/// The workload's name.
		workload: &'static str,
		/// What is wrong with it.
		reason: &'static str,
	},
	/// An input of one workload was given to another.
	#[error("{expected} was given an input for {got}")]
	WrongInputKind {
		/// The workload that was asked.
		expected: WorkloadKind,
		/// The workload the input belongs to.
		got: WorkloadKind,
	},
	/// A claimed output does not have the workload's output length.
	#[error("{workload} outputs {expected} elements, got {got}")]
	OutputLength {
		/// The workload's name.
		workload: &'static str,
		/// Output elements of the workload.
		expected: usize,
		/// Elements given.
		got: usize,
	},
	/// The workload's parameters are out of range.
	#[error("invalid parameters for {workload}: {reason}")]
	InvalidParams {
		/// The workload's name.
		workload: &'static str,
		/// What is wrong with them.
		reason: &'static str,
	},
	/// A degree outside `MIN_DEGREE_BITS..=MAX_DEGREE_BITS` was asked of `for_degree`.
	#[error(
		"degree bits {0} outside the supported range {min}..={max}",
		min = crate::MIN_DEGREE_BITS,
		max = crate::MAX_DEGREE_BITS
	)]
	UnsupportedDegree(usize),
	/// No workload has this name.
	#[error("unknown workload `{0}`")]
	UnknownWorkload(String),
	/// A listing descriptor is not `name/version?key=value&...` with this
	/// library's names, versions and parameters.
	#[error("bad circuit descriptor `{descriptor}`: {reason}")]
	BadDescriptor {
		/// The descriptor.
		descriptor: String,
		/// What is wrong with it.
		reason: String,
	},
	/// plonky2 failed to serialize circuit data.
	#[error("serializing circuit data failed")]
	Serialization,
	/// The verifier data does not deserialize with plonky2's default gate set.
	#[error("malformed verifier data")]
	MalformedVerifierData,
	/// The proof does not deserialize against the circuit's common data.
	#[error("malformed proof")]
	MalformedProof,
	/// The witness could not be set or generated (a bug: inputs are checked first).
	#[error("witness generation failed")]
	Witness(#[source] anyhow::Error),
	/// The plonky2 prover failed.
	#[error("proving failed")]
	Proving(#[source] anyhow::Error),
	/// The proof deserializes but the verifier rejects it.
	#[error("proof rejected")]
	InvalidProof(#[source] anyhow::Error),
}
