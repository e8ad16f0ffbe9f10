//! End to end on a real dev chain: `prova-node --dev`, two `prova-prover run`
//! daemons with different keys, and requests submitted from the CLI; the
//! fault test runs on the two-validator `local` chain instead, each daemon on
//! its own validator and requests sent through the other. All on
//! loopback; every wait is bounded. The tests take turns: each runs a node
//! and two provers, which is all a 2-core machine has.

mod common;

use common::{account, fulfiller, Network};
use prova_circuits::Workload;
use prova_primitives::token::UNIT;
use prova_prover::chain::address;
use std::{
	sync::Mutex,
	time::{Duration, Instant},
};

static SERIAL: Mutex<()> = Mutex::new(());

/// The ask both provers declare: large against transaction fees (well under
/// 1 PROVA each), so balance checks can tell a payment from a fee.
const ASK: u128 = 100 * UNIT;

/// Registers and lists `workloads` (comma-separated) at `degree`, as Alice.
fn register_circuits(net: &Network, workloads: &str, degree: usize) {
	let degree = degree.to_string();
	net.cli(&[
		"circuits",
		"register",
		"--key",
		"//Alice",
		"--workload",
		workloads,
		"--degree",
		&degree,
	]);
}

/// Registers each of `names` with room for two 2^12-row jobs (2 work units).
fn register_provers(net: &Network, names: &[&str]) {
	register_provers_with_capacity(net, names, 2);
}

/// Registers each of `names` with room for `units` work units at once.
fn register_provers_with_capacity(net: &Network, names: &[&str], units: u32) {
	for name in names {
		net.register_prover(name, "100", units);
	}
}

async fn balance(net: &Network, name: &str) -> u128 {
	net.chain.free_balance(&account(name)).await.unwrap()
}

/// `name`'s prover record at the best block of the test's node, waiting
/// (up to 30 s) for a registration the CLI made through another node to
/// reach it: on the two-validator chain BABE may author competing blocks in
/// one slot, and the other node's best block can lag or be on another fork.
async fn prover_record(net: &Network, name: &str) -> prova_prover::chain::ProverStatus {
	net.wait_for(&format!("{name}'s prover record"), Duration::from_secs(30), || async {
		let at = net.chain.best().await.ok()?;
		net.chain.prover(&at, &account(name)).await.ok().flatten()
	})
	.await
}

fn submit(net: &Network, circuit: &str, seed: u64, deadline: u32) -> u64 {
	submit_via(net, &net.url, circuit, seed, deadline)
}

