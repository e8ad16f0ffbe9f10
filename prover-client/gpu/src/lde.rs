//! Number-theoretic transforms and low-degree extensions on the GPU.
//!
//! Committing to a batch of polynomials starts with their low-degree
//! extension: the values of each polynomial on the coset `shift · H` of a
//! subgroup `H` that is 2^rate_bits times larger than its degree. plonky2
//! computes it per polynomial as a zero-padded, coset-scaled FFT and then
//! stores the result as Merkle leaves: one row per point, rows in
//! bit-reversed order. This module does the same on the GPU and leaves the
//! rows there ([`LeafMatrix`]) for the Merkle kernels.
//!
//! The transform is a decimation-in-frequency NTT: natural order in,
//! bit-reversed order out. That output order is exactly plonky2's leaf order,
//! so the extension needs no permutation; only the plain transforms ([`ntt`],
//! [`intt`]) and the inverse transform of [`lde_from_values`] put their output
//! back in natural order. The stages of butterfly distance 1024 and more run
//! over the whole buffer, three per dispatch (radix 8, in registers) while
//! three remain, then one; the last ten run in one dispatch, each workgroup on
//! a block of 1024 elements in workgroup memory. In the extension, the first
//! `rate_bits` stages of the large transform would only combine coefficients
//! with zero padding: one multiplication per element does them together with
//! the coset scaling, and what remains is a transform of the polynomials'
//! own size on each of the 2^rate_bits blocks.
//!
//! Twiddle factors are generated on the GPU, once per call, each as a power
//! of a root that plonky2's own field code computes
//! (`F::primitive_root_of_unity`, its inverse, `F::coset_shift`): powers in a
//! prime field are exact, so the tables equal plonky2's, and no table is
//! computed on the CPU, sent over the bus or cached between calls.
//!
//! Columns are processed in batches that fit one storage binding
//! ([`Gpu::max_binding`]), and the rows are written into the leaf matrix's
//! chunks, so neither the number of columns nor the matrix's size is bounded
//! by the binding limit; one column (2^23 rows are 64 MiB) must fit in one.
//! All results are canonical.

use crate::{
	context::{Batch, Binding, Kernel, WORKGROUP_SIZE},
	Gpu, GpuError, LeafMatrix,
};
use plonky2::{
	field::{
		goldilocks_field::GoldilocksField as F,
		polynomial::{PolynomialCoeffs, PolynomialValues},
		types::{Field, PrimeField64, Sample},
	},
	fri::oracle::SALT_SIZE,
};
use rayon::prelude::*;
use std::sync::Arc;

const NTT_WGSL: &str = include_str!("shaders/ntt.wgsl");

/// log2 of the block the workgroup-local kernel transforms (`LOCAL_LOG` in `ntt.wgsl`).
const LOCAL_LOG: usize = 10;

/// Largest column buffer, in bytes, even where bindings may be larger: a
/// batch this size already keeps any GPU busy, and the buffers add to the
/// leaf matrix's memory.
const MAX_BATCH_BYTES: u64 = 1 << 29;

/// The kernels of `ntt.wgsl`.
struct Kernels {
	twiddles: Arc<Kernel>,
	coset_factors: Arc<Kernel>,
	dif_stage: Arc<Kernel>,
	dif_radix8: Arc<Kernel>,
	dif_local: Arc<Kernel>,
	bit_reverse_scale: Arc<Kernel>,
	coset_expand: Arc<Kernel>,
	scatter_rows: Arc<Kernel>,
}

impl Kernels {
	fn get(gpu: &Gpu) -> Result<Self, GpuError> {
		let kernel = |entry, bindings| gpu.kernel("ntt", NTT_WGSL, entry, bindings);
		Ok(Kernels {
			twiddles: kernel("twiddles", 1)?,
			coset_factors: kernel("coset_factors", 1)?,
			dif_stage: kernel("dif_stage", 2)?,
			dif_radix8: kernel("dif_radix8", 2)?,
			dif_local: kernel("dif_local", 2)?,
			bit_reverse_scale: kernel("bit_reverse_scale", 2)?,
			coset_expand: kernel("coset_expand", 3)?,
			scatter_rows: kernel("scatter_rows", 2)?,
		})
	}
}

