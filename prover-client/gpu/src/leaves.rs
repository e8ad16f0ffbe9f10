//! [`LeafMatrix`]: a batch's low-degree extension as it stays on the GPU
//! between the LDE and the Merkle tree.
//!
//! plonky2's Merkle leaves are the rows of the extension (one element per
//! polynomial, then the salt if any), in bit-reversed row order. The matrix
//! keeps exactly that layout, row-major, so the Merkle kernels hash
//! contiguous rows and reading it back gives `MerkleTree::leaves` directly.
//! A single buffer could exceed the adapter's storage-binding limit (2^23 rows
//! of 135 wires is 9 GB), so rows are split over chunks of at most
//! [`Gpu::max_binding`] bytes each, every chunk a power of two rows long.

use crate::{Gpu, GpuError};
use plonky2::field::goldilocks_field::GoldilocksField as F;

/// Leaf rows of a committed batch, resident on the GPU.
pub struct LeafMatrix {
	/// Number of rows (leaves), a power of two.
	pub rows: usize,
	/// Elements per row.
	pub width: usize,
	/// Rows in each chunk (a power of two); the last chunk may not be full
	/// only if `rows` is smaller than this.
	pub rows_per_chunk: usize,
	/// The chunks: chunk `c` holds rows `c * rows_per_chunk ..`, row-major,
	/// each element as a little-endian u64.
	pub chunks: Vec<wgpu::Buffer>,
}

impl LeafMatrix {
	/// Allocates a zeroed matrix of `rows` rows of `width` elements, chunked
	/// to the adapter's binding limit.
	pub fn allocate(gpu: &Gpu, rows: usize, width: usize) -> Result<Self, GpuError> {
		assert!(rows.is_power_of_two() && width > 0);
		let row_bytes = width as u64 * 8;
		let fit = (gpu.max_binding() / row_bytes).max(1);
		// Largest power of two of rows that fits one binding.
		let rows_per_chunk = (1u64 << (63 - fit.leading_zeros())).min(rows as u64) as usize;
		if rows_per_chunk as u64 * row_bytes > gpu.max_binding() {
			return Err(GpuError::TooLarge { bytes: row_bytes, limit: gpu.max_binding() });
		}
		let chunks = (0..rows / rows_per_chunk)
			.map(|_| gpu.buffer("leaves", rows_per_chunk as u64 * row_bytes))
			.collect::<Result<_, _>>()?;
		Ok(LeafMatrix { rows, width, rows_per_chunk, chunks })
	}

	/// Reads the rows back as plonky2's `MerkleTree::leaves`.
	pub fn read(&self, gpu: &Gpu) -> Result<Vec<Vec<F>>, GpuError> {
		let mut leaves = Vec::with_capacity(self.rows);
		for chunk in &self.chunks {
			let words = gpu.read(chunk, 0, self.rows_per_chunk * self.width)?;
			leaves.extend(
				words.chunks_exact(self.width).map(|row| row.iter().map(|&x| F(x)).collect()),
			);
		}
		Ok(leaves)
	}
}
