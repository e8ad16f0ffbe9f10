//! Command-line interface.
//!
//! Every daemon setting comes from, in order of precedence: the command line,
//! the environment (`PROVA_*`), the config file (`--config`, TOML), and a
//! default. The config file holds the same names as the long options, with
//! underscores:
//!
//! ```toml
//! url = "ws://127.0.0.1:9944,ws://10.0.0.2:9944"
//! key_file = "/etc/prova/prover.key"
//! backend = "auto"
//! capacity = 2
//! data_dir = "/var/lib/prova-prover"
//! prometheus_port = 9616
//! memory_limit_gib = 60
//! ```
//!
//! The key belongs in a file (`--key-file`, `PROVA_KEY_FILE`, or `key_file`
//! above) readable by the daemon's user only, or in `PROVA_KEY`: a secret
//! given with `--key` shows in the process list of every user.

use crate::backend::BackendKind;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The default node RPC URL.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// Prova's prover daemon and requester CLI.
#[derive(Debug, Parser)]
#[command(name = "prova-prover", version, about)]
pub struct Cli {
	/// Options every command shares.
	#[command(flatten)]
	pub global: Global,
	/// What to do.
	#[command(subcommand)]
	pub command: Command,
}

/// Options every command shares.
#[derive(Debug, Args)]
pub struct Global {
	/// The node's RPC endpoint [default: ws://127.0.0.1:9944]. The daemon
	/// takes several, comma-separated, and fails over between them.
	#[arg(long, env = "PROVA_URL", global = true)]
	pub url: Option<String>,
	/// The signing key: a secret URI, a phrase, or a dev name such as
	/// //Alice. Prefer --key-file or PROVA_KEY for real keys: a secret on
	/// the command line shows in `ps`.
	#[arg(long, env = "PROVA_KEY", global = true, hide_env_values = true)]
	pub key: Option<String>,
	/// A file whose first line is the signing key.
	#[arg(long, env = "PROVA_KEY_FILE", global = true)]
	pub key_file: Option<PathBuf>,
	/// A TOML file with defaults for the options (see `prova-prover run --help`).
	#[arg(long, env = "PROVA_CONFIG", global = true)]
	pub config: Option<PathBuf>,
	/// Print results as JSON instead of text.
	#[arg(long, global = true)]
	pub json: bool,
	/// Log format.
	#[arg(long, env = "PROVA_LOG_FORMAT", global = true, value_enum, default_value_t = LogFormat::Text)]
	pub log_format: LogFormat,
}

/// How logs are written (to stderr).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
	/// Human-readable lines.
	Text,
	/// One JSON object per line.
	Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Run the prover daemon: prove the requests assigned to this key.
	Run(RunArgs),
	/// Register this key as a prover, bonding stake.
	Register(RegisterArgs),
	/// Add to this prover's self-bond.
	Bond {
		/// Amount in PROVA (e.g. 100 or 0.5).
		amount: String,
	},
	/// Start unbonding part of this prover's self-bond.
	Unbond {
		/// Amount in PROVA.
		amount: String,
	},
	/// Withdraw self-bond whose unbonding period has passed.
	Withdraw,
	/// Change hardware, capacity, ask or commission (unset fields stay as they are).
	Update(UpdateArgs),
	/// Declare the circuits this prover serves, replacing what it declared
	/// before; elections offer it only jobs one of them takes.
	Serve(ServeArgs),
	/// Post or cancel standing asks on the market's order book.
	#[command(subcommand)]
	Ask(AskCommand),
	/// Stop taking new jobs (jobs held are still to be finished).
	Chill,
	/// A hot key for the daemon: generate one, register or revoke it as the
	/// bonded account's `ProverOperations` proxy, list proxies.
	#[command(subcommand)]
	Keys(KeysCommand),
	/// Show a prover's record, reputation and earnings.
	Status {
		/// The prover's account (SS58); default: the key's.
		account: Option<String>,
		/// The daemon's data directory, to sum earnings from its journal.
		#[arg(long, env = "PROVA_DATA_DIR")]
		data_dir: Option<PathBuf>,
	},
	/// Submit and follow proof requests.
	#[command(subcommand)]
	Request(RequestCommand),
	/// List and register circuits.
	#[command(subcommand)]
	Circuits(CircuitsCommand),
	/// Prove each workload at several sizes on this machine and print a table.
	Bench(BenchArgs),
	/// Time GPU against CPU stage by stage (NTT, LDE, Merkle, commitment,
	/// whole proof) and print a table.
	BenchGpu(BenchGpuArgs),
	/// List the GPU adapters this machine offers, with their limits, and the
	/// one `--backend auto` would use.
	Devices,
	/// Generate load: requester accounts derived from --seed, funded by
	/// --key (default //Alice), send requests of a cheap circuit at a rate;
	/// report throughput, latencies, pool rejections and errors per block,
	/// and fail unless every request ends and every balance reconciles
	/// with the chain's events.
	Load(LoadArgs),
}

