//! What the daemon has done, on disk, so a restart neither proves nor
//! submits a job twice.
//!
//! The journal is one small JSON file in the data directory, rewritten
//! atomically (write, fsync, rename) at each step, with finished proofs in
//! `proofs/` beside it. A job is keyed by request and attempt: after a
//! reassignment the same request is a different job. Steps:
//!
//! - `proved`: the proof is on disk; a restart submits it without proving again;
//! - `submitted`: the signed transaction is recorded *before* it is sent; a
//!   restart re-sends the same bytes, which carry their nonce and so cannot
//!   execute twice;
//! - `finished`: settled, dropped or abandoned; never touched again.
//!
//! Finished entries are kept for [`RETENTION_BLOCKS`] so a job seen again
//! through a reorg is still recognised.

use crate::{backend::ProofOutput, chain::RequestId};
use codec::{Decode, Encode};
use prova_primitives::BlockNumber;
use serde::{Deserialize, Serialize};
use std::{
	collections::BTreeMap,
	fs,
	io::Write,
	path::{Path, PathBuf},
};

/// Finished entries older than this many blocks are forgotten (one day).
pub const RETENTION_BLOCKS: BlockNumber = prova_primitives::DAYS;

/// A job's identity: a request and the attempt this prover was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct JobKey {
	/// The request.
	pub request: RequestId,
	/// The attempt.
	pub attempt: u32,
}

impl std::fmt::Display for JobKey {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{}#{}", self.request, self.attempt)
	}
}

/// How a job ended, from this prover's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
	/// The proof was accepted and paid.
	Accepted,
	/// The proof was rejected by the verifier.
	Rejected,
	/// No proof landed before the deadline.
	Missed,
	/// Dropped before proving: the deadline could not be met.
	Dropped,
	/// The chain took the job away (reassigned, or gone in a reorg).
	Abandoned,
	/// The circuit or input could not be proved by this client.
	Failed,
}

/// Where a job is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
	/// Proved; the proof is in `proofs/`.
	Proved,
	/// Signed and sent.
	Submitted {
		/// The signed extrinsic, hex.
		extrinsic: String,
		/// Its hash, hex.
		hash: String,
		/// Its nonce.
		nonce: u64,
		/// The best block when it was sent.
		at: BlockNumber,
	},
	/// Over.
	Finished {
		/// How it ended.
		outcome: Outcome,
		/// The best block when it ended.
		at: BlockNumber,
	},
}

/// One job's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
	/// The job.
	pub key: JobKey,
	/// What it pays.
	pub price: u128,
	/// Where it is.
	pub step: Step,
}

#[derive(Default, Serialize, Deserialize)]
struct File {
	/// The account the journal belongs to; a different key gets its own.
	account: String,
	entries: Vec<Entry>,
}

/// The journal of one prover account in one data directory.
pub struct Journal {
	dir: PathBuf,
	account: String,
	entries: BTreeMap<JobKey, Entry>,
}

/// A journal that cannot be read or written.
#[derive(Debug, thiserror::Error)]
#[error("journal in {dir}: {reason}")]
pub struct JournalError {
	dir: String,
	reason: String,
}

impl Journal {
	/// Opens (or creates) the journal of `account` under `dir`.
	pub fn open(dir: &Path, account: &str) -> Result<Journal, JournalError> {
		let dir = dir.join(account);
		let error = |reason: String| JournalError { dir: dir.display().to_string(), reason };
		fs::create_dir_all(dir.join("proofs")).map_err(|e| error(e.to_string()))?;
		let path = dir.join("journal.json");
		let file: File = match fs::read(&path) {
			Ok(bytes) => {
				serde_json::from_slice(&bytes).map_err(|e| error(format!("corrupt: {e}")))?
			}
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => File::default(),
			Err(e) => return Err(error(e.to_string())),
		};
		if !file.account.is_empty() && file.account != account {
			return Err(error(format!("belongs to {}, not {account}", file.account)));
		}
		let entries = file.entries.into_iter().map(|entry| (entry.key, entry)).collect();
		Ok(Journal { dir, account: account.into(), entries })
	}

	/// The record of `key`, if any.
	pub fn get(&self, key: &JobKey) -> Option<&Entry> {
		self.entries.get(key)
	}

	/// Every record.
	pub fn entries(&self) -> impl Iterator<Item = &Entry> {
		self.entries.values()
	}

	/// Stores a finished proof, then records it.
	pub fn record_proof(
		&mut self,
		key: JobKey,
		price: u128,
		proof: &ProofOutput,
	) -> Result<(), JournalError> {
		self.write_atomically(&self.proof_path(key), &proof.encode())?;
		self.set(Entry { key, price, step: Step::Proved })
	}

	/// The stored proof of `key`.
	pub fn proof(&self, key: JobKey) -> Option<ProofOutput> {
		let bytes = fs::read(self.proof_path(key)).ok()?;
		ProofOutput::decode(&mut &bytes[..]).ok()
	}

	/// Records `entry`, replacing an older record of its job.
	pub fn set(&mut self, entry: Entry) -> Result<(), JournalError> {
		if let Step::Finished { .. } = entry.step {
			let _ = fs::remove_file(self.proof_path(entry.key));
		}
		self.entries.insert(entry.key, entry);
		self.save()
	}

	/// Forgets finished entries older than [`RETENTION_BLOCKS`] before `now`.
	pub fn prune(&mut self, now: BlockNumber) -> Result<(), JournalError> {
		let before = self.entries.len();
		self.entries.retain(|_, entry| match entry.step {
			Step::Finished { at, .. } => at.saturating_add(RETENTION_BLOCKS) > now,
			_ => true,
		});
		if self.entries.len() != before {
			self.save()?;
		}
		Ok(())
	}

	fn proof_path(&self, key: JobKey) -> PathBuf {
		self.dir.join("proofs").join(format!("{}-{}.proof", key.request, key.attempt))
	}

	fn save(&self) -> Result<(), JournalError> {
		let file = File {
			account: self.account.clone(),
			entries: self.entries.values().cloned().collect(),
		};
		let bytes = serde_json::to_vec_pretty(&file).expect("plain data serializes");
		self.write_atomically(&self.dir.join("journal.json"), &bytes)
	}

	fn write_atomically(&self, path: &Path, bytes: &[u8]) -> Result<(), JournalError> {
		let error = |e: std::io::Error| JournalError {
			dir: self.dir.display().to_string(),
			reason: e.to_string(),
		};
		let tmp = path.with_extension("tmp");
		let mut file = fs::File::create(&tmp).map_err(error)?;
		file.write_all(bytes).map_err(error)?;
		file.sync_all().map_err(error)?;
		fs::rename(&tmp, path).map_err(error)
	}
}
