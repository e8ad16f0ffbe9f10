//! FRI in evaluation form, for committers that hold the batches' extensions.
//!
//! plonky2's `PolynomialBatch::prove_openings` works on coefficients: it
//! sums every committed polynomial times a power of α, divides by `X - z`
//! for each opening point, extends the result to the LDE domain with an
//! NTT, and in each round of FRI's commit phase folds coefficients and runs
//! another NTT. A committer that keeps the extensions on its device (the
//! GPU) has none of those coefficients there, but it has every polynomial's
//! values on the LDE coset, in the Merkle leaves. The same codewords follow
//! from those values point by point:
//!
//! - FRI's first codeword at an LDE point `x` is
//!   `Σ_b α^{k_b} (Σ_j α^j f_bj(x) - Σ_j α^j f_bj(z_b)) / (x - z_b)`
//!   ([`FriCombination`]), where the `f_bj(z_b)` are the openings the
//!   proof already claims;
//! - a fold of arity `a` with challenge β turns the `a` values of one Merkle
//!   leaf (the points `x ω_a^s`) into the folded polynomial's value at `x^a`
//!   ([`Fold`]), by the interpolation FRI's verifier itself performs.
//!
//! Field arithmetic is exact, so these are the very values plonky2 computes
//! from coefficients, and the proof is byte for byte plonky2's: the Merkle
//! trees, caps, final polynomial (interpolated from the last codeword),
//! proof-of-work witness and query answers are the same. [`prove_fri`]
//! drives the transcript as plonky2 does and leaves the per-point work to a
//! [`FriBackend`]; [`CpuFri`] is the backend on the host, the reference the
//! GPU's kernels are tested against.
//!
//! The proof-of-work search runs on the CPU ([`proof_of_work`]): plonky2
//! keeps its challenger's sponge private, and the search (about 2^16
//! permutations with the standard configuration) is milliseconds. It returns
//! the smallest witness, which is what plonky2's search returns on one
//! thread, so proofs stay deterministic.

use crate::{commit::Committer, Batch, C, D, F};
use anyhow::{ensure, Context, Result};
use plonky2::{
	field::{
		extension::{flatten, unflatten, Extendable, FieldExtension},
		polynomial::PolynomialValues,
		types::{Field, PrimeField64},
	},
	fri::{
		proof::{FriInitialTreeProof, FriProof, FriQueryRound, FriQueryStep},
		structure::{FriInstanceInfo, FriOpenings},
		FriParams,
	},
	hash::{
		hash_types::HashOut,
		merkle_proofs::{verify_merkle_proof_to_cap, MerkleProof},
		merkle_tree::{MerkleCap, MerkleTree},
		poseidon::PoseidonHash,
	},
	iop::challenger::Challenger,
	util::reverse_index_bits_in_place,
};
use rayon::prelude::*;

/// The quadratic extension FRI works in.
pub type Ext = <F as Extendable<D>>::Extension;

/// What FRI's opening proof is about: plonky2's `prove_openings` arguments
/// (the four oracles are the circuit's constants and sigmas, then the
/// proof's wires, permutation products and quotient chunks).
pub struct FriInputs<'a> {
	/// Which polynomials are opened at which points.
	pub instance: &'a FriInstanceInfo<F, D>,
	/// The committed batches, in the instance's oracle order.
	pub oracles: [&'a Batch; 4],
	/// The values the proof claims, in the instance's order.
	pub openings: &'a FriOpenings<F, D>,
	/// FRI's parameters (rate, cap height, arities, queries, proof of work).
	pub params: &'a FriParams,
}

/// FRI's first codeword as a function of the oracles' rows: per oracle and
/// opening batch, the weight (a power of α) of each column, and per batch
/// its point, its claimed combined value and its power of α in the sum.
#[derive(Clone, Debug)]
pub struct FriCombination {
	/// `weights[oracle][batch][column]`: α^j for the column's position `j`
	/// in the batch, zero if the batch does not open it.
	pub weights: Vec<Vec<Vec<Ext>>>,
	/// The opening point of each batch.
	pub points: Vec<Ext>,
	/// `Σ_j α^j f_bj(z_b)` for each batch `b`, from the claimed openings.
	pub claimed: Vec<Ext>,
	/// α^{k_b}: the later batches' sizes, as plonky2's `shift_poly` applies.
	pub scales: Vec<Ext>,
	/// log2 of the LDE domain's size.
	pub lde_bits: usize,
}

