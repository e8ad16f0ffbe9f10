//! What an aggregate proof states, computed natively.
//!
//! In the aggregated tier an aggregator proves with Plonky2 recursion that it
//! verified every proof of a batch (see `prova_circuits::aggregation`). The
//! chain never sees those proofs: it recomputes from its own storage the one
//! digest the aggregate's public inputs must equal, and verifies one proof.
//! This module is that computation, shared by the runtime (which recomputes)
//! and the circuits (whose in-circuit hashing must agree with it, which their
//! tests check).
//!
//! ## The statement
//! - A **leaf** is one settled proof: `H(aggregator ‖ request ‖ H(public
//!   inputs))`, where `H` is Poseidon's `hash_no_pad` over Goldilocks, the
//!   aggregator's 32-byte account is 8 little-endian 32-bit limbs and the
//!   request id 2. `H(public inputs)` is the hash plonky2 itself binds into a
//!   proof's transcript. Naming the aggregator makes a batch copied from the
//!   transaction pool worthless to anyone else (the chain computes the leaves
//!   with the caller's account); naming the request ties each proof to the
//!   one request it settles.
//! - Every proof in the tree is checked against the **verifier hash** of the
//!   circuit that made it, `H(constants-sigmas cap ‖ circuit digest)`: a
//!   leaf's is its circuit's registered wrapper's, an inner node's the merge
//!   circuit's. A merge proof verifies its two children against verifier data
//!   given as witness, so these hashes are what stops a made-up circuit from
//!   standing in for a wrapper or a merge.
//! - A **node** over two children is `H(vd_l ‖ acc_l ‖ vd_r ‖ acc_r)`, with
//!   each child's verifier hash and accumulated digest.
//! - The **tree** pairs neighbours left to right, level by level; an odd last
//!   node is carried up unchanged. A batch has at least two leaves, so the
//!   root is always a merge proof's, and its public inputs are the root's
//!   digest alone.

use plonky2::{
	field::{
		goldilocks_field::GoldilocksField,
		types::{Field, PrimeField64},
	},
	hash::poseidon::PoseidonHash,
	plonk::config::Hasher,
};

extern crate alloc;
use alloc::vec::Vec;

/// Four Goldilocks elements: a Poseidon digest, as canonical `u64`s.
pub type Digest = [u64; 4];

/// Field elements of an account in a leaf.
pub const ACCOUNT_LIMBS: usize = 8;

/// Field elements of a request id in a leaf.
pub const REQUEST_LIMBS: usize = 2;

/// A child in the tree: the verifier hash of the circuit whose proof it is,
/// and the digest that proof's public inputs carry.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct Node {
	/// `verifier_hash` of the circuit that proved it.
	pub verifier: Digest,
	/// Its proof's public inputs.
	pub digest: Digest,
}

/// A 32-byte account as 8 little-endian 32-bit limbs.
pub fn account_limbs(account: &[u8; 32]) -> [u64; ACCOUNT_LIMBS] {
	core::array::from_fn(|i| {
		u32::from_le_bytes([
			account[4 * i],
			account[4 * i + 1],
			account[4 * i + 2],
			account[4 * i + 3],
		]) as u64
	})
}

/// A request id as 2 little-endian 32-bit limbs.
pub fn request_limbs(request: u64) -> [u64; REQUEST_LIMBS] {
	[request & 0xFFFF_FFFF, request >> 32]
}

/// `hash_no_pad` of `elements` (reduced modulo the field's order).
pub fn hash(elements: &[u64]) -> Digest {
	let elements: Vec<GoldilocksField> =
		elements.iter().map(|&e| GoldilocksField::from_noncanonical_u64(e)).collect();
	PoseidonHash::hash_no_pad(&elements).elements.map(|e| e.to_canonical_u64())
}

/// The leaf of one settled proof (see the module docs).
pub fn leaf(aggregator: &[u8; 32], request: u64, public_inputs: &[u64]) -> Digest {
	let mut elements = Vec::with_capacity(ACCOUNT_LIMBS + REQUEST_LIMBS + 4);
	elements.extend(account_limbs(aggregator));
	elements.extend(request_limbs(request));
	elements.extend(hash(public_inputs));
	hash(&elements)
}

