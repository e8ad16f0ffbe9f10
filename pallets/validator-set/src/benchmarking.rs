//! Benchmarks of the governance calls, with the set's size as the component.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

/// Fills the set with `n` distinct benchmark accounts.
fn fill_set<T: Config>(n: u32) {
	let set: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	Validators::<T>::put(frame_support::BoundedVec::truncate_from(set));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adding scans the set for duplicates: linear in its size `v`.
	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get() - 1 }>) -> Result<(), BenchmarkError> {
		fill_set::<T>(v);
		let who: T::AccountId = account("candidate", 0, 0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	/// Removing the last-added validator scans the whole set: linear in `v`.
	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		fill_set::<T>(v);
		let who: T::AccountId = account("validator", v - 1, 0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
