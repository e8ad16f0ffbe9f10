//! Typed reads of the market, the verifier and the prover registry.
//!
//! The generated types mirror the runtime's generic ones field for field; the
//! views here flatten them into what the daemon and the CLI use, so the rest
//! of the crate does not depend on codegen paths.

use super::{prova, AtBlock, Chain, ChainError};
use codec::Encode;
use prova::runtime_types::{
	pallet_proof_market::types::{
		Fallback as RawFallback, JobStage as RawStage, LatencyGuarantee as RawLatency,
		Mechanism as RawMechanism, OpeningPhase as RawPhase, RequestStatus as RawStatus,
		Settlement as RawSettlement, Terms as RawTerms,
	},
	prova_primitives::market as raw_market,
	sp_arithmetic::per_things::Perbill,
};
use prova_primitives::{Balance, BlockNumber};
use serde::Serialize;
use subxt::utils::{AccountId32, H256};

/// A request's id.
pub type RequestId = u64;

/// The runtime's market terms, as its calls and events carry them.
pub type RawTermsOf = RawTerms<BlockNumber, Balance>;

/// A requester's preferences for the QoS router, as its call takes them.
pub use prova::runtime_types::pallet_proof_market::types::Qos;

/// A request this prover has locked, with what it needs to prove it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
	/// The request.
	pub request: RequestId,
	/// Which attempt (1 for the first prover): a request reassigned after a
	/// failure is a new job.
	pub attempt: u32,
	/// The circuit.
	pub circuit: H256,
	/// The input, as encoded field elements.
	pub input: Vec<u8>,
	/// What the proof earns.
	pub price: Balance,
	/// The first block at which the proof is late (in a race: the last
	/// block, plus one, for a first commitment).
	pub deadline: BlockNumber,
	/// In a proof race: where the race stands; `None` for a locked job.
	pub race: Option<RaceStand>,
	/// How its proof is settled: submitted (direct), or claimed and handed
	/// to an aggregator (aggregated).
	pub settlement: Settlement,
	/// Aggregated tier, once claimed: where the claim stands.
	pub claim: Option<ClaimStand>,
}

/// Where a claim of the aggregated tier stands for its prover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimStand {
	/// Before `fallback`, the block from which no batch may settle it any
	/// more; after, the first block at which the fallback proof is late.
	pub due: BlockNumber,
	/// Whether no batch settled it in time, so the prover must submit the
	/// claimed proof itself before `due`.
	pub fallback: bool,
}

impl Job {
	/// Whether the next transaction for this job is a claim (an aggregated
	/// job not claimed yet) rather than its proof.
	pub fn claims_next(&self) -> bool {
		self.settlement == Settlement::Aggregated && self.claim.is_none()
	}
}

/// The output a proof's public inputs carry after the input commitment.
pub fn output_of(public_inputs: &[u64]) -> &[u64] {
	public_inputs.get(prova_primitives::proofs::INPUT_COMMITMENT_LEN..).unwrap_or_default()
}

/// Where a proof race stands for one of its racers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RaceStand {
	/// When commitments close and proofs are revealed, once anyone committed.
	pub commits_close: Option<BlockNumber>,
	/// Whether this racer has committed to its proof.
	pub committed: bool,
}

/// The commitment to a race proof: `blake2_256(SCALE((request, public
/// inputs, blake2_256(proof), racer)))`, as the market's `proof_commitment`
/// computes it.
pub fn proof_commitment(
	request: RequestId,
	public_inputs: &[u64],
	proof: &[u8],
	racer: &AccountId32,
) -> [u8; 32] {
	let proof_hash = sp_crypto_hashing::blake2_256(proof);
	sp_crypto_hashing::blake2_256(&(request, public_inputs, proof_hash, &racer.0).encode())
}

/// A request offered to this prover: it takes it by locking it (posting
/// `collateral`) before `lock_by`, or declines it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
	/// The request.
	pub request: RequestId,
	/// The circuit.
	pub circuit: H256,
	/// What the proof would earn.
	pub price: Balance,
	/// What locking holds from the prover's free balance until the job ends.
	pub collateral: Balance,
	/// Blocks the prover has to prove, from the block its lock lands in.
	pub deadline_blocks: BlockNumber,
	/// The first block at which the offer has lapsed.
	pub lock_by: BlockNumber,
}

/// What the chain holds for this prover: offers to answer and jobs to prove.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Work {
	/// Requests offered, not locked yet.
	pub offers: Vec<Offer>,
	/// Requests locked, to prove.
	pub jobs: Vec<Job>,
}

