//! What FRI proves: which polynomials of which commitment are opened at
//! which point, and the claimed values in the same order. plonky2 builds
//! both with crate-private helpers (`CommonCircuitData::get_fri_instance`,
//! `OpeningSet::to_fri_openings`), so they are spelled out here, for circuits
//! without lookups.
//!
//! The four commitments ("oracles"), in this order: constants and sigmas,
//! wires, permutation products (`Z`s then partial products), quotient chunks.
//! Every polynomial is opened at ζ, and the `Z`s also at gζ (g generates the
//! trace subgroup).

use crate::{D, F};
use plonky2::{
	field::{extension::Extendable, types::Field},
	fri::structure::{
		FriBatchInfo, FriInstanceInfo, FriOpeningBatch, FriOpenings, FriOracleInfo,
		FriPolynomialInfo,
	},
	plonk::{circuit_data::CommonCircuitData, proof::OpeningSet},
};

/// Index of the permutation-products oracle.
const ZS_PARTIAL_PRODUCTS: usize = 2;

/// The FRI instance for opening point `zeta`.
pub(crate) fn fri_instance(
	common: &CommonCircuitData<F, D>,
	zeta: <F as Extendable<D>>::Extension,
) -> FriInstanceInfo<F, D> {
	let num_challenges = common.config.num_challenges;
	// Only the constants and sigmas are never blinded (they are public).
	let oracles = vec![
		FriOracleInfo { num_polys: common.sigmas_range().end, blinding: false },
		FriOracleInfo { num_polys: common.config.num_wires, blinding: true },
		FriOracleInfo {
			num_polys: num_challenges * (1 + common.num_partial_products),
			blinding: true,
		},
		FriOracleInfo { num_polys: num_challenges * common.quotient_degree_factor, blinding: true },
	];
	let everything = oracles
		.iter()
		.enumerate()
		.flat_map(|(index, oracle)| FriPolynomialInfo::from_range(index, 0..oracle.num_polys))
		.collect();
	let g = <F as Extendable<D>>::Extension::primitive_root_of_unity(common.degree_bits());
	FriInstanceInfo {
		oracles,
		batches: vec![
			FriBatchInfo { point: zeta, polynomials: everything },
			FriBatchInfo {
				point: g * zeta,
				polynomials: FriPolynomialInfo::from_range(ZS_PARTIAL_PRODUCTS, common.zs_range()),
			},
		],
	}
}

/// The claimed values, in the order of [`fri_instance`]'s polynomials.
pub(crate) fn fri_openings(openings: &OpeningSet<F, D>) -> FriOpenings<F, D> {
	let at_zeta = [
		&openings.constants,
		&openings.plonk_sigmas,
		&openings.wires,
		&openings.plonk_zs,
		&openings.partial_products,
		&openings.quotient_polys,
	]
	.into_iter()
	.flatten()
	.copied()
	.collect();
	FriOpenings {
		batches: vec![
			FriOpeningBatch { values: at_zeta },
			FriOpeningBatch { values: openings.plonk_zs_next.clone() },
		],
	}
}
