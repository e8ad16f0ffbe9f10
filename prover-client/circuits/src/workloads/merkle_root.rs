//! `merkle_root`: the Merkle root of `2^height` leaves, with plonky2's hashing.
//!
//! Leaves are `leaf_len` field elements each. As in plonky2's `MerkleTree`
//! (the native reference used here), a leaf of at most four elements is its own
//! digest (zero-padded) and a longer one is hashed with `hash_no_pad`; an inner
//! node is Poseidon of its children's eight elements (`two_to_one`). The output
//! is the root (four elements). The input is every leaf, so the public inputs
//! commit to the whole data set and its root: a proof that data with a given
//! hash has a given Merkle root, the kind of statement a storage or rollup
//! client asks for.

use crate::{
	circuit::layout_rows,
	encoding::{to_fields, to_u64s},
	workloads::sample_element,
	Circuit, CircuitError, WorkloadKind, C, D, F, HASH_LEN, MAX_DEGREE_BITS,
};
use codec::{Decode, Encode};
use plonky2::{
	hash::{hash_types::HashOutTarget, merkle_tree::MerkleTree, poseidon::PoseidonHash},
	iop::target::Target,
	plonk::{circuit_builder::CircuitBuilder, config::GenericConfig},
};

/// Largest leaf, in field elements.
pub const MAX_LEAF_LEN: u32 = 64;

/// Parameters of `merkle_root`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Encode, Decode)]
pub struct MerkleRoot {
	/// The tree has `2^height` leaves (at least 1).
	pub height: u32,
	/// Field elements per leaf (`1..=MAX_LEAF_LEN`).
	pub leaf_len: u32,
}

/// Input of `merkle_root`: the leaves, in order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MerkleRootInput {
	/// `2^height` leaves of `leaf_len` canonical Goldilocks elements each.
	pub leaves: Vec<Vec<u64>>,
}

impl MerkleRoot {
	/// `2^height`, saturated (invalid heights are refused by `check_params`).
	fn num_leaves(&self) -> usize {
		1usize.checked_shl(self.height).unwrap_or(usize::MAX)
	}

	fn leaf_len(&self) -> usize {
		self.leaf_len as usize
	}

	fn shape_error(reason: &'static str) -> CircuitError {
		CircuitError::InputShape { workload: Self::KIND.name(), reason }
	}
}

impl Circuit for MerkleRoot {
	const KIND: WorkloadKind = WorkloadKind::MerkleRoot;
	const VERSION: u32 = 1;
	type Input = MerkleRootInput;

	/// `2^(d-1)` leaves of four elements: `2^(d-1) - 1` inner nodes plus
	/// `2^(d-2)` permutations to hash the input fill three quarters of `2^d`.
	fn for_degree(degree_bits: usize) -> Self {
		let params = MerkleRoot { height: degree_bits as u32 - 1, leaf_len: HASH_LEN as u32 };
		debug_assert!(
			params.computation_rows() + layout_rows(params.input_len(), HASH_LEN)
				<= 1 << degree_bits
		);
		params
	}

	fn check_params(&self) -> Result<(), CircuitError> {
		let reason = if self.height == 0 || self.height as usize > MAX_DEGREE_BITS {
			"height must be in 1..=MAX_DEGREE_BITS"
		} else if self.leaf_len == 0 || self.leaf_len > MAX_LEAF_LEN {
			"leaf_len must be in 1..=MAX_LEAF_LEN"
		} else {
			return Ok(());
		};
		Err(CircuitError::InvalidParams { workload: Self::KIND.name(), reason })
	}

	fn computation_rows(&self) -> u64 {
		let leaves = self.num_leaves() as u64;
		let per_leaf = if self.leaf_len() <= HASH_LEN { 0 } else { self.leaf_len.div_ceil(8) };
		leaves.saturating_mul(u64::from(per_leaf)).saturating_add(leaves - 1)
	}

	fn input_len(&self) -> usize {
		self.num_leaves().saturating_mul(self.leaf_len())
	}

	fn output_len(&self) -> usize {
		HASH_LEN
	}

	fn input_elements(&self, input: &Self::Input) -> Result<Vec<F>, CircuitError> {
		if input.leaves.len() != self.num_leaves() {
			return Err(Self::shape_error("the number of leaves must be 2^height"));
		}
		if input.leaves.iter().any(|leaf| leaf.len() != self.leaf_len()) {
			return Err(Self::shape_error("every leaf must have leaf_len elements"));
		}
		to_fields(&input.leaves.concat())
	}

	fn parse_input(&self, elements: &[F]) -> Self::Input {
		MerkleRootInput { leaves: elements.chunks(self.leaf_len()).map(to_u64s).collect() }
	}

	fn sample_input(&self, seed: u64) -> Self::Input {
		let leaf_len = self.leaf_len();
		let leaves = (0..self.num_leaves())
			.map(|i| {
				(0..leaf_len).map(|j| sample_element(seed, (i * leaf_len + j) as u64)).collect()
			})
			.collect();
		MerkleRootInput { leaves }
	}

	fn native(&self, input: &[F]) -> Vec<F> {
		let leaves = input.chunks(self.leaf_len()).map(<[F]>::to_vec).collect();
		let tree = MerkleTree::<F, <C as GenericConfig<D>>::Hasher>::new(leaves, 0);
		tree.cap.0[0].elements.to_vec()
	}

	fn define(&self, builder: &mut CircuitBuilder<F, D>, input: &[Target]) -> Vec<Target> {
		let mut level: Vec<HashOutTarget> = input
			.chunks(self.leaf_len())
			.map(|leaf| builder.hash_or_noop::<PoseidonHash>(leaf.to_vec()))
			.collect();
		while level.len() > 1 {
			level = level
				.chunks(2)
				.map(|pair| {
					let children = [pair[0].elements, pair[1].elements].concat();
					builder.hash_n_to_hash_no_pad::<PoseidonHash>(children)
				})
				.collect();
		}
		level[0].elements.to_vec()
	}
}
