//! Random sequences of every call and trait function, checking after each step
//! that the invariants hold, issuance moved only by burned slashes, and a call
//! that failed changed no storage at all.

use super::*;
use ::proptest::{
	prelude::*,
	test_runner::{Config, TestRunner},
};
use prova_primitives::market::{GpuClass, JobOutcome};
use sp_runtime::StateVersion;
use std::{cell::RefCell, collections::BTreeSet};

/// Accounts that act; 7 also pays rewards and `FRESH` owns nothing.
const ACTORS: core::ops::RangeInclusive<AccountId> = 1..=6;

#[derive(Clone, Debug)]
enum Op {
	Register { who: AccountId, hardware: u8, capacity: u32, ask: Balance, commission: u32, bond: Balance },
	BondMore { who: AccountId, amount: Balance },
	Unbond { who: AccountId, amount: Balance },
	Withdraw { who: AccountId, prover: AccountId },
	Update { who: AccountId, hardware: u8, capacity: u32, ask: Balance, commission: u32 },
	Chill { who: AccountId },
	Activate { who: AccountId },
	Deregister { who: AccountId },
	Delegate { who: AccountId, prover: AccountId, amount: Balance },
	Undelegate { who: AccountId, prover: AccountId, amount: Balance },
	Claim { who: AccountId, prover: AccountId },
	Advance { blocks: u64 },
	Reserve { prover: AccountId },
	Release { prover: AccountId, outcome: u8 },
	Reward { prover: AccountId, payer: AccountId, amount: Balance },
	Slash { prover: AccountId, parts: u32, invalid_proof: bool, compensation: Option<(AccountId, Balance)> },
	SetParameters { min_bond: Option<Balance>, min_delegation: Option<Balance>, missed: Option<u32> },
	ForceChill { prover: AccountId },
	LiftForceChill { prover: AccountId },
}

impl Op {
	fn kind(&self) -> &'static str {
		match self {
			Op::Register { .. } => "register",
			Op::BondMore { .. } => "bond_more",
			Op::Unbond { .. } => "unbond",
			Op::Withdraw { .. } => "withdraw_unbonded",
			Op::Update { .. } => "update",
			Op::Chill { .. } => "chill",
			Op::Activate { .. } => "activate",
			Op::Deregister { .. } => "deregister",
			Op::Delegate { .. } => "delegate",
			Op::Undelegate { .. } => "undelegate",
			Op::Claim { .. } => "claim_rewards",
			Op::Advance { .. } => "advance",
			Op::Reserve { .. } => "reserve_capacity",
			Op::Release { .. } => "release_capacity",
			Op::Reward { .. } => "reward",
			Op::Slash { .. } => "slash",
			Op::SetParameters { .. } => "set_parameters",
			Op::ForceChill { .. } => "force_chill",
			Op::LiftForceChill { .. } => "lift_force_chill",
		}
	}

	/// Runs the operation; only `Advance` cannot fail.
	fn apply(&self) -> DispatchResult {
		let signed = RuntimeOrigin::signed;
		let root = RuntimeOrigin::root;
		match *self {
			Op::Register { who, hardware, capacity, ask, commission, bond } => Provers::register(
				signed(who),
				hardware_class(hardware),
				capacity,
				ask,
				Perbill::from_percent(commission),
				bond,
			),
			Op::BondMore { who, amount } => Provers::bond_more(signed(who), amount),
			Op::Unbond { who, amount } => Provers::unbond(signed(who), amount),
			Op::Withdraw { who, prover } => Provers::withdraw_unbonded(signed(who), prover),
			Op::Update { who, hardware, capacity, ask, commission } => Provers::update(
				signed(who),
				hardware_class(hardware),
				capacity,
				ask,
				Perbill::from_percent(commission),
			),
			Op::Chill { who } => Provers::chill(signed(who)),
			Op::Activate { who } => Provers::activate(signed(who)),
			Op::Deregister { who } => Provers::deregister(signed(who)),
			Op::Delegate { who, prover, amount } => Provers::delegate(signed(who), prover, amount),
			Op::Undelegate { who, prover, amount } => {
				Provers::undelegate(signed(who), prover, amount)
			},
			Op::Claim { who, prover } => Provers::claim_rewards(signed(who), prover),
			Op::Advance { blocks } => {
				run_to_block(System::block_number() + blocks);
				Ok(())
			},
			Op::Reserve { prover } => reserve(prover),
			Op::Release { prover, outcome } => release(prover, job_outcome(outcome)),
			Op::Reward { prover, payer, amount } => reward(prover, payer, amount),
			Op::Slash { prover, parts, invalid_proof, compensation } => {
				let reason =
					if invalid_proof { SlashReason::InvalidProof } else { SlashReason::MissedDeadline };
				slash_for(prover, Perbill::from_parts(parts), reason, compensation).map(|_| ())
			},
			Op::SetParameters { min_bond, min_delegation, missed } => Provers::set_parameters(
				root(),
				min_bond,
				min_delegation,
				missed.map(Perbill::from_percent),
				None,
			),
			Op::ForceChill { prover } => Provers::force_chill(root(), prover),
			Op::LiftForceChill { prover } => Provers::lift_force_chill(root(), prover),
		}
	}
}

