//! The pallet's calls and its `ProofVerifier` implementation in the mock runtime.

use super::{cubic_circuit_proof, unsupported_config_verifier_data};
use crate::{
	mock::*, Circuits, Error, Event, HoldReason, Limits, ProofVerifier, VerifierData, VerifyError,
	MAX_GATES,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use prova_circuits::{Workload, WorkloadKind};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

fn id_of(verifier_data: &[u8]) -> H256 {
	H256::from(sp_io::hashing::blake2_256(verifier_data))
}

fn register(who: AccountId, verifier_data: &[u8]) -> H256 {
	assert_ok!(Verifier::register_circuit(
		RuntimeOrigin::signed(who),
		BoundedVec::try_from(verifier_data.to_vec()).unwrap(),
	));
	id_of(verifier_data)
}

fn try_register(who: AccountId, verifier_data: &[u8]) -> frame_support::dispatch::DispatchResult {
	Verifier::register_circuit(
		RuntimeOrigin::signed(who),
		BoundedVec::try_from(verifier_data.to_vec()).unwrap(),
	)
}

fn verify_call(
	who: AccountId,
	circuit: H256,
	public_inputs: &[u64],
	proof: &[u8],
) -> frame_support::dispatch::DispatchResult {
	Verifier::verify_proof(
		RuntimeOrigin::signed(who),
		circuit,
		BoundedVec::try_from(public_inputs.to_vec()).unwrap(),
		BoundedVec::try_from(proof.to_vec()).unwrap(),
	)
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::CircuitDeposit.into(), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Verifier(event) => Some(event),
			_ => None,
		})
		.last()
		.expect("an event of the verifier pallet")
}

#[test]
fn registering_stores_the_circuit_and_holds_a_deposit_by_size() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		let deposit = DEPOSIT_BASE + DEPOSIT_PER_BYTE * verifier_data.len() as Balance;
		assert_eq!(held(1), deposit);
		assert_eq!(Balances::balance(&1), ENDOWMENT - deposit);
		let info = Circuits::<Test>::get(circuit).unwrap();
		assert_eq!((info.owner, info.deposit, info.users), (1, deposit, 0));
		assert_eq!(info.public_inputs, 1);
		assert_eq!(info.fri_queries, 28);
		assert_eq!(info.size as usize, verifier_data.len());
		assert_eq!(VerifierData::<Test>::get(circuit).unwrap().to_vec(), verifier_data);
		assert_eq!(
			last_event(),
			Event::CircuitRegistered {
				circuit,
				owner: 1,
				degree_bits: info.degree_bits,
				public_inputs: 1,
				deposit,
			}
		);
	});
}

#[test]
fn registering_the_same_circuit_twice_is_refused() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		register(1, &verifier_data);
		assert_noop!(try_register(2, &verifier_data), Error::<Test>::AlreadyRegistered);
	});
}

#[test]
fn malformed_verifier_data_is_refused_without_a_deposit() {
	new_test_ext().execute_with(|| {
		let (mut verifier_data, _) = cubic_circuit_proof(3, false);
		verifier_data.truncate(verifier_data.len() / 2);
		assert_noop!(try_register(1, &verifier_data), Error::<Test>::MalformedVerifierData);
		assert_noop!(try_register(1, &[0u8; 40]), Error::<Test>::MalformedVerifierData);
		assert_eq!(held(1), 0);
	});
}

#[test]
fn a_circuit_with_another_configuration_is_refused() {
	new_test_ext().execute_with(|| {
		let verifier_data = unsupported_config_verifier_data();
		assert_noop!(try_register(1, &verifier_data), Error::<Test>::UnsupportedConfig);
	});
}

#[test]
fn a_circuit_above_the_degree_limit_is_refused() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		MaxDegreeBits::set(1);
		assert_noop!(try_register(1, &verifier_data), Error::<Test>::DegreeTooLarge);
		MaxDegreeBits::set(20);
	});
}

#[test]
fn a_circuit_with_too_many_public_inputs_is_refused() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, true);
		MaxPublicInputs::set(1);
		assert_noop!(try_register(1, &verifier_data), Error::<Test>::TooManyPublicInputs);
		MaxPublicInputs::set(64);
	});
}

