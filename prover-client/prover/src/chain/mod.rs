//! The chain, seen through subxt.
//!
//! Calls, events, storage and runtime APIs are generated at compile time from
//! `metadata/prova.scale`, the runtime's V16 metadata (`scripts/update-metadata.sh`
//! rewrites it; the end-to-end tests fail when it no longer matches the
//! runtime the node was built with). Reads go through a block pinned by hash, so a query and the
//! decision built on it see one state.
//!
//! The client uses the legacy RPC backend: it needs no block pinning, so a
//! long proof cannot get a subscription dropped, and a reconnect is simply a
//! new [`Chain`].

mod market;
mod submit;

pub use market::*;
pub use submit::*;

use crate::key::Signer;
use prova_primitives::Balance;
use std::sync::Arc;
use subxt::{
	backend::LegacyBackend,
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	config::RpcConfigFor,
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	utils::{AccountId32, H256},
	OnlineClient, SubstrateConfig,
};

/// The runtime's calls, events, storage and APIs, generated from its metadata.
#[subxt::subxt(
	runtime_metadata_path = "metadata/prova.scale",
	derive_for_all_types = "Clone",
	substitute_type(
		path = "bounded_collections::bounded_vec::BoundedVec<T>",
		with = "::std::vec::Vec<T>"
	)
)]
pub mod prova {}

// The macro does not track the file; this makes a regenerated file rebuild the crate.
const _: &[u8] = include_bytes!("../../metadata/prova.scale");

/// `who` as an SS58 address with Prova's prefix (4242), as wallets show it.
pub fn address(who: &AccountId32) -> String {
	use sp_core::crypto::Ss58Codec;
	sp_core::crypto::AccountId32::from(who.0)
		.to_ss58check_with_version(prova_primitives::SS58_PREFIX.into())
}

/// Reads an SS58 address of any prefix.
pub fn parse_address(text: &str) -> Option<AccountId32> {
	use sp_core::crypto::Ss58Codec;
	let (id, _) = sp_core::crypto::AccountId32::from_ss58check_with_version(text.trim()).ok()?;
	Some(AccountId32(id.into()))
}

/// subxt's configuration for Prova: the standard Substrate one (sr25519
/// `MultiSignature`, `AccountId32`, BlakeTwo256) fits the runtime.
pub type Config = SubstrateConfig;

/// Queries pinned to one block.
pub type AtBlock = ClientAtBlock<Config, OnlineClientAtBlockImpl<Config>>;

/// A block, by number and hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
	/// Its number.
	pub number: u32,
	/// Its hash.
	pub hash: H256,
}

/// Why talking to the node failed.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	/// No connection could be made.
	#[error("cannot reach the node at {url}: {reason} (is prova-node running with RPC on that address?)")]
	Unreachable {
		/// The URL tried.
		url: String,
		/// What the transport said.
		reason: String,
	},
	/// The node runs a runtime this client was not built for.
	#[error("the node's runtime does not match this client's metadata: {0}; update prova-prover")]
	Incompatible(String),
	/// A query or subscription failed (often: the connection dropped).
	#[error("RPC failed: {0}")]
	Rpc(String),
	/// A transaction was refused by the pool or failed in its block.
	#[error(transparent)]
	Tx(#[from] TxError),
}

impl ChainError {
	pub(crate) fn rpc(e: impl std::fmt::Display) -> Self {
		ChainError::Rpc(e.to_string())
	}
}

/// A connection to a node.
#[derive(Clone)]
pub struct Chain {
	api: OnlineClient<Config>,
	rpc: LegacyRpcMethods<RpcConfigFor<Config>>,
	url: Arc<str>,
}

