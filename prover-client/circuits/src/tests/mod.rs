//! Unit tests, by topic. Circuits stay tiny (or at degree 12 to 13 where the
//! size is the point) so the suite runs in seconds in a debug build; the
//! proofs the topics share are built once.

mod aggregate_fixture;
mod aggregation;
mod inputs;
mod prove_with;
mod rejections;
mod serialization;
mod sizing;
mod workloads;

use crate::{CircuitHandle, Input, PoseidonChain, Proved, Workload};
use std::sync::OnceLock;

/// A small circuit with a proof, built once and shared between tests.
pub(crate) struct Fixture {
	pub handle: CircuitHandle,
	pub input: Input,
	pub proved: Proved,
}

impl Fixture {
	fn new(workload: Workload, seed: u64) -> Self {
		let handle = workload.build().expect("valid parameters");
		let input = workload.sample_input(seed);
		let proved = handle.prove(&input).expect("proves");
		Fixture { handle, input, proved }
	}
}

/// `poseidon_chain` with 20 steps and a proof for sample input 1.
pub(crate) fn poseidon_chain() -> &'static Fixture {
	static FIXTURE: OnceLock<Fixture> = OnceLock::new();
	FIXTURE.get_or_init(|| Fixture::new(PoseidonChain { steps: 20 }.into(), 1))
}
