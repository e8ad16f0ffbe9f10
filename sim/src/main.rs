//! `prova-sim`: runs a scenario once per mechanism on the real pallets and
//! writes the CSVs, plots and report (see the crate docs).

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use prova_sim::{
	engine::{Choice, Engine},
	metrics::Summary,
	records::RunRecord,
	report,
	scenario::Scenario,
};
use std::{
	path::PathBuf,
	sync::{Arc, Mutex},
	time::Instant,
};

#[derive(Parser)]
#[command(name = "prova-sim", about = "Agent-based simulator of Prova's proof market")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Runs a scenario under each mechanism and writes CSVs, plots and a report.
	Run {
		/// The scenario file (TOML, see `sim/scenarios/`).
		#[arg(long)]
		scenario: PathBuf,
		/// `all`, or a comma-separated list of election, sealed-bid, dutch,
		/// book, race, router.
		#[arg(long, default_value = "all")]
		mechanisms: String,
		/// Blocks to simulate (default: the scenario's).
		#[arg(long)]
		blocks: Option<u64>,
		/// Seed of every random choice; the same seed gives the same run.
		#[arg(long, default_value_t = 1)]
		seed: u64,
		/// Where to write the results.
		#[arg(long)]
		out: PathBuf,
		/// Runs at once (default: the machine's cores).
		#[arg(long)]
		jobs: Option<usize>,
	},
	/// Writes `README.md` in DIR: one row per scenario report found in DIR's
	/// subfolders (their `summary.csv`), router against the best single
	/// mechanism.
	Index {
		/// The folder holding one folder per scenario.
		dir: PathBuf,
	},
}

fn main() -> anyhow::Result<()> {
	let (scenario, mechanisms, blocks, seed, out, jobs) = match Cli::parse().command {
		Command::Run { scenario, mechanisms, blocks, seed, out, jobs } => {
			(scenario, mechanisms, blocks, seed, out, jobs)
		}
		Command::Index { dir } => return report::write_index(&dir),
	};
	let path = scenario;
	let scenario = Scenario::load(&path)?;
	let choices: Vec<Choice> = if mechanisms == "all" {
		Choice::ALL.to_vec()
	} else {
		mechanisms
			.split(',')
			.map(|name| {
				Choice::parse(name.trim()).with_context(|| {
					format!("unknown mechanism {name:?}: election, sealed-bid, dutch, book, race, router or all")
				})
			})
			.collect::<anyhow::Result<_>>()?
	};
	if choices.is_empty() {
		bail!("no mechanism to run");
	}
	let blocks = blocks.unwrap_or(scenario.blocks);
	std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
	let jobs =
		jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
	eprintln!(
		"[prova-sim] {}: {} run(s) of {blocks} blocks, seed {seed}, {jobs} at a time",
		scenario.name,
		choices.len()
	);
	let started = Instant::now();
	let queue = Arc::new(Mutex::new(choices.iter().copied().enumerate().collect::<Vec<_>>()));
	let results: Arc<Mutex<Vec<(usize, RunRecord)>>> = Arc::default();
	std::thread::scope(|scope| {
		for _ in 0..jobs.min(choices.len()) {
			let (queue, results, scenario) = (queue.clone(), results.clone(), scenario.clone());
			scope.spawn(move || loop {
				let Some((index, choice)) = queue.lock().expect("queue").pop() else { break };
				let name = choice.name();
				let run =
					Engine::new(scenario.clone(), choice, seed).run(blocks, |done, requests| {
						eprintln!(
						"[prova-sim] {}/{name}: block {done}/{blocks}, {requests} requests, {:.0} s",
						scenario.name,
						started.elapsed().as_secs_f64()
					);
					});
				eprintln!(
					"[prova-sim] {}/{name}: done, {} requests in {:.1} s",
					scenario.name,
					run.requests.len(),
					run.wall_seconds
				);
				results.lock().expect("results").push((index, run));
			});
		}
	});
	let mut runs = std::mem::take(&mut *results.lock().expect("results"));
	runs.sort_by_key(|(index, _)| *index);
	let mut summaries = Vec::new();
	for (_, run) in &runs {
		report::write_run_csv(run, &out)?;
		summaries.push(Summary::of(run));
	}
	let command = format!(
		"prova-sim run --scenario {} --mechanisms {mechanisms} --blocks {blocks} --seed {seed} --out {}",
		path.display(),
		out.display()
	);
	report::write_report(&scenario, &summaries, &command, &out)?;
	eprintln!(
		"[prova-sim] wrote {} in {:.1} s",
		out.join("report.md").display(),
		started.elapsed().as_secs_f64()
	);
	Ok(())
}
