//! The daemon against a real node: connection, block following, reconnects.
//!
//! One session is one connection. It follows best and finalized blocks and
//! feeds them, and finished proofs, to the [`Daemon`]. Any RPC failure ends
//! the session; the next one connects to the next of the configured nodes
//! at once, and after a whole round of them failed, waits (0.5 s doubling,
//! capped at one block time: a slot missed costs more than a retry). Each
//! session starts with a full reconciliation, so blocks missed while away
//! need no replay: the job list at the new best block says everything.
//!
//! The first session, once it has sent what was pending, builds the
//! circuits this prover serves before it follows blocks (see
//! [`Daemon::warm_up`]).

use super::{Daemon, DaemonError, MarketChain, Standing};
use crate::{
	aggregate::delivery::{deliver, Delivered},
	backend::{JobProver, ProofOutput},
	chain::{
		address, calls, output_of, Chain, ChainError, Head, Job, Offer, Opening, RequestId,
		SignedTx, Work,
	},
	key::Signer,
};
use prova_primitives::MILLISECS_PER_BLOCK;
use std::time::Duration;
use subxt::utils::{AccountId32, H256};

/// A prover account on a connected node: the real [`MarketChain`].
pub struct ProverAccount {
	/// The connection.
	pub chain: Chain,
	/// The operator key.
	pub signer: Signer,
	/// The prover's account: the key's own, or the bonded account the key
	/// is a `ProverOperations` proxy of.
	pub account: AccountId32,
	/// Set when the key signs for `account` as its proxy.
	proxy_for: Option<AccountId32>,
}

impl ProverAccount {
	/// The prover `prover` (default: the key's own account) on `chain`,
	/// signing with `signer`; for another account than the key's, every
	/// market call goes through `proxy.proxy` as its `ProverOperations` proxy.
	pub fn new(chain: Chain, signer: Signer, prover: Option<AccountId32>) -> Self {
		let own = Chain::account_of(&signer);
		let proxy_for = prover.filter(|prover| *prover != own);
		let account = proxy_for.clone().unwrap_or(own);
		ProverAccount { chain, signer, account, proxy_for }
	}
}

/// Signs the market call `$name { fields }` with the prover's key: as it
/// is, or wrapped in `proxy.proxy` for the bonded account when the key is
/// its hot key (the call then runs with the bonded account as origin).
macro_rules! sign_market {
	($self:expr, $nonce:expr, $name:ident { $($field:ident),* $(,)? }) => {{
		match &$self.proxy_for {
			None => {
				$self.chain.sign_with(&calls().market().$name($($field),*), &$self.signer, $nonce).await
			}
			Some(prover) => {
				use crate::chain::prova::runtime_types::{
					pallet_proof_market::pallet::Call, prova_runtime::{configs::ProxyType, RuntimeCall},
				};
				let call = RuntimeCall::Market(Call::$name { $($field),* });
				let proxied = calls().proxy().proxy(
					prover.clone().into(),
					Some(ProxyType::ProverOperations),
					call,
				);
				$self.chain.sign_with(&proxied, &$self.signer, $nonce).await
			}
		}
	}};
}

impl MarketChain for ProverAccount {
	async fn best_head(&self) -> Result<Head, ChainError> {
		bounded(async move { self.chain.best_head().await }).await
	}

	async fn work(&self, at: Head) -> Result<Work, ChainError> {
		bounded(async move { self.chain.work(&self.chain.at(at).await?, &self.account).await })
			.await
	}

	async fn standing(&self, at: Head, id: RequestId) -> Result<Standing, ChainError> {
		bounded(async move {
			let request = self.chain.request(&self.chain.at(at).await?, id).await?;
			Ok(match request {
				Some(r) if r.locker() == Some(&self.account) => Standing::Ours,
				Some(r) if r.fulfilled_by() == Some(&self.account) => Standing::FulfilledByUs,
				Some(r) if r.failed_by(&self.account) => Standing::FailedByUs,
				_ => Standing::Elsewhere,
			})
		})
		.await
	}

	async fn descriptor(&self, at: Head, circuit: H256) -> Result<Option<String>, ChainError> {
		bounded(async move {
			let listing = self.chain.listing(&self.chain.at(at).await?, circuit).await?;
			Ok(listing.map(|listing| listing.descriptor))
		})
		.await
	}

