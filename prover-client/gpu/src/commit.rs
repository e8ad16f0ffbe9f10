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

use crate::{lde, merkle, Gpu, GpuError};
use plonky2::{
	field::{
		fft::FftRootTable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
	},
	fri::oracle::PolynomialBatch,
	hash::merkle_tree::MerkleTree,
	util::timing::TimingTree,
};
use prova_pipeline::{CommitParams, Committer, CpuCommitter, C, D, F};
use std::sync::Mutex;

/// Commits polynomial batches on one GPU, one batch at a time.
pub struct GpuCommitter {
	gpu: Gpu,
	/// Batches take most of the device's memory: one at a time.
	busy: Mutex<()>,
}

impl GpuCommitter {
	/// A committer on `gpu`.
	pub fn new(gpu: Gpu) -> Self {
		GpuCommitter { gpu, busy: Mutex::new(()) }
	}

	/// The GPU it runs on.
	pub fn gpu(&self) -> &Gpu {
		&self.gpu
	}

	/// Commits `coeffs` with their extension `leaves` computed by `extend`.
	fn commit(
		&self,
		coeffs: impl FnOnce(&Gpu) -> Result<(Vec<PolynomialCoeffs<F>>, crate::LeafMatrix), GpuError>,
		params: CommitParams,
	) -> Result<PolynomialBatch<F, C, D>, GpuError> {
		let _busy = self.busy.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let (polynomials, rows) = coeffs(&self.gpu)?;
		let (digests, cap) = merkle::merkle_tree(&self.gpu, &rows, params.cap_height)?;
		let leaves = rows.read(&self.gpu)?;
		let degree_log = polynomials[0].len().trailing_zeros() as usize;
		Ok(PolynomialBatch {
			polynomials,
			merkle_tree: MerkleTree { leaves, digests, cap },
			degree_log,
			rate_bits: params.rate_bits,
			blinding: params.blinding,
		})
	}

	fn fall_back(&self, what: &str, error: &GpuError) {
		tracing::warn!(%error, adapter = %self.gpu.adapter().name, "GPU commitment of the {what} failed; committing on the CPU");
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
			match self.commit(extend, params) {
				Ok(batch) => return Ok(batch),
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
				let rows = lde::lde_from_coeffs(gpu, &coeffs, params.rate_bits, params.blinding)?;
				Ok((coeffs.clone(), rows))
			};
			match self.commit(extend, params) {
				Ok(batch) => return Ok(batch),
				Err(error) => self.fall_back("coefficients", &error),
			}
		}
		CpuCommitter.commit_coeffs(coeffs, params, fft_root_table, timing)
	}
}
