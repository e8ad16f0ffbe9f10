//! The deadline index takes every request under its exact block, and the
//! hook handles at most `MaxDeadlinesPerBlock` (4 in the mock) entries per
//! block, carrying the rest in order into `OverdueDeadlines`. These tests
//! check the carrying, and that an entry the hook reaches late changes
//! nothing: every call refuses, once a window has ended, what it refuses
//! once the hook has handled it, with the same error.
//!
//! To make the hook late for a block `b`, [`jam`] closes eight Dutch
//! auctions at `b - 1`: the hook handles four there and the other four at
//! `b`, so whatever is due at `b` is carried to `b + 1`.

use super::{
	aggregation::{
		aggregated_terms, claim_call, claimed, root_of, settle, setup, submit_terms, AGGREGATOR,
		ASK, COLLATERAL, FEE, REQUESTER, WRAPPER,
	},
	*,
};
use crate::{Deadlines, Error, Event, Mechanism, OverdueDeadlines, Settlement, Terms};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::proofs::ProofVerifier;
use sp_runtime::Perbill;

/// The requester of the jam's Dutch auctions.
const JAMMER: AccountId = 12;
/// Requests in a jam: twice the hook's budget.
const JAM: u32 = 8;

/// `requester`'s request for the chain fixture's input `which` at `fee`
/// under `mechanism` (direct settlement), with a 10-block deadline.
fn submit_with(
	requester: AccountId,
	which: usize,
	fee: Balance,
	mechanism: Mechanism<u64, Balance>,
) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(Market::submit_request_with_terms(
		RuntimeOrigin::signed(requester),
		CHAIN.circuit(),
		BoundedVec::try_from(CHAIN.proofs[which].0.clone()).unwrap(),
		fee,
		10,
		anyone(),
		Terms { mechanism, latency: None, settlement: Settlement::Direct },
	));
	id
}

/// `requester`'s Dutch auction for the chain fixture's input `which` at
/// `fee` from a floor of 1 per unit over `ramp` blocks (it closes `ramp +
/// LOCK_WINDOW` blocks from now), with a 10-block deadline.
fn dutch(requester: AccountId, which: usize, fee: Balance, ramp: u64) -> RequestId {
	submit_with(requester, which, fee, Mechanism::Dutch { floor: 1, ramp_blocks: ramp })
}

/// Makes the hook late for `block` (at least four blocks from now): eight
/// Dutch auctions nobody takes close at `block - 1`, so the hook carries
/// four of them into `block` and spends that block's budget on them.
/// Their deposits go to the treasury when they expire (never offered).
fn jam(block: u64) -> Vec<RequestId> {
	let ramp = block - 1 - System::block_number() - LOCK_WINDOW;
	(0..JAM as usize).map(|which| dutch(JAMMER, which % 3, 100, ramp)).collect()
}

/// The market's events from number `from` on.
fn events_since(from: usize) -> Vec<Event<Test>> {
	market_events()[from..].to_vec()
}

/// Registers provers 5, 6 and 7 (capacity 2, ask 10).
fn provers() {
	for prover in 5..=7 {
		register_prover(prover, MIN_BOND, 10);
	}
}

/// What a never-offered Dutch auction's expiry says.
fn expired(request: RequestId) -> Event<Test> {
	Event::RequestExpired { request, refunded: 100, compensated: 0, forfeited: REQUEST_DEPOSIT }
}

