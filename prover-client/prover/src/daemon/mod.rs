//! The prover daemon's job queue.
//!
//! The chain is the source of truth: at every best block the daemon asks for
//! the requests offered to it and the jobs it has locked
//! (`ProofMarketApi::jobs`) and reconciles them with what it is doing.
//!
//! An offer is answered at once: the daemon **locks** it (posting the
//! collateral the offer names) only when it can prove it in time, and
//! **declines** it otherwise, which costs nothing but a counted decline:
//! when the circuit is not listed or cannot be rebuilt here (or builds a
//! different circuit than the one registered), when every proving slot is
//! taken, or when the proving time measured on this machine does not fit the
//! request's deadline. Offers are not journaled: after a restart the chain
//! offers them again (or they lapsed, which is a decline).
//!
//! A newly locked job is queued, or dropped if even proved alone it would
//! miss its deadline (the jobs ahead of it may finish sooner than estimated); a
//! job that disappeared is abandoned (reassigned, or gone in a reorg) and its
//! proof, if one comes, is thrown away. A finished proof is
//! submitted only after a fresh look at the chain confirms the job is still
//! ours and the deadline still ahead. Outcomes are read from the request's
//! state at finalized blocks.
//!
//! **Auctions.** After offers and jobs, the daemon asks which auctions it may
//! act on (`ProofMarketApi::openings`). In a sealed-bid auction it commits a
//! bid at its own declared ask per work unit when it could take the job (a
//! free slot, and the same judgement as for an offer), keeps the price and
//! salt in the journal before the commitment leaves, and reveals them once
//! bids close; a winner is locked by the chain and shows up as a job. In a
//! Dutch auction it locks the job once the price reaches its cost (ask ×
//! work units). A committed bid or a Dutch lock in flight holds a proving
//! slot until the auction settles, so the daemon never wins more than it can
//! prove.
//!
//! **Time and memory.** A job is taken only when it can be finished in time
//! and proved in the memory left: the [`Estimates`] of this machine give
//! each circuit's proving time (measured, persisted across restarts, scaled
//! from another size when never measured), and since every proof uses all
//! cores, a new job waits for the proving time of everything held before
//! it. A job starts proving only while the memory its size needs
//! ([`crate::backend::proving_memory`]) and that of the proofs running fit
//! the daemon's memory limit beside the cached circuits.
//!
//! **Proofs in flight.** Each proof runs on a blocking thread that always
//! reports back: a panic becomes a failed job (and the slot returns), and a
//! job that is no longer ours or can no longer make its deadline is
//! cancelled, stopping its proof at the next stage boundary. A proof is
//! verified before it is journaled, so a faulty backend never costs the
//! collateral of an invalid proof.
//!
//! **Submission.** A proof is sent again at every block until the pool
//! accepts it or the deadline passes; the pool's refusals are sorted by
//! their JSON-RPC codes ([`crate::chain::PoolVerdict`]): bytes that can
//! never be included are signed again while the job is still ours.
//!
//! Everything that must survive a restart is in the [`Journal`]; the rest is
//! rebuilt from the chain, so a restarted daemon picks up where it left off
//! without proving or submitting anything twice.
//!
//! [`Daemon`] holds the state and takes the chain as an argument to each
//! step, so a reconnect (a new connection) keeps proofs in flight, and tests
//! drive it against a fake chain ([`MarketChain`]).

pub mod estimates;
pub mod journal;
mod service;

pub(crate) use service::bounded;
pub use service::{run, DaemonConfig, ProverAccount, RPC_TIMEOUT};

use crate::{
	backend::{degree_bits, proving_memory, Cancel, JobProver, ProofOutput, ProveError},
	chain::{
		address, bid_commitment, proof_commitment, ChainError, Head, Job, Offer, Opening,
		OpeningPhase, PoolVerdict, RequestId, SignedTx, TxError, Work,
	},
	metrics::Metrics,
	progress::Progress,
};
use estimates::Estimates;
use journal::{Entry, JobKey, Journal, JournalError, Outcome, SealedBid, Step};
use prova_primitives::{Balance, BlockNumber, MILLISECS_PER_BLOCK};
use std::{
	collections::{BTreeMap, HashMap, HashSet},
	future::Future,
	sync::Arc,
	time::{Duration, Instant},
};
use subxt::utils::{AccountId32, H256};
use tokio::sync::mpsc;

/// Blocks between sending a proof and the deadline the daemon keeps free:
/// the transaction must reach a block author and be included.
pub const SUBMIT_MARGIN_BLOCKS: BlockNumber = 2;

/// Blocks after which a sent proof still not included is sent again.
pub const RESEND_AFTER_BLOCKS: BlockNumber = 4;

/// Blocks after which a claimed proof is handed to the aggregators again,
/// while no batch settled it (an aggregator may have restarted).
pub const REDELIVER_BLOCKS: BlockNumber = 5;

/// Blocks after which a reveal not seen on chain is sent again: reveal
/// windows are short, and an unrevealed bid forfeits its bond.
pub const REVEAL_RESEND_BLOCKS: BlockNumber = 2;

/// How far behind the highest best block seen a node's best block may be
/// and still be followed: a reorg to a shorter fork is a few blocks.
pub const FOLLOW_BEHIND_BLOCKS: BlockNumber = 3;

/// A request's state, as far as this prover is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
	/// Still locked by this prover.
	Ours,
	/// Fulfilled by this prover.
	FulfilledByUs,
	/// This prover failed it (missed the deadline or had a proof rejected).
	FailedByUs,
	/// Anything else: with another prover, ended without us, or unknown.
	Elsewhere,
}

/// What the daemon needs of the chain. [`ProverAccount`] is the real one.
pub trait MarketChain: Send + Sync {
	/// The best block now.
	fn best_head(&self) -> impl Future<Output = Result<Head, ChainError>> + Send;
	/// The offers to this prover and the jobs it locked, at `at`.
	fn work(&self, at: Head) -> impl Future<Output = Result<Work, ChainError>> + Send;
	/// Request `id` at `at`, from this prover's point of view.
	fn standing(
		&self,
		at: Head,
		id: RequestId,
	) -> impl Future<Output = Result<Standing, ChainError>> + Send;
	/// The listing descriptor of `circuit` at `at`, if listed.
	fn descriptor(
		&self,
		at: Head,
		circuit: H256,
	) -> impl Future<Output = Result<Option<String>, ChainError>> + Send;
	/// Signs the next transaction of `job` with `nonce`, or the next nonce:
	/// `claim_proof` for an aggregated job not claimed yet
	/// ([`Job::claims_next`]), else `submit_proof`.
	fn sign_proof(
		&self,
		job: &Job,
		proof: &ProofOutput,
		nonce: Option<u64>,
	) -> impl Future<Output = Result<SignedTx, ChainError>> + Send;
	/// Sends signed bytes to the pool.
	fn send(&self, bytes: &[u8]) -> impl Future<Output = Result<(), ChainError>> + Send;
	/// Signs and sends `lock_request` (`lock`) or `decline_request` for `offer`.
	fn answer(
		&self,
		offer: &Offer,
		lock: bool,
	) -> impl Future<Output = Result<(), ChainError>> + Send;
	/// This prover's account: the bidder a sealed bid's commitment names.
	fn account(&self) -> &AccountId32;
	/// The auctions this prover may bid in or lock at `at`.
	fn openings(&self, at: Head) -> impl Future<Output = Result<Vec<Opening>, ChainError>> + Send;
	/// Signs and sends `commit_bid(request, commitment)`.
	fn commit_bid(
		&self,
		request: RequestId,
		commitment: [u8; 32],
	) -> impl Future<Output = Result<(), ChainError>> + Send;
	/// Signs and sends `reveal_bid(request, price, salt)`.
	fn reveal_bid(
		&self,
		request: RequestId,
		price: Balance,
		salt: [u8; 32],
	) -> impl Future<Output = Result<(), ChainError>> + Send;
	/// Signs and sends `commit_proof(request, commitment)` for a race.
	fn commit_proof(
		&self,
		request: RequestId,
		commitment: [u8; 32],
	) -> impl Future<Output = Result<(), ChainError>> + Send;
	/// Hands the proof of claimed `job` to the aggregators registered at
	/// `at` (in the background: a slow aggregator does not hold the daemon).
	fn deliver(
		&self,
		at: Head,
		job: &Job,
		proof: &ProofOutput,
	) -> impl Future<Output = Result<(), ChainError>> + Send;
	/// Signs and sends `lock_request(request)` for a Dutch auction.
	fn lock_request(
		&self,
		request: RequestId,
	) -> impl Future<Output = Result<(), ChainError>> + Send;
}

