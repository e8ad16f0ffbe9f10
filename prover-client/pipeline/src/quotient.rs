//! The quotient polynomials.
//!
//! For each challenge `c`, the vanishing polynomial combines every constraint
//! term with powers of `α_c`, in plonky2's order:
//!
//! ```text
//! terms = [ L₀(x)·(Z_c(x) − 1)            for each challenge c,
//!           permutation chunk checks      for each challenge c (see permutation.rs),
//!           gate constraints              (each summed over the gates, filtered by selectors) ]
//! V_c(x) = Σ_t terms[t] · α_c^t,          t_c(x) = V_c(x) / Z_H(x),   Z_H(x) = xⁿ − 1.
//! ```
//!
//! If the witness satisfies the circuit, `Z_H` divides `V_c`, and `t_c` has
//! degree below `quotient_degree_factor · n`. We evaluate `t_c` on the coset
//! `shift · ⟨ω⟩` of size `n · 2^q` (`q = ⌈log2 quotient_degree_factor⌉`) and
//! interpolate. The values of the committed polynomials on that coset are
//! already in the commitments' LDEs, which live on a coset `2^rate_bits`
//! times larger with the same shift: every `2^(rate_bits − q)`-th point.
//! "Next row" (`gx`) is `2^q` points further on that smaller coset.
//! Points are processed in batches, as plonky2's gates evaluate batches.

use crate::{commit::is_deferred, permutation::chunk_checks, Batch, C, D, F};
use anyhow::{anyhow, ensure, Context, Result};
use plonky2::{
	field::{
		polynomial::{PolynomialCoeffs, PolynomialValues},
		types::Field,
		zero_poly_coset::ZeroPolyOnCoset,
	},
	hash::hash_types::HashOut,
	plonk::{
		circuit_data::{CommonCircuitData, ProverOnlyCircuitData},
		vars::EvaluationVarsBaseBatch,
	},
	util::{
		log2_ceil,
		serialization::{Buffer, IoResult, Read, Write},
	},
};
use rayon::prelude::*;
use std::ops::Range;

/// Points per batch of gate evaluations (plonky2's batch size).
const BATCH_SIZE: usize = 32;

/// Everything the quotient's values depend on: the circuit, the two
/// committed batches it reads (besides the circuit's constants and sigmas),
/// and the challenges. A [`Committer`](crate::Committer) that keeps the
/// batches on its device can evaluate the quotient there from these
/// ([`Committer::quotient_values`](crate::Committer::quotient_values)).
pub struct QuotientInputs<'a> {
	/// The circuit's prover data (its constants-and-sigmas commitment).
	pub prover: &'a ProverOnlyCircuitData<F, C, D>,
	/// The circuit's shape.
	pub common: &'a CommonCircuitData<F, D>,
	/// Hash of the proof's public inputs (read by the public-input gate).
	pub public_inputs_hash: &'a HashOut<F>,
	/// The wires' commitment.
	pub wires: &'a Batch,
	/// The permutation products' commitment (`Z`s, then partial products).
	pub zs_partial_products: &'a Batch,
	/// Permutation challenges β.
	pub betas: &'a [F],
	/// Permutation challenges γ.
	pub gammas: &'a [F],
	/// Constraint-combining challenges α.
	pub alphas: &'a [F],
}

impl QuotientInputs<'_> {
	/// Where on the LDEs the quotient is evaluated.
	pub fn coset(&self) -> Result<QuotientCoset> {
		QuotientCoset::new(self.common)
	}

	/// Which selector filters each gate.
	pub fn selectors(&self) -> Result<Selectors> {
		Selectors::read(self.common)
	}

	/// The term count of each challenge's vanishing polynomial: one `L₀`
	/// term per challenge, the permutation chunk checks of every challenge,
	/// then the gate constraints.
	pub fn num_terms(&self) -> usize {
		let common = self.common;
		let chunks = common.config.num_routed_wires.div_ceil(common.quotient_degree_factor);
		self.alphas.len() * (1 + chunks) + common.num_gate_constraints
	}
}

