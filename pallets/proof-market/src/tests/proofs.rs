//! Proofs and settlement: the full lifecycle with every balance checked, and
//! every way a proof submission can go wrong.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::proofs::VerifyError;

/// Requester, prover, delegator and circuit owner of the lifecycle tests.
const REQUESTER: AccountId = 10;
const PROVER: AccountId = 5;
const DELEGATOR: AccountId = 3;
const OWNER: AccountId = 1;

#[test]
fn submit_assign_prove_settle_with_every_balance_exact() {
	run_test(|| {
		// A prover asking 1,000 per unit with 10% commission, backed 1:1 by a delegator.
		register_prover(PROVER, MIN_BOND, 1_000);
		assert_ok!(Provers::delegate(RuntimeOrigin::signed(DELEGATOR), PROVER, MIN_BOND));
		// The delegation is active once warmed up.
		run_to_block(1 + WARMUP);
		let circuit = list(OWNER, &CHAIN);
		let owner_deposit = 1_000 + CHAIN.verifier_data.len() as u128;
		let pot = pallet_provers::asset::reward_pot::<Test>();
		let pot_before = free(pot);

		let id = submit(REQUESTER, &CHAIN, 0, 5_000);
		assert_eq!(
			(free(REQUESTER), escrowed(REQUESTER), deposits(REQUESTER)),
			(ENDOWMENT - 5_000 - REQUEST_DEPOSIT, 5_000, REQUEST_DEPOSIT)
		);
		next_block();
		assert_eq!(assignee(id), PROVER);
		// Locking held twice the price as collateral from the prover's free balance.
		assert_eq!(collateral(PROVER), 2_000);
		prove(PROVER, id, &CHAIN, 0);

		let output = CHAIN.proofs[0].1[4..].to_vec();
		assert_eq!(
			status(id),
			RequestStatus::Fulfilled {
				prover: PROVER,
				price: 1_000,
				output: BoundedVec::try_from(output).unwrap(),
				at: 2 + WARMUP,
			}
		);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestFulfilled {
				request: id,
				prover: PROVER,
				price: 1_000,
				refunded: 4_000
			})
		);
		// Requester: paid exactly the price; nothing left on hold.
		assert_eq!(
			(free(REQUESTER), escrowed(REQUESTER), deposits(REQUESTER)),
			(ENDOWMENT - 1_000, 0, 0)
		);
		// Prover: 10% commission (100) plus half of the remaining 900 for its
		// self-bond; its collateral is back.
		assert_eq!(free(PROVER), ENDOWMENT - MIN_BOND + 550);
		assert_eq!(collateral(PROVER), 0);
		assert_eq!(bonded(PROVER), MIN_BOND);
		// Delegator: the other 450, in the pot until claimed.
		assert_eq!(free(pot), pot_before + 450);
		assert_ok!(Provers::claim_rewards(RuntimeOrigin::signed(DELEGATOR), PROVER));
		assert_eq!(free(DELEGATOR), ENDOWMENT - MIN_BOND + 450);
		assert_eq!(free(pot), pot_before);
		// Treasury and owner untouched; the owner's deposit is still held.
		assert_eq!(free(TREASURY), ED);
		assert_eq!(free(OWNER), ENDOWMENT - owner_deposit);
		// Reputation, capacity, and the circuit's use count.
		assert_eq!((reputation(PROVER).fulfilled, in_use(PROVER)), (1, 0));
		// The listing is the circuit's only use left.
		assert_eq!(pallet_plonky2_verifier::Circuits::<Test>::get(circuit).unwrap().users, 1);
		assert!(Market::jobs(PROVER).is_empty());
	});
}

/// Two provers asking 10, a request for `CHAIN` input 0 with fee 100, locked;
/// returns `(request, locker, the other prover)`.
fn assigned_between_two() -> (RequestId, AccountId, AccountId) {
	register_prover(5, MIN_BOND, 10);
	register_prover(6, MIN_BOND, 10);
	list(OWNER, &CHAIN);
	let id = submit(REQUESTER, &CHAIN, 0, 100);
	next_block();
	let first = assignee(id);
	(id, first, if first == 5 { 6 } else { 5 })
}

