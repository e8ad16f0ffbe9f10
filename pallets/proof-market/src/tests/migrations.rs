//! The storage migrations, from a state written in the old layout.

use super::*;
use crate::{
	migrations::{v1::RequestV0, MigrateV0ToV1},
	OpenRequestsOf, Pallet,
};
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// A version 0 request of `requester` with `status`.
fn old_request(requester: AccountId, status: RequestStatus<Test>) -> RequestV0<Test> {
	RequestV0 {
		requester,
		circuit: CHAIN.circuit(),
		input: BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
		max_fee: 100,
		deadline_blocks: 10,
		requirements: anyone(),
		submitted_at: 1,
		failed: BoundedVec::new(),
		compensated: 0,
		status,
	}
}

#[test]
fn v0_to_v1_adds_deposits_counts_open_requests_and_listings() {
	new_test_ext().execute_with(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		// Version 0 did not count a listing as a use of its circuit.
		<Verifier as prova_primitives::proofs::ProofVerifier<AccountId>>::release(&circuit);
		StorageVersion::new(0).put::<Pallet<Test>>();
		let old = [
			(0, old_request(10, RequestStatus::Queued { since: 1 })),
			(1, old_request(10, RequestStatus::Assigned { prover: 5, price: 10, deadline: 12 })),
			(2, old_request(11, RequestStatus::Cancelled { at: 1 })),
			(3, old_request(11, RequestStatus::Queued { since: 1 })),
		];
		for (id, request) in &old {
			let key = Requests::<Test>::hashed_key_for(id);
			frame_support::storage::unhashed::put_raw(&key, &request.encode());
		}
		// Version 0 left ended jobs in the deadline index, and let a listed
		// circuit be unregistered.
		crate::Deadlines::<Test>::insert(12, BoundedVec::try_from(vec![1, 2]).unwrap());
		crate::Deadlines::<Test>::insert(13, BoundedVec::try_from(vec![3]).unwrap());
		let orphan = FIBONACCI.circuit();
		crate::Listings::<Test>::insert(orphan, crate::Listings::<Test>::get(circuit).unwrap());

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		for (id, before) in old {
			let after = Requests::<Test>::get(id).expect("decodes in the new layout");
			assert_eq!(
				(after.requester, after.status, after.deposit),
				(before.requester, before.status, 0)
			);
			assert_eq!((after.max_fee, after.input.len()), (100, CHAIN.proofs[0].0.len()));
		}
		assert_eq!((OpenRequestsOf::<Test>::get(10), OpenRequestsOf::<Test>::get(11)), (2, 1));
		assert_eq!(pallet_plonky2_verifier::Circuits::<Test>::get(circuit).unwrap().users, 1);
		assert!(crate::Listings::<Test>::get(orphan).is_none());
		assert_eq!(crate::Deadlines::<Test>::get(12).into_inner(), vec![1]);
		assert!(!crate::Deadlines::<Test>::contains_key(13));

		// Run again at version 1: nothing changes.
		let before = Requests::<Test>::iter().count();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Requests::<Test>::iter().count(), before);
		assert_eq!(OpenRequestsOf::<Test>::get(10), 2);
		assert_eq!(pallet_plonky2_verifier::Circuits::<Test>::get(circuit).unwrap().users, 1);
	});
}

#[test]
fn a_new_chain_starts_at_the_current_version() {
	new_test_ext().execute_with(|| {
		assert_eq!(
			Pallet::<Test>::on_chain_storage_version(),
			Pallet::<Test>::in_code_storage_version()
		);
	});
}
