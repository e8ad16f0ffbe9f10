//! Input bytes as field elements, and the public inputs that bind them.
//!
//! These functions know nothing about workloads: they are what the runtime
//! (or anyone holding a request's input bytes and a claimed output) needs to
//! compute the public inputs a proof must carry. They are small enough to
//! mirror in `no_std` code with plonky2's `PoseidonHash::hash_no_pad`.

use crate::{CircuitError, F, HASH_LEN};
use plonky2::{
	field::types::{Field, Field64, PrimeField64},
	hash::poseidon::PoseidonHash,
	plonk::config::Hasher,
};

/// Bytes of one encoded field element (a little-endian `u64`).
pub const ELEMENT_BYTES: usize = 8;

/// Decodes input bytes into field elements: 8-byte little-endian words, each
/// below the Goldilocks modulus. Refuses any other length or a non-canonical
/// word, so that every element sequence has exactly one encoding.
pub fn decode_elements(bytes: &[u8]) -> Result<Vec<F>, CircuitError> {
	if !bytes.len().is_multiple_of(ELEMENT_BYTES) {
		return Err(CircuitError::InputNotElements { len: bytes.len() });
	}
	bytes
		.chunks_exact(ELEMENT_BYTES)
		.enumerate()
		.map(|(index, word)| {
			let value = u64::from_le_bytes(word.try_into().expect("chunks are 8 bytes; qed"));
			to_field(index, value)
		})
		.collect()
}

/// Encodes field elements as input bytes (the inverse of [`decode_elements`]).
pub fn encode_elements(elements: &[F]) -> Vec<u8> {
	elements.iter().flat_map(|e| e.to_canonical_u64().to_le_bytes()).collect()
}

/// The Poseidon hash (`hash_no_pad`) of an input's elements: the first
/// [`HASH_LEN`] public inputs of every circuit.
pub fn input_hash(elements: &[F]) -> [u64; HASH_LEN] {
	PoseidonHash::hash_no_pad(elements).elements.map(|e| e.to_canonical_u64())
}

/// The public inputs a proof for `input_bytes` with `output` must carry:
/// the input's hash followed by the output. Refuses malformed input bytes.
///
/// Workload-specific checks (the input's length, the output's length) are in
/// [`Workload::public_inputs`](crate::Workload::public_inputs).
pub fn public_inputs(input_bytes: &[u8], output: &[u64]) -> Result<Vec<u64>, CircuitError> {
	let elements = decode_elements(input_bytes)?;
	Ok(layout(&elements, output))
}

/// The public-input layout: `input_hash(input) ++ output`.
pub(crate) fn layout(input: &[F], output: &[u64]) -> Vec<u64> {
	let mut pis = input_hash(input).to_vec();
	pis.extend_from_slice(output);
	pis
}

/// `value` as a field element, refusing a non-canonical word at `index`.
pub(crate) fn to_field(index: usize, value: u64) -> Result<F, CircuitError> {
	if value >= F::ORDER {
		return Err(CircuitError::NonCanonicalElement { index, value });
	}
	Ok(F::from_canonical_u64(value))
}

/// `values` as field elements, refusing any non-canonical word.
pub(crate) fn to_fields(values: &[u64]) -> Result<Vec<F>, CircuitError> {
	values.iter().enumerate().map(|(i, &v)| to_field(i, v)).collect()
}

/// Field elements as canonical words.
pub(crate) fn to_u64s(elements: &[F]) -> Vec<u64> {
	elements.iter().map(|e| e.to_canonical_u64()).collect()
}
