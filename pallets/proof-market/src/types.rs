//! The records the market stores and the views its runtime API returns.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::{
	market::{RequestRequirements, ServiceScope},
	proofs::CircuitId,
};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

extern crate alloc;
use alloc::vec::Vec;

/// A request's number, assigned in submission order from zero.
pub type RequestId = u64;

/// A circuit offered on the market: what its inputs and outputs look like and
/// what proving it costs.
#[derive(
	CloneNoBound, DebugNoBound, Decode, Encode, EqNoBound, MaxEncodedLen, PartialEqNoBound, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Listing<T: Config> {
	/// Field elements of a request's input (each an 8-byte little-endian word).
	pub input_elements: u32,
	/// Field elements of the output, after the input commitment in the public inputs.
	pub output_elements: u32,
	/// Units of proving work (`work_units(degree_bits)`): a prover's price is its
	/// ask times this.
	pub work_units: u64,
	/// What the prover client needs to rebuild the circuit (e.g.
	/// `poseidon_chain/1?steps=4000`); the chain does not interpret it.
	pub descriptor: BoundedVec<u8, T::MaxDescriptorBytes>,
	/// Open requests for the circuit; it cannot be delisted while any are.
	pub open_requests: u32,
}

/// How a request finds its prover and price (see the crate docs,
/// "Mechanisms").
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum Mechanism<BlockNumber, Balance> {
	/// A stake-weighted draw among eligible provers; the price is the drawn
	/// prover's ask.
	#[default]
	Election,
	/// A sealed-bid second-price reverse auction: eligible provers commit to a
	/// price per work unit for `bid_blocks`, reveal it in the following
	/// `reveal_blocks`; the lowest bid wins and is paid the second-lowest.
	SealedBid {
		/// Blocks during which bids are committed.
		bid_blocks: BlockNumber,
		/// Blocks after those during which bids are revealed.
		reveal_blocks: BlockNumber,
		/// What happens when no revealed bid takes the job.
		fallback: Fallback,
	},
	/// The order book: matched, in the block it arrives, with the cheapest
	/// standing ask (the earliest among equal prices) that covers the circuit
	/// within the request's deadline and `max_fee`, at that ask's price.
	Book {
		/// What happens when no ask crosses: an election, or (`Expire`)
		/// refusing the request outright.
		fallback: Fallback,
	},
	/// A proof race: up to `racers` provers (elected by stake, or the first
	/// eligible to join when `open`) prove at once, each paid
	/// `max_fee / racers` in full if first and less the `decay` share for
	/// each block its proof commitment came after the first, within
	/// `window_blocks` of it (see the `race` module).
	Race {
		/// Most provers racing.
		racers: u32,
		/// Whether any eligible prover may join, rather than the elected.
		open: bool,
		/// The share of a racer's pay lost per block of delay behind the first.
		decay: Perbill,
		/// Blocks after the first commitment during which others may commit.
		window_blocks: BlockNumber,
	},
	/// A reverse Dutch auction: the price offered for the whole job rises
	/// from `floor` per work unit to `max_fee` over `ramp_blocks`; the first
	/// eligible prover to lock it takes it at the price of that block.
	Dutch {
		/// The starting price per work unit.
		floor: Balance,
		/// Blocks the price takes to rise to `max_fee`.
		ramp_blocks: BlockNumber,
	},
}

/// What a sealed-bid auction that ends without a winner turns into.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum Fallback {
	/// Queue the request for an election among eligible provers.
	#[default]
	Election,
	/// End the request and refund its fee.
	Expire,
}

/// A promise of speed with money on it: a proof later than `target_blocks`
/// after the lock is paid less, linearly down to `floor` of the price at the
/// deadline; the difference stays with the requester.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct LatencyGuarantee<BlockNumber> {
	/// Blocks from the lock within which a proof is paid in full.
	pub target_blocks: BlockNumber,
	/// The share of the price a proof at the deadline is still paid.
	pub floor: Perbill,
}