#[test]
fn entries_beyond_the_budget_are_carried_and_handled_first_in_order() {
	run_test(|| {
		provers();
		list(1, &CHAIN);
		// Six auctions close at block 6, three more at block 7.
		let first: Vec<_> = (0..6).map(|which| dutch(10, which % 3, 100, 3)).collect();
		next_block();
		let second: Vec<_> = (0..3).map(|which| dutch(11, which % 3, 100, 3)).collect();
		assert_eq!(Deadlines::<Test>::get(6).into_inner(), first);
		assert_eq!(Deadlines::<Test>::get(7).into_inner(), second);
		run_to_block(5);
		let treasury = free(TREASURY);

		let from = market_events().len();
		next_block();
		// Block 6: its first four; the other two are carried.
		assert_eq!(
			events_since(from),
			first[..4].iter().map(|id| expired(*id)).collect::<Vec<_>>()
		);
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), first[4..].to_vec());
		assert!(!Deadlines::<Test>::contains_key(6));
		for &id in &first[4..] {
			assert!(matches!(status(id), RequestStatus::Dutch { closes: 6, .. }));
		}
		assert_eq!((escrowed(10), deposits(10)), (200, 2 * REQUEST_DEPOSIT));
		assert_eq!(free(10), ENDOWMENT - 200 - 6 * REQUEST_DEPOSIT);
		assert_eq!(free(TREASURY), treasury + 4 * REQUEST_DEPOSIT);

		let from = market_events().len();
		next_block();
		// Block 7: the two carried first, then two of block 7's; one carried.
		let order = [first[4], first[5], second[0], second[1]];
		assert_eq!(events_since(from), order.iter().map(|id| expired(*id)).collect::<Vec<_>>());
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), vec![second[2]]);

		let from = market_events().len();
		next_block();
		assert_eq!(events_since(from), vec![expired(second[2])]);
		assert!(OverdueDeadlines::<Test>::get().is_empty());
		assert!(!OverdueDeadlines::<Test>::exists());
		// Fees refunded, deposits forfeited (never offered), as on time.
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT - 6 * REQUEST_DEPOSIT, 0, 0));
		assert_eq!((free(11), escrowed(11), deposits(11)), (ENDOWMENT - 3 * REQUEST_DEPOSIT, 0, 0));
		assert_eq!(free(TREASURY), treasury + 9 * REQUEST_DEPOSIT);
	});
}

#[test]
fn a_closed_dutch_auction_the_hook_has_not_reached_is_not_locked() {
	run_test(|| {
		provers();
		list(1, &CHAIN);
		jam(6);
		let id = dutch(10, 0, 100, 3);
		run_to_block(6);
		assert!(matches!(status(id), RequestStatus::Dutch { closes: 6, .. }));
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), vec![id]);
		let cancel = || Market::cancel_request(RuntimeOrigin::signed(10), id);
		assert_noop!(
			Market::lock_request(RuntimeOrigin::signed(5), id),
			Error::<Test>::RequestEnded
		);
		assert_noop!(cancel(), Error::<Test>::RequestEnded);
		next_block();
		assert_eq!(status(id), RequestStatus::Expired { at: 7 });
		assert_noop!(
			Market::lock_request(RuntimeOrigin::signed(5), id),
			Error::<Test>::RequestEnded
		);
		assert_noop!(cancel(), Error::<Test>::RequestEnded);
	});
}

#[test]
fn a_missed_deadline_the_hook_has_not_reached_refuses_the_proof_and_is_punished_as_on_time() {
	run_test(|| {
		provers();
		list(1, &CHAIN);
		let fillers = jam(11);
		// Taken at once at the floor (10 for one unit): due at block 11.
		let id = submit_with(10, 0, FEE, Mechanism::Dutch { floor: 10, ramp_blocks: 5 });
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(5), id));
		assert!(matches!(status(id), RequestStatus::Locked { deadline: 11, price: 10, .. }));
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();

		run_to_block(10);
		// The last block in time: the hook spent it on the jam.
		assert!(matches!(status(id), RequestStatus::Locked { .. }));
		run_to_block(11);
		assert!(matches!(status(id), RequestStatus::Locked { deadline: 11, .. }));
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), vec![id]);
		let treasury = free(TREASURY);
		assert_noop!(
			submit_proof(5, id, public_inputs.clone(), proof.clone()),
			Error::<Test>::NotLocked
		);

		next_block();
		let slashed = LATE_SLASH * MIN_BOND;
		let compensated = (FAILURE_COMPENSATION * COLLATERAL).min(10);
		assert!(market_events().contains(&Event::DeadlineMissed {
			request: id,
			prover: 5,
			collateral: COLLATERAL,
			compensated,
			slashed,
		}));
		// The Dutch auction re-opens for the others, from the block handled.
		assert!(matches!(status(id), RequestStatus::Dutch { since: 12, .. }));
		assert_noop!(submit_proof(5, id, public_inputs, proof), Error::<Test>::NotLocked);
		assert_eq!(free(TREASURY), treasury + COLLATERAL - compensated + slashed);
		assert_eq!(free(10), ENDOWMENT - FEE - REQUEST_DEPOSIT + compensated);
		assert_eq!((collateral(5), bonded(5)), (0, MIN_BOND - slashed));
		for filler in fillers {
			assert_eq!(
				status(filler),
				RequestStatus::Expired { at: if filler < 4 { 10 } else { 11 } }
			);
		}
	});
}