/// An auction transaction the daemon sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum AuctionCall {
	/// `commit_bid`.
	Commit,
	/// `reveal_bid`.
	Reveal,
	/// `lock_request` in a Dutch auction or to join a race.
	Lock,
	/// `commit_proof` for a race.
	CommitProof,
}

/// Where a live job is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
	/// Waiting for a free proving slot.
	Waiting,
	/// Being proved.
	Proving,
	/// Proved, not yet sent.
	Proved,
	/// Sent at this best block; `accepted` once the pool took the bytes;
	/// `claim` when the bytes are an aggregated job's claim, not its proof.
	Submitted { at: BlockNumber, tx: SignedTx, accepted: bool, claim: bool },
	/// Aggregated tier: claimed on chain; the proof was last handed to the
	/// aggregators at this best block (`None`: not yet).
	Claimed { delivered_at: Option<BlockNumber> },
	/// Nothing more to do (dropped or failed); kept so it is not picked up again.
	Done,
}

struct Live {
	job: Job,
	stage: Stage,
}

/// A job that left this prover's list, waiting for a finalized outcome.
struct Settling {
	price: u128,
	submitted: bool,
	/// The first best block that no longer listed it: a finalized block
	/// before it may not show the outcome yet (or even the request).
	left_at: BlockNumber,
}

/// `left_at` of a job journaled as sent before a restart, until a best
/// block is seen.
const LEFT_AT_UNKNOWN: BlockNumber = BlockNumber::MAX;

/// A proof coming back from a proving thread.
pub struct ProofResult {
	key: JobKey,
	result: Result<ProofOutput, ProveError>,
	elapsed: Duration,
}

/// A proof running on a blocking thread.
struct Running {
	cancel: Cancel,
	started: Instant,
	/// Its circuit: a stopped proof holds memory and cores until it reports
	/// back, also after its job left.
	circuit: H256,
}

/// The daemon's state. See the module documentation.
pub struct Daemon<P> {
	prover: Arc<P>,
	journal: Journal,
	estimates: Estimates,
	capacity: usize,
	/// Bytes the proofs and cached circuits may use together (`None`: no limit).
	memory_limit: Option<u64>,
	/// log2 of the rows of each circuit seen.
	degrees: HashMap<H256, u32>,
	/// Proofs running, by job.
	running: HashMap<JobKey, Running>,
	metrics: Metrics,
	progress: Progress,
	live: BTreeMap<JobKey, Live>,
	settling: BTreeMap<JobKey, Settling>,
	/// Offers answered: the best block the answer was sent at, whether it
	/// was a lock, and the offer's circuit.
	answered: HashMap<RequestId, (BlockNumber, bool, H256)>,
	descriptors: HashMap<H256, String>,
	/// Auction transactions sent: the best block each was last sent at.
	/// Kept while the request is open to auction, so nothing is sent twice
	/// in one block nor before [`RESEND_AFTER_BLOCKS`].
	auction_calls: HashMap<(RequestId, AuctionCall), BlockNumber>,
	/// Auctions holding a proving slot, with their circuit: a bid committed
	/// (or on its way) or a Dutch lock on its way, until the auction leaves
	/// the openings.
	claims: HashMap<RequestId, H256>,
	/// Auctions this daemon judged it cannot serve (said once).
	passed: HashSet<RequestId>,
	/// Committed bids whose price and salt are lost (said once).
	lost_bids: HashSet<RequestId>,
	/// Whether the journal's unfinished entries were matched with the chain
	/// since start.
	journal_reconciled: bool,
	/// Jobs whose proof failed once and were queued again.
	retried: HashSet<JobKey>,
	/// The highest best block seen: a node further behind (after a
	/// failover) is not followed until it catches up.
	highest_best: BlockNumber,
	results_tx: mpsc::UnboundedSender<ProofResult>,
	results_rx: mpsc::UnboundedReceiver<ProofResult>,
}

fn key_of(job: &Job) -> JobKey {
	JobKey { request: job.request, attempt: job.attempt }
}

/// Blocks a proof taking `estimate` needs, rounded up.
fn blocks_for(estimate: Duration) -> BlockNumber {
	(estimate.as_millis() as u64).div_ceil(MILLISECS_PER_BLOCK) as BlockNumber
}

impl<P: JobProver> Daemon<P> {
	/// A daemon proving with `prover`, at most `capacity` jobs at once.
	/// Entries of the journal that are not finished are picked up again when
	/// the chain still lists their jobs.
	pub fn new(
		prover: Arc<P>,
		journal: Journal,
		capacity: usize,
		metrics: Metrics,
		progress: Progress,
	) -> Self {
		let (results_tx, results_rx) = mpsc::unbounded_channel();
		let estimates = Estimates::open(journal.dir(), prover.backend_name());
		let mut daemon = Daemon {
			prover,
			journal,
			estimates,
			capacity: capacity.max(1),
			memory_limit: None,
			degrees: HashMap::new(),
			running: HashMap::new(),
			metrics,
			progress,
			live: BTreeMap::new(),
			settling: BTreeMap::new(),
			answered: HashMap::new(),
			descriptors: HashMap::new(),
			auction_calls: HashMap::new(),
			claims: HashMap::new(),
			passed: HashSet::new(),
			lost_bids: HashSet::new(),
			journal_reconciled: false,
			retried: HashSet::new(),
			highest_best: 0,
			results_tx,
			results_rx,
		};
		// Jobs sent before a restart whose outcome was not seen yet.
		let sent: Vec<_> = daemon
			.journal
			.entries()
			.filter(|entry| matches!(entry.step, Step::Submitted { .. } | Step::Claimed { .. }))
			.map(|entry| (entry.key, entry.price))
			.collect();
		for (key, price) in sent {
			daemon
				.settling
				.insert(key, Settling { price, submitted: true, left_at: LEFT_AT_UNKNOWN });
		}
		daemon
	}

	/// Limits the memory proofs and cached circuits may use together to
	/// `bytes` (by default there is no limit beyond the free memory each
	/// circuit build checks).
	pub fn with_memory_limit(mut self, bytes: Option<u64>) -> Self {
		self.memory_limit = bytes;
		self
	}

