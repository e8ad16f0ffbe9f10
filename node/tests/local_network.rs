//! The `local` chain on loopback: Alice and Bob peer, author and finalize;
//! then Charlie rotates its keys, registers them with `session.setKeys`, is
//! added by governance (sudo) and authors blocks after the session change.
//! Then Bob crashes: Alice and Charlie keep authoring, but three GRANDPA
//! voters need all three to finalize (the threshold is n - (n-1)/3 = 3), so
//! finality waits; Bob comes back with an empty database, catches up, and
//! finality resumes past everything authored while it was away.

mod common;

use codec::{Decode, Encode};
use common::{dev_pair, Node, Rpc};
use jsonrpsee::rpc_params;
use prova_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent, SessionKeys};
use serde_json::Value;
use sp_consensus_babe::{digests::PreDigest, AuthorityId as BabeId, BABE_ENGINE_ID};
use sp_core::{Bytes, Pair, H256};
use sp_runtime::DigestItem;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);

/// The BABE authority that authored block `hash`: the index in its
/// pre-digest, into the epoch's authorities (as of that block, which has
/// enacted the epoch it belongs to).
async fn block_author(rpc: &Rpc, hash: H256) -> BabeId {
	let header: Value = rpc.call("chain_getHeader", rpc_params![hash]).await;
	let index = header["digest"]["logs"]
		.as_array()
		.unwrap()
		.iter()
		.find_map(|log| {
			let bytes = sp_core::bytes::from_hex(log.as_str().unwrap()).unwrap();
			match DigestItem::decode(&mut &bytes[..]).unwrap() {
				DigestItem::PreRuntime(engine, data) if engine == BABE_ENGINE_ID => {
					Some(PreDigest::decode(&mut &data[..]).unwrap().authority_index())
				}
				_ => None,
			}
		})
		.expect("every block carries a BABE pre-digest");
	let key = pallet_babe::Authorities::<Runtime>::hashed_key().to_vec();
	let authorities: Vec<(BabeId, u64)> = rpc.storage(key, Some(hash)).await.unwrap();
	authorities[index as usize].0.clone()
}

