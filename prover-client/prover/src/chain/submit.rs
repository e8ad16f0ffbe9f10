//! Signing and submitting transactions.
//!
//! subxt takes a nonce from the finalized block, which collides with
//! transactions still in the pool or in unfinalized blocks; every transaction
//! here is signed with the node's `system_accountNextIndex`, which counts them.
//! Signing and submission are split so the daemon can journal the signed bytes
//! before they leave: re-sending those bytes after a restart cannot execute
//! twice, because the nonce is in them.

use super::{prova, Chain, ChainError, Config};
use crate::key::Signer;
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	error::{DispatchError, TransactionEventsError},
	transactions::{Payload, TransactionInvalid, TransactionStatus, ValidationResult},
	utils::H256,
};

/// Blocks a signed transaction stays valid for.
pub const MORTALITY_BLOCKS: u64 = 64;

/// Why a transaction did not go through.
#[derive(Debug, thiserror::Error)]
pub enum TxError {
	/// The account cannot pay the fee (or the amount moved by the call).
	#[error("insufficient balance: the account cannot pay for this transaction ({0})")]
	InsufficientBalance(String),
	/// The pool refused it: a stale nonce, an expired era, a bad signature.
	#[error("the node refused the transaction: {0}")]
	Refused(String),
	/// It was included and failed: a pallet error, with its documentation.
	#[error("{0}")]
	Failed(String),
	/// The pool dropped it or the connection ended before it was included.
	#[error("the transaction was not included: {0}")]
	NotIncluded(String),
}

impl TxError {
	/// Whether the pool refused the bytes as already used or expired, so
	/// re-sending them can never succeed.
	pub fn is_outdated(&self) -> bool {
		match self {
			TxError::Refused(message) => {
				let message = message.to_lowercase();
				["outdated", "stale", "ancientbirthblock", "ancient birth block", "bad proof"]
					.iter()
					.any(|needle| message.contains(needle))
			}
			_ => false,
		}
	}

	/// Whether the pool already holds exactly these bytes.
	pub fn is_already_known(&self) -> bool {
		matches!(self, TxError::Refused(message)
			if message.to_lowercase().contains("already imported") || message.contains("1013"))
	}

	fn from_pool(message: String) -> TxError {
		if message.contains("Inability to pay")
			|| message.contains("1010: Invalid Transaction: Inability")
		{
			TxError::InsufficientBalance(message)
		} else {
			TxError::Refused(message)
		}
	}
}

/// A signed transaction, ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedTx {
	/// The extrinsic's SCALE encoding.
	pub bytes: Vec<u8>,
	/// Its hash.
	pub hash: H256,
	/// The nonce it uses.
	pub nonce: u64,
}

/// The outcome of a transaction included in a block.
#[derive(Debug)]
pub struct Included {
	/// The block.
	pub block: H256,
	/// The events it emitted.
	pub events: subxt::extrinsics::ExtrinsicEvents<Config>,
}

fn dispatch_message(error: &DispatchError) -> String {
	if let DispatchError::Module(module) = error {
		if let Ok(details) = module.details() {
			let docs = details.variant.docs.join(" ");
			return format!("{}::{}: {}", details.pallet.name(), details.variant.name, docs.trim());
		}
	}
	error.to_string()
}

impl Chain {
	/// Signs `call` by `signer` with the next nonce the node expects.
	pub async fn sign<Call: Payload>(
		&self,
		call: &Call,
		signer: &Signer,
	) -> Result<SignedTx, ChainError> {
		let nonce = self.next_nonce(&Chain::account_of(signer)).await?;
		let params = DefaultExtrinsicParamsBuilder::<Config>::new()
			.nonce(nonce)
			.mortal(MORTALITY_BLOCKS)
			.build();
		let mut txs = self.best().await?.tx();
		let signed = txs.create_signed(call, signer, params).await.map_err(|e| {
			ChainError::Incompatible(format!(
				"cannot build {}::{}: {e}",
				call.pallet_name(),
				call.call_name()
			))
		})?;
		Ok(SignedTx { hash: signed.hash(), bytes: signed.into_encoded(), nonce })
	}

	/// Hands signed bytes to the node's pool; `Ok` once the pool accepted them.
	pub async fn send(&self, bytes: &[u8]) -> Result<H256, ChainError> {
		self.rpc()
			.author_submit_extrinsic(bytes)
			.await
			.map_err(|e| ChainError::Tx(TxError::from_pool(e.to_string())))
	}

	/// Signs, submits and follows `call` until it is in a best block, and
	/// fails unless it succeeded there. For one-off operator and requester
	/// commands; the daemon uses [`Chain::sign`] and [`Chain::send`].
	pub async fn execute<Call: Payload>(
		&self,
		call: &Call,
		signer: &Signer,
	) -> Result<Included, ChainError> {
		let signed = self.sign(call, signer).await?;
		let tx = self.best().await?.tx().from_bytes(signed.bytes);
		// Ask the runtime first: the pool's refusal over RPC loses its reason.
		match tx.validate().await.map_err(ChainError::rpc)? {
			ValidationResult::Valid(_) => {}
			ValidationResult::Invalid(TransactionInvalid::Payment) => {
				return Err(TxError::InsufficientBalance(
					"it cannot pay the transaction fee".into(),
				)
				.into())
			}
			ValidationResult::Invalid(reason) => {
				return Err(TxError::Refused(format!("invalid: {reason:?}")).into())
			}
			ValidationResult::Unknown(reason) => {
				return Err(TxError::Refused(format!("unknown validity: {reason:?}")).into())
			}
		}
		let mut progress = tx
			.submit_and_watch()
			.await
			.map_err(|e| ChainError::Tx(TxError::from_pool(e.to_string())))?;
		while let Some(status) = progress.next().await {
			let status = status.map_err(|e| ChainError::Tx(TxError::NotIncluded(e.to_string())))?;
			match status {
				TransactionStatus::InBestBlock(in_block)
				| TransactionStatus::InFinalizedBlock(in_block) => {
					let block = in_block.block_hash();
					return match in_block.wait_for_success().await {
						Ok(events) => Ok(Included { block, events }),
						Err(TransactionEventsError::ExtrinsicFailed(error)) => {
							Err(TxError::Failed(dispatch_message(&error)).into())
						}
						Err(e) => Err(ChainError::rpc(e)),
					};
				}
				TransactionStatus::Invalid { message } => {
					return Err(TxError::from_pool(message).into())
				}
				TransactionStatus::Dropped { message } | TransactionStatus::Error { message } => {
					return Err(TxError::NotIncluded(message).into())
				}
				_ => {}
			}
		}
		Err(TxError::NotIncluded("the node stopped reporting its status".into()).into())
	}
}

/// Calls of the runtime, re-exported for the commands that build them.
pub use prova::tx as calls;