/// A request open to every eligible prover, an auction this prover may bid
/// in or lock now (the market's `ProofMarketApi::openings`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
	/// The request.
	pub request: RequestId,
	/// The circuit.
	pub circuit: H256,
	/// Units of proving work of the circuit.
	pub work_units: u64,
	/// The most the requester pays for the whole job.
	pub max_fee: Balance,
	/// Blocks the winner has to prove, from its lock.
	pub deadline_blocks: BlockNumber,
	/// This prover's own ask per work unit for the job (what it declared).
	pub ask: Balance,
	/// What it may do now.
	pub phase: OpeningPhase,
}

impl Opening {
	/// What the job costs this prover at its own ask: ask × work units.
	pub fn cost(&self) -> Balance {
		self.ask.saturating_mul(self.work_units.into())
	}
}

/// The phase of an [`Opening`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpeningPhase {
	/// Sealed bids are committed before `bids_until`.
	Commit {
		/// The first block of the reveal phase.
		bids_until: BlockNumber,
		/// Whether this prover has committed a bid.
		committed: bool,
	},
	/// Committed bids are revealed before `reveal_until`.
	Reveal {
		/// The block the auction settles at.
		reveal_until: BlockNumber,
		/// Whether this prover has a bid to reveal.
		committed: bool,
		/// Whether it revealed it.
		revealed: bool,
	},
	/// A proof race this prover may join (`lock_request`) before `join_until`.
	Race {
		/// What a racer's valid proof is paid at most.
		price: Balance,
		/// The first block in which no prover may join.
		join_until: BlockNumber,
	},
	/// A Dutch auction: `lock_request` takes the job at `price` in this block.
	Dutch {
		/// The whole job's price at this block.
		price: Balance,
		/// The price at the next block.
		next_price: Balance,
		/// The block it closes at.
		closes: BlockNumber,
	},
}

/// The commitment of a sealed bid of `price` per work unit for `request` by
/// `bidder`: `blake2_256(SCALE((request, price, salt, bidder)))`, as the
/// market's `bid_commitment` computes it.
pub fn bid_commitment(
	request: RequestId,
	price: Balance,
	salt: &[u8; 32],
	bidder: &AccountId32,
) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(&(request, price, salt, &bidder.0).encode())
}

/// How a request finds its prover and price.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mechanism {
	/// A stake-weighted draw among eligible provers, at the drawn one's ask.
	#[default]
	Election,
	/// A sealed-bid second-price auction.
	SealedBid {
		/// Blocks during which bids are committed.
		bid_blocks: BlockNumber,
		/// Blocks after those during which bids are revealed.
		reveal_blocks: BlockNumber,
		/// What a request nobody wins becomes.
		fallback: Fallback,
	},
	/// A reverse Dutch auction: the price rises from `floor` per work unit
	/// to the max fee over `ramp_blocks`; the first eligible prover to lock
	/// takes the job at that block's price.
	Dutch {
		/// The starting price per work unit.
		floor: Balance,
		/// Blocks the price takes to reach the max fee.
		ramp_blocks: BlockNumber,
	},
	/// The order book: locked at once with the best crossing standing ask.
	Book {
		/// What a request nothing crosses becomes (`Expire`: refused).
		fallback: Fallback,
	},
	/// A proof race of up to `racers` provers (elected, or any when `open`),
	/// each paid `max_fee / racers`, less `decay_ppb` per block behind the first.
	Race {
		/// Most provers racing.
		racers: u32,
		/// Whether any eligible prover may join.
		open: bool,
		/// Share of a racer's pay lost per block of delay, in parts per billion.
		decay_ppb: u32,
		/// Blocks after the first commitment during which others may commit.
		window_blocks: BlockNumber,
	},
}

/// What a sealed-bid auction without a winner turns into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fallback {
	/// An election among eligible provers.
	#[default]
	Election,
	/// The request expires and its fee is refunded.
	Expire,
}

/// A latency guarantee: a proof later than `target_blocks` after the lock
/// is paid linearly less, down to `floor_ppb` of the price at the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Latency {
	/// Blocks from the lock within which a proof is paid in full.
	pub target_blocks: BlockNumber,
	/// The share of the price still paid at the deadline, in parts per billion.
	pub floor_ppb: u32,
}

/// How a request's proof is settled on chain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
	/// The prover submits its proof and the chain verifies it (the fast tier).
	#[default]
	Direct,
	/// The prover claims its proof and an aggregator settles it in a batch
	/// with one recursive proof (cheaper, up to the chain's aggregation
	/// window later).
	Aggregated,
}

/// A request's market terms: its mechanism, optionally a latency guarantee,
/// and its settlement tier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Terms {
	/// How the prover and its price are found.
	pub mechanism: Mechanism,
	/// A discount for slow proofs, if any.
	pub latency: Option<Latency>,
	/// How the proof is settled.
	pub settlement: Settlement,
}

