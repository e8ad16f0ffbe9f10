//! Sealed-bid and Dutch auctions and the latency guarantee: prices to the
//! plank, every refusal, bonds and their forfeits, fallbacks, and the
//! attacks each rule is there for.

use super::*;
use crate::{
	bid_commitment, Bids, Error, Event, Fallback, LatencyGuarantee, Mechanism, Queue, Terms,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

const REQUESTER: AccountId = 10;
const FEE: Balance = 1_000;

/// Submits a request for the chain fixture's first input under `terms`,
/// with a 10-block deadline.
fn submit_terms(terms: Terms<u64, Balance>) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(Market::submit_request_with_terms(
		RuntimeOrigin::signed(REQUESTER),
		CHAIN.circuit(),
		BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
		FEE,
		10,
		anyone(),
		terms,
	));
	id
}

/// A sealed-bid auction with 2 bid blocks, 2 reveal blocks and `fallback`.
fn sealed(fallback: Fallback) -> Terms<u64, Balance> {
	Terms {
		mechanism: Mechanism::SealedBid { bid_blocks: 2, reveal_blocks: 2, fallback },
		latency: None,
		settlement: Default::default(),
	}
}

/// A Dutch auction from `floor` per unit over `ramp_blocks`.
fn dutch(floor: Balance, ramp_blocks: u64) -> Terms<u64, Balance> {
	Terms {
		mechanism: Mechanism::Dutch { floor, ramp_blocks },
		latency: None,
		settlement: Default::default(),
	}
}

/// Each bidder's salt.
fn salt(who: AccountId) -> [u8; 32] {
	[who as u8; 32]
}

fn commit(
	who: AccountId,
	id: RequestId,
	price: Balance,
) -> frame_support::dispatch::DispatchResult {
	Market::commit_bid(RuntimeOrigin::signed(who), id, bid_commitment(id, &price, &salt(who), &who))
}

fn reveal(
	who: AccountId,
	id: RequestId,
	price: Balance,
) -> frame_support::dispatch::DispatchResult {
	Market::reveal_bid(RuntimeOrigin::signed(who), id, price, salt(who))
}

/// Bonds held from `who`.
fn bonds(who: AccountId) -> Balance {
	crate::escrow::held::<Test>(crate::HoldReason::BidBond, &who)
}

/// Three provers asking 10 per unit; the chain circuit listed (one work unit).
fn three_provers() {
	for prover in 5..=7 {
		register_prover(prover, MIN_BOND, 10);
	}
	list(1, &CHAIN);
	assert_eq!(crate::Listings::<Test>::get(CHAIN.circuit()).unwrap().work_units, 1);
}

#[test]
fn the_lowest_bid_wins_at_the_second_lowest_and_everything_balances() {
	run_test(|| {
		three_provers();
		let id = submit_terms(sealed(Fallback::Election));
		assert_eq!(status(id), RequestStatus::Bidding { bids_until: 3, reveal_until: 5, bids: 0 });
		assert_eq!(Queue::<Test>::get().len(), 0);
		let before: Vec<_> = [5, 6, 7, REQUESTER, TREASURY].map(total).into();

		assert_ok!(commit(5, id, 300));
		assert_ok!(commit(6, id, 200));
		next_block();
		assert_ok!(commit(7, id, 500));
		assert_eq!(bonds(5), BID_BOND);
		next_block();
		for (who, price) in [(5, 300), (6, 200), (7, 500)] {
			assert_ok!(reveal(who, id, price));
		}
		run_to_block(5);

		// 6 bid lowest and is paid 5's bid: 300, with collateral for it.
		assert_eq!(
			market_events().iter().rev().find(|e| matches!(e, Event::AuctionSettled { .. })),
			Some(&Event::AuctionSettled {
				request: id,
				winner: Some(6),
				price: Some(300),
				bids: 3,
				revealed: 3,
			})
		);
		assert!(matches!(
			status(id),
			RequestStatus::Locked {
				prover: 6,
				price: 300,
				deadline: 15,
				candidates: 3,
				locked_at: 5,
				..
			}
		));
		assert_eq!(collateral(6), 600);
		assert_eq!([5, 6, 7].map(bonds), [0, 0, 0]);
		assert_eq!(Bids::<Test>::iter_prefix(id).count(), 0);
		prove(6, id, &CHAIN, 0);

		let after: Vec<_> = [5, 6, 7, REQUESTER, TREASURY].map(total).into();
		assert_eq!(after[0], before[0]);
		assert_eq!(after[1], before[1] + 300);
		assert_eq!(after[2], before[2]);
		assert_eq!(after[3], before[3] - 300);
		assert_eq!(after[4], before[4]);
	});
}

