//! # Proof market
//!
//! The demand side of Prova and its settlement: applications submit proof
//! requests, the chain elects a staked prover for each, enforces its deadline,
//! verifies the proof itself and pays.
//!
//! ## Terms
//! - A **listing** offers a registered circuit (see `pallet-plonky2-verifier`)
//!   on the market: how many field elements its input has, how many its output
//!   has, and a descriptor the prover client rebuilds the circuit from. Only the
//!   circuit's owner lists it; its deposit on the verifier covers the listing.
//! - A **request** names a listed circuit and carries its input, a `max_fee`
//!   (held from the requester until the request ends), a deadline in blocks
//!   counted from each assignment, and [`RequestRequirements`] (least hardware,
//!   backing and reputation of the prover).
//! - **Work units** of a circuit are `work_units(degree_bits)`; a prover's
//!   **price** for a request is its ask times the units, and the request offers
//!   `⌊max_fee / units⌋` per unit.
//!
//! ## Lifecycle
//! See [`RequestStatus`]. Every request ends `Fulfilled`, `Expired` or
//! `Cancelled`, and stays readable for [`Config::ResultRetention`] blocks after.
//!
//! 1. `submit_request` checks everything a request can be refused for (listed
//!    circuit, input shape, deadline bounds, some registered prover that could
//!    serve it, a fee at least the cheapest such prover's ask, room in the
//!    market and under the requester's own cap), holds the fee and the request
//!    deposit and queues it.
//! 2. At the start of each block, up to [`Config::MaxAssignmentsPerBlock`]
//!    queued requests are offered to the prover registry, each at the
//!    earliest [`Config::ElectionDelay`] blocks after the one that included
//!    it. The election seed is `blake2_256(randomness ‖ request ‖ offer)`,
//!    with randomness from [`Config::Randomness`]: in Prova's runtime the VRF
//!    output of the parent block's author (BABE), which that author cannot
//!    choose, only withhold with its block; with a delay of 2 the author who
//!    included the request does not know it either. The elected prover's
//!    slot is reserved and the request is
//!    **offered** to it at its ask. A request with no eligible prover goes to
//!    the back of the queue; after [`Config::MaxQueueWait`] blocks queued it
//!    expires.
//! 3. **Provers choose their work.** The offered prover has
//!    [`Config::LockWindow`] blocks to take the job with `lock_request`, which
//!    holds its **collateral** (`max(MinCollateral, CollateralFactor × price)`,
//!    from its free balance) and starts the deadline: `deadline_blocks` from
//!    the lock. It may instead `decline_request`, or let the window lapse:
//!    either way it is not slashed, it is never offered the request again and
//!    the request goes back to the front of the queue. Its record counts the
//!    decline; only a lapse (no answer at all) lowers the reputation score
//!    requesters filter on, since a requester asking the impossible must not
//!    be able to ruin honest provers' scores. After [`Config::MaxDeclines`] declines the
//!    request expires. A prover client therefore declines a circuit it cannot
//!    rebuild, a deadline it cannot meet on its hardware, or a job its memory
//!    cannot hold, and a requester asking for the impossible gets no prover
//!    and no slash of anyone.
//! 4. The locker proves and calls `submit_proof` before its deadline. The
//!    public inputs must start with the commitment to the request's input
//!    ([`ProofVerifier::input_commitment`]) and carry the listing's output
//!    length; then [`ProofVerifier::verify`] decides.
//!    - **Valid**: the prover is paid its price through the registry (which
//!      splits it by commission and stake), its collateral is released, the
//!      rest of the escrow returns to the requester, the output is stored and
//!      the prover's reputation counts a fulfilled job: its work units raise
//!      the score only if the election drew from at least
//!      [`Config::MinCompetitors`] eligible provers, so reputation cannot be
//!      bought by proving one's own requests that only oneself qualifies for.
//!    - **Invalid** (any verification failure, or public inputs that do not
//!      bind the request): the call succeeds so the record stays; the
//!      collateral is forfeited, the prover's backing is slashed the registry's
//!      invalid-proof fraction, it is excluded from the request, and the
//!      request is queued again.
//! 5. At the start of the deadline block, a locker that has not proved
//!    forfeits its collateral (and the registry's missed-deadline fraction of
//!    its backing, zero in Prova's runtime), is excluded, and the request is
//!    queued again. After [`Config::MaxAttempts`] failed attempts the request
//!    expires. (With more than [`Config::MaxDeadlinesPerBlock`] ends in one
//!    block the hook gets to some in a following block; the proof is refused
//!    from the deadline on all the same, see `## Bounds`.)
//!
//! Only the prover holding a request (offered or locked) can act on it, so no
//! proof copied from the transaction pool is ever paid to anyone else.
//!
//! ## Money
//! The fee is a `fungible` hold on the requester's account
//! ([`HoldReason::RequestEscrow`]), a prover's collateral one on the prover's
//! ([`HoldReason::JobCollateral`]); nothing sits in a pallet account. On
//! success the hold is released and the prover's price paid from it in the
//! same storage transaction, so the requester is never left below what it had
//! minus the price. Cancelling before a lock and expiry refund the fee in
//! full.
//!
//! **Nobody is paid for a failure they could cause.** A failed job forfeits
//! the collateral its prover chose to post: [`Config::FailureCompensation`] of
//! it, never more than the job's price, goes to the requester, the rest to
//! [`Config::Forfeits`] (the treasury). A requester cannot make a prover fail
//! (a prover declines what it cannot do, at no cost), and a requester that is
//! the prover's own other account gets back at most part of what the prover
//! forfeited: the pair always ends poorer. A slash of the prover's *backing*
//! (invalid proofs) goes wholly to the registry's slash sink, never to the
//! requester, and takes the prover's self-bond first: otherwise a
//! prover-requester pair could move its delegators' stake to itself by
//! failing on purpose.
//!
//! **Spam costs.** Every request holds [`Config::RequestDeposit`]
//! ([`HoldReason::RequestDeposit`]) besides its fee. The deposit returns on
//! every end except one: expiry of a request never offered to anyone (no
//! eligible prover before [`Config::MaxQueueWait`]), when it goes to
//! [`Config::Forfeits`]. A request every offered prover declined gets it
//! back: provers letting offers lapse must not burn requesters' deposits.
//! A request can be cancelled only while queued: once offered, its election
//! seed was public a block before, and cancel-and-resubmit would let a
//! requester pick its prover. A request no
//! registered prover qualifies for is refused outright
//! ([`Error::NoQualifiedProver`]), so the fee check (at least the cheapest
//! qualifying ask times the work units) always runs, and one account holds at
//! most [`Config::MaxOpenRequestsPerAccount`] open requests.
//!
//! **Proving pays.** `submit_proof` is charged its worst case up front; a valid
//! proof from the locker returns `Pays::No`, so the prover's transaction fee
//! is refunded, and an invalid proof is charged its actual weight. A call that
//! fails before verification (not the locker, request ended) pays in full.
//! The verification a valid proof gets for free is charged to the requester
//! in `submit_request`'s weight instead. `lock_request` and `decline_request`
//! pay their (small) weight.

