//! `prova-prover bench-gpu`: GPU against CPU, stage by stage, per degree.
//!
//! Each degree 2^d is measured on a batch shaped like a proof's wires
//! commitment (135 columns of 2^d values, rate 3, cap height 4, as in
//! plonky2's `standard_recursion_config`) and on a whole `poseidon_chain`
//! proof of 2^d rows:
//!
//! | stage | GPU | CPU (plonky2 with rayon) |
//! |---|---|---|
//! | NTT | forward NTT of every column, data already on the GPU (in sets that fit a binding) | `fft` of every column |
//! | LDE | upload, inverse NTT, coefficients back, coset LDE into leaf rows | `ifft`, `lde`, `coset_fft`, transpose, bit-reversal |
//! | Merkle | Poseidon tree over the resident rows, digests back | `MerkleTree::new` |
//! | commit | LDE + Merkle + digests back (the leaves stay on the GPU): what the prover calls | `PolynomialBatch::from_values` |
//! | quotient | the quotient's values of a `poseidon_chain` proof from extensions already on the GPU (as after its commitments), values back | prova-pipeline's `cpu_quotient_values` (plonky2's gate evaluation) |
//! | open | the same proof's openings at ζ and gζ from the four oracles' extensions on the GPU (`prova_gpu::fri::open`: barycentric sums there, block sums back) | plonky2's `OpeningSet::new` (coefficients evaluated) |
//! | FRI | the same proof's FRI opening proof from the four oracles' extensions on the GPU (`prova_gpu::GpuFri`: codewords, folds and their trees there; digests, the last codeword and opened rows back) | plonky2's `PolynomialBatch::prove_openings` |
//! | proof | prova-pipeline with the GPU committer | plonky2's `prove` |
//! | 2 proofs | two proofs at once through one GPU committer (one's CPU stages overlap the other's GPU stages) | two of plonky2's `prove`, one after the other |
//!
//! Times are medians of `--repeat` runs after one warm-up (kernel
//! compilation). `bus MiB` is what one GPU run moved between host and
//! device, both ways (`prova_gpu::TransferStats`). The adapter is printed with the table; a software adapter's
//! figures say nothing about GPUs and are labelled so.

use crate::{
	backend::{Cancel, GpuBackend, ProvingBackend},
	cli::BenchGpuArgs,
	commands::bench::{machine, meminfo_kib, parse_degrees},
};
use anyhow::Context;
use plonky2::{
	field::{
		fft::fft,
		polynomial::{PolynomialCoeffs, PolynomialValues},
		types::{Field, Sample},
	},
	fri::oracle::PolynomialBatch,
	hash::{merkle_tree::MerkleTree, poseidon::PoseidonHash},
	iop::challenger::Challenger,
	plonk::proof::OpeningSet,
	util::{reverse_index_bits_in_place, timing::TimingTree, transpose},
};
use prova_circuits::{Workload, WorkloadKind};
use prova_gpu::{
	quotient::QuotientPlan, Gpu, GpuCommitter, GpuFri, GpuOptions, LeafMatrix, ResidentNtt,
};
use prova_pipeline::{
	cpu_quotient_values, next_point, prove_fri, CommitParams, Committer, CpuCommitter, Ext,
	FriInputs, OpenInputs, QuotientInputs, C, D, F,
};
use rayon::prelude::*;
use std::{sync::Mutex, time::Instant};

/// Columns of the benchmarked batch: the wires of `standard_recursion_config`.
const COLUMNS: usize = 135;
const PARAMS: CommitParams = CommitParams { rate_bits: 3, blinding: false, cap_height: 4 };

/// Median seconds of `repeat` runs of `f`, after one unmeasured run.
fn median(repeat: usize, mut f: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
	f()?;
	let mut times = Vec::new();
	for _ in 0..repeat.max(1) {
		let started = Instant::now();
		f()?;
		times.push(started.elapsed().as_secs_f64());
	}
	times.sort_by(f64::total_cmp);
	Ok(times[times.len() / 2])
}

/// [`median`] of a GPU stage, with the MiB one run moved over the bus.
fn median_on(
	gpu: &Gpu,
	repeat: usize,
	f: impl FnMut() -> anyhow::Result<()>,
) -> anyhow::Result<(f64, f64)> {
	let before = gpu.transfer_stats();
	let seconds = median(repeat, f)?;
	let after = gpu.transfer_stats();
	let moved =
		(after.bytes_read - before.bytes_read) + (after.bytes_written - before.bytes_written);
	Ok((seconds, moved as f64 / (repeat.max(1) + 1) as f64 / (1 << 20) as f64))
}

