//! A runtime with balances and the provers pallet; slashed funds are burned and counted.

use crate::{self as pallet_provers, HoldReason, Parameters};
use core::cell::Cell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{Imbalance, OnUnbalanced, VariantCountOf},
	PalletId,
};
use prova_primitives::market::{GpuClass, HardwareClass};
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Provers: pallet_provers,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

/// Existential deposit.
pub const ED: Balance = 10;
/// What every account in `1..=ACCOUNTS` starts with.
pub const ENDOWMENT: Balance = 1_000_000;
/// Number of endowed accounts.
pub const ACCOUNTS: AccountId = 20;
/// Blocks from unbonding to withdrawal.
pub const UNBONDING: u64 = 10;
/// Default minimum self-bond.
pub const MIN_BOND: Balance = 1_000;
/// Default minimum delegation.
pub const MIN_DELEGATION: Balance = 100;

parameter_types! {
	/// Blocks a new delegation warms up; zero (active at once) unless a test sets it.
	pub storage DelegationWarmup: u64 = 0;
	/// Blocks over which reputation halves.
	pub const ReputationHalfLife: u64 = 100;
	pub const ExistentialDeposit: Balance = ED;
	pub const UnbondingPeriod: u64 = UNBONDING;
	pub const MaxProvers: u32 = 8;
	pub const MaxDelegatorsPerProver: u32 = 4;
	pub const MaxUnbondingChunks: u32 = 3;
	pub const MaxCapacity: u32 = 16;
	pub const MaxServices: u32 = 4;
	/// Tests of a full commission raise it.
	pub static MaxCommission: Perbill = Perbill::from_percent(50);
	pub const ProversPalletId: PalletId = PalletId(*b"prv/rwds");
	pub const DefaultParameters: Parameters<Balance> = Parameters {
		min_prover_bond: MIN_BOND,
		min_delegation: MIN_DELEGATION,
		missed_deadline_slash: Perbill::from_percent(10),
		invalid_proof_slash: Perbill::from_percent(50),
	};
}

thread_local! {
	static BURNED: Cell<Balance> = const { Cell::new(0) };
}

/// Slashed funds that reached the sink (and were burned).
pub fn burned() -> Balance {
	BURNED.with(|b| b.get())
}

/// The slash sink: counts, then drops the credit, which burns it.
pub struct BurnAndCount;
impl OnUnbalanced<crate::CreditOf<Test>> for BurnAndCount {
	fn on_nonzero_unbalanced(credit: crate::CreditOf<Test>) {
		BURNED.with(|b| b.set(b.get() + credit.peek()));
	}
}

impl pallet_provers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slashed = BurnAndCount;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type UnbondingPeriod = UnbondingPeriod;
	type DelegationWarmup = DelegationWarmup;
	type ReputationHalfLife = ReputationHalfLife;
	type MaxProvers = MaxProvers;
	type MaxDelegatorsPerProver = MaxDelegatorsPerProver;
	type MaxUnbondingChunks = MaxUnbondingChunks;
	type MaxCapacity = MaxCapacity;
	type MaxServices = MaxServices;
	type MaxCommission = MaxCommission;
	type DefaultParameters = DefaultParameters;
	type PalletId = ProversPalletId;
	type WeightInfo = ();
}

/// Genesis: accounts `1..=ACCOUNTS` hold `ENDOWMENT`; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=ACCOUNTS).map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_provers::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		BURNED.with(|b| b.set(0));
	});
	ext
}

/// Runs `test` in a fresh genesis, then checks the pallet's invariants and that
/// total issuance moved only by burned slashes.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		test();
		check_invariants(issuance);
	});
}

/// The checks `run_test` makes at the end, for tests that run many steps.
pub fn check_invariants(issuance_at_start: Balance) {
	Provers::do_try_state().expect("invariants hold");
	assert_eq!(
		Balances::total_issuance(),
		issuance_at_start - burned(),
		"total issuance changed by something other than burned slashes"
	);
}

/// A mid-range CPU prover's hardware.
pub fn cpu_box() -> HardwareClass {
	HardwareClass { cpu_cores: 16, memory_gib: 64, gpu: GpuClass::None }
}

/// Registers `who` with `bond`, CPU hardware, capacity 2, ask 5 and 10% commission.
pub fn register(who: AccountId, bond: Balance) {
	frame_support::assert_ok!(Provers::register(
		RuntimeOrigin::signed(who),
		cpu_box(),
		2,
		5,
		Perbill::from_percent(10),
		bond,
	));
}

/// Funds held from `who` for `reason`.
pub fn held(reason: HoldReason, who: AccountId) -> Balance {
	crate::asset::held::<Test>(reason, &who)
}

/// Free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// This pallet's events so far.
pub fn provers_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Provers(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// Advances to block `n`.
pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}
