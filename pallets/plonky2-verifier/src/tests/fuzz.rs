//! Mutated verifier data and proofs go through the same parsing and
//! verification as on chain; every outcome must be an error value, never a
//! panic (the runtime cannot recover from one) and never an allocation beyond
//! the input's size (the bounded reader's job).

use super::cubic_circuit_proof;
use crate::verifier::{parse_circuit, verify_proof, Limits};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Verifier data, proof and public inputs of a valid proof, made once.
fn fixture() -> &'static (Vec<u8>, Vec<u8>) {
	static FIXTURE: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
	FIXTURE.get_or_init(|| cubic_circuit_proof(3, false))
}

/// A mutation of a byte string.
#[derive(Clone, Debug)]
enum Mutation {
	/// XOR one byte (position as a fraction of the length) with a mask.
	Flip(f64, u8),
	/// Overwrite 8 bytes with a little-endian `u64` (hits length prefixes).
	Word(f64, u64),
	/// Cut the input at a fraction of its length.
	Truncate(f64),
	/// Insert bytes at a fraction of the length.
	Insert(f64, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
	prop_oneof![
		(0.0..1.0, 1u8..=255).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
		(0.0..1.0, any::<u64>()).prop_map(|(at, word)| Mutation::Word(at, word)),
		(0.0..1.0, prop_oneof![Just(u64::MAX), Just(1u64 << 32), Just(0u64), 1u64..1024])
			.prop_map(|(at, word)| Mutation::Word(at, word)),
		(0.0..1.0).prop_map(Mutation::Truncate),
		(0.0..1.0, proptest::collection::vec(any::<u8>(), 1..16))
			.prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
	]
}

fn apply(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
	let mut out = bytes.to_vec();
	for mutation in mutations {
		let at = |fraction: f64, len: usize| ((len as f64) * fraction) as usize;
		match mutation {
			Mutation::Flip(f, mask) if !out.is_empty() => {
				let i = at(*f, out.len()).min(out.len() - 1);
				out[i] ^= mask;
			}
			Mutation::Word(f, word) if out.len() >= 8 => {
				let i = at(*f, out.len() - 7).min(out.len() - 8);
				out[i..i + 8].copy_from_slice(&word.to_le_bytes());
			}
			Mutation::Truncate(f) => out.truncate(at(*f, out.len())),
			Mutation::Insert(f, bytes) => {
				let i = at(*f, out.len());
				out.splice(i..i, bytes.iter().copied());
			}
			_ => {}
		}
	}
	out
}

/// Cases per property: 300, or `PROPTEST_CASES` for a longer local sweep.
fn cases() -> u32 {
	std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
}

proptest! {
	// 300 cases per run (PROPTEST_CASES overrides); seeds differ per run, and a
	// failure prints the minimal input to add as a regression below.
	#![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

	#[test]
	fn mutated_verifier_data_never_panics(mutations in proptest::collection::vec(mutation(), 1..4)) {
		let (verifier_data, proof) = fixture();
		let mutated = apply(verifier_data, &mutations);
		if let Ok((circuit, _)) = parse_circuit(&mutated, &Limits::default()) {
			let _ = verify_proof(&circuit, proof, Some(&[35]));
		}
	}

	#[test]
	fn mutated_proofs_never_panic_nor_verify(mutations in proptest::collection::vec(mutation(), 1..4)) {
		let (verifier_data, proof) = fixture();
		let (circuit, _) = parse_circuit(verifier_data, &Limits::default()).unwrap();
		let mutated = apply(proof, &mutations);
		let result = verify_proof(&circuit, &mutated, Some(&[35]));
		if mutated != *proof {
			prop_assert!(result.is_err(), "a mutated proof verified");
		}
	}
}

/// Inputs the fuzzer once found to panic, kept as fixed regressions.
#[test]
fn known_crashers_are_rejected() {
	let (verifier_data, proof) = fixture();
	// A cap height of 36 overflowed plonky2's `1 << cap_height` (an i32).
	let cases = [
		vec![Mutation::Truncate(0.305_399_885_450_642_34), Mutation::Flip(0.0, 32)],
		vec![Mutation::Flip(0.0, 32)],
	];
	for mutations in cases {
		let mutated = apply(verifier_data, &mutations);
		if let Ok((circuit, _)) = parse_circuit(&mutated, &Limits::default()) {
			assert!(
				verify_proof(&circuit, proof, Some(&[35])).is_err() || mutated == *verifier_data
			);
		}
	}
}
