//! The vocabulary the proof market and the prover registry share.
//!
//! `pallet-proof-market` decides *what* must happen to a prover (elect it for a
//! request, reserve a slot of its capacity, pay it, slash it); `pallet-provers`
//! knows *how* (stakes, holds, delegations, reputation). The [`ProverRegistry`]
//! trait is the whole boundary between them, so either side can be tested
//! against a mock of the other, and the prover client decodes the same types.

use crate::proofs::CircuitId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{traits::ConstU32, BoundedVec, DispatchError, DispatchResult, Perbill, Weight};

/// The class of GPU a prover declares.
///
/// Ordered: a request asking for `Consumer` is served by `Consumer`,
/// `Workstation` or `Datacenter` hardware.
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
	Ord,
	PartialEq,
	PartialOrd,
	TypeInfo,
)]
pub enum GpuClass {
	/// No GPU: proves on the CPU only.
	#[default]
	None,
	/// A consumer GPU (gaming class, up to 24 GiB of memory).
	Consumer,
	/// A workstation GPU (up to 48 GiB).
	Workstation,
	/// A datacenter GPU (H100 class, more than 48 GiB).
	Datacenter,
}

/// The hardware a prover declares when it registers.
///
/// Declarations are not verified on chain; a prover that over-declares misses
/// deadlines, is slashed and loses reputation.
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
pub struct HardwareClass {
	/// CPU cores available to the prover.
	pub cpu_cores: u16,
	/// Main memory, in GiB.
	pub memory_gib: u16,
	/// The best GPU available to the prover.
	pub gpu: GpuClass,
}

impl HardwareClass {
	/// Whether this hardware is at least `required` in every dimension.
	pub fn satisfies(&self, required: &HardwareClass) -> bool {
		self.cpu_cores >= required.cpu_cores
			&& self.memory_gib >= required.memory_gib
			&& self.gpu >= required.gpu
	}
}

/// What a request asks of the prover that will serve it.
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
pub struct ProverRequirements<Balance> {
	/// The least hardware the prover must declare.
	pub hardware: HardwareClass,
	/// The least backing (self-bond plus delegations) the prover must have at stake.
	pub min_stake: Balance,
	/// The least reputation score the prover must have.
	pub min_reputation: Perbill,
	/// The price per unit of proving work the request offers; provers asking more
	/// are not eligible.
	pub offered_price: Balance,
}

/// What a requester asks of the prover that will serve its request; the price
/// it offers follows from its fee and the circuit's size ([`work_units`]).
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
pub struct RequestRequirements<Balance> {
	/// The least hardware the prover must declare.
	pub hardware: HardwareClass,
	/// The least backing (self-bond plus delegations) the prover must have at stake.
	pub min_stake: Balance,
	/// The least reputation score the prover must have.
	pub min_reputation: Perbill,
}

impl<Balance> RequestRequirements<Balance> {
	/// The registry's view of these requirements at `offered_price` per work unit.
	pub fn at_price(self, offered_price: Balance) -> ProverRequirements<Balance> {
		ProverRequirements {
			hardware: self.hardware,
			min_stake: self.min_stake,
			min_reputation: self.min_reputation,
			offered_price,
		}
	}
}

/// Rows of a circuit that make one unit of proving work, the unit provers
/// price their `ask` in: the smallest library circuit (2^12 rows) is one unit,
/// a 2^20-row circuit 256 units.
pub const WORK_UNIT_ROWS_LOG2: u32 = 12;

/// Units of proving work of a circuit with `2^degree_bits` rows (at least one).
/// Proving time grows a little faster than linearly in the rows; a linear
/// price keeps quotes simple and predictable.
pub fn work_units(degree_bits: u32) -> u64 {
	1u64 << degree_bits.saturating_sub(WORK_UNIT_ROWS_LOG2).min(63)
}

/// Longest workload family name a service or a job carries.
pub const MAX_FAMILY_BYTES: u32 = 32;

/// A workload family's name: what a circuit's descriptor starts with, up to
/// its first `/` (`poseidon_chain` for `poseidon_chain/1?steps=4000`).
pub type FamilyName = BoundedVec<u8, ConstU32<MAX_FAMILY_BYTES>>;

