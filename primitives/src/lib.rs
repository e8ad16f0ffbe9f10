//! Types and constants shared by every Prova crate.
//!
//! The runtime, the node (chain-spec properties) and the clients must agree on
//! the account format, the token's denomination and the address prefix; they all
//! read them from here so that a change is made once.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "aggregation")]
pub mod aggregation;
pub mod market;
pub mod proofs;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// Block number type of the chain.
pub type BlockNumber = u32;

/// Signature type used by accounts: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;

/// An account on the chain: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// A balance of PROVA in its smallest unit (plank).
pub type Balance = u128;

/// Transaction counter of an account.
pub type Nonce = u32;

/// Hash type of blocks and storage.
pub type Hash = sp_core::H256;

/// The native token: its symbol, decimals and named amounts.
pub mod token {
	use super::Balance;

	/// Symbol shown by wallets.
	pub const SYMBOL: &str = "PROVA";
	/// Number of decimals: 1 PROVA = 10^12 plank.
	pub const DECIMALS: u8 = 12;
	/// One PROVA in plank.
	pub const UNIT: Balance = 10u128.pow(DECIMALS as u32);
	/// One thousandth of a PROVA.
	pub const MILLI_UNIT: Balance = UNIT / 1_000;
	/// One millionth of a PROVA.
	pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
	/// The least balance an account must keep to exist (0.01 PROVA).
	pub const EXISTENTIAL_DEPOSIT: Balance = 10 * MILLI_UNIT;
}

/// SS58 address prefix of Prova accounts (registered-range-free generic value
/// chosen for Prova; addresses start with a distinct character in wallets).
pub const SS58_PREFIX: u16 = 4242;

/// Target block time in milliseconds (Aura slot duration).
pub const MILLISECS_PER_BLOCK: u64 = 3_000;

/// Blocks per minute at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

// Compile-time checks of the constants above.
const _: () = {
	assert!(token::UNIT == 1_000_000_000_000);
	assert!(token::MILLI_UNIT * 1_000 == token::UNIT);
	assert!(token::EXISTENTIAL_DEPOSIT > 0);
	// Prefixes 64..=16383 are encoded with two bytes; ours must be one of them.
	assert!(SS58_PREFIX >= 64 && SS58_PREFIX <= 16_383);
};