/// The kernels' uniform: `log_n`, `cols`, then kernel-specific fields.
fn params(fields: &[usize]) -> [u32; 8] {
	let mut words = [0u32; 8];
	for (word, &field) in words.iter_mut().zip(fields) {
		*word = u32::try_from(field).expect("kernel parameters fit in 32 bits");
	}
	words
}

/// A field element as two parameter fields (low, high half).
fn halves(x: F) -> [usize; 2] {
	let x = x.to_canonical_u64();
	[(x & 0xFFFF_FFFF) as usize, (x >> 32) as usize]
}

/// How many columns of 2^log_n elements one buffer holds.
fn columns_per_buffer(gpu: &Gpu, log_n: usize) -> Result<usize, GpuError> {
	let column = 8u64 << log_n;
	if column > gpu.max_binding() {
		return Err(GpuError::TooLarge { bytes: column, limit: gpu.max_binding() });
	}
	Ok((gpu.max_binding().min(MAX_BATCH_BYTES) / column).max(1) as usize)
}

/// Columns back to back, as the kernels read them.
fn flatten<'a>(columns: impl IntoIterator<Item = &'a [F]>) -> Vec<u64> {
	columns.into_iter().flat_map(|column| column.iter().map(|x| x.0)).collect()
}

/// The power-of-two length shared by all `columns`.
fn common_log_len<'a>(columns: impl IntoIterator<Item = &'a [F]>) -> usize {
	let mut columns = columns.into_iter();
	let n = columns.next().expect("at least one column").len();
	assert!(n.is_power_of_two(), "column length {n} is not a power of two");
	assert!(columns.all(|column| column.len() == n), "columns of different lengths");
	n.trailing_zeros() as usize
}

/// A transform of one size and direction: its twiddle table on the GPU.
struct Transform {
	log_n: usize,
	inverse: bool,
	table: wgpu::Buffer,
}

impl Transform {
	fn new(gpu: &Gpu, kernels: &Kernels, log_n: usize, inverse: bool) -> Result<Self, GpuError> {
		let root = F::primitive_root_of_unity(log_n);
		let root = if inverse { root.inverse() } else { root };
		let table = gpu.buffer("twiddles", 8 << log_n)?;
		let [lo, hi] = halves(root);
		let mut batch = gpu.batch();
		batch.dispatch(
			&kernels.twiddles,
			&params(&[log_n, 0, lo, hi]),
			&[Binding::from(&table)],
			1 << log_n,
		)?;
		gpu.submit(batch)?;
		Ok(Transform { log_n, inverse, table })
	}

	/// Records the DIF transform, in place, of the first `cols` columns of
	/// `data`: natural order in, bit-reversed order out, values not canonical.
	fn record_dif(
		&self,
		batch: &mut Batch<'_>,
		kernels: &Kernels,
		data: &wgpu::Buffer,
		cols: usize,
	) -> Result<(), GpuError> {
		let log_n = self.log_n;
		let local = log_n.min(LOCAL_LOG);
		let storage = [Binding::from(data), Binding::from(&self.table)];
		// Stages of distance 2^stage, from the largest down to the local ones:
		// three at a time while three remain.
		let mut stage = log_n;
		while stage > local {
			if stage - local >= 3 {
				batch.dispatch(
					&kernels.dif_radix8,
					&params(&[log_n, cols, stage - 1]),
					&storage,
					(cols << (log_n - 3)) as u64,
				)?;
				stage -= 3;
			} else {
				batch.dispatch(
					&kernels.dif_stage,
					&params(&[log_n, cols, stage - 1]),
					&storage,
					(cols << (log_n - 1)) as u64,
				)?;
				stage -= 1;
			}
		}
		if local > 0 {
			batch.dispatch(
				&kernels.dif_local,
				&params(&[log_n, cols, local]),
				&storage,
				(cols << (log_n - local)) as u64 * WORKGROUP_SIZE,
			)?;
		}
		Ok(())
	}