/// `load`'s options.
#[derive(Debug, Args)]
pub struct LoadArgs {
	/// Requester accounts, `SEED/0` to `SEED/(N-1)`.
	#[arg(long, default_value_t = 4)]
	pub requesters: usize,
	/// Requests to send in all (round-robin over the requesters).
	#[arg(long, default_value_t = 20)]
	pub requests: usize,
	/// Sending rate: `N/block` or `N/s` (e.g. 2/block, 0.5/s).
	#[arg(long, default_value = "1/block", value_parser = crate::commands::load::parse_rate)]
	pub rate: crate::commands::load::Rate,
	/// The circuit: a name from `circuits list`, a descriptor or a 0x id
	/// [default: the smallest listed].
	#[arg(long)]
	pub circuit: Option<String>,
	/// Fee each request offers, in PROVA [default: the cheapest ask now].
	#[arg(long)]
	pub max_fee: Option<String>,
	/// Blocks the prover has from its lock.
	#[arg(long, default_value_t = 40)]
	pub deadline: u32,
	/// Secret URI the requesters are derived from (`//load` gives
	/// `//load/0`, `//load/1`, ...).
	#[arg(long, default_value = "//load")]
	pub seed: String,
	/// Free balance each requester is topped up to, in PROVA [default: its
	/// share of the requests' fees and deposits, plus 1 PROVA a request].
	#[arg(long)]
	pub fund: Option<String>,
	/// Blocks from sending within which each request must end (settled,
	/// expired or cancelled) [default: 3 × (deadline + 5) + 10].
	#[arg(long)]
	pub end_within: Option<u32>,
}

/// `run`'s options.
#[derive(Debug, Args)]
pub struct RunArgs {
	/// Where proofs are computed [default: auto: a hardware GPU if there is
	/// one, else the CPU].
	#[arg(long, env = "PROVA_BACKEND", value_enum)]
	pub backend: Option<BackendKind>,
	/// With a GPU backend, use the adapter whose name contains this (see
	/// `prova-prover devices`).
	#[arg(long, env = "PROVA_GPU_ADAPTER")]
	pub gpu_adapter: Option<String>,
	/// Jobs proved at once [default: 1]; each uses all cores through rayon.
	#[arg(long, env = "PROVA_CAPACITY")]
	pub capacity: Option<usize>,
	/// Where the journal and finished proofs are kept [default: ./prova-prover-data].
	#[arg(long, env = "PROVA_DATA_DIR")]
	pub data_dir: Option<PathBuf>,
	/// Serve Prometheus metrics on this loopback port.
	#[arg(long, env = "PROVA_PROMETHEUS_PORT")]
	pub prometheus_port: Option<u16>,
	/// Serve metrics on all interfaces, not only loopback.
	#[arg(long)]
	pub prometheus_external: bool,
	/// Give up after this many failed reconnections in a row [default: never].
	#[arg(long, env = "PROVA_MAX_RECONNECTS")]
	pub max_reconnects: Option<u32>,
	/// Memory proofs and cached circuits may use together, in GiB
	/// [default: 90% of the memory free at start]. Jobs whose proofs would
	/// not fit are declined, or wait for running proofs to finish.
	#[arg(long, env = "PROVA_MEMORY_LIMIT_GIB")]
	pub memory_limit_gib: Option<u64>,
	/// Also aggregate: take the claimed proofs of the aggregated tier, prove
	/// batches of them recursively and settle them with one proof each,
	/// earning their aggregation fees. Registers this key as an aggregator
	/// (holding the aggregator bond) if it is not one.
	#[arg(long)]
	pub aggregate: bool,
	/// The bonded prover account (SS58) this daemon proves for, when `--key`
	/// is a hot key registered as its `ProverOperations` proxy (see
	/// `prova-prover keys`): the bonded account's key stays offline, and a
	/// stolen hot key can neither move its funds nor change its commission.
	#[arg(long, env = "PROVA_PROVER_ACCOUNT")]
	pub prover: Option<String>,
	/// With `--aggregate`: where to take deliveries.
	#[arg(long, env = "PROVA_AGGREGATE_LISTEN", default_value = "127.0.0.1:9955")]
	pub aggregate_listen: std::net::SocketAddr,
	/// With `--aggregate`: the URL provers deliver to, registered on chain
	/// [default: http://LISTEN].
	#[arg(long, env = "PROVA_AGGREGATE_ENDPOINT")]
	pub aggregate_endpoint: Option<String>,
	/// With `--aggregate`: requests at which a batch is closed at once
	/// (sooner when the earliest claim's due block comes near).
	#[arg(long, default_value_t = 64)]
	pub batch_size: usize,
}

