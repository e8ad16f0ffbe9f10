//! Benchmarks of every call and of the trait functions the proof market calls,
//! each in its most expensive case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_support::BoundedVec;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use prova_primitives::market::{GpuClass, HardwareClass};
use sp_runtime::{
	traits::{One, Zero},
	Perbill, Saturating,
};

/// The minimum self-bond in force.
/// The job the benchmarks elect and reserve for: a 2^12-row circuit (its
/// size costs nothing; every prover has room for it).
fn job() -> JobSpec {
	JobSpec::new([7u8; 32].into(), b"poseidon_chain/1?steps=4000", 1, 100)
}

/// `count` services, of which only the last takes [`job`]: every match
/// looks at all of them.
fn services<T: Config>(count: u32) -> BoundedVec<Service<BalanceOf<T>>, T::MaxServices> {
	let services = (0..count).map(|index| Service {
		scope: if index + 1 == count {
			ServiceScope::Any { max_degree_bits: 20 }
		} else {
			ServiceScope::Circuit([index as u8; 32].into())
		},
		ask: 1,
		blocks_per_thousand_units: 1_000,
	});
	BoundedVec::try_from(services.collect::<alloc::vec::Vec<_>>()).expect("at most MaxServices")
}

/// Declares the most services for `prover`.
fn serve_all<T: Config>(prover: &T::AccountId) {
	Pallet::<T>::set_services(
		RawOrigin::Signed(prover.clone()).into(),
		services::<T>(T::MaxServices::get()),
	)
	.expect("a registered prover declares services");
}

fn min_bond<T: Config>() -> BalanceOf<T> {
	CurrentParameters::<T>::get().min_prover_bond
}

/// The minimum delegation in force.
fn min_delegation<T: Config>() -> BalanceOf<T> {
	CurrentParameters::<T>::get().min_delegation
}

/// An account with enough free balance for any benchmark's stake.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = min_bond::<T>()
		.saturating_add(min_delegation::<T>())
		.saturating_mul(1_000)
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(&who, amount);
	who
}

fn hardware() -> HardwareClass {
	HardwareClass { cpu_cores: 32, memory_gib: 128, gpu: GpuClass::Datacenter }
}

/// Registers a funded prover with twice the minimum bond.
fn prover<T: Config>(index: u32) -> T::AccountId {
	let who = funded::<T>("prover", index);
	Pallet::<T>::register(
		RawOrigin::Signed(who.clone()).into(),
		hardware(),
		T::MaxCapacity::get(),
		1,
		Perbill::from_percent(10),
		min_bond::<T>().saturating_mul(2),
	)
	.expect("a funded account registers");
	who
}

/// Moves past the warm-up of every delegation made so far.
fn warm_up<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	let later: BlockNumberFor<T> = now.saturating_add(T::DelegationWarmup::get());
	frame_system::Pallet::<T>::set_block_number(later.saturating_add(One::one()));
}

/// Makes `prover`'s due warming stake active.
fn activate<T: Config>(prover: &T::AccountId) {
	let mut record = Provers::<T>::get(prover).expect("registered");
	Pallet::<T>::activate_due(prover, &mut record);
	Provers::<T>::insert(prover, record);
}

/// A funded delegator backing `prover` with three times the minimum, active.
fn delegator<T: Config>(prover: &T::AccountId, index: u32) -> T::AccountId {
	let who = warming_delegator::<T>(prover, index);
	warm_up::<T>();
	activate::<T>(prover);
	who
}

/// A funded delegator backing `prover` with three times the minimum, still
/// warming up (active at once where the runtime has no warm-up).
fn warming_delegator<T: Config>(prover: &T::AccountId, index: u32) -> T::AccountId {
	let who = funded::<T>("delegator", index);
	Pallet::<T>::delegate(
		RawOrigin::Signed(who.clone()).into(),
		prover.clone(),
		min_delegation::<T>().saturating_mul(3),
	)
	.expect("a funded account delegates");
	who
}

/// `count` delegators of `prover` (indices from `first`) whose stake has
/// warmed up but is not active yet: the most work `activate_due` can meet.
fn due_warming<T: Config>(prover: &T::AccountId, first: u32, count: u32) {
	for index in first..first + count {
		warming_delegator::<T>(prover, index);
	}
	warm_up::<T>();
}

