//! The election's source of randomness until a VRF-based one replaces it.
//!
//! [`ParentHashRandomness`] mixes the subject with the parent block's hash. A
//! request is assigned in a block after the one that included it, so its
//! sender cannot know that hash; the author of the parent block could try a
//! few variants of its block to steer one election, which costs it its slot's
//! other transactions and is visible. The market takes any
//! `frame_support::traits::Randomness`, so a runtime can swap in a stronger
//! source without touching the pallet.

use frame_support::traits::Randomness;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Hash;

/// `(hash(subject ‖ parent hash), current block)`.
pub struct ParentHashRandomness<T>(core::marker::PhantomData<T>);

impl<T: frame_system::Config> Randomness<T::Hash, BlockNumberFor<T>> for ParentHashRandomness<T> {
	fn random(subject: &[u8]) -> (T::Hash, BlockNumberFor<T>) {
		let parent = frame_system::Pallet::<T>::parent_hash();
		let mut material = subject.to_vec();
		material.extend_from_slice(parent.as_ref());
		(T::Hashing::hash(&material), frame_system::Pallet::<T>::block_number())
	}
}
