//! Prometheus metrics of the daemon, served at `/metrics` when
//! `--prometheus-port` is set.

use prometheus_endpoint::{
	register, Counter, CounterVec, Gauge, HistogramOpts, HistogramVec, Opts, PrometheusError,
	Registry, U64,
};
use std::net::SocketAddr;
use substrate_prometheus_endpoint as prometheus_endpoint;

/// The daemon's counters.
#[derive(Clone)]
pub struct Metrics {
	/// Jobs this prover locked (counted once each, on first sight).
	pub jobs_assigned: Counter<U64>,
	/// Offers this prover declined (circuit it cannot prove, no slot, deadline too short).
	pub offers_declined: Counter<U64>,
	/// Seconds per proof, by circuit descriptor.
	pub proving_seconds: HistogramVec,
	/// Proofs being computed now.
	pub proving_now: Gauge<U64>,
	/// `submit_proof` transactions sent (re-sends of the same bytes not counted).
	pub proofs_submitted: Counter<U64>,
	/// Jobs by how they ended: accepted, rejected, missed, dropped, abandoned, failed.
	pub jobs_finished: CounterVec<U64>,
	/// Deadlines missed (no accepted proof before the deadline).
	pub missed_deadlines: Counter<U64>,
	/// Sealed bids committed (one per auction; re-sends not counted).
	pub bids_committed: Counter<U64>,
	/// Sealed bids revealed (one per auction; re-sends not counted).
	pub bids_revealed: Counter<U64>,
	/// Dutch auctions this prover sent a lock for (re-sends not counted).
	pub dutch_locks: Counter<U64>,
	/// Race proofs committed to.
	pub race_commits: Counter<U64>,
}

impl Metrics {
	/// Registers the metrics in `registry`.
	pub fn register(registry: &Registry) -> Result<Metrics, PrometheusError> {
		Ok(Metrics {
			jobs_assigned: register(
				Counter::new("prova_prover_jobs_assigned_total", "Jobs locked by this prover")?,
				registry,
			)?,
			offers_declined: register(
				Counter::new("prova_prover_offers_declined_total", "Offers declined")?,
				registry,
			)?,
			proving_seconds: register(
				HistogramVec::new(
					HistogramOpts::new("prova_prover_proving_seconds", "Seconds per proof")
						.buckets(vec![0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 60.0, 120.0, 300.0, 900.0]),
					&["circuit"],
				)?,
				registry,
			)?,
			proving_now: register(
				Gauge::new("prova_prover_proving_now", "Proofs being computed")?,
				registry,
			)?,
			proofs_submitted: register(
				Counter::new("prova_prover_proofs_submitted_total", "Proof transactions sent")?,
				registry,
			)?,
			jobs_finished: register(
				CounterVec::new(
					Opts::new("prova_prover_jobs_finished_total", "Jobs by outcome"),
					&["outcome"],
				)?,
				registry,
			)?,
			missed_deadlines: register(
				Counter::new("prova_prover_missed_deadlines_total", "Deadlines missed")?,
				registry,
			)?,
			bids_committed: register(
				Counter::new("prova_prover_bids_committed_total", "Sealed bids committed")?,
				registry,
			)?,
			bids_revealed: register(
				Counter::new("prova_prover_bids_revealed_total", "Sealed bids revealed")?,
				registry,
			)?,
			dutch_locks: register(
				Counter::new("prova_prover_dutch_locks_total", "Dutch auctions locked")?,
				registry,
			)?,
			race_commits: register(
				Counter::new("prova_prover_race_commits_total", "Race proofs committed to")?,
				registry,
			)?,
		})
	}

	/// Metrics in a registry nobody serves (for tests and for `--prometheus-port` unset).
	pub fn unserved() -> Metrics {
		Metrics::register(&Registry::new()).expect("fresh registry has no duplicates")
	}
}

/// Serves `registry` on `addr` in the background.
pub fn serve(addr: SocketAddr, registry: Registry) {
	tokio::spawn(async move {
		if let Err(e) = prometheus_endpoint::init_prometheus(addr, registry).await {
			tracing::error!(%addr, error = %e, "prometheus endpoint failed");
		}
	});
}
