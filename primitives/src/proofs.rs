//! The vocabulary of proof verification shared by the verifier pallet, the
//! proof market and the prover client.
//!
//! A circuit is known on chain by the hash of its serialized verifier data
//! ([`CircuitId`]). The market asks a [`ProofVerifier`] whether a proof of a
//! registered circuit, with given public inputs, is valid; the reason for a
//! rejection stays typed ([`VerifyError`]) so a requester, a prover and the
//! chain all see why.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchResult, Weight};

/// A registered circuit: `blake2_256` of its serialized verifier data.
pub type CircuitId = sp_core::H256;

/// Why a circuit or a proof was not accepted, from the cheapest check to the last.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum VerifyError {
	/// The verifier data is larger than accepted.
	VerifierDataTooLarge,
	/// The proof is larger than accepted.
	ProofTooLarge,
	/// The verifier data does not deserialize with plonky2's default gate set.
	MalformedVerifierData,
	/// The circuit's configuration is not the one Prova verifies (see the verifier pallet).
	UnsupportedConfig,
	/// The circuit's degree is above the supported maximum.
	DegreeTooLarge,
	/// The circuit has more public inputs than supported.
	TooManyPublicInputs,
	/// No circuit is registered under this id.
	UnknownCircuit,
	/// The proof does not deserialize against the circuit.
	MalformedProof,
	/// The proof's public inputs are not the ones expected.
	PublicInputsMismatch,
	/// The proof is well formed but the verifier rejects it.
	InvalidProof,
}

/// What the market needs to know of a registered circuit.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct CircuitSummary<AccountId> {
	/// Who registered it (and may list it on the market).
	pub owner: AccountId,
	/// `log2` of its rows: what proving it costs.
	pub degree_bits: u32,
	/// How many public inputs its proofs carry.
	pub public_inputs: u32,
}

/// Number of field elements of the input commitment at the start of a market
/// circuit's public inputs (a Poseidon digest).
pub const INPUT_COMMITMENT_LEN: usize = 4;

/// What the proof market needs from the verifier.
pub trait ProofVerifier<AccountId> {
	/// Verifies `proof` (plonky2's serialized `ProofWithPublicInputs`) for
	/// `circuit`, and that its public inputs are exactly `public_inputs`.
	fn verify(circuit: &CircuitId, public_inputs: &[u64], proof: &[u8]) -> Result<(), VerifyError>;

	/// The weight `verify` is charged for `circuit`, known before any proof
	/// arrives; `None` for an unknown circuit.
	fn verify_weight(circuit: &CircuitId) -> Option<Weight>;

	/// The registered circuit's owner and shape; `None` for an unknown circuit.
	fn circuit(circuit: &CircuitId) -> Option<CircuitSummary<AccountId>>;

	/// The commitment to an input (its elements as canonical `u64`s) that the
	/// public inputs of a market circuit start with: Poseidon's `hash_no_pad`.
	fn input_commitment(input: &[u64]) -> [u64; INPUT_COMMITMENT_LEN];

	/// Records that a listing or an open request uses `circuit`, so it cannot
	/// be unregistered.
	fn acquire(circuit: &CircuitId) -> DispatchResult;

	/// Ends one use recorded by `acquire`.
	fn release(circuit: &CircuitId);

	/// The circuit's verifier hash in the aggregated tier's statement
	/// (`prova_primitives::aggregation::verifier_hash` of its constants-sigmas
	/// cap and circuit digest): what a merge proof checks its children's
	/// verifier data against. `None` for an unknown circuit, or a verifier
	/// that does not support aggregation (the default).
	fn verifier_hash(_circuit: &CircuitId) -> Option<[u64; INPUT_COMMITMENT_LEN]> {
		None
	}
}
