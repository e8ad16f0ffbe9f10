//! The order book: posting and cancelling asks, matching in price-time
//! priority at the ask's price, partial capacity, expiry, unbacked asks and
//! the fallbacks of a request nothing crosses.

use super::*;
use crate::{Book, Error, Event, Fallback, Mechanism, Terms};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::market::ServiceScope;

const REQUESTER: AccountId = 10;
const FEE: Balance = 1_000;

fn book_terms(fallback: Fallback) -> Terms<u64, Balance> {
	Terms { mechanism: Mechanism::Book { fallback }, latency: None, settlement: Default::default() }
}

/// Submits a book request for the chain fixture's first input with a
/// 10-block deadline and `fee`.
fn submit_book(fee: Balance, fallback: Fallback) -> Result<RequestId, sp_runtime::DispatchError> {
	let id = crate::NextRequestId::<Test>::get();
	Market::submit_request_with_terms(
		RuntimeOrigin::signed(REQUESTER),
		CHAIN.circuit(),
		BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
		fee,
		10,
		anyone(),
		book_terms(fallback),
	)
	.map(|_| id)
}

fn any_circuit() -> ServiceScope {
	ServiceScope::Any { max_degree_bits: 20 }
}

/// `prover` posts an ask of `price` per unit for `units` units, a 5-block
/// deadline, standing 20 blocks.
fn post(prover: AccountId, price: Balance, units: u64) -> u64 {
	let id = crate::NextAskId::<Test>::get();
	assert_ok!(Market::post_ask(RuntimeOrigin::signed(prover), any_circuit(), price, units, 5, 20));
	id
}

fn book_prices() -> Vec<(AccountId, Balance)> {
	Book::<Test>::get().iter().map(|ask| (ask.prover, ask.price)).collect()
}

fn setup() {
	for prover in 5..=7 {
		register_prover(prover, MIN_BOND, 10);
	}
	list(1, &CHAIN);
}

#[test]
fn the_best_ask_matches_at_once_at_its_price_earliest_first_among_equals() {
	run_test(|| {
		setup();
		post(5, 300, 10);
		let early = post(6, 200, 10);
		post(7, 200, 10);
		assert_eq!(book_prices(), vec![(6, 200), (7, 200), (5, 300)]);
		let before = total(REQUESTER);

		let id = submit_book(FEE, Fallback::Expire).unwrap();
		// Locked in the block it arrived in, with 6's earlier ask at its price.
		assert!(matches!(
			status(id),
			RequestStatus::Locked { prover: 6, price: 200, deadline: 11, locked_at: 1, .. }
		));
		assert!(market_events().contains(&Event::AskMatched {
			ask: early,
			request: id,
			prover: 6,
			price: 200
		}));
		assert_eq!(collateral(6), 400);
		// 6's ask keeps its remaining units and its place.
		assert_eq!(Book::<Test>::get()[0].units, 9);
		prove(6, id, &CHAIN, 0);
		assert_eq!(total(REQUESTER), before - 200);
	});
}

#[test]
fn an_ask_offers_its_units_and_leaves_the_book_when_they_are_used() {
	run_test(|| {
		setup();
		post(5, 100, 1);
		post(6, 150, 5);
		let first = submit_book(FEE, Fallback::Expire).unwrap();
		let second = submit_book(FEE, Fallback::Expire).unwrap();
		assert!(matches!(status(first), RequestStatus::Locked { prover: 5, price: 100, .. }));
		// 5's single unit is used: the next request takes the next price.
		assert!(matches!(status(second), RequestStatus::Locked { prover: 6, price: 150, .. }));
		assert_eq!(book_prices(), vec![(6, 150)]);
	});
}

#[test]
fn nothing_crosses_a_request_that_pays_too_little_or_asks_too_fast() {
	run_test(|| {
		setup();
		post(5, 300, 10);
		// Below the ask: refused outright with the expiry fallback, untouched.
		assert_noop!(submit_book(299, Fallback::Expire), Error::<Test>::NoCrossingAsk);
		// With the election fallback it is queued and elected next block at an ask.
		let id = submit_book(299, Fallback::Election).unwrap();
		assert_eq!(status(id), RequestStatus::Queued { since: 1 });
		next_block();
		assert!(matches!(status(id), RequestStatus::Offered { price: 10, .. }));
		// A cheaper ask committing to 20 blocks does not match a 10-block request.
		assert_ok!(Market::post_ask(RuntimeOrigin::signed(6), any_circuit(), 1, 10, 20, 20));
		let fast = submit_book(FEE, Fallback::Expire).unwrap();
		assert!(matches!(status(fast), RequestStatus::Locked { prover: 5, price: 300, .. }));
	});
}