/// `register`'s options.
#[derive(Debug, Args)]
pub struct RegisterArgs {
	/// Self-bond in PROVA.
	#[arg(long)]
	pub bond: String,
	/// Price per unit of work (a 2^12-row circuit is one unit), in PROVA.
	#[arg(long, default_value = "0.01")]
	pub ask: String,
	/// Work units taken at once: a 2^12-row job is one unit, a 2^20-row job
	/// 256. The chain offers jobs while their units fit.
	#[arg(long, default_value_t = 1)]
	pub capacity: u32,
	/// Share of delegators' rewards kept, in percent.
	#[arg(long, default_value = "10")]
	pub commission: String,
	/// Hardware to declare.
	#[command(flatten)]
	pub hardware: HardwareArgs,
}

/// Declared hardware; unset values are read from this machine.
#[derive(Debug, Args, Default)]
pub struct HardwareArgs {
	/// CPU cores [default: this machine's].
	#[arg(long)]
	pub cpu_cores: Option<u16>,
	/// Memory in GiB [default: this machine's].
	#[arg(long)]
	pub memory_gib: Option<u16>,
	/// GPU class.
	#[arg(long, value_enum)]
	pub gpu: Option<GpuArg>,
}

/// A GPU class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GpuArg {
	/// No GPU.
	None,
	/// A consumer GPU.
	Consumer,
	/// A workstation GPU.
	Workstation,
	/// A datacenter GPU.
	Datacenter,
}

/// Hot keys: the daemon signs with one while the bonded account stays cold.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
	/// Write a new random key to FILE (mode 600) and print its address.
	Generate {
		/// Where to write it (must not exist).
		file: PathBuf,
	},
	/// With the bonded account's key: let HOT run the daemon for it.
	AddProxy {
		/// The hot key's address (SS58).
		hot: String,
	},
	/// With the bonded account's key: revoke HOT (a lost or replaced key).
	RemoveProxy {
		/// The hot key's address (SS58).
		hot: String,
	},
	/// The proxies of ACCOUNT (default: the key's account).
	List {
		/// The account (SS58).
		account: Option<String>,
	},
}

/// Standing asks on the order book.
#[derive(Debug, Subcommand)]
pub enum AskCommand {
	/// Post a standing ask: a request for a covered circuit whose fee and
	/// deadline cross it is locked with this prover in the block it arrives.
	Post {
		/// `SCOPE@PRICE`: the circuits (as `serve` takes them) and the price
		/// per work unit in PROVA.
		#[arg(value_name = "SCOPE@PRICE")]
		ask: String,
		/// Work units offered; each match takes its job's units.
		#[arg(long)]
		units: u64,
		/// The deadline committed to: only requests giving at least this
		/// many blocks from the lock match.
		#[arg(long, default_value_t = 20)]
		deadline: u32,
		/// Blocks the ask stands.
		#[arg(long, default_value_t = 1_200)]
		lifetime: u32,
	},
	/// Withdraw a standing ask.
	Cancel {
		/// The ask's number (from `ask post`).
		id: u64,
	},
}

