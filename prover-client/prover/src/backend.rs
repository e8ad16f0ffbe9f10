//! Proving: the backend that runs plonky2, and the circuits it proves.
//!
//! A [`ProvingBackend`] turns a built circuit and an input into a proof. The
//! CPU backend is plonky2's own prover, parallel through rayon; the GPU
//! backend runs the same proof with its polynomial commitments on a GPU
//! through wgpu and gives the same bytes. [`CircuitProver`] sits in front: it rebuilds a
//! listed circuit from its descriptor once, checks that the result is the
//! circuit the chain knows (same verifier-data hash), and keeps it for the
//! next request.

use crate::chain::Job;
use plonky2::util::timing::TimingTree;
use prova_circuits::{CircuitError, CircuitHandle, Proved, Workload};
use prova_gpu::{AdapterSummary, Gpu, GpuCommitter, GpuOptions};
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
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
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
	/// This machine has too little free memory for the circuit.
	#[error("a proof of 2^{degree_bits} rows needs about {needed_gib} GiB of memory; {available_gib} GiB are free")]
	OutOfMemory {
		/// The circuit's size.
		degree_bits: u32,
		/// The estimate of what proving it needs.
		needed_gib: u64,
		/// What the machine has free now.
		available_gib: u64,
	},
}

/// Bytes of memory a CPU proof needs per row of the circuit: a 2^20-row
/// proof peaks at about 33 GB (measured on the fixtures, see
/// `pallets/plonky2-verifier/fixtures/README.md`), about 31.5 KiB a row.
const PROVING_BYTES_PER_ROW: u64 = 33_000_000_000 >> 20;

/// Memory a proof of a circuit with about `rows` rows needs (its rows
/// rounded up to a power of two, as plonky2 pads them).
pub fn proving_memory(rows: u64) -> u64 {
	rows.max(1).next_power_of_two().saturating_mul(PROVING_BYTES_PER_ROW)
}

/// Memory this machine has free now (`MemAvailable` of `/proc/meminfo`);
/// `None` where that cannot be read.
pub fn available_memory() -> Option<u64> {
	meminfo_bytes("MemAvailable")
}

/// The `field` of `/proc/meminfo` (e.g. `MemTotal`), in bytes; `None` where
/// it cannot be read.
pub fn meminfo_bytes(field: &str) -> Option<u64> {
	let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
	let line = meminfo
		.lines()
		.find(|line| line.strip_prefix(field).is_some_and(|rest| rest.starts_with(':')))?;
	let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
	Some(kib.saturating_mul(1024))
}

/// Refuses a circuit of about `rows` rows that needs more memory than
/// `available` (bytes; unknown: no check).
pub fn check_memory(rows: u64, available: Option<u64>) -> Result<(), ProveError> {
	let needed = proving_memory(rows);
	match available {
		Some(available) if needed > available => Err(ProveError::OutOfMemory {
			degree_bits: rows.max(1).next_power_of_two().ilog2(),
			needed_gib: needed.div_ceil(1 << 30),
			available_gib: available >> 30,
		}),
		_ => Ok(()),
	}
}

/// Where proofs are computed.
pub trait ProvingBackend: Send + Sync {
	/// A short name for logs and metrics (`cpu`, `gpu`).
	fn name(&self) -> &'static str;

	/// Proves `input` (request bytes) with `circuit`.
	fn prove(&self, circuit: &CircuitHandle, input: &[u8]) -> Result<Proved, ProveError>;
}

/// Sorts a circuit error into a bad input or a backend failure.
fn prove_error(error: CircuitError) -> ProveError {
	match error {
		CircuitError::Proving(_) | CircuitError::Witness(_) => {
			ProveError::Backend(format!("{error:#}"))
		}
		other => ProveError::BadInput(other.to_string()),
	}
}

/// plonky2's prover on the CPU; rayon spreads each proof over all cores.
#[derive(Clone, Copy, Debug, Default)]
pub struct CpuBackend;