#[test]
fn a_lapsed_offer_the_hook_has_not_reached_is_neither_locked_nor_declined() {
	run_test(|| {
		provers();
		list(1, &CHAIN);
		jam(5);
		next_block();
		// Offered at block 3, its window ends at 5.
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		let offered = offered_to(id);
		run_to_block(5);
		assert!(matches!(status(id), RequestStatus::Offered { lock_by: 5, .. }));
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), vec![id]);
		let lock = || Market::lock_request(RuntimeOrigin::signed(offered), id);
		let decline = || Market::decline_request(RuntimeOrigin::signed(offered), id);
		assert_noop!(lock(), Error::<Test>::NotOffered);
		// Declining would spare the prover its lapse.
		assert_noop!(decline(), Error::<Test>::NotOffered);

		next_block();
		assert!(market_events().contains(&Event::OfferDeclined {
			request: id,
			prover: offered,
			lapsed: true
		}));
		assert_eq!((reputation(offered).lapsed, reputation(offered).declined), (1, 0));
		// Offered to another prover in the same block.
		assert_ne!(offered_to(id), offered);
		assert_noop!(lock(), Error::<Test>::NotOffered);
		assert_noop!(decline(), Error::<Test>::NotOffered);
	});
}

#[test]
fn an_auction_the_hook_settles_late_takes_no_late_bid_or_reveal() {
	run_test(|| {
		provers();
		list(1, &CHAIN);
		jam(5);
		let id = submit_with(
			10,
			0,
			FEE,
			Mechanism::SealedBid {
				bid_blocks: 2,
				reveal_blocks: 2,
				fallback: crate::Fallback::Election,
			},
		);
		let commitment = crate::bid_commitment(id, &10u128, &[5; 32], &5u64);
		assert_ok!(Market::commit_bid(RuntimeOrigin::signed(5), id, commitment));
		let reveal = || Market::reveal_bid(RuntimeOrigin::signed(5), id, 10, [5; 32]);
		let other = crate::bid_commitment(id, &10u128, &[6; 32], &6u64);
		let bid = || Market::commit_bid(RuntimeOrigin::signed(6), id, other);

		run_to_block(5);
		assert!(matches!(status(id), RequestStatus::Bidding { reveal_until: 5, .. }));
		assert_noop!(reveal(), Error::<Test>::NotRevealing);
		assert_noop!(bid(), Error::<Test>::NotBidding);

		next_block();
		// The unrevealed bid is forfeited; the request falls back to an
		// election, offered in the same block.
		assert!(market_events().contains(&Event::BidForfeited {
			request: id,
			bidder: 5,
			bond: BID_BOND
		}));
		assert!(matches!(status(id), RequestStatus::Offered { .. }));
		assert_noop!(reveal(), Error::<Test>::NotRevealing);
		assert_noop!(bid(), Error::<Test>::NotBidding);
	});
}

