//! # Validator set
//!
//! Who produces and finalizes Prova blocks, and how often that set may change.
//!
//! Prova is a solochain whose validators are admitted by governance (root or
//! sudo today, a council later) rather than elected by stake: the stake on
//! Prova secures proofs, not blocks. This pallet holds the set governance wants
//! and hands it to `pallet-session`, which rotates the BABE and GRANDPA
//! authorities at session boundaries. A new operator therefore joins a running
//! network without a runtime upgrade:
//!
//! 1. `author_rotateKeysWithOwner(account)` on its node, then
//!    `session.setKeys(keys, proof)` from that account;
//! 2. governance calls [`Pallet::add_validator`];
//! 3. at the next session change the new set is *queued*; at the one after, it
//!    is *active* and the operator authors blocks and votes in GRANDPA.
//!
//! Removal follows the same path. A validator without session keys is skipped
//! by `pallet-session` until it sets them.
//!
//! ## Session length
//!
//! Sessions last [`SessionLength`] blocks, set at genesis and fixed for the
//! chain's life: with BABE a session is an epoch, and the nodes read the
//! epoch's length once, from genesis, so a change on chain would split them
//! from the runtime (which is why governance has no call to change it). A
//! runtime without BABE can rotate on it through `pallet_session::PeriodicSessions`
//! with [`SessionLengthOf`].
//!
//! ## Invariants (checked by `try_state`)
//! - [`Validators`] holds no duplicates and, unless genesis left it empty (then
//!   `pallet-session`'s genesis keys decide the first validators), at least
//!   `MinValidators` accounts;
//! - [`SessionLength`] is at least 1 block.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;
use sp_staking::SessionIndex;

/// Session length of a default genesis: 600 blocks, 30 minutes at 3-second blocks.
pub const DEFAULT_SESSION_LENGTH: u32 = 600;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The storage layout's version; no layout change has needed a migration yet.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who may add and remove validators and change the session length.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most validators the set may hold.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Fewest validators the set may hold; removals below it are refused so
		/// that the chain cannot be left without block authors.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The validators governance wants; handed to `pallet-session` at the next
	/// session change.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since it was last handed to `pallet-session`.
	#[pallet::storage]
	pub type PendingChange<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Length of a session in blocks.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first session. Empty defers to the keys in
		/// `pallet-session`'s genesis (and leaves this set empty until governance
		/// fills it).
		pub initial_validators: Vec<T::AccountId>,
		/// Session length in blocks (at least 1).
		pub session_length: BlockNumberFor<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { initial_validators: Vec::new(), session_length: DEFAULT_SESSION_LENGTH.into() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(
				!self.session_length.is_zero(),
				"validator-set: session_length must be at least 1 block"
			);
			let mut seen = Vec::with_capacity(self.initial_validators.len());
			for who in &self.initial_validators {
				assert!(!seen.contains(who), "validator-set: duplicate initial validator");
				seen.push(who.clone());
			}
			assert!(
				seen.is_empty() || seen.len() as u32 >= T::MinValidators::get(),
				"validator-set: fewer initial validators than MinValidators"
			);
			let bounded: BoundedVec<_, T::MaxValidators> =
				seen.try_into().expect("validator-set: more initial validators than MaxValidators");
			Validators::<T>::put(bounded);
			SessionLength::<T>::put(self.session_length);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator was added; it is queued at the next session change.
		ValidatorAdded { who: T::AccountId },
		/// A validator was removed; it stops at the session after next.
		ValidatorRemoved { who: T::AccountId },
		/// The session length changed. No longer emitted (the length is fixed at
		/// genesis); kept so that the later variants keep their indices.
		SessionLengthSet { blocks: BlockNumberFor<T> },
		/// The validator set was handed to `pallet-session` for a coming session.
		NewSetPlanned { session: SessionIndex, validators: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already in the validator set.
		AlreadyValidator,
		/// The account is not in the validator set.
		NotValidator,
		/// The set already holds `MaxValidators` accounts.
		TooManyValidators,
		/// Removing this validator would leave fewer than `MinValidators`.
		TooFewValidators,
		/// A session must last at least one block. No longer returned (the
		/// length is fixed at genesis); kept for the index of the variant.
		ZeroSessionLength,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `who` to the validator set. It starts authoring two session
		/// changes from now, once it has set its session keys.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|set| -> DispatchResult {
				ensure!(!set.contains(&who), Error::<T>::AlreadyValidator);
				set.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
				Ok(())
			})?;
			PendingChange::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Remove `who` from the validator set. It stops authoring two session
		/// changes from now.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|set| -> DispatchResult {
				let index = set.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
				ensure!(set.len() as u32 > T::MinValidators::get(), Error::<T>::TooFewValidators);
				set.remove(index);
				Ok(())
			})?;
			PendingChange::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The validators governance wants, in the order they were added.
	pub fn validators() -> Vec<T::AccountId> {
		Validators::<T>::get().into_inner()
	}

	/// Checks the invariants listed in the module docs.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let set = Validators::<T>::get();
		for (i, who) in set.iter().enumerate() {
			frame_support::ensure!(!set[..i].contains(who), "duplicate validator");
		}
		frame_support::ensure!(
			set.is_empty() || set.len() as u32 >= T::MinValidators::get(),
			"fewer validators than MinValidators"
		);
		frame_support::ensure!(!SessionLength::<T>::get().is_zero(), "session length is zero");
		Ok(())
	}
}

/// Plans each new session with the governance-approved set, when it changed.
impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !PendingChange::<T>::take() {
			return None;
		}
		let validators = Self::validators();
		Self::deposit_event(Event::NewSetPlanned {
			session: new_index,
			validators: validators.len() as u32,
		});
		Some(validators)
	}

	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let validators = Self::validators();
		(!validators.is_empty()).then_some(validators)
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(_start_index: SessionIndex) {}
}

/// The session length as a `Get`, for `pallet_session::PeriodicSessions`.
pub struct SessionLengthOf<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<BlockNumberFor<T>> for SessionLengthOf<T> {
	fn get() -> BlockNumberFor<T> {
		// Never zero: genesis and `set_session_length` refuse it. `max(1)` keeps the
		// modulo in `PeriodicSessions` safe even on a storage corruption.
		SessionLength::<T>::get().max(1u32.into())
	}
}