impl Chain {
	/// Connects to `url` (`ws://` or `wss://`) and checks that the node's
	/// runtime matches the metadata this client was generated from.
	pub async fn connect(url: &str) -> Result<Chain, ChainError> {
		let unreachable = |e: &dyn std::fmt::Display| ChainError::Unreachable {
			url: url.into(),
			reason: e.to_string(),
		};
		let connect = RpcClient::from_insecure_url(url);
		let rpc_client =
			match tokio::time::timeout(std::time::Duration::from_secs(15), connect).await {
				Ok(Ok(client)) => client,
				Ok(Err(e)) => return Err(unreachable(&e)),
				Err(_) => return Err(unreachable(&"no answer within 15 s")),
			};
		let backend = LegacyBackend::<Config>::builder().build(rpc_client.clone());
		let api =
			OnlineClient::from_backend(Arc::new(backend)).await.map_err(|e| unreachable(&e))?;
		let chain = Chain { api, rpc: LegacyRpcMethods::new(rpc_client), url: url.into() };
		let at = chain.finalized().await?;
		if !prova::is_codegen_valid_for(at.metadata_ref()) {
			return Err(ChainError::Incompatible(format!("spec version {}", at.spec_version())));
		}
		Ok(chain)
	}

	/// The URL this connection was made to.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The subxt client.
	pub fn api(&self) -> &OnlineClient<Config> {
		&self.api
	}

	/// The best block now.
	pub async fn best_head(&self) -> Result<Head, ChainError> {
		let hash = self.rpc.chain_get_block_hash(None).await.map_err(ChainError::rpc)?;
		self.head_of(hash.ok_or_else(|| ChainError::Rpc("the node has no best block".into()))?)
			.await
	}

	/// The last finalized block now.
	pub async fn finalized_head(&self) -> Result<Head, ChainError> {
		let hash = self.rpc.chain_get_finalized_head().await.map_err(ChainError::rpc)?;
		self.head_of(hash).await
	}

	async fn head_of(&self, hash: H256) -> Result<Head, ChainError> {
		let header = self
			.rpc
			.chain_get_header(Some(hash))
			.await
			.map_err(ChainError::rpc)?
			.ok_or_else(|| ChainError::Rpc(format!("block {hash:?} is gone")))?;
		Ok(Head { number: header.number as u32, hash })
	}

	/// Queries pinned to `head`.
	pub async fn at(&self, head: Head) -> Result<AtBlock, ChainError> {
		self.api.at_block(head.hash).await.map_err(ChainError::rpc)
	}

	/// Queries pinned to the best block.
	pub async fn best(&self) -> Result<AtBlock, ChainError> {
		self.at(self.best_head().await?).await
	}

	/// Queries pinned to the last finalized block.
	pub async fn finalized(&self) -> Result<AtBlock, ChainError> {
		self.api.at_current_block().await.map_err(ChainError::rpc)
	}

	/// The nonce `who`'s next transaction needs, counting those in the node's pool.
	pub async fn next_nonce(&self, who: &AccountId32) -> Result<u64, ChainError> {
		self.rpc.system_account_next_index(who).await.map_err(ChainError::rpc)
	}

	/// `who`'s free balance at the best block.
	pub async fn free_balance(&self, who: &AccountId32) -> Result<Balance, ChainError> {
		self.free_balance_at(&self.best().await?, who).await
	}

	/// `who`'s free balance at `at`.
	pub async fn free_balance_at(
		&self,
		at: &AtBlock,
		who: &AccountId32,
	) -> Result<Balance, ChainError> {
		let account = at
			.storage()
			.fetch(prova::storage().system().account(), (*who,))
			.await
			.map_err(ChainError::rpc)?
			.decode()
			.map_err(ChainError::rpc)?;
		Ok(account.data.free)
	}

	/// Raw JSON-RPC methods (block hashes, headers, extrinsic submission).
	pub(crate) fn rpc(&self) -> &LegacyRpcMethods<RpcConfigFor<Config>> {
		&self.rpc
	}

	/// A signer's account.
	pub fn account_of(signer: &Signer) -> AccountId32 {
		signer.public_key().to_account_id()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn addresses_use_the_prova_prefix_and_parse_back() {
		let alice = Chain::account_of(&subxt_signer::sr25519::dev::alice());
		let shown = address(&alice);
		assert_ne!(shown, alice.to_string(), "not the generic prefix 42");
		assert_eq!(parse_address(&shown), Some(alice));
		// Addresses with the generic prefix, as other tools print them, are read too.
		assert_eq!(parse_address(&alice.to_string()), Some(alice));
		assert_eq!(parse_address("not an address"), None);
	}
}
