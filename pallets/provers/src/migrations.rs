//! Storage migrations, one module per version step.
//!
//! The runtime lists [`MigrateV0ToV1`], [`MigrateV1ToV2`] and
//! [`MigrateV2ToV3`] in its `Migrations`; `VersionedMigration` runs each only
//! while the pallet's on-chain storage version is its starting one, so a
//! chain at version 0 runs all three in order. Each step writes its own
//! version's layout (the `vN` modules), not the current one.

use crate::{BalanceOf, Config, Pallet, Provers};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use prova_primitives::market::HardwareClass;
use scale_info::TypeInfo;
use sp_runtime::traits::Zero;
use sp_runtime::{FixedU128, Perbill};

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
		v1::Provers::<T>::translate_values::<v1::ProverRecord<BalanceOf<T>>, _>(
			|mut record: v1::ProverRecord<BalanceOf<T>>| {
				read += 1;
				record.commission = record.commission.min(cap);
				Some(record)
			},
		);
		T::DbWeight::get().reads_writes(read, read)
	}

	// No `post_upgrade` check: the records are still in the version 1 layout
	// here, which the invariants (written for the current one) cannot read.
}

/// A prover record before version 3, with the track record of its version:
/// no `units_in_use`, capacity in jobs.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct OldProverRecord<Balance, Reputation> {
	/// Declared hardware.
	pub hardware: HardwareClass,
	/// Most jobs at once.
	pub capacity: u32,
	/// Jobs held now.
	pub in_use: u32,
	/// Price per work unit.
	pub ask: Balance,
	/// Commission.
	pub commission: Perbill,
	/// Status.
	pub status: crate::ProverStatus,
	/// Self-bond.
	pub self_bond: Balance,
	/// Delegated stake.
	pub delegated: Balance,
	/// Delegation records.
	pub delegators: u32,
	/// Rewards per share.
	pub reward_per_share: FixedU128,
	/// Track record.
	pub reputation: Reputation,
}

/// The layout of versions 0 and 1, before declined offers were counted.
pub mod v1 {
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::storage_alias;
	use scale_info::TypeInfo;

	/// Version 1's track record: no `declined`.
	#[derive(
		Clone, Copy, Debug, Decode, Default, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
	)]
	pub struct Reputation {
		/// Jobs assigned.
		pub assigned: u32,
		/// Jobs proved in time.
		pub fulfilled: u32,
		/// Deadlines missed.
		pub missed: u32,
		/// Invalid proofs.
		pub invalid: u32,
	}

	/// Version 1's prover record: the current one with [`Reputation`] above.
	pub type ProverRecord<Balance> = super::OldProverRecord<Balance, Reputation>;

	/// `Provers` as version 1 stored it, for tests that write old state.
	#[storage_alias]
	pub type Provers<T: crate::Config> = CountedStorageMap<
		crate::Pallet<T>,
		frame_support::Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		ProverRecord<crate::BalanceOf<T>>,
	>;
}

/// Version 1 → 2: a prover's record counts the offers it declined
/// (`Reputation::declined`, zero for every prover migrated) and weighs its
/// jobs by work units (`good_units`, `bad_units`: one per old job), and
/// `LeavingProvers` counts the provers leaving, whose delegations start
/// unbonding (version 1 left them active).
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The unversioned step; use it through [`MigrateV1ToV2`].
pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut read = 0u64;
		let mut leaving = 0u32;
		v2::Provers::<T>::translate_values::<v1::ProverRecord<BalanceOf<T>>, _>(|old| {
			read += 1;
			if old.status == crate::ProverStatus::Leaving {
				leaving += 1;
			}
			let v1::Reputation { assigned, fulfilled, missed, invalid } = old.reputation;
			Some(v2::ProverRecord {
				hardware: old.hardware,
				capacity: old.capacity,
				in_use: old.in_use,
				ask: old.ask,
				commission: old.commission,
				status: old.status,
				self_bond: old.self_bond,
				delegated: old.delegated,
				delegators: old.delegators,
				reward_per_share: old.reward_per_share,
				// Every old job counts as one unit, and every old success as
				// won in competition: scores stay what they were.
				reputation: v2::Reputation {
					assigned,
					fulfilled,
					missed,
					invalid,
					declined: 0,
					lapsed: 0,
					good_units: fulfilled.into(),
					bad_units: u64::from(missed).saturating_add(
						crate::Reputation::INVALID_PROOF_WEIGHT * u64::from(invalid),
					),
				},
			})
		});
		crate::LeavingProvers::<T>::put(leaving);
		// Version 1 left a leaving prover's delegations active (earning
		// nothing, still slashable) until each delegator acted: unbond them
		// now, as deregistering does from version 2 on.
		let mut moved = 0u64;
		let leaving_provers: alloc::vec::Vec<_> = v2::Provers::<T>::iter()
			.filter(|(_, record)| record.status == crate::ProverStatus::Leaving)
			.map(|(prover, _)| prover)
			.collect();
		for prover in leaving_provers {
			let Some(mut record) = v2::Provers::<T>::get(&prover) else { continue };
			for (delegator, mut delegation) in crate::Delegations::<T>::iter_prefix(&prover) {
				if delegation.amount.is_zero() {
					continue;
				}
				moved += 1;
				crate::rewards::settle(&record.clone().upgrade(0), &mut delegation);
				let amount = core::mem::take(&mut delegation.amount);
				Pallet::<T>::unbond_always(&prover, &delegator, amount);
				record.delegated = record.delegated.saturating_sub(amount);
				crate::Delegations::<T>::insert(&prover, &delegator, delegation);
			}
			v2::Provers::<T>::insert(&prover, record);
		}
		T::DbWeight::get().reads_writes(read + 2 * moved, read + 1 + 2 * moved)
	}

	// No `post_upgrade` check: the records are in the version 2 layout here.
}

