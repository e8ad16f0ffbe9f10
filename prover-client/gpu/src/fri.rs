//! FRI's codewords on the GPU: [`GpuFri`], prova-pipeline's [`FriBackend`]
//! over the leaf matrices the committer keeps; and the openings at ζ and gζ
//! from the same matrices ([`open`]).
//!
//! The first codeword is computed row by row from the four oracles'
//! extensions where they already are (`combine` adds each oracle's columns
//! times their powers of α, `finish` subtracts the claimed openings and
//! divides by `x - z`), every fold runs there too, and each codeword is
//! written straight into the row-major layout of its Merkle leaves, so the
//! tree kernels of [`crate::merkle`] hash it as they hash a commitment. What
//! comes back: each codeword's digests, the last (small) codeword, and the
//! rows the queries open. The maths is prova-pipeline's `fri.rs`
//! (`FriCombination::value`, `Fold::value`), which the tests hold the
//! kernels to, so the proof is plonky2's byte for byte.

use crate::{context::Binding, merkle, Gpu, LeafMatrix};
use anyhow::{ensure, Result};
use plonky2::plonk::proof::OpeningSet;
use plonky2::{
	field::{
		extension::unflatten,
		types::{Field, PrimeField64},
	},
	hash::{hash_types::HashOut, merkle_tree::MerkleCap, poseidon::PoseidonHash},
};
use prova_pipeline::{
	next_point, opening_set, Ext, Fold, FriBackend, FriCombination, OpenInputs, SubgroupWeights, D,
	F,
};

const FRI_WGSL: &str = include_str!("shaders/fri.wgsl");

/// A codeword on the GPU: its rows of `2^arity_bits` extension values.
pub struct GpuLayer {
	matrix: LeafMatrix,
}

/// FRI's codewords computed on `gpu` from the oracles' extensions held there
/// (constants and sigmas, wires, permutation products, quotient chunks).
pub struct GpuFri<'a> {
	gpu: &'a Gpu,
	oracles: [&'a LeafMatrix; 4],
}

impl<'a> GpuFri<'a> {
	/// A backend over `oracles`, in the FRI instance's order.
	pub fn new(gpu: &'a Gpu, oracles: [&'a LeafMatrix; 4]) -> Self {
		GpuFri { gpu, oracles }
	}

	fn kernel(&self, entry: &'static str) -> Result<std::sync::Arc<crate::context::Kernel>> {
		Ok(self.gpu.kernel("fri", FRI_WGSL, entry, 3)?)
	}
}

/// An extension element as two words.
fn words(x: Ext) -> [u64; 2] {
	let [a, b] = x.0;
	[a.to_canonical_u64(), b.to_canonical_u64()]
}

/// The largest power of two not above `x` (at least 1).
fn floor_pow2(x: u64) -> usize {
	1usize << (63 - x.max(1).leading_zeros())
}

/// The chunk of `matrix` holding value `value` (rows hold `per_row`
/// values) and the global index of that chunk's first value.
fn chunk_of(matrix: &LeafMatrix, per_row: usize, value: usize) -> (&wgpu::Buffer, u32) {
	let per_chunk = matrix.rows_per_chunk * per_row;
	let index = value / per_chunk;
	(&matrix.chunks[index], (index * per_chunk) as u32)
}

