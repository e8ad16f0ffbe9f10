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
use plonky2::{
	field::{
		fft::FftRootTable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
	},
	fri::{oracle::PolynomialBatch, proof::FriProof},
	hash::{merkle_tree::MerkleCap, poseidon::PoseidonHash},
	iop::challenger::Challenger,
	util::timing::TimingTree,
};
use prova_circuits::{CircuitError, CircuitHandle, Proved, Workload, WorkloadKind};
use prova_gpu::{AdapterSummary, Gpu, GpuCommitter, GpuOptions};
use prova_pipeline::{CommitParams, Committer, CpuCommitter, FriInputs, QuotientInputs, C, D, F};
use std::{
	collections::{HashMap, HashSet},
	fmt,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc, Mutex,
	},
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
	/// The proof made here does not verify: a backend fault. It is not
	/// submitted.
	#[error("the proof made here does not verify, so it was not submitted: {0}")]
	InvalidProof(String),
	/// The proof was stopped: the job is no longer this prover's to prove.
	#[error("stopped: the job is no longer ours to prove")]
	Cancelled,
	/// The proving thread panicked.
	#[error("the prover panicked: {0}")]
	Panicked(String),
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

/// log2 of the rows plonky2 pads a circuit of about `rows` rows to.
pub fn degree_bits(rows: u64) -> u32 {
	rows.max(1).next_power_of_two().ilog2()
}

/// Memory a proof of a circuit with about `rows` rows needs (its rows
/// rounded up to a power of two, as plonky2 pads them).
pub fn proving_memory(rows: u64) -> u64 {
	rows.max(1).next_power_of_two().saturating_mul(PROVING_BYTES_PER_ROW)
}

/// The most rows (a power of two, or 0) whose proof fits in `memory` bytes.
pub fn rows_within(memory: u64) -> u64 {
	match memory / PROVING_BYTES_PER_ROW {
		0 => 0,
		rows => 1 << rows.ilog2(),
	}
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
			degree_bits: degree_bits(rows),
			needed_gib: needed.div_ceil(1 << 30),
			available_gib: available >> 30,
		}),
		_ => Ok(()),
	}
}

/// A flag the daemon raises to stop a proof it no longer needs (the job was
/// reassigned, cancelled, or can no longer make its deadline). The proof
/// stops at its next stage boundary: before the witness is generated and
/// before each of its three commitments, the long stages.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
	/// Asks the proof to stop.
	pub fn cancel(&self) {
		self.0.store(true, Ordering::SeqCst);
	}

	/// Whether [`Cancel::cancel`] was called.
	pub fn is_cancelled(&self) -> bool {
		self.0.load(Ordering::SeqCst)
	}

	/// `Err(ProveError::Cancelled)` once cancelled.
	pub fn check(&self) -> Result<(), ProveError> {
		if self.is_cancelled() {
			Err(ProveError::Cancelled)
		} else {
			Ok(())
		}
	}
}

/// A committer that checks a [`Cancel`] flag before each commitment: the
/// stage boundaries of `prova-pipeline`'s prover.
struct Cancellable<'a> {
	inner: &'a dyn Committer,
	cancel: &'a Cancel,
}

impl Committer for Cancellable<'_> {
	fn name(&self) -> &str {
		self.inner.name()
	}

	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<PolynomialBatch<F, C, D>> {
		self.cancel.check()?;
		self.inner.commit_values(values, params, fft_root_table, timing)
	}

	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<PolynomialBatch<F, C, D>> {
		self.cancel.check()?;
		self.inner.commit_coeffs(coeffs, params, fft_root_table, timing)
	}

	fn quotient_values(&self, inputs: &QuotientInputs) -> Option<Vec<Vec<F>>> {
		self.inner.quotient_values(inputs)
	}

	fn fri_proof(
		&self,
		inputs: &FriInputs,
		challenger: &mut Challenger<F, PoseidonHash>,
	) -> Option<FriProof<F, PoseidonHash, D>> {
		self.inner.fri_proof(inputs, challenger)
	}

	fn leaf_rows(
		&self,
		batch: &PolynomialBatch<F, C, D>,
		rows: &[usize],
	) -> anyhow::Result<Vec<Vec<F>>> {
		self.inner.leaf_rows(batch, rows)
	}

	fn release(&self, cap: &MerkleCap<F, PoseidonHash>) {
		self.inner.release(cap)
	}
}

