// Host: debug build of prova-node; the benchmarked code runs in the runtime's release WASM.

//! Weights for `pallet_provers`, measured by `prova-node benchmark pallet` (CLI 64.0.0).
//!
//! Generated: do not edit by hand; rerun `scripts/benchmark.sh`.
//! Date 2026-11-28; host `vm`, CPU `AMD EPYC`.
//! Steps 50, repeat 20; WASM execution `Compiled`; chain `Some("dev")`.

// Command:
// /var/tmp/prova-bench/debug/prova-node
// benchmark
// pallet
// --runtime-log=warn
// --chain
// dev
// --pallet
// pallet_provers
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --template
// scripts/weight-template.hbs
// --header
// /work/bench-header.txt
// --output
// /work/wt-bench/pallets/provers/src/weights.rs

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
	fn deregister(d: u32, ) -> Weight;
	fn settle_leaving() -> Weight;
	fn delegate(w: u32, ) -> Weight;
	fn undelegate(w: u32, ) -> Weight;
	fn claim_rewards() -> Weight;
	fn set_parameters() -> Weight;
	fn force_chill() -> Weight;
	fn lift_force_chill() -> Weight;
	fn set_services(s: u32, ) -> Weight;
	fn elect(p: u32, ) -> Weight;
	fn qualify() -> Weight;
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
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CounterForProvers` (r:1 w:1)
	/// Proof: `Provers::CounterForProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::LeavingProvers` (r:1 w:0)
	/// Proof: `Provers::LeavingProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof size (bytes): measured `218`, estimated `3651`.
		// Fastest run: 293_595_000 ps.
		Weight::from_parts(298_273_000, 3651)
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn bond_more() -> Weight {
		// Proof size (bytes): measured `513`, estimated `3651`.
		// Fastest run: 288_688_000 ps.
		Weight::from_parts(331_902_000, 3651)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size (bytes): measured `508`, estimated `3722`.
		// Fastest run: 110_244_000 ps.
		Weight::from_parts(117_454_000, 3722)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Provers::Unbonding` (r:2 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:1)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CounterForProvers` (r:1 w:1)
	/// Proof: `Provers::CounterForProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::LeavingProvers` (r:1 w:1)
	/// Proof: `Provers::LeavingProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:0 w:1)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:0 w:1)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size (bytes): measured `876`, estimated `10171`.
		// Fastest run: 385_712_000 ps.
		Weight::from_parts(392_512_000, 10171)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:1)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn update() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 112_406_000 ps.
		Weight::from_parts(115_952_000, 3651)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn chill() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 74_911_000 ps.
		Weight::from_parts(77_785_000, 3651)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn activate() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 83_163_000 ps.
		Weight::from_parts(85_918_000, 3651)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:129 w:129)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:129 w:128)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:1)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::LeavingProvers` (r:1 w:1)
	/// Proof: `Provers::LeavingProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Component `d` ranges over `[0, 128]`.
	fn deregister(d: u32, ) -> Weight {
		// Proof size (bytes): measured `1036 + d * 137`, estimated `10171 + d * 2732`.
		// Fastest run: 184_624_000 ps.
		Weight::from_parts(202_858_421, 10171)
			.saturating_add(Weight::from_parts(105_116_798, 0).saturating_mul(d.into()))
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(Db::get().writes(4))
			.saturating_add(Db::get().writes((2_u64).saturating_mul(d.into())))
			.saturating_add(Weight::from_parts(0, 2732).saturating_mul(d.into()))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:2 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:1)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CounterForProvers` (r:1 w:1)
	/// Proof: `Provers::CounterForProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::LeavingProvers` (r:1 w:1)
	/// Proof: `Provers::LeavingProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:0 w:1)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:0 w:1)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	fn settle_leaving() -> Weight {
		// Proof size (bytes): measured `945`, estimated `10171`.
		// Fastest run: 607_962_000 ps.
		Weight::from_parts(617_306_000, 10171)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:1)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:128 w:128)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Component `w` ranges over `[0, 127]`.
	fn delegate(w: u32, ) -> Weight {
		// Proof size (bytes): measured `903 + w * 139`, estimated `10171 + w * 2619`.
		// Fastest run: 343_169_000 ps.
		Weight::from_parts(374_380_562, 10171)
			.saturating_add(Weight::from_parts(18_692_112, 0).saturating_mul(w.into()))
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(w.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(w.into())))
			.saturating_add(Weight::from_parts(0, 2619).saturating_mul(w.into()))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:1)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:128 w:128)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Component `w` ranges over `[0, 127]`.
	fn undelegate(w: u32, ) -> Weight {
		// Proof size (bytes): measured `789 + w * 137`, estimated `10171 + w * 2619`.
		// Fastest run: 149_242_000 ps.
		Weight::from_parts(150_463_000, 10171)
			.saturating_add(Weight::from_parts(26_392_097, 0).saturating_mul(w.into()))
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(w.into())))
			.saturating_add(Db::get().writes(4))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(w.into())))
			.saturating_add(Weight::from_parts(0, 2619).saturating_mul(w.into()))
	}
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:1)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	fn claim_rewards() -> Weight {
		// Proof size (bytes): measured `727`, estimated `10171`.
		// Fastest run: 319_123_000 ps.
		Weight::from_parts(324_792_000, 10171)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Provers::CurrentParameters` (r:1 w:1)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	fn set_parameters() -> Weight {
		// Proof size (bytes): measured `6`, estimated `1525`.
		// Fastest run: 39_188_000 ps.
		Weight::from_parts(40_560_000, 1525)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn force_chill() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 73_660_000 ps.
		Weight::from_parts(76_073_000, 3651)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn lift_force_chill() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 73_759_000 ps.
		Weight::from_parts(75_772_000, 3651)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:0 w:1)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Component `s` ranges over `[0, 8]`.
	fn set_services(s: u32, ) -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 63_384_000 ps.
		Weight::from_parts(67_051_326, 3651)
			.saturating_add(Weight::from_parts(2_008_678, 0).saturating_mul(s.into()))
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:257 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:256 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Component `p` ranges over `[1, 256]`.
	fn elect(p: u32, ) -> Weight {
		// Proof size (bytes): measured `556 + p * 171`, estimated `3651 + p * 2988`.
		// Fastest run: 72_477_000 ps.
		Weight::from_parts(34_940_927, 3651)
			.saturating_add(Weight::from_parts(40_157_052, 0).saturating_mul(p.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2988).saturating_mul(p.into()))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:1)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:128 w:128)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	fn qualify() -> Weight {
		Weight::from_parts(150_000_000, 6000)
			.saturating_add(Db::get().reads(4))
	}
	fn reserve_capacity() -> Weight {
		// Proof size (bytes): measured `18480`, estimated `336222`.
		// Fastest run: 2_328_415_000 ps.
		Weight::from_parts(2_399_811_000, 336222)
			.saturating_add(Db::get().reads(131))
			.saturating_add(Db::get().writes(130))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn release_capacity() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 56_074_000 ps.
		Weight::from_parts(58_327_000, 3651)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:0)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:1)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:127 w:127)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn reward() -> Weight {
		// Proof size (bytes): measured `18763`, estimated `333603`.
		// Fastest run: 2_783_030_000 ps.
		Weight::from_parts(2_920_394_000, 333603)
			.saturating_add(Db::get().reads(134))
			.saturating_add(Db::get().writes(132))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:129 w:0)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:129 w:0)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Component `d` ranges over `[0, 128]`.
	fn slash(d: u32, ) -> Weight {
		// Proof size (bytes): measured `1792 + d * 179`, estimated `10171 + d * 2732`.
		// Fastest run: 401_546_000 ps.
		Weight::from_parts(846_753_781, 10171)
			.saturating_add(Weight::from_parts(63_449_206, 0).saturating_mul(d.into()))
			.saturating_add(Db::get().reads(8))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(d.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Weight::from_parts(0, 2732).saturating_mul(d.into()))
	}
}

/// The measured weights priced with RocksDB's database weights, for mocks.
impl WeightInfo for () {
	fn register() -> Weight {
		MeasuredWeight::<RocksDbWeight>::register()
	}
	fn bond_more() -> Weight {
		MeasuredWeight::<RocksDbWeight>::bond_more()
	}
	fn unbond() -> Weight {
		MeasuredWeight::<RocksDbWeight>::unbond()
	}
	fn withdraw_unbonded() -> Weight {
		MeasuredWeight::<RocksDbWeight>::withdraw_unbonded()
	}
	fn update() -> Weight {
		MeasuredWeight::<RocksDbWeight>::update()
	}
	fn chill() -> Weight {
		MeasuredWeight::<RocksDbWeight>::chill()
	}
	fn activate() -> Weight {
		MeasuredWeight::<RocksDbWeight>::activate()
	}
	fn deregister(d: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::deregister(d, )
	}
	fn settle_leaving() -> Weight {
		MeasuredWeight::<RocksDbWeight>::settle_leaving()
	}
	fn delegate(w: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::delegate(w, )
	}
	fn undelegate(w: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::undelegate(w, )
	}
	fn claim_rewards() -> Weight {
		MeasuredWeight::<RocksDbWeight>::claim_rewards()
	}
	fn set_parameters() -> Weight {
		MeasuredWeight::<RocksDbWeight>::set_parameters()
	}
	fn force_chill() -> Weight {
		MeasuredWeight::<RocksDbWeight>::force_chill()
	}
	fn lift_force_chill() -> Weight {
		MeasuredWeight::<RocksDbWeight>::lift_force_chill()
	}
	fn set_services(s: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::set_services(s, )
	}
	fn elect(p: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::elect(p, )
	}
	fn qualify() -> Weight {
		MeasuredWeight::<RocksDbWeight>::qualify()
	}
	fn reserve_capacity() -> Weight {
		MeasuredWeight::<RocksDbWeight>::reserve_capacity()
	}
	fn release_capacity() -> Weight {
		MeasuredWeight::<RocksDbWeight>::release_capacity()
	}
	fn reward() -> Weight {
		MeasuredWeight::<RocksDbWeight>::reward()
	}
	fn slash(d: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::slash(d, )
	}
}