	/// Proofs being computed now.
	pub fn proving(&self) -> usize {
		self.running.len()
	}

	/// The daemon's metrics.
	pub fn metrics(&self) -> &Metrics {
		&self.metrics
	}

	/// Builds each of `circuits` (id and descriptor) that this client can
	/// prove, so the first job of each does not wait for its build, and
	/// records the build times; if no proving time was ever measured here,
	/// proves a sample of the smallest, so the first offer is judged on a
	/// measured time. A circuit that cannot be built here is logged and left.
	pub async fn warm_up(&mut self, circuits: Vec<(H256, String)>) {
		let mut built: Vec<(H256, String, u32)> = Vec::new();
		for (circuit, descriptor) in circuits {
			match self.prepare(circuit, &descriptor).await {
				Ok(degree_bits) => built.push((circuit, descriptor, degree_bits)),
				Err(e) => {
					tracing::info!(circuit = ?circuit, %descriptor, reason = %e, "not preparing a listed circuit")
				}
			}
		}
		let measured = built
			.iter()
			.any(|(circuit, _, bits)| self.estimates.proof_time(circuit, *bits).is_some());
		if let (false, Some((circuit, descriptor, degree_bits))) =
			(measured, built.iter().min_by_key(|(_, _, bits)| *bits).cloned())
		{
			if let Err(e) = self.calibrate(circuit, descriptor, degree_bits).await {
				tracing::warn!(circuit = ?circuit, error = %e, "calibration proof failed");
			}
		}
	}

	/// Prepares `circuit` on a blocking thread (see [`JobProver::prepare`])
	/// and records its size and any build time; returns log2 of its rows.
	async fn prepare(&mut self, circuit: H256, descriptor: &str) -> Result<u32, ProveError> {
		let prover = self.prover.clone();
		let descriptor = descriptor.to_owned();
		let prepared = tokio::task::spawn_blocking(move || prover.prepare(circuit, &descriptor))
			.await
			.map_err(|e| ProveError::Panicked(e.to_string()))??;
		self.degrees.insert(circuit, prepared.degree_bits);
		if let Some(took) = prepared.built_in {
			self.metrics.circuit_build_seconds.observe(took.as_secs_f64());
			self.estimates.record_build(circuit, prepared.degree_bits, took);
		}
		self.metrics.circuit_cache_bytes.set(self.prover.cached_bytes());
		Ok(prepared.degree_bits)
	}

	/// Proves a sample of `circuit` to measure its proving time here.
	async fn calibrate(
		&mut self,
		circuit: H256,
		descriptor: String,
		degree_bits: u32,
	) -> Result<(), ProveError> {
		tracing::info!(circuit = ?circuit, %descriptor, "no proving time measured on this machine yet; proving a sample to measure one");
		let prover = self.prover.clone();
		let took = tokio::task::spawn_blocking(move || prover.calibrate(circuit, &descriptor))
			.await
			.map_err(|e| ProveError::Panicked(e.to_string()))??;
		tracing::info!(circuit = ?circuit, seconds = took.as_secs_f64(), "sample proved");
		self.estimates.record_proof(circuit, degree_bits, took);
		Ok(())
	}

	/// How long a proof of `circuit` takes here, if known (measured, or
	/// scaled from another size), with its build if it is not cached.
	fn proof_time(&self, circuit: H256) -> Option<Duration> {
		let bits =
			*self.degrees.get(&circuit).or(self.estimates.get(&circuit).map(|t| &t.degree_bits))?;
		let proof = self.estimates.proof_time(&circuit, bits)?;
		let build = if self.prover.is_cached(circuit) {
			Duration::ZERO
		} else {
			self.estimates.build_time(&circuit, bits)
		};
		Some(proof + build)
	}

	/// Proving time still ahead of a job: what is left of the proofs running
	/// and the whole of every job waiting before it (all of them when
	/// `before` is `None`, with the auctions that hold a slot). Every proof
	/// uses all cores, so proofs held add up, whatever the capacity.
	fn backlog(&self, before: Option<(BlockNumber, JobKey)>) -> Duration {
		let time = |circuit: &H256| self.proof_time(*circuit).unwrap_or_default();
		// What is left of every proof running, its job still ours or not.
		let mut total: Duration = self
			.running
			.values()
			.map(|running| time(&running.circuit).saturating_sub(running.started.elapsed()))
			.sum();
		for (key, live) in &self.live {
			if live.stage == Stage::Waiting
				&& before.is_none_or(|ahead| (live.job.deadline, *key) < ahead)
			{
				total += time(&live.job.circuit);
			}
		}
		if before.is_none() {
			// Locks on their way and auctions that may be won.
			let locking = self.answered.values().filter(|(_, lock, _)| *lock);
			total += locking.map(|(_, _, circuit)| time(circuit)).sum::<Duration>();
			total += self.claims.values().map(time).sum::<Duration>();
		}
		total
	}

	/// Memory the proofs running need, in bytes.
	fn memory_in_use(&self) -> u64 {
		self.running
			.values()
			.filter_map(|running| self.degrees.get(&running.circuit))
			.map(|bits| proving_memory(1 << bits))
			.sum()
	}

	/// The journal.
	pub fn journal(&self) -> &Journal {
		&self.journal
	}

	/// Waits for the next proof to come back from a proving thread.
	pub async fn next_result(&mut self) -> ProofResult {
		self.results_rx.recv().await.expect("the daemon holds a sender")
	}

