//! Provers choose their work: an offer is taken by locking it (posting
//! collateral) within the window, or declined (or left to lapse) without a
//! slash, and passes to another prover.

use super::*;
use crate::{Deadlines, Error, Event, Jobs};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

fn lock(prover: AccountId, id: RequestId) -> frame_support::dispatch::DispatchResult {
	Market::lock_request(RuntimeOrigin::signed(prover), id)
}

fn decline(prover: AccountId, id: RequestId) -> frame_support::dispatch::DispatchResult {
	Market::decline_request(RuntimeOrigin::signed(prover), id)
}

#[test]
fn locking_holds_collateral_and_starts_the_deadline() {
	run_test(|| {
		register_prover(5, MIN_BOND, 70);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		next_block();
		// Locked in block 3, the second block of its window: 10 blocks from now.
		assert_ok!(lock(5, id));
		let collateral_held = COLLATERAL_FACTOR as Balance * 70;
		assert_eq!(
			status(id),
			RequestStatus::Locked {
				prover: 5,
				price: 70,
				deadline: 13,
				collateral: collateral_held,
				candidates: 1,
				locked_at: 3,
			}
		);
		assert_eq!(collateral(5), collateral_held);
		assert_eq!(free(5), ENDOWMENT - MIN_BOND - collateral_held);
		assert!(!Deadlines::<Test>::contains_key(2 + LOCK_WINDOW));
		assert_eq!(Deadlines::<Test>::get(13).into_inner(), vec![id]);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestLocked {
				request: id,
				prover: 5,
				price: 70,
				collateral: collateral_held,
				deadline: 13
			})
		);
		// The job as the prover's client sees it.
		let jobs = Market::jobs(5);
		assert_eq!(jobs.len(), 1);
		assert_eq!(jobs[0].stage, crate::JobStage::Locked { deadline: 13 });
		assert_eq!((jobs[0].collateral, jobs[0].deadline_blocks), (collateral_held, 10));
		// Locking twice, or once proved, is refused.
		assert_noop!(lock(5, id), Error::<Test>::NotOffered);
		prove(5, id, &CHAIN, 0);
		assert_noop!(lock(5, id), Error::<Test>::RequestEnded);
		assert_eq!(collateral(5), 0);
	});
}

#[test]
fn only_the_offered_prover_may_lock_or_decline() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		// Queued: nobody may take it.
		assert_noop!(lock(5, id), Error::<Test>::NotOffered);
		assert_noop!(decline(5, id), Error::<Test>::NotOffered);
		next_block();
		let offered = offered_to(id);
		let other = if offered == 5 { 6 } else { 5 };
		assert_noop!(lock(other, id), Error::<Test>::NotOffered);
		assert_noop!(decline(other, id), Error::<Test>::NotOffered);
		assert_noop!(lock(10, id), Error::<Test>::NotOffered);
		assert_noop!(lock(offered, 99), Error::<Test>::UnknownRequest);
		let before = Market::jobs(offered);
		assert_eq!(before[0].stage, crate::JobStage::Offered { lock_by: 2 + LOCK_WINDOW });
		assert_eq!(before[0].collateral, MIN_COLLATERAL);
	});
}

/// Collateral comes from free balance: a prover that cannot post it cannot
/// lock, and nothing changes.
#[test]
fn a_prover_that_cannot_post_collateral_cannot_lock() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		// Everything free but a little less than the collateral moves away.
		let spare = free(5) - MIN_COLLATERAL + 1;
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::transfer(
			&5,
			&20,
			spare,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert_noop!(lock(5, id), TokenError::FundsUnavailable);
		assert!(matches!(status(id), RequestStatus::Offered { prover: 5, .. }));
	});
}

#[test]
fn a_declined_offer_passes_to_another_prover_without_a_slash() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		let first = offered_to(id);
		let second = if first == 5 { 6 } else { 5 };
		let before = total(first);
		assert_ok!(decline(first, id));
		assert_eq!(
			market_events().last(),
			Some(&Event::OfferDeclined { request: id, prover: first, lapsed: false })
		);
		assert_eq!(status(id), RequestStatus::Queued { since: 2 });
		assert_eq!((total(first), bonded(first), in_use(first)), (before, MIN_BOND, 0));
		assert_eq!((reputation(first).declined, reputation(first).missed), (1, 0));
		assert!(!Jobs::<Test>::contains_key(first, id));
		next_block();
		assert_eq!(offered_to(id), second);
		prove(assignee(id), id, &CHAIN, 0);
		assert_eq!(free(10), ENDOWMENT - 10);
		assert_eq!(free(TREASURY), ED);
	});
}

#[test]
fn an_offer_left_to_lapse_is_declined_at_the_end_of_its_window() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		run_to_block(2 + LOCK_WINDOW - 1);
		assert_eq!(offered_to(id), 5);
		next_block();
		assert!(market_events().contains(&Event::OfferDeclined {
			request: id,
			prover: 5,
			lapsed: true
		}));
		assert_eq!(status(id), RequestStatus::Queued { since: 2 + LOCK_WINDOW });
		assert_eq!((bonded(5), in_use(5), reputation(5).lapsed), (MIN_BOND, 0, 1));
		// Too late to lock now.
		assert_noop!(lock(5, id), Error::<Test>::NotOffered);
	});
}

/// A request nobody takes (every prover declines, e.g. a deadline none can
/// meet) ends after `MaxDeclines` offers; nobody is slashed, and the
/// requester gets fee and deposit back: provers letting offers lapse must not
/// be able to burn deposits.
#[test]
fn a_request_every_prover_declines_expires_with_everything_refunded() {
	run_test(|| {
		for prover in 5..=8 {
			register_prover(prover, MIN_BOND, 10);
		}
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		for _ in 0..MAX_DECLINES {
			next_block();
			assert_ok!(decline(offered_to(id), id));
		}
		assert!(matches!(status(id), RequestStatus::Expired { .. }));
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestExpired {
				request: id,
				refunded: 100,
				compensated: 0,
				forfeited: 0
			})
		);
		assert_eq!(Requests::<Test>::get(id).unwrap().declined.len() as u32, MAX_DECLINES);
		for prover in 5..=8 {
			assert_eq!((bonded(prover), total(prover)), (MIN_BOND, ENDOWMENT));
		}
		assert_eq!(free(10), ENDOWMENT);
		assert_eq!(free(TREASURY), ED);
	});
}

/// The lock's deadline goes to its exact block however full the index is
/// there: the index holds every open request, and only the hook's work per
/// block is bounded (see `tests/overdue.rs`).
#[test]
fn locking_takes_its_exact_deadline_block_however_full() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		// Blocks 12 and on hold `MaxDeadlinesPerBlock` (4) entries each, of
		// requests in the index (their ids only matter here).
		let full: BoundedVec<_, _> = BoundedVec::try_from(vec![900, 901, 902, 903]).unwrap();
		for block in 12..20 {
			Deadlines::<Test>::insert(block, full.clone());
		}
		assert_ok!(lock(5, id));
		assert!(matches!(status(id), RequestStatus::Locked { deadline: 12, .. }));
		assert_eq!(Deadlines::<Test>::get(12).into_inner(), vec![900, 901, 902, 903, id]);
		// The stand-ins leave before the invariants are checked.
		for block in 12..20 {
			Deadlines::<Test>::mutate(block, |list| list.retain(|entry| *entry < 900));
			if Deadlines::<Test>::get(block).is_empty() {
				Deadlines::<Test>::remove(block);
			}
		}
	});
}
