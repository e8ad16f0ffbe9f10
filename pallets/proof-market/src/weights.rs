// Host: debug build of prova-node; the benchmarked code runs in the runtime's release WASM.

//! Weights for `pallet_proof_market`, measured by `prova-node benchmark pallet` (CLI 64.0.0).
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
// pallet_proof_market
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
// /work/wt-bench/pallets/proof-market/src/weights.rs

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
	fn offer() -> Weight;
	fn expire_queued() -> Weight;
	fn miss_deadline_requeue() -> Weight;
	fn miss_deadline_expire() -> Weight;
	fn lock_request() -> Weight;
	fn decline_request() -> Weight;
	fn lapse_offer() -> Weight;
	fn retire() -> Weight;
	fn commit_bid() -> Weight;
	fn reveal_bid() -> Weight;
	fn settle_auction(b: u32, ) -> Weight;
	fn lock_dutch() -> Weight;
	fn close_dutch() -> Weight;
}

/// The measured weights, with database accesses priced by `Db`.
pub struct MeasuredWeight<Db>(PhantomData<Db>);

/// The measured weights priced with the runtime's database weights.
pub type SubstrateWeight<T> = MeasuredWeight<<T as frame_system::Config>::DbWeight>;

impl<Db: Get<RuntimeDbWeight>> WeightInfo for MeasuredWeight<Db> {
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	fn list_circuit() -> Weight {
		// Proof size (bytes): measured `280`, estimated `3647`.
		// Fastest run: 86_899_000 ps.
		Weight::from_parts(89_352_000, 3647)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn delist_circuit() -> Weight {
		// Proof size (bytes): measured `490`, estimated `3647`.
		// Fastest run: 85_256_000 ps.
		Weight::from_parts(87_570_000, 3647)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:2 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::NextRequestId` (r:1 w:1)
	/// Proof: `Market::NextRequestId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	fn submit_request() -> Weight {
		// Proof size (bytes): measured `10021`, estimated `9679`.
		// Fastest run: 822_991_000 ps.
		Weight::from_parts(834_128_000, 9679)
			.saturating_add(Db::get().reads(12))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn cancel_request() -> Weight {
		// Proof size (bytes): measured `76664`, estimated `70054`.
		// Fastest run: 657_446_000 ps.
		Weight::from_parts(695_221_000, 70054)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:0)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	fn submit_proof_valid() -> Weight {
		// Proof size (bytes): measured `2371`, estimated `10171`.
		// Fastest run: 10_021_421_000 ps.
		Weight::from_parts(10_180_878_000, 10171)
			.saturating_add(Db::get().reads(13))
			.saturating_add(Db::get().writes(14))
	}
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Delegations` (r:1 w:0)
	/// Proof: `Provers::Delegations` (`max_values`: None, `max_size`: Some(144), added: 2619, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Unbonding` (r:1 w:0)
	/// Proof: `Provers::Unbonding` (`max_values`: None, `max_size`: Some(257), added: 2732, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	fn submit_proof_invalid() -> Weight {
		// Proof size (bytes): measured `10012`, estimated `9679`.
		// Fastest run: 9_812_361_000 ps.
		Weight::from_parts(9_996_625_000, 9679)
			.saturating_add(Db::get().reads(11))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Market::Deadlines` (r:1 w:0)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:0)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:0)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof size (bytes): measured `109`, estimated `9679`.
		// Fastest run: 23_064_000 ps.
		Weight::from_parts(24_517_000, 9679)
			.saturating_add(Db::get().reads(3))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:2 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn offer() -> Weight {
		// Proof size (bytes): measured `66411`, estimated `70054`.
		// Fastest run: 286_816_000 ps.
		Weight::from_parts(296_901_000, 70054)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn expire_queued() -> Weight {
		// Proof size (bytes): measured `66766`, estimated `70054`.
		// Fastest run: 496_878_000 ps.
		Weight::from_parts(508_484_000, 70054)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn miss_deadline_requeue() -> Weight {
		// Proof size (bytes): measured `76777`, estimated `70054`.
		// Fastest run: 631_347_000 ps.
		Weight::from_parts(653_239_000, 70054)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn miss_deadline_expire() -> Weight {
		// Proof size (bytes): measured `69345`, estimated `70054`.
		// Fastest run: 992_162_000 ps.
		Weight::from_parts(1_009_709_000, 70054)
			.saturating_add(Db::get().reads(14))
			.saturating_add(Db::get().writes(15))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn lock_request() -> Weight {
		// Proof size (bytes): measured `67870`, estimated `70054`.
		// Fastest run: 532_189_000 ps.
		Weight::from_parts(549_836_000, 70054)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(5))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn decline_request() -> Weight {
		// Proof size (bytes): measured `69045`, estimated `70054`.
		// Fastest run: 769_252_000 ps.
		Weight::from_parts(779_777_000, 70054)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(12))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	fn lapse_offer() -> Weight {
		// Proof size (bytes): measured `69045`, estimated `70054`.
		// Fastest run: 729_823_000 ps.
		Weight::from_parts(743_253_000, 70054)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(12))
	}
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:1 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66589), added: 69064, mode: `MaxEncodedLen`)
	fn retire() -> Weight {
		// Proof size (bytes): measured `338`, estimated `3493`.
		// Fastest run: 47_251_000 ps.
		Weight::from_parts(48_982_000, 3493)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(3))
	}

	fn commit_bid() -> Weight {
		Weight::from_parts(60_000_000, 6000).saturating_add(Db::get().reads_writes(4, 3))
	}
	fn reveal_bid() -> Weight {
		Weight::from_parts(60_000_000, 6000).saturating_add(Db::get().reads_writes(3, 1))
	}
	fn settle_auction(b: u32, ) -> Weight {
		Weight::from_parts(150_000_000, 9000)
			.saturating_add(Weight::from_parts(40_000_000, 3000).saturating_mul(b.into()))
			.saturating_add(Db::get().reads_writes(8, 8))
			.saturating_add(Db::get().reads_writes(2, 2).saturating_mul(b.into()))
	}
	fn lock_dutch() -> Weight {
		Weight::from_parts(150_000_000, 9000).saturating_add(Db::get().reads_writes(8, 6))
	}
	fn close_dutch() -> Weight {
		Weight::from_parts(150_000_000, 9000).saturating_add(Db::get().reads_writes(8, 8))
	}
}

/// The measured weights priced with RocksDB's database weights, for mocks.
impl WeightInfo for () {
	fn list_circuit() -> Weight {
		MeasuredWeight::<RocksDbWeight>::list_circuit()
	}
	fn delist_circuit() -> Weight {
		MeasuredWeight::<RocksDbWeight>::delist_circuit()
	}
	fn submit_request() -> Weight {
		MeasuredWeight::<RocksDbWeight>::submit_request()
	}
	fn cancel_request() -> Weight {
		MeasuredWeight::<RocksDbWeight>::cancel_request()
	}
	fn submit_proof_valid() -> Weight {
		MeasuredWeight::<RocksDbWeight>::submit_proof_valid()
	}
	fn submit_proof_invalid() -> Weight {
		MeasuredWeight::<RocksDbWeight>::submit_proof_invalid()
	}
	fn on_initialize_idle() -> Weight {
		MeasuredWeight::<RocksDbWeight>::on_initialize_idle()
	}
	fn offer() -> Weight {
		MeasuredWeight::<RocksDbWeight>::offer()
	}
	fn expire_queued() -> Weight {
		MeasuredWeight::<RocksDbWeight>::expire_queued()
	}
	fn miss_deadline_requeue() -> Weight {
		MeasuredWeight::<RocksDbWeight>::miss_deadline_requeue()
	}
	fn miss_deadline_expire() -> Weight {
		MeasuredWeight::<RocksDbWeight>::miss_deadline_expire()
	}
	fn lock_request() -> Weight {
		MeasuredWeight::<RocksDbWeight>::lock_request()
	}
	fn decline_request() -> Weight {
		MeasuredWeight::<RocksDbWeight>::decline_request()
	}
	fn lapse_offer() -> Weight {
		MeasuredWeight::<RocksDbWeight>::lapse_offer()
	}
	fn retire() -> Weight {
		MeasuredWeight::<RocksDbWeight>::retire()
	}
	fn commit_bid() -> Weight {
		MeasuredWeight::<RocksDbWeight>::commit_bid()
	}
	fn reveal_bid() -> Weight {
		MeasuredWeight::<RocksDbWeight>::reveal_bid()
	}
	fn settle_auction(b: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::settle_auction(b)
	}
	fn lock_dutch() -> Weight {
		MeasuredWeight::<RocksDbWeight>::lock_dutch()
	}
	fn close_dutch() -> Weight {
		MeasuredWeight::<RocksDbWeight>::close_dutch()
	}
}
