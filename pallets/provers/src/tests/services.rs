//! Declared services: which jobs an election offers a prover, at what ask.

use super::*;
use crate::{Error, Event, Services};
use frame_support::{assert_noop, BoundedVec};
use prova_primitives::market::{family_of, Service, ServiceScope};

const CIRCUIT: [u8; 32] = [1u8; 32];

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn service(scope: ServiceScope, ask: Balance, blocks_per_thousand_units: u32) -> Service<Balance> {
	Service { scope, ask, blocks_per_thousand_units }
}

fn family(name: &[u8], max_degree_bits: u32) -> ServiceScope {
	ServiceScope::Family { name: family_of(name), max_degree_bits }
}

fn declare(who: AccountId, services: Vec<Service<Balance>>) -> DispatchResult {
	Provers::set_services(signed(who), BoundedVec::try_from(services).unwrap())
}

/// A job of `family` for `circuit` at `degree_bits` with `deadline_blocks`.
fn job(circuit: [u8; 32], family_name: &[u8], degree_bits: u32, deadline_blocks: u32) -> JobSpec {
	JobSpec {
		circuit: circuit.into(),
		family: family_of(family_name),
		degree_bits,
		units: prova_primitives::market::work_units(degree_bits),
		deadline_blocks,
	}
}

fn ask_for(who: AccountId, job: &JobSpec) -> Option<Balance> {
	crate::election::ask_for(&record(who), &Services::<Test>::get(who), job)
}

fn eligible(job: &JobSpec) -> Vec<AccountId> {
	Provers::eligible_provers(any_prover(), job.clone()).into_iter().map(|(who, _)| who).collect()
}

#[test]
fn declaring_services_stores_them_says_so_and_an_empty_list_clears_them() {
	run_test(|| {
		register(1, MIN_BOND);
		let services = vec![
			service(ServiceScope::Circuit(CIRCUIT.into()), 3, 500),
			service(ServiceScope::Any { max_degree_bits: 16 }, 8, 2_000),
		];
		assert_ok!(declare(1, services.clone()));
		assert_eq!(Services::<Test>::get(1).into_inner(), services);
		assert_eq!(
			last_event(),
			Event::ServicesSet { prover: 1, services: BoundedVec::try_from(services).unwrap() }
		);
		assert_eq!(Provers::prover_info(1).unwrap().services.len(), 2);
		assert_ok!(declare(1, vec![]));
		assert!(!Services::<Test>::contains_key(1));
	});
}

#[test]
fn duplicate_scopes_nameless_families_strangers_and_leaving_provers_are_refused() {
	run_test(|| {
		register(1, MIN_BOND);
		let any = ServiceScope::Any { max_degree_bits: 16 };
		assert_noop!(
			declare(1, vec![service(any.clone(), 3, 0), service(any, 4, 0)]),
			Error::<Test>::DuplicateService
		);
		assert_noop!(declare(1, vec![service(family(b"", 16), 3, 0)]), Error::<Test>::EmptyFamily);
		assert_noop!(declare(2, vec![]), Error::<Test>::NotRegistered);
		assert_ok!(Provers::deregister(signed(1)));
		assert_noop!(declare(1, vec![]), Error::<Test>::ProverLeaving);
	});
}

/// A job is served at the ask of the most specific service that takes it;
/// a prover without services serves everything at its record's ask.
#[test]
fn the_most_specific_service_that_takes_a_job_sets_its_ask() {
	run_test(|| {
		register(1, MIN_BOND);
		register(2, MIN_BOND);
		register(3, MIN_BOND);
		assert_ok!(declare(
			1,
			vec![
				service(ServiceScope::Any { max_degree_bits: 20 }, 10, 0),
				service(family(b"poseidon_chain", 16), 7, 0),
				service(ServiceScope::Circuit(CIRCUIT.into()), 3, 0),
			]
		));
		let day = 28_800;
		assert_eq!(ask_for(1, &job(CIRCUIT, b"poseidon_chain/1", 12, day)), Some(3));
		assert_eq!(ask_for(1, &job([2; 32], b"poseidon_chain/1", 16, day)), Some(7));
		assert_eq!(ask_for(1, &job([2; 32], b"poseidon_chain/1", 18, day)), Some(10));
		assert_eq!(ask_for(1, &job([2; 32], b"fibonacci/1", 12, day)), Some(10));
		assert_eq!(ask_for(1, &job([2; 32], b"fibonacci/1", 21, day)), None);
		// Among equally specific services, the first declared sets the ask.
		assert_ok!(declare(
			3,
			vec![
				service(family(b"poseidon_chain", 16), 1, 0),
				service(family(b"poseidon_chain", 20), 5, 0),
			]
		));
		assert_eq!(ask_for(3, &job([2; 32], b"poseidon_chain/1", 12, day)), Some(1));
		assert_eq!(ask_for(3, &job([2; 32], b"poseidon_chain/1", 18, day)), Some(5));
		// Prover 2 declared nothing: everything at its ask of 5.
		assert_eq!(ask_for(2, &job([2; 32], b"fibonacci/1", 21, day)), Some(5));
	});
}

