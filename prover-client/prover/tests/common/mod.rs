//! Harness for the end-to-end tests: a `prova-node --dev` and `prova-prover`
//! processes on loopback, each logging to a file, each killed on drop. Every
//! wait has a deadline and fails with the logs' tails.

#![allow(dead_code)]

use prova_prover::chain::{Chain, RequestInfo, Status};
use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Output, Stdio},
	time::{Duration, Instant},
};
use subxt::utils::AccountId32;

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The `prova-node` binary: `$PROVA_NODE`, or the one Cargo built next to
/// this test (`cargo test --workspace` builds it).
pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("PROVA_NODE") {
		return path.into();
	}
	let exe = std::env::current_exe().unwrap();
	let path = exe.parent().and_then(Path::parent).unwrap().join("prova-node");
	assert!(
		path.exists(),
		"{} is missing: build it with `cargo build -p prova-node` or set PROVA_NODE",
		path.display()
	);
	path
}

fn tail(path: &Path) -> String {
	let text = std::fs::read_to_string(path).unwrap_or_default();
	let lines: Vec<&str> = text.lines().collect();
	lines[lines.len().saturating_sub(40)..].join("\n")
}

/// A child process with its log.
pub struct Process {
	name: String,
	child: Option<Child>,
	/// Its stdout and stderr.
	pub log: PathBuf,
}

impl Process {
	fn spawn(name: &str, command: &mut Command, log: PathBuf) -> Process {
		let file = std::fs::File::create(&log).unwrap();
		let child = command
			.stdout(file.try_clone().unwrap())
			.stderr(file)
			.stdin(Stdio::null())
			.spawn()
			.unwrap_or_else(|e| panic!("starting {name}: {e}"));
		Process { name: name.into(), child: Some(child), log }
	}

	/// What it logged so far.
	pub fn log_text(&self) -> String {
		std::fs::read_to_string(&self.log).unwrap_or_default()
	}

	/// The log's last lines, for failure messages.
	pub fn log_tail(&self) -> String {
		format!("--- {} ---\n{}", self.name, tail(&self.log))
	}

	/// Kills it at once (SIGKILL: no shutdown handler runs).
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Whether it is still running.
	pub fn running(&mut self) -> bool {
		self.child.as_mut().is_some_and(|child| child.try_wait().unwrap().is_none())
	}
}

impl Drop for Process {
	fn drop(&mut self) {
		self.kill();
	}
}

/// Node key of the first node of a `local` network, and the peer id it gives.
const BOOT_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const BOOT_PEER_ID: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";

/// Starts `prova-node` with `chain_args` (`--dev`, or `--chain local --alice`
/// and so on), its own base path under `dir`, on loopback ports.
fn spawn_node(dir: &Path, chain_args: &[&str], rpc_port: u16, p2p_port: u16, log: &str) -> Process {
	let name = chain_args.last().copied().unwrap_or("node").trim_start_matches("--");
	Process::spawn(
		"prova-node",
		Command::new(node_binary())
			.args(chain_args)
			.arg("--base-path")
			.arg(dir.join(format!("node-{name}")))
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{p2p_port}")])
			.args(["--no-mdns", "--no-telemetry", "--no-prometheus"]),
		dir.join(log),
	)
}

async fn connect(url: &str, node: &Process) -> Chain {
	let started = Instant::now();
	loop {
		match Chain::connect(url).await {
			Ok(chain) => return chain,
			Err(e) if started.elapsed() > Duration::from_secs(90) => {
				panic!("node did not come up: {e}\n{}", node.log_tail())
			}
			Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
		}
	}
}

/// A dev chain and the prover binary pointed at it.
pub struct Network {
	/// The node.
	pub node: Process,
	/// Its RPC URL.
	pub url: String,
	/// A connection for the test's own queries.
	pub chain: Chain,
	/// Scratch space: base path, data directories, logs.
	pub dir: tempfile::TempDir,
	/// The other validators of a `local` network, with their RPC URLs.
	pub peers: Vec<(Process, String)>,
	daemons: Vec<Process>,
}

