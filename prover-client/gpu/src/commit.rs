//! [`GpuCommitter`]: prova-pipeline's polynomial commitments on the GPU.
//!
//! A commitment is the low-degree extension of a batch of polynomials
//! ([`crate::lde`]) followed by the Poseidon Merkle tree over its rows
//! ([`crate::merkle`]); the rows stay on the GPU between the two. The
//! result is read back into plonky2's `PolynomialBatch` (the prover opens
//! leaves and Merkle paths from it), equal to what plonky2's CPU code builds.
//!
//! If the GPU fails on a batch (an allocation beyond its memory, a lost
//! device), that batch is committed on the CPU instead, with a warning: the
//! proof is the same either way, only slower.

use crate::{lde, merkle, Gpu, GpuError, LeafMatrix};
use plonky2::{
	field::{
		fft::FftRootTable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
	},
	fri::oracle::PolynomialBatch,
	hash::{merkle_tree::MerkleTree, poseidon::PoseidonHash},
	util::timing::TimingTree,
};
use prova_pipeline::{CommitParams, Committer, CpuCommitter, C, D, F};
use std::sync::{
	atomic::{AtomicUsize, Ordering},
	Mutex,
};

/// Commits polynomial batches on one GPU, one batch at a time.
pub struct GpuCommitter {
	gpu: Gpu,
	/// Batches take most of the device's memory: one at a time.
	busy: Mutex<()>,
	/// Batches the GPU failed on and the CPU committed instead.
	fallbacks: AtomicUsize,
}

impl GpuCommitter {
	/// A committer on `gpu`.
	pub fn new(gpu: Gpu) -> Self {
		GpuCommitter { gpu, busy: Mutex::new(()), fallbacks: AtomicUsize::new(0) }
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
	/// with its leaves.
	fn tree<T>(
		&self,
		extend: impl FnOnce(&Gpu) -> Result<(T, LeafMatrix), GpuError>,
		cap_height: usize,
	) -> Result<(T, MerkleTree<F, PoseidonHash>), GpuError> {
		let _busy = self.busy.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let (extra, rows) = extend(&self.gpu)?;
		let (digests, cap) = merkle::merkle_tree(&self.gpu, &rows, cap_height)?;
		let leaves = rows.read(&self.gpu)?;
		Ok((extra, MerkleTree { leaves, digests, cap }))
	}

	fn fall_back(&self, what: &str, error: &GpuError) {
		self.fallbacks.fetch_add(1, Ordering::Relaxed);
		tracing::warn!(%error, adapter = %self.gpu.adapter().name, "GPU commitment of the {what} failed; committing on the CPU");
	}
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
			match self.tree(extend, params.cap_height) {
				Ok(((), tree)) => return Ok(batch(coeffs, tree, params)),
				Err(error) => self.fall_back("coefficients", &error),
			}
		}
		CpuCommitter.commit_coeffs(coeffs, params, fft_root_table, timing)
	}
}
