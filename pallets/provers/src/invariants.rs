//! The invariants listed in the crate docs, checked by `try_state`.

use crate::{
	asset, rewards, BalanceOf, Config, Delegations, HoldReason, Pallet, PendingCommission, Provers,
	Unbonding,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::Inspect, Get},
};
use sp_runtime::{Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant; an error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let leaving = Provers::<T>::iter_values()
			.filter(|record| record.status == crate::ProverStatus::Leaving)
			.count() as u32;
		ensure!(leaving == crate::LeavingProvers::<T>::get(), "LeavingProvers is off");
		ensure!(
			Provers::<T>::count() - leaving <= T::MaxProvers::get(),
			"more staying provers than MaxProvers"
		);
		ensure!(Provers::<T>::count() <= Pallet::<T>::max_records(), "too many prover records");
		for (prover, services) in crate::Services::<T>::iter() {
			ensure!(Provers::<T>::contains_key(&prover), "services declared for no prover");
			ensure!(!services.is_empty(), "an empty list of services stored");
			for (index, service) in services.iter().enumerate() {
				ensure!(
					services[..index].iter().all(|earlier| earlier.scope != service.scope),
					"two services of one prover with the same scope"
				);
				if let crate::ServiceScope::Family { name, .. } = &service.scope {
					ensure!(!name.is_empty(), "a family service without a family");
				}
			}
		}

		// What each staker's holds must be, per reason.
		let mut bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut delegated: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut owed_rewards: BalanceOf<T> = 0;

		for (prover, (commission, _)) in PendingCommission::<T>::iter() {
			let record =
				Provers::<T>::get(&prover).ok_or("a scheduled commission without prover")?;
			ensure!(commission > record.commission, "a scheduled commission is no increase");
			ensure!(commission <= T::MaxCommission::get(), "a scheduled commission above the max");
		}
		for (prover, record) in Provers::<T>::iter() {
			ensure!(
				record.units_in_use <= u64::from(record.capacity),
				"a prover holds more work than its capacity"
			);
			ensure!(record.commission <= T::MaxCommission::get(), "a commission above the max");
			let reputation = &record.reputation;
			ensure!(
				reputation.decay_epoch <= Pallet::<T>::reputation_epoch(),
				"a reputation decayed into the future"
			);
			let ended = [reputation.fulfilled, reputation.missed, reputation.invalid]
				.into_iter()
				.chain([reputation.declined, reputation.lapsed, record.in_use])
				.fold(0u64, |sum, count| sum.saturating_add(count.into()));
			ensure!(
				u64::from(reputation.assigned) >= ended,
				"a prover has more job outcomes and jobs in hand than offers"
			);
			bonds.entry(prover.clone()).or_default().saturating_accrue(record.self_bond);

			let mut sum = 0u128;
			let mut count = 0u32;
			for (delegator, delegation) in Delegations::<T>::iter_prefix(&prover) {
				sum.saturating_accrue(delegation.amount);
				count.saturating_inc();
				owed_rewards.saturating_accrue(rewards::pending(&record, &delegation));
				delegated.entry(delegator).or_default().saturating_accrue(delegation.amount);
			}
			ensure!(
				sum == record.delegated,
				"a prover's delegated total is not its delegations' sum"
			);
			ensure!(count == record.delegators, "a prover's delegator count is wrong");
			ensure!(
				count <= T::MaxDelegatorsPerProver::get(),
				"a prover has more than MaxDelegatorsPerProver delegators"
			);
		}

		for (prover, warming) in crate::Warming::<T>::iter() {
			ensure!(!warming.is_empty(), "an empty warming list is stored");
			ensure!(Provers::<T>::contains_key(&prover), "warming stake on an unregistered prover");
			let mut seen = alloc::collections::btree_set::BTreeSet::new();
			for stake in warming {
				ensure!(
					seen.insert(stake.delegator.clone()),
					"two warming entries of one delegator"
				);
				ensure!(
					Delegations::<T>::contains_key(&prover, &stake.delegator),
					"warming stake without a delegation record"
				);
				delegated.entry(stake.delegator).or_default().saturating_accrue(stake.amount);
			}
		}
		for (prover, staker, chunks) in Unbonding::<T>::iter() {
			ensure!(!chunks.is_empty(), "an empty unbonding entry is stored");
			ensure!(Provers::<T>::contains_key(&prover), "unbonding on an unregistered prover");
			let total = chunks.iter().fold(0u128, |sum, chunk| sum.saturating_add(chunk.amount));
			if staker == prover {
				bonds.entry(staker).or_default().saturating_accrue(total);
			} else {
				ensure!(
					Delegations::<T>::contains_key(&prover, &staker),
					"delegator unbonding without a delegation record"
				);
				delegated.entry(staker).or_default().saturating_accrue(total);
			}
		}

		for (staker, expected) in bonds {
			ensure!(
				asset::held::<T>(HoldReason::ProverBond, &staker) == expected,
				"ProverBond hold differs from the ledger"
			);
		}
		for (staker, expected) in delegated {
			ensure!(
				asset::held::<T>(HoldReason::Delegation, &staker) == expected,
				"Delegation hold differs from the ledger"
			);
		}

		let pot = asset::balance::<T>(&asset::reward_pot::<T>());
		ensure!(
			pot >= owed_rewards.saturating_add(T::Currency::minimum_balance()),
			"the reward pot cannot pay the rewards owed"
		);
		Ok(())
	}
}
