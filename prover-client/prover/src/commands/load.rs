//! `load`: a load generator for the market.
//!
//! Why: how many requests a network sustains, and what stops it first
//! (block weight or length, the transaction pool, elections per block,
//! provers' capacity, their proving time), is only known by sending
//! requests at a rate and watching every one of them through the chain. A
//! generator that also checks that every request ended and that every
//! account's balance moved exactly as the chain's events say turns a
//! throughput figure into a test of the market's books: a short bounded run
//! is part of CI (`tests/load.rs`), a longer one gives the figure in
//! `prover-client/README.md`.
//!
//! How:
//! 1. `--requesters N` accounts are derived from `--seed` (`//load/0`,
//!    `//load/1`, …) and topped up by the funder (`--key`, default `//Alice`)
//!    with one transfer each, all signed with consecutive nonces and sent at
//!    once;
//! 2. `--requests M` plain election requests of one cheap circuit (the
//!    smallest listed) are sent round-robin from them at `--rate` (requests
//!    per block or per second), each signed with a locally counted nonce and
//!    handed to the pool (`author_submitExtrinsic`) without waiting for its
//!    inclusion; a pool refusal is counted by its JSON-RPC code, and one
//!    that asks for a new signature (a stale nonce, a birth block the pool
//!    has not imported yet) is signed and sent again, twice at most;
//! 3. meanwhile a follower reads every finalized block from the one before
//!    the funding (B0) on: which of the sent transactions it includes, its
//!    events (requests submitted, offered, locked, fulfilled, expired,
//!    cancelled; failed attempts; transaction fees; the funding transfers),
//!    its timestamp, the weight it used, its extrinsics' bytes and the
//!    market's queue; progress is logged per block;
//! 4. once every request has ended or outlived `--end-within` blocks (from
//!    the best block when it was sent), each requester's free and held
//!    balances at the last block read (B1) must equal those at B0 moved by
//!    what the events in between say ([`Ledger`]), to the plank;
//! 5. the report (a table, or JSON with `--json`) gives per block what was
//!    sent, included, offered, locked and settled, latency percentiles from
//!    sending to inclusion, offer, lock and settlement (blocks and seconds),
//!    pool refusals by code, other errors, each request's outcome (an expiry
//!    with its reason) and the reconciliation; the command fails when a
//!    request never ended, a balance does not reconcile, or no request was
//!    accepted at all.
//!
//! Finalized blocks are read rather than best ones so that a reorganisation
//! cannot count an event twice; the latencies come from block numbers and
//! block timestamps, so finality's lag does not enter them.

use super::{circuits, format_amount, parse_amount, print};
use crate::{
	chain::{
		address, calls, prova, AtBlock, Chain, ChainError, Config, PoolVerdict, RequestId,
		RequestRequirements, TxError, MORTALITY_BLOCKS,
	},
	key::{self, Signer},
};
use anyhow::{bail, Context};
use prova::runtime_types::{
	prova_primitives::market::{GpuClass, HardwareClass},
	sp_arithmetic::per_things::Perbill,
};
use prova_circuits::Workload;
use prova_primitives::{Balance, MILLISECS_PER_BLOCK};
use serde::Serialize;
use std::{
	collections::{BTreeMap, HashMap},
	sync::{Arc, Mutex},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use subxt::{
	events::{Events, Phase},
	utils::{AccountId32, H256},
};

/// Times a request is signed and sent when the pool asks for a new
/// signature (see [`PoolVerdict::SignAgain`]).
const SEND_ATTEMPTS: u32 = 3;

/// How often requests are sent: per block (of [`MILLISECS_PER_BLOCK`]) or
/// per second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rate {
	/// Requests per block.
	PerBlock(f64),
	/// Requests per second.
	PerSecond(f64),
}

impl Rate {
	/// Requests per second.
	pub fn per_second(self) -> f64 {
		match self {
			Rate::PerBlock(rate) => rate * 1000.0 / MILLISECS_PER_BLOCK as f64,
			Rate::PerSecond(rate) => rate,
		}
	}

	/// Requests per block.
	pub fn per_block(self) -> f64 {
		self.per_second() * MILLISECS_PER_BLOCK as f64 / 1000.0
	}

	/// The time between two requests.
	pub fn interval(self) -> Duration {
		Duration::from_secs_f64(1.0 / self.per_second())
	}
}

impl std::fmt::Display for Rate {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Rate::PerBlock(rate) => write!(f, "{rate}/block"),
			Rate::PerSecond(rate) => write!(f, "{rate}/s"),
		}
	}
}

/// Reads `--rate`: `N/block` (or `N/b`) or `N/s` (or `N/sec`), N a positive
/// number (`0.5/s`, `4/block`).
pub fn parse_rate(text: &str) -> Result<Rate, String> {
	let bad = |why: &str| format!("bad rate `{text}`: {why}; expected e.g. 2/block or 0.5/s");
	let (number, unit) = text.trim().split_once('/').ok_or_else(|| bad("no unit"))?;
	let rate: f64 = number.trim().parse().map_err(|_| bad("not a number"))?;
	if !rate.is_finite() || rate <= 0.0 || rate > 10_000.0 {
		return Err(bad("the number must be above 0 and at most 10000"));
	}
	match unit.trim().to_lowercase().as_str() {
		"block" | "blocks" | "b" => Ok(Rate::PerBlock(rate)),
		"s" | "sec" | "second" => Ok(Rate::PerSecond(rate)),
		other => Err(bad(&format!("unknown unit `{other}`"))),
	}
}

/// What the load generator reads from one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
	/// `Market::RequestSubmitted`: `max_fee` and `deposit` held from `requester`.
	Submitted {
		/// The new request.
		request: RequestId,
		/// Who sent it.
		requester: AccountId32,
		/// Fee held.
		max_fee: Balance,
		/// Deposit held.
		deposit: Balance,
	},
	/// `Market::RequestOffered`: a prover was elected.
	Offered {
		/// The request.
		request: RequestId,
	},
	/// `Market::OfferDeclined`: the offered prover declined or let it lapse.
	Declined {
		/// The request.
		request: RequestId,
	},
	/// `Market::RequestLocked`: a prover took it; its deadline runs.
	Locked {
		/// The request.
		request: RequestId,
	},
	/// `Market::RequestFulfilled`: proved; the fee released, `price` paid to
	/// the prover (and any fallback charge taken), `refunded` of the fee left
	/// with the requester.
	Fulfilled {
		/// The request.
		request: RequestId,
		/// Paid to the prover.
		price: Balance,
		/// What of the fee the requester kept.
		refunded: Balance,
	},
	/// `Market::DeadlineMissed` or `Market::ProofRejected`: the locker failed;
	/// `compensated` of its collateral went to the requester.
	AttemptFailed {
		/// The request.
		request: RequestId,
		/// Paid to the requester.
		compensated: Balance,
		/// Why: `missed deadline` or `invalid proof`.
		why: &'static str,
	},
	/// `Market::RequestExpired`: the fee released, the deposit too less what
	/// was `forfeited`.
	Expired {
		/// The request.
		request: RequestId,
		/// Deposit taken.
		forfeited: Balance,
	},
	/// `Market::RequestCancelled`: fee and deposit released.
	Cancelled {
		/// The request.
		request: RequestId,
	},
	/// `TransactionPayment::TransactionFeePaid`: `fee` (tip included) taken from `who`.
	FeePaid {
		/// The payer.
		who: AccountId32,
		/// The fee.
		fee: Balance,
	},
	/// `Balances::Transfer`.
	Transfer {
		/// Sender.
		from: AccountId32,
		/// Receiver.
		to: AccountId32,
		/// Amount.
		amount: Balance,
	},
	/// `System::ExtrinsicFailed`, with the error's name.
	ExtrinsicFailed {
		/// `Pallet::Error`, or the dispatch error's kind.
		error: String,
	},
}

