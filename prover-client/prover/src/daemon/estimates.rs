//! How long a proof and a circuit build take on this machine, per circuit,
//! kept across restarts.
//!
//! The daemon takes a job only when it can finish it before the deadline,
//! so it needs a time for every circuit it may be offered, also one it has
//! never proved since the last restart. Each proof and build it makes is
//! recorded here (`estimates-<backend>.json` beside the journal: times on a
//! GPU say nothing of the CPU the daemon may fall back to). A circuit never
//! measured is estimated from the measured circuit of the nearest size,
//! scaled by rows × log rows (an FFT-bound prover's cost) and given a
//! margin of half again; with nothing measured at all the daemon first
//! proves a sample (see [`super::Daemon::warm_up`]).
//!
//! A recorded time is a running mean that jumps up at once to a slower
//! measurement and comes down by halves: a deadline missed costs the
//! collateral, a job declined only its price.

use super::journal::write_atomically;
use serde::{Deserialize, Serialize};
use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	time::Duration,
};
use subxt::utils::H256;

/// Times recorded for one circuit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CircuitTimes {
	/// log2 of its rows.
	pub degree_bits: u32,
	/// Seconds a proof takes (0: not measured).
	pub prove_s: f64,
	/// Seconds building it takes (0: not measured).
	pub build_s: f64,
}

/// The proving and build times of this machine (see the module docs).
pub struct Estimates {
	path: PathBuf,
	circuits: BTreeMap<H256, CircuitTimes>,
}

/// A measurement worse than the running mean replaces it; a better one
/// moves it this share of the way.
const IMPROVEMENT_WEIGHT: f64 = 0.5;

/// A time scaled from another size is only a guess: this much more is
/// assumed until the circuit is measured.
const SCALED_MARGIN: f64 = 1.5;

fn blend(old: f64, new: f64) -> f64 {
	if old <= 0.0 || new >= old {
		new
	} else {
		old + (new - old) * IMPROVEMENT_WEIGHT
	}
}

/// How much more work `to` rows are than `from` rows, for an n log n cost.
fn scale(from_bits: u32, to_bits: u32) -> f64 {
	let rows = |bits: u32| 2f64.powi(bits as i32) * (bits.max(1) as f64);
	rows(to_bits) / rows(from_bits)
}

