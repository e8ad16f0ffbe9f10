//! [`GpuCommitter`]: prova-pipeline's polynomial commitments on the GPU.
//!
//! A commitment is the low-degree extension of a batch of polynomials
//! ([`crate::lde`]) followed by the Poseidon Merkle tree over its rows
//! ([`crate::merkle`]); the rows stay on the GPU between the two. The
//! result is plonky2's `PolynomialBatch` as its CPU code builds it, but for
//! the leaves, which stay on the GPU.
//!
//! The extension of every batch stays on the GPU until the prover releases
//! it, and only its Merkle digests come back: the quotient
//! ([`crate::quotient`]) reads the wires and permutation products there (with
//! the circuit's constants and sigmas, uploaded when the circuit changes), and
//! FRI's queries read the few rows they open ([`Committer::leaf_rows`]). The
//! batches the GPU committed reach plonky2 without leaves.
//!
//! If the GPU fails on a batch (an allocation beyond its memory, a lost
//! device) or on a quotient, that batch or quotient is computed on the CPU
//! instead, with a warning: the proof is the same either way, only slower.

use crate::{
	fri::{self, GpuFri},
	lde, merkle,
	quotient::{self, QuotientPlan},
	Gpu, GpuError, LeafMatrix,
};
use anyhow::ensure;
use plonky2::{
	field::{
		fft::FftRootTable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
	},
	fri::{oracle::PolynomialBatch, proof::FriProof},
	hash::{
		merkle_tree::{MerkleCap, MerkleTree},
		poseidon::PoseidonHash,
	},
	iop::challenger::Challenger,
	plonk::proof::OpeningSet,
	util::timing::TimingTree,
};
use prova_pipeline::{
	prove_fri, CommitParams, Committer, CpuCommitter, FriInputs, OpenInputs, QuotientInputs, C, D,
	F,
};
use std::sync::{
	atomic::{AtomicUsize, Ordering},
	Mutex,
};

/// Batches kept at most. The prover releases each proof's batches when it is
/// done (three per proof); this bounds what a caller that never releases can
/// hold. Past it the oldest is dropped, and a proof still reading it fails
/// with an error (its quotient falls back to the CPU if its leaves are on the
/// host, else the proof fails) rather than using a wrong row.
const MAX_HELD: usize = 24;

/// A batch's extension on the GPU, known by its Merkle cap.
type Held = (MerkleCap<F, PoseidonHash>, LeafMatrix);

/// Commits polynomial batches (and evaluates quotients) on one GPU, one at
/// a time, and keeps each batch's extension there until the prover
/// releases it.
pub struct GpuCommitter {
	gpu: Gpu,
	/// Batches take most of the device's memory: one at a time.
	busy: Mutex<()>,
	/// Batches and quotients the GPU failed on and the CPU computed instead.
	fallbacks: AtomicUsize,
	/// Quotients evaluated on the GPU.
	quotients: AtomicUsize,
	/// FRI opening proofs made on the GPU.
	fri_proofs: AtomicUsize,
	/// Opening sets evaluated on the GPU.
	openings: AtomicUsize,
	/// The extensions of the batches committed here and not yet released,
	/// oldest first: their leaves never went to the host.
	held: Mutex<Vec<Held>>,
	/// The constants and sigmas of the last circuit whose quotient ran here.
	constants: Mutex<Option<Held>>,
}

impl GpuCommitter {
	/// A committer on `gpu`.
	pub fn new(gpu: Gpu) -> Self {
		GpuCommitter {
			gpu,
			busy: Mutex::new(()),
			fallbacks: AtomicUsize::new(0),
			quotients: AtomicUsize::new(0),
			fri_proofs: AtomicUsize::new(0),
			openings: AtomicUsize::new(0),
			held: Mutex::new(Vec::new()),
			constants: Mutex::new(None),
		}
	}

	/// How many quotients the GPU evaluated (the others were left to the
	/// CPU: a gate the kernel does not know, or a GPU failure).
	pub fn quotients(&self) -> usize {
		self.quotients.load(Ordering::Relaxed)
	}

	/// How many FRI opening proofs the GPU made (the others were left to
	/// the CPU: a GPU failure, or an instance it does not handle).
	pub fn fri_proofs(&self) -> usize {
		self.fri_proofs.load(Ordering::Relaxed)
	}

	/// How many opening sets (every polynomial at ζ) the GPU evaluated.
	pub fn openings(&self) -> usize {
		self.openings.load(Ordering::Relaxed)
	}

	/// Bytes of extensions held on the GPU: batches not yet released, and
	/// the last circuit's constants and sigmas.
	pub fn held_bytes(&self) -> u64 {
		let batches = lock(&self.held).iter().map(|(_, m)| m.bytes()).sum::<u64>();
		batches + lock(&self.constants).as_ref().map_or(0, |(_, m)| m.bytes())
	}