	/// Records the full transform of the first `cols` columns of `data` into
	/// `out`, natural order and canonical (`data` is overwritten): plonky2's
	/// `fft`, or its `ifft` for the inverse transform.
	fn record_natural(
		&self,
		batch: &mut Batch<'_>,
		kernels: &Kernels,
		data: &wgpu::Buffer,
		out: &wgpu::Buffer,
		cols: usize,
	) -> Result<(), GpuError> {
		self.record_dif(batch, kernels, data, cols)?;
		let scale = if self.inverse { F::inverse_2exp(self.log_n) } else { F::ONE };
		let [lo, hi] = halves(scale);
		batch.dispatch(
			&kernels.bit_reverse_scale,
			&params(&[self.log_n, cols, lo, hi]),
			&[Binding::from(data), Binding::from(out)],
			(cols << self.log_n) as u64,
		)
	}
}

/// Columns of one power-of-two length kept on the GPU and transformed there:
/// the NTT without host transfers, for benchmarks.
pub struct ResidentNtt {
	kernels: Kernels,
	transform: Transform,
	data: wgpu::Buffer,
	scratch: wgpu::Buffer,
	cols: usize,
}

impl ResidentNtt {
	/// Uploads `columns` (all of one power-of-two length, together within one
	/// storage binding) and prepares the forward (or, with `inverse`, the
	/// inverse) transform of their size.
	///
	/// # Panics
	/// If `columns` is empty or its lengths differ or are not a power of two.
	pub fn new(gpu: &Gpu, columns: &[Vec<F>], inverse: bool) -> Result<Self, GpuError> {
		let log_n = common_log_len(columns.iter().map(Vec::as_slice));
		let bytes = (columns.len() as u64) << (log_n + 3);
		if bytes > gpu.max_binding() {
			return Err(GpuError::TooLarge { bytes, limit: gpu.max_binding() });
		}
		let kernels = Kernels::get(gpu)?;
		let transform = Transform::new(gpu, &kernels, log_n, inverse)?;
		let data = gpu.upload("ntt columns", &flatten(columns.iter().map(Vec::as_slice)))?;
		let scratch = gpu.buffer("ntt scratch", bytes)?;
		Ok(ResidentNtt { kernels, transform, data, scratch, cols: columns.len() })
	}

	/// Transforms the columns in place (plonky2's `fft`, or `ifft`), and
	/// returns once the GPU has finished.
	pub fn run(&mut self, gpu: &Gpu) -> Result<(), GpuError> {
		let mut batch = gpu.batch();
		self.transform.record_natural(
			&mut batch,
			&self.kernels,
			&self.data,
			&self.scratch,
			self.cols,
		)?;
		gpu.submit(batch)?;
		std::mem::swap(&mut self.data, &mut self.scratch);
		// A read waits for every submitted batch.
		gpu.read(&self.data, 0, 1)?;
		Ok(())
	}

	/// Reads the columns back.
	pub fn read(&self, gpu: &Gpu) -> Result<Vec<Vec<F>>, GpuError> {
		let n = 1 << self.transform.log_n;
		let words = gpu.read(&self.data, 0, self.cols * n)?;
		Ok(words.chunks_exact(n).map(|column| column.iter().map(|&x| F(x)).collect()).collect())
	}
}

/// Transforms `columns` in batches that fit one binding.
fn transform(gpu: &Gpu, columns: &[Vec<F>], inverse: bool) -> Result<Vec<Vec<F>>, GpuError> {
	if columns.is_empty() {
		return Ok(Vec::new());
	}
	let log_n = common_log_len(columns.iter().map(Vec::as_slice));
	let n = 1 << log_n;
	let per = columns_per_buffer(gpu, log_n)?.min(columns.len());
	let kernels = Kernels::get(gpu)?;
	let transform = Transform::new(gpu, &kernels, log_n, inverse)?;
	let data = gpu.buffer("ntt columns", (per * n * 8) as u64)?;
	let out = gpu.buffer("ntt output", (per * n * 8) as u64)?;
	let mut result = Vec::with_capacity(columns.len());
	for part in columns.chunks(per) {
		gpu.write(&data, 0, &flatten(part.iter().map(Vec::as_slice)));
		let mut batch = gpu.batch();
		transform.record_natural(&mut batch, &kernels, &data, &out, part.len())?;
		gpu.submit(batch)?;
		let words = gpu.read(&out, 0, part.len() * n)?;
		result.extend(words.chunks_exact(n).map(|c| c.iter().map(|&x| F(x)).collect()));
	}
	Ok(result)
}