impl Estimates {
	/// Opens the estimates of `backend` kept in `dir` (none if there are
	/// none, or if the file cannot be read: estimates are measured again,
	/// never trusted blindly).
	pub fn open(dir: &Path, backend: &str) -> Estimates {
		let path = dir.join(format!("estimates-{backend}.json"));
		let circuits = match std::fs::read(&path) {
			Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
				tracing::warn!(path = %path.display(), error = %e, "ignoring unreadable proving-time estimates");
				BTreeMap::new()
			}),
			Err(_) => BTreeMap::new(),
		};
		Estimates { path, circuits }
	}

	/// The times recorded for `circuit`.
	pub fn get(&self, circuit: &H256) -> Option<&CircuitTimes> {
		self.circuits.get(circuit)
	}

	/// Records a proof of `circuit` (of `degree_bits`) that took `took`.
	pub fn record_proof(&mut self, circuit: H256, degree_bits: u32, took: Duration) {
		let times = self.circuits.entry(circuit).or_default();
		times.degree_bits = degree_bits;
		times.prove_s = blend(times.prove_s, took.as_secs_f64());
		self.save();
	}

	/// Records a build of `circuit` (of `degree_bits`) that took `took`.
	pub fn record_build(&mut self, circuit: H256, degree_bits: u32, took: Duration) {
		let times = self.circuits.entry(circuit).or_default();
		times.degree_bits = degree_bits;
		times.build_s = blend(times.build_s, took.as_secs_f64());
		self.save();
	}

	/// How long a proof of `circuit`, of `degree_bits`, takes here: measured,
	/// or scaled from the measured circuit nearest in size; `None` when
	/// nothing was ever measured.
	pub fn proof_time(&self, circuit: &H256, degree_bits: u32) -> Option<Duration> {
		self.time(circuit, degree_bits, |times| times.prove_s)
	}

	/// How long building `circuit`, of `degree_bits`, takes here (as
	/// [`Estimates::proof_time`]; zero when nothing was measured).
	pub fn build_time(&self, circuit: &H256, degree_bits: u32) -> Duration {
		self.time(circuit, degree_bits, |times| times.build_s).unwrap_or_default()
	}

	fn time(
		&self,
		circuit: &H256,
		degree_bits: u32,
		seconds: impl Fn(&CircuitTimes) -> f64,
	) -> Option<Duration> {
		if let Some(times) = self.circuits.get(circuit).filter(|times| seconds(times) > 0.0) {
			return Some(Duration::from_secs_f64(seconds(times)));
		}
		// Nearest in size; of equals, the slowest.
		let nearest =
			self.circuits.values().filter(|times| seconds(times) > 0.0).min_by(|a, b| {
				let distance = |t: &CircuitTimes| t.degree_bits.abs_diff(degree_bits);
				distance(a).cmp(&distance(b)).then(seconds(b).total_cmp(&seconds(a)))
			})?;
		let scaled = seconds(nearest) * scale(nearest.degree_bits, degree_bits) * SCALED_MARGIN;
		Some(Duration::from_secs_f64(scaled))
	}

	fn save(&self) {
		let bytes = serde_json::to_vec_pretty(&self.circuits).expect("plain data serializes");
		if let Err(e) = write_atomically(&self.path, &bytes) {
			tracing::warn!(path = %self.path.display(), error = %e, "cannot save proving-time estimates");
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn estimates_survive_a_restart_and_scale_to_unmeasured_sizes() {
		let dir = tempfile::tempdir().unwrap();
		let small = H256::repeat_byte(1);
		let large = H256::repeat_byte(2);
		let mut estimates = Estimates::open(dir.path(), "cpu");
		assert_eq!(estimates.proof_time(&large, 16), None, "nothing measured yet");
		estimates.record_proof(small, 12, Duration::from_secs(2));
		estimates.record_build(small, 12, Duration::from_secs(1));
		drop(estimates);

		let estimates = Estimates::open(dir.path(), "cpu");
		assert_eq!(estimates.proof_time(&small, 12), Some(Duration::from_secs(2)));
		// 2^16 rows are 16 × 16/12 times the work of 2^12, and a guess.
		let scaled = estimates.proof_time(&large, 16).unwrap().as_secs_f64();
		assert!((scaled - 2.0 * 16.0 * 16.0 / 12.0 * SCALED_MARGIN).abs() < 1e-9, "{scaled}");
		assert_eq!(estimates.build_time(&large, 12), Duration::from_secs_f64(SCALED_MARGIN));
		// Another backend's times are its own.
		assert_eq!(Estimates::open(dir.path(), "gpu").proof_time(&small, 12), None);
	}

	#[test]
	fn a_slower_proof_counts_at_once_a_faster_one_by_halves() {
		let dir = tempfile::tempdir().unwrap();
		let circuit = H256::repeat_byte(1);
		let mut estimates = Estimates::open(dir.path(), "cpu");
		estimates.record_proof(circuit, 12, Duration::from_secs(4));
		estimates.record_proof(circuit, 12, Duration::from_secs(2));
		assert_eq!(estimates.proof_time(&circuit, 12), Some(Duration::from_secs(3)));
		estimates.record_proof(circuit, 12, Duration::from_secs(10));
		assert_eq!(estimates.proof_time(&circuit, 12), Some(Duration::from_secs(10)));
	}

	#[test]
	fn an_unreadable_file_is_ignored() {
		let dir = tempfile::tempdir().unwrap();
		std::fs::write(dir.path().join("estimates.json"), "not json").unwrap();
		let estimates = Estimates::open(dir.path(), "cpu");
		assert_eq!(estimates.proof_time(&H256::zero(), 12), None);
	}
}
