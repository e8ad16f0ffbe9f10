//! Submitting requests, refusing bad ones (spam included), deposits,
//! cancelling, and retention.

use super::*;
use crate::{Error, Event, OpenRequests, Queue};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

fn try_submit(
	requester: AccountId,
	circuit: CircuitId,
	input: Vec<u8>,
	max_fee: Balance,
	deadline: u64,
) -> frame_support::dispatch::DispatchResult {
	Market::submit_request(
		RuntimeOrigin::signed(requester),
		circuit,
		BoundedVec::try_from(input).expect("fits"),
		max_fee,
		deadline,
		anyone(),
	)
}

#[test]
fn a_request_holds_its_fee_and_waits_in_the_queue() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 250);
		assert_eq!(id, 0);
		assert_eq!((escrowed(10), deposits(10)), (250, REQUEST_DEPOSIT));
		assert_eq!(free(10), ENDOWMENT - 250 - REQUEST_DEPOSIT);
		assert_eq!(crate::OpenRequestsOf::<Test>::get(10), 1);
		assert_eq!(status(id), RequestStatus::Queued { since: 1 });
		assert_eq!(Queue::<Test>::get().into_inner(), vec![id]);
		assert_eq!(OpenRequests::<Test>::get(), 1);
		assert_eq!(crate::Listings::<Test>::get(circuit).unwrap().open_requests, 1);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestSubmitted {
				request: id,
				requester: 10,
				circuit,
				max_fee: 250,
				deposit: REQUEST_DEPOSIT,
				terms: crate::Terms::default(),
			})
		);
		// The next request gets the next id.
		assert_eq!(submit(11, &CHAIN, 1, 250), 1);
	});
}

#[test]
fn refuses_unknown_and_unlisted_circuits() {
	run_test(|| {
		let input = CHAIN.proofs[0].0.clone();
		assert_noop!(
			try_submit(10, CHAIN.circuit(), input.clone(), 100, 10),
			Error::<Test>::UnknownCircuit
		);
		assert_ok!(Verifier::register_circuit(
			RuntimeOrigin::signed(1),
			BoundedVec::try_from(CHAIN.verifier_data.clone()).unwrap()
		));
		assert_noop!(try_submit(10, CHAIN.circuit(), input, 100, 10), Error::<Test>::NotListed);
	});
}

#[test]
fn refuses_inputs_the_circuit_cannot_accept() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		let good = CHAIN.proofs[0].0.clone();
		// Not whole 8-byte words.
		let mut ragged = good.clone();
		ragged.pop();
		assert_noop!(try_submit(10, circuit, ragged, 100, 10), Error::<Test>::MalformedInput);
		// A word at or above the Goldilocks modulus.
		let mut non_canonical = good.clone();
		non_canonical[..8].copy_from_slice(&crate::GOLDILOCKS_ORDER.to_le_bytes());
		assert_noop!(
			try_submit(10, circuit, non_canonical, 100, 10),
			Error::<Test>::MalformedInput
		);
		// One element too many, and none at all.
		let mut long = good.clone();
		long.extend_from_slice(&7u64.to_le_bytes());
		assert_noop!(try_submit(10, circuit, long, 100, 10), Error::<Test>::WrongInputLength);
		assert_noop!(try_submit(10, circuit, vec![], 100, 10), Error::<Test>::WrongInputLength);
		assert_ok!(try_submit(10, circuit, good, 100, 10));
	});
}

#[test]
fn refuses_deadlines_outside_the_bounds() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		let input = CHAIN.proofs[0].0.clone();
		assert_noop!(
			try_submit(10, circuit, input.clone(), 100, 1),
			Error::<Test>::DeadlineTooShort
		);
		assert_noop!(
			try_submit(10, circuit, input.clone(), 100, 101),
			Error::<Test>::DeadlineTooLong
		);
		assert_ok!(try_submit(10, circuit, input.clone(), 100, 2));
		assert_ok!(try_submit(10, circuit, input, 100, 100));
	});
}

