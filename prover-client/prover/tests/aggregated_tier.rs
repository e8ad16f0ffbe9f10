//! The aggregated settlement tier end to end on a dev chain: two prover
//! daemons claim and deliver their proofs, a third daemon run with
//! `--aggregate` proves batches of them recursively and settles each batch
//! with one `settle_batch`; and the fallback when that aggregator dies. All
//! on loopback, every wait bounded. The tests take turns (a node, three
//! daemons and recursive proving are all a 2-core machine has).

mod common;

use common::{account, fulfiller, Network};
use prova_primitives::token::UNIT;
use prova_prover::chain::{address, prova, Status};
use std::{collections::BTreeMap, sync::Mutex, time::Duration};
use subxt::utils::AccountId32;

static SERIAL: Mutex<()> = Mutex::new(());

/// The provers' ask per work unit: one 2^12 request pays this.
const ASK: u128 = 100 * UNIT;

/// What a request may pay at most: the ask, the aggregation fee and room.
const MAX_FEE: &str = "150";

/// The runtime's `AggregationFee` and `FallbackCharge` (0.005 PROVA each).
const AGGREGATION_FEE: u128 = UNIT / 200;
const FALLBACK_CHARGE: u128 = UNIT / 200;

/// The runtime's `AggregatorBond`, held from Eve when her daemon registers.
const AGGREGATOR_BOND: u128 = 100 * UNIT;

/// Provers Bob and Charlie at [`ASK`]; Eve, the aggregator, registered as a
/// prover (aggregators must be) at an ask no request here can pay, so that
/// she is never elected and only aggregates. The circuit is listed and the
/// aggregated tier enabled by Alice, the dev chain's sudo key.
fn set_up(net: &Network) {
	net.cli(&["circuits", "register", "--key", "//Alice", "--workload", "poseidon_chain"]);
	net.cli(&["circuits", "enable-aggregation", "--key", "//Alice"]);
	for (name, ask) in [("Bob", "100"), ("Charlie", "100"), ("Eve", "1000")] {
		net.register_prover(name, ask, 2);
	}
}

/// Starts Eve's daemon as the aggregator and waits until it takes proofs.
async fn start_aggregator(net: &mut Network, batch_size: usize) -> usize {
	let listen = format!("127.0.0.1:{}", common::free_port());
	let batch = batch_size.to_string();
	let eve = net.start_daemon_with(
		"Eve",
		&["--aggregate", "--aggregate-listen", &listen, "--batch-size", &batch],
	);
	net.wait_for("the aggregator to take proofs", Network::DAEMON_READY, || {
		let ready = net.daemon_log(eve).contains("taking claimed proofs");
		async move { ready.then_some(()) }
	})
	.await;
	eve
}

/// Submits an aggregated request for poseidon_chain-12 from `requester`.
fn submit(net: &Network, requester: &str, seed: u64) -> u64 {
	let out = net.cli(&[
		"request",
		"submit",
		"--key",
		&format!("//{requester}"),
		"--circuit",
		"poseidon_chain-12",
		"--input",
		&format!("sample:{seed}"),
		"--deadline",
		"40",
		"--max-fee",
		MAX_FEE,
		"--aggregated",
	]);
	out.trim().parse().unwrap_or_else(|_| panic!("request submit printed {out:?}"))
}

/// The best block's number and the free balances of `names` in it.
async fn balances(net: &Network, names: &[&str]) -> (u32, Vec<u128>) {
	let head = net.chain.best_head().await.unwrap();
	let at = net.chain.at(head).await.unwrap();
	let mut free = Vec::new();
	for name in names {
		free.push(net.chain.free_balance_at(&at, &account(name)).await.unwrap());
	}
	(head.number, free)
}

/// What the chain's events say in blocks `from..=to`: each batch settled
/// (aggregator, requests, fees) and the transaction fees each account paid.
struct Ledger {
	batches: Vec<(AccountId32, Vec<u64>, u128)>,
	fees: BTreeMap<AccountId32, u128>,
}

async fn ledger(net: &Network, from: u32, to: u32) -> Ledger {
	let mut ledger = Ledger { batches: Vec::new(), fees: BTreeMap::new() };
	for number in from..=to {
		let at = net.chain.api().at_block(number as u64).await.unwrap();
		let events = at.events().fetch().await.unwrap();
		for batch in events.find::<prova::market::events::BatchSettled>() {
			let batch = batch.unwrap();
			ledger.batches.push((batch.aggregator, batch.requests, batch.fees));
		}
		for paid in events.find::<prova::transaction_payment::events::TransactionFeePaid>() {
			let paid = paid.unwrap();
			*ledger.fees.entry(paid.who).or_default() += paid.actual_fee;
		}
	}
	ledger
}