/// `serve`'s options.
#[derive(Debug, Args)]
pub struct ServeArgs {
	/// A service, `SCOPE@ASK[/BLOCKS]`: SCOPE is `any:MAXDEG` (any circuit
	/// of up to 2^MAXDEG rows), `FAMILY:MAXDEG` (a workload family, e.g.
	/// `poseidon_chain:16`) or a circuit id (`0x…`); ASK is the price per
	/// work unit in PROVA; BLOCKS the least deadline accepted per thousand
	/// work units (default 0: any). Repeat for several; none: serve every
	/// circuit at the registered ask.
	#[arg(value_name = "SERVICE")]
	pub services: Vec<String>,
}

/// `update`'s options.
#[derive(Debug, Args)]
pub struct UpdateArgs {
	/// New ask per unit of work, in PROVA.
	#[arg(long)]
	pub ask: Option<String>,
	/// New capacity, in work units.
	#[arg(long)]
	pub capacity: Option<u32>,
	/// New commission, in percent.
	#[arg(long)]
	pub commission: Option<String>,
	/// New hardware.
	#[command(flatten)]
	pub hardware: HardwareArgs,
}

/// Requester subcommands.
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
	/// Submit a proof request; prints its id.
	Submit(SubmitArgs),
	/// Follow a request until it ends; prints the output, the prover and the fee paid.
	Wait {
		/// The request id.
		id: u64,
		/// Give up after this many seconds.
		#[arg(long, default_value_t = 600)]
		timeout: u64,
	},
	/// Show a request.
	Get {
		/// The request id.
		id: u64,
	},
	/// Cancel a request not yet assigned (full refund).
	Cancel {
		/// The request id.
		id: u64,
	},
	/// Every mechanism's expected price and latency for a request, side by
	/// side, and the mechanism the router picks for given preferences.
	Quote(QuoteArgs),
}

/// `request quote`'s options.
#[derive(Debug, Args)]
pub struct QuoteArgs {
	/// The circuit: a name from `circuits list`, a descriptor, or a 0x id.
	#[arg(long)]
	pub circuit: String,
	/// The most the request would pay, in PROVA.
	#[arg(long)]
	pub max_fee: String,
	/// Blocks the prover would have from the lock.
	#[arg(long, default_value_t = 40)]
	pub deadline: u32,
	/// Least backing of the prover, in PROVA.
	#[arg(long, default_value = "0")]
	pub min_stake: String,
	/// Least reputation of the prover, in percent.
	#[arg(long, default_value = "0")]
	pub min_reputation: String,
	/// Preferences for the router's pick, e.g. `speed=10,cost=3,safety=1,cr=1`.
	#[arg(long, default_value = "speed=5,cost=5,safety=5,cr=5", value_parser = crate::commands::request::parse_qos)]
	pub qos: crate::chain::Qos,
}

