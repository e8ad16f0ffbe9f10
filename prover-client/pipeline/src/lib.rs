//! # Prova's proving pipeline
//!
//! plonky2 1.1's `plonky2::plonk::prover::prove` is one function: it builds the
//! three polynomial commitments of a proof (wires; permutation products;
//! quotient) with `PolynomialBatch::from_values` / `from_coeffs`, and offers no
//! way to compute them anywhere else. Those commitments (a low-degree extension
//! then a Merkle tree) are most of the proving time, and they are what a GPU
//! does well.
//!
//! This crate assembles the same prover again from plonky2's public items, and
//! hands each of those commitments to a [`Committer`] that the caller chooses:
//! [`CpuCommitter`] is plonky2's own code, and another crate (`prova-gpu`)
//! implements the trait on the GPU, where it may also keep the batches'
//! leaves and evaluate the quotient from them. Everything else stays on the
//! CPU and is the same maths as plonky2's, so that with [`CpuCommitter`] the
//! proofs are byte for byte those of plonky2's prover on the same generated
//! witness
//! (Prova's circuits have no zero knowledge; see
//! [`prove_with_partition_witness`] for the one caveat, FRI's proof of work).
//!
//! ## The steps of [`prove`]
//!
//! 1. Run the witness generators on the caller's partial witness.
//! 2. Commit to the wire columns (values → coefficients → LDE → Merkle tree).
//! 3. Draw β and γ, compute each challenge's permutation product `Z` and its
//!    partial products (`permutation.rs`), and commit to them.
//! 4. Draw α, evaluate the vanishing polynomial on a coset, divide by `Z_H`
//!    and interpolate the quotient (`quotient.rs`); commit to its degree-`n`
//!    chunks (from coefficients). The committer may evaluate it instead
//!    ([`Committer::quotient_values`]), from the batches it holds.
//! 5. Draw ζ, open every polynomial at ζ (and `Z` at gζ; the committer may
//!    evaluate these from the extensions it holds, [`Committer::open`],
//!    `barycentric.rs`), and let plonky2's
//!    `PolynomialBatch::prove_openings` run FRI on the instance described in
//!    `fri_instance.rs`. For batches whose leaves the committer kept, FRI
//!    sees empty rows and the rows its queries open are fetched afterwards
//!    ([`Committer::leaf_rows`], `openings.rs`), each checked against its
//!    Merkle path. A committer that holds the extensions may instead make
//!    the whole opening proof where they are ([`Committer::fri_proof`]):
//!    `fri.rs` computes FRI's codewords from the committed values point by
//!    point ([`prove_fri`], with a [`FriBackend`]), the same codewords
//!    plonky2 computes from coefficients. The committer is told when the
//!    proof no longer needs its batches ([`Committer::release`]), also when
//!    the proof fails.
//!
//! Fiat–Shamir sees exactly what plonky2's prover shows it, in the same order.
//!
//! ## Limits
//!
//! Only Goldilocks with `PoseidonGoldilocksConfig` and `D = 2` (Prova's
//! configuration). Circuits with lookup tables are refused with an error:
//! their extra polynomials and constraints are not implemented here.

#![warn(missing_docs)]

mod barycentric;
mod commit;
mod fri;
mod fri_instance;
mod openings;
mod permutation;
mod prover;
mod quotient;

pub use barycentric::{next_point, opening_set, OpenInputs, SubgroupWeights};
pub use commit::{CommitParams, Committer, CpuCommitter};
pub use fri::{
	merkle_path, proof_of_work, prove_fri, reverse_bits, CpuFri, CpuLayer, Ext, Fold, FriBackend,
	FriCombination, FriInputs,
};
pub use prover::{prove, prove_with_partition_witness};
pub use quotient::{cpu_quotient_values, QuotientCoset, QuotientInputs, Selectors};

use plonky2::{
	field::goldilocks_field::GoldilocksField, fri::oracle::PolynomialBatch,
	plonk::config::PoseidonGoldilocksConfig,
};

/// Base field: Goldilocks.
pub type F = GoldilocksField;
/// Hashing configuration: Poseidon over Goldilocks.
pub type C = PoseidonGoldilocksConfig;
/// Extension degree (quadratic).
pub const D: usize = 2;

/// A committed batch of polynomials, as plonky2 stores it.
pub(crate) type Batch = PolynomialBatch<F, C, D>;

/// Proves the same generated witness with plonky2's own prover and with this
/// pipeline through `committer`, both on one thread, and returns both proofs
/// (plonky2's first). On one thread FRI's proof-of-work search is
/// deterministic, and the random wires the generators fill are shared, so a
/// committer that computes plonky2's commitments gives identical bytes: the
/// strongest check a new committer can pass.
pub fn prove_beside_plonky2(
	prover_data: &plonky2::plonk::circuit_data::ProverOnlyCircuitData<F, C, D>,
	common: &plonky2::plonk::circuit_data::CommonCircuitData<F, D>,
	inputs: plonky2::iop::witness::PartialWitness<F>,
	committer: &dyn Committer,
) -> anyhow::Result<(
	plonky2::plonk::proof::ProofWithPublicInputs<F, C, D>,
	plonky2::plonk::proof::ProofWithPublicInputs<F, C, D>,
)> {
	let witness = plonky2::iop::generator::generate_partial_witness(inputs, prover_data, common)?;
	let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
	let mut timing = plonky2::util::timing::TimingTree::default();
	one_thread.install(|| {
		let reference = plonky2::plonk::prover::prove_with_partition_witness(
			prover_data,
			common,
			witness.clone(),
			&mut timing,
		)?;
		let ours =
			prove_with_partition_witness(prover_data, common, witness, committer, &mut timing)?;
		Ok((reference, ours))
	})
}