impl Terms {
	/// Whether these are the plain terms of `submit_request`: an election
	/// without a latency guarantee.
	pub fn is_default(&self) -> bool {
		*self == Terms::default()
	}

	/// The terms as the runtime's call takes them.
	pub fn to_raw(self) -> RawTerms<BlockNumber, Balance> {
		let mechanism = match self.mechanism {
			Mechanism::Election => RawMechanism::Election,
			Mechanism::SealedBid { bid_blocks, reveal_blocks, fallback } => {
				RawMechanism::SealedBid {
					bid_blocks,
					reveal_blocks,
					fallback: match fallback {
						Fallback::Election => RawFallback::Election,
						Fallback::Expire => RawFallback::Expire,
					},
				}
			}
			Mechanism::Dutch { floor, ramp_blocks } => RawMechanism::Dutch { floor, ramp_blocks },
			Mechanism::Book { fallback } => RawMechanism::Book {
				fallback: match fallback {
					Fallback::Election => RawFallback::Election,
					Fallback::Expire => RawFallback::Expire,
				},
			},
			Mechanism::Race { racers, open, decay_ppb, window_blocks } => {
				RawMechanism::Race { racers, open, decay: Perbill(decay_ppb), window_blocks }
			}
		};
		let latency = self.latency.map(|latency| RawLatency {
			target_blocks: latency.target_blocks,
			floor: Perbill(latency.floor_ppb),
		});
		let settlement = match self.settlement {
			Settlement::Direct => RawSettlement::Direct,
			Settlement::Aggregated => RawSettlement::Aggregated,
		};
		RawTerms { mechanism, latency, settlement }
	}

	/// The terms the runtime reports (in an event, a request, a quote).
	pub fn from_raw(raw: RawTerms<BlockNumber, Balance>) -> Terms {
		let mechanism = Self::from_raw_mechanism(raw.mechanism);
		let latency = raw.latency.map(|latency| Latency {
			target_blocks: latency.target_blocks,
			floor_ppb: latency.floor.0,
		});
		let settlement = match raw.settlement {
			RawSettlement::Direct => Settlement::Direct,
			RawSettlement::Aggregated => Settlement::Aggregated,
		};
		Terms { mechanism, latency, settlement }
	}

	/// A mechanism as the runtime reports it (in terms, or a quote's pick).
	pub fn from_raw_mechanism(raw: RawMechanism<BlockNumber, Balance>) -> Mechanism {
		match raw {
			RawMechanism::Election => Mechanism::Election,
			RawMechanism::SealedBid { bid_blocks, reveal_blocks, fallback } => {
				Mechanism::SealedBid {
					bid_blocks,
					reveal_blocks,
					fallback: match fallback {
						RawFallback::Election => Fallback::Election,
						RawFallback::Expire => Fallback::Expire,
					},
				}
			}
			RawMechanism::Dutch { floor, ramp_blocks } => Mechanism::Dutch { floor, ramp_blocks },
			RawMechanism::Book { fallback } => Mechanism::Book {
				fallback: match fallback {
					RawFallback::Election => Fallback::Election,
					RawFallback::Expire => Fallback::Expire,
				},
			},
			RawMechanism::Race { racers, open, decay, window_blocks } => {
				Mechanism::Race { racers, open, decay_ppb: decay.0, window_blocks }
			}
		}
	}
}

