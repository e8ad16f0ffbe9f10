//! `prova-prover run`: the daemon.

use crate::{
	backend::{make_backend, CircuitProver},
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
	let account = Chain::account_of(&signer);
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
	tracing::info!(
		account = %crate::chain::address(&account),
		url = %settings.url,
		backend = backend.name(),
		capacity = settings.capacity,
		data_dir = %settings.data_dir.display(),
		"starting the prover daemon"
	);
	let prover = Arc::new(CircuitProver::new(backend));
	let daemon = Daemon::new(prover, journal, settings.capacity, metrics, Progress::for_terminal());
	let config = DaemonConfig { url: settings.url, max_reconnects: settings.max_reconnects };
	run(config, signer, daemon).await?;
	Ok(())
}
