//! The agents' models: what each kind of participant knows, wants and does.
//!
//! Agents see only what a real participant sees: the chain's storage and
//! events, and the other provers' public asks. They act only through
//! dispatched calls, which the pallets may refuse.

use crate::{
	runtime::{AccountId, Balance, BlockNumber, BLOCK_SECONDS},
	scenario::{QosWeights, Strategy},
};
use prova_primitives::token::UNIT;

/// The market's least collateral per job (the runtime's `MinCollateral`).
pub const MIN_COLLATERAL: Balance = UNIT;

/// What a prover is besides honest, for the report's attacker rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
	/// An independent prover (any strategy).
	Honest,
	/// One identity of the Sybil operator.
	Sybil,
	/// The self-dealing pair's prover.
	SelfDealer,
	/// The grinding validator's prover.
	Grinder,
	/// A cartel member.
	Cartel,
	/// The spammer's silent prover.
	Spammer,
}

/// A job a prover holds.
#[derive(Clone, Debug)]
pub struct HeldJob {
	/// The request.
	pub request: u64,
	/// Block its proof is ready.
	pub ready_at: BlockNumber,
	/// Last block a proof is accepted in.
	pub last_block: BlockNumber,
	/// Whether the prover will never deliver it (vanished, offline).
	pub lost: bool,
	/// Whether it is a race (commit, then reveal).
	pub race: bool,
	/// Whether the race commitment was sent.
	pub committed: bool,
}

/// A proving machine; several identities of one operator share one.
#[derive(Clone, Debug, Default)]
pub struct Machine {
	/// Chain time (seconds since genesis, block `b` starting at `3b`) at
	/// which the machine is free: jobs shorter than a block share blocks.
	pub free_at: f64,
	/// Sealed bids not yet settled, `(request, units)`: work it may win,
	/// counted against its time so that it never bids for more than it can
	/// prove.
	pub pending: Vec<(u64, u64)>,
}

impl Machine {
	/// The block in which work of `seconds` started now (block `now`) after
	/// the queue is done: its proof can be sent in that block.
	pub fn done_by(&self, now: BlockNumber, seconds: f64) -> BlockNumber {
		let start = self.free_at.max(now as f64 * BLOCK_SECONDS);
		((start + seconds) / BLOCK_SECONDS).ceil() as BlockNumber
	}

	/// Work units of its pending bids.
	pub fn pending_units(&self) -> u64 {
		self.pending.iter().map(|(_, units)| units).sum()
	}
}

/// A prover and its operator's model.
///
/// **Costs**: a job of `u` work units takes `u × seconds_per_unit` of its
/// machine's time (jobs run one after another on a machine) and costs
/// `cost_per_second` per proving second, plus the lock's transaction fee. The
/// registry splits every payment with the delegators, so the prover keeps
/// only `keep` of a price; its ask per unit for a `u`-unit circuit is
/// therefore `(u × cost_per_unit × (1 + margin) + fee + risk) / (keep × u)`,
/// declared per circuit as a service (with its speed), where `risk` is the
/// collateral it expects to forfeit (`vanish_probability` × the least
/// collateral, 1 PROVA).
///
/// **Decisions**: it takes a job (lock, bid, join, match) only if its machine
/// can finish it before the deadline with the jobs already queued, and only
/// at a price its strategy accepts (see [`Strategy`]). It loses a job it
/// took with `vanish_probability`, and every job it holds when it goes
/// offline.
#[derive(Clone, Debug)]
pub struct ProverAgent {
	/// Its account.
	pub account: AccountId,
	/// `group-i`.
	pub name: String,
	/// Its group.
	pub group: String,
	/// Its hardware profile's name.
	pub hardware: String,
	/// What it is for the report.
	pub role: Role,
	/// Its machine (index into the engine's machines).
	pub machine: usize,
	/// Proving seconds per work unit.
	pub seconds_per_unit: f64,
	/// Cost per proving second, planks.
	pub cost_per_second: f64,
	/// Its ask per work unit for one-unit jobs, planks (its record's ask).
	pub ask: Balance,
	/// Margin over cost.
	pub margin: f64,
	/// Share of a payment it keeps: its commission plus its self-bond's share
	/// of the rest (delegators take the other part of every price).
	pub keep: f64,
	/// Transaction fee of taking a job (a lock), planks.
	pub job_fee: Balance,
	/// How it prices.
	pub strategy: Strategy,
	/// Extra over its ask for `bid-shading`; the cartel's markup minus one.
	pub shade: f64,
	/// Work units it holds at once.
	pub capacity: u32,
	/// Self-bond, planks.
	pub stake: Balance,
	/// Probability of losing a job it took.
	pub vanish_probability: f64,
	/// Probability per block of an outage.
	pub offline_rate: f64,
	/// Blocks a random outage lasts.
	pub offline_blocks: BlockNumber,
	/// Offline until this block (exclusive).
	pub offline_until: BlockNumber,
	/// Whether it keeps a standing ask on the book.
	pub posts_asks: bool,
	/// Its standing ask, if any: `(id, units left)`.
	pub standing_ask: Option<(u64, u64)>,
	/// Jobs in hand.
	pub jobs: Vec<HeldJob>,
	/// Offers waiting for its answer.
	pub offers: Vec<u64>,
	/// Sealed bids it committed: request, price per unit, salt.
	pub bids: Vec<(u64, Balance, [u8; 32])>,
	/// Proving seconds spent.
	pub proving_seconds: f64,
	/// Work units proved and delivered.
	pub units_delivered: u64,
	/// Jobs paid.
	pub jobs_paid: u64,
	/// Jobs it failed (missed deadlines, rejected proofs).
	pub jobs_failed: u64,
	/// Payments received for jobs (gross, before the delegators' share).
	pub revenue: Balance,
	/// Its total balance at the start.
	pub start_balance: Balance,
}

