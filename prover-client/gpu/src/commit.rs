//! [`GpuCommitter`]: prova-pipeline's polynomial commitments on the GPU.
//!
//! A commitment is the low-degree extension of a batch of polynomials
//! ([`crate::lde`]) followed by the Poseidon Merkle tree over its rows
//! ([`crate::merkle`]); the rows stay on the GPU between the two. The
//! result is read back into plonky2's `PolynomialBatch` (the prover opens
//! leaves and Merkle paths from it), equal to what plonky2's CPU code builds.
//!
//! The extensions of the last batches committed from values (a proof's wires
//! and permutation products) stay on the GPU, with the circuit's constants
//! and sigmas, so that the quotient ([`crate::quotient`]) is evaluated there
//! without copying them back; the quotient takes them and frees them.
//!
//! If the GPU fails on a batch (an allocation beyond its memory, a lost
//! device) or on a quotient, that batch or quotient is computed on the CPU
//! instead, with a warning: the proof is the same either way, only slower.

use crate::{
	lde, merkle,
	quotient::{self, QuotientPlan},
	Gpu, GpuError, LeafMatrix,
};
use plonky2::{
	field::{
		fft::FftRootTable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
	},
	fri::oracle::PolynomialBatch,
	hash::{
		merkle_tree::{MerkleCap, MerkleTree},
		poseidon::PoseidonHash,
	},
	util::timing::TimingTree,
};
use prova_pipeline::{CommitParams, Committer, CpuCommitter, QuotientInputs, C, D, F};
use std::sync::{
	atomic::{AtomicUsize, Ordering},
	Mutex,
};

/// Extensions of batches committed from values kept on the GPU for the
/// quotient: one proof's wires and permutation products. Proofs committing
/// at the same time push each other's out; a quotient whose batches are gone
/// uploads them from the host.
const RESIDENT_BATCHES: usize = 2;

/// A batch's extension on the GPU, known by its Merkle cap.
type Resident = (MerkleCap<F, PoseidonHash>, LeafMatrix);

/// Commits polynomial batches (and evaluates quotients) on one GPU, one at
/// a time.
pub struct GpuCommitter {
	gpu: Gpu,
	/// Batches take most of the device's memory: one at a time.
	busy: Mutex<()>,
	/// Batches and quotients the GPU failed on and the CPU computed instead.
	fallbacks: AtomicUsize,
	/// Quotients evaluated on the GPU.
	quotients: AtomicUsize,
	/// The last batches committed from values, newest last.
	resident: Mutex<Vec<Resident>>,
	/// The constants and sigmas of the last circuit whose quotient ran here.
	constants: Mutex<Option<Resident>>,
}

impl GpuCommitter {
	/// A committer on `gpu`.
	pub fn new(gpu: Gpu) -> Self {
		GpuCommitter {
			gpu,
			busy: Mutex::new(()),
			fallbacks: AtomicUsize::new(0),
			quotients: AtomicUsize::new(0),
			resident: Mutex::new(Vec::new()),
			constants: Mutex::new(None),
		}
	}

	/// How many quotients the GPU evaluated (the others were left to the
	/// CPU: a gate the kernel does not know, or a GPU failure).
	pub fn quotients(&self) -> usize {
		self.quotients.load(Ordering::Relaxed)
	}

	/// Bytes of extensions kept on the GPU between a commitment and its
	/// quotient.
	pub fn resident_bytes(&self) -> u64 {
		let batches = lock(&self.resident).iter().map(|(_, m)| m.bytes()).sum::<u64>();
		batches + lock(&self.constants).as_ref().map_or(0, |(_, m)| m.bytes())
	}

	/// The extension of the committed `batch`: the one kept from its
	/// commitment (taken, so it is freed after the quotient), else uploaded.
	fn take_resident(&self, batch: &PolynomialBatch<F, C, D>) -> Result<LeafMatrix, GpuError> {
		let tree = &batch.merkle_tree;
		let mut resident = lock(&self.resident);
		match resident.iter().position(|(cap, _)| *cap == tree.cap) {
			Some(at) => Ok(resident.remove(at).1),
			None => {
				drop(resident);
				LeafMatrix::upload(&self.gpu, &tree.leaves)
			}
		}
	}

	/// Evaluates the quotient of `inputs` on the GPU.
	fn quotient_on_gpu(
		&self,
		plan: &QuotientPlan,
		inputs: &QuotientInputs,
	) -> Result<Vec<Vec<F>>, GpuError> {
		let _busy = lock(&self.busy);
		let wires = self.take_resident(inputs.wires)?;
		let zs = self.take_resident(inputs.zs_partial_products)?;
		let mut constants = lock(&self.constants);
		let circuit = &inputs.prover.constants_sigmas_commitment.merkle_tree;
		if constants.as_ref().is_none_or(|(cap, _)| *cap != circuit.cap) {
			*constants = None;
			*constants =
				Some((circuit.cap.clone(), LeafMatrix::upload(&self.gpu, &circuit.leaves)?));
		}
		let (_, constants) = constants.as_ref().expect("just set");
		quotient::evaluate(&self.gpu, plan, &wires, &zs, constants)
	}

	/// The GPU it runs on.
	pub fn gpu(&self) -> &Gpu {
		&self.gpu
	}

	/// How many batches the CPU committed because the GPU failed on them.
	pub fn fallbacks(&self) -> usize {
		self.fallbacks.load(Ordering::Relaxed)
	}

	/// The Merkle tree over rows that `extend` puts on the GPU, read back
	/// with its leaves; the rows stay on the GPU when `keep` is set.
	fn tree<T>(
		&self,
		extend: impl FnOnce(&Gpu) -> Result<(T, LeafMatrix), GpuError>,
		cap_height: usize,
		keep: bool,
	) -> Result<(T, MerkleTree<F, PoseidonHash>), GpuError> {
		let _busy = lock(&self.busy);
		let (extra, rows) = extend(&self.gpu)?;
		let (digests, cap) = merkle::merkle_tree(&self.gpu, &rows, cap_height)?;
		let leaves = rows.read(&self.gpu)?;
		if keep {
			let mut resident = lock(&self.resident);
			if resident.len() == RESIDENT_BATCHES {
				resident.remove(0);
			}
			resident.push((cap.clone(), rows));
		}
		Ok((extra, MerkleTree { leaves, digests, cap }))
	}

	fn fall_back(&self, what: &str, error: &GpuError) {
		self.fallbacks.fetch_add(1, Ordering::Relaxed);
		tracing::warn!(%error, adapter = %self.gpu.adapter().name, "GPU commitment of the {what} failed; committing on the CPU");
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
			match self.tree(extend, params.cap_height, true) {
				Ok((coeffs, tree)) => return Ok(batch(coeffs, tree, params)),
				Err(error) => self.fall_back("values", &error),
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
			match self.tree(extend, params.cap_height, false) {
				Ok(((), tree)) => return Ok(batch(coeffs, tree, params)),
				Err(error) => self.fall_back("coefficients", &error),
			}
		}
		CpuCommitter.commit_coeffs(coeffs, params, fft_root_table, timing)
	}

	fn quotient_values(&self, inputs: &QuotientInputs) -> Option<Vec<Vec<F>>> {
		let plan = match QuotientPlan::new(&self.gpu, inputs) {
			Ok(plan) => plan,
			Err(reason) => {
				tracing::debug!(%reason, "quotient on the CPU");
				let caps =
					[&inputs.wires.merkle_tree.cap, &inputs.zs_partial_products.merkle_tree.cap];
				lock(&self.resident).retain(|(cap, _)| !caps.contains(&cap));
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
}