/// The events of a block the load generator reads, each with the index of
/// the extrinsic that emitted it (`None`: the block's hooks).
pub fn read_events(
	events: &Events<Config>,
	metadata: &subxt::Metadata,
) -> anyhow::Result<Vec<(Option<u32>, Seen)>> {
	use prova::{balances::events as balances, market::events as market, system::events as system};
	let mut seen = Vec::new();
	for event in events.iter() {
		let event = event.context("decoding an event")?;
		let extrinsic = match event.phase() {
			Phase::ApplyExtrinsic(index) => Some(index),
			_ => None,
		};
		let what = match (event.pallet_name(), event.event_name()) {
			("Market", "RequestSubmitted") => {
				let e: market::RequestSubmitted = event.decode_fields_unchecked_as()?;
				Seen::Submitted {
					request: e.request,
					requester: e.requester,
					max_fee: e.max_fee,
					deposit: e.deposit,
				}
			}
			("Market", "RequestOffered") => {
				let e: market::RequestOffered = event.decode_fields_unchecked_as()?;
				Seen::Offered { request: e.request }
			}
			("Market", "OfferDeclined") => {
				let e: market::OfferDeclined = event.decode_fields_unchecked_as()?;
				Seen::Declined { request: e.request }
			}
			("Market", "RequestLocked") => {
				let e: market::RequestLocked = event.decode_fields_unchecked_as()?;
				Seen::Locked { request: e.request }
			}
			("Market", "RequestFulfilled") => {
				let e: market::RequestFulfilled = event.decode_fields_unchecked_as()?;
				Seen::Fulfilled { request: e.request, price: e.price, refunded: e.refunded }
			}
			("Market", "DeadlineMissed") => {
				let e: market::DeadlineMissed = event.decode_fields_unchecked_as()?;
				Seen::AttemptFailed {
					request: e.request,
					compensated: e.compensated,
					why: "missed deadline",
				}
			}
			("Market", "ProofRejected") => {
				let e: market::ProofRejected = event.decode_fields_unchecked_as()?;
				Seen::AttemptFailed {
					request: e.request,
					compensated: e.compensated,
					why: "invalid proof",
				}
			}
			("Market", "RequestExpired") => {
				let e: market::RequestExpired = event.decode_fields_unchecked_as()?;
				Seen::Expired { request: e.request, forfeited: e.forfeited }
			}
			("Market", "RequestCancelled") => {
				let e: market::RequestCancelled = event.decode_fields_unchecked_as()?;
				Seen::Cancelled { request: e.request }
			}
			("TransactionPayment", "TransactionFeePaid") => {
				let e: prova::transaction_payment::events::TransactionFeePaid =
					event.decode_fields_unchecked_as()?;
				Seen::FeePaid { who: e.who, fee: e.actual_fee }
			}
			("Balances", "Transfer") => {
				let e: balances::Transfer = event.decode_fields_unchecked_as()?;
				Seen::Transfer { from: e.from, to: e.to, amount: e.amount }
			}
			("System", "ExtrinsicFailed") => {
				let e: system::ExtrinsicFailed = event.decode_fields_unchecked_as()?;
				Seen::ExtrinsicFailed { error: dispatch_error_name(&e.dispatch_error, metadata) }
			}
			_ => continue,
		};
		seen.push((extrinsic, what));
	}
	Ok(seen)
}

/// `Pallet::Error` for a module error, else the dispatch error's kind.
fn dispatch_error_name(
	error: &prova::runtime_types::sp_runtime::DispatchError,
	metadata: &subxt::Metadata,
) -> String {
	use prova::runtime_types::sp_runtime::DispatchError;
	if let DispatchError::Module(module) = error {
		if let Some(pallet) = metadata.pallet_by_error_index(module.index) {
			if let Some(variant) = pallet.error_variant_by_index(module.error[0]) {
				return format!("{}::{}", pallet.name(), variant.name);
			}
		}
	}
	let debug = format!("{error:?}");
	debug.split(['(', ' ', '{']).next().unwrap_or(&debug).to_string()
}

/// Where one account's money went according to the events, in planks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Flows {
	/// Received from the funder.
	pub funded: Balance,
	/// Transaction fees paid.
	pub fees: Balance,
	/// Fees and deposits held by its requests.
	pub held: Balance,
	/// Fees and deposits of its ended requests no longer held.
	pub unheld: Balance,
	/// Of those, returned to its free balance.
	pub released: Balance,
	/// Paid to provers (prices and fallback charges).
	pub paid: Balance,
	/// Deposits forfeited.
	pub forfeited: Balance,
	/// Compensation received from failed provers' collateral.
	pub compensated: Balance,
}

impl Flows {
	/// The free balance these flows leave from `free`; `None` below zero.
	pub fn free_after(&self, free: Balance) -> Option<Balance> {
		(free + self.funded + self.released + self.compensated).checked_sub(self.fees + self.held)
	}

	/// The held balance they leave from `held`; `None` below zero.
	pub fn held_after(&self, held: Balance) -> Option<Balance> {
		(held + self.held).checked_sub(self.unheld)
	}
}

/// What a set of accounts should hold, from the chain's events alone: the
/// funder's transfers to them, their transaction fees, and the market's
/// holds, releases, payments, forfeits and compensations of their requests.
/// Feed it every block's events in order ([`Ledger::apply`]); then
/// [`Flows::free_after`] and [`Flows::held_after`] of an account's
/// [`Ledger::flows`] from its balances before the first block give what
/// its balances must be after the last, to the plank.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
	funder: Option<AccountId32>,
	accounts: BTreeMap<AccountId32, Flows>,
	/// Requester, fee and deposit of each request submitted by a tracked account.
	escrow: HashMap<RequestId, (AccountId32, Balance, Balance)>,
}

impl Ledger {
	/// A ledger of `accounts`, counting transfers from `funder` into them.
	pub fn new(
		accounts: impl IntoIterator<Item = AccountId32>,
		funder: Option<AccountId32>,
	) -> Ledger {
		Ledger {
			funder,
			accounts: accounts.into_iter().map(|who| (who, Flows::default())).collect(),
			..Ledger::default()
		}
	}

	/// The flows of `who` so far (zero for an account not tracked).
	pub fn flows(&self, who: &AccountId32) -> Flows {
		self.accounts.get(who).copied().unwrap_or_default()
	}

	/// Counts one event.
	pub fn apply(&mut self, seen: &Seen) {
		match seen {
			Seen::Submitted { request, requester, max_fee, deposit } => {
				if let Some(flows) = self.accounts.get_mut(requester) {
					flows.held += max_fee + deposit;
					self.escrow.insert(*request, (*requester, *max_fee, *deposit));
				}
			}
			Seen::FeePaid { who, fee } => {
				if let Some(flows) = self.accounts.get_mut(who) {
					flows.fees += fee;
				}
			}
			Seen::Transfer { from, to, amount } if Some(from) == self.funder.as_ref() => {
				if let Some(flows) = self.accounts.get_mut(to) {
					flows.funded += amount;
				}
			}
			Seen::AttemptFailed { request, compensated, .. } => {
				if let Some((requester, _, _)) = self.escrow.get(request) {
					self.accounts.entry(*requester).or_default().compensated += compensated;
				}
			}
			Seen::Fulfilled { request, refunded, .. } => self.end(*request, Some(*refunded), 0),
			Seen::Expired { request, forfeited } => self.end(*request, None, *forfeited),
			Seen::Cancelled { request } => self.end(*request, None, 0),
			_ => {}
		}
	}

	/// A request ended: its fee and deposit are no longer held. The fee
	/// returns to the requester's free balance but for what was paid out of
	/// it (all of it returns when `kept` is `None`: no prover was paid), the
	/// deposit but for what was `forfeited`.
	fn end(&mut self, request: RequestId, kept: Option<Balance>, forfeited: Balance) {
		// Not a tracked account's (a run checks that its requesters have no
		// request open when it starts, so every one of theirs is seen).
		let Some((requester, fee, deposit)) = self.escrow.remove(&request) else { return };
		let kept = kept.unwrap_or(fee).min(fee);
		let forfeited = forfeited.min(deposit);
		let flows = self.accounts.entry(requester).or_default();
		flows.unheld += fee + deposit;
		flows.paid += fee - kept;
		flows.forfeited += forfeited;
		flows.released += kept + deposit - forfeited;
	}

	/// Whether `request` was submitted by a tracked account and has not ended.
	pub fn is_open(&self, request: RequestId) -> bool {
		self.escrow.contains_key(&request)
	}
}

/// A block and the time in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Stamp {
	/// Block number.
	pub block: u32,
	/// Its timestamp (ms since the Unix epoch).
	pub ms: u64,
}

/// How a sent request ended up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
	/// Sent, not seen in a block yet.
	InPool,
	/// Refused by the pool with this JSON-RPC code.
	Rejected {
		/// The code (1010 invalid, 1012 banned, 1014 priority too low, ...).
		code: i32,
	},
	/// Sending failed otherwise (a lost connection, a signing failure).
	SendFailed {
		/// What failed.
		error: String,
	},
	/// Included and failed (`System::ExtrinsicFailed`).
	FailedInBlock {
		/// The error's name.
		error: String,
	},
	/// Not included before its transaction's era ended.
	NotIncluded,
	/// A request, not ended yet.
	Open,
	/// Proved and paid.
	Fulfilled {
		/// Paid to the prover.
		price: Balance,
	},
	/// Ended without a proof.
	Expired {
		/// Why, from the request's history.
		reason: String,
	},
	/// Withdrawn by its requester.
	Cancelled,
	/// Still open (or in the pool) `end_within` blocks after it was sent.
	NeverEnded,
}

impl Outcome {
	/// Whether the request's story is over (well or not).
	fn is_final(&self) -> bool {
		!matches!(self, Outcome::InPool | Outcome::Open)
	}
}

/// One request the generator sent.
#[derive(Clone, Debug, Serialize)]
pub struct Sent {
	/// Its place in the run (0-based).
	pub index: usize,
	/// The requester (SS58).
	pub requester: String,
	/// Index of the requester.
	#[serde(skip)]
	pub requester_index: usize,
	/// The transaction's hash.
	pub tx: H256,
	/// The best block when it was sent.
	pub sent_block: u32,
	/// When it was sent (ms since the Unix epoch).
	pub sent_ms: u64,
	/// The request id, once submitted.
	pub request: Option<RequestId>,
	/// Its inclusion.
	pub included: Option<Stamp>,
	/// Its first offer to a prover.
	pub offered: Option<Stamp>,
	/// Its first lock by a prover.
	pub locked: Option<Stamp>,
	/// Its end.
	pub ended: Option<Stamp>,
	/// Offers made.
	pub offers: u32,
	/// Offers declined or lapsed.
	pub declines: u32,
	/// Failed attempts (missed deadlines, invalid proofs).
	pub failures: Vec<&'static str>,
	/// Where it stands.
	#[serde(flatten)]
	pub outcome: Outcome,
}