/// Proves `input` with `circuit` through `prova-pipeline`'s prover and
/// `committer`, stopping at a stage boundary once `cancel` is raised.
fn prove_through(
	circuit: &CircuitHandle,
	input: &[u8],
	committer: &dyn Committer,
	cancel: &Cancel,
) -> Result<Proved, ProveError> {
	let committer = Cancellable { inner: committer, cancel };
	let proved = circuit.prove_bytes_with(input, |prover, common, witness| {
		cancel.check()?;
		prova_pipeline::prove(prover, common, witness, &committer, &mut TimingTree::default())
	});
	// The flag, not the error's text, says whether it was a cancellation.
	cancel.check()?;
	proved.map_err(prove_error)
}

/// Where proofs are computed.
pub trait ProvingBackend: Send + Sync {
	/// A short name for logs and metrics (`cpu`, `gpu`).
	fn name(&self) -> &'static str;

	/// Proves `input` (request bytes) with `circuit`; stops early with
	/// [`ProveError::Cancelled`] once `cancel` is raised.
	fn prove(
		&self,
		circuit: &CircuitHandle,
		input: &[u8],
		cancel: &Cancel,
	) -> Result<Proved, ProveError>;

	/// Batches this backend could not run where it should and ran on the
	/// CPU instead (a GPU out of memory, a lost device), since it started.
	fn fallbacks(&self) -> usize {
		0
	}
}

/// Sorts a circuit error into a bad input or a backend failure.
fn prove_error(error: CircuitError) -> ProveError {
	match error {
		// The cause, not only "proving failed".
		CircuitError::Proving(cause) => ProveError::Backend(format!("{cause:#}")),
		CircuitError::Witness(cause) => {
			ProveError::Backend(format!("witness generation failed: {cause:#}"))
		}
		other => ProveError::BadInput(other.to_string()),
	}
}

/// plonky2's prover on the CPU (`prova-pipeline` with plonky2's own
/// commitments: the same proofs, with stage boundaries to stop at); rayon
/// spreads each proof over all cores.
#[derive(Clone, Copy, Debug, Default)]
pub struct CpuBackend;

impl ProvingBackend for CpuBackend {
	fn name(&self) -> &'static str {
		"cpu"
	}

	fn prove(
		&self,
		circuit: &CircuitHandle,
		input: &[u8],
		cancel: &Cancel,
	) -> Result<Proved, ProveError> {
		prove_through(circuit, input, &CpuCommitter, cancel)
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

	fn prove(
		&self,
		circuit: &CircuitHandle,
		input: &[u8],
		cancel: &Cancel,
	) -> Result<Proved, ProveError> {
		prove_through(circuit, input, &self.committer, cancel)
	}

	fn fallbacks(&self) -> usize {
		self.committer.fallbacks()
	}
}

/// The circuit a backend's self-test proves: the smallest Fibonacci one.
const SELF_TEST_DEGREE: usize = 12;

