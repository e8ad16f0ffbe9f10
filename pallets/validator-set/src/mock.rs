//! A minimal runtime with the validator set behind `pallet-session`'s trait.

use crate as pallet_validator_set;
use frame_support::{derive_impl, parameter_types};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validator_set,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxValidators: u32 = 4;
	pub const MinValidators: u32 = 2;
}

impl pallet_validator_set::Config for Test {
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type MaxValidators = MaxValidators;
	type MinValidators = MinValidators;
	type WeightInfo = ();
}

/// Genesis with validators 1 and 2 and ten-block sessions.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_validator_set::GenesisConfig::<Test> {
		initial_validators: vec![1, 2],
		session_length: 10,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in a fresh genesis, then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ValidatorSet::do_try_state().expect("invariants hold after the test");
	});
}