impl Sent {
	/// Why a request expired, from what happened to it.
	fn expiry_reason(&self, forfeited: Balance) -> String {
		if !self.failures.is_empty() {
			let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
			for why in &self.failures {
				*counts.entry(why).or_default() += 1;
			}
			let list: Vec<String> = counts.iter().map(|(why, n)| format!("{why} ×{n}")).collect();
			format!("its provers failed ({})", list.join(", "))
		} else if self.declines > 0 {
			format!("{} offer(s) declined or lapsed, none locked", self.declines)
		} else if forfeited > 0 || self.offers == 0 {
			"never offered: no eligible prover with room (deposit forfeited)".to_string()
		} else {
			"expired".to_string()
		}
	}

	fn latency(&self, stamp: Option<Stamp>) -> Option<(u32, f64)> {
		stamp.map(|s| {
			(
				s.block.saturating_sub(self.sent_block),
				s.ms.saturating_sub(self.sent_ms) as f64 / 1000.0,
			)
		})
	}
}

/// One block as the follower reads it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BlockInfo {
	/// Number.
	pub number: u32,
	/// Timestamp (ms since the Unix epoch).
	pub ms: u64,
	/// Extrinsics in it.
	pub extrinsics: u32,
	/// Their bytes.
	pub bytes: u64,
	/// Weight (ref time) of its transactions (normal and operational), in
	/// parts per thousand of the block's maximum.
	pub tx_weight_permille: u32,
	/// Weight of its hooks and inherents (mandatory: the market's
	/// elections, session changes), in parts per thousand of the maximum.
	pub hook_weight_permille: u32,
	/// Requests waiting in the market's queue for an election after it.
	pub queued: u32,
	/// Offers of the run's requests made in it.
	pub offers: u32,
	/// Offers of the run's requests declined or lapsed in it.
	pub declines: u32,
}

/// What the follower has read so far, and what was sent.
#[derive(Default)]
struct Tracker {
	sent: Vec<Sent>,
	by_tx: HashMap<H256, usize>,
	by_request: HashMap<RequestId, usize>,
	funding: HashMap<H256, (usize, Option<Result<u32, String>>)>,
	ledger: Ledger,
	blocks: Vec<BlockInfo>,
	last: Option<(u32, H256)>,
	errors: BTreeMap<String, u32>,
	pool: BTreeMap<i32, (usize, String)>,
	failed: Option<String>,
}

impl Tracker {
	fn apply(
		&mut self,
		mut info: BlockInfo,
		hash: H256,
		extrinsics: &[H256],
		seen: &[(Option<u32>, Seen)],
	) {
		let stamp = Stamp { block: info.number, ms: info.ms };
		let ours = |tracker: &Tracker, index: Option<u32>| {
			let hash = extrinsics.get(index? as usize)?;
			tracker.by_tx.get(hash).copied()
		};
		for hash in extrinsics {
			if let Some(&i) = self.by_tx.get(hash) {
				self.sent[i].included.get_or_insert(stamp);
			}
			if let Some((_, done)) = self.funding.get_mut(hash) {
				done.get_or_insert(Ok(info.number));
			}
		}
		for (extrinsic, event) in seen {
			self.ledger.apply(event);
			let request = match event {
				Seen::Submitted { request, .. } => {
					if let Some(i) = ours(self, *extrinsic) {
						self.sent[i].request = Some(*request);
						self.sent[i].outcome = Outcome::Open;
						self.by_request.insert(*request, i);
					}
					continue;
				}
				Seen::ExtrinsicFailed { error } => {
					if let Some(i) = ours(self, *extrinsic) {
						self.sent[i].outcome = Outcome::FailedInBlock { error: error.clone() };
						*self.errors.entry(error.clone()).or_default() += 1;
					}
					let funding = extrinsic.and_then(|i| extrinsics.get(i as usize));
					if let Some((_, done)) = funding.and_then(|hash| self.funding.get_mut(hash)) {
						*done = Some(Err(error.clone()));
					}
					continue;
				}
				Seen::Offered { request }
				| Seen::Declined { request }
				| Seen::Locked { request }
				| Seen::Fulfilled { request, .. }
				| Seen::AttemptFailed { request, .. }
				| Seen::Expired { request, .. }
				| Seen::Cancelled { request } => *request,
				_ => continue,
			};
			let Some(&i) = self.by_request.get(&request) else { continue };
			let sent = &mut self.sent[i];
			match event {
				Seen::Offered { .. } => {
					sent.offers += 1;
					info.offers += 1;
					sent.offered.get_or_insert(stamp);
				}
				Seen::Declined { .. } => {
					sent.declines += 1;
					info.declines += 1;
				}
				Seen::Locked { .. } => {
					sent.locked.get_or_insert(stamp);
				}
				Seen::AttemptFailed { why, .. } => sent.failures.push(why),
				Seen::Fulfilled { price, .. } => {
					sent.ended = Some(stamp);
					sent.outcome = Outcome::Fulfilled { price: *price };
				}
				Seen::Expired { forfeited, .. } => {
					sent.ended = Some(stamp);
					sent.outcome = Outcome::Expired { reason: sent.expiry_reason(*forfeited) };
				}
				Seen::Cancelled { .. } => {
					sent.ended = Some(stamp);
					sent.outcome = Outcome::Cancelled;
				}
				_ => {}
			}
		}
		// A transaction still unseen after its era can no longer be included.
		for sent in &mut self.sent {
			if sent.outcome == Outcome::InPool
				&& u64::from(info.number) > u64::from(sent.sent_block) + MORTALITY_BLOCKS + 1
			{
				sent.outcome = Outcome::NotIncluded;
				*self.errors.entry("not included before its era ended".into()).or_default() += 1;
			}
		}
		let count = |f: &dyn Fn(&Sent) -> bool| self.sent.iter().filter(|s| f(s)).count();
		tracing::info!(
			block = info.number,
			sent = self.sent.len(),
			submitted = count(&|s| s.request.is_some()),
			assigned = count(&|s| s.locked.is_some()),
			settled = count(&|s| matches!(s.outcome, Outcome::Fulfilled { .. })),
			expired = count(&|s| matches!(s.outcome, Outcome::Expired { .. })),
			open = count(&|s| s.outcome == Outcome::Open),
			in_pool = count(&|s| s.outcome == Outcome::InPool),
			queued = info.queued,
			tx_weight_permille = info.tx_weight_permille,
			hook_weight_permille = info.hook_weight_permille,
			"load"
		);
		self.last = Some((info.number, hash));
		self.blocks.push(info);
	}
}

/// Reads block `number` (finalized) into the tracker.
async fn read_block(chain: &Chain, number: u32, tracker: &Mutex<Tracker>) -> anyhow::Result<()> {
	let at = chain.api().at_block(u64::from(number)).await.map_err(ChainError::rpc)?;
	let hash = at.block_hash();
	let extrinsics = at.extrinsics().fetch().await.map_err(ChainError::rpc)?;
	let mut hashes = Vec::new();
	let mut bytes = 0u64;
	for extrinsic in extrinsics.iter() {
		let extrinsic = extrinsic.map_err(ChainError::rpc)?;
		hashes.push(extrinsic.hash());
		bytes += extrinsic.bytes().len() as u64;
	}
	let events = at.events().fetch().await.map_err(ChainError::rpc)?;
	let seen = read_events(&events, at.metadata_ref())?;
	let ms = value(&at, prova::storage().timestamp().now(), ()).await?.unwrap_or_default();
	let weight = value(&at, prova::storage().system().block_weight(), ()).await?;
	let (tx_weight, hook_weight) = weight
		.map(|w| (w.normal.ref_time + w.operational.ref_time, w.mandatory.ref_time))
		.unwrap_or_default();
	let max = at
		.constants()
		.entry(prova::constants().system().block_weights())
		.map(|weights| weights.max_block.ref_time)
		.unwrap_or(u64::MAX)
		.max(1);
	let queued = value(&at, prova::storage().market().queue(), ()).await?.map_or(0, |q| q.len());
	let info = BlockInfo {
		number,
		ms,
		extrinsics: hashes.len() as u32,
		bytes,
		tx_weight_permille: (u128::from(tx_weight) * 1000 / u128::from(max)) as u32,
		hook_weight_permille: (u128::from(hook_weight) * 1000 / u128::from(max)) as u32,
		queued: queued as u32,
		offers: 0,
		declines: 0,
	};
	tracker.lock().expect("tracker").apply(info, hash, &hashes, &seen);
	Ok(())
}