#[test]
fn a_single_bid_is_paid_its_own_bid() {
	run_test(|| {
		three_provers();
		let id = submit_terms(sealed(Fallback::Election));
		assert_ok!(commit(7, id, 40));
		run_to_block(3);
		assert_ok!(reveal(7, id, 40));
		run_to_block(5);
		assert!(matches!(status(id), RequestStatus::Locked { prover: 7, price: 40, .. }));
	});
}

#[test]
fn equal_bids_are_ordered_by_the_seed_and_paid_their_common_price() {
	run_test(|| {
		three_provers();
		let mut winners = std::collections::BTreeSet::new();
		for round in 0..8u64 {
			let id = submit_terms(sealed(Fallback::Election));
			assert_ok!(commit(5, id, 70));
			assert_ok!(commit(6, id, 70));
			let start = System::block_number();
			run_to_block(start + 2);
			assert_ok!(reveal(5, id, 70));
			assert_ok!(reveal(6, id, 70));
			run_to_block(start + 4);
			let RequestStatus::Locked { prover, price, .. } = status(id) else {
				panic!("round {round}: not locked")
			};
			assert_eq!(price, 70);
			winners.insert(prover);
			prove(prover, id, &CHAIN, 0);
		}
		// Neither bidder wins every tie.
		assert_eq!(winners.into_iter().collect::<Vec<_>>(), vec![5, 6]);
	});
}

#[test]
fn bids_are_refused_outside_their_window_and_from_whoever_may_not_bid() {
	run_test(|| {
		three_provers();
		let id = submit_terms(sealed(Fallback::Election));
		// Not a prover.
		assert_noop!(commit(REQUESTER, id, 10), Error::<Test>::NotQualified);
		assert_ok!(commit(5, id, 10));
		assert_noop!(commit(5, id, 20), Error::<Test>::AlreadyBid);
		// Revealing during the bid window would let others bid after seeing it.
		assert_noop!(reveal(5, id, 10), Error::<Test>::NotRevealing);
		run_to_block(3);
		assert_noop!(commit(6, id, 10), Error::<Test>::NotBidding);
		// Another prover cannot reveal a bid it did not make.
		assert_noop!(reveal(6, id, 10), Error::<Test>::NoBid);
		// The wrong price, and a bid above what the request pays.
		assert_noop!(reveal(5, id, 11), Error::<Test>::CommitmentMismatch);
		assert_ok!(reveal(5, id, 10));
		assert_noop!(reveal(5, id, 10), Error::<Test>::AlreadyRevealed);
		run_to_block(5);
		assert_noop!(commit(6, id, 10), Error::<Test>::NotBidding);
		assert_noop!(reveal(5, id, 10), Error::<Test>::NotRevealing);

		let high = submit_terms(sealed(Fallback::Election));
		assert_ok!(commit(6, high, FEE + 1));
		run_to_block(7);
		assert_noop!(reveal(6, high, FEE + 1), Error::<Test>::BidAboveMaxFee);
		// Bids for an election are not taken.
		let election = submit(REQUESTER, &CHAIN, 0, FEE);
		assert_noop!(commit(5, election, 10), Error::<Test>::NotBidding);
		assert_noop!(commit(5, 99, 10), Error::<Test>::UnknownRequest);
	});
}

