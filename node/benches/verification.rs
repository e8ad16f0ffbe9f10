//! Plonky2 verification, native against the runtime's WASM, in one run.
//!
//! For each checked-in fixture (`pallets/plonky2-verifier/fixtures`,
//! `poseidon_chain` at 2^12..), verifies the same proof three ways: with the
//! verifier compiled natively here; through `Plonky2VerifierApi_verify`, the
//! runtime calling the node's host function (what the market does); and
//! through `Plonky2VerifierApi_verify_in_wasm`, the verifier in the runtime's
//! WASM. The runtime runs in the node's executor (compiled mode, as in a
//! node); the table prints medians.
//!
//! `cargo bench -p prova-node --bench verification` (add `-- <runs>` for more runs).

use codec::{Decode, Encode};
use pallet_plonky2_verifier::VerifyError;
use sc_executor::{WasmExecutor, DEFAULT_HEAP_ALLOC_STRATEGY};
use sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode};
use std::{borrow::Cow, path::Path, time::Instant};

fn median_ms(mut samples: Vec<f64>) -> f64 {
	samples.sort_by(|a, b| a.total_cmp(b));
	samples[samples.len() / 2]
}

fn main() {
	let runs: usize = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(5);
	let fixtures =
		Path::new(env!("CARGO_MANIFEST_DIR")).join("../pallets/plonky2-verifier/fixtures");
	let code = prova_runtime::WASM_BINARY.expect("built with the runtime WASM");
	let executor = WasmExecutor::<(
		sp_io::SubstrateHostFunctions,
		pallet_plonky2_verifier::host::HostFunctions,
	)>::builder()
	.with_onchain_heap_alloc_strategy(DEFAULT_HEAP_ALLOC_STRATEGY)
	.build();
	let fetcher = WrappedRuntimeCode(Cow::Borrowed(code));
	let runtime_code = RuntimeCode {
		code_fetcher: &fetcher,
		heap_pages: None,
		hash: sp_io::hashing::blake2_256(code).to_vec(),
	};
	let mut ext = sp_io::TestExternalities::default();
	let mut ext = ext.ext();

	println!(
		"degree  proof_bytes  native_ms  host_fn_ms  wasm_ms  wasm/host_fn   ({runs} runs, medians)"
	);
	for degree in 12..=20 {
		let (Ok(verifier_data), Ok(proof)) = (
			std::fs::read(fixtures.join(format!("poseidon_chain-{degree}.vd"))),
			std::fs::read(fixtures.join(format!("poseidon_chain-{degree}.proof"))),
		) else {
			continue;
		};
		let native = median_ms(
			(0..runs)
				.map(|_| {
					let start = Instant::now();
					pallet_plonky2_verifier::verify(&verifier_data, &proof)
						.expect("fixture verifies");
					start.elapsed().as_secs_f64() * 1e3
				})
				.collect(),
		);
		let args = (verifier_data, proof.clone()).encode();
		let mut runtime_call = |method: &str| {
			let start = Instant::now();
			let (result, _) =
				executor.call(&mut ext, &runtime_code, method, &args, CallContext::Offchain);
			let elapsed = start.elapsed().as_secs_f64() * 1e3;
			let verdict = <Result<(), VerifyError>>::decode(&mut &result.expect("call runs")[..]);
			assert_eq!(verdict.expect("result decodes"), Ok(()));
			elapsed
		};
		let mut median_of = |method: &str| {
			runtime_call(method); // compiles and caches the runtime
			median_ms((0..runs).map(|_| runtime_call(method)).collect())
		};
		let host = median_of("Plonky2VerifierApi_verify");
		let wasm = median_of("Plonky2VerifierApi_verify_in_wasm");
		println!(
			"{degree:>6}  {:>11}  {native:>9.2}  {host:>10.2}  {wasm:>7.2}  {:>12.2}",
			proof.len(),
			wasm / host
		);
	}
}
