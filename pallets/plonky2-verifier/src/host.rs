//! Plonky2 verification as a host function.
//!
//! The runtime's WASM verifies a proof 4 to 5 times slower than the same
//! code compiled natively, and verification is most of what settling a proof
//! costs. [`proof_verification::verify`] runs [`verifier::check_and_verify`]
//! (the size caps, the bounded parsing of untrusted bytes, the shape checks
//! and plonky2's verifier: the very code the runtime would run) natively in the
//! node; the runtime calls it like any `sp_io` function.
//!
//! ## Consensus safety
//! Every validator must reach the same answer, and a node must import old
//! blocks with the answers they were made with:
//!
//! - **Deterministic.** The verified path (bounded deserialization, plonky2's
//!   `verify`: Fiat–Shamir with Poseidon, gate evaluation at one point, FRI
//!   queries with Merkle paths) is integer arithmetic over Goldilocks on one
//!   thread: no floating point, no threads (plonky2's verifier has no
//!   parallel iteration), no randomness (the runtime's `getrandom` refuses,
//!   and the verifier never asks). Allocation is bounded by the input (the
//!   bounded reader), so the host cannot run out of memory on hostile bytes.
//! - **The same result as in WASM.** The function body is the code the
//!   runtime compiled to WASM before this interface existed; the runtime API
//!   `Plonky2VerifierApi::verify_in_wasm` still runs it in WASM, and the
//!   node's tests verify every fixture and hundreds of corrupted proofs both
//!   ways and compare the results, error for error.
//! - **Versioned.** This is version 1 of `proof_verification::verify`. A
//!   change of what it accepts (another plonky2, other limits) is a new
//!   `#[version(2)]` function beside it; version 1 stays in the node for as
//!   long as blocks that call it may be imported. Operators must upgrade the
//!   node binary (which registers the host functions, see
//!   `node/src/service.rs`) before the runtime that calls a new version is
//!   enacted: an old node cannot execute such a runtime and stops importing.
//!   What version 1 answers is pinned twice: plonky2 is `=1.1.0` in the
//!   workspace, and the node's test checks a digest of its verdicts on the
//!   fixtures and 360 corrupted inputs, so a change to this code or to what
//!   it calls fails that test instead of silently changing version 1.
//! - **The same integers.** The runtime's WASM has 32-bit `usize`, the node
//!   64-bit: every length plonky2 reads goes through the bounded reader or is
//!   checked by the gate serializer first (the coset interpolation gate's
//!   weight count), so no input can parse in one and not the other.
//!
//! ## Upgrading a live chain to this runtime (spec 106)
//! Every validator, RPC and archive node must run a node binary with this
//! host function before the upgrade is enacted. `set_code` itself succeeds
//! on an old node, but from the next block on it cannot execute the runtime
//! and stops importing (validators on it miss their slots; more than a third
//! of them stalls finality); it catches up once its binary is upgraded. Tools
//! that execute the runtime (try-runtime, frame-omni-bencher, chopsticks,
//! smoldot) must register the function too, or allow missing host functions.
//!
//! The weight of a verification is still its benchmark (`verify_proof(d)`),
//! now measured with this function in the benchmarking node.

use crate::verifier;
use alloc::vec::Vec;
use prova_primitives::proofs::VerifyError;
use sp_runtime_interface::{
	pass_by::{AllocateAndReturnByCodec, PassFatPointerAndDecode, PassFatPointerAndRead},
	runtime_interface,
};

/// The limits a verification checks the circuit against, as the host
/// function takes them: largest degree, most public inputs, and whether the
/// gate bounds apply (see [`verifier::Limits`]).
pub type EncodedLimits = (u32, u32, bool);

/// `limits` as the host function takes them.
pub fn encode_limits(limits: &verifier::Limits) -> EncodedLimits {
	(limits.max_degree_bits, limits.max_public_inputs, limits.bounds_gates())
}

/// The limits the host function was given.
pub fn decode_limits(
	(max_degree_bits, max_public_inputs, gates): EncodedLimits,
) -> verifier::Limits {
	let limits =
		verifier::Limits { max_degree_bits, max_public_inputs, ..verifier::Limits::default() };
	if gates {
		limits
	} else {
		limits.without_gate_bounds()
	}
}

/// Plonky2 verification, computed by the node.
#[runtime_interface]
pub trait ProofVerification {
	/// Checks `verifier_data` against `limits` and verifies `proof` for it
	/// (with exactly `expected_public_inputs`, when given):
	/// [`verifier::check_and_verify`], natively.
	fn verify(
		verifier_data: PassFatPointerAndRead<&[u8]>,
		proof: PassFatPointerAndRead<&[u8]>,
		expected_public_inputs: PassFatPointerAndDecode<Option<Vec<u64>>>,
		limits: PassFatPointerAndDecode<EncodedLimits>,
	) -> AllocateAndReturnByCodec<Result<(), VerifyError>> {
		verifier::check_and_verify(
			verifier_data,
			proof,
			expected_public_inputs.as_deref(),
			&decode_limits(limits),
		)
	}
}

/// The host functions a node must register to execute Prova's runtime.
#[cfg(not(substrate_runtime))]
pub type HostFunctions = proof_verification::HostFunctions;
