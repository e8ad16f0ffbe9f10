//! Deadlines: slashing the late, reassignment with a fresh deadline, and
//! expiry after the last attempt.

use super::*;
use crate::{Deadlines, Error, Event};
use frame_support::assert_noop;

#[test]
fn a_late_prover_is_slashed_and_excluded_and_another_fulfils() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		next_block();
		let late = assignee(id);
		let other = if late == 5 { 6 } else { 5 };
		// Proving is possible up to the block before the deadline (12).
		run_to_block(11);
		assert_eq!(assignee(id), late);
		run_to_block(12);
		let slashed = LATE_SLASH * MIN_BOND;
		let events = market_events();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::DeadlineMissed { request: id, prover: late, slashed, compensated: 0 },
				Event::RequestAssigned {
					request: id,
					prover: other,
					price: 10,
					deadline: 22,
					attempt: 2
				},
			]
		);
		assert_eq!(bonded(late), MIN_BOND - slashed);
		assert_eq!((reputation(late).missed, in_use(late)), (1, 0));
		assert!(Deadlines::<Test>::get(12).is_empty());
		// The late prover can no longer submit.
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();
		assert_noop!(submit_proof(late, id, public_inputs, proof), Error::<Test>::NotAssignee);
		prove(other, id, &CHAIN, 0);
		assert!(matches!(status(id), RequestStatus::Fulfilled { prover, .. } if prover == other));
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT - 10, 0, 0));
		assert_eq!(free(TREASURY), ED + slashed);
		// The fulfilled request's old deadline passes without effect.
		run_to_block(22);
		assert_eq!(reputation(other).missed, 0);
	});
}

#[test]
fn all_attempts_missed_expires_with_fee_and_deposit_refunded() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 10);
		}
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		run_to_block(2 + 10 * MAX_ATTEMPTS as u64);
		assert_eq!(status(id), RequestStatus::Expired { at: 32 });
		let request = Requests::<Test>::get(id).unwrap();
		let mut failed = request.failed.into_inner();
		failed.sort();
		assert_eq!(failed, vec![5, 6, 7]);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestExpired {
				request: id,
				refunded: 100,
				compensated: 0,
				forfeited: 0
			})
		);
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT, 0, 0));
		let slashed = LATE_SLASH * MIN_BOND;
		assert_eq!(free(TREASURY), ED + 3 * slashed);
		for prover in 5..=7 {
			assert_eq!(bonded(prover), MIN_BOND - slashed);
			assert_eq!(reputation(prover).missed, 1);
		}
	});
}

#[test]
fn an_excluded_prover_is_never_reassigned_and_the_request_waits_then_expires() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		run_to_block(12);
		assert_eq!(status(id), RequestStatus::Queued { since: 12 });
		run_to_block(12 + QUEUE_WAIT - 1);
		assert_eq!(status(id), RequestStatus::Queued { since: 12 });
		next_block();
		assert_eq!(status(id), RequestStatus::Expired { at: 12 + QUEUE_WAIT });
		// It was assigned once, so its deposit comes back with the fee.
		assert_eq!((free(10), escrowed(10), deposits(10)), (ENDOWMENT, 0, 0));
	});
}

/// A job that ends before its deadline frees its deadline slot at once, so
/// more than `MaxDeadlinesPerBlock` requests can be assigned with the same
/// deadline block over time.
#[test]
fn a_settled_job_frees_its_deadline_slot() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 1);
		}
		list(1, &CHAIN);
		let first: Vec<_> = (0..4).map(|which| submit(10, &CHAIN, which % 3, 100)).collect();
		next_block();
		assert_eq!(Deadlines::<Test>::get(12).len(), 4);
		// Two are proved: their slots in block 12 are free again.
		for (which, &id) in first[..2].iter().enumerate() {
			prove(assignee(id), id, &CHAIN, which);
		}
		assert_eq!(Deadlines::<Test>::get(12).into_inner(), first[2..].to_vec());
		// A request assigned now with a 9-block deadline lands in block 12 too.
		let late = submit_with(11, CHAIN.circuit(), &CHAIN.proofs[0].0, 100, 9);
		next_block();
		assert!(matches!(status(late), RequestStatus::Assigned { deadline: 12, .. }));
	});
}
