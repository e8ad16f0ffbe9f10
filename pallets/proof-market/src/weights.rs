// Host: debug build of prova-node; the benchmarked code runs in the runtime's release WASM.

//! Weights for `pallet_proof_market`.
//!
//! Generated: do not edit by hand; rerun `scripts/benchmark.sh pallet_proof_market`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight}};

/// Weight of each call of `pallet_proof_market`.
pub trait WeightInfo {
	fn list_circuit() -> Weight;
	fn delist_circuit() -> Weight;
	fn submit_request() -> Weight;
	fn cancel_request() -> Weight;
	fn submit_proof_valid() -> Weight;
	fn submit_proof_invalid() -> Weight;
	fn on_initialize_idle() -> Weight;
	fn assign() -> Weight;
	fn expire_queued() -> Weight;
	fn miss_deadline_requeue() -> Weight;
	fn miss_deadline_expire() -> Weight;
	fn retire() -> Weight;
}

/// The measured weights, with database accesses priced by `Db`.
pub struct MeasuredWeight<Db>(PhantomData<Db>);

/// The measured weights priced with the runtime's database weights.
pub type SubstrateWeight<T> = MeasuredWeight<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeight<Db> {
	fn list_circuit() -> Weight { Weight::from_parts(1_000_000_000, 4000).saturating_add(Db::get().reads_writes(2, 1)) }
	fn delist_circuit() -> Weight { Weight::from_parts(1_000_000_000, 4000).saturating_add(Db::get().reads_writes(2, 1)) }
	fn submit_request() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn cancel_request() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn submit_proof_valid() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn submit_proof_invalid() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn on_initialize_idle() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(4, 2)) }
	fn assign() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn expire_queued() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn miss_deadline_requeue() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn miss_deadline_expire() -> Weight { Weight::from_parts(1_000_000_000, 12000).saturating_add(Db::get().reads_writes(8, 7)) }
	fn retire() -> Weight { Weight::from_parts(1_000_000_000, 4000).saturating_add(Db::get().reads_writes(3, 3)) }
}

/// The measured weights priced with RocksDB's database weights, for mocks.
impl WeightInfo for () {
	fn list_circuit() -> Weight { MeasuredWeight::<RocksDbWeight>::list_circuit() }
	fn delist_circuit() -> Weight { MeasuredWeight::<RocksDbWeight>::delist_circuit() }
	fn submit_request() -> Weight { MeasuredWeight::<RocksDbWeight>::submit_request() }
	fn cancel_request() -> Weight { MeasuredWeight::<RocksDbWeight>::cancel_request() }
	fn submit_proof_valid() -> Weight { MeasuredWeight::<RocksDbWeight>::submit_proof_valid() }
	fn submit_proof_invalid() -> Weight { MeasuredWeight::<RocksDbWeight>::submit_proof_invalid() }
	fn on_initialize_idle() -> Weight { MeasuredWeight::<RocksDbWeight>::on_initialize_idle() }
	fn assign() -> Weight { MeasuredWeight::<RocksDbWeight>::assign() }
	fn expire_queued() -> Weight { MeasuredWeight::<RocksDbWeight>::expire_queued() }
	fn miss_deadline_requeue() -> Weight { MeasuredWeight::<RocksDbWeight>::miss_deadline_requeue() }
	fn miss_deadline_expire() -> Weight { MeasuredWeight::<RocksDbWeight>::miss_deadline_expire() }
	fn retire() -> Weight { MeasuredWeight::<RocksDbWeight>::retire() }
}