impl FriCombination {
	/// The combination for `inputs` with challenge `alpha`. Fails on an
	/// instance that does not match its oracles or openings.
	pub fn new(inputs: &FriInputs, alpha: Ext) -> Result<Self> {
		let batches = &inputs.instance.batches;
		ensure!(
			inputs.openings.batches.len() == batches.len(),
			"openings for {} batches, instance of {}",
			inputs.openings.batches.len(),
			batches.len()
		);
		let mut weights: Vec<Vec<Vec<Ext>>> = inputs
			.oracles
			.iter()
			.map(|oracle| vec![vec![Ext::ZERO; oracle.polynomials.len()]; batches.len()])
			.collect();
		let mut claimed = Vec::with_capacity(batches.len());
		for (b, (batch, opened)) in batches.iter().zip(&inputs.openings.batches).enumerate() {
			ensure!(
				batch.polynomials.len() == opened.values.len(),
				"batch {b} opens {} polynomials but claims {} values",
				batch.polynomials.len(),
				opened.values.len()
			);
			let mut power = Ext::ONE;
			let mut sum = Ext::ZERO;
			for (poly, &value) in batch.polynomials.iter().zip(&opened.values) {
				let column = weights
					.get_mut(poly.oracle_index)
					.and_then(|oracle| oracle[b].get_mut(poly.polynomial_index))
					.with_context(|| {
						format!(
							"polynomial {} of oracle {} is not committed",
							poly.polynomial_index, poly.oracle_index
						)
					})?;
				*column += power;
				sum += power * value;
				power *= alpha;
			}
			claimed.push(sum);
		}
		let scales = (0..batches.len())
			.map(|b| {
				let later: usize =
					batches[b + 1..].iter().map(|batch| batch.polynomials.len()).sum();
				alpha.exp_u64(later as u64)
			})
			.collect();
		let first = inputs.oracles[0];
		Ok(FriCombination {
			weights,
			points: batches.iter().map(|batch| batch.point).collect(),
			claimed,
			scales,
			lde_bits: first.degree_log + first.rate_bits,
		})
	}

	/// The first codeword at bit-reversed LDE row `row`, from the oracles'
	/// leaf rows there (salt columns, if any, are ignored).
	pub fn value(&self, row: usize, leaves: [&[F]; 4]) -> Ext {
		let x = lift(lde_point(self.lde_bits, row));
		let mut total = Ext::ZERO;
		for (b, &point) in self.points.iter().enumerate() {
			let mut sum = Ext::ZERO;
			for (oracle, leaf) in leaves.iter().enumerate() {
				for (&weight, &value) in self.weights[oracle][b].iter().zip(leaf.iter()) {
					sum += scale(weight, value);
				}
			}
			total += self.scales[b] * (sum - self.claimed[b]) / (x - point);
		}
		total
	}
}

/// `x` as an extension element.
pub(crate) fn lift(x: F) -> Ext {
	<Ext as FieldExtension<D>>::from_basefield(x)
}

/// `e` times the base element `s`.
pub(crate) fn scale(e: Ext, s: F) -> Ext {
	<Ext as FieldExtension<D>>::scalar_mul(&e, s)
}

/// The LDE domain's point at bit-reversed row `row`: `g ω^{rev(row)}`, with
/// g plonky2's coset shift and ω generating the `2^lde_bits`-th roots.
pub fn lde_point(lde_bits: usize, row: usize) -> F {
	let natural = reverse_bits(row, lde_bits);
	F::coset_shift() * F::primitive_root_of_unity(lde_bits).exp_u64(natural as u64)
}

/// `index` with its low `bits` bits reversed.
pub fn reverse_bits(index: usize, bits: usize) -> usize {
	if bits == 0 {
		0
	} else {
		index.reverse_bits() >> (usize::BITS as usize - bits)
	}
}

/// One round of FRI's folding, on a codeword in bit-reversed order whose
/// leaves hold `2^arity_bits` consecutive values.
#[derive(Clone, Copy, Debug)]
pub struct Fold {
	/// log2 of the arity.
	pub arity_bits: usize,
	/// log2 of the folded codeword's length (the number of leaves).
	pub output_bits: usize,
	/// The coset shift of the codeword's domain.
	pub shift: F,
	/// The round's challenge.
	pub beta: Ext,
}

