//! `prova-prover load` end to end, bounded for CI: a dev node and one
//! prover daemon on loopback, twelve requests from three requesters at two a
//! block; the report must show every request settled, its throughput and
//! latencies consistent with the chain, and every requester's balance
//! reconciled to the plank; a bound no request can meet must fail the run.
//! About two minutes on a 2-core machine (most of it the daemon's start and
//! the proofs, two at a time).

mod common;

use common::{account, Network};
use prova_primitives::token::UNIT;
use serde_json::Value;
use std::time::Instant;

/// Bob's ask per work unit: what each 2^12 request pays him.
const ASK: u128 = UNIT / 100;

fn count(report: &Value, field: &str) -> u64 {
	report["per_block"].as_array().unwrap().iter().map(|row| row[field].as_u64().unwrap()).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_load_run_settles_every_request_and_reconciles_every_balance() {
	let started = Instant::now();
	let mut net = Network::start().await;
	net.cli(&["circuits", "register", "--key", "//Alice", "--workload", "poseidon_chain"]);
	// Two work units on chain, two proofs at once in the daemon: the chain
	// offers Bob no more than he takes, so the rest wait in the queue.
	net.register_prover("Bob", "0.01", 2);
	let bob = net.start_daemon("Bob");
	net.wait_until_following(&[bob]).await;

	let args = [
		"load",
		"--requesters",
		"3",
		"--requests",
		"12",
		"--rate",
		"2/block",
		"--deadline",
		"20",
		"--end-within",
		"60",
		"--json",
	];
	let output = net.cli_output(&args);
	let stdout = String::from_utf8_lossy(&output.stdout);
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(output.status.success(), "load failed:\n{stdout}\n{stderr}\n{}", net.logs());
	let report: Value = serde_json::from_str(&stdout).expect("a JSON report");

	// Every request was submitted once and settled; nothing refused.
	assert_eq!(report["outcomes"], serde_json::json!({ "fulfilled": 12 }), "{stdout}");
	assert_eq!(report["pool_rejections"], serde_json::json!({}));
	assert_eq!(report["errors"], serde_json::json!({}));
	assert_eq!(report["never_ended"], serde_json::json!([]));
	let sent = report["sent"].as_array().unwrap();
	let mut ids: Vec<u64> = sent.iter().map(|s| s["request"].as_u64().unwrap()).collect();
	ids.sort();
	ids.dedup();
	assert_eq!(ids.len(), 12);
	for s in sent {
		assert_eq!(s["outcome"], "fulfilled");
		assert_eq!(s["price"].as_u64().map(u128::from), Some(ASK));
	}

	// The per-block table adds up, and the latencies are ordered.
	for field in ["sent", "submitted", "assigned", "settled"] {
		assert_eq!(count(&report, field), 12, "{field}: {stdout}");
	}
	assert_eq!(count(&report, "expired"), 0);
	for stage in ["included", "offered", "assigned", "settled"] {
		let p = &report[stage];
		assert_eq!(p["count"], 12, "{stage}");
		let blocks: Vec<u64> =
			p["blocks"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap()).collect();
		assert!(blocks.windows(2).all(|w| w[0] <= w[1]), "{stage}: {blocks:?}");
		assert!(blocks[0] >= 1 && blocks[3] <= 60, "{stage}: {blocks:?}");
	}
	let settle = report["settled"]["blocks"][0].as_u64().unwrap();
	let include = report["included"]["blocks"][0].as_u64().unwrap();
	assert!(settle > include, "settled after inclusion");
	assert!(report["settled_per_block"].as_f64().unwrap() > 0.0);

	// Balances: each requester paid four prices and its fees, to the plank,
	// and holds nothing; the chain agrees with the report's last block.
	let balances = report["balances"].as_array().unwrap();
	assert_eq!(balances.len(), 3);
	let at = net.chain.best().await.unwrap();
	for row in balances {
		assert_eq!(row["ok"], true, "{row}");
		assert_eq!(row["flows"]["paid"].as_u64().map(u128::from), Some(4 * ASK), "{row}");
		assert!(row["flows"]["fees"].as_u64().unwrap() > 0);
		assert_eq!(row["actual"][1], 0, "nothing held: {row}");
		let who = prova_prover::chain::parse_address(row["requester"].as_str().unwrap()).unwrap();
		let free = net.chain.free_balance_at(&at, &who).await.unwrap();
		assert_eq!(u128::from(row["actual"][0].as_u64().unwrap()), free, "{row}");
	}
	let bob_record = net.chain.prover(&at, &account("Bob")).await.unwrap().unwrap();
	assert_eq!(bob_record.fulfilled, 12);

	// A bound no request can meet fails the run and names the request; the
	// open request's held fee and deposit still reconcile.
	let bounded = ["load", "--seed", "//bounded", "--requests", "1", "--end-within", "1", "--json"];
	let output = net.cli_output(&bounded);
	let stdout = String::from_utf8_lossy(&output.stdout);
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "{stdout}");
	assert!(stderr.contains("did not end within 1 blocks"), "{stderr}");
	let report: Value = serde_json::from_str(&stdout).expect("a JSON report");
	assert_eq!(report["never_ended"].as_array().unwrap().len(), 1, "{stdout}");
	assert_eq!(report["balances"][0]["ok"], true, "{stdout}");
	eprintln!("load test took {} s", started.elapsed().as_secs());
}
