//! Bootstrap weights for `pallet_plonky2_verifier`; replaced by `scripts/benchmark.sh pallet_plonky2_verifier`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, unused_variables, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight}};

/// Weight of each call of `pallet_plonky2_verifier`.
pub trait WeightInfo {
	fn register_circuit() -> Weight;
	fn unregister_circuit() -> Weight;
	fn verify_proof(d: u32, ) -> Weight;
}

/// The measured weights, with database accesses priced by `Db`.
pub struct MeasuredWeight<Db>(PhantomData<Db>);

/// The measured weights priced with the runtime's database weights.
pub type SubstrateWeight<T> = MeasuredWeight<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeight<Db> {
	fn register_circuit() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn unregister_circuit() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn verify_proof(d: u32, ) -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
}

impl WeightInfo for () {
	fn register_circuit() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn unregister_circuit() -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
	fn verify_proof(d: u32, ) -> Weight { Weight::from_parts(1_000_000_000, 10_000) }
}