impl Fold {
	/// The folded codeword at bit-reversed position `leaf`, from that
	/// leaf's values: with `x` the leaf's first point, the values are
	/// `P(x ω_a^{rev(t)})`, and the folded value is
	/// `Σ_i β^i P_i(x^a)` where `P(X) = Σ_i X^i P_i(X^a)`.
	pub fn value(&self, leaf: usize, values: &[Ext]) -> Ext {
		let arity = 1usize << self.arity_bits;
		let log_n = self.output_bits + self.arity_bits;
		let x = self.shift
			* F::primitive_root_of_unity(log_n)
				.exp_u64(reverse_bits(leaf, self.output_bits) as u64);
		let inverse_root = F::primitive_root_of_unity(self.arity_bits).inverse();
		// u_i = x^i P_i(x^a) = (1/a) Σ_t v_t ω_a^{-i rev(t)}, then Horner in β/x.
		let r = scale(self.beta, x.inverse());
		let mut folded = Ext::ZERO;
		for i in (0..arity).rev() {
			let mut u = Ext::ZERO;
			for (t, &v) in values.iter().enumerate() {
				let exponent = (i * reverse_bits(t, self.arity_bits)) % arity;
				u += scale(v, inverse_root.exp_u64(exponent as u64));
			}
			folded = folded * r + u;
		}
		scale(folded, F::from_canonical_usize(arity).inverse())
	}
}

/// Where FRI's codewords live and the per-point work runs. A codeword
/// (`Layer`) is held as a matrix of `2^arity_bits` extension values per row,
/// each row flattened to base elements, in bit-reversed order: exactly the
/// leaves of its Merkle tree.
pub trait FriBackend {
	/// A codeword held by the backend.
	type Layer;
	/// The first codeword, from the oracles, in rows of `2^arity_bits`.
	fn first_layer(&self, combination: &FriCombination, arity_bits: usize) -> Result<Self::Layer>;
	/// The Merkle tree over a codeword's rows: its digests and cap.
	fn tree(
		&self,
		layer: &Self::Layer,
		cap_height: usize,
	) -> Result<(Vec<HashOut<F>>, MerkleCap<F, PoseidonHash>)>;
	/// Folds a codeword whose rows are the leaves of `fold`, into rows of
	/// `2^next_arity_bits`.
	fn fold(&self, layer: &Self::Layer, fold: &Fold, next_arity_bits: usize)
		-> Result<Self::Layer>;
	/// One row of a codeword.
	fn row(&self, layer: &Self::Layer, row: usize) -> Result<Vec<F>>;
	/// A whole codeword, as values in bit-reversed order (for the last, small one).
	fn values(&self, layer: &Self::Layer) -> Result<Vec<Ext>>;
}

/// A codeword's Merkle tree as the query phase needs it.
struct LayerTree<L> {
	layer: L,
	arity_bits: usize,
	digests: Vec<HashOut<F>>,
	cap: MerkleCap<F, PoseidonHash>,
}