/// The quotient polynomials `t_c` from their values (one column per
/// challenge, from `source`: the CPU or a committer), each cut into
/// `quotient_degree_factor` chunks of `n` coefficients (the quotient batch,
/// in plonky2's order).
pub(crate) fn interpolate(
	inputs: &QuotientInputs,
	source: &str,
	values: Vec<Vec<F>>,
) -> Result<Vec<PolynomialCoeffs<F>>> {
	let common = inputs.common;
	let size = inputs.coset()?.size;
	ensure!(
		values.len() == inputs.alphas.len() && values.iter().all(|c| c.len() == size),
		"{source}: quotient values should be {} columns of {size}",
		inputs.alphas.len()
	);
	let degree = common.degree();
	values
		.into_par_iter()
		.map(|column| {
			let mut quotient = PolynomialValues::new(column).coset_ifft(F::coset_shift());
			quotient.trim_to_len(common.quotient_degree()).context(
				"Z_H does not divide the vanishing polynomial: the witness does not satisfy \
				 the circuit, or a commitment or the quotient's values are wrong",
			)?;
			Ok(quotient.chunks(degree))
		})
		.collect::<Result<Vec<_>>>()
		.map(|chunks| chunks.concat())
}

/// The quotients' values on the quotient coset, computed on the CPU: for
/// each challenge `c`, `V_c(x) / Z_H(x)` at every point `x` of the coset, in
/// the coset's natural order.
pub fn cpu_quotient_values(inputs: &QuotientInputs) -> Result<Vec<Vec<F>>> {
	ensure!(
		[inputs.wires, inputs.zs_partial_products].iter().all(|b| !is_deferred(b)),
		"the CPU's quotient needs the batches' leaves, which their committer kept"
	);
	let num_challenges = inputs.common.config.num_challenges;
	ensure!(
		[inputs.betas.len(), inputs.gammas.len(), inputs.alphas.len()] == [num_challenges; 3],
		"{num_challenges} challenges of each kind expected"
	);
	let coset = inputs.coset()?;
	let common = inputs.common;
	let evaluator = Evaluator {
		inputs,
		selectors: inputs.selectors()?,
		zero_poly: ZeroPolyOnCoset::new(common.degree_bits(), coset.q_bits),
		coset,
	};
	let points = F::two_adic_subgroup(common.degree_bits() + coset.q_bits);
	// For each point, the quotient's value for each challenge.
	let values: Vec<Vec<F>> = points
		.par_chunks(BATCH_SIZE)
		.enumerate()
		.flat_map_iter(|(batch, xs)| evaluator.eval_batch(batch * BATCH_SIZE, xs))
		.collect();
	Ok((0..inputs.alphas.len())
		.into_par_iter()
		.map(|c| values.iter().map(|point| point[c]).collect())
		.collect())
}

/// Where on the LDEs the quotient is evaluated.
#[derive(Clone, Copy, Debug)]
pub struct QuotientCoset {
	/// log2 of the quotient coset's size over `n`.
	pub q_bits: usize,
	/// Stride of the quotient coset's points within the LDEs.
	pub step: usize,
	/// Distance, in quotient-coset points, from `x` to `gx`.
	pub next: usize,
	/// Points in the quotient coset.
	pub size: usize,
}

impl QuotientCoset {
	fn new(common: &CommonCircuitData<F, D>) -> Result<Self> {
		let q_bits = log2_ceil(common.quotient_degree_factor);
		let rate_bits = common.config.fri_config.rate_bits;
		ensure!(
			q_bits <= rate_bits,
			"constraint degree above the FRI rate (quotient degree factor {} > 2^{rate_bits}) is \
			 not supported",
			common.quotient_degree_factor
		);
		Ok(QuotientCoset {
			q_bits,
			step: 1 << (rate_bits - q_bits),
			next: 1 << q_bits,
			size: common.degree() << q_bits,
		})
	}
}

/// Which selector polynomial (and which range of gate indices on it) filters
/// each gate. plonky2 keeps these fields crate-private in `SelectorsInfo` but
/// serializes them, so we read them back from its own serialization.
pub struct Selectors {
	/// For each gate, the index of its selector polynomial.
	pub of_gate: Vec<usize>,
	/// For each selector polynomial, the gates it selects.
	pub groups: Vec<Range<usize>>,
}

impl Selectors {
	fn read(common: &CommonCircuitData<F, D>) -> Result<Self> {
		let parse = || -> IoResult<_> {
			let mut bytes = Vec::new();
			bytes.write_selectors_info(&common.selectors_info)?;
			let mut buffer = Buffer::new(&bytes);
			let of_gate = buffer.read_usize_vec()?;
			let groups = (0..buffer.read_usize()?)
				.map(|_| Ok(buffer.read_usize()?..buffer.read_usize()?))
				.collect::<IoResult<Vec<_>>>()?;
			Ok((of_gate, groups))
		};
		let (of_gate, groups) = parse().map_err(|_| {
			anyhow!("cannot read the circuit's selectors with plonky2's serializer")
		})?;
		ensure!(
			of_gate.len() == common.gates.len()
				&& groups.len() == common.selectors_info.num_selectors()
				&& of_gate.iter().all(|&s| s < groups.len()),
			"the circuit's selectors do not match its gates"
		);
		Ok(Selectors { of_gate, groups })
	}
}

