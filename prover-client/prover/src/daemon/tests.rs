//! The job queue and restart logic against a fake chain and a fake prover.

use super::*;
use crate::{
	backend::Prepared,
	chain::{ClaimStand, PoolError, RaceStand, Settlement, TxError},
};
use std::sync::{
	atomic::{AtomicUsize, Ordering},
	Condvar, Mutex,
};

const DESCRIPTOR: &str = "fibonacci/1?steps=10";

fn circuit() -> H256 {
	H256::repeat_byte(7)
}

fn job(request: RequestId, deadline: BlockNumber) -> Job {
	Job {
		request,
		attempt: 1,
		circuit: circuit(),
		input: vec![1; 8],
		price: 100 + request as u128,
		deadline,
		race: None,
		settlement: Settlement::Direct,
		claim: None,
	}
}

/// Job `request` of the aggregated tier, locked until `deadline`.
fn aggregated(request: RequestId, deadline: BlockNumber) -> Job {
	Job { settlement: Settlement::Aggregated, ..job(request, deadline) }
}

/// Job `request` as the chain lists it once claimed.
fn claimed(request: RequestId, due: BlockNumber, fallback: bool) -> Job {
	Job { deadline: due, claim: Some(ClaimStand { due, fallback }), ..aggregated(request, 0) }
}

fn head(number: BlockNumber) -> Head {
	Head { number, hash: H256::from_low_u64_be(number as u64) }
}

/// An in-memory market: the test decides what it lists and answers.
struct FakeChain {
	state: Mutex<FakeState>,
	account: AccountId32,
}

impl Default for FakeChain {
	fn default() -> Self {
		FakeChain { state: Mutex::default(), account: AccountId32([5; 32]) }
	}
}

#[derive(Default)]
struct FakeState {
	best: BlockNumber,
	jobs: Vec<Job>,
	offers: Vec<Offer>,
	/// Answers to offers: request and whether it was a lock.
	answers: Vec<(RequestId, bool)>,
	standings: HashMap<RequestId, Standing>,
	nonce: u64,
	signed: usize,
	sent: Vec<Vec<u8>>,
	fail_signing: bool,
	send_outdated: bool,
	/// Errors the next sends get, first first; then they succeed.
	send_errors: Vec<ChainError>,
	openings: Vec<Opening>,
	/// Sealed bids sent: request and commitment.
	commits: Vec<(RequestId, [u8; 32])>,
	/// Reveals sent: request, price and salt.
	reveals: Vec<(RequestId, Balance, [u8; 32])>,
	/// Race proof commitments sent: request and commitment.
	proof_commits: Vec<(RequestId, [u8; 32])>,
	/// Dutch locks sent.
	locks: Vec<RequestId>,
	/// Claimed proofs handed to the aggregators: request and best block.
	deliveries: Vec<(RequestId, BlockNumber)>,
}

impl FakeChain {
	fn with(f: impl FnOnce(&mut FakeState)) -> FakeChain {
		let chain = FakeChain::default();
		f(&mut chain.state.lock().unwrap());
		chain
	}

	fn set(&self, f: impl FnOnce(&mut FakeState)) {
		f(&mut self.state.lock().unwrap())
	}

	fn sent(&self) -> Vec<Vec<u8>> {
		self.state.lock().unwrap().sent.clone()
	}

	fn signed(&self) -> usize {
		self.state.lock().unwrap().signed
	}

	fn best(&self) -> Head {
		head(self.state.lock().unwrap().best)
	}
}

impl MarketChain for FakeChain {
	async fn best_head(&self) -> Result<Head, ChainError> {
		Ok(self.best())
	}

	async fn work(&self, _: Head) -> Result<Work, ChainError> {
		let state = self.state.lock().unwrap();
		Ok(Work { offers: state.offers.clone(), jobs: state.jobs.clone() })
	}

	async fn standing(&self, _: Head, id: RequestId) -> Result<Standing, ChainError> {
		let state = self.state.lock().unwrap();
		if state.jobs.iter().any(|job| job.request == id) {
			return Ok(Standing::Ours);
		}
		Ok(state.standings.get(&id).copied().unwrap_or(Standing::Elsewhere))
	}

	async fn descriptor(&self, _: Head, circuit: H256) -> Result<Option<String>, ChainError> {
		Ok((circuit == self::circuit()).then(|| DESCRIPTOR.into()))
	}

	async fn sign_proof(
		&self,
		job: &Job,
		proof: &ProofOutput,
		nonce: Option<u64>,
	) -> Result<SignedTx, ChainError> {
		let mut state = self.state.lock().unwrap();
		if state.fail_signing {
			return Err(ChainError::Rpc("connection lost".into()));
		}
		state.signed += 1;
		let nonce = nonce.unwrap_or_else(|| {
			state.nonce += 1;
			state.nonce - 1
		});
		// The call, as far as the tests care: a claim or a proof.
		let call = if job.claims_next() { "claim" } else { "proof" };
		let bytes = codec::Encode::encode(&(call, job.request, job.attempt, nonce, &proof.proof));
		Ok(SignedTx { hash: H256::from_low_u64_be(nonce), bytes, nonce })
	}

	async fn send(&self, bytes: &[u8]) -> Result<(), ChainError> {
		let mut state = self.state.lock().unwrap();
		if !state.send_errors.is_empty() {
			return Err(state.send_errors.remove(0));
		}
		if state.send_outdated {
			return Err(pool_error(1010, Some("Transaction is outdated")));
		}
		state.sent.push(bytes.to_vec());
		Ok(())
	}

	async fn answer(&self, offer: &Offer, lock: bool) -> Result<(), ChainError> {
		self.state.lock().unwrap().answers.push((offer.request, lock));
		Ok(())
	}

	fn account(&self) -> &AccountId32 {
		&self.account
	}

	async fn openings(&self, _: Head) -> Result<Vec<Opening>, ChainError> {
		Ok(self.state.lock().unwrap().openings.clone())
	}

	async fn commit_bid(&self, request: RequestId, commitment: [u8; 32]) -> Result<(), ChainError> {
		self.state.lock().unwrap().commits.push((request, commitment));
		Ok(())
	}

	async fn reveal_bid(
		&self,
		request: RequestId,
		price: Balance,
		salt: [u8; 32],
	) -> Result<(), ChainError> {
		self.state.lock().unwrap().reveals.push((request, price, salt));
		Ok(())
	}

	async fn commit_proof(
		&self,
		request: RequestId,
		commitment: [u8; 32],
	) -> Result<(), ChainError> {
		self.state.lock().unwrap().proof_commits.push((request, commitment));
		Ok(())
	}

	async fn lock_request(&self, request: RequestId) -> Result<(), ChainError> {
		self.state.lock().unwrap().locks.push(request);
		Ok(())
	}

