//! `poseidon_chain`: iterated Poseidon, a verifiable-delay style workload.
//!
//! `x_0 = seed`, `x_{i+1} = Poseidon(x_i)` (plonky2's `hash_no_pad` of the four
//! elements), output `x_steps`. Each step is one Poseidon gate, one row, so the
//! circuit's size is almost exactly `steps` rows: the cleanest knob for
//! benchmarks, and the default workload of the fixtures.

use crate::{
	circuit::layout_rows,
	encoding::{to_fields, to_u64s},
	workloads::sample_element,
	Circuit, CircuitError, WorkloadKind, D, F, HASH_LEN,
};
use codec::{Decode, Encode};
use plonky2::{
	hash::poseidon::PoseidonHash,
	iop::target::Target,
	plonk::{circuit_builder::CircuitBuilder, config::Hasher},
};

/// Parameters of `poseidon_chain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Encode, Decode)]
pub struct PoseidonChain {
	/// Number of Poseidon applications (at least 1).
	pub steps: u32,
}

/// Input of `poseidon_chain`: the chain's first value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PoseidonChainInput {
	/// Four canonical Goldilocks elements.
	pub seed: [u64; HASH_LEN],
}

impl Circuit for PoseidonChain {
	const KIND: WorkloadKind = WorkloadKind::PoseidonChain;
	const VERSION: u32 = 1;
	type Input = PoseidonChainInput;

	fn for_degree(degree_bits: usize) -> Self {
		let steps = (1u64 << degree_bits) - layout_rows(HASH_LEN, HASH_LEN);
		PoseidonChain { steps: steps as u32 }
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
		self.steps.into()
	}

	fn input_len(&self) -> usize {
		HASH_LEN
	}

	fn output_len(&self) -> usize {
		HASH_LEN
	}

	fn input_elements(&self, input: &Self::Input) -> Result<Vec<F>, CircuitError> {
		to_fields(&input.seed)
	}

	fn parse_input(&self, elements: &[F]) -> Self::Input {
		let mut seed = [0; HASH_LEN];
		seed.copy_from_slice(&to_u64s(elements));
		PoseidonChainInput { seed }
	}

	fn sample_input(&self, seed: u64) -> Self::Input {
		PoseidonChainInput { seed: core::array::from_fn(|i| sample_element(seed, i as u64)) }
	}

	fn native(&self, input: &[F]) -> Vec<F> {
		let mut x = input.to_vec();
		for _ in 0..self.steps {
			x = PoseidonHash::hash_no_pad(&x).elements.to_vec();
		}
		x
	}

	fn define(&self, builder: &mut CircuitBuilder<F, D>, input: &[Target]) -> Vec<Target> {
		let mut x = input.to_vec();
		for _ in 0..self.steps {
			x = builder.hash_n_to_hash_no_pad::<PoseidonHash>(x).elements.to_vec();
		}
		x
	}
}