/// The market terms a request chooses: its mechanism and, optionally, a
/// latency guarantee.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct Terms<BlockNumber, Balance> {
	/// How the prover and its price are found.
	pub mechanism: Mechanism<BlockNumber, Balance>,
	/// A refund for slow proofs, if any.
	pub latency: Option<LatencyGuarantee<BlockNumber>>,
	/// How a valid proof is settled: on its own, or in an aggregator's batch
	/// (see [`crate::aggregation`]).
	pub settlement: Settlement,
}

/// How a request's proof is settled (see [`crate::aggregation`]).
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum Settlement {
	/// The fast tier: the prover submits its proof, which the chain verifies
	/// and settles in that block.
	#[default]
	Direct,
	/// The aggregated tier: the prover claims its output and the hash of its
	/// proof, an aggregator settles it in a batch with one recursive proof;
	/// `AggregationFee` of the fee goes to the aggregator. Cheaper per
	/// request, slower by up to the aggregation window.
	Aggregated,
}

/// An aggregator as the market stores it.
pub type AggregatorOf<T> =
	Aggregator<BalanceOf<T>, BoundedVec<u8, <T as Config>::MaxEndpointBytes>>;

/// A registered aggregator.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Aggregator<Balance, Endpoint> {
	/// Held from it ([`crate::HoldReason::AggregatorBond`]) while it is
	/// registered; forfeited whole for an aggregate that does not verify.
	pub bond: Balance,
	/// Where provers send it the proofs they claimed (a URL).
	pub endpoint: Endpoint,
}

/// What a requester cares about, each from 0 (not at all) to 10 (most), for
/// the QoS router (see [`crate::router`]).
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct Qos {
	/// Time from submission to proof.
	pub speed: u8,
	/// The price paid.
	pub cost: u8,
	/// Certainty that a proof arrives.
	pub safety: u8,
	/// That no prover, or small set of provers, can keep it from being served.
	pub censorship_resistance: u8,
}

/// A mechanism without its parameters.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	TypeInfo,
)]
pub enum MechanismKind {
	/// [`Mechanism::Election`].
	Election,
	/// [`Mechanism::SealedBid`].
	SealedBid,
	/// [`Mechanism::Dutch`].
	Dutch,
	/// [`Mechanism::Book`].
	Book,
	/// [`Mechanism::Race`].
	Race,
}

/// How a mechanism has been settling: running means over its fulfilled
/// requests, each new one weighing 1/8.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct MechanismStats<Balance> {
	/// Requests it fulfilled.
	pub settled: u32,
	/// Mean price paid per work unit.
	pub price_per_unit: Balance,
	/// Mean blocks from submission to proof.
	pub latency_blocks: u32,
}

/// One mechanism in a [`MarketQuote`].
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct MechanismQuote<Balance> {
	/// The mechanism.
	pub kind: MechanismKind,
	/// Whether a request could use it now (the book: an ask crosses).
	pub available: bool,
	/// The expected price of the whole job: the measured mean once it has
	/// enough settlements, else the best ask on the book (book) or the
	/// cheapest qualified ask (the others), a lower bound.
	pub expected_price: Option<Balance>,
	/// The measured mean blocks from submission to proof, once known.
	pub expected_latency_blocks: Option<u32>,
	/// Requests it has fulfilled.
	pub settled: u32,
}

/// Every mechanism side by side for one request, and the router's choice.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct MarketQuote<Balance, BlockNumber> {
	/// Units of proving work of the circuit.
	pub work_units: u64,
	/// Qualified provers with room now at the request's offered price.
	pub competitors: u32,
	/// Each routable mechanism.
	pub mechanisms: Vec<MechanismQuote<Balance>>,
	/// What the router would choose for the given preferences.
	pub routed: Mechanism<BlockNumber, Balance>,
}

/// A standing ask's number, in posting order: time priority among equal prices.
pub type AskId = u64;

/// A prover's standing offer on the order book.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct StandingAsk<AccountId, Balance, BlockNumber> {
	/// Its number.
	pub id: AskId,
	/// The prover offering.
	pub prover: AccountId,
	/// The circuits it covers.
	pub scope: ServiceScope,
	/// Its price per work unit.
	pub price: Balance,
	/// Work units it still offers; each match takes its job's units.
	pub units: u64,
	/// The deadline it commits to: it matches requests giving at least this
	/// many blocks from the lock.
	pub deadline_blocks: BlockNumber,
	/// The first block it no longer matches in.
	pub expires_at: BlockNumber,
}

