//! Verification through the host function gives the runtime's WASM verifier's
//! answer, error for error: every checked-in fixture, and hundreds of proofs
//! and verifier data corrupted at random positions, each checked three ways:
//! the runtime API through the host function (what the market uses), the
//! runtime API computed in WASM, and the verifier compiled natively. And a
//! node without the host function cannot run the runtime at all.

use codec::{Decode, Encode};
use pallet_plonky2_verifier::{VerifyError, MAX_PROOF_BYTES};
use sc_executor::{WasmExecutor, DEFAULT_HEAP_ALLOC_STRATEGY};
use sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode};
use std::{borrow::Cow, path::Path};

/// blake2-256 of the encoded verdicts on the corrupted inputs below.
const VERSION_1_VERDICTS: &str = "8d868c9f16753d53a710ecffeebf63d70443e1f178c7c32d4bf6eccb93ac636a";

type HostFunctions = (sp_io::SubstrateHostFunctions, pallet_plonky2_verifier::host::HostFunctions);

/// The runtime WASM and an executor for it with `H`.
struct Runtime<H: sc_executor::HostFunctions> {
	executor: WasmExecutor<H>,
	code: WrappedRuntimeCode<'static>,
	hash: Vec<u8>,
}

impl<H: sc_executor::HostFunctions> Runtime<H> {
	fn new() -> Self {
		let code = prova_runtime::WASM_BINARY.expect("built with the runtime WASM");
		Runtime {
			executor: WasmExecutor::<H>::builder()
				.with_onchain_heap_alloc_strategy(DEFAULT_HEAP_ALLOC_STRATEGY)
				.build(),
			code: WrappedRuntimeCode(Cow::Borrowed(code)),
			hash: sp_io::hashing::blake2_256(code).to_vec(),
		}
	}

	/// Calls runtime API function `method` on the two byte strings.
	fn call(&self, method: &str, verifier_data: &[u8], proof: &[u8]) -> Result<Vec<u8>, String> {
		let runtime_code =
			RuntimeCode { code_fetcher: &self.code, heap_pages: None, hash: self.hash.clone() };
		let mut ext = sp_io::TestExternalities::default();
		let mut ext = ext.ext();
		let args = (verifier_data.to_vec(), proof.to_vec()).encode();
		let (result, _) =
			self.executor.call(&mut ext, &runtime_code, method, &args, CallContext::Offchain);
		result.map_err(|error| error.to_string())
	}

	fn verdict(&self, method: &str, verifier_data: &[u8], proof: &[u8]) -> Result<(), VerifyError> {
		let output = self.call(method, verifier_data, proof).expect("the call runs");
		Decode::decode(&mut &output[..]).expect("a verdict")
	}
}

fn fixture(name: &str) -> Vec<u8> {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pallets/plonky2-verifier/fixtures");
	std::fs::read(path.join(name)).expect("checked-in fixture")
}

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}

	fn below(&mut self, n: usize) -> usize {
		(self.next() % n as u64) as usize
	}
}

/// `bytes` with one to three bytes changed, or cut short.
fn corrupt(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
	let mut out = bytes.to_vec();
	if rng.below(8) == 0 {
		out.truncate(rng.below(bytes.len()));
		return out;
	}
	for _ in 0..=rng.below(3) {
		let at = rng.below(out.len());
		out[at] ^= 1 + rng.below(255) as u8;
	}
	out
}

/// The three answers for one input, which must agree.
fn agree(
	runtime: &Runtime<HostFunctions>,
	verifier_data: &[u8],
	proof: &[u8],
) -> Result<(), VerifyError> {
	let host = runtime.verdict("Plonky2VerifierApi_verify", verifier_data, proof);
	let wasm = runtime.verdict("Plonky2VerifierApi_verify_in_wasm", verifier_data, proof);
	let native = pallet_plonky2_verifier::verify(verifier_data, proof);
	assert_eq!(host, wasm, "host function and WASM disagree");
	assert_eq!(host, native, "host function and native disagree");
	host
}

#[test]
fn the_host_function_answers_as_the_wasm_verifier_on_fixtures_and_corrupted_inputs() {
	let runtime = Runtime::<HostFunctions>::new();
	for degree in 12..=20 {
		let verifier_data = fixture(&format!("poseidon_chain-{degree}.vd"));
		let proof = fixture(&format!("poseidon_chain-{degree}.proof"));
		assert_eq!(agree(&runtime, &verifier_data, &proof), Ok(()), "fixture 2^{degree}");
	}

	let verifier_data = fixture("poseidon_chain-12.vd");
	let proof = fixture("poseidon_chain-12.proof");
	let mut rng = Rng(0x5eed_2026);
	let mut verdicts = Vec::new();
	for _ in 0..300 {
		let bad_proof = corrupt(&proof, &mut rng);
		verdicts.push(agree(&runtime, &verifier_data, &bad_proof));
	}
	for _ in 0..60 {
		let bad_data = corrupt(&verifier_data, &mut rng);
		verdicts.push(agree(&runtime, &bad_data, &proof));
	}
	let mut rejected = std::collections::BTreeMap::<String, usize>::new();
	for error in verdicts.iter().filter_map(|verdict| verdict.err()) {
		*rejected.entry(format!("{error:?}")).or_default() += 1;
	}
	// Version 1 of the host function answers these inputs this way for good:
	// a change here means a new version of the function (see its docs).
	let digest =
		sp_core::hexdisplay::HexDisplay::from(&sp_io::hashing::blake2_256(&verdicts.encode()))
			.to_string();
	assert_eq!(digest, VERSION_1_VERDICTS, "version 1's verdicts changed: {rejected:?}");
	// Edge sizes: nothing at all, and one byte past the proof cap.
	assert_eq!(agree(&runtime, &[], &[]), Err(VerifyError::MalformedVerifierData));
	let oversized = vec![0u8; MAX_PROOF_BYTES + 1];
	assert_eq!(agree(&runtime, &verifier_data, &oversized), Err(VerifyError::ProofTooLarge));
	// The corruptions reached several checks, not one early exit.
	assert!(rejected.len() >= 3, "{rejected:?}");
	assert!(rejected.values().sum::<usize>() >= 300, "{rejected:?}");
}

#[test]
fn a_node_without_the_host_function_cannot_run_the_runtime() {
	let old = Runtime::<sp_io::SubstrateHostFunctions>::new();
	let error = old
		.call("Plonky2VerifierApi_verify", &fixture("poseidon_chain-12.vd"), &[])
		.expect_err("the runtime imports a function this executor lacks");
	assert!(error.contains("proof_verification"), "{error}");
}