/// The family name of a circuit descriptor: its bytes up to the first `/`
/// (all of them without one), or empty if that is longer than a name may be.
pub fn family_of(descriptor: &[u8]) -> FamilyName {
	let name = descriptor.split(|byte| *byte == b'/').next().unwrap_or_default();
	FamilyName::try_from(name.to_vec()).unwrap_or_default()
}

/// Which circuits a prover's service covers.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub enum ServiceScope {
	/// Exactly this circuit.
	Circuit(CircuitId),
	/// Every circuit of a workload family up to a size.
	Family {
		/// The family's name (see [`family_of`]).
		name: FamilyName,
		/// The largest circuit served, in `log2` of its rows.
		max_degree_bits: u32,
	},
	/// Every circuit up to a size.
	Any {
		/// The largest circuit served, in `log2` of its rows.
		max_degree_bits: u32,
	},
}

impl ServiceScope {
	/// How specific the scope is; a job is served at the terms of the most
	/// specific service that covers it.
	pub fn specificity(&self) -> u8 {
		match self {
			ServiceScope::Circuit(_) => 2,
			ServiceScope::Family { .. } => 1,
			ServiceScope::Any { .. } => 0,
		}
	}

	/// Whether the scope covers `job`'s circuit.
	pub fn covers(&self, job: &JobSpec) -> bool {
		match self {
			ServiceScope::Circuit(circuit) => *circuit == job.circuit,
			ServiceScope::Family { name, max_degree_bits } => {
				!name.is_empty() && *name == job.family && job.degree_bits <= *max_degree_bits
			}
			ServiceScope::Any { max_degree_bits } => job.degree_bits <= *max_degree_bits,
		}
	}
}

/// What a prover declares it serves, and on what terms.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub struct Service<Balance> {
	/// The circuits it covers.
	pub scope: ServiceScope,
	/// The prover's price per work unit for them.
	pub ask: Balance,
	/// Its declared speed: the least deadline it accepts, in blocks per
	/// thousand work units. A job of `u` units is offered to it only with a
	/// deadline of at least `ceil(u × blocks_per_thousand_units / 1000)`.
	pub blocks_per_thousand_units: u32,
}

impl<Balance> Service<Balance> {
	/// The least deadline, in blocks, the prover accepts for `units` of work.
	pub fn least_deadline(&self, units: u64) -> u64 {
		units.saturating_mul(self.blocks_per_thousand_units.into()).div_ceil(1000)
	}

	/// Whether this service takes `job`: it covers the circuit and the
	/// deadline is long enough for the declared speed.
	pub fn takes(&self, job: &JobSpec) -> bool {
		self.scope.covers(job) && self.least_deadline(job.units) <= u64::from(job.deadline_blocks)
	}
}

/// The job an election fills, which provers' services are matched against.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct JobSpec {
	/// The circuit to prove.
	pub circuit: CircuitId,
	/// Its workload family (see [`family_of`]).
	pub family: FamilyName,
	/// Its size, `log2` of its rows.
	pub degree_bits: u32,
	/// Its work units ([`work_units`]).
	pub units: u64,
	/// The blocks the prover will have from locking it to its proof.
	pub deadline_blocks: u32,
}

impl JobSpec {
	/// The job of proving a circuit listed with `descriptor` and `units` of
	/// work, with `deadline_blocks` from lock to proof. Its size is read back
	/// from its units (a circuit under one unit counts as one unit's rows).
	pub fn new(circuit: CircuitId, descriptor: &[u8], units: u64, deadline_blocks: u32) -> Self {
		JobSpec {
			circuit,
			family: family_of(descriptor),
			degree_bits: WORK_UNIT_ROWS_LOG2.saturating_add(units.max(1).ilog2()),
			units,
			deadline_blocks,
		}
	}
}

impl<Balance> ProverRequirements<Balance> {
	/// These requirements without the price.
	pub fn without_price(self) -> RequestRequirements<Balance> {
		RequestRequirements {
			hardware: self.hardware,
			min_stake: self.min_stake,
			min_reputation: self.min_reputation,
		}
	}
}

