//! `prova-prover devices` lists what wgpu finds, with limits, and marks the
//! adapter `--backend auto` would take: only a discrete or integrated GPU.
//! CI has lavapipe (setup.sh installs it), so the list is never empty there.

use std::process::Command;

#[test]
fn devices_lists_adapters_with_their_limits() {
	let output = Command::new(env!("CARGO_BIN_EXE_prova-prover"))
		.args(["--json", "devices"])
		.output()
		.unwrap();
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let adapters: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
	let adapters = adapters.as_array().expect("a list");
	assert!(!adapters.is_empty(), "no adapter: is mesa-vulkan-drivers installed?");
	for adapter in adapters {
		assert!(adapter["max_storage_binding"].as_u64().unwrap() >= 128 << 20, "{adapter}");
		assert!(!adapter["name"].as_str().unwrap().is_empty());
		let hardware = adapter["hardware"].as_bool().unwrap();
		let kind = adapter["device_type"].as_str().unwrap();
		assert_eq!(hardware, kind == "DiscreteGpu" || kind == "IntegratedGpu", "{adapter}");
		if adapter["auto"].as_bool().unwrap() {
			assert!(hardware, "auto never takes a software adapter: {adapter}");
		}
	}
	let autos = adapters.iter().filter(|a| a["auto"] == true).count();
	let hardware = adapters.iter().filter(|a| a["hardware"] == true).count();
	assert_eq!(autos, usize::from(hardware > 0), "auto takes the best hardware GPU, if any");
}
