//! The proof market on a `--dev` node, end to end over RPC: Alice registers and
//! lists a circuit, Bob registers as a prover, Charlie submits a request, the
//! chain offers it to Bob at the start of a later block, Bob locks it (posting
//! collateral) and submits a real
//! Plonky2 proof (free of fees), and the request is fulfilled with Bob paid his
//! price and Charlie refunded the rest and his deposit, to the plank.

mod common;

use codec::Encode;
use common::{dev_pair, Node, Rpc};
use frame_support::BoundedVec;
use pallet_proof_market::{Job, Quote, RequestRequirements, RequestStatus};
use pallet_provers::{GpuClass, HardwareClass};
use prova_circuits::{Workload, WorkloadKind};
use prova_runtime::{AccountId, Balance, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, UNIT};
use sp_core::{Pair, H256};
use sp_runtime::Perbill;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_assigned_proved_and_settled_on_a_dev_chain() {
	tokio::time::timeout(Duration::from_secs(420), run()).await.expect("test within 7 minutes");
}

/// The transaction fee `who` paid in `events`.
fn fee_paid(events: &[RuntimeEvent], who: &AccountId) -> Balance {
	events
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid {
					who: payer,
					actual_fee,
					tip,
				},
			) if payer == who => Some(actual_fee + tip),
			_ => None,
		})
		.sum()
}

fn market_events(events: &[RuntimeEvent]) -> Vec<pallet_proof_market::Event<Runtime>> {
	events
		.iter()
		.filter_map(|event| match event {
			RuntimeEvent::Market(event) => Some(event.clone()),
			_ => None,
		})
		.collect()
}

async fn jobs(rpc: &Rpc, prover: &AccountId) -> Vec<Job<Balance, BlockNumber>> {
	rpc.runtime_call("ProofMarketApi_jobs", prover.encode()).await
}