/// The forward NTT of each column (all of one power-of-two length): equal to
/// plonky2's `fft`, natural order, canonical.
///
/// # Panics
/// If the columns' lengths differ or are not a power of two.
pub fn ntt(gpu: &Gpu, columns: &[Vec<F>]) -> Result<Vec<Vec<F>>, GpuError> {
	transform(gpu, columns, false)
}

/// The inverse NTT of each column: equal to plonky2's `ifft`.
///
/// # Panics
/// If the columns' lengths differ or are not a power of two.
pub fn intt(gpu: &Gpu, columns: &[Vec<F>]) -> Result<Vec<Vec<F>>, GpuError> {
	transform(gpu, columns, true)
}

/// The low-degree extension of polynomials given by their coefficients, as
/// plonky2's `PolynomialBatch::from_coeffs` builds its Merkle leaves: row `i`
/// of the result holds every polynomial's value at `shift · ω^reverse(i)`
/// (ω of order `n << rate_bits`, shift `F::coset_shift()`), followed, with
/// `salt`, by `SALT_SIZE` random elements.
///
/// # Panics
/// If `coeffs` is empty or its polynomials' lengths differ or are not a power of two.
pub fn lde_from_coeffs(
	gpu: &Gpu,
	coeffs: &[PolynomialCoeffs<F>],
	rate_bits: usize,
	salt: bool,
) -> Result<LeafMatrix, GpuError> {
	let columns: Vec<&[F]> = coeffs.iter().map(|p| p.coeffs.as_slice()).collect();
	extend(gpu, &columns, false, rate_bits, salt).map(|(_, leaves)| leaves)
}

/// The coefficients of polynomials given by their values on the subgroup
/// (plonky2's `ifft`), and their low-degree extension as
/// [`lde_from_coeffs`] computes it: together what
/// `PolynomialBatch::from_values` builds.
///
/// # Panics
/// If `values` is empty or its columns' lengths differ or are not a power of two.
pub fn lde_from_values(
	gpu: &Gpu,
	values: &[PolynomialValues<F>],
	rate_bits: usize,
	salt: bool,
) -> Result<(Vec<PolynomialCoeffs<F>>, LeafMatrix), GpuError> {
	let columns: Vec<&[F]> = values.iter().map(|p| p.values.as_slice()).collect();
	extend(gpu, &columns, true, rate_bits, salt)
}