#[test]
fn a_race_the_hook_settles_late_takes_no_late_join_commitment_or_proof() {
	run_test(|| {
		provers();
		list(1, &CHAIN);
		jam(5);
		let id = submit_with(
			10,
			0,
			99,
			Mechanism::Race { racers: 3, open: true, decay: Perbill::zero(), window_blocks: 2 },
		);
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(5), id));
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(6), id));
		let committed = crate::race::proof_commitment(id, &public_inputs, &proof, &5u64);
		// Commitments close at 3, the race settles at 5.
		assert_ok!(Market::commit_proof(RuntimeOrigin::signed(5), id, committed));
		assert!(matches!(status(id), RequestStatus::Racing { settles_at: 5, .. }));
		let late_calls = || {
			let other = crate::race::proof_commitment(id, &public_inputs, &proof, &6u64);
			assert_noop!(
				submit_proof(5, id, public_inputs.clone(), proof.clone()),
				Error::<Test>::RequestEnded
			);
			assert_noop!(
				Market::commit_proof(RuntimeOrigin::signed(6), id, other),
				Error::<Test>::RequestEnded
			);
			assert_noop!(
				Market::lock_request(RuntimeOrigin::signed(7), id),
				Error::<Test>::RequestEnded
			);
		};

		run_to_block(5);
		assert!(matches!(status(id), RequestStatus::Racing { .. }));
		late_calls();

		next_block();
		assert_eq!(status(id), RequestStatus::Expired { at: 6 });
		assert!(market_events().contains(&Event::RaceSettled { request: id, paid: vec![] }));
		late_calls();
	});
}

#[test]
fn a_claim_the_hook_has_not_reached_is_batched_by_nobody_and_proved_as_a_fallback() {
	run_test(|| {
		let merge = setup();
		jam(6);
		// Both claimed in block 1: due at 6.
		let a = claimed(REQUESTER, 0, 5);
		let b = claimed(REQUESTER, 1, 6);
		let proof = mock_aggregate(&root_of(AGGREGATOR, &[(a, 0), (b, 1)], &merge));
		run_to_block(6);
		assert!(matches!(status(a), RequestStatus::Claimed { due: 6, fallback: false, .. }));
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), vec![a, b]);
		assert_noop!(settle(AGGREGATOR, &[a, b], 2, proof.clone()), Error::<Test>::NotClaimed);
		// The client is told to prove it itself, by `due + FallbackWindow`.
		let fallback_due = 6 + FALLBACK_WINDOW;
		assert_eq!(
			Market::jobs(5)[0].stage,
			crate::JobStage::Claimed { due: fallback_due, fallback: true }
		);

		// The claimed proof is a fallback's, before the hook announces it.
		let treasury = free(TREASURY);
		let from = market_events().len();
		prove(5, a, &CHAIN, 0);
		assert_eq!(
			events_since(from),
			vec![
				Event::ClaimFellBack { request: a, prover: 5, due: fallback_due },
				Event::RequestFulfilled {
					request: a,
					prover: 5,
					price: ASK - FALLBACK_CHARGE,
					refunded: FEE - ASK,
				},
			]
		);
		// It left the overdue entries.
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), vec![b]);
		assert_eq!(free(5), ENDOWMENT - MIN_BOND + ASK - FALLBACK_CHARGE);
		assert_eq!(collateral(5), 0);
		assert_eq!(free(TREASURY), treasury + FALLBACK_CHARGE);

		let from = market_events().len();
		next_block();
		// Only `b` is left for the hook; its window counts from its `due`.
		assert_eq!(
			events_since(from),
			vec![Event::ClaimFellBack { request: b, prover: 6, due: fallback_due }]
		);
		assert!(OverdueDeadlines::<Test>::get().is_empty());
		assert_noop!(settle(AGGREGATOR, &[a, b], 2, proof), Error::<Test>::NotClaimed);
		prove(6, b, &CHAIN, 1);
		assert_eq!(free(REQUESTER), ENDOWMENT - 2 * ASK);
	});
}

#[test]
fn a_fallback_whose_window_ended_refuses_the_proof_before_the_hook_reaches_it() {
	run_test(|| {
		setup();
		jam(1 + AGGREGATION_WINDOW + FALLBACK_WINDOW);
		let a = claimed(REQUESTER, 0, 5);
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();
		let late = 1 + AGGREGATION_WINDOW + FALLBACK_WINDOW;
		run_to_block(late);
		assert!(
			matches!(status(a), RequestStatus::Claimed { fallback: true, due, .. } if due == late)
		);
		assert_eq!(OverdueDeadlines::<Test>::get().into_inner(), vec![a]);
		assert_noop!(
			submit_proof(5, a, public_inputs.clone(), proof.clone()),
			Error::<Test>::NotLocked
		);
		next_block();
		assert!(market_events().iter().any(|event| matches!(
			event,
			Event::DeadlineMissed { request, prover: 5, .. } if *request == a
		)));
		assert_noop!(submit_proof(5, a, public_inputs, proof), Error::<Test>::NotLocked);
	});
}

