//! [`CircuitHandle`]: a built circuit that proves inputs, and the serialized
//! forms the chain stores (verifier data) and receives (proofs).
//!
//! Serialization is plonky2's own: `VerifierCircuitData::to_bytes` with the
//! `DefaultGateSerializer`, and `ProofWithPublicInputs::to_bytes`, which is
//! what the runtime's verifier reads.

use crate::{
	circuit::Built,
	encoding::to_u64s,
	workload::{Input, Workload},
	CircuitError, C, D, F, HASH_LEN,
};
use log::Level;
use plonky2::{
	iop::{
		target::Target,
		witness::{PartialWitness, WitnessWrite},
	},
	plonk::{
		circuit_data::{
			CircuitData, CommonCircuitData, ProverOnlyCircuitData, VerifierCircuitData,
		},
		proof::ProofWithPublicInputs,
		prover::prove,
	},
	util::{serialization::DefaultGateSerializer, timing::TimingTree},
};

/// A built circuit: plonky2's circuit data for one [`Workload`] and the
/// targets its input is written to.
pub struct CircuitHandle {
	workload: Workload,
	data: CircuitData<F, C, D>,
	input: Vec<Target>,
}

/// A proof and the output it proves.
#[derive(Clone, Debug)]
pub struct Proved {
	/// The proof with its public inputs (`Poseidon(input) ++ output`).
	pub proof: ProofWithPublicInputs<F, C, D>,
	/// The workload's output for the input (the public inputs after the hash).
	pub output: Vec<u64>,
}

impl Proved {
	/// The proof in plonky2's serialization, as submitted to the chain.
	pub fn proof_bytes(&self) -> Vec<u8> {
		self.proof.to_bytes()
	}

	/// The proof's public inputs, as canonical words.
	pub fn public_inputs(&self) -> Vec<u64> {
		to_u64s(&self.proof.public_inputs)
	}
}

impl CircuitHandle {
	pub(crate) fn new(workload: Workload, built: Built) -> Self {
		CircuitHandle { workload, data: built.data, input: built.input }
	}

	/// The workload this circuit was built for.
	pub fn workload(&self) -> &Workload {
		&self.workload
	}

	/// plonky2's circuit data (prover and verifier parts).
	pub fn data(&self) -> &CircuitData<F, C, D> {
		&self.data
	}

	/// log2 of the circuit's rows.
	pub fn degree_bits(&self) -> usize {
		self.data.common.degree_bits()
	}

	/// Bytes this built circuit holds in memory, about: mostly the prover's
	/// commitment to the constants and permutation (coefficients, their
	/// low-degree extension and its Merkle tree), which grows with the rows
	/// (several GiB at 2^20). What a cache of built circuits weighs.
	pub fn resident_bytes(&self) -> u64 {
		const WORD: usize = std::mem::size_of::<F>();
		let prover = &self.data.prover_only;
		let commitment = &prover.constants_sigmas_commitment;
		let coefficients: usize = commitment.polynomials.iter().map(|p| p.len()).sum();
		let tree = &commitment.merkle_tree;
		let leaves: usize = tree.leaves.iter().map(|leaf| leaf.len() * WORD + 24).sum();
		let digests = tree.digests.len() * 32;
		let sigmas: usize = prover.sigmas.iter().map(Vec::len).sum();
		let per_row = prover.subgroup.len() + prover.representative_map.len();
		let roots: usize =
			prover.fft_root_table.iter().flatten().map(|level| level.len()).sum::<usize>();
		(coefficients * WORD + leaves + digests + (sigmas + per_row + roots) * WORD) as u64
	}

	/// The verifier data (verifier-only and common data).
	pub fn verifier_data(&self) -> VerifierCircuitData<F, C, D> {
		self.data.verifier_data()
	}

	/// The verifier data in plonky2's serialization with the default gate set:
	/// what is registered on chain.
	pub fn verifier_data_bytes(&self) -> Result<Vec<u8>, CircuitError> {
		self.verifier_data()
			.to_bytes(&DefaultGateSerializer)
			.map_err(|_| CircuitError::Serialization)
	}