#[test]
fn an_auction_takes_at_most_max_bids() {
	run_test(|| {
		for prover in 2..2 + MAX_BIDS as AccountId + 1 {
			register_prover(prover, MIN_BOND, 10);
		}
		list(1, &CHAIN);
		let id = submit_terms(sealed(Fallback::Election));
		for prover in 2..2 + MAX_BIDS as AccountId {
			assert_ok!(commit(prover, id, 10));
		}
		assert_noop!(commit(2 + MAX_BIDS as AccountId, id, 10), Error::<Test>::TooManyBids);
	});
}

/// A copied commitment is worthless: the bidder is inside the hash, so the
/// copier can never reveal it, and it pays the bond for trying.
#[test]
fn a_commitment_copied_from_the_pool_cannot_be_revealed_and_costs_its_bond() {
	run_test(|| {
		three_provers();
		let id = submit_terms(sealed(Fallback::Election));
		let honest = bid_commitment(id, &50u128, &salt(5), &5u64);
		assert_ok!(Market::commit_bid(RuntimeOrigin::signed(5), id, honest));
		assert_ok!(Market::commit_bid(RuntimeOrigin::signed(6), id, honest));
		run_to_block(3);
		assert_ok!(reveal(5, id, 50));
		// Even once the price and salt are public, 6 cannot open 5's commitment.
		assert_noop!(
			Market::reveal_bid(RuntimeOrigin::signed(6), id, 50, salt(5)),
			Error::<Test>::CommitmentMismatch
		);
		let treasury = total(TREASURY);
		run_to_block(5);
		assert!(market_events().contains(&Event::BidForfeited {
			request: id,
			bidder: 6,
			bond: BID_BOND
		}));
		assert_eq!(total(TREASURY), treasury + BID_BOND);
		assert!(matches!(status(id), RequestStatus::Locked { prover: 5, price: 50, .. }));
	});
}

/// Bidding low and not revealing cannot block the auction or set its price.
#[test]
fn an_unrevealed_bid_forfeits_its_bond_and_neither_wins_nor_prices() {
	run_test(|| {
		three_provers();
		let id = submit_terms(sealed(Fallback::Election));
		assert_ok!(commit(5, id, 1));
		assert_ok!(commit(6, id, 80));
		assert_ok!(commit(7, id, 90));
		run_to_block(3);
		assert_ok!(reveal(6, id, 80));
		assert_ok!(reveal(7, id, 90));
		let five = total(5);
		run_to_block(5);
		assert_eq!(total(5), five - BID_BOND);
		assert!(matches!(status(id), RequestStatus::Locked { prover: 6, price: 90, .. }));
	});
}

#[test]
fn a_winner_that_cannot_hold_its_collateral_forfeits_and_the_next_bid_wins() {
	run_test(|| {
		three_provers();
		let id = submit_terms(sealed(Fallback::Election));
		assert_ok!(commit(5, id, 100));
		assert_ok!(commit(6, id, 200));
		assert_ok!(commit(7, id, 300));
		run_to_block(3);
		for (who, price) in [(5, 100), (6, 200), (7, 300)] {
			assert_ok!(reveal(who, id, price));
		}
		// 5 moves away all it could have held as collateral.
		let spendable = free(5) - ED - 1;
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(5), 19, spendable));
		run_to_block(5);
		assert!(market_events().contains(&Event::BidForfeited {
			request: id,
			bidder: 5,
			bond: BID_BOND
		}));
		// 6 wins at the bid after its own.
		assert!(matches!(status(id), RequestStatus::Locked { prover: 6, price: 300, .. }));
	});
}

#[test]
fn an_auction_without_bids_falls_back_to_an_election() {
	run_test(|| {
		three_provers();
		let id = submit_terms(sealed(Fallback::Election));
		// Queued at the auction's end and elected in the same block's hook.
		run_to_block(5);
		assert!(matches!(status(id), RequestStatus::Offered { price: 10, .. }));
		assert_eq!(Requests::<Test>::get(id).unwrap().terms.mechanism, Mechanism::Election);
		let prover = assignee(id);
		// The election pays the elected prover's ask.
		assert!(matches!(status(id), RequestStatus::Locked { price: 10, .. }));
		prove(prover, id, &CHAIN, 0);
	});
}

