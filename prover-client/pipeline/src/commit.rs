//! The hook: a [`Committer`] turns a batch of polynomials into a
//! [`PolynomialBatch`] (coefficients, low-degree extension on the coset,
//! Merkle tree over its rows), and the prover checks the shape of what it gets
//! back before reading it. A committer may also evaluate the quotient from the
//! batches it committed, where they already are.

use crate::{barycentric::OpenInputs, fri::FriInputs, Batch, QuotientInputs, C, D, F};
use anyhow::{ensure, Result};
use plonky2::{
	field::{
		fft::FftRootTable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
	},
	fri::{oracle::PolynomialBatch, proof::FriProof},
	hash::{merkle_tree::MerkleCap, poseidon::PoseidonHash},
	iop::challenger::Challenger,
	plonk::plonk_common::salt_size,
	plonk::proof::OpeningSet,
	util::timing::TimingTree,
};

/// How a batch is committed: the same three numbers plonky2's
/// `PolynomialBatch::from_values` / `from_coeffs` take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitParams {
	/// log2 of the blow-up of the low-degree extension (the FRI rate).
	pub rate_bits: usize,
	/// Whether to append plonky2's random salt columns to every leaf
	/// (only with zero knowledge; never for Prova's circuits).
	pub blinding: bool,
	/// log2 of the number of Merkle roots kept (the cap).
	pub cap_height: usize,
}

/// Commits a batch of polynomials: low-degree extension + Merkle tree, with
/// exactly the result of plonky2's `PolynomialBatch::from_values` /
/// `from_coeffs` (same coefficients, leaves in the same bit-reversed order,
/// same digests and cap), except that the leaves may stay with the committer
/// (an empty `leaves`): the prover then reads the rows it opens through
/// [`leaf_rows`](Committer::leaf_rows) and says when it is done with
/// [`release`](Committer::release).
///
/// The prover calls it three times per proof: [`commit_values`] for the wires
/// and for the permutation products, [`commit_coeffs`] for the quotient chunks.
/// `fft_root_table` is the circuit's table, sized for the LDE; `timing` is the
/// proof's timing tree, for the committer's own stages.
///
/// [`commit_values`]: Committer::commit_values
/// [`commit_coeffs`]: Committer::commit_coeffs
pub trait Committer: Send + Sync {
	/// A short name for logs and errors (`"cpu"`, `"gpu"`…).
	fn name(&self) -> &str;

	/// Commits to polynomials given by their values on the subgroup of size
	/// `n` (all of the same power-of-two length): plonky2's
	/// `PolynomialBatch::from_values`.
	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<PolynomialBatch<F, C, D>>;

	/// Commits to polynomials given by their coefficients (all of the same
	/// power-of-two length): plonky2's `PolynomialBatch::from_coeffs`.
	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<PolynomialBatch<F, C, D>>;

	/// Rows `rows` of the leaves of `batch`, a batch this committer returned
	/// without its leaves (an empty `merkle_tree.leaves`: it keeps them on
	/// its device, and the prover asks only for the rows a proof opens).
	/// The default reads them from the batch itself.
	fn leaf_rows(&self, batch: &Batch, rows: &[usize]) -> Result<Vec<Vec<F>>> {
		let leaves = &batch.merkle_tree.leaves;
		rows.iter()
			.map(|&row| {
				leaves.get(row).cloned().ok_or_else(|| {
					anyhow::anyhow!("leaf row {row} of a batch of {} rows", leaves.len())
				})
			})
			.collect()
	}

	/// The prover is done with the batch whose Merkle cap is `cap` (the proof
	/// is made or abandoned): what the committer kept of it can go.
	fn release(&self, _cap: &MerkleCap<F, PoseidonHash>) {}

	/// The quotients' values on the quotient coset, as
	/// [`cpu_quotient_values`](crate::cpu_quotient_values) computes them
	/// (one column per challenge), if this committer computes them itself,
	/// typically on the device that holds the batches it committed. `None`
	/// (the default) lets the prover compute them on the CPU.
	fn quotient_values(&self, _inputs: &QuotientInputs) -> Option<Vec<Vec<F>>> {
		None
	}

	/// The proof's openings (every polynomial at ζ, the `Z`s also at gζ),
	/// if this committer evaluates them itself from the extensions it holds
	/// (see [`SubgroupWeights`](crate::SubgroupWeights)). `None` (the
	/// default) lets the prover evaluate the coefficients on the CPU, as
	/// plonky2's `OpeningSet::new` does.
	fn open(&self, _inputs: &OpenInputs) -> Option<OpeningSet<F, D>> {
		None
	}