	async fn sign_proof(
		&self,
		job: &Job,
		proof: &ProofOutput,
		nonce: Option<u64>,
	) -> Result<SignedTx, ChainError> {
		bounded(async move {
			let request = job.request;
			if job.claims_next() {
				let output = output_of(&proof.public_inputs).to_vec();
				let proof_hash = sp_crypto_hashing::blake2_256(&proof.proof);
				return sign_market!(self, nonce, claim_proof { request, output, proof_hash });
			}
			let public_inputs = proof.public_inputs.clone();
			let proof = proof.proof.clone();
			sign_market!(self, nonce, submit_proof { request, public_inputs, proof })
		})
		.await
	}

	async fn deliver(&self, at: Head, job: &Job, proof: &ProofOutput) -> Result<(), ChainError> {
		bounded(async move {
			let aggregators = self.chain.aggregators(&self.chain.at(at).await?).await?;
			if aggregators.is_empty() {
				tracing::warn!(
					request = job.request,
					"no aggregator is registered; the claim falls back to us at its due block"
				);
			}
			let delivered = Delivered {
				request: job.request,
				public_inputs: proof.public_inputs.clone(),
				proof: proof.proof.clone(),
			};
			for aggregator in aggregators {
				let delivered = delivered.clone();
				tokio::spawn(async move {
					match deliver(&aggregator.endpoint, &delivered).await {
						Ok(()) => {
							tracing::info!(request = delivered.request, aggregator = %address(&aggregator.account), endpoint = %aggregator.endpoint, "proof handed to the aggregator")
						}
						Err(e) => {
							tracing::warn!(request = delivered.request, aggregator = %address(&aggregator.account), error = %e, "handing the proof to the aggregator failed; will retry")
						}
					}
				});
			}
			Ok(())
		})
		.await
	}

	async fn send(&self, bytes: &[u8]) -> Result<(), ChainError> {
		bounded(async move { self.chain.send(bytes).await.map(drop) }).await
	}

	async fn answer(&self, offer: &Offer, lock: bool) -> Result<(), ChainError> {
		bounded(async move {
			let request = offer.request;
			let signed = if lock {
				sign_market!(self, None, lock_request { request })?
			} else {
				sign_market!(self, None, decline_request { request })?
			};
			self.chain.send(&signed.bytes).await.map(drop)
		})
		.await
	}

	fn account(&self) -> &AccountId32 {
		&self.account
	}

	async fn openings(&self, at: Head) -> Result<Vec<Opening>, ChainError> {
		bounded(async move { self.chain.openings(&self.chain.at(at).await?, &self.account).await })
			.await
	}

	async fn commit_bid(&self, request: RequestId, commitment: [u8; 32]) -> Result<(), ChainError> {
		bounded(async move {
			let signed = sign_market!(self, None, commit_bid { request, commitment })?;
			self.chain.send(&signed.bytes).await.map(drop)
		})
		.await
	}

	async fn reveal_bid(
		&self,
		request: RequestId,
		price: prova_primitives::Balance,
		salt: [u8; 32],
	) -> Result<(), ChainError> {
		bounded(async move {
			let signed = sign_market!(self, None, reveal_bid { request, price, salt })?;
			self.chain.send(&signed.bytes).await.map(drop)
		})
		.await
	}

	async fn commit_proof(
		&self,
		request: RequestId,
		commitment: [u8; 32],
	) -> Result<(), ChainError> {
		bounded(async move {
			let signed = sign_market!(self, None, commit_proof { request, commitment })?;
			self.chain.send(&signed.bytes).await.map(drop)
		})
		.await
	}

	async fn lock_request(&self, request: RequestId) -> Result<(), ChainError> {
		bounded(async move {
			let signed = sign_market!(self, None, lock_request { request })?;
			self.chain.send(&signed.bytes).await.map(drop)
		})
		.await
	}
}

/// How long one exchange with the node may take. A node that stops answering
/// a request (while its connection stays up) would otherwise hold the daemon
/// for good; past this the session ends and the daemon reconnects.
pub const RPC_TIMEOUT: Duration = Duration::from_secs(30);

