//! # Prova's circuit library
//!
//! Prova sells proofs of *workloads*: named, versioned computations whose size
//! is set by a few parameters. A request names a circuit (registered on chain by
//! its Plonky2 verifier data) and carries an input; the elected prover runs the
//! computation, proves it, and submits the proof with its public inputs; the
//! chain checks that those public inputs bind the request's input and the
//! claimed output, then verifies the proof. This crate is the one place that
//! defines those circuits, so the prover daemon, the pallets' tests and the
//! benchmark fixtures all build byte-identical circuits.
//!
//! ## Terms
//!
//! - A [`Workload`] is one computation with its parameters (for example
//!   [`PoseidonChain`] with `steps = 4000`). Its [`name`](Workload::name) and
//!   [`version`](Workload::version) identify the circuit *shape*: building the
//!   same workload twice gives the same verifier data, so the on-chain circuit
//!   id (a hash of the verifier data) is a function of (name, version, params).
//!   A version is bumped whenever a change would alter the verifier data for
//!   the same parameters.
//! - Each workload implements [`Circuit`]: how its constraints are laid out,
//!   and a native (non-circuit) reference implementation of the same function.
//! - [`Workload::build`] returns a [`CircuitHandle`]: the built
//!   `CircuitData<F, C, D>` with its input targets, which proves an [`Input`].
//!
//! ## Inputs are field elements
//!
//! Every input is a sequence of Goldilocks elements, and its bytes are those
//! elements as 8-byte little-endian words, each canonical (below the modulus);
//! this is exactly what SCALE writes for a `[u64; N]`. The encoding does not
//! depend on the workload, so the runtime can hash a request's input
//! ([`input_hash`]) without knowing which workload it feeds. Malformed bytes
//! (a length that is not a multiple of 8, a non-canonical word, the wrong
//! number of elements for the workload) are refused by
//! [`Workload::decode_input`].
//!
//! ## Public inputs bind the input and the output
//!
//! Every circuit has the same public-input layout:
//!
//! ```text
//! [ h0, h1, h2, h3,  o0, o1, ..., o_{m-1} ]
//!   Poseidon(input)  output
//! ```
//!
//! where `h = PoseidonHash::hash_no_pad(input elements)` is computed inside the
//! circuit from the very targets the computation reads. A proof therefore says
//! "the workload maps the input whose hash is `h` to the output `o`". The chain,
//! knowing the request's input bytes and the claimed output, computes the
//! expected public inputs with [`public_inputs`] and asks the verifier to accept
//! the proof only for exactly those.
//!
//! ## Sizes
//!
//! Proving cost is set by the circuit's degree (rows, a power of two).
//! [`Workload::for_degree`] picks parameters whose circuit has exactly the
//! asked degree, for each degree in [`MIN_DEGREE_BITS`]`..=`[`MAX_DEGREE_BITS`]
//! (`poseidon_chain` and `fibonacci` fill all but a few rows, `merkle_root`
//! three quarters), which is what the benchmarks and the fixtures
//! (`prova-fixtures`) sweep. Parameters whose circuit would exceed
//! `2^MAX_DEGREE_BITS` rows (the chain's limit) are refused.
//!
//! All circuits use plonky2's `standard_recursion_config` (Goldilocks,
//! Poseidon, 100-bit security, no zero knowledge), the configuration the
//! runtime verifies.

#![warn(missing_docs)]

pub mod aggregation;
pub mod circuit;
pub mod crafted;
pub mod encoding;
pub mod error;
pub mod handle;
pub mod workload;
pub mod workloads;

pub use circuit::Circuit;
pub use encoding::{decode_elements, encode_elements, input_hash, public_inputs};
pub use error::CircuitError;
pub use handle::{verify, CircuitHandle, Proved};
pub use workload::{Input, Workload, WorkloadKind};
pub use workloads::{
	fibonacci::{Fibonacci, FibonacciInput},
	merkle_root::{MerkleRoot, MerkleRootInput},
	poseidon_chain::{PoseidonChain, PoseidonChainInput},
};

use plonky2::{
	field::goldilocks_field::GoldilocksField,
	plonk::{circuit_data::CircuitConfig, config::PoseidonGoldilocksConfig},
};

/// Extension degree of the field (quadratic), as in the runtime's verifier.
pub const D: usize = 2;
/// Hashing configuration: Poseidon over Goldilocks.
pub type C = PoseidonGoldilocksConfig;
/// Base field: Goldilocks (p = 2^64 - 2^32 + 1).
pub type F = GoldilocksField;

/// Number of field elements of the input hash at the start of the public inputs.
pub const HASH_LEN: usize = 4;
/// Smallest degree [`Workload::for_degree`] sizes a circuit for.
pub const MIN_DEGREE_BITS: usize = 12;
/// Largest degree of any circuit this crate builds (the runtime's limit).
pub const MAX_DEGREE_BITS: usize = 20;

/// The configuration every Prova circuit is built with.
pub fn config() -> CircuitConfig {
	CircuitConfig::standard_recursion_config()
}

#[cfg(test)]
mod tests;
