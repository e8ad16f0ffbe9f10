//! What the runtime's integration tests share.

use prova_runtime::{genesis_config_presets::get_preset, RuntimeGenesisConfig};
use sp_runtime::BuildStorage;

/// Builds the full genesis state of the preset named `name`.
pub fn preset_state(name: &str) -> sp_io::TestExternalities {
	let patch = get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name} exists"));
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	json_merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	config.build_storage().unwrap().into()
}

/// Merges `patch` into `base`, as the genesis builder does.
fn json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}
