//! # Plonky2 verification for the Prova runtime
//!
//! The chain decides by itself whether a proof is valid, so Plonky2's verifier
//! runs inside the runtime's `no_std` WASM. This crate is that boundary:
//!
//! - [`verify`] checks a serialized proof against serialized verifier data
//!   (plonky2's own `VerifierCircuitData` serializer with its default gate set),
//!   for the configuration Prova supports: Goldilocks field, Poseidon hashing,
//!   quadratic extension ([`F`], [`C`], [`D`]);
//! - [`Plonky2VerifierApi`] exposes it as a runtime API, so anyone can ask a
//!   node's runtime, through `state_call`, whether a proof verifies: the same
//!   code the market will use on-chain, compiled to WASM.
//!
//! Cheap checks come first (sizes) so that oversized input is refused before any
//! parsing; each rejection keeps its reason in [`VerifyError`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use plonky2::{
	field::goldilocks_field::GoldilocksField,
	plonk::{
		circuit_data::VerifierCircuitData, config::PoseidonGoldilocksConfig,
		proof::ProofWithPublicInputs,
	},
	util::serialization::DefaultGateSerializer,
};
use scale_info::TypeInfo;

/// Extension degree of the field Prova's circuits use.
pub const D: usize = 2;
/// Hashing configuration: Poseidon over Goldilocks.
pub type C = PoseidonGoldilocksConfig;
/// Base field: Goldilocks (p = 2^64 - 2^32 + 1).
pub type F = GoldilocksField;

/// Largest serialized verifier data accepted (verifier-only plus common data).
pub const MAX_VERIFIER_DATA_BYTES: usize = 64 * 1024;
/// Largest serialized proof (with public inputs) accepted.
pub const MAX_PROOF_BYTES: usize = 1024 * 1024;

/// Why a proof was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum VerifyError {
	/// The verifier data is larger than [`MAX_VERIFIER_DATA_BYTES`].
	VerifierDataTooLarge,
	/// The proof is larger than [`MAX_PROOF_BYTES`].
	ProofTooLarge,
	/// The verifier data does not deserialize with plonky2's default gate set.
	MalformedVerifierData,
	/// The proof does not deserialize against the circuit's common data.
	MalformedProof,
	/// The proof deserializes but the verifier rejects it.
	InvalidProof,
}

/// Verifies `proof` (a serialized `ProofWithPublicInputs`) against
/// `verifier_data` (a serialized `VerifierCircuitData`).
pub fn verify(verifier_data: &[u8], proof: &[u8]) -> Result<(), VerifyError> {
	if verifier_data.len() > MAX_VERIFIER_DATA_BYTES {
		return Err(VerifyError::VerifierDataTooLarge);
	}
	if proof.len() > MAX_PROOF_BYTES {
		return Err(VerifyError::ProofTooLarge);
	}
	let circuit =
		VerifierCircuitData::<F, C, D>::from_bytes(verifier_data.to_vec(), &DefaultGateSerializer)
			.map_err(|_| VerifyError::MalformedVerifierData)?;
	let proof = ProofWithPublicInputs::<F, C, D>::from_bytes(proof.to_vec(), &circuit.common)
		.map_err(|_| VerifyError::MalformedProof)?;
	circuit.verify(proof).map_err(|_| VerifyError::InvalidProof)
}

sp_api::decl_runtime_apis! {
	/// Plonky2 verification as a service of the runtime.
	pub trait Plonky2VerifierApi {
		/// Whether `proof` verifies against `verifier_data`; both in plonky2's
		/// own serialization (see [`verify`]).
		fn verify(verifier_data: Vec<u8>, proof: Vec<u8>) -> Result<(), VerifyError>;
	}
}

/// plonky2_field enables rand's `getrandom` feature. The runtime has no entropy
/// source, and plonky2's verifier never draws randomness, so every request for
/// random bytes fails instead of linking an import the host cannot provide.
#[cfg(all(target_family = "wasm", target_os = "none"))]
mod no_entropy {
	fn refuse(_buf: &mut [u8]) -> Result<(), getrandom::Error> {
		Err(getrandom::Error::UNSUPPORTED)
	}
	getrandom::register_custom_getrandom!(refuse);
}

#[cfg(test)]
mod tests;