/// Everything the evaluation of a batch of points reads.
struct Evaluator<'a> {
	inputs: &'a QuotientInputs<'a>,
	selectors: Selectors,
	zero_poly: ZeroPolyOnCoset<F>,
	coset: QuotientCoset,
}

impl Evaluator<'_> {
	/// The quotients' values at the points `first..first + xs.len()` of the
	/// quotient coset (`xs` are those points before the shift).
	fn eval_batch(&self, first: usize, xs: &[F]) -> Vec<Vec<F>> {
		let common = self.inputs.common;
		let QuotientCoset { step, next, size, .. } = self.coset;
		let constants_sigmas = &self.inputs.prover.constants_sigmas_commitment;
		let n = xs.len();

		// Gates read the batch column-major: value k of point j at k·n + j.
		let mut constants = vec![F::ZERO; common.constants_range().len() * n];
		let mut wires = vec![F::ZERO; common.config.num_wires * n];
		for j in 0..n {
			let local = constants_sigmas.get_lde_values(first + j, step);
			for (k, &value) in local[common.constants_range()].iter().enumerate() {
				constants[k * n + j] = value;
			}
			for (k, &value) in self.inputs.wires.get_lde_values(first + j, step).iter().enumerate()
			{
				wires[k * n + j] = value;
			}
		}
		let vars =
			EvaluationVarsBaseBatch::new(n, &constants, &wires, self.inputs.public_inputs_hash);
		let gate_terms = self.gate_constraints(vars);

		let QuotientInputs { betas, gammas, alphas, zs_partial_products, .. } = *self.inputs;
		let num_prods = common.num_partial_products;
		xs.iter()
			.enumerate()
			.map(|(j, &x)| {
				let i = first + j;
				let x = F::coset_shift() * x;
				let sigmas = &constants_sigmas.get_lde_values(i, step)[common.sigmas_range()];
				let local = zs_partial_products.get_lde_values(i, step);
				let next = zs_partial_products.get_lde_values((i + next) % size, step);
				let (zs, zs_next) = (&local[common.zs_range()], &next[common.zs_range()]);
				let partials = &local[common.partial_products_range()];

				let l_0 = self.zero_poly.eval_l_0(i, x);
				let mut terms: Vec<F> = zs.iter().map(|&z| l_0 * (z - F::ONE)).collect();
				for c in 0..alphas.len() {
					terms.extend(chunk_checks(
						common,
						|k| wires[k * n + j],
						sigmas,
						x,
						betas[c],
						gammas[c],
						zs[c],
						&partials[c * num_prods..(c + 1) * num_prods],
						zs_next[c],
					));
				}
				terms.extend((0..common.num_gate_constraints).map(|t| gate_terms[t * n + j]));

				let z_h_inverse = self.zero_poly.eval_inverse(i);
				alphas.iter().map(|&alpha| sum_of_powers(&terms, alpha) * z_h_inverse).collect()
			})
			.collect()
	}

	/// Every gate's filtered constraints on the batch, summed over the gates:
	/// constraint t of point j at t·n + j.
	fn gate_constraints(&self, vars: EvaluationVarsBaseBatch<F>) -> Vec<F> {
		let common = self.inputs.common;
		let Selectors { of_gate, groups } = &self.selectors;
		let mut sums = vec![F::ZERO; common.num_gate_constraints * vars.len()];
		for (index, gate) in common.gates.iter().enumerate() {
			let selector = of_gate[index];
			let constraints = gate.0.eval_filtered_base_batch(
				vars,
				index,
				selector,
				groups[selector].clone(),
				groups.len(),
				common.num_lookup_selectors,
			);
			for (sum, constraint) in sums.iter_mut().zip(constraints) {
				*sum += constraint;
			}
		}
		sums
	}
}

/// `Σ_t terms[t] · alpha^t`.
fn sum_of_powers(terms: &[F], alpha: F) -> F {
	terms.iter().rev().fold(F::ZERO, |acc, &term| acc * alpha + term)
}
