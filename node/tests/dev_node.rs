//! A `--dev` node on loopback: it authors and finalizes blocks, includes a
//! signed transfer with the expected events and balances, and shuts down cleanly.

mod common;

use common::{dev_pair, Node};
use prova_runtime::{AccountId, RuntimeCall, RuntimeEvent, UNIT};
use sp_core::Pair;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);
const BLOCKS: Duration = Duration::from_secs(90);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dev_node_authors_finalizes_and_executes_extrinsics() {
	tokio::time::timeout(Duration::from_secs(420), run()).await.expect("test within 7 minutes");
}

async fn run() {
	let mut node = Node::start("dev", &["--dev"]);
	let rpc = node.rpc(STARTUP).await;

	// Blocks are authored and finalized.
	rpc.wait_for(&node, "3 blocks imported", BLOCKS, || async { rpc.best_number().await >= 3 })
		.await;
	rpc.wait_for(&node, "1 block finalized", BLOCKS, || async {
		rpc.finalized_number().await >= 1
	})
	.await;

	// A signed transfer lands in a block with its events and exact balances.
	let alice = dev_pair("Alice");
	let alice_id: AccountId = alice.public().into();
	let dest: AccountId = dev_pair("ProvaTransferTarget").public().into();
	let amount = 10 * UNIT;
	let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: dest.clone().into(),
		value: amount,
	});
	let block = rpc.submit_in_block(&node, &alice, call).await;
	let header: serde_json::Value =
		rpc.call("chain_getHeader", jsonrpsee::rpc_params![block]).await;
	let parent: sp_core::H256 = serde_json::from_value(header["parentHash"].clone()).unwrap();

	let events = rpc.events(block).await;
	assert!(
		events.contains(&RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: alice_id.clone(),
			to: dest.clone(),
			amount,
		})),
		"Transfer event missing: {events:?}"
	);
	let fee = events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, tip },
			) if who == &alice_id => {
				assert_eq!(*tip, 0);
				Some(*actual_fee)
			}
			_ => None,
		})
		.unwrap_or_else(|| panic!("TransactionFeePaid event missing: {events:?}"));
	assert!(fee > 0, "transfers are not free");
	assert!(events
		.iter()
		.any(|e| matches!(e, RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { .. }))));
	assert_eq!(rpc.free_balance(&dest, Some(parent)).await, 0);
	assert_eq!(rpc.free_balance(&dest, Some(block)).await, amount);
	assert_eq!(
		rpc.free_balance(&alice_id, Some(block)).await,
		rpc.free_balance(&alice_id, Some(parent)).await - amount - fee
	);

	// SIGINT shuts the node down with a zero exit code.
	drop(rpc);
	assert!(node.stop(Duration::from_secs(30)), "node did not exit cleanly:\n{}", node.log_tail());
}