/// Where a request is in its life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
	/// Waiting for a prover.
	Queued {
		/// Since this block.
		since: BlockNumber,
	},
	/// In a sealed-bid auction: bids are committed before `bids_until` and
	/// revealed before `reveal_until`, when the auction settles.
	Bidding {
		/// The first block in which bids are revealed, no longer committed.
		bids_until: BlockNumber,
		/// The block at whose start the auction settles.
		reveal_until: BlockNumber,
		/// Bids committed so far.
		bids: u32,
	},
	/// In a reverse Dutch auction: any eligible prover may lock it at the
	/// ramp's price until `closes`.
	Dutch {
		/// The block the ramp started (again, after a failed attempt).
		since: BlockNumber,
		/// The block at whose start it closes untaken.
		closes: BlockNumber,
	},
	/// In a proof race: `joined` racers prove at once.
	Racing {
		/// Racers in the race.
		joined: u32,
		/// The first block in which no prover may join.
		join_until: BlockNumber,
		/// When commitments close and proofs are revealed, once someone committed.
		commits_close: Option<BlockNumber>,
		/// The block the race settles at.
		settles_at: BlockNumber,
	},
	/// Offered to a prover, which may lock it before `lock_by`.
	Offered {
		/// The prover.
		#[serde(serialize_with = "as_address")]
		prover: AccountId32,
		/// What it would be paid.
		price: Balance,
		/// The first block at which the offer has lapsed.
		lock_by: BlockNumber,
	},
	/// Locked by a prover, which must prove it before `deadline`.
	Locked {
		/// The prover.
		#[serde(serialize_with = "as_address")]
		prover: AccountId32,
		/// What it will be paid.
		price: Balance,
		/// The first late block.
		deadline: BlockNumber,
		/// What it holds as collateral.
		collateral: Balance,
		/// The block it was locked in (a latency guarantee counts from it).
		locked_at: BlockNumber,
	},
	/// Proved and paid.
	Fulfilled {
		/// Who proved it.
		#[serde(serialize_with = "as_address")]
		prover: AccountId32,
		/// What was paid.
		price: Balance,
		/// The proved output.
		output: Vec<u64>,
		/// The block.
		at: BlockNumber,
	},
	/// Aggregated tier: the locker claimed its proof, which an aggregator's
	/// batch settles before `due`; with `fallback` the prover itself must
	/// submit the claimed proof before `due`.
	Claimed {
		/// The prover that claimed it.
		#[serde(serialize_with = "as_address")]
		prover: AccountId32,
		/// What it is paid on success.
		price: Balance,
		/// The block it was claimed in.
		claimed_at: BlockNumber,
		/// The first block at which this stage is over.
		due: BlockNumber,
		/// Whether no batch took it and the prover must submit the proof.
		fallback: bool,
		/// The claimed output.
		output: Vec<u64>,
		/// `blake2_256` of the claimed proof's bytes.
		#[serde(serialize_with = "as_hex")]
		proof_hash: [u8; 32],
	},
	/// Given up; the fee was refunded.
	Expired {
		/// The block.
		at: BlockNumber,
	},
	/// Withdrawn by the requester; the fee was refunded.
	Cancelled {
		/// The block.
		at: BlockNumber,
	},
}

impl Status {
	/// Whether the request has ended.
	pub fn is_final(&self) -> bool {
		!matches!(
			self,
			Status::Queued { .. }
				| Status::Bidding { .. }
				| Status::Dutch { .. }
				| Status::Racing { .. }
				| Status::Offered { .. }
				| Status::Locked { .. }
				| Status::Claimed { .. }
		)
	}
}

/// A request as the chain holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestInfo {
	/// Its id.
	pub id: RequestId,
	/// Who asked.
	#[serde(serialize_with = "as_address")]
	pub requester: AccountId32,
	/// The circuit.
	pub circuit: H256,
	/// The most the requester pays.
	pub max_fee: Balance,
	/// Blocks a prover has from assignment.
	pub deadline_blocks: BlockNumber,
	/// When it was submitted.
	pub submitted_at: BlockNumber,
	/// Provers that locked it and failed, in order.
	#[serde(serialize_with = "as_addresses")]
	pub failed: Vec<AccountId32>,
	/// Provers that were offered it and did not lock it, in order.
	#[serde(serialize_with = "as_addresses")]
	pub declined: Vec<AccountId32>,
	/// Paid to the requester out of failed provers' collateral.
	pub compensated: Balance,
	/// Held from the requester while the request is open.
	pub deposit: Balance,
	/// Its mechanism and latency guarantee.
	pub terms: Terms,
	/// The commitment to its input, stored once it is claimed (aggregated
	/// tier): the first public inputs of its proof.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub input_commitment: Option<[u64; 4]>,
	/// Where it is.
	#[serde(flatten)]
	pub status: Status,
}

/// Serializes an account as a Prova address.
fn as_address<S: serde::Serializer>(who: &AccountId32, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&super::address(who))
}

/// Serializes bytes as `0x`-prefixed hex.
fn as_hex<S: serde::Serializer>(bytes: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&format!("0x{}", hex::encode(bytes)))
}

/// Serializes accounts as Prova addresses.
fn as_addresses<S: serde::Serializer>(
	accounts: &[AccountId32],
	serializer: S,
) -> Result<S::Ok, S::Error> {
	serializer.collect_seq(accounts.iter().map(super::address))
}

impl RequestInfo {
	/// The prover that locked it, while locked (or claimed, which it still holds).
	pub fn locker(&self) -> Option<&AccountId32> {
		match &self.status {
			Status::Locked { prover, .. } | Status::Claimed { prover, .. } => Some(prover),
			_ => None,
		}
	}

	/// Who proved it, once fulfilled.
	pub fn fulfilled_by(&self) -> Option<&AccountId32> {
		match &self.status {
			Status::Fulfilled { prover, .. } => Some(prover),
			_ => None,
		}
	}