impl ProvingBackend for CpuBackend {
	fn name(&self) -> &'static str {
		"cpu"
	}

	fn prove(&self, circuit: &CircuitHandle, input: &[u8]) -> Result<Proved, ProveError> {
		circuit.prove_bytes(input).map_err(prove_error)
	}
}

/// Proving with the polynomial commitments (LDE and Merkle trees) on a GPU:
/// prova-pipeline's plonky2 prover with prova-gpu's committer. The proofs are
/// the ones the CPU backend makes, byte for byte.
pub struct GpuBackend {
	committer: GpuCommitter,
}

impl GpuBackend {
	/// A backend on an open GPU.
	pub fn new(gpu: Gpu) -> Self {
		GpuBackend { committer: GpuCommitter::new(gpu) }
	}

	/// The adapter it proves on.
	pub fn adapter(&self) -> &AdapterSummary {
		self.committer.gpu().adapter()
	}

	/// The committer its proofs use.
	pub fn committer(&self) -> &GpuCommitter {
		&self.committer
	}
}

impl ProvingBackend for GpuBackend {
	fn name(&self) -> &'static str {
		"gpu"
	}

	fn prove(&self, circuit: &CircuitHandle, input: &[u8]) -> Result<Proved, ProveError> {
		circuit
			.prove_bytes_with(input, |prover, common, witness| {
				prova_pipeline::prove(
					prover,
					common,
					witness,
					&self.committer,
					&mut TimingTree::default(),
				)
			})
			.map_err(prove_error)
	}
}

/// Which backend to prove with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
	/// A discrete or integrated GPU when there is one, else the CPU.
	/// Software adapters (lavapipe) are never chosen: they are slower than
	/// the CPU backend.
	Auto,
	/// A GPU through wgpu; a software adapter is accepted, with a warning.
	/// Without any usable adapter, the CPU, with a warning.
	Gpu,
	/// plonky2 on the CPU, with rayon.
	Cpu,
}

impl fmt::Display for BackendKind {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			BackendKind::Auto => "auto",
			BackendKind::Gpu => "gpu",
			BackendKind::Cpu => "cpu",
		})
	}
}

/// Makes the backend asked for. A GPU that cannot be used (no adapter, no
/// device) means the CPU backend, with a log line saying why; so does a GPU
/// batch that fails later (out of memory, say), batch by batch, inside the
/// committer.
pub fn make_backend(kind: BackendKind, adapter_name: Option<&str>) -> Arc<dyn ProvingBackend> {
	let options = |allow_software| GpuOptions {
		allow_software,
		adapter_name: adapter_name.map(str::to_owned),
		..Default::default()
	};
	match kind {
		BackendKind::Cpu => Arc::new(CpuBackend),
		BackendKind::Auto => match Gpu::open(&options(false)) {
			Ok(gpu) => Arc::new(GpuBackend::new(gpu)),
			Err(error) => {
				tracing::info!(%error, "no hardware GPU to use; proving on the CPU");
				Arc::new(CpuBackend)
			}
		},
		BackendKind::Gpu => match Gpu::open(&options(true)) {
			Ok(gpu) => {
				if !gpu.adapter().hardware {
					tracing::warn!(adapter = %gpu.adapter(), "the GPU backend runs on a software adapter: correct, but slower than --backend cpu");
				}
				Arc::new(GpuBackend::new(gpu))
			}
			Err(error) => {
				tracing::warn!(%error, "the GPU cannot be used; proving on the CPU instead");
				Arc::new(CpuBackend)
			}
		},
	}
}

/// Proves jobs: what the daemon needs of the proving side. The daemon runs
/// it on a blocking thread.
pub trait JobProver: Send + Sync + 'static {
	/// Proves `job` for the circuit described by `descriptor`.
	fn prove(&self, job: &Job, descriptor: &str) -> Result<ProofOutput, ProveError>;

	/// How long a proof of `circuit` took last time, if one was made.
	fn estimate(&self, circuit: H256) -> Option<Duration>;

	/// Makes sure `circuit` can be proved before a job of it is taken: that
	/// this machine has the memory its size needs, and rebuilds it from
	/// `descriptor` (once) to check it is the circuit the chain registered.
	/// Blocking; may take seconds for a large circuit.
	fn prepare(&self, circuit: H256, descriptor: &str) -> Result<(), ProveError>;
}

