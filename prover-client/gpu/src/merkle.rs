//! Poseidon Merkle trees over a [`LeafMatrix`], on the GPU.
//!
//! After the extension, hashing its rows is the other half of a commitment,
//! and the rows are already on the GPU: hashing them there saves copying
//! gigabytes back to the CPU before the tree is built. [`merkle_tree`]
//! returns exactly plonky2's `MerkleTree::new` digests and cap, so the tree
//! plonky2 opens Merkle paths from is the one it would have built.
//!
//! The kernels (`shaders/poseidon.wgsl`) run plonky2's Poseidon permutation
//! with constants taken from plonky2 when the kernel is compiled: the MDS
//! matrix is written into the shader text, the round constants are a small
//! storage buffer. Leaves are hashed with `hash_or_noop` (a leaf of at most 4
//! elements is its own digest) and nodes with `two_to_one`.
//!
//! The tree is built level by level, each level in its own buffers. A level
//! of N digests is 32 N bytes, more than one storage binding allows for large
//! N (the leaf level of 2^23 rows is 256 MiB), so every level is split into
//! chunks of a power of two of digests that fit one binding; the leaf chunks
//! and the digest chunks are both aligned powers of two, so every dispatch
//! reads one chunk and writes one. plonky2 stores digests in a recursive
//! order (each sub-tree below the cap is `left || left root || right root ||
//! right`); the levels are read back and put in that order on the CPU, where
//! plonky2 needs them anyway for its Merkle proofs.

use crate::{
	context::{Binding, Kernel},
	Arithmetic, Gpu, GpuError, LeafMatrix,
};
use plonky2::{
	field::goldilocks_field::GoldilocksField as F,
	hash::{
		hash_types::{HashOut, NUM_HASH_OUT_ELTS},
		merkle_tree::MerkleCap,
		poseidon::{
			Poseidon, PoseidonHash, ALL_ROUND_CONSTANTS, HALF_N_FULL_ROUNDS, N_PARTIAL_ROUNDS,
			SPONGE_RATE, SPONGE_WIDTH,
		},
	},
};
use rayon::prelude::*;
use std::sync::Arc;

const POSEIDON_WGSL: &str = include_str!("shaders/poseidon.wgsl");

/// Elements of a digest.
const DIGEST: usize = NUM_HASH_OUT_ELTS;
/// Bytes of a digest.
const DIGEST_BYTES: u64 = DIGEST as u64 * 8;

// The shader hard-codes plonky2's Poseidon shape.
const _: () = assert!(
	SPONGE_WIDTH == 12
		&& SPONGE_RATE == 8
		&& HALF_N_FULL_ROUNDS == 4
		&& N_PARTIAL_ROUNDS == 22
		&& DIGEST == 4
		&& ALL_ROUND_CONSTANTS.len() == SPONGE_WIDTH * (2 * HALF_N_FULL_ROUNDS + N_PARTIAL_ROUNDS)
);

/// The MDS layer as WGSL, from plonky2's matrix: row r is
/// `sum_i CIRC[i] * s[(i + r) % 12] + DIAG[r] * s[r]`, accumulated unreduced.
fn mds_wgsl() -> String {
	let circ = <F as Poseidon>::MDS_MATRIX_CIRC;
	let diag = <F as Poseidon>::MDS_MATRIX_DIAG;
	let mut text = String::from(
		"// MDS layer, generated from plonky2's MDS_MATRIX_CIRC and MDS_MATRIX_DIAG.\n\
		 fn mds(s: array<Fe, 12>) -> array<Fe, 12> {\n\tvar out: array<Fe, 12>;\n\tvar a: MdsAcc;\n",
	);
	for r in 0..SPONGE_WIDTH {
		// Coefficient of s[(i + r) % 12]; the diagonal term joins i = 0.
		let coefficient = |i: usize| circ[i] + if i == 0 { diag[r] } else { 0 };
		// The accumulation in poseidon.wgsl needs small coefficients.
		assert!((0..SPONGE_WIDTH).map(coefficient).sum::<u64>() < 1 << 16);
		text += &format!("\ta = mds_first(s[{r}], {}u);\n", coefficient(0));
		for i in 1..SPONGE_WIDTH {
			if coefficient(i) != 0 {
				text += &format!(
					"\ta = mds_add(a, s[{}], {}u);\n",
					(i + r) % SPONGE_WIDTH,
					coefficient(i)
				);
			}
		}
		text += &format!("\tout[{r}] = mds_reduce(a);\n");
	}
	text + "\treturn out;\n}\n"
}