	/// Whether `prover` failed an attempt at it.
	pub fn failed_by(&self, prover: &AccountId32) -> bool {
		self.failed.contains(prover)
	}
}

/// A registered aggregator of the aggregated tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AggregatorInfo {
	/// Its account.
	#[serde(serialize_with = "as_address")]
	pub account: AccountId32,
	/// What it holds as its bond.
	pub bond: Balance,
	/// Where provers deliver their claimed proofs.
	pub endpoint: String,
}

/// A circuit listed on the market.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListingInfo {
	/// The circuit's id (blake2-256 of its verifier data).
	pub circuit: H256,
	/// How the prover client rebuilds it, e.g. `poseidon_chain/1?steps=4090`.
	pub descriptor: String,
	/// Field elements of an input.
	pub input_elements: u32,
	/// Field elements of the output.
	pub output_elements: u32,
	/// Units of proving work; a prover's price is its ask times this.
	pub work_units: u64,
	/// Open requests for it.
	pub open_requests: u32,
}

/// A prover's record and standing.
#[derive(Clone, Debug, Serialize)]
pub struct ProverStatus {
	/// Hardware class it declared, as text.
	pub hardware: String,
	/// Hardware class it declared.
	#[serde(skip)]
	pub hardware_class: HardwareClass,
	/// Work units it takes at once.
	pub capacity: u32,
	/// Jobs it holds now.
	pub in_use: u32,
	/// Their work units.
	pub units_in_use: u64,
	/// Price per unit of work.
	pub ask: Balance,
	/// Its cut of rewards, in parts per billion.
	pub commission_ppb: u32,
	/// `active`, `chilled` or `leaving`.
	pub state: String,
	/// Its own stake.
	pub self_bond: Balance,
	/// Delegated stake.
	pub delegated: Balance,
	/// Delegators.
	pub delegators: u32,
	/// Self-bond plus delegations.
	pub backing: Balance,
	/// Jobs offered, fulfilled, missed and proved invalid.
	pub assigned: u32,
	/// See `assigned`.
	pub fulfilled: u32,
	/// See `assigned`.
	pub missed: u32,
	/// See `assigned`.
	pub invalid: u32,
	/// Offers it declined.
	pub declined: u32,
	/// Offers it let lapse unanswered.
	pub lapsed: u32,
	/// The reputation score, in parts per billion.
	pub reputation_ppb: u32,
	/// Own stake unbonding, as (amount, block it can be withdrawn).
	pub unbonding: Vec<(Balance, BlockNumber)>,
	/// Declared services, as `(scope, ask per work unit, blocks per
	/// thousand units)`; the scope as `prova-prover serve` takes it.
	pub services: Vec<(String, Balance, u32)>,
}

/// What a request for a circuit costs now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteInfo {
	/// Units of proving work.
	pub work_units: u64,
	/// The least fee accepted now, if any prover qualifies.
	pub min_fee: Option<Balance>,
	/// Whether a qualifying prover has a free slot.
	pub available_now: bool,
}

/// A declared class of proving hardware.
pub use raw_market::HardwareClass;
/// Requirements a request puts on its prover.
pub use raw_market::RequestRequirements;

/// The value stored at `address` under `keys` in block `at`, decoded; `None`
/// if there is none.
async fn fetch<Address>(
	at: &AtBlock,
	address: Address,
	keys: Address::KeyParts,
) -> Result<Option<Address::Value>, ChainError>
where
	Address: subxt::storage::Address,
	Address::Value: subxt::ext::scale_decode::DecodeAsType,
{
	let found = at.storage().try_fetch(address, keys).await.map_err(ChainError::rpc)?;
	found.map(|value| value.decode()).transpose().map_err(ChainError::rpc)
}

fn status_of(raw: RawStatus) -> Status {
	match raw {
		RawStatus::Queued { since } => Status::Queued { since },
		RawStatus::Bidding { bids_until, reveal_until, bids } => {
			Status::Bidding { bids_until, reveal_until, bids }
		}
		RawStatus::Dutch { since, closes } => Status::Dutch { since, closes },
		RawStatus::Racing { joined, join_until, commits_close, settles_at, .. } => {
			Status::Racing { joined, join_until, commits_close, settles_at }
		}
		RawStatus::Offered { prover, price, lock_by, .. } => {
			Status::Offered { prover, price, lock_by }
		}
		RawStatus::Locked { prover, price, deadline, collateral, locked_at, .. } => {
			Status::Locked { prover, price, deadline, collateral, locked_at }
		}
		RawStatus::Fulfilled { prover, price, output, at } => {
			Status::Fulfilled { prover, price, output, at }
		}
		RawStatus::Claimed {
			prover, price, claimed_at, due, fallback, output, proof_hash, ..
		} => Status::Claimed { prover, price, claimed_at, due, fallback, output, proof_hash },
		RawStatus::Expired { at } => Status::Expired { at },
		RawStatus::Cancelled { at } => Status::Cancelled { at },
	}
}

