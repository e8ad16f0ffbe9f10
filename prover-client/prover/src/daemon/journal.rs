//! What the daemon has done, on disk, so a restart neither proves nor
//! submits a job twice.
//!
//! The journal is one small JSON file in the data directory, rewritten
//! atomically at each step (write a temporary file of a unique name, fsync
//! it, rename it over the old one, fsync the directory so the rename itself
//! survives a power cut), with finished proofs in `proofs/` beside it.
//! Opening it takes an exclusive lock (`flock`) on `lock` beside it, so two
//! daemons of one key and data directory (which would sign competing
//! transactions and prove everything twice) cannot run at once. A job is keyed by request and attempt: after a
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
//!
//! The journal also keeps the daemon's **sealed bids** ([`SealedBid`]): the
//! price and salt of each committed bid are recorded *before* the commitment
//! is sent, and kept until the auction settles, so a restart between commit
//! and reveal still reveals (an unrevealed bid forfeits its bond).

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
		/// Whether it is the claim of an aggregated job (`claim_proof`),
		/// not its proof.
		#[serde(default)]
		claim: bool,
	},
	/// Aggregated tier: the claim is on chain and the proof is handed to
	/// aggregators (and kept, for the fallback).
	Claimed {
		/// The best block the claim was seen at.
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

/// A sealed bid this prover committed, with what it takes to reveal it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedBid {
	/// The request auctioned.
	pub request: RequestId,
	/// The price bid, per work unit.
	pub price: u128,
	/// The salt hidden in the commitment.
	#[serde(with = "salt_hex")]
	pub salt: [u8; 32],
	/// The first block of the auction's reveal phase.
	pub bids_until: BlockNumber,
}

/// A salt as 64 hex digits.
mod salt_hex {
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(salt: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&hex::encode(salt))
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[u8; 32], D::Error> {
		let text = String::deserialize(deserializer)?;
		let bytes = hex::decode(&text).map_err(D::Error::custom)?;
		bytes.try_into().map_err(|_| D::Error::custom("a salt is 32 bytes"))
	}
}

#[derive(Default, Serialize, Deserialize)]
struct File {
	/// The account the journal belongs to; a different key gets its own.
	account: String,
	entries: Vec<Entry>,
	/// Committed sealed bids whose auctions have not settled (absent in
	/// journals written before auctions existed).
	#[serde(default)]
	bids: Vec<SealedBid>,
}

/// The journal of one prover account in one data directory.
pub struct Journal {
	/// Holds the directory's lock for as long as the journal is open.
	_lock: fs::File,
	dir: PathBuf,
	account: String,
	entries: BTreeMap<JobKey, Entry>,
	bids: BTreeMap<RequestId, SealedBid>,
}

/// A journal that cannot be read or written.
#[derive(Debug, thiserror::Error)]
#[error("journal in {dir}: {reason}")]
pub struct JournalError {
	dir: String,
	reason: String,
}

impl Journal {
	/// Opens (or creates) the journal of `account` under `dir`, locking it
	/// for this process.
	pub fn open(dir: &Path, account: &str) -> Result<Journal, JournalError> {
		let dir = dir.join(account);
		let error = |reason: String| JournalError { dir: dir.display().to_string(), reason };
		fs::create_dir_all(dir.join("proofs")).map_err(|e| error(e.to_string()))?;
		let lock = fs::OpenOptions::new()
			.create(true)
			.truncate(false)
			.write(true)
			.open(dir.join("lock"))
			.map_err(|e| error(e.to_string()))?;
		match lock.try_lock() {
			Ok(()) => {}
			Err(fs::TryLockError::WouldBlock) => {
				return Err(error(format!(
					"another prova-prover is running with the key {account} and this data directory; stop it first (two daemons of one key would sign competing transactions)"
				)))
			}
			Err(fs::TryLockError::Error(e)) => return Err(error(format!("cannot lock: {e}"))),
		}
		let file = read_file(&dir, account)?;
		let entries = file.entries.into_iter().map(|entry| (entry.key, entry)).collect();
		let bids = file.bids.into_iter().map(|bid| (bid.request, bid)).collect();
		let journal = Journal { _lock: lock, dir, account: account.into(), entries, bids };
		journal.remove_orphaned_proofs();
		Ok(journal)
	}