/// The value at `address` in block `at`, decoded.
async fn value<Address>(
	at: &AtBlock,
	address: Address,
	keys: Address::KeyParts,
) -> anyhow::Result<Option<Address::Value>>
where
	Address: subxt::storage::Address,
	Address::Value: subxt::ext::scale_decode::DecodeAsType,
{
	let found = at.storage().try_fetch(address, keys).await.map_err(ChainError::rpc)?;
	Ok(found.map(|value| value.decode()).transpose().map_err(ChainError::rpc)?)
}

/// Free and held (reserved) balance of `who` at `at`.
async fn balances_at(at: &AtBlock, who: &AccountId32) -> anyhow::Result<(Balance, Balance)> {
	let account = at
		.storage()
		.fetch(prova::storage().system().account(), (*who,))
		.await
		.map_err(ChainError::rpc)?
		.decode()
		.map_err(ChainError::rpc)?;
	Ok((account.data.free, account.data.reserved))
}

/// Reads finalized blocks after `from` until told to stop, or fails when
/// finality stalls for a minute.
async fn follow(
	chain: Chain,
	from: u32,
	tracker: Arc<Mutex<Tracker>>,
	stop: Arc<std::sync::atomic::AtomicBool>,
) {
	use std::sync::atomic::Ordering;
	let mut next = from + 1;
	let mut progress = Instant::now();
	let result: anyhow::Result<()> = async {
		while !stop.load(Ordering::SeqCst) {
			let finalized = chain.finalized_head().await?.number;
			while next <= finalized && !stop.load(Ordering::SeqCst) {
				read_block(&chain, next, &tracker).await?;
				next += 1;
				progress = Instant::now();
			}
			if progress.elapsed() > Duration::from_secs(60) {
				bail!("finality stalled: no block finalized after #{} for 60 s", next - 1);
			}
			tokio::time::sleep(Duration::from_millis(300)).await;
		}
		Ok(())
	}
	.await;
	if let Err(error) = result {
		tracker.lock().expect("tracker").failed = Some(format!("{error:#}"));
	}
}

/// `load`'s settings.
#[derive(Clone, Debug)]
pub struct LoadSettings {
	/// Requester accounts.
	pub requesters: usize,
	/// Requests in all.
	pub requests: usize,
	/// Sending rate.
	pub rate: Rate,
	/// Circuit name, descriptor or id; `None`: the smallest listed.
	pub circuit: Option<String>,
	/// Fee offered; `None`: the quote.
	pub max_fee: Option<Balance>,
	/// Deadline in blocks from the lock.
	pub deadline: u32,
	/// Requester derivation prefix (`//load` gives `//load/0`, …).
	pub seed: String,
	/// Free balance each requester is topped up to; `None`: enough for its share.
	pub fund: Option<Balance>,
	/// Blocks from sending within which each request must end.
	pub end_within: u32,
}

impl LoadSettings {
	/// The settings `load`'s options give.
	pub fn from_args(args: &crate::cli::LoadArgs) -> anyhow::Result<LoadSettings> {
		Ok(LoadSettings {
			requesters: args.requesters.max(1),
			requests: args.requests,
			rate: args.rate,
			circuit: args.circuit.clone(),
			max_fee: args.max_fee.as_deref().map(parse_amount).transpose()?,
			deadline: args.deadline,
			seed: args.seed.clone(),
			fund: args.fund.as_deref().map(parse_amount).transpose()?,
			end_within: args.end_within.unwrap_or(3 * (args.deadline + 5) + 10),
		})
	}
}

/// Latency percentiles of one stage, from sending.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Percentiles {
	/// Requests that reached the stage.
	pub count: usize,
	/// In blocks: p50, p90, p99, max.
	pub blocks: [u32; 4],
	/// In seconds: p50, p90, p99, max.
	pub seconds: [f64; 4],
}

/// The nearest-rank `p`-th percentile of sorted `values`.
pub fn percentile<T: Copy>(sorted: &[T], p: f64) -> Option<T> {
	if sorted.is_empty() {
		return None;
	}
	let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
	Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

impl Percentiles {
	fn of(samples: impl Iterator<Item = (u32, f64)>) -> Percentiles {
		let (mut blocks, mut seconds): (Vec<u32>, Vec<f64>) = samples.unzip();
		blocks.sort_unstable();
		seconds.sort_by(f64::total_cmp);
		let pick =
			|p| (percentile(&blocks, p).unwrap_or(0), percentile(&seconds, p).unwrap_or(0.0));
		let (b50, s50) = pick(50.0);
		let (b90, s90) = pick(90.0);
		let (b99, s99) = pick(99.0);
		let (bmax, smax) = pick(100.0);
		Percentiles {
			count: blocks.len(),
			blocks: [b50, b90, b99, bmax],
			seconds: [s50, s90, s99, smax],
		}
	}
}

/// One requester's reconciliation.
#[derive(Clone, Debug, Serialize)]
pub struct Reconciled {
	/// The account (SS58).
	pub requester: String,
	/// Free and held balance at the first block (B0).
	pub before: (Balance, Balance),
	/// What the events say moved.
	pub flows: Flows,
	/// Free and held balance they imply at the last block (B1).
	pub expected: (Option<Balance>, Option<Balance>),
	/// Free and held balance read at B1.
	pub actual: (Balance, Balance),
	/// Whether they agree to the plank.
	pub ok: bool,
}

/// One row of the per-block table.
#[derive(Clone, Debug, Serialize)]
pub struct BlockRow {
	/// The block.
	#[serde(flatten)]
	pub block: BlockInfo,
	/// Requests sent while it was the best block.
	pub sent: usize,
	/// Requests submitted in it.
	pub submitted: usize,
	/// First locks (assignments) in it.
	pub assigned: usize,
	/// Fulfilled in it.
	pub settled: usize,
	/// Expired or cancelled in it.
	pub expired: usize,
	/// Requests of the run submitted and not ended after it.
	pub open: usize,
}

/// What a run measured.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
	/// The node.
	pub url: String,
	/// The circuit's name.
	pub circuit: String,
	/// Requester accounts.
	pub requesters: usize,
	/// Requests to send.
	pub requests: usize,
	/// Rate asked, per block.
	pub rate_per_block: f64,
	/// Rate achieved by the sender, per block (from the first to the last send).
	pub sent_per_block: f64,
	/// Fee offered.
	pub max_fee: Balance,
	/// Deadline in blocks.
	pub deadline: u32,
	/// The bound on each request's end, in blocks from sending.
	pub end_within: u32,
	/// First and last block read (B0 is the one before the first).
	pub blocks_read: (u32, u32),
	/// Requests fulfilled per block, from the first submission's block to
	/// the last settlement's.
	pub settled_per_block: f64,
	/// Per block, from the first send to the last end.
	pub per_block: Vec<BlockRow>,
	/// Latency from sending to inclusion.
	pub included: Percentiles,
	/// To the first offer.
	pub offered: Percentiles,
	/// To the first lock (assignment).
	pub assigned: Percentiles,
	/// To settlement (fulfilled).
	pub settled: Percentiles,
	/// Median blocks to settlement of the first and the last third of the
	/// requests sent: a rising figure means the queue grows.
	pub settled_p50_first_last_third: (Option<u32>, Option<u32>),
	/// Counts of outcomes.
	pub outcomes: BTreeMap<String, usize>,
	/// Pool refusals by JSON-RPC code, with the first message.
	pub pool_rejections: BTreeMap<i32, (usize, String)>,
	/// Other errors by kind.
	pub errors: BTreeMap<String, u32>,
	/// Requests that did not end within the bound (request id or tx hash).
	pub never_ended: Vec<String>,
	/// Expiries with their reasons.
	pub expired: Vec<String>,
	/// Each requester's balances.
	pub balances: Vec<Reconciled>,
	/// Every request.
	pub sent: Vec<Sent>,
}

impl Report {
	/// Why the run failed, if it did.
	pub fn failures(&self) -> Vec<String> {
		let mut failures = Vec::new();
		if !self.never_ended.is_empty() {
			failures.push(format!(
				"{} request(s) did not end within {} blocks: {}",
				self.never_ended.len(),
				self.end_within,
				self.never_ended.join(", ")
			));
		}
		for row in self.balances.iter().filter(|row| !row.ok) {
			failures.push(format!(
				"{}'s balance does not reconcile: free {} held {} at block {}, the events say {} and {}",
				row.requester,
				row.actual.0,
				row.actual.1,
				self.blocks_read.1,
				row.expected.0.map_or("below zero".into(), |b| b.to_string()),
				row.expected.1.map_or("below zero".into(), |b| b.to_string()),
			));
		}
		if self.sent.iter().all(|s| s.request.is_none()) {
			failures.push("no request was accepted".to_string());
		}
		failures
	}