impl Chain {
	/// Requests offered to or locked by `prover` at `at`, oldest first (the
	/// market's `ProofMarketApi::jobs`, which reads an index rather than all
	/// requests).
	pub async fn work(&self, at: &AtBlock, prover: &AccountId32) -> Result<Work, ChainError> {
		let call = prova::runtime_apis().proof_market_api().jobs(*prover);
		let jobs = at.runtime_apis().call(call).await.map_err(ChainError::rpc)?;
		let mut work = Work::default();
		for job in jobs {
			match job.stage {
				RawStage::Offered { lock_by } => work.offers.push(Offer {
					request: job.request,
					circuit: job.circuit,
					price: job.price,
					collateral: job.collateral,
					deadline_blocks: job.deadline_blocks,
					lock_by,
				}),
				RawStage::Racing { deadline, commits_close, committed } => work.jobs.push(Job {
					request: job.request,
					attempt: job.attempt,
					circuit: job.circuit,
					input: job.input,
					price: job.price,
					deadline,
					race: Some(RaceStand { commits_close, committed }),
					settlement: Settlement::Direct,
					claim: None,
				}),
				RawStage::Claimed { due, fallback } => work.jobs.push(Job {
					request: job.request,
					attempt: job.attempt,
					circuit: job.circuit,
					input: job.input,
					price: job.price,
					deadline: due,
					race: None,
					settlement: Settlement::Aggregated,
					claim: Some(ClaimStand { due, fallback }),
				}),
				RawStage::Locked { deadline } => {
					// The job list does not carry the tier: one read per locked job.
					let settlement = match self.request(at, job.request).await? {
						Some(request) => request.terms.settlement,
						None => Settlement::Direct,
					};
					work.jobs.push(Job {
						request: job.request,
						attempt: job.attempt,
						circuit: job.circuit,
						input: job.input,
						price: job.price,
						deadline,
						race: None,
						settlement,
						claim: None,
					})
				}
			}
		}
		Ok(work)
	}

	/// The auctions `prover` qualifies for and may act on at `at`, oldest
	/// request first (the market's `ProofMarketApi::openings`).
	pub async fn openings(
		&self,
		at: &AtBlock,
		prover: &AccountId32,
	) -> Result<Vec<Opening>, ChainError> {
		let call = prova::runtime_apis().proof_market_api().openings(*prover);
		let openings = at.runtime_apis().call(call).await.map_err(ChainError::rpc)?;
		Ok(openings
			.into_iter()
			.map(|opening| Opening {
				request: opening.request,
				circuit: opening.circuit,
				work_units: opening.work_units,
				max_fee: opening.max_fee,
				deadline_blocks: opening.deadline_blocks,
				ask: opening.ask,
				phase: match opening.phase {
					RawPhase::Commit { bids_until, committed } => {
						OpeningPhase::Commit { bids_until, committed }
					}
					RawPhase::Reveal { reveal_until, committed, revealed } => {
						OpeningPhase::Reveal { reveal_until, committed, revealed }
					}
					RawPhase::Dutch { price, next_price, closes } => {
						OpeningPhase::Dutch { price, next_price, closes }
					}
					RawPhase::Race { price, join_until } => {
						OpeningPhase::Race { price, join_until }
					}
				},
			})
			.collect())
	}

	/// Request `id` at `at`; `None` if unknown or retired.
	pub async fn request(
		&self,
		at: &AtBlock,
		id: RequestId,
	) -> Result<Option<RequestInfo>, ChainError> {
		let call = prova::runtime_apis().proof_market_api().request(id);
		let Some(raw) = at.runtime_apis().call(call).await.map_err(ChainError::rpc)? else {
			return Ok(None);
		};
		Ok(Some(RequestInfo {
			id,
			requester: raw.requester,
			circuit: raw.circuit,
			max_fee: raw.max_fee,
			deadline_blocks: raw.deadline_blocks,
			submitted_at: raw.submitted_at,
			failed: raw.failed,
			declined: raw.declined,
			compensated: raw.compensated,
			deposit: raw.deposit,
			terms: Terms::from_raw(raw.terms),
			input_commitment: raw.input_commitment,
			status: status_of(raw.status),
		}))
	}