impl Network {
	/// Starts `prova-node --dev` on free loopback ports and connects.
	pub async fn start() -> Network {
		let dir = tempfile::tempdir().unwrap();
		let rpc_port = free_port();
		let node = spawn_node(dir.path(), &["--dev"], rpc_port, free_port(), "node.log");
		let url = format!("ws://127.0.0.1:{rpc_port}");
		let chain = connect(&url, &node).await;
		Network { node, url, chain, dir, peers: Vec::new(), daemons: Vec::new() }
	}

	/// The `local` chain: Alice's validator (`url`, `chain`) and Bob's, peered
	/// on loopback. Both author; GRANDPA needs both to finalize.
	pub async fn start_local() -> Network {
		let dir = tempfile::tempdir().unwrap();
		let (alice_rpc, alice_p2p) = (free_port(), free_port());
		let alice_args = ["--chain", "local", "--node-key", BOOT_NODE_KEY, "--alice"];
		let node = spawn_node(dir.path(), &alice_args, alice_rpc, alice_p2p, "node.log");
		let bootnode = format!("/ip4/127.0.0.1/tcp/{alice_p2p}/p2p/{BOOT_PEER_ID}");
		let bob_node_key = format!("{:064x}", 2);
		let bob_args =
			["--chain", "local", "--bootnodes", &bootnode, "--node-key", &bob_node_key, "--bob"];
		let bob_rpc = free_port();
		let bob = spawn_node(dir.path(), &bob_args, bob_rpc, free_port(), "node-bob.log");
		let url = format!("ws://127.0.0.1:{alice_rpc}");
		let bob_url = format!("ws://127.0.0.1:{bob_rpc}");
		let chain = connect(&url, &node).await;
		connect(&bob_url, &bob).await;
		Network { node, url, chain, dir, peers: vec![(bob, bob_url)], daemons: Vec::new() }
	}

	/// Stops the node (SIGKILL) and starts it again on the same database and
	/// RPC port.
	pub async fn restart_node(&mut self) {
		self.node.kill();
		let port: u16 = self.url.rsplit(':').next().unwrap().parse().unwrap();
		self.node =
			spawn_node(self.dir.path(), &["--dev"], port, free_port(), "node-restarted.log");
		self.chain = connect(&self.url, &self.node).await;
	}

	/// Runs `prova-prover ARGS` against the node and returns its stdout;
	/// fails the test if it exits with an error.
	pub fn cli(&self, args: &[&str]) -> String {
		self.cli_via(&self.url, args)
	}

	/// [`Network::cli`] against the node at `url`.
	pub fn cli_via(&self, url: &str, args: &[&str]) -> String {
		let output = self.cli_output_via(url, args);
		assert!(
			output.status.success(),
			"prova-prover {args:?} failed:\n{}\n{}",
			String::from_utf8_lossy(&output.stdout),
			String::from_utf8_lossy(&output.stderr)
		);
		String::from_utf8(output.stdout).unwrap()
	}

	/// Registers dev account `name` as a prover bonding 5,000 PROVA, asking
	/// `ask` PROVA per work unit, with room for `units` work units at once.
	pub fn register_prover(&self, name: &str, ask: &str, units: u32) {
		let key = format!("//{name}");
		let units = units.to_string();
		let args =
			["register", "--key", &key, "--bond", "5000", "--ask", ask, "--capacity", &units];
		self.cli(&args);
	}

	/// Runs `prova-prover ARGS` and returns whatever happened.
	pub fn cli_output(&self, args: &[&str]) -> Output {
		self.cli_output_via(&self.url, args)
	}

	/// Runs `prova-prover --url URL ARGS` and returns whatever happened.
	pub fn cli_output_via(&self, url: &str, args: &[&str]) -> Output {
		Command::new(env!("CARGO_BIN_EXE_prova-prover"))
			.args(["--url", url])
			.args(args)
			.env("PROVA_LOG", "warn")
			.output()
			.unwrap()
	}

	/// Starts a daemon for dev account `name` (e.g. `Bob`) with its own data
	/// directory (the same one on a restart); returns its index.
	pub fn start_daemon(&mut self, name: &str) -> usize {
		self.start_daemon_with(name, &[])
	}

	/// [`Network::start_daemon`] with extra `run` options.
	pub fn start_daemon_with(&mut self, name: &str, extra: &[&str]) -> usize {
		let url = self.url.clone();
		self.start_daemon_via(name, &url, extra)
	}