/// FRI's opening proof of `inputs` with the codewords on `backend`, drawing
/// from `challenger` exactly what plonky2's `PolynomialBatch::prove_openings`
/// draws; the opened rows of the oracles come from `committer`, and every
/// opened row is checked against its Merkle path.
pub fn prove_fri<B: FriBackend>(
	backend: &B,
	committer: &dyn Committer,
	inputs: &FriInputs,
	challenger: &mut Challenger<F, PoseidonHash>,
) -> Result<FriProof<F, PoseidonHash, D>> {
	let params = inputs.params;
	let config = &params.config;
	let alpha = challenger.get_extension_challenge::<D>();
	let combination = FriCombination::new(inputs, alpha)?;
	let lde_bits = combination.lde_bits;
	let arities = &params.reduction_arity_bits;
	ensure!(
		arities.iter().sum::<usize>() <= lde_bits,
		"FRI folds 2^{} values into fewer than one",
		lde_bits
	);

	// Commit phase: a tree per codeword, then fold with the next β.
	let mut layer = backend.first_layer(&combination, arities.first().copied().unwrap_or(0))?;
	let mut trees: Vec<LayerTree<B::Layer>> = Vec::with_capacity(arities.len());
	let mut shift = F::coset_shift();
	let mut log_n = lde_bits;
	for (round, &arity_bits) in arities.iter().enumerate() {
		let (digests, cap) = backend.tree(&layer, config.cap_height)?;
		challenger.observe_cap::<PoseidonHash>(&cap);
		let beta = challenger.get_extension_challenge::<D>();
		let fold = Fold { arity_bits, output_bits: log_n - arity_bits, shift, beta };
		let next = backend.fold(&layer, &fold, arities.get(round + 1).copied().unwrap_or(0))?;
		trees.push(LayerTree { layer, arity_bits, digests, cap });
		layer = next;
		shift = shift.exp_power_of_2(arity_bits);
		log_n -= arity_bits;
	}

	// The final polynomial, interpolated from the last codeword; its top
	// coefficients are zero for a low-degree codeword (plonky2 drops them).
	let mut values = backend.values(&layer)?;
	ensure!(values.len() == 1 << log_n, "the last codeword has {} values", values.len());
	reverse_index_bits_in_place(&mut values);
	let mut coeffs = PolynomialValues::new(values).coset_ifft(shift.into());
	let keep = coeffs.len() >> config.rate_bits;
	ensure!(
		coeffs.coeffs[keep..].iter().all(|c| *c == Ext::ZERO),
		"FRI's last codeword is not of low degree: the codewords were computed wrongly"
	);
	coeffs.coeffs.truncate(keep);
	challenger.observe_extension_elements::<D>(&coeffs.coeffs);

	let pow_witness = proof_of_work(challenger, config.proof_of_work_bits);

	// Query phase.
	let positions: Vec<usize> = challenger
		.get_n_challenges(config.num_query_rounds)
		.into_iter()
		.map(|r| (r.to_canonical_u64() % (1u64 << lde_bits)) as usize)
		.collect();
	let mut rounds: Vec<FriQueryRound<F, PoseidonHash, D>> = positions
		.iter()
		.map(|_| FriQueryRound {
			initial_trees_proof: FriInitialTreeProof { evals_proofs: Vec::new() },
			steps: Vec::with_capacity(trees.len()),
		})
		.collect();
	for oracle in inputs.oracles {
		let rows = committer
			.leaf_rows(oracle, &positions)
			.with_context(|| format!("{} committer: reading opened rows", committer.name()))?;
		ensure!(
			rows.len() == positions.len(),
			"{} committer returned the wrong rows",
			committer.name()
		);
		let tree = &oracle.merkle_tree;
		for ((round, row), &position) in rounds.iter_mut().zip(rows).zip(&positions) {
			let path = merkle_path(&tree.digests, lde_bits, config.cap_height, position)?;
			verify_merkle_proof_to_cap(row.clone(), position, &tree.cap, &path)
				.context("an opened row does not match its commitment")?;
			round.initial_trees_proof.evals_proofs.push((row, path));
		}
	}
	for (round, &position) in rounds.iter_mut().zip(&positions) {
		let mut index = position;
		let mut bits = lde_bits;
		for tree in &trees {
			index >>= tree.arity_bits;
			bits -= tree.arity_bits;
			let row = backend.row(&tree.layer, index)?;
			let path = merkle_path(&tree.digests, bits, config.cap_height, index)?;
			verify_merkle_proof_to_cap(row.clone(), index, &tree.cap, &path)
				.context("a FRI codeword's opened row does not match its commitment")?;
			round.steps.push(FriQueryStep { evals: unflatten::<F, D>(&row), merkle_proof: path });
		}
	}
	Ok(FriProof {
		commit_phase_merkle_caps: trees.into_iter().map(|tree| tree.cap).collect(),
		query_round_proofs: rounds,
		final_poly: coeffs,
		pow_witness,
	})
}