	/// Proves the workload on `input`.
	pub fn prove(&self, input: &Input) -> Result<Proved, CircuitError> {
		self.prove_with_timing(input, &mut TimingTree::new("prove", Level::Debug))
	}

	/// Proves the workload on a request's input bytes (see
	/// [`Workload::decode_input`]).
	pub fn prove_bytes(&self, input: &[u8]) -> Result<Proved, CircuitError> {
		self.prove(&self.workload.decode_input(input)?)
	}

	/// Proves the workload on `input`, recording plonky2's prover stages in
	/// `timing` (print it with `TimingTree::print` and a `log` logger).
	pub fn prove_with_timing(
		&self,
		input: &Input,
		timing: &mut TimingTree,
	) -> Result<Proved, CircuitError> {
		self.prove_with(input, |prover, common, witness| {
			prove::<F, C, D>(prover, common, witness, timing)
		})
	}

	/// Proves the workload on `input` with another prover than plonky2's
	/// (the `prova-pipeline` crate's, for example): builds the input's partial
	/// witness, as the other methods do, and calls `prove` with it and the
	/// circuit's data. An error of `prove` is returned as
	/// [`CircuitError::Proving`].
	pub fn prove_with(
		&self,
		input: &Input,
		prove: impl FnOnce(
			&ProverOnlyCircuitData<F, C, D>,
			&CommonCircuitData<F, D>,
			PartialWitness<F>,
		) -> anyhow::Result<ProofWithPublicInputs<F, C, D>>,
	) -> Result<Proved, CircuitError> {
		let elements = self.workload.input_elements(input)?;
		let mut witness = PartialWitness::new();
		for (&target, &value) in self.input.iter().zip(&elements) {
			witness.set_target(target, value).map_err(CircuitError::Witness)?;
		}
		let proof = prove(&self.data.prover_only, &self.data.common, witness)
			.map_err(CircuitError::Proving)?;
		let output = match proof.public_inputs.get(HASH_LEN..) {
			Some(output) => to_u64s(output),
			None => {
				return Err(CircuitError::Proving(anyhow::anyhow!("proof lacks public inputs")))
			}
		};
		Ok(Proved { proof, output })
	}

	/// [`prove_with`](Self::prove_with) on a request's input bytes (see
	/// [`Workload::decode_input`]).
	pub fn prove_bytes_with(
		&self,
		input: &[u8],
		prove: impl FnOnce(
			&ProverOnlyCircuitData<F, C, D>,
			&CommonCircuitData<F, D>,
			PartialWitness<F>,
		) -> anyhow::Result<ProofWithPublicInputs<F, C, D>>,
	) -> Result<Proved, CircuitError> {
		self.prove_with(&self.workload.decode_input(input)?, prove)
	}

	/// Verifies `proof` against this circuit.
	pub fn verify(&self, proof: &ProofWithPublicInputs<F, C, D>) -> Result<(), CircuitError> {
		self.data.verify(proof.clone()).map_err(CircuitError::InvalidProof)
	}
}

/// Verifies serialized `proof` against serialized `verifier_data`, as the
/// runtime does; returns the proof's public inputs.
///
/// Meant for the prover's own output (a check before submitting) and for tests:
/// plonky2's deserializer trusts length prefixes, so untrusted bytes belong to
/// the runtime's hardened verifier.
pub fn verify(verifier_data: &[u8], proof: &[u8]) -> Result<Vec<u64>, CircuitError> {
	let circuit =
		VerifierCircuitData::<F, C, D>::from_bytes(verifier_data.to_vec(), &DefaultGateSerializer)
			.map_err(|_| CircuitError::MalformedVerifierData)?;
	let proof = ProofWithPublicInputs::<F, C, D>::from_bytes(proof.to_vec(), &circuit.common)
		.map_err(|_| CircuitError::MalformedProof)?;
	let public_inputs = to_u64s(&proof.public_inputs);
	circuit.verify(proof).map_err(CircuitError::InvalidProof)?;
	Ok(public_inputs)
}