impl ProverAgent {
	/// Proving cost of `units`, planks.
	pub fn cost_of(&self, units: u64) -> Balance {
		(units as f64 * self.seconds_per_unit * self.cost_per_second) as Balance
	}

	/// Proving seconds for `units`.
	pub fn seconds_for(&self, units: u64) -> f64 {
		units as f64 * self.seconds_per_unit
	}

	/// Its ask per unit for jobs of `units` (see the type's docs).
	pub fn ask_for(&self, units: u64) -> Balance {
		let units = units.max(1) as f64;
		let cost = units * self.seconds_per_unit * self.cost_per_second * (1.0 + self.margin);
		let risk = self.vanish_probability * MIN_COLLATERAL as f64;
		(((cost + self.job_fee as f64 + risk) / (self.keep.max(0.05) * units)).ceil() as Balance)
			.max(1)
	}

	/// Its price per unit on the book: no lock fee to cover, its shade or
	/// cartel markup included.
	pub fn book_price(&self) -> Balance {
		let cost = self.seconds_per_unit * self.cost_per_second * (1.0 + self.margin);
		let ask = ((cost / self.keep.max(0.05)).ceil() as Balance).max(1);
		match (self.role, self.strategy) {
			(Role::Cartel, _) | (_, Strategy::BidShading) => {
				(ask as f64 * (1.0 + self.shade)) as Balance
			}
			_ => ask,
		}
	}

	/// Whether it is offline at `now`.
	pub fn offline(&self, now: BlockNumber) -> bool {
		now < self.offline_until
	}

	/// The least price per unit it accepts in an auction or on the book,
	/// before undercutting: its ask, raised by its shade.
	pub fn reserve_price(&self, units: u64) -> Balance {
		let ask = self.ask_for(units);
		match (self.role, self.strategy) {
			(Role::Cartel, _) | (_, Strategy::BidShading) => {
				(ask as f64 * (1.0 + self.shade)) as Balance
			}
			_ => ask,
		}
	}
}

/// Requesters of one profile.
#[derive(Clone, Debug)]
pub struct RequesterAgent {
	/// The profile's name.
	pub profile: String,
	/// Its preferences.
	pub qos: QosWeights,
	/// Its accounts.
	pub accounts: Vec<AccountId>,
	/// Next account to use.
	pub next: usize,
	/// Circuit degrees and cumulative shares.
	pub circuits: Vec<(u32, f64)>,
	/// Deadline, blocks.
	pub deadline_blocks: BlockNumber,
	/// Value of a proof per work unit, planks: its `max_fee` per unit.
	pub max_fee_per_unit: Balance,
	/// Least stake asked of provers.
	pub min_stake: Balance,
	/// Whether its requests are an attack (excluded from honest metrics).
	pub adversarial: bool,
}

impl RequesterAgent {
	/// Picks a circuit's degree from `u`, uniform in `[0, 1)`.
	pub fn pick_circuit(&self, u: f64) -> u32 {
		let total = self.circuits.last().map_or(1.0, |(_, c)| *c);
		self.circuits
			.iter()
			.find(|(_, cumulative)| u * total < *cumulative)
			.or(self.circuits.last())
			.map_or(12, |(d, _)| *d)
	}
}

/// Converts PROVA to planks.
pub fn planks(prova: f64) -> Balance {
	(prova * UNIT as f64).round() as Balance
}

/// Converts planks to PROVA.
pub fn prova(planks: Balance) -> f64 {
	planks as f64 / UNIT as f64
}

/// Converts signed planks to PROVA.
pub fn prova_signed(planks: i128) -> f64 {
	planks as f64 / UNIT as f64
}