	async fn deliver(&self, at: Head, job: &Job, _: &ProofOutput) -> Result<(), ChainError> {
		self.state.lock().unwrap().deliveries.push((job.request, at.number));
		Ok(())
	}
}

/// What the fake chain's signed bytes say the call was.
fn call_of(bytes: &[u8]) -> String {
	<(String, RequestId, u32, u64, Vec<u8>) as codec::Decode>::decode(&mut &bytes[..]).unwrap().0
}

/// A refusal of the pool with JSON-RPC `code`.
fn pool_error(code: i32, data: Option<&str>) -> ChainError {
	TxError::Pool(PoolError { code, message: "pool".into(), data: data.map(Into::into) }).into()
}

/// Proves instantly, or when its gate opens (or its proof is cancelled);
/// counts calls and concurrency.
#[derive(Default)]
struct FakeProver {
	calls: AtomicUsize,
	running: AtomicUsize,
	max_running: AtomicUsize,
	cancelled: AtomicUsize,
	calibrations: AtomicUsize,
	gate: (Mutex<bool>, Condvar),
	closed: bool,
	/// What a proof takes here: known to the daemon from the start when
	/// set (as if measured before), else measured by a calibration.
	estimate: Option<Duration>,
	/// What a calibration measures when no estimate is known.
	calibrated: Duration,
	/// The request whose proof panics.
	panics_on: Option<RequestId>,
}

impl FakeProver {
	fn gated() -> FakeProver {
		FakeProver { closed: true, ..Default::default() }
	}

	fn open(&self) {
		*self.gate.0.lock().unwrap() = true;
		self.gate.1.notify_all();
	}
}

impl JobProver for FakeProver {
	fn prove(
		&self,
		job: &Job,
		descriptor: &str,
		cancel: &Cancel,
	) -> Result<ProofOutput, ProveError> {
		assert_eq!(descriptor, DESCRIPTOR);
		self.calls.fetch_add(1, Ordering::SeqCst);
		if self.panics_on == Some(job.request) {
			panic!("witness generation failed for request {}", job.request);
		}
		let running = self.running.fetch_add(1, Ordering::SeqCst) + 1;
		self.max_running.fetch_max(running, Ordering::SeqCst);
		if self.closed {
			let mut open = self.gate.0.lock().unwrap();
			while !*open && !cancel.is_cancelled() {
				open = self.gate.1.wait_timeout(open, Duration::from_millis(5)).unwrap().0;
			}
		}
		self.running.fetch_sub(1, Ordering::SeqCst);
		if cancel.is_cancelled() {
			self.cancelled.fetch_add(1, Ordering::SeqCst);
			return Err(ProveError::Cancelled);
		}
		Ok(ProofOutput { public_inputs: vec![job.request], proof: vec![job.attempt as u8; 4] })
	}

	fn prepare(&self, circuit: H256, descriptor: &str) -> Result<Prepared, ProveError> {
		if descriptor == DESCRIPTOR {
			Ok(Prepared { degree_bits: DEGREE_BITS, built_in: None })
		} else {
			Err(ProveError::UnknownCircuit { circuit, reason: "unknown workload".into() })
		}
	}

	fn calibrate(&self, _: H256, _: &str) -> Result<Duration, ProveError> {
		self.calibrations.fetch_add(1, Ordering::SeqCst);
		Ok(self.calibrated)
	}

	fn is_cached(&self, _: H256) -> bool {
		true
	}

	fn backend_name(&self) -> &'static str {
		"fake"
	}
}

/// log2 of the rows of the fake circuit.
const DEGREE_BITS: u32 = 12;

fn daemon(prover: &Arc<FakeProver>, dir: &std::path::Path, capacity: usize) -> Daemon<FakeProver> {
	let journal = Journal::open(dir, "5Prover").unwrap();
	let mut daemon =
		Daemon::new(prover.clone(), journal, capacity, Metrics::unserved(), Progress::hidden());
	daemon.degrees.insert(circuit(), DEGREE_BITS);
	if let Some(estimate) = prover.estimate {
		daemon.estimates.record_proof(circuit(), DEGREE_BITS, estimate);
	}
	daemon
}

/// A fresh data directory, a chain at `best` listing `jobs`, and a daemon of
/// `capacity` proving with `prover`.
fn setup(
	prover: FakeProver,
	best: BlockNumber,
	jobs: Vec<Job>,
	capacity: usize,
) -> (tempfile::TempDir, FakeChain, Arc<FakeProver>, Daemon<FakeProver>) {
	let dir = tempfile::tempdir().unwrap();
	let chain = FakeChain::with(|s| {
		s.best = best;
		s.jobs = jobs;
	});
	let prover = Arc::new(prover);
	let daemon = daemon(&prover, dir.path(), capacity);
	(dir, chain, prover, daemon)
}

/// Takes back every proof in flight.
async fn drain(daemon: &mut Daemon<FakeProver>, chain: &FakeChain) {
	while daemon.proving() > 0 {
		let result = daemon.next_result().await;
		daemon.on_proved(chain, result).await.unwrap();
	}
}

fn step_of(daemon: &Daemon<FakeProver>, request: RequestId) -> Option<Step> {
	daemon.journal().get(&JobKey { request, attempt: 1 }).map(|entry| entry.step.clone())
}

fn finished(outcome: Outcome) -> impl Fn(&Option<Step>) -> bool {
	move |step| matches!(step, Some(Step::Finished { outcome: o, .. }) if *o == outcome)
}

#[tokio::test]
async fn proves_and_submits_each_job_once() {
	let (_dir, chain, prover, mut daemon) =
		setup(FakeProver::default(), 10, vec![job(1, 100), job(2, 100)], 2);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	assert_eq!(chain.sent().len(), 2);
	for block in 11..=13 {
		chain.set(|s| s.best = block);
		daemon.on_best(&chain, chain.best()).await.unwrap();
	}
	assert_eq!(prover.calls.load(Ordering::SeqCst), 2);
	assert_eq!(chain.sent().len(), 2, "nothing sent twice while waiting for inclusion");
	assert!(matches!(step_of(&daemon, 1), Some(Step::Submitted { .. })));
	assert_eq!(daemon.metrics.jobs_assigned.get(), 2);
	assert_eq!(daemon.metrics.proofs_submitted.get(), 2);
}

#[tokio::test]
async fn capacity_bounds_the_proofs_in_flight() {
	let (_dir, chain, prover, mut daemon) =
		setup(FakeProver::gated(), 1, vec![job(1, 100), job(2, 90), job(3, 95)], 2);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(daemon.proving(), 2);
	// Earliest deadlines first: 2 (90) and 3 (95) are in flight, 1 waits.
	assert!(matches!(daemon.live[&JobKey { request: 1, attempt: 1 }].stage, Stage::Waiting));
	prover.open();
	drain(&mut daemon, &chain).await;
	assert_eq!(prover.calls.load(Ordering::SeqCst), 3);
	assert!(prover.max_running.load(Ordering::SeqCst) <= 2);
	assert_eq!(chain.sent().len(), 3);
}

