//! [`LeafMatrix`]: a batch's low-degree extension as it stays on the GPU,
//! from the LDE through the Merkle tree and the quotient to FRI's queries.
//!
//! plonky2's Merkle leaves are the rows of the extension (one element per
//! polynomial, then the salt if any), in bit-reversed row order. The matrix
//! keeps exactly that layout, row-major, so the Merkle kernels hash
//! contiguous rows, one row is one read, and reading it all back gives
//! `MerkleTree::leaves` directly.
//! A single buffer could exceed the adapter's storage-binding limit (2^23 rows
//! of 135 wires is 9 GB), so rows are split over chunks of at most
//! [`Gpu::max_binding`] bytes each, every chunk a power of two rows long.

use crate::{Gpu, GpuError};
use plonky2::field::goldilocks_field::GoldilocksField as F;
use rayon::prelude::*;

/// Leaf rows of a committed batch, resident on the GPU. A clone shares the
/// same buffers.
#[derive(Clone)]
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
		let rows_per_chunk = Self::rows_per_chunk_for(gpu, rows, width);
		if rows_per_chunk as u64 * row_bytes > gpu.max_binding() {
			return Err(GpuError::TooLarge { bytes: row_bytes, limit: gpu.max_binding() });
		}
		let chunks = (0..rows / rows_per_chunk)
			.map(|_| gpu.buffer("leaves", rows_per_chunk as u64 * row_bytes))
			.collect::<Result<_, _>>()?;
		Ok(LeafMatrix { rows, width, rows_per_chunk, chunks })
	}

	/// Rows per chunk of a matrix of `rows` rows of `width` elements: the
	/// largest power of two of rows that fits one binding (at least one).
	pub fn rows_per_chunk_for(gpu: &Gpu, rows: usize, width: usize) -> usize {
		let fit = (gpu.max_binding() / (width as u64 * 8)).max(1);
		(1u64 << (63 - fit.leading_zeros())).min(rows as u64) as usize
	}

	/// A matrix holding `leaves` (plonky2's `MerkleTree::leaves`: a power of
	/// two of rows, all of one width), for batches committed elsewhere, such
	/// as a circuit's constants and sigmas.
	pub fn upload(gpu: &Gpu, leaves: &[Vec<F>]) -> Result<Self, GpuError> {
		let width = leaves.first().map_or(0, Vec::len);
		if leaves.iter().any(|row| row.len() != width) {
			return Err(GpuError::Wgpu("leaf rows of different widths".into()));
		}
		let matrix = Self::allocate(gpu, leaves.len(), width)?;
		for (chunk, rows) in matrix.chunks.iter().zip(leaves.chunks(matrix.rows_per_chunk)) {
			let words: Vec<u64> =
				rows.par_iter().flat_map_iter(|row| row.iter().map(|v| v.0)).collect();
			gpu.write(chunk, 0, &words);
		}
		Ok(matrix)
	}

	/// Row `row`, read back alone.
	pub fn read_row(&self, gpu: &Gpu, row: usize) -> Result<Vec<F>, GpuError> {
		if row >= self.rows {
			return Err(GpuError::Wgpu(format!("row {row} of a matrix of {} rows", self.rows)));
		}
		let chunk = &self.chunks[row / self.rows_per_chunk];
		let offset = ((row % self.rows_per_chunk) * self.width) as u64 * 8;
		let words = gpu.read(chunk, offset, self.width)?;
		Ok(words.into_iter().map(F).collect())
	}

	/// Bytes the matrix holds on the GPU.
	pub fn bytes(&self) -> u64 {
		(self.rows * self.width) as u64 * 8
	}

	/// Reads the rows back as plonky2's `MerkleTree::leaves`: each piece of
	/// the staging ring is copied into its rows in parallel, so the copy-out
	/// overlaps the device's copy of the next piece.
	pub fn read(&self, gpu: &Gpu) -> Result<Vec<Vec<F>>, GpuError> {
		let width = self.width;
		let mut leaves: Vec<Vec<F>> =
			(0..self.rows).into_par_iter().map(|_| Vec::with_capacity(width)).collect();
		for (c, chunk) in self.chunks.iter().enumerate() {
			let rows = &mut leaves[c * self.rows_per_chunk..(c + 1) * self.rows_per_chunk];
			gpu.read_with(chunk, 0, self.rows_per_chunk * width, |at, words| {
				fill_rows(rows, width, at, words)
			})?;
		}
		Ok(leaves)
	}
}

/// Appends `words`, which start at word `at` of a row-major matrix of rows
/// `width` long, to `rows`: a row cut by a piece boundary is finished by the
/// next piece.
fn fill_rows(rows: &mut [Vec<F>], width: usize, at: usize, mut words: &[u64]) {
	let mut at = at;
	let cut = at % width;
	if cut != 0 {
		let take = (width - cut).min(words.len());
		rows[at / width].extend(words[..take].iter().map(|&x| F(x)));
		at += take;
		words = &words[take..];
	}
	let whole = words.len() / width;
	let first = at / width;
	rows[first..first + whole]
		.par_iter_mut()
		.zip(words[..whole * width].par_chunks_exact(width))
		.for_each(|(row, words)| row.extend(words.iter().map(|&x| F(x))));
	let rest = &words[whole * width..];
	if !rest.is_empty() {
		rows[first + whole].extend(rest.iter().map(|&x| F(x)));
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn rows_cut_by_pieces_are_put_together() {
		let width = 3;
		let words: Vec<u64> = (0..12).collect();
		let mut rows = vec![Vec::new(); 4];
		// Pieces of 5 words cut rows 1 and 3.
		for (i, piece) in words.chunks(5).enumerate() {
			fill_rows(&mut rows, width, i * 5, piece);
		}
		let want: Vec<Vec<F>> =
			words.chunks(width).map(|row| row.iter().map(|&x| F(x)).collect()).collect();
		assert_eq!(rows, want);
	}
}
