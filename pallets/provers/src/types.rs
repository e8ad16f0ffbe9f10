//! The records the pallet stores and the views its runtime API returns.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use prova_primitives::market::{HardwareClass, JobOutcome};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};

extern crate alloc;
use alloc::vec::Vec;

/// Whether a prover takes new work.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub enum ProverStatus {
	/// Eligible for election (if it also meets a request's requirements).
	Active,
	/// Paused by the prover itself: finishes assigned work, takes no new work.
	Chilled,
	/// Paused by governance; only governance lifts it.
	ForceChilled,
	/// Deregistered (or removed by governance): its self-bond and every
	/// delegation are unbonding; the record goes once all of it is withdrawn
	/// (by anyone, with `settle_leaving`) and no job is held.
	Leaving,
}

/// Track record of a prover; every job it was offered ends in one outcome.
#[derive(Clone, Copy, Debug, Decode, Default, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Reputation {
	/// Jobs it was offered (elected for).
	pub assigned: u32,
	/// Jobs it proved before the deadline.
	pub fulfilled: u32,
	/// Jobs whose deadline it missed.
	pub missed: u32,
	/// Jobs for which it submitted a proof that failed verification.
	pub invalid: u32,
	/// Offers it declined.
	pub declined: u32,
	/// Offers it let lapse without answering, decayed like the units (see
	/// [`Self::decay_to`]): a recent count, not a lifetime total.
	pub lapsed: u32,
	/// Work units of the jobs it fulfilled that it won in competition.
	pub good_units: u64,
	/// Work units of the jobs it missed, plus three times those it proved
	/// invalid.
	pub bad_units: u64,
	/// The decay period (`block / ReputationHalfLife`) that `good_units`,
	/// `bad_units` and `lapsed` were last brought to; see [`Self::decay_to`].
	pub decay_epoch: u32,
}

impl Reputation {
	/// An invalid proof weighs as much as this many missed deadlines.
	pub const INVALID_PROOF_WEIGHT: u64 = 3;

	/// This many lapsed offers weigh as much as one missed unit of work.
	pub const LAPSES_PER_MISS: u64 = 4;

	/// The score requesters can require:
	/// `(good_units + 1) / (good_units + bad_units + lapsed / 4 + 2)`.
	///
	/// Weighted by work units, so a large job counts for more than a small
	/// one. Only jobs won in competition count as good (see
	/// [`JobOutcome::Fulfilled`]): a prover cannot buy reputation by
	/// proving its own account's requests that only it qualifies for, while
	/// every failure counts. An invalid proof weighs three times a miss.
	/// Declining is no fault: a prover should refuse what it cannot prove in
	/// time, and counting it would let a requester asking the impossible ruin
	/// honest provers' scores. Letting an offer lapse unanswered wastes the
	/// requester's time, so four lapses count as one missed unit. A new
	/// prover scores 50%; the `+1`/`+2` prior keeps one early result from
	/// deciding the score.
	pub fn score(&self) -> Perbill {
		let scale = Self::LAPSES_PER_MISS;
		let good = scale.saturating_mul(self.good_units.saturating_add(1));
		let bad = scale.saturating_mul(self.bad_units).saturating_add(u64::from(self.lapsed));
		Perbill::from_rational(good, good.saturating_add(bad).saturating_add(scale))
	}

	/// Halves `good_units`, `bad_units` and `lapsed` once per decay period
	/// since the last: what a prover did a half-life ago counts half as much
	/// as what it does now. A record bought or earned long ago fades (and so
	/// does an old failure, for a prover that has since done well); the job
	/// counters (`assigned`, `fulfilled`, ...) are lifetime totals and stay.
	pub fn decay_to(&mut self, epoch: u32) {
		let periods = epoch.saturating_sub(self.decay_epoch);
		if periods == 0 {
			return;
		}
		self.good_units = self.good_units.checked_shr(periods).unwrap_or(0);
		self.bad_units = self.bad_units.checked_shr(periods).unwrap_or(0);
		self.lapsed = self.lapsed.checked_shr(periods).unwrap_or(0);
		self.decay_epoch = epoch;
	}

	/// [`Self::score`] as of decay period `epoch`, without storing anything.
	pub fn score_at(&self, epoch: u32) -> Perbill {
		let mut decayed = *self;
		decayed.decay_to(epoch);
		decayed.score()
	}

