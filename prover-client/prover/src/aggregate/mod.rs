//! The aggregator of the aggregated settlement tier (`prova-prover run
//! --aggregate`).
//!
//! Provers of aggregated requests claim their proofs on chain and deliver
//! them here ([`delivery`]). The aggregator checks each delivery against the
//! chain (the request is claimed, not fallen back, the bytes hash to the
//! claim, the public inputs are the stored input commitment and the claimed
//! output), wraps it into a leaf naming this aggregator
//! ([`prova_circuits::aggregation::Aggregator::wrap`], which verifies the
//! inner proof first), and when the [`batch`] policy says so merges the
//! leaves into one proof and submits `settle_batch`. The chain pays every
//! prover of the batch and this aggregator the requests' aggregation fees.
//!
//! Everything is checked before it costs anything, because an aggregate that
//! does not verify forfeits the aggregator's whole bond: a leaf is made only
//! from a proof that verifies and whose *own* public inputs (those inside
//! the proof bytes, which the leaf is made of) are the claimed ones; the
//! merge circuit's verifier hash is compared with the chain's before the
//! first delivery is taken, and each wrapper's with the hash its circuit's
//! owner set; every request of a batch is looked at again just before the
//! batch is sent. A rejected aggregate, or a refusal that says this account
//! is no aggregator or its merge circuit was replaced, stops the aggregator
//! with the reason instead of trying again.
//!
//! Recursive proofs run one at a time on a blocking thread (each uses every
//! core), and a batch's transaction is followed on a task of its own; the
//! loop keeps taking deliveries and following blocks meanwhile. What is not
//! settled when this process stops falls back to its provers after its `due`
//! block: they submit their proofs themselves.

pub mod batch;
pub mod delivery;

use crate::{
	backend::{CircuitProver, CpuBackend},
	chain::{address, calls, output_of, prova, Chain, ChainError, RequestId, Status, TxError},
	daemon::bounded,
	key::Signer,
};
use anyhow::Context;
use batch::{Next, Pending, Policy};
use delivery::Delivered;
use plonky2::{field::types::PrimeField64, plonk::proof::ProofWithPublicInputs};
use prova_circuits::aggregation::{Aggregator, Proved, Wrapper};
use prova_primitives::BlockNumber;
use std::{
	collections::{BTreeMap, BTreeSet, HashMap},
	net::SocketAddr,
	sync::Arc,
	time::{Duration, Instant},
};
use subxt::utils::{AccountId32, H256};
use tokio::sync::mpsc;

/// Deliveries waiting to be checked, at most (each up to
/// [`delivery::MAX_BODY_BYTES`]).
const INTAKE_QUEUE: usize = 256;

/// How long a batch's transaction may take to land before it counts as lost.
const SUBMIT_TIMEOUT: Duration = Duration::from_secs(60);

/// How the aggregator runs.
#[derive(Clone, Debug)]
pub struct AggregatorSettings {
	/// Node URLs, tried in order.
	pub urls: Vec<String>,
	/// Where the delivery endpoint listens.
	pub listen: SocketAddr,
	/// The URL provers are told (registered on chain).
	pub endpoint: String,
	/// Leaves at which a batch closes at once.
	pub batch_size: usize,
}

/// A claim this aggregator holds a delivered proof of.
struct Claim {
	/// The prover that claimed it.
	prover: AccountId32,
	/// Its circuit and the circuit's listing descriptor.
	circuit: H256,
	descriptor: String,
	/// The first block no batch may settle it in.
	due: BlockNumber,
	/// The verifier hash of the circuit's wrapper set on chain: the chain
	/// names the leaf by it, so ours must be the same.
	wrapper: [u64; 4],
	/// The claimed public inputs: input commitment, then output.
	claimed: Vec<u64>,
	/// The delivered proof, until wrapped.
	proof: Option<Vec<u8>>,
	/// Its leaf, once wrapped.
	leaf: Option<Proved>,
}

/// Work for the proving thread.
enum Task {
	/// Build the wrapper of a circuit before its first delivery.
	Prepare { circuit: H256, descriptor: String },
	/// Wrap a delivered proof whose public inputs must be `claimed`.
	Wrap {
		request: RequestId,
		circuit: H256,
		descriptor: String,
		proof: Vec<u8>,
		claimed: Vec<u64>,
	},
	/// Merge leaves, in this order.
	Merge { requests: Vec<RequestId>, leaves: Vec<Proved> },
}

