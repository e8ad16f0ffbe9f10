//! `prova-prover bench`: proving time, proof size and peak memory per
//! workload and degree, on this machine, with the CPU backend.
//!
//! Each size runs in a child process (`bench --child`) so that its peak
//! resident memory (`VmHWM`) is its own and not the largest size's so far.
//! Sizes whose estimated memory exceeds what is available are skipped with
//! a note rather than sent into swap.

use crate::{
	backend::{Cancel, CpuBackend, ProvingBackend},
	cli::BenchArgs,
};
use anyhow::{bail, Context};
use prova_circuits::{Workload, WorkloadKind};
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// Bytes a proof of degree 2^20 needed on the reference machine (measured:
/// 24.1 GB resident plus 9.4 GB swapped); memory roughly halves per degree.
const BYTES_AT_DEGREE_20: f64 = 33.5e9;

/// One row of the table.
#[derive(Debug, Serialize, Deserialize)]
pub struct Row {
	/// Workload name.
	pub workload: String,
	/// log2 of the rows.
	pub degree: usize,
	/// Seconds to build the circuit.
	pub build_s: f64,
	/// Median seconds to prove.
	pub prove_s: f64,
	/// Proof size in bytes.
	pub proof_bytes: usize,
	/// Peak resident memory of the process, in MiB.
	pub peak_mib: u64,
}

/// Parses degrees given as a list (`12,16`) or a range (`12..=20`).
pub fn parse_degrees(text: &str) -> anyhow::Result<Vec<usize>> {
	let parse = |s: &str| s.trim().parse::<usize>().with_context(|| format!("bad degree `{s}`"));
	if let Some((low, high)) = text.split_once("..=") {
		return Ok((parse(low)?..=parse(high)?).collect());
	}
	text.split(',').map(parse).collect()
}

fn kinds(names: &[String]) -> anyhow::Result<Vec<WorkloadKind>> {
	if names.is_empty() {
		return Ok(WorkloadKind::ALL.to_vec());
	}
	Ok(names.iter().map(|name| name.parse()).collect::<Result<_, _>>()?)
}

/// A field of /proc/meminfo, in KiB.
pub fn meminfo_kib(field: &str) -> Option<u64> {
	let text = std::fs::read_to_string("/proc/meminfo").ok()?;
	let line = text.lines().find(|line| line.starts_with(field))?;
	line.split_whitespace().nth(1)?.parse().ok()
}

fn peak_rss_mib() -> u64 {
	let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
	status
		.lines()
		.find(|line| line.starts_with("VmHWM:"))
		.and_then(|line| line.split_whitespace().nth(1))
		.and_then(|kib| kib.parse::<u64>().ok())
		.unwrap_or(0)
		/ 1024
}

/// The machine, in words: CPU model, cores, memory.
pub fn machine() -> String {
	let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
	let model = cpuinfo
		.lines()
		.find(|line| line.starts_with("model name"))
		.and_then(|line| line.split(':').nth(1))
		.map(str::trim)
		.unwrap_or("unknown CPU");
	let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
	let memory_gib = meminfo_kib("MemTotal:").unwrap_or(0) as f64 / (1024.0 * 1024.0);
	format!("{model}, {cores} cores, {memory_gib:.0} GiB")
}

/// Proves one size in this process (the child side).
fn measure(kind: WorkloadKind, degree: usize, repeat: usize) -> anyhow::Result<Row> {
	let workload = Workload::for_degree(kind, degree)?;
	let started = Instant::now();
	let circuit = workload.build()?;
	let build_s = started.elapsed().as_secs_f64();
	let input = workload.encode_input(&workload.sample_input(degree as u64))?;
	let mut times = Vec::new();
	let mut proof_bytes = 0;
	for _ in 0..repeat.max(1) {
		let started = Instant::now();
		let proved = CpuBackend.prove(&circuit, &input, &Cancel::default())?;
		times.push(started.elapsed().as_secs_f64());
		proof_bytes = proved.proof_bytes().len();
	}
	times.sort_by(f64::total_cmp);
	Ok(Row {
		workload: kind.name().into(),
		degree,
		build_s,
		prove_s: times[times.len() / 2],
		proof_bytes,
		peak_mib: peak_rss_mib(),
	})
}

/// Runs the benchmark and prints the table.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
	let kinds = kinds(&args.workload)?;
	let degrees = parse_degrees(&args.degrees)?;
	if args.child {
		let row = measure(kinds[0], degrees[0], args.repeat)?;
		println!("{}", serde_json::to_string(&row)?);
		return Ok(());
	}
	let exe = std::env::current_exe().context("locating this binary")?;
	println!("machine: {}", machine());
	println!(
		"backend: cpu (plonky2 with rayon, {} threads)",
		std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
	);
	println!(
		"{:<15} {:>6} {:>9} {:>9} {:>11} {:>10}",
		"workload", "degree", "build s", "prove s", "proof bytes", "peak MiB"
	);
	for kind in kinds {
		for &degree in &degrees {
			let needed = BYTES_AT_DEGREE_20 / f64::powi(2.0, 20 - degree as i32);
			let available = meminfo_kib("MemAvailable:").unwrap_or(u64::MAX) as f64 * 1024.0;
			if needed > 0.9 * available {
				println!(
					"{:<15} {:>6} skipped: needs about {:.0} GiB, {:.0} GiB available",
					kind.name(),
					format!("2^{degree}"),
					needed / 2f64.powi(30),
					available / 2f64.powi(30)
				);
				continue;
			}
			let output = std::process::Command::new(&exe)
				.args([
					"bench",
					"--child",
					"--workload",
					kind.name(),
					"--degrees",
					&degree.to_string(),
				])
				.args(["--repeat", &args.repeat.to_string()])
				.output()
				.context("starting the benchmark child")?;
			if !output.status.success() {
				bail!(
					"{} at 2^{degree} failed: {}",
					kind.name(),
					String::from_utf8_lossy(&output.stderr)
				);
			}
			let row: Row =
				serde_json::from_slice(&output.stdout).context("reading the child's result")?;
			println!(
				"{:<15} {:>6} {:>9.2} {:>9.2} {:>11} {:>10}",
				row.workload,
				format!("2^{}", row.degree),
				row.build_s,
				row.prove_s,
				row.proof_bytes,
				row.peak_mib
			);
		}
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn degree_lists_and_ranges_parse() {
		assert_eq!(parse_degrees("12..=14").unwrap(), vec![12, 13, 14]);
		assert_eq!(parse_degrees("12,16").unwrap(), vec![12, 16]);
		assert!(parse_degrees("twelve").is_err());
	}

	#[test]
	fn one_size_is_measured_for_real() {
		let row = measure(WorkloadKind::Fibonacci, 12, 1).unwrap();
		assert_eq!(row.degree, 12);
		assert!(row.proof_bytes > 50_000, "{row:?}");
		assert!(row.prove_s > 0.0 && row.peak_mib > 0);
	}
}
