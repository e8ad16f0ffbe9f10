// Host: debug build of prova-node; the benchmarked code runs in the runtime's release WASM, the host functions it calls natively in this host.

//! Weights for `pallet_plonky2_verifier`, measured by `prova-node benchmark pallet` (CLI 64.0.0).
//!
//! Generated: do not edit by hand; rerun `scripts/benchmark.sh`.
//! Date 2026-11-29; host `vm`, CPU `AMD EPYC`.
//! Steps 50, repeat 20; WASM execution `Compiled`; chain `Some("dev")`.

// Command:
// /var/tmp/prova-target/debug/prova-node
// benchmark
// pallet
// --runtime-log=warn
// --chain
// dev
// --pallet
// pallet_plonky2_verifier
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --template
// scripts/weight-template.hbs
// --header
// /tmp/tmp.orYAKzFSGM
// --output
// pallets/plonky2-verifier/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight}};

/// Weight of each call of `pallet_plonky2_verifier`.
pub trait WeightInfo {
	fn register_circuit() -> Weight;
	fn unregister_circuit() -> Weight;
	fn verify_proof(d: u32, ) -> Weight;
	fn evaluate_gates(g: u32, ) -> Weight;
}

/// The measured weights, with database accesses priced by `Db`.
pub struct MeasuredWeight<Db>(PhantomData<Db>);

/// The measured weights priced with the runtime's database weights.
pub type SubstrateWeight<T> = MeasuredWeight<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeight<Db> {
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::VerifierData` (r:0 w:1)
	/// Proof: `Verifier::VerifierData` (`max_values`: None, `max_size`: Some(65572), added: 68047, mode: `MaxEncodedLen`)
	fn register_circuit() -> Weight {
		// Proof size (bytes): measured `6`, estimated `3658`.
		// Fastest run: 471_740_000 ps.
		Weight::from_parts(554_352_000, 3658)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::VerifierData` (r:0 w:1)
	/// Proof: `Verifier::VerifierData` (`max_values`: None, `max_size`: Some(65572), added: 68047, mode: `MaxEncodedLen`)
	fn unregister_circuit() -> Weight {
		// Proof size (bytes): measured `226`, estimated `3658`.
		// Fastest run: 231_263_000 ps.
		Weight::from_parts(237_622_000, 3658)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Verifier::VerifierData` (r:1 w:0)
	/// Proof: `Verifier::VerifierData` (`max_values`: None, `max_size`: Some(65572), added: 68047, mode: `MaxEncodedLen`)
	/// Component `d` ranges over `[12, 20]`.
	fn verify_proof(d: u32, ) -> Weight {
		// Proof size (bytes): measured `1626 + d * 2`, estimated `69037`.
		// Fastest run: 6_918_056_000 ps.
		Weight::from_parts(7_014_129_000, 69037)
			.saturating_add(Weight::from_parts(186_292_637, 0).saturating_mul(d.into()))
			.saturating_add(Db::get().reads(1))
	}
	/// Component `g` ranges over `[0, 32]`.
	fn evaluate_gates(g: u32, ) -> Weight {
		// Proof size (bytes): measured `0`, estimated `0`.
		// Fastest run: 1_282_000 ps.
		Weight::from_parts(4_743_814, 0)
			.saturating_add(Weight::from_parts(49_481_263, 0).saturating_mul(g.into()))
	}
}

/// The measured weights priced with RocksDB's database weights, for mocks.
impl WeightInfo for () {
	fn register_circuit() -> Weight {
		MeasuredWeight::<RocksDbWeight>::register_circuit()
	}
	fn unregister_circuit() -> Weight {
		MeasuredWeight::<RocksDbWeight>::unregister_circuit()
	}
	fn verify_proof(d: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::verify_proof(d, )
	}
	fn evaluate_gates(g: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::evaluate_gates(g, )
	}
}