/// A prover in a proof race.
#[derive(
	CloneNoBound, DebugNoBound, Decode, Encode, EqNoBound, MaxEncodedLen, PartialEqNoBound, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Racer<T: Config> {
	/// Held from the racer ([`crate::HoldReason::JobCollateral`]) until the
	/// race settles.
	pub collateral: BalanceOf<T>,
	/// Its proof commitment, once made: `blake2_256(SCALE(request, public
	/// inputs, blake2_256(proof), racer))`.
	pub commitment: Option<[u8; 32]>,
	/// The block its commitment was made in, and its place among the
	/// commitments of that block.
	pub committed_at: Option<(BlockNumberFor<T>, u32)>,
	/// The output of its proof once revealed and valid.
	pub output: Option<BoundedVec<u64, T::MaxOutputElements>>,
}

/// A prover's sealed bid for a request.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Bid<Balance> {
	/// `blake2_256(SCALE(request, price per unit, salt, bidder))`.
	pub commitment: [u8; 32],
	/// Held from the bidder ([`crate::HoldReason::BidBond`]) until the auction
	/// settles; forfeited if the bid is not revealed or its winner cannot
	/// back it.
	pub bond: Balance,
	/// The revealed price per work unit, once revealed.
	pub revealed: Option<Balance>,
}