/// Checks that `committer` makes plonky2's proofs: one small proof, made by
/// plonky2's own prover and by the pipeline with `committer` from one
/// generated witness on one thread (where proofs are deterministic), must be
/// the same bytes. A GPU whose driver or kernels compute anything else would
/// earn a slash for every proof; it is refused before it takes a job.
pub fn self_test(committer: &dyn Committer) -> Result<(), String> {
	let workload = Workload::for_degree(WorkloadKind::Fibonacci, SELF_TEST_DEGREE)
		.map_err(|e| e.to_string())?;
	let circuit = workload.build().map_err(|e| e.to_string())?;
	let mut differs = None;
	circuit
		.prove_with(&workload.sample_input(1), |prover, common, witness| {
			let (reference, ours) =
				prova_pipeline::prove_beside_plonky2(prover, common, witness, committer)?;
			if reference.to_bytes() != ours.to_bytes() {
				differs = Some(format!(
					"the {} committer's proof of {workload} differs from plonky2's",
					committer.name()
				));
			}
			Ok(reference)
		})
		.map_err(|e| format!("the self-test proof failed: {e:#}"))?;
	differs.map_or(Ok(()), Err)
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
/// device, or a [`self_test`] that does not give plonky2's proof) means the
/// CPU backend, with a log line saying why; so does a GPU batch that fails
/// later (out of memory, say), batch by batch, inside the committer.
pub fn make_backend(kind: BackendKind, adapter_name: Option<&str>) -> Arc<dyn ProvingBackend> {
	let options = |allow_software| GpuOptions {
		allow_software,
		adapter_name: adapter_name.map(str::to_owned),
		..Default::default()
	};
	let gpu = match kind {
		BackendKind::Cpu => return Arc::new(CpuBackend),
		BackendKind::Auto => match Gpu::open(&options(false)) {
			Ok(gpu) => gpu,
			Err(error) => {
				tracing::info!(%error, "no hardware GPU to use; proving on the CPU");
				return Arc::new(CpuBackend);
			}
		},
		BackendKind::Gpu => match Gpu::open(&options(true)) {
			Ok(gpu) => {
				if !gpu.adapter().hardware {
					tracing::warn!(adapter = %gpu.adapter(), "the GPU backend runs on a software adapter: correct, but slower than --backend cpu");
				}
				gpu
			}
			Err(error) => {
				tracing::warn!(%error, "the GPU cannot be used; proving on the CPU instead");
				return Arc::new(CpuBackend);
			}
		},
	};
	let backend = GpuBackend::new(gpu);
	let started = Instant::now();
	match self_test(backend.committer()) {
		Ok(()) => {
			tracing::info!(adapter = %backend.adapter(), ms = started.elapsed().as_millis() as u64, "GPU self-test passed: its proof is plonky2's, byte for byte");
			Arc::new(backend)
		}
		Err(error) => {
			tracing::error!(adapter = %backend.adapter(), %error, "GPU self-test failed: this GPU would make proofs the chain rejects; proving on the CPU instead");
			Arc::new(CpuBackend)
		}
	}
}

/// What a circuit asks of this machine, known once it is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prepared {
	/// log2 of its rows (a proof needs [`proving_memory`] of `1 << degree_bits`).
	pub degree_bits: u32,
	/// How long building it took, if it was built by this call (`None`:
	/// it was in the cache).
	pub built_in: Option<Duration>,
}

/// Proves jobs: what the daemon needs of the proving side. The daemon runs
/// it on a blocking thread.
pub trait JobProver: Send + Sync + 'static {
	/// Proves `job` for the circuit described by `descriptor`, and checks
	/// the proof against the circuit before returning it (a proof the chain
	/// would reject costs the collateral). Stops with
	/// [`ProveError::Cancelled`] at the next stage boundary once `cancel`
	/// is raised.
	fn prove(
		&self,
		job: &Job,
		descriptor: &str,
		cancel: &Cancel,
	) -> Result<ProofOutput, ProveError>;

	/// Makes sure `circuit` can be proved before a job of it is taken: that
	/// this machine has the memory its size needs, and rebuilds it from
	/// `descriptor` (unless cached) to check it is the circuit the chain
	/// registered. Blocking; may take seconds for a large circuit.
	fn prepare(&self, circuit: H256, descriptor: &str) -> Result<Prepared, ProveError>;

	/// Proves a sample input of `circuit` (prepared first) and returns how
	/// long the proof took: the first measurement of a circuit the daemon
	/// has never proved.
	fn calibrate(&self, circuit: H256, descriptor: &str) -> Result<Duration, ProveError>;

	/// Whether `circuit` is built and cached, so a job of it does not wait
	/// for a build.
	fn is_cached(&self, circuit: H256) -> bool;

	/// Batches the backend ran on the CPU instead of the GPU, since start.
	fn fallbacks(&self) -> usize {
		0
	}

	/// Bytes held by built circuits kept for the next job.
	fn cached_bytes(&self) -> u64 {
		0
	}

	/// Drops the cached circuits not in use, but `keep` and the pinned
	/// ones, to make room for a proof.
	fn release_cache(&self, _keep: H256) {}

	/// Keeps `circuits` (those of the jobs held) in the cache whatever its
	/// limit, replacing the set pinned before.
	fn pin(&self, _circuits: HashSet<H256>) {}

	/// The backend proofs are made with (`cpu`, `gpu`): estimates measured
	/// with one do not hold for another.
	fn backend_name(&self) -> &'static str;
}

