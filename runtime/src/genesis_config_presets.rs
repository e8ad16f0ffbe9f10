//! Genesis presets: the `development` chain (one validator, Alice) and the
//! `local_testnet` chain (validators Alice and Bob).
//!
//! Both endow the well-known development accounts, make Alice sudo, and run
//! 10-slot (30 s) sessions (BABE epochs) so that validator changes apply
//! quickly.

use crate::{
	AccountId, BabeConfig, BalancesConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys,
	SudoConfig, ValidatorSetConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use prova_primitives::{Balance, BlockNumber};
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every well-known development account starts with: one million PROVA.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// Session length of the development and local presets, in blocks.
pub const DEV_SESSION_LENGTH: BlockNumber = 10;

/// A validator of a preset: its account and the session keys it starts with.
struct Validator {
	account: AccountId,
	keys: SessionKeys,
}

/// A development validator whose keys derive from the same well-known seed as
/// its account (`//Alice`, `//Bob`, ...), as `--alice` inserts them.
fn dev_validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Validator {
	Validator {
		account: sr.to_account_id(),
		keys: SessionKeys { babe: sr.public().into(), grandpa: ed.public().into() },
	}
}

/// Genesis with the given validators, endowed accounts and sudo key.
fn prova_genesis(validators: Vec<Validator>, endowed: Vec<AccountId>, root: AccountId) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		babe: BabeConfig { epoch_config: crate::BABE_GENESIS_EPOCH_CONFIG },
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|k| (k, DEV_ENDOWMENT)).collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig {
			initial_validators: validators.iter().map(|v| v.account.clone()).collect::<Vec<_>>(),
			session_length: DEV_SESSION_LENGTH,
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|v| (v.account.clone(), v.account, v.keys))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The `development` preset: Alice validates alone.
pub fn development_config_genesis() -> Value {
	prova_genesis(
		vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice and Bob validate.
pub fn local_config_genesis() -> Value {
	prova_genesis(
		vec![
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON patch of the preset named `id`, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