/// What the proving thread reports.
enum Done {
	Prepared,
	Wrapped { request: RequestId, leaf: Result<Proved, String>, took: Duration },
	Merged { requests: Vec<RequestId>, proof: Result<Vec<u8>, String>, took: Duration },
}

/// `work()`, with a panic turned into its error.
fn guarded<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
	std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
		.unwrap_or_else(|panic| Err(format!("panicked: {}", crate::daemon::panic_message(&*panic))))
}

/// The proving thread's state: the merge circuit and the wrappers built.
struct Workshop {
	aggregator: Aggregator,
	account: [u8; 32],
	circuits: CircuitProver,
	wrappers: HashMap<H256, Arc<Wrapper>>,
}

impl Workshop {
	/// The wrapper of `circuit`, built on first use.
	fn wrapper(&mut self, circuit: H256, descriptor: &str) -> Result<Arc<Wrapper>, String> {
		if let Some(wrapper) = self.wrappers.get(&circuit) {
			return Ok(wrapper.clone());
		}
		let (handle, _) = self.circuits.circuit(circuit, descriptor).map_err(|e| e.to_string())?;
		let started = Instant::now();
		let wrapper =
			Arc::new(self.aggregator.wrapper(&handle.verifier_data()).map_err(|e| e.to_string())?);
		tracing::info!(circuit = ?circuit, %descriptor, stages = wrapper.stages(), build_ms = started.elapsed().as_millis() as u64, "wrapper built");
		self.wrappers.insert(circuit, wrapper.clone());
		Ok(wrapper)
	}

	/// Wraps `proof` for `request` if its own public inputs are `claimed`.
	fn wrap(
		&mut self,
		request: RequestId,
		wrapper: &Wrapper,
		proof: Vec<u8>,
		claimed: &[u64],
	) -> Result<Proved, String> {
		let inner = ProofWithPublicInputs::from_bytes(proof, &wrapper.inner().common)
			.map_err(|e| format!("not a proof of this circuit: {e}"))?;
		// The leaf is made of the inputs inside the proof bytes; the chain
		// names it by the claimed ones. A proof of other inputs would make
		// the aggregate fail and cost the bond.
		let inside: Vec<u64> = inner.public_inputs.iter().map(|e| e.to_canonical_u64()).collect();
		if inside != claimed {
			return Err("the proof's own public inputs are not the claimed ones".into());
		}
		self.aggregator
			.wrap(wrapper, &self.account, request, &inner)
			.map_err(|e| format!("{e}: {:?}", std::error::Error::source(&e)))
	}

	/// Runs `task`; a panic in it is reported as its failure.
	fn run(&mut self, task: Task) -> Done {
		match task {
			Task::Prepare { circuit, descriptor } => {
				if let Err(reason) = guarded(|| self.wrapper(circuit, &descriptor)) {
					tracing::warn!(circuit = ?circuit, %descriptor, %reason, "cannot build this circuit's wrapper");
				}
				Done::Prepared
			}
			Task::Wrap { request, circuit, descriptor, proof, claimed } => {
				let wrapper = guarded(|| self.wrapper(circuit, &descriptor));
				// Timed without a first use's wrapper build.
				let started = Instant::now();
				let leaf = wrapper
					.and_then(|wrapper| guarded(|| self.wrap(request, &wrapper, proof, &claimed)));
				Done::Wrapped { request, leaf, took: started.elapsed() }
			}
			Task::Merge { requests, leaves } => {
				let started = Instant::now();
				let proof = guarded(|| {
					self.aggregator
						.aggregate(leaves)
						.map(|root| root.proof.to_bytes())
						.map_err(|e| e.to_string())
				});
				Done::Merged { requests, proof, took: started.elapsed() }
			}
		}
	}
}

/// How a batch's transaction ended.
type Submitted = (Vec<RequestId>, Result<crate::chain::Included, ChainError>);

/// The aggregator's state in the async loop.
struct Desk {
	account: AccountId32,
	signer: Signer,
	/// The aggregation circuit our merge proofs are made for.
	aggregation_circuit: H256,
	policy: Policy,
	claims: BTreeMap<RequestId, Claim>,
	/// Claims given up (too close to their due, or unusable), with their
	/// due: deliveries of them again are not taken.
	given_up: BTreeMap<RequestId, BlockNumber>,
	/// Tasks sent to the proving thread and not reported back: new work
	/// is decided only when it is idle.
	in_flight: usize,
	tasks: std::sync::mpsc::Sender<Task>,
	/// The requests of the batch whose transaction is on its way.
	sending: BTreeSet<RequestId>,
	submitted: mpsc::UnboundedSender<Submitted>,
	/// The best block seen.
	best: BlockNumber,
	/// Why the aggregator must stop, once it must.
	fatal: Option<anyhow::Error>,
}