/// plonky2's low-degree extension into leaf rows, as `from_values` does it
/// before hashing.
fn cpu_lde(values: &[PolynomialValues<F>]) -> Vec<Vec<F>> {
	let lde: Vec<Vec<F>> = values
		.par_iter()
		.map(|column| {
			column
				.clone()
				.ifft()
				.lde(PARAMS.rate_bits)
				.coset_fft_with_options(F::coset_shift(), Some(PARAMS.rate_bits), None)
				.values
		})
		.collect();
	let mut leaves = transpose(&lde);
	reverse_index_bits_in_place(&mut leaves);
	leaves
}

/// GPU seconds, CPU seconds, MiB moved per GPU run.
type Measured = Mutex<Option<anyhow::Result<(f64, f64, f64)>>>;

/// A committer that times the quotient and the FRI opening proof of the
/// proof it commits, on the GPU from extensions uploaded beforehand (where
/// the GPU's commitments leave them) and on the CPU, and lets the proof go
/// on with the CPU's results. It commits on the CPU, so the batches' leaves
/// are at hand for both.
struct StageTimer<'a> {
	committer: &'a GpuCommitter,
	repeat: usize,
	quotient: Measured,
	open: Measured,
	fri: Measured,
}

impl StageTimer<'_> {
	/// The four oracles, uploaded as the GPU's commitments would leave them.
	fn upload(&self, oracles: [&PolynomialBatch<F, C, D>; 4]) -> anyhow::Result<[LeafMatrix; 4]> {
		let device = self.committer.gpu();
		let uploaded = oracles
			.iter()
			.map(|batch| LeafMatrix::upload(device, &batch.merkle_tree.leaves))
			.collect::<Result<Vec<_>, _>>()?;
		Ok(uploaded.try_into().map_err(|_| anyhow::anyhow!("four oracles"))?)
	}

	fn measure_open(&self, inputs: &OpenInputs) -> anyhow::Result<(f64, f64, f64)> {
		let device = self.committer.gpu();
		let oracles = self.upload(inputs.oracles)?;
		let (gpu_s, bus_mib) = median_on(device, self.repeat, || {
			prova_gpu::fri::open(device, oracles.each_ref(), inputs)?;
			Ok(())
		})?;
		let [constants, wires, zs, quotient] = inputs.oracles;
		let g = next_point(inputs.common, Ext::ONE);
		let cpu_s = median(self.repeat, || {
			OpeningSet::new(inputs.zeta, g, constants, wires, zs, quotient, inputs.common);
			Ok(())
		})?;
		Ok((gpu_s, cpu_s, bus_mib))
	}

	fn measure_fri(
		&self,
		inputs: &FriInputs,
		challenger: &Challenger<F, PoseidonHash>,
	) -> anyhow::Result<(f64, f64, f64)> {
		let device = self.committer.gpu();
		let oracles = self.upload(inputs.oracles)?;
		let backend = GpuFri::new(device, oracles.each_ref());
		let (gpu_s, bus_mib) = median_on(device, self.repeat, || {
			prove_fri(&backend, self, inputs, &mut challenger.clone())?;
			Ok(())
		})?;
		let cpu_s = median(self.repeat, || {
			PolynomialBatch::<F, C, D>::prove_openings(
				inputs.instance,
				&inputs.oracles,
				&mut challenger.clone(),
				inputs.params,
				None,
				None,
				&mut TimingTree::default(),
			);
			Ok(())
		})?;
		Ok((gpu_s, cpu_s, bus_mib))
	}

	fn measure(&self, inputs: &QuotientInputs) -> anyhow::Result<(f64, f64, f64)> {
		let device = self.committer.gpu();
		let plan = QuotientPlan::new(device, inputs).map_err(anyhow::Error::msg)?;
		let upload = |batch: &plonky2::fri::oracle::PolynomialBatch<F, C, D>| {
			LeafMatrix::upload(device, &batch.merkle_tree.leaves)
		};
		let wires = upload(inputs.wires)?;
		let zs = upload(inputs.zs_partial_products)?;
		let constants = upload(&inputs.prover.constants_sigmas_commitment)?;
		let (gpu_s, bus_mib) = median_on(device, self.repeat, || {
			prova_gpu::quotient::evaluate(device, &plan, &wires, &zs, &constants)?;
			Ok(())
		})?;
		let cpu_s = median(self.repeat, || {
			cpu_quotient_values(inputs)?;
			Ok(())
		})?;
		Ok((gpu_s, cpu_s, bus_mib))
	}
}

