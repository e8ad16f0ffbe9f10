//! The QoS router: the article's requester profiles routed by the policy
//! table and the market's state, measured statistics taking over the
//! grades, and the quote of every mechanism side by side.

use super::*;
use crate::{Event, Fallback, Mechanism, MechanismKind, MechanismStats, Qos, Stats, ROUTABLE};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::market::ServiceScope;

const REQUESTER: AccountId = 10;
const FEE: Balance = 1_000;

/// The trading bot of the market-of-mechanisms article.
const SPEED_FIRST: Qos = Qos { speed: 10, cost: 3, safety: 1, censorship_resistance: 1 };
/// Its cost-only batch user.
const COST_FIRST: Qos = Qos { speed: 2, cost: 10, safety: 3, censorship_resistance: 1 };
/// A censorship-sensitive application.
const CR_FIRST: Qos = Qos { speed: 1, cost: 1, safety: 1, censorship_resistance: 10 };

fn submit_qos(qos: Qos) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(Market::submit_request_with_qos(
		RuntimeOrigin::signed(REQUESTER),
		CHAIN.circuit(),
		BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
		FEE,
		10,
		anyone(),
		qos,
	));
	id
}

fn routed(id: RequestId) -> crate::Mechanism<u64, Balance> {
	market_events()
		.into_iter()
		.find_map(|event| match event {
			Event::RequestRouted { request, mechanism } if request == id => Some(mechanism),
			_ => None,
		})
		.expect("the route is announced")
}

fn provers(count: AccountId) {
	for prover in 5..5 + count {
		register_prover(prover, MIN_BOND, 10);
	}
	list(1, &CHAIN);
}

#[test]
fn a_speed_first_request_takes_the_book_or_a_dutch_auction_and_a_cost_first_one_an_auction() {
	run_test(|| {
		provers(3);
		// No ask on the book: the fastest available is the Dutch auction,
		// starting at the cheapest qualified ask.
		let fast = submit_qos(SPEED_FIRST);
		assert_eq!(routed(fast), Mechanism::Dutch { floor: 10, ramp_blocks: 10 });
		assert!(matches!(status(fast), RequestStatus::Dutch { .. }));
		let cheap = submit_qos(COST_FIRST);
		let auction =
			Mechanism::SealedBid { bid_blocks: 3, reveal_blocks: 3, fallback: Fallback::Election };
		assert_eq!(routed(cheap), auction);
		assert_eq!(Requests::<Test>::get(cheap).unwrap().terms.mechanism, auction);
		let open = submit_qos(CR_FIRST);
		assert_eq!(routed(open), Mechanism::Election);

		// With a crossing ask the speed-first request locks at once on the book.
		assert_ok!(Market::post_ask(
			RuntimeOrigin::signed(6),
			ServiceScope::Any { max_degree_bits: 20 },
			40,
			5,
			5,
			20
		));
		let faster = submit_qos(SPEED_FIRST);
		assert_eq!(routed(faster), Mechanism::Book { fallback: Fallback::Election });
		assert!(matches!(status(faster), RequestStatus::Locked { prover: 6, price: 40, .. }));
	});
}

#[test]
fn without_competition_a_cost_first_request_is_not_sent_to_an_auction() {
	run_test(|| {
		provers(1);
		assert_eq!(routed(submit_qos(COST_FIRST)), Mechanism::Election);
	});
}

#[test]
fn measured_prices_and_latencies_replace_the_grades() {
	run_test(|| {
		provers(3);
		// The sealed-bid auction has been dearer and slower than the Dutch one.
		Stats::<Test>::insert(
			MechanismKind::SealedBid,
			MechanismStats { settled: 4, price_per_unit: 100, latency_blocks: 10 },
		);
		Stats::<Test>::insert(
			MechanismKind::Dutch,
			MechanismStats { settled: 4, price_per_unit: 50, latency_blocks: 5 },
		);
		assert!(matches!(routed(submit_qos(COST_FIRST)), Mechanism::Dutch { .. }));
		// Below the sample threshold nothing changes.
		Stats::<Test>::mutate(MechanismKind::Dutch, |stats| stats.as_mut().unwrap().settled = 3);
		assert!(matches!(routed(submit_qos(COST_FIRST)), Mechanism::SealedBid { .. }));
	});
}

#[test]
fn each_settlement_updates_its_mechanisms_running_means() {
	run_test(|| {
		provers(3);
		let id = submit(REQUESTER, &CHAIN, 0, FEE);
		run_to_block(3);
		let prover = assignee(id);
		prove(prover, id, &CHAIN, 0);
		// Asked 10 for one unit, proved two blocks after its submission.
		assert_eq!(
			Stats::<Test>::get(MechanismKind::Election),
			Some(MechanismStats { settled: 1, price_per_unit: 10, latency_blocks: 2 })
		);
		let second = submit(REQUESTER, &CHAIN, 0, FEE);
		run_to_block(4);
		let prover = assignee(second);
		run_to_block(13);
		prove(prover, second, &CHAIN, 0);
		// Latency 10: the mean moves an eighth of the way, 2 + ⌊8 / 8⌋.
		assert_eq!(
			Stats::<Test>::get(MechanismKind::Election),
			Some(MechanismStats { settled: 2, price_per_unit: 10, latency_blocks: 3 })
		);
	});
}

#[test]
fn the_quote_shows_every_mechanism_and_the_routers_choice() {
	run_test(|| {
		provers(3);
		let quote = Market::market_quote(CHAIN.circuit(), anyone(), 10, FEE, COST_FIRST).unwrap();
		assert_eq!((quote.work_units, quote.competitors), (1, 3));
		assert_eq!(quote.mechanisms.iter().map(|m| m.kind).collect::<Vec<_>>(), ROUTABLE.to_vec());
		let available: Vec<_> = quote.mechanisms.iter().map(|m| m.available).collect();
		assert_eq!(available, vec![true, true, true, false, true]);
		assert!(quote.mechanisms[..3].iter().all(|m| m.expected_price == Some(10)));
		assert!(matches!(quote.routed, Mechanism::SealedBid { .. }));
		assert!(Market::market_quote(FIBONACCI.circuit(), anyone(), 10, FEE, COST_FIRST).is_none());
		// A request for a circuit not listed is refused, untouched.
		assert_noop!(
			Market::submit_request_with_qos(
				RuntimeOrigin::signed(REQUESTER),
				FIBONACCI.circuit(),
				BoundedVec::new(),
				FEE,
				10,
				anyone(),
				COST_FIRST,
			),
			crate::Error::<Test>::NotListed
		);
	});
}
