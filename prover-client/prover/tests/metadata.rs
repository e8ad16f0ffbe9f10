//! The checked-in metadata (`metadata/prova.scale`), which the client's calls
//! and types are generated from, must describe the runtime in this checkout.
//! When this fails, run `scripts/update-metadata.sh` and rebuild.

use prova_prover::chain::prova;

#[test]
fn checked_in_metadata_matches_the_runtime() {
	let live =
		prova_runtime::Runtime::metadata_at_version(16).expect("the runtime serves V16 metadata");
	let live = subxt::Metadata::decode_from(&live[..]).expect("runtime metadata decodes");
	assert!(
		prova::is_codegen_valid_for(&live),
		"metadata/prova.scale is out of date with the runtime: run scripts/update-metadata.sh"
	);
}
