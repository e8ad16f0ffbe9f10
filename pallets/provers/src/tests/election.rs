//! `ProverRegistry::elect`: who is eligible and how often each is picked.

use super::*;
use crate::election::pick;
use frame_support::assert_ok;
use prova_primitives::market::GpuClass;
use sp_io::hashing::blake2_256;
use std::collections::BTreeMap;

/// The `i`-th of a fixed, reproducible list of seeds.
fn seed(i: u32) -> [u8; 32] {
	blake2_256(&i.to_le_bytes())
}

/// A seed whose draw (its first 16 bytes, little-endian) is `draw`.
fn seed_drawing(draw: u128) -> [u8; 32] {
	let mut seed = [0u8; 32];
	seed[..16].copy_from_slice(&draw.to_le_bytes());
	seed
}

/// How often each prover wins over the first `n` seeds.
fn tally(
	n: u32,
	requirements: &ProverRequirements<Balance>,
	exclude: &[AccountId],
) -> BTreeMap<Option<AccountId>, u32> {
	let mut wins = BTreeMap::new();
	for i in 0..n {
		*wins.entry(elect(&seed(i), requirements, exclude)).or_default() += 1;
	}
	wins
}

/// Over many seeds, only `winner` is ever elected: whatever else is registered
/// is ineligible for `requirements` (with `exclude`).
fn only_elected(
	winner: AccountId,
	requirements: &ProverRequirements<Balance>,
	exclude: &[AccountId],
) {
	assert_eq!(tally(1_000, requirements, exclude), BTreeMap::from([(Some(winner), 1_000)]));
	let eligible: Vec<_> = Provers::eligible_provers(*requirements, any_job())
		.into_iter()
		.filter(|(who, _)| !exclude.contains(who))
		.map(|(who, _)| who)
		.collect();
	assert_eq!(eligible, vec![winner]);
}

/// Prover 1, eligible with the minimum bond, beside prover 2 with a backing a
/// hundred times larger, which the test then makes ineligible.
fn small_prover_beside_a_big_one() {
	register(1, MIN_BOND);
	register(2, MIN_BOND);
	delegate(3, 2, 99_000);
	// Eligible, prover 2 would win about 99% of the draws.
	assert!(tally(100, &any_prover(), &[])[&Some(2)] > 90);
}

#[test]
fn provers_are_elected_in_proportion_to_their_backing() {
	run_test(|| {
		// Backing 1:2:3:4, partly self-bond and partly delegated.
		register(1, 1_000);
		register(2, 1_000);
		delegate(11, 2, 1_000);
		register(3, 3_000);
		register(4, 2_000);
		delegate(12, 4, 1_000);
		delegate(13, 4, 1_000);

		const N: u32 = 20_000;
		let wins = tally(N, &any_prover(), &[]);
		assert_eq!(wins.values().sum::<u32>(), N);
		assert_eq!(wins.get(&None), None);
		for (prover, backing) in [(1u64, 1_000u32), (2, 2_000), (3, 3_000), (4, 4_000)] {
			// Each draw picks the prover with p = backing / 10_000, so its count is
			// binomial with mean N·p and standard deviation σ = √(N·p·(1 − p)),
			// 42 to 69 here. A fair draw lands within 4σ with probability
			// 1 − 6·10⁻⁵ per prover; the seeds are fixed, so the test is also
			// deterministic, and a bias of even 1.5 percentage points fails it.
			let p = f64::from(backing) / 10_000.0;
			let expected = f64::from(N) * p;
			let sigma = (f64::from(N) * p * (1.0 - p)).sqrt();
			let got = f64::from(wins[&Some(prover)]);
			assert!(
				(got - expected).abs() <= 4.0 * sigma,
				"prover {prover}: {got} wins, expected {expected} ± {}",
				4.0 * sigma
			);
		}
	});
}

#[test]
fn the_draw_picks_the_prover_whose_backing_range_contains_it() {
	run_test(|| {
		register(1, 1_000);
		register(2, 2_000);
		register(3, 3_000);
		let order = Provers::eligible_provers(any_prover(), any_job());
		let (first, second, third) = (order[0].0, order[1].0, order[2].0);
		let total: Balance = order.iter().map(|(_, backing)| backing).sum();
		assert_eq!(total, 6_000);
		let end_of_first = order[0].1;
		let end_of_second = end_of_first + order[1].1;
		for (draw, expected) in [
			(0, first),
			(end_of_first - 1, first),
			(end_of_first, second),
			(end_of_second - 1, second),
			(end_of_second, third),
			(total - 1, third),
			// The draw is reduced modulo the total backing.
			(total, first),
			(total + end_of_first, second),
			// 2¹²⁸ − 1 = 6_000 · k + 1_455 for some k.
			(
				u128::MAX,
				if 1_455 < end_of_first {
					first
				} else if 1_455 < end_of_second {
					second
				} else {
					third
				},
			),
		] {
			assert_eq!(
				elect(&seed_drawing(draw), &any_prover(), &[]),
				Some(expected),
				"draw {draw}"
			);
		}
	});
}

