//! # The Prova runtime
//!
//! A FRAME runtime for a solochain whose business is a market for
//! zero-knowledge proofs. This crate composes the chain's pallets; the market
//! itself lives in `pallets/`.
//!
//! - Consensus: BABE authors a block every [`MILLISECS_PER_BLOCK`] ms slot
//!   (primary slots won by VRF, secondary slots with a VRF output too, so
//!   every block carries one), GRANDPA finalizes them. A session is a BABE
//!   epoch; keys rotate with `pallet-session`, whose validator set is managed
//!   by governance through `pallet-validator-set`. The market's elections are
//!   seeded with the VRF output of the parent block's author
//!   ([`configs::BabeVrfRandomness`]).
//! - Keys: `pallet-proxy` lets a prover's bonded account stay cold while its
//!   daemon signs with a hot key limited to [`configs::ProxyType::ProverOperations`].
//! - Money: `pallet-balances` holds the native token PROVA (12 decimals, see
//!   [`prova_primitives::token`]); fees go through `pallet-transaction-payment`;
//!   `pallet-treasury` receives what the market slashes.
//! - Proofs: [`pallet_plonky2_verifier::Plonky2VerifierApi`] verifies Plonky2
//!   proofs inside this runtime's WASM.
//! - The market: `pallet-provers` (stake, delegation, election, slashing),
//!   `pallet-plonky2-verifier` (circuits, verification) and
//!   `pallet-proof-market` (requests, escrow, deadlines, settlement).
//!
//! Modules: [`configs`] (pallet parameters), `apis` (runtime APIs),
//! [`genesis_config_presets`] (the `development` and `local_testnet` genesis).

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::RuntimeVersion;

pub use apis::RuntimeApi;
pub use frame_support::weights::constants::RocksDbWeight;
pub use prova_primitives::{
	token::{EXISTENTIAL_DEPOSIT, MICRO_UNIT, MILLI_UNIT, UNIT},
	AccountId, Balance, BlockNumber, Hash, Nonce, Signature, DAYS, HOURS, MILLISECS_PER_BLOCK,
	MINUTES, SS58_PREFIX,
};

/// Opaque types: what the node needs to know of blocks without knowing the
/// runtime's calls.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::Hash as HashT};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys a validator registers with `session.setKeys`.
	pub struct SessionKeys {
		/// Block authoring key (BABE's VRF).
		pub babe: Babe,
		/// Finality voting key.
		pub grandpa: Grandpa,
	}
}

/// The runtime's identity; bump `spec_version` with every behaviour change.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("prova"),
	impl_name: alloc::borrow::Cow::Borrowed("prova"),
	authoring_version: 1,
	spec_version: 110,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 3,
	system_version: 1,
};

/// Slot duration in milliseconds; BABE authors at most one block per slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// BABE's epoch configuration at genesis: a primary slot is won with
/// probability 1/4 per slot (for a lone validator), and every slot without a
/// primary winner goes to a secondary author who also includes a VRF output,
/// so that every block seeds the next one's elections.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: (1, 4),
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block in its signed form (with justifications).
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions every signed extrinsic carries, in order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run at the next runtime upgrade; each is versioned and
/// does nothing once its pallet's storage version has moved past it.
type Migrations = (
	// The verifier first: the market's step reads circuits in their new layout.
	pallet_plonky2_verifier::migrations::MigrateV0ToV1<Runtime>,
	pallet_proof_market::migrations::MigrateV0ToV1<Runtime>,
	pallet_proof_market::migrations::MigrateV1ToV2<Runtime>,
	pallet_proof_market::migrations::MigrateV2ToV3<Runtime>,
	pallet_proof_market::migrations::MigrateV3ToV4<Runtime>,
	pallet_provers::migrations::MigrateV0ToV1<Runtime>,
	pallet_provers::migrations::MigrateV1ToV2<Runtime>,
	pallet_provers::migrations::MigrateV2ToV3<Runtime>,
);

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(4)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(5)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(6)]
	pub type Proxy = pallet_proxy;

	// The validator set's genesis must be built before the session's, which
	// reads it; and the session's before BABE's and GRANDPA's, which it seeds.
	#[runtime::pallet_index(10)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(11)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(12)]
	pub type Babe = pallet_babe;

	#[runtime::pallet_index(13)]
	pub type Grandpa = pallet_grandpa;

	// The proof market.
	#[runtime::pallet_index(20)]
	pub type Provers = pallet_provers;

	#[runtime::pallet_index(21)]
	pub type Verifier = pallet_plonky2_verifier;

	#[runtime::pallet_index(22)]
	pub type Market = pallet_proof_market;
}
