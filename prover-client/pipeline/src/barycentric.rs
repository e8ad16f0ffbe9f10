//! The proof's openings from the committed values, for committers that
//! hold the extensions but not the coefficients where they compute.
//!
//! plonky2 opens each polynomial at ζ (and the permutation's `Z`s at gζ) by
//! evaluating its coefficients (`OpeningSet::new`). A polynomial of degree
//! below `n` is just as well determined by its values on any `n` points,
//! and the first `n` rows of its extension are exactly the coset `g·H` of
//! the trace subgroup `H` (row `r` is `g ω_n^{rev(r)}`: the LDE's rows are
//! bit-reversed, and the subgroup's points are every `2^rate`-th). On that
//! coset the barycentric formula reads
//! `f(z) = ((z/g)^n - 1)/n · Σ_r f(x_r) · x_r/(z - x_r)`, a weighted sum of
//! the rows whose weights ([`SubgroupWeights`]) are the same for every
//! column. Field arithmetic is exact, so the value is plonky2's.

use crate::{
	fri::{lde_point, lift, scale, Ext},
	Batch, D, F,
};
use plonky2::{
	field::{extension::Extendable, types::Field},
	plonk::{circuit_data::CommonCircuitData, proof::OpeningSet},
};
use rayon::prelude::*;

/// What the openings are of: the point ζ and the four committed batches
/// (the circuit's constants and sigmas, wires, permutation products,
/// quotient chunks).
pub struct OpenInputs<'a> {
	/// The opening point.
	pub zeta: Ext,
	/// The batches, in FRI's oracle order.
	pub oracles: [&'a Batch; 4],
	/// The circuit's shape (which columns are constants, sigmas, `Z`s…).
	pub common: &'a CommonCircuitData<F, D>,
}

/// Evaluates every polynomial of a batch at one point from the first `n`
/// rows of the batch's extension: `f(point) = scale · Σ_r weights[r] · f(x_r)`.
#[derive(Clone, Debug)]
pub struct SubgroupWeights {
	/// `x_r / (point - x_r)` for each row `r < n`.
	pub weights: Vec<Ext>,
	/// `((point/g)^n - 1) / n`.
	pub scale: Ext,
}

impl SubgroupWeights {
	/// The weights for polynomials of `2^degree_bits` coefficients extended
	/// by `2^rate_bits`, at `point`; `None` when the point is one of the
	/// coset's (the formula divides by zero there: never for a ζ drawn from
	/// the extension field, which the caller may then open another way).
	pub fn new(degree_bits: usize, rate_bits: usize, point: Ext) -> Option<Self> {
		let n = 1usize << degree_bits;
		let lde_bits = degree_bits + rate_bits;
		let xs: Vec<F> = (0..n).into_par_iter().map(|r| lde_point(lde_bits, r)).collect();
		let differences: Vec<Ext> = xs.par_iter().map(|&x| point - lift(x)).collect();
		if differences.iter().any(|d| *d == Ext::ZERO) {
			return None;
		}
		let inverses = Ext::batch_multiplicative_inverse(&differences);
		let weights =
			inverses.into_par_iter().zip(xs).map(|(inverse, x)| scale(inverse, x)).collect();
		let g = lift(F::coset_shift());
		let scale = ((point / g).exp_u64(n as u64) - Ext::ONE) / lift(F::from_canonical_usize(n));
		Some(SubgroupWeights { weights, scale })
	}

	/// Column `column` of `leaves` (a batch's extension rows) at the point.
	pub fn evaluate(&self, leaves: &[Vec<F>], column: usize) -> Ext {
		let sum = self
			.weights
			.par_iter()
			.zip(leaves)
			.map(|(&w, row)| scale(w, row[column]))
			.reduce(|| Ext::ZERO, |a, b| a + b);
		self.scale * sum
	}
}

/// plonky2's `OpeningSet` from every polynomial's value at ζ (`at_zeta`,
/// one vector per oracle, in oracle order) and the permutation products'
/// at gζ (`zs_next`), split as `OpeningSet::new` splits them.
pub fn opening_set(
	common: &CommonCircuitData<F, D>,
	at_zeta: [Vec<Ext>; 4],
	zs_next: Vec<Ext>,
) -> OpeningSet<F, D> {
	let [constants_sigmas, wires, zs, quotient_polys] = at_zeta;
	OpeningSet {
		constants: constants_sigmas[common.constants_range()].to_vec(),
		plonk_sigmas: constants_sigmas[common.sigmas_range()].to_vec(),
		wires,
		plonk_zs: zs[common.zs_range()].to_vec(),
		plonk_zs_next: zs_next[common.zs_range()].to_vec(),
		partial_products: zs[common.partial_products_range()].to_vec(),
		quotient_polys,
		lookup_zs: Vec::new(),
		lookup_zs_next: Vec::new(),
	}
}

/// The point gζ at which the `Z`s are also opened.
pub fn next_point(common: &CommonCircuitData<F, D>, zeta: Ext) -> Ext {
	<F as Extendable<D>>::Extension::primitive_root_of_unity(common.degree_bits()) * zeta
}