/// `request submit`'s options.
#[derive(Debug, Args)]
pub struct SubmitArgs {
	/// The circuit: a name from `circuits list` (e.g. poseidon_chain-12), a descriptor, or a 0x id.
	#[arg(long)]
	pub circuit: String,
	/// The input: comma-separated field elements, 0x-prefixed bytes, @FILE (raw bytes),
	/// or sample:SEED for a generated example input.
	#[arg(long)]
	pub input: String,
	/// The most to pay, in PROVA [default: the cheapest ask now].
	#[arg(long)]
	pub max_fee: Option<String>,
	/// Blocks the prover has from assignment (10 and up; a block is 3 s).
	#[arg(long, default_value_t = 40)]
	pub deadline: u32,
	/// Least backing (self-bond + delegations) of the prover, in PROVA.
	#[arg(long, default_value = "0")]
	pub min_stake: String,
	/// Least reputation of the prover, in percent.
	#[arg(long, default_value = "0")]
	pub min_reputation: String,
	/// How the prover and price are found: `election` (a stake-weighted
	/// draw at the drawn prover's ask), `auction[:BID_BLOCKS:REVEAL_BLOCKS[:expire]]`
	/// (sealed bids, lowest wins at the second-lowest price; default 5:5,
	/// then an election if nobody wins, or expiry with `:expire`) or
	/// `dutch:FLOOR[:RAMP_BLOCKS]` (the price rises from FLOOR PROVA per work
	/// unit to the max fee over RAMP_BLOCKS, default 20; the first prover to
	/// lock takes it).
	/// `book[:expire]` (locked at once with the best crossing standing ask,
	/// else an election, or refused with `:expire`) or `race:N[:open]` (N
	/// elected provers, or any with `:open`, prove at once; each valid proof
	/// is paid max fee / N, less 20% per block behind the first).
	#[arg(long, default_value = "election", value_parser = crate::commands::request::parse_mechanism)]
	pub mechanism: crate::chain::Mechanism,
	/// Preferences instead of a mechanism, `speed=S,cost=C,safety=F,cr=R`
	/// (each 0 to 10): the chain's router picks the mechanism.
	#[arg(long, conflicts_with = "mechanism", value_parser = crate::commands::request::parse_qos)]
	pub qos: Option<crate::chain::Qos>,
	/// A latency guarantee, `TARGET_BLOCKS[:FLOOR_PERCENT]`: a proof later
	/// than TARGET_BLOCKS after the lock is paid linearly less, down to
	/// FLOOR_PERCENT (default 50) of the price at the deadline.
	#[arg(long, value_parser = crate::commands::request::parse_latency)]
	pub latency: Option<crate::chain::Latency>,
	/// Settle through aggregators (the cheaper, slower tier: the prover
	/// claims its proof and an aggregator's batch settles it; 0.005 PROVA of
	/// the max fee is reserved for the aggregator) instead of directly.
	#[arg(long, conflicts_with = "qos")]
	pub aggregated: bool,
	/// Wait for the request to end and print its result.
	#[arg(long)]
	pub wait: bool,
}

/// Circuit subcommands.
#[derive(Debug, Subcommand)]
pub enum CircuitsCommand {
	/// List the circuits the market accepts requests for.
	List,
	/// Register a workload's circuit with the verifier and list it on the market
	/// (skipping what is already done).
	Register {
		/// Workloads (poseidon_chain, merkle_root, fibonacci) [default: all].
		#[arg(long, value_delimiter = ',')]
		workload: Vec<String>,
		/// Degrees (log2 of rows, 12..=20).
		#[arg(long, value_delimiter = ',', default_value = "12")]
		degree: Vec<usize>,
	},
	/// Enable the aggregated tier: register this client's merge circuit,
	/// make it the aggregation circuit (with `sudo`: the key must be the
	/// sudo key, as on a dev chain) and set the wrapper of every listed
	/// circuit the key registered (skipping what is done).
	EnableAggregation,
}

/// `bench`'s options.
#[derive(Debug, Args)]
pub struct BenchArgs {
	/// Workloads [default: all].
	#[arg(long, value_delimiter = ',')]
	pub workload: Vec<String>,
	/// Degrees, as a list or a range (12..=20) [default: 12..=16].
	#[arg(long, default_value = "12..=16")]
	pub degrees: String,
	/// Proofs per size; the table shows the median.
	#[arg(long, default_value_t = 3)]
	pub repeat: usize,
	/// Internal: prove one size in this process and print one JSON line.
	#[arg(long, hide = true)]
	pub child: bool,
}

/// `bench-gpu`'s options.
#[derive(Debug, Args)]
pub struct BenchGpuArgs {
	/// Degrees, as a list or a range (12..=20).
	#[arg(long, default_value = "12..=16")]
	pub degrees: String,
	/// Runs per stage; the table shows the median.
	#[arg(long, default_value_t = 3)]
	pub repeat: usize,
	/// Accept a software adapter (lavapipe): checks overheads, not speed.
	#[arg(long)]
	pub allow_software: bool,
	/// Use the adapter whose name contains this.
	#[arg(long)]
	pub adapter: Option<String>,
	/// Leave out the whole-proof row.
	#[arg(long)]
	pub skip_proof: bool,
}

/// The config file's contents.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
	/// See `--url`.
	pub url: Option<String>,
	/// See `--key`.
	pub key: Option<String>,
	/// See `--key-file`.
	pub key_file: Option<PathBuf>,
	/// See `run --backend`.
	pub backend: Option<BackendKind>,
	/// See `run --gpu-adapter`.
	pub gpu_adapter: Option<String>,
	/// See `run --capacity`.
	pub capacity: Option<usize>,
	/// See `run --data-dir`.
	pub data_dir: Option<PathBuf>,
	/// See `run --prometheus-port`.
	pub prometheus_port: Option<u16>,
	/// See `run --max-reconnects`.
	pub max_reconnects: Option<u32>,
	/// See `run --memory-limit-gib`.
	pub memory_limit_gib: Option<u64>,
}