#[test]
fn an_auction_that_expires_forfeits_the_deposit_only_if_nobody_bid() {
	run_test(|| {
		three_provers();
		let unbid = submit_terms(sealed(Fallback::Expire));
		let unrevealed = submit_terms(sealed(Fallback::Expire));
		assert_ok!(commit(5, unrevealed, 10));
		let before = total(REQUESTER);
		run_to_block(5);
		assert!(matches!(status(unbid), RequestStatus::Expired { at: 5 }));
		assert!(matches!(status(unrevealed), RequestStatus::Expired { at: 5 }));
		// The fees come back; only the auction nobody bid in costs its deposit.
		assert_eq!(total(REQUESTER), before - REQUEST_DEPOSIT);
		assert_eq!((escrowed(REQUESTER), deposits(REQUESTER)), (0, 0));
	});
}

#[test]
fn a_failed_auction_winner_hands_the_request_to_its_fallback() {
	run_test(|| {
		three_provers();
		let to_election = submit_terms(sealed(Fallback::Election));
		let to_expiry = submit_terms(sealed(Fallback::Expire));
		for id in [to_election, to_expiry] {
			assert_ok!(commit(5, id, 100));
		}
		run_to_block(3);
		for id in [to_election, to_expiry] {
			assert_ok!(reveal(5, id, 100));
		}
		run_to_block(5);
		// 5 locked both at block 5 and lets both deadlines (block 15) pass.
		run_to_block(15);
		assert!(
			matches!(status(to_election), RequestStatus::Offered { prover, .. } if prover != 5)
		);
		assert!(matches!(status(to_expiry), RequestStatus::Expired { at: 15 }));
		assert_eq!(Requests::<Test>::get(to_election).unwrap().failed.into_inner(), vec![5]);
	});
}

#[test]
fn auction_terms_out_of_range_are_refused() {
	run_test(|| {
		three_provers();
		let refused = |terms: Terms<u64, Balance>, error: Error<Test>| {
			assert_noop!(
				Market::submit_request_with_terms(
					RuntimeOrigin::signed(REQUESTER),
					CHAIN.circuit(),
					BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
					FEE,
					10,
					anyone(),
					terms,
				),
				error
			);
		};
		let window = |bid_blocks, reveal_blocks| Terms {
			mechanism: Mechanism::SealedBid {
				bid_blocks,
				reveal_blocks,
				fallback: Fallback::Expire,
			},
			latency: None,
			settlement: Default::default(),
		};
		refused(window(0, 2), Error::<Test>::BidWindowOutOfRange);
		refused(window(2, 0), Error::<Test>::BidWindowOutOfRange);
		refused(window(21, 2), Error::<Test>::BidWindowOutOfRange);
		refused(dutch(1, 0), Error::<Test>::RampOutOfRange);
		refused(dutch(1, 51), Error::<Test>::RampOutOfRange);
		refused(dutch(FEE + 1, 5), Error::<Test>::FloorAboveMaxFee);
		let latency = |target_blocks| Terms {
			mechanism: Mechanism::Election,
			latency: Some(LatencyGuarantee { target_blocks, floor: Perbill::zero() }),
			settlement: Default::default(),
		};
		refused(latency(0), Error::<Test>::LatencyTargetOutOfRange);
		refused(latency(10), Error::<Test>::LatencyTargetOutOfRange);
		// An auctioned request cannot be cancelled: its bidders staked bonds on it.
		let id = submit_terms(sealed(Fallback::Election));
		assert_noop!(
			Market::cancel_request(RuntimeOrigin::signed(REQUESTER), id),
			Error::<Test>::AlreadyOffered
		);
	});
}

