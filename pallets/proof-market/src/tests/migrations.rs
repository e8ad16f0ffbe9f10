//! The storage migrations, from a state written in the old layout.

use super::*;
use crate::{
	migrations::{
		v1::{self, RequestV0},
		MigrateV0ToV1, MigrateV1ToV2, MigrateV2ToV3, MigrateV3ToV4,
	},
	OpenRequestsOf, Pallet,
};
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// A version 0 request of `requester` with `status`.
fn old_request(requester: AccountId, status: v1::RequestStatus<Test>) -> RequestV0<Test> {
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

/// A chain at version 0 runs every step in one upgrade, as the runtime lists them.
#[test]
fn v0_to_v4_adds_deposits_counts_open_requests_and_listings_and_locks_assignments() {
	new_test_ext().execute_with(|| {
		register_prover(5, MIN_BOND, 10);
		let circuit = list(1, &CHAIN);
		// Version 0 did not count a listing as a use of its circuit.
		<Verifier as prova_primitives::proofs::ProofVerifier<AccountId>>::release(&circuit);
		StorageVersion::new(0).put::<Pallet<Test>>();
		let old = [
			(0, old_request(10, v1::RequestStatus::Queued { since: 1 })),
			(
				1,
				old_request(10, v1::RequestStatus::Assigned { prover: 5, price: 10, deadline: 12 }),
			),
			(2, old_request(11, v1::RequestStatus::Cancelled { at: 1 })),
			(3, old_request(11, v1::RequestStatus::Queued { since: 1 })),
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
		assert_eq!(v1::Requests::<Test>::get(1).unwrap().deposit, 0);
		// In-flight state the prover registry holds for the assigned request.
		pallet_provers::Provers::<Test>::mutate(5, |record| {
			let record = record.as_mut().unwrap();
			record.in_use = 1;
			record.reputation.assigned = 1;
		});
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		assert!(crate::migrations::v2::Requests::<Test>::get(1).unwrap().declined.is_empty());
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		assert!(crate::migrations::v4::Requests::<Test>::get(1).is_some());
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 4);
		crate::Jobs::<Test>::insert(5, 1, ());

		let expected = [
			RequestStatus::Queued { since: 1 },
			RequestStatus::Locked {
				prover: 5,
				price: 10,
				deadline: 12,
				collateral: 0,
				candidates: 1,
				// Its deadline less its 10 deadline blocks.
				locked_at: 2,
			},
			RequestStatus::Cancelled { at: 1 },
			RequestStatus::Queued { since: 1 },
		];
		for ((id, before), status) in old.into_iter().zip(expected) {
			let after = Requests::<Test>::get(id).expect("decodes in the new layout");
			assert_eq!(
				(after.requester, after.status, after.deposit),
				(before.requester, status, 0)
			);
			assert_eq!((after.max_fee, after.input.len()), (100, CHAIN.proofs[0].0.len()));
			assert!(after.declined.is_empty());
			assert_eq!(after.terms, crate::Terms::default());
		}
		assert_eq!((OpenRequestsOf::<Test>::get(10), OpenRequestsOf::<Test>::get(11)), (2, 1));
		assert_eq!(pallet_plonky2_verifier::Circuits::<Test>::get(circuit).unwrap().users, 1);
		assert!(crate::Listings::<Test>::get(orphan).is_none());
		assert_eq!(crate::Deadlines::<Test>::get(12).into_inner(), vec![1]);
		assert!(!crate::Deadlines::<Test>::contains_key(13));

		assert!(Requests::<Test>::iter_values().all(|request| !request.is_aggregated()));
		// Run again at version 4: nothing changes.
		let before: Vec<_> = Requests::<Test>::iter().collect();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Requests::<Test>::iter().collect::<Vec<_>>(), before);
		assert_eq!(OpenRequestsOf::<Test>::get(10), 2);
		assert_eq!(pallet_plonky2_verifier::Circuits::<Test>::get(circuit).unwrap().users, 1);

		// The migrated assignment carries on under the new rules: its deadline
		// passes, it forfeits its (zero) collateral and the request is offered again.
		System::set_block_number(12);
		// As the hook does: it takes the block's list, then handles it.
		crate::Deadlines::<Test>::remove(12);
		Market::process_deadline(1, 12);
		assert_eq!(Requests::<Test>::get(1).unwrap().failed.into_inner(), vec![5]);
		assert_eq!(status(1), RequestStatus::Queued { since: 12 });
		assert_eq!(in_use(5), 0);
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