/// FRI's proof-of-work witness: the smallest element whose observation
/// makes the next challenge start with `bits` zero bits (beyond the 32 that
/// no element has), searched on every core in ordered blocks; then observed
/// and answered, as plonky2 does.
pub fn proof_of_work(challenger: &mut Challenger<F, PoseidonHash>, bits: u32) -> F {
	let min_leading_zeros = bits + (64 - F::order().bits()) as u32;
	let works = |candidate: u64| {
		let mut trial = challenger.clone();
		trial.observe_element(F::from_canonical_u64(candidate));
		trial.get_challenge().to_canonical_u64().leading_zeros() >= min_leading_zeros
	};
	const BLOCK: u64 = 1 << 12;
	let witness = (0..)
		.find_map(|block: u64| {
			(block * BLOCK..(block + 1) * BLOCK).into_par_iter().find_first(|&c| works(c))
		})
		.map(F::from_canonical_u64)
		.expect("an unbounded search ends");
	challenger.observe_element(witness);
	challenger.get_challenge();
	witness
}

/// The Merkle path of leaf `index` in a tree of `2^leaf_bits` leaves laid out
/// as plonky2's `MerkleTree::digests`: below the cap, one subtree per cap
/// entry, each with its levels interleaved (a pair of level 0, a pair of
/// level 1, a pair of level 0, a pair of level 2, …).
pub fn merkle_path(
	digests: &[HashOut<F>],
	leaf_bits: usize,
	cap_height: usize,
	index: usize,
) -> Result<MerkleProof<F, PoseidonHash>> {
	ensure!(cap_height <= leaf_bits && index >> leaf_bits == 0, "leaf {index} of 2^{leaf_bits}");
	let levels = leaf_bits - cap_height;
	let subtree = 2 * ((1usize << levels) - 1);
	ensure!(
		digests.len() == subtree << cap_height,
		"{} digests for 2^{leaf_bits} leaves",
		digests.len()
	);
	let digests = &digests[subtree * (index >> levels)..][..subtree];
	let mut pair = index & ((1 << levels) - 1);
	let siblings = (0..levels)
		.map(|level| {
			let side = pair & 1;
			pair >>= 1;
			// Pair `pair` of level `level` sits at `pair * 2^(level+1) + 2^level - 1`.
			let at = (pair << (level + 1)) + (1 << level) - 1;
			digests[2 * at + 1 - side]
		})
		.collect();
	Ok(MerkleProof { siblings })
}

/// [`FriBackend`] on the host, from oracles whose leaves are on the host:
/// the reference for device backends, and what tests prove with.
pub struct CpuFri<'a> {
	/// The oracles' leaves, in the instance's order.
	pub leaves: [&'a [Vec<F>]; 4],
}

/// A codeword on the host: its rows and their arity.
pub struct CpuLayer {
	rows: Vec<Vec<F>>,
}

impl FriBackend for CpuFri<'_> {
	type Layer = CpuLayer;

	fn first_layer(&self, combination: &FriCombination, arity_bits: usize) -> Result<CpuLayer> {
		let n = 1usize << combination.lde_bits;
		ensure!(self.leaves.iter().all(|l| l.len() == n), "oracles of different sizes");
		let values: Vec<Ext> = (0..n)
			.into_par_iter()
			.map(|row| combination.value(row, self.leaves.map(|l| l[row].as_slice())))
			.collect();
		Ok(CpuLayer { rows: values.chunks(1 << arity_bits).map(flatten::<F, D>).collect() })
	}

	fn tree(
		&self,
		layer: &CpuLayer,
		cap_height: usize,
	) -> Result<(Vec<HashOut<F>>, MerkleCap<F, PoseidonHash>)> {
		let tree = MerkleTree::<F, <C as plonky2::plonk::config::GenericConfig<D>>::Hasher>::new(
			layer.rows.clone(),
			cap_height,
		);
		Ok((tree.digests, tree.cap))
	}

	fn fold(&self, layer: &CpuLayer, fold: &Fold, next_arity_bits: usize) -> Result<CpuLayer> {
		let values: Vec<Ext> = layer
			.rows
			.par_iter()
			.enumerate()
			.map(|(leaf, row)| fold.value(leaf, &unflatten::<F, D>(row)))
			.collect();
		Ok(CpuLayer { rows: values.chunks(1 << next_arity_bits).map(flatten::<F, D>).collect() })
	}

	fn row(&self, layer: &CpuLayer, row: usize) -> Result<Vec<F>> {
		layer.rows.get(row).cloned().with_context(|| format!("row {row} of a codeword"))
	}

	fn values(&self, layer: &CpuLayer) -> Result<Vec<Ext>> {
		Ok(layer.rows.iter().flat_map(|row| unflatten::<F, D>(row)).collect())
	}
}
