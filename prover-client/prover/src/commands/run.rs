//! `prova-prover run`: the daemon.

use crate::{
	aggregate::{self, AggregatorSettings},
	backend::{available_memory, make_backend, CircuitProver},
	chain::Chain,
	cli::{FileConfig, Global, RunArgs, RunSettings},
	daemon::{journal::Journal, run, Daemon, DaemonConfig},
	key::Signer,
	metrics::{self, Metrics},
	progress::Progress,
};
use std::{
	net::{Ipv4Addr, SocketAddr},
	sync::Arc,
};
use substrate_prometheus_endpoint::Registry;

/// Starts the daemon and runs it until Ctrl-C or SIGTERM.
pub async fn execute(
	global: &Global,
	args: &RunArgs,
	file: &FileConfig,
	signer: Signer,
) -> anyhow::Result<()> {
	let settings = RunSettings::merge(global, args, file);
	let prover_account = match &args.prover {
		Some(text) => {
			Some(anyhow::Context::with_context(crate::chain::parse_address(text), || {
				format!("--prover {text}: not an SS58 address of the bonded prover account")
			})?)
		}
		None => None,
	};
	let account = prover_account.clone().unwrap_or_else(|| Chain::account_of(&signer));
	if let Some(prover) = &prover_account {
		let url = settings.urls.first().cloned().unwrap_or_else(|| crate::cli::DEFAULT_URL.into());
		let chain = Chain::connect(&url).await?;
		crate::commands::keys::ensure_hot_key(&chain, prover, &Chain::account_of(&signer)).await?;
	}
	let journal = Journal::open(&settings.data_dir, &crate::chain::address(&account))?;
	let registry = Registry::new();
	let metrics = Metrics::register(&registry)?;
	if let Some(port) = settings.prometheus_port {
		let ip = if args.prometheus_external { Ipv4Addr::UNSPECIFIED } else { Ipv4Addr::LOCALHOST };
		let addr = SocketAddr::from((ip, port));
		metrics::serve(addr, registry);
		tracing::info!(%addr, "serving Prometheus metrics at /metrics");
	}
	let backend = make_backend(settings.backend, settings.gpu_adapter.as_deref());
	let memory_limit = settings
		.memory_limit
		.or_else(|| available_memory().map(|free| free / 10 * 9))
		.unwrap_or(u64::MAX);
	// Built circuits are kept in up to a quarter of it; the rest is for proofs.
	let cache_limit = memory_limit / 4;
	tracing::info!(
		account = %crate::chain::address(&account),
		nodes = %settings.urls.join(","),
		backend = backend.name(),
		capacity = settings.capacity,
		memory_limit_mib = memory_limit >> 20,
		circuit_cache_mib = cache_limit >> 20,
		data_dir = %settings.data_dir.display(),
		"starting the prover daemon"
	);
	let prover = Arc::new(CircuitProver::new(backend, cache_limit));
	let daemon = Daemon::new(prover, journal, settings.capacity, metrics, Progress::for_terminal())
		.with_memory_limit(Some(memory_limit));
	let urls = settings.urls.clone();
	let config = DaemonConfig {
		urls: settings.urls,
		max_reconnects: settings.max_reconnects,
		prover: prover_account,
	};
	if !args.aggregate {
		run(config, signer, daemon).await?;
		return Ok(());
	}
	let aggregator = AggregatorSettings {
		urls,
		listen: args.aggregate_listen,
		endpoint: args
			.aggregate_endpoint
			.clone()
			.unwrap_or_else(|| format!("http://{}", args.aggregate_listen)),
		batch_size: args.batch_size.max(2),
	};
	// Either ending ends the process: an aggregator that cannot run says why.
	tokio::select! {
		proving = run(config, signer.clone(), daemon) => proving?,
		aggregating = aggregate::run(aggregator, signer) => aggregating?,
	}
	Ok(())
}