	/// The entries of `account`'s journal under `dir`, read without taking
	/// the lock (for `status`, while the daemon runs); none if there is no
	/// journal.
	pub fn read_entries(dir: &Path, account: &str) -> Result<Vec<Entry>, JournalError> {
		Ok(read_file(&dir.join(account), account)?.entries)
	}

	/// The record of `key`, if any.
	pub fn get(&self, key: &JobKey) -> Option<&Entry> {
		self.entries.get(key)
	}

	/// The directory of this account's journal (other daemon state, such
	/// as the proving-time estimates, is kept beside it).
	pub fn dir(&self) -> &Path {
		&self.dir
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

	/// The sealed bid committed for `request`, if any.
	pub fn bid(&self, request: RequestId) -> Option<&SealedBid> {
		self.bids.get(&request)
	}

	/// Every sealed bid kept.
	pub fn bids(&self) -> impl Iterator<Item = &SealedBid> {
		self.bids.values()
	}

	/// Records a sealed bid (before its commitment is sent).
	pub fn record_bid(&mut self, bid: SealedBid) -> Result<(), JournalError> {
		self.bids.insert(bid.request, bid);
		self.save()
	}

	/// Forgets the sealed bid for `request` (its auction settled).
	pub fn forget_bid(&mut self, request: RequestId) -> Result<(), JournalError> {
		if self.bids.remove(&request).is_some() {
			self.save()?;
		}
		Ok(())
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
			bids: self.bids.values().cloned().collect(),
		};
		let bytes = serde_json::to_vec_pretty(&file).expect("plain data serializes");
		self.write_atomically(&self.dir.join("journal.json"), &bytes)
	}

	fn write_atomically(&self, path: &Path, bytes: &[u8]) -> Result<(), JournalError> {
		write_atomically(path, bytes).map_err(|e| JournalError {
			dir: self.dir.display().to_string(),
			reason: e.to_string(),
		})
	}

	/// Deletes proof files no entry points to, and temporary files a crash
	/// left: a proof whose entry was finished (or never written) is never
	/// read again.
	fn remove_orphaned_proofs(&self) {
		let Ok(files) = fs::read_dir(self.dir.join("proofs")) else { return };
		for file in files.flatten() {
			let path = file.path();
			let wanted = self.entries.values().any(|entry| {
				!matches!(entry.step, Step::Finished { .. }) && self.proof_path(entry.key) == path
			});
			if !wanted {
				tracing::debug!(path = %path.display(), "removing an orphaned proof file");
				let _ = fs::remove_file(&path);
			}
		}
	}
}

/// Reads the journal file in `dir`, if there is one, and checks it belongs
/// to `account`.
fn read_file(dir: &Path, account: &str) -> Result<File, JournalError> {
	let error = |reason: String| JournalError { dir: dir.display().to_string(), reason };
	let file: File = match fs::read(dir.join("journal.json")) {
		Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| error(format!("corrupt: {e}")))?,
		Err(e) if e.kind() == std::io::ErrorKind::NotFound => File::default(),
		Err(e) => return Err(error(e.to_string())),
	};
	if !file.account.is_empty() && file.account != account {
		return Err(error(format!("belongs to {}, not {account}", file.account)));
	}
	Ok(file)
}

/// Replaces `path` with `bytes` so that a crash leaves the old file or the
/// new one, never a mix: a temporary file of a name unique to this process
/// and write, fsynced, renamed over `path`, and the directory fsynced so the
/// rename is on disk too.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
	static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
	let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
	let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
	let tmp = path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
	let written = (|| {
		let mut file = fs::File::create(&tmp)?;
		file.write_all(bytes)?;
		file.sync_all()?;
		fs::rename(&tmp, path)
	})();
	if written.is_err() {
		let _ = fs::remove_file(&tmp);
	}
	written?;
	let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
	fs::File::open(dir)?.sync_all()
}