fn hardware_class(choice: u8) -> HardwareClass {
	match choice % 3 {
		0 => cpu_box(),
		1 => HardwareClass { cpu_cores: 4, memory_gib: 8, gpu: GpuClass::None },
		_ => HardwareClass { cpu_cores: 32, memory_gib: 256, gpu: GpuClass::Datacenter },
	}
}

fn job_outcome(choice: u8) -> JobOutcome {
	match choice % 4 {
		0 => JobOutcome::Fulfilled,
		1 => JobOutcome::Missed,
		2 => JobOutcome::InvalidProof,
		_ => JobOutcome::Released,
	}
}

fn actor() -> impl Strategy<Value = AccountId> {
	ACTORS
}

/// Accounts 1 to 3 are the likely provers, so calls on a prover often find one.
fn prover() -> impl Strategy<Value = AccountId> {
	prop_oneof![6 => 1u64..=3, 1 => 4u64..=6]
}

/// Accounts 4 to 6 are the likely delegators; provers sometimes delegate too.
fn delegator() -> impl Strategy<Value = AccountId> {
	prop_oneof![5 => 4u64..=6, 1 => 1u64..=3]
}

/// A registration that succeeds unless the account is already registered.
fn valid_registration() -> impl Strategy<Value = Op> {
	(1u64..=3, any::<u8>(), 1u32..=4, 0u128..=8, 0u32..=100, MIN_BOND..=5_000).prop_map(
		|(who, hardware, capacity, ask, commission, bond)| Op::Register {
			who,
			hardware,
			capacity,
			ask,
			commission,
			bond,
		},
	)
}

/// One to three registrations, then random steps: up to 40 steps in all.
fn sequence() -> impl Strategy<Value = Vec<Op>> {
	(prop::collection::vec(valid_registration(), 1..=3), prop::collection::vec(op(), 10..=37))
		.prop_map(|(mut ops, more)| {
			ops.extend(more);
			ops
		})
}

/// Mostly amounts around the minimums, sometimes zero or more than anyone owns.
fn amount(typical: core::ops::RangeInclusive<Balance>) -> impl Strategy<Value = Balance> {
	prop_oneof![
		8 => typical,
		1 => Just(0),
		1 => (ENDOWMENT - 2 * MIN_BOND)..=(ENDOWMENT + 1),
	]
}

