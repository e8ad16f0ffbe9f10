//! The permutation (copy-constraint) argument: the running product `Z` and
//! its partial products.
//!
//! For challenges (β, γ), row `i` of the trace (subgroup point `x = gⁱ`) and
//! routed wire `j` with value `w_j`, coset label `k_j` and sigma `σ_j`:
//!
//! ```text
//! f_j(x) = w_j + β·k_j·x + γ        (identity permutation)
//! g_j(x) = w_j + β·σ_j(x) + γ       (circuit's permutation)
//! Z(g⁰) = 1,   Z(gⁱ⁺¹) = Z(gⁱ) · ∏_j f_j / g_j
//! ```
//!
//! The product over all routed wires has too high a degree for one
//! constraint, so the wires are taken in chunks of `quotient_degree_factor`
//! and the running product after each chunk but the last is committed too, as
//! a "partial product" polynomial; after the last chunk it is `Z(gx)`. Each
//! step is then one constraint of bounded degree ([`chunk_checks`]):
//!
//! ```text
//! acc_t · ∏_{j in chunk t} f_j  −  acc_{t+1} · ∏_{j in chunk t} g_j = 0,
//! acc_0 = Z(x), acc_1..acc_m = partial products, acc_{m+1} = Z(gx).
//! ```

use crate::{C, D, F};
use plonky2::{
	field::{polynomial::PolynomialValues, types::Field},
	iop::witness::MatrixWitness,
	plonk::circuit_data::{CommonCircuitData, ProverOnlyCircuitData},
};
use rayon::prelude::*;

/// The permutation batch's polynomials, in plonky2's order: `Z` of each
/// challenge, then the partial products of challenge 0, of challenge 1, …
pub(crate) fn zs_and_partial_products(
	witness: &MatrixWitness<F>,
	betas: &[F],
	gammas: &[F],
	prover: &ProverOnlyCircuitData<F, C, D>,
	common: &CommonCircuitData<F, D>,
) -> Vec<PolynomialValues<F>> {
	let mut zs = Vec::new();
	let mut partials = Vec::new();
	for (&beta, &gamma) in betas.iter().zip(gammas) {
		let (z, products) = running_products(witness, beta, gamma, prover, common);
		zs.push(z);
		partials.extend(products);
	}
	zs.extend(partials);
	zs
}

/// `Z` and the partial products of one challenge.
fn running_products(
	witness: &MatrixWitness<F>,
	beta: F,
	gamma: F,
	prover: &ProverOnlyCircuitData<F, C, D>,
	common: &CommonCircuitData<F, D>,
) -> (PolynomialValues<F>, Vec<PolynomialValues<F>>) {
	let routed = common.config.num_routed_wires;
	// Row by row (in parallel): the product of f_j / g_j over each chunk.
	let chunk_ratios: Vec<Vec<F>> = prover
		.subgroup
		.par_iter()
		.enumerate()
		.map(|(row, &x)| {
			let wire = |j| witness.get_wire(row, j);
			let sigmas = &prover.sigmas[row];
			let g: Vec<F> = (0..routed).map(|j| wire(j) + beta * sigmas[j] + gamma).collect();
			let g_inverses = F::batch_multiplicative_inverse(&g);
			let ratios: Vec<F> = (0..routed)
				.map(|j| (wire(j) + beta * common.k_is[j] * x + gamma) * g_inverses[j])
				.collect();
			ratios
				.chunks(common.quotient_degree_factor)
				.map(|chunk| chunk.iter().copied().product())
				.collect()
		})
		.collect();

	// Down the rows (sequential): the running product.
	let rows = chunk_ratios.len();
	let mut z = vec![F::ZERO; rows];
	let mut partials = vec![vec![F::ZERO; rows]; common.num_partial_products];
	let mut acc = F::ONE;
	for (row, ratios) in chunk_ratios.iter().enumerate() {
		z[row] = acc;
		for (t, &ratio) in ratios.iter().enumerate() {
			acc *= ratio;
			// The value after the last chunk is Z of the next row, not a partial.
			if let Some(partial) = partials.get_mut(t) {
				partial[row] = acc;
			}
		}
	}
	(PolynomialValues::new(z), partials.into_iter().map(PolynomialValues::new).collect())
}

/// One challenge's constraints on the running product at a point `x` (see
/// the module docs), given the wire values there, the sigmas, `Z(x)`, the
/// partial products and `Z(gx)`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn chunk_checks(
	common: &CommonCircuitData<F, D>,
	wire: impl Fn(usize) -> F,
	sigmas: &[F],
	x: F,
	beta: F,
	gamma: F,
	z_x: F,
	partials: &[F],
	z_gx: F,
) -> Vec<F> {
	let routed = common.config.num_routed_wires;
	let f: Vec<F> = (0..routed).map(|j| wire(j) + beta * common.k_is[j] * x + gamma).collect();
	let g: Vec<F> = (0..routed).map(|j| wire(j) + beta * sigmas[j] + gamma).collect();
	let accs: Vec<F> = [z_x].into_iter().chain(partials.iter().copied()).chain([z_gx]).collect();
	let size = common.quotient_degree_factor;
	(0..routed.div_ceil(size))
		.map(move |t| {
			let chunk = t * size..((t + 1) * size).min(routed);
			let f_product: F = f[chunk.clone()].iter().copied().product();
			let g_product: F = g[chunk].iter().copied().product();
			accs[t] * f_product - accs[t + 1] * g_product
		})
		.collect()
}
