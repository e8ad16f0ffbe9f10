//! Test harness: starts real `prova-node` processes on loopback and talks to
//! them over JSON-RPC, signing extrinsics with the runtime's own types.
//!
//! Every wait has a deadline; a node that exits or never answers fails the test
//! with the tail of its log.

#![allow(dead_code)]

use codec::{Decode, Encode};
use jsonrpsee::{
	core::client::{ClientT, SubscriptionClientT},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use prova_runtime::{
	AccountId, Balance, Nonce, Runtime, RuntimeCall, RuntimeEvent, SignedPayload, TxExtension,
	UncheckedExtrinsic,
};
use serde_json::Value;
use sp_core::{Bytes, Pair, H256};
use sp_runtime::{generic::Era, MultiSignature};
use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command},
	time::{Duration, Instant},
};

/// Path of the `prova-node` binary Cargo built for these tests.
pub fn node_binary() -> &'static str {
	env!("CARGO_BIN_EXE_prova-node")
}

/// A free TCP port on 127.0.0.1 (the OS picks it; released before use).
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running `prova-node` process.
pub struct Node {
	/// Name used in logs.
	pub name: String,
	/// The child process.
	child: Option<Child>,
	/// Where its stdout and stderr go.
	pub log: PathBuf,
	/// Its RPC port on 127.0.0.1.
	pub rpc_port: u16,
	/// Its p2p port on 127.0.0.1.
	pub p2p_port: u16,
	/// Keeps the base path alive until the node is dropped.
	_dir: tempfile::TempDir,
}

impl Node {
	/// Starts a node with `args` plus loopback-only networking on free ports.
	pub fn start(name: &str, args: &[&str]) -> Node {
		let dir = tempfile::tempdir().unwrap();
		let log = dir.path().join("node.log");
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log_file = std::fs::File::create(&log).unwrap();
		// Validators refuse to invent a network identity; give each node one.
		let node_key = sp_core::bytes::to_hex(&sp_core::ed25519::Pair::generate().0.seed(), false);
		let child = Command::new(node_binary())
			.args(args)
			.args(["--base-path", dir.path().join("data").to_str().unwrap()])
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--node-key", node_key.trim_start_matches("0x")])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{p2p_port}")])
			.args(["--no-mdns", "--no-telemetry", "--no-prometheus"])
			.args(["--name", name])
			.stdout(log_file.try_clone().unwrap())
			.stderr(log_file)
			.spawn()
			.expect("prova-node starts");
		Node { name: name.into(), child: Some(child), log, rpc_port, p2p_port, _dir: dir }
	}

	/// The last lines of the node's log.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(60)..].join("\n")
	}

	/// Panics with the node's log.
	pub fn fail(&self, what: &str) -> ! {
		panic!("{what}\n--- log of {} ---\n{}", self.name, self.log_tail())
	}

	/// Connects to the node's RPC, waiting up to `timeout` for it to come up.
	pub async fn rpc(&mut self, timeout: Duration) -> Rpc {
		let url = format!("ws://127.0.0.1:{}", self.rpc_port);
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
				self.fail(&format!("{} exited early with {status}", self.name));
			}
			if let Ok(client) = WsClientBuilder::default()
				.request_timeout(Duration::from_secs(60))
				.max_request_size(64 * 1024 * 1024)
				.build(&url)
				.await
			{
				return Rpc { client };
			}
			if Instant::now() > deadline {
				self.fail(&format!("{} RPC did not come up within {timeout:?}", self.name));
			}
			tokio::time::sleep(Duration::from_millis(250)).await;
		}
	}

	/// Kills the node at once (SIGKILL), as a crash or a power cut would.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Stops the node with SIGINT and returns whether it exited successfully
	/// within `timeout`.
	pub fn stop(&mut self, timeout: Duration) -> bool {
		let Some(mut child) = self.child.take() else { return false };
		// SAFETY: sending a signal to our own child process.
		unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(status) = child.try_wait().unwrap() {
				return status.success();
			}
			if Instant::now() > deadline {
				let _ = child.kill();
				let _ = child.wait();
				return false;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
	}
}

/// A JSON-RPC connection to a node.
pub struct Rpc {
	/// The websocket client.
	pub client: WsClient,
}

