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
use prova_gpu::{Gpu, GpuCommitter, GpuOptions, TransferStats};
use prova_pipeline::{prove_beside_plonky2, CommitParams, Committer, CpuCommitter, C, D, F};

fn committer(options: GpuOptions) -> GpuCommitter {
	let gpu = Gpu::open(&GpuOptions { allow_software: true, ..options })
		.expect("a Vulkan adapter (install mesa-vulkan-drivers for lavapipe)");
	GpuCommitter::new(gpu)
}

/// Builds `workload`, proves its sample input `seed` with plonky2 and through
/// `committer` from one witness, checks that the bytes are the same and the
/// proof valid, and returns the circuit.
fn proves_as_plonky2(
	committer: &GpuCommitter,
	workload: &Workload,
	seed: u64,
) -> prova_circuits::CircuitHandle {
	let handle = workload.build().unwrap();
	let mut reference = None;
	let ours = handle
		.prove_with(&workload.sample_input(seed), |prover, common, inputs| {
			let (plonky2s, ours) = prove_beside_plonky2(prover, common, inputs, committer)?;
			reference = Some(plonky2s);
			Ok(ours)
		})
		.unwrap();
	assert!(
		ours.proof.to_bytes() == reference.unwrap().to_bytes(),
		"{workload}: the GPU proof differs from plonky2's"
	);
	handle.verify(&ours.proof).unwrap();
	handle
}

/// Proves `kind` at 2^12 rows with plonky2 and with the GPU committer, whose
/// quotient is evaluated on the GPU or not, as `quotient_on_gpu` says.
fn gpu_proof_is_plonky2s(kind: WorkloadKind, options: GpuOptions, quotient_on_gpu: bool) {
	let committer = committer(options);
	let workload = Workload::for_degree(kind, 12).unwrap();
	let before = committer.gpu().transfer_stats();
	let handle = proves_as_plonky2(&committer, &workload, 7);
	let leaves = &handle.data().prover_only.constants_sigmas_commitment.merkle_tree.leaves;
	let constants_bytes = (leaves.len() * leaves[0].len() * 8) as u64;
	assert_eq!(
		committer.quotients(),
		usize::from(quotient_on_gpu),
		"{workload}: quotients on the GPU"
	);
	assert_eq!(committer.openings(), 1, "{workload}: openings on the GPU");
	assert_eq!(committer.fri_proofs(), 1, "{workload}: FRI on the GPU");
	assert_eq!(committer.fallbacks(), 0, "{workload}: nothing fell back to the CPU");
	// The proof released its batches; only the circuit's constants and
	// sigmas stay, for its next proof.
	assert_eq!(committer.held_bytes(), constants_bytes, "{workload}: bytes held after the proof");
	// With the quotient, openings and FRI on the GPU no batch's leaves come back: less
	// is read than the wires' leaves alone (2^15 rows of 135 elements).
	let read = committer.gpu().transfer_stats().bytes_read - before.bytes_read;
	let wires_leaves = (8u64 << 12) * 135 * 8;
	assert_eq!(read < wires_leaves, quotient_on_gpu, "{workload}: {read} bytes read");
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
	let on_gpu = (committer.quotients(), committer.openings(), committer.fri_proofs());
	assert_eq!((on_gpu, committer.fallbacks()), ((0, 1, 1), 0));
	// The batches' extensions, read back for the CPU's quotient, are freed;
	// FRI uploaded the circuit's constants and sigmas, kept for its next proof.
	let leaves = &data.prover_only.constants_sigmas_commitment.merkle_tree.leaves;
	assert_eq!(committer.held_bytes(), (leaves.len() * leaves[0].len() * 8) as u64);
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
		let all: Vec<usize> = (0..cpu.merkle_tree.leaves.len()).collect();
		assert_eq!(gpu.leaf_rows(&batch, &all).unwrap(), cpu.merkle_tree.leaves);
		assert_eq!(
			gpu.leaf_rows(&batch, &[77, 3]).unwrap(),
			[77, 3].map(|r| cpu.merkle_tree.leaves[r].clone())
		);
		assert_eq!(batch.merkle_tree.digests, cpu.merkle_tree.digests);
		assert_eq!(batch.merkle_tree.cap, cpu.merkle_tree.cap);
		let coeffs = batch.polynomials.clone();
		let from_coeffs = gpu.commit_coeffs(coeffs, params, None, &mut TimingTree::default());
		let from_coeffs = from_coeffs.unwrap();
		assert_eq!(from_coeffs.merkle_tree.cap, cpu.merkle_tree.cap);
		assert_eq!(gpu.leaf_rows(&from_coeffs, &all).unwrap(), cpu.merkle_tree.leaves);
		// Released, the extensions are gone, and asking for rows is an error.
		for committed in [&batch, &from_coeffs] {
			gpu.release(&committed.merkle_tree.cap);
		}
		assert_eq!(gpu.held_bytes(), 0);
		if batch.merkle_tree.leaves.is_empty() {
			assert!(gpu.leaf_rows(&batch, &[0]).is_err());
		}
	}
}

