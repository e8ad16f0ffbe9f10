//! The audit's attacks on the market, each written as the attacker plays it.
//! Each asserts that the attacker ends with no more than it started with.
//! (Zero-fee spam is in `requests.rs`, free proofs in `proofs.rs`.)

use super::*;
use frame_support::{assert_ok, BoundedVec};

/// Attack 1: a requester asks for what cannot be done in time (the shortest
/// deadline, or a circuit no client can rebuild) hoping provers fail. Before,
/// every assignee was slashed for each miss, and each failed attempt paid the
/// requester up to its whole fee out of the slash, on top of the refund. Now a
/// prover declines what it cannot do: nobody is slashed or paid, and the
/// requester gets back exactly what it held.
#[test]
fn a_requester_gains_nothing_from_requests_nobody_can_serve() {
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
		// Every prover's client sees it cannot prove in two blocks and declines.
		while ids.iter().any(|&id| status(id).is_open()) {
			next_block();
			for &id in &ids {
				if let RequestStatus::Offered { prover, .. } = status(id) {
					assert_ok!(Market::decline_request(RuntimeOrigin::signed(prover), id));
				}
			}
		}
		for &id in &ids {
			assert!(matches!(status(id), RequestStatus::Expired { .. }));
			assert_eq!(Requests::<Test>::get(id).unwrap().compensated, 0);
		}
		assert_eq!(total(attacker), start);
		for prover in 5..=7 {
			assert_eq!((total(prover), bonded(prover)), (ENDOWMENT, MIN_BOND));
			// Explicit declines are no fault: the score is untouched.
			assert_eq!(reputation(prover).score(), sp_runtime::Perbill::from_percent(50));
		}
		assert_eq!(free(TREASURY), ED);
	});
}

