//! Builds the runtime's WASM blob (skipped with `SKIP_WASM_BUILD=1`).

fn main() {
	#[cfg(feature = "std")]
	{
		// The WASM is built by a nested cargo under the target directory. When
		// that directory lives outside the checkout (as in CI), tell it where
		// our workspace and its Cargo.lock are, so it builds with our versions.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			let manifest_dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
			let workspace = manifest_dir.parent().expect("runtime/ is inside the workspace");
			std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
		}
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
