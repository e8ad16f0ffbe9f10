//! The daemon against a real node: connection, block following, reconnects.
//!
//! One session is one connection. It follows best and finalized blocks and
//! feeds them, and finished proofs, to the [`Daemon`]. Any RPC failure ends
//! the session; the next one connects again after a backoff (1 s doubling to
//! 30 s) and starts with a full reconciliation, so blocks missed while away
//! need no replay: the job list at the new best block says everything.

use super::{Daemon, DaemonError, MarketChain, Standing};
use crate::{
	backend::{JobProver, ProofOutput},
	chain::{calls, Chain, ChainError, Head, Job, Offer, Opening, RequestId, SignedTx, Work},
	key::Signer,
};
use std::time::Duration;
use subxt::utils::{AccountId32, H256};

/// A prover account on a connected node: the real [`MarketChain`].
pub struct ProverAccount {
	/// The connection.
	pub chain: Chain,
	/// The operator key.
	pub signer: Signer,
	/// Its account.
	pub account: AccountId32,
}

impl ProverAccount {
	/// The account of `signer` on `chain`.
	pub fn new(chain: Chain, signer: Signer) -> Self {
		let account = Chain::account_of(&signer);
		ProverAccount { chain, signer, account }
	}
}

impl MarketChain for ProverAccount {
	async fn best_head(&self) -> Result<Head, ChainError> {
		self.chain.best_head().await
	}

	async fn work(&self, at: Head) -> Result<Work, ChainError> {
		self.chain.work(&self.chain.at(at).await?, &self.account).await
	}

	async fn standing(&self, at: Head, id: RequestId) -> Result<Standing, ChainError> {
		let request = self.chain.request(&self.chain.at(at).await?, id).await?;
		Ok(match request {
			Some(r) if r.locker() == Some(&self.account) => Standing::Ours,
			Some(r) if r.fulfilled_by() == Some(&self.account) => Standing::FulfilledByUs,
			Some(r) if r.failed_by(&self.account) => Standing::FailedByUs,
			_ => Standing::Elsewhere,
		})
	}

	async fn descriptor(&self, at: Head, circuit: H256) -> Result<Option<String>, ChainError> {
		let listing = self.chain.listing(&self.chain.at(at).await?, circuit).await?;
		Ok(listing.map(|listing| listing.descriptor))
	}

	async fn sign_proof(&self, job: &Job, proof: &ProofOutput) -> Result<SignedTx, ChainError> {
		let call = calls().market().submit_proof(
			job.request,
			proof.public_inputs.clone(),
			proof.proof.clone(),
		);
		self.chain.sign(&call, &self.signer).await
	}

	async fn send(&self, bytes: &[u8]) -> Result<(), ChainError> {
		self.chain.send(bytes).await.map(drop)
	}

	async fn answer(&self, offer: &Offer, lock: bool) -> Result<(), ChainError> {
		let signed = if lock {
			self.chain.sign(&calls().market().lock_request(offer.request), &self.signer).await?
		} else {
			self.chain.sign(&calls().market().decline_request(offer.request), &self.signer).await?
		};
		self.chain.send(&signed.bytes).await.map(drop)
	}

	fn account(&self) -> &AccountId32 {
		&self.account
	}

	async fn openings(&self, at: Head) -> Result<Vec<Opening>, ChainError> {
		self.chain.openings(&self.chain.at(at).await?, &self.account).await
	}

	async fn commit_bid(&self, request: RequestId, commitment: [u8; 32]) -> Result<(), ChainError> {
		let call = calls().market().commit_bid(request, commitment);
		let signed = self.chain.sign(&call, &self.signer).await?;
		self.chain.send(&signed.bytes).await.map(drop)
	}

	async fn reveal_bid(
		&self,
		request: RequestId,
		price: prova_primitives::Balance,
		salt: [u8; 32],
	) -> Result<(), ChainError> {
		let call = calls().market().reveal_bid(request, price, salt);
		let signed = self.chain.sign(&call, &self.signer).await?;
		self.chain.send(&signed.bytes).await.map(drop)
	}

	async fn commit_proof(
		&self,
		request: RequestId,
		commitment: [u8; 32],
	) -> Result<(), ChainError> {
		let call = calls().market().commit_proof(request, commitment);
		let signed = self.chain.sign(&call, &self.signer).await?;
		self.chain.send(&signed.bytes).await.map(drop)
	}

	async fn lock_request(&self, request: RequestId) -> Result<(), ChainError> {
		let signed = self.chain.sign(&calls().market().lock_request(request), &self.signer).await?;
		self.chain.send(&signed.bytes).await.map(drop)
	}
}

/// How the daemon runs.
#[derive(Clone, Debug)]
pub struct DaemonConfig {
	/// The node's RPC URL.
	pub url: String,
	/// Give up after this many failed connection attempts in a row (`None`: never).
	pub max_reconnects: Option<u32>,
}

/// Runs the daemon until Ctrl-C or SIGTERM, reconnecting as needed.
pub async fn run<P: JobProver>(
	config: DaemonConfig,
	signer: Signer,
	mut daemon: Daemon<P>,
) -> Result<(), DaemonError> {
	let mut failures = 0u32;
	let mut shutdown = std::pin::pin!(shutdown_signal());
	loop {
		let session = async {
			match Chain::connect(&config.url).await {
				Ok(chain) => {
					tracing::info!(url = %config.url, "connected");
					session(&mut daemon, ProverAccount::new(chain, signer.clone()), &mut failures)
						.await
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
		if config.max_reconnects.is_some_and(|max| failures > max) {
			return Err(error);
		}
		let backoff = Duration::from_secs(1 << (failures - 1).min(5)).min(Duration::from_secs(30));
		tracing::warn!(error = %error, retry_in_s = backoff.as_secs(), attempt = failures, "lost the node; reconnecting");
		tokio::select! {
			_ = tokio::time::sleep(backoff) => {},
			_ = &mut shutdown => return Ok(()),
		}
	}
}

/// One connection's worth of work; returns why it ended.
async fn session<P: JobProver>(
	daemon: &mut Daemon<P>,
	account: ProverAccount,
	failures: &mut u32,
) -> DaemonError {
	let result: Result<(), DaemonError> = async {
		let mut best = account.chain.api().stream_best_blocks().await.map_err(ChainError::rpc)?;
		let mut finalized = account.chain.api().stream_blocks().await.map_err(ChainError::rpc)?;
		// Catch up at once: jobs assigned while away, outcomes finalized while away.
		let head = account.chain.best_head().await?;
		match account.chain.prover(&account.chain.at(head).await?, &account.account).await? {
			None => tracing::warn!(
				account = %crate::chain::address(&account.account),
				"this key is not a registered prover: no jobs will come (see `prova-prover register`)"
			),
			Some(record) => tracing::info!(
				state = %record.state,
				capacity = record.capacity,
				backing = record.backing,
				"prover record"
			),
		}
		// The chain cannot yet be told which circuits a prover serves: say
		// which listed ones this client could not prove if assigned.
		for listing in account.chain.listings(&account.chain.at(head).await?).await? {
			if let Err(e) = prova_circuits::Workload::from_descriptor(&listing.descriptor) {
				tracing::warn!(circuit = ?listing.circuit, error = %e, "listed circuit this client cannot prove; a job for it would miss its deadline");
			}
		}
		daemon.on_best(&account, head).await?;
		daemon.on_finalized(&account, account.chain.finalized_head().await?).await?;
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