/// Where a request is in its life.
///
/// ```text
///            ┌──────────────── no winner, fallback Election ───────────┐
/// Bidding ──settle (winner)──────────────────────────┐                 │
/// Dutch ──lock at the ramp's price──────────────────┐ │                 ▼
/// Queued ──elect──▶ Offered ──lock──▶ Locked ◀──────┴─┘     ──valid proof──▶ Fulfilled
///   │  ▲               │                 │
///   │  ├──decline / lapse (declines left)┘ │
///   │  └──────miss / invalid (attempts left; a Dutch request re-opens its ramp)
///   ├──cancel (queued only)──▶ Cancelled
///   └──wait too long, no declines or attempts left, no bid or no taker──▶ Expired
/// ```
///
/// In the aggregated tier (see [`crate::aggregation`]) a locked request's
/// prover claims it instead of proving it:
///
/// ```text
/// Locked ──claim──▶ Claimed ──batch──────────────────────────────▶ Fulfilled
///                      │ due
///                      ▼
///                   Claimed (fallback) ──the claimed proof──▶ Fulfilled
///                      │ due, or an invalid proof: a failed attempt as for Locked
/// ```
#[derive(
	CloneNoBound, DebugNoBound, Decode, Encode, EqNoBound, MaxEncodedLen, PartialEqNoBound, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub enum RequestStatus<T: Config> {
	/// Waiting for a prover (one is elected at the start of a later block).
	Queued {
		/// The block it entered the queue (again, after a decline or failure).
		since: BlockNumberFor<T>,
	},
	/// In a sealed-bid auction: bids are committed before `bids_until` and
	/// revealed before `reveal_until`, when the auction settles.
	Bidding {
		/// The first block in which bids are no longer committed but revealed.
		bids_until: BlockNumberFor<T>,
		/// The block at whose start the auction settles.
		reveal_until: BlockNumberFor<T>,
		/// Bids committed so far (at most `MaxBids`).
		bids: u32,
	},
	/// In a proof race (see the `race` module).
	Racing {
		/// The provers elected to race; empty for an open race.
		invited: BoundedVec<T::AccountId, T::MaxRacers>,
		/// Racers that joined and are still in the race.
		joined: u32,
		/// The first block in which no prover may join.
		join_until: BlockNumberFor<T>,
		/// The first block in which no first commitment is taken: the race
		/// settles then if nobody committed.
		deadline: BlockNumberFor<T>,
		/// The first block after the first commitment in which no more are
		/// taken and proofs are revealed; `None` until someone commits.
		commits_close: Option<BlockNumberFor<T>>,
		/// The block at whose start the race settles.
		settles_at: BlockNumberFor<T>,
	},
	/// In a reverse Dutch auction: any eligible prover may lock it at the
	/// ramp's price until `closes`, when it expires untaken.
	Dutch {
		/// The block the ramp started (again, after a failed attempt).
		since: BlockNumberFor<T>,
		/// The block at whose start it closes.
		closes: BlockNumberFor<T>,
	},
	/// Offered to an elected prover, which takes it by locking it before
	/// `lock_by`, or declines it.
	Offered {
		/// The elected prover.
		prover: T::AccountId,
		/// What it is paid on success: its ask at election times the work units.
		price: BalanceOf<T>,
		/// The first block at which the offer has lapsed.
		lock_by: BlockNumberFor<T>,
		/// Eligible provers it was elected among (itself included).
		candidates: u32,
	},
	/// Locked by a prover, which must prove it before `deadline`; its
	/// `collateral` is held until then.
	Locked {
		/// The prover that locked it.
		prover: T::AccountId,
		/// What it is paid on success.
		price: BalanceOf<T>,
		/// The first block at which the proof is late.
		deadline: BlockNumberFor<T>,
		/// Held from the prover ([`crate::HoldReason::JobCollateral`]) and
		/// forfeited if it fails the job.
		collateral: BalanceOf<T>,
		/// Eligible provers it was elected among (itself included); for an
		/// auction, the bids revealed; for a Dutch auction, 1.
		candidates: u32,
		/// The block it was locked in, from which a latency guarantee counts.
		locked_at: BlockNumberFor<T>,
	},
	/// Proved and paid.
	Fulfilled {
		/// Who proved it.
		prover: T::AccountId,
		/// What it was paid.
		price: BalanceOf<T>,
		/// The computation's output, as proved.
		output: BoundedVec<u64, T::MaxOutputElements>,
		/// The block it was proved in.
		at: BlockNumberFor<T>,
	},
	/// Given up: waited too long for a prover, or every attempt failed. The fee
	/// was refunded.
	Expired {
		/// The block it expired in.
		at: BlockNumberFor<T>,
	},
	/// Withdrawn by its requester before it was offered. The fee was refunded.
	Cancelled {
		/// The block it was cancelled in.
		at: BlockNumberFor<T>,
	},
	/// An aggregated request whose locker claimed its proof: `output` and
	/// `blake2_256` of the proof bytes it handed to aggregators. An
	/// aggregator's batch settles it before `due`; after that it falls back
	/// (`fallback`): the prover must submit the claimed proof itself before
	/// the new `due`. Its collateral stays held. (Last, so that the other
	/// variants keep their encodings.)
	Claimed {
		/// The prover that locked and claimed it.
		prover: T::AccountId,
		/// What it locked at (before any latency discount).
		price: BalanceOf<T>,
		/// Held from the prover ([`crate::HoldReason::JobCollateral`]).
		collateral: BalanceOf<T>,
		/// Eligible provers it was elected among (itself included).
		candidates: u32,
		/// The block it was locked in.
		locked_at: BlockNumberFor<T>,
		/// The block it was claimed in: a latency guarantee counts to here.
		claimed_at: BlockNumberFor<T>,
		/// The claimed output (the public inputs after the input commitment).
		output: BoundedVec<u64, T::MaxOutputElements>,
		/// `blake2_256` of the proof bytes.
		proof_hash: [u8; 32],
		/// The first block at which the claim falls back (`fallback` false)
		/// or is late (`fallback` true).
		due: BlockNumberFor<T>,
		/// Whether the aggregation window passed: the prover must now submit
		/// the claimed proof itself.
		fallback: bool,
	},
}

impl<T: Config> RequestStatus<T> {
	/// The prover holding the request (offered, locked or claimed) and the
	/// block its turn ends (the lock window's, the deadline's or the claim's
	/// `due`); `None` otherwise.
	pub fn holder(&self) -> Option<(&T::AccountId, BlockNumberFor<T>)> {
		match self {
			RequestStatus::Offered { prover, lock_by, .. } => Some((prover, *lock_by)),
			RequestStatus::Locked { prover, deadline, .. } => Some((prover, *deadline)),
			RequestStatus::Claimed { prover, due, .. } => Some((prover, *due)),
			_ => None,
		}
	}

