//! The pipeline proves like plonky2, really commits through its committer,
//! and turns committer failures and unsupported circuits into errors.

use anyhow::{anyhow, Result};
use plonky2::{
	field::{
		fft::FftRootTable,
		polynomial::{PolynomialCoeffs, PolynomialValues},
		types::Field,
	},
	fri::{oracle::PolynomialBatch, proof::FriProof},
	gates::lookup_table::LookupTable,
	hash::poseidon::PoseidonHash,
	iop::{
		challenger::Challenger,
		witness::{PartialWitness, WitnessWrite},
	},
	plonk::{circuit_builder::CircuitBuilder, proof::OpeningSet},
	util::timing::TimingTree,
};
use prova_circuits::{CircuitError, PoseidonChain, Proved, Workload, WorkloadKind};
use prova_pipeline::{
	merkle_path, next_point, opening_set, prove, prove_beside_plonky2, prove_fri, CommitParams,
	Committer, CpuCommitter, CpuFri, Fold, FriInputs, OpenInputs, SubgroupWeights, C, D, F,
};
use std::sync::{Arc, Mutex};

type Batch = PolynomialBatch<F, C, D>;

/// Proves the `kind` workload of `2^degree_bits` rows with plonky2 and with
/// the pipeline on the CPU, from the same generated witness: the same bytes,
/// and a valid proof.
fn proves_like_plonky2(kind: WorkloadKind, degree_bits: usize) {
	proves_like_plonky2_with(kind, degree_bits, &CpuCommitter);
}

/// [`proves_like_plonky2`] through `committer`.
fn proves_like_plonky2_with(kind: WorkloadKind, degree_bits: usize, committer: &dyn Committer) {
	let workload = Workload::for_degree(kind, degree_bits).unwrap();
	let handle = workload.build().unwrap();
	assert_eq!(handle.degree_bits(), degree_bits);
	let mut reference = None;
	let ours = handle
		.prove_with(&workload.sample_input(degree_bits as u64), |prover, common, inputs| {
			let (plonky2s, ours) = prove_beside_plonky2(prover, common, inputs, committer)?;
			reference = Some(plonky2s);
			Ok(ours)
		})
		.unwrap();
	let reference = reference.unwrap();
	assert!(ours.proof.to_bytes() == reference.to_bytes(), "{workload}: proofs differ");
	handle.verify(&ours.proof).unwrap();
}

#[test]
fn poseidon_chain_2_12_proof_is_plonky2s() {
	proves_like_plonky2(WorkloadKind::PoseidonChain, 12);
}

#[test]
fn poseidon_chain_2_13_proof_is_plonky2s() {
	proves_like_plonky2(WorkloadKind::PoseidonChain, 13);
}

#[test]
fn fibonacci_2_12_proof_is_plonky2s() {
	proves_like_plonky2(WorkloadKind::Fibonacci, 12);
}

#[test]
fn merkle_root_2_12_proof_is_plonky2s() {
	proves_like_plonky2(WorkloadKind::MerkleRoot, 12);
}

/// What a [`Faulty`] committer does wrong.
#[derive(Clone, Copy, Debug)]
enum Fault {
	/// Nothing: commits on the CPU.
	None,
	/// Adds one to a value of a leaf of the first batch (the wires) and
	/// recomputes nothing.
	CorruptWireLeaf,
	/// Drops a leaf of the first batch (a tree of the wrong shape).
	DropWireLeaf,
	/// Fails on the second batch (the permutation products).
	FailSecond,
}

/// Wraps [`CpuCommitter`], records each call as (method, number of
/// polynomials, params), and injects its fault.
struct Faulty {
	fault: Fault,
	calls: Mutex<Vec<(&'static str, usize, CommitParams)>>,
}

impl Faulty {
	fn new(fault: Fault) -> Self {
		Faulty { fault, calls: Mutex::new(Vec::new()) }
	}

	fn calls(&self) -> Vec<(&'static str, usize, CommitParams)> {
		self.calls.lock().unwrap().clone()
	}