#[test]
fn refuses_a_fee_below_the_cheapest_qualifying_ask() {
	run_test(|| {
		let circuit = list(1, &CHAIN);
		let input = CHAIN.proofs[0].0.clone();
		register_prover(5, MIN_BOND, 40);
		register_prover(6, MIN_BOND, 30);
		assert_noop!(
			try_submit(10, circuit, input.clone(), 29, 10),
			Error::<Test>::FeeBelowCheapestAsk
		);
		assert_ok!(try_submit(10, circuit, input.clone(), 30, 10));
		// A prover the request's requirements exclude does not lower the bar.
		register_prover(7, MIN_BOND, 1);
		let strict =
			prova_primitives::market::RequestRequirements { min_stake: MIN_BOND + 1, ..anyone() };
		assert_ok!(pallet_provers::Pallet::<Test>::bond_more(RuntimeOrigin::signed(6), 1));
		assert_noop!(
			Market::submit_request(
				RuntimeOrigin::signed(10),
				circuit,
				BoundedVec::try_from(input.clone()).unwrap(),
				29,
				10,
				strict
			),
			Error::<Test>::FeeBelowCheapestAsk
		);
		assert_ok!(Market::submit_request(
			RuntimeOrigin::signed(10),
			circuit,
			BoundedVec::try_from(input).unwrap(),
			30,
			10,
			strict
		));
	});
}

/// Attack: fill the market with free requests nobody can serve. Requirements
/// no registered prover meets used to skip the fee check, so `max_fee = 0`
/// requests blocked everyone else until they expired.
#[test]
fn spam_nobody_could_serve_is_refused_whatever_its_fee() {
	run_test(|| {
		let circuit = list(1, &CHAIN);
		let input = CHAIN.proofs[0].0.clone();
		// No prover at all.
		assert_noop!(
			try_submit(10, circuit, input.clone(), 0, 10),
			Error::<Test>::NoQualifiedProver
		);
		// Provers exist, but none has the hardware asked for.
		register_prover(5, MIN_BOND, 10);
		let gpu = prova_primitives::market::RequestRequirements {
			hardware: prova_primitives::market::HardwareClass {
				gpu: prova_primitives::market::GpuClass::Datacenter,
				..cpu_box()
			},
			..anyone()
		};
		assert_noop!(
			Market::submit_request(
				RuntimeOrigin::signed(10),
				circuit,
				BoundedVec::try_from(input.clone()).unwrap(),
				0,
				10,
				gpu
			),
			Error::<Test>::NoQualifiedProver
		);
		// What someone could serve must pay at least the cheapest ask.
		assert_noop!(try_submit(10, circuit, input, 0, 10), Error::<Test>::FeeBelowCheapestAsk);
		assert_eq!((free(10), OpenRequests::<Test>::get()), (ENDOWMENT, 0));
	});
}

/// A request that expires without ever being assigned forfeits its deposit to
/// the treasury; its fee comes back.
#[test]
fn a_request_never_offered_forfeits_its_deposit_on_expiry() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		// The only prover stops taking work before the request is offered.
		assert_ok!(Provers::chill(RuntimeOrigin::signed(5)));
		run_to_block(1 + QUEUE_WAIT);
		assert_eq!(status(id), RequestStatus::Expired { at: 1 + QUEUE_WAIT });
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestExpired {
				request: id,
				refunded: 100,
				compensated: 0,
				forfeited: REQUEST_DEPOSIT
			})
		);
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT - REQUEST_DEPOSIT, 0, 0));
		assert_eq!(free(TREASURY), ED + REQUEST_DEPOSIT);
		assert_eq!(crate::OpenRequestsOf::<Test>::get(10), 0);
	});
}