#[tokio::test]
async fn a_job_reassigned_while_proving_is_abandoned() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::gated(), 1, vec![job(1, 100)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	// A reorg or a deadline elsewhere: the chain no longer lists the job.
	chain.set(|s| {
		s.best = 2;
		s.jobs.clear();
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	prover.open();
	drain(&mut daemon, &chain).await;
	assert!(chain.sent().is_empty(), "a job no longer ours is not submitted");
	assert_eq!(chain.signed(), 0);
	daemon.on_finalized(&chain, head(2)).await.unwrap();
	assert!(finished(Outcome::Abandoned)(&step_of(&daemon, 1)));
}

#[tokio::test]
async fn a_job_whose_deadline_cannot_be_met_is_dropped_unproved() {
	let dir = tempfile::tempdir().unwrap();
	// The last proof of this circuit took 30 s: ten blocks.
	let prover =
		Arc::new(FakeProver { estimate: Some(Duration::from_secs(30)), ..Default::default() });
	let chain = FakeChain::with(|s| {
		s.best = 100;
		s.jobs = vec![job(1, 108), job(2, 120)];
	});
	let mut daemon = daemon(&prover, dir.path(), 2);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1, "only the job with time left is proved");
	assert!(finished(Outcome::Dropped)(&step_of(&daemon, 1)));
	assert_eq!(chain.sent().len(), 1);
	// It is slashed on chain; the daemon records the miss at finality.
	chain.set(|s| {
		s.jobs.retain(|job| job.request != 1);
		s.standings.insert(1, Standing::FailedByUs);
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	daemon.on_finalized(&chain, chain.best()).await.unwrap();
	assert!(finished(Outcome::Missed)(&step_of(&daemon, 1)));
	assert_eq!(daemon.metrics.missed_deadlines.get(), 1);
}

#[tokio::test]
async fn a_locked_job_late_only_behind_others_is_kept_not_dropped() {
	// Found under load: a job locked and dropped in the same instant because
	// the proofs ahead of it were estimated to take too long, forfeiting its
	// collateral for sure. Alone it fits; it waits its turn instead.
	let dir = tempfile::tempdir().unwrap();
	// 30 s a proof: ten blocks.
	let prover =
		Arc::new(FakeProver { estimate: Some(Duration::from_secs(30)), ..Default::default() });
	let chain = FakeChain::with(|s| {
		s.best = 100;
		s.jobs = vec![job(1, 120), job(2, 115)];
	});
	let mut daemon = daemon(&prover, dir.path(), 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	// Job 2 (earlier deadline) first; job 1 behind it would need 20 blocks
	// by the estimate (and 2 to land), past block 119, but is proved, not
	// dropped.
	assert_eq!(prover.calls.load(Ordering::SeqCst), 2, "both jobs are proved");
	assert!(!finished(Outcome::Dropped)(&step_of(&daemon, 1)));
	assert_eq!(chain.sent().len(), 2);
}

#[tokio::test]
async fn a_proof_finished_too_late_is_not_submitted() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::gated(), 1, vec![job(1, 20)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	// The proof is ready only at block 19: a transaction could land in block
	// 20 at the earliest, which is late.
	chain.set(|s| s.best = 19);
	prover.open();
	drain(&mut daemon, &chain).await;
	assert!(chain.sent().is_empty());
	assert!(finished(Outcome::Dropped)(&step_of(&daemon, 1)));
}

#[tokio::test]
async fn a_restart_after_sending_neither_proves_nor_signs_again() {
	let (dir, chain, prover, mut first) = setup(FakeProver::default(), 1, vec![job(1, 100)], 1);
	first.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut first, &chain).await;
	let sent = chain.sent();
	assert_eq!(sent.len(), 1);
	drop(first); // the process dies; the transaction is not in a block yet

	let mut second = daemon(&prover, dir.path(), 1);
	second.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(second.proving(), 0);
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1, "not proved again");
	assert_eq!(second.metrics.jobs_assigned.get(), 0, "a known job is not counted again");
	// Whether the pool took them before the restart is unknown: the same
	// bytes go out at once, and again if still not included a few blocks later.
	assert_eq!(chain.sent(), vec![sent[0].clone(), sent[0].clone()]);
	chain.set(|s| s.best = 1 + RESEND_AFTER_BLOCKS);
	second.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.signed(), 1, "never signed twice");
	assert_eq!(chain.sent(), vec![sent[0].clone(); 3]);
	// Included and paid: the outcome is journaled at finality.
	chain.set(|s| {
		s.jobs.clear();
		s.standings.insert(1, Standing::FulfilledByUs);
	});
	second.on_best(&chain, chain.best()).await.unwrap();
	second.on_finalized(&chain, chain.best()).await.unwrap();
	assert!(finished(Outcome::Accepted)(&step_of(&second, 1)));
	assert_eq!(second.metrics.jobs_finished.with_label_values(&["accepted"]).get(), 1);
}

#[tokio::test]
async fn a_restart_after_proving_submits_the_stored_proof() {
	let dir = tempfile::tempdir().unwrap();
	let chain = FakeChain::with(|s| {
		s.best = 1;
		s.jobs = vec![job(1, 100)];
		s.fail_signing = true;
	});
	let prover = Arc::new(FakeProver::default());
	let mut first = daemon(&prover, dir.path(), 1);
	first.on_best(&chain, chain.best()).await.unwrap();
	let result = first.next_result().await;
	assert!(first.on_proved(&chain, result).await.is_err(), "the node went away");
	assert_eq!(step_of(&first, 1), Some(Step::Proved));
	drop(first);

	chain.set(|s| s.fail_signing = false);
	let mut second = daemon(&prover, dir.path(), 1);
	second.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1, "the stored proof is used");
	assert_eq!(chain.sent().len(), 1);
	assert!(matches!(step_of(&second, 1), Some(Step::Submitted { .. })));
}