impl FileConfig {
	/// Reads `path`, or returns the empty config if none is given.
	pub fn load(path: Option<&Path>) -> anyhow::Result<FileConfig> {
		let Some(path) = path else { return Ok(FileConfig::default()) };
		let text = std::fs::read_to_string(path)
			.map_err(|e| anyhow::anyhow!("cannot read config file {}: {e}", path.display()))?;
		toml::from_str(&text)
			.map_err(|e| anyhow::anyhow!("bad config file {}: {e}", path.display()))
	}
}

/// The daemon's settings after merging the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSettings {
	/// Node URLs, in the order tried.
	pub urls: Vec<String>,
	/// Backend.
	pub backend: BackendKind,
	/// GPU adapter name filter.
	pub gpu_adapter: Option<String>,
	/// Jobs at once.
	pub capacity: usize,
	/// Data directory.
	pub data_dir: PathBuf,
	/// Metrics port.
	pub prometheus_port: Option<u16>,
	/// Reconnection limit.
	pub max_reconnects: Option<u32>,
	/// Memory limit in bytes (`None`: 90% of the memory free at start).
	pub memory_limit: Option<u64>,
}

impl RunSettings {
	/// Command line and environment first, then the file, then defaults.
	pub fn merge(global: &Global, run: &RunArgs, file: &FileConfig) -> RunSettings {
		RunSettings {
			urls: global
				.url
				.as_deref()
				.or(file.url.as_deref())
				.unwrap_or(DEFAULT_URL)
				.split(',')
				.map(str::trim)
				.filter(|url| !url.is_empty())
				.map(str::to_owned)
				.collect(),
			backend: run.backend.or(file.backend).unwrap_or(BackendKind::Auto),
			gpu_adapter: run.gpu_adapter.clone().or_else(|| file.gpu_adapter.clone()),
			capacity: run.capacity.or(file.capacity).unwrap_or(1).max(1),
			data_dir: run
				.data_dir
				.clone()
				.or_else(|| file.data_dir.clone())
				.unwrap_or_else(|| PathBuf::from("prova-prover-data")),
			prometheus_port: run.prometheus_port.or(file.prometheus_port),
			max_reconnects: run.max_reconnects.or(file.max_reconnects),
			memory_limit: run.memory_limit_gib.or(file.memory_limit_gib).map(|gib| gib << 30),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn command_line_beats_file_beats_default() {
		let file: FileConfig = toml::from_str(
			"url = \"ws://10.0.0.1:9944\"\ncapacity = 3\nbackend = \"gpu\"\ndata_dir = \"/tmp/p\"",
		)
		.unwrap();
		let cli = Cli::try_parse_from(["prova-prover", "run", "--capacity", "5"]).unwrap();
		let Command::Run(run) = &cli.command else { panic!("parsed as run") };
		let settings = RunSettings::merge(&cli.global, run, &file);
		assert_eq!(settings.capacity, 5);
		assert_eq!(settings.backend, BackendKind::Gpu);
		assert_eq!(settings.urls, ["ws://10.0.0.1:9944"]);
		assert_eq!(settings.data_dir, PathBuf::from("/tmp/p"));
		let defaults = RunSettings::merge(&cli.global, run, &FileConfig::default());
		assert_eq!(defaults.urls, [DEFAULT_URL]);
		let several =
			Cli::try_parse_from(["prova-prover", "run", "--url", "ws://a:1, ws://b:2"]).unwrap();
		let Command::Run(run) = &several.command else { panic!("parsed as run") };
		let settings = RunSettings::merge(&several.global, run, &FileConfig::default());
		assert_eq!(settings.urls, ["ws://a:1", "ws://b:2"]);
		assert_eq!(defaults.backend, BackendKind::Auto);
	}

	#[test]
	fn unknown_config_keys_are_refused() {
		assert!(toml::from_str::<FileConfig>("capacitty = 2").is_err());
	}
}
