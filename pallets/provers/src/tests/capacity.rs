//! `reserve_capacity` / `release_capacity` and the reputation they record.

use super::*;
use crate::{Error, Reputation};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::market::JobOutcome;

#[test]
fn reserving_takes_a_slot_and_counts_the_assignment() {
	run_test(|| {
		register(1, MIN_BOND);
		clear_events();
		assert_ok!(reserve(1));
		assert_eq!(record(1).in_use, 1);
		assert_eq!(record(1).reputation, Reputation { assigned: 1, ..Default::default() });
		assert_ok!(reserve(1));
		assert_eq!(record(1).in_use, 2);
		assert_eq!(record(1).reputation.assigned, 2);
		// Bookkeeping of the market's jobs emits nothing of its own.
		assert!(provers_events().is_empty());
	});
}

#[test]
fn reserving_refuses_a_full_prover() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(reserve(1));
		assert_ok!(reserve(1));
		assert_noop!(reserve(1), Error::<Test>::NoFreeCapacity);
		assert_ok!(release(1, JobOutcome::Released));
		assert_ok!(reserve(1));
	});
}

#[test]
fn reserving_refuses_strangers_and_provers_that_are_not_active() {
	run_test(|| {
		assert_noop!(reserve(1), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_ok!(Provers::chill(RuntimeOrigin::signed(1)));
		assert_noop!(reserve(1), Error::<Test>::NotActive);
		assert_ok!(Provers::force_chill(RuntimeOrigin::root(), 1));
		assert_noop!(reserve(1), Error::<Test>::NotActive);
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(1)));
		assert_noop!(reserve(1), Error::<Test>::NotActive);
	});
}

#[test]
fn releasing_frees_the_slot_and_records_the_outcome() {
	run_test(|| {
		register_with(1, cpu_box(), 16, 5, Perbill::zero(), MIN_BOND);
		for _ in 0..8 {
			assert_ok!(reserve(1));
		}
		let outcomes = [
			FULFILLED,
			FULFILLED,
			FULFILLED,
			MISSED,
			MISSED,
			INVALID,
			JobOutcome::Declined { lapsed: true },
		];
		for (done, outcome) in outcomes.into_iter().enumerate() {
			assert_ok!(release(1, outcome));
			assert_eq!(record(1).in_use, 8 - 1 - done as u32);
		}
		assert_eq!(
			record(1).reputation,
			Reputation {
				assigned: 8,
				fulfilled: 3,
				missed: 2,
				invalid: 1,
				declined: 0,
				lapsed: 1,
				good_units: 3,
				bad_units: 5,
				decay_epoch: 0,
			}
		);
	});
}

#[test]
fn a_chilled_or_force_chilled_prover_still_releases_its_jobs() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(reserve(1));
		assert_ok!(reserve(1));
		assert_ok!(Provers::chill(RuntimeOrigin::signed(1)));
		assert_ok!(release(1, FULFILLED));
		assert_ok!(Provers::force_chill(RuntimeOrigin::root(), 1));
		assert_ok!(release(1, MISSED));
		assert_eq!(record(1).in_use, 0);
		assert_eq!(
			record(1).reputation,
			Reputation {
				assigned: 2,
				fulfilled: 1,
				missed: 1,
				invalid: 0,
				declined: 0,
				lapsed: 0,
				good_units: 1,
				bad_units: 1,
				decay_epoch: 0,
			}
		);
	});
}

#[test]
fn releasing_refuses_strangers_and_provers_holding_no_job() {
	run_test(|| {
		assert_noop!(release(1, FULFILLED), Error::<Test>::NotRegistered);
		register(1, MIN_BOND);
		assert_noop!(release(1, FULFILLED), Error::<Test>::NoCapacityReserved);
		assert_ok!(reserve(1));
		assert_ok!(release(1, JobOutcome::Released));
		assert_noop!(release(1, MISSED), Error::<Test>::NoCapacityReserved);
	});
}

#[test]
fn a_new_prover_scores_one_half() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_eq!(record(1).reputation.score(), Perbill::from_percent(50));
	});
}

#[test]
fn the_score_follows_fulfilled_missed_and_invalid_jobs() {
	let score = |fulfilled, missed, invalid| {
		let bad_units = u64::from(missed) + 3 * u64::from(invalid);
		Reputation { fulfilled, good_units: fulfilled.into(), bad_units, ..Default::default() }
			.score()
	};
	// (fulfilled + 1) / (fulfilled + missed + 3 · invalid + 2)
	assert_eq!(score(1, 0, 0), Perbill::from_rational(2u32, 3));
	assert_eq!(score(8, 0, 0), Perbill::from_rational(9u32, 10));
	assert_eq!(score(0, 1, 0), Perbill::from_rational(1u32, 3));
	assert_eq!(score(3, 2, 1), Perbill::from_rational(4u32, 10));
	// An invalid proof weighs as much as three missed deadlines.
	assert_eq!(score(2, 0, 1), score(2, 3, 0));
	assert_eq!(score(2, 0, 1), Perbill::from_rational(3u32, 7));
	// Released jobs leave the score alone.
	assert_eq!(score(0, 0, 0), Perbill::from_percent(50));
	// Counters at their limit neither overflow nor leave the range.
	assert_eq!(
		score(u32::MAX, 0, 0),
		Perbill::from_rational(u64::from(u32::MAX) + 1, u64::from(u32::MAX) + 2)
	);
	assert!(score(0, u32::MAX, u32::MAX) < Perbill::from_parts(1));
}