#[test]
fn the_same_seed_and_state_elect_the_same_prover() {
	let picks = || {
		let mut picks = Vec::new();
		run_test(|| {
			for who in 1..=5 {
				register(who, 1_000 * who as Balance);
			}
			delegate(9, 3, 2_500);
			for i in 0..200 {
				let first = elect(&seed(i), &any_prover(), &[]);
				let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
				// Electing reads and never writes.
				assert_eq!(elect(&seed(i), &any_prover(), &[]), first);
				assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
				picks.push(first.expect("five provers are eligible"));
			}
		});
		picks
	};
	let picks_on_one_node = picks();
	assert_eq!(picks(), picks_on_one_node, "another node with the same state agrees");
	// And the seed matters: more than one prover is picked over the 200 seeds.
	assert!(picks_on_one_node.iter().any(|&who| who != picks_on_one_node[0]));
}

#[test]
fn no_eligible_prover_elects_none() {
	run_test(|| {
		assert_eq!(elect(&seed(0), &any_prover(), &[]), None);
		register(1, MIN_BOND);
		assert_ok!(Provers::chill(RuntimeOrigin::signed(1)));
		register(2, MIN_BOND);
		assert_eq!(tally(100, &any_prover(), &[2]), BTreeMap::from([(None, 100)]));
		assert_eq!(
			tally(100, &ProverRequirements { offered_price: 4, ..any_prover() }, &[]),
			BTreeMap::from([(None, 100)])
		);
		assert!(Provers::eligible_provers(
			ProverRequirements { offered_price: 4, ..any_prover() },
			any_job()
		)
		.is_empty());
		assert_eq!(pick::<AccountId>(&seed(0), Vec::new()), None);
		assert_eq!(pick(&seed(0), vec![(1u64, 0), (2, 0)]), None);
	});
}

#[test]
fn a_chilled_prover_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(Provers::chill(RuntimeOrigin::signed(2)));
		only_elected(1, &any_prover(), &[]);
	});
}

#[test]
fn a_force_chilled_prover_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(Provers::force_chill(RuntimeOrigin::root(), 2));
		only_elected(1, &any_prover(), &[]);
	});
}

#[test]
fn a_leaving_prover_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(Provers::deregister(RuntimeOrigin::signed(2)));
		// Its delegations are unbonding with its bond: nothing backs it.
		assert_eq!(record(2).backing(), 0);
		only_elected(1, &any_prover(), &[]);
	});
}

#[test]
fn a_prover_below_a_raised_minimum_bond_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(Provers::bond_more(RuntimeOrigin::signed(1), 1_000));
		assert_ok!(Provers::set_parameters(RuntimeOrigin::root(), Some(2_000), None, None, None));
		only_elected(1, &any_prover(), &[]);
		// Topping up to the new minimum makes it eligible again.
		assert_ok!(Provers::bond_more(RuntimeOrigin::signed(2), 1_000));
		assert_eq!(Provers::eligible_provers(any_prover(), any_job()).len(), 2);
	});
}

#[test]
fn a_prover_slashed_below_the_minimum_bond_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		// 0.01% of the 100,000 at stake, from the self-bond.
		assert_ok!(slash(2, Perbill::from_parts(100_000), None));
		assert_eq!(record(2).self_bond, MIN_BOND - 10);
		assert_eq!(record(2).backing(), 990 + 99_000);
		only_elected(1, &any_prover(), &[]);
		assert_ok!(Provers::bond_more(RuntimeOrigin::signed(2), 10));
		assert_eq!(Provers::eligible_provers(any_prover(), any_job()).len(), 2);
	});
}

#[test]
fn a_prover_backed_below_the_requested_stake_is_never_elected() {
	run_test(|| {
		register(1, 4_000);
		delegate(3, 1, 1_000);
		register(2, 3_999);
		delegate(4, 2, 1_000);
		// Prover 1's backing is exactly the requested stake; prover 2's one less.
		only_elected(1, &ProverRequirements { min_stake: 5_000, ..any_prover() }, &[]);
	});
}