/// The verifier hash of a circuit: its constants-sigmas Merkle cap, then its
/// circuit digest.
pub fn verifier_hash(constants_sigmas_cap: &[Digest], circuit_digest: &Digest) -> Digest {
	let elements: Vec<u64> =
		constants_sigmas_cap.iter().chain([circuit_digest]).flatten().copied().collect();
	hash(&elements)
}

/// The digest a merge proof over `left` and `right` carries.
pub fn node(left: &Node, right: &Node) -> Digest {
	let mut elements = [0u64; 16];
	elements[0..4].copy_from_slice(&left.verifier);
	elements[4..8].copy_from_slice(&left.digest);
	elements[8..12].copy_from_slice(&right.verifier);
	elements[12..16].copy_from_slice(&right.digest);
	hash(&elements)
}

/// The root digest of a batch's tree over `leaves`, in order, whose inner
/// nodes are proved by the merge circuit of verifier hash `merge`; `None`
/// for fewer than two leaves.
pub fn root(mut level: Vec<Node>, merge: &Digest) -> Option<Digest> {
	if level.len() < 2 {
		return None;
	}
	while level.len() > 1 {
		let (pairs, carried) = pairs(level.len());
		let mut next: Vec<Node> = pairs
			.into_iter()
			.map(|(left, right)| Node {
				verifier: *merge,
				digest: node(&level[left], &level[right]),
			})
			.collect();
		if carried {
			next.extend(level.last().copied());
		}
		level = next;
	}
	Some(level[0].digest)
}

/// The pairs of positions in `level` that one level of the tree merges, and
/// whether its last node is carried: what an aggregator proves per level.
pub fn pairs(level_len: usize) -> (Vec<(usize, usize)>, bool) {
	((0..level_len / 2).map(|i| (2 * i, 2 * i + 1)).collect(), level_len % 2 == 1)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn leaf_node(i: u64) -> Node {
		Node { verifier: [1, 2, 3, i], digest: leaf(&[7; 32], i, &[i, i + 1]) }
	}

	#[test]
	fn limbs_are_little_endian_32_bit_words() {
		let mut account = [0u8; 32];
		account[0] = 1;
		account[5] = 2;
		account[31] = 0xFF;
		let limbs = account_limbs(&account);
		assert_eq!(limbs[0], 1);
		assert_eq!(limbs[1], 2 << 8);
		assert_eq!(limbs[7], 0xFF << 24);
		assert_eq!(request_limbs(0x1_0000_0002), [2, 1]);
	}

	#[test]
	fn the_tree_carries_an_odd_node_up_and_needs_two_leaves() {
		let merge = [9; 4];
		let [a, b, c] = [0, 1, 2].map(leaf_node);
		assert_eq!(root(vec![a], &merge), None);
		assert_eq!(root(vec![a, b], &merge), Some(node(&a, &b)));
		let ab = Node { verifier: merge, digest: node(&a, &b) };
		assert_eq!(root(vec![a, b, c], &merge), Some(node(&ab, &c)));
		// Order, content and the merge circuit all matter.
		assert_ne!(root(vec![b, a, c], &merge), root(vec![a, b, c], &merge));
		assert_ne!(root(vec![a, b, c], &[8; 4]), root(vec![a, b, c], &merge));
		assert_eq!(pairs(5), (vec![(0, 1), (2, 3)], true));
	}

	#[test]
	fn a_leaf_names_its_aggregator_request_and_public_inputs() {
		let base = leaf(&[1; 32], 5, &[1, 2, 3]);
		assert_ne!(base, leaf(&[2; 32], 5, &[1, 2, 3]));
		assert_ne!(base, leaf(&[1; 32], 6, &[1, 2, 3]));
		assert_ne!(base, leaf(&[1; 32], 5, &[1, 2, 4]));
		assert_eq!(base, leaf(&[1; 32], 5, &[1, 2, 3]));
	}
}
