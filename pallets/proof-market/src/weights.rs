// Host: debug build of prova-node; the benchmarked code runs in the runtime's release WASM, the host functions it calls natively in this host. Steps 10, repeat 5 (scripts/benchmark.sh uses 50 and 20; shortened for time on 2026-11-29).

//! Weights for `pallet_proof_market`, measured by `prova-node benchmark pallet` (CLI 64.0.0).
//!
//! Generated: do not edit by hand; rerun `scripts/benchmark.sh`.
//! Date 2026-11-29; host `vm`, CPU `Intel(R) Xeon(R) Processor`.
//! Steps 10, repeat 5; WASM execution `Compiled`; chain `Some("dev")`.

// Command:
// /var/tmp/prova-target/debug/prova-node
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
// 10
// --repeat
// 5
// --template
// scripts/weight-template.hbs
// --header
// /tmp/tmp.mSPErQlRnh
// --output
// pallets/proof-market/src/weights.rs

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
	fn post_ask() -> Weight;
	fn cancel_ask() -> Weight;
	fn match_book(a: u32, ) -> Weight;
	fn join_race() -> Weight;
	fn commit_proof() -> Weight;
	fn settle_race(r: u32, ) -> Weight;
	fn open_race(r: u32, ) -> Weight;
	fn claim_proof(i: u32, ) -> Weight;
	fn settle_batch(n: u32, p: u32, ) -> Weight;
	fn register_aggregator() -> Weight;
	fn unregister_aggregator() -> Weight;
	fn set_wrapper() -> Weight;
	fn set_aggregation_circuit() -> Weight;
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
		// Fastest run: 81_020_000 ps.
		Weight::from_parts(89_321_000, 3647)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn delist_circuit() -> Weight {
		// Proof size (bytes): measured `490`, estimated `3647`.
		// Fastest run: 79_475_000 ps.
		Weight::from_parts(87_300_000, 3647)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::NextRequestId` (r:1 w:1)
	/// Proof: `Market::NextRequestId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	fn submit_request() -> Weight {
		// Proof size (bytes): measured `10021`, estimated `9679`.
		// Fastest run: 846_366_000 ps.
		Weight::from_parts(911_302_000, 9679)
			.saturating_add(Db::get().reads(12))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `76684`, estimated `70195`.
		// Fastest run: 666_636_000 ps.
		Weight::from_parts(697_242_000, 70195)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:0)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Stats` (r:1 w:1)
	/// Proof: `Market::Stats` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
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
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	fn submit_proof_valid() -> Weight {
		// Proof size (bytes): measured `2371`, estimated `11671`.
		// Fastest run: 9_543_198_000 ps.
		Weight::from_parts(9_621_377_000, 11671)
			.saturating_add(Db::get().reads(14))
			.saturating_add(Db::get().writes(15))
	}
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
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
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	fn submit_proof_invalid() -> Weight {
		// Proof size (bytes): measured `10012`, estimated `11671`.
		// Fastest run: 9_292_901_000 ps.
		Weight::from_parts(9_430_921_000, 11671)
			.saturating_add(Db::get().reads(11))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Market::OverdueDeadlines` (r:1 w:0)
	/// Proof: `Market::OverdueDeadlines` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:0)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:0)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:0)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof size (bytes): measured `109`, estimated `11671`.
		// Fastest run: 22_422_000 ps.
		Weight::from_parts(24_532_000, 11671)
			.saturating_add(Db::get().reads(4))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
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
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn offer() -> Weight {
		// Proof size (bytes): measured `66431`, estimated `70195`.
		// Fastest run: 282_838_000 ps.
		Weight::from_parts(305_651_000, 70195)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `66786`, estimated `70195`.
		// Fastest run: 470_258_000 ps.
		Weight::from_parts(494_071_000, 70195)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::OverdueDeadlines` (r:1 w:0)
	/// Proof: `Market::OverdueDeadlines` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn miss_deadline_requeue() -> Weight {
		// Proof size (bytes): measured `84919`, estimated `70195`.
		// Fastest run: 693_305_000 ps.
		Weight::from_parts(726_838_000, 70195)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(8))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::OverdueDeadlines` (r:1 w:0)
	/// Proof: `Market::OverdueDeadlines` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `77514`, estimated `70195`.
		// Fastest run: 1_031_987_000 ps.
		Weight::from_parts(1_093_538_000, 70195)
			.saturating_add(Db::get().reads(14))
			.saturating_add(Db::get().writes(14))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn lock_request() -> Weight {
		// Proof size (bytes): measured `67890`, estimated `70195`.
		// Fastest run: 624_704_000 ps.
		Weight::from_parts(656_886_000, 70195)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(6))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `69065`, estimated `70195`.
		// Fastest run: 832_373_000 ps.
		Weight::from_parts(920_949_000, 70195)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(12))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::OverdueDeadlines` (r:1 w:0)
	/// Proof: `Market::OverdueDeadlines` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `77210`, estimated `70195`.
		// Fastest run: 769_561_000 ps.
		Weight::from_parts(799_775_000, 70195)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(11))
	}
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:1 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	fn retire() -> Weight {
		// Proof size (bytes): measured `338`, estimated `3493`.
		// Fastest run: 45_440_000 ps.
		Weight::from_parts(49_798_000, 3493)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Bids` (r:1 w:1)
	/// Proof: `Market::Bids` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn commit_bid() -> Weight {
		// Proof size (bytes): measured `67458`, estimated `70195`.
		// Fastest run: 443_325_000 ps.
		Weight::from_parts(465_466_000, 70195)
			.saturating_add(Db::get().reads(8))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Market::Requests` (r:1 w:0)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Bids` (r:1 w:1)
	/// Proof: `Market::Bids` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	fn reveal_bid() -> Weight {
		// Proof size (bytes): measured `66321`, estimated `70195`.
		// Fastest run: 144_611_000 ps.
		Weight::from_parts(157_073_000, 70195)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Bids` (r:17 w:16)
	/// Proof: `Market::Bids` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:16 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:16 w:16)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:16 w:16)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `b` ranges over `[1, 16]`.
	fn settle_auction(b: u32, ) -> Weight {
		// Proof size (bytes): measured `66756 + b * 281`, estimated `70195 + b * 2686`.
		// Fastest run: 742_431_000 ps.
		Weight::from_parts(611_176_442, 70195)
			.saturating_add(Weight::from_parts(188_554_628, 0).saturating_mul(b.into()))
			.saturating_add(Db::get().reads(8))
			.saturating_add(Db::get().reads((4_u64).saturating_mul(b.into())))
			.saturating_add(Db::get().writes(4))
			.saturating_add(Db::get().writes((3_u64).saturating_mul(b.into())))
			.saturating_add(Weight::from_parts(0, 2686).saturating_mul(b.into()))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn lock_dutch() -> Weight {
		// Proof size (bytes): measured `66810`, estimated `70195`.
		// Fastest run: 504_709_000 ps.
		Weight::from_parts(539_148_000, 70195)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(7))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
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
	fn close_dutch() -> Weight {
		// Proof size (bytes): measured `66815`, estimated `70195`.
		// Fastest run: 469_151_000 ps.
		Weight::from_parts(493_399_000, 70195)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Market::Book` (r:1 w:1)
	/// Proof: `Market::Book` (`max_values`: Some(1), `max_size`: Some(7042), added: 7537, mode: `MaxEncodedLen`)
	/// Storage: `Market::NextAskId` (r:1 w:1)
	/// Proof: `Market::NextAskId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn post_ask() -> Weight {
		// Proof size (bytes): measured `5340`, estimated `8527`.
		// Fastest run: 591_386_000 ps.
		Weight::from_parts(624_302_000, 8527)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Market::Book` (r:1 w:1)
	/// Proof: `Market::Book` (`max_values`: Some(1), `max_size`: Some(7042), added: 7537, mode: `MaxEncodedLen`)
	fn cancel_ask() -> Weight {
		// Proof size (bytes): measured `5094`, estimated `8527`.
		// Fastest run: 54_552_000 ps.
		Weight::from_parts(63_347_000, 8527)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Book` (r:1 w:1)
	/// Proof: `Market::Book` (`max_values`: Some(1), `max_size`: Some(7042), added: 7537, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:64 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Component `a` ranges over `[1, 64]`.
	fn match_book(a: u32, ) -> Weight {
		// Proof size (bytes): measured `1072 + a * 77`, estimated `11671 + a * 2661`.
		// Fastest run: 468_982_000 ps.
		Weight::from_parts(484_133_124, 11671)
			.saturating_add(Weight::from_parts(8_684_818, 0).saturating_mul(a.into()))
			.saturating_add(Db::get().reads(8))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(a.into())))
			.saturating_add(Db::get().writes(7))
			.saturating_add(Weight::from_parts(0, 2661).saturating_mul(a.into()))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Racers` (r:1 w:1)
	/// Proof: `Market::Racers` (`max_values`: None, `max_size`: Some(604), added: 3079, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn join_race() -> Weight {
		// Proof size (bytes): measured `66779`, estimated `70195`.
		// Fastest run: 463_720_000 ps.
		Weight::from_parts(487_385_000, 70195)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(6))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Racers` (r:1 w:1)
	/// Proof: `Market::Racers` (`max_values`: None, `max_size`: Some(604), added: 3079, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	fn commit_proof() -> Weight {
		// Proof size (bytes): measured `66193`, estimated `70195`.
		// Fastest run: 207_678_000 ps.
		Weight::from_parts(225_916_000, 70195)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Racers` (r:9 w:8)
	/// Proof: `Market::Racers` (`max_values`: None, `max_size`: Some(604), added: 3079, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:9 w:9)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:8 w:8)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:8 w:0)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:8 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Stats` (r:1 w:1)
	/// Proof: `Market::Stats` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:1 w:1)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:8)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 8]`.
	fn settle_race(r: u32, ) -> Weight {
		// Proof size (bytes): measured `1294 + r * 372`, estimated `4069 + r * 9181`.
		// Fastest run: 976_127_000 ps.
		Weight::from_parts(561_573_526, 4069)
			.saturating_add(Weight::from_parts(465_599_156, 0).saturating_mul(r.into()))
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().reads((6_u64).saturating_mul(r.into())))
			.saturating_add(Db::get().writes(10))
			.saturating_add(Db::get().writes((5_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 9181).saturating_mul(r.into()))
	}
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 8]`.
	fn open_race(_r: u32, ) -> Weight {
		// Proof size (bytes): measured `291`, estimated `11671`.
		// Fastest run: 83_046_000 ps.
		Weight::from_parts(96_984_054, 11671)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Component `i` ranges over `[1, 8192]`.
	fn claim_proof(i: u32, ) -> Weight {
		// Proof size (bytes): measured `832 + i * 8`, estimated `70195`.
		// Fastest run: 137_860_000 ps.
		Weight::from_parts(180_924_272, 70195)
			.saturating_add(Weight::from_parts(1_052_546, 0).saturating_mul(i.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Market::Aggregators` (r:1 w:0)
	/// Proof: `Market::Aggregators` (`max_values`: None, `max_size`: Some(322), added: 2797, mode: `MaxEncodedLen`)
	/// Storage: `Market::AggregationCircuit` (r:1 w:0)
	/// Proof: `Market::AggregationCircuit` (`max_values`: Some(1), `max_size`: Some(64), added: 559, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:256 w:256)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66730), added: 69205, mode: `MaxEncodedLen`)
	/// Storage: `Market::Wrappers` (r:1 w:0)
	/// Proof: `Market::Wrappers` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:512 w:512)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:512 w:512)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Stats` (r:1 w:1)
	/// Proof: `Market::Stats` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(8206), added: 10681, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:256 w:256)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenAggregated` (r:1 w:1)
	/// Proof: `Market::OpenAggregated` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequests` (r:1 w:1)
	/// Proof: `Market::OpenRequests` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenRequestsOf` (r:256 w:256)
	/// Proof: `Market::OpenRequestsOf` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:256 w:0)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:256 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:256)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:0 w:256)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[2, 256]`.
	/// Component `p` ranges over `[1, 256]`.
	fn settle_batch(n: u32, p: u32, ) -> Weight {
		// Proof size (bytes): measured `0 + n * 66404 + p * 256`, estimated `11734 + n * 69205 + p * 3320`.
		// Fastest run: 2_437_335_000 ps.
		Weight::from_parts(2_490_129_000, 11734)
			.saturating_add(Weight::from_parts(1_002_771_578, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(95_951_068, 0).saturating_mul(p.into()))
			.saturating_add(Db::get().reads(28))
			.saturating_add(Db::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(Db::get().writes(25))
			.saturating_add(Db::get().writes((7_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 69205).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 3320).saturating_mul(p.into()))
	}
	/// Storage: `Market::Aggregators` (r:1 w:1)
	/// Proof: `Market::Aggregators` (`max_values`: None, `max_size`: Some(322), added: 2797, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:0)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn register_aggregator() -> Weight {
		// Proof size (bytes): measured `622`, estimated `3787`.
		// Fastest run: 271_175_000 ps.
		Weight::from_parts(310_256_000, 3787)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Market::Aggregators` (r:1 w:1)
	/// Proof: `Market::Aggregators` (`max_values`: None, `max_size`: Some(322), added: 2797, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn unregister_aggregator() -> Weight {
		// Proof size (bytes): measured `486`, estimated `3787`.
		// Fastest run: 222_315_000 ps.
		Weight::from_parts(243_947_000, 3787)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Verifier::Circuits` (r:1 w:0)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::OpenAggregated` (r:1 w:0)
	/// Proof: `Market::OpenAggregated` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Wrappers` (r:0 w:1)
	/// Proof: `Market::Wrappers` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn set_wrapper() -> Weight {
		// Proof size (bytes): measured `318`, estimated `3569`.
		// Fastest run: 67_959_000 ps.
		Weight::from_parts(76_821_000, 3569)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Verifier::VerifierData` (r:1 w:0)
	/// Proof: `Verifier::VerifierData` (`max_values`: None, `max_size`: Some(65572), added: 68047, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::AggregationCircuit` (r:1 w:1)
	/// Proof: `Market::AggregationCircuit` (`max_values`: Some(1), `max_size`: Some(64), added: 559, mode: `MaxEncodedLen`)
	fn set_aggregation_circuit() -> Weight {
		// Proof size (bytes): measured `1978`, estimated `69037`.
		// Fastest run: 219_299_000 ps.
		Weight::from_parts(234_940_000, 69037)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(2))
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
		MeasuredWeight::<RocksDbWeight>::settle_auction(b, )
	}
	fn lock_dutch() -> Weight {
		MeasuredWeight::<RocksDbWeight>::lock_dutch()
	}
	fn close_dutch() -> Weight {
		MeasuredWeight::<RocksDbWeight>::close_dutch()
	}
	fn post_ask() -> Weight {
		MeasuredWeight::<RocksDbWeight>::post_ask()
	}
	fn cancel_ask() -> Weight {
		MeasuredWeight::<RocksDbWeight>::cancel_ask()
	}
	fn match_book(a: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::match_book(a, )
	}
	fn join_race() -> Weight {
		MeasuredWeight::<RocksDbWeight>::join_race()
	}
	fn commit_proof() -> Weight {
		MeasuredWeight::<RocksDbWeight>::commit_proof()
	}
	fn settle_race(r: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::settle_race(r, )
	}
	fn open_race(r: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::open_race(r, )
	}
	fn claim_proof(i: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::claim_proof(i, )
	}
	fn settle_batch(n: u32, p: u32, ) -> Weight {
		MeasuredWeight::<RocksDbWeight>::settle_batch(n, p, )
	}
	fn register_aggregator() -> Weight {
		MeasuredWeight::<RocksDbWeight>::register_aggregator()
	}
	fn unregister_aggregator() -> Weight {
		MeasuredWeight::<RocksDbWeight>::unregister_aggregator()
	}
	fn set_wrapper() -> Weight {
		MeasuredWeight::<RocksDbWeight>::set_wrapper()
	}
	fn set_aggregation_circuit() -> Weight {
		MeasuredWeight::<RocksDbWeight>::set_aggregation_circuit()
	}
}
