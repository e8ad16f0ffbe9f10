//! Storage migrations, one module per version step.
//!
//! The runtime lists [`MigrateV0ToV1`], [`MigrateV1ToV2`], [`MigrateV2ToV3`]
//! and [`MigrateV3ToV4`] in its `Migrations`; `VersionedMigration` runs each only while the pallet's
//! on-chain storage version is its starting one and then writes the next, so
//! listing a step beyond its upgrade is harmless, and a chain at version 0
//! runs both in order.
//!
//! Not every change of the layout's types needs a step. Version 4 (spec
//! 108) bounds each block's list in [`Deadlines`] by `MaxOpenRequests`
//! instead of `MaxDeadlinesPerBlock` and adds `OverdueDeadlines`: a bound is
//! not encoded, so the stored lists (at most `MaxDeadlinesPerBlock` each)
//! decode unchanged, and the new value starts empty, as its default; the
//! storage version stays 4.

use crate::{BalanceOf, Config, Deadlines, Listings, OpenRequestsOf, Pallet, Request};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// Version 0 → 1: every request gains a `deposit` (zero for requests made
/// before deposits existed, so nothing is released that was never held),
/// `OpenRequestsOf` is filled from the open requests, and every listing
/// becomes a use of its circuit with the verifier (so a listed circuit can no
/// longer be unregistered from under its listing). Version 0 let a listed
/// circuit be unregistered: such listings (never with open requests, which
/// held the circuit) are removed. Version 0 also left settled jobs in the
/// deadline index until their block: entries not due then are dropped.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	v1::InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The version 0 and 1 layouts and the step from 0 to 1.
pub mod v1 {
	use super::*;
	use crate::RequestId;
	use codec::{Decode, Encode};
	use frame_support::{
		storage_alias, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
		Twox64Concat,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use prova_primitives::{
		market::RequestRequirements,
		proofs::{CircuitId, ProofVerifier},
	};

	/// A request's status in versions 0 and 1: a request was assigned, with
	/// no offer, lock or collateral.
	#[derive(CloneNoBound, DebugNoBound, Decode, Encode, PartialEqNoBound, EqNoBound)]
	pub enum RequestStatus<T: Config> {
		/// Queued since the block.
		Queued {
			/// See [`crate::RequestStatus::Queued`].
			since: BlockNumberFor<T>,
		},
		/// Assigned to a prover, due at `deadline`.
		Assigned {
			/// The prover.
			prover: T::AccountId,
			/// Its price.
			price: BalanceOf<T>,
			/// The first late block.
			deadline: BlockNumberFor<T>,
		},
		/// See [`crate::RequestStatus::Fulfilled`].
		Fulfilled {
			/// Who proved it.
			prover: T::AccountId,
			/// What it was paid.
			price: BalanceOf<T>,
			/// The output.
			output: BoundedVec<u64, T::MaxOutputElements>,
			/// The block.
			at: BlockNumberFor<T>,
		},
		/// See [`crate::RequestStatus::Expired`].
		Expired {
			/// The block.
			at: BlockNumberFor<T>,
		},
		/// See [`crate::RequestStatus::Cancelled`].
		Cancelled {
			/// The block.
			at: BlockNumberFor<T>,
		},
	}

	impl<T: Config> RequestStatus<T> {
		/// Whether the request is open (queued or assigned).
		pub fn is_open(&self) -> bool {
			matches!(self, RequestStatus::Queued { .. } | RequestStatus::Assigned { .. })
		}
	}

	/// A request as version 1 stored it.
	#[derive(CloneNoBound, DebugNoBound, Decode, Encode, PartialEqNoBound, EqNoBound)]
	pub struct RequestV1<T: Config> {
		/// See [`Request::requester`].
		pub requester: T::AccountId,
		/// See [`Request::circuit`].
		pub circuit: CircuitId,
		/// See [`Request::input`].
		pub input: BoundedVec<u8, T::MaxInputBytes>,
		/// See [`Request::max_fee`].
		pub max_fee: BalanceOf<T>,
		/// See [`Request::deadline_blocks`].
		pub deadline_blocks: BlockNumberFor<T>,
		/// See [`Request::requirements`].
		pub requirements: RequestRequirements<BalanceOf<T>>,
		/// See [`Request::submitted_at`].
		pub submitted_at: BlockNumberFor<T>,
		/// See [`Request::failed`].
		pub failed: BoundedVec<T::AccountId, T::MaxAttempts>,
		/// See [`Request::compensated`].
		pub compensated: BalanceOf<T>,
		/// The status, in this layout.
		pub status: RequestStatus<T>,
		/// See [`Request::deposit`].
		pub deposit: BalanceOf<T>,
	}

	/// `Requests` in the version 1 layout.
	#[storage_alias]
	pub type Requests<T: Config> =
		StorageMap<crate::Pallet<T>, Twox64Concat, RequestId, RequestV1<T>>;

	/// A request as version 0 stored it: [`Request`] without `deposit`.
	#[derive(Decode, Encode)]
	pub struct RequestV0<T: Config> {
		/// See [`Request::requester`].
		pub requester: T::AccountId,
		/// See [`Request::circuit`].
		pub circuit: CircuitId,
		/// See [`Request::input`].
		pub input: BoundedVec<u8, T::MaxInputBytes>,
		/// See [`Request::max_fee`].
		pub max_fee: BalanceOf<T>,
		/// See [`Request::deadline_blocks`].
		pub deadline_blocks: BlockNumberFor<T>,
		/// See [`Request::requirements`].
		pub requirements: RequestRequirements<BalanceOf<T>>,
		/// See [`Request::submitted_at`].
		pub submitted_at: BlockNumberFor<T>,
		/// See [`Request::failed`].
		pub failed: BoundedVec<T::AccountId, T::MaxAttempts>,
		/// See [`Request::compensated`].
		pub compensated: BalanceOf<T>,
		/// See [`Request::status`].
		pub status: RequestStatus<T>,
	}

	impl<T: Config> RequestV0<T> {
		/// The same request with no deposit held.
		fn upgrade(self) -> RequestV1<T> {
			RequestV1 {
				requester: self.requester,
				circuit: self.circuit,
				input: self.input,
				max_fee: self.max_fee,
				deadline_blocks: self.deadline_blocks,
				requirements: self.requirements,
				submitted_at: self.submitted_at,
				failed: self.failed,
				compensated: self.compensated,
				status: self.status,
				deposit: Default::default(),
			}
		}
	}

	/// The unversioned step; use it through [`MigrateV0ToV1`].
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut requests = 0u64;
			let mut open = 0u64;
			Requests::<T>::translate::<RequestV0<T>, _>(|_id: RequestId, old| {
				requests += 1;
				let request = old.upgrade();
				if request.status.is_open() {
					open += 1;
					OpenRequestsOf::<T>::mutate(&request.requester, |n| *n = n.saturating_add(1));
				}
				Some(request)
			});
			let mut listings = 0u64;
			let keys: alloc::vec::Vec<_> = Listings::<T>::iter_keys().collect();
			for circuit in keys {
				listings += 1;
				if T::Verifier::acquire(&circuit).is_err() {
					Listings::<T>::remove(circuit);
				}
			}
			let mut deadline_blocks = 0u64;
			let index: alloc::vec::Vec<_> = Deadlines::<T>::iter().collect();
			for (block, mut due) in index {
				deadline_blocks += 1;
				due.retain(|id| {
					Requests::<T>::get(id).is_some_and(|request| {
						matches!(request.status, RequestStatus::Assigned { deadline, .. } if deadline == block)
					})
				});
				if due.is_empty() {
					Deadlines::<T>::remove(block);
				} else {
					Deadlines::<T>::insert(block, due);
				}
			}
			// Each request read and written, each open one's counter read and
			// written, each listing read and its circuit read and written, each
			// deadline block read and written with a request read per entry
			// (at most `MaxDeadlinesPerBlock` in version 0's index, counted as
			// one read).
			T::DbWeight::get().reads_writes(
				requests + open + 2 * listings + 2 * deadline_blocks,
				requests + open + listings + deadline_blocks,
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let count = Requests::<T>::iter_keys().count() as u64;
			Ok(count.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let after = Requests::<T>::iter_values().count() as u64;
			frame_support::ensure!(before == after, "requests lost in the migration");
			Ok(())
		}
	}
}

/// Version 1 → 2: offers, locks and collateral. A request gains its
/// `declined` list (empty); an assigned request becomes `Locked` with zero
/// collateral (its prover took it under the old rules, which held none, so
/// a failure forfeits nothing and nothing is released that was never held),
/// keeping its deadline and its place in the deadline index. The other
/// statuses keep their meaning.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	v2::InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The version 2 layout and the step from version 1 to 2.
pub mod v2 {
	use super::{v1, *};
	use crate::RequestId;
	use codec::{Decode, Encode};
	use frame_support::{
		storage_alias, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
		Twox64Concat,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use prova_primitives::{market::RequestRequirements, proofs::CircuitId};

	/// A request's status in version 2: no auctions, and a lock without its block.
	#[derive(CloneNoBound, DebugNoBound, Decode, Encode, PartialEqNoBound, EqNoBound)]
	pub enum RequestStatus<T: Config> {
		/// See [`crate::RequestStatus::Queued`].
		Queued {
			/// The block.
			since: BlockNumberFor<T>,
		},
		/// See [`crate::RequestStatus::Offered`].
		Offered {
			/// The prover.
			prover: T::AccountId,
			/// Its price.
			price: BalanceOf<T>,
			/// The end of the lock window.
			lock_by: BlockNumberFor<T>,
			/// Eligible provers.
			candidates: u32,
		},
		/// See [`crate::RequestStatus::Locked`].
		Locked {
			/// The prover.
			prover: T::AccountId,
			/// Its price.
			price: BalanceOf<T>,
			/// The first late block.
			deadline: BlockNumberFor<T>,
			/// Its collateral.
			collateral: BalanceOf<T>,
			/// Eligible provers.
			candidates: u32,
		},
		/// See [`crate::RequestStatus::Fulfilled`].
		Fulfilled {
			/// Who proved it.
			prover: T::AccountId,
			/// What it was paid.
			price: BalanceOf<T>,
			/// The output.
			output: BoundedVec<u64, T::MaxOutputElements>,
			/// The block.
			at: BlockNumberFor<T>,
		},
		/// See [`crate::RequestStatus::Expired`].
		Expired {
			/// The block.
			at: BlockNumberFor<T>,
		},
		/// See [`crate::RequestStatus::Cancelled`].
		Cancelled {
			/// The block.
			at: BlockNumberFor<T>,
		},
	}

	/// A request as version 2 stored it: no terms.
	#[derive(CloneNoBound, DebugNoBound, Decode, Encode, PartialEqNoBound, EqNoBound)]
	pub struct RequestV2<T: Config> {
		/// See [`Request::requester`].
		pub requester: T::AccountId,
		/// See [`Request::circuit`].
		pub circuit: CircuitId,
		/// See [`Request::input`].
		pub input: BoundedVec<u8, T::MaxInputBytes>,
		/// See [`Request::max_fee`].
		pub max_fee: BalanceOf<T>,
		/// See [`Request::deadline_blocks`].
		pub deadline_blocks: BlockNumberFor<T>,
		/// See [`Request::requirements`].
		pub requirements: RequestRequirements<BalanceOf<T>>,
		/// See [`Request::submitted_at`].
		pub submitted_at: BlockNumberFor<T>,
		/// See [`Request::failed`].
		pub failed: BoundedVec<T::AccountId, T::MaxAttempts>,
		/// See [`Request::declined`].
		pub declined: BoundedVec<T::AccountId, T::MaxDeclines>,
		/// See [`Request::compensated`].
		pub compensated: BalanceOf<T>,
		/// The status, in this layout.
		pub status: RequestStatus<T>,
		/// See [`Request::deposit`].
		pub deposit: BalanceOf<T>,
	}

	/// `Requests` in the version 2 layout.
	#[storage_alias]
	pub type Requests<T: Config> =
		StorageMap<crate::Pallet<T>, Twox64Concat, RequestId, RequestV2<T>>;

	impl<T: Config> v1::RequestV1<T> {
		/// The same request in the version 2 layout.
		pub fn upgrade(self) -> RequestV2<T> {
			let status = match self.status {
				v1::RequestStatus::Queued { since } => RequestStatus::Queued { since },
				// Not known for old assignments: counted as uncontested, so
				// they add nothing to reputation (failures still count).
				v1::RequestStatus::Assigned { prover, price, deadline } => RequestStatus::Locked {
					prover,
					price,
					deadline,
					collateral: Default::default(),
					candidates: 1,
				},
				v1::RequestStatus::Fulfilled { prover, price, output, at } => {
					RequestStatus::Fulfilled { prover, price, output, at }
				}
				v1::RequestStatus::Expired { at } => RequestStatus::Expired { at },
				v1::RequestStatus::Cancelled { at } => RequestStatus::Cancelled { at },
			};
			RequestV2 {
				requester: self.requester,
				circuit: self.circuit,
				input: self.input,
				max_fee: self.max_fee,
				deadline_blocks: self.deadline_blocks,
				requirements: self.requirements,
				submitted_at: self.submitted_at,
				failed: self.failed,
				declined: BoundedVec::new(),
				compensated: self.compensated,
				status,
				deposit: self.deposit,
			}
		}
	}

	/// The unversioned step; use it through [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut requests = 0u64;
			Requests::<T>::translate::<v1::RequestV1<T>, _>(|_id: RequestId, old| {
				requests += 1;
				Some(old.upgrade())
			});
			T::DbWeight::get().reads_writes(requests, requests)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v1::Requests::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let after = Requests::<T>::iter_values().count() as u64;
			frame_support::ensure!(before == after, "requests lost in the migration");
			Ok(())
		}
	}
}