#[test]
fn registering_without_funds_for_the_deposit_is_refused() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		assert_noop!(
			try_register(9, &verifier_data),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
	});
}

#[test]
fn unregistering_releases_the_deposit() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		assert_ok!(Verifier::unregister_circuit(RuntimeOrigin::signed(1), circuit));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::balance(&1), ENDOWMENT);
		assert!(!Circuits::<Test>::contains_key(circuit));
		assert!(!VerifierData::<Test>::contains_key(circuit));
		assert_eq!(last_event(), Event::CircuitUnregistered { circuit });
	});
}

#[test]
fn only_the_owner_unregisters_and_only_when_unused() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		assert_noop!(
			Verifier::unregister_circuit(RuntimeOrigin::signed(2), circuit),
			Error::<Test>::NotOwner
		);
		assert_ok!(<Verifier as ProofVerifier<AccountId>>::acquire(&circuit));
		assert_noop!(
			Verifier::unregister_circuit(RuntimeOrigin::signed(1), circuit),
			Error::<Test>::CircuitInUse
		);
		<Verifier as ProofVerifier<AccountId>>::release(&circuit);
		assert_ok!(Verifier::unregister_circuit(RuntimeOrigin::signed(1), circuit));
		assert_noop!(
			Verifier::unregister_circuit(RuntimeOrigin::signed(1), circuit),
			Error::<Test>::UnknownCircuit
		);
	});
}

#[test]
fn acquiring_an_unknown_circuit_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			<Verifier as ProofVerifier<AccountId>>::acquire(&H256::zero()),
			Error::<Test>::UnknownCircuit
		);
	});
}

#[test]
fn a_valid_proof_verifies_and_is_recorded() {
	new_test_ext().execute_with(|| {
		let (verifier_data, proof) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		assert_ok!(verify_call(2, circuit, &[35], &proof));
		let public_inputs_hash = H256::from(sp_io::hashing::blake2_256(&vec![35u64].encode()));
		assert_eq!(last_event(), Event::ProofVerified { circuit, public_inputs_hash });
		assert_eq!(<Verifier as ProofVerifier<AccountId>>::verify(&circuit, &[35], &proof), Ok(()));
	});
}

#[test]
fn other_public_inputs_are_rejected() {
	new_test_ext().execute_with(|| {
		let (verifier_data, proof) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		assert_noop!(verify_call(2, circuit, &[36], &proof), Error::<Test>::PublicInputsMismatch);
		assert_noop!(
			verify_call(2, circuit, &[35, 0], &proof),
			Error::<Test>::PublicInputsMismatch
		);
	});
}

#[test]
fn a_bit_flipped_or_truncated_proof_is_rejected() {
	new_test_ext().execute_with(|| {
		let (verifier_data, proof) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		let mut flipped = proof.clone();
		flipped[proof.len() / 3] ^= 0x10;
		assert!(matches!(
			<Verifier as ProofVerifier<AccountId>>::verify(&circuit, &[35], &flipped),
			Err(VerifyError::InvalidProof | VerifyError::MalformedProof)
		));
		assert_noop!(
			verify_call(2, circuit, &[35], &proof[..proof.len() - 1]),
			Error::<Test>::MalformedProof
		);
	});
}

#[test]
fn a_proof_for_another_circuit_is_rejected() {
	new_test_ext().execute_with(|| {
		let (data_a, _) = cubic_circuit_proof(3, false);
		let (_, proof_b) = cubic_circuit_proof(3, true);
		let circuit_a = register(1, &data_a);
		let result = <Verifier as ProofVerifier<AccountId>>::verify(&circuit_a, &[35], &proof_b);
		assert!(
			matches!(result, Err(VerifyError::MalformedProof | VerifyError::PublicInputsMismatch)),
			"{result:?}"
		);
	});
}

#[test]
fn proofs_for_unknown_circuits_are_rejected() {
	new_test_ext().execute_with(|| {
		let (_, proof) = cubic_circuit_proof(3, false);
		assert_noop!(verify_call(2, H256::zero(), &[35], &proof), Error::<Test>::UnknownCircuit);
		assert_eq!(<Verifier as ProofVerifier<AccountId>>::verify_weight(&H256::zero()), None);
	});
}

