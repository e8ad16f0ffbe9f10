//! Storage migrations, one module per version step.
//!
//! The runtime lists [`MigrateV0ToV1`] in its `Migrations`; `VersionedMigration`
//! runs it only while the pallet's on-chain storage version is 0.

use crate::{Config, Pallet, Provers};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 0 → 1: `MaxCommission` exists. A prover registered before it with a
/// higher commission is brought down to the cap (a decrease, which delegators
/// never need warning of); `PendingCommission` starts empty.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The unversioned step; use it through [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let cap = T::MaxCommission::get();
		let mut read = 0u64;
		Provers::<T>::translate_values::<crate::ProverRecord<crate::BalanceOf<T>>, _>(
			|mut record| {
				read += 1;
				record.commission = record.commission.min(cap);
				Some(record)
			},
		);
		T::DbWeight::get().reads_writes(read, read)
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		Pallet::<T>::do_try_state()
	}
}
