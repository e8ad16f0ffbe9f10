//! # prova-gpu: proving on the GPU through wgpu
//!
//! Most of a Plonky2 proof's time goes into committing to polynomial batches:
//! a low-degree extension (inverse NTT, coset shift, forward NTT over a domain
//! 2^rate_bits times larger) of every column, then a Poseidon Merkle tree over
//! the rows of the result; then the quotient, which reads those rows at every
//! point of a coset. This crate runs all three as WGSL compute shaders on any
//! Vulkan, Metal or DX12 adapter, keeping the extensions on the GPU for the
//! whole proof (only digests, coefficients, quotient values, FRI's last
//! codeword and the rows FRI opens come back), and hands plonky2 `PolynomialBatch`es equal to the ones
//! its CPU code would have built but for their leaves, so the proof is
//! plonky2's, byte for byte, and verifies with the unmodified verifier.
//!
//! - [`commit`]: [`GpuCommitter`], prova-pipeline's commitments on the GPU.
//! - [`context`]: adapters, the device, buffers, kernels and dispatches.
//! - [`field`]: the Goldilocks arithmetic every kernel is compiled with.
//! - [`fri`]: FRI's codewords, folds and their trees from those extensions.
//! - [`leaves`]: the extension's rows, resident on the GPU between stages.
//! - [`lde`]: NTTs and the low-degree extension into those rows.
//! - [`merkle`]: Poseidon and plonky2's Merkle tree over those rows.
//! - [`quotient`]: the quotient's values from the extensions on the GPU.

#![warn(missing_docs)]

pub mod commit;
pub mod context;
pub mod field;
pub mod fri;
pub mod lde;
pub mod leaves;
pub mod merkle;
pub mod quotient;

pub use commit::GpuCommitter;
pub use context::{
	list_adapters, AdapterSummary, Arithmetic, Gpu, GpuError, GpuOptions, TransferStats,
};
pub use fri::GpuFri;
pub use lde::{intt, lde_from_coeffs, lde_from_values, ntt, ResidentNtt};
pub use leaves::LeafMatrix;
pub use merkle::merkle_tree;

#[cfg(test)]
pub(crate) mod test_support {
	//! Shared by the kernel tests: the GPU they run on.

	use super::*;

	/// Opens the test GPU: any adapter, lavapipe included, with the given
	/// arithmetic. Tests fail (not skip) when none exists: CI installs lavapipe.
	pub fn gpu(force_u32: bool) -> Gpu {
		Gpu::open(&GpuOptions { allow_software: true, force_u32, ..Default::default() })
			.expect("a Vulkan adapter (install mesa-vulkan-drivers for lavapipe)")
	}
}
