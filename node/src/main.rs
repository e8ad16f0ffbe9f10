//! `prova-node`: a Prova validator or full node.
//!
//! BABE authors blocks, GRANDPA finalizes them; the runtime (WASM, embedded)
//! holds the proof market. `prova-node --help` lists the subcommands.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() {
	if let Err(error) = command::run() {
		// One clear line instead of a debug dump: operators read this first.
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