impl Committer for StageTimer<'_> {
	fn name(&self) -> &str {
		self.committer.name()
	}

	fn commit_values(
		&self,
		values: Vec<PolynomialValues<F>>,
		params: CommitParams,
		fft_root_table: Option<&plonky2::field::fft::FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<plonky2::fri::oracle::PolynomialBatch<F, C, D>> {
		CpuCommitter.commit_values(values, params, fft_root_table, timing)
	}

	fn commit_coeffs(
		&self,
		coeffs: Vec<PolynomialCoeffs<F>>,
		params: CommitParams,
		fft_root_table: Option<&plonky2::field::fft::FftRootTable<F>>,
		timing: &mut TimingTree,
	) -> anyhow::Result<plonky2::fri::oracle::PolynomialBatch<F, C, D>> {
		CpuCommitter.commit_coeffs(coeffs, params, fft_root_table, timing)
	}

	fn quotient_values(&self, inputs: &QuotientInputs) -> Option<Vec<Vec<F>>> {
		*self.quotient.lock().expect("not poisoned") = Some(self.measure(inputs));
		None
	}

	fn open(&self, inputs: &OpenInputs) -> Option<OpeningSet<F, D>> {
		*self.open.lock().expect("not poisoned") = Some(self.measure_open(inputs));
		None
	}

	fn fri_proof(
		&self,
		inputs: &FriInputs,
		challenger: &mut Challenger<F, PoseidonHash>,
	) -> Option<plonky2::fri::proof::FriProof<F, PoseidonHash, D>> {
		*self.fri.lock().expect("not poisoned") = Some(self.measure_fri(inputs, challenger));
		None
	}
}

/// One table row: a stage at a degree.
struct Row {
	stage: &'static str,
	degree: usize,
	gpu_s: f64,
	cpu_s: f64,
	bus_mib: f64,
}

impl Row {
	fn print(&self) {
		println!(
			"{:<8} {:>6} {:>11.2} {:>11.2} {:>8.2} {:>9.1}",
			self.stage,
			format!("2^{}", self.degree),
			self.gpu_s * 1e3,
			self.cpu_s * 1e3,
			self.cpu_s / self.gpu_s,
			self.bus_mib
		);
	}
}

/// Measures the stages of one degree, printing rows as they finish.
fn measure(backend: &GpuBackend, degree: usize, args: &BenchGpuArgs) -> anyhow::Result<()> {
	let gpu = backend.committer();
	let device = gpu.gpu();
	let repeat = args.repeat;
	let values: Vec<PolynomialValues<F>> =
		(0..COLUMNS).map(|_| PolynomialValues::new(F::rand_vec(1 << degree))).collect();
	let columns: Vec<Vec<F>> = values.iter().map(|v| v.values.clone()).collect();

	// As many columns per resident set as one storage binding holds.
	let per_binding = (device.max_binding() >> (degree + 3)).max(1) as usize;
	let mut resident = columns
		.chunks(per_binding)
		.map(|part| ResidentNtt::new(device, part, false))
		.collect::<Result<Vec<_>, _>>()?;
	let (gpu_s, bus_mib) = median_on(device, repeat, || {
		for set in &mut resident {
			set.run(device)?;
		}
		Ok(())
	})?;
	drop(resident);
	let cpu_s = median(repeat, || {
		let out: Vec<_> =
			columns.par_iter().map(|c| fft(PolynomialCoeffs::new(c.clone()))).collect();
		drop(out);
		Ok(())
	})?;
	Row { stage: "NTT", degree, gpu_s, cpu_s, bus_mib }.print();

	let (gpu_s, bus_mib) = median_on(device, repeat, || {
		prova_gpu::lde_from_values(device, &values, PARAMS.rate_bits, false)?;
		Ok(())
	})?;
	let mut leaves = Vec::new();
	let cpu_s = median(repeat, || {
		leaves = cpu_lde(&values);
		Ok(())
	})?;
	Row { stage: "LDE", degree, gpu_s, cpu_s, bus_mib }.print();

	let (_, rows) = prova_gpu::lde_from_values(device, &values, PARAMS.rate_bits, false)?;
	let (gpu_s, bus_mib) = median_on(device, repeat, || {
		prova_gpu::merkle_tree(device, &rows, PARAMS.cap_height)?;
		Ok(())
	})?;
	drop(rows);
	let cpu_s = median(repeat, || {
		MerkleTree::<F, PoseidonHash>::new(leaves.clone(), PARAMS.cap_height);
		Ok(())
	})?;
	drop(leaves);
	Row { stage: "Merkle", degree, gpu_s, cpu_s, bus_mib }.print();

	let commit = |committer: &dyn Committer| {
		median_on(device, repeat, || {
			let batch = committer.commit_values(
				values.clone(),
				PARAMS,
				None,
				&mut TimingTree::default(),
			)?;
			committer.release(&batch.merkle_tree.cap);
			Ok(())
		})
	};
	let (gpu_s, bus_mib) = commit(gpu)?;
	let (cpu_s, _) = commit(&CpuCommitter)?;
	Row { stage: "commit", degree, gpu_s, cpu_s, bus_mib }.print();
	drop(values);

	if !args.skip_proof {
		let workload = Workload::for_degree(WorkloadKind::PoseidonChain, degree)?;
		let circuit = workload.build()?;
		let timer = StageTimer {
			committer: gpu,
			repeat,
			quotient: Mutex::new(None),
			open: Mutex::new(None),
			fri: Mutex::new(None),
		};
		circuit.prove_with(&workload.sample_input(degree as u64), |prover, common, inputs| {
			prova_pipeline::prove(prover, common, inputs, &timer, &mut TimingTree::default())
		})?;
		let measured = timer.quotient.into_inner().expect("not poisoned");
		let (gpu_s, cpu_s, bus_mib) = measured.context("the proof computed no quotient")??;
		Row { stage: "quotient", degree, gpu_s, cpu_s, bus_mib }.print();
		let measured = timer.open.into_inner().expect("not poisoned");
		let (gpu_s, cpu_s, bus_mib) = measured.context("the proof made no openings")??;
		Row { stage: "open", degree, gpu_s, cpu_s, bus_mib }.print();
		let measured = timer.fri.into_inner().expect("not poisoned");
		let (gpu_s, cpu_s, bus_mib) = measured.context("the proof made no FRI proof")??;
		Row { stage: "FRI", degree, gpu_s, cpu_s, bus_mib }.print();

		let input = workload.encode_input(&workload.sample_input(degree as u64))?;
		let (gpu_s, bus_mib) = median_on(device, repeat, || {
			backend.prove(&circuit, &input, &Cancel::default())?;
			Ok(())
		})?;
		// The baseline is plonky2's own prover, not the pipeline.
		let cpu_s = median(repeat, || {
			circuit.prove_bytes(&input)?;
			Ok(())
		})?;
		Row { stage: "proof", degree, gpu_s, cpu_s, bus_mib }.print();

		let (gpu_s, bus_mib) = median_on(device, repeat, || {
			std::thread::scope(|scope| {
				let proving: Vec<_> = (0..2)
					.map(|_| scope.spawn(|| backend.prove(&circuit, &input, &Cancel::default())))
					.collect();
				for thread in proving {
					thread.join().map_err(|_| anyhow::anyhow!("a proving thread panicked"))??;
				}
				anyhow::Ok(())
			})
		})?;
		let cpu_s = median(repeat, || {
			circuit.prove_bytes(&input)?;
			circuit.prove_bytes(&input)?;
			Ok(())
		})?;
		Row { stage: "2 proofs", degree, gpu_s, cpu_s, bus_mib }.print();
	}
	Ok(())
}

