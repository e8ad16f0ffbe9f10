//! Whole proofs with the GPU committer, on whatever adapter exists (lavapipe
//! in CI): the same bytes as plonky2's prover on the same witness, proofs
//! that verify, and batches equal to plonky2's, also when the GPU has to
//! split its work or gives up and the CPU takes over.

use plonky2::{
	field::{
		polynomial::PolynomialValues,
		types::{Field, Sample},
	},
	iop::witness::{PartialWitness, WitnessWrite},
	plonk::{circuit_builder::CircuitBuilder, circuit_data::CircuitConfig},
	util::timing::TimingTree,
};
use prova_circuits::{Workload, WorkloadKind};
use prova_gpu::{Gpu, GpuCommitter, GpuOptions};
use prova_pipeline::{prove_beside_plonky2, CommitParams, Committer, CpuCommitter, C, D, F};

fn committer(options: GpuOptions) -> GpuCommitter {
	let gpu = Gpu::open(&GpuOptions { allow_software: true, ..options })
		.expect("a Vulkan adapter (install mesa-vulkan-drivers for lavapipe)");
	GpuCommitter::new(gpu)
}

/// Proves `kind` at 2^12 rows with plonky2 and with the GPU committer, whose
/// quotient is evaluated on the GPU or not, as `quotient_on_gpu` says.
fn gpu_proof_is_plonky2s(kind: WorkloadKind, options: GpuOptions, quotient_on_gpu: bool) {
	let committer = committer(options);
	let workload = Workload::for_degree(kind, 12).unwrap();
	let handle = workload.build().unwrap();
	let mut reference = None;
	let mut constants_bytes = 0;
	let ours = handle
		.prove_with(&workload.sample_input(7), |prover, common, inputs| {
			let leaves = &prover.constants_sigmas_commitment.merkle_tree.leaves;
			constants_bytes = (leaves.len() * leaves[0].len() * 8) as u64;
			let (plonky2s, ours) = prove_beside_plonky2(prover, common, inputs, &committer)?;
			reference = Some(plonky2s);
			Ok(ours)
		})
		.unwrap();
	assert!(
		ours.proof.to_bytes() == reference.unwrap().to_bytes(),
		"{workload}: the GPU proof differs from plonky2's"
	);
	handle.verify(&ours.proof).unwrap();
	assert_eq!(
		committer.quotients(),
		usize::from(quotient_on_gpu),
		"{workload}: quotients on the GPU"
	);
	assert_eq!(committer.fallbacks(), 0, "{workload}: nothing fell back to the CPU");
	// The quotient took the extensions it read; only the circuit's
	// constants and sigmas stay.
	if quotient_on_gpu {
		assert_eq!(committer.resident_bytes(), constants_bytes);
	}
}

#[test]
fn poseidon_chain_proof_on_the_gpu_is_plonky2s() {
	gpu_proof_is_plonky2s(WorkloadKind::PoseidonChain, GpuOptions::default(), true);
}

#[test]
fn fibonacci_proof_on_the_gpu_is_plonky2s() {
	gpu_proof_is_plonky2s(WorkloadKind::Fibonacci, GpuOptions::default(), true);
}

#[test]
fn merkle_root_proof_on_the_gpu_is_plonky2s() {
	gpu_proof_is_plonky2s(WorkloadKind::MerkleRoot, GpuOptions::default(), true);
}

#[test]
fn a_proof_with_32_bit_arithmetic_and_split_buffers_is_plonky2s() {
	// 256 KiB bindings: the 135 wire columns of 2^15 rows go in many batches
	// and the leaves in many chunks.
	gpu_proof_is_plonky2s(
		WorkloadKind::PoseidonChain,
		GpuOptions { force_u32: true, max_binding: Some(256 << 10), ..Default::default() },
		// 4,096 rows of 20 permutation products do not fit 256 KiB.
		false,
	);
}

#[test]
fn a_proof_with_32_bit_arithmetic_and_a_quotient_in_tiles_is_plonky2s() {
	// 1 MiB bindings: the wires' extension in chunks of 512 rows, so the
	// quotient runs in 64 dispatches; the permutation products' 4,096 rows
	// still fit one binding.
	gpu_proof_is_plonky2s(
		WorkloadKind::MerkleRoot,
		GpuOptions { force_u32: true, max_binding: Some(1 << 20), ..Default::default() },
		true,
	);
}