/// Runs the aggregator until the process stops or it cannot go on.
pub async fn run(settings: AggregatorSettings, signer: Signer) -> anyhow::Result<()> {
	let account = Chain::account_of(&signer);
	let url = settings.urls.first().context("no node URL")?.clone();
	let chain = Chain::connect(&url).await?;
	ensure_registered(&chain, &signer, &settings.endpoint).await?;

	tracing::info!("building the merge circuit");
	let started = Instant::now();
	let aggregator = tokio::task::spawn_blocking(Aggregator::new).await??;
	tracing::info!(seconds = started.elapsed().as_secs_f64(), "merge circuit built");
	let at = chain.best().await?;
	let aggregation_circuit = match chain.aggregation_circuit(&at).await? {
		Some((circuit, merge)) if merge == aggregator.merge_verifier_hash() => circuit,
		Some((circuit, merge)) => anyhow::bail!(
			"the chain's aggregation circuit {circuit:?} has merge hash {merge:?}; this client's merge circuit has {:?}: update prova-prover",
			aggregator.merge_verifier_hash()
		),
		None => anyhow::bail!(
			"the chain has no aggregation circuit: governance must register the merge circuit and call set_aggregation_circuit (`prova-prover circuits enable-aggregation` on a dev chain)"
		),
	};

	let listener = tokio::net::TcpListener::bind(settings.listen)
		.await
		.with_context(|| format!("cannot listen for deliveries on {}", settings.listen))?;
	let (intake_tx, mut intake) = mpsc::channel(INTAKE_QUEUE);
	tokio::spawn(delivery::serve(listener, intake_tx));

	// One recursive proof at a time, each on every core.
	let (tasks, task_rx) = std::sync::mpsc::channel::<Task>();
	let (done_tx, mut done) = mpsc::unbounded_channel::<Done>();
	let mut workshop = Workshop {
		aggregator,
		account: account.0,
		circuits: CircuitProver::new(Arc::new(CpuBackend), u64::MAX),
		wrappers: HashMap::new(),
	};
	std::thread::spawn(move || {
		while let Ok(task) = task_rx.recv() {
			if done_tx.send(workshop.run(task)).is_err() {
				return;
			}
		}
	});
	// Wrappers of the circuits that have one on chain, built before the
	// first delivery of each (the proving thread takes tasks in order).
	let mut prepared = 0;
	for listing in chain.listings(&at).await? {
		if chain.wrapper(&at, listing.circuit).await?.is_some() {
			let task = Task::Prepare { circuit: listing.circuit, descriptor: listing.descriptor };
			prepared += usize::from(tasks.send(task).is_ok());
		}
	}
	tracing::info!(listen = %settings.listen, endpoint = %settings.endpoint, aggregator = %address(&account), "taking claimed proofs");

	let (submitted, mut outcomes) = mpsc::unbounded_channel::<Submitted>();
	let mut desk = Desk {
		account,
		signer,
		aggregation_circuit,
		// A first guess (a 2-core machine's), replaced by what each proof here takes.
		policy: Policy { batch_size: settings.batch_size, proof_time: Duration::from_secs(5) },
		claims: BTreeMap::new(),
		given_up: BTreeMap::new(),
		in_flight: prepared,
		tasks,
		sending: BTreeSet::new(),
		submitted,
		best: 0,
		fatal: None,
	};
	let mut chain = chain;
	let mut tick = tokio::time::interval(Duration::from_millis(1000));
	loop {
		// Every step only talks to the node: one that stops answering ends
		// the connection, not the aggregator.
		let step = tokio::select! {
			Some(delivered) = intake.recv() => bounded(desk.on_delivery(&chain, delivered)).await,
			result = done.recv() => match result {
				Some(result) => bounded(desk.on_done(&chain, result)).await,
				None => anyhow::bail!("the proving thread stopped"),
			},
			Some((requests, outcome)) = outcomes.recv() => {
				bounded(desk.on_submitted(&chain, requests, outcome)).await
			}
			_ = tick.tick() => bounded(desk.on_tick(&chain)).await,
		};
		if let Some(fatal) = desk.fatal.take() {
			return Err(fatal);
		}
		if let Err(e) = step {
			tracing::warn!(error = %e, "lost the node; reconnecting");
			tokio::time::sleep(Duration::from_secs(1)).await;
			for url in &settings.urls {
				match Chain::connect(url).await {
					Ok(fresh) => {
						chain = fresh;
						break;
					}
					Err(e) => tracing::warn!(%url, error = %e, "cannot connect"),
				}
			}
		}
	}
}