//! ## Mechanisms
//! A request chooses how its prover and price are found ([`Terms`], with
//! `submit_request_with_terms`; `submit_request` is the election):
//! - **Election** (above): a stake-weighted draw among eligible provers at
//!   the drawn prover's ask. Small provers get work in proportion to their
//!   backing and nobody can be shut out by price: for censorship resistance.
//! - **Sealed-bid auction** (second price, see the `auction` module): eligible
//!   provers commit hidden prices per work unit, reveal them, and the lowest
//!   wins at the second-lowest. Truthful bidding is each prover's best
//!   strategy, so the requester pays the market's real cost: for
//!   cost-sensitive requests that can wait the bid and reveal windows.
//! - **Dutch auction**: the price rises each block from a floor to `max_fee`
//!   and the first eligible prover to `lock_request` takes the job at that
//!   block's price. One transaction, price discovery without a reveal
//!   round; for requests that want a fair price quickly. It closes
//!   `LockWindow` blocks after reaching `max_fee`; a request nobody took
//!   expires (deposit forfeited, as for a request never offered). A locker
//!   that fails re-opens the ramp for the others.
//! - **Order book** (see [`book`]): provers post standing asks (a price per
//!   work unit for some circuits, units offered, the deadline they commit
//!   to, an expiry); a request locks in the block it arrives with the best
//!   crossing ask, price-time priority, at that ask's price. For
//!   latency-sensitive requests that want a known price at once; with no
//!   crossing ask the request falls back to the election or is refused.
//! - **Proof race** (see [`race`]): up to N provers (elected by stake, or
//!   any eligible prover for an open race) join and prove at once; they
//!   commit to their proofs first and reveal them only once commitments
//!   close, so nothing can be copied; the first is paid `max_fee / N` in
//!   full, later ones less a decay per block of delay. For speed and
//!   redundancy; the requester pays for the redundant work.
//! - A **latency guarantee** (any mechanism): a proof later than the target
//!   (counted from the lock, so that queue and auction time are not the
//!   prover's) is paid linearly less, down to the floor's share at the
//!   deadline; the difference stays with the requester.
//!
//! - **Preferences instead of a mechanism** (`submit_request_with_qos`, see
//!   [`router`]): the requester weighs speed, cost, safety and censorship
//!   resistance and the chain picks the mechanism from a documented table
//!   and the market's state (a crossing ask, competing provers, measured
//!   prices and latencies in [`Stats`]); the choice is announced in
//!   [`Event::RequestRouted`] and `ProofMarketApi::market_quote` shows every
//!   mechanism side by side.
//!
//! ## Settlement tiers
//! Independently of its mechanism, a request chooses how its proof is
//! settled ([`Settlement`] in its [`Terms`]): the **fast tier** (above: the
//! prover's proof is verified and settled in its block) or the
//! **aggregated tier** (see [`aggregation`]): the prover only claims its
//! output and proof hash, and a registered aggregator settles many claims
//! with one recursive proof, for [`Config::AggregationFee`] per request,
//! within [`Config::AggregationWindow`] blocks of the claim; a claim no batch
//! settles falls back to its prover, who then submits the claimed proof
//! itself and is paid its price less [`Config::FallbackCharge`]. The
//! aggregation fee is reserved out of `max_fee` at submission, and every
//! mechanism prices provers against what is left
//! ([`Request::prover_budget`]). Races are fast-tier only.
//!
//! In every mechanism only the prover holding the request (the one that
//! locked it) can be paid for a proof, so a proof copied from the pool is
//! worth nothing to anyone else, and the collateral, slashes and
//! compensation rules below are the same.
//!
//! ## Bounds
//! At most [`Config::MaxOpenRequests`] requests are open (queued, offered or
//! locked) at once, which bounds the queue. Lock windows, deadlines, auction
//! and race ends and claims' dues are indexed by the block they end in
//! ([`Deadlines`]), so no hook scans all requests. Each open request is in
//! the index at most once, so a block's list holds at most
//! `MaxOpenRequests` and every offer, lock or claim is indexed under its
//! exact block: the index never refuses one, however many end in the same
//! block (the aggregated tier claims hundreds of requests per block).
//!
//! The index's capacity is not the hook's work: per block the hook handles
//! at most [`Config::MaxDeadlinesPerBlock`] index entries. The entries of a
//! block beyond that are carried, in order, into [`OverdueDeadlines`], which
//! the hook drains first in the following blocks; an entry waits at most
//! `MaxOpenRequests / MaxDeadlinesPerBlock` blocks (every entry ahead of it
//! is another open request). Late handling takes nobody's right away and
//! gives none: every call checks the time itself, so a window that has
//! ended but that the hook has not reached yet refuses what it would refuse
//! once handled, with the same error (a lock
//! after the lock window, a proof after the deadline, a bid reveal after
//! the reveal window, a Dutch lock after the close, a race proof after the
//! race's end, a batch after a claim's `due`); a claim whose `due` passed
//! is a fallback at once (its window counts from `due`, not from when the
//! hook gets to it). Per block the hook also handles at most
//! `MaxAssignmentsPerBlock` queued requests and [`Config::MaxRetiredPerBlock`]
//! removals of ended requests, each with a benchmarked weight.
//!
//! ## Invariants (checked by `try_state`)
//! 1. `OpenRequests` equals the number of stored open requests, and is at
//!    most `MaxOpenRequests`.
//! 2. The queue holds exactly the queued requests, each once.
//! 3. Every offered or locked request has its `Jobs` entry and is in the
//!    deadline index under its lock window's or deadline's block (or among
//!    the overdue entries, see 6); every `Jobs` entry belongs to such a
//!    request.
//! 4. Each requester's escrow hold equals the sum of `max_fee` over its open
//!    requests, its deposit hold the sum of their deposits, and
//!    `OpenRequestsOf` their number.
//! 5. A listing's `open_requests` equals the open requests for its circuit.
//! 6. The deadline index holds exactly the offered, locked, claimed,
//!    bidding, Dutch and racing requests, each once: in [`Deadlines`] under
//!    its block if the hook has not reached that block yet, else in
//!    [`OverdueDeadlines`]; no list of [`Deadlines`] is for a block the hook
//!    has passed. A job that ends leaves the index at once.
//! 7. Each prover's collateral hold equals the collateral of the requests it
//!    has locked.
//! 8. Bids exist only for requests in a sealed-bid auction, as many as the
//!    auction counts (at most `MaxBids`), and each bidder's bond hold equals
//!    the bonds of its bids.
//! 9. Racers exist only for requests in a race, as many as the race counts,
//!    each with its `Jobs` entry; their collateral is part of invariant 7.
//! 10. The book is in price-time order (price, then ask number, strictly
//!    increasing) and every ask on it offers some units.
//! 11. Claims (`Claimed`) are of aggregated requests, store their input
//!    commitment, hold their collateral (part of invariant 7) and are in
//!    the index under their `due` (see 6); no request's aggregation fee
//!    exceeds its `max_fee`.
//! 12. `OpenAggregated` counts each circuit's open aggregated requests, and
//!    each aggregator's bond hold equals its recorded bond.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod aggregation;
mod auction;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod book;
pub mod escrow;
mod invariants;
mod lifecycle;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod race;
pub mod randomness;
pub mod router;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use auction::bid_commitment;
pub use pallet::*;
pub use prova_primitives::{
	market::{work_units, ProverRegistry, RequestRequirements},
	proofs::{CircuitId, ProofVerifier, VerifyError, INPUT_COMMITMENT_LEN},
};
pub use randomness::ParentHashRandomness;
pub use router::ROUTABLE;
pub use types::*;
pub use weights::WeightInfo;

