//! The prover registry on a `--dev` node: Alice registers and bonds more, Bob
//! delegates to her (held at once, warming up before it backs her), and the records, holds and
//! election candidates read back over RPC are exactly what the calls made.

mod common;

use codec::Encode;
use common::{dev_pair, Node, Rpc};
use frame_support::traits::tokens::IdAmount;
use pallet_provers::{
	DelegationInfo, GpuClass, HardwareClass, Parameters, ProverInfo, ProverRequirements,
	ProverStatus,
};
use prova_runtime::{
	AccountId, Balance, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, UNIT,
};
use sp_core::Pair;
use sp_runtime::Perbill;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provers_register_bond_and_delegate_on_a_dev_chain() {
	tokio::time::timeout(Duration::from_secs(300), run()).await.expect("test within 5 minutes");
}

/// Submits `call` and returns this pallet's events from its block.
async fn submit(
	rpc: &Rpc,
	node: &Node,
	signer: &sp_core::sr25519::Pair,
	call: RuntimeCall,
) -> Vec<pallet_provers::Event<Runtime>> {
	rpc.submit_ok(node, signer, call)
		.await
		.into_iter()
		.filter_map(|event| match event {
			RuntimeEvent::Provers(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The `pallet-provers` hold of `who`, read from `Balances::Holds`.
async fn held(rpc: &Rpc, who: &AccountId, reason: pallet_provers::HoldReason) -> Balance {
	let key = pallet_balances::Holds::<Runtime>::hashed_key_for(who);
	let holds: Vec<IdAmount<RuntimeHoldReason, Balance>> =
		rpc.storage(key, None).await.unwrap_or_default();
	let id = RuntimeHoldReason::Provers(reason);
	holds.iter().filter(|hold| hold.id == id).map(|hold| hold.amount).sum()
}

async fn run() {
	let mut node = Node::start("provers", &["--dev"]);
	let rpc = node.rpc(STARTUP).await;
	rpc.wait_for(&node, "block 1", Duration::from_secs(60), || async {
		rpc.best_number().await >= 1
	})
	.await;

	let alice = dev_pair("Alice");
	let bob = dev_pair("Bob");
	let alice_id: AccountId = alice.public().into();
	let bob_id: AccountId = bob.public().into();

	let parameters: Parameters<Balance> = rpc.runtime_call("ProversApi_parameters", vec![]).await;
	let bond = 2 * parameters.min_prover_bond;
	let hardware = HardwareClass { cpu_cores: 16, memory_gib: 64, gpu: GpuClass::Consumer };

	// Alice registers as a prover, then adds to her bond.
	let events = submit(
		&rpc,
		&node,
		&alice,
		RuntimeCall::Provers(pallet_provers::Call::register {
			hardware,
			capacity: 4,
			ask: UNIT / 1_000,
			commission: Perbill::from_percent(10),
			bond,
		}),
	)
	.await;
	assert_eq!(events, vec![pallet_provers::Event::Registered { prover: alice_id.clone(), bond }]);
	let extra = 500 * UNIT;
	submit(
		&rpc,
		&node,
		&alice,
		RuntimeCall::Provers(pallet_provers::Call::bond_more { amount: extra }),
	)
	.await;

	// Bob delegates to her: held at once, active after the warm-up.
	let delegated = 100 * UNIT;
	let events = submit(
		&rpc,
		&node,
		&bob,
		RuntimeCall::Provers(pallet_provers::Call::delegate {
			prover: alice_id.clone(),
			amount: delegated,
		}),
	)
	.await;
	let warmup = prova_runtime::DAYS + prova_runtime::HOURS;
	let active_from = match events.as_slice() {
		[pallet_provers::Event::Delegated { delegator, prover, amount, active_from }] => {
			assert_eq!((delegator, prover, *amount), (&bob_id, &alice_id, delegated));
			*active_from
		}
		other => panic!("expected one Delegated event, got {other:?}"),
	};
	assert!(active_from > warmup, "active a day and an hour after its block: {active_from}");

	// Alice's record through the runtime API: Bob's stake does not back her yet.
	let info: Option<ProverInfo<Balance, BlockNumber>> =
		rpc.runtime_call("ProversApi_prover", alice_id.encode()).await;
	let info = info.expect("Alice is registered");
	assert_eq!(info.record.self_bond, bond + extra);
	assert_eq!(info.record.delegated, 0);
	assert_eq!(info.record.delegators, 1);
	assert_eq!(info.record.status, ProverStatus::Active);
	assert_eq!(info.record.hardware, hardware);
	assert_eq!(info.record.capacity, 4);
	assert_eq!(info.record.commission, Perbill::from_percent(10));
	assert_eq!(info.backing, bond + extra);
	assert_eq!(info.reputation_score, Perbill::from_percent(50));
	assert!(info.unbonding.is_empty());

	// Bob's position, warming up.
	let positions: Vec<DelegationInfo<AccountId, Balance, BlockNumber>> =
		rpc.runtime_call("ProversApi_delegations", bob_id.encode()).await;
	assert_eq!(positions.len(), 1);
	assert_eq!(positions[0].prover, alice_id);
	assert_eq!(positions[0].amount, 0);
	assert_eq!(positions[0].warming, Some((delegated, active_from)));
	assert_eq!(positions[0].pending_rewards, 0);
	assert!(positions[0].unbonding.is_empty());

	// The holds on their accounts match the ledger.
	assert_eq!(held(&rpc, &alice_id, pallet_provers::HoldReason::ProverBond).await, bond + extra);
	assert_eq!(held(&rpc, &bob_id, pallet_provers::HoldReason::Delegation).await, delegated);

	// She is a candidate for a request she can serve, and not for one she cannot.
	let servable = ProverRequirements {
		hardware: HardwareClass { cpu_cores: 8, memory_gib: 32, gpu: GpuClass::Consumer },
		min_stake: bond,
		min_reputation: Perbill::from_percent(50),
		offered_price: UNIT / 1_000,
	};
	// A 2^12 job with a day to prove it: she declared no services, so she
	// serves every circuit at her ask.
	let job = pallet_provers::JobSpec::new([1u8; 32].into(), b"poseidon_chain/1", 1, 28_800);
	let eligible: Vec<(AccountId, Balance)> =
		rpc.runtime_call("ProversApi_eligible_provers", (servable, job.clone()).encode()).await;
	assert_eq!(eligible, vec![(alice_id.clone(), info.backing)]);
	let needs_datacenter = ProverRequirements {
		hardware: HardwareClass { gpu: GpuClass::Datacenter, ..servable.hardware },
		..servable
	};
	let eligible: Vec<(AccountId, Balance)> =
		rpc.runtime_call("ProversApi_eligible_provers", (needs_datacenter, job).encode()).await;
	assert!(eligible.is_empty());

	assert!(node.stop(Duration::from_secs(30)), "node stops cleanly");
}