impl FriBackend for GpuFri<'_> {
	type Layer = GpuLayer;

	fn first_layer(&self, combination: &FriCombination, arity_bits: usize) -> Result<GpuLayer> {
		let gpu = self.gpu;
		ensure!(combination.points.len() == 2, "the GPU's FRI opens at two points");
		let n = 1usize << combination.lde_bits;
		ensure!(
			self.oracles.iter().all(|m| m.rows == n),
			"oracles of another size than the codeword"
		);
		let out = LeafMatrix::allocate(gpu, n >> arity_bits, 2 << arity_bits)?;
		// Each oracle's weights: every polynomial's at ζ, then the range of
		// columns opened at gζ.
		let mut columns = Vec::with_capacity(4);
		for (oracle, weights) in self.oracles.iter().zip(&combination.weights) {
			let at_next = &weights[1];
			let lo = at_next.iter().position(|w| *w != Ext::ZERO).unwrap_or(0);
			let hi = at_next.iter().rposition(|w| *w != Ext::ZERO).map_or(0, |i| i + 1);
			ensure!(weights[0].len() <= oracle.width, "weights for more columns than the leaves");
			let table: Vec<u64> =
				weights[0].iter().chain(&at_next[lo..hi.max(lo)]).flat_map(|&w| words(w)).collect();
			let buffer = gpu.upload("fri weights", &table)?;
			columns.push((buffer, weights[0].len() as u32, lo as u32, hi.max(lo) as u32));
		}
		let mut constants =
			vec![F::coset_shift().0, F::primitive_root_of_unity(combination.lde_bits).0];
		for b in 0..2 {
			for x in [combination.points[b], combination.claimed[b], combination.scales[b]] {
				constants.extend(words(x));
			}
		}
		let table = gpu.upload("fri constants", &constants)?;
		// Rows per tile: within one chunk of every oracle and of the output,
		// and sums (four words a row) that fit one binding.
		let tile = self
			.oracles
			.iter()
			.map(|m| m.rows_per_chunk)
			.chain([out.rows_per_chunk << arity_bits, floor_pow2(gpu.max_binding() / 32), n])
			.min()
			.expect("several sizes");
		let sums = gpu.buffer("fri sums", tile as u64 * 32)?;
		let combine = self.kernel("combine")?;
		let finish = self.kernel("finish")?;
		for first in (0..n).step_by(tile) {
			let mut batch = gpu.batch();
			for (o, (oracle, (weights, polys, lo, hi))) in
				self.oracles.iter().zip(&columns).enumerate()
			{
				let (chunk, row0) = chunk_of(oracle, 1, first);
				let params = [
					tile as u32,
					first as u32,
					row0,
					0,
					oracle.width as u32,
					*polys,
					*lo,
					*hi,
					0,
					u32::from(o == 0),
				];
				batch.dispatch(
					&combine,
					&params,
					&[Binding::from(chunk), Binding::from(weights), Binding::from(&sums)],
					tile as u64,
				)?;
			}
			let (chunk, value0) = chunk_of(&out, 1 << arity_bits, first);
			let params =
				[tile as u32, first as u32, 0, value0, 0, 0, 0, 0, combination.lde_bits as u32, 0];
			batch.dispatch(
				&finish,
				&params,
				&[Binding::from(&sums), Binding::from(&table), Binding::from(chunk)],
				tile as u64,
			)?;
			gpu.submit(batch)?;
		}
		Ok(GpuLayer { matrix: out })
	}

	fn tree(
		&self,
		layer: &GpuLayer,
		cap_height: usize,
	) -> Result<(Vec<HashOut<F>>, MerkleCap<F, PoseidonHash>)> {
		ensure!(
			layer.matrix.rows >> cap_height > 0,
			"a codeword of {} rows under a cap of 2^{cap_height}",
			layer.matrix.rows
		);
		Ok(merkle::merkle_tree(self.gpu, &layer.matrix, cap_height)?)
	}

	fn fold(&self, layer: &GpuLayer, fold: &Fold, next_arity_bits: usize) -> Result<GpuLayer> {
		let gpu = self.gpu;
		let input = &layer.matrix;
		let outputs = 1usize << fold.output_bits;
		ensure!(
			input.rows == outputs
				&& input.width == 2 << fold.arity_bits
				&& outputs >> next_arity_bits > 0,
			"a fold of arity 2^{} over {} rows of {} elements into rows of 2^{next_arity_bits}",
			fold.arity_bits,
			input.rows,
			input.width
		);
		let out = LeafMatrix::allocate(gpu, outputs >> next_arity_bits, 2 << next_arity_bits)?;
		let arity = 1usize << fold.arity_bits;
		let inverse_root = F::primitive_root_of_unity(fold.arity_bits).inverse();
		let mut constants =
			vec![fold.shift.0, F::primitive_root_of_unity(fold.output_bits + fold.arity_bits).0];
		constants.extend(words(fold.beta));
		constants.push(F::from_canonical_usize(arity).inverse().0);
		constants.extend((0..arity).map(|k| inverse_root.exp_u64(k as u64).0));
		let table = gpu.upload("fri fold constants", &constants)?;
		let tile = input.rows_per_chunk.min(out.rows_per_chunk << next_arity_bits);
		let kernel = self.kernel("fold")?;
		let mut batch = gpu.batch();
		for first in (0..outputs).step_by(tile) {
			let (in_chunk, row0) = chunk_of(input, 1, first);
			let (out_chunk, value0) = chunk_of(&out, 1 << next_arity_bits, first);
			let params = [
				tile as u32,
				first as u32,
				row0,
				value0,
				fold.arity_bits as u32,
				0,
				0,
				0,
				fold.output_bits as u32,
				0,
			];
			batch.dispatch(
				&kernel,
				&params,
				&[Binding::from(in_chunk), Binding::from(&table), Binding::from(out_chunk)],
				tile as u64,
			)?;
		}
		gpu.submit(batch)?;
		Ok(GpuLayer { matrix: out })
	}

	fn row(&self, layer: &GpuLayer, row: usize) -> Result<Vec<F>> {
		Ok(layer.matrix.read_row(self.gpu, row)?)
	}

	fn values(&self, layer: &GpuLayer) -> Result<Vec<Ext>> {
		let rows = layer.matrix.read(self.gpu)?;
		Ok(rows.iter().flat_map(|row| unflatten::<F, D>(row)).collect())
	}
}