	/// The report as text tables.
	pub fn render(&self) -> String {
		let mut text = format!(
			"load: {} requests of {} from {} requesters at {:.2}/block (sent at {:.2}/block), max fee {}, deadline {} blocks, to {}\n",
			self.requests,
			self.circuit,
			self.requesters,
			self.rate_per_block,
			self.sent_per_block,
			format_amount(self.max_fee),
			self.deadline,
			self.url
		);
		text += &format!(
			"blocks #{}..=#{} read; settled {:.2}/block\n\n",
			self.blocks_read.0, self.blocks_read.1, self.settled_per_block
		);
		let header = [
			"block",
			"time s",
			"sent",
			"submitted",
			"offers",
			"declined",
			"assigned",
			"settled",
			"expired",
			"open",
			"queued",
			"tx w%",
			"hook w%",
			"KiB",
		];
		let widths = [7, 7, 5, 9, 6, 8, 8, 7, 7, 5, 6, 6, 7, 7];
		let line = |cells: Vec<String>| {
			let mut row = String::new();
			for (cell, width) in cells.iter().zip(widths) {
				row += &format!("{cell:>width$} ");
			}
			row.trim_end().to_string() + "\n"
		};
		text += &line(header.iter().map(|h| h.to_string()).collect());
		let start = self.per_block.first().map_or(0, |row| row.block.ms);
		let mut quiet = 0;
		for (i, row) in self.per_block.iter().enumerate() {
			let b = &row.block;
			// Blocks where nothing of the run happened and nothing changed are
			// folded into one line.
			let idle = row.sent + row.submitted + row.assigned + row.settled + row.expired == 0
				&& b.offers + b.declines == 0
				&& i > 0 && i + 1 < self.per_block.len()
				&& self.per_block[i - 1].open == row.open
				&& self.per_block[i - 1].block.queued == b.queued;
			if idle {
				quiet += 1;
				continue;
			}
			if quiet > 0 {
				text += &format!("{:>7} ({quiet} more blocks alike)\n", "...");
				quiet = 0;
			}
			text += &line(vec![
				b.number.to_string(),
				format!("{:.1}", b.ms.saturating_sub(start) as f64 / 1000.0),
				row.sent.to_string(),
				row.submitted.to_string(),
				b.offers.to_string(),
				b.declines.to_string(),
				row.assigned.to_string(),
				row.settled.to_string(),
				row.expired.to_string(),
				row.open.to_string(),
				b.queued.to_string(),
				format!("{:.1}", f64::from(b.tx_weight_permille) / 10.0),
				format!("{:.1}", f64::from(b.hook_weight_permille) / 10.0),
				format!("{:.1}", b.bytes as f64 / 1024.0),
			]);
		}
		text += &format!(
			"\n{:<22} {:>5} {:>6} {:>6} {:>6} {:>6} {:>8} {:>8} {:>8} {:>8}\n",
			"latency from sending",
			"n",
			"p50 b",
			"p90 b",
			"p99 b",
			"max b",
			"p50 s",
			"p90 s",
			"p99 s",
			"max s"
		);
		for (name, p) in [
			("included", &self.included),
			("offered", &self.offered),
			("assigned (locked)", &self.assigned),
			("settled", &self.settled),
		] {
			text += &format!(
				"{:<22} {:>5} {:>6} {:>6} {:>6} {:>6} {:>8.1} {:>8.1} {:>8.1} {:>8.1}\n",
				name,
				p.count,
				p.blocks[0],
				p.blocks[1],
				p.blocks[2],
				p.blocks[3],
				p.seconds[0],
				p.seconds[1],
				p.seconds[2],
				p.seconds[3]
			);
		}
		let third = |blocks: Option<u32>| blocks.map_or("-".to_string(), |b| b.to_string());
		text += &format!(
			"median blocks from sending to settlement: first third of the requests {}, last third {}\n",
			third(self.settled_p50_first_last_third.0),
			third(self.settled_p50_first_last_third.1)
		);
		let outcomes: Vec<String> =
			self.outcomes.iter().map(|(name, n)| format!("{n} {name}")).collect();
		text += &format!("\noutcomes: {}\n", outcomes.join(", "));
		for line in &self.expired {
			text += &format!("  expired: {line}\n");
		}
		if self.pool_rejections.is_empty() {
			text += "pool rejections: none\n";
		} else {
			for (code, (n, message)) in &self.pool_rejections {
				text += &format!("pool rejections {code}: {n} ({message})\n");
			}
		}
		if self.errors.is_empty() {
			text += "other errors: none\n";
		} else {
			for (error, n) in &self.errors {
				text += &format!("other errors: {n} × {error}\n");
			}
		}
		if !self.never_ended.is_empty() {
			text += &format!("never ended: {}\n", self.never_ended.join(", "));
		}
		text += &format!(
			"\n{:<50} {:>5} {:>17} {:>17} {:>17} {:>17} {:>3}\n",
			"requester (planks)",
			"reqs",
			"tx fees",
			"paid to provers",
			"free expected",
			"free actual",
			"ok"
		);
		for row in &self.balances {
			let requests = self
				.sent
				.iter()
				.filter(|s| s.requester == row.requester && s.request.is_some())
				.count();
			text += &format!(
				"{:<50} {:>5} {:>17} {:>17} {:>17} {:>17} {:>3}\n",
				row.requester,
				requests,
				row.flows.fees,
				row.flows.paid,
				row.expected.0.map_or("-".into(), |b| b.to_string()),
				row.actual.0,
				if row.ok { "yes" } else { "NO" }
			);
		}
		let failures = self.failures();
		text += &if failures.is_empty() {
			format!(
				"\nOK: every request ended within {} blocks and every balance reconciles to the plank",
				self.end_within
			)
		} else {
			format!("\nFAILED: {}", failures.join("; "))
		};
		text
	}
}

fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// `load`: runs the load and prints the report; fails as [`Report::failures`] says.
pub async fn run(
	chain: &Chain,
	funder: &Signer,
	settings: &LoadSettings,
	json: bool,
) -> anyhow::Result<()> {
	let report = execute(chain, funder, settings).await?;
	print(json, &report, Report::render);
	let failures = report.failures();
	if !failures.is_empty() {
		bail!("load run failed: {}", failures.join("; "));
	}
	Ok(())
}

/// Runs the load and returns what it measured.
pub async fn execute(
	chain: &Chain,
	funder: &Signer,
	settings: &LoadSettings,
) -> anyhow::Result<Report> {
	if settings.requests == 0 {
		bail!("--requests must be at least 1");
	}
	let at = chain.best().await?;
	let listing = match &settings.circuit {
		Some(name) => circuits::find(chain, &at, name).await?,
		None => circuits::named_listings(chain, &at)
			.await?
			.into_iter()
			.filter(|l| Workload::from_descriptor(&l.listing.descriptor).is_ok())
			.min_by(|a, b| (a.listing.work_units, &a.name).cmp(&(b.listing.work_units, &b.name)))
			.context("no circuits are listed (see `prova-prover circuits register`)")?,
	};
	let workload = Workload::from_descriptor(&listing.listing.descriptor).map_err(|e| {
		anyhow::anyhow!("circuit `{}` cannot be used from this client: {e}", listing.name)
	})?;
	let reqs = || RequestRequirements {
		hardware: HardwareClass { cpu_cores: 0, memory_gib: 0, gpu: GpuClass::None },
		min_stake: 0,
		min_reputation: Perbill(0),
	};
	let max_fee = match settings.max_fee {
		Some(fee) => fee,
		None => chain
			.quote(&at, listing.listing.circuit, reqs())
			.await?
			.and_then(|q| q.min_fee)
			.with_context(|| {
				format!("no registered prover serves {}; pass --max-fee", listing.name)
			})?,
	};
	let deposit = at
		.constants()
		.entry(prova::constants().market().request_deposit())
		.map_err(ChainError::rpc)?;

	let funder_account = Chain::account_of(funder);
	let mut signers = Vec::new();
	for i in 0..settings.requesters {
		let uri = format!("{}/{i}", settings.seed);
		let signer = key::from_uri(&uri).with_context(|| format!("requester key {uri}"))?;
		if Chain::account_of(&signer) == funder_account {
			bail!("the funder cannot be one of the requesters ({uri})");
		}
		signers.push(signer);
	}
	let accounts: Vec<AccountId32> = signers.iter().map(Chain::account_of).collect();
	let share = settings.requests.div_ceil(settings.requesters) as u128;
	// Each request holds its fee and deposit; a unit more each covers fees.
	let fund = settings.fund.unwrap_or(share * (max_fee + deposit + prova_primitives::token::UNIT));

	// B0: balances and open requests before anything is sent.
	let start = chain.finalized_head().await?;
	let at_start = chain.at(start).await?;
	let mut before = Vec::new();
	for (i, who) in accounts.iter().enumerate() {
		let open = value(&at_start, prova::storage().market().open_requests_of(), (*who,))
			.await?
			.unwrap_or(0);
		if open > 0 {
			bail!(
				"requester {} ({}/{i}) has {open} open request(s) from an earlier run; wait for them to end or pick another --seed",
				address(who),
				settings.seed
			);
		}
		before.push(balances_at(&at_start, who).await?);
	}
	tracing::info!(
		circuit = %listing.name,
		max_fee = %format_amount(max_fee),
		requesters = settings.requesters,
		requests = settings.requests,
		rate = %settings.rate,
		funder = %address(&funder_account),
		from_block = start.number,
		"load starting"
	);

	let tracker = Arc::new(Mutex::new(Tracker {
		ledger: Ledger::new(accounts.iter().copied(), Some(funder_account)),
		..Tracker::default()
	}));
	let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
	let follower = tokio::spawn(follow(chain.clone(), start.number, tracker.clone(), stop.clone()));
	let result = drive(
		chain, funder, settings, &signers, &before, fund, &tracker, &listing, &workload, max_fee,
		reqs,
	)
	.await;
	stop.store(true, std::sync::atomic::Ordering::SeqCst);
	let _ = follower.await;
	result?;

	let tracker =
		Arc::try_unwrap(tracker).ok().expect("the follower ended").into_inner().expect("tracker");
	let (last, last_hash) = tracker.last.context("no block was read")?;
	let at_end = chain.at(crate::chain::Head { number: last, hash: last_hash }).await?;
	let mut balances = Vec::new();
	for (i, who) in accounts.iter().enumerate() {
		let flows = tracker.ledger.flows(who);
		let expected = (flows.free_after(before[i].0), flows.held_after(before[i].1));
		let actual = balances_at(&at_end, who).await?;
		balances.push(Reconciled {
			requester: address(who),
			before: before[i],
			flows,
			expected,
			actual,
			ok: expected == (Some(actual.0), Some(actual.1)),
		});
	}
	Ok(build_report(chain.url(), &listing.name, settings, max_fee, start.number, tracker, balances))
}