	/// The extensions of `batches` on the GPU: the ones held here, and the
	/// others uploaded from their leaves (a batch the CPU committed). Shares
	/// the buffers, so the caller holds no lock while it uses them.
	fn resident(&self, batches: &[&PolynomialBatch<F, C, D>]) -> Result<Vec<LeafMatrix>, GpuError> {
		let held = lock(&self.held);
		batches
			.iter()
			.map(|batch| {
				let tree = &batch.merkle_tree;
				if let Some((_, matrix)) = held.iter().find(|(cap, _)| *cap == tree.cap) {
					Ok(matrix.clone())
				} else if tree.leaves.first().is_none_or(Vec::is_empty) {
					Err(GpuError::Wgpu("a batch's extension is no longer held on the GPU".into()))
				} else {
					LeafMatrix::upload(&self.gpu, &tree.leaves)
				}
			})
			.collect()
	}

	/// The circuit's constants and sigmas on the GPU, uploaded when the
	/// circuit changes.
	fn circuit_constants(
		&self,
		constants_sigmas: &PolynomialBatch<F, C, D>,
	) -> Result<LeafMatrix, GpuError> {
		let mut constants = lock(&self.constants);
		let circuit = &constants_sigmas.merkle_tree;
		if constants.as_ref().is_none_or(|(cap, _)| *cap != circuit.cap) {
			*constants = None;
			*constants =
				Some((circuit.cap.clone(), LeafMatrix::upload(&self.gpu, &circuit.leaves)?));
		}
		Ok(constants.as_ref().expect("just set").1.clone())
	}

	/// Evaluates the quotient of `inputs` on the GPU, from the extensions
	/// held here (or uploaded, for a batch the CPU committed).
	fn quotient_on_gpu(
		&self,
		plan: &QuotientPlan,
		inputs: &QuotientInputs,
	) -> Result<Vec<Vec<F>>, GpuError> {
		let _busy = lock(&self.busy);
		let [wires, zs]: [LeafMatrix; 2] = self
			.resident(&[inputs.wires, inputs.zs_partial_products])?
			.try_into()
			.map_err(|_| GpuError::Wgpu("two batches".into()))?;
		let constants = self.circuit_constants(&inputs.prover.constants_sigmas_commitment)?;
		quotient::evaluate(&self.gpu, plan, &wires, &zs, &constants)
	}

	/// The four oracles of a proof on the GPU, in FRI's order.
	fn oracles(
		&self,
		oracles: [&PolynomialBatch<F, C, D>; 4],
	) -> Result<[LeafMatrix; 4], GpuError> {
		let [constants, wires, zs, quotient] = oracles;
		let constants = self.circuit_constants(constants)?;
		let [wires, zs, quotient]: [LeafMatrix; 3] = self
			.resident(&[wires, zs, quotient])?
			.try_into()
			.map_err(|_| GpuError::Wgpu("three batches".into()))?;
		Ok([constants, wires, zs, quotient])
	}

	/// FRI's opening proof of `inputs` with its codewords on the GPU.
	fn fri_on_gpu(
		&self,
		inputs: &FriInputs,
		challenger: &mut Challenger<F, PoseidonHash>,
	) -> anyhow::Result<FriProof<F, PoseidonHash, D>> {
		let _busy = lock(&self.busy);
		let oracles = self.oracles(inputs.oracles)?;
		let backend = GpuFri::new(&self.gpu, oracles.each_ref());
		prove_fri(&backend, self, inputs, challenger)
	}

	/// The GPU it runs on.
	pub fn gpu(&self) -> &Gpu {
		&self.gpu
	}

	/// How many batches the CPU committed, and quotients it evaluated,
	/// because the GPU failed on them.
	pub fn fallbacks(&self) -> usize {
		self.fallbacks.load(Ordering::Relaxed)
	}

	/// The Merkle tree over rows that `extend` puts on the GPU, its digests
	/// read back and its rows held there (the tree's leaves are left empty).
	fn tree<T>(
		&self,
		extend: impl FnOnce(&Gpu) -> Result<(T, LeafMatrix), GpuError>,
		cap_height: usize,
	) -> Result<(T, MerkleTree<F, PoseidonHash>), GpuError> {
		let _busy = lock(&self.busy);
		let (extra, rows) = extend(&self.gpu)?;
		let (digests, cap) = merkle::merkle_tree(&self.gpu, &rows, cap_height)?;
		let mut held = lock(&self.held);
		if held.len() == MAX_HELD {
			let (cap, _) = held.remove(0);
			tracing::warn!(
				?cap,
				"more than {MAX_HELD} batches held on the GPU: dropping the oldest"
			);
		}
		held.push((cap.clone(), rows));
		Ok((extra, MerkleTree { leaves: Vec::new(), digests, cap }))
	}