async fn peers(rpc: &Rpc) -> u64 {
	let health: Value = rpc.call("system_health", rpc_params![]).await;
	health["peers"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validators_peer_finalize_and_a_third_joins_by_governance() {
	tokio::time::timeout(Duration::from_secs(900), run()).await.expect("test within 15 minutes");
}

async fn run() {
	// Alice and Bob, the validators of the local preset.
	let mut alice = Node::start("alice", &["--chain", "local", "--alice"]);
	let alice_rpc = alice.rpc(STARTUP).await;
	let peer_id: String = alice_rpc.call("system_localPeerId", rpc_params![]).await;
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}", alice.p2p_port);
	let mut bob = Node::start("bob", &["--chain", "local", "--bob", "--bootnodes", &bootnode]);
	let bob_rpc = bob.rpc(STARTUP).await;

	alice_rpc
		.wait_for(&alice, "alice to peer with bob", STARTUP, || async {
			peers(&alice_rpc).await >= 1
		})
		.await;
	bob_rpc
		.wait_for(&bob, "bob to import 4 blocks", STARTUP, || async {
			bob_rpc.best_number().await >= 4
		})
		.await;
	alice_rpc
		.wait_for(&alice, "2 finalized blocks", STARTUP, || async {
			alice_rpc.finalized_number().await >= 2
		})
		.await;
	// Both validators author: the two authors of consecutive slots alternate.
	let best = alice_rpc.best_number().await;
	let mut authors = Vec::new();
	for n in best.saturating_sub(3)..=best {
		let hash: H256 = alice_rpc.call("chain_getBlockHash", rpc_params![n]).await;
		authors.push(block_author(&alice_rpc, hash).await);
	}
	authors.sort();
	authors.dedup();
	assert_eq!(authors.len(), 2, "both alice and bob author blocks");

	// Charlie: a fresh validator node with no keys yet.
	let mut charlie = Node::start(
		"charlie",
		&["--chain", "local", "--validator", "--rpc-methods", "unsafe", "--bootnodes", &bootnode],
	);
	let charlie_rpc = charlie.rpc(STARTUP).await;
	let charlie_pair = dev_pair("Charlie");
	let charlie_id: AccountId = charlie_pair.public().into();

	// 1. Rotate keys on its node, with ownership proved for its account.
	let generated: Value = charlie_rpc
		.call("author_rotateKeysWithOwner", rpc_params![Bytes(charlie_id.encode())])
		.await;
	let keys_bytes: Bytes = serde_json::from_value(generated["keys"].clone()).unwrap();
	let proof: Bytes = serde_json::from_value(generated["proof"].clone()).unwrap();
	let keys = SessionKeys::decode(&mut &keys_bytes[..]).unwrap();
	let charlie_babe = keys.babe.clone();

	// 2. Register them on chain.
	let set_keys = RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof: proof.0 });
	let block = alice_rpc.submit_in_block(&alice, &charlie_pair, set_keys).await;
	let events = alice_rpc.events(block).await;
	assert!(
		events.iter().any(|e| matches!(
			e,
			RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { .. })
		)),
		"set_keys failed: {events:?}"
	);

	// 3. Governance adds charlie to the validator set.
	let add = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
		call: Box::new(RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
			who: charlie_id.clone(),
		})),
	});
	let block = alice_rpc.submit_in_block(&alice, &dev_pair("Alice"), add).await;
	let events = alice_rpc.events(block).await;
	assert!(
		events.contains(&RuntimeEvent::ValidatorSet(pallet_validator_set::Event::ValidatorAdded {
			who: charlie_id.clone()
		})),
		"add_validator failed: {events:?}"
	);
	assert!(events.contains(&RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Ok(()) })));

	// 4. Two session changes later (10-block sessions) charlie is an authority...
	let session_validators = pallet_session::Validators::<Runtime>::hashed_key().to_vec();
	alice_rpc
		.wait_for(
			&alice,
			"charlie in the session's validators",
			Duration::from_secs(150),
			|| async {
				alice_rpc
					.storage::<Vec<AccountId>>(session_validators.clone(), None)
					.await
					.unwrap_or_default()
					.contains(&charlie_id)
			},
		)
		.await;

	// ...and authors blocks that the others import and finalize.
	let from = alice_rpc.best_number().await;
	let mut charlie_block = None;
	let deadline = std::time::Instant::now() + Duration::from_secs(90);
	let mut next = from;
	while charlie_block.is_none() {
		if std::time::Instant::now() > deadline {
			charlie.fail("charlie authored no block within 90 s of joining");
		}
		let best = alice_rpc.best_number().await;
		while next <= best && charlie_block.is_none() {
			let hash: H256 = alice_rpc.call("chain_getBlockHash", rpc_params![next]).await;
			if block_author(&alice_rpc, hash).await == charlie_babe {
				charlie_block = Some(next);
			}
			next += 1;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let charlie_block = charlie_block.unwrap();
	alice_rpc
		.wait_for(&alice, "charlie's block finalized", Duration::from_secs(90), || async {
			alice_rpc.finalized_number().await >= charlie_block
		})
		.await;
	charlie_rpc
		.wait_for(&charlie, "charlie to import its own block", Duration::from_secs(30), || async {
			charlie_rpc.best_number().await >= charlie_block
		})
		.await;

	// 5. Bob crashes. BABE goes on in Alice's and Charlie's slots (secondary
	//    slots are shared by the authorities alive).
	drop(bob_rpc);
	bob.kill();
	let best_at_crash = alice_rpc.best_number().await;
	alice_rpc
		.wait_for(&alice, "3 blocks authored without bob", Duration::from_secs(90), || async {
			alice_rpc.best_number().await >= best_at_crash + 3
		})
		.await;
	// Nothing bob never saw can be final: two of three voters are not enough.
	let finalized_without_bob = alice_rpc.finalized_number().await;
	assert!(
		finalized_without_bob <= best_at_crash,
		"block {finalized_without_bob} finalized without bob (best at crash {best_at_crash})"
	);

	// 6. Bob restarts from an empty database with the same keys: it syncs
	// what was authored meanwhile and its votes finalize it.
	let mut bob =
		Node::start("bob-restarted", &["--chain", "local", "--bob", "--bootnodes", &bootnode]);
	let bob_rpc = bob.rpc(STARTUP).await;
	let target = alice_rpc.best_number().await;
	bob_rpc
		.wait_for(&bob, "restarted bob to catch up", Duration::from_secs(120), || async {
			bob_rpc.best_number().await >= target
		})
		.await;
	alice_rpc
		.wait_for(
			&alice,
			"finality to pass the blocks made without bob",
			Duration::from_secs(120),
			|| async { alice_rpc.finalized_number().await > target },
		)
		.await;
	bob_rpc
		.wait_for(&bob, "restarted bob to finalize them too", Duration::from_secs(60), || async {
			bob_rpc.finalized_number().await > target
		})
		.await;

	drop((alice_rpc, bob_rpc, charlie_rpc));
	for node in [&mut charlie, &mut bob, &mut alice] {
		assert!(node.stop(Duration::from_secs(30)), "{} did not exit cleanly", node.name);
	}
}