#[test]
fn a_prover_with_weaker_hardware_is_never_elected() {
	run_test(|| {
		let required = HardwareClass { cpu_cores: 16, memory_gib: 64, gpu: GpuClass::Consumer };
		register_with(1, required, 2, 5, Perbill::zero(), MIN_BOND);
		// Each of these falls short in one dimension, however big the rest.
		let weaker = [
			HardwareClass { cpu_cores: 15, memory_gib: 512, gpu: GpuClass::Datacenter },
			HardwareClass { cpu_cores: 128, memory_gib: 63, gpu: GpuClass::Datacenter },
			HardwareClass { cpu_cores: 128, memory_gib: 512, gpu: GpuClass::None },
		];
		for (who, hardware) in (2..).zip(weaker) {
			register_with(who, hardware, 2, 5, Perbill::zero(), 50_000);
		}
		only_elected(1, &ProverRequirements { hardware: required, ..any_prover() }, &[]);
	});
}

#[test]
fn a_prover_with_a_reputation_below_the_required_one_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(reserve(1));
		assert_ok!(release(1, FULFILLED));
		// Prover 1 scores exactly 2/3, prover 2 a new prover's 1/2.
		let requirements =
			ProverRequirements { min_reputation: Perbill::from_rational(2u32, 3), ..any_prover() };
		only_elected(1, &requirements, &[]);
	});
}

/// A score earned long ago fades: the same record that met a requirement
/// three half-lives ago no longer does, until new work raises it again.
#[test]
fn a_reputation_earned_long_ago_fades_below_a_requirement() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(reserve(1));
		assert_ok!(release(1, JobOutcome::Fulfilled { units: 16, competitive: true }));
		// 17/18 now, above 80%.
		let requirements =
			ProverRequirements { min_reputation: Perbill::from_percent(80), ..any_prover() };
		only_elected(1, &requirements, &[]);
		// Three half-lives on, the 16 units weigh 2: (2 + 1) / (2 + 2) = 75%.
		System::set_block_number(3 * ReputationHalfLife::get() + 1);
		assert!(Provers::eligible_provers(requirements, any_job()).is_empty());
		let info = Provers::prover_info(1).unwrap();
		assert_eq!(info.reputation_score, Perbill::from_percent(75));
		// Reading decays nothing in storage; the next job's end does.
		assert_eq!(info.record.reputation.good_units, 16);
		assert_ok!(reserve(1));
		assert_ok!(release(1, JobOutcome::Fulfilled { units: 8, competitive: true }));
		let reputation = record(1).reputation;
		assert_eq!((reputation.good_units, reputation.decay_epoch), (2 + 8, 3));
		only_elected(1, &requirements, &[]);
	});
}

#[test]
fn a_prover_at_full_capacity_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(reserve(1));
		assert_ok!(reserve(2));
		assert_ok!(reserve(2));
		only_elected(1, &any_prover(), &[]);
		assert_ok!(release(2, FULFILLED));
		assert_eq!(Provers::eligible_provers(any_prover(), any_job()).len(), 2);
	});
}

#[test]
fn a_prover_asking_more_than_the_offered_price_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		assert_ok!(Provers::update(RuntimeOrigin::signed(2), cpu_box(), 2, 6, Perbill::zero()));
		// Prover 1 asks exactly the offered 5.
		only_elected(1, &ProverRequirements { offered_price: 5, ..any_prover() }, &[]);
	});
}

#[test]
fn an_excluded_prover_is_never_elected() {
	run_test(|| {
		small_prover_beside_a_big_one();
		register(4, 50_000);
		only_elected(1, &any_prover(), &[4, 2]);
	});
}

/// `ProverRegistry::cheapest_ask` for `requirements`.
fn cheapest(requirements: ProverRequirements<Balance>) -> Option<Balance> {
	<Provers as ProverRegistry<_, _>>::cheapest_ask(&requirements.without_price(), &any_job())
}

#[test]
fn the_cheapest_ask_ignores_price_and_capacity_but_not_requirements() {
	run_test(|| {
		assert_eq!(cheapest(any_prover()), None);
		small_prover_beside_a_big_one();
		assert_ok!(Provers::update(RuntimeOrigin::signed(1), cpu_box(), 2, 3, Perbill::zero()));
		assert_eq!(cheapest(any_prover()), Some(3));
		// A full prover still quotes: capacity frees up while a request waits.
		assert_ok!(reserve(1));
		assert_ok!(reserve(1));
		assert_eq!(cheapest(any_prover()), Some(3));
		// A prover that does not meet the requirements does not.
		let backed = ProverRequirements { min_stake: 10_000, ..any_prover() };
		assert_eq!(cheapest(backed), Some(5));
		assert_ok!(Provers::chill(RuntimeOrigin::signed(2)));
		assert_eq!(cheapest(backed), None);
		let gpu = HardwareClass { gpu: GpuClass::Consumer, ..HardwareClass::default() };
		assert_eq!(cheapest(ProverRequirements { hardware: gpu, ..any_prover() }), None);
	});
}