/// The extension of `columns` (coefficients, or values with `from_values`),
/// and the coefficients when computed here.
fn extend(
	gpu: &Gpu,
	columns: &[&[F]],
	from_values: bool,
	rate_bits: usize,
	salt: bool,
) -> Result<(Vec<PolynomialCoeffs<F>>, LeafMatrix), GpuError> {
	let log_n = common_log_len(columns.iter().copied());
	let n = 1 << log_n;
	let log_rows = log_n + rate_bits;
	let rows = 1 << log_rows;
	let polys = columns.len();
	let width = polys + if salt { SALT_SIZE } else { 0 };
	let per = columns_per_buffer(gpu, log_rows)?.min(width);

	let kernels = Kernels::get(gpu)?;
	let leaves = LeafMatrix::allocate(gpu, rows, width)?;
	// The first rate_bits stages of the size-2^log_rows transform act on
	// zeros; `factors` does them with the coset scaling, and the rest is a
	// transform of size n on each block of n.
	let forward = Transform::new(gpu, &kernels, log_n, false)?;
	let inverse =
		if from_values { Some(Transform::new(gpu, &kernels, log_n, true)?) } else { None };
	let factors = gpu.buffer("coset factors", (rows * 8) as u64)?;
	let input = gpu.buffer("lde input", (per * n * 8) as u64)?;
	let coeffs = match from_values {
		true => Some(gpu.buffer("lde coefficients", (per * n * 8) as u64)?),
		false => None,
	};
	let work = gpu.buffer("lde columns", (per * rows * 8) as u64)?;

	let mut batch = gpu.batch();
	let [shift_lo, shift_hi] = halves(F::coset_shift());
	let [root_lo, root_hi] = halves(F::primitive_root_of_unity(log_rows));
	batch.dispatch(
		&kernels.coset_factors,
		&params(&[log_rows, 0, log_n, shift_lo, shift_hi, root_lo, root_hi]),
		&[Binding::from(&factors)],
		rows as u64,
	)?;
	gpu.submit(batch)?;

	let mut coefficients = Vec::new();
	for (part_index, part) in columns.chunks(per).enumerate() {
		let cols = part.len();
		gpu.write(&input, 0, &flatten(part.iter().copied()));
		let mut batch = gpu.batch();
		let part_coeffs = match (&inverse, &coeffs) {
			(Some(inverse), Some(coeffs)) => {
				inverse.record_natural(&mut batch, &kernels, &input, coeffs, cols)?;
				coeffs
			}
			_ => &input,
		};
		batch.dispatch(
			&kernels.coset_expand,
			&params(&[log_rows, cols, log_n]),
			&[Binding::from(part_coeffs), Binding::from(&work), Binding::from(&factors)],
			(cols << log_rows) as u64,
		)?;
		forward.record_dif(&mut batch, &kernels, &work, cols << rate_bits)?;
		record_scatter(&mut batch, &kernels, &work, log_rows, &leaves, part_index * per, cols)?;
		gpu.submit(batch)?;
		if let Some(coeffs) = &coeffs {
			let words = gpu.read(coeffs, 0, cols * n)?;
			coefficients.extend(
				words
					.chunks_exact(n)
					.map(|column| PolynomialCoeffs::new(column.iter().map(|&x| F(x)).collect())),
			);
		}
	}

	if salt {
		// Random elements as plonky2's `F::rand_vec` draws them (`F::rand`,
		// from the OS), on every core; their order is immaterial.
		for start in (0..SALT_SIZE).step_by(per) {
			let cols = per.min(SALT_SIZE - start);
			let salt: Vec<u64> = (0..cols * rows).into_par_iter().map(|_| F::rand().0).collect();
			gpu.write(&work, 0, &salt);
			let mut batch = gpu.batch();
			record_scatter(&mut batch, &kernels, &work, log_rows, &leaves, polys + start, cols)?;
			gpu.submit(batch)?;
		}
	}
	Ok((coefficients, leaves))
}

