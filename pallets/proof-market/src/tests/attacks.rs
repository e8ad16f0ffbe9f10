//! The audit's attacks on the market, each written as the attacker plays it.
//! Each asserts that the attacker ends with no more than it started with.
//! (Zero-fee spam is in `requests.rs`, free proofs in `proofs.rs`.)

use super::*;
use frame_support::assert_ok;

/// Attack 1: a requester asks for what cannot be done in time (the shortest
/// deadline) and lets every attempt fail. Before, each failed attempt paid it
/// up to its whole fee out of the slashed prover, on top of the refund.
#[test]
fn a_requester_gains_nothing_from_failures_it_provokes() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 10);
		}
		list(1, &CHAIN);
		let attacker = 10;
		let start = total(attacker);
		let ids: Vec<_> = (0..3)
			.map(|which| submit_with(attacker, CHAIN.circuit(), &CHAIN.proofs[which].0, 5_000, 2))
			.collect();
		// Nobody proves in two blocks; every attempt fails.
		run_to_block(2 + 3 * MAX_ATTEMPTS as u64 + QUEUE_WAIT);
		for id in ids {
			assert!(matches!(status(id), RequestStatus::Expired { .. }));
			assert_eq!(Requests::<Test>::get(id).unwrap().compensated, 0);
		}
		assert_eq!(total(attacker), start);
		// The provers' slashes went to the treasury, all of them.
		let slashed: Balance = (5..=7).map(|prover| MIN_BOND - bonded(prover)).sum();
		assert!(slashed > 0);
		assert_eq!(free(TREASURY), ED + slashed);
	});
}

/// Attack 2: a prover serves its own account's requests, which ask for more
/// backing than any other prover has. It submits garbage, is slashed (its
/// delegators with it), and cancels the request once it is queued again.
/// Before, the slash (20% of the whole backing) went to its own requester
/// account, so twenty rounds moved almost all delegated stake to the attacker.
#[test]
fn a_prover_cannot_move_its_delegators_stake_to_itself() {
	run_test(|| {
		let (prover, requester) = (5, 10);
		let delegators = [3, 4];
		register_prover(prover, 10 * MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		for delegator in delegators {
			assert_ok!(Provers::delegate(RuntimeOrigin::signed(delegator), prover, 10 * MIN_BOND));
		}
		list(1, &CHAIN);
		let attacker_start = total(prover) + total(requester);
		let delegators_start: Balance = delegators.iter().map(|d| total(*d)).sum();
		let only_me =
			prova_primitives::market::RequestRequirements { min_stake: 2 * MIN_BOND, ..anyone() };
		for round in 0..3 {
			let id = crate::NextRequestId::<Test>::get();
			assert_ok!(Market::submit_request(
				RuntimeOrigin::signed(requester),
				CHAIN.circuit(),
				BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
				100_000,
				10,
				only_me,
			));
			next_block();
			assert_eq!(assignee(id), prover, "round {round}");
			// Garbage: the proof of another input.
			let (_, inputs, proof) = CHAIN.proofs[1].clone();
			assert_ok!(submit_proof(prover, id, inputs, proof));
			assert_ok!(Market::cancel_request(RuntimeOrigin::signed(requester), id));
		}
		let attacker_end = total(prover) + total(requester);
		let delegators_end: Balance = delegators.iter().map(|d| total(*d)).sum();
		let delegators_lost = delegators_start - delegators_end;
		// The attacker lost its own slashes and gained nothing from its delegators'.
		assert!(attacker_end < attacker_start);
		// What the delegators lost went to the treasury, not to the attacker.
		assert_eq!(free(TREASURY), ED + delegators_lost + (attacker_start - attacker_end));
	});
}
