//! Proving: the backend that runs plonky2, and the circuits it proves.
//!
//! A [`ProvingBackend`] turns a built circuit and an input into a proof. The
//! CPU backend is plonky2's own prover, parallel through rayon; a GPU backend
//! implements the same trait. [`CircuitProver`] sits in front: it rebuilds a
//! listed circuit from its descriptor once, checks that the result is the
//! circuit the chain knows (same verifier-data hash), and keeps it for the
//! next request.

use crate::chain::Job;
use prova_circuits::{CircuitHandle, Proved, Workload};
use std::{
	collections::HashMap,
	fmt,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use subxt::utils::H256;

/// A finished proof, ready for `submit_proof`.
#[derive(Clone, Debug, PartialEq, Eq, codec::Encode, codec::Decode)]
pub struct ProofOutput {
	/// The proof's public inputs: input commitment, then output.
	pub public_inputs: Vec<u64>,
	/// The serialized proof.
	pub proof: Vec<u8>,
}

/// Why a job could not be proved.
#[derive(Debug, thiserror::Error)]
pub enum ProveError {
	/// This client cannot rebuild the listed circuit.
	#[error("cannot rebuild circuit {circuit:?}: {reason}")]
	UnknownCircuit {
		/// The circuit.
		circuit: H256,
		/// Why.
		reason: String,
	},
	/// The input does not fit the circuit (the chain checks length and
	/// canonical form, so this means the listing lies about the circuit).
	#[error("bad input: {0}")]
	BadInput(String),
	/// The backend failed.
	#[error("proving failed: {0}")]
	Backend(String),
}

/// Where proofs are computed.
pub trait ProvingBackend: Send + Sync {
	/// A short name for logs and metrics (`cpu`, `gpu`).
	fn name(&self) -> &'static str;

	/// Proves `input` (request bytes) with `circuit`.
	fn prove(&self, circuit: &CircuitHandle, input: &[u8]) -> Result<Proved, ProveError>;
}

/// plonky2's prover on the CPU; rayon spreads each proof over all cores.
#[derive(Clone, Copy, Debug, Default)]
pub struct CpuBackend;

impl ProvingBackend for CpuBackend {
	fn name(&self) -> &'static str {
		"cpu"
	}

	fn prove(&self, circuit: &CircuitHandle, input: &[u8]) -> Result<Proved, ProveError> {
		circuit.prove_bytes(input).map_err(|e| match e {
			prova_circuits::CircuitError::Proving(_) | prova_circuits::CircuitError::Witness(_) => {
				ProveError::Backend(format!("{e:#}"))
			}
			other => ProveError::BadInput(other.to_string()),
		})
	}
}

/// Which backend to prove with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
	/// plonky2 on the CPU, with rayon.
	Cpu,
	/// wgpu compute shaders (not in this build yet).
	Gpu,
}

impl fmt::Display for BackendKind {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			BackendKind::Cpu => "cpu",
			BackendKind::Gpu => "gpu",
		})
	}
}

/// Makes the backend asked for. The GPU backend does not exist yet: asking
/// for it falls back to the CPU with a warning, as it will when no usable GPU
/// is present.
pub fn make_backend(kind: BackendKind) -> Arc<dyn ProvingBackend> {
	match kind {
		BackendKind::Cpu => Arc::new(CpuBackend),
		BackendKind::Gpu => {
			tracing::warn!("the GPU backend is not part of this build; proving on the CPU instead");
			Arc::new(CpuBackend)
		}
	}
}

/// Proves jobs: what the daemon needs of the proving side. The daemon runs
/// it on a blocking thread.
pub trait JobProver: Send + Sync + 'static {
	/// Proves `job` for the circuit described by `descriptor`.
	fn prove(&self, job: &Job, descriptor: &str) -> Result<ProofOutput, ProveError>;

	/// How long a proof of `circuit` took last time, if one was made.
	fn estimate(&self, circuit: H256) -> Option<Duration>;
}

/// Rebuilds listed circuits (once each) and proves with a backend.
pub struct CircuitProver {
	backend: Arc<dyn ProvingBackend>,
	circuits: Mutex<HashMap<H256, Arc<CircuitHandle>>>,
	timings: Mutex<HashMap<H256, Duration>>,
}

impl CircuitProver {
	/// A prover using `backend`.
	pub fn new(backend: Arc<dyn ProvingBackend>) -> Self {
		CircuitProver { backend, circuits: Mutex::default(), timings: Mutex::default() }
	}

	/// The backend's name.
	pub fn backend_name(&self) -> &'static str {
		self.backend.name()
	}

	/// The circuit `circuit`, rebuilt from `descriptor` on first use. Refuses
	/// a descriptor whose circuit hashes to a different id: proving it would
	/// only earn a slash.
	pub fn circuit(
		&self,
		circuit: H256,
		descriptor: &str,
	) -> Result<Arc<CircuitHandle>, ProveError> {
		if let Some(handle) = self.circuits.lock().expect("not poisoned").get(&circuit) {
			return Ok(handle.clone());
		}
		let unknown = |reason: String| ProveError::UnknownCircuit { circuit, reason };
		let workload = Workload::from_descriptor(descriptor).map_err(|e| unknown(e.to_string()))?;
		let started = Instant::now();
		let handle = workload.build().map_err(|e| unknown(e.to_string()))?;
		let verifier_data = handle.verifier_data_bytes().map_err(|e| unknown(e.to_string()))?;
		let id = H256(sp_crypto_hashing::blake2_256(&verifier_data));
		if id != circuit {
			return Err(unknown(format!(
				"`{descriptor}` builds circuit {id:?}; this client's circuit library differs from the one that registered it"
			)));
		}
		tracing::info!(%workload, degree_bits = handle.degree_bits(), build_ms = started.elapsed().as_millis() as u64, "circuit built");
		let handle = Arc::new(handle);
		self.circuits.lock().expect("not poisoned").insert(circuit, handle.clone());
		Ok(handle)
	}
}

impl JobProver for CircuitProver {
	fn prove(&self, job: &Job, descriptor: &str) -> Result<ProofOutput, ProveError> {
		let circuit = self.circuit(job.circuit, descriptor)?;
		let started = Instant::now();
		let proved = self.backend.prove(&circuit, &job.input)?;
		self.timings.lock().expect("not poisoned").insert(job.circuit, started.elapsed());
		Ok(ProofOutput { public_inputs: proved.public_inputs(), proof: proved.proof_bytes() })
	}

	fn estimate(&self, circuit: H256) -> Option<Duration> {
		self.timings.lock().expect("not poisoned").get(&circuit).copied()
	}
}
