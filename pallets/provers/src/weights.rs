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
// /tmp/tmp.D7zdvqLKqB
// --output
// pallets/provers/src/weights.rs

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
	fn reward_many(n: u32, ) -> Weight;
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof size (bytes): measured `218`, estimated `3658`.
		// Fastest run: 297_632_000 ps.
		Weight::from_parts(306_494_000, 3658)
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	fn bond_more() -> Weight {
		// Proof size (bytes): measured `513`, estimated `3658`.
		// Fastest run: 291_592_000 ps.
		Weight::from_parts(300_135_000, 3658)
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
		// Fastest run: 112_377_000 ps.
		Weight::from_parts(123_012_000, 3722)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Provers::Unbonding` (r:2 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Fastest run: 391_511_000 ps.
		Weight::from_parts(415_026_000, 10171)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:1)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn update() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 114_139_000 ps.
		Weight::from_parts(118_065_000, 3651)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn chill() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 76_103_000 ps.
		Weight::from_parts(79_358_000, 3651)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn activate() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 84_536_000 ps.
		Weight::from_parts(87_970_000, 3651)
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
		// Fastest run: 189_021_000 ps.
		Weight::from_parts(88_520_138, 10171)
			.saturating_add(Weight::from_parts(176_222_848, 0).saturating_mul(d.into()))
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Fastest run: 612_549_000 ps.
		Weight::from_parts(628_513_000, 10171)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Component `w` ranges over `[0, 127]`.
	fn delegate(w: u32, ) -> Weight {
		// Proof size (bytes): measured `903 + w * 139`, estimated `10171 + w * 2619`.
		// Fastest run: 344_161_000 ps.
		Weight::from_parts(536_440_120, 10171)
			.saturating_add(Weight::from_parts(19_503_319, 0).saturating_mul(w.into()))
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
		// Fastest run: 153_187_000 ps.
		Weight::from_parts(137_150_267, 10171)
			.saturating_add(Weight::from_parts(20_847_074, 0).saturating_mul(w.into()))
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
		// Fastest run: 323_169_000 ps.
		Weight::from_parts(328_768_000, 10171)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Provers::CurrentParameters` (r:1 w:1)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	fn set_parameters() -> Weight {
		// Proof size (bytes): measured `6`, estimated `1525`.
		// Fastest run: 39_839_000 ps.
		Weight::from_parts(41_762_000, 1525)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn force_chill() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 74_320_000 ps.
		Weight::from_parts(76_804_000, 3651)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn lift_force_chill() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 75_061_000 ps.
		Weight::from_parts(77_365_000, 3651)
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
		// Fastest run: 64_626_000 ps.
		Weight::from_parts(75_805_156, 3651)
			.saturating_add(Weight::from_parts(2_140_357, 0).saturating_mul(s.into()))
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
		// Fastest run: 73_890_000 ps.
		Weight::from_parts(147_556_400, 3651)
			.saturating_add(Weight::from_parts(36_942_279, 0).saturating_mul(p.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2988).saturating_mul(p.into()))
	}
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	fn qualify() -> Weight {
		// Proof size (bytes): measured `716`, estimated `3978`.
		// Fastest run: 44_105_000 ps.
		Weight::from_parts(46_109_000, 3978)
			.saturating_add(Db::get().reads(3))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:1)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:128 w:128)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	fn reserve_capacity() -> Weight {
		// Proof size (bytes): measured `18480`, estimated `336222`.
		// Fastest run: 2_377_267_000 ps.
		Weight::from_parts(2_498_218_000, 336222)
			.saturating_add(Db::get().reads(131))
			.saturating_add(Db::get().writes(130))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	fn release_capacity() -> Weight {
		// Proof size (bytes): measured `246`, estimated `3651`.
		// Fastest run: 56_614_000 ps.
		Weight::from_parts(58_918_000, 3651)
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
		// Fastest run: 2_863_118_000 ps.
		Weight::from_parts(3_133_950_000, 333603)
			.saturating_add(Db::get().reads(134))
			.saturating_add(Db::get().writes(132))
	}
	/// PLACEHOLDER until scripts/benchmark.sh regenerates this file: a hand
	/// estimate, `reward` (one split, the most warm-up activations) plus per
	/// payment a payer's account read and written and two transfers' compute.
	/// Component `n` ranges over `[1, 1024]`.
	fn reward_many(n: u32, ) -> Weight {
		Weight::from_parts(3_133_950_000, 333603)
			.saturating_add(Db::get().reads(134))
			.saturating_add(Db::get().writes(132))
			.saturating_add(Weight::from_parts(120_000_000, 2603).saturating_mul(n.into()))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(n.into())))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:129 w:0)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:129 w:0)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Component `d` ranges over `[0, 128]`.
	fn slash(d: u32, ) -> Weight {
		// Proof size (bytes): measured `1792 + d * 179`, estimated `10171 + d * 2732`.
		// Fastest run: 419_513_000 ps.
		Weight::from_parts(736_288_563, 10171)
			.saturating_add(Weight::from_parts(70_689_460, 0).saturating_mul(d.into()))
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
	fn reward_many(n: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::reward_many(n, )
	}
	fn slash(d: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::slash(d, )
	}
}
