//! Proof races: joining, committing then revealing, pay decaying with the
//! delay to the plank, copied commitments, losers and failures.

use super::*;
use crate::{race::proof_commitment, Error, Event, Mechanism, Racers, Terms};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

const REQUESTER: AccountId = 10;
const FEE: Balance = 1_000;

fn race(racers: u32, open: bool) -> Terms<u64, Balance> {
	Terms {
		mechanism: Mechanism::Race {
			racers,
			open,
			decay: Perbill::from_percent(20),
			window_blocks: 2,
		},
		latency: None,
		settlement: Default::default(),
	}
}

fn submit_race(terms: Terms<u64, Balance>) -> Result<RequestId, sp_runtime::DispatchError> {
	let id = crate::NextRequestId::<Test>::get();
	Market::submit_request_with_terms(
		RuntimeOrigin::signed(REQUESTER),
		CHAIN.circuit(),
		BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
		FEE,
		10,
		anyone(),
		terms,
	)
	.map(|_| id)
}

fn join(who: AccountId, id: RequestId) -> frame_support::dispatch::DispatchResult {
	Market::lock_request(RuntimeOrigin::signed(who), id)
}

/// `who` commits to the fixture's proof number `which`.
fn commit(who: AccountId, id: RequestId, which: usize) -> frame_support::dispatch::DispatchResult {
	let (_, public_inputs, proof) = &CHAIN.proofs[which];
	Market::commit_proof(
		RuntimeOrigin::signed(who),
		id,
		proof_commitment(id, public_inputs, proof, &who),
	)
}

/// `who` reveals the fixture's proof number `which`.
fn reveal(
	who: AccountId,
	id: RequestId,
	which: usize,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	let (_, public_inputs, proof) = CHAIN.proofs[which].clone();
	submit_proof(who, id, public_inputs, proof)
}

fn setup() {
	for prover in 5..=7 {
		register_prover(prover, MIN_BOND, 10);
	}
	list(1, &CHAIN);
}

#[test]
fn the_first_proof_is_paid_in_full_and_a_later_one_less_its_delay() {
	run_test(|| {
		setup();
		let before: Vec<_> = [5, 6, 7, REQUESTER, TREASURY].map(total).into();
		let id = submit_race(race(2, true)).unwrap();
		assert!(matches!(status(id), RequestStatus::Racing { joined: 0, .. }));
		// What the provers' clients see: a race to join, at 1,000 / 2 each.
		assert_eq!(
			Market::openings(5)[0].phase,
			crate::OpeningPhase::Race { price: 500, join_until: 1 + LOCK_WINDOW }
		);
		assert_ok!(join(5, id));
		assert!(Market::openings(5).is_empty());
		assert_ok!(join(6, id));
		assert_noop!(join(7, id), Error::<Test>::RaceFull);
		assert_noop!(join(5, id), Error::<Test>::AlreadyRacing);
		// Each racer holds collateral for its full pay, 1,000 / 2.
		assert_eq!([collateral(5), collateral(6)], [1_000, 1_000]);
		assert_eq!(Market::jobs(5)[0].price, 500);

		assert_ok!(commit(5, id, 0));
		// No proof is taken while commitments are: it could be copied.
		assert_noop!(reveal(5, id, 0), Error::<Test>::CommitsOpen);
		next_block();
		assert_ok!(commit(6, id, 0));
		next_block();
		// The window closed two blocks after the first commitment.
		assert_noop!(commit(7, id, 0), Error::<Test>::NotRacing);
		assert_ok!(reveal(6, id, 0));
		assert!(matches!(status(id), RequestStatus::Racing { .. }));
		assert_ok!(reveal(5, id, 0));

		// Both revealed: settled at once. 5 committed first: 500; 6 a block
		// later: 500 less 20%.
		assert!(market_events()
			.contains(&Event::RaceSettled { request: id, paid: vec![(5, 500), (6, 400)] }));
		assert!(matches!(status(id), RequestStatus::Fulfilled { prover: 5, price: 900, .. }));
		assert_eq!(Racers::<Test>::iter_prefix(id).count(), 0);
		let after: Vec<_> = [5, 6, 7, REQUESTER, TREASURY].map(total).into();
		assert_eq!(after[0], before[0] + 500);
		assert_eq!(after[1], before[1] + 400);
		assert_eq!(after[2], before[2]);
		assert_eq!(after[3], before[3] - 900);
		assert_eq!(after[4], before[4]);
		assert_eq!([collateral(5), collateral(6)], [0, 0]);
	});
}