/// [`submit`] through the node at `url`.
fn submit_via(net: &Network, url: &str, circuit: &str, seed: u64, deadline: u32) -> u64 {
	let out = net.cli_via(
		url,
		&[
			"request",
			"submit",
			"--key",
			"//Dave",
			"--circuit",
			circuit,
			"--input",
			&format!("sample:{seed}"),
			"--deadline",
			&deadline.to_string(),
		],
	);
	out.trim().parse().unwrap_or_else(|_| panic!("request submit printed {out:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_daemons_prove_every_request_submitted_from_the_cli() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let mut net = Network::start().await;
	register_circuits(&net, "poseidon_chain,merkle_root,fibonacci", 12);
	let listed: serde_json::Value =
		serde_json::from_str(&net.cli(&["circuits", "list", "--json"])).unwrap();
	let names: Vec<&str> =
		listed.as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
	assert_eq!(names, ["fibonacci-12", "merkle_root-12", "poseidon_chain-12"]);
	register_provers(&net, &["Bob", "Charlie"]);
	let before: Vec<u128> =
		futures::future::join_all(["Bob", "Charlie", "Dave"].map(|n| balance(&net, n))).await;
	let metrics_port = common::free_port();
	let daemons = [
		net.start_daemon_with("Bob", &["--prometheus-port", &metrics_port.to_string()]),
		net.start_daemon("Charlie"),
	];
	net.wait_until_following(&daemons).await;

	let circuits = ["poseidon_chain-12", "merkle_root-12", "fibonacci-12"];
	let mut submitted = Vec::new();
	for seed in 0..6u64 {
		let circuit = circuits[seed as usize % 3];
		submitted.push((submit(&net, circuit, seed, 40), circuit, seed));
	}

	let mut earned = [0u128; 2];
	let mut count = [0u32; 2];
	for (id, circuit, seed) in &submitted {
		let request = net.settled(*id, Duration::from_secs(240)).await;
		let (prover, price) = fulfiller(&request)
			.unwrap_or_else(|| panic!("request {id}: {request:?}\n{}", net.logs()));
		assert_eq!(price, ASK, "one unit of work at the elected prover's ask");
		let index = if prover == address(&account("Bob")) {
			0
		} else {
			assert_eq!(prover, address(&account("Charlie")), "fulfilled by an elected prover");
			1
		};
		earned[index] += price;
		count[index] += 1;
		assert!(request.failed.is_empty(), "no attempt failed: {request:?}");
		// The output on chain is the computation's, for the input sent.
		let descriptor = net
			.chain
			.listing(&net.chain.best().await.unwrap(), request.circuit)
			.await
			.unwrap()
			.unwrap()
			.descriptor;
		let workload = Workload::from_descriptor(&descriptor).unwrap();
		assert!(descriptor.starts_with(circuit.split('-').next().unwrap()));
		let expected = workload.native_output(&workload.sample_input(*seed)).unwrap();
		let prova_prover::chain::Status::Fulfilled { output, .. } = &request.status else {
			unreachable!()
		};
		assert_eq!(output, &expected, "request {id}");
	}

	// `request wait` shows the same result.
	let waited: serde_json::Value =
		serde_json::from_str(&net.cli(&["request", "wait", &submitted[0].0.to_string(), "--json"]))
			.unwrap();
	assert_eq!(waited["status"], "fulfilled");
	assert_eq!(waited["price"].as_u64().map(u128::from), Some(ASK));

	// Reputations and balances: each prover was paid for what it proved,
	// the requester paid exactly the prices plus its transaction fees.
	for (index, name) in ["Bob", "Charlie"].iter().enumerate() {
		let record = prover_record(&net, name).await;
		assert_eq!(
			(record.assigned, record.fulfilled, record.missed, record.invalid),
			(count[index], count[index], 0, 0),
			"{name}"
		);
		let gained = balance(&net, name).await as i128 - before[index] as i128;
		let fees = earned[index] as i128 - gained;
		assert!(
			(0..count[index] as i128 * UNIT as i128).contains(&fees),
			"{name} gained {gained} for {} earned",
			earned[index]
		);
	}
	let spent = before[2] - balance(&net, "Dave").await;
	let fees = spent - earned.iter().sum::<u128>();
	assert!(fees < 6 * UNIT, "Dave paid {spent}: prices {} plus fees", earned.iter().sum::<u128>());
	assert!(count.iter().all(|c| *c > 0) || count.iter().sum::<u32>() == 6);

	// Bob's daemon counted what it did.
	let text = common::metrics(metrics_port);
	assert_eq!(
		common::sample(&text, "prova_prover_jobs_assigned_total"),
		Some(count[0] as f64),
		"{text}"
	);
	assert_eq!(
		common::sample(&text, "prova_prover_proofs_submitted_total"),
		Some(count[0] as f64),
		"{text}"
	);
	assert_eq!(common::sample(&text, "prova_prover_missed_deadlines_total"), Some(0.0), "{text}");

	// The daemon's own view: `status` sums earnings from its journal.
	let status: serde_json::Value = serde_json::from_str(&net.cli(&[
		"status",
		"--key",
		"//Bob",
		"--json",
		"--data-dir",
		net.dir.path().join("daemon-Bob").to_str().unwrap(),
	]))
	.unwrap();
	assert_eq!(status["fulfilled"].as_u64(), Some(count[0] as u64));
}

/// The GPU backend (on lavapipe, Mesa's Vulkan CPU driver, where there is no
/// GPU) proves every workload, and the runtime accepts its proofs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gpu_daemon_proves_every_workload_and_the_chain_accepts_the_proofs() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let mut net = Network::start().await;
	register_circuits(&net, "poseidon_chain,merkle_root,fibonacci", 12);
	register_provers(&net, &["Bob"]);
	let daemon = net.start_daemon_with("Bob", &["--backend", "gpu"]);
	net.wait_until_following(&[daemon]).await;
	let circuits = ["poseidon_chain-12", "merkle_root-12", "fibonacci-12"];
	let ids: Vec<u64> =
		circuits.iter().enumerate().map(|(seed, c)| submit(&net, c, seed as u64, 40)).collect();
	for id in ids {
		let request = net.settled(id, Duration::from_secs(240)).await;
		let (prover, _) = fulfiller(&request)
			.unwrap_or_else(|| panic!("request {id}: {request:?}\n{}", net.logs()));
		assert_eq!(prover, address(&account("Bob")));
		assert!(request.failed.is_empty(), "no attempt failed: {request:?}");
	}
	let log = net.daemon_log(daemon);
	assert!(log.contains("GPU opened"), "the daemon proved on the GPU backend:\n{log}");
	assert!(!log.contains("committing on the CPU"), "no batch fell back to the CPU:\n{log}");
	let record = prover_record(&net, "Bob").await;
	assert_eq!((record.fulfilled, record.invalid, record.missed), (3, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daemon_killed_mid_proof_forfeits_its_collateral_and_does_not_resubmit_after_restart() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	// Two validators (the `local` chain): each daemon follows its own node,
	// and requests go in through the other one.
	let mut net = Network::start_local().await;
	let bob_node = net.peers[0].1.clone();
	// 2^14 rows: long enough to be killed in the middle of.
	register_circuits(&net, "poseidon_chain", 14);
	// One 2^14-row job is 4 work units.
	register_provers_with_capacity(&net, &["Bob", "Charlie"], 4);
	let daemons = [net.start_daemon("Bob"), net.start_daemon_via("Charlie", &bob_node, &[])];
	net.wait_until_following(&daemons).await;
	let bonds = [
		prover_record(&net, "Bob").await.self_bond,
		prover_record(&net, "Charlie").await.self_bond,
	];

	// 24 blocks (72 s): a daemon declines a job it would not prove in time
	// by its own measurement, and two daemons calibrating at once on two
	// busy cores measured 27 s a proof (13 blocks with the margin).
	let id = submit_via(&net, &bob_node, "poseidon_chain-14", 1, 24);
	let marker = format!("job={id}#1");
	let started = Instant::now();
	let victim = loop {
		if let Some(index) = daemons.into_iter().find(|i| {
			net.daemon_log(*i).lines().any(|l| l.contains("proving") && l.contains(&marker))
		}) {
			net.daemon(index).kill();
			break index;
		}
		assert!(
			started.elapsed() < Duration::from_secs(60),
			"nobody started proving {id}\n{}",
			net.logs()
		);
		tokio::time::sleep(Duration::from_millis(50)).await;
	};
	let names = ["Bob", "Charlie"];
	let (victim_name, survivor_name) = (names[victim], names[1 - victim]);
	assert!(
		!net.daemon_log(victim).contains("proof submitted"),
		"killed before submitting\n{}",
		net.logs()
	);

	// The deadline passes; the victim forfeits its collateral; the survivor
	// gets the job.
	let request = net.settled(id, Duration::from_secs(300)).await;
	let (prover, price) =
		fulfiller(&request).unwrap_or_else(|| panic!("{request:?}\n{}", net.logs()));
	assert_eq!(prover, address(&account(survivor_name)));
	assert_eq!(request.failed, vec![account(victim_name)]);
	// The requester got at most the price back out of the collateral.
	assert!(request.compensated > 0 && request.compensated <= price, "{request:?}");
	let record = prover_record(&net, victim_name).await;
	assert_eq!((record.missed, record.fulfilled), (1, 0));
	// A miss costs the job's collateral, not the bond.
	assert_eq!(record.self_bond, bonds[victim]);

	// Restarted with its journal, the victim does not submit the lost job.
	let nonce = net.chain.next_nonce(&account(victim_name)).await.unwrap();
	let restarted = if victim == 0 {
		net.start_daemon(victim_name)
	} else {
		net.start_daemon_via(victim_name, &bob_node, &[])
	};
	let best = net.chain.best_head().await.unwrap().number;
	net.wait_for("the restarted daemon to catch up", Network::DAEMON_READY, || {
		let caught_up = net.daemon_log(restarted).contains("following blocks");
		let chain = net.chain.clone();
		async move {
			let now = chain.best_head().await.ok()?.number;
			(caught_up && now >= best + 4).then_some(())
		}
	})
	.await;
	assert_eq!(
		net.chain.next_nonce(&account(victim_name)).await.unwrap(),
		nonce,
		"no transaction from the restarted daemon"
	);
	assert!(!net.daemon_log(restarted).contains("proof submitted"));

	// And both keep taking new work.
	let more: Vec<u64> =
		(2..4).map(|seed| submit_via(&net, &bob_node, "poseidon_chain-14", seed, 40)).collect();
	for id in more {
		let request = net.settled(id, Duration::from_secs(240)).await;
		assert!(fulfiller(&request).is_some(), "{request:?}\n{}", net.logs());
	}
}

fn fails_with(net: &Network, args: &[&str], expected: &str) {
	let output = net.cli_output(args);
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "{args:?} succeeded");
	assert!(stderr.contains(expected), "{args:?}: expected `{expected}` in:\n{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_explains_what_went_wrong() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	// An unreachable node, for the CLI and for the daemon (which retries, then gives up).
	let closed = format!("ws://127.0.0.1:{}", common::free_port());
	let output = std::process::Command::new(env!("CARGO_BIN_EXE_prova-prover"))
		.args(["--url", &closed, "circuits", "list"])
		.output()
		.unwrap();
	assert!(String::from_utf8_lossy(&output.stderr)
		.contains(&format!("cannot reach the node at {closed}")));
	let output = std::process::Command::new(env!("CARGO_BIN_EXE_prova-prover"))
		.args(["--url", &closed, "run", "--key", "//Bob", "--max-reconnects", "1", "--data-dir"])
		.arg(tempfile::tempdir().unwrap().path())
		.output()
		.unwrap();
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success());
	assert!(
		stderr.contains("lost the node; reconnecting") && stderr.contains("cannot reach the node"),
		"{stderr}"
	);

	let net = Network::start().await;
	fails_with(
		&net,
		&["request", "submit", "--key", "//Dave", "--circuit", "fibonacci-12", "--input", "1"],
		"no circuits are listed",
	);
	register_circuits(&net, "fibonacci", 12);
	fails_with(
		&net,
		&["request", "submit", "--key", "//Dave", "--circuit", "sha256-12", "--input", "1"],
		"unknown circuit `sha256-12`; listed: fibonacci-12",
	);
	fails_with(
		&net,
		&["request", "submit", "--key", "//Dave", "--circuit", "fibonacci-12", "--input", "1,2,3"],
		"malformed input",
	);
	fails_with(
		&net,
		&[
			"request",
			"submit",
			"--key",
			"//Dave",
			"--circuit",
			"fibonacci-12",
			"--input",
			"18446744073709551615,1",
		],
		"malformed input",
	);
	fails_with(
		&net,
		&["request", "submit", "--key", "not a key", "--circuit", "fibonacci-12", "--input", "1,1"],
		"bad key",
	);
	fails_with(
		&net,
		&["request", "submit", "--circuit", "fibonacci-12", "--input", "1,1"],
		"no key given",
	);
	// No prover yet: the fee cannot default to a quote.
	fails_with(
		&net,
		&["request", "submit", "--key", "//Dave", "--circuit", "fibonacci-12", "--input", "1,1"],
		"no registered prover",
	);
	// With a fee given, the chain itself refuses what no prover could serve.
	fails_with(
		&net,
		&[
			"request",
			"submit",
			"--key",
			"//Dave",
			"--circuit",
			"fibonacci-12",
			"--input",
			"1,1",
			"--max-fee",
			"1",
		],
		"Market::NoQualifiedProver",
	);
	// An account with nothing cannot pay for the transaction.
	fails_with(
		&net,
		&[
			"request",
			"submit",
			"--key",
			"//Nobody",
			"--circuit",
			"fibonacci-12",
			"--input",
			"1,1",
			"--max-fee",
			"1",
		],
		"insufficient balance",
	);
	// A pallet error comes back with its name and documentation.
	fails_with(
		&net,
		&["register", "--key", "//Ferdie", "--bond", "1"],
		"Provers::BondBelowMinimum",
	);
	fails_with(&net, &["request", "get", "999"], "unknown request 999");
}

/// The checked-in metadata, which the client's calls and types are generated
/// from, must describe the runtime this checkout builds (the node embeds it).
/// When this fails, run `scripts/update-metadata.sh` and rebuild.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checked_in_metadata_matches_the_built_runtime() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	// `Chain::connect` itself refuses a node whose runtime the client was not
	// generated for; this says so explicitly.
	let net = Network::start().await;
	let at = net.chain.finalized().await.unwrap();
	assert!(
		prova_prover::chain::prova::is_codegen_valid_for(at.metadata_ref()),
		"metadata/prova.scale is out of date with the runtime: run scripts/update-metadata.sh"
	);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_commands_change_the_prover_record() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let net = Network::start().await;
	let status = |net: &Network| -> serde_json::Value {
		serde_json::from_str(&net.cli(&["status", "--key", "//Eve", "--json"])).unwrap()
	};
	net.cli(&[
		"register",
		"--key",
		"//Eve",
		"--bond",
		"1000",
		"--ask",
		"0.5",
		"--capacity",
		"1",
		"--commission",
		"5",
		"--cpu-cores",
		"8",
		"--memory-gib",
		"32",
		"--gpu",
		"consumer",
	]);
	let record = status(&net);
	assert_eq!(record["self_bond"].as_u64().map(u128::from), Some(1000 * UNIT));
	assert_eq!(record["ask"].as_u64().map(u128::from), Some(UNIT / 2));
	assert_eq!(record["commission_ppb"], 50_000_000);
	assert_eq!(record["hardware"], "8 cores, 32 GiB, GPU Consumer");
	assert_eq!(record["state"], "active");

	net.cli(&["bond", "--key", "//Eve", "250"]);
	net.cli(&["unbond", "--key", "//Eve", "100"]);
	let record = status(&net);
	assert_eq!(record["self_bond"].as_u64().map(u128::from), Some(1150 * UNIT));
	assert_eq!(record["unbonding"][0][0].as_u64().map(u128::from), Some(100 * UNIT));
	// Nothing can be withdrawn before the unbonding period ends.
	fails_with(&net, &["withdraw", "--key", "//Eve"], "Provers::");

	// `update` changes only what it is given.
	net.cli(&["update", "--key", "//Eve", "--capacity", "3", "--ask", "0.25"]);
	let record = status(&net);
	assert_eq!(
		(record["capacity"].as_u64(), record["ask"].as_u64().map(u128::from)),
		(Some(3), Some(UNIT / 4))
	);
	assert_eq!(record["commission_ppb"], 50_000_000);
	assert_eq!(record["hardware"], "8 cores, 32 GiB, GPU Consumer");

	// `serve` declares services, which `status` shows; none serves everything.
	let id = format!("0x{}", "ab".repeat(32));
	net.cli(&["serve", "--key", "//Eve", "poseidon_chain:16@0.008/500", &format!("{id}@0.002")]);
	let services = status(&net)["services"].clone();
	assert_eq!(
		services,
		serde_json::json!([
			["poseidon_chain:16", UNIT as u64 * 8 / 1000, 500],
			[id, UNIT as u64 * 2 / 1000, 0]
		])
	);
	fails_with(
		&net,
		&["serve", "--key", "//Eve", "any:20@0.01", "any:20@0.02"],
		"DuplicateService",
	);
	net.cli(&["serve", "--key", "//Eve"]);
	assert_eq!(status(&net)["services"], serde_json::json!([]));

	net.cli(&["chill", "--key", "//Eve"]);
	assert_eq!(status(&net)["state"], "chilled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daemon_reconnects_when_its_node_restarts() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let mut net = Network::start().await;
	register_circuits(&net, "fibonacci", 12);
	register_provers(&net, &["Bob"]);
	let bob = net.start_daemon("Bob");
	net.wait_until_following(&[bob]).await;
	let first = submit(&net, "fibonacci-12", 1, 40);
	assert!(fulfiller(&net.settled(first, Duration::from_secs(120)).await).is_some());

	net.restart_node().await;
	net.wait_for("the daemon to reconnect", Duration::from_secs(90), || {
		let log = net.daemon_log(bob);
		async move { (log.matches("following blocks").count() >= 2).then_some(()) }
	})
	.await;
	assert!(net.daemon_log(bob).contains("lost the node; reconnecting"));
	let second = submit(&net, "fibonacci-12", 2, 40);
	let request = net.settled(second, Duration::from_secs(120)).await;
	assert_eq!(fulfiller(&request).map(|(prover, _)| prover), Some(address(&account("Bob"))));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daemon_on_a_hot_key_proves_for_the_cold_prover_account() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let mut net = Network::start().await;
	register_circuits(&net, "fibonacci", 12);
	register_provers(&net, &["Bob"]);
	let (bob, ferdie) = (address(&account("Bob")), address(&account("Ferdie")));
	// Not Bob's proxy yet: the daemon refuses to start and says what to do.
	fails_with(
		&net,
		&["run", "--key", "//Ferdie", "--prover", &bob],
		"is not a ProverOperations proxy",
	);
	net.cli(&["keys", "add-proxy", "--key", "//Bob", &ferdie]);
	let listed: serde_json::Value =
		serde_json::from_str(&net.cli(&["keys", "list", &bob, "--json"])).unwrap();
	assert_eq!(
		listed,
		serde_json::json!([{ "delegate": ferdie, "kind": "ProverOperations", "delay": 0 }])
	);
	let hot = net.start_daemon_with("Ferdie", &["--prover", &bob]);
	net.wait_until_following(&[hot]).await;
	let (bob_before, ferdie_before) = (balance(&net, "Bob").await, balance(&net, "Ferdie").await);
	let id = submit(&net, "fibonacci-12", 1, 40);
	let request = net.settled(id, Duration::from_secs(120)).await;
	// The job was Bob's: elected, locked and proved for him.
	let (prover, _) = fulfiller(&request).expect("fulfilled");
	assert_eq!(prover, bob);
	// Bob's key signed nothing: the transaction fees of the lock and the
	// proof were the hot key's, and Bob only gained.
	assert!(balance(&net, "Ferdie").await < ferdie_before);
	assert!(balance(&net, "Bob").await >= bob_before);
	// Revoked, the hot key can no longer start a daemon for Bob.
	net.cli(&["keys", "remove-proxy", "--key", "//Bob", &ferdie]);
	fails_with(
		&net,
		&["run", "--key", "//Ferdie", "--prover", &bob],
		"is not a ProverOperations proxy",
	);
}

/// Submits a request for fibonacci-12 from Dave under `mechanism`, paying at
/// most `max_fee` PROVA; returns its id.
fn submit_with_terms(net: &Network, seed: u64, mechanism: &str, max_fee: &str) -> u64 {
	let out = net.cli(&[
		"request",
		"submit",
		"--key",
		"//Dave",
		"--circuit",
		"fibonacci-12",
		"--input",
		&format!("sample:{seed}"),
		"--deadline",
		"40",
		"--mechanism",
		mechanism,
		"--max-fee",
		max_fee,
	]);
	out.trim().parse().unwrap_or_else(|_| panic!("request submit printed {out:?}"))
}

/// The terms of request `id` as `request get --json` shows them.
fn terms_of(net: &Network, id: u64) -> serde_json::Value {
	let shown: serde_json::Value =
		serde_json::from_str(&net.cli(&["request", "get", &id.to_string(), "--json"])).unwrap();
	shown["terms"]["mechanism"].clone()
}

/// Waits for request `id` to be fulfilled; its prover's address and price.
async fn settled_by(net: &Network, id: u64) -> (String, u128) {
	let request = net.settled(id, Duration::from_secs(120)).await;
	fulfiller(&request).unwrap_or_else(|| panic!("request {id}: {request:?}\n{}", net.logs()))
}

/// Submits a request for fibonacci-12 from Dave stating preferences `qos`.
fn submit_with_qos(net: &Network, seed: u64, qos: &str, max_fee: &str) -> u64 {
	let out = net.cli(&[
		"request",
		"submit",
		"--key",
		"//Dave",
		"--circuit",
		"fibonacci-12",
		"--input",
		&format!("sample:{seed}"),
		"--deadline",
		"40",
		"--qos",
		qos,
		"--max-fee",
		max_fee,
	]);
	out.trim().parse().unwrap_or_else(|_| panic!("request submit printed {out:?}"))
}

/// Three daemons of different costs (Bob asks 100, Eve 120, Charlie 150 per
/// work unit) serve one request through each mechanism, each ending at the
/// price the mechanism says; then the router sends a speed-first and a
/// cost-first request to different mechanisms.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_daemons_serve_every_mechanism_at_the_price_it_says() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let mut net = Network::start().await;
	register_circuits(&net, "fibonacci", 12);
	for (name, ask) in [("Bob", "100"), ("Eve", "120"), ("Charlie", "150")] {
		let key = format!("//{name}");
		net.cli(&["register", "--key", &key, "--bond", "5000", "--ask", ask, "--capacity", "2"]);
	}
	let metrics_port = common::free_port();
	let daemons = [
		net.start_daemon_with("Bob", &["--prometheus-port", &metrics_port.to_string()]),
		net.start_daemon("Eve"),
		net.start_daemon("Charlie"),
	];
	net.wait_until_following(&daemons).await;

	// Sealed bids: Bob bids lowest and is paid the second-lowest, Eve's. Four
	// blocks of bidding leave each daemon room to commit on a loaded machine.
	let id = submit_with_terms(&net, 1, "auction:4:3", "200");
	assert_eq!(
		terms_of(&net, id),
		serde_json::json!({"kind": "sealed_bid", "bid_blocks": 4, "reveal_blocks": 3, "fallback": "election"})
	);
	let (prover, price) = settled_by(&net, id).await;
	assert_eq!(prover, address(&account("Bob")), "the lowest bid wins\n{}", net.logs());
	assert_eq!(price, 120 * UNIT, "paid the second price, Eve's bid\n{}", net.logs());
	for index in daemons {
		let log = net.daemon_log(index);
		assert!(log.contains("committing a sealed bid at our ask"), "{log}");
		assert!(log.contains("revealing our sealed bid"), "{log}");
	}
	let text = common::metrics(metrics_port);
	assert_eq!(common::sample(&text, "prova_prover_bids_committed_total"), Some(1.0), "{text}");
	assert_eq!(common::sample(&text, "prova_prover_bids_revealed_total"), Some(1.0), "{text}");

	// Dutch: rising by 5 a block from 50 to 200, it reaches Bob's cost
	// (100) four blocks before Eve's (120): room for a daemon on a loaded
	// machine to lock a block or three late and still be first, below 120.
	let id = submit_with_terms(&net, 2, "dutch:50:30", "200");
	let (prover, price) = settled_by(&net, id).await;
	assert_eq!(prover, address(&account("Bob")), "{}", net.logs());
	assert!((100 * UNIT..120 * UNIT).contains(&price), "paid at least the cost: {price}");
	let text = common::metrics(metrics_port);
	assert_eq!(common::sample(&text, "prova_prover_dutch_locks_total"), Some(1.0), "{text}");

	// The book: Charlie's standing ask is the only one, so a book request
	// locks with it at once, at its price.
	net.cli(&["ask", "post", "--key", "//Charlie", "any:20@130", "--units", "10"]);
	let id = submit_with_terms(&net, 3, "book:expire", "200");
	let (prover, price) = settled_by(&net, id).await;
	assert_eq!((prover, price), (address(&account("Charlie")), 130 * UNIT), "{}", net.logs());

	// An open race of two, 400 at most: each valid proof earns up to 200,
	// less 20% per block behind the first.
	let id = submit_with_terms(&net, 4, "race:2:open", "400");
	let (_, price) = settled_by(&net, id).await;
	assert!((200 * UNIT..=400 * UNIT).contains(&price), "the race paid {price}\n{}", net.logs());
	let racers = daemons
		.iter()
		.filter(|index| net.daemon_log(**index).contains("committing to our race proof"))
		.count();
	assert_eq!(racers, 2, "two racers proved\n{}", net.logs());

	// The router: with Charlie's ask standing, a speed-first request takes
	// the book; a cost-first one a sealed-bid auction.
	let fast = submit_with_qos(&net, 5, "speed=10,cost=3,safety=1,cr=1", "200");
	let cheap = submit_with_qos(&net, 6, "speed=2,cost=10,safety=3,cr=1", "200");
	assert_eq!(terms_of(&net, fast)["kind"], "book", "{}", net.logs());
	assert_eq!(terms_of(&net, cheap)["kind"], "sealed_bid", "{}", net.logs());
	let (prover, price) = settled_by(&net, fast).await;
	assert_eq!((prover, price), (address(&account("Charlie")), 130 * UNIT));
	let (_, price) = settled_by(&net, cheap).await;
	assert!(price <= 150 * UNIT, "an auction pays at most the second-highest cost: {price}");
}