fn hex_number(value: &Value) -> u32 {
	u32::from_str_radix(value.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

impl Rpc {
	/// Calls `method` with positional `params`.
	pub async fn call<R: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: jsonrpsee::core::params::ArrayParams,
	) -> R {
		self.client
			.request(method, params)
			.await
			.unwrap_or_else(|e| panic!("RPC {method} failed: {e}"))
	}

	/// Number of the best block.
	pub async fn best_number(&self) -> u32 {
		let header: Value = self.call("chain_getHeader", rpc_params![]).await;
		hex_number(&header["number"])
	}

	/// Number of the last finalized block.
	pub async fn finalized_number(&self) -> u32 {
		let hash: H256 = self.call("chain_getFinalizedHead", rpc_params![]).await;
		let header: Value = self.call("chain_getHeader", rpc_params![hash]).await;
		hex_number(&header["number"])
	}

	/// Waits until `check` holds for the node, polling every 500 ms.
	pub async fn wait_for<F, Fut>(&self, node: &Node, what: &str, timeout: Duration, check: F)
	where
		F: Fn() -> Fut,
		Fut: std::future::Future<Output = bool>,
	{
		let deadline = Instant::now() + timeout;
		while !check().await {
			if Instant::now() > deadline {
				node.fail(&format!("timed out after {timeout:?} waiting for {what}"));
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	/// Reads and decodes the storage value at `key`, at block `at` (or best).
	pub async fn storage<T: Decode>(&self, key: Vec<u8>, at: Option<H256>) -> Option<T> {
		let raw: Option<Bytes> = self.call("state_getStorage", rpc_params![Bytes(key), at]).await;
		raw.map(|bytes| T::decode(&mut &bytes[..]).expect("storage decodes"))
	}

	/// The free balance of `who` at block `at`.
	pub async fn free_balance(&self, who: &AccountId, at: Option<H256>) -> Balance {
		let key = frame_system::Account::<Runtime>::hashed_key_for(who);
		self.storage::<frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>>(
			key, at,
		)
		.await
		.map(|info| info.data.free)
		.unwrap_or(0)
	}

	/// The events of block `at`.
	pub async fn events(&self, at: H256) -> Vec<RuntimeEvent> {
		let key = frame_support::storage::storage_prefix(b"System", b"Events").to_vec();
		self.storage::<Vec<frame_system::EventRecord<RuntimeEvent, H256>>>(key, Some(at))
			.await
			.unwrap_or_default()
			.into_iter()
			.map(|record| record.event)
			.collect()
	}

	/// Calls a runtime API function through `state_call` and decodes its result.
	pub async fn runtime_call<R: Decode>(&self, method: &str, args: Vec<u8>) -> R {
		let out: Bytes = self.call("state_call", rpc_params![method, Bytes(args)]).await;
		R::decode(&mut &out[..]).expect("runtime API result decodes")
	}

	/// Signs `call` as `signer`, submits it and returns the hash of the block
	/// that included it.
	pub async fn submit_in_block(
		&self,
		node: &Node,
		signer: &sp_core::sr25519::Pair,
		call: RuntimeCall,
	) -> H256 {
		let xt = self.sign(signer, call).await;
		let mut sub = self
			.client
			.subscribe::<Value, _>(
				"author_submitAndWatchExtrinsic",
				rpc_params![Bytes(xt.encode())],
				"author_unwatchExtrinsic",
			)
			.await
			.unwrap_or_else(|e| node.fail(&format!("submitting the extrinsic failed: {e}")));
		let deadline = Duration::from_secs(60);
		loop {
			let status = tokio::time::timeout(deadline, sub.next())
				.await
				.unwrap_or_else(|_| node.fail("extrinsic not included within 60 s"))
				.expect("subscription open")
				.expect("status decodes");
			if let Some(hash) = status.get("inBlock") {
				return serde_json::from_value(hash.clone()).unwrap();
			}
			let refused = matches!(status.as_str(), Some("invalid" | "dropped"))
				|| status.get("usurped").is_some();
			if refused {
				node.fail(&format!("extrinsic rejected by the pool: {status}"));
			}
		}
	}

	/// Submits `call` like [`Rpc::submit_in_block`] and returns its block's
	/// events, failing the test if the call's dispatch failed.
	pub async fn submit_ok(
		&self,
		node: &Node,
		signer: &sp_core::sr25519::Pair,
		call: RuntimeCall,
	) -> Vec<RuntimeEvent> {
		let block = self.submit_in_block(node, signer, call).await;
		let events = self.events(block).await;
		if let Some(failed) = events.iter().find(|event| {
			matches!(event, RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. }))
		}) {
			node.fail(&format!("extrinsic failed: {failed:?}"));
		}
		events
	}

	/// Builds a signed, immortal extrinsic for `call` with `signer`'s next nonce.
	pub async fn sign(
		&self,
		signer: &sp_core::sr25519::Pair,
		call: RuntimeCall,
	) -> UncheckedExtrinsic {
		let who: AccountId = signer.public().into();
		let nonce: Nonce = self.call("system_accountNextIndex", rpc_params![who.to_string()]).await;
		let genesis: H256 = self.call("chain_getBlockHash", rpc_params![0]).await;
		let version: Value = self.call("state_getRuntimeVersion", rpc_params![]).await;
		let spec_version = version["specVersion"].as_u64().unwrap() as u32;
		let tx_version = version["transactionVersion"].as_u64().unwrap() as u32;
		sign_extrinsic(signer, call, nonce, genesis, spec_version, tx_version)
	}
}

/// Signs `call` as `signer` for the chain with `genesis` hash and the given versions.
pub fn sign_extrinsic(
	signer: &sp_core::sr25519::Pair,
	call: RuntimeCall,
	nonce: Nonce,
	genesis: H256,
	spec_version: u32,
	tx_version: u32,
) -> UncheckedExtrinsic {
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let implicit = ((), spec_version, tx_version, genesis, genesis, (), (), (), ());
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let who: AccountId = signer.public().into();
	UncheckedExtrinsic::new_signed(call, who.into(), MultiSignature::Sr25519(signature), extension)
}

/// A development key pair (`//Alice`, `//Bob`, ...).
pub fn dev_pair(name: &str) -> sp_core::sr25519::Pair {
	sp_core::sr25519::Pair::from_string(&format!("//{name}"), None).unwrap()
}

/// The repository root (the workspace's parent of `node/`).
pub fn repo_root() -> &'static Path {
	Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}