	/// The market listing of `circuit`, if listed.
	pub async fn listing(
		&self,
		at: &AtBlock,
		circuit: H256,
	) -> Result<Option<ListingInfo>, ChainError> {
		let found = fetch(at, prova::storage().market().listings(), (circuit,)).await?;
		Ok(found.map(|listing| listing_info(circuit, listing)))
	}

	/// Every listed circuit.
	pub async fn listings(&self, at: &AtBlock) -> Result<Vec<ListingInfo>, ChainError> {
		let mut entries = at
			.storage()
			.iter(prova::storage().market().listings(), ())
			.await
			.map_err(ChainError::rpc)?;
		let mut listings = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(ChainError::rpc)?;
			let (circuit,) =
				entry.key().map_err(ChainError::rpc)?.decode().map_err(ChainError::rpc)?;
			listings.push(listing_info(circuit, entry.value().decode().map_err(ChainError::rpc)?));
		}
		listings.sort_by(|a, b| a.descriptor.cmp(&b.descriptor));
		Ok(listings)
	}

	/// The registered aggregators and the endpoints they take proofs at,
	/// ordered by account.
	pub async fn aggregators(&self, at: &AtBlock) -> Result<Vec<AggregatorInfo>, ChainError> {
		let mut entries = at
			.storage()
			.iter(prova::storage().market().aggregators(), ())
			.await
			.map_err(ChainError::rpc)?;
		let mut aggregators = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(ChainError::rpc)?;
			let (account,) =
				entry.key().map_err(ChainError::rpc)?.decode().map_err(ChainError::rpc)?;
			let record = entry.value().decode().map_err(ChainError::rpc)?;
			aggregators.push(AggregatorInfo {
				account,
				bond: record.bond,
				endpoint: String::from_utf8_lossy(&record.endpoint).into_owned(),
			});
		}
		aggregators.sort_by(|a, b| a.account.0.cmp(&b.account.0));
		Ok(aggregators)
	}

	/// The aggregation circuit batches are verified against and its merge
	/// verifier hash, if governance set one.
	pub async fn aggregation_circuit(
		&self,
		at: &AtBlock,
	) -> Result<Option<(H256, [u64; 4])>, ChainError> {
		fetch(at, prova::storage().market().aggregation_circuit(), ()).await
	}

	/// The verifier hash of `circuit`'s wrapper, if its owner set one.
	pub async fn wrapper(
		&self,
		at: &AtBlock,
		circuit: H256,
	) -> Result<Option<[u64; 4]>, ChainError> {
		fetch(at, prova::storage().market().wrappers(), (circuit,)).await
	}

	/// Who registered `circuit` with the verifier, if registered.
	pub async fn circuit_owner(
		&self,
		at: &AtBlock,
		circuit: H256,
	) -> Result<Option<AccountId32>, ChainError> {
		let found = fetch(at, prova::storage().verifier().circuits(), (circuit,)).await?;
		Ok(found.map(|info| info.owner))
	}

	/// Whether `circuit`'s verifier data is registered.
	pub async fn circuit_registered(
		&self,
		at: &AtBlock,
		circuit: H256,
	) -> Result<bool, ChainError> {
		Ok(self.circuit_owner(at, circuit).await?.is_some())
	}

	/// What a request for `circuit` costs now; `None` if not listed.
	pub async fn quote(
		&self,
		at: &AtBlock,
		circuit: H256,
		requirements: RequestRequirements<Balance>,
	) -> Result<Option<QuoteInfo>, ChainError> {
		let call = prova::runtime_apis().proof_market_api().quote(circuit, requirements);
		let quote = at.runtime_apis().call(call).await.map_err(ChainError::rpc)?;
		Ok(quote.map(|q| QuoteInfo {
			work_units: q.work_units,
			min_fee: q.min_fee,
			available_now: q.available_now,
		}))
	}

	/// `prover`'s record, backing and reputation; `None` if not registered.
	pub async fn prover(
		&self,
		at: &AtBlock,
		prover: &AccountId32,
	) -> Result<Option<ProverStatus>, ChainError> {
		let call = prova::runtime_apis().provers_api().prover(*prover);
		let Some(info) = at.runtime_apis().call(call).await.map_err(ChainError::rpc)? else {
			return Ok(None);
		};
		let record = info.record;
		Ok(Some(ProverStatus {
			hardware: format!(
				"{} cores, {} GiB, GPU {:?}",
				record.hardware.cpu_cores, record.hardware.memory_gib, record.hardware.gpu
			),
			hardware_class: record.hardware.clone(),
			capacity: record.capacity,
			in_use: record.in_use,
			units_in_use: record.units_in_use,
			ask: record.ask,
			commission_ppb: record.commission.0,
			state: format!("{:?}", record.status).to_lowercase(),
			self_bond: record.self_bond,
			delegated: record.delegated,
			delegators: record.delegators,
			backing: info.backing,
			assigned: record.reputation.assigned,
			fulfilled: record.reputation.fulfilled,
			missed: record.reputation.missed,
			invalid: record.reputation.invalid,
			declined: record.reputation.declined,
			lapsed: record.reputation.lapsed,
			reputation_ppb: info.reputation_score.0,
			unbonding: info.unbonding.into_iter().map(|c| (c.amount, c.unlock_at)).collect(),
			services: info.services.into_iter().map(service_terms).collect(),
		}))
	}
}