/// Registers `signer` as an aggregator at `endpoint`, holding the bond,
/// unless it is registered already.
async fn ensure_registered(chain: &Chain, signer: &Signer, endpoint: &str) -> anyhow::Result<()> {
	let account = Chain::account_of(signer);
	let at = chain.best().await?;
	let registered = chain.aggregators(&at).await?;
	if let Some(record) = registered.iter().find(|record| record.account == account) {
		if record.endpoint != endpoint {
			tracing::warn!(registered = %record.endpoint, %endpoint, "registered with another endpoint; provers deliver there (unregister_aggregator and restart to change it)");
		}
		return Ok(());
	}
	delivery::parse_endpoint(endpoint)
		.with_context(|| format!("the endpoint {endpoint:?} is not an http://host:port URL"))?;
	tracing::info!(aggregator = %address(&account), %endpoint, "registering as an aggregator (holds the aggregator bond)");
	let call = calls().market().register_aggregator(endpoint.as_bytes().to_vec());
	chain
		.execute(&call, signer)
		.await
		.context("registering as an aggregator failed (the account must be a registered prover with the bond free)")?;
	Ok(())
}

/// Whether `request` can still be settled by a batch sent at best block
/// `best` (claimed, not fallen back, its due ahead of the next block), with
/// what the chain says of it.
async fn batchable(
	chain: &Chain,
	at: &crate::chain::AtBlock,
	best: BlockNumber,
	request: RequestId,
) -> Result<bool, ChainError> {
	Ok(matches!(
		chain.request(at, request).await?.map(|info| info.status),
		Some(Status::Claimed { fallback: false, due, .. }) if due > best + 1
	))
}

impl Desk {
	/// Checks a delivery against the chain at the best block and keeps it.
	async fn on_delivery(&mut self, chain: &Chain, delivered: Delivered) -> Result<(), ChainError> {
		let request = delivered.request;
		if self.claims.contains_key(&request) || self.given_up.contains_key(&request) {
			return Ok(());
		}
		let at = chain.best().await?;
		let refuse = |reason: &str| {
			tracing::info!(request, reason, "delivery dropped");
			Ok(())
		};
		let Some(info) = chain.request(&at, request).await? else {
			return refuse("unknown request");
		};
		let Status::Claimed { prover, due, fallback: false, output, proof_hash, .. } = &info.status
		else {
			return refuse("not a claim awaiting a batch");
		};
		if sp_crypto_hashing::blake2_256(&delivered.proof) != *proof_hash {
			return refuse("the proof is not the claimed one (hash differs)");
		}
		let claimed: Vec<u64> =
			info.input_commitment.iter().flatten().chain(output.iter()).copied().collect();
		if delivered.public_inputs != claimed || output_of(&delivered.public_inputs) != output {
			return refuse("the public inputs are not the claimed ones");
		}
		let Some(wrapper) = chain.wrapper(&at, info.circuit).await? else {
			return refuse("the circuit has no wrapper set on chain");
		};
		let Some(listing) = chain.listing(&at, info.circuit).await? else {
			return refuse("the circuit is not listed");
		};
		tracing::info!(request, prover = %address(prover), due, "claimed proof taken");
		self.claims.insert(
			request,
			Claim {
				prover: prover.clone(),
				circuit: info.circuit,
				descriptor: listing.descriptor,
				due: *due,
				wrapper,
				claimed,
				proof: Some(delivered.proof),
				leaf: None,
			},
		);
		self.step();
		Ok(())
	}

	/// Follows the best block.
	async fn on_tick(&mut self, chain: &Chain) -> Result<(), ChainError> {
		let head = chain.best_head().await?;
		if head.number != self.best {
			self.best = head.number;
			self.step();
		}
		Ok(())
	}

	/// The claims the policy decides on: not in a batch on its way.
	fn pending(&self) -> Vec<Pending> {
		self.claims
			.iter()
			.filter(|(request, _)| !self.sending.contains(request))
			.map(|(request, claim)| Pending {
				request: *request,
				due: claim.due,
				wrapped: claim.leaf.is_some(),
			})
			.collect()
	}