#[tokio::test]
async fn an_outdated_transaction_is_signed_again_only_while_the_job_is_ours() {
	let (_dir, chain, _prover, mut daemon) =
		setup(FakeProver::default(), 1, vec![job(1, 100), job(2, 100)], 2);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	assert_eq!(chain.signed(), 2);
	// Both transactions' nonces were used by something else; job 2 meanwhile
	// went to another prover.
	chain.set(|s| {
		s.best = 1 + RESEND_AFTER_BLOCKS;
		s.send_outdated = true;
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.signed(), 4, "both re-signed while both listed");
	chain.set(|s| {
		s.best += RESEND_AFTER_BLOCKS;
		s.jobs.retain(|job| job.request == 1);
		s.standings.insert(2, Standing::Elsewhere);
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.signed(), 5, "only the job still ours is signed again");
}

#[tokio::test]
async fn a_job_of_an_unlisted_circuit_fails_without_proving() {
	let dir = tempfile::tempdir().unwrap();
	let mut unknown = job(1, 100);
	unknown.circuit = H256::repeat_byte(9);
	let chain = FakeChain::with(|s| {
		s.best = 1;
		s.jobs = vec![unknown, job(2, 100)];
	});
	let prover = Arc::new(FakeProver::default());
	let mut daemon = daemon(&prover, dir.path(), 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	assert!(finished(Outcome::Failed)(&step_of(&daemon, 1)));
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1);
	assert_eq!(chain.sent().len(), 1);
}

#[tokio::test]
async fn outcomes_wait_for_a_finalized_block_that_can_show_them() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![job(1, 100)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	// Included and paid in block 12; finality lags behind.
	chain.set(|s| {
		s.best = 12;
		s.jobs.clear();
		s.standings.insert(1, Standing::FulfilledByUs);
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	daemon.on_finalized(&chain, head(9)).await.unwrap();
	assert!(
		matches!(step_of(&daemon, 1), Some(Step::Submitted { .. })),
		"block 9 predates the outcome"
	);
	daemon.on_finalized(&chain, head(12)).await.unwrap();
	assert!(finished(Outcome::Accepted)(&step_of(&daemon, 1)));
}

fn offer(request: RequestId, circuit: H256, deadline_blocks: BlockNumber) -> Offer {
	Offer { request, circuit, price: 100, collateral: 1_000, deadline_blocks, lock_by: 15 }
}

/// A listed circuit this client rebuilds, with room and time: locked. A
/// circuit not listed, or one it cannot rebuild: declined, without proving.
#[tokio::test]
async fn offers_are_locked_only_when_the_daemon_can_prove_them() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::default(), 10, vec![], 2);
	chain.set(|s| s.offers = vec![offer(1, circuit(), 20), offer(2, H256::repeat_byte(9), 20)]);
	daemon.on_best(&chain, head(10)).await.unwrap();
	assert_eq!(chain.state.lock().unwrap().answers, vec![(1, true), (2, false)]);
	assert_eq!(daemon.metrics.offers_declined.get(), 1);
	// Answered offers are not answered again in the next blocks.
	daemon.on_best(&chain, head(11)).await.unwrap();
	assert_eq!(chain.state.lock().unwrap().answers.len(), 2);
	assert_eq!(prover.calls.load(Ordering::SeqCst), 0);
}

/// A proving time measured here that does not fit the request's deadline,
/// or no free slot: declined.
#[tokio::test]
async fn offers_that_cannot_be_proved_in_time_or_without_a_slot_are_declined() {
	let slow = FakeProver {
		estimate: Some(Duration::from_millis(10 * MILLISECS_PER_BLOCK)),
		..Default::default()
	};
	let (_dir, chain, _prover, mut daemon) = setup(slow, 10, vec![job(7, 40)], 2);
	daemon.on_best(&chain, head(9)).await.unwrap();
	// 10 blocks of proving, after the 10 of job 7 being proved (every proof
	// uses all cores), plus the submission margin and the lock's block.
	chain.set(|s| s.offers = vec![offer(1, circuit(), 22), offer(2, circuit(), 23)]);
	daemon.on_best(&chain, head(10)).await.unwrap();
	// The second fits, but the first took no slot: one job and one lock fill two.
	chain.set(|s| s.offers.push(offer(3, circuit(), 40)));
	daemon.on_best(&chain, head(11)).await.unwrap();
	assert_eq!(chain.state.lock().unwrap().answers, vec![(1, false), (2, true), (3, false)]);
}

/// An auction for request `request` of a circuit of two work units, paying
/// at most 100, where this prover's ask is 30 per unit (a cost of 60).
fn opening(request: RequestId, phase: OpeningPhase) -> Opening {
	Opening {
		request,
		circuit: circuit(),
		work_units: 2,
		max_fee: 100,
		deadline_blocks: 40,
		ask: 30,
		phase,
	}
}

fn commit(bids_until: BlockNumber, committed: bool) -> OpeningPhase {
	OpeningPhase::Commit { bids_until, committed }
}

fn reveal(reveal_until: BlockNumber, revealed: bool) -> OpeningPhase {
	OpeningPhase::Reveal { reveal_until, committed: true, revealed }
}

fn dutch(price: Balance) -> OpeningPhase {
	OpeningPhase::Dutch { price, next_price: price + 5, closes: 40 }
}

impl FakeChain {
	fn at(&self, best: BlockNumber, openings: Vec<Opening>) -> Head {
		self.set(|s| {
			s.best = best;
			s.openings = openings;
		});
		self.best()
	}

	fn commits(&self) -> Vec<(RequestId, [u8; 32])> {
		self.state.lock().unwrap().commits.clone()
	}

	fn reveals(&self) -> Vec<(RequestId, Balance, [u8; 32])> {
		self.state.lock().unwrap().reveals.clone()
	}

	fn locks(&self) -> Vec<RequestId> {
		self.state.lock().unwrap().locks.clone()
	}
}

/// The bid is the prover's own ask per unit, committed once; the reveal
/// goes out in the last bidding block (to land in the first revealing one)
/// with the price and salt whose hash was committed, once; the journaled
/// bid is forgotten when the auction settles.
#[tokio::test]
async fn a_sealed_bid_is_truthful_and_revealed_with_the_committed_salt() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![], 1);
	daemon.on_best(&chain, chain.at(10, vec![opening(1, commit(13, false))])).await.unwrap();
	let commits = chain.commits();
	assert_eq!(commits.len(), 1);
	assert_eq!(daemon.journal().bid(1).map(|bid| bid.price), Some(30), "the ask, per unit");
	// The same block again (after a proof came back): nothing sent twice.
	daemon.on_best(&chain, chain.best()).await.unwrap();
	daemon.on_best(&chain, chain.at(11, vec![opening(1, commit(13, true))])).await.unwrap();
	assert_eq!(chain.commits().len(), 1);
	assert!(chain.reveals().is_empty(), "block 12 still takes bids");

	daemon.on_best(&chain, chain.at(12, vec![opening(1, commit(13, true))])).await.unwrap();
	let reveals = chain.reveals();
	assert_eq!(reveals.len(), 1);
	let (request, price, salt) = reveals[0];
	assert_eq!((request, price), (1, 30));
	assert_eq!(bid_commitment(1, price, &salt, &chain.account), commits[0].1, "it verifies");
	daemon.on_best(&chain, chain.at(13, vec![opening(1, reveal(16, false))])).await.unwrap();
	assert_eq!(chain.reveals().len(), 1, "not sent again at once");
	daemon.on_best(&chain, chain.at(14, vec![opening(1, reveal(16, true))])).await.unwrap();
	assert_eq!(chain.reveals().len(), 1);
	assert!(daemon.journal().bid(1).is_some(), "kept until the auction settles");

	daemon.on_best(&chain, chain.at(16, vec![])).await.unwrap();
	assert!(daemon.journal().bid(1).is_none());
	assert_eq!(daemon.metrics.bids_committed.get(), 1);
	assert_eq!(daemon.metrics.bids_revealed.get(), 1);
}