fn op() -> impl Strategy<Value = Op> {
	let register = (actor(), any::<u8>(), 0u32..=17, 0u128..=8, 0u32..=100, amount(900..=5_000))
		.prop_map(|(who, hardware, capacity, ask, commission, bond)| Op::Register {
			who,
			hardware,
			capacity,
			ask,
			commission,
			bond,
		});
	let update = (prover(), any::<u8>(), 0u32..=17, 0u128..=8, 0u32..=100).prop_map(
		|(who, hardware, capacity, ask, commission)| Op::Update {
			who,
			hardware,
			capacity,
			ask,
			commission,
		},
	);
	let compensation = prop::option::of((prop_oneof![4 => 1u64..=7, 1 => Just(FRESH)], 0u128..=2_000));
	let fraction = prop_oneof![1 => Just(0u32), 1 => Just(1_000_000_000), 4 => 0u32..=1_000_000_000];
	let slash = (prover(), fraction, any::<bool>(), compensation).prop_map(
		|(prover, parts, invalid_proof, compensation)| Op::Slash {
			prover,
			parts,
			invalid_proof,
			compensation,
		},
	);
	let set_parameters = (
		prop::option::of(0u128..=2_000),
		prop::option::of(0u128..=300),
		prop::option::of(0u32..=100),
	)
		.prop_map(|(min_bond, min_delegation, missed)| Op::SetParameters {
			min_bond,
			min_delegation,
			missed,
		});
	prop_oneof![
		4 => register,
		2 => (prover(), amount(1..=2_000)).prop_map(|(who, amount)| Op::BondMore { who, amount }),
		3 => (prover(), amount(1..=3_000)).prop_map(|(who, amount)| Op::Unbond { who, amount }),
		2 => prover().prop_map(|prover| Op::Withdraw { who: prover, prover }),
		2 => (delegator(), prover()).prop_map(|(who, prover)| Op::Withdraw { who, prover }),
		1 => update,
		1 => prover().prop_map(|who| Op::Chill { who }),
		2 => prover().prop_map(|who| Op::Activate { who }),
		1 => prover().prop_map(|who| Op::Deregister { who }),
		5 => (delegator(), prover(), amount(50..=3_000))
			.prop_map(|(who, prover, amount)| Op::Delegate { who, prover, amount }),
		4 => (delegator(), prover(), amount(1..=2_000))
			.prop_map(|(who, prover, amount)| Op::Undelegate { who, prover, amount }),
		4 => (delegator(), prover()).prop_map(|(who, prover)| Op::Claim { who, prover }),
		3 => (1u64..=12).prop_map(|blocks| Op::Advance { blocks }),
		3 => prover().prop_map(|prover| Op::Reserve { prover }),
		4 => (prover(), any::<u8>()).prop_map(|(prover, outcome)| Op::Release { prover, outcome }),
		4 => (prover(), prop_oneof![4 => 1u64..=7, 1 => Just(FRESH)], amount(0..=20_000))
			.prop_map(|(prover, payer, amount)| Op::Reward { prover, payer, amount }),
		2 => slash,
		1 => set_parameters,
		1 => prover().prop_map(|prover| Op::ForceChill { prover }),
		2 => prover().prop_map(|prover| Op::LiftForceChill { prover }),
	]
}

fn storage_root() -> Vec<u8> {
	sp_io::storage::root(StateVersion::V1)
}

/// Applies `ops` to a fresh genesis, checking after every step; records in
/// `succeeded` the kinds of operation that succeeded.
fn run_ops(ops: &[Op], succeeded: &mut BTreeSet<&'static str>) {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		for (step, op) in ops.iter().enumerate() {
			let (root, burned_before) = (storage_root(), burned());
			match op.apply() {
				Ok(()) => {
					if std::env::var("DBG").is_ok() { eprintln!("{} -> ok", op.kind()); }
					succeeded.insert(op.kind());
				},
				Err(error) => {
					if std::env::var("DBG").is_ok() { eprintln!("{} -> {:?}", op.kind(), error); }
					assert_eq!(storage_root(), root, "step {step}: {op:?} failed ({error:?}) but changed storage");
					assert_eq!(burned(), burned_before, "step {step}: {op:?} failed but burned funds");
				},
			}
			check_invariants(issuance);
		}
	});
}

#[test]
fn random_operations_keep_every_invariant_and_failed_calls_change_nothing() {
	// 64 sequences of up to 40 steps keep the debug-build run within seconds.
	// The seed is random per run (set PROPTEST_RNG_SEED to replay one);
	// proptest shrinks a failing sequence before reporting it.
	let config = Config { cases: 64, failure_persistence: None, ..Config::default() };
	let succeeded = RefCell::new(BTreeSet::new());
	let result = TestRunner::new(config).run(&sequence(), |ops| {
		run_ops(&ops, &mut succeeded.borrow_mut());
		Ok(())
	});
	if let Err(failure) = result {
		panic!("{failure}");
	}
	// The sequences did reach the success path of every operation (the weights are
	// chosen so that even an unlucky run of 64 sequences does).
	let missing: Vec<_> = [
		"register",
		"bond_more",
		"unbond",
		"withdraw_unbonded",
		"update",
		"chill",
		"activate",
		"deregister",
		"delegate",
		"undelegate",
		"claim_rewards",
		"reserve_capacity",
		"release_capacity",
		"reward",
		"slash",
		"set_parameters",
		"force_chill",
		"lift_force_chill",
	]
	.into_iter()
	.filter(|kind| !succeeded.borrow().contains(kind))
	.collect();
	assert!(missing.is_empty(), "no sequence succeeded in {missing:?}");
}