/// The layout of version 2, before reputations decayed.
pub mod v2 {
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::storage_alias;
	use scale_info::TypeInfo;

	/// Version 2's track record: no `decay_epoch`.
	#[derive(
		Clone, Copy, Debug, Decode, Default, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
	)]
	pub struct Reputation {
		/// Jobs offered.
		pub assigned: u32,
		/// Jobs proved in time.
		pub fulfilled: u32,
		/// Deadlines missed.
		pub missed: u32,
		/// Invalid proofs.
		pub invalid: u32,
		/// Offers declined.
		pub declined: u32,
		/// Offers lapsed.
		pub lapsed: u32,
		/// Units fulfilled in competition.
		pub good_units: u64,
		/// Units missed plus three times units proved invalid.
		pub bad_units: u64,
	}

	/// Version 2's prover record: the current one with [`Reputation`] above.
	pub type ProverRecord<Balance> = super::OldProverRecord<Balance, Reputation>;

	impl<Balance> ProverRecord<Balance> {
		/// The current layout, the record's units last decayed in `decay_epoch`.
		pub fn upgrade(self, decay_epoch: u32) -> crate::ProverRecord<Balance> {
			let Reputation {
				assigned,
				fulfilled,
				missed,
				invalid,
				declined,
				lapsed,
				good_units,
				bad_units,
			} = self.reputation;
			crate::ProverRecord {
				hardware: self.hardware,
				capacity: self.capacity,
				in_use: self.in_use,
				// Each job held counted one slot; it counts one unit.
				units_in_use: self.in_use.into(),
				ask: self.ask,
				commission: self.commission,
				status: self.status,
				self_bond: self.self_bond,
				delegated: self.delegated,
				delegators: self.delegators,
				reward_per_share: self.reward_per_share,
				reputation: crate::Reputation {
					assigned,
					fulfilled,
					missed,
					invalid,
					declined,
					lapsed,
					good_units,
					bad_units,
					decay_epoch,
				},
			}
		}
	}

	/// `Provers` as version 2 stored it.
	#[storage_alias]
	pub type Provers<T: crate::Config> = CountedStorageMap<
		crate::Pallet<T>,
		frame_support::Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		ProverRecord<crate::BalanceOf<T>>,
	>;
}

/// Version 2 → 3: reputations decay (`Reputation::decay_epoch`), every record
/// starting from the upgrade so that no past work loses weight at once; and
/// capacity counts work units. A prover's `capacity` keeps its number, now of
/// units (a prover that took one job of any size now takes one 2^12-row job
/// until it raises it: never more work than it declared), and each job it
/// holds counts as one unit (released saturating); `Services` starts empty
/// (every prover serves every circuit at its ask, as before).
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	InnerMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The unversioned step; use it through [`MigrateV2ToV3`].
pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		let epoch = Pallet::<T>::reputation_epoch();
		let mut read = 0u64;
		Provers::<T>::translate_values::<v2::ProverRecord<BalanceOf<T>>, _>(|old| {
			read += 1;
			Some(old.upgrade(epoch))
		});
		T::DbWeight::get().reads_writes(read, read)
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		Pallet::<T>::do_try_state()
	}
}