/// Fills `staker`'s unbonding chunks on `prover` up to `chunks`, each unlocking at
/// a different block, by unbonding `amount` in successive blocks.
fn unbonding_chunks<T: Config>(
	prover: &T::AccountId,
	staker: &T::AccountId,
	chunks: u32,
	amount: BalanceOf<T>,
) {
	let origin: T::RuntimeOrigin = RawOrigin::Signed(staker.clone()).into();
	for _ in 0..chunks {
		let now = frame_system::Pallet::<T>::block_number();
		if staker == prover {
			Pallet::<T>::bond_more(origin.clone(), amount).expect("bonding succeeds");
			Pallet::<T>::unbond(origin.clone(), amount).expect("unbonding succeeds");
		} else {
			Pallet::<T>::delegate(origin.clone(), prover.clone(), amount)
				.expect("delegating succeeds");
			warm_up::<T>();
			Pallet::<T>::undelegate(origin.clone(), prover.clone(), amount)
				.expect("undelegating succeeds");
		}
		let now = now.max(frame_system::Pallet::<T>::block_number());
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(One::one()));
	}
}

/// Moves past every unbonding chunk created so far.
fn mature_unbonding<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	let later: BlockNumberFor<T> = now.saturating_add(T::UnbondingPeriod::get());
	frame_system::Pallet::<T>::set_block_number(later.saturating_add(One::one()));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		asset::endow_reward_pot::<T>().unwrap();
		let who = funded::<T>("prover", 0);
		let bond = min_bond::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), hardware(), 4, 1, Perbill::from_percent(5), bond);

		assert_eq!(Provers::<T>::get(&who).unwrap().self_bond, bond);
	}

	#[benchmark]
	fn bond_more() {
		let who = prover::<T>(0);
		let before = Provers::<T>::get(&who).unwrap().self_bond;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), min_bond::<T>());

		assert_eq!(
			Provers::<T>::get(&who).unwrap().self_bond,
			before.saturating_add(min_bond::<T>())
		);
	}

	/// Unbonding adds a new chunk beside `MaxUnbondingChunks - 1` others.
	#[benchmark]
	fn unbond() {
		let who = prover::<T>(0);
		unbonding_chunks::<T>(&who, &who, T::MaxUnbondingChunks::get() - 1, min_delegation::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), min_delegation::<T>());

		assert_eq!(Unbonding::<T>::get(&who, &who).len() as u32, T::MaxUnbondingChunks::get());
	}

	/// The heaviest withdrawal: a delegator of a leaving prover withdraws its last
	/// chunks, which drops its delegation and removes the prover's record.
	#[benchmark]
	fn withdraw_unbonded() {
		let who = prover::<T>(0);
		let backer = delegator::<T>(&who, 0);
		let origin: T::RuntimeOrigin = RawOrigin::Signed(backer.clone()).into();
		unbonding_chunks::<T>(
			&who,
			&backer,
			T::MaxUnbondingChunks::get() - 1,
			min_delegation::<T>(),
		);
		let all = Delegations::<T>::get(&who, &backer).unwrap().amount;
		Pallet::<T>::undelegate(origin, who.clone(), all).unwrap();
		Pallet::<T>::deregister(RawOrigin::Signed(who.clone()).into()).unwrap();
		mature_unbonding::<T>();
		Pallet::<T>::withdraw_unbonded(RawOrigin::Signed(who.clone()).into(), who.clone()).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(backer.clone()), who.clone());

		assert!(!Provers::<T>::contains_key(&who));
		assert!(!Delegations::<T>::contains_key(&who, &backer));
	}

	#[benchmark]
	fn update() {
		let who = prover::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), hardware(), 3, 7, Perbill::from_percent(20));

		assert_eq!(Provers::<T>::get(&who).unwrap().capacity, 3);
	}

	#[benchmark]
	fn chill() {
		let who = prover::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Provers::<T>::get(&who).unwrap().status, ProverStatus::Chilled);
	}

	#[benchmark]
	fn activate() {
		let who = prover::<T>(0);
		Pallet::<T>::chill(RawOrigin::Signed(who.clone()).into()).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Provers::<T>::get(&who).unwrap().status, ProverStatus::Active);
	}

	/// Deregistering with `d` delegators, each with active stake and a
	/// top-up still warming up: the self-bond, each delegation and each
	/// warming stake become a new chunk beside `MaxUnbondingChunks - 1` others.
	#[benchmark]
	fn deregister(d: Linear<0, { T::MaxDelegatorsPerProver::get() }>) {
		let who = prover::<T>(0);
		let chunks = T::MaxUnbondingChunks::get() - 1;
		for index in 0..d {
			let backer = delegator::<T>(&who, index);
			if index == 0 {
				unbonding_chunks::<T>(&who, &backer, chunks, min_delegation::<T>());
			}
		}
		for index in 0..d {
			warming_delegator::<T>(&who, index);
		}
		unbonding_chunks::<T>(&who, &who, chunks, min_delegation::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		let record = Provers::<T>::get(&who).unwrap();
		assert_eq!((record.status, record.delegated), (ProverStatus::Leaving, 0));
	}

	/// Settling a delegator of a leaving prover: its matured chunks and its
	/// rewards paid, its record and the prover's removed.
	#[benchmark]
	fn settle_leaving() {
		let who = prover::<T>(0);
		let backer = delegator::<T>(&who, 0);
		let payer = funded::<T>("payer", 0);
		Pallet::<T>::reward(&who, &payer, min_bond::<T>()).unwrap();
		Pallet::<T>::deregister(RawOrigin::Signed(who.clone()).into()).unwrap();
		mature_unbonding::<T>();
		Pallet::<T>::withdraw_unbonded(RawOrigin::Signed(who.clone()).into(), who.clone()).unwrap();
		let anyone = funded::<T>("anyone", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), who.clone(), backer.clone());

		assert!(!Provers::<T>::contains_key(&who));
		assert!(!Delegations::<T>::contains_key(&who, &backer));
	}

	/// A new delegation, the most storage it writes, after activating `w`
	/// warmed-up delegations of others.
	#[benchmark]
	fn delegate(w: Linear<0, { T::MaxDelegatorsPerProver::get() - 1 }>) {
		let who = prover::<T>(0);
		due_warming::<T>(&who, 1, w);
		let backer = funded::<T>("delegator", 0);
		let amount = min_delegation::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(backer.clone()), who.clone(), amount);

		assert!(Delegations::<T>::contains_key(&who, &backer));
	}

	/// Undelegating adds a chunk beside `MaxUnbondingChunks - 1`, with rewards to
	/// settle, after activating `w` warmed-up delegations of others.
	#[benchmark]
	fn undelegate(w: Linear<0, { T::MaxDelegatorsPerProver::get() - 1 }>) {
		let who = prover::<T>(0);
		let backer = delegator::<T>(&who, 0);
		unbonding_chunks::<T>(
			&who,
			&backer,
			T::MaxUnbondingChunks::get() - 1,
			min_delegation::<T>(),
		);
		let payer = funded::<T>("payer", 0);
		Pallet::<T>::reward(&who, &payer, min_bond::<T>()).unwrap();
		due_warming::<T>(&who, 1, w);

		#[extrinsic_call]
		_(RawOrigin::Signed(backer.clone()), who.clone(), min_delegation::<T>());

		assert_eq!(Unbonding::<T>::get(&who, &backer).len() as u32, T::MaxUnbondingChunks::get());
	}

	#[benchmark]
	fn claim_rewards() {
		let who = prover::<T>(0);
		let backer = delegator::<T>(&who, 0);
		let payer = funded::<T>("payer", 0);
		Pallet::<T>::reward(&who, &payer, min_bond::<T>()).unwrap();
		let free_before = asset::balance::<T>(&backer);

		#[extrinsic_call]
		_(RawOrigin::Signed(backer.clone()), who.clone());

		assert!(asset::balance::<T>(&backer) > free_before);
	}

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let bond = min_bond::<T>().saturating_add(1);

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			Some(bond),
			Some(min_delegation::<T>()),
			Some(Perbill::from_percent(1)),
			Some(Perbill::from_percent(2)),
		);

		assert_eq!(min_bond::<T>(), bond);
		Ok(())
	}

	#[benchmark]
	fn force_chill() -> Result<(), BenchmarkError> {
		let who = prover::<T>(0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Provers::<T>::get(&who).unwrap().status, ProverStatus::ForceChilled);
		Ok(())
	}

	#[benchmark]
	fn lift_force_chill() -> Result<(), BenchmarkError> {
		let who = prover::<T>(0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Pallet::<T>::force_chill(origin.clone(), who.clone()).unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Provers::<T>::get(&who).unwrap().status, ProverStatus::Chilled);
		Ok(())
	}

	/// Declaring `s` services.
	#[benchmark]
	fn set_services(s: Linear<0, { T::MaxServices::get() }>) {
		let who = prover::<T>(0);
		let services = services::<T>(s);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), services);

		assert_eq!(Services::<T>::get(&who).len() as u32, s);
	}

	/// Election over `p` registered provers, all eligible, each declaring the
	/// most services, of which only the last takes the job.
	#[benchmark]
	fn elect(p: Linear<1, { T::MaxProvers::get() }>) {
		for index in 0..p {
			serve_all::<T>(&prover::<T>(index));
		}
		let requirements = ProverRequirements {
			hardware: hardware(),
			min_stake: min_bond::<T>(),
			min_reputation: Perbill::zero(),
			offered_price: 1,
		};
		let exclude = [account::<T::AccountId>("excluded", 0, 0)];
		let elected;

		#[block]
		{
			elected = Pallet::<T>::elect(&[7u8; 32], &requirements, &job(), &exclude);
		}

		assert!(elected.is_some());
	}

	/// Whether a prover qualifies for a job outside an election (a bid, a
	/// Dutch lock, a race, a standing ask), matching the most services.
	#[benchmark]
	fn qualify() {
		let who = prover::<T>(0);
		serve_all::<T>(&who);
		let requirements = RequestRequirements::default();
		let ask;

		#[block]
		{
			ask = Pallet::<T>::qualified_ask(&who, &requirements, &job());
		}

		assert!(ask.is_some());
	}

	/// Reserving a slot, matching the most services and activating the most
	/// warmed-up delegations.
	#[benchmark]
	fn reserve_capacity() {
		let who = prover::<T>(0);
		serve_all::<T>(&who);
		due_warming::<T>(&who, 0, T::MaxDelegatorsPerProver::get());

		#[block]
		{
			Pallet::<T>::reserve_capacity(&who, &job()).unwrap();
		}

		assert_eq!(Provers::<T>::get(&who).unwrap().in_use, 1);
	}

	#[benchmark]
	fn release_capacity() {
		let who = prover::<T>(0);
		Pallet::<T>::reserve_capacity(&who, &job()).unwrap();

		#[block]
		{
			Pallet::<T>::release_capacity(
				&who,
				job().units,
				JobOutcome::Fulfilled { units: 1, competitive: true },
			)
			.unwrap();
		}

		assert_eq!(Provers::<T>::get(&who).unwrap().reputation.fulfilled, 1);
	}

	/// A reward split between the prover and its delegators (two transfers),
	/// activating the most warmed-up delegations first.
	#[benchmark]
	fn reward() {
		asset::endow_reward_pot::<T>().unwrap();
		let who = prover::<T>(0);
		delegator::<T>(&who, 0);
		due_warming::<T>(&who, 1, T::MaxDelegatorsPerProver::get() - 1);
		let payer = funded::<T>("payer", 0);

		#[block]
		{
			Pallet::<T>::reward(&who, &payer, min_bond::<T>()).unwrap();
		}

		assert!(!Provers::<T>::get(&who).unwrap().reward_per_share.is_zero());
	}

	/// `n` payments from as many payers to one prover, split once (see
	/// `reward`), activating the most warmed-up delegations first. `n` is at
	/// most `MaxCapacity`: a batch pays a prover for the jobs it holds.
	#[benchmark]
	fn reward_many(n: Linear<1, { T::MaxCapacity::get() }>) {
		asset::endow_reward_pot::<T>().unwrap();
		let who = prover::<T>(0);
		delegator::<T>(&who, 0);
		due_warming::<T>(&who, 1, T::MaxDelegatorsPerProver::get() - 1);
		let payments: alloc::vec::Vec<(T::AccountId, BalanceOf<T>)> =
			(0..n).map(|index| (funded::<T>("payer", index), min_bond::<T>())).collect();

		#[block]
		{
			Pallet::<T>::reward_many(&who, &payments).unwrap();
		}

		assert!(!Provers::<T>::get(&who).unwrap().reward_per_share.is_zero());
	}

	/// A slash of a prover with `d` delegators, every staker holding the most
	/// unbonding chunks, with compensation to a requester.
	#[benchmark]
	fn slash(d: Linear<0, { T::MaxDelegatorsPerProver::get() }>) {
		let who = prover::<T>(0);
		let chunks = T::MaxUnbondingChunks::get();
		let start = frame_system::Pallet::<T>::block_number();
		unbonding_chunks::<T>(&who, &who, chunks, min_delegation::<T>());
		for index in 0..d {
			frame_system::Pallet::<T>::set_block_number(start);
			let backer = delegator::<T>(&who, index);
			unbonding_chunks::<T>(&who, &backer, chunks, min_delegation::<T>());
		}
		let requester = funded::<T>("requester", 0);
		let compensation = Compensation { beneficiary: requester, amount: min_delegation::<T>() };
		let outcome;

		#[block]
		{
			outcome = Pallet::<T>::slash(
				&who,
				Perbill::from_percent(10),
				SlashReason::MissedDeadline,
				Some(compensation),
			)
			.unwrap();
		}

		assert!(outcome.slashed > 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