/// Funds the requesters, sends the requests and waits for their ends.
#[allow(clippy::too_many_arguments)]
async fn drive(
	chain: &Chain,
	funder: &Signer,
	settings: &LoadSettings,
	signers: &[Signer],
	before: &[(Balance, Balance)],
	fund: Balance,
	tracker: &Arc<Mutex<Tracker>>,
	listing: &circuits::NamedListing,
	workload: &Workload,
	max_fee: Balance,
	reqs: impl Fn() -> RequestRequirements<Balance>,
) -> anyhow::Result<()> {
	let failed = || tracker.lock().expect("tracker").failed.clone();
	// 1. Funding: one transfer per requester below `fund`, consecutive nonces.
	let mut nonce = chain.next_nonce(&Chain::account_of(funder)).await?;
	let mut funding = Vec::new();
	for (i, signer) in signers.iter().enumerate() {
		let free = before[i].0;
		if free >= fund {
			continue;
		}
		let who = Chain::account_of(signer);
		let call = calls().balances().transfer_keep_alive(who.into(), fund - free);
		let tx = chain.sign_with(&call, funder, Some(nonce)).await?;
		nonce += 1;
		tracker.lock().expect("tracker").funding.insert(tx.hash, (i, None));
		chain.send(&tx.bytes).await.with_context(|| format!("funding {}", address(&who)))?;
		funding.push(tx.hash);
	}
	if !funding.is_empty() {
		tracing::info!(transfers = funding.len(), each_up_to = %format_amount(fund), "funding the requesters");
		let started = Instant::now();
		loop {
			if let Some(error) = failed() {
				bail!(error);
			}
			let done: Vec<Option<Result<u32, String>>> = {
				let t = tracker.lock().expect("tracker");
				funding.iter().map(|hash| t.funding[hash].1.clone()).collect()
			};
			if let Some(Some(Err(error))) = done.iter().find(|d| matches!(d, Some(Err(_)))) {
				bail!("a funding transfer failed: {error}");
			}
			if done.iter().all(Option::is_some) {
				break;
			}
			if started.elapsed() > Duration::from_millis(30 * MILLISECS_PER_BLOCK) {
				bail!("the funding transfers were not finalized within 30 blocks");
			}
			tokio::time::sleep(Duration::from_millis(300)).await;
		}
	}

	// 2. Requests, round-robin, at the rate.
	let mut nonces = Vec::new();
	for signer in signers {
		nonces.push(chain.next_nonce(&Chain::account_of(signer)).await?);
	}
	let interval = settings.rate.interval();
	let started = Instant::now();
	let mut lagging = false;
	for index in 0..settings.requests {
		if let Some(error) = failed() {
			bail!(error);
		}
		let due = started + interval.mul_f64(index as f64);
		let now = Instant::now();
		if due > now {
			tokio::time::sleep(due - now).await;
		} else if now - due > Duration::from_secs(1) && !lagging {
			lagging = true;
			tracing::warn!(
				index,
				behind_ms = (now - due).as_millis() as u64,
				"the sender cannot keep up with the rate"
			);
		}
		let r = index % signers.len();
		let input = workload.encode_input(&workload.sample_input(index as u64))?;
		let call = calls().market().submit_request(
			listing.listing.circuit,
			input,
			max_fee,
			settings.deadline,
			reqs(),
		);
		let head = chain.best_head().await?;
		let new = |tx, outcome| Sent {
			index,
			requester: address(&Chain::account_of(&signers[r])),
			requester_index: r,
			tx,
			sent_block: head.number,
			sent_ms: now_ms(),
			request: None,
			included: None,
			offered: None,
			locked: None,
			ended: None,
			offers: 0,
			declines: 0,
			failures: Vec::new(),
			outcome,
		};
		let slot = {
			let mut t = tracker.lock().expect("tracker");
			t.sent.push(new(H256::zero(), Outcome::InPool));
			t.sent.len() - 1
		};
		// A transaction signed against a block the pool has not caught up
		// with yet (1010 `AncientBirthBlock`), or whose nonce went stale, is
		// signed again, twice at most; every refusal is counted.
		for attempt in 1..=SEND_ATTEMPTS {
			let signed = match chain.sign_with(&call, &signers[r], Some(nonces[r])).await {
				Ok(signed) => signed,
				Err(error) => {
					let error = format!("signing: {error}");
					let mut t = tracker.lock().expect("tracker");
					*t.errors.entry(error.clone()).or_default() += 1;
					t.sent[slot].outcome = Outcome::SendFailed { error };
					break;
				}
			};
			{
				let mut t = tracker.lock().expect("tracker");
				t.by_tx.insert(signed.hash, slot);
				t.sent[slot].tx = signed.hash;
				t.sent[slot].outcome = Outcome::InPool;
			}
			let error = match chain.send(&signed.bytes).await {
				Ok(_) => {
					nonces[r] += 1;
					break;
				}
				Err(error) => error,
			};
			tracing::debug!(index, attempt, error = %error, "request refused");
			let refused = match &error {
				ChainError::Tx(TxError::Pool(pool)) => Some((pool.code, pool.to_string())),
				ChainError::Tx(TxError::InsufficientBalance(message)) => {
					Some((1010, message.clone()))
				}
				_ => None,
			};
			let again = matches!(&error, ChainError::Tx(TxError::Pool(pool))
				if pool.verdict() == PoolVerdict::SignAgain);
			{
				let mut t = tracker.lock().expect("tracker");
				t.sent[slot].outcome = match refused {
					Some((code, message)) => {
						t.pool.entry(code).or_insert_with(|| (0, message)).0 += 1;
						t.by_tx.remove(&signed.hash);
						Outcome::Rejected { code }
					}
					// Perhaps sent all the same: still looked for in blocks.
					None => {
						*t.errors.entry(format!("sending: {error}")).or_default() += 1;
						Outcome::SendFailed { error: error.to_string() }
					}
				};
			}
			// The nonce is still free, or ours was stale: ask the node.
			nonces[r] = chain.next_nonce(&Chain::account_of(&signers[r])).await?;
			if !again {
				break;
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}
	let sent_for = started.elapsed();
	tracing::info!(
		requests = settings.requests,
		seconds = sent_for.as_secs_f64(),
		"all requests sent"
	);

	// 3. Wait for every request to end, or to outlive its bound.
	loop {
		if let Some(error) = failed() {
			bail!(error);
		}
		let pending = {
			let mut t = tracker.lock().expect("tracker");
			let last = t.last.map_or(0, |(n, _)| n);
			for sent in &mut t.sent {
				if !sent.outcome.is_final() && last > sent.sent_block + settings.end_within {
					sent.outcome = Outcome::NeverEnded;
				}
			}
			t.sent.iter().filter(|s| !s.outcome.is_final()).count()
		};
		if pending == 0 {
			return Ok(());
		}
		tokio::time::sleep(Duration::from_millis(300)).await;
	}
}

/// The report from what the follower read.
fn build_report(
	url: &str,
	circuit: &str,
	settings: &LoadSettings,
	max_fee: Balance,
	start: u32,
	tracker: Tracker,
	balances: Vec<Reconciled>,
) -> Report {
	let sent = tracker.sent;
	let first = sent.iter().map(|s| s.sent_block).min().unwrap_or(start + 1);
	let last_read = tracker.last.map_or(start, |(n, _)| n);
	let unfinished =
		sent.iter().any(|s| matches!(s.outcome, Outcome::NeverEnded | Outcome::NotIncluded));
	let last_end = if unfinished {
		last_read
	} else {
		sent.iter()
			.filter_map(|s| s.ended.or(s.included).map(|stamp| stamp.block))
			.max()
			.unwrap_or(first)
	};
	let count_at = |block: u32, stamp: fn(&Sent) -> Option<Stamp>| {
		sent.iter().filter(|s| stamp(s).is_some_and(|st| st.block == block)).count()
	};
	let per_block: Vec<BlockRow> = tracker
		.blocks
		.iter()
		.filter(|b| b.number >= first && b.number <= last_end.max(first))
		.map(|b| BlockRow {
			block: b.clone(),
			sent: sent.iter().filter(|s| s.sent_block == b.number).count(),
			submitted: sent
				.iter()
				.filter(|s| {
					s.request.is_some() && s.included.is_some_and(|st| st.block == b.number)
				})
				.count(),
			assigned: count_at(b.number, |s| s.locked),
			settled: sent
				.iter()
				.filter(|s| {
					matches!(s.outcome, Outcome::Fulfilled { .. })
						&& s.ended.is_some_and(|st| st.block == b.number)
				})
				.count(),
			expired: sent
				.iter()
				.filter(|s| {
					!matches!(s.outcome, Outcome::Fulfilled { .. })
						&& s.ended.is_some_and(|st| st.block == b.number)
				})
				.count(),
			open: sent
				.iter()
				.filter(|s| {
					s.request.is_some()
						&& s.included.is_some_and(|st| st.block <= b.number)
						&& s.ended.is_none_or(|st| st.block > b.number)
				})
				.count(),
		})
		.collect();
	let latency = |stamp: fn(&Sent) -> Option<Stamp>| {
		Percentiles::of(sent.iter().filter_map(|s| s.latency(stamp(s))))
	};
	let settled_latency = |s: &Sent| match s.outcome {
		Outcome::Fulfilled { .. } => s.latency(s.ended),
		_ => None,
	};
	let third = sent.len().div_ceil(3).max(1);
	let median_settled = |part: &[Sent]| {
		let mut blocks: Vec<u32> =
			part.iter().filter_map(settled_latency).map(|(blocks, _)| blocks).collect();
		blocks.sort_unstable();
		percentile(&blocks, 50.0)
	};
	let first_third = median_settled(&sent[..third.min(sent.len())]);
	let last_third = median_settled(&sent[sent.len().saturating_sub(third)..]);
	let submitted_first =
		sent.iter().filter_map(|s| s.request.and(s.included)).map(|st| st.block).min();
	let settled_last = sent
		.iter()
		.filter(|s| matches!(s.outcome, Outcome::Fulfilled { .. }))
		.filter_map(|s| s.ended.map(|st| st.block))
		.max();
	let fulfilled = sent.iter().filter(|s| matches!(s.outcome, Outcome::Fulfilled { .. })).count();
	let settled_per_block = match (submitted_first, settled_last) {
		(Some(a), Some(b)) => fulfilled as f64 / f64::from(b.saturating_sub(a) + 1),
		_ => 0.0,
	};
	let sent_blocks = sent.iter().map(|s| s.sent_block);
	let (min_sent, max_sent) =
		(sent_blocks.clone().min().unwrap_or(0), sent_blocks.max().unwrap_or(0));
	let sent_per_block = sent.len() as f64 / f64::from(max_sent.saturating_sub(min_sent) + 1);
	let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
	for s in &sent {
		let name = match &s.outcome {
			Outcome::InPool => "in pool",
			Outcome::Rejected { .. } => "rejected by the pool",
			Outcome::SendFailed { .. } => "not sent",
			Outcome::FailedInBlock { .. } => "failed in their block",
			Outcome::NotIncluded => "never included",
			Outcome::Open => "open",
			Outcome::Fulfilled { .. } => "fulfilled",
			Outcome::Expired { .. } => "expired",
			Outcome::Cancelled => "cancelled",
			Outcome::NeverEnded => "never ended",
		};
		*outcomes.entry(name.to_string()).or_default() += 1;
	}
	let never_ended = sent
		.iter()
		.filter(|s| matches!(s.outcome, Outcome::NeverEnded | Outcome::NotIncluded))
		.map(|s| match s.request {
			Some(id) => format!("request {id}"),
			None => format!("transaction {:?} (never included)", s.tx),
		})
		.collect();
	let expired = sent
		.iter()
		.filter_map(|s| match &s.outcome {
			Outcome::Expired { reason } => {
				Some(format!("request {}: {reason}", s.request.unwrap_or_default()))
			}
			_ => None,
		})
		.collect();
	Report {
		url: url.to_string(),
		circuit: circuit.to_string(),
		requesters: settings.requesters,
		requests: settings.requests,
		rate_per_block: settings.rate.per_block(),
		sent_per_block,
		max_fee,
		deadline: settings.deadline,
		end_within: settings.end_within,
		blocks_read: (start + 1, tracker.last.map_or(start, |(n, _)| n)),
		settled_per_block,
		per_block,
		included: latency(|s| s.included),
		offered: latency(|s| s.offered),
		assigned: latency(|s| s.locked),
		settled: Percentiles::of(sent.iter().filter_map(settled_latency)),
		settled_p50_first_last_third: (first_third, last_third),
		outcomes,
		pool_rejections: tracker.pool,
		errors: tracker.errors,
		never_ended,
		expired,
		balances,
		sent,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use prova_primitives::token::UNIT;

	fn who(n: u8) -> AccountId32 {
		AccountId32([n; 32])
	}

	#[test]
	fn rates_parse_per_block_and_per_second() {
		assert_eq!(parse_rate("2/block"), Ok(Rate::PerBlock(2.0)));
		assert_eq!(parse_rate(" 0.5 / s "), Ok(Rate::PerSecond(0.5)));
		assert_eq!(parse_rate("3/b"), Ok(Rate::PerBlock(3.0)));
		let rate = Rate::PerBlock(2.0);
		assert_eq!(rate.interval(), Duration::from_millis(MILLISECS_PER_BLOCK / 2));
		assert!((Rate::PerSecond(1.0).per_block() - 3.0).abs() < 1e-9);
		for (bad, says) in [
			("2", "no unit"),
			("x/s", "not a number"),
			("0/s", "above 0"),
			("-1/block", "above 0"),
			("2/minute", "unknown unit `minute`"),
		] {
			let error = parse_rate(bad).unwrap_err();
			assert!(error.contains(says), "{bad}: {error}");
		}
	}

	#[test]
	fn percentiles_are_nearest_rank() {
		let values: Vec<u32> = (1..=100).collect();
		assert_eq!(percentile(&values, 50.0), Some(50));
		assert_eq!(percentile(&values, 90.0), Some(90));
		assert_eq!(percentile(&values, 99.0), Some(99));
		assert_eq!(percentile(&values, 100.0), Some(100));
		assert_eq!(percentile(&[7u32], 99.0), Some(7));
		assert_eq!(percentile::<u32>(&[], 50.0), None);
		let p = Percentiles::of([(3, 9.0), (1, 3.0), (2, 6.0)].into_iter());
		assert_eq!((p.count, p.blocks), (3, [2, 3, 3, 3]));
		assert_eq!(p.seconds, [6.0, 9.0, 9.0, 9.0]);
	}

	/// Every way a request ends moves the requester's free and held balance
	/// as the market's escrow does; transfers count only from the funder,
	/// and accounts not tracked are ignored.
	#[test]
	fn the_ledger_follows_the_markets_money() {
		let (funder, a, b, prover) = (who(1), who(2), who(3), who(9));
		let mut ledger = Ledger::new([a, b], Some(funder));
		let fee = UNIT / 100;
		let deposit = UNIT;
		let events = [
			Seen::Transfer { from: funder, to: a, amount: 10 * UNIT },
			Seen::Transfer { from: funder, to: b, amount: 10 * UNIT },
			// Not the funder's: a prover's payment or anything else.
			Seen::Transfer { from: prover, to: a, amount: 5 },
			Seen::Transfer { from: funder, to: prover, amount: 5 },
			Seen::Submitted { request: 1, requester: a, max_fee: fee, deposit },
			Seen::Submitted { request: 2, requester: a, max_fee: fee, deposit },
			Seen::Submitted { request: 3, requester: b, max_fee: fee, deposit },
			Seen::Submitted { request: 4, requester: b, max_fee: fee, deposit },
			Seen::Submitted { request: 5, requester: prover, max_fee: fee, deposit },
			Seen::FeePaid { who: a, fee: 7 },
			Seen::FeePaid { who: a, fee: 3 },
			Seen::FeePaid { who: prover, fee: 100 },
			// 1: proved at 0.004 of its 0.01; 2: a prover failed (compensated
			// 2), then it expired with its deposit back; 3: expired never
			// offered, deposit forfeited; 4: cancelled.
			Seen::Fulfilled { request: 1, price: fee * 4 / 10, refunded: fee * 6 / 10 },
			Seen::AttemptFailed { request: 2, compensated: 2, why: "missed deadline" },
			Seen::Expired { request: 2, forfeited: 0 },
			Seen::Expired { request: 3, forfeited: deposit },
			Seen::Cancelled { request: 4 },
			// Ended twice, or not ours: nothing more moves.
			Seen::Cancelled { request: 4 },
			Seen::Fulfilled { request: 5, price: fee, refunded: 0 },
		];
		for event in &events {
			ledger.apply(event);
		}
		let flows = ledger.flows(&a);
		assert_eq!(flows.funded, 10 * UNIT);
		assert_eq!(flows.fees, 10);
		assert_eq!(flows.paid, fee * 4 / 10);
		assert_eq!(flows.compensated, 2);
		// Free: funded, less fees and the price; plus the compensation.
		assert_eq!(flows.free_after(100), Some(100 + 10 * UNIT - 10 - fee * 4 / 10 + 2));
		assert_eq!(flows.held_after(0), Some(0));
		let flows = ledger.flows(&b);
		assert_eq!(flows.forfeited, deposit);
		assert_eq!(flows.free_after(0), Some(10 * UNIT - deposit));
		assert_eq!(flows.held_after(0), Some(0));
		assert_eq!(ledger.flows(&prover), Flows::default(), "not tracked");
		assert!(!ledger.is_open(1) && !ledger.is_open(5));
		// An open request stays held.
		ledger.apply(&Seen::Submitted { request: 6, requester: b, max_fee: fee, deposit });
		assert!(ledger.is_open(6));
		assert_eq!(ledger.flows(&b).held_after(0), Some(fee + deposit));
		assert_eq!(ledger.flows(&b).free_after(0), Some(10 * UNIT - 2 * deposit - fee));
		assert_eq!(ledger.flows(&b).free_after(0).map(|f| f + fee), Some(10 * UNIT - 2 * deposit));
		assert_eq!(Flows { fees: 1, ..Flows::default() }.free_after(0), None, "below zero");
	}

	fn sent(index: usize, tx: H256, sent_block: u32) -> Sent {
		Sent {
			index,
			requester: String::new(),
			requester_index: 0,
			tx,
			sent_block,
			sent_ms: 1_000,
			request: None,
			included: None,
			offered: None,
			locked: None,
			ended: None,
			offers: 0,
			declines: 0,
			failures: Vec::new(),
			outcome: Outcome::InPool,
		}
	}

	fn block(number: u32) -> BlockInfo {
		BlockInfo { number, ms: u64::from(number) * 3_000, ..BlockInfo::default() }
	}

	/// The tracker finds its transactions by hash, their requests by the
	/// events of their extrinsic, and follows each request to its end.
	#[test]
	fn the_tracker_follows_requests_through_blocks() {
		let (a, other) = (who(2), who(7));
		let txs = [H256::repeat_byte(1), H256::repeat_byte(2), H256::repeat_byte(3)];
		let mut tracker = Tracker { ledger: Ledger::new([a], Some(who(1))), ..Tracker::default() };
		for (i, tx) in txs.iter().enumerate() {
			tracker.sent.push(sent(i, *tx, 10));
			tracker.by_tx.insert(*tx, i);
		}
		let foreign = H256::repeat_byte(9);
		// Block 11: the timestamp, a foreign transaction, then ours 0 and 1;
		// 0 is submitted as request 40, 1 fails.
		let submitted =
			|request| Seen::Submitted { request, requester: a, max_fee: 10, deposit: 1 };
		tracker.apply(
			block(11),
			H256::repeat_byte(11),
			&[H256::zero(), foreign, txs[0], txs[1]],
			&[
				(
					Some(1),
					Seen::Submitted { request: 39, requester: other, max_fee: 1, deposit: 1 },
				),
				(Some(2), submitted(40)),
				(Some(2), Seen::FeePaid { who: a, fee: 5 }),
				(Some(3), Seen::ExtrinsicFailed { error: "Market::TooManyOpenRequests".into() }),
				(Some(3), Seen::FeePaid { who: a, fee: 5 }),
			],
		);
		assert_eq!(tracker.sent[0].request, Some(40));
		assert_eq!(tracker.sent[0].included, Some(Stamp { block: 11, ms: 33_000 }));
		assert_eq!(tracker.sent[0].outcome, Outcome::Open);
		assert_eq!(
			tracker.sent[1].outcome,
			Outcome::FailedInBlock { error: "Market::TooManyOpenRequests".into() }
		);
		assert_eq!(tracker.errors["Market::TooManyOpenRequests"], 1);
		assert!(!tracker.by_request.contains_key(&39));
		// Offered, declined, offered again, locked, fulfilled.
		tracker.apply(
			block(12),
			H256::zero(),
			&[],
			&[(None, Seen::Offered { request: 40 }), (None, Seen::Offered { request: 39 })],
		);
		tracker.apply(block(13), H256::zero(), &[], &[(None, Seen::Declined { request: 40 })]);
		tracker.apply(block(14), H256::zero(), &[], &[(None, Seen::Offered { request: 40 })]);
		tracker.apply(block(15), H256::zero(), &[], &[(Some(1), Seen::Locked { request: 40 })]);
		tracker.apply(
			block(18),
			H256::zero(),
			&[],
			&[(Some(1), Seen::Fulfilled { request: 40, price: 4, refunded: 6 })],
		);
		let done = &tracker.sent[0];
		assert_eq!((done.offers, done.declines), (2, 1));
		assert_eq!(done.offered.map(|s| s.block), Some(12));
		assert_eq!(done.locked.map(|s| s.block), Some(15));
		assert_eq!(done.outcome, Outcome::Fulfilled { price: 4 });
		assert_eq!(done.latency(done.ended), Some((8, 53.0)));
		assert_eq!(tracker.blocks.iter().map(|b| b.offers).sum::<u32>(), 2, "ours only");
		// Balance: fees 10, the price 4 paid; nothing held.
		let flows = tracker.ledger.flows(&a);
		assert_eq!((flows.fees, flows.paid, flows.held_after(0)), (10, 4, Some(0)));
		// Transaction 2 was never included: its era ends.
		assert_eq!(tracker.sent[2].outcome, Outcome::InPool);
		let past = 10 + MORTALITY_BLOCKS as u32 + 2;
		tracker.apply(block(past), H256::zero(), &[], &[]);
		assert_eq!(tracker.sent[2].outcome, Outcome::NotIncluded);
		assert_eq!(tracker.last.map(|(n, _)| n), Some(past));
	}

	#[test]
	fn expiries_say_why() {
		let mut s = sent(0, H256::zero(), 1);
		assert!(s.expiry_reason(UNIT).contains("never offered"));
		s.offers = 2;
		s.declines = 2;
		assert_eq!(s.expiry_reason(0), "2 offer(s) declined or lapsed, none locked");
		s.failures = vec!["missed deadline", "missed deadline", "invalid proof"];
		assert_eq!(s.expiry_reason(0), "its provers failed (invalid proof ×1, missed deadline ×2)");
	}

	fn report(sent: Vec<Sent>, balances: Vec<Reconciled>) -> Report {
		let settings = LoadSettings {
			requesters: 1,
			requests: sent.len(),
			rate: Rate::PerBlock(1.0),
			circuit: None,
			max_fee: None,
			deadline: 20,
			seed: "//load".into(),
			fund: None,
			end_within: 30,
		};
		let mut tracker = Tracker::default();
		for number in 1..=12 {
			tracker.apply(block(number), H256::zero(), &[], &[]);
		}
		tracker.sent = sent;
		build_report("ws://x", "c-12", &settings, 10, 0, tracker, balances)
	}

	/// A run fails when a request never ends, a balance does not
	/// reconcile, or nothing was accepted; the table says so.
	#[test]
	fn reports_fail_on_unended_requests_and_unreconciled_balances() {
		let stamp = |block| Some(Stamp { block, ms: u64::from(block) * 3_000 });
		let mut done = sent(0, H256::repeat_byte(1), 2);
		done.request = Some(7);
		done.included = stamp(3);
		done.offered = stamp(4);
		done.locked = stamp(5);
		done.ended = stamp(8);
		done.outcome = Outcome::Fulfilled { price: 4 };
		let balanced = Reconciled {
			requester: "mHa".into(),
			before: (100, 0),
			flows: Flows::default(),
			expected: (Some(100), Some(0)),
			actual: (100, 0),
			ok: true,
		};
		let good = report(vec![done.clone()], vec![balanced.clone()]);
		assert!(good.failures().is_empty(), "{:?}", good.failures());
		assert_eq!(good.settled.blocks, [6, 6, 6, 6]);
		assert_eq!(good.outcomes["fulfilled"], 1);
		assert_eq!(good.per_block.iter().map(|r| r.settled).sum::<usize>(), 1);
		let text = good.render();
		assert!(text.contains("OK: every request ended within 30 blocks"), "{text}");

		let mut stuck = done.clone();
		stuck.index = 1;
		stuck.request = Some(8);
		stuck.ended = None;
		stuck.outcome = Outcome::NeverEnded;
		let off = Reconciled { actual: (99, 0), ok: false, ..balanced };
		let bad = report(vec![done, stuck], vec![off]);
		let failures = bad.failures();
		assert_eq!(failures.len(), 2, "{failures:?}");
		assert!(failures[0].contains("1 request(s) did not end within 30 blocks: request 8"));
		assert!(failures[1].contains("mHa's balance does not reconcile: free 99"));
		assert!(bad.render().contains("FAILED"));

		let mut refused = sent(0, H256::zero(), 2);
		refused.outcome = Outcome::Rejected { code: 1014 };
		let none = report(vec![refused], vec![]);
		assert_eq!(none.failures(), ["no request was accepted"]);
	}
}
