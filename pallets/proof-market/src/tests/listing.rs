//! Listing circuits on the market and withdrawing them.

use super::*;
use crate::{Error, Event, Listing, Listings};
use frame_support::{assert_noop, assert_ok};
use plonky2::{
	field::types::Field,
	plonk::{
		circuit_builder::CircuitBuilder, circuit_data::CircuitConfig,
		config::PoseidonGoldilocksConfig,
	},
	util::serialization::DefaultGateSerializer,
};

fn descriptor() -> BoundedVec<u8, frame_support::traits::ConstU32<64>> {
	BoundedVec::try_from(b"poseidon_chain/1".to_vec()).unwrap()
}

fn register_only(owner: AccountId, fixture: &Fixture) -> CircuitId {
	let bytes = BoundedVec::try_from(fixture.verifier_data.clone()).unwrap();
	assert_ok!(Verifier::register_circuit(RuntimeOrigin::signed(owner), bytes));
	fixture.circuit()
}

#[test]
fn the_owner_lists_a_registered_circuit_with_its_shape() {
	run_test(|| {
		let circuit = register_only(1, &CHAIN);
		assert_ok!(Market::list_circuit(
			RuntimeOrigin::signed(1),
			circuit,
			CHAIN.input_elements,
			descriptor()
		));
		let outputs = CHAIN.proofs[0].1.len() as u32 - 4;
		assert_eq!(
			Listings::<Test>::get(circuit),
			Some(Listing {
				input_elements: CHAIN.input_elements,
				output_elements: outputs,
				work_units: 1,
				descriptor: descriptor(),
				open_requests: 0,
			})
		);
		assert_eq!(
			market_events(),
			vec![Event::CircuitListed {
				circuit,
				input_elements: CHAIN.input_elements,
				output_elements: outputs,
				work_units: 1,
			}]
		);
	});
}

#[test]
fn refuses_to_list_an_unknown_circuit_or_another_owners_circuit() {
	run_test(|| {
		assert_noop!(
			Market::list_circuit(RuntimeOrigin::signed(1), CHAIN.circuit(), 4, descriptor()),
			Error::<Test>::UnknownCircuit
		);
		let circuit = register_only(1, &CHAIN);
		assert_noop!(
			Market::list_circuit(RuntimeOrigin::signed(2), circuit, 4, descriptor()),
			Error::<Test>::NotCircuitOwner
		);
		assert_ok!(Market::list_circuit(RuntimeOrigin::signed(1), circuit, 4, descriptor()));
		assert_noop!(
			Market::list_circuit(RuntimeOrigin::signed(1), circuit, 4, descriptor()),
			Error::<Test>::AlreadyListed
		);
	});
}

#[test]
fn refuses_an_input_larger_than_requests_may_carry() {
	run_test(|| {
		let circuit = register_only(1, &CHAIN);
		// 1024 bytes at most: 128 elements.
		assert_noop!(
			Market::list_circuit(RuntimeOrigin::signed(1), circuit, 129, descriptor()),
			Error::<Test>::InputTooLarge
		);
		assert_ok!(Market::list_circuit(RuntimeOrigin::signed(1), circuit, 128, descriptor()));
	});
}

#[test]
fn refuses_a_circuit_whose_public_inputs_cannot_hold_the_input_commitment() {
	run_test(|| {
		// Valid plonky2, one public input: no room for the 4-element commitment.
		type F = plonky2::field::goldilocks_field::GoldilocksField;
		let mut builder = CircuitBuilder::<F, 2>::new(CircuitConfig::standard_recursion_config());
		let x = builder.add_virtual_target();
		let y = builder.mul_const(F::from_canonical_u64(3), x);
		builder.register_public_input(y);
		let data = builder.build::<PoseidonGoldilocksConfig>();
		let bytes = data.verifier_data().to_bytes(&DefaultGateSerializer).unwrap();
		let circuit = CircuitId::from(sp_io::hashing::blake2_256(&bytes));
		assert_ok!(Verifier::register_circuit(
			RuntimeOrigin::signed(1),
			BoundedVec::try_from(bytes).unwrap()
		));
		assert_noop!(
			Market::list_circuit(RuntimeOrigin::signed(1), circuit, 1, descriptor()),
			Error::<Test>::UnsupportedPublicInputs
		);
	});
}

#[test]
fn delisting_waits_for_open_requests_and_is_for_the_owner() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		assert_noop!(
			Market::delist_circuit(RuntimeOrigin::signed(2), circuit),
			Error::<Test>::NotCircuitOwner
		);
		assert_noop!(
			Market::delist_circuit(RuntimeOrigin::signed(1), circuit),
			Error::<Test>::ListingInUse
		);
		assert_ok!(Market::cancel_request(RuntimeOrigin::signed(10), id));
		assert_ok!(Market::delist_circuit(RuntimeOrigin::signed(1), circuit));
		assert!(Listings::<Test>::get(circuit).is_none());
		assert_noop!(
			Market::delist_circuit(RuntimeOrigin::signed(1), circuit),
			Error::<Test>::NotListed
		);
		// The verifier still knows the circuit: requests are refused as unlisted.
		assert_noop!(
			Market::submit_request(
				RuntimeOrigin::signed(10),
				circuit,
				BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
				100,
				10,
				anyone()
			),
			Error::<Test>::NotListed
		);
	});
}

/// A listed circuit cannot be unregistered (the listing would point at
/// nothing, forever); once delisted it can.
#[test]
fn a_listed_circuit_cannot_be_unregistered_until_delisted() {
	run_test(|| {
		let circuit = list(1, &CHAIN);
		assert_noop!(
			Verifier::unregister_circuit(RuntimeOrigin::signed(1), circuit),
			pallet_plonky2_verifier::Error::<Test>::CircuitInUse
		);
		assert_ok!(Market::delist_circuit(RuntimeOrigin::signed(1), circuit));
		assert_ok!(Verifier::unregister_circuit(RuntimeOrigin::signed(1), circuit));
		assert_eq!(free(1), ENDOWMENT);
	});
}