/// Records the copy of `cols` columns of `work` (each 2^log_rows long, in
/// leaf order) into columns `col0 ..` of every row of `leaves`.
fn record_scatter(
	batch: &mut Batch<'_>,
	kernels: &Kernels,
	work: &wgpu::Buffer,
	log_rows: usize,
	leaves: &LeafMatrix,
	col0: usize,
	cols: usize,
) -> Result<(), GpuError> {
	let chunk_rows = leaves.rows_per_chunk;
	for (index, chunk) in leaves.chunks.iter().enumerate() {
		batch.dispatch(
			&kernels.scatter_rows,
			&params(&[log_rows, cols, leaves.width, col0, index * chunk_rows, chunk_rows]),
			&[Binding::from(work), Binding::from(chunk)],
			(cols * chunk_rows) as u64,
		)?;
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{test_support::gpu, GpuOptions};
	use plonky2::{
		field::{
			fft::{fft, ifft},
			types::Field64,
		},
		fri::oracle::PolynomialBatch,
		plonk::config::PoseidonGoldilocksConfig,
		util::timing::TimingTree,
	};

	type C = PoseidonGoldilocksConfig;

	fn random_columns(log_n: usize, cols: usize) -> Vec<Vec<F>> {
		(0..cols).map(|_| F::rand_vec(1 << log_n)).collect()
	}

	fn canonical(rows: &[Vec<F>]) -> bool {
		rows.iter().flatten().all(|x| x.0 < F::ORDER)
	}

	fn check_ntt(force_u32: bool) {
		let gpu = gpu(force_u32);
		// Up to 2^10 the local kernel does every stage; 2^11 and 2^12 add
		// radix-2 stages, 2^13 a radix-8 one, 2^14 and 2^15 both.
		for log_n in 0..=15 {
			let columns = random_columns(log_n, if log_n > 12 { 1 } else { 3 });
			let got = ntt(&gpu, &columns).expect("ntt");
			let want: Vec<Vec<F>> =
				columns.iter().map(|c| fft(PolynomialCoeffs::new(c.clone())).values).collect();
			assert_eq!(got, want, "ntt of size 2^{log_n} on {:?}", gpu.arithmetic());
			assert!(canonical(&got));
			let got = intt(&gpu, &columns).expect("intt");
			let want: Vec<Vec<F>> =
				columns.iter().map(|c| ifft(PolynomialValues::new(c.clone())).coeffs).collect();
			assert_eq!(got, want, "intt of size 2^{log_n} on {:?}", gpu.arithmetic());
			assert!(canonical(&got));
		}
	}

	#[test]
	fn ntt_matches_plonky2_int64() {
		check_ntt(false);
	}

	#[test]
	fn ntt_matches_plonky2_u32_pair() {
		check_ntt(true);
	}

	#[test]
	fn resident_ntt_runs_repeatedly() {
		let gpu = gpu(false);
		let columns = random_columns(11, 2);
		let mut resident = ResidentNtt::new(&gpu, &columns, false).expect("upload");
		resident.run(&gpu).expect("first");
		resident.run(&gpu).expect("second");
		let twice = |c: &Vec<F>| {
			let once = fft(PolynomialCoeffs::new(c.clone())).values;
			fft(PolynomialCoeffs::new(once)).values
		};
		let want: Vec<Vec<F>> = columns.iter().map(twice).collect();
		assert_eq!(resident.read(&gpu).expect("read"), want);
	}

	/// Both entry points against plonky2's `PolynomialBatch` for `cols`
	/// random polynomials of 2^log_n coefficients (values).
	fn check_lde(gpu: &Gpu, log_n: usize, rate_bits: usize, cols: usize) {
		let cap_height = (log_n + rate_bits).min(2);
		let what =
			format!("log_n {log_n}, rate_bits {rate_bits}, {cols} columns, {:?}", gpu.arithmetic());

		let values: Vec<PolynomialValues<F>> =
			random_columns(log_n, cols).into_iter().map(PolynomialValues::new).collect();
		let want = PolynomialBatch::<F, C, 2>::from_values(
			values.clone(),
			rate_bits,
			false,
			cap_height,
			&mut TimingTree::default(),
			None,
		);
		let (coeffs, leaves) = lde_from_values(gpu, &values, rate_bits, false).expect("lde");
		let got: Vec<_> = coeffs.iter().map(|p| p.coeffs.clone()).collect();
		let wanted: Vec<_> = want.polynomials.iter().map(|p| p.coeffs.clone()).collect();
		assert_eq!(got, wanted, "coefficients, {what}");
		assert!(canonical(&got));
		let leaves = leaves.read(gpu).expect("read");
		assert!(leaves == want.merkle_tree.leaves, "leaves from values, {what}");
		assert!(canonical(&leaves));

		let coeffs: Vec<PolynomialCoeffs<F>> =
			random_columns(log_n, cols).into_iter().map(PolynomialCoeffs::new).collect();
		let want = PolynomialBatch::<F, C, 2>::from_coeffs(
			coeffs.clone(),
			rate_bits,
			false,
			cap_height,
			&mut TimingTree::default(),
			None,
		);
		let leaves = lde_from_coeffs(gpu, &coeffs, rate_bits, false).expect("lde").read(gpu);
		assert!(
			leaves.expect("read") == want.merkle_tree.leaves,
			"leaves from coefficients, {what}"
		);
	}

	#[test]
	fn lde_matches_plonky2_int64() {
		let gpu = gpu(false);
		for (log_n, rate_bits, cols) in
			[(0, 0, 1), (0, 2, 2), (3, 1, 1), (5, 3, 7), (10, 3, 20), (12, 1, 3), (14, 1, 2)]
		{
			check_lde(&gpu, log_n, rate_bits, cols);
		}
	}

	/// A size near real circuits' (2^21 rows: several radix-8 passes, a
	/// multi-megabyte binding): `cargo test -p prova-gpu -- --ignored` on a
	/// real GPU; about 7 s on lavapipe with two cores (most of it plonky2's
	/// debug build).
	#[test]
	#[ignore]
	fn lde_matches_plonky2_large() {
		let gpu = gpu(false);
		check_lde(&gpu, 18, 3, 3);
	}

	#[test]
	fn lde_matches_plonky2_u32_pair() {
		let gpu = gpu(true);
		for (log_n, rate_bits, cols) in [(3, 1, 1), (9, 2, 5), (13, 0, 2)] {
			check_lde(&gpu, log_n, rate_bits, cols);
		}
	}

	/// Bindings of 4 KiB: columns of 2^8 take two per batch, and the matrix
	/// (11 or 7 columns wide) takes several chunks.
	#[test]
	fn lde_splits_batches_and_chunks() {
		let gpu = Gpu::open(&GpuOptions {
			allow_software: true,
			max_binding: Some(4096),
			..Default::default()
		})
		.expect("adapter");
		check_lde(&gpu, 5, 3, 7);

		let coeffs: Vec<PolynomialCoeffs<F>> =
			random_columns(5, 7).into_iter().map(PolynomialCoeffs::new).collect();
		let matrix = lde_from_coeffs(&gpu, &coeffs, 3, true).expect("lde");
		assert_eq!((matrix.width, matrix.rows), (11, 256));
		assert!(matrix.chunks.len() > 1);
		check_salted(&gpu, &coeffs, 3, matrix);
	}

	/// The salted matrix's rows start with the unsalted ones and end with
	/// `SALT_SIZE` canonical elements that are not all equal.
	fn check_salted(
		gpu: &Gpu,
		coeffs: &[PolynomialCoeffs<F>],
		rate_bits: usize,
		matrix: LeafMatrix,
	) {
		let want = PolynomialBatch::<F, C, 2>::from_coeffs(
			coeffs.to_vec(),
			rate_bits,
			false,
			0,
			&mut TimingTree::default(),
			None,
		);
		let rows = matrix.read(gpu).expect("read");
		assert!(canonical(&rows));
		assert_eq!(rows.len(), want.merkle_tree.leaves.len());
		for (row, want) in rows.iter().zip(&want.merkle_tree.leaves) {
			assert_eq!(row.len(), coeffs.len() + SALT_SIZE);
			assert_eq!(&row[..coeffs.len()], &want[..]);
		}
		let salt: Vec<F> = rows.iter().flat_map(|row| row[coeffs.len()..].to_vec()).collect();
		assert!(salt.iter().any(|&x| x != salt[0]), "salt is random");
	}

	#[test]
	fn salt_appends_random_columns() {
		let gpu = gpu(false);
		let coeffs: Vec<PolynomialCoeffs<F>> =
			random_columns(4, 3).into_iter().map(PolynomialCoeffs::new).collect();
		let matrix = lde_from_coeffs(&gpu, &coeffs, 2, true).expect("lde");
		assert_eq!(matrix.width, 3 + SALT_SIZE);
		check_salted(&gpu, &coeffs, 2, matrix);

		let values: Vec<PolynomialValues<F>> =
			random_columns(4, 3).into_iter().map(PolynomialValues::new).collect();
		let (coeffs, matrix) = lde_from_values(&gpu, &values, 2, true).expect("lde");
		assert_eq!(matrix.width, 3 + SALT_SIZE);
		check_salted(&gpu, &coeffs, 2, matrix);
	}
}
