//! Deadlines: forfeiting the late locker's collateral, reassignment with a
//! fresh deadline, and expiry after the last attempt.

use super::*;
use crate::{Deadlines, Error, Event};
use frame_support::assert_noop;

/// Collateral of a job at `price` in the mock: `max(MIN_COLLATERAL, 2 × price)`.
fn collateral_at(price: Balance) -> Balance {
	(COLLATERAL_FACTOR as Balance * price).max(MIN_COLLATERAL)
}

/// What the requester of a failed job at `price` is paid out of its collateral.
fn compensation_at(price: Balance) -> Balance {
	(FAILURE_COMPENSATION * collateral_at(price)).min(price)
}

#[test]
fn a_late_locker_forfeits_its_collateral_and_another_fulfils() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		let late = assignee(id);
		let other = if late == 5 { 6 } else { 5 };
		assert_eq!(collateral(late), collateral_at(10));
		// Proving is possible up to the block before the deadline (12).
		run_to_block(11);
		assert_eq!(assignee(id), late);
		run_to_block(12);
		// The mock's registry also slashes backing for a miss (Prova's runtime
		// does not): the prover's own bond pays it all.
		let slashed = LATE_SLASH * MIN_BOND;
		let (held, compensated) = (collateral_at(10), compensation_at(10));
		let events = market_events();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::DeadlineMissed {
					request: id,
					prover: late,
					collateral: held,
					compensated,
					slashed
				},
				Event::RequestOffered {
					request: id,
					prover: other,
					price: 10,
					lock_by: 12 + LOCK_WINDOW,
					attempt: 2
				},
			]
		);
		assert_eq!(bonded(late), MIN_BOND - slashed);
		assert_eq!(collateral(late), 0);
		assert_eq!(total(late), ENDOWMENT - slashed - held);
		assert_eq!((reputation(late).missed, in_use(late)), (1, 0));
		assert!(Deadlines::<Test>::get(12).is_empty());
		// The late prover can no longer submit.
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();
		assert_noop!(submit_proof(late, id, public_inputs, proof), Error::<Test>::NotLocked);
		prove(assignee(id), id, &CHAIN, 0);
		assert!(matches!(status(id), RequestStatus::Fulfilled { prover, .. } if prover == other));
		// The requester paid 10 and got 10 back from the late prover's collateral.
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT - 10 + compensated, 0, 0));
		assert_eq!(collateral(other), 0);
		assert_eq!(free(TREASURY), ED + slashed + held - compensated);
		// The fulfilled request's old deadline passes without effect.
		run_to_block(22);
		assert_eq!(reputation(other).missed, 0);
	});
}

#[test]
fn all_attempts_missed_expires_with_fee_and_deposit_refunded_and_bounded_compensation() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 10);
		}
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		for attempt in 0..MAX_ATTEMPTS as u64 {
			next_block();
			assignee(id);
			run_to_block(2 + 10 * (attempt + 1) + attempt);
		}
		let expired_at = System::block_number();
		assert_eq!(status(id), RequestStatus::Expired { at: expired_at });
		let request = Requests::<Test>::get(id).unwrap();
		let mut failed = request.failed.into_inner();
		failed.sort();
		assert_eq!(failed, vec![5, 6, 7]);
		let compensated = 3 * compensation_at(10);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestExpired { request: id, refunded: 100, compensated, forfeited: 0 })
		);
		// Each failure paid the requester at most the price it offered.
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT + compensated, 0, 0));
		let slashed = LATE_SLASH * MIN_BOND;
		let forfeited = 3 * collateral_at(10);
		assert_eq!(free(TREASURY), ED + 3 * slashed + forfeited - compensated);
		for prover in 5..=7 {
			assert_eq!(bonded(prover), MIN_BOND - slashed);
			assert_eq!(reputation(prover).missed, 1);
		}
	});
}

#[test]
fn an_excluded_prover_is_never_offered_again_and_the_request_waits_then_expires() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		assignee(id);
		run_to_block(12);
		assert_eq!(status(id), RequestStatus::Queued { since: 12 });
		run_to_block(12 + QUEUE_WAIT - 1);
		assert_eq!(status(id), RequestStatus::Queued { since: 12 });
		next_block();
		assert_eq!(status(id), RequestStatus::Expired { at: 12 + QUEUE_WAIT });
		// A prover locked it once, so its deposit comes back with the fee.
		let compensated = compensation_at(10);
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT + compensated, 0, 0));
	});
}

/// A job that ends before its deadline leaves the index at once; a job
/// locked later with the same deadline block joins that block's list.
#[test]
fn a_settled_job_frees_its_deadline_slot() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 1);
		}
		list(1, &CHAIN);
		let first: Vec<_> = (0..4).map(|which| submit(10, &CHAIN, which % 3, 100)).collect();
		next_block();
		for &id in &first {
			assignee(id);
		}
		assert_eq!(Deadlines::<Test>::get(12).len(), 4);
		// Two are proved: their slots in block 12 are free again.
		for (which, &id) in first[..2].iter().enumerate() {
			prove(assignee(id), id, &CHAIN, which);
		}
		assert_eq!(Deadlines::<Test>::get(12).into_inner(), first[2..].to_vec());
		// A request locked now with a 9-block deadline lands in block 12 too.
		let late = submit_with(11, CHAIN.circuit(), &CHAIN.proofs[0].0, 100, 9);
		next_block();
		assignee(late);
		assert!(matches!(status(late), RequestStatus::Locked { deadline: 12, .. }));
	});
}