/// `poseidon.wgsl` for `arithmetic`: its `#if int64` or `#else` section, and
/// the generated MDS layer.
fn source(arithmetic: Arithmetic) -> String {
	let keep_if = arithmetic == Arithmetic::Int64;
	// None outside a conditional, else whether the current section is kept.
	let mut section: Option<bool> = None;
	let mut text = String::with_capacity(POSEIDON_WGSL.len() + 4096);
	for line in POSEIDON_WGSL.lines() {
		match line.trim() {
			"// #if int64" => section = Some(keep_if),
			"// #else" => section = Some(!keep_if),
			"// #endif" => section = None,
			"// {{MDS}}" => text += &mds_wgsl(),
			_ if section != Some(false) => {
				text += line;
				text.push('\n');
			}
			_ => {}
		}
	}
	text
}

/// The kernel `entry` of `poseidon.wgsl` (compiled once per [`Gpu`]).
fn kernel(gpu: &Gpu, entry: &'static str) -> Result<Arc<Kernel>, GpuError> {
	gpu.kernel("poseidon", &source(gpu.arithmetic()), entry, 3)
}

/// plonky2's round constants, as the kernels read them.
fn round_constants(gpu: &Gpu) -> Result<wgpu::Buffer, GpuError> {
	gpu.upload("poseidon round constants", &ALL_ROUND_CONSTANTS)
}

/// Applies the Poseidon permutation to every state on the GPU (a test and
/// benchmark entry: the Merkle kernels use the same code).
pub fn poseidon(
	gpu: &Gpu,
	states: &[[F; SPONGE_WIDTH]],
) -> Result<Vec<[F; SPONGE_WIDTH]>, GpuError> {
	let kernel = kernel(gpu, "permute_states")?;
	let constants = round_constants(gpu)?;
	let state_bytes = SPONGE_WIDTH as u64 * 8;
	let per_dispatch = (gpu.max_binding() / state_bytes).clamp(1, u32::MAX as u64) as usize;
	let mut out = Vec::with_capacity(states.len());
	for part in states.chunks(per_dispatch) {
		let words: Vec<u64> = part.iter().flatten().map(|x| x.0).collect();
		let input = gpu.upload("poseidon states", &words)?;
		let output = gpu.buffer("poseidon states", words.len() as u64 * 8)?;
		let mut batch = gpu.batch();
		batch.dispatch(
			&kernel,
			&[part.len() as u32, 0, 0, 0],
			&[Binding::from(&constants), Binding::from(&input), Binding::from(&output)],
			part.len() as u64,
		)?;
		gpu.submit(batch)?;
		let words = gpu.read(&output, 0, words.len())?;
		out.extend(words.chunks_exact(SPONGE_WIDTH).map(|s| std::array::from_fn(|i| F(s[i]))));
	}
	Ok(out)
}

/// One level of the tree on the GPU: `len` digests in chunks of `per_chunk`.
struct Level {
	len: usize,
	per_chunk: usize,
	chunks: Vec<wgpu::Buffer>,
}

impl Level {
	fn allocate(gpu: &Gpu, len: usize, max_per_chunk: usize) -> Result<Self, GpuError> {
		let per_chunk = len.min(max_per_chunk);
		let chunks = (0..len / per_chunk)
			.map(|_| gpu.buffer("merkle digests", per_chunk as u64 * DIGEST_BYTES))
			.collect::<Result<_, _>>()?;
		Ok(Level { len, per_chunk, chunks })
	}

	/// All digests, as `DIGEST` words each.
	fn read(&self, gpu: &Gpu) -> Result<Vec<u64>, GpuError> {
		let mut words = Vec::with_capacity(self.len * DIGEST);
		for chunk in &self.chunks {
			gpu.read_with(chunk, 0, self.per_chunk * DIGEST, |_, piece| {
				words.extend_from_slice(piece)
			})?;
		}
		Ok(words)
	}
}

fn hash_out(words: &[u64], index: usize) -> HashOut<F> {
	HashOut { elements: std::array::from_fn(|j| F(words[index * DIGEST + j])) }
}

