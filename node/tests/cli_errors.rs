//! Bad input to the node gets one clear line on stderr and a non-zero exit,
//! never a panic.

mod common;

use common::{free_port, node_binary};
use std::{
	net::TcpListener,
	process::{Command, Output},
	time::{Duration, Instant},
};

/// Runs the node with `args`, killing it after `timeout`.
fn run_node(args: &[&str], timeout: Duration) -> Output {
	let dir = tempfile::tempdir().unwrap();
	let mut child = Command::new(node_binary())
		.args(args)
		.args(["--base-path", dir.path().to_str().unwrap()])
		.stdout(std::process::Stdio::piped())
		.stderr(std::process::Stdio::piped())
		.spawn()
		.unwrap();
	let deadline = Instant::now() + timeout;
	while child.try_wait().unwrap().is_none() {
		if Instant::now() > deadline {
			child.kill().unwrap();
			break;
		}
		std::thread::sleep(Duration::from_millis(100));
	}
	child.wait_with_output().unwrap()
}

/// The `Error: ...` line of stderr, after asserting there is no panic.
fn error_line(output: &Output) -> String {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "expected a failure, stderr:\n{stderr}");
	assert!(!stderr.contains("panicked"), "the node panicked:\n{stderr}");
	assert!(!stderr.contains("Backtrace"), "the node printed a backtrace:\n{stderr}");
	let line = stderr
		.lines()
		.find(|l| l.starts_with("Error: "))
		.unwrap_or_else(|| panic!("no `Error:` line in stderr:\n{stderr}"));
	line.to_string()
}

#[test]
fn unknown_chain_name_is_a_clear_error() {
	let output = run_node(&["--chain", "no-such-chain"], Duration::from_secs(60));
	let line = error_line(&output);
	assert!(line.contains("unknown chain 'no-such-chain'"), "{line}");
}

#[test]
fn malformed_chain_spec_file_is_a_clear_error() {
	let dir = tempfile::tempdir().unwrap();
	let spec = dir.path().join("broken.json");
	std::fs::write(&spec, "{ \"name\": \"half a spec\", ").unwrap();
	let output = run_node(&["--chain", spec.to_str().unwrap()], Duration::from_secs(60));
	let line = error_line(&output);
	assert!(line.contains("invalid chain spec"), "{line}");
}

#[test]
fn rpc_port_in_use_is_a_clear_error() {
	// Hold a port for the whole test: the node must find it busy.
	let taken = TcpListener::bind("127.0.0.1:0").unwrap();
	let port = taken.local_addr().unwrap().port();
	let output = run_node(
		&[
			"--dev",
			"--rpc-port",
			&port.to_string(),
			"--port",
			&free_port().to_string(),
			"--no-prometheus",
			"--no-telemetry",
			"--no-mdns",
		],
		Duration::from_secs(120),
	);
	let line = error_line(&output);
	assert!(line.contains(&format!("RPC address 127.0.0.1:{port} is already in use")), "{line}");
	drop(taken);
}