/// A reveal not seen on chain is sent again, with the same price and salt,
/// while the reveal window lasts.
#[tokio::test]
async fn a_reveal_not_on_chain_is_sent_again_in_time() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![], 1);
	daemon.on_best(&chain, chain.at(10, vec![opening(1, commit(12, false))])).await.unwrap();
	daemon.on_best(&chain, chain.at(12, vec![opening(1, reveal(20, false))])).await.unwrap();
	daemon.on_best(&chain, chain.at(13, vec![opening(1, reveal(20, false))])).await.unwrap();
	assert_eq!(chain.reveals().len(), 1);
	daemon.on_best(&chain, chain.at(14, vec![opening(1, reveal(20, false))])).await.unwrap();
	assert_eq!(chain.reveals().len(), 2);
	assert_eq!(chain.reveals()[0], chain.reveals()[1]);
	// A reveal sent in the settlement block would land too late.
	daemon.on_best(&chain, chain.at(19, vec![opening(1, reveal(20, false))])).await.unwrap();
	assert_eq!(chain.reveals().len(), 2);
}

/// No bid and no Dutch lock while every slot is held; a committed bid
/// holds a slot itself, so the daemon never bids for more than it can prove.
#[tokio::test]
async fn no_bid_or_lock_without_a_free_slot() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![job(7, 100)], 1);
	let auctions = vec![opening(1, commit(15, false)), opening(2, dutch(80))];
	daemon.on_best(&chain, chain.at(10, auctions.clone())).await.unwrap();
	assert!(chain.commits().is_empty() && chain.locks().is_empty());
	assert!(daemon.journal().bid(1).is_none(), "nothing journaled either");

	// The job is done and gone: the slot is free, the first auction takes it.
	drain(&mut daemon, &chain).await;
	chain.set(|s| s.jobs.clear());
	daemon.on_best(&chain, chain.at(11, auctions.clone())).await.unwrap();
	assert_eq!(chain.commits().len(), 1);
	assert!(chain.locks().is_empty(), "the bid holds the only slot");
	// So does an offer meanwhile: declined.
	chain.set(|s| s.offers = vec![offer(3, circuit(), 40)]);
	daemon.on_best(&chain, chain.at(12, auctions)).await.unwrap();
	assert_eq!(chain.state.lock().unwrap().answers, vec![(3, false)]);
	assert!(chain.locks().is_empty());
}

/// The salt survives a restart between commit and reveal: the restarted
/// daemon reveals what it committed, and commits nothing new.
#[tokio::test]
async fn a_restarted_daemon_reveals_with_the_journaled_salt() {
	let (dir, chain, prover, mut first) = setup(FakeProver::default(), 10, vec![], 1);
	first.on_best(&chain, chain.at(10, vec![opening(1, commit(13, false))])).await.unwrap();
	let commitment = chain.commits()[0].1;
	drop(first);

	let mut second = daemon(&prover, dir.path(), 1);
	second.on_best(&chain, chain.at(13, vec![opening(1, reveal(16, false))])).await.unwrap();
	let reveals = chain.reveals();
	assert_eq!(reveals.len(), 1);
	let (_, price, salt) = reveals[0];
	assert_eq!(bid_commitment(1, price, &salt, &chain.account), commitment);
	assert_eq!(chain.commits().len(), 1);
}

/// A commitment journaled but never sent (the process died in between) is
/// sent after the restart with the same salt, so it can be revealed.
#[tokio::test]
async fn a_journaled_bid_is_committed_with_its_own_salt_after_a_restart() {
	let (dir, chain, prover, _) = setup(FakeProver::default(), 10, vec![], 1);
	let salt = [3; 32];
	let mut journal = Journal::open(dir.path(), "5Prover").unwrap();
	journal.record_bid(SealedBid { request: 1, price: 30, salt, bids_until: 13 }).unwrap();
	drop(journal);
	let mut daemon = daemon(&prover, dir.path(), 1);
	daemon.on_best(&chain, chain.at(10, vec![opening(1, commit(13, false))])).await.unwrap();
	assert_eq!(chain.commits(), vec![(1, bid_commitment(1, 30, &salt, &chain.account))]);
}

/// Without the journaled salt nothing can be revealed: no transaction.
#[tokio::test]
async fn a_bid_whose_salt_is_lost_is_not_revealed() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 13, vec![], 1);
	daemon.on_best(&chain, chain.at(13, vec![opening(1, reveal(16, false))])).await.unwrap();
	daemon.on_best(&chain, chain.at(14, vec![opening(1, reveal(16, false))])).await.unwrap();
	assert!(chain.reveals().is_empty());
	assert!(chain.commits().is_empty());
}

/// No bid where the ask is above what the request pays (the reveal would
/// be refused and the bond forfeited), where the circuit cannot be proved
/// here, or where the commitment could not land before bids close.
#[tokio::test]
async fn no_bid_that_could_not_be_served_or_land_in_time() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![], 3);
	let mut dear = opening(1, commit(15, false));
	dear.max_fee = 59;
	let mut unknown = opening(2, commit(15, false));
	unknown.circuit = H256::repeat_byte(9);
	let late = opening(3, commit(11, false));
	daemon.on_best(&chain, chain.at(10, vec![dear, unknown, late])).await.unwrap();
	assert!(chain.commits().is_empty());
	assert!(daemon.journal().bids().next().is_none());
}

/// A Dutch auction is locked exactly when its price reaches the cost (ask
/// × work units), once, and not again in the same block or the next ones.
#[tokio::test]
async fn a_dutch_auction_is_locked_when_its_price_reaches_the_cost() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![], 1);
	for (block, price) in [(10, 50), (11, 55), (12, 59)] {
		daemon.on_best(&chain, chain.at(block, vec![opening(1, dutch(price))])).await.unwrap();
		assert!(chain.locks().is_empty(), "{price} is below the cost of 60");
	}
	daemon.on_best(&chain, chain.at(13, vec![opening(1, dutch(60))])).await.unwrap();
	assert_eq!(chain.locks(), vec![1]);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	daemon.on_best(&chain, chain.at(14, vec![opening(1, dutch(65))])).await.unwrap();
	assert_eq!(chain.locks(), vec![1], "never locked twice");
	assert_eq!(daemon.metrics.dutch_locks.get(), 1);
	// Locked: the job is ours and proved.
	let mut locked = job(1, 60);
	locked.price = 60;
	chain.set(|s| s.jobs = vec![locked]);
	daemon.on_best(&chain, chain.at(15, vec![])).await.unwrap();
	drain(&mut daemon, &chain).await;
	assert_eq!(chain.sent().len(), 1);
	assert_eq!(chain.locks(), vec![1]);
}