/// What a commitment moves between host and device, counted so that a
/// change that moves more shows here without a GPU: exactly the digests
/// below the cap, the cap and the coefficients come back, through two
/// staging buffers made once and reused; the leaves stay on the GPU and
/// come back only as asked, a row or all of them.
#[test]
fn a_commitment_reads_back_its_digests_and_only_the_leaf_rows_asked_for() {
	let params = CommitParams { rate_bits: 3, blinding: false, cap_height: 4 };
	let (columns, log_rows) = (20, 9);
	let staging = 64 << 10;
	let gpu = committer(GpuOptions { staging_bytes: Some(staging), ..Default::default() });
	let leaf_rows = 1u64 << (log_rows + params.rate_bits);
	let leaves = leaf_rows * columns as u64 * 8;
	// Every level from the leaves' digests up to the cap: 2^13 - 2^4 digests.
	let digests = (2 * leaf_rows - (1 << params.cap_height)) * 32;
	let coefficients = (columns << log_rows) as u64 * 8;
	let read_since = |before: TransferStats| {
		let stats = gpu.gpu().transfer_stats();
		assert_eq!(stats.staging_buffers, 2, "made once, reused");
		(stats.bytes_read - before.bytes_read, stats.read_submissions - before.read_submissions)
	};
	for round in 1..=2 {
		let before = gpu.gpu().transfer_stats();
		let values = random_columns(columns, log_rows);
		let batch = gpu.commit_values(values, params, None, &mut TimingTree::default()).unwrap();
		assert!(batch.merkle_tree.leaves.is_empty());
		assert_eq!(read_since(before).0, digests + coefficients, "round {round}");

		let before = gpu.gpu().transfer_stats();
		gpu.leaf_rows(&batch, &[1000]).unwrap();
		assert_eq!(read_since(before), (columns as u64 * 8, 1), "round {round}: one row");

		let before = gpu.gpu().transfer_stats();
		let all: Vec<usize> = (0..leaf_rows as usize).collect();
		gpu.leaf_rows(&batch, &all).unwrap();
		let (bytes, submissions) = read_since(before);
		// The leaves take ten 64 KiB pieces.
		assert_eq!(bytes, leaves, "round {round}: every row");
		assert!(submissions >= 10, "round {round}: {submissions} submissions");
		gpu.release(&batch.merkle_tree.cap);
	}
	assert_eq!(gpu.fallbacks(), 0);
}

#[test]
fn two_proofs_in_flight_on_one_gpu_are_both_plonky2s() {
	// Two circuits proved at once through one committer: each proof's CPU
	// stages run while the other's GPU stages hold the device, and each
	// finds its own batches (held by Merkle cap) and circuit constants.
	let committer = committer(GpuOptions::default());
	let jobs = [(WorkloadKind::Fibonacci, 12), (WorkloadKind::PoseidonChain, 13)];
	std::thread::scope(|scope| {
		let proving: Vec<_> = jobs
			.into_iter()
			.map(|(kind, degree_bits)| {
				let committer = &committer;
				scope.spawn(move || {
					let workload = Workload::for_degree(kind, degree_bits).unwrap();
					proves_as_plonky2(committer, &workload, 11);
				})
			})
			.collect();
		for thread in proving {
			thread.join().unwrap();
		}
	});
	let on_gpu = (committer.quotients(), committer.openings(), committer.fri_proofs());
	assert_eq!((on_gpu, committer.fallbacks()), ((2, 2, 2), 0));
}