#[test]
fn the_verification_weight_follows_the_registered_degree_and_gates() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		let info = Circuits::<Test>::get(circuit).unwrap();
		let (parsed, _) =
			crate::verifier::parse_circuit(&verifier_data, &Limits::default()).unwrap();
		assert_eq!(info.gates as usize, parsed.common.gates.len());
		assert_eq!(
			<Verifier as ProofVerifier<AccountId>>::verify_weight(&circuit),
			Some(crate::Pallet::<Test>::verify_weight_for(info.degree_bits, info.gates))
		);
		// Each gate and each degree bit costs more.
		let weight = crate::Pallet::<Test>::verify_weight_for;
		assert!(weight(12, 6).ref_time() > weight(12, 5).ref_time());
		assert!(weight(13, 5).ref_time() > weight(12, 5).ref_time());
		// An unknown circuit is charged as the largest registrable one.
		let max = weight(MaxDegreeBits::get(), MAX_GATES as u32);
		assert!(max.all_gte(weight(info.degree_bits, info.gates)));
	});
}

/// The worst case an attacker can register is the crafted circuit of the
/// fixtures (`prova-fixtures --crafted 32`); one more gate is refused.
#[test]
fn the_crafted_worst_case_registers_and_one_gate_more_is_refused() {
	new_test_ext().execute_with(|| {
		let crafted = include_bytes!("../../fixtures/crafted-32.vd");
		let circuit = register(1, crafted);
		assert_eq!(Circuits::<Test>::get(circuit).unwrap().gates, MAX_GATES as u32);

		let ranked: Vec<_> = prova_circuits::crafted::candidate_gates(
			&plonky2::plonk::circuit_data::CircuitConfig::standard_recursion_config(),
		)
		.into_iter()
		.map(|gate| prova_circuits::crafted::RankedGate { gate, cost: Default::default() })
		.collect();
		let too_many =
			prova_circuits::crafted::worst_case_verifier_data(&ranked, MAX_GATES + 1).unwrap();
		assert_noop!(try_register(2, &too_many), Error::<Test>::UnsupportedConfig);
		assert_eq!(held(2), 0);
		// A circuit the chain registered before the bound existed still reads.
		let unbounded = Limits::default().without_gate_bounds();
		let (_, shape) = crate::verifier::parse_circuit(&too_many, &unbounded).unwrap();
		assert_eq!(shape.gates as usize, MAX_GATES + 1);
	});
}

#[test]
fn real_proofs_of_every_library_workload_verify_and_bind_their_input() {
	for kind in WorkloadKind::ALL {
		new_test_ext().execute_with(|| {
			let workload = Workload::for_degree(kind, 12).unwrap();
			let circuit = workload.build().unwrap();
			let input = workload.sample_input(3);
			let proved = circuit.prove(&input).unwrap();
			let id = register(1, &circuit.verifier_data_bytes().unwrap());
			let expected = workload.expected_public_inputs(&input).unwrap();
			assert_eq!(proved.public_inputs(), expected, "{kind}");
			assert_ok!(verify_call(2, id, &expected, &proved.proof_bytes()));
			let other_input = workload.expected_public_inputs(&workload.sample_input(4)).unwrap();
			assert_noop!(
				verify_call(2, id, &other_input, &proved.proof_bytes()),
				Error::<Test>::PublicInputsMismatch
			);
		});
	}
}

