//! The market's behaviour in the mock runtime, with real Plonky2 proofs.
//!
//! Split by topic: listing circuits, submitting and cancelling requests,
//! offers, locks and declines, auctions and the latency guarantee, proofs and
//! settlement, the aggregated tier, deadlines and expiry, the hook's
//! overdue index entries, queries, and a
//! property test over random interleavings.

mod aggregation;
mod assignment;
mod attacks;
mod auctions;
mod book;
mod deadlines;
mod listing;
mod locking;
mod migrations;
mod overdue;
mod proofs;
mod proptest;
mod queries;
mod race;
mod requests;
mod router;

use crate::{mock::*, RequestId, RequestStatus, Requests};
use frame_support::{assert_ok, BoundedVec};
use prova_primitives::proofs::CircuitId;

/// Submits a request for `circuit` with `input`, `max_fee` and `deadline`
/// from `requester`, meeting no particular requirements; returns its id.
pub(super) fn submit_with(
	requester: AccountId,
	circuit: CircuitId,
	input: &[u8],
	max_fee: Balance,
	deadline: u64,
) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(Market::submit_request(
		RuntimeOrigin::signed(requester),
		circuit,
		BoundedVec::try_from(input.to_vec()).expect("fits"),
		max_fee,
		deadline,
		anyone(),
	));
	id
}

/// Submits a request for `fixture`'s input number `which` with `max_fee` and a
/// 10-block deadline.
pub(super) fn submit(
	requester: AccountId,
	fixture: &Fixture,
	which: usize,
	max_fee: Balance,
) -> RequestId {
	submit_with(requester, fixture.circuit(), &fixture.proofs[which].0, max_fee, 10)
}

/// The stored status of `id`.
pub(super) fn status(id: RequestId) -> RequestStatus<Test> {
	Requests::<Test>::get(id).expect("the request is stored").status
}

/// The prover `id` is offered to.
pub(super) fn offered_to(id: RequestId) -> AccountId {
	match status(id) {
		RequestStatus::Offered { prover, .. } => prover,
		other => panic!("request {id} is not offered: {other:?}"),
	}
}

/// The prover that locked `id`; if it is offered, the offered prover locks it first.
pub(super) fn assignee(id: RequestId) -> AccountId {
	if let RequestStatus::Offered { prover, .. } = status(id) {
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(prover), id));
	}
	match status(id) {
		RequestStatus::Locked { prover, .. } => prover,
		other => panic!("request {id} is not locked: {other:?}"),
	}
}

/// Funds held as `who`'s job collateral.
pub(super) fn collateral(who: AccountId) -> Balance {
	crate::escrow::held::<Test>(crate::HoldReason::JobCollateral, &who)
}

/// `prover` submits the fixture's proof number `which` for `id`.
pub(super) fn prove(prover: AccountId, id: RequestId, fixture: &Fixture, which: usize) {
	let (_, public_inputs, proof) = &fixture.proofs[which];
	assert_ok!(submit_proof(prover, id, public_inputs.clone(), proof.clone()));
}

/// `submit_proof` with any public inputs and proof bytes.
pub(super) fn submit_proof(
	prover: AccountId,
	id: RequestId,
	public_inputs: Vec<u64>,
	proof: Vec<u8>,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Market::submit_proof(
		RuntimeOrigin::signed(prover),
		id,
		BoundedVec::try_from(public_inputs).expect("fits"),
		BoundedVec::try_from(proof).expect("fits"),
	)
}

/// Fees held as escrow from `who`.
pub(super) fn escrowed(who: AccountId) -> Balance {
	crate::escrow::held::<Test>(crate::HoldReason::RequestEscrow, &who)
}

/// Free plus held balance of `who`.
pub(super) fn total(who: AccountId) -> Balance {
	<Balances as frame_support::traits::fungible::Inspect<_>>::total_balance(&who)
}

/// Request deposits held from `who`.
pub(super) fn deposits(who: AccountId) -> Balance {
	crate::escrow::held::<Test>(crate::HoldReason::RequestDeposit, &who)
}

/// Funds held as `who`'s self-bond.
pub(super) fn bonded(who: AccountId) -> Balance {
	pallet_provers::asset::held::<Test>(pallet_provers::HoldReason::ProverBond, &who)
}

/// A prover's reputation counters.
pub(super) fn reputation(who: AccountId) -> pallet_provers::Reputation {
	pallet_provers::Provers::<Test>::get(who).expect("registered").reputation
}

/// Provers in use of capacity.
pub(super) fn in_use(who: AccountId) -> u32 {
	pallet_provers::Provers::<Test>::get(who).expect("registered").in_use
}