/// Bytes of one input element (a little-endian `u64`).
pub const ELEMENT_BYTES: usize = 8;

/// The Goldilocks modulus: input words must be below it.
pub const GOLDILOCKS_ORDER: u64 = 0xFFFF_FFFF_0000_0001;

/// What benchmarks need from the runtime: an eligible prover and a
/// registered circuit.
///
/// The `Config` item exists in every build, not only with
/// `runtime-benchmarks`: the workspace's tests build the pallets' benchmarks
/// and the runtime in one Cargo invocation, where this pallet's feature is on
/// while the runtime's is not. A runtime that does not benchmark sets `()`,
/// which sets nothing up (its benchmarks would fail at their first call).
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Registers `who` (funded by the helper) as an active prover asking `ask`
	/// per work unit, with room for many jobs.
	fn register_prover(who: &AccountId, ask: Balance);
	/// Registers a circuit with at least one output element, owned by `owner`
	/// (funded by the helper), with the verifier.
	fn register_circuit(owner: &AccountId) -> CircuitId;
}

impl<AccountId, Balance> BenchmarkHelper<AccountId, Balance> for () {
	fn register_prover(_who: &AccountId, _ask: Balance) {}
	fn register_circuit(_owner: &AccountId) -> CircuitId {
		CircuitId::default()
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, hold, Inspect, Mutate, MutateHold},
			OnUnbalanced, Randomness,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;

	/// Balance of the pallet's currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// Funds taken from a requester (a forfeited deposit), not yet placed anywhere.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

	/// The storage layout's version: 1 added request deposits and the
	/// per-account open-request count, 2 offers, locks and collateral, 3
	/// market terms and auctions, 4 the aggregated settlement tier
	/// ([`crate::migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency fees are held and paid in.
		type Currency: Inspect<Self::AccountId, Balance = u128>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ hold::Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where forfeited request deposits and the treasury's part of forfeited
		/// collateral go (the treasury in Prova's runtime).
		type Forfeits: OnUnbalanced<CreditOf<Self>>;

		/// Held from the requester for each open request, besides its fee;
		/// forfeited only when the request expires without ever being locked.
		#[pallet::constant]
		type RequestDeposit: Get<BalanceOf<Self>>;

		/// Blocks an offered prover has to lock a request before the offer
		/// lapses and passes to another prover.
		#[pallet::constant]
		type LockWindow: Get<BlockNumberFor<Self>>;

		/// Offers of one request that may be declined (or lapse) before it expires.
		#[pallet::constant]
		type MaxDeclines: Get<u32>;

		/// A job's collateral is this many times its price...
		#[pallet::constant]
		type CollateralFactor: Get<u32>;

		/// ...and at least this much.
		#[pallet::constant]
		type MinCollateral: Get<BalanceOf<Self>>;

		/// Share of a failed job's forfeited collateral paid to the requester
		/// (never more than the job's price); the rest goes to `Forfeits`.
		#[pallet::constant]
		type FailureCompensation: Get<Perbill>;

		/// Eligible provers an election must have drawn from for the winner's
		/// valid proof to raise its reputation: a job steered to the one
		/// prover that meets its requirements proves nothing about it.
		#[pallet::constant]
		type MinCompetitors: Get<u32>;

		/// Most requests one account may have open (queued or assigned) at once.
		#[pallet::constant]
		type MaxOpenRequestsPerAccount: Get<u32>;

		/// Who may prove: election, capacity, payment and slashing.
		type Provers: ProverRegistry<Self::AccountId, BalanceOf<Self>>;

		/// Registered circuits and proof verification.
		type Verifier: ProofVerifier<Self::AccountId>;

		/// Randomness for the election seed; must be unknown when a request is sent.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Blocks after its inclusion before a request's first election.
		/// With a seed from the parent block's author (a VRF output), 2 keeps
		/// the author who included the request from knowing the seed it will
		/// be elected with; 1 elects it in the next block.
		#[pallet::constant]
		type ElectionDelay: Get<BlockNumberFor<Self>>;

		/// Largest input of a request, in bytes.
		#[pallet::constant]
		type MaxInputBytes: Get<u32>;

		/// Most output elements a listed circuit may have.
		#[pallet::constant]
		type MaxOutputElements: Get<u32>;

		/// Most public inputs a proof may carry (the verifier's limit).
		#[pallet::constant]
		type MaxPublicInputs: Get<u32>;

		/// Largest proof, in bytes (the verifier's limit).
		#[pallet::constant]
		type MaxProofBytes: Get<u32>;

		/// Longest listing descriptor, in bytes.
		#[pallet::constant]
		type MaxDescriptorBytes: Get<u32>;

		/// Shortest deadline a request may ask for, in blocks.
		#[pallet::constant]
		type MinDeadline: Get<BlockNumberFor<Self>>;

		/// Longest deadline a request may ask for, in blocks.
		#[pallet::constant]
		type MaxDeadline: Get<BlockNumberFor<Self>>;

		/// Provers that may lock a request and fail it before it expires.
		#[pallet::constant]
		type MaxAttempts: Get<u32>;

		/// Most requests open (queued, offered or locked) at once.
		#[pallet::constant]
		type MaxOpenRequests: Get<u32>;

		/// Most queued requests offered to the registry per block.
		#[pallet::constant]
		type MaxAssignmentsPerBlock: Get<u32>;

		/// Most sealed bids one auction takes.
		#[pallet::constant]
		type MaxBids: Get<u32>;

		/// Held from a bidder for each sealed bid until its auction settles;
		/// forfeited if the bid is not revealed, or wins and cannot be backed
		/// with collateral.
		#[pallet::constant]
		type BidBond: Get<BalanceOf<Self>>;

		/// Longest bid window, and longest reveal window, of a sealed-bid auction.
		#[pallet::constant]
		type MaxBidBlocks: Get<BlockNumberFor<Self>>;

		/// Longest price ramp of a Dutch auction.
		#[pallet::constant]
		type MaxRampBlocks: Get<BlockNumberFor<Self>>;

		/// Most provers in one proof race.
		#[pallet::constant]
		type MaxRacers: Get<u32>;

		/// Most standing asks on the order book.
		#[pallet::constant]
		type MaxAsks: Get<u32>;

