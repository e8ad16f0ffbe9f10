//! The checked-in chain specs under `chain-specs/` are what the node generates
//! from the runtime's presets (`scripts/chain-specs.sh` regenerates them).
//!
//! The genesis state is compared exactly, key by key. The runtime code is
//! compared by the runtime version it declares: the WASM bytes also depend on
//! the path the runtime was built from, so two correct checkouts may differ there.

mod common;

use common::{node_binary, repo_root};
use serde_json::Value;
use sp_version::RuntimeVersion;
use std::process::Command;

/// Runs `prova-node build-spec` for `chain` and parses its output.
fn build_spec(chain: &str, raw: bool) -> Value {
	let dir = tempfile::tempdir().unwrap();
	let mut cmd = Command::new(node_binary());
	cmd.args(["build-spec", "--chain", chain, "--disable-default-bootnode"])
		.args(["--base-path", dir.path().to_str().unwrap()]);
	if raw {
		cmd.arg("--raw");
	}
	let output = cmd.output().unwrap();
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	serde_json::from_slice(&output.stdout).unwrap()
}

fn checked_in(file: &str) -> Value {
	let path = repo_root().join("chain-specs").join(file);
	let text = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("{}: {e}; run scripts/chain-specs.sh", path.display()));
	serde_json::from_str(&text).unwrap()
}

/// The runtime version embedded in a hex-encoded (possibly compressed) WASM blob.
fn runtime_version(code: &Value) -> RuntimeVersion {
	let bytes = sp_core::bytes::from_hex(code.as_str().unwrap()).unwrap();
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::uncompress_if_needed(&bytes).unwrap();
	sc_executor::read_embedded_version(&blob).unwrap().expect("runtime declares its version")
}

/// Takes the runtime code out of a plain or raw spec and returns it.
fn take_code(spec: &mut Value) -> Value {
	let genesis = &mut spec["genesis"];
	if let Some(code) = genesis.pointer_mut("/runtimeGenesis/code") {
		return code.take();
	}
	let top = genesis["raw"]["top"].as_object_mut().expect("raw spec has top storage");
	// `:code` in hex.
	top.remove("0x3a636f6465").expect("raw spec has :code")
}

fn assert_same(file: &str, chain: &str, raw: bool) {
	let mut expected = checked_in(file);
	let mut actual = build_spec(chain, raw);
	let expected_code = take_code(&mut expected);
	let actual_code = take_code(&mut actual);
	assert_eq!(
		expected, actual,
		"chain-specs/{file} drifted from the runtime's presets; run scripts/chain-specs.sh"
	);
	assert_eq!(
		runtime_version(&expected_code),
		runtime_version(&actual_code),
		"chain-specs/{file} embeds another runtime version; run scripts/chain-specs.sh"
	);
}

#[test]
fn dev_spec_matches_the_runtime_preset() {
	assert_same("dev.json", "dev", false);
}

#[test]
fn local_spec_matches_the_runtime_preset() {
	assert_same("local.json", "local", false);
}

#[test]
fn local_raw_spec_matches_the_runtime_preset() {
	assert_same("local.raw.json", "local", true);
}

#[test]
fn specs_declare_token_and_address_properties() {
	for file in ["dev.json", "local.json", "local.raw.json"] {
		let spec = checked_in(file);
		let props = &spec["properties"];
		assert_eq!(props["tokenSymbol"], "PROVA", "{file}");
		assert_eq!(props["tokenDecimals"], prova_primitives::token::DECIMALS, "{file}");
		assert_eq!(props["ss58Format"], prova_primitives::SS58_PREFIX, "{file}");
	}
}