/// How a job a prover had taken ended, as far as its reputation is concerned.
/// `units` are the job's work units: reputation is weighted by the work done.
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
pub enum JobOutcome {
	/// A valid proof arrived before the deadline. Only a job won in
	/// `competitive` election (against enough other eligible provers) raises
	/// the prover's reputation: a job a requester steered to its own prover
	/// proves nothing about it.
	Fulfilled {
		/// The job's work units.
		units: u64,
		/// Whether enough provers were eligible when it was offered.
		competitive: bool,
	},
	/// The deadline passed without a proof.
	Missed {
		/// The job's work units.
		units: u64,
	},
	/// The prover submitted a proof that failed verification.
	InvalidProof {
		/// The job's work units.
		units: u64,
	},
	/// The prover was offered the job and did not take it: it declined, or
	/// let the lock window pass (`lapsed`). No slash. A decline is no fault
	/// (a prover should refuse what it cannot prove in time, and a requester
	/// can ask for the impossible); a lapse means the prover is not answering,
	/// and lowers its reputation a little.
	Declined {
		/// Whether it did not answer at all.
		lapsed: bool,
	},
	/// The job ended for a reason that is not the prover's doing (e.g. the
	/// request was cancelled while offered); reputation is unchanged.
	Released,
}

/// The prover an election picked, and how many provers it was picked from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elected<AccountId> {
	/// The prover.
	pub prover: AccountId,
	/// Eligible provers in the draw, the elected one included.
	pub candidates: u32,
}

/// Why a prover is slashed.
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
pub enum SlashReason {
	/// It let a deadline pass.
	MissedDeadline,
	/// It submitted a proof that failed verification.
	InvalidProof,
}

/// Where slashed funds go: up to `amount` to a beneficiary (a requester's
/// compensation), the rest to the runtime's slash sink (the treasury).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compensation<AccountId, Balance> {
	/// Who is compensated.
	pub beneficiary: AccountId,
	/// The most that goes to the beneficiary.
	pub amount: Balance,
}

/// The outcome of a slash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlashOutcome<Balance> {
	/// The total taken from the prover and its backers.
	pub slashed: Balance,
	/// The part of it paid to the beneficiary.
	pub compensated: Balance,
}

/// What the proof market needs from the prover registry.
pub trait ProverRegistry<AccountId, Balance> {
	/// Picks a prover for `job`, with probability proportional to its backing,
	/// among those meeting `requirements`, serving the job (a declared
	/// [`Service`] that takes it, at an ask within the offered price) and not
	/// in `exclude`. The same `seed` and state give the same prover. `None`
	/// when no prover is eligible.
	fn elect(
		seed: &[u8; 32],
		requirements: &ProverRequirements<Balance>,
		job: &JobSpec,
		exclude: &[AccountId],
	) -> Option<Elected<AccountId>>;

	/// The lowest ask for `job` among provers meeting `requirements` and
	/// serving it, in everything but price and free capacity: the least price
	/// per work unit it can be served at. `None` when no prover qualifies.
	fn cheapest_ask(requirements: &RequestRequirements<Balance>, job: &JobSpec) -> Option<Balance>;

	/// `prover`'s ask for `job` if it meets `requirements` and serves the job,
	/// in everything but price, free capacity and exclusion: whether it may
	/// bid for or lock a job no election chose it for (auctions). `None`
	/// when it does not qualify.
	fn qualified_ask(
		prover: &AccountId,
		requirements: &RequestRequirements<Balance>,
		job: &JobSpec,
	) -> Option<Balance>;

	/// Whether `prover` is registered and active (it may post standing asks).
	fn is_active(prover: &AccountId) -> bool;

	/// Takes `job`'s work units of the prover's capacity for it, which it was
	/// elected for and is offered; returns its ask for the job, the price per
	/// work unit.
	fn reserve_capacity(prover: &AccountId, job: &JobSpec) -> Result<Balance, DispatchError>;

	/// Frees the capacity a job of `units` held and records how it ended.
	fn release_capacity(prover: &AccountId, units: u64, outcome: JobOutcome) -> DispatchResult;

	/// Pays `amount` from `payer` to the prover and its delegators.
	fn reward(prover: &AccountId, payer: &AccountId, amount: Balance) -> DispatchResult;

	/// Pays the prover and its delegators each `(payer, amount)` of
	/// `payments`, as [`Self::reward`] of their sum would split it: a batch
	/// pays many requests of few provers, and the split (commission, stake
	/// shares, reward per share) is then done once per prover. The default
	/// pays one by one; callers run it inside a storage transaction, so a
	/// failed payment leaves nothing paid.
	fn reward_many(prover: &AccountId, payments: &[(AccountId, Balance)]) -> DispatchResult
	where
		Balance: Copy,
	{
		for (payer, amount) in payments {
			Self::reward(prover, payer, *amount)?;
		}
		Ok(())
	}

