//! Prometheus metrics of the daemon, served at `/metrics` when
//! `--prometheus-port` is set.

use prometheus_endpoint::{
	register, Counter, CounterVec, Gauge, Histogram, HistogramOpts, HistogramVec, Opts,
	PrometheusError, Registry, U64,
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
	/// `submit_proof` transactions the pool accepted (once per transaction).
	pub proofs_submitted: Counter<U64>,
	/// Proof transactions sent again (not yet taken by the pool, or not
	/// included after a few blocks).
	pub proof_resends: Counter<U64>,
	/// Blocks left before the deadline when the pool accepted a proof.
	pub blocks_left_at_submission: Histogram,
	/// Jobs waiting for a proving slot or memory.
	pub queue_depth: Gauge<U64>,
	/// Bytes the proofs running and the cached circuits hold, by estimate.
	pub memory_in_use_bytes: Gauge<U64>,
	/// Bytes the cached circuits hold, by estimate.
	pub circuit_cache_bytes: Gauge<U64>,
	/// Seconds per circuit build.
	pub circuit_build_seconds: Histogram,
	/// GPU batches run on the CPU instead, since start.
	pub gpu_fallbacks: Gauge<U64>,
	/// Connections to a node lost (and made again).
	pub reconnects: Counter<U64>,
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
			proof_resends: register(
				Counter::new("prova_prover_proof_resends_total", "Proof transactions sent again")?,
				registry,
			)?,
			blocks_left_at_submission: register(
				Histogram::with_opts(
					HistogramOpts::new(
						"prova_prover_blocks_left_at_submission",
						"Blocks before the deadline when the pool accepted a proof",
					)
					.buckets(vec![1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 500.0]),
				)?,
				registry,
			)?,
			queue_depth: register(
				Gauge::new("prova_prover_queue_depth", "Jobs waiting to be proved")?,
				registry,
			)?,
			memory_in_use_bytes: register(
				Gauge::new(
					"prova_prover_memory_in_use_bytes",
					"Bytes held by proofs running and cached circuits (estimate)",
				)?,
				registry,
			)?,
			circuit_cache_bytes: register(
				Gauge::new("prova_prover_circuit_cache_bytes", "Bytes held by cached circuits")?,
				registry,
			)?,
			circuit_build_seconds: register(
				Histogram::with_opts(
					HistogramOpts::new(
						"prova_prover_circuit_build_seconds",
						"Seconds per circuit build",
					)
					.buckets(vec![0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0]),
				)?,
				registry,
			)?,
			gpu_fallbacks: register(
				Gauge::new(
					"prova_prover_gpu_fallbacks",
					"GPU batches run on the CPU instead, since start",
				)?,
				registry,
			)?,
			reconnects: register(
				Counter::new("prova_prover_reconnects_total", "Connections to a node lost")?,
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
