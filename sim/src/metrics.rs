//! The figures of a run, computed from its records.
//!
//! Honest requests only (adversaries' requests are reported with their
//! attack), and requests still open when the run stopped are left out of
//! rates and losses: their outcome is unknown.
//!
//! ## QoS loss
//! A requester profile weighs speed `s`, cost `c`, safety `f` and censorship
//! resistance `r` (0..=10, the same weights it gives the router). Each of its
//! requests scores, in `[0, 1]`, lower being better:
//! - **speed**: blocks from submission to the proof over the request's
//!   deadline (capped at 1);
//! - **cost**: the price paid over `max_fee` (the requester's value of the
//!   proof);
//! - **safety**: half per failed attempt (a missed deadline or rejected
//!   proof that delayed it), capped at 1;
//! - a request refused or expired scores 1 in all three.
//!
//! **Censorship resistance** is a property of whom the profile depends on:
//! the Herfindahl index of the provers that proved its requests (1 when one
//! prover did everything, `1/n` when `n` shared it evenly).
//! The profile's loss is `(s·speed + c·cost + f·safety + r·HHI) / (s+c+f+r)`
//! with the means over its requests, and a run's **total QoS loss** is the
//! mean of its profiles' losses weighted by their request counts.

use crate::{
	agents::prova,
	engine::kind_name,
	records::{AttackRecord, Outcome, RequestRecord, RunRecord},
};
use std::collections::BTreeMap;

/// Mean and percentiles of a sample.
#[derive(Clone, Copy, Debug, Default)]
pub struct Distribution {
	/// Samples.
	pub count: usize,
	/// Mean.
	pub mean: f64,
	/// Median.
	pub p50: f64,
	/// 95th percentile.
	pub p95: f64,
	/// 99th percentile.
	pub p99: f64,
}

impl Distribution {
	/// Of `values` (any order).
	pub fn of(mut values: Vec<f64>) -> Distribution {
		if values.is_empty() {
			return Distribution::default();
		}
		values.sort_by(f64::total_cmp);
		let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
		Distribution {
			count: values.len(),
			mean: values.iter().sum::<f64>() / values.len() as f64,
			p50: at(0.5),
			p95: at(0.95),
			p99: at(0.99),
		}
	}
}

/// One requester profile's outcome.
#[derive(Clone, Debug)]
pub struct ProfileLoss {
	/// The profile.
	pub name: String,
	/// Its ended requests.
	pub requests: usize,
	/// Share fulfilled.
	pub fulfilled: f64,
	/// Mean speed, cost and safety scores and the HHI (see the module docs).
	pub components: [f64; 4],
	/// Its QoS loss.
	pub loss: f64,
	/// Mean price per work unit paid, PROVA.
	pub price_per_unit: f64,
	/// Median latency, blocks.
	pub latency_p50: f64,
}

/// One hardware class's provers.
#[derive(Clone, Debug)]
pub struct HardwareProfit {
	/// The class.
	pub hardware: String,
	/// Provers of it.
	pub provers: usize,
	/// Jobs they were paid for.
	pub jobs: u64,
	/// Their profit, PROVA: total, mean, least and most.
	pub total: f64,
	/// Mean per prover.
	pub mean: f64,
	/// The least any made.
	pub min: f64,
	/// The most any made.
	pub max: f64,
}

/// A run's figures.
#[derive(Clone, Debug)]
pub struct Summary {
	/// The scenario.
	pub scenario: String,
	/// The mechanism (or `router`).
	pub mechanism: String,
	/// The seed.
	pub seed: u64,
	/// Blocks simulated.
	pub blocks: u64,
	/// Wall-clock seconds.
	pub wall_seconds: f64,
	/// Honest requests sent (ended or not).
	pub sent: usize,
	/// All requests sent, adversaries' included.
	pub sent_all: usize,
	/// Honest requests that ended.
	pub ended: usize,
	/// Shares of ended honest requests fulfilled, fulfilled after a failed
	/// attempt (re-assigned), expired and refused.
	pub fulfilled: f64,
	/// See `fulfilled`.
	pub reassigned: f64,
	/// See `fulfilled`.
	pub expired: f64,
	/// See `fulfilled`.
	pub refused: f64,
	/// Price per work unit of fulfilled honest requests, PROVA.
	pub price: Distribution,
	/// Blocks from submission to proof, fulfilled honest requests.
	pub latency: Distribution,
	/// Sum of `max_fee − price` over fulfilled honest requests, PROVA.
	pub surplus: f64,
	/// Work units proved without being needed (every race proof after the first).
	pub redundant_units: u64,
	/// Redundant units over units delivered.
	pub redundant_share: f64,
	/// Herfindahl index of jobs by prover.
	pub hhi_jobs: f64,
	/// Herfindahl index of revenue by prover.
	pub hhi_revenue: f64,
	/// Fewest provers holding more than half the jobs.
	pub nakamoto: usize,
	/// Share of jobs of the five busiest provers.
	pub top5: f64,
	/// Profit by hardware class.
	pub hardware: Vec<HardwareProfit>,
	/// Each honest profile's outcome.
	pub profiles: Vec<ProfileLoss>,
	/// Request-weighted mean of the profiles' losses.
	pub total_loss: f64,
	/// Mechanisms that served the honest requests (the router's picks).
	pub mix: BTreeMap<String, usize>,
	/// Adversaries' results.
	pub attacks: Vec<AttackRecord>,
	/// Rewards delegators earned, PROVA.
	pub delegator_rewards: f64,
	/// Jobs per prover name, busiest first.
	pub job_shares: Vec<(String, u64)>,
	/// Mean price per unit by window of blocks: `(window start, price)`.
	pub price_over_time: Vec<(u64, f64)>,
	/// Latencies of fulfilled honest requests, sorted (for the CDF plot).
	pub latencies: Vec<u64>,
	/// The first broken pallet invariant, if any.
	pub invariants_broken: Option<String>,
	/// Change of total issuance (zero: money is conserved).
	pub issuance_change: i128,
}