		/// Most standing asks of one prover on the book.
		#[pallet::constant]
		type MaxAsksPerProver: Get<u32>;

		/// Longest a standing ask stands, in blocks.
		#[pallet::constant]
		type MaxAskLifetime: Get<BlockNumberFor<Self>>;

		/// Most deadline index entries (lapsed offers, deadlines, auction and
		/// race ends, claims falling back) the block hook handles per block:
		/// it bounds the hook's weight, not the index. Entries beyond it wait,
		/// in order, in [`OverdueDeadlines`] for the next blocks.
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

		/// Blocks a request may wait in the queue for a prover before it expires.
		#[pallet::constant]
		type MaxQueueWait: Get<BlockNumberFor<Self>>;

		/// Blocks an ended request (and its output) stays readable.
		#[pallet::constant]
		type ResultRetention: Get<BlockNumberFor<Self>>;

		/// Most ended requests removed per block.
		#[pallet::constant]
		type MaxRetiredPerBlock: Get<u32>;

		/// Reserved out of an aggregated request's `max_fee` and paid to the
		/// aggregator whose batch settles it (see [`crate::aggregation`]).
		#[pallet::constant]
		type AggregationFee: Get<BalanceOf<Self>>;

		/// Blocks from a claim within which a batch may settle it; then it
		/// falls back to its prover.
		#[pallet::constant]
		type AggregationWindow: Get<BlockNumberFor<Self>>;

		/// Blocks a prover has, once its claim fell back, to submit the
		/// claimed proof itself.
		#[pallet::constant]
		type FallbackWindow: Get<BlockNumberFor<Self>>;

		/// Taken from the price of an aggregated request proved on its own
		/// (at fallback, or without a claim) and sent to `Forfeits`: it pays
		/// for the verification a batch would have shared.
		#[pallet::constant]
		type FallbackCharge: Get<BalanceOf<Self>>;

		/// Held from an aggregator while it is registered; forfeited whole for
		/// an aggregate that does not verify.
		#[pallet::constant]
		type AggregatorBond: Get<BalanceOf<Self>>;

		/// Most requests one batch settles.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Longest aggregator endpoint (a URL), in bytes.
		#[pallet::constant]
		type MaxEndpointBytes: Get<u32>;