/// The racer is inside the commitment: copying one from the pool, or a
/// proof once revealed, earns nothing and costs the copier its collateral.
#[test]
fn a_copied_commitment_cannot_be_opened_and_its_racer_is_punished() {
	run_test(|| {
		setup();
		let id = submit_race(race(2, true)).unwrap();
		assert_ok!(join(5, id));
		assert_ok!(join(6, id));
		let (_, public_inputs, proof) = &CHAIN.proofs[0];
		let honest = proof_commitment(id, public_inputs, proof, &5u64);
		assert_ok!(Market::commit_proof(RuntimeOrigin::signed(5), id, honest));
		assert_ok!(Market::commit_proof(RuntimeOrigin::signed(6), id, honest));
		run_to_block(3);
		assert_ok!(reveal(5, id, 0));
		// 6 has 5's very proof, and still cannot open the commitment it copied.
		assert_noop!(reveal(6, id, 0), Error::<Test>::CommitmentMismatch);
		let six = total(6);
		// The reveal window ends: 6 committed and never proved.
		run_to_block(3 + LOCK_WINDOW);
		assert!(market_events().contains(&Event::RaceSettled { request: id, paid: vec![(5, 500)] }));
		// Its collateral only: settling a race slashes no backing.
		assert_eq!(total(6), six - 1_000);
	});
}

#[test]
fn a_racer_that_joined_and_lost_gets_its_collateral_back() {
	run_test(|| {
		setup();
		let id = submit_race(race(2, true)).unwrap();
		assert_ok!(join(5, id));
		assert_ok!(join(6, id));
		let six = total(6);
		assert_ok!(commit(5, id, 0));
		run_to_block(3);
		assert_ok!(reveal(5, id, 0));
		assert!(matches!(status(id), RequestStatus::Fulfilled { prover: 5, price: 500, .. }));
		assert_eq!((total(6), collateral(6)), (six, 0));
	});
}

#[test]
fn an_invalid_reveal_is_punished_and_the_others_still_win() {
	run_test(|| {
		setup();
		let id = submit_race(race(2, true)).unwrap();
		assert_ok!(join(5, id));
		assert_ok!(join(6, id));
		// 6 commits to a proof of another input.
		assert_ok!(commit(5, id, 0));
		assert_ok!(commit(6, id, 1));
		run_to_block(3);
		assert_ok!(reveal(6, id, 1));
		assert!(market_events().iter().any(|e| matches!(
			e,
			Event::ProofRejected { request, prover: 6, collateral: 1_000, .. } if *request == id
		)));
		assert!(!Racers::<Test>::contains_key(id, 6));
		assert_ok!(reveal(5, id, 0));
		assert!(matches!(status(id), RequestStatus::Fulfilled { prover: 5, price: 500, .. }));
	});
}

#[test]
fn a_race_nobody_proves_expires_and_its_racers_forfeit() {
	run_test(|| {
		setup();
		let id = submit_race(race(2, true)).unwrap();
		assert_ok!(join(5, id));
		let before = total(REQUESTER);
		let RequestStatus::Racing { deadline, .. } = status(id) else { unreachable!() };
		run_to_block(deadline);
		assert!(matches!(status(id), RequestStatus::Expired { .. }));
		// Refunded, its deposit too (someone joined), plus half the forfeited collateral.
		assert_eq!(total(REQUESTER), before + 500);
		assert_eq!(collateral(5), 0);
	});
}

#[test]
fn an_elected_race_takes_only_its_invited_provers() {
	run_test(|| {
		setup();
		let id = submit_race(race(2, false)).unwrap();
		assert_eq!(status(id), RequestStatus::Queued { since: 1 });
		next_block();
		let RequestStatus::Racing { invited, .. } = status(id) else { panic!("not racing") };
		assert_eq!(invited.len(), 2);
		let outsider = (5..=7).find(|p| !invited.contains(p)).unwrap();
		assert_noop!(join(outsider, id), Error::<Test>::NotOffered);
		for racer in invited {
			assert_ok!(join(racer, id));
		}
	});
}

#[test]
fn race_terms_out_of_range_are_refused() {
	run_test(|| {
		setup();
		assert_noop!(submit_race(race(0, true)), Error::<Test>::RaceOutOfRange);
		assert_noop!(submit_race(race(5, true)), Error::<Test>::RaceOutOfRange);
		let mut zero_window = race(2, true);
		if let Mechanism::Race { window_blocks, .. } = &mut zero_window.mechanism {
			*window_blocks = 0;
		}
		assert_noop!(submit_race(zero_window), Error::<Test>::RaceOutOfRange);
		// Each of 4 racers must be paid at least the cheapest ask (10): 40 is the least fee.
		assert_ok!(submit_race(race(4, true)));
		assert_noop!(
			Market::submit_request_with_terms(
				RuntimeOrigin::signed(REQUESTER),
				CHAIN.circuit(),
				BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
				39,
				10,
				anyone(),
				race(4, true),
			),
			Error::<Test>::FeeBelowCheapestAsk
		);
	});
}

/// Elected races cannot multiply the hook's elections: a block runs at most
/// `MaxAssignmentsPerBlock` of them, and a race that does not fit waits.
#[test]
fn elected_races_share_the_blocks_elections() {
	run_test(|| {
		for prover in 2..=7 {
			register_prover(prover, MIN_BOND, 10);
		}
		list(1, &CHAIN);
		// Four racers each: the mock's block runs four elections.
		let first = submit_race(race(4, false)).unwrap();
		let second = submit_race(race(4, false)).unwrap();
		next_block();
		assert!(matches!(status(first), RequestStatus::Racing { .. }));
		assert!(matches!(status(second), RequestStatus::Queued { .. }));
		next_block();
		assert!(matches!(status(second), RequestStatus::Racing { .. }));
	});
}