	/// The block at whose start the hook next looks at the request (an
	/// offer's window, a deadline, an auction's settlement, a Dutch
	/// auction's close, a race's settlement, a claim's `due`): where the
	/// deadline index holds it (among the overdue entries once the block
	/// has passed and until the hook gets to it).
	pub fn due(&self) -> Option<BlockNumberFor<T>> {
		match self {
			RequestStatus::Bidding { reveal_until, .. } => Some(*reveal_until),
			RequestStatus::Dutch { closes, .. } => Some(*closes),
			RequestStatus::Racing { settles_at, .. } => Some(*settles_at),
			status => status.holder().map(|(_, due)| due),
		}
	}

	/// Whether the request is still open (queued, in an auction, offered,
	/// locked or claimed).
	pub fn is_open(&self) -> bool {
		matches!(
			self,
			RequestStatus::Queued { .. }
				| RequestStatus::Bidding { .. }
				| RequestStatus::Dutch { .. }
				| RequestStatus::Racing { .. }
				| RequestStatus::Offered { .. }
				| RequestStatus::Locked { .. }
				| RequestStatus::Claimed { .. }
		)
	}
}

/// A proof request.
#[derive(
	CloneNoBound, DebugNoBound, Decode, Encode, EqNoBound, MaxEncodedLen, PartialEqNoBound, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Request<T: Config> {
	/// Who asked and pays.
	pub requester: T::AccountId,
	/// The circuit to prove.
	pub circuit: CircuitId,
	/// The circuit's input, as encoded field elements; emptied once the
	/// request ends, to keep state small.
	pub input: BoundedVec<u8, T::MaxInputBytes>,
	/// The most the requester pays; held until the request ends.
	pub max_fee: BalanceOf<T>,
	/// Blocks the assigned prover has, from its assignment.
	pub deadline_blocks: BlockNumberFor<T>,
	/// What the prover must meet.
	pub requirements: RequestRequirements<BalanceOf<T>>,
	/// The block it was submitted in.
	pub submitted_at: BlockNumberFor<T>,
	/// Provers that locked it and failed (missed the deadline or submitted an
	/// invalid proof), in order; never elected for it again. Its length is the
	/// number of failed attempts.
	pub failed: BoundedVec<T::AccountId, T::MaxAttempts>,
	/// Provers that were offered it and did not lock it, in order; never
	/// offered it again.
	pub declined: BoundedVec<T::AccountId, T::MaxDeclines>,
	/// Paid to the requester out of forfeited collateral, over all failed
	/// attempts; each failure pays at most its price and a share of its
	/// collateral (see the crate docs, "Money").
	pub compensated: BalanceOf<T>,
	/// Where it is in its life.
	pub status: RequestStatus<T>,
	/// Held from the requester while the request is open
	/// ([`crate::HoldReason::RequestDeposit`]); what was held when it was made.
	pub deposit: BalanceOf<T>,
	/// Its mechanism, latency guarantee and settlement tier.
	pub terms: Terms<BlockNumberFor<T>, BalanceOf<T>>,
	/// The part of `max_fee` reserved for the aggregator
	/// ([`crate::Config::AggregationFee`] for an aggregated request, zero
	/// otherwise): provers are priced against the rest
	/// ([`Request::prover_budget`]).
	pub aggregation_fee: BalanceOf<T>,
	/// The commitment to the input, computed once when the request is
	/// claimed, so that a batch does not hash every input again.
	pub input_commitment: Option<[u64; crate::INPUT_COMMITMENT_LEN]>,
}

impl<T: Config> Request<T> {
	/// What a prover can be paid at most: `max_fee` less the aggregation
	/// fee. Every pricing path (offers, auctions, the book, races) prices
	/// against it, so a prover's price and the aggregator's fee together
	/// never exceed `max_fee`.
	pub fn prover_budget(&self) -> BalanceOf<T> {
		self.max_fee.saturating_sub(self.aggregation_fee)
	}

	/// Whether it settles in the aggregated tier.
	pub fn is_aggregated(&self) -> bool {
		self.terms.settlement == Settlement::Aggregated
	}
}

