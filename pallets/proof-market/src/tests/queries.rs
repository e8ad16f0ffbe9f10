//! The runtime API's views: a prover's jobs, a request, a fee quote.

use super::*;
use crate::{Job, Quote};
use prova_primitives::market::{GpuClass, HardwareClass, RequestRequirements};

#[test]
fn a_prover_sees_exactly_its_open_jobs() {
	run_test(|| {
		register_prover(5, MIN_BOND, 10);
		list(1, &CHAIN);
		let first = submit(10, &CHAIN, 0, 100);
		let second = submit(11, &CHAIN, 1, 100);
		assert!(Market::jobs(5).is_empty());
		next_block();
		let jobs = Market::jobs(5);
		let expected = |id: RequestId, which: usize, stage| Job {
			request: id,
			circuit: CHAIN.circuit(),
			input: CHAIN.proofs[which].0.clone(),
			price: 10,
			attempt: 1,
			deadline_blocks: 10,
			collateral: MIN_COLLATERAL,
			stage,
		};
		let offered = crate::JobStage::Offered { lock_by: 2 + LOCK_WINDOW };
		assert_eq!(jobs, vec![expected(first, 0, offered), expected(second, 1, offered)]);
		assignee(first);
		prove(5, first, &CHAIN, 0);
		assert_eq!(Market::jobs(5), vec![expected(second, 1, offered)]);
		assignee(second);
		let locked = crate::JobStage::Locked { deadline: 12 };
		assert_eq!(Market::jobs(5), vec![expected(second, 1, locked)]);
		assert!(Market::jobs(6).is_empty());
	});
}

#[test]
fn a_quote_names_the_cheapest_qualifying_ask_and_the_least_fee() {
	run_test(|| {
		let circuit = list(1, &CHAIN);
		assert_eq!(
			Market::quote(circuit, anyone()),
			Some(Quote { work_units: 1, cheapest_ask: None, min_fee: None, available_now: false })
		);
		register_prover(5, MIN_BOND, 40);
		register_prover(6, MIN_BOND, 25);
		assert_eq!(
			Market::quote(circuit, anyone()),
			Some(Quote {
				work_units: 1,
				cheapest_ask: Some(25),
				min_fee: Some(25),
				available_now: true
			})
		);
		// The cheapest prover is busy: still the quote, but nobody free at that price.
		submit(10, &CHAIN, 0, 25);
		submit(10, &CHAIN, 1, 25);
		next_block();
		assert_eq!(Market::quote(circuit, anyone()).unwrap().available_now, false);
		let gpu = RequestRequirements {
			hardware: HardwareClass { gpu: GpuClass::Consumer, ..HardwareClass::default() },
			..anyone()
		};
		assert_eq!(Market::quote(circuit, gpu).unwrap().cheapest_ask, None);
		assert_eq!(Market::quote(FIBONACCI.circuit(), anyone()), None);
	});
}
