//! The pallet as the proof market sees it: [`ProverRegistry`].

use crate::{
	asset, election, rewards, slashing, BalanceOf, Config, CurrentParameters, Error, Event, Pallet,
	ProverStatus, Provers, Services, WeightInfo,
};
use frame_support::{ensure, storage::with_storage_layer, traits::Get};
use prova_primitives::market::{
	Compensation, Elected, JobOutcome, JobSpec, ProverRegistry, ProverRequirements,
	RequestRequirements, SlashOutcome, SlashReason,
};
use sp_runtime::{traits::Zero, DispatchError, DispatchResult, Perbill, Weight};

impl<T: Config> ProverRegistry<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn elect(
		seed: &[u8; 32],
		requirements: &ProverRequirements<BalanceOf<T>>,
		job: &JobSpec,
		exclude: &[T::AccountId],
	) -> Option<Elected<T::AccountId>> {
		election::elect::<T>(seed, requirements, job, exclude)
	}

	fn cheapest_ask(
		requirements: &RequestRequirements<BalanceOf<T>>,
		job: &JobSpec,
	) -> Option<BalanceOf<T>> {
		election::cheapest_ask::<T>(requirements, job)
	}

	fn qualified_ask(
		prover: &T::AccountId,
		requirements: &RequestRequirements<BalanceOf<T>>,
		job: &JobSpec,
	) -> Option<BalanceOf<T>> {
		let record = Provers::<T>::get(prover)?;
		let context = election::Context::now::<T>(job);
		let services = || Services::<T>::get(prover).into_inner();
		election::qualifies(&record, services, requirements, &context)
	}

	fn is_active(prover: &T::AccountId) -> bool {
		Provers::<T>::get(prover).is_some_and(|record| record.status == ProverStatus::Active)
	}

	fn reserve_capacity(
		prover: &T::AccountId,
		job: &JobSpec,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut record = Self::prover_record(prover)?;
		ensure!(record.status == ProverStatus::Active, Error::<T>::NotActive);
		ensure!(election::has_room(&record, job), Error::<T>::NoFreeCapacity);
		let ask = election::ask_for(&record, &Services::<T>::get(prover), job)
			.ok_or(Error::<T>::NotServed)?;
		Self::activate_due(prover, &mut record);
		record.in_use = record.in_use.saturating_add(1);
		record.units_in_use = record.units_in_use.saturating_add(job.units);
		record.reputation.assigned = record.reputation.assigned.saturating_add(1);
		Provers::<T>::insert(prover, record);
		Ok(ask)
	}

	fn release_capacity(prover: &T::AccountId, units: u64, outcome: JobOutcome) -> DispatchResult {
		let mut record = Self::prover_record(prover)?;
		record.in_use = record.in_use.checked_sub(1).ok_or(Error::<T>::NoCapacityReserved)?;
		// Saturating: jobs taken before capacity counted units were counted
		// as one unit each (storage version 3).
		record.units_in_use = record.units_in_use.saturating_sub(units);
		record.reputation.decay_to(Self::reputation_epoch());
		record.reputation.record(outcome);
		Provers::<T>::insert(prover, record);
		// A leaving prover whose stake is all withdrawn waited only for this job.
		Self::remove_if_gone(prover);
		Ok(())
	}

	/// One payment: [`Self::reward_many`]'s split of a single amount.
	fn reward(prover: &T::AccountId, payer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		Self::reward_many(prover, &[(payer.clone(), amount)])
	}

	/// One split of the payments' sum (see [`rewards::split_among`]): the
	/// record read and written once, commission and warm-up applied once,
	/// one event; each payer then pays its share to the prover and to the pot.
	fn reward_many(
		prover: &T::AccountId,
		payments: &[(T::AccountId, BalanceOf<T>)],
	) -> DispatchResult {
		if payments.is_empty() {
			return Ok(());
		}
		with_storage_layer(|| {
			let mut record = Self::prover_record(prover)?;
			Self::apply_due_commission(prover, &mut record);
			Self::activate_due(prover, &mut record);
			let amounts: alloc::vec::Vec<BalanceOf<T>> =
				payments.iter().map(|(_, amount)| *amount).collect();
			let amount =
				amounts.iter().fold(BalanceOf::<T>::zero(), |sum, a| sum.saturating_add(*a));
			let split = rewards::split(&record, amount);
			let pot = asset::reward_pot::<T>();
			for ((payer, paid), to_delegators) in
				payments.iter().zip(rewards::split_among(&amounts, split.to_delegators))
			{
				let to_prover = paid.saturating_sub(to_delegators);
				if !to_prover.is_zero() {
					asset::pay::<T>(payer, prover, to_prover)?;
				}
				if !to_delegators.is_zero() {
					asset::pay::<T>(payer, &pot, to_delegators)?;
				}
			}
			record.reward_per_share = split.reward_per_share;
			Provers::<T>::insert(prover, record);
			Self::deposit_event(Event::Rewarded {
				prover: prover.clone(),
				amount,
				to_prover: split.to_prover,
				to_delegators: split.to_delegators,
			});
			Ok(())
		})
	}

	fn slash_fraction(reason: SlashReason) -> Perbill {
		let parameters = CurrentParameters::<T>::get();
		match reason {
			SlashReason::MissedDeadline => parameters.missed_deadline_slash,
			SlashReason::InvalidProof => parameters.invalid_proof_slash,
		}
	}

	fn slash(
		prover: &T::AccountId,
		fraction: Perbill,
		reason: SlashReason,
		compensation: Option<Compensation<T::AccountId, BalanceOf<T>>>,
	) -> Result<SlashOutcome<BalanceOf<T>>, DispatchError> {
		with_storage_layer(|| slashing::slash::<T>(prover, fraction, reason, compensation))
	}

	fn elect_weight() -> Weight {
		T::WeightInfo::elect(Self::max_records())
	}

	fn qualify_weight() -> Weight {
		T::WeightInfo::qualify()
	}

	fn capacity_weight() -> Weight {
		T::WeightInfo::reserve_capacity().saturating_add(T::WeightInfo::release_capacity())
	}

	fn release_weight() -> Weight {
		T::WeightInfo::release_capacity()
	}

	fn reward_weight() -> Weight {
		T::WeightInfo::reward()
	}

	fn reward_many_weight(payments: u32) -> Weight {
		T::WeightInfo::reward_many(payments)
	}

	fn slash_weight() -> Weight {
		T::WeightInfo::slash(T::MaxDelegatorsPerProver::get())
	}
}