/// Provers of the big tests: five with room for 8 jobs each; 7 aggregates.
const BIG_PROVERS: [AccountId; 5] = [3, 4, 5, 6, 7];
/// Claims in one block: more than the 32 places the index used to find
/// for them (`MaxDeadlinesPerBlock` in each of 8 blocks).
const CLAIMS: u32 = 40;

/// The tier set up for `CLAIMS` claims: `MaxOpenRequests` raised to 64,
/// five provers with room for 8 jobs each, the chain circuit with a
/// wrapper, the (mock) aggregation circuit, 7 an aggregator. Then `CLAIMS`
/// aggregated requests of requesters 10 to 14 (8 each), locked and claimed
/// in block 1, request `i` by prover `BIG_PROVERS[i % 5]` with input `i %
/// 3`. Returns the merge verifier hash and the claims.
fn forty_claims() -> (prova_primitives::aggregation::Digest, Vec<(RequestId, usize, AccountId)>) {
	MaxOpenRequests::set(64);
	for prover in BIG_PROVERS {
		assert_ok!(Provers::register(
			RuntimeOrigin::signed(prover),
			cpu_box(),
			8,
			ASK,
			Perbill::from_percent(10),
			MIN_BOND,
		));
	}
	list(1, &CHAIN);
	assert_ok!(Market::set_wrapper(RuntimeOrigin::signed(1), CHAIN.circuit(), WRAPPER));
	let bytes = BoundedVec::try_from(FIBONACCI.verifier_data.clone()).unwrap();
	assert_ok!(Verifier::register_circuit(RuntimeOrigin::signed(2), bytes));
	assert_ok!(Market::set_aggregation_circuit(RuntimeOrigin::root(), FIBONACCI.circuit()));
	MockAggregation::set(Some(FIBONACCI.circuit()));
	assert_ok!(Market::register_aggregator(RuntimeOrigin::signed(AGGREGATOR), BoundedVec::new()));
	let claims: Vec<_> = (0..CLAIMS)
		.map(|i| {
			let (which, prover) = ((i % 3) as usize, BIG_PROVERS[(i % 5) as usize]);
			let id = crate::NextRequestId::<Test>::get();
			assert_ok!(submit_terms(10 + (i / 8) as AccountId, which, aggregated_terms()));
			assert_ok!(Market::lock_request(RuntimeOrigin::signed(prover), id));
			assert_ok!(claim_call(prover, id, which));
			(id, which, prover)
		})
		.collect();
	let merge = <Verifier as ProofVerifier<AccountId>>::verifier_hash(&FIBONACCI.circuit());
	(merge.unwrap(), claims)
}