/// Built circuits kept for the next job, least recently used evicted first
/// once their memory passes the limit.
struct CircuitCache {
	entries: HashMap<H256, Cached>,
	/// Bytes the cache may hold; a circuit in use is never evicted.
	limit: u64,
	/// Counts uses, to order entries by their last one.
	clock: u64,
	/// Circuits of jobs held: never evicted, so a job waiting for its turn
	/// does not find its circuit gone.
	pinned: HashSet<H256>,
}

struct Cached {
	handle: Arc<CircuitHandle>,
	bytes: u64,
	last_used: u64,
}

impl CircuitCache {
	fn get(&mut self, circuit: &H256) -> Option<Arc<CircuitHandle>> {
		self.clock += 1;
		let entry = self.entries.get_mut(circuit)?;
		entry.last_used = self.clock;
		Some(entry.handle.clone())
	}

	fn bytes(&self) -> u64 {
		self.entries.values().map(|entry| entry.bytes).sum()
	}

	/// Keeps `handle`, evicting the least recently used circuits not in use
	/// until the cache fits its limit again.
	fn insert(&mut self, circuit: H256, handle: Arc<CircuitHandle>) {
		self.clock += 1;
		let bytes = handle.resident_bytes();
		self.entries.insert(circuit, Cached { handle, bytes, last_used: self.clock });
		while self.bytes() > self.limit {
			let victim = self
				.entries
				.iter()
				.filter(|(id, entry)| {
					**id != circuit
						&& !self.pinned.contains(*id)
						&& Arc::strong_count(&entry.handle) == 1
				})
				.min_by_key(|(_, entry)| entry.last_used)
				.map(|(id, _)| *id);
			let Some(victim) = victim else { break };
			let evicted = self.entries.remove(&victim).expect("found above");
			tracing::info!(circuit = ?victim, mib = evicted.bytes >> 20, "circuit evicted from the cache (least recently used)");
		}
	}
}

/// Rebuilds listed circuits and proves with a backend; built circuits are
/// cached up to a memory limit.
pub struct CircuitProver {
	backend: Arc<dyn ProvingBackend>,
	circuits: Mutex<CircuitCache>,
	/// Circuits found unprovable here, with why: a listing whose descriptor
	/// builds another circuit is refused again at once, not rebuilt for
	/// every offer of it.
	refused: Mutex<HashMap<H256, ProveError>>,
	/// Set once the backend made a proof that does not verify.
	distrusted: AtomicBool,
}

impl CircuitProver {
	/// A prover using `backend`, keeping built circuits up to `cache_limit`
	/// bytes.
	pub fn new(backend: Arc<dyn ProvingBackend>, cache_limit: u64) -> Self {
		CircuitProver {
			backend,
			circuits: Mutex::new(CircuitCache {
				entries: HashMap::new(),
				limit: cache_limit,
				clock: 0,
				pinned: HashSet::new(),
			}),
			refused: Mutex::default(),
			distrusted: AtomicBool::new(false),
		}
	}

