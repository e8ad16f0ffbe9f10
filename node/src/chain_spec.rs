//! The chains this node knows by name, built from the runtime's genesis presets.
//!
//! `dev` and `local` are generated from the runtime's `development` and
//! `local_testnet` presets; the checked-in files under `chain-specs/` are these
//! specs exported by `scripts/chain-specs.sh` (a test keeps them in sync).

use prova_primitives::{token, SS58_PREFIX};
use sc_service::{ChainType, Properties};

/// A Prova chain specification (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token and address properties wallets read from the chain spec.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), token::SYMBOL.into());
	properties.insert("tokenDecimals".into(), token::DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	prova_runtime::WASM_BINARY.ok_or_else(|| {
		"the runtime WASM is not embedded in this build (built with SKIP_WASM_BUILD?)".to_string()
	})
}

/// A chain spec built from the runtime's genesis preset named `preset`.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("prova")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// The single-validator development chain (Alice).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Prova Development",
		"prova_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// The two-validator local testnet (Alice and Bob).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Prova Local Testnet",
		"prova_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Loads the chain named `id` (`dev`, `local`) or a chain-spec file at that path.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "" => Box::new(development_chain_spec()?),
		"local" => Box::new(local_chain_spec()?),
		path => {
			let path = std::path::PathBuf::from(path);
			if !path.exists() {
				return Err(format!(
					"unknown chain '{id}': expected 'dev', 'local' or the path of a chain-spec file"
				));
			}
			Box::new(
				ChainSpec::from_json_file(path.clone())
					.map_err(|e| format!("invalid chain spec {}: {e}", path.display()))?,
			)
		}
	})
}