#[test]
fn a_circuit_with_a_gate_the_kernel_lacks_has_its_quotient_made_on_the_cpu() {
	let mut builder = CircuitBuilder::<F, D>::new(CircuitConfig::standard_recursion_config());
	let x = builder.add_virtual_target();
	builder.register_public_input(x);
	// Bit decomposition: plonky2's BaseSumGate, which the kernel lacks.
	let bits = builder.split_le(x, 64);
	let ones = builder.add_many(bits.iter().map(|bit| bit.target));
	builder.register_public_input(ones);
	let data = builder.build::<C>();
	let mut inputs = PartialWitness::new();
	inputs.set_target(x, F::from_canonical_u64(0xF0F0)).unwrap();

	let committer = committer(GpuOptions::default());
	let (reference, ours) =
		prove_beside_plonky2(&data.prover_only, &data.common, inputs, &committer).unwrap();
	assert!(ours.to_bytes() == reference.to_bytes(), "the proof differs from plonky2's");
	assert_eq!(ours.public_inputs[1], F::from_canonical_u64(8));
	data.verify(ours).unwrap();
	assert_eq!((committer.quotients(), committer.fallbacks()), (0, 0));
	// The extensions kept for a quotient that did not run are freed.
	assert_eq!(committer.resident_bytes(), 0);
}

fn random_columns(columns: usize, log_rows: usize) -> Vec<PolynomialValues<F>> {
	(0..columns).map(|_| PolynomialValues::new(F::rand_vec(1 << log_rows))).collect()
}

#[test]
fn batches_equal_plonky2s_and_fall_back_to_the_cpu() {
	let params = CommitParams { rate_bits: 3, blinding: false, cap_height: 4 };
	let values = random_columns(20, 9);
	let cpu = CpuCommitter.commit_values(values.clone(), params, None, &mut TimingTree::default());
	let cpu = cpu.unwrap();
	// A binding too small for the Poseidon constants: every GPU batch fails
	// and the CPU commits instead, with the same result.
	for options in
		[GpuOptions::default(), GpuOptions { max_binding: Some(1024), ..Default::default() }]
	{
		let gpu = committer(options);
		let batch =
			gpu.commit_values(values.clone(), params, None, &mut TimingTree::default()).unwrap();
		assert_eq!(batch.polynomials, cpu.polynomials);
		assert_eq!(batch.merkle_tree.leaves, cpu.merkle_tree.leaves);
		assert_eq!(batch.merkle_tree.digests, cpu.merkle_tree.digests);
		assert_eq!(batch.merkle_tree.cap, cpu.merkle_tree.cap);
		let coeffs = batch.polynomials.clone();
		let from_coeffs = gpu.commit_coeffs(coeffs, params, None, &mut TimingTree::default());
		assert_eq!(from_coeffs.unwrap().merkle_tree.cap, cpu.merkle_tree.cap);
	}
}

/// What a commitment moves between host and device, counted so that a
/// change that moves more shows here without a GPU: exactly the leaves, the
/// digests below the cap and the cap, and the coefficients come back, through
/// two staging buffers made once and reused.
#[test]
fn a_commitment_reads_back_its_result_once_through_two_reused_staging_buffers() {
	let params = CommitParams { rate_bits: 3, blinding: false, cap_height: 4 };
	let (columns, log_rows) = (20, 9);
	let staging = 64 << 10;
	let gpu = committer(GpuOptions { staging_bytes: Some(staging), ..Default::default() });
	let before = gpu.gpu().transfer_stats();
	for round in 1..=2u64 {
		let values = random_columns(columns, log_rows);
		gpu.commit_values(values, params, None, &mut TimingTree::default()).unwrap();
		let stats = gpu.gpu().transfer_stats();
		let leaf_rows = 1u64 << (log_rows + params.rate_bits);
		let leaves = leaf_rows * columns as u64 * 8;
		// Every level from the leaves' digests up to the cap: 2^13 - 2^4 digests.
		let digests = (2 * leaf_rows - (1 << params.cap_height)) * 32;
		let coefficients = (columns << log_rows) as u64 * 8;
		assert_eq!(
			stats.bytes_read - before.bytes_read,
			round * (leaves + digests + coefficients),
			"round {round}: {stats:?}"
		);
		assert_eq!(stats.staging_buffers, 2, "made once, reused");
		// The leaves take ten 64 KiB pieces; each digest level and the
		// coefficients at least one.
		assert!(stats.read_submissions - before.read_submissions >= round * 10, "{stats:?}");
	}
	assert_eq!(gpu.fallbacks(), 0);
}