/// `exchange`, failing as a lost connection after [`RPC_TIMEOUT`].
pub(crate) async fn bounded<T>(
	exchange: impl std::future::Future<Output = Result<T, ChainError>>,
) -> Result<T, ChainError> {
	tokio::time::timeout(RPC_TIMEOUT, exchange).await.unwrap_or_else(|_| {
		Err(ChainError::Rpc(format!("the node did not answer within {RPC_TIMEOUT:?}")))
	})
}

/// How the daemon runs.
#[derive(Clone, Debug)]
pub struct DaemonConfig {
	/// The nodes' RPC URLs, tried in turn.
	pub urls: Vec<String>,
	/// Give up after this many failed connection attempts in a row (`None`: never).
	pub max_reconnects: Option<u32>,
	/// The bonded prover account the key signs for as its
	/// `ProverOperations` proxy (`None`: the key's own account).
	pub prover: Option<AccountId32>,
}

/// How long to wait before connection attempt number `failures` (counted
/// from 1) to one of `nodes` nodes: nothing while some node of the round is
/// untried, then 0.5 s doubling per round, capped at one block time.
pub fn reconnect_delay(failures: u32, nodes: usize) -> Duration {
	let nodes = nodes.max(1) as u32;
	if !failures.is_multiple_of(nodes) {
		return Duration::ZERO;
	}
	let rounds = (failures / nodes).saturating_sub(1).min(16);
	Duration::from_millis(500u64 << rounds).min(Duration::from_millis(MILLISECS_PER_BLOCK))
}

/// Runs the daemon until Ctrl-C or SIGTERM, reconnecting as needed.
pub async fn run<P: JobProver>(
	config: DaemonConfig,
	signer: Signer,
	mut daemon: Daemon<P>,
) -> Result<(), DaemonError> {
	let mut failures = 0u32;
	let mut warmed = false;
	let mut shutdown = std::pin::pin!(shutdown_signal());
	let urls =
		if config.urls.is_empty() { vec![crate::cli::DEFAULT_URL.into()] } else { config.urls };
	loop {
		let url = &urls[failures as usize % urls.len()];
		let session = async {
			match Chain::connect(url).await {
				Ok(chain) => {
					let account = ProverAccount::new(chain, signer.clone(), config.prover.clone());
					session(&mut daemon, account, &mut failures, &mut warmed).await
				}
				Err(e) => DaemonError::from(e),
			}
		};
		let error = tokio::select! {
			error = session => error,
			_ = &mut shutdown => {
				tracing::info!(proving = daemon.proving(), "shutting down; unfinished jobs resume on restart");
				return Ok(());
			},
		};
		if matches!(error, DaemonError::Journal(_)) {
			return Err(error);
		}
		failures += 1;
		daemon.metrics().reconnects.inc();
		if config.max_reconnects.is_some_and(|max| failures > max) {
			return Err(error);
		}
		let delay = reconnect_delay(failures, urls.len());
		let next = &urls[failures as usize % urls.len()];
		tracing::warn!(error = %error, %url, next = %next, retry_in_ms = delay.as_millis() as u64, attempt = failures, "lost the node; reconnecting");
		tokio::select! {
			_ = tokio::time::sleep(delay) => {},
			_ = &mut shutdown => return Ok(()),
		}
	}
}