/// Rows each thread of `evaluate` sums.
const ROWS_PER_THREAD: usize = 1024;

/// The proof's openings from the four oracles' extensions on the GPU: the
/// barycentric weights of ζ and gζ (computed on the host, one upload each)
/// times each column's first `n` rows, summed there in blocks; the blocks'
/// sums come back. `None` from the weights (ζ on the coset) is an error, for
/// the caller's fallback.
pub fn open(gpu: &Gpu, oracles: [&LeafMatrix; 4], inputs: &OpenInputs) -> Result<OpeningSet<F, D>> {
	let batch = inputs.oracles[0];
	let (degree_bits, rate_bits) = (batch.degree_log, batch.rate_bits);
	let n = 1usize << degree_bits;
	let upload = |point| -> Result<(wgpu::Buffer, Ext)> {
		let weights = SubgroupWeights::new(degree_bits, rate_bits, point)
			.ok_or_else(|| anyhow::anyhow!("the opening point lies on the extension's coset"))?;
		let words: Vec<u64> = weights.weights.iter().flat_map(|&w| words(w)).collect();
		Ok((gpu.upload("opening weights", &words)?, weights.scale))
	};
	let at_zeta = upload(inputs.zeta)?;
	let at_next = upload(next_point(inputs.common, inputs.zeta))?;
	let kernel = gpu.kernel("fri", FRI_WGSL, "evaluate", 3)?;
	let evaluate = |matrix: &LeafMatrix, polys: usize, (weights, scale): &(wgpu::Buffer, Ext)| {
		ensure!(matrix.rows >= n && polys <= matrix.width, "a matrix too small for its openings");
		let tile = matrix.rows_per_chunk.min(n);
		let block = ROWS_PER_THREAD.min(tile);
		let threads = polys * tile.div_ceil(block);
		let partials = gpu.buffer("opening sums", threads as u64 * 16)?;
		let mut sums = vec![Ext::ZERO; polys];
		for first in (0..n).step_by(tile) {
			let (chunk, row0) = chunk_of(matrix, 1, first);
			let params = [
				threads as u32,
				first as u32,
				row0,
				0,
				matrix.width as u32,
				polys as u32,
				block as u32,
				tile as u32,
				0,
				0,
			];
			let mut batch = gpu.batch();
			batch.dispatch(
				&kernel,
				&params,
				&[Binding::from(chunk), Binding::from(weights), Binding::from(&partials)],
				threads as u64,
			)?;
			gpu.submit(batch)?;
			let words = gpu.read(&partials, 0, 2 * threads)?;
			for (i, pair) in words.chunks_exact(2).enumerate() {
				sums[i % polys] += plonky2::field::extension::quadratic::QuadraticExtension([
					F::from_noncanonical_u64(pair[0]),
					F::from_noncanonical_u64(pair[1]),
				]);
			}
		}
		Ok(sums.into_iter().map(|sum| *scale * sum).collect::<Vec<Ext>>())
	};
	let mut at_zeta_values = Vec::with_capacity(4);
	for (matrix, batch) in oracles.iter().zip(inputs.oracles) {
		at_zeta_values.push(evaluate(matrix, batch.polynomials.len(), &at_zeta)?);
	}
	let zs = inputs.oracles[2];
	let zs_next = evaluate(oracles[2], zs.polynomials.len(), &at_next)?;
	let at_zeta_values: [Vec<Ext>; 4] = at_zeta_values.try_into().expect("four oracles");
	Ok(opening_set(inputs.common, at_zeta_values, zs_next))
}
