//! `prove_with` hands the same witness to another prover.

use super::poseidon_chain;
use crate::{CircuitError, C, D, F};
use plonky2::{plonk::prover::prove, util::timing::TimingTree};

#[test]
fn prove_bytes_with_plonky2_proves_like_prove() {
	let fixture = poseidon_chain();
	let bytes = fixture.handle.workload().encode_input(&fixture.input).unwrap();
	let proved = fixture
		.handle
		.prove_bytes_with(&bytes, |prover, common, witness| {
			assert_eq!(common, &fixture.handle.data().common);
			prove::<F, C, D>(prover, common, witness, &mut TimingTree::default())
		})
		.unwrap();
	// Not the same bytes: plonky2's proof-of-work search is parallel, so its
	// witness varies from run to run.
	assert_eq!(proved.public_inputs(), fixture.proved.public_inputs());
	assert_eq!(proved.output, fixture.proved.output);
	fixture.handle.verify(&proved.proof).unwrap();
}

#[test]
fn prove_with_returns_the_provers_error() {
	let fixture = poseidon_chain();
	let result = fixture.handle.prove_with(&fixture.input, |_, _, _| anyhow::bail!("no GPU"));
	assert!(matches!(&result, Err(CircuitError::Proving(e)) if e.to_string() == "no GPU"));
}

#[test]
fn prove_bytes_with_refuses_bad_input_before_proving() {
	let fixture = poseidon_chain();
	let result =
		fixture.handle.prove_bytes_with(&[1, 2, 3], |_, _, _| panic!("must not be called"));
	assert!(matches!(result, Err(CircuitError::InputNotElements { len: 3 })));
}