/// A race job: proved, committed to (the commitment names this prover and
/// opens with the proof), and revealed only once commitments close.
#[tokio::test]
async fn a_race_proof_is_committed_then_revealed_once_commitments_close() {
	let mut racing = job(1, 100);
	racing.race = Some(RaceStand { commits_close: None, committed: false });
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![racing], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	daemon.on_best(&chain, chain.best()).await.unwrap();
	// Proved: committed, nothing revealed.
	let commits = chain.state.lock().unwrap().proof_commits.clone();
	assert_eq!(commits.len(), 1);
	let proof = daemon.journal().proof(JobKey { request: 1, attempt: 1 }).unwrap();
	assert_eq!(
		commits[0],
		(1, proof_commitment(1, &proof.public_inputs, &proof.proof, &AccountId32([5; 32])))
	);
	assert!(chain.sent().is_empty(), "no proof before commitments close");
	// Committed on chain; commitments close at block 13.
	chain.set(|s| {
		s.best = 11;
		s.jobs[0].race = Some(RaceStand { commits_close: Some(13), committed: true });
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert!(chain.sent().is_empty(), "a reveal landing before the close would be refused");
	chain.set(|s| s.best = 12);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.sent().len(), 1, "revealed to land in the closing block");
	assert_eq!(chain.state.lock().unwrap().proof_commits.len(), 1, "committed once");
	assert_eq!(daemon.metrics.race_commits.get(), 1);
}

/// A race is joined, like a Dutch lock, only when what it pays covers this
/// prover's cost.
#[tokio::test]
async fn a_race_is_joined_only_when_it_pays_our_cost() {
	let opening = |price| Opening {
		request: 4,
		circuit: circuit(),
		work_units: 2,
		max_fee: 1_000,
		deadline_blocks: 40,
		ask: 100,
		phase: OpeningPhase::Race { price, join_until: 20 },
	};
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![], 1);
	chain.set(|s| s.openings = vec![opening(199)]);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert!(chain.state.lock().unwrap().locks.is_empty(), "199 is below 2 units × 100");
	chain.set(|s| s.openings = vec![opening(200)]);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.state.lock().unwrap().locks, vec![4]);
}

/// Takes back the next proof, failing the test instead of hanging when none
/// comes.
async fn next_within(daemon: &mut Daemon<FakeProver>, chain: &FakeChain) {
	let result = tokio::time::timeout(Duration::from_secs(10), daemon.next_result())
		.await
		.expect("a proving thread reports back");
	daemon.on_proved(chain, result).await.unwrap();
}