/// The collateral of a job at price 10 (the floor) and what a failure of it
/// pays the requester: half, capped at the price.
const COLLATERAL: Balance = MIN_COLLATERAL;
const COMPENSATED: Balance = 10;

/// Checks that `prover` was punished for an invalid proof on `id` with
/// `reason` (its collateral forfeited, the price of it to the requester; the
/// backing slash wholly to the treasury), and `id` queued again.
fn assert_rejected(id: RequestId, prover: AccountId, reason: VerifyError) {
	let slashed = INVALID_SLASH * MIN_BOND;
	assert_eq!(
		market_events().last(),
		Some(&Event::ProofRejected {
			request: id,
			prover,
			reason,
			collateral: COLLATERAL,
			compensated: COMPENSATED,
			slashed
		})
	);
	assert_eq!(bonded(prover), MIN_BOND - slashed);
	assert_eq!(collateral(prover), 0);
	assert_eq!(free(TREASURY), ED + slashed + COLLATERAL - COMPENSATED);
	assert_eq!(
		(free(REQUESTER), escrowed(REQUESTER), deposits(REQUESTER)),
		(ENDOWMENT - 100 - REQUEST_DEPOSIT + COMPENSATED, 100, REQUEST_DEPOSIT)
	);
	assert_eq!((reputation(prover).invalid, in_use(prover)), (1, 0));
	let request = Requests::<Test>::get(id).unwrap();
	assert_eq!(request.failed.into_inner(), vec![prover]);
	assert_eq!(request.compensated, COMPENSATED);
	assert_eq!(request.status, RequestStatus::Queued { since: 2 });
}

#[test]
fn an_invalid_proof_forfeits_collateral_is_slashed_and_the_request_offered_to_another() {
	run_test(|| {
		let (id, cheat, honest) = assigned_between_two();
		// The proof of another input: its public inputs do not bind this request.
		prove(cheat, id, &CHAIN, 1);
		assert_rejected(id, cheat, VerifyError::PublicInputsMismatch);
		next_block();
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestOffered {
				request: id,
				prover: honest,
				price: 10,
				lock_by: 3 + LOCK_WINDOW,
				attempt: 2
			})
		);
		prove(assignee(id), id, &CHAIN, 0);
		assert!(matches!(status(id), RequestStatus::Fulfilled { prover, .. } if prover == honest));
		// Paid the honest price, got the price back out of the cheat's
		// collateral; the cheat's backing slash went to the treasury.
		assert_eq!(
			(free(REQUESTER), escrowed(REQUESTER), deposits(REQUESTER)),
			(ENDOWMENT - 10 + COMPENSATED, 0, 0)
		);
	});
}

#[test]
fn a_tampered_proof_with_binding_public_inputs_is_rejected_by_the_verifier() {
	run_test(|| {
		let (id, cheat, _) = assigned_between_two();
		let (_, public_inputs, proof) = &CHAIN.proofs[0];
		let mut tampered = proof.clone();
		let middle = tampered.len() / 2;
		tampered[middle] ^= 0x01;
		assert_ok!(submit_proof(cheat, id, public_inputs.clone(), tampered));
		let Some(Event::ProofRejected { reason, .. }) = market_events().last().cloned() else {
			panic!("the proof was not rejected");
		};
		assert!(matches!(reason, VerifyError::InvalidProof | VerifyError::MalformedProof));
		assert_rejected(id, cheat, reason);
	});
}

#[test]
fn a_claimed_output_other_than_the_proved_one_is_rejected() {
	run_test(|| {
		let (id, cheat, _) = assigned_between_two();
		let (_, public_inputs, proof) = &CHAIN.proofs[0];
		let mut claimed = public_inputs.clone();
		*claimed.last_mut().unwrap() ^= 1;
		assert_ok!(submit_proof(cheat, id, claimed, proof.clone()));
		assert_rejected(id, cheat, VerifyError::PublicInputsMismatch);
	});
}

#[test]
fn a_proof_of_another_circuit_is_rejected() {
	run_test(|| {
		let (id, cheat, _) = assigned_between_two();
		let (_, _, other_proof) = &FIBONACCI.proofs[0];
		// Public inputs binding this request, with a proof made for another circuit.
		assert_ok!(submit_proof(cheat, id, CHAIN.proofs[0].1.clone(), other_proof.clone()));
		let Some(Event::ProofRejected { reason, .. }) = market_events().last().cloned() else {
			panic!("the proof was not rejected");
		};
		assert_rejected(id, cheat, reason);
	});
}