#[test]
fn forty_claims_in_one_block_are_all_indexed_and_batched() {
	run_test(|| {
		let (merge, claims) = forty_claims();
		let due = 1 + AGGREGATION_WINDOW;
		// Every claim under its exact `due` (the index used to refuse the
		// 33rd with `NoDeadlineSlot`), none left under the locks' deadline.
		let ids: Vec<_> = claims.iter().map(|(id, _, _)| *id).collect();
		assert_eq!(Deadlines::<Test>::get(due).into_inner(), ids);
		assert!(!Deadlines::<Test>::contains_key(1 + 10));
		for &(id, _, prover) in &claims {
			assert!(matches!(
				status(id),
				RequestStatus::Claimed { prover: p, due: d, fallback: false, .. }
					if p == prover && d == due
			));
		}
		next_block();
		for batch in claims.chunks(MAX_BATCH as usize) {
			let ids: Vec<_> = batch.iter().map(|(id, _, _)| *id).collect();
			let leaves: Vec<_> = batch.iter().map(|(id, which, _)| (*id, *which)).collect();
			let proof = mock_aggregate(&root_of(AGGREGATOR, &leaves, &merge));
			assert_ok!(settle(AGGREGATOR, &ids, 5, proof));
		}
		assert!(!Deadlines::<Test>::contains_key(due));
		for &(id, _, prover) in &claims {
			assert!(
				matches!(status(id), RequestStatus::Fulfilled { prover: p, .. } if p == prover)
			);
		}
		for requester in 10..15 {
			assert_eq!(free(requester), ENDOWMENT - 8 * (ASK + AGGREGATION_FEE));
			assert_eq!((escrowed(requester), deposits(requester)), (0, 0));
		}
		for prover in [3, 4, 5, 6] {
			assert_eq!(free(prover), ENDOWMENT - MIN_BOND + 8 * ASK);
			assert_eq!(collateral(prover), 0);
		}
		assert_eq!(
			free(AGGREGATOR),
			ENDOWMENT - MIN_BOND - AGGREGATOR_BOND + 8 * ASK + CLAIMS as Balance * AGGREGATION_FEE
		);
		// The hook never had to handle one.
		run_to_block(due + 1);
		assert!(OverdueDeadlines::<Test>::get().is_empty());
		assert!(!market_events().iter().any(|event| matches!(event, Event::ClaimFellBack { .. })));
		MaxOpenRequests::set(MAX_OPEN);
	});
}

#[test]
fn forty_claims_falling_back_keep_their_window_from_due_however_late_the_hook() {
	run_test(|| {
		let (_, claims) = forty_claims();
		let due = 1 + AGGREGATION_WINDOW;
		let late_at = due + FALLBACK_WINDOW;
		run_to_block(due);
		// Four a block: the last claim's turn comes at `due + 9`.
		let (last, last_which, last_prover) = claims[CLAIMS as usize - 1];
		assert_eq!(OverdueDeadlines::<Test>::get().len() as u32, CLAIMS - 4);
		assert!(matches!(status(last), RequestStatus::Claimed { fallback: false, .. }));
		// Its prover proves it as a fallback at once, charged as one.
		prove(last_prover, last, &CHAIN, last_which);
		assert!(market_events().contains(&Event::ClaimFellBack {
			request: last,
			prover: last_prover,
			due: late_at
		}));
		assert!(matches!(
			status(last),
			RequestStatus::Fulfilled { price, .. } if price == ASK - FALLBACK_CHARGE
		));
		// After `due + FallbackWindow`, a claim the hook has not reached is
		// refused, and stays refused once it is handled.
		run_to_block(late_at);
		let (waiting, which, prover) = claims[CLAIMS as usize - 2];
		assert!(matches!(status(waiting), RequestStatus::Claimed { fallback: false, .. }));
		let (_, public_inputs, proof) = CHAIN.proofs[which].clone();
		let late_proof = || submit_proof(prover, waiting, public_inputs.clone(), proof.clone());
		assert_noop!(late_proof(), Error::<Test>::NotLocked);
		// Handled: it falls back (already late), then misses.
		while matches!(status(waiting), RequestStatus::Claimed { .. }) {
			next_block();
		}
		assert!(matches!(status(waiting), RequestStatus::Dutch { .. }));
		assert_noop!(late_proof(), Error::<Test>::NotLocked);
		run_to_block(due + 60);
		// Every other claim fell back once, with the window from its `due`,
		// and missed it once.
		let events = market_events();
		for &(id, _, prover) in &claims[..CLAIMS as usize - 1] {
			let fell_back = events
				.iter()
				.filter(
					|event| matches!(event, Event::ClaimFellBack { request, .. } if *request == id),
				)
				.collect::<Vec<_>>();
			assert_eq!(
				fell_back,
				vec![&Event::ClaimFellBack { request: id, prover, due: late_at }]
			);
			let missed = events
				.iter()
				.filter(
					|event| matches!(event, Event::DeadlineMissed { request, .. } if *request == id),
				)
				.count();
			assert_eq!(missed, 1);
		}
		assert!(OverdueDeadlines::<Test>::get().is_empty());
		MaxOpenRequests::set(MAX_OPEN);
	});
}