	/// [`Network::start_daemon_with`], connected to the node at `url`.
	pub fn start_daemon_via(&mut self, name: &str, url: &str, extra: &[&str]) -> usize {
		let data = self.dir.path().join(format!("daemon-{name}"));
		let log = self.dir.path().join(format!("daemon-{name}-{}.log", self.daemons.len()));
		let daemon = Process::spawn(
			&format!("prova-prover {name}"),
			Command::new(env!("CARGO_BIN_EXE_prova-prover"))
				.args(["run", "--url", url, "--key", &format!("//{name}")])
				.arg("--data-dir")
				.arg(data)
				.args(["--capacity", "2"])
				.args(extra)
				.env("PROVA_LOG", "info"),
			log,
		);
		self.daemons.push(daemon);
		self.daemons.len() - 1
	}

	/// How long a daemon may take from its start to following blocks: it
	/// builds every circuit it serves and proves a calibration sample first,
	/// in a debug build, on two cores shared with the node and other daemons.
	pub const DAEMON_READY: Duration = Duration::from_secs(300);

	/// Waits until each of `daemons` follows blocks ("connected; following
	/// blocks": circuits built, first block handled). An offer made before
	/// that is answered late or lapses, and a lapsed offer excludes the
	/// prover from that request for good.
	pub async fn wait_until_following(&self, daemons: &[usize]) {
		for &index in daemons {
			let what = format!("daemon {index} to follow blocks");
			self.wait_for(&what, Self::DAEMON_READY, || {
				let following = self.daemon_log(index).contains("following blocks");
				async move { following.then_some(()) }
			})
			.await;
		}
	}

	/// What daemon `index` logged so far.
	pub fn daemon_log(&self, index: usize) -> String {
		self.daemons[index].log_text()
	}

	/// Daemon `index`.
	pub fn daemon(&mut self, index: usize) -> &mut Process {
		&mut self.daemons[index]
	}

	/// Every log's tail, for failure messages.
	pub fn logs(&self) -> String {
		let mut text = self.node.log_tail();
		for daemon in self.peers.iter().map(|(node, _)| node).chain(&self.daemons) {
			text += "\n";
			text += &daemon.log_tail();
		}
		text
	}

	/// Polls `check` every 200 ms until it returns `Some`, for at most `timeout`.
	pub async fn wait_for<T, F, Fut>(&self, what: &str, timeout: Duration, mut check: F) -> T
	where
		F: FnMut() -> Fut,
		Fut: std::future::Future<Output = Option<T>>,
	{
		let started = Instant::now();
		loop {
			if let Some(value) = check().await {
				return value;
			}
			if started.elapsed() > timeout {
				panic!(
					"timed out after {} s waiting for {what}\n{}",
					timeout.as_secs(),
					self.logs()
				);
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
	}

	/// Request `id` at the best block.
	pub async fn request(&self, id: u64) -> RequestInfo {
		let at = self.chain.best().await.unwrap();
		self.chain.request(&at, id).await.unwrap().expect("request exists")
	}

	/// Waits until request `id` has ended and returns it.
	pub async fn settled(&self, id: u64, timeout: Duration) -> RequestInfo {
		self.wait_for(&format!("request {id} to end"), timeout, || async move {
			let request = self.request(id).await;
			request.status.is_final().then_some(request)
		})
		.await
	}
}

/// The Prometheus text served on `port`'s `/metrics`.
pub fn metrics(port: u16) -> String {
	use std::io::{Read, Write};
	let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
	stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
	let mut text = String::new();
	stream.read_to_string(&mut text).unwrap();
	text
}

/// The value of the sample named exactly `name` (with labels) in `text`.
pub fn sample(text: &str, name: &str) -> Option<f64> {
	text.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

/// A dev account's id.
pub fn account(name: &str) -> AccountId32 {
	let signer = prova_prover::key::from_uri(&format!("//{name}")).unwrap();
	Chain::account_of(&signer)
}

/// The prover of a fulfilled request.
pub fn fulfiller(request: &RequestInfo) -> Option<(String, u128)> {
	match &request.status {
		Status::Fulfilled { prover, price, .. } => {
			Some((prova_prover::chain::address(prover), *price))
		}
		_ => None,
	}
}