#[test]
fn four_lapses_weigh_as_much_as_one_missed_unit_and_declines_nothing() {
	let score = |fulfilled, missed, lapsed, declined| {
		Reputation {
			fulfilled,
			missed,
			lapsed,
			declined,
			good_units: fulfilled.into(),
			bad_units: missed.into(),
			..Default::default()
		}
		.score()
	};
	assert_eq!(score(3, 0, 4, 0), score(3, 1, 0, 0));
	assert_eq!(score(3, 0, 4, 0), Perbill::from_rational(4u32, 6));
	// One lapse costs a little; a decline, an informed refusal, nothing.
	assert!(score(3, 0, 1, 0) < score(3, 0, 0, 0));
	assert!(score(3, 0, 1, 0) > score(3, 1, 0, 0));
	assert_eq!(score(3, 0, 0, 1_000), score(3, 0, 0, 0));
	assert!(score(0, 0, u32::MAX, 0) < Perbill::from_percent(1));
}

/// Reputation follows work units, and only jobs won in competition count as
/// good: a prover proving requests only it qualified for gains nothing.
#[test]
fn only_competitive_jobs_raise_the_score_weighted_by_their_units() {
	run_test(|| {
		register(1, MIN_BOND);
		for _ in 0..2 {
			assert_ok!(reserve(1));
			assert_ok!(release(1, JobOutcome::Fulfilled { units: 256, competitive: false }));
		}
		assert_eq!(record(1).reputation.score(), Perbill::from_percent(50));
		assert_eq!(record(1).reputation.fulfilled, 2);
		assert_ok!(reserve(1));
		assert_ok!(release(1, JobOutcome::Fulfilled { units: 16, competitive: true }));
		assert_eq!(record(1).reputation.score(), Perbill::from_rational(17u32, 18));
		// One missed 16-unit job weighs as much as sixteen 1-unit ones.
		assert_ok!(reserve(1));
		assert_ok!(release(1, JobOutcome::Missed { units: 16 }));
		assert_eq!(record(1).reputation.score(), Perbill::from_rational(17u32, 34));
	});
}

#[test]
fn released_jobs_do_not_move_the_score() {
	run_test(|| {
		register(1, MIN_BOND);
		assert_ok!(reserve(1));
		assert_ok!(release(1, JobOutcome::Released));
		assert_eq!(record(1).reputation.score(), Perbill::from_percent(50));
		assert_ok!(reserve(1));
		assert_ok!(release(1, FULFILLED));
		assert_eq!(record(1).reputation.score(), Perbill::from_rational(2u32, 3));
		assert_ok!(reserve(1));
		assert_ok!(release(1, INVALID));
		assert_eq!(record(1).reputation.score(), Perbill::from_rational(2u32, 6));
		assert_eq!(record(1).reputation.assigned, 3);
	});
}

/// Units halve once per half-life, failures as well as successes, and the
/// job counters stay lifetime totals.
#[test]
fn decay_halves_units_per_half_life_and_keeps_the_counters() {
	let mut reputation = Reputation {
		assigned: 7,
		fulfilled: 4,
		missed: 2,
		lapsed: 9,
		good_units: 40,
		bad_units: 12,
		..Default::default()
	};
	let before = reputation;
	reputation.decay_to(0);
	assert_eq!(reputation, before);
	reputation.decay_to(2);
	assert_eq!((reputation.good_units, reputation.bad_units, reputation.lapsed), (10, 3, 2));
	assert_eq!((reputation.assigned, reputation.fulfilled, reputation.missed), (7, 4, 2));
	assert_eq!(reputation.decay_epoch, 2);
	// Going back in time decays nothing; a very long gap empties the units.
	reputation.decay_to(1);
	assert_eq!(reputation.good_units, 10);
	reputation.decay_to(u32::MAX);
	assert_eq!((reputation.good_units, reputation.bad_units, reputation.lapsed), (0, 0, 0));
	assert_eq!(reputation.score(), Perbill::from_percent(50));
	// `score_at` reads the decayed score without changing the record.
	assert_eq!(
		before.score_at(1),
		Reputation { good_units: 20, bad_units: 6, lapsed: 4, ..before }.score()
	);
}