/// One connection's worth of work; returns why it ended.
async fn session<P: JobProver>(
	daemon: &mut Daemon<P>,
	account: ProverAccount,
	failures: &mut u32,
	warmed: &mut bool,
) -> DaemonError {
	let result: Result<(), DaemonError> = async {
		let mut best = account.chain.api().stream_best_blocks().await.map_err(ChainError::rpc)?;
		let mut finalized = account.chain.api().stream_blocks().await.map_err(ChainError::rpc)?;
		// Catch up at once: jobs assigned while away, outcomes finalized while away.
		let head = account.chain.best_head().await?;
		let services =
			match account.chain.prover(&account.chain.at(head).await?, &account.account).await? {
				None => {
					tracing::warn!(
						account = %crate::chain::address(&account.account),
						"this key is not a registered prover: no jobs will come (see `prova-prover register`)"
					);
					Vec::new()
				}
				Some(record) => {
					tracing::info!(
						state = %record.state,
						capacity = record.capacity,
						backing = record.backing,
						"prover record"
					);
					record.services.into_iter().map(|(scope, _, _)| scope).collect()
				}
			};
		let mut served = Vec::new();
		for listing in account.chain.listings(&account.chain.at(head).await?).await? {
			match prova_circuits::Workload::from_descriptor(&listing.descriptor) {
				Err(e) => tracing::warn!(circuit = ?listing.circuit, error = %e, "listed circuit this client cannot prove; offers of it are declined"),
				Ok(workload) if serves(&services, listing.circuit, &workload) => {
					served.push((listing.circuit, listing.descriptor))
				}
				Ok(_) => {}
			}
		}
		// Proofs made before a restart go out first; building circuits can
		// take minutes.
		daemon.on_best(&account, head).await?;
		daemon.on_finalized(&account, account.chain.finalized_head().await?).await?;
		if !*warmed {
			*warmed = true;
			daemon.warm_up(served).await;
		}
		// Said once the circuits are built and the first block is handled:
		// from here on, offers are answered in the block they come in.
		tracing::info!(url = %account.chain.url(), best = head.number, "connected; following blocks");
		*failures = 0;
		loop {
			tokio::select! {
				block = best.next() => {
					let block = block.ok_or_else(|| ChainError::Rpc("best-block subscription ended".into()))?
						.map_err(ChainError::rpc)?;
					daemon.on_best(&account, Head { number: block.number() as u32, hash: block.hash() }).await?;
				},
				block = finalized.next() => {
					let block = block.ok_or_else(|| ChainError::Rpc("finalized-block subscription ended".into()))?
						.map_err(ChainError::rpc)?;
					daemon.on_finalized(&account, Head { number: block.number() as u32, hash: block.hash() }).await?;
				},
				result = daemon.next_result() => daemon.on_proved(&account, result).await?,
			}
		}
	}
	.await;
	result.err().unwrap_or_else(|| ChainError::Rpc("session ended".into()).into())
}

/// Whether a prover declaring `services` (scopes as `prova-prover serve`
/// takes them; none: every circuit) serves `circuit`, built as `workload`.
fn serves(services: &[String], circuit: H256, workload: &prova_circuits::Workload) -> bool {
	let degree_bits = crate::backend::degree_bits(workload.estimated_rows());
	services.is_empty()
		|| services.iter().any(|scope| {
			if let Some(hex) = scope.strip_prefix("0x") {
				return hex::decode(hex).is_ok_and(|id| id == circuit.0);
			}
			let Some((family, max)) = scope.rsplit_once(':') else { return false };
			let fits = max.parse::<u32>().is_ok_and(|max| degree_bits <= max);
			fits && (family == "any" || family == workload.name())
		})
}

async fn shutdown_signal() {
	let ctrl_c = tokio::signal::ctrl_c();
	#[cfg(unix)]
	{
		let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
			.expect("installing a SIGTERM handler");
		tokio::select! {
			_ = ctrl_c => {},
			_ = term.recv() => {},
		}
	}
	#[cfg(not(unix))]
	let _ = ctrl_c.await;
}

#[cfg(test)]
mod tests {
	use super::*;
	use prova_circuits::{Workload, WorkloadKind};

	#[test]
	fn failover_tries_every_node_before_waiting_at_most_a_block() {
		let waits: Vec<u64> =
			(1..=8).map(|failures| reconnect_delay(failures, 2).as_millis() as u64).collect();
		assert_eq!(waits, [0, 500, 0, 1000, 0, 2000, 0, 3000]);
		assert_eq!(reconnect_delay(1, 1), Duration::from_millis(500));
		assert_eq!(reconnect_delay(1000, 1), Duration::from_millis(MILLISECS_PER_BLOCK));
	}

	#[test]
	fn served_circuits_follow_the_declared_services() {
		let workload = Workload::for_degree(WorkloadKind::Fibonacci, 14).unwrap();
		let id = H256::repeat_byte(4);
		assert!(serves(&[], id, &workload), "no services: every circuit");
		assert!(serves(&["fibonacci:14".into()], id, &workload));
		assert!(!serves(&["fibonacci:13".into()], id, &workload), "too large");
		assert!(!serves(&["poseidon_chain:20".into()], id, &workload), "another family");
		assert!(serves(&["any:16".into()], id, &workload));
		assert!(serves(&[format!("{id:?}")], id, &workload));
		assert!(!serves(&[format!("{:?}", H256::zero())], id, &workload));
	}
}