	/// The circuit `circuit`, rebuilt from `descriptor` unless cached, with
	/// how long building took. Refuses a descriptor whose circuit hashes to
	/// a different id: proving it would only earn a slash.
	pub fn circuit(
		&self,
		circuit: H256,
		descriptor: &str,
	) -> Result<(Arc<CircuitHandle>, Option<Duration>), ProveError> {
		if let Some(handle) = self.circuits.lock().expect("not poisoned").get(&circuit) {
			return Ok((handle, None));
		}
		if let Some(error) = self.refused.lock().expect("not poisoned").get(&circuit) {
			return Err(error.clone());
		}
		let started = Instant::now();
		let built = self.build(circuit, descriptor);
		// What a descriptor builds does not change (free memory does).
		if let Err(error @ ProveError::UnknownCircuit { .. }) = &built {
			self.refused.lock().expect("not poisoned").insert(circuit, error.clone());
		}
		built.map(|handle| (handle, Some(started.elapsed())))
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
		tracing::info!(%workload, degree_bits = handle.degree_bits(), build_ms = started.elapsed().as_millis() as u64, resident_mib = handle.resident_bytes() >> 20, "circuit built");
		let handle = Arc::new(handle);
		self.circuits.lock().expect("not poisoned").insert(circuit, handle.clone());
		Ok(handle)
	}

	/// The backend to prove with: the configured one until it made a proof
	/// that does not verify, the CPU from then on.
	fn backend(&self) -> &dyn ProvingBackend {
		if self.distrusted.load(Ordering::SeqCst) {
			&CpuBackend
		} else {
			&*self.backend
		}
	}

	/// Proves `input` with `circuit` and verifies the proof. A proof from
	/// another backend than the CPU that does not verify is made again on
	/// the CPU, and that backend is not used again.
	fn prove_checked(
		&self,
		circuit: &CircuitHandle,
		input: &[u8],
		cancel: &Cancel,
	) -> Result<Proved, ProveError> {
		let backend = self.backend();
		let proved = backend.prove(circuit, input, cancel)?;
		// Milliseconds, against a proof's seconds: a wrong proof costs the
		// collateral and the prover's reputation.
		match circuit.verify(&proved.proof) {
			Ok(()) => Ok(proved),
			Err(e) if backend.name() != CpuBackend.name() => {
				tracing::error!(backend = backend.name(), error = %e, "a proof from this backend does not verify; proving on the CPU from now on");
				self.distrusted.store(true, Ordering::SeqCst);
				self.prove_checked(circuit, input, cancel)
			}
			Err(e) => Err(ProveError::InvalidProof(format!("{e:#}"))),
		}
	}
}

impl JobProver for CircuitProver {
	fn prove(
		&self,
		job: &Job,
		descriptor: &str,
		cancel: &Cancel,
	) -> Result<ProofOutput, ProveError> {
		let (circuit, _) = self.circuit(job.circuit, descriptor)?;
		let proved = self.prove_checked(&circuit, &job.input, cancel)?;
		Ok(ProofOutput { public_inputs: proved.public_inputs(), proof: proved.proof_bytes() })
	}

	fn prepare(&self, circuit: H256, descriptor: &str) -> Result<Prepared, ProveError> {
		let (handle, built_in) = self.circuit(circuit, descriptor)?;
		let degree_bits = handle.degree_bits() as u32;
		Ok(Prepared { degree_bits, built_in })
	}

	fn calibrate(&self, circuit: H256, descriptor: &str) -> Result<Duration, ProveError> {
		let (handle, _) = self.circuit(circuit, descriptor)?;
		let workload = handle.workload();
		let input = workload
			.encode_input(&workload.sample_input(0))
			.map_err(|e| ProveError::BadInput(e.to_string()))?;
		let started = Instant::now();
		self.prove_checked(&handle, &input, &Cancel::default())?;
		Ok(started.elapsed())
	}

	fn is_cached(&self, circuit: H256) -> bool {
		self.circuits.lock().expect("not poisoned").entries.contains_key(&circuit)
	}

	fn fallbacks(&self) -> usize {
		self.backend.fallbacks()
	}

	fn cached_bytes(&self) -> u64 {
		self.circuits.lock().expect("not poisoned").bytes()
	}

