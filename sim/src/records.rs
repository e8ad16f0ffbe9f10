//! What a run records: one row per request, one per prover, one per attack.
//! Everything the report shows is computed from these (see `metrics`).

use crate::{
	runtime::{AccountId, Balance, BlockNumber},
	scenario::QosWeights,
};
use pallet_proof_market::MechanismKind;

/// How a request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// Still open when the run stopped.
	Open,
	/// A valid proof was accepted and paid.
	Fulfilled,
	/// It expired without a proof.
	Expired,
	/// Submission was refused (the error's name is kept).
	Refused(&'static str),
}

/// One request.
#[derive(Clone, Debug)]
pub struct RequestRecord {
	/// Its id on chain (0 for a refused one).
	pub id: u64,
	/// Index of its requester profile.
	pub profile: usize,
	/// Who sent it.
	pub requester: AccountId,
	/// Work units.
	pub units: u64,
	/// The mechanism that served it (the router's pick for routed ones).
	pub mechanism: MechanismKind,
	/// Block it was sent in.
	pub submitted_at: BlockNumber,
	/// Its `max_fee`.
	pub max_fee: Balance,
	/// Its deadline, blocks.
	pub deadline_blocks: BlockNumber,
	/// How it ended.
	pub outcome: Outcome,
	/// Block it ended in.
	pub ended_at: Option<BlockNumber>,
	/// What the requester paid provers in total.
	pub price: Balance,
	/// The prover paid first (the locker, or a race's winner).
	pub prover: Option<AccountId>,
	/// Offers it went through (election attempts).
	pub offers: u32,
	/// Failed attempts: missed deadlines and rejected proofs.
	pub failures: u32,
	/// Compensation paid to the requester from failed provers' collateral.
	pub compensated: Balance,
	/// Proofs made for it (more than one only in races).
	pub proofs: u32,
	/// Whether an adversary sent it (spam, self-dealing).
	pub adversarial: bool,
}

impl RequestRecord {
	/// A request just sent, still open.
	#[allow(clippy::too_many_arguments)]
	pub fn sent(
		id: u64,
		profile: usize,
		requester: AccountId,
		units: u64,
		mechanism: MechanismKind,
		submitted_at: BlockNumber,
		max_fee: Balance,
		deadline_blocks: BlockNumber,
		adversarial: bool,
	) -> RequestRecord {
		RequestRecord {
			id,
			profile,
			requester,
			units,
			mechanism,
			submitted_at,
			max_fee,
			deadline_blocks,
			outcome: Outcome::Open,
			ended_at: None,
			price: 0,
			prover: None,
			offers: 0,
			failures: 0,
			compensated: 0,
			proofs: 0,
			adversarial,
		}
	}

	/// Blocks from submission to the end, if it ended.
	pub fn latency(&self) -> Option<BlockNumber> {
		self.ended_at.map(|end| end.saturating_sub(self.submitted_at))
	}
}

/// One prover at the end of a run.
#[derive(Clone, Debug)]
pub struct ProverRecord {
	/// Its account.
	pub account: AccountId,
	/// `group-i`.
	pub name: String,
	/// Its group.
	pub group: String,
	/// Its hardware profile.
	pub hardware: String,
	/// Its strategy's name.
	pub strategy: String,
	/// What it is (`honest`, `sybil`, ...).
	pub role: String,
	/// Self-bond, planks.
	pub stake: Balance,
	/// Jobs paid.
	pub jobs: u64,
	/// Jobs failed.
	pub failed: u64,
	/// Work units delivered.
	pub units: u64,
	/// Gross payments for jobs.
	pub revenue: Balance,
	/// Change of its total balance (free and held) over the run.
	pub balance_change: i128,
	/// What proving cost it (machine time × cost per second).
	pub proving_cost: Balance,
	/// Transaction fees it paid.
	pub fees: Balance,
}

impl ProverRecord {
	/// Balance change less proving cost and fees.
	pub fn profit(&self) -> i128 {
		self.balance_change - self.proving_cost as i128 - self.fees as i128
	}
}

/// What an adversary gained or lost.
#[derive(Clone, Debug)]
pub struct AttackRecord {
	/// The attack's name.
	pub attack: String,
	/// Balance change of all its accounts, less proving costs and fees.
	pub profit: i128,
	/// What a comparable honest party made in the same run (same stake and
	/// hardware), for comparison; `None` where there is none.
	pub honest_profit: Option<i128>,
	/// One line on what it achieved besides money.
	pub effect: String,
}

/// A requester profile as the report names it.
#[derive(Clone, Debug)]
pub struct ProfileRecord {
	/// Its name.
	pub name: String,
	/// Its preferences.
	pub qos: QosWeights,
	/// Its deadline, blocks.
	pub deadline_blocks: BlockNumber,
	/// Whether it is an adversary.
	pub adversarial: bool,
}

/// Everything one run produced.
#[derive(Clone, Debug)]
pub struct RunRecord {
	/// The scenario's name.
	pub scenario: String,
	/// The mechanism every honest request used (`router` for routed runs).
	pub mechanism: String,
	/// The seed.
	pub seed: u64,
	/// Blocks simulated.
	pub blocks: BlockNumber,
	/// Requests, in submission order.
	pub requests: Vec<RequestRecord>,
	/// Provers.
	pub provers: Vec<ProverRecord>,
	/// Requester profiles, by index.
	pub profiles: Vec<ProfileRecord>,
	/// Attacks.
	pub attacks: Vec<AttackRecord>,
	/// Delegators' total reward over the run, planks.
	pub delegator_rewards: Balance,
	/// Wall-clock seconds the run took.
	pub wall_seconds: f64,
	/// The first invariant of the pallets found broken (checked every
	/// thousand blocks and at the end), if any.
	pub invariants_broken: Option<String>,
	/// Change of total issuance over the run (slashes and forfeits go to the
	/// treasury, so it must be zero).
	pub issuance_change: i128,
}