/// Attack 1, second form: the requester's own prover locks the job and
/// misses it on purpose. The requester is paid at most the price out of the
/// collateral its prover forfeits, so the pair loses the rest of it.
#[test]
fn a_prover_requester_pair_loses_by_missing_its_own_jobs() {
	run_test(|| {
		let (prover, requester) = (5, 10);
		register_prover(prover, 10 * MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		list(1, &CHAIN);
		let start = total(prover) + total(requester);
		let only_me =
			prova_primitives::market::RequestRequirements { min_stake: 2 * MIN_BOND, ..anyone() };
		let id = crate::NextRequestId::<Test>::get();
		assert_ok!(Market::submit_request(
			RuntimeOrigin::signed(requester),
			CHAIN.circuit(),
			BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
			1_000,
			10,
			only_me,
		));
		next_block();
		assert_eq!(assignee(id), prover);
		run_to_block(12);
		assert_ok!(Market::cancel_request(RuntimeOrigin::signed(requester), id));
		let request = Requests::<Test>::get(id).unwrap();
		assert!(request.compensated > 0 && request.compensated <= 10);
		assert!(total(prover) + total(requester) < start);
	});
}

/// Attack 2: a prover serves its own account's requests, which ask for more
/// backing than any other prover has. It submits garbage, is slashed, and
/// cancels the request once it is queued again. Before, the slash (20% of the
/// whole backing) went to its own requester account, so twenty rounds moved
/// almost all delegated stake to the attacker. Now the slash goes to the
/// treasury and takes the prover's self-bond first: while that covers it,
/// the delegators lose nothing at all.
#[test]
fn a_prover_cannot_move_its_delegators_stake_to_itself() {
	run_test(|| {
		let (prover, requester) = (5, 10);
		let delegators = [3, 4];
		register_prover(prover, 30 * MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		for delegator in delegators {
			assert_ok!(Provers::delegate(RuntimeOrigin::signed(delegator), prover, 5 * MIN_BOND));
		}
		run_to_block(1 + WARMUP);
		list(1, &CHAIN);
		let attacker_start = total(prover) + total(requester);
		let delegators_start: Balance = delegators.iter().map(|d| total(*d)).sum();
		let only_me =
			prova_primitives::market::RequestRequirements { min_stake: 2 * MIN_BOND, ..anyone() };
		let mut rounds = 0;
		loop {
			let id = crate::NextRequestId::<Test>::get();
			let submitted = Market::submit_request(
				RuntimeOrigin::signed(requester),
				CHAIN.circuit(),
				BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
				100_000,
				10,
				only_me,
			);
			if rounds > 0 && submitted.is_err() {
				// The self-bond is gone: the prover no longer qualifies for anything.
				assert_eq!(submitted, Err(crate::Error::<Test>::NoQualifiedProver.into()));
				assert_eq!(bonded(prover), 0);
				break;
			}
			assert_ok!(submitted);
			next_block();
			assert_eq!(assignee(id), prover, "round {rounds}");
			// Garbage: the proof of another input.
			let (_, inputs, proof) = CHAIN.proofs[1].clone();
			assert_ok!(submit_proof(prover, id, inputs, proof));
			assert_ok!(Market::cancel_request(RuntimeOrigin::signed(requester), id));
			// Half of everything at stake, all of it from the self-bond so far.
			let delegators_now: Balance = delegators.iter().map(|d| total(*d)).sum();
			assert_eq!(delegators_now, delegators_start, "round {rounds}");
			rounds += 1;
		}
		assert_eq!(rounds, 2);
		let attacker_end = total(prover) + total(requester);
		let delegators_end: Balance = delegators.iter().map(|d| total(*d)).sum();
		let delegators_lost = delegators_start - delegators_end;
		// The attacker lost its own bond and gained nothing from its delegators'.
		assert!(attacker_end < attacker_start - 30 * MIN_BOND);
		assert_eq!(delegators_lost, 0);
		// What the delegators lost went to the treasury, not to the attacker.
		assert_eq!(free(TREASURY), ED + delegators_lost + (attacker_start - attacker_end));
	});
}

/// Attack 6: a prover buys reputation by proving its own account's requests,
/// with requirements only it meets, at its own price. Before, every such job
/// raised its score like real work. Now only jobs won against at least
/// `MinCompetitors` eligible provers count: its score does not move, while a
/// job it wins in open competition does.
#[test]
fn reputation_cannot_be_bought_by_self_dealing() {
	run_test(|| {
		let (prover, requester) = (5, 10);
		register_prover(prover, 10 * MIN_BOND, 10);
		register_prover(6, MIN_BOND, 10);
		list(1, &CHAIN);
		let start = reputation(prover).score();
		let only_me =
			prova_primitives::market::RequestRequirements { min_stake: 2 * MIN_BOND, ..anyone() };
		for which in 0..3 {
			let id = crate::NextRequestId::<Test>::get();
			assert_ok!(Market::submit_request(
				RuntimeOrigin::signed(requester),
				CHAIN.circuit(),
				BoundedVec::try_from(CHAIN.proofs[which].0.clone()).unwrap(),
				10,
				10,
				only_me,
			));
			next_block();
			assert!(matches!(status(id), RequestStatus::Offered { candidates: 1, .. }));
			prove(assignee(id), id, &CHAIN, which);
		}
		assert_eq!(reputation(prover).fulfilled, 3);
		assert_eq!(reputation(prover).score(), start);

		// An open request both provers could take: the winner's score rises.
		let id = submit(11, &CHAIN, 0, 10);
		next_block();
		assert!(matches!(status(id), RequestStatus::Offered { candidates: 2, .. }));
		let winner = assignee(id);
		let before = reputation(winner).score();
		prove(winner, id, &CHAIN, 0);
		assert!(reputation(winner).score() > before);
	});
}

/// Attack 7, as the market sees it: once a prover has locked a large job, a
/// delegator backs it with a large stake to take most of the reward when the
/// proof lands. The stake is still warming up: the reward goes to the stake
/// that backed the job, and the attacker ends with what it had.
#[test]
fn a_just_in_time_delegator_takes_nothing_of_a_locked_job() {
	run_test(|| {
		register_prover(5, MIN_BOND, 1_000);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 5_000);
		next_block();
		assert_eq!(assignee(id), 5);
		let attacker = 3;
		let start = total(attacker);
		assert_ok!(Provers::delegate(RuntimeOrigin::signed(attacker), 5, 50 * MIN_BOND));
		prove(5, id, &CHAIN, 0);
		let pending: Vec<_> = pallet_provers::Pallet::<Test>::delegations_of(attacker);
		assert_eq!(pending[0].pending_rewards, 0);
		assert_eq!(pending[0].amount, 0, "still warming");
		// The prover, backed only by itself, kept the whole price.
		assert_eq!(free(5), ENDOWMENT - MIN_BOND + 1_000);
		assert_eq!(total(attacker), start);
	});
}

/// Attack 1 again, against provers that declared what they serve: a request
/// for a deadline shorter than any prover declares it can meet, or for a
/// circuit none serves, is refused at once; nobody is offered it, so nobody
/// even spends a decline on it. A prover serving only another circuit is
/// never offered this one, and the one that is offered it is priced at the
/// ask of its service.
#[test]
fn provers_are_offered_only_what_their_declared_services_take() {
	use pallet_provers::{Service, ServiceScope};
	run_test(|| {
		let circuit = list(1, &CHAIN);
		let serve = |prover, scope, ask, blocks_per_thousand_units| {
			register_prover(prover, MIN_BOND, 10);
			let services = vec![Service { scope, ask, blocks_per_thousand_units }];
			assert_ok!(Provers::set_services(
				RuntimeOrigin::signed(prover),
				BoundedVec::try_from(services).unwrap()
			));
		};
		// Prover 5 proves the `test` family at 20 blocks per unit; prover 6
		// only FIBONACCI's circuit, at any speed.
		let family = prova_primitives::market::family_of(b"test/1");
		serve(5, ServiceScope::Family { name: family, max_degree_bits: 12 }, 3, 20_000);
		serve(6, ServiceScope::Circuit(FIBONACCI.circuit()), 1, 0);

		let attacker = 10;
		let start = total(attacker);
		let input = BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap();
		let too_soon = Market::submit_request(
			RuntimeOrigin::signed(attacker),
			circuit,
			input,
			5_000,
			19,
			anyone(),
		);
		assert_eq!(too_soon, Err(crate::Error::<Test>::NoQualifiedProver.into()));
		assert_eq!(total(attacker), start);

		// Twenty blocks is what prover 5 declared: it gets it, at its ask of 3.
		let id = submit_with(attacker, circuit, &CHAIN.proofs[0].0, 5_000, 20);
		next_block();
		assert!(matches!(status(id), RequestStatus::Offered { prover: 5, price: 3, .. }));
		assert_eq!(in_use(6), 0);
	});
}

/// A prover offered a job cannot raise its price by raising its ask or its
/// services' before locking: the price is fixed when the offer is made, and
/// the requester pays exactly that.
#[test]
fn raising_the_ask_after_an_offer_does_not_raise_the_price() {
	use pallet_provers::{Service, ServiceScope};
	run_test(|| {
		register_prover(5, MIN_BOND, 3);
		let circuit = list(1, &CHAIN);
		let requester = 10;
		let start = total(requester);
		let id = submit_with(requester, circuit, &CHAIN.proofs[0].0, 5_000, 20);
		next_block();
		assert!(matches!(status(id), RequestStatus::Offered { prover: 5, price: 3, .. }));

		let greedy = vec![Service {
			scope: ServiceScope::Any { max_degree_bits: 20 },
			ask: 4_000,
			blocks_per_thousand_units: 0,
		}];
		let prover = RuntimeOrigin::signed(5);
		assert_ok!(Provers::set_services(prover.clone(), BoundedVec::try_from(greedy).unwrap()));
		assert_ok!(Provers::update(
			prover.clone(),
			cpu_box(),
			2,
			4_000,
			sp_runtime::Perbill::from_percent(10)
		));
		assert_ok!(Market::lock_request(prover, id));
		assert!(matches!(status(id), RequestStatus::Locked { price: 3, .. }));
		prove(5, id, &CHAIN, 0);
		assert!(matches!(status(id), RequestStatus::Fulfilled { price: 3, .. }));
		assert_eq!(total(requester), start - 3);
	});
}