/// A fee quote for a circuit and requirements.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Quote<Balance> {
	/// Units of proving work of the circuit.
	pub work_units: u64,
	/// The lowest ask among provers meeting the requirements, if any.
	pub cheapest_ask: Option<Balance>,
	/// The least `max_fee` a request is accepted with: cheapest ask × units.
	pub min_fee: Option<Balance>,
	/// Whether a prover meeting the requirements at the cheapest ask has a
	/// free slot now (otherwise a request waits in the queue).
	pub available_now: bool,
}

/// A request offered to or locked by a prover, as the prover client sees it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Job<Balance, BlockNumber> {
	/// The request.
	pub request: RequestId,
	/// The circuit to prove.
	pub circuit: CircuitId,
	/// The input bytes.
	pub input: Vec<u8>,
	/// What the prover is paid.
	pub price: Balance,
	/// Which attempt this is (1 for the first prover to lock it).
	pub attempt: u32,
	/// Blocks the prover has to prove, counted from the block it locks in.
	pub deadline_blocks: BlockNumber,
	/// The collateral locking holds (or holds, once locked).
	pub collateral: Balance,
	/// Where the job stands.
	pub stage: JobStage<BlockNumber>,
}

/// Whether a prover has taken a job yet.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum JobStage<BlockNumber> {
	/// Offered: lock it (`lock_request`) before this block, or decline it.
	Offered {
		/// The first block at which the offer has lapsed.
		lock_by: BlockNumber,
	},
	/// Locked: prove it before this block.
	Locked {
		/// The first block at which the proof is late.
		deadline: BlockNumber,
	},
	/// Racing: commit to a proof (`commit_proof`) before `deadline` (or
	/// before `commits_close` once someone committed), then reveal it with
	/// `submit_proof` from `commits_close` on.
	Racing {
		/// The last block for a first commitment, plus one.
		deadline: BlockNumber,
		/// When commitments close and reveals open, once someone committed.
		commits_close: Option<BlockNumber>,
		/// Whether this racer has committed.
		committed: bool,
	},
	/// Claimed (the aggregated tier): hand the claimed proof to an
	/// aggregator before `due`; once `fallback`, submit it with
	/// `submit_proof` before `due`.
	Claimed {
		/// The block the claim falls back at, or (fallback) is late at.
		due: BlockNumber,
		/// Whether the prover must now submit the proof itself.
		fallback: bool,
	},
}

/// A request open to every eligible prover (a sealed-bid or Dutch auction),
/// as a prover client sees it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Opening<Balance, BlockNumber> {
	/// The request.
	pub request: RequestId,
	/// The circuit to prove.
	pub circuit: CircuitId,
	/// Units of proving work of the circuit.
	pub work_units: u64,
	/// The most a prover is paid for the whole job: the requester's
	/// `max_fee`, less the aggregator's fee in the aggregated tier.
	pub max_fee: Balance,
	/// Blocks the winner has to prove, counted from its lock.
	pub deadline_blocks: BlockNumber,
	/// The asking prover's own ask for the job (what it would be offered at
	/// in an election).
	pub ask: Balance,
	/// The auction's phase.
	pub phase: OpeningPhase<Balance, BlockNumber>,
}

/// What a prover may do about an [`Opening`] now.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum OpeningPhase<Balance, BlockNumber> {
	/// Sealed bids are committed (`commit_bid`) before `bids_until`.
	Commit {
		/// The first block of the reveal phase.
		bids_until: BlockNumber,
		/// Whether the asking prover has committed a bid.
		committed: bool,
	},
	/// Committed bids are revealed (`reveal_bid`) before `reveal_until`.
	Reveal {
		/// The block the auction settles at.
		reveal_until: BlockNumber,
		/// Whether the asking prover has a bid to reveal.
		committed: bool,
		/// Whether it has revealed it.
		revealed: bool,
	},
	/// A proof race the asking prover may join with `lock_request` before
	/// `join_until` (open, or it was elected), each valid proof paid up to
	/// `price`.
	Race {
		/// What a racer is paid in full: `max_fee / racers`.
		price: Balance,
		/// The first block in which no prover may join.
		join_until: BlockNumber,
	},
	/// A Dutch auction: `lock_request` takes it at `price` in this block.
	Dutch {
		/// The whole job's price now.
		price: Balance,
		/// The price in the next block.
		next_price: Balance,
		/// The block it closes at.
		closes: BlockNumber,
	},
}