	fn fall_back(&self, what: &str, error: &dyn std::fmt::Display) {
		self.fallbacks.fetch_add(1, Ordering::Relaxed);
		tracing::warn!(%error, adapter = %self.gpu.adapter().name, "the GPU failed on the {what}; computing it on the CPU");
	}
}

/// The lock, also after a panic elsewhere (what it guards stays consistent).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
	mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// plonky2's batch from its parts.
fn batch(
	polynomials: Vec<PolynomialCoeffs<F>>,
	merkle_tree: MerkleTree<F, PoseidonHash>,
	params: CommitParams,
) -> PolynomialBatch<F, C, D> {
	let degree_log = polynomials[0].len().trailing_zeros() as usize;
	PolynomialBatch {
		polynomials,
		merkle_tree,
		degree_log,
		rate_bits: params.rate_bits,
		blinding: params.blinding,
	}
}

impl Committer for GpuCommitter {
	fn name(&self) -> &str {
		"gpu"
	}

	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<PolynomialBatch<F, C, D>> {
		if !values.is_empty() {
			let extend =
				|gpu: &Gpu| lde::lde_from_values(gpu, &values, params.rate_bits, params.blinding);
			match self.tree(extend, params.cap_height) {
				Ok((coeffs, tree)) => return Ok(batch(coeffs, tree, params)),
				Err(error) => self.fall_back("commitment of values", &error),
			}
		}
		CpuCommitter.commit_values(values, params, fft_root_table, timing)
	}

	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<PolynomialBatch<F, C, D>> {
		if !coeffs.is_empty() {
			let extend = |gpu: &Gpu| {
				Ok(((), lde::lde_from_coeffs(gpu, &coeffs, params.rate_bits, params.blinding)?))
			};
			match self.tree(extend, params.cap_height) {
				Ok(((), tree)) => return Ok(batch(coeffs, tree, params)),
				Err(error) => self.fall_back("commitment of coefficients", &error),
			}
		}
		CpuCommitter.commit_coeffs(coeffs, params, fft_root_table, timing)
	}

	fn quotient_values(&self, inputs: &QuotientInputs) -> Option<Vec<Vec<F>>> {
		let plan = match QuotientPlan::new(&self.gpu, inputs) {
			Ok(plan) => plan,
			Err(reason) => {
				tracing::debug!(%reason, "quotient on the CPU");
				return None;
			}
		};
		match self.quotient_on_gpu(&plan, inputs) {
			Ok(values) => {
				self.quotients.fetch_add(1, Ordering::Relaxed);
				Some(values)
			}
			Err(error) => {
				self.fall_back("quotient", &error);
				None
			}
		}
	}

	fn leaf_rows(
		&self,
		batch: &PolynomialBatch<F, C, D>,
		rows: &[usize],
	) -> anyhow::Result<Vec<Vec<F>>> {
		let held = lock(&self.held);
		let Some((_, matrix)) = held.iter().find(|(cap, _)| *cap == batch.merkle_tree.cap) else {
			// Empty rows: kept here once (the prover's placeholders), now gone.
			ensure!(
				batch.merkle_tree.leaves.first().is_some_and(|row| !row.is_empty()),
				"the batch's extension is no longer held on the GPU"
			);
			// A batch the CPU committed.
			return CpuCommitter.leaf_rows(batch, rows);
		};
		if rows.len() == matrix.rows && rows.iter().enumerate().all(|(i, &row)| i == row) {
			return Ok(matrix.read(&self.gpu)?);
		}
		rows.iter().map(|&row| Ok(matrix.read_row(&self.gpu, row)?)).collect()
	}

	fn open(&self, inputs: &OpenInputs) -> Option<OpeningSet<F, D>> {
		let opened = {
			let _busy = lock(&self.busy);
			self.oracles(inputs.oracles)
				.map_err(anyhow::Error::from)
				.and_then(|oracles| fri::open(&self.gpu, oracles.each_ref(), inputs))
		};
		match opened {
			Ok(set) => {
				self.openings.fetch_add(1, Ordering::Relaxed);
				Some(set)
			}
			Err(error) => {
				self.fall_back("openings", &format!("{error:#}"));
				None
			}
		}
	}

	fn fri_proof(
		&self,
		inputs: &FriInputs,
		challenger: &mut Challenger<F, PoseidonHash>,
	) -> Option<FriProof<F, PoseidonHash, D>> {
		if inputs.instance.batches.len() != 2 {
			tracing::debug!(batches = inputs.instance.batches.len(), "FRI on the CPU");
			return None;
		}
		match self.fri_on_gpu(inputs, challenger) {
			Ok(proof) => {
				self.fri_proofs.fetch_add(1, Ordering::Relaxed);
				Some(proof)
			}
			Err(error) => {
				self.fall_back("FRI opening proof", &format!("{error:#}"));
				None
			}
		}
	}

	fn release(&self, cap: &MerkleCap<F, PoseidonHash>) {
		lock(&self.held).retain(|(held, _)| held != cap);
	}
}
