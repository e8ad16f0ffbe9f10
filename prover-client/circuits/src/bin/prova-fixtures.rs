//! `prova-fixtures`: builds a workload at a list of degrees, proves it, and
//! writes the verifier data and proof of each for benchmarks and tests.
//!
//! For each degree `d` it writes into the output directory:
//!
//! - `<workload>-<d>.vd`: the verifier data (plonky2's `VerifierCircuitData`
//!   serialization, default gate set), what is registered on chain;
//! - `<workload>-<d>.proof`: the proof (`ProofWithPublicInputs::to_bytes`);
//! - `<workload>-<d>.input`: the input bytes the proof is for.
//!
//! and prints one table row: the parameters, build and proving time, native
//! verification time (deserializing both files and verifying, as the runtime
//! does; median of `--verify-runs` runs), and the file sizes. This table is the
//! native timing source for the verifier's benchmarks.
//!
//! With `--crafted N` it instead writes `crafted-<N>.vd`, the verifier data of
//! the worst case for the chain's verifier (see `prova_circuits::crafted`):
//! the `N` gates (counting the ones plonky2 always adds) whose constraint
//! evaluation costs the most, and prints every candidate gate's measured cost.

use anyhow::{bail, ensure, Context};
use clap::Parser;
use log::{Level, LevelFilter, Log, Metadata, Record};
use plonky2::util::timing::TimingTree;
use prova_circuits::{verify, Workload, WorkloadKind, MAX_DEGREE_BITS, MIN_DEGREE_BITS};
use std::{
	fs,
	io::Write,
	path::{Path, PathBuf},
	time::{Duration, Instant},
};

/// Write Prova circuit fixtures (verifier data, proof, input) and time them.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
	/// The workload: poseidon_chain, merkle_root or fibonacci.
	#[arg(long, default_value = "poseidon_chain")]
	workload: WorkloadKind,
	/// Degrees (log2 of the circuit's rows), comma separated, each in 12..=20.
	#[arg(long, value_delimiter = ',', default_values_t = MIN_DEGREE_BITS..=MAX_DEGREE_BITS)]
	degrees: Vec<usize>,
	/// Directory the files are written to (created if missing).
	#[arg(long, default_value = "fixtures")]
	out: PathBuf,
	/// Seed of the deterministic sample input.
	#[arg(long, default_value_t = 0)]
	seed: u64,
	/// Verification runs per degree; the table shows their median.
	#[arg(long, default_value_t = 5)]
	verify_runs: usize,
	/// Print plonky2's timing tree of each proof to stderr.
	#[arg(long)]
	timing: bool,
	/// Write the worst-case circuit of this many gates instead of workloads.
	#[arg(long)]
	crafted: Option<usize>,
}

/// One row of the table.
struct Row {
	workload: Workload,
	degree_bits: usize,
	build: Duration,
	prove: Duration,
	verify: Duration,
	verifier_data_bytes: usize,
	proof_bytes: usize,
}

fn main() -> anyhow::Result<()> {
	let args = Args::parse();
	ensure!(args.verify_runs > 0, "--verify-runs must be at least 1");
	if args.timing {
		log::set_logger(&StderrLogger)
			.map_err(|e| anyhow::anyhow!("installing the logger: {e}"))?;
		log::set_max_level(LevelFilter::Debug);
	}
	if let Some(gates) = args.crafted {
		return crafted(&args.out, gates);
	}
	// Refuse a bad degree before hours of proving the others.
	for &degree_bits in &args.degrees {
		Workload::for_degree(args.workload, degree_bits)?;
	}
	fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
	println!(
		"{:<16} {:>6} {:<28} {:>9} {:>9} {:>10} {:>9} {:>11}",
		"workload",
		"degree",
		"params",
		"build_s",
		"prove_s",
		"verify_ms",
		"vd_bytes",
		"proof_bytes"
	);
	for &degree_bits in &args.degrees {
		let row = fixture(&args, degree_bits)?;
		print_row(&row)?;
	}
	Ok(())
}