	fn tamper(
		&self,
		method: &'static str,
		num_polys: usize,
		params: CommitParams,
		mut batch: Batch,
	) -> Result<Batch> {
		let mut calls = self.calls.lock().unwrap();
		calls.push((method, num_polys, params));
		match (self.fault, calls.len()) {
			(Fault::CorruptWireLeaf, 1) => batch.merkle_tree.leaves[5][7] += F::ONE,
			(Fault::DropWireLeaf, 1) => drop(batch.merkle_tree.leaves.pop()),
			(Fault::FailSecond, 2) => return Err(anyhow!("device lost")),
			_ => {}
		}
		Ok(batch)
	}
}

impl Committer for Faulty {
	fn name(&self) -> &str {
		"faulty"
	}

	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		let num_polys = values.len();
		let batch = CpuCommitter.commit_values(values, params, table, timing)?;
		self.tamper("values", num_polys, params, batch)
	}

	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		let num_polys = coeffs.len();
		let batch = CpuCommitter.commit_coeffs(coeffs, params, table, timing)?;
		self.tamper("coeffs", num_polys, params, batch)
	}
}

/// A small circuit, and its proof with `committer`.
fn prove_small(
	committer: &dyn Committer,
) -> (prova_circuits::CircuitHandle, Result<Proved, CircuitError>) {
	let workload = Workload::from(PoseidonChain { steps: 20 });
	let handle = workload.build().unwrap();
	let result = handle.prove_with(&workload.sample_input(3), |prover, common, witness| {
		prove(prover, common, witness, committer, &mut TimingTree::default())
	});
	(handle, result)
}

#[test]
fn wires_permutation_and_quotient_go_through_the_committer() {
	let committer = Faulty::new(Fault::None);
	let (handle, result) = prove_small(&committer);
	handle.verify(&result.unwrap().proof).unwrap();
	let common = &handle.data().common;
	let params = CommitParams {
		rate_bits: common.config.fri_config.rate_bits,
		blinding: false,
		cap_height: common.config.fri_config.cap_height,
	};
	let challenges = common.config.num_challenges;
	assert_eq!(
		committer.calls(),
		[
			("values", common.config.num_wires, params),
			("values", challenges * (1 + common.num_partial_products), params),
			("coeffs", challenges * common.quotient_degree_factor, params),
		]
	);
}

#[test]
fn a_corrupted_wire_leaf_gives_no_valid_proof() {
	let committer = Faulty::new(Fault::CorruptWireLeaf);
	let (handle, result) = prove_small(&committer);
	match result {
		Err(CircuitError::Proving(error)) => assert!(format!("{error:#}").contains("Z_H")),
		Err(other) => panic!("unexpected error {other}"),
		Ok(proved) => assert!(handle.verify(&proved.proof).is_err(), "a corrupted proof verifies"),
	}
	assert!(!committer.calls().is_empty());
}

#[test]
fn a_failing_committer_is_an_error() {
	let (_, result) = prove_small(&Faulty::new(Fault::FailSecond));
	let Err(CircuitError::Proving(error)) = result else { panic!("{result:?}") };
	let message = format!("{error:#}");
	assert!(message.contains("faulty committer") && message.contains("device lost"), "{message}");
}

#[test]
fn a_batch_of_the_wrong_shape_is_an_error() {
	let (_, result) = prove_small(&Faulty::new(Fault::DropWireLeaf));
	let Err(CircuitError::Proving(error)) = result else { panic!("{result:?}") };
	assert!(format!("{error:#}").contains("bad commitment to the wires"), "{error:#}");
}

#[test]
fn a_witness_that_cannot_be_generated_is_an_error() {
	let handle = Workload::from(PoseidonChain { steps: 2 }).build().unwrap();
	let data = handle.data();
	// No input: the generators cannot all run.
	let result = prove(
		&data.prover_only,
		&data.common,
		PartialWitness::new(),
		&CpuCommitter,
		&mut TimingTree::default(),
	);
	let error = result.expect_err("an empty witness is refused");
	assert!(error.to_string().contains("generators weren't run"), "{error}");
}

#[test]
fn circuits_with_lookup_tables_are_refused() {
	let mut builder = CircuitBuilder::<F, D>::new(prova_circuits::config());
	let squares: LookupTable = Arc::new((0..8u16).map(|i| (i, i * i)).collect());
	let table = builder.add_lookup_table_from_pairs(squares);
	let x = builder.add_virtual_target();
	let y = builder.add_lookup_from_index(x, table);
	builder.register_public_input(y);
	let data = builder.build::<C>();
	let mut witness = PartialWitness::new();
	witness.set_target(x, F::from_canonical_u16(3)).unwrap();

	let result =
		prove(&data.prover_only, &data.common, witness, &CpuCommitter, &mut TimingTree::default());
	let error = result.expect_err("a circuit with lookups is refused");
	assert!(error.to_string().contains("lookup tables"), "{error}");
}

