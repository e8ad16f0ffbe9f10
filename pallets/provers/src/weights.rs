//! Bootstrap weights for `pallet_provers`; replaced by `scripts/benchmark.sh pallet_provers`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight}};

/// Weight of each call of `pallet_provers`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn bond_more() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn update() -> Weight;
	fn chill() -> Weight;
	fn activate() -> Weight;
	fn deregister() -> Weight;
	fn delegate() -> Weight;
	fn undelegate() -> Weight;
	fn claim_rewards() -> Weight;
	fn set_parameters() -> Weight;
	fn force_chill() -> Weight;
	fn lift_force_chill() -> Weight;
	fn elect(p: u32, ) -> Weight;
	fn reserve_capacity() -> Weight;
	fn release_capacity() -> Weight;
	fn reward() -> Weight;
	fn slash(d: u32, ) -> Weight;
}

/// The measured weights, with database accesses priced by `Db`.
pub struct MeasuredWeight<Db>(PhantomData<Db>);

/// The measured weights priced with the runtime's database weights.
pub type SubstrateWeight<T> = MeasuredWeight<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeight<Db> {
	fn register() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn bond_more() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn unbond() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn withdraw_unbonded() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn update() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn chill() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn activate() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn deregister() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn delegate() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn undelegate() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn claim_rewards() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn set_parameters() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn force_chill() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn lift_force_chill() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn elect(p: u32, ) -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn reserve_capacity() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn release_capacity() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn reward() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn slash(d: u32, ) -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
}

impl WeightInfo for () {
	fn register() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn bond_more() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn unbond() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn withdraw_unbonded() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn update() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn chill() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn activate() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn deregister() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn delegate() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn undelegate() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn claim_rewards() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn set_parameters() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn force_chill() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn lift_force_chill() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn elect(p: u32, ) -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn reserve_capacity() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn release_capacity() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn reward() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn slash(d: u32, ) -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
}