/// Builds, proves, writes and times the workload at `degree_bits`.
fn fixture(args: &Args, degree_bits: usize) -> anyhow::Result<Row> {
	let workload = Workload::for_degree(args.workload, degree_bits)?;
	let started = Instant::now();
	let handle = workload.build()?;
	let build = started.elapsed();
	if handle.degree_bits() != degree_bits {
		bail!("{workload} built degree {}, not {degree_bits}", handle.degree_bits());
	}

	let input = workload.sample_input(args.seed);
	let mut timing = TimingTree::new(&format!("prove {workload}"), Level::Info);
	let started = Instant::now();
	let proved = handle.prove_with_timing(&input, &mut timing)?;
	let prove = started.elapsed();
	if args.timing {
		timing.print();
	}

	let verifier_data = handle.verifier_data_bytes()?;
	let proof = proved.proof_bytes();
	let input_bytes = workload.encode_input(&input)?;
	let expected = workload.expected_public_inputs(&input)?;
	let mut runs = Vec::with_capacity(args.verify_runs);
	for _ in 0..args.verify_runs {
		let started = Instant::now();
		let public_inputs = verify(&verifier_data, &proof)?;
		runs.push(started.elapsed());
		ensure!(public_inputs == expected, "{workload}: public inputs differ from the native ones");
	}
	runs.sort();

	let stem = format!("{}-{degree_bits}", workload.name());
	write(&args.out, &stem, "vd", &verifier_data)?;
	write(&args.out, &stem, "proof", &proof)?;
	write(&args.out, &stem, "input", &input_bytes)?;
	Ok(Row {
		workload,
		degree_bits,
		build,
		prove,
		verify: runs[runs.len() / 2],
		verifier_data_bytes: verifier_data.len(),
		proof_bytes: proof.len(),
	})
}

/// Ranks the candidate gates, prints the ranking and writes the worst case.
fn crafted(out: &Path, gates: usize) -> anyhow::Result<()> {
	let ranked = prova_circuits::crafted::ranked_gates(200);
	println!(
		"{:>4} {:>12} {:>6} {:>6} {:>11}  gate",
		"rank", "eval_ns", "wires", "degree", "constraints"
	);
	for (rank, ranked) in ranked.iter().enumerate() {
		let gate = &ranked.gate.0;
		println!(
			"{:>4} {:>12} {:>6} {:>6} {:>11}  {}",
			rank + 1,
			ranked.cost.as_nanos(),
			gate.num_wires(),
			gate.degree(),
			gate.num_constraints(),
			gate.id()
		);
	}
	let bytes = prova_circuits::crafted::worst_case_verifier_data(&ranked, gates)?;
	fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
	write(out, &format!("crafted-{gates}"), "vd", &bytes)?;
	println!("crafted-{gates}.vd: {} bytes", bytes.len());
	Ok(())
}

fn write(dir: &Path, stem: &str, extension: &str, bytes: &[u8]) -> anyhow::Result<()> {
	let path = dir.join(format!("{stem}.{extension}"));
	fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
}

fn print_row(row: &Row) -> std::io::Result<()> {
	println!(
		"{:<16} {:>6} {:<28} {:>9.2} {:>9.2} {:>10.2} {:>9} {:>11}",
		row.workload.name(),
		row.degree_bits,
		row.workload.params(),
		row.build.as_secs_f64(),
		row.prove.as_secs_f64(),
		row.verify.as_secs_f64() * 1e3,
		row.verifier_data_bytes,
		row.proof_bytes,
	);
	// Rows of long runs appear as they finish, also when piped.
	std::io::stdout().flush()
}

/// Writes `log` records (plonky2's timing trees) to stderr.
struct StderrLogger;

impl Log for StderrLogger {
	fn enabled(&self, metadata: &Metadata) -> bool {
		metadata.level() <= Level::Debug
	}

	fn log(&self, record: &Record) {
		if self.enabled(record.metadata()) {
			eprintln!("{}", record.args());
		}
	}

	fn flush(&self) {}
}
