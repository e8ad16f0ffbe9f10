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
// /tmp/tmp.TpBCwy0fTl
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
		// Fastest run: 87_700_000 ps.
		Weight::from_parts(91_706_000, 3647)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn delist_circuit() -> Weight {
		// Proof size (bytes): measured `490`, estimated `3647`.
		// Fastest run: 85_997_000 ps.
		Weight::from_parts(89_342_000, 3647)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Verifier::Circuits` (r:1 w:1)
	/// Proof: `Verifier::Circuits` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Market::NextRequestId` (r:1 w:1)
	/// Proof: `Market::NextRequestId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	fn submit_request() -> Weight {
		// Proof size (bytes): measured `10021`, estimated `9679`.
		// Fastest run: 826_367_000 ps.
		Weight::from_parts(856_010_000, 9679)
			.saturating_add(Db::get().reads(12))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `76666`, estimated `70084`.
		// Fastest run: 657_426_000 ps.
		Weight::from_parts(677_426_000, 70084)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::PendingCommission` (r:1 w:0)
	/// Proof: `Provers::PendingCommission` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Stats` (r:1 w:1)
	/// Proof: `Market::Stats` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
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
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	fn submit_proof_valid() -> Weight {
		// Proof size (bytes): measured `2371`, estimated `10171`.
		// Fastest run: 9_945_428_000 ps.
		Weight::from_parts(10_019_949_000, 10171)
			.saturating_add(Db::get().reads(14))
			.saturating_add(Db::get().writes(15))
	}
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	fn submit_proof_invalid() -> Weight {
		// Proof size (bytes): measured `10012`, estimated `9679`.
		// Fastest run: 9_672_914_000 ps.
		Weight::from_parts(9_739_713_000, 9679)
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
	/// PLACEHOLDER (hand edit of the measured weight): one more read, the
	/// overdue index entries, until `scripts/benchmark.sh` regenerates it.
	fn on_initialize_idle() -> Weight {
		// Proof size (bytes): measured `109`, estimated `10681`.
		// Fastest run: 23_124_000 ps.
		Weight::from_parts(26_000_000, 10681)
			.saturating_add(Db::get().reads(4))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `66413`, estimated `70084`.
		// Fastest run: 286_986_000 ps.
		Weight::from_parts(292_754_000, 70084)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `66768`, estimated `70084`.
		// Fastest run: 494_955_000 ps.
		Weight::from_parts(504_008_000, 70084)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(10))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Market::Queue` (r:1 w:1)
	/// Proof: `Market::Queue` (`max_values`: Some(1), `max_size`: Some(8194), added: 8689, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn miss_deadline_requeue() -> Weight {
		// Proof size (bytes): measured `76783`, estimated `70084`.
		// Fastest run: 641_562_000 ps.
		Weight::from_parts(668_231_000, 70084)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(9))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `69351`, estimated `70084`.
		// Fastest run: 998_562_000 ps.
		Weight::from_parts(1_013_825_000, 70084)
			.saturating_add(Db::get().reads(14))
			.saturating_add(Db::get().writes(15))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn lock_request() -> Weight {
		// Proof size (bytes): measured `67872`, estimated `70084`.
		// Fastest run: 552_340_000 ps.
		Weight::from_parts(568_734_000, 70084)
			.saturating_add(Db::get().reads(5))
			.saturating_add(Db::get().writes(6))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `69047`, estimated `70084`.
		// Fastest run: 761_139_000 ps.
		Weight::from_parts(782_971_000, 70084)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(12))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:1)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `69047`, estimated `70084`.
		// Fastest run: 729_332_000 ps.
		Weight::from_parts(743_894_000, 70084)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(12))
	}
	/// Storage: `Market::RetiringRange` (r:1 w:1)
	/// Proof: `Market::RetiringRange` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Market::Retiring` (r:1 w:1)
	/// Proof: `Market::Retiring` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	fn retire() -> Weight {
		// Proof size (bytes): measured `338`, estimated `3493`.
		// Fastest run: 47_080_000 ps.
		Weight::from_parts(48_832_000, 3493)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(3))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	fn commit_bid() -> Weight {
		// Proof size (bytes): measured `67440`, estimated `70084`.
		// Fastest run: 443_018_000 ps.
		Weight::from_parts(502_446_000, 70084)
			.saturating_add(Db::get().reads(8))
			.saturating_add(Db::get().writes(4))
	}
	/// Storage: `Market::Requests` (r:1 w:0)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Bids` (r:1 w:1)
	/// Proof: `Market::Bids` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	fn reveal_bid() -> Weight {
		// Proof size (bytes): measured `66303`, estimated `70084`.
		// Fastest run: 141_009_000 ps.
		Weight::from_parts(148_751_000, 70084)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(1))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Component `b` ranges over `[1, 16]`.
	fn settle_auction(b: u32, ) -> Weight {
		// Proof size (bytes): measured `66698 + b * 282`, estimated `70084 + b * 2668`.
		// Fastest run: 782_251_000 ps.
		Weight::from_parts(595_053_005, 70084)
			.saturating_add(Weight::from_parts(207_498_081, 0).saturating_mul(b.into()))
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().reads((4_u64).saturating_mul(b.into())))
			.saturating_add(Db::get().writes(5))
			.saturating_add(Db::get().writes((3_u64).saturating_mul(b.into())))
			.saturating_add(Weight::from_parts(0, 2668).saturating_mul(b.into()))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Listings` (r:1 w:0)
	/// Proof: `Market::Listings` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Provers` (r:1 w:1)
	/// Proof: `Provers::Provers` (`max_values`: None, `max_size`: Some(186), added: 2661, mode: `MaxEncodedLen`)
	/// Storage: `Provers::CurrentParameters` (r:1 w:0)
	/// Proof: `Provers::CurrentParameters` (`max_values`: Some(1), `max_size`: Some(40), added: 535, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Services` (r:1 w:0)
	/// Proof: `Provers::Services` (`max_values`: None, `max_size`: Some(513), added: 2988, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn lock_dutch() -> Weight {
		// Proof size (bytes): measured `66792`, estimated `70084`.
		// Fastest run: 517_848_000 ps.
		Weight::from_parts(533_932_000, 70084)
			.saturating_add(Db::get().reads(10))
			.saturating_add(Db::get().writes(7))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
		// Proof size (bytes): measured `66801`, estimated `70084`.
		// Fastest run: 498_299_000 ps.
		Weight::from_parts(510_477_000, 70084)
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
		// Fastest run: 604_226_000 ps.
		Weight::from_parts(616_865_000, 8527)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(2))
	}
	/// Storage: `Market::Book` (r:1 w:1)
	/// Proof: `Market::Book` (`max_values`: Some(1), `max_size`: Some(7042), added: 7537, mode: `MaxEncodedLen`)
	fn cancel_ask() -> Weight {
		// Proof size (bytes): measured `5094`, estimated `8527`.
		// Fastest run: 56_384_000 ps.
		Weight::from_parts(58_947_000, 8527)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Component `a` ranges over `[1, 64]`.
	fn match_book(a: u32, ) -> Weight {
		// Proof size (bytes): measured `1072 + a * 77`, estimated `10171 + a * 2661`.
		// Fastest run: 505_199_000 ps.
		Weight::from_parts(507_314_856, 10171)
			.saturating_add(Weight::from_parts(9_749_802, 0).saturating_mul(a.into()))
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().reads((1_u64).saturating_mul(a.into())))
			.saturating_add(Db::get().writes(8))
			.saturating_add(Weight::from_parts(0, 2661).saturating_mul(a.into()))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
	/// Storage: `Provers::Warming` (r:1 w:0)
	/// Proof: `Provers::Warming` (`max_values`: None, `max_size`: Some(6706), added: 9181, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn join_race() -> Weight {
		// Proof size (bytes): measured `66761`, estimated `70084`.
		// Fastest run: 480_693_000 ps.
		Weight::from_parts(490_188_000, 70084)
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().writes(6))
	}
	/// Storage: `Market::Requests` (r:1 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Storage: `Market::Racers` (r:1 w:1)
	/// Proof: `Market::Racers` (`max_values`: None, `max_size`: Some(604), added: 3079, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:2 w:2)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	fn commit_proof() -> Weight {
		// Proof size (bytes): measured `66175`, estimated `70084`.
		// Fastest run: 202_350_000 ps.
		Weight::from_parts(209_071_000, 70084)
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(193), added: 2668, mode: `MaxEncodedLen`)
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
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 8]`.
	fn settle_race(r: u32, ) -> Weight {
		// Proof size (bytes): measured `1287 + r * 372`, estimated `4069 + r * 9181`.
		// Fastest run: 1_041_415_000 ps.
		Weight::from_parts(534_247_287, 4069)
			.saturating_add(Weight::from_parts(523_459_812, 0).saturating_mul(r.into()))
			.saturating_add(Db::get().reads(9))
			.saturating_add(Db::get().reads((6_u64).saturating_mul(r.into())))
			.saturating_add(Db::get().writes(10))
			.saturating_add(Db::get().writes((5_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 9181).saturating_mul(r.into()))
	}
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Market::Requests` (r:0 w:1)
	/// Proof: `Market::Requests` (`max_values`: None, `max_size`: Some(66619), added: 69094, mode: `MaxEncodedLen`)
	/// Component `r` ranges over `[1, 8]`.
	fn open_race(_r: u32, ) -> Weight {
		// Proof size (bytes): measured `291`, estimated `3510`.
		// Fastest run: 89_462_000 ps.
		Weight::from_parts(93_123_287, 3510)
			.saturating_add(Db::get().reads(1))
			.saturating_add(Db::get().writes(2))
	}
	// PLACEHOLDER until scripts/benchmark.sh regenerates this file: the six
	// weights below are conservative hand estimates, not measurements.
	/// PLACEHOLDER (hand estimate): the request read and written, the
	/// index entry moved, and the input commitment of an input of `i`
	/// elements (the largest, 8192, as in `submit_proof_valid`: about 10 ms).
	/// Component `i` ranges over `[1, 8192]`.
	fn claim_proof(i: u32, ) -> Weight {
		Weight::from_parts(800_000_000, 70084)
			.saturating_add(Weight::from_parts(1_250_000, 0).saturating_mul(i.into()))
			.saturating_add(Db::get().reads(6))
			.saturating_add(Db::get().writes(4))
	}
	/// PLACEHOLDER (hand estimate): per request a stored request read (the
	/// largest input), a leaf and a tree node hashed, the holds released,
	/// the aggregator's fee paid and the request closed; per prover a
	/// collateral release.
	fn settle_batch(n: u32, p: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10000)
			.saturating_add(Weight::from_parts(400_000_000, 70084).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(60_000_000, 2668).saturating_mul(p.into()))
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(2))
			.saturating_add(Db::get().reads((14_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().writes((14_u64).saturating_mul(n.into())))
			.saturating_add(Db::get().reads((2_u64).saturating_mul(p.into())))
			.saturating_add(Db::get().writes((2_u64).saturating_mul(p.into())))
	}
	/// PLACEHOLDER (hand estimate): the prover's record read, a hold.
	fn register_aggregator() -> Weight {
		Weight::from_parts(120_000_000, 6000)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(3))
	}
	/// PLACEHOLDER (hand estimate): a hold released.
	fn unregister_aggregator() -> Weight {
		Weight::from_parts(100_000_000, 6000)
			.saturating_add(Db::get().reads(3))
			.saturating_add(Db::get().writes(3))
	}
	/// PLACEHOLDER (hand estimate): the circuit and its count read.
	fn set_wrapper() -> Weight {
		Weight::from_parts(60_000_000, 4000)
			.saturating_add(Db::get().reads(2))
			.saturating_add(Db::get().writes(1))
	}
	/// PLACEHOLDER (hand estimate): the largest verifier data parsed in
	/// WASM (about 0.55 ms by the verifier's registration benchmark) and
	/// two circuits' use counts.
	fn set_aggregation_circuit() -> Weight {
		Weight::from_parts(2_000_000_000, 70000)
			.saturating_add(Db::get().reads(4))
			.saturating_add(Db::get().writes(3))
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
