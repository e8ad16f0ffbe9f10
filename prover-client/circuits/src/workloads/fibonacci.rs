//! `fibonacci`: Fibonacci numbers modulo the Goldilocks prime.
//!
//! From `F_0 = f0`, `F_1 = f1`, each step adds the last two:
//! `F_{i+2} = F_i + F_{i+1}` (mod p); after `steps` additions the output is
//! `F_{steps+1}`. Each addition is one operation of plonky2's `ArithmeticGate`,
//! which packs 20 of them in a row under `standard_recursion_config`, so this
//! workload exercises copy constraints and the arithmetic gate rather than
//! Poseidon: a different cost profile from the two hash workloads.

use crate::{
	circuit::layout_rows, config, encoding::to_fields, workloads::sample_element, Circuit,
	CircuitError, WorkloadKind, D, F,
};
use codec::{Decode, Encode};
use plonky2::{
	field::types::PrimeField64, gates::arithmetic_base::ArithmeticGate, iop::target::Target,
	plonk::circuit_builder::CircuitBuilder,
};

/// Parameters of `fibonacci`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Encode, Decode)]
pub struct Fibonacci {
	/// Number of additions (at least 1).
	pub steps: u32,
}

/// Input of `fibonacci`: the first two terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FibonacciInput {
	/// `F_0`, a canonical Goldilocks element.
	pub f0: u64,
	/// `F_1`, a canonical Goldilocks element.
	pub f1: u64,
}

/// Additions per arithmetic row under the circuit configuration.
fn ops_per_row() -> u64 {
	ArithmeticGate::new_from_config(&config()).num_ops as u64
}

impl Circuit for Fibonacci {
	const KIND: WorkloadKind = WorkloadKind::Fibonacci;
	const VERSION: u32 = 1;
	type Input = FibonacciInput;

	fn for_degree(degree_bits: usize) -> Self {
		let rows = (1u64 << degree_bits) - layout_rows(2, 1);
		Fibonacci { steps: (rows * ops_per_row()) as u32 }
	}

	fn check_params(&self) -> Result<(), CircuitError> {
		if self.steps == 0 {
			return Err(CircuitError::InvalidParams {
				workload: Self::KIND.name(),
				reason: "steps must be at least 1",
			});
		}
		Ok(())
	}

	fn computation_rows(&self) -> u64 {
		u64::from(self.steps).div_ceil(ops_per_row())
	}

	fn input_len(&self) -> usize {
		2
	}

	fn output_len(&self) -> usize {
		1
	}

	fn input_elements(&self, input: &Self::Input) -> Result<Vec<F>, CircuitError> {
		to_fields(&[input.f0, input.f1])
	}

	fn parse_input(&self, elements: &[F]) -> Self::Input {
		FibonacciInput { f0: elements[0].to_canonical_u64(), f1: elements[1].to_canonical_u64() }
	}

	fn sample_input(&self, seed: u64) -> Self::Input {
		FibonacciInput { f0: sample_element(seed, 0), f1: sample_element(seed, 1) }
	}

	fn native(&self, input: &[F]) -> Vec<F> {
		let (mut a, mut b) = (input[0], input[1]);
		for _ in 0..self.steps {
			(a, b) = (b, a + b);
		}
		vec![b]
	}

	fn define(&self, builder: &mut CircuitBuilder<F, D>, input: &[Target]) -> Vec<Target> {
		let (mut a, mut b) = (input[0], input[1]);
		for _ in 0..self.steps {
			(a, b) = (b, builder.add(a, b));
		}
		vec![b]
	}
}
