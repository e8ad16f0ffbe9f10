//! Regression tests on the market's economics: short runs of the shipped
//! scenarios on the real pallets, with bounds on the figures the report
//! publishes. Each bound is one the full runs in `docs/market-evaluation/`
//! meet with room to spare.

use pallet_proof_market::MechanismKind;
use prova_sim::{
	engine::{Choice, Engine},
	metrics::Summary,
	records::RunRecord,
	report,
	scenario::Scenario,
};
use std::path::PathBuf;

fn scenario(name: &str) -> Scenario {
	let path =
		PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(format!("{name}.toml"));
	Scenario::load(&path).expect("the shipped scenario loads")
}

fn run(name: &str, choice: Choice, blocks: u64, seed: u64) -> RunRecord {
	Engine::new(scenario(name), choice, seed).run(blocks, |_, _| {})
}

/// Runs `choices` of a scenario on two threads, as `prova-sim run` does.
fn runs(name: &str, choices: &[Choice], blocks: u64) -> Vec<Summary> {
	let mut summaries: Vec<(usize, Summary)> = std::thread::scope(|scope| {
		let handles: Vec<_> = choices
			.chunks(choices.len().div_ceil(2))
			.enumerate()
			.map(|(half, chunk)| {
				scope.spawn(move || {
					chunk
						.iter()
						.enumerate()
						.map(|(k, choice)| {
							let run = run(name, *choice, blocks, 1);
							assert_sound(&run);
							(half * 100 + k, Summary::of(&run))
						})
						.collect::<Vec<_>>()
				})
			})
			.collect();
		handles.into_iter().flat_map(|h| h.join().expect("a run panicked")).collect()
	});
	summaries.sort_by_key(|(k, _)| *k);
	summaries.into_iter().map(|(_, s)| s).collect()
}

/// Money is conserved to the plank and the pallets' invariants hold.
fn assert_sound(run: &RunRecord) {
	assert_eq!(run.issuance_change, 0, "{}/{}: total issuance moved", run.scenario, run.mechanism);
	assert_eq!(run.invariants_broken, None, "{}/{}", run.scenario, run.mechanism);
	assert!(!run.requests.is_empty(), "{}/{}: no requests", run.scenario, run.mechanism);
}

#[test]
fn runs_are_reproducible_from_the_seed() {
	let csv = |seed| {
		let dir = tempfile::tempdir().unwrap();
		let run = run("baseline", Choice::Router, 120, seed);
		report::write_run_csv(&run, dir.path()).unwrap();
		std::fs::read_to_string(dir.path().join("router-requests.csv")).unwrap()
			+ &std::fs::read_to_string(dir.path().join("router-provers.csv")).unwrap()
	};
	let first = csv(7);
	assert_eq!(first, csv(7), "the same seed gave another run");
	assert_ne!(first, csv(8), "another seed gave the same run");
}

#[test]
fn the_router_beats_every_single_mechanism_on_the_baseline() {
	let summaries = runs("baseline", &Choice::ALL, 600);
	let (best, router) = report::thesis(&summaries).expect("all six ran");
	assert!(
		router.total_loss < best.total_loss,
		"routed QoS loss {:.4} is not below {}'s {:.4}",
		router.total_loss,
		best.mechanism,
		best.total_loss
	);
	for s in &summaries {
		// A competitive market serves (almost) everyone; refusals are the
		// chain's deadline index filling up under the batch user's bursts.
		assert!(s.fulfilled + s.refused > 0.99, "{}: {:.3} fulfilled", s.mechanism, s.fulfilled);
		assert!(s.fulfilled > 0.95, "{}: {:.3} fulfilled", s.mechanism, s.fulfilled);
	}
	// Honest provers earn, net of proving costs, fees and forfeits, under
	// the router and the election.
	for name in ["router", "election"] {
		let s = summaries.iter().find(|s| s.mechanism == name).unwrap();
		let total: f64 = s.hardware.iter().map(|class| class.total).sum();
		assert!(total > 0.0, "{name}: honest provers lost {total} PROVA");
	}
	// Competition prices below the election's fixed asks.
	let price = |m: &str| summaries.iter().find(|s| s.mechanism == m).unwrap().price.mean;
	assert!(price("book") < price("election"));
	assert!(price("dutch") < price("election"));
}

#[test]
fn adversaries_never_profit_from_what_they_cause_and_money_is_conserved() {
	let election = Choice::Fixed(MechanismKind::Election);
	let book = Choice::Fixed(MechanismKind::Book);
	// The self-dealing pair pays fees and deposits for every request it sends
	// itself: it ends poorer, whatever the mechanism.
	for s in runs("self-dealing", &[election, book], 400) {
		let attack = &s.attacks[0];
		assert!(attack.profit < 0, "{}: self-dealing made {}", s.mechanism, attack.profit);
	}
	// Holding the market with a silent prover's requests costs the spammer,
	// also once its first requests expired (after the hour's queue wait).
	for s in runs("spammer", &[election], 1_300) {
		assert!(s.attacks[0].profit < 0, "spam was free: {}", s.attacks[0].profit);
	}
	// A Sybil operator's identities share one machine and one stake: they
	// make less than that stake makes honestly.
	for s in runs("sybil", &[election, book], 400) {
		let attack = &s.attacks[0];
		let honest = attack.honest_profit.expect("honest GPU provers exist");
		assert!(
			attack.profit <= honest,
			"{}: sybil {} > honest {honest}",
			s.mechanism,
			attack.profit
		);
	}
	// A cartel of the cheapest provers waits for twice its price in the Dutch
	// auction; truthful rivals lock first.
	for s in runs("cartel", &[Choice::Fixed(MechanismKind::Dutch)], 300) {
		let jobs: u64 =
			s.job_shares.iter().filter(|(name, _)| name.starts_with("gpu")).map(|(_, j)| j).sum();
		let all: u64 = s.job_shares.iter().map(|(_, j)| j).sum();
		assert!((jobs as f64) < 0.05 * all as f64, "the cartel kept {jobs} of {all} jobs");
	}
	// The outage (from block 1,500) and the grinder run sound (checked in
	// `runs`), and the market routes around the outage.
	for s in runs("prover-outage", &[election], 1_700) {
		assert!(s.fulfilled > 0.98, "the outage cost {:.3} of requests", 1.0 - s.fulfilled);
	}
	runs("grinding", &[election], 300);
}