/// Herfindahl index of `shares` (any scale).
pub fn hhi(shares: impl IntoIterator<Item = f64>) -> f64 {
	let shares: Vec<f64> = shares.into_iter().collect();
	let total: f64 = shares.iter().sum();
	if total <= 0.0 {
		return 0.0;
	}
	shares.iter().map(|s| (s / total).powi(2)).sum()
}

fn ended(r: &RequestRecord) -> bool {
	r.outcome != Outcome::Open
}

fn fulfilled(r: &RequestRecord) -> bool {
	r.outcome == Outcome::Fulfilled
}

/// Scores of one request: speed, cost, safety.
fn scores(r: &RequestRecord) -> [f64; 3] {
	if !fulfilled(r) {
		return [1.0; 3];
	}
	let latency = r.latency().unwrap_or(r.deadline_blocks) as f64;
	[
		(latency / r.deadline_blocks.max(1) as f64).min(1.0),
		r.price as f64 / r.max_fee.max(1) as f64,
		(0.5 * r.failures as f64).min(1.0),
	]
}

/// Window of the price-over-time series, blocks.
pub const PRICE_WINDOW: u64 = 500;

impl Summary {
	/// The figures of `run`.
	pub fn of(run: &RunRecord) -> Summary {
		let honest: Vec<&RequestRecord> = run.requests.iter().filter(|r| !r.adversarial).collect();
		let done: Vec<&RequestRecord> = honest.iter().copied().filter(|r| ended(r)).collect();
		let share = |f: &dyn Fn(&RequestRecord) -> bool| {
			done.iter().filter(|r| f(r)).count() as f64 / done.len().max(1) as f64
		};
		let paid: Vec<&RequestRecord> = done.iter().copied().filter(|r| fulfilled(r)).collect();
		let price =
			Distribution::of(paid.iter().map(|r| prova(r.price) / r.units.max(1) as f64).collect());
		let mut latencies: Vec<u64> = paid.iter().filter_map(|r| r.latency()).collect();
		latencies.sort();
		let latency = Distribution::of(latencies.iter().map(|l| *l as f64).collect());
		let surplus = paid.iter().map(|r| prova(r.max_fee.saturating_sub(r.price))).sum();
		let redundant_units: u64 = run
			.requests
			.iter()
			.filter(|r| r.proofs > 1)
			.map(|r| (r.proofs as u64 - 1) * r.units)
			.sum();
		let delivered: u64 = run.provers.iter().map(|p| p.units).sum();
		let jobs: Vec<f64> = run.provers.iter().map(|p| p.jobs as f64).collect();
		let total_jobs: f64 = jobs.iter().sum();
		let mut sorted_jobs: Vec<(String, u64)> =
			run.provers.iter().map(|p| (p.name.clone(), p.jobs)).collect();
		sorted_jobs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
		let mut nakamoto = 0;
		let mut acc = 0.0;
		for (_, j) in &sorted_jobs {
			if acc > total_jobs / 2.0 {
				break;
			}
			acc += *j as f64;
			nakamoto += 1;
		}
		let top5 =
			sorted_jobs.iter().take(5).map(|(_, j)| *j as f64).sum::<f64>() / total_jobs.max(1.0);
		let mut hardware: BTreeMap<String, Vec<(f64, u64)>> = BTreeMap::new();
		for p in run.provers.iter().filter(|p| p.role == "honest") {
			hardware
				.entry(p.hardware.clone())
				.or_default()
				.push((crate::agents::prova_signed(p.profit()), p.jobs));
		}
		let hardware = hardware
			.into_iter()
			.map(|(name, profits)| {
				let total: f64 = profits.iter().map(|p| p.0).sum();
				HardwareProfit {
					hardware: name,
					provers: profits.len(),
					jobs: profits.iter().map(|p| p.1).sum(),
					total,
					mean: total / profits.len() as f64,
					min: profits.iter().map(|p| p.0).fold(f64::INFINITY, f64::min),
					max: profits.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max),
				}
			})
			.collect();
		let profiles: Vec<ProfileLoss> = run
			.profiles
			.iter()
			.enumerate()
			.filter(|(_, p)| !p.adversarial)
			.map(|(index, profile)| {
				let own: Vec<&RequestRecord> =
					done.iter().copied().filter(|r| r.profile == index).collect();
				let n = own.len().max(1) as f64;
				let mut sums = [0.0; 3];
				for r in &own {
					for (sum, score) in sums.iter_mut().zip(scores(r)) {
						*sum += score;
					}
				}
				let mut by_prover: BTreeMap<u64, f64> = BTreeMap::new();
				for r in own.iter().filter(|r| fulfilled(r)) {
					*by_prover.entry(r.prover.unwrap_or_default()).or_default() += 1.0;
				}
				let concentration =
					if by_prover.is_empty() { 1.0 } else { hhi(by_prover.into_values()) };
				let components = [sums[0] / n, sums[1] / n, sums[2] / n, concentration];
				let q = profile.qos;
				let weights = [q.speed, q.cost, q.safety, q.censorship_resistance].map(f64::from);
				let weight_sum: f64 = weights.iter().sum::<f64>().max(1.0);
				let loss =
					weights.iter().zip(components).map(|(w, c)| w * c).sum::<f64>() / weight_sum;
				let paid_own: Vec<&&RequestRecord> = own.iter().filter(|r| fulfilled(r)).collect();
				let mut lat: Vec<f64> =
					paid_own.iter().filter_map(|r| r.latency()).map(|l| l as f64).collect();
				lat.sort_by(f64::total_cmp);
				ProfileLoss {
					name: profile.name.clone(),
					requests: own.len(),
					fulfilled: paid_own.len() as f64 / n,
					components,
					loss,
					price_per_unit: paid_own
						.iter()
						.map(|r| prova(r.price) / r.units.max(1) as f64)
						.sum::<f64>() / paid_own.len().max(1) as f64,
					latency_p50: Distribution::of(lat).p50,
				}
			})
			.collect();
		let weighted: f64 = profiles.iter().map(|p| p.loss * p.requests as f64).sum();
		let total_loss =
			weighted / profiles.iter().map(|p| p.requests).sum::<usize>().max(1) as f64;
		let mut mix = BTreeMap::new();
		for r in &honest {
			*mix.entry(kind_name(r.mechanism).to_string()).or_insert(0) += 1;
		}
		let start = run.requests.iter().map(|r| r.submitted_at).min().unwrap_or(0);
		let mut windows: BTreeMap<u64, (f64, usize)> = BTreeMap::new();
		for r in &paid {
			let w =
				windows.entry((r.submitted_at - start) / PRICE_WINDOW * PRICE_WINDOW).or_default();
			w.0 += prova(r.price) / r.units.max(1) as f64;
			w.1 += 1;
		}
		Summary {
			scenario: run.scenario.clone(),
			mechanism: run.mechanism.clone(),
			seed: run.seed,
			blocks: run.blocks,
			wall_seconds: run.wall_seconds,
			sent: honest.len(),
			sent_all: run.requests.len(),
			ended: done.len(),
			fulfilled: share(&fulfilled),
			reassigned: share(&|r| fulfilled(r) && r.failures > 0),
			expired: share(&|r| r.outcome == Outcome::Expired),
			refused: share(&|r| matches!(r.outcome, Outcome::Refused(_))),
			price,
			latency,
			surplus,
			redundant_units,
			redundant_share: redundant_units as f64 / delivered.max(1) as f64,
			hhi_jobs: hhi(jobs),
			hhi_revenue: hhi(run.provers.iter().map(|p| p.revenue as f64)),
			nakamoto,
			top5,
			hardware,
			profiles,
			total_loss,
			mix,
			attacks: run.attacks.clone(),
			delegator_rewards: prova(run.delegator_rewards),
			job_shares: sorted_jobs,
			price_over_time: windows.into_iter().map(|(w, (s, n))| (w, s / n as f64)).collect(),
			latencies,
			invariants_broken: run.invariants_broken.clone(),
			issuance_change: run.issuance_change,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn percentiles_and_concentration() {
		let d = Distribution::of((1..=100).map(f64::from).collect());
		assert_eq!(d.count, 100);
		assert_eq!(d.p50, 51.0);
		assert_eq!(d.p95, 95.0);
		assert!((d.mean - 50.5).abs() < 1e-9);
		assert!((hhi([1.0, 1.0, 1.0, 1.0]) - 0.25).abs() < 1e-12);
		assert_eq!(hhi([5.0]), 1.0);
		assert_eq!(hhi([]), 0.0);
	}
}
