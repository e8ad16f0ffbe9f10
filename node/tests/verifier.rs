//! Plonky2 verification by a `--dev` node's runtime WASM, with a real proof
//! from Prova's circuit library: the stateless runtime API accepts it (and a
//! proof of every other workload) and rejects a forgery; over extrinsics, Alice registers the circuit (deposit
//! held), Bob's `verify_proof` emits `ProofVerified`, and wrong public inputs
//! fail with the pallet's typed error.

mod common;

use codec::Encode;
use common::{dev_pair, Node};
use frame_support::BoundedVec;
use pallet_plonky2_verifier::{CircuitId, VerifyError};
use prova_circuits::{Workload, WorkloadKind};
use prova_runtime::{AccountId, Runtime, RuntimeCall, RuntimeEvent};
use sp_core::{Pair, H256};
use sp_runtime::DispatchError;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dev_node_registers_circuits_and_verifies_real_proofs() {
	tokio::time::timeout(Duration::from_secs(420), run()).await.expect("test within 7 minutes");
}

fn verify_call(circuit: CircuitId, public_inputs: Vec<u64>, proof: Vec<u8>) -> RuntimeCall {
	RuntimeCall::Verifier(pallet_plonky2_verifier::Call::verify_proof {
		circuit,
		public_inputs: BoundedVec::try_from(public_inputs).unwrap(),
		proof: BoundedVec::try_from(proof).unwrap(),
	})
}

async fn run() {
	// A real proof: 2^12 rows of iterated Poseidon.
	let workload = Workload::for_degree(WorkloadKind::PoseidonChain, 12).unwrap();
	let circuit = workload.build().unwrap();
	let proved = circuit.prove(&workload.sample_input(7)).unwrap();
	let verifier_data = circuit.verifier_data_bytes().unwrap();
	let proof = proved.proof_bytes();
	let public_inputs = proved.public_inputs();

	let mut node = Node::start("verifier", &["--dev"]);
	let rpc = node.rpc(STARTUP).await;
	rpc.wait_for(&node, "block 1", Duration::from_secs(60), || async {
		rpc.best_number().await >= 1
	})
	.await;

	// The stateless runtime API, in the runtime WASM.
	let verdict: Result<(), VerifyError> = rpc
		.runtime_call("Plonky2VerifierApi_verify", (verifier_data.clone(), proof.clone()).encode())
		.await;
	assert_eq!(verdict, Ok(()));
	let mut forged = proof.clone();
	let last_public_input = forged.len() - 8;
	forged[last_public_input] ^= 1;
	let verdict: Result<(), VerifyError> = rpc
		.runtime_call("Plonky2VerifierApi_verify", (verifier_data.clone(), forged).encode())
		.await;
	assert_eq!(verdict, Err(VerifyError::InvalidProof));

	// Every workload of the library verifies in the runtime WASM.
	for kind in WorkloadKind::ALL {
		let workload = Workload::for_degree(kind, 12).unwrap();
		let circuit = workload.build().unwrap();
		let proved = circuit.prove(&workload.sample_input(11)).unwrap();
		let verdict: Result<(), VerifyError> = rpc
			.runtime_call(
				"Plonky2VerifierApi_verify",
				(circuit.verifier_data_bytes().unwrap(), proved.proof_bytes()).encode(),
			)
			.await;
		assert_eq!(verdict, Ok(()), "{kind}");
	}

	// Alice registers the circuit.
	let alice = dev_pair("Alice");
	let alice_id: AccountId = alice.public().into();
	let register = RuntimeCall::Verifier(pallet_plonky2_verifier::Call::register_circuit {
		verifier_data: BoundedVec::try_from(verifier_data.clone()).unwrap(),
	});
	let events = rpc.submit_ok(&node, &alice, register).await;
	let circuit_id = H256::from(sp_io::hashing::blake2_256(&verifier_data));
	let registered = events.iter().find_map(|event| match event {
		RuntimeEvent::Verifier(pallet_plonky2_verifier::Event::CircuitRegistered {
			circuit,
			owner,
			degree_bits,
			..
		}) => Some((*circuit, owner.clone(), *degree_bits)),
		_ => None,
	});
	assert_eq!(registered, Some((circuit_id, alice_id, 12)), "{events:?}");

	// Bob has it verified on chain.
	let bob = dev_pair("Bob");
	let events = rpc
		.submit_ok(&node, &bob, verify_call(circuit_id, public_inputs.clone(), proof.clone()))
		.await;
	let public_inputs_hash = H256::from(sp_io::hashing::blake2_256(&public_inputs.encode()));
	assert!(
		events.contains(&RuntimeEvent::Verifier(pallet_plonky2_verifier::Event::ProofVerified {
			circuit: circuit_id,
			public_inputs_hash,
		})),
		"ProofVerified missing: {events:?}"
	);

	// Claiming another output fails with the typed error.
	let mut wrong = public_inputs;
	*wrong.last_mut().unwrap() += 1;
	let block = rpc.submit_in_block(&node, &bob, verify_call(circuit_id, wrong, proof)).await;
	let expected: DispatchError =
		pallet_plonky2_verifier::Error::<Runtime>::PublicInputsMismatch.into();
	let failed = rpc.events(block).await.into_iter().find_map(|event| match event {
		RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. }) => {
			Some(dispatch_error)
		}
		_ => None,
	});
	assert_eq!(failed, Some(expected));

	drop(rpc);
	assert!(node.stop(Duration::from_secs(30)), "node did not exit cleanly:\n{}", node.log_tail());
}