/// Rebuilds listed circuits (once each) and proves with a backend.
pub struct CircuitProver {
	backend: Arc<dyn ProvingBackend>,
	circuits: Mutex<HashMap<H256, Arc<CircuitHandle>>>,
	/// Circuits found unprovable here, with why: a listing whose descriptor
	/// builds another circuit is refused again at once, not rebuilt for
	/// every offer of it.
	refused: Mutex<HashMap<H256, ProveError>>,
	timings: Mutex<HashMap<H256, Duration>>,
}

impl CircuitProver {
	/// A prover using `backend`.
	pub fn new(backend: Arc<dyn ProvingBackend>) -> Self {
		CircuitProver {
			backend,
			circuits: Mutex::default(),
			refused: Mutex::default(),
			timings: Mutex::default(),
		}
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
		if let Some(error) = self.refused.lock().expect("not poisoned").get(&circuit) {
			return Err(error.clone());
		}
		let built = self.build(circuit, descriptor);
		// What a descriptor builds does not change (free memory does).
		if let Err(error @ ProveError::UnknownCircuit { .. }) = &built {
			self.refused.lock().expect("not poisoned").insert(circuit, error.clone());
		}
		built
	}

	/// Builds `circuit` from `descriptor` and keeps it, if it is the
	/// registered circuit and fits in memory.
	fn build(&self, circuit: H256, descriptor: &str) -> Result<Arc<CircuitHandle>, ProveError> {
		let unknown = |reason: String| ProveError::UnknownCircuit { circuit, reason };
		let workload = Workload::from_descriptor(descriptor).map_err(|e| unknown(e.to_string()))?;
		// Building a circuit too large for this machine would take it down,
		// and every job it holds with it.
		check_memory(workload.estimated_rows(), available_memory())?;
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

	fn prepare(&self, circuit: H256, descriptor: &str) -> Result<(), ProveError> {
		self.circuit(circuit, descriptor).map(drop)
	}
}

#[cfg(test)]
mod memory_tests {
	use super::*;

	#[test]
	fn a_circuit_larger_than_the_free_memory_is_refused_with_both_numbers() {
		const GIB: u64 = 1 << 30;
		// 2^20 rows need about 31 GiB: refused on a 24 GiB machine, taken on 64.
		assert_eq!(
			check_memory(1 << 20, Some(24 * GIB)),
			Err(ProveError::OutOfMemory { degree_bits: 20, needed_gib: 31, available_gib: 24 })
		);
		assert_eq!(check_memory(1 << 20, Some(64 * GIB)), Ok(()));
		// Rows are padded to a power of two; unknown free memory checks nothing.
		assert_eq!(proving_memory((1 << 19) + 1), proving_memory(1 << 20));
		assert_eq!(check_memory(1 << 20, None), Ok(()));
		// The smallest circuits need little.
		assert!(proving_memory(1 << 12) < 200 * (1 << 20));
	}

	#[test]
	fn a_listing_that_builds_another_circuit_is_refused_from_then_on() {
		use prova_circuits::{Workload, WorkloadKind};
		let prover = CircuitProver::new(Arc::new(CpuBackend));
		let descriptor = Workload::for_degree(WorkloadKind::Fibonacci, 12).unwrap().descriptor();
		let claimed = H256::repeat_byte(9);
		let first = prover.prepare(claimed, &descriptor);
		assert!(
			matches!(first, Err(ProveError::UnknownCircuit { circuit, .. }) if circuit == claimed)
		);
		assert!(prover.refused.lock().unwrap().contains_key(&claimed));
		assert_eq!(prover.prepare(claimed, &descriptor), first);
	}

	#[test]
	fn this_machine_reports_its_free_memory() {
		let available = available_memory().expect("/proc/meminfo is readable on Linux");
		assert!(available > 0);
	}
}
