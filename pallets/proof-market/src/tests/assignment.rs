//! Offers at the start of a later block: the seed, the election, batches,
//! rotation of unservable requests, expiry in the queue, index slots.

use super::*;
use crate::{Deadlines, Event, Jobs, Queue};
use frame_support::{assert_ok, traits::Hooks};
use prova_primitives::market::{GpuClass, HardwareClass, RequestRequirements};

#[test]
fn a_request_is_offered_at_the_start_of_a_later_block_at_the_provers_price() {
	run_test(|| {
		register_prover(5, MIN_BOND, 7);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		// Nothing happens in the block that included it.
		assert_eq!(status(id), RequestStatus::Queued { since: 1 });
		next_block();
		let lock_by = 2 + LOCK_WINDOW;
		assert_eq!(
			status(id),
			RequestStatus::Offered { prover: 5, price: 7, lock_by, candidates: 1 }
		);
		assert!(Jobs::<Test>::contains_key(5, id));
		assert_eq!(Deadlines::<Test>::get(lock_by).into_inner(), vec![id]);
		assert!(Queue::<Test>::get().is_empty());
		assert_eq!(in_use(5), 1);
		assert_eq!(reputation(5).assigned, 1);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestOffered { request: id, prover: 5, price: 7, lock_by, attempt: 1 })
		);
	});
}

#[test]
fn with_an_election_delay_of_two_the_block_after_inclusion_offers_nothing() {
	run_test(|| {
		crate::mock::ElectionDelay::set(2);
		register_prover(5, MIN_BOND, 7);
		list(1, &CHAIN);
		let id = submit(10, &CHAIN, 0, 100);
		// Block 2's seed comes from block 1's author, who included the
		// request: it waits.
		next_block();
		assert_eq!(status(id), RequestStatus::Queued { since: 1 });
		assert_eq!(Queue::<Test>::get().into_inner(), vec![id]);
		assert_eq!(in_use(5), 0);
		// Block 3 elects it with block 2's seed.
		next_block();
		let lock_by = 3 + LOCK_WINDOW;
		assert_eq!(
			status(id),
			RequestStatus::Offered { prover: 5, price: 7, lock_by, candidates: 1 }
		);
		assert!(Queue::<Test>::get().is_empty());
	});
}

#[test]
fn the_election_uses_a_seed_from_the_parent_block_the_request_and_the_attempt() {
	run_test(|| {
		for prover in 5..=8 {
			register_prover(prover, MIN_BOND * u128::from(prover), 1);
		}
		list(1, &CHAIN);
		// Two requests: no prover can fill its two slots and leave the candidates.
		let ids: Vec<_> = (0..2).map(|which| submit(10, &CHAIN, which, 100)).collect();
		// Predict each election with the registry's own function and the block's seed.
		System::set_block_number(2);
		System::set_parent_hash(sp_core::H256::repeat_byte(7));
		let expected: Vec<_> = ids
			.iter()
			.map(|&id| {
				let seed = Market::election_seed(id, 1);
				let requirements = anyone().at_price(100);
				let request = crate::Requests::<Test>::get(id).unwrap();
				let listing = crate::Listings::<Test>::get(request.circuit).unwrap();
				let job = Market::job_spec(request.circuit, &listing, request.deadline_blocks);
				pallet_provers::election::elect::<Test>(&seed, &requirements, &job, &[])
					.unwrap()
					.prover
			})
			.collect();
		Market::on_initialize(2);
		let elected: Vec<_> = ids.iter().map(|&id| assignee(id)).collect();
		assert_eq!(elected, expected);
		// Seeds differ by request, by attempt and by parent block.
		assert_ne!(Market::election_seed(0, 1), Market::election_seed(1, 1));
		assert_ne!(Market::election_seed(0, 1), Market::election_seed(0, 2));
		let at_parent_7 = Market::election_seed(0, 1);
		System::set_parent_hash(sp_core::H256::repeat_byte(8));
		assert_ne!(Market::election_seed(0, 1), at_parent_7);
	});
}

#[test]
fn at_most_a_batch_of_queued_requests_is_offered_per_block() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 1);
		}
		list(1, &CHAIN);
		let ids: Vec<_> = (0..6).map(|which| submit(10, &CHAIN, which % 3, 100)).collect();
		next_block();
		let offered = |ids: &[RequestId]| {
			ids.iter().filter(|&&id| matches!(status(id), RequestStatus::Offered { .. })).count()
		};
		assert_eq!(offered(&ids), 4);
		assert_eq!(Queue::<Test>::get().into_inner(), vec![4, 5]);
		next_block();
		assert_eq!(offered(&ids), 6);
	});
}

#[test]
fn a_request_no_prover_can_serve_goes_to_the_back_of_the_queue() {
	run_test(|| {
		register_prover(5, MIN_BOND, 1);
		register_prover(6, MIN_BOND, 1);
		// The only GPU prover, which stops taking work once the request is in.
		let datacenter = HardwareClass { gpu: GpuClass::Datacenter, ..HardwareClass::default() };
		assert_ok!(Provers::register(
			RuntimeOrigin::signed(7),
			datacenter,
			2,
			1,
			sp_runtime::Perbill::from_percent(10),
			MIN_BOND
		));
		let circuit = list(1, &CHAIN);
		let gpu = RequestRequirements { hardware: datacenter, ..anyone() };
		assert_ok!(Market::submit_request(
			RuntimeOrigin::signed(10),
			circuit,
			BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
			100,
			10,
			gpu
		));
		assert_ok!(Provers::chill(RuntimeOrigin::signed(7)));
		let rest: Vec<_> = (0..4).map(|which| submit(11, &CHAIN, which % 3, 100)).collect();
		next_block();
		// The GPU request waited; the next three were served; the fifth was not offered.
		assert_eq!(Queue::<Test>::get().into_inner(), vec![rest[3], 0]);
		next_block();
		assert!(matches!(status(rest[3]), RequestStatus::Offered { .. }));
		assert_eq!(Queue::<Test>::get().into_inner(), vec![0]);
	});
}

/// More than `MaxDeadlinesPerBlock` jobs may end in one block: each lock
/// takes its exact deadline block (the hook handles the excess in later
/// blocks, see `tests/overdue.rs`).
#[test]
fn a_full_index_block_still_takes_a_lock_at_its_exact_deadline() {
	run_test(|| {
		for prover in 5..=7 {
			register_prover(prover, MIN_BOND, 1);
		}
		list(1, &CHAIN);
		let early: Vec<_> = (0..4)
			.map(|which| submit_with(10, CHAIN.circuit(), &CHAIN.proofs[which % 3].0, 100, 11))
			.collect();
		let late = submit_with(10, CHAIN.circuit(), &CHAIN.proofs[0].0, 100, 10);
		next_block();
		// Offered in block 2: their lock windows fill block 4's index.
		assert_eq!(Deadlines::<Test>::get(2 + LOCK_WINDOW).into_inner(), early);
		for &id in &early {
			assignee(id);
		}
		assert_eq!(Deadlines::<Test>::get(13).into_inner(), early);
		assert!(!Deadlines::<Test>::contains_key(2 + LOCK_WINDOW));
		next_block();
		// Locked in block 3 with 10 blocks: block 13 has four, and takes a fifth.
		assignee(late);
		assert!(matches!(status(late), RequestStatus::Locked { deadline: 13, .. }));
		let mut all = early.clone();
		all.push(late);
		assert_eq!(Deadlines::<Test>::get(13).into_inner(), all);
	});
}
