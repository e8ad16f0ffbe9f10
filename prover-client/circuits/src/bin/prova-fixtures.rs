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
//!
//! With `--aggregate --aggregator 0x<32 bytes>` it instead writes the
//! aggregated tier's fixture (see `prova_circuits::aggregation::fixture`):
//! `--leaves` proofs of the workload at 2^12 (seeds and request ids
//! `0, 1, ...`) wrapped for that aggregator and merged into one root proof,
//! checked against the root computed natively, as `aggregate-merge.vd`,
//! `aggregate-inner.vd`, `aggregate.proof` and `aggregate.json`; and prints
//! one table row of its timings.

use anyhow::{bail, ensure, Context};
use clap::Parser;
use log::{Level, LevelFilter, Log, Metadata, Record};
use plonky2::util::timing::TimingTree;
use prova_circuits::{
	aggregation::fixture, verify, Workload, WorkloadKind, MAX_DEGREE_BITS, MIN_DEGREE_BITS,
};
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
	/// Write the aggregated tier's fixture instead (the workload at 2^12;
	/// `--degrees`, `--seed` and `--verify-runs` do not apply).
	#[arg(long)]
	aggregate: bool,
	/// The aggregator's 32-byte account in hex (`0x` optional), for
	/// `--aggregate`.
	#[arg(long, requires = "aggregate")]
	aggregator: Option<String>,
	/// Leaves of the aggregate (requests and seeds 0, 1, ...), at least 2.
	#[arg(long, default_value_t = 2)]
	leaves: usize,
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
	ensure!(!(args.aggregate && args.crafted.is_some()), "--crafted or --aggregate, not both");
	if let Some(gates) = args.crafted {
		return crafted(&args.out, gates);
	}
	if args.aggregate {
		let aggregator = args.aggregator.as_deref().context("--aggregate needs --aggregator")?;
		let aggregator = fixture::bytes32(aggregator).context("--aggregator")?;
		return aggregate(&args.out, args.workload, &aggregator, args.leaves);
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

/// Proves, aggregates, checks and writes the aggregated tier's fixture.
fn aggregate(
	out: &Path,
	kind: WorkloadKind,
	aggregator: &[u8; 32],
	leaves: usize,
) -> anyhow::Result<()> {
	fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
	let (fixture, timings) = fixture::make(kind, aggregator, leaves)?;
	fixture.write(out)?;
	println!(
		"{:<16} {:>6} {:>6} {:>6} {:>7} {:>8} {:>9} {:>7} {:>7} {:>10} {:>9} {:>11}",
		"workload",
		"degree",
		"leaves",
		"shape",
		"inner_s",
		"shape_s",
		"wrapper_s",
		"wrap_s",
		"merge_s",
		"verify_ms",
		"vd_bytes",
		"proof_bytes"
	);
	println!(
		"{:<16} {:>6} {:>6} {:>6} {:>7.2} {:>8.2} {:>9.2} {:>7.2} {:>7.2} {:>10.2} {:>9} {:>11}",
		fixture.workload.name(),
		fixture.degree_bits(),
		fixture.leaves.len(),
		timings.shape_degree_bits,
		timings.inner.as_secs_f64(),
		timings.aggregator.as_secs_f64(),
		timings.wrapper.as_secs_f64(),
		timings.wrap.as_secs_f64(),
		timings.merge.as_secs_f64(),
		timings.verify.as_secs_f64() * 1e3,
		fixture.merge_verifier_data.len(),
		fixture.proof.len(),
	);
	println!(
		"wrapper stages {}; wrap_s and merge_s are means; inner_s builds the inner circuit and proves every leaf",
		timings.wrapper_stages
	);
	println!(
		"wrapper {:?}\nmerge   {:?}\nroot    {:?}",
		fixture.wrapper, fixture.merge, fixture.root
	);
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