#[test]
fn expired_asks_and_asks_their_prover_cannot_back_leave_the_book() {
	run_test(|| {
		setup();
		let stale = post(5, 50, 10);
		run_to_block(21);
		let unbacked = post(6, 60, 10);
		post(7, 70, 10);
		// 6 moves away what it would hold as collateral.
		let spendable = free(6) - ED - 1;
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(6), 19, spendable));
		let id = submit_book(FEE, Fallback::Expire).unwrap();
		assert!(matches!(status(id), RequestStatus::Locked { prover: 7, price: 70, .. }));
		let events = market_events();
		assert!(events.contains(&Event::AskRemoved { ask: stale, expired: true }));
		assert!(events.contains(&Event::AskRemoved { ask: unbacked, expired: false }));
		assert_eq!(book_prices(), vec![(7, 70)]);
	});
}

#[test]
fn asks_are_refused_from_non_provers_beyond_the_bounds_and_cancelled_only_by_their_prover() {
	run_test(|| {
		setup();
		let ask = |who, units, deadline, lifetime| {
			Market::post_ask(
				RuntimeOrigin::signed(who),
				any_circuit(),
				10,
				units,
				deadline,
				lifetime,
			)
		};
		assert_noop!(ask(REQUESTER, 1, 5, 5), Error::<Test>::NotQualified);
		assert_noop!(ask(5, 0, 5, 5), Error::<Test>::NoUnits);
		assert_noop!(ask(5, 1, 5, 0), Error::<Test>::AskLifetimeOutOfRange);
		assert_noop!(ask(5, 1, 5, 101), Error::<Test>::AskLifetimeOutOfRange);
		assert_noop!(ask(5, 1, 1, 5), Error::<Test>::DeadlineTooShort);
		assert_noop!(ask(5, 1, 101, 5), Error::<Test>::DeadlineTooLong);
		let first = post(5, 10, 1);
		post(5, 11, 1);
		assert_noop!(ask(5, 1, 5, 5), Error::<Test>::TooManyAsks);
		assert_noop!(
			Market::cancel_ask(RuntimeOrigin::signed(6), first),
			Error::<Test>::NotAskOwner
		);
		assert_ok!(Market::cancel_ask(RuntimeOrigin::signed(5), first));
		assert_noop!(
			Market::cancel_ask(RuntimeOrigin::signed(5), first),
			Error::<Test>::UnknownAsk
		);
		assert_eq!(book_prices(), vec![(5, 11)]);
	});
}

#[test]
fn a_full_book_takes_no_more_asks_until_some_expire() {
	run_test(|| {
		for prover in 2..=6 {
			register_prover(prover, MIN_BOND, 10);
		}
		for prover in 2..=4 {
			post(prover, 10, 1);
			assert_ok!(Market::post_ask(RuntimeOrigin::signed(prover), any_circuit(), 10, 1, 5, 5));
		}
		assert_eq!(Book::<Test>::get().len() as u32, MAX_ASKS);
		assert_noop!(
			Market::post_ask(RuntimeOrigin::signed(5), any_circuit(), 1, 1, 5, 5),
			Error::<Test>::BookFull
		);
		// The three 5-block asks expire and make room.
		run_to_block(6);
		post(5, 1, 1);
		assert_eq!(Book::<Test>::get().len(), 4);
	});
}

/// A prover cannot use the book to take a job it failed before.
#[test]
fn a_prover_that_failed_the_request_is_not_matched_again() {
	run_test(|| {
		setup();
		post(5, 10, 10);
		post(6, 20, 10);
		let id = submit_book(FEE, Fallback::Election).unwrap();
		assert!(matches!(status(id), RequestStatus::Locked { prover: 5, .. }));
		// 5 misses its deadline; the request goes to the election, never to 5.
		run_to_block(11);
		assert!(matches!(status(id), RequestStatus::Offered { prover, .. } if prover != 5));
	});
}
