//! `prova-prover`: see `prova-prover --help` and the crate documentation.

use anyhow::Context;
use clap::Parser;
use prova_prover::{
	chain::Chain,
	cli::{
		AskCommand, CircuitsCommand, Cli, Command, FileConfig, KeysCommand, LogFormat,
		RequestCommand,
	},
	commands::{self, bench, bench_gpu, circuits, operator, request},
};
use std::{io::IsTerminal, process::ExitCode, time::Duration};
use tracing_subscriber::EnvFilter;

fn init_logging(format: LogFormat) {
	let filter = EnvFilter::try_from_env("PROVA_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
	let builder = tracing_subscriber::fmt()
		.with_env_filter(filter)
		.with_writer(std::io::stderr)
		.with_ansi(std::io::stderr().is_terminal());
	match format {
		LogFormat::Text => builder.init(),
		LogFormat::Json => builder.json().init(),
	}
}

async fn execute(cli: Cli) -> anyhow::Result<()> {
	let global = &cli.global;
	let file = FileConfig::load(global.config.as_deref())?;
	let file_url = file.url.as_deref();
	if let Command::Bench(args) = &cli.command {
		return bench::run(args);
	}
	if let Command::BenchGpu(args) = &cli.command {
		return bench_gpu::run(args);
	}
	if let Command::Devices = &cli.command {
		return commands::devices::list(global.json);
	}
	if let Command::Load(args) = &cli.command {
		// The funder: the key given, else the dev chain's //Alice.
		let funder = match (
			global.key.as_deref().or(file.key.as_deref()),
			global.key_file.as_deref().or(file.key_file.as_deref()),
		) {
			(None, None) => prova_prover::key::from_uri("//Alice")?,
			_ => commands::signer(global, &file)?,
		};
		let settings = commands::load::LoadSettings::from_args(args)?;
		let chain = commands::connect(global, file_url).await?;
		return commands::load::run(&chain, &funder, &settings, global.json).await;
	}
	if let Command::Run(args) = &cli.command {
		let signer = commands::signer(global, &file)?;
		return commands::run::execute(global, args, &file, signer).await;
	}
	// Read-only commands need no key; the others load it before connecting,
	// so a bad key is reported without waiting for the node.
	let needs_key = !matches!(
		&cli.command,
		Command::Request(
			RequestCommand::Get { .. } | RequestCommand::Wait { .. } | RequestCommand::Quote(_)
		) | Command::Circuits(CircuitsCommand::List)
			| Command::Status { account: Some(_), .. }
			| Command::Keys(KeysCommand::List { account: Some(_) })
	);
	if let Command::Keys(KeysCommand::Generate { file }) = &cli.command {
		return commands::keys::generate(file, global.json);
	}
	let signer = needs_key.then(|| commands::signer(global, &file)).transpose()?;
	let signer_ref = || signer.as_ref().expect("loaded for this command");
	let chain = commands::connect(global, file_url).await?;
	let json = global.json;
	match &cli.command {
		Command::Register(args) => operator::register(&chain, signer_ref(), args).await,
		Command::Bond { amount } => operator::bond(&chain, signer_ref(), amount).await,
		Command::Unbond { amount } => operator::unbond(&chain, signer_ref(), amount).await,
		Command::Withdraw => operator::withdraw(&chain, signer_ref()).await,
		Command::Update(args) => operator::update(&chain, signer_ref(), args).await,
		Command::Serve(args) => operator::serve(&chain, signer_ref(), args).await,
		Command::Chill => operator::chill(&chain, signer_ref()).await,
		Command::Keys(KeysCommand::AddProxy { hot }) => {
			commands::keys::add_proxy(&chain, signer_ref(), hot).await
		}
		Command::Keys(KeysCommand::RemoveProxy { hot }) => {
			commands::keys::remove_proxy(&chain, signer_ref(), hot).await
		}
		Command::Keys(KeysCommand::List { account }) => {
			let who = match account {
				Some(text) => prova_prover::chain::parse_address(text)
					.with_context(|| format!("`{text}` is not an SS58 address"))?,
				None => prova_prover::chain::Chain::account_of(signer_ref()),
			};
			commands::keys::list(&chain, &who, json).await
		}
		Command::Keys(KeysCommand::Generate { file }) => commands::keys::generate(file, json),
		Command::Ask(AskCommand::Post { ask, units, deadline, lifetime }) => {
			operator::post_ask(&chain, signer_ref(), ask, *units, *deadline, *lifetime).await
		}
		Command::Ask(AskCommand::Cancel { id }) => {
			operator::cancel_ask(&chain, signer_ref(), *id).await
		}
		Command::Status { account, data_dir } => {
			let account = match account {
				Some(text) => prova_prover::chain::parse_address(text).ok_or_else(|| {
					anyhow::anyhow!("bad account `{text}`: expected an SS58 address")
				})?,
				None => Chain::account_of(signer_ref()),
			};
			operator::status(&chain, account, data_dir.as_deref(), json).await
		}
		Command::Request(RequestCommand::Submit(args)) => {
			let id = request::submit(&chain, signer_ref(), args, json).await?;
			if args.wait {
				request::wait(&chain, id, Duration::from_secs(600), json).await?;
			}
			Ok(())
		}
		Command::Request(RequestCommand::Wait { id, timeout }) => {
			request::wait(&chain, *id, Duration::from_secs(*timeout), json).await.map(drop)
		}
		Command::Request(RequestCommand::Get { id }) => request::get(&chain, *id, json).await,
		Command::Request(RequestCommand::Quote(args)) => request::quote(&chain, args, json).await,
		Command::Request(RequestCommand::Cancel { id }) => {
			request::cancel(&chain, signer_ref(), *id).await
		}
		Command::Circuits(CircuitsCommand::List) => circuits::list(&chain, json).await,
		Command::Circuits(CircuitsCommand::Register { workload, degree }) => {
			circuits::register(&chain, signer_ref(), workload, degree, json).await
		}
		Command::Circuits(CircuitsCommand::EnableAggregation) => {
			circuits::enable_aggregation(&chain, signer_ref(), json).await
		}
		Command::Run(_)
		| Command::Bench(_)
		| Command::BenchGpu(_)
		| Command::Devices
		| Command::Load(_) => {
			unreachable!("handled above")
		}
	}
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	init_logging(cli.global.log_format);
	let runtime =
		tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
	let result = runtime.block_on(execute(cli));
	// A proof still running on a blocking thread is abandoned, not awaited:
	// the journal is consistent at every step, and a restart resumes the job.
	runtime.shutdown_timeout(Duration::from_millis(200));
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("error: {error:#}");
			ExitCode::FAILURE
		}
	}
}