/// A service as `(scope, ask, blocks per thousand units)`, its scope written
/// as `prova-prover serve` takes it.
fn service_terms(
	service: prova::runtime_types::prova_primitives::market::Service<Balance>,
) -> (String, Balance, u32) {
	use prova::runtime_types::prova_primitives::market::ServiceScope;
	let scope = match service.scope {
		ServiceScope::Circuit(id) => format!("{id:?}"),
		ServiceScope::Family { name, max_degree_bits } => {
			format!("{}:{max_degree_bits}", String::from_utf8_lossy(&name))
		}
		ServiceScope::Any { max_degree_bits } => format!("any:{max_degree_bits}"),
	};
	(scope, service.ask, service.blocks_per_thousand_units)
}

fn listing_info(
	circuit: H256,
	listing: prova::runtime_types::pallet_proof_market::types::Listing,
) -> ListingInfo {
	ListingInfo {
		circuit,
		descriptor: String::from_utf8_lossy(&listing.descriptor).into_owned(),
		input_elements: listing.input_elements,
		output_elements: listing.output_elements,
		work_units: listing.work_units,
		open_requests: listing.open_requests,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The commitment hashes the SCALE encoding the pallet hashes: the
	/// request (u64 LE), the price (u128 LE), the salt and the bidder's 32
	/// bytes, concatenated.
	#[test]
	fn bid_commitments_hash_the_pallets_encoding() {
		let bidder = AccountId32([9; 32]);
		let salt = [7; 32];
		let mut encoded = 5u64.to_le_bytes().to_vec();
		encoded.extend_from_slice(&300u128.to_le_bytes());
		encoded.extend_from_slice(&salt);
		encoded.extend_from_slice(&bidder.0);
		assert_eq!(encoded.len(), 8 + 16 + 32 + 32);
		assert_eq!(bid_commitment(5, 300, &salt, &bidder), sp_crypto_hashing::blake2_256(&encoded));
		assert_ne!(bid_commitment(5, 301, &salt, &bidder), bid_commitment(5, 300, &salt, &bidder));
		assert_ne!(
			bid_commitment(5, 300, &salt, &AccountId32([8; 32])),
			bid_commitment(5, 300, &salt, &bidder)
		);
	}

	#[test]
	fn terms_round_trip_through_the_runtime_types() {
		let all = [
			Terms::default(),
			Terms {
				mechanism: Mechanism::SealedBid {
					bid_blocks: 2,
					reveal_blocks: 3,
					fallback: Fallback::Expire,
				},
				latency: Some(Latency { target_blocks: 10, floor_ppb: 500_000_000 }),
				settlement: Settlement::Direct,
			},
			Terms {
				mechanism: Mechanism::Dutch { floor: 7, ramp_blocks: 20 },
				latency: None,
				settlement: Settlement::Aggregated,
			},
		];
		for terms in all {
			assert_eq!(Terms::from_raw(terms.to_raw()), terms);
		}
		assert!(all[0].is_default());
		assert!(!all[1].is_default() && !all[2].is_default());
	}
}

/// What a proxy may do, as the runtime's `ProxyType` says it.
pub use prova::runtime_types::prova_runtime::configs::ProxyType;

/// One proxy of an account.
#[derive(Clone, Debug)]
pub struct ProxyEntry {
	/// The key that may act.
	pub delegate: AccountId32,
	/// What it may do.
	pub kind: ProxyType,
	/// Blocks its calls must be announced before they run (0: at once).
	pub delay: u32,
}

impl Chain {
	/// The proxies `who` has registered (`proxy.proxies`).
	pub async fn proxies(
		&self,
		at: &AtBlock,
		who: &AccountId32,
	) -> Result<Vec<ProxyEntry>, ChainError> {
		let found = fetch(at, prova::storage().proxy().proxies(), (who.clone(),)).await?;
		Ok(found
			.map(|(definitions, _deposit)| {
				definitions
					.into_iter()
					.map(|d| ProxyEntry {
						delegate: d.delegate,
						kind: d.proxy_type,
						delay: d.delay,
					})
					.collect()
			})
			.unwrap_or_default())
	}
}
