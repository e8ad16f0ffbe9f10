// Host: debug build of prova-node; the benchmarked code runs in the runtime's release WASM.

//! Weights for `pallet_validator_set`, measured by `prova-node benchmark pallet` (CLI 64.0.0).
//!
//! Generated: do not edit by hand; rerun `scripts/benchmark.sh`.
//! Date 2026-11-28; host `vm`, CPU `AMD EPYC`.
//! Steps 50, repeat 20; WASM execution `Compiled`; chain `Some("dev")`.

// Command:
// /var/tmp/prova-target/debug/prova-node
// benchmark
// pallet
// --runtime-log=warn
// --chain
// dev
// --pallet
// pallet_validator_set
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --template
// scripts/weight-template.hbs
// --header
// /tmp/tmp.5jj4Fz8saK
// --output
// pallets/validator-set/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight}};

/// Weight of each call of `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator(v: u32, ) -> Weight;
	fn remove_validator(v: u32, ) -> Weight;
}

/// The measured weights, with database accesses priced by `Db`.
pub struct MeasuredWeight<Db>(PhantomData<Db>);

/// The measured weights priced with the runtime's database weights.
pub type SubstrateWeight<T> = MeasuredWeight<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeight<Db> {
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::PendingChange` (r:0 w:1)
	/// Proof: `ValidatorSet::PendingChange` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Component `v` ranges over `[1, 99]`.
	fn add_validator(v: u32, ) -> Weight {
		// Proof size (bytes): measured `57 + v * 32`, estimated `4687`.
		// Fastest run: 49_263_000 ps.
		Weight::from_parts(50_832_224, 4687)
			.saturating_add(Weight::from_parts(30_505, 0).saturating_mul(v.into()))
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::PendingChange` (r:0 w:1)
	/// Proof: `ValidatorSet::PendingChange` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Component `v` ranges over `[2, 100]`.
	fn remove_validator(v: u32, ) -> Weight {
		// Proof size (bytes): measured `57 + v * 32`, estimated `4687`.
		// Fastest run: 48_072_000 ps.
		Weight::from_parts(49_674_380, 4687)
			.saturating_add(Weight::from_parts(26_948, 0).saturating_mul(v.into()))
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(2))
	}
}

/// The measured weights priced with RocksDB's database weights, for mocks.
impl WeightInfo for () {
	fn add_validator(v: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::add_validator(v, )
	}
	fn remove_validator(v: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::remove_validator(v, )
	}
}