	/// The fraction of stake governance has set for `reason`.
	fn slash_fraction(reason: SlashReason) -> Perbill;

	/// Takes `fraction` of the prover's self-bond, delegations and unbonding funds
	/// and sends it to `compensation` (up to its amount) and the slash sink.
	fn slash(
		prover: &AccountId,
		fraction: Perbill,
		reason: SlashReason,
		compensation: Option<Compensation<AccountId, Balance>>,
	) -> Result<SlashOutcome<Balance>, DispatchError>;

	/// Weight of [`Self::elect`] (and [`Self::cheapest_ask`], one pass over the
	/// same registry) at the registry's bound.
	fn elect_weight() -> Weight;

	/// Weight of [`Self::qualified_ask`].
	fn qualify_weight() -> Weight;

	/// Weight of [`Self::reserve_capacity`] plus [`Self::release_capacity`].
	fn capacity_weight() -> Weight;

	/// Weight of [`Self::release_capacity`] alone: what a settlement pays
	/// per job, its reservation paid for by the lock. Defaults to
	/// [`Self::capacity_weight`], which is never less.
	fn release_weight() -> Weight {
		Self::capacity_weight()
	}

	/// Weight of [`Self::reward`].
	fn reward_weight() -> Weight;

	/// Weight of [`Self::reward_many`] with `payments` payments; by default
	/// `payments` rewards.
	fn reward_many_weight(payments: u32) -> Weight {
		Self::reward_weight().saturating_mul(payments.into())
	}

	/// Weight of [`Self::slash`] at the most delegators a prover may have.
	fn slash_weight() -> Weight;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_family_is_the_descriptor_up_to_its_first_slash() {
		assert_eq!(family_of(b"poseidon_chain/1?steps=4000").as_slice(), b"poseidon_chain");
		assert_eq!(family_of(b"fibonacci").as_slice(), b"fibonacci");
		assert!(family_of(&[b'x'; 33]).is_empty(), "a name too long is no family");
	}

	#[test]
	fn a_job_reads_its_size_back_from_its_units() {
		let job = JobSpec::new(CircuitId::repeat_byte(1), b"merkle_root/1?leaves=8", 16, 40);
		assert_eq!((job.degree_bits, job.units, job.deadline_blocks), (16, 16, 40));
		assert_eq!(job.family.as_slice(), b"merkle_root");
		assert_eq!(JobSpec::new(CircuitId::zero(), b"x/1", 1, 10).degree_bits, 12);
		assert_eq!(JobSpec::new(CircuitId::zero(), b"x/1", 256, 10).degree_bits, 20);
	}

	#[test]
	fn a_service_takes_the_jobs_its_scope_covers_with_deadlines_its_speed_allows() {
		let job = JobSpec::new(CircuitId::repeat_byte(1), b"poseidon_chain/1", 16, 8);
		let family = |name: &[u8], max_degree_bits| ServiceScope::Family {
			name: FamilyName::try_from(name.to_vec()).unwrap(),
			max_degree_bits,
		};
		assert!(ServiceScope::Circuit(CircuitId::repeat_byte(1)).covers(&job));
		assert!(!ServiceScope::Circuit(CircuitId::repeat_byte(2)).covers(&job));
		assert!(family(b"poseidon_chain", 16).covers(&job));
		assert!(!family(b"poseidon_chain", 15).covers(&job));
		assert!(!family(b"fibonacci", 20).covers(&job));
		assert!(!family(b"", 20).covers(&job));
		assert!(ServiceScope::Any { max_degree_bits: 16 }.covers(&job));
		assert!(!ServiceScope::Any { max_degree_bits: 15 }.covers(&job));

		// 16 units at 500 blocks per thousand: at least 8 blocks.
		let service = |blocks_per_thousand_units| Service {
			scope: ServiceScope::Any { max_degree_bits: 20 },
			ask: 1u128,
			blocks_per_thousand_units,
		};
		assert_eq!(service(500).least_deadline(16), 8);
		assert!(service(500).takes(&job));
		assert!(!service(501).takes(&job), "8.016 blocks round up to 9");
		assert_eq!(service(u32::MAX).least_deadline(u64::MAX), u64::MAX / 1000 + 1);
	}
}