#[test]
fn only_the_locker_may_submit_and_only_once() {
	run_test(|| {
		let (id, assignee, other) = assigned_between_two();
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();
		// A proof copied from the pool by another prover is refused, not paid.
		assert_noop!(
			submit_proof(other, id, public_inputs.clone(), proof.clone()),
			Error::<Test>::NotLocker
		);
		assert_noop!(
			submit_proof(REQUESTER, id, public_inputs.clone(), proof.clone()),
			Error::<Test>::NotLocker
		);
		prove(assignee, id, &CHAIN, 0);
		assert_noop!(
			submit_proof(assignee, id, public_inputs.clone(), proof.clone()),
			Error::<Test>::RequestEnded
		);
		assert_noop!(
			submit_proof(assignee, 99, public_inputs, proof),
			Error::<Test>::UnknownRequest
		);
	});
}

#[test]
fn a_queued_or_offered_request_takes_no_proof() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(OWNER, &CHAIN);
		let id = submit(REQUESTER, &CHAIN, 0, 100);
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();
		assert_noop!(
			submit_proof(5, id, public_inputs.clone(), proof.clone()),
			Error::<Test>::NotLocked
		);
		next_block();
		assert_eq!(offered_to(id), 5);
		assert_noop!(submit_proof(5, id, public_inputs, proof), Error::<Test>::NotLocked);
	});
}

#[test]
fn every_attempt_invalid_expires_the_request_with_its_fee_and_deposit_refunded() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 10);
		}
		list(OWNER, &CHAIN);
		let id = submit(REQUESTER, &CHAIN, 0, 100);
		for _ in 0..MAX_ATTEMPTS {
			next_block();
			prove(assignee(id), id, &CHAIN, 2);
		}
		assert!(matches!(status(id), RequestStatus::Expired { .. }));
		let compensated = 3 * COMPENSATED;
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestExpired { request: id, refunded: 100, compensated, forfeited: 0 })
		);
		// Three failures paid the requester the price it offered each time, out
		// of the failing provers' collateral, never out of their backing.
		assert_eq!(
			(free(REQUESTER), escrowed(REQUESTER), deposits(REQUESTER)),
			(ENDOWMENT + compensated, 0, 0)
		);
		let slashed = INVALID_SLASH * MIN_BOND;
		assert_eq!(free(TREASURY), ED + 3 * (slashed + COLLATERAL) - compensated);
	});
}

/// The assignee's valid proof costs it no transaction fee (`Pays::No`, with
/// the weight it used); an invalid one pays what it used; a proof refused
/// before verification (not the assignee) pays its full declared weight.
#[test]
fn a_valid_proof_is_free_an_invalid_one_pays_its_actual_weight() {
	use frame_support::dispatch::{GetDispatchInfo, Pays};
	run_test(|| {
		let (id, first, second) = assigned_between_two();
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();
		let call = crate::Call::<Test>::submit_proof {
			request: id,
			public_inputs: BoundedVec::try_from(public_inputs.clone()).unwrap(),
			proof: BoundedVec::try_from(proof.clone()).unwrap(),
		};
		let declared = call.get_dispatch_info().call_weight;

		let refused = submit_proof(second, id, public_inputs.clone(), proof.clone()).unwrap_err();
		assert_eq!(refused.post_info.actual_weight, None);
		assert_eq!(refused.post_info.pays_fee, Pays::Yes);

		let (_, other_inputs, other_proof) = CHAIN.proofs[1].clone();
		let invalid = submit_proof(first, id, other_inputs, other_proof).unwrap();
		assert_eq!(invalid.pays_fee, Pays::Yes);
		assert!(invalid.actual_weight.unwrap().all_lte(declared));

		next_block();
		assert_eq!(assignee(id), second);
		let valid = submit_proof(second, id, public_inputs, proof).unwrap();
		assert_eq!(valid.pays_fee, Pays::No);
		assert!(valid.actual_weight.unwrap().all_lte(declared));
	});
}