#[test]
fn the_dutch_price_rises_from_the_floor_to_the_fee_to_the_plank() {
	run_test(|| {
		three_provers();
		// Floor 100, fee 1,000, 7 blocks: rises 900 × k / 7 after k blocks.
		let id = submit_terms(dutch(100, 7));
		let request = Requests::<Test>::get(id).unwrap();
		let prices: Vec<_> = (1..=10).map(|now| Market::dutch_price(&request, 1, now)).collect();
		assert_eq!(prices, vec![100, 228, 357, 485, 614, 742, 871, 1_000, 1_000, 1_000]);
		assert_eq!(status(id), RequestStatus::Dutch { since: 1, closes: 1 + 7 + LOCK_WINDOW });
		let openings = Market::openings(5);
		assert_eq!(openings.len(), 1);
		assert_eq!(
			openings[0].phase,
			crate::OpeningPhase::Dutch { price: 100, next_price: 228, closes: 10 }
		);

		run_to_block(4);
		let before = total(REQUESTER);
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(6), id));
		// The second locker of the block is too late.
		assert_noop!(Market::lock_request(RuntimeOrigin::signed(5), id), Error::<Test>::NotOffered);
		assert!(matches!(
			status(id),
			RequestStatus::Locked { prover: 6, price: 485, candidates: 1, locked_at: 4, .. }
		));
		assert_eq!(collateral(6), 970);
		assert!(Market::openings(5).is_empty());
		prove(6, id, &CHAIN, 0);
		assert_eq!(total(REQUESTER), before - 485);
	});
}

#[test]
fn only_a_qualified_prover_not_yet_failed_locks_a_dutch_auction() {
	run_test(|| {
		three_provers();
		let id = submit_terms(dutch(10, 4));
		assert_noop!(
			Market::lock_request(RuntimeOrigin::signed(REQUESTER), id),
			Error::<Test>::NotQualified
		);
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(5), id));
		// 5 misses its deadline: the ramp starts again, without 5.
		run_to_block(11);
		assert_eq!(status(id), RequestStatus::Dutch { since: 11, closes: 11 + 4 + LOCK_WINDOW });
		assert_noop!(Market::lock_request(RuntimeOrigin::signed(5), id), Error::<Test>::Excluded);
		assert!(Market::openings(5).is_empty());
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(7), id));
		assert!(matches!(status(id), RequestStatus::Locked { prover: 7, price: 10, .. }));
	});
}

#[test]
fn a_dutch_auction_nobody_takes_expires_and_forfeits_its_deposit() {
	run_test(|| {
		three_provers();
		let id = submit_terms(dutch(10, 4));
		let before = total(REQUESTER);
		run_to_block(1 + 4 + LOCK_WINDOW);
		assert!(matches!(status(id), RequestStatus::Expired { .. }));
		assert_eq!(total(REQUESTER), before - REQUEST_DEPOSIT);
	});
}

#[test]
fn a_late_proof_is_paid_down_to_the_floor_and_the_rest_refunded() {
	run_test(|| {
		three_provers();
		// Target 4 blocks of a 10-block deadline, floor 40%: from 4 blocks
		// after the lock the price falls by 60% × 1/6 per block.
		let guarantee = LatencyGuarantee { target_blocks: 4, floor: Perbill::from_percent(40) };
		let terms = Terms {
			mechanism: dutch(600, 1).mechanism,
			latency: Some(guarantee),
			settlement: Default::default(),
		};
		let on_time = submit_terms(terms);
		let late = submit_terms(terms);
		let latest = submit_terms(terms);
		run_to_block(2);
		for (prover, id) in [(5, on_time), (6, late), (7, latest)] {
			assert_ok!(Market::lock_request(RuntimeOrigin::signed(prover), id));
		}
		assert!(matches!(status(late), RequestStatus::Locked { price: 1_000, .. }));
		let paid = |id| {
			market_events().into_iter().find_map(|event| match event {
				Event::RequestFulfilled { request, price, refunded, .. } if request == id => {
					Some((price, refunded))
				}
				_ => None,
			})
		};
		run_to_block(6);
		prove(5, on_time, &CHAIN, 0);
		assert_eq!(paid(on_time), Some((1_000, 0)));
		// 7 blocks after the lock: 3 late of 6, half of the 600 discount.
		run_to_block(9);
		prove(6, late, &CHAIN, 0);
		assert_eq!(paid(late), Some((700, 300)));
		// The last block before the deadline: 5 of 6.
		run_to_block(11);
		prove(7, latest, &CHAIN, 0);
		assert_eq!(paid(latest), Some((500, 500)));
	});
}