/// Requests of the batch test: `PROVA_AGGREGATED_REQUESTS`, default 6. On
/// a 2-core machine one recursive proof takes about 3.5 s, so a batch of
/// `n` needs about `7n` s of the claims' 120 s window: 64 in one batch
/// needs a machine about 4 times faster (run it there with 64).
fn batch_requests() -> u64 {
	std::env::var("PROVA_AGGREGATED_REQUESTS").ok().and_then(|n| n.parse().ok()).unwrap_or(6)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aggregated_requests_of_two_requesters_are_settled_by_the_aggregators_batches() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let mut net = Network::start().await;
	set_up(&net);
	let names = ["Bob", "Charlie", "Dave", "Ferdie", "Eve"];
	let (start, before) = balances(&net, &names).await;
	let provers = [net.start_daemon("Bob"), net.start_daemon("Charlie")];
	net.wait_until_following(&provers).await;
	let count = batch_requests();
	let eve = start_aggregator(&mut net, count as usize).await;

	let mut requests = Vec::new();
	for seed in 0..count {
		let requester = if seed % 2 == 0 { "Dave" } else { "Ferdie" };
		requests.push((submit(&net, requester, seed), requester));
	}
	let mut earned: BTreeMap<String, u128> = BTreeMap::new();
	for (id, _) in &requests {
		let request = net.settled(*id, Duration::from_secs(600)).await;
		let (prover, price) = fulfiller(&request)
			.unwrap_or_else(|| panic!("request {id}: {request:?}\n{}", net.logs()));
		assert_eq!(price, ASK, "paid in full, no fallback charge:\n{}", net.daemon_log(eve));
		assert!(
			[address(&account("Bob")), address(&account("Charlie"))].contains(&prover),
			"{prover}"
		);
		*earned.entry(prover).or_default() += price;
	}

	// Every request was settled by one of Eve's batches, none twice, with
	// the aggregation fee of each.
	let (end, after) = balances(&net, &names).await;
	let ledger = ledger(&net, start + 1, end).await;
	assert!(!ledger.batches.is_empty(), "{}", net.daemon_log(eve));
	let mut batched: Vec<u64> = Vec::new();
	let mut fees = 0;
	for (aggregator, ids, batch_fees) in &ledger.batches {
		assert_eq!(aggregator, &account("Eve"));
		assert_eq!(*batch_fees, AGGREGATION_FEE * ids.len() as u128);
		batched.extend(ids);
		fees += batch_fees;
	}
	batched.sort();
	let mut ids: Vec<u64> = requests.iter().map(|(id, _)| *id).collect();
	ids.sort();
	assert_eq!(batched, ids, "each request in exactly one batch");

	// Balances, to the plank: provers earned their prices, requesters paid
	// price and aggregation fee, Eve earned the fees and holds her bond;
	// each less its transaction fees (claims cost the provers nothing).
	let fee_of = |name: &str| ledger.fees.get(&account(name)).copied().unwrap_or(0);
	for (index, name) in names.iter().enumerate() {
		let change = after[index] as i128 - before[index] as i128;
		let expected = match *name {
			"Bob" | "Charlie" => earned.get(&address(&account(name))).copied().unwrap_or(0) as i128,
			"Eve" => fees as i128 - AGGREGATOR_BOND as i128,
			requester => {
				let count = requests.iter().filter(|(_, r)| *r == requester).count() as i128;
				-count * (ASK + AGGREGATION_FEE) as i128
			}
		};
		assert_eq!(change, expected - fee_of(name) as i128, "{name}");
	}
	let log = net.daemon_log(eve);
	assert!(log.contains("batch settled"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_an_aggregator_took_and_never_settled_fall_back_to_their_provers() {
	let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
	let mut net = Network::start().await;
	set_up(&net);
	let provers = [net.start_daemon("Bob"), net.start_daemon("Charlie")];
	net.wait_until_following(&provers).await;
	// A batch size it never reaches: it holds the proofs until close to
	// their due block, and dies before.
	let eve = start_aggregator(&mut net, 64).await;
	let ids = [submit(&net, "Dave", 0), submit(&net, "Ferdie", 1)];
	net.wait_for("the aggregator to take both proofs", Duration::from_secs(300), || {
		let taken = net.daemon_log(eve).matches("claimed proof taken").count();
		async move { (taken >= 2).then_some(()) }
	})
	.await;
	net.daemon(eve).kill();

	for id in ids {
		let request = net.settled(id, Duration::from_secs(600)).await;
		let (_, price) = fulfiller(&request)
			.unwrap_or_else(|| panic!("request {id}: {request:?}\n{}", net.logs()));
		assert_eq!(price, ASK - FALLBACK_CHARGE, "the fallback proof pays for its verification");
		assert!(request.failed.is_empty(), "nobody was slashed: {request:?}");
		assert!(matches!(request.status, Status::Fulfilled { .. }));
	}
	let logs = net.daemon_log(provers[0]) + &net.daemon_log(provers[1]);
	assert!(logs.contains("submitting the proof ourselves"), "{logs}");
	let best = net.chain.best_head().await.unwrap().number;
	assert!(ledger(&net, 1, best).await.batches.is_empty());
}
