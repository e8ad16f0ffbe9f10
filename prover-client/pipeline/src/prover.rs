//! [`prove`]: plonky2's prover, step by step, with the commitments delegated
//! to a [`Committer`].

use crate::{
	barycentric::OpenInputs,
	commit::{check_shape, fetch_all_leaves, CommitParams, Committer},
	fri_instance::{fri_instance, fri_openings},
	openings::prove_openings,
	permutation::zs_and_partial_products,
	quotient::{cpu_quotient_values, interpolate, QuotientInputs},
	Batch, C, D, F,
};
use anyhow::{ensure, Context, Result};
use plonky2::{
	field::{
		extension::Extendable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
		types::Field,
	},
	hash::{hash_types::HashOut, merkle_tree::MerkleCap},
	iop::{
		challenger::Challenger,
		generator::generate_partial_witness,
		witness::{MatrixWitness, PartialWitness, PartitionWitness, Witness},
	},
	plonk::{
		circuit_data::{CommonCircuitData, ProverOnlyCircuitData},
		config::{GenericConfig, Hasher},
		proof::{OpeningSet, Proof, ProofWithPublicInputs},
	},
	timed,
	util::timing::TimingTree,
};
use rayon::prelude::*;

/// The configuration's hashes: Merkle trees and Fiat–Shamir; public inputs.
type ConfigHash = <C as GenericConfig<D>>::Hasher;
type InnerHash = <C as GenericConfig<D>>::InnerHasher;

/// Proves the circuit on `inputs` as `plonky2::plonk::prover::prove` does,
/// but commits to the wires, the permutation products and the quotient with
/// `committer`.
///
/// Runs the circuit's witness generators, then
/// [`prove_with_partition_witness`]. Returns an error (and never panics on
/// these) for a circuit with lookup tables, which this pipeline does not
/// support; for a witness that cannot be generated or does not satisfy the
/// circuit; and for a committer that fails or returns a batch, leaf rows or
/// quotient values of the wrong shape.
pub fn prove(
	prover: &ProverOnlyCircuitData<F, C, D>,
	common: &CommonCircuitData<F, D>,
	inputs: PartialWitness<F>,
	committer: &dyn Committer,
	timing: &mut TimingTree,
) -> Result<ProofWithPublicInputs<F, C, D>> {
	ensure_supported(common)?;
	let witness = timed!(
		timing,
		&format!("run {} generators", prover.generators.len()),
		generate_partial_witness(inputs, prover, common)
	)?;
	prove_with_partition_witness(prover, common, witness, committer, timing)
}

