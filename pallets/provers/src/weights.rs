// Host: debug build of prova-node; the benchmarked code runs in the runtime's release WASM.

//! Weights for `pallet_provers`, measured by `prova-node benchmark pallet` (CLI 64.0.0).
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
// /tmp/tmp.5jj4Fz8saK
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
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CounterForProvers` (r:1 w:1)
	/// Proof: `Provers::CounterForProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof size (bytes): measured `218`, estimated `3622`.
		// Fastest run: 288_017_000 ps.
		Weight::from_parts(293_275_000, 3622)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn bond_more() -> Weight {
		// Proof size (bytes): measured `477`, estimated `3622`.
		// Fastest run: 286_475_000 ps.
		Weight::from_parts(290_861_000, 3622)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof size (bytes): measured `472`, estimated `3722`.
		// Fastest run: 110_124_000 ps.
		Weight::from_parts(112_827_000, 3722)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Provers::Unbonding` (r:2 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:1)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CounterForProvers` (r:1 w:1)
	/// Proof: `Provers::CounterForProvers` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:0 w:1)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn withdraw_unbonded() -> Weight {
		// Proof size (bytes): measured `816`, estimated `6454`.
		// Fastest run: 360_826_000 ps.
		Weight::from_parts(368_076_000, 6454)
			.saturating_add(Db::get().reads(7))
			.saturating_add(Db::get().writes(7))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:1)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn update() -> Weight {
		// Proof size (bytes): measured `210`, estimated `3615`.
		// Fastest run: 112_266_000 ps.
		Weight::from_parts(114_981_000, 3615)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	fn chill() -> Weight {
		// Proof size (bytes): measured `210`, estimated `3615`.
		// Fastest run: 75_152_000 ps.
		Weight::from_parts(77_765_000, 3615)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	fn activate() -> Weight {
		// Proof size (bytes): measured `210`, estimated `3615`.
		// Fastest run: 83_634_000 ps.
		Weight::from_parts(85_717_000, 3615)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	fn deregister(_d: u32, ) -> Weight {
		// Proof size (bytes): measured `472`, estimated `3722`.
		// Fastest run: 135_191_000 ps.
		Weight::from_parts(138_606_000, 3722)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}	// Placeholder until `scripts/benchmark.sh` regenerates this file.
	fn settle_leaving() -> Weight {
		Self::withdraw_unbonded().saturating_add(Self::claim_rewards())
	}

	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:1)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	fn delegate() -> Weight {
		// Proof size (bytes): measured `366`, estimated `3622`.
		// Fastest run: 308_027_000 ps.
		Weight::from_parts(313_615_000, 3622)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:1)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:1)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	fn undelegate() -> Weight {
		// Proof size (bytes): measured `640`, estimated `3722`.
		// Fastest run: 137_814_000 ps.
		Weight::from_parts(141_170_000, 3722)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:1)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn claim_rewards() -> Weight {
		// Proof size (bytes): measured `691`, estimated `6196`.
		// Fastest run: 309_209_000 ps.
		Weight::from_parts(313_605_000, 6196)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Provers::CurrentParameters` (r:1 w:1)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	fn set_parameters() -> Weight {
		// Proof size (bytes): measured `6`, estimated `1525`.
		// Fastest run: 39_208_000 ps.
		Weight::from_parts(40_751_000, 1525)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	fn force_chill() -> Weight {
		// Proof size (bytes): measured `210`, estimated `3615`.
		// Fastest run: 73_359_000 ps.
		Weight::from_parts(75_492_000, 3615)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	fn lift_force_chill() -> Weight {
		// Proof size (bytes): measured `210`, estimated `3615`.
		// Fastest run: 73_269_000 ps.
		Weight::from_parts(75_422_000, 3615)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:257 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Component `p` ranges over `[1, 256]`.
	fn elect(p: u32, ) -> Weight {
		// Proof size (bytes): measured `130 + p * 85`, estimated `3615 + p * 2625`.
		// Fastest run: 52_047_000 ps.
		Weight::from_parts(52_578_000, 3615)
			.saturating_add(Weight::from_parts(20_521_998, 0).saturating_mul(p.into()))
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2625).saturating_mul(p.into()))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	fn reserve_capacity() -> Weight {
		// Proof size (bytes): measured `210`, estimated `3615`.
		// Fastest run: 44_386_000 ps.
		Weight::from_parts(45_908_000, 3615)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	fn release_capacity() -> Weight {
		// Proof size (bytes): measured `210`, estimated `3615`.
		// Fastest run: 44_075_000 ps.
		Weight::from_parts(45_577_000, 3615)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:0)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn reward() -> Weight {
		// Proof size (bytes): measured `661`, estimated `8799`.
		// Fastest run: 472_190_000 ps.
		Weight::from_parts(479_913_000, 8799)
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(150), added: 2625, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:129 w:129)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:129 w:129)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(157), added: 2632, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:131 w:131)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:129 w:128)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Component `d` ranges over `[0, 128]`.
	fn slash(d: u32, ) -> Weight {
		// Proof size (bytes): measured `1252 + d * 327`, estimated `8799 + d * 2732`.
		// Fastest run: 400_564_000 ps.
		Weight::from_parts(436_762_351, 8799)
			.saturating_add(Weight::from_parts(170_194_905, 0).saturating_mul(d.into()))
			.saturating_add(Db::get().reads(7))
			.saturating_add(Db::get().reads((4_u64).saturating_mul(d.into())))
			.saturating_add(Db::get().writes(6))
			.saturating_add(Db::get().writes((4_u64).saturating_mul(d.into())))
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
		MeasuredWeight::<RocksDbWeight>::deregister(d)
	}
	fn settle_leaving() -> Weight {
		MeasuredWeight::<RocksDbWeight>::settle_leaving()
	}
	fn delegate() -> Weight {
		MeasuredWeight::<RocksDbWeight>::delegate()
	}
	fn undelegate() -> Weight {
		MeasuredWeight::<RocksDbWeight>::undelegate()
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
	fn elect(p: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::elect(p, )
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