	/// Counts a job's end (the caller decays the record to the present first,
	/// see [`Self::decay_to`]).
	pub fn record(&mut self, outcome: JobOutcome) {
		let count = |counter: &mut u32| *counter = counter.saturating_add(1);
		match outcome {
			JobOutcome::Fulfilled { units, competitive } => {
				count(&mut self.fulfilled);
				if competitive {
					self.good_units = self.good_units.saturating_add(units);
				}
			}
			JobOutcome::Missed { units } => {
				count(&mut self.missed);
				self.bad_units = self.bad_units.saturating_add(units);
			}
			JobOutcome::InvalidProof { units } => {
				count(&mut self.invalid);
				let weighted = units.saturating_mul(Self::INVALID_PROOF_WEIGHT);
				self.bad_units = self.bad_units.saturating_add(weighted);
			}
			JobOutcome::Declined { lapsed: false } => count(&mut self.declined),
			JobOutcome::Declined { lapsed: true } => count(&mut self.lapsed),
			JobOutcome::Released => {}
		}
	}
}

/// Everything the chain knows about one prover, keyed by its account.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct ProverRecord<Balance> {
	/// Declared hardware.
	pub hardware: HardwareClass,
	/// Most work units it takes at once (a 2^12-row job is one unit, a
	/// 2^20-row job 256).
	pub capacity: u32,
	/// Jobs it holds now.
	pub in_use: u32,
	/// Work units of the jobs it holds now (never more than `capacity`).
	pub units_in_use: u64,
	/// Minimum price per unit of proving work.
	pub ask: Balance,
	/// Share of each reward it keeps before the rest is split by stake.
	pub commission: Perbill,
	/// Whether it takes new work.
	pub status: ProverStatus,
	/// Its own active stake (held with `HoldReason::ProverBond`).
	pub self_bond: Balance,
	/// Sum of the active stake delegated to it.
	pub delegated: Balance,
	/// Number of delegation records (active, unbonding or with unclaimed rewards).
	pub delegators: u32,
	/// Rewards paid per unit of delegated stake since registration.
	pub reward_per_share: FixedU128,
	/// Its track record.
	pub reputation: Reputation,
}

impl<Balance: sp_runtime::traits::Saturating + Copy> ProverRecord<Balance> {
	/// Stake behind the prover: self-bond plus active delegations.
	pub fn backing(&self) -> Balance {
		self.self_bond.saturating_add(self.delegated)
	}
}

/// One delegator's position on one prover.
#[derive(Clone, Debug, Decode, Default, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Delegation<Balance> {
	/// Active stake (held with `HoldReason::Delegation`).
	pub amount: Balance,
	/// The prover's `reward_per_share` when rewards were last settled.
	pub reward_checkpoint: FixedU128,
	/// Rewards settled but not claimed yet.
	pub unclaimed: Balance,
}

/// Stake delegated that is not active yet: held, but neither backing the
/// prover nor earning until `active_from` (see `Config::DelegationWarmup`).
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
pub struct WarmingStake<AccountId, Balance, BlockNumber> {
	/// Who delegated it.
	pub delegator: AccountId,
	/// How much.
	pub amount: Balance,
	/// The first block it is active in.
	pub active_from: BlockNumber,
}

/// Stake on its way out: still held and slashable until `unlock_at`.
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
pub struct UnbondingChunk<Balance, BlockNumber> {
	/// Amount unbonding.
	pub amount: Balance,
	/// First block at which it can be withdrawn.
	pub unlock_at: BlockNumber,
}

/// Parameters governance may change.
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
pub struct Parameters<Balance> {
	/// Least self-bond to register and to stay eligible (anti-Sybil).
	pub min_prover_bond: Balance,
	/// Least amount of a delegation.
	pub min_delegation: Balance,
	/// Share of stake taken when a prover misses a deadline.
	pub missed_deadline_slash: Perbill,
	/// Share of stake taken when a prover submits an invalid proof.
	pub invalid_proof_slash: Perbill,
}

/// A prover's record as the runtime API shows it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct ProverInfo<Balance, BlockNumber> {
	/// The stored record.
	pub record: ProverRecord<Balance>,
	/// Self-bond plus delegations.
	pub backing: Balance,
	/// `record.reputation.score_at` the present decay period.
	pub reputation_score: Perbill,
	/// The services it declares (none: every circuit at `record.ask`).
	pub services: Vec<prova_primitives::market::Service<Balance>>,
	/// Its own stake on the way out.
	pub unbonding: Vec<UnbondingChunk<Balance, BlockNumber>>,
}

/// A delegator's position as the runtime API shows it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct DelegationInfo<AccountId, Balance, BlockNumber> {
	/// The prover backed.
	pub prover: AccountId,
	/// Active stake.
	pub amount: Balance,
	/// Stake delegated but not active yet, and the block it becomes active.
	pub warming: Option<(Balance, BlockNumber)>,
	/// Rewards claimable now.
	pub pending_rewards: Balance,
	/// Stake on the way out.
	pub unbonding: Vec<UnbondingChunk<Balance, BlockNumber>>,
}