	/// Stops holding `request`'s claim and refuses its deliveries until its
	/// due block.
	fn give_up(&mut self, request: RequestId) {
		if let Some(claim) = self.claims.remove(&request) {
			self.given_up.insert(request, claim.due);
		}
	}

	/// When the proving thread is idle: drops the claims no batch can settle
	/// any more and gives the thread its next task.
	fn step(&mut self) {
		if self.in_flight > 0 {
			return;
		}
		for request in self.policy.hopeless(self.best, &self.pending()) {
			tracing::warn!(
				request,
				best = self.best,
				"too close to its due to batch; its prover falls back"
			);
			self.give_up(request);
		}
		let best = self.best;
		self.given_up.retain(|_, due| *due > best);
		let task = match self.policy.next(self.best, &self.pending()) {
			Next::Wait => return,
			Next::Wrap(request) => {
				let claim = self.claims.get_mut(&request).expect("the policy names held claims");
				let Some(proof) = claim.proof.take() else { return };
				tracing::info!(request, "wrapping");
				Task::Wrap {
					request,
					circuit: claim.circuit,
					descriptor: claim.descriptor.clone(),
					proof,
					claimed: claim.claimed.clone(),
				}
			}
			// One batch on its way at a time.
			Next::Close(_) if !self.sending.is_empty() => return,
			Next::Close(requests) => {
				let leaves = requests
					.iter()
					.filter_map(|request| self.claims.get(request)?.leaf.clone())
					.collect();
				tracing::info!(requests = requests.len(), "closing the batch: merging its leaves");
				Task::Merge { requests, leaves }
			}
		};
		if self.tasks.send(task).is_ok() {
			self.in_flight += 1;
		}
	}

	/// Takes a result from the proving thread: keeps a leaf, or sends a
	/// merged batch.
	async fn on_done(&mut self, chain: &Chain, done: Done) -> Result<(), ChainError> {
		self.in_flight = self.in_flight.saturating_sub(1);
		match done {
			Done::Prepared => {}
			Done::Wrapped { request, leaf, took } => match (leaf, self.claims.get_mut(&request)) {
				(Ok(leaf), Some(claim)) if leaf.node.verifier == claim.wrapper => {
					tracing::info!(request, seconds = took.as_secs_f64(), "leaf wrapped");
					self.policy.proof_time = took;
					claim.leaf = Some(leaf);
				}
				(Ok(leaf), Some(claim)) => {
					// The chain names the leaf by the wrapper set on chain: an
					// aggregate with ours would not verify.
					tracing::error!(request, circuit = ?claim.circuit, ours = ?leaf.node.verifier, on_chain = ?claim.wrapper, "this client's wrapper of the circuit differs from the one its owner set; dropped");
					self.give_up(request);
				}
				(Err(reason), _) => {
					tracing::warn!(request, %reason, "cannot wrap the delivered proof; dropped");
					self.give_up(request);
				}
				(Ok(_), None) => {}
			},
			Done::Merged { requests, proof, took } => {
				self.policy.proof_time = took / requests.len().saturating_sub(1).max(1) as u32;
				match proof {
					Ok(proof) => self.send(chain, requests, proof, took).await?,
					Err(reason) => {
						tracing::error!(%reason, "merging the batch failed; dropping its claims");
						for request in requests {
							self.give_up(request);
						}
					}
				}
			}
		}
		self.step();
		Ok(())
	}

	/// Sends `settle_batch` for `requests`, after checking each is still
	/// batchable; its outcome comes back through `submitted`.
	async fn send(
		&mut self,
		chain: &Chain,
		requests: Vec<RequestId>,
		proof: Vec<u8>,
		took: Duration,
	) -> Result<(), ChainError> {
		let head = chain.best_head().await?;
		let at = chain.at(head).await?;
		let mut stale = Vec::new();
		for &request in &requests {
			if !batchable(chain, &at, head.number, request).await? {
				stale.push(request);
			}
		}
		if !stale.is_empty() {
			// Settled by another batch or fallen back meanwhile: the others
			// keep their leaves for the next batch.
			tracing::info!(
				?stale,
				"claims left the batch before it was sent; merging again without them"
			);
			for request in stale {
				self.claims.remove(&request);
			}
			return Ok(());
		}
		let mut provers: Vec<&AccountId32> =
			requests.iter().filter_map(|r| self.claims.get(r).map(|c| &c.prover)).collect();
		provers.sort_by_key(|prover| prover.0);
		provers.dedup();
		let call = calls().market().settle_batch(
			requests.clone(),
			provers.len() as u32,
			self.aggregation_circuit,
			proof,
		);
		tracing::info!(
			requests = requests.len(),
			provers = provers.len(),
			merge_seconds = took.as_secs_f64(),
			"submitting the batch"
		);
		self.sending = requests.iter().copied().collect();
		let (chain, signer, outcomes) =
			(chain.clone(), self.signer.clone(), self.submitted.clone());
		tokio::spawn(async move {
			let outcome = tokio::time::timeout(SUBMIT_TIMEOUT, chain.execute(&call, &signer))
				.await
				.unwrap_or_else(|_| {
					Err(TxError::NotIncluded(format!("not in a block after {SUBMIT_TIMEOUT:?}"))
						.into())
				});
			let _ = outcomes.send((requests, outcome));
		});
		Ok(())
	}