/// Builds plonky2's Poseidon Merkle tree over the rows of `leaves` on the
/// GPU: the result equals `MerkleTree::<F, PoseidonHash>::new(rows,
/// cap_height)`'s `digests` and `cap`, with canonical elements.
pub fn merkle_tree(
	gpu: &Gpu,
	leaves: &LeafMatrix,
	cap_height: usize,
) -> Result<(Vec<HashOut<F>>, MerkleCap<F, PoseidonHash>), GpuError> {
	let rows = leaves.rows;
	assert!(rows.is_power_of_two(), "the leaf count {rows} is not a power of two");
	let log_rows = rows.trailing_zeros() as usize;
	assert!(
		cap_height <= log_rows,
		"cap_height {cap_height} exceeds log2 of the leaf count ({log_rows})"
	);
	// Levels below the cap; level `height` is the cap itself.
	let height = log_rows - cap_height;

	// Digests per chunk: the largest power of two in one binding, and at least
	// a sibling pair, so that a pair never straddles two chunks.
	let fit = gpu.max_binding() / DIGEST_BYTES;
	if fit < 2 {
		return Err(GpuError::TooLarge { bytes: 2 * DIGEST_BYTES, limit: gpu.max_binding() });
	}
	let max_per_chunk = 1usize << (63 - fit.leading_zeros());

	let hash_leaves = kernel(gpu, "hash_leaves")?;
	let compress = kernel(gpu, "compress")?;
	let constants = round_constants(gpu)?;
	let levels = (0..=height)
		.map(|level| Level::allocate(gpu, rows >> level, max_per_chunk))
		.collect::<Result<Vec<_>, _>>()?;

	let mut batch = gpu.batch();
	// Leaves: each leaf chunk and each digest chunk start at multiples of
	// their power-of-two lengths, so one always contains the other; cut the
	// rows at digest chunk boundaries.
	let digests = &levels[0];
	for (c, chunk) in leaves.chunks.iter().enumerate() {
		let first = c * leaves.rows_per_chunk;
		let end = (first + leaves.rows_per_chunk).min(rows);
		let mut row = first;
		while row < end {
			let (target, offset) = (row / digests.per_chunk, row % digests.per_chunk);
			let count = (end - row).min(digests.per_chunk - offset);
			batch.dispatch(
				&hash_leaves,
				&[count as u32, leaves.width as u32, (row - first) as u32, offset as u32],
				&[
					Binding::from(&constants),
					Binding::from(chunk),
					Binding::from(&digests.chunks[target]),
				],
				count as u64,
			)?;
			row += count;
		}
	}
	// Inner levels: a chunk of children has its parents in one chunk above.
	for pair in levels.windows(2) {
		let (children, parents) = (&pair[0], &pair[1]);
		for (c, chunk) in children.chunks.iter().enumerate() {
			let first_parent = c * children.per_chunk / 2;
			let count = children.per_chunk / 2;
			let (target, offset) =
				(first_parent / parents.per_chunk, first_parent % parents.per_chunk);
			batch.dispatch(
				&compress,
				&[count as u32, 0, 0, offset as u32],
				&[
					Binding::from(&constants),
					Binding::from(chunk),
					Binding::from(&parents.chunks[target]),
				],
				count as u64,
			)?;
		}
	}
	gpu.submit(batch)?;

	let words = levels.iter().map(|level| level.read(gpu)).collect::<Result<Vec<_>, _>>()?;
	let cap = MerkleCap((0..1 << cap_height).map(|i| hash_out(&words[height], i)).collect());
	// plonky2's order: sub-tree t (below cap entry t) holds 2 (2^height - 1)
	// digests, as sibling pairs. Pair s of a sub-tree is on level i =
	// trailing_zeros(s + 1), pair number (s + 1) >> (i + 1) of that level
	// within the sub-tree.
	let subtree = 2 * ((1usize << height) - 1);
	let digests = (0..subtree << cap_height)
		.into_par_iter()
		.map(|k| {
			let (tree, position) = (k / subtree, k % subtree);
			let pair = position / 2 + 1;
			let level = pair.trailing_zeros() as usize;
			let node = (tree << (height - level)) + 2 * (pair >> (level + 1)) + position % 2;
			hash_out(&words[level], node)
		})
		.collect();
	Ok((digests, cap))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{test_support::gpu, GpuOptions};
	use plonky2::{
		field::types::{Field, Field64, Sample},
		hash::merkle_tree::MerkleTree,
	};
	use std::time::Instant;

	#[test]
	fn mds_and_sections_are_generated() {
		let text = source(Arithmetic::U32Pair);
		assert!(text.contains("fn mds(") && text.contains("u32_mul_wide(s.x, c)"));
		assert!(!text.contains(": u64") && !text.contains("\n// {{MDS}}"));
		let text = source(Arithmetic::Int64);
		assert!(text.contains("a.lo + (a.hi << 32u)") && !text.contains("u32_mul_wide"));
		// Row 0: s[0] * (17 + 8), then s[1] * 15, ...
		assert!(text.contains("a = mds_first(s[0], 25u);\n\ta = mds_add(a, s[1], 15u);"));
	}

	fn check_permutation(force_u32: bool) {
		let gpu = gpu(force_u32);
		let mut states = vec![[F::ZERO; SPONGE_WIDTH], [F(u64::MAX); SPONGE_WIDTH]];
		// Non-canonical inputs are legal field elements too.
		states.push(std::array::from_fn(|i| F(F::ORDER + i as u64)));
		states.extend((0..200).map(|_| std::array::from_fn(|_| F::rand())));
		let got = poseidon(&gpu, &states).expect("permutation kernel");
		for (state, got) in states.iter().zip(&got) {
			assert_eq!(*got, F::poseidon(*state), "{state:?} on {:?}", gpu.arithmetic());
		}
		// plonky2's test vector for the zero state.
		assert_eq!(got[0][0], F(0x3c18a9786cb0b359));
	}

	#[test]
	fn int64_permutation_matches_plonky2() {
		check_permutation(false);
	}

	#[test]
	fn u32_pair_permutation_matches_plonky2() {
		check_permutation(true);
	}

	/// Random rows, uploaded into a new leaf matrix.
	fn random_leaves(gpu: &Gpu, rows: usize, width: usize) -> (Vec<Vec<F>>, LeafMatrix) {
		let data: Vec<Vec<F>> = (0..rows).map(|_| F::rand_vec(width)).collect();
		let matrix = LeafMatrix::allocate(gpu, rows, width).expect("leaf matrix");
		for (c, chunk) in matrix.chunks.iter().enumerate() {
			let words: Vec<u64> = data[c * matrix.rows_per_chunk..][..matrix.rows_per_chunk]
				.iter()
				.flatten()
				.map(|x| x.0)
				.collect();
			gpu.write(chunk, 0, &words);
		}
		(data, matrix)
	}

	fn check_tree(gpu: &Gpu, rows: usize, width: usize, cap_height: usize) {
		let (data, matrix) = random_leaves(gpu, rows, width);
		let (digests, cap) = merkle_tree(gpu, &matrix, cap_height).expect("GPU Merkle tree");
		let want = MerkleTree::<F, PoseidonHash>::new(data, cap_height);
		let case = format!(
			"{rows} rows of {width}, cap height {cap_height}, {:?}, {} leaf chunks",
			gpu.arithmetic(),
			matrix.chunks.len()
		);
		assert_eq!(digests.len(), want.digests.len(), "{case}");
		for (i, (got, want)) in digests.iter().zip(&want.digests).enumerate() {
			assert_eq!(got, want, "digest {i} of {case}");
		}
		assert_eq!(cap, want.cap, "{case}");
		// Canonical, as plonky2's bytes of a digest are.
		assert!(digests.iter().chain(&cap.0).flat_map(|h| h.elements).all(|x| x.0 < F::ORDER));
	}

	fn check_trees(force_u32: bool, cases: &[(usize, usize, usize)]) {
		let gpu = gpu(force_u32);
		for &(rows, width, cap_height) in cases {
			let start = Instant::now();
			check_tree(&gpu, rows, width, cap_height);
			eprintln!("{rows} x {width}, cap {cap_height}: {:?}", start.elapsed());
		}
	}

	#[test]
	fn int64_merkle_tree_matches_plonky2() {
		check_trees(
			false,
			&[
				(1, 1, 0),
				(1, 9, 0),
				(2, 4, 0),
				(2, 5, 1),
				(16, 1, 0),
				(16, 8, 2),
				(16, 9, 4),
				(16, 16, 0),
				(16, 135, 2),
				(1 << 10, 4, 0),
				(1 << 10, 9, 2),
				(1 << 10, 135, 4),
				(1 << 10, 16, 10),
			],
		);
	}

	#[test]
	fn u32_pair_merkle_tree_matches_plonky2() {
		check_trees(true, &[(1, 3, 0), (16, 4, 4), (16, 135, 0), (1 << 10, 9, 2)]);
	}

	#[test]
	fn merkle_tree_splits_leaves_and_digests() {
		for force_u32 in [false, true] {
			// 4 KiB bindings: 128 digests per chunk; 512 rows of width 1 per
			// leaf chunk (several digest chunks each), 56 -> 32 rows of width 9
			// (several leaf chunks per digest chunk).
			let options = GpuOptions {
				allow_software: true,
				force_u32,
				max_binding: Some(4096),
				..Default::default()
			};
			let gpu = Gpu::open(&options).expect("a Vulkan adapter");
			for (width, chunks) in [(1, 2), (9, 32)] {
				let (_, matrix) = random_leaves(&gpu, 1 << 10, width);
				assert_eq!(matrix.chunks.len(), chunks);
			}
			for (rows, width, cap_height) in [(1 << 10, 1, 0), (1 << 10, 9, 2), (1 << 9, 9, 9)] {
				check_tree(&gpu, rows, width, cap_height);
			}
		}
	}
}
