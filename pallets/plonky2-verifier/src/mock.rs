//! A runtime with balances and the verifier pallet.

use crate as pallet_plonky2_verifier;
use frame_support::{derive_impl, parameter_types, traits::VariantCountOf};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Verifier: pallet_plonky2_verifier,
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

/// What accounts 1..=3 start with.
pub const ENDOWMENT: Balance = 1_000_000;
/// Deposit for any circuit.
pub const DEPOSIT_BASE: Balance = 1_000;
/// Deposit per byte of verifier data.
pub const DEPOSIT_PER_BYTE: Balance = 2;

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const DepositBase: Balance = DEPOSIT_BASE;
	pub const DepositPerByte: Balance = DEPOSIT_PER_BYTE;
	pub const MaxVerifierDataBytes: u32 = 64 * 1024;
	pub const MaxProofBytes: u32 = 512 * 1024;
}

parameter_types! {
	/// Settable per test (thread-local).
	pub static MaxDegreeBits: u32 = 20;
	/// Settable per test (thread-local).
	pub static MaxPublicInputs: u32 = 64;
}

impl pallet_plonky2_verifier::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CircuitDepositBase = DepositBase;
	type CircuitDepositPerByte = DepositPerByte;
	type MaxVerifierDataBytes = MaxVerifierDataBytes;
	type MaxProofBytes = MaxProofBytes;
	type MaxDegreeBits = MaxDegreeBits;
	type MaxPublicInputs = MaxPublicInputs;
	type WeightInfo = ();
}

/// Genesis: accounts 1, 2 and 3 hold `ENDOWMENT`; block 1 (so events are kept).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=3).map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
