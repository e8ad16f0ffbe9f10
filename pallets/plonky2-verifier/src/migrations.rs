//! Storage migrations, one module per version step.
//!
//! The runtime lists [`MigrateV0ToV1`] in its `Migrations`;
//! `VersionedMigration` runs it only while the pallet's on-chain storage
//! version is 0 and then writes 1.

use crate::{
	verifier, BalanceOf, CircuitInfo, Circuits, Config, Pallet, VerifierData, WeightInfo, MAX_GATES,
};
use frame_support::{
	defensive,
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 0 → 1: every circuit's record gains the gates its verification is
/// charged for, read from its stored verifier data
/// ([`verifier::CircuitShape::charged_gates`]: more than its gate count if its
/// selector groups exceed today's bound). Circuits registered before the gate
/// bounds keep verifying (see [`verifier::Limits::without_gate_bounds`]), at
/// a weight that grows with their gates and groups; one whose bytes no longer
/// parse (which registration made impossible) is charged as the largest
/// registrable circuit.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The version 0 layout.
pub mod v0 {
	use codec::{Decode, Encode};

	/// A circuit's record in version 0: no gate count.
	#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq)]
	pub struct CircuitInfo<AccountId, Balance> {
		/// Who registered it and holds the deposit.
		pub owner: AccountId,
		/// The deposit held.
		pub deposit: Balance,
		/// `log2` of its rows.
		pub degree_bits: u32,
		/// FRI query rounds.
		pub fri_queries: u32,
		/// Number of public inputs.
		pub public_inputs: u32,
		/// Size of its verifier data in bytes.
		pub size: u32,
		/// Market listings and open requests using it.
		pub users: u32,
	}
}

/// The unversioned step; use it through [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let limits = Pallet::<T>::limits().without_gate_bounds();
		let mut circuits = 0u64;
		let mut parsed = Weight::zero();
		Circuits::<T>::translate::<v0::CircuitInfo<T::AccountId, BalanceOf<T>>, _>(
			|circuit, old| {
				circuits += 1;
				// A parse costs at most registration's, measured on about 2 KiB
				// of verifier data; older circuits may be larger.
				let size = VerifierData::<T>::decode_len(circuit).unwrap_or(0) as u64;
				let parse =
					T::WeightInfo::register_circuit().saturating_mul(size.div_ceil(2048).max(1));
				parsed = parsed.saturating_add(parse);
				let gates = VerifierData::<T>::get(circuit)
					.and_then(|bytes| verifier::parse_circuit(&bytes, &limits).ok())
					.map(|(_, shape)| shape.charged_gates())
					.unwrap_or_else(|| {
						defensive!("a registered circuit's verifier data does not parse");
						MAX_GATES as u32
					});
				Some(CircuitInfo {
					owner: old.owner,
					deposit: old.deposit,
					degree_bits: old.degree_bits,
					fri_queries: old.fri_queries,
					public_inputs: old.public_inputs,
					gates,
					size: old.size,
					users: old.users,
				})
			},
		);
		// Each circuit costs a parse, which registration's weight bounds.
		T::DbWeight::get().reads_writes(2 * circuits, circuits).saturating_add(parsed)
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		Pallet::<T>::do_try_state()
	}
}
