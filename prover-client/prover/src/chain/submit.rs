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
	/// The node's pool answered `author_submitExtrinsic` with an error.
	#[error("the node's pool refused the transaction: {0}")]
	Pool(PoolError),
	/// It was included and failed: a pallet error, with its documentation.
	#[error("{0}")]
	Failed(String),
	/// The pool dropped it or the connection ended before it was included.
	#[error("the transaction was not included: {0}")]
	NotIncluded(String),
}

impl TxError {
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

/// A JSON-RPC error of the node's transaction pool: its code says what
/// happened (1010 to 1016, `sc-rpc-api`'s author errors), and for 1010, an
/// invalid transaction, the data names the runtime's `InvalidTransaction`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} ({code}){}", data.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
pub struct PoolError {
	/// The JSON-RPC error code.
	pub code: i32,
	/// Its message.
	pub message: String,
	/// Its data, if any, without JSON quotes.
	pub data: Option<String>,
}

impl PoolError {
	/// Whether these bytes were banned for a while (1012): their nonce is
	/// still free, and a transaction signed again should keep it, so that
	/// the banned bytes, still valid in another node's pool, and the new
	/// ones cannot both be included.
	pub fn is_banned(&self) -> bool {
		self.code == code::TEMPORARILY_BANNED
	}
}

/// What the daemon does about a [`PoolError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolVerdict {
	/// 1013: the pool already holds these bytes; nothing to do.
	AlreadyKnown,
	/// These bytes can never be included: their nonce is used or their era
	/// over (1010 `Stale`, `AncientBirthBlock`), the signature does not
	/// check (1010 `BadProof`), the pool banned them for a while (1012), or
	/// another transaction of ours holds their nonce at a higher priority
	/// (1014). Sign again.
	SignAgain,
	/// 1010 `Payment`: the account cannot pay the fee. Sending again helps
	/// only once it is funded.
	CannotPay,
	/// Anything else (1011 unknown validity, 1015 dropped at once, 1016
	/// unactionable, a block too full): send the same bytes again later.
	Retry,
}

/// `author_submitExtrinsic`'s error codes (`sc-rpc-api`, `author/error.rs`).
mod code {
	pub const INVALID: i32 = 1010;
	pub const TEMPORARILY_BANNED: i32 = 1012;
	pub const ALREADY_IMPORTED: i32 = 1013;
	pub const TOO_LOW_PRIORITY: i32 = 1014;
}

impl PoolError {
	/// What to do about it (see [`PoolVerdict`]).
	pub fn verdict(&self) -> PoolVerdict {
		// sp-runtime's `InvalidTransaction` as the node prints it in the data.
		let invalid = |needle: &str| {
			self.data.as_deref().is_some_and(|data| data.to_lowercase().contains(needle))
		};
		match self.code {
			code::ALREADY_IMPORTED => PoolVerdict::AlreadyKnown,
			code::TEMPORARILY_BANNED | code::TOO_LOW_PRIORITY => PoolVerdict::SignAgain,
			code::INVALID if invalid("inability to pay") => PoolVerdict::CannotPay,
			code::INVALID
				if invalid("outdated")
					|| invalid("ancient birth block")
					|| invalid("bad signature") =>
			{
				PoolVerdict::SignAgain
			}
			_ => PoolVerdict::Retry,
		}
	}
}