/// Bytes a degree needs at most: the CPU's and the GPU's copies of the
/// batch's extension (8 rows per value, 135 columns, 8 bytes), with room for
/// the Merkle tree and plonky2's intermediate vectors.
fn bytes_needed(degree: usize) -> f64 {
	4.0 * (COLUMNS as f64) * 8.0 * 2f64.powi(degree as i32 + PARAMS.rate_bits as i32)
}

/// Runs the benchmark and prints the table.
pub fn run(args: &BenchGpuArgs) -> anyhow::Result<()> {
	let degrees = parse_degrees(&args.degrees)?;
	let options = GpuOptions {
		allow_software: args.allow_software,
		adapter_name: args.adapter.clone(),
		..Default::default()
	};
	let gpu =
		Gpu::open(&options).context("bench-gpu needs a GPU (--allow-software accepts lavapipe)")?;
	let adapter = gpu.adapter().clone();
	let arithmetic = gpu.arithmetic();
	let backend = GpuBackend::new(gpu);
	println!("machine: {}", machine());
	println!(
		"adapter: {adapter}, {arithmetic:?} arithmetic{}",
		if adapter.hardware { "" } else { " (SOFTWARE: not a GPU timing)" }
	);
	println!(
		"CPU: plonky2 with rayon, {} threads; batch: {COLUMNS} columns, rate 2^{}, cap height {}",
		rayon::current_num_threads(),
		PARAMS.rate_bits,
		PARAMS.cap_height
	);
	println!(
		"{:<8} {:>6} {:>11} {:>11} {:>8} {:>9}",
		"stage", "degree", "GPU ms", "CPU ms", "CPU/GPU", "bus MiB"
	);
	for degree in degrees {
		let available = meminfo_kib("MemAvailable:").unwrap_or(u64::MAX) as f64 * 1024.0;
		let needed = bytes_needed(degree);
		if needed > 0.9 * available {
			println!(
				"2^{degree} skipped: needs about {:.0} GiB, {:.0} GiB available",
				needed / 2f64.powi(30),
				available / 2f64.powi(30)
			);
			continue;
		}
		measure(&backend, degree, args)?;
	}
	Ok(())
}