/// Commits on the CPU but keeps the leaves to itself, as a GPU committer
/// does, and serves the rows the prover asks for (changing one when
/// `lie` is set).
struct Keeping {
	lie: bool,
	/// Leaves of the batches not yet released, by Merkle cap.
	kept: Mutex<
		Vec<(
			plonky2::hash::merkle_tree::MerkleCap<F, plonky2::hash::poseidon::PoseidonHash>,
			Vec<Vec<F>>,
		)>,
	>,
	/// How many rows each call to `leaf_rows` asked for.
	asked: Mutex<Vec<usize>>,
}

impl Keeping {
	fn new(lie: bool) -> Self {
		Keeping { lie, kept: Mutex::new(Vec::new()), asked: Mutex::new(Vec::new()) }
	}

	fn keep(&self, mut batch: Batch) -> Result<Batch> {
		let leaves = std::mem::take(&mut batch.merkle_tree.leaves);
		self.kept.lock().unwrap().push((batch.merkle_tree.cap.clone(), leaves));
		Ok(batch)
	}
}

impl Committer for Keeping {
	fn name(&self) -> &str {
		"keeping"
	}

	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		self.keep(CpuCommitter.commit_values(values, params, table, timing)?)
	}

	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		self.keep(CpuCommitter.commit_coeffs(coeffs, params, table, timing)?)
	}

	fn leaf_rows(&self, batch: &Batch, rows: &[usize]) -> Result<Vec<Vec<F>>> {
		self.asked.lock().unwrap().push(rows.len());
		let kept = self.kept.lock().unwrap();
		let (_, leaves) = kept
			.iter()
			.find(|(cap, _)| *cap == batch.merkle_tree.cap)
			.ok_or_else(|| anyhow!("released"))?;
		let mut out: Vec<Vec<F>> = rows.iter().map(|&row| leaves[row].clone()).collect();
		if self.lie && rows.len() < leaves.len() {
			out[0][0] += F::ONE;
		}
		Ok(out)
	}

	fn release(
		&self,
		cap: &plonky2::hash::merkle_tree::MerkleCap<F, plonky2::hash::poseidon::PoseidonHash>,
	) {
		self.kept.lock().unwrap().retain(|(kept, _)| kept != cap);
	}
}

#[test]
fn a_committer_that_keeps_its_leaves_is_asked_for_the_opened_rows_only() {
	let workload = Workload::for_degree(WorkloadKind::Fibonacci, 12).unwrap();
	let handle = workload.build().unwrap();
	let committer = Keeping::new(false);
	let mut reference = None;
	let ours = handle
		.prove_with(&workload.sample_input(5), |prover, common, inputs| {
			let (plonky2s, ours) = prove_beside_plonky2(prover, common, inputs, &committer)?;
			reference = Some(plonky2s);
			Ok(ours)
		})
		.unwrap();
	assert!(ours.proof.to_bytes() == reference.unwrap().to_bytes(), "proofs differ");
	handle.verify(&ours.proof).unwrap();
	// The CPU's quotient needs every row of the wires and the permutation
	// products (which the prover then has); FRI asks for its queries' rows
	// of the quotient.
	let rows = 8 << 12;
	let queries = handle.data().common.config.fri_config.num_query_rounds;
	assert_eq!(*committer.asked.lock().unwrap(), [rows, rows, queries]);
	// Every batch was released when the proof was done.
	assert!(committer.kept.lock().unwrap().is_empty());
}

#[test]
fn an_opened_row_that_does_not_match_its_commitment_is_an_error() {
	let committer = Keeping::new(true);
	let (_, result) = prove_small(&committer);
	let Err(CircuitError::Proving(error)) = result else { panic!("{result:?}") };
	assert!(format!("{error:#}").contains("does not match its commitment"), "{error:#}");
	// Released also when the proof fails.
	assert!(committer.kept.lock().unwrap().is_empty());
}

/// plonky2's commitments on the CPU, with the openings ([`SubgroupWeights`])
/// and FRI's opening proof ([`prove_fri`] with [`CpuFri`]) computed from the
/// batches' leaves: what a device committer does, on the host.
struct EvaluationForm {
	proofs: Mutex<usize>,
	openings: Mutex<usize>,
}