/// [`prove`] on a witness the generators have already filled in: plonky2's
/// `prove_with_partition_witness` with the commitments made by `committer`.
///
/// With [`CpuCommitter`](crate::CpuCommitter) and without zero knowledge, the
/// proof is byte for byte plonky2's on the same witness, up to FRI's
/// proof-of-work witness, which plonky2 searches in parallel and so may pick
/// differently from run to run (on a one-thread rayon pool it is always the
/// smallest, and proofs are deterministic). Note that plonky2's generators
/// themselves fill a few unused wires with random values.
pub fn prove_with_partition_witness(
	prover: &ProverOnlyCircuitData<F, C, D>,
	common: &CommonCircuitData<F, D>,
	witness: PartitionWitness<F>,
	committer: &dyn Committer,
	timing: &mut TimingTree,
) -> Result<ProofWithPublicInputs<F, C, D>> {
	ensure_supported(common)?;
	let num_challenges = common.config.num_challenges;

	let public_inputs = prover
		.public_inputs
		.iter()
		.map(|&target| witness.try_get_target(target))
		.collect::<Option<Vec<F>>>()
		.context("the witness leaves a public input unset")?;
	let public_inputs_hash = InnerHash::hash_no_pad(&public_inputs);
	let witness = timed!(timing, "compute full witness", witness.full_witness());

	let commit = Commit { committer, prover, common };
	let wire_values = timed!(timing, "compute wire polynomials", wire_columns(&witness, common));
	// The committer may keep what it committed until the proof is done.
	let mut release = Release { committer, caps: Vec::new() };
	let mut wires = commit.batch("wires", Polys::Values(wire_values), timing)?;
	release.caps.push(wires.merkle_tree.cap.clone());

	let mut challenger = Challenger::<F, ConfigHash>::new();
	common.fri_params.observe(&mut challenger);
	challenger.observe_hash::<ConfigHash>(prover.circuit_digest);
	challenger.observe_hash::<InnerHash>(public_inputs_hash);
	challenger.observe_cap::<ConfigHash>(&wires.merkle_tree.cap);
	let betas = challenger.get_n_challenges(num_challenges);
	let gammas = challenger.get_n_challenges(num_challenges);

	let zs_values = timed!(
		timing,
		"compute partial products",
		zs_and_partial_products(&witness, &betas, &gammas, prover, common)
	);
	let mut zs_partial_products =
		commit.batch("permutation products", Polys::Values(zs_values), timing)?;
	release.caps.push(zs_partial_products.merkle_tree.cap.clone());
	challenger.observe_cap::<ConfigHash>(&zs_partial_products.merkle_tree.cap);
	let alphas = challenger.get_n_challenges(num_challenges);

	let chunks = timed!(
		timing,
		"compute quotient polys",
		quotient(
			committer,
			prover,
			common,
			&public_inputs_hash,
			[&mut wires, &mut zs_partial_products],
			[&betas, &gammas, &alphas]
		)
	)?;
	let mut quotient = commit.batch("quotient", Polys::Coeffs(chunks), timing)?;
	release.caps.push(quotient.merkle_tree.cap.clone());
	challenger.observe_cap::<ConfigHash>(&quotient.merkle_tree.cap);

	let zeta = challenger.get_extension_challenge::<D>();
	// ζ outside the trace subgroup, or the openings would reveal trace values.
	ensure!(
		zeta.exp_power_of_2(common.degree_bits()) != <F as Extendable<D>>::Extension::ONE,
		"opening point is in the subgroup"
	);
	let openings = timed!(
		timing,
		"construct the opening set",
		open(committer, prover, common, zeta, [&wires, &zs_partial_products, &quotient])
	)?;
	let claimed = fri_openings(&openings);
	challenger.observe_openings(&claimed);
	let opening_proof = timed!(
		timing,
		"compute opening proofs",
		prove_openings(
			&fri_instance(common, zeta),
			&claimed,
			&prover.constants_sigmas_commitment,
			[&mut wires, &mut zs_partial_products, &mut quotient],
			&mut challenger,
			&common.fri_params,
			committer,
			timing,
		)
	)?;

	let proof = Proof {
		wires_cap: wires.merkle_tree.cap,
		plonk_zs_partial_products_cap: zs_partial_products.merkle_tree.cap,
		quotient_polys_cap: quotient.merkle_tree.cap,
		openings,
		opening_proof,
	};
	Ok(ProofWithPublicInputs { proof, public_inputs })
}

/// The quotient's chunks: its values from the committer, which may hold the
/// batches on its device, or else from the CPU (after fetching the leaves the
/// committer kept), then interpolated.
fn quotient(
	committer: &dyn Committer,
	prover: &ProverOnlyCircuitData<F, C, D>,
	common: &CommonCircuitData<F, D>,
	public_inputs_hash: &HashOut<F>,
	[wires, zs_partial_products]: [&mut Batch; 2],
	[betas, gammas, alphas]: [&[F]; 3],
) -> Result<Vec<PolynomialCoeffs<F>>> {
	fn inputs<'a>(
		prover: &'a ProverOnlyCircuitData<F, C, D>,
		common: &'a CommonCircuitData<F, D>,
		public_inputs_hash: &'a HashOut<F>,
		[wires, zs_partial_products]: [&'a Batch; 2],
		[betas, gammas, alphas]: [&'a [F]; 3],
	) -> QuotientInputs<'a> {
		QuotientInputs {
			prover,
			common,
			public_inputs_hash,
			wires,
			zs_partial_products,
			betas,
			gammas,
			alphas,
		}
	}
	let challenges = [betas, gammas, alphas];
	let from_committer = committer.quotient_values(&inputs(
		prover,
		common,
		public_inputs_hash,
		[wires, zs_partial_products],
		challenges,
	));
	let values = match from_committer {
		Some(values) => values,
		None => {
			fetch_all_leaves(committer, wires)?;
			fetch_all_leaves(committer, zs_partial_products)?;
			cpu_quotient_values(&inputs(
				prover,
				common,
				public_inputs_hash,
				[wires, zs_partial_products],
				challenges,
			))?
		}
	};
	let inputs =
		inputs(prover, common, public_inputs_hash, [wires, zs_partial_products], challenges);
	interpolate(&inputs, committer.name(), values)
}

