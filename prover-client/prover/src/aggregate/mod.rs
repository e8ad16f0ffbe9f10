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
//! Everything here is checked before it costs anything: an aggregate that
//! does not verify forfeits the aggregator's whole bond, so a leaf is only
//! made from a proof that verifies and matches the claim, the merge
//! circuit's verifier hash is compared with the chain's before the first
//! delivery is taken, and each circuit's wrapper with the hash its owner set.
//!
//! Recursive proofs run one at a time on a blocking thread (each uses every
//! core); the loop keeps taking deliveries and following blocks meanwhile.
//! What is not settled when this process stops falls back to its provers
//! after its `due` block: they submit their proofs themselves.

pub mod batch;
pub mod delivery;

use crate::{
	backend::{CircuitProver, CpuBackend},
	chain::{address, calls, output_of, Chain, ChainError, RequestId, Status},
	key::Signer,
};
use anyhow::Context;
use batch::{Next, Pending, Policy};
use delivery::Delivered;
use plonky2::plonk::proof::ProofWithPublicInputs;
use prova_circuits::aggregation::{Aggregator, Proved, Wrapper};
use prova_primitives::BlockNumber;
use std::{
	collections::{BTreeMap, HashMap},
	net::SocketAddr,
	sync::Arc,
	time::{Duration, Instant},
};
use subxt::utils::{AccountId32, H256};
use tokio::sync::mpsc;

/// Deliveries waiting to be checked, at most.
const INTAKE_QUEUE: usize = 1024;

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
	/// The delivered proof, until wrapped.
	proof: Option<Vec<u8>>,
	/// Its leaf, once wrapped.
	leaf: Option<Proved>,
}

/// Work for the proving thread.
enum Task {
	/// Build the wrapper of a circuit before its first delivery.
	Prepare {
		circuit: H256,
		descriptor: String,
	},
	Wrap {
		request: RequestId,
		circuit: H256,
		descriptor: String,
		proof: Vec<u8>,
	},
	Merge {
		requests: Vec<RequestId>,
		leaves: Vec<Proved>,
	},
}

/// What the proving thread reports.
enum Done {
	Prepared,
	Wrapped { request: RequestId, leaf: Result<Proved, String>, took: Duration },
	Merged { requests: Vec<RequestId>, proof: Result<Vec<u8>, String>, took: Duration },
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

	fn run(&mut self, task: Task) -> Done {
		let started = Instant::now();
		match task {
			Task::Prepare { circuit, descriptor } => {
				if let Err(reason) = self.wrapper(circuit, &descriptor) {
					tracing::warn!(circuit = ?circuit, %descriptor, %reason, "cannot build this circuit's wrapper");
				}
				Done::Prepared
			}
			Task::Wrap { request, circuit, descriptor, proof } => {
				let leaf = (|| {
					let wrapper = self.wrapper(circuit, &descriptor)?;
					let inner = ProofWithPublicInputs::from_bytes(proof, &wrapper.inner().common)
						.map_err(|e| format!("not a proof of this circuit: {e}"))?;
					self.aggregator
						.wrap(&wrapper, &self.account, request, &inner)
						.map_err(|e| format!("{e}: {:?}", std::error::Error::source(&e)))
				})();
				Done::Wrapped { request, leaf, took: started.elapsed() }
			}
			Task::Merge { requests, leaves } => {
				let proof = self
					.aggregator
					.aggregate(leaves)
					.map(|root| root.proof.to_bytes())
					.map_err(|e| e.to_string());
				Done::Merged { requests, proof, took: started.elapsed() }
			}
		}
	}
}

/// The aggregator's state in the async loop.
struct Desk {
	account: AccountId32,
	/// The aggregation circuit our merge proofs are made for.
	aggregation_circuit: H256,
	policy: Policy,
	claims: BTreeMap<RequestId, Claim>,
	/// Claims given up (too close to their due), with that due: deliveries
	/// of them again are not taken.
	given_up: BTreeMap<RequestId, BlockNumber>,
	/// Tasks sent to the proving thread and not reported back: new work
	/// is decided only when it is idle.
	in_flight: usize,
	tasks: std::sync::mpsc::Sender<Task>,
	/// The best block seen.
	best: BlockNumber,
}