	fn release_cache(&self, keep: H256) {
		let mut cache = self.circuits.lock().expect("not poisoned");
		let pinned = std::mem::take(&mut cache.pinned);
		cache.entries.retain(|id, entry| {
			*id == keep || pinned.contains(id) || Arc::strong_count(&entry.handle) > 1
		});
		cache.pinned = pinned;
	}

	fn pin(&self, circuits: HashSet<H256>) {
		self.circuits.lock().expect("not poisoned").pinned = circuits;
	}

	fn backend_name(&self) -> &'static str {
		self.backend().name()
	}
}

#[cfg(test)]
mod tests {
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
		// The inverse: 24 GiB hold proofs of 2^19 rows, not 2^20.
		assert_eq!(rows_within(24 * GIB), 1 << 19);
		assert_eq!(rows_within(proving_memory(1 << 20)), 1 << 20);
		assert_eq!(rows_within(0), 0);
		// The smallest circuits need little.
		assert!(proving_memory(1 << 12) < 200 * (1 << 20));
	}

	#[test]
	fn a_listing_that_builds_another_circuit_is_refused_from_then_on() {
		use prova_circuits::{Workload, WorkloadKind};
		let prover = CircuitProver::new(Arc::new(CpuBackend), u64::MAX);
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

	/// A Fibonacci circuit of `2^degree` rows: its id and descriptor.
	fn fibonacci(degree: usize) -> (H256, String, u64) {
		let workload = Workload::for_degree(WorkloadKind::Fibonacci, degree).unwrap();
		let handle = workload.build().unwrap();
		let id = H256(sp_crypto_hashing::blake2_256(&handle.verifier_data_bytes().unwrap()));
		(id, workload.descriptor(), handle.resident_bytes())
	}

	fn job_of(circuit: H256, descriptor: &str) -> Job {
		let workload = Workload::from_descriptor(descriptor).unwrap();
		Job {
			request: 1,
			attempt: 1,
			circuit,
			input: workload.encode_input(&workload.sample_input(3)).unwrap(),
			price: 1,
			deadline: 100,
			race: None,
			settlement: Default::default(),
			claim: None,
		}
	}

	/// Proves with the CPU, then tampers with a public input: what a faulty
	/// GPU or driver could hand back.
	struct Tampering;

	impl ProvingBackend for Tampering {
		fn name(&self) -> &'static str {
			"tampering"
		}

		fn prove(
			&self,
			circuit: &CircuitHandle,
			input: &[u8],
			cancel: &Cancel,
		) -> Result<Proved, ProveError> {
			let mut proved = CpuBackend.prove(circuit, input, cancel)?;
			proved.proof.public_inputs[0] += plonky2::field::types::Field::ONE;
			Ok(proved)
		}
	}

	#[test]
	fn a_backend_whose_proof_does_not_verify_is_replaced_by_the_cpu() {
		let (id, descriptor, _) = fibonacci(12);
		let job = job_of(id, &descriptor);
		let faulty = CircuitProver::new(Arc::new(Tampering), u64::MAX);
		assert_eq!(faulty.backend_name(), "tampering");
		let proof = faulty.prove(&job, &descriptor, &Cancel::default()).unwrap();
		// The proof handed back is the CPU's, and it verifies.
		let (handle, _) = faulty.circuit(id, &descriptor).unwrap();
		let verifier_data = handle.verifier_data_bytes().unwrap();
		assert_eq!(
			prova_circuits::verify(&verifier_data, &proof.proof).unwrap(),
			proof.public_inputs
		);
		assert_eq!(faulty.backend_name(), "cpu", "the faulty backend is not used again");
	}

	#[test]
	fn a_cancelled_proof_stops_with_cancelled() {
		let (id, descriptor, _) = fibonacci(12);
		let prover = CircuitProver::new(Arc::new(CpuBackend), u64::MAX);
		let cancel = Cancel::default();
		cancel.cancel();
		let stopped = prover.prove(&job_of(id, &descriptor), &descriptor, &cancel);
		assert_eq!(stopped, Err(ProveError::Cancelled));
	}

	#[test]
	fn the_gpu_backend_proves_with_the_quotient_openings_fri_and_leaves_on_the_gpu() {
		let gpu = Gpu::open(&GpuOptions { allow_software: true, ..Default::default() })
			.expect("a Vulkan adapter (install mesa-vulkan-drivers for lavapipe)");
		let backend = GpuBackend::new(gpu);
		let workload = Workload::for_degree(WorkloadKind::PoseidonChain, 12).unwrap();
		let circuit = workload.build().unwrap();
		let input = workload.encode_input(&workload.sample_input(4)).unwrap();
		let before = backend.committer().gpu().transfer_stats();
		let proved = backend.prove(&circuit, &input, &Cancel::default()).unwrap();
		circuit.verify(&proved.proof).unwrap();
		let committer = backend.committer();
		assert_eq!(
			(committer.quotients(), committer.fri_proofs(), committer.fallbacks()),
			(1, 1, 0)
		);
		// Less came back than the wires' leaves alone (2^15 rows of 135).
		let read = committer.gpu().transfer_stats().bytes_read - before.bytes_read;
		assert!(read < (8 << 12) * 135 * 8, "{read} bytes read");
		// The proof's batches are released; the circuit's constants stay.
		let constants = &circuit.data().prover_only.constants_sigmas_commitment.merkle_tree;
		let constants_bytes = constants.leaves.len() * constants.leaves[0].len() * 8;
		assert_eq!(committer.held_bytes(), constants_bytes as u64);
	}

	/// Commits like the CPU, then changes one coefficient: a GPU kernel with
	/// a bug.
	struct Miscommitting;

	impl Committer for Miscommitting {
		fn name(&self) -> &str {
			"miscommitting"
		}

		fn commit_values(
			&self,
			values: Vec<PolynomialValues<F>>,
			params: CommitParams,
			fft_root_table: Option<&FftRootTable<F>>,
			timing: &mut TimingTree,
		) -> anyhow::Result<PolynomialBatch<F, C, D>> {
			let mut batch = CpuCommitter.commit_values(values, params, fft_root_table, timing)?;
			batch.polynomials[0].coeffs[1] += plonky2::field::types::Field::ONE;
			Ok(batch)
		}

		fn commit_coeffs(
			&self,
			coeffs: Vec<PolynomialCoeffs<F>>,
			params: CommitParams,
			fft_root_table: Option<&FftRootTable<F>>,
			timing: &mut TimingTree,
		) -> anyhow::Result<PolynomialBatch<F, C, D>> {
			CpuCommitter.commit_coeffs(coeffs, params, fft_root_table, timing)
		}
	}

	#[test]
	fn the_self_test_passes_plonky2_s_commitments_and_refuses_others() {
		assert_eq!(self_test(&CpuCommitter), Ok(()));
		let error = self_test(&Miscommitting).unwrap_err();
		assert!(error.contains("miscommitting"), "{error}");
	}

	#[test]
	fn the_circuit_cache_evicts_the_least_recently_used_past_its_limit() {
		let (small, small_descriptor, small_bytes) = fibonacci(12);
		let (large, large_descriptor, large_bytes) = fibonacci(13);
		let prover = CircuitProver::new(Arc::new(CpuBackend), small_bytes + large_bytes - 1);
		let first = prover.prepare(small, &small_descriptor).unwrap();
		assert!(first.built_in.is_some(), "built");
		assert_eq!(prover.prepare(small, &small_descriptor).unwrap().built_in, None, "cached");
		prover.prepare(large, &large_descriptor).unwrap();
		assert!(!prover.is_cached(small), "the older circuit made room");
		assert!(prover.is_cached(large));
		assert_eq!(prover.cached_bytes(), large_bytes);
		assert!(prover.prepare(small, &small_descriptor).unwrap().built_in.is_some(), "rebuilt");

		// The circuit of a job held stays, however full the cache.
		prover.pin(HashSet::from([small]));
		prover.prepare(large, &large_descriptor).unwrap();
		assert!(prover.is_cached(small) && prover.is_cached(large));
		prover.release_cache(large);
		assert!(prover.is_cached(small), "pinned");
	}
}