#[test]
fn refuses_a_fee_the_requester_cannot_hold() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		let input = CHAIN.proofs[0].0.clone();
		assert_noop!(
			try_submit(10, circuit, input.clone(), ENDOWMENT, 10),
			TokenError::FundsUnavailable
		);
		// The fee fits, the deposit beside it does not.
		assert_noop!(
			try_submit(10, circuit, input, ENDOWMENT - REQUEST_DEPOSIT + 1, 10),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn refuses_requests_beyond_the_open_limit() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		for i in 0..MAX_OPEN {
			submit(10 + (i / MAX_OPEN_PER_ACCOUNT) as AccountId, &CHAIN, 0, 10);
		}
		assert_noop!(
			try_submit(12, circuit, CHAIN.proofs[0].0.clone(), 10, 10),
			Error::<Test>::MarketFull
		);
		assert_ok!(Market::cancel_request(RuntimeOrigin::signed(10), 3));
		assert_ok!(try_submit(12, circuit, CHAIN.proofs[0].0.clone(), 10, 10));
	});
}

#[test]
fn one_account_holds_at_most_its_share_of_open_requests() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		for _ in 0..MAX_OPEN_PER_ACCOUNT {
			submit(10, &CHAIN, 0, 10);
		}
		assert_noop!(
			try_submit(10, circuit, CHAIN.proofs[0].0.clone(), 10, 10),
			Error::<Test>::TooManyOpenRequests
		);
		// Others still get in, and an ended request frees the requester's room.
		assert_ok!(try_submit(11, circuit, CHAIN.proofs[0].0.clone(), 10, 10));
		assert_ok!(Market::cancel_request(RuntimeOrigin::signed(10), 0));
		assert_eq!(crate::OpenRequestsOf::<Test>::get(10), MAX_OPEN_PER_ACCOUNT - 1);
		assert_ok!(try_submit(10, circuit, CHAIN.proofs[0].0.clone(), 10, 10));
	});
}

#[test]
fn cancelling_before_assignment_refunds_in_full() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let first = submit(10, &CHAIN, 0, 300);
		let second = submit(10, &CHAIN, 1, 200);
		assert_noop!(
			Market::cancel_request(RuntimeOrigin::signed(11), first),
			Error::<Test>::NotRequester
		);
		assert_ok!(Market::cancel_request(RuntimeOrigin::signed(10), first));
		assert_eq!(status(first), RequestStatus::Cancelled { at: 1 });
		assert_eq!((escrowed(10), deposits(10)), (200, REQUEST_DEPOSIT));
		assert_eq!(free(10), ENDOWMENT - 200 - REQUEST_DEPOSIT);
		assert_eq!(Queue::<Test>::get().into_inner(), vec![second]);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestCancelled { request: first, refunded: 300 })
		);
		assert_noop!(
			Market::cancel_request(RuntimeOrigin::signed(10), first),
			Error::<Test>::RequestEnded
		);
		assert_noop!(
			Market::cancel_request(RuntimeOrigin::signed(10), 77),
			Error::<Test>::UnknownRequest
		);
	});
}

#[test]
fn cancelling_after_a_lock_is_refused() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		assert_eq!(assignee(id), 5);
		assert_noop!(
			Market::cancel_request(RuntimeOrigin::signed(10), id),
			Error::<Test>::AlreadyLocked
		);
	});
}

/// Once offered, a request stays: its election seed was public a block
/// before the offer, so cancel-and-resubmit would let a requester steer it to
/// a prover of its choosing (its own, to buy reputation).
#[test]
fn cancelling_an_offered_request_is_refused() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		assert_eq!(offered_to(id), 5);
		assert_noop!(
			Market::cancel_request(RuntimeOrigin::signed(10), id),
			Error::<Test>::AlreadyOffered
		);
	});
}

#[test]
fn ended_requests_stay_readable_for_the_retention_period() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		assert_ok!(Market::cancel_request(RuntimeOrigin::signed(10), id));
		run_to_block(1 + RETENTION - 1);
		assert!(Market::request(id).is_some());
		next_block();
		assert!(Market::request(id).is_none());
		assert_eq!(crate::RetiringRange::<Test>::get(), (1, 1));
	});
}
