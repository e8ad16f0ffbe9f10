//! # Provers
//!
//! The supply side of Prova's proof market: who may prove, what they have at
//! stake, who backs them, how they are paid and punished, and which of them
//! serves a request.
//!
//! ## Terms
//! - **Prover**: an account that registered with a *self-bond* of at least
//!   [`Parameters::min_prover_bond`], a declared [`HardwareClass`], a `capacity`
//!   (work units at once), an `ask` (least price per unit of proving work),
//!   optionally [services](#services), and a `commission`.
//! - **Delegator**: any account backing a prover with a *delegation* of at least
//!   [`Parameters::min_delegation`]. A prover cannot delegate to itself. New
//!   stake *warms up* for [`Config::DelegationWarmup`] blocks (held, but not
//!   backing the prover, not earning and not slashed) before it becomes
//!   active, so a delegation made after a job was locked cannot share that
//!   job's reward: rewards follow the stake that backed the job.
//! - **Backing**: self-bond plus active delegations. Election probability and a
//!   request's `min_stake` are measured against it, and slashes take from all of it.
//! - **Unbonding**: stake leaving (by `unbond`, `undelegate` or `deregister`)
//!   waits [`Config::UnbondingPeriod`] blocks in bounded chunks. It stays held and
//!   is slashed like active stake, so leaving cannot outrun a slash.
//!
//! ## Money
//! All stake stays in its owner's account as a `fungible` hold ([`HoldReason`]),
//! so wallets show it as held and no custody account exists (see [`asset`]).
//! A prover's commission is at most [`Config::MaxCommission`]. A decrease
//! applies at once; an increase is scheduled [`Config::UnbondingPeriod`] blocks
//! ahead ([`PendingCommission`]), so delegators see it coming and can leave
//! before it applies: a prover cannot raise its cut in the block of a large
//! reward.
//!
//! A reward for a job is split: the prover keeps `commission × reward`, and the
//! rest is shared by stake, the prover's part for its self-bond paid at once and
//! the delegators' part moved to the reward pot and accounted per share
//! ([`rewards`]); delegators claim with [`Pallet::claim_rewards`].
//!
//! A slash of fraction `f` takes `f` of everything at stake on the prover
//! (backing plus unbonding chunks), **self-bond first**: the prover's own bond
//! and unbonding chunks pay before any delegator does, and delegators pay the
//! rest in proportion to their stake (see [`slashing`]). A prover that keeps
//! its self-bond at least `f` of its backing can never cost its delegators
//! anything. The proceeds go first to the caller's beneficiary, if any, the
//! rest to [`Config::Slashed`] (the treasury in Prova's runtime); the proof
//! market names no beneficiary.
//!
//! ## Election
//! [`ProverRegistry::elect`] picks among eligible provers with probability
//! proportional to backing, deterministically from a seed (see [`election`]).
//! It scans the registry once: `O(P)` storage reads for `P ≤ MaxProvers`
//! registered provers, plus `O(P·E)` comparisons for `E` excluded accounts.
//!
//! ## Services
//! A prover declares what it serves ([`Pallet::set_services`]): circuits (one
//! by id, a workload family up to a size, or any up to a size), each at its
//! own ask per work unit and declared speed (the least deadline it accepts
//! per work unit). An election offers a prover only jobs one of its services
//! takes, priced at the most specific such service's ask: no prover is ever
//! offered a circuit outside its declared sizes and ids, or a deadline it said
//! it cannot meet. A family is what the circuit's lister says it is (the
//! start of its listing's descriptor), so a family service is a claim the
//! prover's client checks: it rebuilds the circuit from the descriptor and
//! declines, at no cost, one that is not what the id says. A prover that
//! declares nothing serves everything at its `ask`.
//!
//! ## Reputation
//! Each job a prover is offered ends as declined, fulfilled, missed, invalid or
//! released; [`Reputation::score`] turns the counts into a `Perbill` requesters
//! can require. The work units behind the score decay: they halve every
//! [`Config::ReputationHalfLife`] blocks ([`Reputation::decay_to`], applied
//! lazily when a job ends and when a score is read), so a score says how a
//! prover has done lately, and a record built or bought long ago fades.
//!
//! ## Invariants (checked by `try_state` after every test)
//! 1. For every staker, the `ProverBond` hold equals its self-bond plus its own
//!    unbonding chunks, and the `Delegation` hold equals the sum of its
//!    delegations plus their unbonding chunks.
//! 2. A prover's `delegated` is the sum of its delegations' amounts and
//!    `delegators` is their number (at most `MaxDelegatorsPerProver`).
//! 3. `units_in_use ≤ capacity` for every prover; at most `MaxProvers` provers.
//! 4. Unbonding chunks exist only for registered provers and, for delegators,
//!    beside a delegation record; stored chunk lists are never empty.
//! 5. The reward pot holds at least the existential deposit plus every
//!    delegator's claimable rewards.
//! 6. Every commission is at most `MaxCommission`; a scheduled increase
//!    belongs to a registered prover and is above its commission in force.
//! 7. A prover's offers (`assigned`) are at least its counted outcomes plus
//!    the jobs it holds now.
//! 8. Warming stake belongs to a registered prover and a delegation record,
//!    one entry per delegator, and is part of the `Delegation` hold.
//! 9. Declared services belong to a registered prover, none twice, every
//!    family named; no reputation is decayed beyond the present period.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod asset;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod election;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod registry;
pub mod rewards;
pub mod runtime_api;
pub mod slashing;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use prova_primitives::market::{
	Compensation, GpuClass, HardwareClass, JobOutcome, JobSpec, ProverRegistry, ProverRequirements,
	RequestRequirements, Service, ServiceScope, SlashOutcome, SlashReason,
};
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, hold, Inspect, Mutate, MutateHold},
			OnUnbalanced,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{One, SaturatedConversion, Zero},
		FixedU128, Perbill, Saturating,
	};

	/// Balance of the pallet's currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// Funds taken by a slash, not yet placed anywhere.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
	/// A prover's unbonding chunks, or one delegator's on one prover.
	pub type ChunksOf<T> = BoundedVec<
		UnbondingChunk<BalanceOf<T>, BlockNumberFor<T>>,
		<T as Config>::MaxUnbondingChunks,
	>;

	/// The storage layout's version: 1 added `MaxCommission` (commissions
	/// above it are capped by [`crate::migrations`]) and [`PendingCommission`];
	/// 2 counted declines and work units and added [`LeavingProvers`]; 3 made
	/// reputations decay (`Reputation::decay_epoch`), counted capacity in work
	/// units (`ProverRecord::units_in_use`) and added [`Services`].
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency stakes are held in. Balances are `u128` so reward-per-share
		/// arithmetic has a fixed range (see [`rewards`]).
		type Currency: Inspect<Self::AccountId, Balance = u128>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ hold::Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where slashed funds go once the requester's compensation is paid.
		type Slashed: OnUnbalanced<CreditOf<Self>>;

		/// Who may change parameters and force-chill provers.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Blocks between unbonding and being able to withdraw.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks a new delegation waits before it backs the prover and earns:
		/// at least as long as any job can run from its lock to its proof, so
		/// a delegation made after a job was locked never shares its reward
		/// (just-in-time delegation).
		#[pallet::constant]
		type DelegationWarmup: Get<BlockNumberFor<Self>>;

		/// Blocks over which a reputation's weight of past work halves (see
		/// `Reputation::decay_to`); at least 1.
		#[pallet::constant]
		type ReputationHalfLife: Get<BlockNumberFor<Self>>;

		/// Most registered provers; bounds the election's scan.
		#[pallet::constant]
		type MaxProvers: Get<u32>;

		/// Most delegators one prover may have; bounds a slash's work.
		#[pallet::constant]
		type MaxDelegatorsPerProver: Get<u32>;

		/// Most unbonding chunks per staker and prover.
		#[pallet::constant]
		type MaxUnbondingChunks: Get<u32>;

		/// Most work units a prover may declare it takes at once.
		#[pallet::constant]
		type MaxCapacity: Get<u32>;

		/// Most services a prover may declare; bounds the election's work per
		/// prover.
		#[pallet::constant]
		type MaxServices: Get<u32>;

		/// Highest commission a prover may set.
		#[pallet::constant]
		type MaxCommission: Get<Perbill>;

		/// Parameters in force until governance sets others.
		#[pallet::constant]
		type DefaultParameters: Get<Parameters<BalanceOf<Self>>>;

		/// Derives the reward pot's account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Weights from this pallet's benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A prover's self-bond, active or unbonding.
		ProverBond,
		/// Stake delegated to provers, active or unbonding.
		Delegation,
	}

	#[pallet::type_value]
	pub fn DefaultParametersOf<T: Config>() -> Parameters<BalanceOf<T>> {
		T::DefaultParameters::get()
	}

	/// Parameters in force.
	#[pallet::storage]
	pub type CurrentParameters<T: Config> =
		StorageValue<_, Parameters<BalanceOf<T>>, ValueQuery, DefaultParametersOf<T>>;

	/// Registered provers (including those leaving).
	#[pallet::storage]
	pub type Provers<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, ProverRecord<BalanceOf<T>>>;

	/// Provers leaving (`ProverStatus::Leaving`): they do not count toward
	/// `MaxProvers`; registration keeps all records, leaving ones included,
	/// under twice `MaxProvers`.
	#[pallet::storage]
	pub type LeavingProvers<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Delegations, by prover then delegator.
	#[pallet::storage]
	pub type Delegations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		Delegation<BalanceOf<T>>,
	>;

	/// The services each prover declares: which circuits it proves, at what
	/// ask and speed. A prover with none serves every circuit at its
	/// record's `ask`, with any deadline.
	#[pallet::storage]
	pub type Services<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<Service<BalanceOf<T>>, T::MaxServices>,
		ValueQuery,
	>;

	/// Delegated stake not active yet, by prover: at most one entry per
	/// delegator. Due entries join the prover's backing at its next reward,
	/// offer or delegation change.
	#[pallet::storage]
	pub type Warming<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<
			WarmingStake<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
			T::MaxDelegatorsPerProver,
		>,
		ValueQuery,
	>;

	/// Unbonding chunks, by prover then staker (the prover itself for its self-bond).
	#[pallet::storage]
	pub type Unbonding<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		ChunksOf<T>,
		ValueQuery,
	>;

	/// A prover's commission increase and the block it applies from (its
	/// first reward at or after that block applies it).
	#[pallet::storage]
	pub type PendingCommission<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (Perbill, BlockNumberFor<T>)>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			asset::endow_reward_pot::<T>()
				.expect("minting the existential deposit succeeds at genesis");
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A prover registered with a self-bond.
		Registered { prover: T::AccountId, bond: BalanceOf<T> },
		/// A prover declared the services it offers (none: every circuit at
		/// its ask).
		ServicesSet {
			prover: T::AccountId,
			services: BoundedVec<Service<BalanceOf<T>>, T::MaxServices>,
		},
		/// A prover added to its self-bond.
		Bonded { prover: T::AccountId, amount: BalanceOf<T> },
		/// Stake started unbonding (`staker` is the prover for its self-bond).
		Unbonding {
			prover: T::AccountId,
			staker: T::AccountId,
			amount: BalanceOf<T>,
			unlock_at: BlockNumberFor<T>,
		},
		/// Unbonded stake returned to its owner's free balance.
		Withdrawn { prover: T::AccountId, staker: T::AccountId, amount: BalanceOf<T> },
		/// A prover changed its offer; `commission` is the one in force now.
		Updated {
			prover: T::AccountId,
			hardware: HardwareClass,
			capacity: u32,
			ask: BalanceOf<T>,
			commission: Perbill,
		},
		/// A prover's commission increase will apply from block `from`.
		CommissionIncreaseScheduled {
			prover: T::AccountId,
			commission: Perbill,
			from: BlockNumberFor<T>,
		},
		/// A scheduled commission increase applied.
		CommissionRaised { prover: T::AccountId, commission: Perbill },
		/// A prover stopped taking new work (`forced` by governance).
		Chilled { prover: T::AccountId, forced: bool },
		/// A prover takes new work again.
		Activated { prover: T::AccountId },
		/// Governance lifted a forced chill; the prover may activate.
		ForceChillLifted { prover: T::AccountId },
		/// A prover deregistered (or governance removed it); its whole
		/// self-bond and every delegation to it are unbonding.
		Deregistered { prover: T::AccountId, forced: bool },
		/// A leaving prover's last stake and delegation are gone, and so is its record.
		Removed { prover: T::AccountId },
		/// A delegator backed a prover.
		/// It backs the prover and earns from block `active_from` on.
		Delegated {
			delegator: T::AccountId,
			prover: T::AccountId,
			amount: BalanceOf<T>,
			active_from: BlockNumberFor<T>,
		},
		/// A delegator claimed its rewards from a prover.
		RewardsClaimed { delegator: T::AccountId, prover: T::AccountId, amount: BalanceOf<T> },
		/// A prover was paid for a job.
		Rewarded {
			prover: T::AccountId,
			amount: BalanceOf<T>,
			to_prover: BalanceOf<T>,
			to_delegators: BalanceOf<T>,
		},
		/// A prover and its backers were slashed.
		Slashed {
			prover: T::AccountId,
			reason: SlashReason,
			amount: BalanceOf<T>,
			compensated: BalanceOf<T>,
		},
		/// Governance changed the parameters.
		ParametersSet { parameters: Parameters<BalanceOf<T>> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered prover.
		AlreadyRegistered,
		/// The account is not a registered prover.
		NotRegistered,
		/// The registry holds `MaxProvers` provers.
		TooManyProvers,
		/// The self-bond would be below the minimum.
		BondBelowMinimum,
		/// Amounts must be above zero.
		ZeroAmount,
		/// Unbonding more than is bonded.
		NotEnoughBonded,
		/// `MaxUnbondingChunks` chunks are unbonding; withdraw matured ones or wait.
		TooManyUnbondingChunks,
		/// The prover is not leaving: only a leaving prover's stakers may be
		/// settled by anyone.
		NotLeaving,
		/// No unbonding chunk has matured.
		NothingToWithdraw,
		/// Capacity must be between 1 and `MaxCapacity`.
		InvalidCapacity,
		/// The new capacity is below the work units of the jobs the prover holds.
		CapacityBelowInUse,
		/// Two services cover the same circuits (the same scope).
		DuplicateService,
		/// A family service names no family.
		EmptyFamily,
		/// None of the prover's services takes this job.
		NotServed,
		/// The prover is leaving.
		ProverLeaving,
		/// The prover is not active.
		NotActive,
		/// The prover is not chilled by itself.
		NotChilled,
		/// Governance chilled the prover; only governance lifts it.
		ForceChilled,
		/// The prover is not force-chilled.
		NotForceChilled,
		/// The prover still holds assigned jobs.
		HasAssignedWork,
		/// A delegation must be at least the minimum (or withdrawn entirely).
		DelegationBelowMinimum,
		/// The prover has `MaxDelegatorsPerProver` delegators.
		TooManyDelegators,
		/// A prover backs itself with its self-bond, not a delegation.
		CannotDelegateToSelf,
		/// The account does not delegate to this prover.
		NotDelegated,
		/// Undelegating more than is delegated.
		NotEnoughDelegated,
		/// There are no rewards to claim.
		NoRewards,
		/// The prover has no free capacity.
		NoFreeCapacity,
		/// The prover holds no job to release.
		NoCapacityReserved,
		/// A parameter is out of range (minimums must be above zero).
		InvalidParameter,
		/// The commission is above `MaxCommission`.
		CommissionTooHigh,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(T::MaxProvers::get() > 0, "MaxProvers must be positive");
			assert!(T::MaxUnbondingChunks::get() > 0, "MaxUnbondingChunks must be positive");
			assert!(T::MaxCapacity::get() > 0, "MaxCapacity must be positive");
			assert!(
				!T::UnbondingPeriod::get().is_zero(),
				"a commission increase must wait a positive unbonding period"
			);
			assert!(!T::ReputationHalfLife::get().is_zero(), "ReputationHalfLife must be positive");
			let params = T::DefaultParameters::get();
			assert!(
				Self::parameters_valid(&params),
				"DefaultParameters must have positive minimums"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Becomes a prover, holding `bond` (at least `min_prover_bond`) as self-bond.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			hardware: HardwareClass,
			capacity: u32,
			ask: BalanceOf<T>,
			commission: Perbill,
			bond: BalanceOf<T>,
		) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			ensure!(!Provers::<T>::contains_key(&prover), Error::<T>::AlreadyRegistered);
			let records = Provers::<T>::count();
			let staying = records.saturating_sub(LeavingProvers::<T>::get());
			ensure!(staying < T::MaxProvers::get(), Error::<T>::TooManyProvers);
			ensure!(records < Self::max_records(), Error::<T>::TooManyProvers);
			Self::ensure_capacity_valid(capacity)?;
			ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
			ensure!(
				bond >= CurrentParameters::<T>::get().min_prover_bond,
				Error::<T>::BondBelowMinimum
			);
			asset::hold::<T>(HoldReason::ProverBond, &prover, bond)?;
			Provers::<T>::insert(
				&prover,
				ProverRecord {
					hardware,
					capacity,
					in_use: 0,
					units_in_use: 0,
					ask,
					commission,
					status: ProverStatus::Active,
					self_bond: bond,
					delegated: 0,
					delegators: 0,
					reward_per_share: FixedU128::zero(),
					reputation: Reputation {
						decay_epoch: Self::reputation_epoch(),
						..Reputation::default()
					},
				},
			);
			Self::deposit_event(Event::Registered { prover, bond });
			Ok(())
		}

		/// Adds `amount` to the caller's self-bond.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_more())]
		pub fn bond_more(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			asset::hold::<T>(HoldReason::ProverBond, &prover, amount)?;
			record.self_bond.saturating_accrue(amount);
			Provers::<T>::insert(&prover, record);
			Self::deposit_event(Event::Bonded { prover, amount });
			Ok(())
		}

		/// Starts unbonding `amount` of the caller's self-bond. What stays bonded must
		/// be at least `min_prover_bond`; to leave entirely, `deregister`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			let remaining =
				record.self_bond.checked_sub(amount).ok_or(Error::<T>::NotEnoughBonded)?;
			ensure!(
				remaining >= CurrentParameters::<T>::get().min_prover_bond,
				Error::<T>::BondBelowMinimum
			);
			Self::start_unbonding(&prover, &prover, amount)?;
			record.self_bond = remaining;
			Provers::<T>::insert(&prover, record);
			Ok(())
		}

		/// Returns the caller's matured unbonding chunks on `prover` (its own
		/// account for a prover's self-bond) to its free balance.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>, prover: T::AccountId) -> DispatchResult {
			let staker = ensure_signed(origin)?;
			let amount = Self::withdraw_matured(&prover, &staker)?;
			ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);
			if staker != prover {
				Self::drop_delegation_if_empty(&prover, &staker);
			}
			Self::remove_if_gone(&prover);
			Ok(())
		}

		/// Changes the caller's declared hardware, capacity, ask and commission.
		/// A lower commission applies at once (and drops any scheduled
		/// increase); a higher one applies `UnbondingPeriod` blocks from now
		/// (the same increase again keeps its block); the commission in force
		/// changes nothing, so updating the rest keeps a scheduled increase.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::update())]
		pub fn update(
			origin: OriginFor<T>,
			hardware: HardwareClass,
			capacity: u32,
			ask: BalanceOf<T>,
			commission: Perbill,
		) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			let mut record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			Self::ensure_capacity_valid(capacity)?;
			ensure!(u64::from(capacity) >= record.units_in_use, Error::<T>::CapacityBelowInUse);
			ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
			Self::apply_due_commission(&prover, &mut record);
			record.hardware = hardware;
			record.capacity = capacity;
			record.ask = ask;
			let pending = PendingCommission::<T>::get(&prover);
			if commission > record.commission {
				if pending.map(|(scheduled, _)| scheduled) != Some(commission) {
					let from = frame_system::Pallet::<T>::block_number()
						.saturating_add(T::UnbondingPeriod::get());
					PendingCommission::<T>::insert(&prover, (commission, from));
					Self::deposit_event(Event::CommissionIncreaseScheduled {
						prover: prover.clone(),
						commission,
						from,
					});
				}
			} else if commission < record.commission {
				PendingCommission::<T>::remove(&prover);
				record.commission = commission;
			}
			let in_force = record.commission;
			Provers::<T>::insert(&prover, record);
			Self::deposit_event(Event::Updated {
				prover,
				hardware,
				capacity,
				ask,
				commission: in_force,
			});
			Ok(())
		}

		/// Stops taking new work; assigned jobs must still be finished.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::chill())]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::set_status(
				&prover,
				ProverStatus::Active,
				ProverStatus::Chilled,
				Error::<T>::NotActive,
			)?;
			Self::deposit_event(Event::Chilled { prover, forced: false });
			Ok(())
		}

		/// Takes new work again after `chill`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::activate())]
		pub fn activate(origin: OriginFor<T>) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			let record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::ForceChilled, Error::<T>::ForceChilled);
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			Self::set_status(
				&prover,
				ProverStatus::Chilled,
				ProverStatus::Active,
				Error::<T>::NotChilled,
			)?;
			Self::deposit_event(Event::Activated { prover });
			Ok(())
		}

		/// Leaves the registry: needs no offered or locked work. The whole
		/// self-bond and every delegation start unbonding (delegators need not
		/// act); anyone may settle a staker's matured stake and rewards with
		/// [`Pallet::settle_leaving`], and the record goes once all of it is
		/// withdrawn.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::deregister(T::MaxDelegatorsPerProver::get()))]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let prover = ensure_signed(origin)?;
			let record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			ensure!(record.in_use == 0, Error::<T>::HasAssignedWork);
			let delegators = record.delegators;
			Self::leave(&prover, record, false)?;
			Ok(Some(T::WeightInfo::deregister(delegators)).into())
		}

		/// Backs `prover` with `amount` of the caller's balance. The stake is
		/// held at once and becomes active (backing the prover and earning)
		/// `DelegationWarmup` blocks later.
		///
		/// Charged for the most warmed-up delegations it may activate first;
		/// refunded down to those it did.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::delegate(Pallet::<T>::max_activations()))]
		pub fn delegate(
			origin: OriginFor<T>,
			prover: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let delegator = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			ensure!(delegator != prover, Error::<T>::CannotDelegateToSelf);
			let mut record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			let activated = Self::activate_due(&prover, &mut record);
			let existing = Delegations::<T>::get(&prover, &delegator);
			let mut delegation = match existing {
				Some(delegation) => delegation,
				None => {
					ensure!(
						record.delegators < T::MaxDelegatorsPerProver::get(),
						Error::<T>::TooManyDelegators
					);
					record.delegators.saturating_inc();
					Delegation { reward_checkpoint: record.reward_per_share, ..Default::default() }
				}
			};
			let mut warming = Warming::<T>::get(&prover);
			let warming_index = warming.iter().position(|stake| stake.delegator == delegator);
			let already_warming = warming_index.map_or(Zero::zero(), |i| warming[i].amount);
			let total = delegation.amount.saturating_add(already_warming).saturating_add(amount);
			ensure!(
				total >= CurrentParameters::<T>::get().min_delegation,
				Error::<T>::DelegationBelowMinimum
			);
			asset::hold::<T>(HoldReason::Delegation, &delegator, amount)?;
			let now = frame_system::Pallet::<T>::block_number();
			let active_from = now.saturating_add(T::DelegationWarmup::get());
			if active_from <= now {
				rewards::settle(&record, &mut delegation);
				delegation.amount.saturating_accrue(amount);
				record.delegated.saturating_accrue(amount);
			} else {
				// A top-up restarts the whole warm-up: what is added late must
				// not share rewards of jobs already running.
				match warming_index {
					Some(i) => {
						warming[i].amount.saturating_accrue(amount);
						warming[i].active_from = active_from;
					}
					None => warming
						.try_push(WarmingStake {
							delegator: delegator.clone(),
							amount,
							active_from,
						})
						.map_err(|_| Error::<T>::TooManyDelegators)?,
				}
				Warming::<T>::insert(&prover, warming);
			}
			Delegations::<T>::insert(&prover, &delegator, delegation);
			Provers::<T>::insert(&prover, record);
			Self::deposit_event(Event::Delegated { delegator, prover, amount, active_from });
			Ok(Some(T::WeightInfo::delegate(activated)).into())
		}

		/// Starts unbonding `amount` of the caller's delegation to `prover`. What
		/// stays delegated must be zero or at least `min_delegation`. Charged
		/// and refunded as [`Pallet::delegate`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::undelegate(Pallet::<T>::max_activations()))]
		pub fn undelegate(
			origin: OriginFor<T>,
			prover: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let delegator = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut record = Self::prover_record(&prover)?;
			let activated = Self::activate_due(&prover, &mut record);
			let mut delegation =
				Delegations::<T>::get(&prover, &delegator).ok_or(Error::<T>::NotDelegated)?;
			let remaining =
				delegation.amount.checked_sub(amount).ok_or(Error::<T>::NotEnoughDelegated)?;
			ensure!(
				remaining.is_zero() || remaining >= CurrentParameters::<T>::get().min_delegation,
				Error::<T>::DelegationBelowMinimum
			);
			Self::start_unbonding(&prover, &delegator, amount)?;
			rewards::settle(&record, &mut delegation);
			delegation.amount = remaining;
			record.delegated.saturating_reduce(amount);
			Delegations::<T>::insert(&prover, &delegator, delegation);
			Provers::<T>::insert(&prover, record);
			Ok(Some(T::WeightInfo::undelegate(activated)).into())
		}

		/// Pays the caller the rewards its delegation to `prover` has earned.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::claim_rewards())]
		pub fn claim_rewards(origin: OriginFor<T>, prover: T::AccountId) -> DispatchResult {
			let delegator = ensure_signed(origin)?;
			let record = Self::prover_record(&prover)?;
			let mut delegation =
				Delegations::<T>::get(&prover, &delegator).ok_or(Error::<T>::NotDelegated)?;
			rewards::settle(&record, &mut delegation);
			let amount = core::mem::take(&mut delegation.unclaimed);
			ensure!(!amount.is_zero(), Error::<T>::NoRewards);
			asset::pay_from_pot::<T>(&delegator, amount)?;
			Delegations::<T>::insert(&prover, &delegator, delegation);
			Self::deposit_event(Event::RewardsClaimed {
				delegator: delegator.clone(),
				prover: prover.clone(),
				amount,
			});
			Self::drop_delegation_if_empty(&prover, &delegator);
			Self::remove_if_gone(&prover);
			Ok(())
		}

		/// Governance: changes the parameters given as `Some`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			min_prover_bond: Option<BalanceOf<T>>,
			min_delegation: Option<BalanceOf<T>>,
			missed_deadline_slash: Option<Perbill>,
			invalid_proof_slash: Option<Perbill>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let mut parameters = CurrentParameters::<T>::get();
			if let Some(value) = min_prover_bond {
				parameters.min_prover_bond = value;
			}
			if let Some(value) = min_delegation {
				parameters.min_delegation = value;
			}
			if let Some(value) = missed_deadline_slash {
				parameters.missed_deadline_slash = value;
			}
			if let Some(value) = invalid_proof_slash {
				parameters.invalid_proof_slash = value;
			}
			ensure!(Self::parameters_valid(&parameters), Error::<T>::InvalidParameter);
			CurrentParameters::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// Governance: stops `prover` taking new work until governance lifts it.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::force_chill())]
		pub fn force_chill(origin: OriginFor<T>, prover: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let mut record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			record.status = ProverStatus::ForceChilled;
			Provers::<T>::insert(&prover, record);
			Self::deposit_event(Event::Chilled { prover, forced: true });
			Ok(())
		}

		/// Governance: lifts a forced chill; the prover stays chilled until it activates.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::lift_force_chill())]
		pub fn lift_force_chill(origin: OriginFor<T>, prover: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::set_status(
				&prover,
				ProverStatus::ForceChilled,
				ProverStatus::Chilled,
				Error::<T>::NotForceChilled,
			)?;
			Self::deposit_event(Event::ForceChillLifted { prover });
			Ok(())
		}
		/// Governance: removes `prover` from the registry as if it deregistered,
		/// even with work in hand (which stays due; the record stays until it
		/// ends). Its self-bond and every delegation start unbonding.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::deregister(T::MaxDelegatorsPerProver::get()))]
		pub fn force_remove(
			origin: OriginFor<T>,
			prover: T::AccountId,
		) -> DispatchResultWithPostInfo {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			let delegators = record.delegators;
			Self::leave(&prover, record, true)?;
			Ok(Some(T::WeightInfo::deregister(delegators)).into())
		}

		/// Anyone: returns `staker`'s matured unbonding stake on a leaving
		/// `prover` to `staker`, and pays it its unclaimed rewards, so that a
		/// leaving prover's record can go without waiting for every delegator.
		/// Nothing moves anywhere but to the staker.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::settle_leaving())]
		pub fn settle_leaving(
			origin: OriginFor<T>,
			prover: T::AccountId,
			staker: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let record = Self::prover_record(&prover)?;
			ensure!(record.status == ProverStatus::Leaving, Error::<T>::NotLeaving);
			let withdrawn = Self::withdraw_matured(&prover, &staker)?;
			let mut paid = BalanceOf::<T>::zero();
			if let Some(mut delegation) = Delegations::<T>::get(&prover, &staker) {
				rewards::settle(&record, &mut delegation);
				paid = core::mem::take(&mut delegation.unclaimed);
				// Rewards the staker's account cannot take (below the existential
				// deposit of a reaped account) stay in the pot: a dust claim must
				// not keep a leaving prover's record forever.
				if !paid.is_zero() && asset::pay_from_pot::<T>(&staker, paid).is_ok() {
					Self::deposit_event(Event::RewardsClaimed {
						delegator: staker.clone(),
						prover: prover.clone(),
						amount: paid,
					});
				}
				Delegations::<T>::insert(&prover, &staker, delegation);
				Self::drop_delegation_if_empty(&prover, &staker);
			}
			ensure!(!(withdrawn.is_zero() && paid.is_zero()), Error::<T>::NothingToWithdraw);
			Self::remove_if_gone(&prover);
			Ok(())
		}

		/// Declares the caller's services, replacing those declared before: each
		/// covers circuits (one, a workload family up to a size, or any up to a
		/// size) at an ask per work unit and a declared speed (the least
		/// deadline it accepts per work unit). Elections offer a prover only
		/// the jobs one of its services takes, at the ask of the most specific
		/// one; an empty list serves every circuit at the record's `ask`. Jobs
		/// already offered or locked keep their price.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::set_services(services.len() as u32))]
		pub fn set_services(
			origin: OriginFor<T>,
			services: BoundedVec<Service<BalanceOf<T>>, T::MaxServices>,
		) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			let record = Self::prover_record(&prover)?;
			ensure!(record.status != ProverStatus::Leaving, Error::<T>::ProverLeaving);
			for (index, service) in services.iter().enumerate() {
				if let ServiceScope::Family { name, .. } = &service.scope {
					ensure!(!name.is_empty(), Error::<T>::EmptyFamily);
				}
				ensure!(
					services[..index].iter().all(|earlier| earlier.scope != service.scope),
					Error::<T>::DuplicateService
				);
			}
			if services.is_empty() {
				Services::<T>::remove(&prover);
			} else {
				Services::<T>::insert(&prover, services.clone());
			}
			Self::deposit_event(Event::ServicesSet { prover, services });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The present decay period of reputations: blocks since genesis over
		/// `ReputationHalfLife`.
		pub fn reputation_epoch() -> u32 {
			let half_life = T::ReputationHalfLife::get().max(One::one());
			(frame_system::Pallet::<T>::block_number() / half_life).saturated_into()
		}

		/// The prover's record, or `NotRegistered`.
		pub(crate) fn prover_record(
			prover: &T::AccountId,
		) -> Result<ProverRecord<BalanceOf<T>>, DispatchError> {
			Provers::<T>::get(prover).ok_or_else(|| Error::<T>::NotRegistered.into())
		}

		fn ensure_capacity_valid(capacity: u32) -> DispatchResult {
			ensure!((1..=T::MaxCapacity::get()).contains(&capacity), Error::<T>::InvalidCapacity);
			Ok(())
		}

		pub(crate) fn parameters_valid(parameters: &Parameters<BalanceOf<T>>) -> bool {
			!parameters.min_prover_bond.is_zero() && !parameters.min_delegation.is_zero()
		}

		/// Applies `prover`'s scheduled commission increase to `record` if its
		/// block has come (the caller stores the record).
		pub(crate) fn apply_due_commission(
			prover: &T::AccountId,
			record: &mut ProverRecord<BalanceOf<T>>,
		) {
			let Some((commission, from)) = PendingCommission::<T>::get(prover) else { return };
			if from > frame_system::Pallet::<T>::block_number() {
				return;
			}
			PendingCommission::<T>::remove(prover);
			record.commission = commission;
			Self::deposit_event(Event::CommissionRaised { prover: prover.clone(), commission });
		}

		/// Moves the prover from `from` to `to`, or fails with `error`.
		fn set_status(
			prover: &T::AccountId,
			from: ProverStatus,
			to: ProverStatus,
			error: Error<T>,
		) -> DispatchResult {
			let mut record = Self::prover_record(prover)?;
			ensure!(record.status == from, error);
			record.status = to;
			Provers::<T>::insert(prover, record);
			Ok(())
		}

		/// Makes the prover's warming stake whose warm-up has passed active:
		/// each such delegation is settled at the current reward rate, then
		/// grows, and the prover's backing with it. At most
		/// `MaxDelegatorsPerProver` entries; one read when there are none.
		/// Returns how many it activated.
		pub(crate) fn activate_due(
			prover: &T::AccountId,
			record: &mut ProverRecord<BalanceOf<T>>,
		) -> u32 {
			let mut warming = Warming::<T>::get(prover);
			if warming.is_empty() {
				return 0;
			}
			let now = frame_system::Pallet::<T>::block_number();
			let before = warming.len();
			warming.retain(|stake| {
				if stake.active_from > now {
					return true;
				}
				Delegations::<T>::mutate(prover, &stake.delegator, |delegation| {
					if let Some(delegation) = delegation {
						rewards::settle(record, delegation);
						delegation.amount.saturating_accrue(stake.amount);
					}
				});
				record.delegated.saturating_accrue(stake.amount);
				false
			});
			let activated = (before - warming.len()) as u32;
			if activated == 0 {
				return 0;
			}
			if warming.is_empty() {
				Warming::<T>::remove(prover);
			} else {
				Warming::<T>::insert(prover, warming);
			}
			activated
		}

		/// Most warmed-up delegations a call by one delegator can activate:
		/// every other delegator's.
		pub fn max_activations() -> u32 {
			T::MaxDelegatorsPerProver::get().saturating_sub(1)
		}

		/// Most prover records kept, leaving ones included: twice `MaxProvers`.
		pub fn max_records() -> u32 {
			T::MaxProvers::get().saturating_mul(2)
		}

		/// Returns `staker`'s matured chunks on `prover` to its free balance;
		/// returns the amount (zero when none matured).
		pub(crate) fn withdraw_matured(
			prover: &T::AccountId,
			staker: &T::AccountId,
		) -> Result<BalanceOf<T>, DispatchError> {
			let now = frame_system::Pallet::<T>::block_number();
			let chunks = Unbonding::<T>::get(prover, staker);
			let (matured, waiting): (alloc::vec::Vec<_>, alloc::vec::Vec<_>) =
				chunks.into_iter().partition(|chunk| chunk.unlock_at <= now);
			let amount =
				matured.iter().fold(0, |sum: BalanceOf<T>, c| sum.saturating_add(c.amount));
			if amount.is_zero() {
				return Ok(amount);
			}
			asset::release::<T>(asset::stake_reason::<T>(prover, staker), staker, amount)?;
			Self::put_chunks(prover, staker, BoundedVec::truncate_from(waiting));
			Self::deposit_event(Event::Withdrawn {
				prover: prover.clone(),
				staker: staker.clone(),
				amount,
			});
			Ok(amount)
		}

		/// Moves the prover's self-bond and every active delegation to
		/// unbonding and marks it leaving. A staker whose chunk list is full
		/// has the amount added to its latest chunk, which then unlocks with
		/// the others: leaving never fails for lack of a chunk.
		fn leave(
			prover: &T::AccountId,
			mut record: ProverRecord<BalanceOf<T>>,
			forced: bool,
		) -> DispatchResult {
			let own = core::mem::take(&mut record.self_bond);
			Self::unbond_always(prover, prover, own);
			for (delegator, mut delegation) in Delegations::<T>::iter_prefix(prover) {
				rewards::settle(&record, &mut delegation);
				let amount = core::mem::take(&mut delegation.amount);
				Self::unbond_always(prover, &delegator, amount);
				record.delegated.saturating_reduce(amount);
				Delegations::<T>::insert(prover, &delegator, delegation);
			}
			// Stake still warming up leaves too.
			for stake in Warming::<T>::take(prover) {
				Self::unbond_always(prover, &stake.delegator, stake.amount);
			}
			record.status = ProverStatus::Leaving;
			Provers::<T>::insert(prover, record);
			LeavingProvers::<T>::mutate(|count| count.saturating_inc());
			Self::deposit_event(Event::Deregistered { prover: prover.clone(), forced });
			Self::remove_if_gone(prover);
			Ok(())
		}

		/// As [`Self::start_unbonding`], but a full chunk list takes the amount
		/// into its latest chunk, unlocking when the new one would.
		pub(crate) fn unbond_always(
			prover: &T::AccountId,
			staker: &T::AccountId,
			amount: BalanceOf<T>,
		) {
			if amount.is_zero() || Self::start_unbonding(prover, staker, amount).is_ok() {
				return;
			}
			let unlock_at =
				frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
			let mut chunks = Unbonding::<T>::get(prover, staker);
			if let Some(latest) = chunks.iter_mut().max_by_key(|chunk| chunk.unlock_at) {
				latest.amount.saturating_accrue(amount);
				latest.unlock_at = unlock_at;
			}
			Unbonding::<T>::insert(prover, staker, chunks);
			Self::deposit_event(Event::Unbonding {
				prover: prover.clone(),
				staker: staker.clone(),
				amount,
				unlock_at,
			});
		}

		/// Adds `amount` of `staker`'s stake on `prover` to an unbonding chunk that
		/// unlocks `UnbondingPeriod` blocks from now (merging with one unlocking at
		/// the same block). The caller updates the active amount.
		fn start_unbonding(
			prover: &T::AccountId,
			staker: &T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let unlock_at =
				frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
			let mut chunks = Unbonding::<T>::get(prover, staker);
			match chunks.iter_mut().find(|chunk| chunk.unlock_at == unlock_at) {
				Some(chunk) => chunk.amount.saturating_accrue(amount),
				None => chunks
					.try_push(UnbondingChunk { amount, unlock_at })
					.map_err(|_| Error::<T>::TooManyUnbondingChunks)?,
			}
			Unbonding::<T>::insert(prover, staker, chunks);
			Self::deposit_event(Event::Unbonding {
				prover: prover.clone(),
				staker: staker.clone(),
				amount,
				unlock_at,
			});
			Ok(())
		}

		/// Stores chunks, removing the entry when none are left.
		pub(crate) fn put_chunks(
			prover: &T::AccountId,
			staker: &T::AccountId,
			chunks: ChunksOf<T>,
		) {
			if chunks.is_empty() {
				Unbonding::<T>::remove(prover, staker);
			} else {
				Unbonding::<T>::insert(prover, staker, chunks);
			}
		}

		/// Removes a delegation with no stake, no unbonding and no unclaimed rewards.
		pub(crate) fn drop_delegation_if_empty(prover: &T::AccountId, delegator: &T::AccountId) {
			let Some(delegation) = Delegations::<T>::get(prover, delegator) else { return };
			let pending = Provers::<T>::get(prover)
				.map(|record| rewards::pending(&record, &delegation))
				.unwrap_or(delegation.unclaimed);
			let warming =
				Warming::<T>::get(prover).iter().any(|stake| stake.delegator == *delegator);
			if delegation.amount.is_zero()
				&& pending.is_zero()
				&& !warming && !Unbonding::<T>::contains_key(prover, delegator)
			{
				Delegations::<T>::remove(prover, delegator);
				Provers::<T>::mutate(prover, |record| {
					if let Some(record) = record {
						record.delegators.saturating_dec();
					}
				});
			}
		}

		/// Removes a leaving prover once nothing of its own or of its delegators
		/// remains and it holds no job.
		pub(crate) fn remove_if_gone(prover: &T::AccountId) {
			let Some(record) = Provers::<T>::get(prover) else { return };
			if record.status == ProverStatus::Leaving
				&& record.self_bond.is_zero()
				&& record.delegators == 0
				&& record.in_use == 0
				&& !Unbonding::<T>::contains_key(prover, prover)
			{
				Provers::<T>::remove(prover);
				Services::<T>::remove(prover);
				LeavingProvers::<T>::mutate(|count| count.saturating_dec());
				PendingCommission::<T>::remove(prover);
				Self::deposit_event(Event::Removed { prover: prover.clone() });
			}
		}
	}
}
