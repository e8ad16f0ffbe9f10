//! The operator's or requester's signing key.
//!
//! Keys are sr25519 secret URIs, as polkadot.js and `subkey` write them: a
//! BIP-39 phrase or a `0x` 32-byte seed, with optional `//hard` and `/soft`
//! derivations and a `///password`. A dev name such as `//Alice` is the dev
//! phrase with a hard derivation. A key file holds one such URI; reading
//! from a file (or from `PROVA_KEY`) keeps the secret out of the process
//! list and shell history, and is the way to give a real key. A key file
//! other users may read is loaded with a warning.

use std::{fs, path::Path, str::FromStr};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// A keypair that signs transactions.
pub type Signer = Keypair;

/// Why a key could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
	/// The URI is not a phrase, seed or dev name with derivations.
	#[error("bad key: not a valid secret URI (a BIP-39 phrase, a 0x seed of 64 hex digits, or a dev name such as //Alice, optionally with /derivations and ///password): {0}")]
	BadUri(String),
	/// The key file could not be read.
	#[error("bad key: cannot read key file {path}: {reason}")]
	Unreadable {
		/// The file.
		path: String,
		/// Why.
		reason: String,
	},
	/// Neither a key nor a key file was given.
	#[error(
		"no key given: pass --key (e.g. //Alice) or --key-file, or set PROVA_KEY / PROVA_KEY_FILE"
	)]
	Missing,
}

/// Parses a secret URI.
pub fn from_uri(uri: &str) -> Result<Signer, KeyError> {
	let uri = uri.trim();
	if uri.is_empty() {
		// The URI grammar reads an empty phrase as the public dev phrase.
		return Err(KeyError::BadUri("the key is empty".into()));
	}
	// Never echo the secret itself: only say what kind of problem it has.
	let parsed = SecretUri::from_str(uri).map_err(|e| KeyError::BadUri(e.to_string()))?;
	Keypair::from_uri(&parsed).map_err(|e| KeyError::BadUri(e.to_string()))
}

/// The permission bits of `path` when users other than its owner may read
/// or write it (a key file should be `0600`); `None` when only the owner
/// may, or where permissions cannot be read.
pub fn exposed_permissions(path: &Path) -> Option<u32> {
	#[cfg(unix)]
	{
		use std::os::unix::fs::PermissionsExt;
		let mode = fs::metadata(path).ok()?.permissions().mode() & 0o777;
		(mode & 0o077 != 0).then_some(mode)
	}
	#[cfg(not(unix))]
	{
		let _ = path;
		None
	}
}

/// Reads a secret URI from the first non-empty line of `path`; warns when
/// others than its owner may read the file.
pub fn from_file(path: &Path) -> Result<Signer, KeyError> {
	if let Some(mode) = exposed_permissions(path) {
		tracing::warn!(
			path = %path.display(),
			mode = format!("{mode:o}"),
			"the key file can be read by other users of this machine; `chmod 600` it"
		);
	}
	let text = fs::read_to_string(path).map_err(|e| KeyError::Unreadable {
		path: path.display().to_string(),
		reason: e.to_string(),
	})?;
	let line = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or_default();
	from_uri(line)
}

/// Loads the key from a URI or, failing that, a file.
pub fn load(uri: Option<&str>, file: Option<&Path>) -> Result<Signer, KeyError> {
	match (uri, file) {
		(Some(uri), _) => from_uri(uri),
		(None, Some(file)) => from_file(file),
		(None, None) => Err(KeyError::Missing),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt_signer::sr25519::dev;

	#[test]
	fn dev_names_and_files_load() {
		assert_eq!(from_uri("//Alice").unwrap().public_key().0, dev::alice().public_key().0);
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("key");
		fs::write(&path, "\n  //Bob  \n").unwrap();
		assert_eq!(from_file(&path).unwrap().public_key().0, dev::bob().public_key().0);
		assert_eq!(
			load(Some("//Alice"), Some(&path)).unwrap().public_key().0,
			dev::alice().public_key().0
		);
	}

	#[cfg(unix)]
	#[test]
	fn a_key_file_others_can_read_is_flagged() {
		use std::os::unix::fs::PermissionsExt;
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("key");
		fs::write(&path, "//Bob").unwrap();
		fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
		assert_eq!(exposed_permissions(&path), Some(0o644));
		fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
		assert_eq!(exposed_permissions(&path), None);
		// Still loads either way: the warning is the operator's to act on.
		assert_eq!(from_file(&path).unwrap().public_key().0, dev::bob().public_key().0);
	}

	#[test]
	fn bad_keys_are_refused_clearly() {
		for bad in ["not a phrase", "0x1234", "", "  "] {
			let error = from_uri(bad).err().map(|e| e.to_string());
			let error = error.unwrap_or_else(|| panic!("{bad:?} was accepted"));
			assert!(error.starts_with("bad key"), "{error}");
		}
		let missing = from_file(Path::new("/nonexistent/prova-key")).unwrap_err().to_string();
		assert!(missing.contains("cannot read key file /nonexistent/prova-key"), "{missing}");
		assert!(matches!(load(None, None), Err(KeyError::Missing)));
	}
}