	/// A batch's transaction ended: its claims are settled, or looked at
	/// again; a rejected aggregate or a lost right to aggregate is fatal.
	async fn on_submitted(
		&mut self,
		chain: &Chain,
		requests: Vec<RequestId>,
		outcome: Result<crate::chain::Included, ChainError>,
	) -> Result<(), ChainError> {
		self.sending.clear();
		match outcome {
			Ok(included) => {
				let events = &included.events;
				if events.has::<prova::market::events::AggregateRejected>() {
					self.fatal = Some(anyhow::anyhow!(
						"the chain rejected our aggregate of requests {requests:?} and forfeited the bond: a bug in this client; stopping"
					));
				} else if events.has::<prova::market::events::BatchSettled>() {
					tracing::info!(block = ?included.block, requests = ?requests, aggregator = %address(&self.account), "batch settled");
				}
				for request in &requests {
					self.claims.remove(request);
				}
			}
			Err(ChainError::Tx(TxError::Failed(reason)))
				if reason.starts_with("Market::NotAggregator")
					|| reason.starts_with("Market::StaleAggregationCircuit") =>
			{
				self.fatal =
					Some(anyhow::anyhow!("cannot settle batches any more: {reason}; stopping"));
			}
			Err(ChainError::Tx(e)) => {
				tracing::warn!(error = %e, "the batch did not settle; checking its claims");
				let head = chain.best_head().await?;
				let at = chain.at(head).await?;
				for request in requests {
					if !batchable(chain, &at, head.number, request).await? {
						self.claims.remove(&request);
					}
				}
			}
			Err(e) => return Err(e),
		}
		self.step();
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use prova_circuits::{Workload, WorkloadKind, MIN_DEGREE_BITS};

	/// A proof whose bytes hash to the claim but whose own public inputs are
	/// another input's must not become a leaf: the chain names the leaf by
	/// the claimed inputs, so the aggregate would fail and forfeit the bond.
	#[test]
	fn a_proof_of_other_inputs_than_claimed_is_not_wrapped() {
		let workload = Workload::for_degree(WorkloadKind::PoseidonChain, MIN_DEGREE_BITS).unwrap();
		let handle = workload.build().unwrap();
		let circuit = H256(sp_crypto_hashing::blake2_256(&handle.verifier_data_bytes().unwrap()));
		let honest = handle.prove(&workload.sample_input(1)).unwrap();
		let other = handle.prove(&workload.sample_input(2)).unwrap();
		let mut workshop = Workshop {
			aggregator: Aggregator::new().unwrap(),
			account: [6; 32],
			circuits: CircuitProver::new(Arc::new(CpuBackend), u64::MAX),
			wrappers: HashMap::new(),
		};
		let descriptor = workload.descriptor();
		let wrapper = workshop.wrapper(circuit, &descriptor).unwrap();
		let claimed = honest.public_inputs();

		let refused = workshop.wrap(7, &wrapper, other.proof_bytes(), &claimed).unwrap_err();
		assert!(refused.contains("not the claimed ones"), "{refused}");
		assert!(workshop.wrap(7, &wrapper, vec![1, 2, 3], &claimed).is_err(), "junk bytes");

		let leaf = workshop.wrap(7, &wrapper, honest.proof_bytes(), &claimed).unwrap();
		let expected = prova_primitives::aggregation::leaf(&[6; 32], 7, &claimed);
		assert_eq!(leaf.node.digest, expected, "the leaf the chain computes");
		assert_eq!(leaf.node.verifier, wrapper.verifier_hash());
	}
}