#[test]
fn the_market_learns_a_circuits_owner_and_shape_and_the_input_commitment() {
	new_test_ext().execute_with(|| {
		let workload = Workload::for_degree(WorkloadKind::Fibonacci, 12).unwrap();
		let circuit = workload.build().unwrap();
		let id = register(2, &circuit.verifier_data_bytes().unwrap());
		let summary = <Verifier as ProofVerifier<AccountId>>::circuit(&id).unwrap();
		assert_eq!(summary.owner, 2);
		assert_eq!(summary.degree_bits, 12);
		assert_eq!(summary.public_inputs as usize, 4 + workload.output_len());
		assert!(<Verifier as ProofVerifier<AccountId>>::circuit(&H256::zero()).is_none());
		// The commitment is the one the library's circuits put in their public inputs.
		for seed in 0..4 {
			let input = workload.sample_input(seed);
			let bytes = workload.encode_input(&input).unwrap();
			let words: Vec<u64> =
				bytes.chunks_exact(8).map(|w| u64::from_le_bytes(w.try_into().unwrap())).collect();
			let expected = &workload.expected_public_inputs(&input).unwrap()[..4];
			assert_eq!(
				&<Verifier as ProofVerifier<AccountId>>::input_commitment(&words)[..],
				expected
			);
		}
	});
}

/// `try_state` holds through registering and unregistering, and catches a
/// record that disagrees with its bytes or its deposit.
#[test]
fn the_invariants_hold_and_catch_a_broken_record() {
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		let circuit = register(1, &verifier_data);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		Circuits::<Test>::mutate(circuit, |info| info.as_mut().unwrap().deposit += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
		Circuits::<Test>::mutate(circuit, |info| info.as_mut().unwrap().deposit -= 1);
		Circuits::<Test>::mutate(circuit, |info| info.as_mut().unwrap().size += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
		Circuits::<Test>::mutate(circuit, |info| info.as_mut().unwrap().size -= 1);
		Circuits::<Test>::mutate(circuit, |info| info.as_mut().unwrap().gates += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
		Circuits::<Test>::mutate(circuit, |info| info.as_mut().unwrap().gates -= 1);
		assert_ok!(Verifier::unregister_circuit(RuntimeOrigin::signed(1), circuit));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

/// Version 0 records gain the gate count of their verifier data.
#[test]
fn migrating_to_v1_counts_each_circuits_gates() {
	use crate::migrations::{v0, MigrateV0ToV1};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		let (verifier_data, _) = cubic_circuit_proof(3, false);
		let circuit = register(1, &verifier_data);
		let crafted = register(2, include_bytes!("../../fixtures/crafted-32.vd"));
		let expected: Vec<_> =
			[circuit, crafted].into_iter().map(|id| Circuits::<Test>::get(id).unwrap()).collect();
		for info in &expected {
			let old = v0::CircuitInfo {
				owner: info.owner,
				deposit: info.deposit,
				degree_bits: info.degree_bits,
				fri_queries: info.fri_queries,
				public_inputs: info.public_inputs,
				size: info.size,
				users: info.users,
			};
			let id = if info.owner == 1 { circuit } else { crafted };
			frame_support::storage::unhashed::put_raw(
				&Circuits::<Test>::hashed_key_for(id),
				&old.encode(),
			);
		}
		StorageVersion::new(0).put::<crate::Pallet<Test>>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), 1);
		assert_eq!(Circuits::<Test>::get(circuit).unwrap(), expected[0]);
		assert_eq!(Circuits::<Test>::get(crafted).unwrap(), expected[1]);
		assert_eq!(expected[1].gates, MAX_GATES as u32);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn the_verifier_hash_is_the_one_the_aggregation_circuits_compute() {
	new_test_ext().execute_with(|| {
		let workload = Workload::for_degree(WorkloadKind::PoseidonChain, 12).unwrap();
		let handle = workload.build().unwrap();
		let bytes = handle.verifier_data_bytes().unwrap();
		let circuit = register(1, &bytes);
		let parsed = crate::verifier::parse_circuit(&bytes, &Limits::default()).unwrap().0;
		let expected = prova_circuits::aggregation::verifier_hash(&parsed.verifier_only);
		assert_eq!(<Verifier as ProofVerifier<AccountId>>::verifier_hash(&circuit), Some(expected));
		// Another circuit has another hash; an unknown one has none.
		let (other, _) = cubic_circuit_proof(3, false);
		let other = register(1, &other);
		assert_ne!(<Verifier as ProofVerifier<AccountId>>::verifier_hash(&other), Some(expected));
		assert_eq!(
			<Verifier as ProofVerifier<AccountId>>::verifier_hash(&H256::repeat_byte(9)),
			None
		);
	});
}