	/// FRI's opening proof of `inputs`, if this committer makes it itself
	/// from the extensions it holds (see [`prove_fri`](crate::prove_fri)),
	/// drawing from `challenger` what plonky2's `prove_openings` draws.
	/// `None` (the default, and what a committer that fails part-way
	/// returns) lets the prover make it on the CPU from a copy of the
	/// transcript taken before the call.
	fn fri_proof(
		&self,
		_inputs: &FriInputs,
		_challenger: &mut Challenger<F, PoseidonHash>,
	) -> Option<FriProof<F, PoseidonHash, D>> {
		None
	}
}

/// plonky2's own CPU commitment (rayon-parallel FFTs and Merkle tree).
#[derive(Clone, Copy, Debug, Default)]
pub struct CpuCommitter;

impl Committer for CpuCommitter {
	fn name(&self) -> &str {
		"cpu"
	}

	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		Ok(PolynomialBatch::from_values(
			values,
			params.rate_bits,
			params.blinding,
			params.cap_height,
			timing,
			fft_root_table,
		))
	}

	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		fft_root_table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		Ok(PolynomialBatch::from_coeffs(
			coeffs,
			params.rate_bits,
			params.blinding,
			params.cap_height,
			timing,
			fft_root_table,
		))
	}
}

/// Checks that `batch` has the shape of a commitment to `num_polys`
/// polynomials of `2^degree_bits` coefficients with `params`, so that a faulty
/// committer shows up as an error rather than as an out-of-bounds panic when
/// the prover or FRI reads the batch. (Whether the values are right is for the
/// proof's verification to tell.)
pub(crate) fn check_shape(
	batch: &Batch,
	num_polys: usize,
	degree_bits: usize,
	params: CommitParams,
) -> Result<()> {
	ensure!(
		batch.degree_log == degree_bits
			&& batch.rate_bits == params.rate_bits
			&& batch.blinding == params.blinding,
		"batch says degree 2^{}, rate bits {}, blinding {}; expected 2^{degree_bits}, {}, {}",
		batch.degree_log,
		batch.rate_bits,
		batch.blinding,
		params.rate_bits,
		params.blinding
	);
	ensure!(
		batch.polynomials.len() == num_polys
			&& batch.polynomials.iter().all(|p| p.len() == 1 << degree_bits),
		"batch should hold {num_polys} polynomials of 2^{degree_bits} coefficients"
	);
	let tree = &batch.merkle_tree;
	let lde_bits = degree_bits + params.rate_bits;
	let leaf_len = num_polys + salt_size(params.blinding);
	ensure!(
		is_deferred(batch)
			|| (tree.leaves.len() == 1 << lde_bits
				&& tree.leaves.iter().all(|l| l.len() == leaf_len)),
		"Merkle tree should have 2^{lde_bits} leaves of {leaf_len} elements, or none"
	);
	ensure!(
		params.cap_height <= lde_bits
			&& tree.cap.0.len() == 1 << params.cap_height
			&& tree.digests.len() == 2 * ((1 << lde_bits) - (1 << params.cap_height)),
		"Merkle tree should have a cap of 2^{} digests and {} other digests",
		params.cap_height,
		2 * ((1usize << lde_bits) - (1 << params.cap_height.min(lde_bits)))
	);
	Ok(())
}

/// Whether the committer kept `batch`'s leaves (see [`Committer`]).
pub(crate) fn is_deferred(batch: &Batch) -> bool {
	batch.merkle_tree.leaves.is_empty()
}

/// Puts the leaves a committer kept into `batch`: all of them (for the CPU's
/// quotient), read back once; the committer's copy is then released.
pub(crate) fn fetch_all_leaves(committer: &dyn Committer, batch: &mut Batch) -> Result<()> {
	if is_deferred(batch) {
		let rows = 1usize << (batch.degree_log + batch.rate_bits);
		let width = batch.polynomials.len() + salt_size(batch.blinding);
		let all: Vec<usize> = (0..rows).collect();
		let leaves = committer.leaf_rows(batch, &all)?;
		ensure!(
			leaves.len() == rows && leaves.iter().all(|row| row.len() == width),
			"{} committer returned leaf rows of the wrong shape",
			committer.name()
		);
		batch.merkle_tree.leaves = leaves;
		committer.release(&batch.merkle_tree.cap);
	}
	Ok(())
}