/// Every polynomial's value at ζ (the `Z`s also at gζ): from the committer
/// where it evaluates them, checked for shape, else plonky2's evaluation of
/// the coefficients.
fn open(
	committer: &dyn Committer,
	prover: &ProverOnlyCircuitData<F, C, D>,
	common: &CommonCircuitData<F, D>,
	zeta: <F as Extendable<D>>::Extension,
	[wires, zs_partial_products, quotient]: [&Batch; 3],
) -> Result<OpeningSet<F, D>> {
	let constants_sigmas = &prover.constants_sigmas_commitment;
	let inputs = OpenInputs {
		zeta,
		oracles: [constants_sigmas, wires, zs_partial_products, quotient],
		common,
	};
	if let Some(set) = committer.open(&inputs) {
		let zs = common.zs_range().len();
		let shape = [
			set.constants.len(),
			set.plonk_sigmas.len(),
			set.wires.len(),
			set.plonk_zs.len(),
			set.plonk_zs_next.len(),
			set.partial_products.len(),
			set.quotient_polys.len(),
			set.lookup_zs.len() + set.lookup_zs_next.len(),
		];
		let want = [
			common.constants_range().len(),
			common.sigmas_range().len(),
			common.config.num_wires,
			zs,
			zs,
			common.partial_products_range().len(),
			quotient.polynomials.len(),
			0,
		];
		ensure!(
			shape == want,
			"{} committer returned openings of the wrong shape",
			committer.name()
		);
		return Ok(set);
	}
	let g = <F as Extendable<D>>::Extension::primitive_root_of_unity(common.degree_bits());
	Ok(OpeningSet::new(zeta, g, constants_sigmas, wires, zs_partial_products, quotient, common))
}

/// Tells the committer, when the proof is done or abandoned, that the
/// batches it committed for it can go.
struct Release<'a> {
	committer: &'a dyn Committer,
	caps: Vec<MerkleCap<F, ConfigHash>>,
}

impl Drop for Release<'_> {
	fn drop(&mut self) {
		for cap in &self.caps {
			self.committer.release(cap);
		}
	}
}

/// Refuses the circuits this pipeline cannot prove.
fn ensure_supported(common: &CommonCircuitData<F, D>) -> Result<()> {
	ensure!(
		common.luts.is_empty() && common.num_lookup_polys == 0,
		"the circuit uses lookup tables, which prova-pipeline does not support \
		 (prove it with plonky2::plonk::prover::prove)"
	);
	// plonky2's prover asserts this too.
	ensure!(
		common.quotient_degree_factor < common.config.num_routed_wires,
		"fewer routed wires than the quotient degree factor is not supported"
	);
	Ok(())
}

/// One polynomial per wire column: its values down the rows.
fn wire_columns(
	witness: &MatrixWitness<F>,
	common: &CommonCircuitData<F, D>,
) -> Vec<PolynomialValues<F>> {
	(0..common.config.num_wires)
		.into_par_iter()
		.map(|wire| {
			PolynomialValues::new(
				(0..common.degree()).map(|row| witness.get_wire(row, wire)).collect(),
			)
		})
		.collect()
}

/// A batch to commit, in the form its committer method takes.
enum Polys {
	Values(Vec<PolynomialValues<F>>),
	Coeffs(Vec<PolynomialCoeffs<F>>),
}

/// Commits with the circuit's parameters and checks what comes back.
struct Commit<'a> {
	committer: &'a dyn Committer,
	prover: &'a ProverOnlyCircuitData<F, C, D>,
	common: &'a CommonCircuitData<F, D>,
}

impl Commit<'_> {
	fn batch(&self, what: &str, polys: Polys, timing: &mut TimingTree) -> Result<Batch> {
		let config = &self.common.config;
		let params = CommitParams {
			rate_bits: config.fri_config.rate_bits,
			// The three batches committed here are all blinded under zero knowledge.
			blinding: config.zero_knowledge,
			cap_height: config.fri_config.cap_height,
		};
		let table = self.prover.fft_root_table.as_ref();
		let (num_polys, committed) = timed!(timing, &format!("commit to the {what}"), {
			match polys {
				Polys::Values(values) => {
					(values.len(), self.committer.commit_values(values, params, table, timing))
				}
				Polys::Coeffs(coeffs) => {
					(coeffs.len(), self.committer.commit_coeffs(coeffs, params, table, timing))
				}
			}
		});
		let name = self.committer.name();
		let batch =
			committed.with_context(|| format!("{name} committer: committing the {what}"))?;
		check_shape(&batch, num_polys, self.common.degree_bits(), params)
			.with_context(|| format!("{name} committer: bad commitment to the {what}"))?;
		Ok(batch)
	}
}