async fn run() {
	// A real circuit and a real proof for the input Charlie will send.
	let workload = Workload::for_degree(WorkloadKind::PoseidonChain, 12).unwrap();
	let circuit = workload.build().unwrap();
	let verifier_data = circuit.verifier_data_bytes().unwrap();
	let input = workload.sample_input(5);
	let input_bytes = workload.encode_input(&input).unwrap();
	let proved = circuit.prove(&input).unwrap();
	let circuit_id = H256::from(sp_io::hashing::blake2_256(&verifier_data));

	let mut node = Node::start("market", &["--dev"]);
	let rpc = node.rpc(STARTUP).await;
	rpc.wait_for(&node, "block 1", Duration::from_secs(60), || async {
		rpc.best_number().await >= 1
	})
	.await;
	let (alice, bob, charlie) = (dev_pair("Alice"), dev_pair("Bob"), dev_pair("Charlie"));
	let bob_id: AccountId = bob.public().into();
	let charlie_id: AccountId = charlie.public().into();

	// Alice registers the circuit with the verifier and lists it on the market.
	rpc.submit_ok(
		&node,
		&alice,
		RuntimeCall::Verifier(pallet_plonky2_verifier::Call::register_circuit {
			verifier_data: BoundedVec::try_from(verifier_data).unwrap(),
		}),
	)
	.await;
	let events = rpc
		.submit_ok(
			&node,
			&alice,
			RuntimeCall::Market(pallet_proof_market::Call::list_circuit {
				circuit: circuit_id,
				input_elements: workload.input_len() as u32,
				descriptor: BoundedVec::try_from(workload.descriptor().into_bytes()).unwrap(),
			}),
		)
		.await;
	assert_eq!(
		market_events(&events),
		vec![pallet_proof_market::Event::CircuitListed {
			circuit: circuit_id,
			input_elements: 4,
			output_elements: 4,
			work_units: 1,
		}]
	);

	// Bob registers as a prover asking 2 PROVA per work unit.
	let ask = 2 * UNIT;
	rpc.submit_ok(
		&node,
		&bob,
		RuntimeCall::Provers(pallet_provers::Call::register {
			hardware: HardwareClass { cpu_cores: 16, memory_gib: 64, gpu: GpuClass::None },
			capacity: 2,
			ask,
			commission: Perbill::from_percent(10),
			bond: 1_000 * UNIT,
		}),
	)
	.await;
	let quote: Option<Quote<Balance>> = rpc
		.runtime_call(
			"ProofMarketApi_quote",
			(circuit_id, RequestRequirements::<Balance>::default()).encode(),
		)
		.await;
	assert_eq!(
		quote,
		Some(Quote {
			work_units: 1,
			cheapest_ask: Some(ask),
			min_fee: Some(ask),
			available_now: true
		})
	);

	// Charlie asks for a proof, offering up to 5 PROVA.
	let max_fee = 5 * UNIT;
	let charlie_before = rpc.free_balance(&charlie_id, None).await;
	let events = rpc
		.submit_ok(
			&node,
			&charlie,
			RuntimeCall::Market(pallet_proof_market::Call::submit_request {
				circuit: circuit_id,
				input: BoundedVec::try_from(input_bytes.clone()).unwrap(),
				max_fee,
				deadline: 40,
				requirements: RequestRequirements::default(),
			}),
		)
		.await;
	let submit_fee = fee_paid(&events, &charlie_id);
	let request = market_events(&events)
		.into_iter()
		.find_map(|event| match event {
			pallet_proof_market::Event::RequestSubmitted { request, .. } => Some(request),
			_ => None,
		})
		.expect("RequestSubmitted");

	// A later block offers it to Bob, the only prover; his client sees the offer.
	rpc.wait_for(&node, "the offer", Duration::from_secs(30), || async {
		!jobs(&rpc, &bob_id).await.is_empty()
	})
	.await;
	let job = jobs(&rpc, &bob_id).await.remove(0);
	assert_eq!((job.request, job.circuit, job.price, job.attempt), (request, circuit_id, ask, 1));
	assert_eq!(job.input, input_bytes);
	assert!(matches!(job.stage, pallet_proof_market::JobStage::Offered { .. }), "{job:?}");
	// Collateral: twice the price, at least 1 PROVA.
	let collateral = (2 * ask).max(UNIT);
	assert_eq!(job.collateral, collateral);

	// Bob takes it: his collateral is held until he proves.
	let events = rpc
		.submit_ok(
			&node,
			&bob,
			RuntimeCall::Market(pallet_proof_market::Call::lock_request { request }),
		)
		.await;
	assert!(
		market_events(&events).iter().any(|event| matches!(event,
			pallet_proof_market::Event::RequestLocked { request: r, collateral: c, .. }
				if *r == request && *c == collateral)),
		"{events:?}"
	);

	// Bob proves it.
	let bob_before = rpc.free_balance(&bob_id, None).await;
	let events = rpc
		.submit_ok(
			&node,
			&bob,
			RuntimeCall::Market(pallet_proof_market::Call::submit_proof {
				request,
				public_inputs: BoundedVec::try_from(proved.public_inputs()).unwrap(),
				proof: BoundedVec::try_from(proved.proof_bytes()).unwrap(),
			}),
		)
		.await;
	assert!(
		market_events(&events).contains(&pallet_proof_market::Event::RequestFulfilled {
			request,
			prover: bob_id.clone(),
			price: ask,
			refunded: max_fee - ask,
		}),
		"{events:?}"
	);
	// A valid proof from the assignee is free: its fee was refunded.
	assert_eq!(fee_paid(&events, &bob_id), 0);

	// Bob has no delegators: he keeps the whole price, and his collateral is
	// back. Charlie paid exactly the price (his request deposit came back
	// with the rest of the escrow).
	assert_eq!(rpc.free_balance(&bob_id, None).await, bob_before + ask + collateral);
	assert_eq!(rpc.free_balance(&charlie_id, None).await, charlie_before - submit_fee - ask);
	let stored: Option<pallet_proof_market::Request<Runtime>> =
		rpc.runtime_call("ProofMarketApi_request", request.encode()).await;
	match stored.expect("the request is readable").status {
		RequestStatus::Fulfilled { prover, price, output, .. } => {
			assert_eq!((prover, price), (bob_id.clone(), ask));
			assert_eq!(output.into_inner(), proved.output);
		}
		other => panic!("not fulfilled: {other:?}"),
	}
	assert!(jobs(&rpc, &bob_id).await.is_empty());
	let info: Option<pallet_provers::ProverInfo<Balance, BlockNumber>> =
		rpc.runtime_call("ProversApi_prover", bob_id.encode()).await;
	let reputation = info.expect("Bob is registered").record.reputation;
	assert_eq!((reputation.assigned, reputation.fulfilled), (1, 1));

	drop(rpc);
	assert!(node.stop(Duration::from_secs(30)), "node did not exit cleanly:\n{}", node.log_tail());
}
