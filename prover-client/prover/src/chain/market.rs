//! Typed reads of the market, the verifier and the prover registry.
//!
//! The generated types mirror the runtime's generic ones field for field; the
//! views here flatten them into what the daemon and the CLI use, so the rest
//! of the crate does not depend on codegen paths.

use super::{prova, AtBlock, Chain, ChainError};
use prova::runtime_types::{
	pallet_proof_market::types::{JobStage as RawStage, RequestStatus as RawStatus},
	prova_primitives::market as raw_market,
};
use prova_primitives::{Balance, BlockNumber};
use serde::Serialize;
use subxt::utils::{AccountId32, H256};

/// A request's id.
pub type RequestId = u64;

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
	/// The first block at which the proof is late.
	pub deadline: BlockNumber,
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

/// Where a request is in its life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
	/// Waiting for a prover.
	Queued {
		/// Since this block.
		since: BlockNumber,
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
		!matches!(self, Status::Queued { .. } | Status::Offered { .. } | Status::Locked { .. })
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
	/// Where it is.
	#[serde(flatten)]
	pub status: Status,
}

/// Serializes an account as a Prova address.
fn as_address<S: serde::Serializer>(who: &AccountId32, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&super::address(who))
}

/// Serializes accounts as Prova addresses.
fn as_addresses<S: serde::Serializer>(
	accounts: &[AccountId32],
	serializer: S,
) -> Result<S::Ok, S::Error> {
	serializer.collect_seq(accounts.iter().map(super::address))
}

impl RequestInfo {
	/// The prover that locked it, while locked.
	pub fn locker(&self) -> Option<&AccountId32> {
		match &self.status {
			Status::Locked { prover, .. } => Some(prover),
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

fn status_of(raw: RawStatus) -> Status {
	match raw {
		RawStatus::Queued { since } => Status::Queued { since },
		RawStatus::Offered { prover, price, lock_by, .. } => {
			Status::Offered { prover, price, lock_by }
		}
		RawStatus::Locked { prover, price, deadline, collateral, .. } => {
			Status::Locked { prover, price, deadline, collateral }
		}
		RawStatus::Fulfilled { prover, price, output, at } => {
			Status::Fulfilled { prover, price, output, at }
		}
		RawStatus::Expired { at } => Status::Expired { at },
		RawStatus::Cancelled { at } => Status::Cancelled { at },
	}
}

impl Chain {
	/// Requests offered to or locked by `prover` at `at`, oldest first (the
	/// market's `ProofMarketApi::jobs`, which reads an index rather than all
	/// requests).
	pub async fn work(&self, at: &AtBlock, prover: &AccountId32) -> Result<Work, ChainError> {
		let call = prova::runtime_apis().proof_market_api().jobs(prover.clone());
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
				RawStage::Locked { deadline } => work.jobs.push(Job {
					request: job.request,
					attempt: job.attempt,
					circuit: job.circuit,
					input: job.input,
					price: job.price,
					deadline,
				}),
			}
		}
		Ok(work)
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
			status: status_of(raw.status),
		}))
	}

	/// The market listing of `circuit`, if listed.
	pub async fn listing(
		&self,
		at: &AtBlock,
		circuit: H256,
	) -> Result<Option<ListingInfo>, ChainError> {
		let found = at
			.storage()
			.try_fetch(prova::storage().market().listings(), (circuit,))
			.await
			.map_err(ChainError::rpc)?;
		found
			.map(|value| value.decode().map(|listing| listing_info(circuit, listing)))
			.transpose()
			.map_err(ChainError::rpc)
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

	/// Whether `circuit`'s verifier data is registered.
	pub async fn circuit_registered(
		&self,
		at: &AtBlock,
		circuit: H256,
	) -> Result<bool, ChainError> {
		let found = at
			.storage()
			.try_fetch(prova::storage().verifier().circuits(), (circuit,))
			.await
			.map_err(ChainError::rpc)?;
		Ok(found.is_some())
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
		let call = prova::runtime_apis().provers_api().prover(prover.clone());
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