/// A panic while proving is that job's failure (after one more try); the
/// slot comes back and the next job is proved.
#[tokio::test]
async fn a_panic_while_proving_fails_the_job_and_frees_its_slot() {
	let prover = FakeProver { panics_on: Some(1), ..Default::default() };
	let (_dir, chain, prover, mut daemon) = setup(prover, 10, vec![job(1, 100), job(2, 110)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	next_within(&mut daemon, &chain).await;
	assert_eq!(step_of(&daemon, 1), None, "tried once more");
	next_within(&mut daemon, &chain).await;
	assert!(finished(Outcome::Failed)(&step_of(&daemon, 1)));
	assert_eq!(daemon.proving(), 1, "the slot went to job 2");
	next_within(&mut daemon, &chain).await;
	assert_eq!(prover.calls.load(Ordering::SeqCst), 3);
	assert_eq!(chain.sent().len(), 1, "job 2 proved and sent");
	assert_eq!(daemon.metrics.jobs_finished.with_label_values(&["failed"]).get(), 1);
}

/// A job taken away while it is proved stops its proof and frees the slot at
/// once, without waiting for the proof to end.
#[tokio::test]
async fn a_job_taken_away_stops_its_proof_and_frees_the_slot() {
	let (_dir, chain, prover, mut daemon) =
		setup(FakeProver::gated(), 1, vec![job(1, 100), job(2, 110)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	chain.set(|s| {
		s.best = 2;
		s.jobs.retain(|job| job.request == 2);
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	next_within(&mut daemon, &chain).await;
	assert_eq!(prover.cancelled.load(Ordering::SeqCst), 1);
	assert!(
		matches!(daemon.live[&JobKey { request: 2, attempt: 1 }].stage, Stage::Proving),
		"job 2 took the slot while job 1's gate is still closed"
	);
	prover.open();
	next_within(&mut daemon, &chain).await;
	assert_eq!(chain.signed(), 1, "only job 2 is signed");
}

/// A proof still running when its deadline can no longer be made is stopped,
/// and the job is recorded as dropped.
#[tokio::test]
async fn a_proof_past_its_deadline_is_stopped() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::gated(), 1, vec![job(1, 20)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	chain.set(|s| s.best = 19);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	next_within(&mut daemon, &chain).await;
	assert_eq!(prover.cancelled.load(Ordering::SeqCst), 1);
	assert!(finished(Outcome::Dropped)(&step_of(&daemon, 1)));
	assert_eq!(daemon.proving(), 0);
}

/// Jobs start only while their proofs fit the memory limit together; a job
/// that could never fit fails without being proved, and an offer of it is
/// declined.
#[tokio::test]
async fn proofs_start_only_while_their_memory_fits() {
	let one_proof = proving_memory(1 << DEGREE_BITS);
	let (dir, chain, prover, daemon) =
		setup(FakeProver::gated(), 1, vec![job(1, 100), job(2, 110)], 2);
	let mut daemon = daemon.with_memory_limit(Some(one_proof + one_proof / 2));
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(daemon.proving(), 1, "two slots, memory for one proof");
	prover.open();
	next_within(&mut daemon, &chain).await;
	next_within(&mut daemon, &chain).await;
	assert_eq!(prover.max_running.load(Ordering::SeqCst), 1);
	assert_eq!(chain.sent().len(), 2);
	drop(daemon);

	// A limit below one proof: the job fails, offers are declined.
	chain.set(|s| {
		s.jobs = vec![job(3, 100)];
		s.offers = vec![offer(4, circuit(), 40)];
	});
	let mut small =
		super::tests::daemon(&prover, dir.path(), 2).with_memory_limit(Some(one_proof / 2));
	small.on_best(&chain, chain.best()).await.unwrap();
	assert!(finished(Outcome::Failed)(&step_of(&small, 3)));
	assert_eq!(chain.state.lock().unwrap().answers, vec![(4, false)]);
}

/// A proof the pool did not take is sent again at every block until it is
/// taken, and counted as submitted only then; a lost connection is not a
/// refusal: the step fails (the session reconnects) and the next sends again.
#[tokio::test]
async fn a_proof_is_sent_again_every_block_until_the_pool_takes_it() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::default(), 10, vec![job(1, 100)], 1);
	chain.set(|s| {
		s.send_errors = vec![
			pool_error(1011, None),
			ChainError::Rpc("connection reset".into()),
			pool_error(1013, None),
		]
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	next_within(&mut daemon, &chain).await; // proved; the first send is refused (1011)
	assert_eq!(daemon.metrics.proofs_submitted.get(), 0);
	chain.set(|s| s.best = 11);
	assert!(daemon.on_best(&chain, chain.best()).await.is_err(), "the connection dropped");
	chain.set(|s| s.best = 12);
	daemon.on_best(&chain, chain.best()).await.unwrap(); // 1013: the pool has it
	assert_eq!(daemon.metrics.proofs_submitted.get(), 1);
	chain.set(|s| s.best = 13);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert!(chain.sent().is_empty(), "taken by the pool: not sent again before the resend wait");
	assert_eq!(chain.signed(), 1, "the same bytes all along");
	assert_eq!(daemon.metrics.proof_resends.get(), 2);
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1);
}

/// A job proved before a restart that the chain no longer lists is settled
/// from the chain at start, and its proof file removed.
#[tokio::test]
async fn a_proof_left_by_a_restart_for_a_job_gone_is_settled() {
	let (dir, chain, prover, mut first) = setup(FakeProver::default(), 1, vec![job(1, 100)], 1);
	chain.set(|s| s.fail_signing = true);
	first.on_best(&chain, chain.best()).await.unwrap();
	let result = first.next_result().await;
	assert!(first.on_proved(&chain, result).await.is_err());
	assert_eq!(step_of(&first, 1), Some(Step::Proved));
	drop(first);

	chain.set(|s| {
		s.fail_signing = false;
		s.best = 30;
		s.jobs.clear();
		s.standings.insert(1, Standing::Elsewhere);
	});
	let mut second = daemon(&prover, dir.path(), 1);
	second.on_best(&chain, chain.best()).await.unwrap();
	second.on_finalized(&chain, chain.best()).await.unwrap();
	assert!(finished(Outcome::Abandoned)(&step_of(&second, 1)));
	let proofs = std::fs::read_dir(second.journal().dir().join("proofs")).unwrap().count();
	assert_eq!(proofs, 0);
	assert_eq!(chain.signed(), 0);
}

/// A reorg: the jobs listed at block 1 are gone at block 2 and back at 3.
async fn reorg_away_and_back(daemon: &mut Daemon<FakeProver>, chain: &FakeChain) {
	let listed = chain.state.lock().unwrap().jobs.clone();
	chain.set(|s| {
		s.best = 2;
		s.jobs.clear();
	});
	daemon.on_best(chain, chain.best()).await.unwrap();
	chain.set(|s| {
		s.best = 3;
		s.jobs = listed;
	});
	daemon.on_best(chain, chain.best()).await.unwrap();
}

/// A job that leaves and comes back (a reorg) gets neither a second proof nor
/// a second transaction.
#[tokio::test]
async fn a_job_listed_again_after_a_reorg_is_not_proved_or_signed_twice() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::default(), 1, vec![job(1, 100)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	next_within(&mut daemon, &chain).await;
	reorg_away_and_back(&mut daemon, &chain).await;
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1);
	assert_eq!(chain.signed(), 1);
	let sent = chain.sent();
	assert!(sent.iter().all(|bytes| *bytes == sent[0]), "only the same bytes are sent again");
}

/// Proving times measured in one run judge the offers of the next, and with
/// none measured, a sample proof measures one before the first answer.
#[tokio::test]
async fn proving_times_are_measured_once_and_kept_across_restarts() {
	let slow = FakeProver {
		calibrated: Duration::from_millis(30 * MILLISECS_PER_BLOCK),
		..Default::default()
	};
	let (dir, chain, prover, mut first) = setup(slow, 10, vec![], 1);
	chain.set(|s| s.offers = vec![offer(1, circuit(), 20)]);
	first.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(prover.calibrations.load(Ordering::SeqCst), 1);
	assert_eq!(chain.state.lock().unwrap().answers, vec![(1, false)], "30 blocks of proof");
	drop(first);

	let mut second = daemon(&prover, dir.path(), 1);
	chain.set(|s| s.offers = vec![offer(2, circuit(), 20), offer(3, circuit(), 40)]);
	second.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(prover.calibrations.load(Ordering::SeqCst), 1, "not measured again");
	assert_eq!(chain.state.lock().unwrap().answers[1..], [(2, false), (3, true)]);
}

/// One daemon per key and data directory.
#[test]
fn a_second_daemon_on_the_same_data_directory_is_refused() {
	let dir = tempfile::tempdir().unwrap();
	let first = Journal::open(dir.path(), "5Prover").unwrap();
	let error = Journal::open(dir.path(), "5Prover").err().expect("locked").to_string();
	assert!(error.contains("another prova-prover is running"), "{error}");
	drop(first);
	assert!(Journal::open(dir.path(), "5Prover").is_ok(), "the lock goes with the process");
}

/// A job taken away and listed again while its proof was stopping is proved
/// afresh once the stopped proof reports back, and sent once.
#[tokio::test]
async fn a_job_listed_again_while_its_proof_stops_is_proved_once_more() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::gated(), 1, vec![job(1, 100)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	reorg_away_and_back(&mut daemon, &chain).await;
	assert_eq!(daemon.proving(), 1, "the stopping proof still holds the slot");
	next_within(&mut daemon, &chain).await; // the stopped proof: discarded
	assert_eq!(prover.cancelled.load(Ordering::SeqCst), 1);
	assert!(matches!(daemon.live[&JobKey { request: 1, attempt: 1 }].stage, Stage::Proving));
	prover.open();
	next_within(&mut daemon, &chain).await;
	assert_eq!(chain.signed(), 1);
	assert_eq!(chain.sent().len(), 1);
}

/// Offers answered in one block are judged one after the other: a lock sent
/// for the first counts against the second's deadline.
#[tokio::test]
async fn offers_in_one_block_are_judged_with_the_locks_sent_before_them() {
	let slow = FakeProver {
		estimate: Some(Duration::from_millis(10 * MILLISECS_PER_BLOCK)),
		..Default::default()
	};
	let (_dir, chain, _prover, mut daemon) = setup(slow, 10, vec![], 3);
	chain.set(|s| s.offers = vec![offer(1, circuit(), 22), offer(2, circuit(), 22)]);
	daemon.on_best(&chain, head(10)).await.unwrap();
	// 10 blocks + 3 fit 22; after the first lock's 10 blocks, 23 do not.
	assert_eq!(chain.state.lock().unwrap().answers, vec![(1, true), (2, false)]);
}

/// A node behind the one followed before (after a failover) is not
/// followed: the jobs locked since would look taken away.
#[tokio::test]
async fn a_node_behind_does_not_make_jobs_look_taken_away() {
	let (_dir, chain, prover, mut daemon) = setup(FakeProver::gated(), 20, vec![job(1, 100)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	chain.set(|s| {
		s.best = 10;
		s.jobs.clear();
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(prover.cancelled.load(Ordering::SeqCst), 0);
	assert!(matches!(daemon.live[&JobKey { request: 1, attempt: 1 }].stage, Stage::Proving));
	prover.open();
}

/// Bytes the pool banned for a while are signed again with their own nonce,
/// so the banned ones and the new ones cannot both be included; bytes whose
/// nonce another transaction of ours took get a new one.
#[tokio::test]
async fn a_banned_proof_is_signed_again_with_its_nonce() {
	let (_dir, chain, _prover, mut daemon) = setup(FakeProver::default(), 10, vec![job(1, 100)], 1);
	chain.set(|s| s.send_errors = vec![pool_error(1012, None), pool_error(1012, None)]);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	next_within(&mut daemon, &chain).await; // signed with nonce 0; banned
	chain.set(|s| s.best = 11);
	daemon.on_best(&chain, chain.best()).await.unwrap(); // banned again: signed again
	assert_eq!(chain.signed(), 2);
	assert_eq!(chain.state.lock().unwrap().nonce, 1, "nonce 0 kept");
	assert_eq!(daemon.metrics.proofs_submitted.get(), 1);

	chain.set(|s| {
		s.best = 20;
		s.send_errors = vec![pool_error(1014, None)];
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.signed(), 3);
	assert_eq!(chain.state.lock().unwrap().nonce, 2, "priority too low: a new nonce");
}

#[tokio::test]
async fn an_aggregated_job_is_claimed_delivered_and_proved_itself_only_on_fallback() {
	let (_dir, chain, prover, mut daemon) =
		setup(FakeProver::default(), 10, vec![aggregated(1, 40)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	// The claim goes out, not the proof.
	assert_eq!(chain.sent().iter().map(|b| call_of(b)).collect::<Vec<_>>(), ["claim"]);
	assert!(matches!(step_of(&daemon, 1), Some(Step::Submitted { claim: true, .. })));
	assert_eq!(daemon.free_slots(), 0, "a claim in flight still holds its slot");

	// It lands: the proof goes to the aggregators, and again every few blocks.
	chain.set(|s| {
		s.best = 11;
		s.jobs = vec![claimed(1, 51, false)];
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert!(matches!(step_of(&daemon, 1), Some(Step::Claimed { at: 11 })));
	assert_eq!(daemon.free_slots(), 0, "the chain holds a claimed job's capacity until settled");
	for block in 12..=11 + REDELIVER_BLOCKS {
		chain.set(|s| s.best = block);
		daemon.on_best(&chain, chain.best()).await.unwrap();
	}
	let deliveries = chain.state.lock().unwrap().deliveries.clone();
	assert_eq!(deliveries, vec![(1, 11), (1, 11 + REDELIVER_BLOCKS)]);
	assert_eq!(chain.sent().len(), 1, "nothing signed while a batch may settle it");

	// No batch took it: the same proof is submitted before the fallback's end.
	chain.set(|s| {
		s.best = 51;
		s.jobs = vec![claimed(1, 71, true)];
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	let calls: Vec<String> = chain.sent().iter().map(|b| call_of(b)).collect();
	assert_eq!(calls, ["claim", "proof"]);
	assert!(matches!(step_of(&daemon, 1), Some(Step::Submitted { claim: false, .. })));
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1, "proved once");
	chain.set(|s| s.best = 52);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.sent().len(), 2, "the fallback proof is not sent twice");

	// Paid: settled at finality like any job.
	chain.set(|s| {
		s.jobs.clear();
		s.standings.insert(1, Standing::FulfilledByUs);
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	daemon.on_finalized(&chain, chain.best()).await.unwrap();
	assert!(finished(Outcome::Accepted)(&step_of(&daemon, 1)));
}

#[tokio::test]
async fn a_batch_settling_a_claim_ends_the_job_without_a_proof_transaction() {
	let (_dir, chain, _prover, mut daemon) =
		setup(FakeProver::default(), 10, vec![aggregated(1, 40)], 1);
	daemon.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut daemon, &chain).await;
	chain.set(|s| {
		s.best = 11;
		s.jobs = vec![claimed(1, 51, false)];
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	chain.set(|s| {
		s.best = 20;
		s.jobs.clear();
		s.standings.insert(1, Standing::FulfilledByUs);
	});
	daemon.on_best(&chain, chain.best()).await.unwrap();
	daemon.on_finalized(&chain, chain.best()).await.unwrap();
	assert!(finished(Outcome::Accepted)(&step_of(&daemon, 1)));
	assert_eq!(chain.sent().iter().map(|b| call_of(b)).collect::<Vec<_>>(), ["claim"]);
}

#[tokio::test]
async fn a_restart_while_claimed_delivers_again_and_falls_back_from_the_journal() {
	let (dir, chain, prover, mut first) =
		setup(FakeProver::default(), 10, vec![aggregated(1, 40)], 1);
	first.on_best(&chain, chain.best()).await.unwrap();
	drain(&mut first, &chain).await;
	drop(first); // dies after sending the claim, before seeing it land

	// The claim landed meanwhile: the restarted daemon hands the proof over.
	chain.set(|s| {
		s.best = 12;
		s.jobs = vec![claimed(1, 51, false)];
	});
	let mut second = daemon(&prover, dir.path(), 1);
	second.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(chain.state.lock().unwrap().deliveries, vec![(1, 12)]);
	drop(second);

	// And after another restart, it falls back with the journaled proof.
	chain.set(|s| {
		s.best = 51;
		s.jobs = vec![claimed(1, 71, true)];
	});
	let mut third = daemon(&prover, dir.path(), 1);
	third.on_best(&chain, chain.best()).await.unwrap();
	assert_eq!(prover.calls.load(Ordering::SeqCst), 1, "never proved again");
	let calls: Vec<String> = chain.sent().iter().map(|b| call_of(b)).collect();
	assert_eq!(calls.last().map(String::as_str), Some("proof"));
}