	/// Reconciles with what the chain lists at best block `head`: answers
	/// offers, picks up newly locked jobs, abandons vanished ones, drops
	/// hopeless ones, sends proofs, starts proving up to capacity, then
	/// bids in, reveals and locks auctions.
	pub async fn on_best<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
	) -> Result<(), DaemonError> {
		// A node behind the one followed before (a failover) would make the
		// jobs locked since look taken away: wait for it to catch up.
		if head.number + FOLLOW_BEHIND_BLOCKS < self.highest_best {
			tracing::warn!(
				best = head.number,
				seen = self.highest_best,
				"this node is behind; waiting for it to catch up"
			);
			return Ok(());
		}
		self.highest_best = self.highest_best.max(head.number);
		let Work { offers, jobs } = chain.work(head).await?;
		// Locked jobs are live from here on; the answers to them are done.
		self.answered.retain(|id, _| offers.iter().any(|offer| offer.request == *id));
		self.answer_offers(chain, head, offers).await?;
		let listed: BTreeMap<JobKey, Job> =
			jobs.into_iter().map(|job| (key_of(&job), job)).collect();

		let vanished: Vec<JobKey> =
			self.live.keys().filter(|key| !listed.contains_key(key)).copied().collect();
		for key in vanished {
			let live = self.live.remove(&key).expect("listed above");
			let submitted = matches!(live.stage, Stage::Submitted { .. } | Stage::Claimed { .. });
			if matches!(live.stage, Stage::Proving | Stage::Waiting | Stage::Proved) {
				tracing::info!(job = %key, "no longer ours; abandoning it");
			}
			if let Some(running) = self.running.get(&key) {
				running.cancel.cancel();
			}
			self.settling
				.insert(key, Settling { price: live.job.price, submitted, left_at: head.number });
		}
		if !self.journal_reconciled {
			self.journal_reconciled = true;
			// Proved before a restart, and no longer listed: settled from the
			// chain like any job that left, so the entry does not linger.
			let orphaned: Vec<(JobKey, u128)> = self
				.journal
				.entries()
				.filter(|entry| entry.step == Step::Proved && !listed.contains_key(&entry.key))
				.map(|entry| (entry.key, entry.price))
				.collect();
			for (key, price) in orphaned {
				tracing::info!(job = %key, "proved before the restart and no longer ours; settling it");
				self.settling.entry(key).or_insert(Settling {
					price,
					submitted: false,
					left_at: head.number,
				});
			}
		}
		for settling in self.settling.values_mut() {
			if settling.left_at == LEFT_AT_UNKNOWN {
				settling.left_at = head.number;
			}
		}

		for (key, job) in listed {
			if let Some(live) = self.live.get_mut(&key) {
				// A race moves on (commitments, their close) while we prove;
				// a claim lands, then may fall back with a new deadline.
				live.job.race = job.race;
				live.job.claim = job.claim;
				live.job.deadline = job.deadline;
				continue;
			}
			self.settling.remove(&key);
			let stage = match self.journal.get(&key).map(|entry| &entry.step) {
				None => {
					self.metrics.jobs_assigned.inc();
					tracing::info!(job = %key, circuit = ?job.circuit, deadline = job.deadline, price = job.price, "job locked");
					Stage::Waiting
				}
				Some(Step::Proved) if self.journal.proof(key).is_some() => {
					tracing::info!(job = %key, "resuming: proof already made");
					Stage::Proved
				}
				Some(Step::Proved) => Stage::Waiting,
				Some(Step::Claimed { .. }) => {
					tracing::info!(job = %key, "resuming: claimed; handing the proof to aggregators again");
					Stage::Claimed { delivered_at: None }
				}
				Some(Step::Submitted { extrinsic, hash, nonce, at, claim }) => {
					tracing::info!(job = %key, tx = %hash, "resuming: proof already sent");
					let bytes = hex::decode(extrinsic).map_err(|e| {
						DaemonError::Journal(format!("job {key}: bad stored transaction: {e}"))
					})?;
					let hash = hash.parse().unwrap_or_default();
					// Whether the pool took it before the restart is unknown:
					// send it again now.
					let tx = SignedTx { bytes, hash, nonce: *nonce };
					Stage::Submitted { at: *at, tx, accepted: false, claim: *claim }
				}
				Some(Step::Finished { .. }) => Stage::Done,
			};
			self.live.insert(key, Live { job, stage });
		}

		let keys: Vec<JobKey> = self.live.keys().copied().collect();
		for key in keys {
			self.advance(chain, head, key).await?;
		}
		self.start_proving(chain, head).await?;
		self.take_part_in_auctions(chain, head).await?;
		self.update_gauges();
		Ok(())
	}

	/// Locks the offers this daemon can prove in time and declines the rest;
	/// an answer not taken up by the chain is sent again after
	/// [`RESEND_AFTER_BLOCKS`].
	async fn answer_offers<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		offers: Vec<Offer>,
	) -> Result<(), DaemonError> {
		for offer in offers {
			let request = offer.request;
			if self
				.answered
				.get(&request)
				.is_some_and(|(at, _, _)| head.number < at + RESEND_AFTER_BLOCKS)
			{
				continue;
			}
			// A lock sent now lands in the next block at the earliest.
			if head.number + 1 >= offer.lock_by {
				continue;
			}
			self.answered.remove(&request);
			let verdict = match self.free_slots() {
				0 => Err(format!("all {} proving slots are taken", self.capacity)),
				_ => self.judge(chain, head, offer.circuit, offer.deadline_blocks).await?,
			};
			match &verdict {
				Ok(()) => tracing::info!(
					request,
					circuit = ?offer.circuit,
					price = offer.price,
					collateral = offer.collateral,
					deadline_blocks = offer.deadline_blocks,
					"locking the offered job"
				),
				Err(reason) => {
					self.metrics.offers_declined.inc();
					tracing::warn!(request, circuit = ?offer.circuit, reason = %reason, "declining the offered job")
				}
			}
			let lock = verdict.is_ok();
			self.answered.insert(request, (head.number, lock, offer.circuit));
			if let Err(e) = chain.answer(&offer, lock).await {
				tracing::warn!(request, error = %e, lock, "sending the answer to an offer failed; will retry");
			}
		}
		Ok(())
	}

	/// Proving slots not held by a job, a lock on its way or an auction
	/// this daemon may win.
	fn free_slots(&self) -> usize {
		// A claimed job holds its slot until settled, as on chain.
		let held = self.live.values().filter(|live| live.stage != Stage::Done).count();
		let locking = self.answered.values().filter(|(_, lock, _)| *lock).count();
		let stopping = self.running.keys().filter(|key| !self.live.contains_key(key)).count();
		self.capacity.saturating_sub(held + locking + stopping + self.claims.len())
	}

	/// Whether this daemon can prove a job of `circuit` within
	/// `deadline_blocks` of locking it (slots aside): the circuit is listed
	/// and rebuilds here, its proof fits the memory limit, and the proving
	/// time measured here, after everything held before it, fits the
	/// deadline. `Err` says why not.
	async fn judge<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		circuit: H256,
		deadline_blocks: BlockNumber,
	) -> Result<Result<(), String>, DaemonError> {
		let Some(descriptor) = self.descriptor(chain, head, circuit).await? else {
			return Ok(Err("the circuit is not listed".into()));
		};
		let degree_bits = match self.prepare(circuit, &descriptor).await {
			Ok(bits) => bits,
			Err(e) => return Ok(Err(format!("cannot prove this circuit here: {e}"))),
		};
		let memory = proving_memory(1 << degree_bits);
		if let Some(limit) = self.memory_limit.filter(|limit| memory > *limit) {
			return Ok(Err(format!(
				"a proof of 2^{degree_bits} rows needs about {} MiB; the daemon's memory limit is {} MiB",
				memory >> 20,
				limit >> 20
			)));
		}
		if self.estimates.proof_time(&circuit, degree_bits).is_none() {
			if let Err(e) = self.calibrate(circuit, descriptor, degree_bits).await {
				return Ok(Err(format!("cannot measure a proof of this circuit here: {e}")));
			}
		}
		let own = self.proof_time(circuit).unwrap_or_default();
		let backlog = self.backlog(None);
		let needed = blocks_for(backlog + own) + SUBMIT_MARGIN_BLOCKS + 1;
		if needed > deadline_blocks {
			return Ok(Err(format!(
				"it would be proved in {needed} blocks here ({:.1} s of proofs held before it, {:.1} s its own); the deadline gives {deadline_blocks}",
				backlog.as_secs_f64(),
				own.as_secs_f64(),
			)));
		}
		Ok(Ok(()))
	}

	/// Acts on the auctions open to this prover at best block `head` (see
	/// the module docs): commits sealed bids, reveals them, locks Dutch
	/// auctions that reached this prover's cost.
	async fn take_part_in_auctions<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
	) -> Result<(), DaemonError> {
		let openings = chain.openings(head).await?;
		let open: HashSet<RequestId> = openings.iter().map(|opening| opening.request).collect();
		// Auctions that left the list settled, closed or were locked (a win
		// is a job now): they hold no slot, and their bids are done with.
		// Race commitments belong to live jobs, not to openings.
		let racing: HashSet<RequestId> = self.live.keys().map(|key| key.request).collect();
		self.auction_calls.retain(|(request, call), _| match call {
			AuctionCall::CommitProof => racing.contains(request),
			_ => open.contains(request),
		});
		self.claims.retain(|request, _| open.contains(request));
		self.passed.retain(|request| open.contains(request));
		self.lost_bids.retain(|request| open.contains(request));
		let settled: Vec<RequestId> = self
			.journal
			.bids()
			.filter(|bid| !open.contains(&bid.request) && head.number >= bid.bids_until)
			.map(|bid| bid.request)
			.collect();
		for request in settled {
			tracing::debug!(request, "auction over; forgetting its sealed bid");
			self.journal.forget_bid(request)?;
		}
		// Bids on chain hold their slots, also those committed before a restart.
		for opening in &openings {
			if let OpeningPhase::Commit { committed: true, .. }
			| OpeningPhase::Reveal { committed: true, .. } = opening.phase
			{
				self.claims.insert(opening.request, opening.circuit);
			}
		}
		for opening in &openings {
			match opening.phase {
				OpeningPhase::Commit { bids_until, committed: false } => {
					self.commit_bid(chain, head, opening, bids_until).await?
				}
				// A reveal sent in the last bidding block lands in the first
				// revealing one: reveal windows may be a block or two.
				OpeningPhase::Commit { bids_until, committed: true }
					if head.number + 1 >= bids_until =>
				{
					self.reveal_bid(chain, head, opening, None).await
				}
				OpeningPhase::Reveal { reveal_until, committed: true, revealed: false } => {
					self.reveal_bid(chain, head, opening, Some(reveal_until)).await
				}
				OpeningPhase::Dutch { price, closes, .. } => {
					self.lock_dutch(chain, head, opening, price, closes).await?
				}
				// A race is joined like a Dutch lock: when what it pays covers our cost.
				OpeningPhase::Race { price, join_until } => {
					self.lock_dutch(chain, head, opening, price, join_until).await?
				}
				_ => {}
			}
		}
		Ok(())
	}

	/// Whether an auction call for `request` went out too recently to send
	/// it again (`every` blocks apart at most once).
	fn sent_recently(
		&self,
		request: RequestId,
		call: AuctionCall,
		head: Head,
		every: BlockNumber,
	) -> bool {
		self.auction_calls.get(&(request, call)).is_some_and(|at| head.number < at + every)
	}

	/// Whether this daemon would take the job `opening` offers now: a free
	/// slot, and the judgement it gives an offer. An auction it cannot serve
	/// is said once and then left alone; one it has no slot for is looked at
	/// again in the next block.
	async fn would_take<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		opening: &Opening,
	) -> Result<bool, DaemonError> {
		let request = opening.request;
		if self.passed.contains(&request) {
			return Ok(false);
		}
		if self.free_slots() == 0 {
			tracing::debug!(
				request,
				capacity = self.capacity,
				"no free proving slot for the auction"
			);
			return Ok(false);
		}
		if let Err(reason) =
			self.judge(chain, head, opening.circuit, opening.deadline_blocks).await?
		{
			tracing::info!(request, circuit = ?opening.circuit, reason = %reason, "staying out of the auction");
			self.passed.insert(request);
			return Ok(false);
		}
		Ok(true)
	}

	/// Commits a sealed bid for `opening` if this daemon would take the job.
	///
	/// The bid is **truthful**: this prover's own ask per work unit for the
	/// job, the cost it declared. The auction is second-price: the winner is
	/// paid the next-lowest bid, so a bid decides only whether it wins, never
	/// what it is paid. Bidding one's true cost is then a dominant strategy:
	/// bidding higher can only lose jobs that would have paid more than they
	/// cost, bidding lower can only win jobs that pay less than they cost.
	///
	/// The price and a fresh random salt are journaled before the commitment
	/// is sent, and re-used if it has to be sent again, so whatever lands on
	/// chain can be revealed, also after a restart.
	async fn commit_bid<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		opening: &Opening,
		bids_until: BlockNumber,
	) -> Result<(), DaemonError> {
		let request = opening.request;
		// A commitment sent now lands in the next block at the earliest.
		if head.number + 1 >= bids_until
			|| self.sent_recently(request, AuctionCall::Commit, head, RESEND_AFTER_BLOCKS)
		{
			return Ok(());
		}
		let bid = match self.journal.bid(request) {
			// Journaled before a restart, or sent and not yet on chain.
			Some(bid) => bid.clone(),
			None => {
				let price = opening.ask;
				if opening.cost() > opening.max_fee {
					tracing::info!(
						request,
						ask = price,
						work_units = opening.work_units,
						max_fee = opening.max_fee,
						"staying out of the auction: our ask is above what the request pays"
					);
					self.passed.insert(request);
					return Ok(());
				}
				if !self.would_take(chain, head, opening).await? {
					return Ok(());
				}
				let bid = SealedBid { request, price, salt: random_salt(), bids_until };
				self.journal.record_bid(bid.clone())?;
				self.metrics.bids_committed.inc();
				tracing::info!(
					request,
					circuit = ?opening.circuit,
					bidder = %address(chain.account()),
					price_per_unit = price,
					work_units = opening.work_units,
					max_fee = opening.max_fee,
					bids_until,
					"committing a sealed bid at our ask"
				);
				bid
			}
		};
		self.claims.insert(request, opening.circuit);
		self.auction_calls.insert((request, AuctionCall::Commit), head.number);
		let commitment = bid_commitment(request, bid.price, &bid.salt, chain.account());
		if let Err(e) = chain.commit_bid(request, commitment).await {
			tracing::warn!(request, error = %e, "sending the sealed bid failed; will retry");
		}
		Ok(())
	}

	/// Reveals this prover's committed bid for `opening` with the journaled
	/// price and salt; `reveal_until` is the settlement block when known.
	async fn reveal_bid<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		opening: &Opening,
		reveal_until: Option<BlockNumber>,
	) {
		let request = opening.request;
		if reveal_until.is_some_and(|until| head.number + 1 >= until)
			|| self.sent_recently(request, AuctionCall::Reveal, head, REVEAL_RESEND_BLOCKS)
		{
			return;
		}
		let Some(bid) = self.journal.bid(request).cloned() else {
			if self.lost_bids.insert(request) {
				tracing::warn!(
					request,
					bidder = %address(chain.account()),
					"a bid committed by this key has no price and salt in this data directory: it cannot be revealed and its bond will be forfeited"
				);
			}
			return;
		};
		let first =
			self.auction_calls.insert((request, AuctionCall::Reveal), head.number).is_none();
		if first {
			self.metrics.bids_revealed.inc();
			tracing::info!(
				request,
				bidder = %address(chain.account()),
				price_per_unit = bid.price,
				reveal_until,
				"revealing our sealed bid"
			);
		}
		if let Err(e) = chain.reveal_bid(request, bid.price, bid.salt).await {
			tracing::warn!(request, error = %e, "sending the reveal failed; will retry");
		}
	}

	/// Locks a Dutch auction once its price this block reaches this
	/// prover's cost (its ask × the work units) and it would take the job.
	/// The price only rises, so the lock, landing in a later block, is paid
	/// at least the cost.
	async fn lock_dutch<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		opening: &Opening,
		price: Balance,
		closes: BlockNumber,
	) -> Result<(), DaemonError> {
		let request = opening.request;
		if price < opening.cost()
			|| head.number + 1 >= closes
			|| self.sent_recently(request, AuctionCall::Lock, head, RESEND_AFTER_BLOCKS)
		{
			return Ok(());
		}
		let first = !self.auction_calls.contains_key(&(request, AuctionCall::Lock));
		if first && !self.would_take(chain, head, opening).await? {
			return Ok(());
		}
		self.claims.insert(request, opening.circuit);
		self.auction_calls.insert((request, AuctionCall::Lock), head.number);
		if first {
			self.metrics.dutch_locks.inc();
			tracing::info!(
				request,
				circuit = ?opening.circuit,
				prover = %address(chain.account()),
				price,
				cost = opening.cost(),
				closes,
				"locking the Dutch auction: its price reached our cost"
			);
		} else {
			tracing::info!(request, price, "Dutch lock not on chain yet; sending it again");
		}
		if let Err(e) = chain.lock_request(request).await {
			tracing::warn!(request, error = %e, "sending the Dutch lock failed; will retry");
		}
		Ok(())
	}

	/// The listing descriptor of `circuit`, cached; `None` if not listed.
	async fn descriptor<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		circuit: H256,
	) -> Result<Option<String>, DaemonError> {
		if let Some(descriptor) = self.descriptors.get(&circuit) {
			return Ok(Some(descriptor.clone()));
		}
		let found = chain.descriptor(head, circuit).await?;
		if let Some(descriptor) = &found {
			self.descriptors.insert(circuit, descriptor.clone());
		}
		Ok(found)
	}

	/// Moves one live job along at `head`.
	async fn advance<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		key: JobKey,
	) -> Result<(), DaemonError> {
		self.follow_claim(chain, head, key)?;
		let live = self.live.get(&key).expect("caller iterates live keys");
		let deadline = live.job.deadline;
		let last_block_in_time = deadline.saturating_sub(1);
		match live.stage.clone() {
			Stage::Waiting => {
				// Dropped only when even proved alone, now, it would be late: a
				// locked job given up forfeits its collateral for sure, while
				// the proofs ahead of it (estimated from times measured while
				// proofs ran side by side) may well finish sooner than that.
				// One that waits too long is dropped by this same check later.
				let own = self.proof_time(live.job.circuit);
				if let Some(own) = own {
					let needed = blocks_for(own);
					if head.number + needed + SUBMIT_MARGIN_BLOCKS > last_block_in_time {
						tracing::warn!(job = %key, deadline, best = head.number, needed_blocks = needed, "deadline cannot be met; dropping the job");
						self.finish_early(key, Outcome::Dropped, head.number)?;
					}
				}
			}
			// A proof that could no longer be sent in time is stopped.
			Stage::Proving if head.number + 1 > last_block_in_time => {
				if let Some(running) = self.running.get(&key) {
					if !running.cancel.is_cancelled() {
						tracing::warn!(job = %key, deadline, best = head.number, "deadline passed while proving; stopping the proof");
						running.cancel.cancel();
					}
				}
			}
			Stage::Proved if live.job.race.is_some() => self.race(chain, head, key).await?,
			Stage::Proved => {
				if head.number + 1 > last_block_in_time {
					tracing::warn!(job = %key, deadline, best = head.number, "proof ready too late for the deadline; not submitting it");
					self.finish_early(key, Outcome::Dropped, head.number)?;
				} else {
					self.submit(chain, head, key, None).await?;
				}
			}
			// Not taken by the pool yet: again at every block while it can land.
			Stage::Submitted { accepted: false, tx, .. } if head.number < last_block_in_time => {
				self.resend(chain, head, key, tx).await?;
			}
			Stage::Submitted { at, tx, accepted: true, .. }
				if head.number >= at + RESEND_AFTER_BLOCKS =>
			{
				self.resend(chain, head, key, tx).await?;
			}
			Stage::Claimed { delivered_at }
				if delivered_at.is_none_or(|at| head.number >= at + REDELIVER_BLOCKS) =>
			{
				self.deliver(chain, head, key).await?;
			}
			Stage::Proving | Stage::Submitted { .. } | Stage::Claimed { .. } | Stage::Done => {}
		}
		Ok(())
	}

	/// Moves an aggregated job along with its claim on chain: once the
	/// claim lands the proof goes to the aggregators; once it falls back
	/// (no batch settled it by its `due`) the proof is submitted as in the
	/// fast tier, before the fallback's deadline.
	fn follow_claim<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		key: JobKey,
	) -> Result<(), DaemonError> {
		let live = self.live.get_mut(&key).expect("caller iterates live keys");
		let Some(claim) = live.job.claim else { return Ok(()) };
		let claim_sent = matches!(live.stage, Stage::Submitted { claim: true, .. } | Stage::Proved);
		match (&live.stage, claim.fallback) {
			(_, false) if claim_sent => {
				tracing::info!(job = %key, due = claim.due, prover = %address(chain.account()), "claim on chain; handing the proof to the aggregators");
				live.stage = Stage::Claimed { delivered_at: None };
				let price = live.job.price;
				self.metrics.proofs_submitted.inc();
				self.journal.set(Entry { key, price, step: Step::Claimed { at: head.number } })?;
			}
			(Stage::Claimed { .. }, true) | (Stage::Submitted { claim: true, .. }, true) => {
				tracing::warn!(job = %key, deadline = claim.due, "no batch settled the claim; submitting the proof ourselves");
				live.stage = Stage::Proved;
			}
			_ => {}
		}
		Ok(())
	}

	/// Hands the proof of claimed job `key` to every registered aggregator.
	async fn deliver<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		key: JobKey,
	) -> Result<(), DaemonError> {
		let Some(proof) = self.journal.proof(key) else {
			return Err(DaemonError::Journal(format!("job {key}: proof file missing")));
		};
		let live = self.live.get_mut(&key).expect("caller holds a live key");
		live.stage = Stage::Claimed { delivered_at: Some(head.number) };
		chain.deliver(head, &live.job, &proof).await?;
		Ok(())
	}

	/// Moves a proved race job along (see the module docs): commits to the
	/// proof, then reveals it once commitments close.
	async fn race<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		key: JobKey,
	) -> Result<(), DaemonError> {
		let live = self.live.get(&key).expect("caller holds a live key");
		let Some(stand) = live.job.race else { return Ok(()) };
		let request = live.job.request;
		if !stand.committed {
			// The first commitment must land before the race's deadline, and
			// any other before commitments close.
			let closes = stand.commits_close.unwrap_or(live.job.deadline);
			if head.number + 1 >= closes {
				tracing::warn!(job = %key, closes, best = head.number, "proof ready too late to commit in the race");
				return self.finish_early(key, Outcome::Dropped, head.number);
			}
			if self.sent_recently(request, AuctionCall::CommitProof, head, RESEND_AFTER_BLOCKS) {
				return Ok(());
			}
			let Some(proof) = self.journal.proof(key) else {
				return Err(DaemonError::Journal(format!("job {key}: proof file missing")));
			};
			let commitment =
				proof_commitment(request, &proof.public_inputs, &proof.proof, chain.account());
			self.auction_calls.insert((request, AuctionCall::CommitProof), head.number);
			self.metrics.race_commits.inc();
			tracing::info!(job = %key, racer = %address(chain.account()), "committing to our race proof");
			if let Err(e) = chain.commit_proof(request, commitment).await {
				tracing::warn!(job = %key, error = %e, "sending the race commitment failed; will retry");
			}
			return Ok(());
		}
		// Revealed only once commitments close: before, it could be copied.
		match stand.commits_close {
			Some(close) if head.number + 1 >= close => {
				tracing::info!(job = %key, "commitments close; revealing our race proof");
				self.submit(chain, head, key, None).await
			}
			_ => Ok(()),
		}
	}

	/// Ends a job before any proof was sent; the outcome on chain is read later.
	fn finish_early(
		&mut self,
		key: JobKey,
		outcome: Outcome,
		now: BlockNumber,
	) -> Result<(), DaemonError> {
		let live = self.live.get_mut(&key).expect("caller holds a live key");
		live.stage = Stage::Done;
		let price = live.job.price;
		self.metrics.jobs_finished.with_label_values(&[outcome_label(outcome)]).inc();
		self.journal.set(Entry { key, price, step: Step::Finished { outcome, at: now } })?;
		Ok(())
	}

	/// Signs the proof of `key` (with `nonce`, or the next one), journals
	/// the signed bytes, and sends them.
	async fn submit<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		key: JobKey,
		nonce: Option<u64>,
	) -> Result<(), DaemonError> {
		let live = self.live.get(&key).expect("caller holds a live key");
		let Some(proof) = self.journal.proof(key) else {
			return Err(DaemonError::Journal(format!("job {key}: proof file missing")));
		};
		let claim = live.job.claims_next();
		let tx = chain.sign_proof(&live.job, &proof, nonce).await?;
		let price = live.job.price;
		// Journal first: if the process dies after sending, the restart finds
		// these exact bytes instead of signing a second transaction.
		self.journal.set(Entry {
			key,
			price,
			step: Step::Submitted {
				extrinsic: hex::encode(&tx.bytes),
				hash: format!("{:?}", tx.hash),
				nonce: tx.nonce,
				at: head.number,
				claim,
			},
		})?;
		self.live.get_mut(&key).expect("still live").stage =
			Stage::Submitted { at: head.number, tx: tx.clone(), accepted: false, claim };
		self.send(chain, head, key, tx, false).await
	}

	/// Sends the signed proof of `key` (again): the same bytes, until the
	/// pool accepts them or says they can never be included, in which case
	/// the proof is signed afresh if the chain still shows the job as ours.
	/// A lost connection ends the session; the next one sends again.
	async fn resend<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		key: JobKey,
		tx: SignedTx,
	) -> Result<(), DaemonError> {
		self.metrics.proof_resends.inc();
		self.send(chain, head, key, tx, true).await
	}

	/// Sends `tx`, the signed proof of `key`, and records whether the pool
	/// took it. Bytes the pool says can never be included are signed again
	/// (if `may_sign_again`: not for bytes just signed) while the job is ours.
	async fn send<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
		key: JobKey,
		tx: SignedTx,
		may_sign_again: bool,
	) -> Result<(), DaemonError> {
		let live = self.live.get_mut(&key).expect("caller holds a live key");
		let deadline = live.job.deadline;
		let was_accepted = matches!(live.stage, Stage::Submitted { accepted: true, .. });
		let claim = matches!(live.stage, Stage::Submitted { claim: true, .. });
		let accepted = match chain.send(&tx.bytes).await {
			Ok(()) => true,
			Err(ChainError::Tx(TxError::Pool(e))) => match e.verdict() {
				PoolVerdict::AlreadyKnown => true,
				PoolVerdict::SignAgain if may_sign_again => {
					let now = chain.best_head().await?;
					if chain.standing(now, key.request).await? == Standing::Ours
						&& now.number + 1 < deadline
					{
						tracing::warn!(job = %key, error = %e, "sent proof can no longer be included; signing it again");
						self.live.get_mut(&key).expect("still live").stage = Stage::Proved;
						let nonce = e.is_banned().then_some(tx.nonce);
						return Box::pin(self.submit(chain, now, key, nonce)).await;
					}
					false
				}
				PoolVerdict::SignAgain | PoolVerdict::Retry | PoolVerdict::CannotPay => {
					tracing::warn!(job = %key, error = %e, "the pool did not take the proof; sending it again next block");
					false
				}
			},
			Err(ChainError::Tx(e)) => {
				tracing::error!(job = %key, error = %e, "the pool did not take the proof; sending it again next block");
				false
			}
			// Connection trouble: not a refusal. The next session sends again.
			Err(e) => return Err(e.into()),
		};
		let live = self.live.get_mut(&key).expect("caller holds a live key");
		live.stage = Stage::Submitted { at: head.number, tx: tx.clone(), accepted, claim };
		if accepted && !was_accepted && claim {
			tracing::info!(job = %key, tx = ?tx.hash, nonce = tx.nonce, "claim submitted");
		} else if accepted && !was_accepted {
			self.metrics.proofs_submitted.inc();
			self.metrics
				.blocks_left_at_submission
				.observe(deadline.saturating_sub(head.number) as f64);
			tracing::info!(job = %key, tx = ?tx.hash, nonce = tx.nonce, blocks_left = deadline.saturating_sub(head.number), "proof submitted");
		}
		Ok(())
	}

	/// Starts proving waiting jobs, earliest deadline first, up to capacity
	/// and while their memory fits beside the proofs running.
	async fn start_proving<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
	) -> Result<(), DaemonError> {
		while self.running.len() < self.capacity {
			// A job whose stopped proof has not reported back yet (taken
			// away and listed again) waits for it.
			let Some((key, job)) = self
				.live
				.iter()
				.filter(|(key, live)| {
					live.stage == Stage::Waiting && !self.running.contains_key(key)
				})
				.min_by_key(|(key, live)| (live.job.deadline, **key))
				.map(|(key, live)| (*key, live.job.clone()))
			else {
				break;
			};
			let Some(descriptor) = self.descriptor(chain, head, job.circuit).await? else {
				tracing::error!(job = %key, circuit = ?job.circuit, "circuit is not listed; cannot prove");
				self.finish_early(key, Outcome::Failed, head.number)?;
				continue;
			};
			let bits = match self.degrees.get(&job.circuit) {
				Some(bits) => *bits,
				None => match prova_circuits::Workload::from_descriptor(&descriptor) {
					Ok(workload) => {
						let bits = degree_bits(workload.estimated_rows());
						*self.degrees.entry(job.circuit).or_insert(bits)
					}
					Err(e) => {
						tracing::error!(job = %key, %descriptor, error = %e, "cannot prove this circuit here");
						self.finish_early(key, Outcome::Failed, head.number)?;
						continue;
					}
				},
			};
			if let Some(limit) = self.memory_limit {
				let needed = proving_memory(1 << bits);
				let mut free =
					limit.saturating_sub(self.prover.cached_bytes() + self.memory_in_use());
				if needed > free {
					// Cached circuits give way to a proof.
					self.prover.release_cache(job.circuit);
					free = limit.saturating_sub(self.prover.cached_bytes() + self.memory_in_use());
				}
				if needed > free {
					if self.running.is_empty() && needed > limit {
						tracing::error!(job = %key, needed_mib = needed >> 20, limit_mib = limit >> 20, "the job needs more memory than the daemon may use; not proving it");
						self.finish_early(key, Outcome::Failed, head.number)?;
						continue;
					}
					tracing::info!(job = %key, needed_mib = needed >> 20, free_mib = free >> 20, "waiting for memory to prove the next job");
					break;
				}
			}
			self.live.get_mut(&key).expect("found above").stage = Stage::Proving;
			let cancel = Cancel::default();
			let running =
				Running { cancel: cancel.clone(), started: Instant::now(), circuit: job.circuit };
			self.running.insert(key, running);
			self.metrics.proving_now.set(self.running.len() as u64);
			tracing::info!(job = %key, circuit = %descriptor, "proving");
			let prover = self.prover.clone();
			let results = self.results_tx.clone();
			let line =
				self.progress.start(&format!("{key} {descriptor}"), self.proof_time(job.circuit));
			tokio::task::spawn_blocking(move || {
				let started = Instant::now();
				// A panic must not lose the slot: it is the job's failure.
				let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
					prover.prove(&job, &descriptor, &cancel)
				}))
				.unwrap_or_else(|panic| Err(ProveError::Panicked(panic_message(&*panic))));
				drop(line);
				let _ = results.send(ProofResult { key, result, elapsed: started.elapsed() });
			});
		}
		self.update_gauges();
		Ok(())
	}

	/// Takes a proof back from a proving thread; if the job is still ours,
	/// stores the proof and submits it after re-checking the chain.
	pub async fn on_proved<C: MarketChain>(
		&mut self,
		chain: &C,
		result: ProofResult,
	) -> Result<(), DaemonError> {
		let ProofResult { key, result, elapsed } = result;
		self.running.remove(&key);
		self.metrics.proving_now.set(self.running.len() as u64);
		self.metrics.gpu_fallbacks.set(self.prover.fallbacks() as u64);
		// Only a job still being proved takes its result: one taken away, or
		// taken away and listed again while its proof stopped, does not.
		let Some(live) = self.live.get(&key).filter(|live| live.stage == Stage::Proving) else {
			match result {
				Err(ProveError::Cancelled) => {
					tracing::info!(job = %key, "proof stopped: the job is no longer ours")
				}
				_ => {
					tracing::info!(job = %key, "proof finished for a job no longer ours; discarding it")
				}
			}
			let head = chain.best_head().await?;
			return self.start_proving(chain, head).await;
		};
		let circuit = live.job.circuit;
		let descriptor = self.descriptors.get(&circuit).cloned().unwrap_or_default();
		match result {
			Ok(proof) => {
				self.metrics
					.proving_seconds
					.with_label_values(&[&descriptor])
					.observe(elapsed.as_secs_f64());
				if let Some(bits) = self.degrees.get(&circuit) {
					self.estimates.record_proof(circuit, *bits, elapsed);
				}
				tracing::info!(job = %key, seconds = elapsed.as_secs_f64(), proof_bytes = proof.proof.len(), "proved and verified");
				self.journal.record_proof(key, live.job.price, &proof)?;
				self.live.get_mut(&key).expect("found above").stage = Stage::Proved;
				let head = chain.best_head().await?;
				self.on_best(chain, head).await
			}
			Err(e) => {
				// Recorded before anything that can fail: the job must not
				// stay `Proving` with nothing running.
				let now = self.highest_best;
				let retry = matches!(
					e,
					ProveError::Panicked(_)
						| ProveError::OutOfMemory { .. }
						| ProveError::Backend(_)
				) && self.retried.insert(key);
				match e {
					ProveError::Cancelled => {
						tracing::warn!(job = %key, "proof stopped: it could no longer make its deadline");
						self.finish_early(key, Outcome::Dropped, now)?;
					}
					e if retry => {
						tracing::warn!(job = %key, error = %e, "proving failed; trying once more while the deadline allows");
						self.live.get_mut(&key).expect("found above").stage = Stage::Waiting;
					}
					e => {
						tracing::error!(job = %key, error = %e, "cannot prove the job");
						self.finish_early(key, Outcome::Failed, now)?;
					}
				}
				let head = chain.best_head().await?;
				self.on_best(chain, head).await
			}
		}
	}

	/// Pins the circuits of the jobs held in the prover's cache and sets the
	/// gauges that follow the queue and memory.
	fn update_gauges(&self) {
		let held = self.live.values().filter(|live| live.stage != Stage::Done);
		self.prover.pin(held.map(|live| live.job.circuit).collect());
		let waiting = self.live.values().filter(|live| live.stage == Stage::Waiting).count();
		self.metrics.queue_depth.set(waiting as u64);
		self.metrics.memory_in_use_bytes.set(self.memory_in_use() + self.prover.cached_bytes());
	}

	/// Reads the outcome of jobs that left this prover's list at finalized
	/// block `head`.
	pub async fn on_finalized<C: MarketChain>(
		&mut self,
		chain: &C,
		head: Head,
	) -> Result<(), DaemonError> {
		let keys: Vec<JobKey> = self
			.settling
			.iter()
			.filter(|(_, s)| s.left_at <= head.number)
			.map(|(key, _)| *key)
			.collect();
		for key in keys {
			let outcome = match chain.standing(head, key.request).await? {
				Standing::Ours => continue,
				Standing::FulfilledByUs => Outcome::Accepted,
				Standing::FailedByUs if self.settling[&key].submitted => Outcome::Rejected,
				Standing::FailedByUs => Outcome::Missed,
				Standing::Elsewhere => Outcome::Abandoned,
			};
			let Settling { price, .. } = self.settling.remove(&key).expect("listed above");
			match outcome {
				Outcome::Accepted => {
					tracing::info!(job = %key, price, "proof accepted and paid (finalized)")
				}
				Outcome::Rejected => {
					tracing::error!(job = %key, "proof rejected on chain: collateral forfeited and slashed")
				}
				Outcome::Missed => {
					self.metrics.missed_deadlines.inc();
					tracing::warn!(job = %key, "deadline missed: collateral forfeited")
				}
				_ => tracing::info!(job = %key, "job went to another prover"),
			}
			let already =
				matches!(self.journal.get(&key), Some(Entry { step: Step::Finished { .. }, .. }));
			if !already {
				self.metrics.jobs_finished.with_label_values(&[outcome_label(outcome)]).inc();
			}
			self.journal.set(Entry {
				key,
				price,
				step: Step::Finished { outcome, at: head.number },
			})?;
		}
		self.journal.prune(head.number)?;
		Ok(())
	}
}

/// The message a panic was raised with.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
	panic
		.downcast_ref::<&str>()
		.map(|s| s.to_string())
		.or_else(|| panic.downcast_ref::<String>().cloned())
		.unwrap_or_else(|| "a panic without a message".into())
}

/// 32 bytes from the operating system's random number generator (through
/// sp-core's key generation, which draws its seeds from it): a bid's salt,
/// which hides its price until the reveal.
fn random_salt() -> [u8; 32] {
	let (_, seed) = <sp_core::sr25519::Pair as sp_core::Pair>::generate();
	seed
}

fn outcome_label(outcome: Outcome) -> &'static str {
	match outcome {
		Outcome::Accepted => "accepted",
		Outcome::Rejected => "rejected",
		Outcome::Missed => "missed",
		Outcome::Dropped => "dropped",
		Outcome::Abandoned => "abandoned",
		Outcome::Failed => "failed",
	}
}

/// Why a daemon step failed.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
	/// The chain could not be read or written; the connection is restarted.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// The journal could not be read or written.
	#[error("{0}")]
	Journal(String),
}

impl From<JournalError> for DaemonError {
	fn from(e: JournalError) -> Self {
		DaemonError::Journal(e.to_string())
	}
}

#[cfg(test)]
mod tests;