/// Version 2 → 3: market terms. Every request gains the election's terms
/// with no latency guarantee (what it was made under), and a locked
/// request records the block it was locked in, taken as its deadline less
/// its deadline blocks (only a latency guarantee reads it, and old requests
/// have none).
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	v3::InnerMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The step from version 2 to 3.
pub mod v3 {
	use super::{v2, v4, *};
	use crate::{RequestId, RequestStatus};
	use sp_runtime::Saturating;

	impl<T: Config> v2::RequestV2<T> {
		/// The same request in the version 3 layout.
		pub fn upgrade(self) -> v4::RequestV3<T> {
			let status = match self.status {
				v2::RequestStatus::Queued { since } => RequestStatus::Queued { since },
				v2::RequestStatus::Offered { prover, price, lock_by, candidates } => {
					RequestStatus::Offered { prover, price, lock_by, candidates }
				}
				v2::RequestStatus::Locked { prover, price, deadline, collateral, candidates } => {
					RequestStatus::Locked {
						prover,
						price,
						deadline,
						collateral,
						candidates,
						locked_at: deadline.saturating_sub(self.deadline_blocks),
					}
				}
				v2::RequestStatus::Fulfilled { prover, price, output, at } => {
					RequestStatus::Fulfilled { prover, price, output, at }
				}
				v2::RequestStatus::Expired { at } => RequestStatus::Expired { at },
				v2::RequestStatus::Cancelled { at } => RequestStatus::Cancelled { at },
			};
			v4::RequestV3 {
				requester: self.requester,
				circuit: self.circuit,
				input: self.input,
				max_fee: self.max_fee,
				deadline_blocks: self.deadline_blocks,
				requirements: self.requirements,
				submitted_at: self.submitted_at,
				failed: self.failed,
				declined: self.declined,
				compensated: self.compensated,
				status,
				deposit: self.deposit,
				terms: v4::TermsV3::default(),
			}
		}
	}

