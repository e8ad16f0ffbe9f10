//! FRI's opening proof over batches whose leaves a committer kept.
//!
//! plonky2's `PolynomialBatch::prove_openings` reads the committed batches'
//! coefficients (to build FRI's polynomial) and, in its query phase, one leaf
//! row and one Merkle path of every batch per query. Only those rows (tens
//! per batch) are needed from a committer that kept the leaves on its
//! device, not the gigabytes of a whole extension. So the batches it kept are
//! handed to plonky2 with empty rows (the Merkle paths come from the
//! digests, which are on the host), and the opened rows are put into the
//! proof afterwards: the query positions are drawn again from a copy of the
//! transcript, exactly as the verifier draws them, and every row put in is
//! checked against its Merkle path and cap.

use crate::{
	commit::{is_deferred, Committer},
	fri::FriInputs,
	Batch, C, D, F,
};
use anyhow::{ensure, Context, Result};
use plonky2::{
	fri::{
		proof::FriProof,
		structure::{FriInstanceInfo, FriOpenings},
		FriParams,
	},
	hash::{merkle_proofs::verify_merkle_proof_to_cap, poseidon::PoseidonHash},
	iop::challenger::Challenger,
	plonk::plonk_common::salt_size,
	util::timing::TimingTree,
};

/// plonky2's opening proof of the circuit's `constants_sigmas` and of the
/// proof's `batches` (wires, permutation products, quotient): made by the
/// committer where it offers to ([`Committer::fri_proof`]), else by
/// plonky2 with the rows of batches the committer kept read from it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn prove_openings(
	instance: &FriInstanceInfo<F, D>,
	openings: &FriOpenings<F, D>,
	constants_sigmas: &Batch,
	batches: [&mut Batch; 3],
	challenger: &mut Challenger<F, PoseidonHash>,
	fri_params: &FriParams,
	committer: &dyn Committer,
	timing: &mut TimingTree,
) -> Result<FriProof<F, PoseidonHash, D>> {
	let inputs = FriInputs {
		instance,
		oracles: [constants_sigmas, &*batches[0], &*batches[1], &*batches[2]],
		openings,
		params: fri_params,
	};
	let mut attempt = challenger.clone();
	if let Some(proof) = committer.fri_proof(&inputs, &mut attempt) {
		*challenger = attempt;
		return Ok(proof);
	}
	let transcript = challenger.clone();
	// Which oracles' rows the committer kept: the proof's batches, in
	// plonky2's oracle order after the circuit's.
	let mut kept = vec![false];
	let [wires, zs, quotient] = batches;
	for batch in [&mut *wires, &mut *zs, &mut *quotient] {
		kept.push(is_deferred(batch));
		if is_deferred(batch) {
			let rows = 1usize << (batch.degree_log + batch.rate_bits);
			batch.merkle_tree.leaves = vec![Vec::new(); rows];
		}
	}
	let oracles = [constants_sigmas, &*wires, &*zs, &*quotient];
	let mut proof =
		Batch::prove_openings(instance, &oracles, challenger, fri_params, None, None, timing);
	if !kept.contains(&true) {
		return Ok(proof);
	}

	let positions = query_positions(transcript, &proof, fri_params);
	ensure!(
		positions.len() == proof.query_round_proofs.len(),
		"FRI made an unexpected number of queries"
	);
	for (index, (batch, &kept)) in oracles.iter().zip(&kept).enumerate() {
		if !kept {
			continue;
		}
		let rows = committer
			.leaf_rows(batch, &positions)
			.with_context(|| format!("{} committer: reading opened rows", committer.name()))?;
		let width = batch.polynomials.len() + salt_size(batch.blinding);
		ensure!(
			rows.len() == positions.len() && rows.iter().all(|row| row.len() == width),
			"{} committer returned the wrong rows",
			committer.name()
		);
		for ((round, row), &position) in
			proof.query_round_proofs.iter_mut().zip(rows).zip(&positions)
		{
			let (leaf, path) = &mut round.initial_trees_proof.evals_proofs[index];
			verify_merkle_proof_to_cap(row.clone(), position, &batch.merkle_tree.cap, path)
				.with_context(|| {
					format!(
						"{} committer: an opened row does not match its commitment",
						committer.name()
					)
				})?;
			*leaf = row;
		}
	}
	Ok(proof)
}

/// The rows FRI's queries open, drawn from `transcript` (the challenger as
/// it was before the opening proof) as plonky2's verifier draws them.
fn query_positions(
	mut transcript: Challenger<F, PoseidonHash>,
	proof: &FriProof<F, PoseidonHash, D>,
	fri_params: &FriParams,
) -> Vec<usize> {
	transcript
		.fri_challenges::<C, D>(
			&proof.commit_phase_merkle_caps,
			&proof.final_poly,
			proof.pow_witness,
			fri_params.degree_bits,
			&fri_params.config,
			None,
			None,
		)
		.fri_query_indices
}