		/// Weights from this pallet's benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up provers and circuits for benchmarks (`()` outside benchmarks).
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BalanceOf<Self>>;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A request's `max_fee`, until the request ends.
		RequestEscrow,
		/// A request's deposit, until the request ends.
		RequestDeposit,
		/// A prover's collateral for a job it locked, until the job ends.
		JobCollateral,
		/// A sealed bid's bond, until its auction settles.
		BidBond,
		/// An aggregator's bond, while it is registered.
		AggregatorBond,
	}

	/// The next request's id.
	#[pallet::storage]
	pub type NextRequestId<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// Requests, open or ended (ended ones until their retention passes).
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, Request<T>>;

	/// Circuits offered on the market.
	#[pallet::storage]
	pub type Listings<T: Config> = StorageMap<_, Identity, CircuitId, Listing<T>>;

	/// Queued requests, in the order they are offered to the registry.
	#[pallet::storage]
	pub type Queue<T: Config> =
		StorageValue<_, BoundedVec<RequestId, T::MaxOpenRequests>, ValueQuery>;

	/// Requests queued, offered or locked.
	#[pallet::storage]
	pub type OpenRequests<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Requests queued, offered or locked, per requester (at most
	/// `MaxOpenRequestsPerAccount`; absent when zero).
	#[pallet::storage]
	pub type OpenRequestsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Offered requests by the block their lock window ends, locked ones by
	/// their deadline block, claims by their `due`, sealed-bid auctions by
	/// the block they settle, Dutch auctions by the block they close and
	/// races by the block they settle. Each open request is here (or in
	/// [`OverdueDeadlines`]) at most once, so a block's list never exceeds
	/// `MaxOpenRequests`. The hook takes a block's list at that block's
	/// start.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<RequestId, T::MaxOpenRequests>,
		ValueQuery,
	>;

	/// Index entries whose block has passed and that the hook has not
	/// handled yet (more than `MaxDeadlinesPerBlock` were due), oldest
	/// first; the hook handles them before the current block's.
	#[pallet::storage]
	pub type OverdueDeadlines<T: Config> =
		StorageValue<_, BoundedVec<RequestId, T::MaxOpenRequests>, ValueQuery>;

	/// Sealed bids of the requests in auction, by request and bidder (at most
	/// `MaxBids` per request); removed when the auction settles.
	#[pallet::storage]
	pub type Bids<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RequestId,
		Blake2_128Concat,
		T::AccountId,
		Bid<BalanceOf<T>>,
	>;

	/// The provers in each proof race, by request (at most `MaxRacers`);
	/// removed when the race settles.
	#[pallet::storage]
	pub type Racers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RequestId, Blake2_128Concat, T::AccountId, Racer<T>>;

	/// The order book: standing asks, cheapest first, earlier first among
	/// equal prices (see [`crate::book`]).
	#[pallet::storage]
	pub type Book<T: Config> = StorageValue<_, BoundedVec<book::AskOf<T>, T::MaxAsks>, ValueQuery>;

	/// How each mechanism has been settling, for the router and quotes.
	#[pallet::storage]
	pub type Stats<T: Config> =
		StorageMap<_, Twox64Concat, MechanismKind, MechanismStats<BalanceOf<T>>>;

	/// The next standing ask's number.
	#[pallet::storage]
	pub type NextAskId<T: Config> = StorageValue<_, AskId, ValueQuery>;

	/// Requests offered to or locked by each prover (what its client polls).
	#[pallet::storage]
	pub type Jobs<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, RequestId, ()>;

	/// Ended requests waiting for removal, in the order they ended: the block
	/// from which each may be removed.
	#[pallet::storage]
	pub type Retiring<T: Config> = StorageMap<_, Twox64Concat, u64, (RequestId, BlockNumberFor<T>)>;

	/// `(head, tail)` of [`Retiring`]: entries `head..tail` are waiting.
	#[pallet::storage]
	pub type RetiringRange<T: Config> = StorageValue<_, (u64, u64), ValueQuery>;

	/// Registered aggregators. Only a registered prover may register (at most
	/// the registry's `MaxProvers` at once), and each entry holds
	/// `AggregatorBond`; an aggregator whose prover left the registry keeps
	/// its entry, and its bond held, until it unregisters.
	#[pallet::storage]
	pub type Aggregators<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AggregatorOf<T>>;

	/// The verifier hash of each circuit's wrapper: the recursive circuit
	/// whose proofs are a batch's leaves for requests of that circuit.
	#[pallet::storage]
	pub type Wrappers<T: Config> = StorageMap<_, Identity, CircuitId, aggregation::Digest>;

	/// Open aggregated requests per circuit (absent when zero): a circuit's
	/// wrapper cannot change while any are.
	#[pallet::storage]
	pub type OpenAggregated<T: Config> = StorageMap<_, Identity, CircuitId, u32, ValueQuery>;

	/// The merge circuit batches are proved with, and its verifier hash.
	#[pallet::storage]
	pub type AggregationCircuit<T: Config> =
		StorageValue<_, (CircuitId, aggregation::Digest), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A circuit was offered on the market.
		CircuitListed {
			circuit: CircuitId,
			input_elements: u32,
			output_elements: u32,
			work_units: u64,
		},
		/// A circuit was withdrawn from the market.
		CircuitDelisted { circuit: CircuitId },
		/// A request was accepted and its fee and deposit held; it finds its
		/// prover by `terms`.
		RequestSubmitted {
			request: RequestId,
			requester: T::AccountId,
			circuit: CircuitId,
			max_fee: BalanceOf<T>,
			deposit: BalanceOf<T>,
			terms: Terms<BlockNumberFor<T>, BalanceOf<T>>,
		},
		/// The QoS router chose `mechanism` for a request that stated preferences.
		RequestRouted { request: RequestId, mechanism: Mechanism<BlockNumberFor<T>, BalanceOf<T>> },
		/// A prover committed a sealed bid for a request, holding `bond`.
		BidCommitted { request: RequestId, bidder: T::AccountId, bond: BalanceOf<T> },
		/// A prover revealed its bid: `price` per work unit.
		BidRevealed { request: RequestId, bidder: T::AccountId, price: BalanceOf<T> },
		/// An elected proof race opened: the `invited` provers may join.
		RaceOpened { request: RequestId, invited: alloc::vec::Vec<T::AccountId> },
		/// A prover joined a proof race, holding `collateral`.
		RaceJoined { request: RequestId, racer: T::AccountId, collateral: BalanceOf<T> },
		/// A racer committed to its proof.
		ProofCommitted { request: RequestId, racer: T::AccountId },
		/// A proof race ended: `paid` each racer with a valid proof, in
		/// commitment order.
		RaceSettled { request: RequestId, paid: alloc::vec::Vec<(T::AccountId, BalanceOf<T>)> },
		/// A prover posted a standing ask on the order book.
		AskPosted {
			ask: AskId,
			prover: T::AccountId,
			price: BalanceOf<T>,
			units: u64,
			expires_at: BlockNumberFor<T>,
		},
		/// A prover withdrew its standing ask.
		AskCancelled { ask: AskId },
		/// A request locked with a standing ask at `price` (the ask's price
		/// times the work units).
		AskMatched { ask: AskId, request: RequestId, prover: T::AccountId, price: BalanceOf<T> },
		/// A standing ask left the book: it `expired`, or its prover could not
		/// hold the collateral of a job it matched.
		AskRemoved { ask: AskId, expired: bool },
		/// A bid's bond was forfeited: it was not revealed, or it won and its
		/// bidder could not hold the job's collateral.
		BidForfeited { request: RequestId, bidder: T::AccountId, bond: BalanceOf<T> },
		/// A sealed-bid auction ended: `winner` locked the request at `price`
		/// (the second-lowest revealed bid times the work units, or its own
		/// bid when alone), or nobody did and the request took its fallback.
		AuctionSettled {
			request: RequestId,
			winner: Option<T::AccountId>,
			price: Option<BalanceOf<T>>,
			bids: u32,
			revealed: u32,
		},
		/// A prover was elected for a request and offered it at `price`; it
		/// may lock it before `lock_by`.
		RequestOffered {
			request: RequestId,
			prover: T::AccountId,
			price: BalanceOf<T>,
			lock_by: BlockNumberFor<T>,
			attempt: u32,
		},
		/// A prover took the request at `price` (an offer, an auction's win or
		/// a Dutch auction's price), holding `collateral`; it must prove it
		/// before `deadline`.
		RequestLocked {
			request: RequestId,
			prover: T::AccountId,
			price: BalanceOf<T>,
			collateral: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// The offered prover did not take the request: it declined, or let
		/// the lock window pass (`lapsed`). No slash.
		OfferDeclined { request: RequestId, prover: T::AccountId, lapsed: bool },
		/// A valid proof arrived; the prover was paid `price` (less than it
		/// locked at if it was later than the request's latency target, and
		/// less the fallback charge for an aggregated request proved on its
		/// own) and `refunded` returned to the requester. (Requests settled by
		/// a batch are announced by [`Event::BatchSettled`] instead.)
		RequestFulfilled {
			request: RequestId,
			prover: T::AccountId,
			price: BalanceOf<T>,
			refunded: BalanceOf<T>,
		},
		/// The locker submitted a proof that failed: its `collateral` was
		/// forfeited (`compensated` of it to the requester) and `slashed` taken
		/// from its backing; it is excluded.
		ProofRejected {
			request: RequestId,
			prover: T::AccountId,
			reason: VerifyError,
			collateral: BalanceOf<T>,
			compensated: BalanceOf<T>,
			slashed: BalanceOf<T>,
		},
		/// The locker let its deadline pass: its `collateral` was forfeited
		/// (`compensated` of it to the requester) and `slashed` taken from its
		/// backing; it is excluded.
		DeadlineMissed {
			request: RequestId,
			prover: T::AccountId,
			collateral: BalanceOf<T>,
			compensated: BalanceOf<T>,
			slashed: BalanceOf<T>,
		},
		/// A request was given up and its fee refunded; its deposit was
		/// `forfeited` if no prover ever locked it, else refunded too.
		RequestExpired {
			request: RequestId,
			refunded: BalanceOf<T>,
			compensated: BalanceOf<T>,
			forfeited: BalanceOf<T>,
		},
		/// A request was withdrawn before any prover locked it and its fee refunded.
		RequestCancelled { request: RequestId, refunded: BalanceOf<T> },
		/// The locker of an aggregated request claimed its proof; a batch
		/// may settle it before `due`.
		ProofClaimed { request: RequestId, prover: T::AccountId, due: BlockNumberFor<T> },
		/// No batch settled a claim in time: its prover must submit the
		/// claimed proof itself before `due`.
		ClaimFellBack { request: RequestId, prover: T::AccountId, due: BlockNumberFor<T> },
		/// An aggregate proof settled `requests` (each as by a valid proof of
		/// its own): each prover was `paid` in all for its requests, the
		/// aggregator `fees`.
		BatchSettled {
			aggregator: T::AccountId,
			requests: alloc::vec::Vec<RequestId>,
			paid: alloc::vec::Vec<(T::AccountId, BalanceOf<T>)>,
			fees: BalanceOf<T>,
		},
		/// An aggregate proof failed: its aggregator forfeited its `bond` and
		/// was unregistered; the claims are untouched.
		AggregateRejected { aggregator: T::AccountId, reason: VerifyError, bond: BalanceOf<T> },
		/// A prover registered as an aggregator, holding `bond`.
		AggregatorRegistered { aggregator: T::AccountId, bond: BalanceOf<T> },
		/// An aggregator unregistered and its bond was released.
		AggregatorUnregistered { aggregator: T::AccountId },
		/// A circuit's owner set its wrapper's verifier hash.
		WrapperSet { circuit: CircuitId, verifier_hash: aggregation::Digest },
		/// Governance set the merge circuit batches are proved with.
		AggregationCircuitSet { circuit: CircuitId, verifier_hash: aggregation::Digest },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No circuit is registered with the verifier under this id.
		UnknownCircuit,
		/// Only the circuit's owner may list or delist it.
		NotCircuitOwner,
		/// The circuit is already listed.
		AlreadyListed,
		/// The circuit's public inputs cannot hold the input commitment and an
		/// output of at most `MaxOutputElements`.
		UnsupportedPublicInputs,
		/// The listing's input would be larger than `MaxInputBytes`.
		InputTooLarge,
		/// Open requests still use the listing.
		ListingInUse,
		/// The circuit is not listed on the market.
		NotListed,
		/// The input is not a sequence of canonical 8-byte field elements.
		MalformedInput,
		/// The input does not have the listed number of elements.
		WrongInputLength,
		/// The deadline is shorter than `MinDeadline`.
		DeadlineTooShort,
		/// The deadline is longer than `MaxDeadline`.
		DeadlineTooLong,
		/// `max_fee` is below the cheapest qualifying prover's price.
		FeeBelowCheapestAsk,
		/// No registered prover meets the requirements, so no prover could ever
		/// serve the request.
		NoQualifiedProver,
		/// `MaxOpenRequests` requests are open already.
		MarketFull,
		/// The requester has `MaxOpenRequestsPerAccount` requests open already.
		TooManyOpenRequests,
		/// No request has this id (or it has been removed after retention).
		UnknownRequest,
		/// Only the requester may cancel its request.
		NotRequester,
		/// A prover has locked the request; it can no longer be cancelled.
		AlreadyLocked,
		/// The request has been offered to a prover; it can no longer be
		/// cancelled (cancelling would let a requester pick its prover).
		AlreadyOffered,
		/// The request has ended.
		RequestEnded,
		/// No prover has locked the request.
		NotLocked,
		/// The request is locked by another prover.
		NotLocker,
		/// The request is not offered to the caller (offered to another
		/// prover, queued, or already locked).
		NotOffered,
		/// No longer returned: the deadline index takes every request under
		/// its exact block (kept so that the errors after it keep their
		/// indices).
		NoDeadlineSlot,
		/// A sealed-bid auction's bid or reveal window is zero or longer than
		/// `MaxBidBlocks`.
		BidWindowOutOfRange,
		/// A Dutch auction's ramp is zero or longer than `MaxRampBlocks`.
		RampOutOfRange,
		/// A Dutch auction's floor times the work units exceeds `max_fee`.
		FloorAboveMaxFee,
		/// A latency target is zero or not shorter than the deadline.
		LatencyTargetOutOfRange,
		/// The request is not in a sealed-bid auction taking bids.
		NotBidding,
		/// The caller does not meet the request's requirements or does not
		/// serve its circuit.
		NotQualified,
		/// The caller failed or declined this request before.
		Excluded,
		/// The caller has already bid for the request.
		AlreadyBid,
		/// The auction has `MaxBids` bids already.
		TooManyBids,
		/// The request is not in an auction's reveal phase.
		NotRevealing,
		/// The caller has no bid for the request.
		NoBid,
		/// The bid is already revealed.
		AlreadyRevealed,
		/// The revealed price and salt do not match the commitment.
		CommitmentMismatch,
		/// The revealed price times the work units exceeds `max_fee`.
		BidAboveMaxFee,
		/// A standing ask offers no work units.
		NoUnits,
		/// A standing ask's lifetime is zero or longer than `MaxAskLifetime`.
		AskLifetimeOutOfRange,
		/// The prover has `MaxAsksPerProver` asks on the book already.
		TooManyAsks,
		/// The book holds `MaxAsks` asks, none expired.
		BookFull,
		/// No standing ask has this number.
		UnknownAsk,
		/// Only the prover that posted an ask may cancel it.
		NotAskOwner,
		/// No standing ask crosses the request and its fallback is to refuse it.
		NoCrossingAsk,
		/// A race's racers are zero or more than `MaxRacers`, or its window is
		/// zero or longer than `MaxBidBlocks`.
		RaceOutOfRange,
		/// The caller is already racing for the request.
		AlreadyRacing,
		/// The race has all its racers.
		RaceFull,
		/// The caller is not racing for the request, or it is not a race.
		NotRacing,
		/// The racer has committed already.
		AlreadyCommitted,
		/// The race takes no more commitments.
		CommitsClosed,
		/// Proofs are revealed only once commitments close.
		CommitsOpen,
		/// The racer has not committed to a proof.
		NoCommitment,
		/// The request does not settle in the aggregated tier.
		NotAggregated,
		/// A race cannot settle in the aggregated tier.
		AggregationUnsupported,
		/// The circuit has no wrapper for the aggregated tier.
		NoWrapper,
		/// No aggregation (merge) circuit is set.
		NoAggregationCircuit,
		/// The claimed output does not have the listed length or is not
		/// canonical field elements, or public inputs differ from the claim.
		MalformedOutput,
		/// The request is not claimed, or its claim fell back.
		NotClaimed,
		/// The proof's bytes are not the ones claimed.
		ProofNotClaimed,
		/// The claim waits for a batch; its prover may submit the proof
		/// itself only once it falls back.
		AwaitingBatch,
		/// The caller is not a registered aggregator.
		NotAggregator,
		/// The caller is a registered aggregator already.
		AlreadyAggregator,
		/// Only a registered prover may be an aggregator.
		NotAProver,
		/// A batch has fewer than two requests, or one twice.
		MalformedBatch,
		/// Open aggregated requests use the circuit's wrapper.
		WrapperInUse,
		/// The batch has more distinct provers than declared.
		TooManyProvers,
		/// The batch's proof was made for an aggregation circuit that is no
		/// longer the one set; prove it again for the current one.
		StaleAggregationCircuit,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::on_block(now)
		}

		fn integrity_test() {
			assert!(T::MinDeadline::get() >= 1u32.into(), "a deadline is at least one block");
			assert!(T::MinDeadline::get() <= T::MaxDeadline::get());
			assert!(T::MaxAttempts::get() >= 1);
			assert!(T::MaxDeclines::get() >= 1);
			assert!(T::LockWindow::get() >= 1u32.into(), "a lock window is at least one block");
			assert!(T::CollateralFactor::get() >= 1, "collateral is at least the price");
			assert!(T::MaxPublicInputs::get() as usize >= INPUT_COMMITMENT_LEN);
			assert!(T::MaxOpenRequestsPerAccount::get() >= 1);
			assert!(
				T::MaxDeadlinesPerBlock::get() >= 1,
				"the hook handles at least one deadline index entry per block"
			);
			assert!(T::MaxOpenRequestsPerAccount::get() <= T::MaxOpenRequests::get());
			assert!(T::MaxBids::get() >= 1);
			assert!(T::MaxRacers::get() >= 1);
			assert!(
				T::MaxRacers::get() <= T::MaxAssignmentsPerBlock::get(),
				"an elected race's elections fit in one block's"
			);
			assert!(T::MaxAsks::get() >= T::MaxAsksPerProver::get());
			assert!(T::MaxAskLifetime::get() >= 1u32.into());
			assert!(T::MaxBatch::get() >= 2, "a batch has at least two requests");
			assert!(T::MaxBatch::get() <= T::MaxOpenRequests::get());
			assert!(T::AggregationWindow::get() >= 1u32.into());
			assert!(T::FallbackWindow::get() >= 1u32.into());
			assert!(
				<T::AccountId as codec::MaxEncodedLen>::max_encoded_len() <= 32,
				"a leaf names its aggregator in 32 bytes"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Offers a registered circuit on the market: its input has
		/// `input_elements` field elements; `descriptor` tells provers' clients
		/// which circuit it is. Only the circuit's owner may list it.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::list_circuit())]
		pub fn list_circuit(
			origin: OriginFor<T>,
			circuit: CircuitId,
			input_elements: u32,
			descriptor: BoundedVec<u8, T::MaxDescriptorBytes>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let summary = T::Verifier::circuit(&circuit).ok_or(Error::<T>::UnknownCircuit)?;
			ensure!(summary.owner == who, Error::<T>::NotCircuitOwner);
			ensure!(!Listings::<T>::contains_key(circuit), Error::<T>::AlreadyListed);
			let output_elements = summary
				.public_inputs
				.checked_sub(INPUT_COMMITMENT_LEN as u32)
				.filter(|outputs| *outputs <= T::MaxOutputElements::get())
				.ok_or(Error::<T>::UnsupportedPublicInputs)?;
			ensure!(
				(input_elements as u64) * (ELEMENT_BYTES as u64) <= T::MaxInputBytes::get() as u64,
				Error::<T>::InputTooLarge
			);
			let work_units = work_units(summary.degree_bits);
			// A listed circuit counts as in use, so it cannot be unregistered
			// from under its listing.
			T::Verifier::acquire(&circuit)?;
			Listings::<T>::insert(
				circuit,
				Listing {
					input_elements,
					output_elements,
					work_units,
					descriptor,
					open_requests: 0,
				},
			);
			Self::deposit_event(Event::CircuitListed {
				circuit,
				input_elements,
				output_elements,
				work_units,
			});
			Ok(())
		}

		/// Withdraws a circuit from the market; no open request may use it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::delist_circuit())]
		pub fn delist_circuit(origin: OriginFor<T>, circuit: CircuitId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let listing = Listings::<T>::get(circuit).ok_or(Error::<T>::NotListed)?;
			let owner = T::Verifier::circuit(&circuit).map(|summary| summary.owner);
			ensure!(owner.as_ref() == Some(&who), Error::<T>::NotCircuitOwner);
			ensure!(listing.open_requests == 0, Error::<T>::ListingInUse);
			Listings::<T>::remove(circuit);
			T::Verifier::release(&circuit);
			Self::deposit_event(Event::CircuitDelisted { circuit });
			Ok(())
		}

		/// Asks for a proof of `circuit` on `input`, paying at most `max_fee`
		/// (held now); the elected prover has `deadline` blocks from its
		/// assignment. The request is assigned at the start of a later block.
		///
		/// The requester is charged the verification of the proof it asks for
		/// here, since the assignee's valid proof is free (`Pays::No`):
		/// otherwise a prover serving its own requests would get verification
		/// for nothing.
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::submit_request()
				.saturating_add(T::Provers::elect_weight())
				.saturating_add(Pallet::<T>::verify_weight(circuit))
		)]
		pub fn submit_request(
			origin: OriginFor<T>,
			circuit: CircuitId,
			input: BoundedVec<u8, T::MaxInputBytes>,
			max_fee: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
			requirements: RequestRequirements<BalanceOf<T>>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			let terms = Terms::default();
			Self::do_submit_request(
				requester,
				circuit,
				input,
				max_fee,
				deadline,
				requirements,
				terms,
			)
			.map(|_| ())
		}

		/// Withdraws a request not yet offered to a prover; refunds its fee and
		/// deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::cancel_request())]
		pub fn cancel_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_request(who, request)
		}

		/// The locker's proof for `request`, with its public inputs (the input
		/// commitment, then the output). A valid proof settles the request and
		/// its transaction fee is refunded (`Pays::No`); an invalid one is
		/// recorded, punished and the request queued again, and pays for what it
		/// used — the call succeeds either way once the caller is the locker.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::submit_proof_weight(*request))]
		pub fn submit_proof(
			origin: OriginFor<T>,
			request: RequestId,
			public_inputs: BoundedVec<u64, T::MaxPublicInputs>,
			proof: BoundedVec<u8, T::MaxProofBytes>,
		) -> DispatchResultWithPostInfo {
			let prover = ensure_signed(origin)?;
			Self::do_submit_proof(prover, request, public_inputs.into_inner(), &proof)
		}

		/// Takes a request offered to the caller, or a request in a Dutch
		/// auction at this block's price: holds its collateral from the
		/// caller's free balance and starts its deadline.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::lock_request()
				.max(T::WeightInfo::lock_dutch().max(T::WeightInfo::join_race()))
				.saturating_add(T::Provers::qualify_weight())
		)]
		pub fn lock_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_lock_request(prover, request)
		}

		/// Refuses a request offered to the caller, without penalty beyond a
		/// counted decline; it passes to another prover.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::decline_request())]
		pub fn decline_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_decline_request(prover, request)
		}

		/// [`Pallet::submit_request`] with market `terms`: a mechanism other
		/// than the election (a sealed-bid or a Dutch auction) and a latency
		/// guarantee.
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::submit_with_terms_weight(circuit, terms, input.len()))]
		pub fn submit_request_with_terms(
			origin: OriginFor<T>,
			circuit: CircuitId,
			input: BoundedVec<u8, T::MaxInputBytes>,
			max_fee: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
			requirements: RequestRequirements<BalanceOf<T>>,
			terms: Terms<BlockNumberFor<T>, BalanceOf<T>>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_submit_request(
				requester,
				circuit,
				input,
				max_fee,
				deadline,
				requirements,
				terms,
			)
			.map(|_| ())
		}

		/// Commits a sealed bid for a request in a sealed-bid auction:
		/// `commitment` is `blake2_256(SCALE(request, price, salt, caller))`
		/// with `price` per work unit and a secret 32-byte `salt`. Holds
		/// `BidBond` until the auction settles. The caller must meet the
		/// request's requirements and serve its circuit.
		#[pallet::call_index(8)]
		#[pallet::weight(
			T::WeightInfo::commit_bid().saturating_add(T::Provers::qualify_weight())
		)]
		pub fn commit_bid(
			origin: OriginFor<T>,
			request: RequestId,
			commitment: [u8; 32],
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			Self::do_commit_bid(bidder, request, commitment)
		}

		/// Reveals the caller's sealed bid: the `price` per work unit and the
		/// `salt` it committed to. A bid not revealed by the end of the reveal
		/// window forfeits its bond.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::reveal_bid())]
		pub fn reveal_bid(
			origin: OriginFor<T>,
			request: RequestId,
			price: BalanceOf<T>,
			salt: [u8; 32],
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			Self::do_reveal_bid(bidder, request, price, salt)
		}

		/// Posts a standing ask on the order book: up to `units` work units of
		/// the circuits `scope` covers at `price` per unit, for requests giving
		/// at least `deadline_blocks`, for `lifetime` blocks. The caller must
		/// be an active prover.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::post_ask())]
		pub fn post_ask(
			origin: OriginFor<T>,
			scope: prova_primitives::market::ServiceScope,
			price: BalanceOf<T>,
			units: u64,
			deadline_blocks: BlockNumberFor<T>,
			lifetime: BlockNumberFor<T>,
		) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_post_ask(prover, scope, price, units, deadline_blocks, lifetime).map(|_| ())
		}
		/// Withdraws the caller's standing ask.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::cancel_ask())]
		pub fn cancel_ask(origin: OriginFor<T>, ask: AskId) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_cancel_ask(prover, ask)
		}

		/// [`Pallet::submit_request`] with preferences instead of a mechanism:
		/// the QoS router picks the mechanism and its parameters from `qos`
		/// and the market's state (see [`crate::router`]); the choice is in
		/// [`Event::RequestRouted`].
		#[pallet::call_index(12)]
		#[pallet::weight(
			Pallet::<T>::submit_with_terms_weight(
				circuit,
				&Terms {
					mechanism: Mechanism::Book { fallback: Fallback::Election },
					latency: None,
					settlement: Settlement::Direct,
				},
				input.len(),
			)
			.saturating_add(T::Provers::elect_weight().saturating_mul(2))
			// A routed request may be aggregated: the claim of its input.
			.saturating_add(T::WeightInfo::claim_proof(Pallet::<T>::input_elements(input.len())))
			// The stats, the book, and the tier's wrapper, circuit and aggregator.
			.saturating_add(T::DbWeight::get().reads(ROUTABLE.len() as u64 + 4))
		)]
		pub fn submit_request_with_qos(
			origin: OriginFor<T>,
			circuit: CircuitId,
			input: BoundedVec<u8, T::MaxInputBytes>,
			max_fee: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
			requirements: RequestRequirements<BalanceOf<T>>,
			qos: Qos,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			let terms = Self::route(circuit, &requirements, deadline, max_fee, &qos)?;
			let id = Self::do_submit_request(
				requester,
				circuit,
				input,
				max_fee,
				deadline,
				requirements,
				terms,
			)?;
			Self::announce_route(id, &terms);
			Ok(())
		}

		/// Commits the caller, a racer, to its proof for a race:
		/// `commitment` is `blake2_256(SCALE(request, public inputs,
		/// blake2_256(proof), caller))`. The proof is revealed with
		/// `submit_proof` once commitments close (see [`crate::race`]).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::commit_proof())]
		pub fn commit_proof(
			origin: OriginFor<T>,
			request: RequestId,
			commitment: [u8; 32],
		) -> DispatchResult {
			let racer = ensure_signed(origin)?;
			Self::do_commit_proof(racer, request, commitment)
		}

		/// The locker of an aggregated request claims its proof instead of
		/// submitting it: `output` (the public inputs after the input
		/// commitment) and `proof_hash`, `blake2_256` of the proof bytes it
		/// hands to aggregators. Before the deadline; free (`Pays::No`) when
		/// it succeeds. See [`crate::aggregation`].
		///
		/// The claim computes the commitment to the request's stored input:
		/// it is charged for the largest input up front and returns its
		/// weight for the request's own input.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::claim_proof(Pallet::<T>::max_input_elements()))]
		pub fn claim_proof(
			origin: OriginFor<T>,
			request: RequestId,
			output: BoundedVec<u64, T::MaxOutputElements>,
			proof_hash: [u8; 32],
		) -> DispatchResultWithPostInfo {
			let prover = ensure_signed(origin)?;
			let elements = Self::do_claim_proof(prover, request, output, proof_hash)?;
			Ok(frame_support::dispatch::PostDispatchInfo {
				actual_weight: Some(T::WeightInfo::claim_proof(elements)),
				pays_fee: Pays::No,
			})
		}

		/// A registered aggregator settles the claimed `requests` with one
		/// aggregate `proof` whose public inputs are the batch's root (see
		/// [`crate::aggregation`]); `provers` is the number of distinct
		/// provers among them, which the weight is charged for, and
		/// `aggregation_circuit` the merge circuit the proof was made for.
		/// If governance has set another since, the call is refused
		/// ([`Error::StaleAggregationCircuit`]) and changes nothing: an
		/// honest aggregate of the old circuit forfeits no bond. A proof that
		/// does not verify forfeits the caller's bond (the call succeeds, so
		/// that the forfeit stands).
		#[pallet::call_index(15)]
		#[pallet::weight(Pallet::<T>::settle_batch_weight(requests.len() as u32, *provers))]
		pub fn settle_batch(
			origin: OriginFor<T>,
			requests: BoundedVec<RequestId, T::MaxBatch>,
			provers: u32,
			aggregation_circuit: CircuitId,
			proof: BoundedVec<u8, T::MaxProofBytes>,
		) -> DispatchResultWithPostInfo {
			let aggregator = ensure_signed(origin)?;
			Self::do_settle_batch(
				aggregator,
				requests.into_inner(),
				provers,
				aggregation_circuit,
				&proof,
			)
		}

		/// Registers the caller, a registered prover, as an aggregator that
		/// provers reach at `endpoint`, holding `AggregatorBond`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::register_aggregator())]
		pub fn register_aggregator(
			origin: OriginFor<T>,
			endpoint: BoundedVec<u8, T::MaxEndpointBytes>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_aggregator(who, endpoint)
		}

		/// Unregisters the caller as an aggregator and releases its bond.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::unregister_aggregator())]
		pub fn unregister_aggregator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister_aggregator(who)
		}

		/// Sets the verifier hash of `circuit`'s wrapper; by the circuit's
		/// owner, while no open aggregated request uses the circuit.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::set_wrapper())]
		pub fn set_wrapper(
			origin: OriginFor<T>,
			circuit: CircuitId,
			verifier_hash: aggregation::Digest,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_wrapper(who, circuit, verifier_hash)
		}

		/// Sets the merge circuit batches are proved with (registered with
		/// the verifier, which then keeps it); root only. Batches proved for
		/// the previous circuit are refused from then on, without forfeit
		/// ([`Error::StaleAggregationCircuit`]).
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::set_aggregation_circuit())]
		pub fn set_aggregation_circuit(origin: OriginFor<T>, circuit: CircuitId) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_aggregation_circuit(circuit)
		}
	}
}
