//! The workloads: each a parameter struct implementing [`Circuit`](crate::Circuit)
//! and its typed input.

pub mod fibonacci;
pub mod merkle_root;
pub mod poseidon_chain;

use crate::F;
use plonky2::field::types::{Field, PrimeField64};

/// A deterministic, canonical pseudo-random element for sample inputs
/// (splitmix64 of `seed` and `index`, reduced below the modulus).
pub(crate) fn sample_element(seed: u64, index: u64) -> u64 {
	let mut z = seed.wrapping_add(index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
	z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
	z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
	F::from_noncanonical_u64(z ^ (z >> 31)).to_canonical_u64()
}