impl Committer for EvaluationForm {
	fn name(&self) -> &str {
		"evaluation-form"
	}

	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		CpuCommitter.commit_values(values, params, table, timing)
	}

	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		table: Option<&FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> Result<Batch> {
		CpuCommitter.commit_coeffs(coeffs, params, table, timing)
	}

	fn open(&self, inputs: &OpenInputs) -> Option<OpeningSet<F, D>> {
		let oracle = inputs.oracles[0];
		let weights =
			|point| SubgroupWeights::new(oracle.degree_log, oracle.rate_bits, point).unwrap();
		let at_zeta = weights(inputs.zeta);
		let at_next = weights(next_point(inputs.common, inputs.zeta));
		let evaluate = |weights: &SubgroupWeights, batch: &Batch| {
			let leaves = &batch.merkle_tree.leaves;
			(0..batch.polynomials.len()).map(|c| weights.evaluate(leaves, c)).collect::<Vec<_>>()
		};
		let zs_next = evaluate(&at_next, inputs.oracles[2]);
		*self.openings.lock().unwrap() += 1;
		Some(opening_set(inputs.common, inputs.oracles.map(|o| evaluate(&at_zeta, o)), zs_next))
	}

	fn fri_proof(
		&self,
		inputs: &FriInputs,
		challenger: &mut Challenger<F, PoseidonHash>,
	) -> Option<FriProof<F, PoseidonHash, D>> {
		let backend = CpuFri { leaves: inputs.oracles.map(|o| o.merkle_tree.leaves.as_slice()) };
		let proof = prove_fri(&backend, self, inputs, challenger).unwrap();
		*self.proofs.lock().unwrap() += 1;
		Some(proof)
	}
}

#[test]
fn openings_and_fri_in_evaluation_form_are_plonky2s() {
	for (kind, degree_bits) in [(WorkloadKind::Fibonacci, 12), (WorkloadKind::PoseidonChain, 13)] {
		let committer = EvaluationForm { proofs: Mutex::new(0), openings: Mutex::new(0) };
		proves_like_plonky2_with(kind, degree_bits, &committer);
		assert_eq!(
			*committer.proofs.lock().unwrap(),
			1,
			"{kind:?}: FRI went through the committer"
		);
		assert_eq!(*committer.openings.lock().unwrap(), 1, "{kind:?}: so did the openings");
	}
}

#[test]
fn a_fold_in_evaluation_form_is_a_fold_of_coefficients() {
	use plonky2::field::{extension::Extendable, types::Sample};
	type Ext = <F as Extendable<D>>::Extension;
	// A random polynomial of 2^6 coefficients on a coset of 2^9 points.
	let coeffs = PolynomialCoeffs::new(Ext::rand_vec(1 << 6));
	let mut padded = coeffs.clone();
	padded.coeffs.resize(1 << 9, Ext::ZERO);
	let shift = F::coset_shift();
	for arity_bits in [1, 3, 4] {
		let mut values = padded.coset_fft(shift.into()).values;
		plonky2::util::reverse_index_bits_in_place(&mut values);
		let beta = Ext::rand();
		let fold = Fold { arity_bits, output_bits: 9 - arity_bits, shift, beta };
		let folded: Vec<Ext> = values
			.chunks(1 << arity_bits)
			.enumerate()
			.map(|(leaf, chunk)| fold.value(leaf, chunk))
			.collect();
		// plonky2's fold: P(X) = Σ X^i P_i(X^a) becomes Σ β^i P_i(X).
		let reduced = PolynomialCoeffs::new(
			padded
				.coeffs
				.chunks(1 << arity_bits)
				.map(|chunk| chunk.iter().rev().fold(Ext::ZERO, |acc, &c| acc * beta + c))
				.collect(),
		);
		let mut want = reduced.coset_fft(shift.exp_power_of_2(arity_bits).into()).values;
		plonky2::util::reverse_index_bits_in_place(&mut want);
		assert_eq!(folded, want, "arity 2^{arity_bits}");
	}
}

#[test]
fn merkle_paths_from_digests_are_plonky2s() {
	use plonky2::{field::types::Sample, hash::merkle_tree::MerkleTree};
	for (leaf_bits, cap_height) in [(0, 0), (3, 0), (5, 2), (6, 6)] {
		let leaves: Vec<Vec<F>> = (0..1 << leaf_bits).map(|_| F::rand_vec(5)).collect();
		let tree = MerkleTree::<F, PoseidonHash>::new(leaves, cap_height);
		for index in 0..1 << leaf_bits {
			let path = merkle_path(&tree.digests, leaf_bits, cap_height, index).unwrap();
			assert_eq!(
				path,
				tree.prove(index),
				"leaf {index} of 2^{leaf_bits}, cap 2^{cap_height}"
			);
		}
		assert!(merkle_path(&tree.digests, leaf_bits, cap_height, 1 << leaf_bits).is_err());
	}
}