/// A prover is offered only jobs one of its services takes: a circuit it
/// does not cover, or a deadline shorter than its declared speed allows,
/// never reaches it, whatever its stake.
#[test]
fn provers_are_elected_only_for_jobs_their_services_take() {
	run_test(|| {
		// Room for a 16-unit job each.
		register_with(1, cpu_box(), 16, 5, Perbill::zero(), MIN_BOND);
		register_with(2, cpu_box(), 16, 5, Perbill::zero(), MIN_BOND);
		// Two blocks per work unit for poseidon_chain up to 2^16 (16 units).
		assert_ok!(declare(1, vec![service(family(b"poseidon_chain", 16), 4, 2_000)]));
		assert_ok!(declare(2, vec![service(ServiceScope::Circuit(CIRCUIT.into()), 4, 0)]));

		assert_eq!(eligible(&job(CIRCUIT, b"poseidon_chain/1", 16, 32)), vec![1, 2]);
		assert_eq!(eligible(&job(CIRCUIT, b"poseidon_chain/1", 16, 31)), vec![2]);
		assert_eq!(eligible(&job([2; 32], b"poseidon_chain/1", 16, 32)), vec![1]);
		assert!(eligible(&job([2; 32], b"poseidon_chain/1", 17, 1_000)).is_empty());
		assert!(eligible(&job([2; 32], b"merkle_root/1", 12, 1_000)).is_empty());

		// Reserving checks the same, and prices the offer at the service's ask.
		let registry =
			|who, job: &JobSpec| <Provers as ProverRegistry<_, _>>::reserve_capacity(&who, job);
		assert_noop!(
			registry(1, &job(CIRCUIT, b"poseidon_chain/1", 16, 31)),
			Error::<Test>::NotServed
		);
		assert_eq!(registry(1, &job(CIRCUIT, b"poseidon_chain/1", 16, 32)), Ok(4));
	});
}

/// A too-slow specific service gives way to a general one that takes the job.
#[test]
fn a_service_too_slow_for_the_deadline_gives_way_to_one_that_is_not() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(declare(
			1,
			vec![
				service(ServiceScope::Circuit(CIRCUIT.into()), 2, 4_000),
				service(ServiceScope::Any { max_degree_bits: 20 }, 9, 1_000),
			]
		));
		assert_eq!(ask_for(1, &job(CIRCUIT, b"poseidon_chain/1", 14, 16)), Some(2));
		assert_eq!(ask_for(1, &job(CIRCUIT, b"poseidon_chain/1", 14, 15)), Some(9));
		assert_eq!(ask_for(1, &job(CIRCUIT, b"poseidon_chain/1", 14, 3)), None);
	});
}

/// The cheapest ask a request can get is that of the services taking it.
#[test]
fn the_cheapest_ask_is_the_lowest_service_ask_for_the_job() {
	run_test(|| {
		register(1, MIN_BOND);
		register(2, MIN_BOND);
		assert_ok!(declare(1, vec![service(ServiceScope::Circuit(CIRCUIT.into()), 2, 0)]));
		let cheapest = |job: &JobSpec| {
			<Provers as ProverRegistry<_, _>>::cheapest_ask(&any_prover().without_price(), job)
		};
		assert_eq!(cheapest(&job(CIRCUIT, b"poseidon_chain/1", 12, 100)), Some(2));
		// Prover 1 does not serve other circuits; prover 2 asks 5 for anything.
		assert_eq!(cheapest(&job([2; 32], b"poseidon_chain/1", 12, 100)), Some(5));
	});
}

#[test]
fn a_removed_prover_leaves_no_services_behind() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(declare(1, vec![service(ServiceScope::Any { max_degree_bits: 20 }, 2, 0)]));
		assert_ok!(Provers::deregister(signed(1)));
		run_to_block(1 + UNBONDING);
		assert_ok!(Provers::settle_leaving(signed(5), 1, 1));
		assert!(!ProverRecords::<Test>::contains_key(1));
		assert!(!Services::<Test>::contains_key(1));
	});
}

/// Capacity counts work units: a prover with room for 12 units holds one
/// 8-unit job and a 4-unit one, not a second 8-unit job, until a job ends.
#[test]
fn capacity_counts_the_work_units_of_the_jobs_held() {
	run_test(|| {
		register_with(1, cpu_box(), 12, 5, Perbill::zero(), MIN_BOND);
		let big = job(CIRCUIT, b"poseidon_chain/1", 15, 1_000);
		let small = job([2; 32], b"poseidon_chain/1", 14, 1_000);
		let reserve = |job: &JobSpec| <Provers as ProverRegistry<_, _>>::reserve_capacity(&1, job);
		assert_eq!(reserve(&big), Ok(5));
		assert_eq!(eligible(&big), Vec::<AccountId>::new());
		assert_noop!(reserve(&big), Error::<Test>::NoFreeCapacity);
		assert_eq!(eligible(&small), vec![1]);
		assert_eq!(reserve(&small), Ok(5));
		assert_eq!((record(1).in_use, record(1).units_in_use), (2, 12));
		// Capacity cannot drop below the units held.
		assert_noop!(
			Provers::update(signed(1), cpu_box(), 11, 5, Perbill::zero()),
			Error::<Test>::CapacityBelowInUse
		);
		assert_ok!(<Provers as ProverRegistry<_, _>>::release_capacity(&1, 8, FULFILLED));
		assert_eq!((record(1).in_use, record(1).units_in_use), (1, 4));
		assert_eq!(eligible(&big), vec![1]);
		// A job larger than the whole capacity cannot be served at all: a
		// request for it is refused rather than left waiting.
		let huge = job(CIRCUIT, b"poseidon_chain/1", 16, 1_000);
		let cheapest =
			<Provers as ProverRegistry<_, _>>::cheapest_ask(&any_prover().without_price(), &huge);
		assert_eq!(cheapest, None);
	});
}