/// Sorts a failed `author_submitExtrinsic`: the pool's own refusals become
/// [`TxError::Pool`] (or [`TxError::InsufficientBalance`]); anything else
/// (a lost connection, a timeout) is an RPC failure, not a refusal.
pub fn submit_error(error: subxt::rpcs::Error) -> ChainError {
	match error {
		subxt::rpcs::Error::User(user) => {
			let data = user.data.as_ref().map(|raw| {
				serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_owned())
			});
			let pool = PoolError { code: user.code, message: user.message, data };
			match pool.verdict() {
				PoolVerdict::CannotPay => TxError::InsufficientBalance(pool.to_string()).into(),
				_ => TxError::Pool(pool).into(),
			}
		}
		other => ChainError::rpc(other),
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
		self.sign_with(call, signer, None).await
	}

	/// Signs `call` by `signer` with `nonce`, or the next nonce the node
	/// expects.
	pub async fn sign_with<Call: Payload>(
		&self,
		call: &Call,
		signer: &Signer,
		nonce: Option<u64>,
	) -> Result<SignedTx, ChainError> {
		let nonce = match nonce {
			Some(nonce) => nonce,
			None => self.next_nonce(&Chain::account_of(signer)).await?,
		};
		let params = DefaultExtrinsicParamsBuilder::<Config>::new()
			.nonce(nonce)
			.mortal(MORTALITY_BLOCKS)
			.build();
		// Mortal from the last finalized block, not the best one: with BABE a
		// best block can be retracted (competing blocks in a slot), and a
		// transaction born in it is then invalid ("bad proof").
		let mut txs = self.finalized().await?.tx();
		let signed = txs.create_signed(call, signer, params).await.map_err(|e| {
			ChainError::Incompatible(format!(
				"cannot build {}::{}: {e}",
				call.pallet_name(),
				call.call_name()
			))
		})?;
		Ok(SignedTx { hash: signed.hash(), bytes: signed.into_encoded(), nonce })
	}

	/// Hands signed bytes to the node's pool; `Ok` once the pool accepted
	/// them. A refusal is a [`TxError::Pool`] with its code (see
	/// [`PoolError::verdict`]); a connection failure is [`ChainError::Rpc`].
	pub async fn send(&self, bytes: &[u8]) -> Result<H256, ChainError> {
		self.rpc().author_submit_extrinsic(bytes).await.map_err(submit_error)
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

#[cfg(test)]
mod tests {
	use super::*;

	fn user(code: i32, message: &str, data: Option<&str>) -> subxt::rpcs::Error {
		let data = data.map(|d| serde_json::value::to_raw_value(d).unwrap());
		subxt::rpcs::Error::User(subxt::rpcs::UserError { code, message: message.into(), data })
	}

	fn verdict(error: subxt::rpcs::Error) -> Option<PoolVerdict> {
		match submit_error(error) {
			ChainError::Tx(TxError::Pool(pool)) => Some(pool.verdict()),
			ChainError::Tx(TxError::InsufficientBalance(_)) => Some(PoolVerdict::CannotPay),
			_ => None,
		}
	}

	#[test]
	fn pool_errors_are_sorted_by_their_codes() {
		use PoolVerdict::*;
		for (code, data, want) in [
			(1010, Some("Transaction is outdated"), SignAgain),
			(1010, Some("Transaction has an ancient birth block"), SignAgain),
			(1010, Some("Transaction has a bad signature"), SignAgain),
			(1010, Some("Inability to pay some fees (e.g. account balance too low)"), CannotPay),
			(1010, Some("Transaction would exhaust the block limits"), Retry),
			(1011, None, Retry),
			(1012, None, SignAgain),
			(1013, None, AlreadyKnown),
			(1014, None, SignAgain),
		] {
			assert_eq!(verdict(user(code, "pool", data)), Some(want), "{code} {data:?}");
		}
		// The code decides, not words in the message.
		assert_eq!(
			verdict(user(1011, "outdated already imported", None)),
			Some(PoolVerdict::Retry)
		);
	}

	#[test]
	fn a_lost_connection_is_not_a_refusal() {
		let lost = subxt::rpcs::Error::Client("connection reset by peer".into());
		assert!(matches!(submit_error(lost), ChainError::Rpc(_)));
		let reconnecting = subxt::rpcs::Error::DisconnectedWillReconnect("gone".into());
		assert!(matches!(submit_error(reconnecting), ChainError::Rpc(_)));
	}
}