/// Runs the aggregator until the process stops.
pub async fn run(settings: AggregatorSettings, signer: Signer) -> anyhow::Result<()> {
	let account = Chain::account_of(&signer);
	let url = settings.urls.first().context("no node URL")?.clone();
	let chain = Chain::connect(&url).await?;
	ensure_registered(&chain, &signer, &settings.endpoint).await?;

	tracing::info!("building the merge circuit (a minute or more on a small machine)");
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
	tracing::info!(listen = %settings.listen, endpoint = %settings.endpoint, aggregator = %address(&account), "taking claimed proofs");

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
	let at = chain.best().await?;
	let mut prepared = 0;
	for listing in chain.listings(&at).await? {
		if chain.wrapper(&at, listing.circuit).await?.is_some() {
			let task = Task::Prepare { circuit: listing.circuit, descriptor: listing.descriptor };
			prepared += usize::from(tasks.send(task).is_ok());
		}
	}
	let mut desk = Desk {
		account,
		aggregation_circuit,
		// A first guess (a 2-core machine's), replaced by what each proof here takes.
		policy: Policy { batch_size: settings.batch_size, proof_time: Duration::from_secs(5) },
		claims: BTreeMap::new(),
		given_up: BTreeMap::new(),
		in_flight: prepared,
		tasks,
		best: 0,
	};
	let mut chain = chain;
	let mut tick = tokio::time::interval(Duration::from_millis(1000));
	loop {
		let step = tokio::select! {
			Some(delivered) = intake.recv() => desk.on_delivery(&chain, delivered).await,
			Some(result) = done.recv() => desk.on_done(&chain, &signer, result).await,
			_ = tick.tick() => desk.on_tick(&chain).await,
		};
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
				proof: Some(delivered.proof),
				leaf: None,
			},
		);
		self.step();
		Ok(())
	}

	/// Follows the best block: drops claims no batch can settle any more
	/// (settled by others, fallen back, too close to their `due`).
	async fn on_tick(&mut self, chain: &Chain) -> Result<(), ChainError> {
		let head = chain.best_head().await?;
		if head.number == self.best {
			return Ok(());
		}
		self.best = head.number;
		// What the proving thread works on is not dropped under it.
		if self.in_flight > 0 {
			return Ok(());
		}
		let pending = self.pending();
		for request in self.policy.hopeless(self.best, &pending) {
			tracing::warn!(
				request,
				best = self.best,
				"too close to its due to batch; its prover falls back"
			);
			if let Some(claim) = self.claims.remove(&request) {
				self.given_up.insert(request, claim.due);
			}
		}
		let best = self.best;
		self.given_up.retain(|_, due| *due > best);
		self.step();
		Ok(())
	}

	fn pending(&self) -> Vec<Pending> {
		self.claims
			.iter()
			.map(|(request, claim)| Pending {
				request: *request,
				due: claim.due,
				wrapped: claim.leaf.is_some(),
			})
			.collect()
	}

	/// Gives the proving thread its next task, if it is free.
	fn step(&mut self) {
		if self.in_flight > 0 {
			return;
		}
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
				}
			}
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

	/// Takes a result from the proving thread: keeps a leaf, or submits a
	/// merged batch and drops what it settled.
	async fn on_done(
		&mut self,
		chain: &Chain,
		signer: &Signer,
		done: Done,
	) -> Result<(), ChainError> {
		self.in_flight = self.in_flight.saturating_sub(1);
		match done {
			Done::Prepared => {}
			Done::Wrapped { request, leaf, took } => {
				self.policy.proof_time = took;
				match leaf {
					Ok(leaf) => match self.claims.get_mut(&request) {
						Some(claim) if leaf.node.verifier == claim.wrapper => {
							tracing::info!(request, seconds = took.as_secs_f64(), "leaf wrapped");
							claim.leaf = Some(leaf);
						}
						Some(claim) => {
							// The chain names the leaf by the wrapper set on
							// chain: an aggregate with ours would not verify.
							tracing::error!(request, circuit = ?claim.circuit, ours = ?leaf.node.verifier, on_chain = ?claim.wrapper, "this client's wrapper of the circuit differs from the one its owner set; dropped");
							self.claims.remove(&request);
						}
						None => {}
					},
					Err(reason) => {
						tracing::warn!(request, %reason, "cannot wrap the delivered proof; dropped");
						self.claims.remove(&request);
					}
				}
			}
			Done::Merged { requests, proof, took } => {
				self.policy.proof_time = took / requests.len().saturating_sub(1).max(1) as u32;
				match proof {
					Ok(proof) => self.submit(chain, signer, requests, proof, took).await?,
					Err(reason) => {
						tracing::error!(%reason, "merging the batch failed; dropping its claims");
						for request in requests {
							self.claims.remove(&request);
						}
					}
				}
			}
		}
		self.step();
		Ok(())
	}

	/// Submits `settle_batch` for `requests` and waits for its block.
	async fn submit(
		&mut self,
		chain: &Chain,
		signer: &Signer,
		requests: Vec<RequestId>,
		proof: Vec<u8>,
		took: Duration,
	) -> Result<(), ChainError> {
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
		match chain.execute(&call, signer).await {
			Ok(included) => {
				tracing::info!(block = ?included.block, requests = ?requests, aggregator = %address(&self.account), "batch settled");
				for request in &requests {
					self.claims.remove(request);
				}
			}
			Err(ChainError::Tx(e)) => {
				// Someone else settled some of them, or they fell back: the
				// others keep their leaves for the next batch.
				tracing::warn!(error = %e, "the batch was refused; checking its claims");
				let at = chain.best().await?;
				for request in requests {
					let batchable = matches!(
						chain.request(&at, request).await?.map(|info| info.status),
						Some(Status::Claimed { fallback: false, .. })
					);
					if !batchable {
						self.claims.remove(&request);
					}
				}
			}
			Err(e) => return Err(e),
		}
		Ok(())
	}
}