	/// The unversioned step; use it through [`MigrateV2ToV3`].
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut requests = 0u64;
			v4::Requests::<T>::translate::<v2::RequestV2<T>, _>(|_id: RequestId, old| {
				requests += 1;
				Some(old.upgrade())
			});
			T::DbWeight::get().reads_writes(requests, requests)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok((v2::Requests::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let before = u64::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let after = v4::Requests::<T>::iter_values().count() as u64;
			frame_support::ensure!(before == after, "requests lost in the migration");
			Ok(())
		}
	}
}

/// Version 3 → 4: the aggregated settlement tier. Every request's terms
/// gain `settlement: Direct` (the only tier there was), and every request an
/// `aggregation_fee` of zero and no stored input commitment. Statuses keep
/// their encodings: `Claimed` is appended after the others.
pub type MigrateV3ToV4<T> = VersionedMigration<
	3,
	4,
	v4::InnerMigrateV3ToV4<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The version 3 layout and the step from version 3 to 4.
pub mod v4 {
	use super::*;
	use crate::{LatencyGuarantee, Mechanism, RequestId, RequestStatus, Settlement, Terms};
	use codec::{Decode, Encode};
	use frame_support::{
		storage_alias, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
		Twox64Concat,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use prova_primitives::{market::RequestRequirements, proofs::CircuitId};
	use sp_runtime::traits::Zero;

	/// Market terms as version 3 stored them: no settlement tier.
	#[derive(Clone, Copy, Debug, Decode, Default, Encode, Eq, PartialEq)]
	pub struct TermsV3<BlockNumber, Balance> {
		/// See [`Terms::mechanism`].
		pub mechanism: Mechanism<BlockNumber, Balance>,
		/// See [`Terms::latency`].
		pub latency: Option<LatencyGuarantee<BlockNumber>>,
	}

	/// A request as version 3 stored it: terms without a tier, no
	/// aggregation fee or stored input commitment. (Its statuses decode as
	/// today's, which only appended `Claimed`.)
	#[derive(CloneNoBound, DebugNoBound, Decode, Encode, PartialEqNoBound, EqNoBound)]
	pub struct RequestV3<T: Config> {
		/// See [`Request::requester`].
		pub requester: T::AccountId,
		/// See [`Request::circuit`].
		pub circuit: CircuitId,
		/// See [`Request::input`].
		pub input: BoundedVec<u8, T::MaxInputBytes>,
		/// See [`Request::max_fee`].
		pub max_fee: BalanceOf<T>,
		/// See [`Request::deadline_blocks`].
		pub deadline_blocks: BlockNumberFor<T>,
		/// See [`Request::requirements`].
		pub requirements: RequestRequirements<BalanceOf<T>>,
		/// See [`Request::submitted_at`].
		pub submitted_at: BlockNumberFor<T>,
		/// See [`Request::failed`].
		pub failed: BoundedVec<T::AccountId, T::MaxAttempts>,
		/// See [`Request::declined`].
		pub declined: BoundedVec<T::AccountId, T::MaxDeclines>,
		/// See [`Request::compensated`].
		pub compensated: BalanceOf<T>,
		/// See [`Request::status`].
		pub status: RequestStatus<T>,
		/// See [`Request::deposit`].
		pub deposit: BalanceOf<T>,
		/// The terms, in this layout.
		pub terms: TermsV3<BlockNumberFor<T>, BalanceOf<T>>,
	}

	/// `Requests` in the version 3 layout.
	#[storage_alias]
	pub type Requests<T: Config> =
		StorageMap<crate::Pallet<T>, Twox64Concat, RequestId, RequestV3<T>>;

	impl<T: Config> RequestV3<T> {
		/// The same request in the version 4 layout, in the fast tier.
		pub fn upgrade(self) -> Request<T> {
			Request {
				requester: self.requester,
				circuit: self.circuit,
				input: self.input,
				max_fee: self.max_fee,
				deadline_blocks: self.deadline_blocks,
				requirements: self.requirements,
				submitted_at: self.submitted_at,
				failed: self.failed,
				declined: self.declined,
				compensated: self.compensated,
				status: self.status,
				deposit: self.deposit,
				terms: Terms {
					mechanism: self.terms.mechanism,
					latency: self.terms.latency,
					settlement: Settlement::Direct,
				},
				aggregation_fee: Zero::zero(),
				input_commitment: None,
			}
		}
	}

	/// The unversioned step; use it through [`MigrateV3ToV4`].
	pub struct InnerMigrateV3ToV4<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut requests = 0u64;
			crate::Requests::<T>::translate::<RequestV3<T>, _>(|_id: RequestId, old| {
				requests += 1;
				Some(old.upgrade())
			});
			T::DbWeight::get().reads_writes(requests, requests)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Requests::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let after = crate::Requests::<T>::iter_values().count() as u64;
			frame_support::ensure!(before == after, "requests lost in the migration");
			frame_support::ensure!(
				crate::Requests::<T>::iter_values().all(|request| !request.is_aggregated()),
				"a migrated request in the aggregated tier"
			);
			Pallet::<T>::do_try_state()
		}
	}
}
