//! The aggregated settlement tier: claims, batches, fallback and the
//! attacks each rule is there for, with balances to the plank.
//!
//! Batches are proved by the mock's bench path ([`mock_aggregate`] of the
//! root, accepted for the circuit named by [`MockAggregation`]); the root
//! is recomputed here from `prova_primitives::aggregation`, independently
//! of the pallet. One test settles a real aggregate proof from
//! `fixtures/aggregate.*` through the real Plonky2 verifier, when the
//! fixture is there.

use super::*;
use crate::{
	aggregation::account_bytes, AggregationCircuit, Aggregators, Error, Event, Mechanism,
	OpenAggregated, Settlement, Terms, Wrappers, INPUT_COMMITMENT_LEN,
};
use frame_support::{assert_noop, assert_ok};
use prova_primitives::{
	aggregation::{self as statement, Node},
	proofs::ProofVerifier,
};

pub(super) const REQUESTER: AccountId = 10;
pub(super) const OTHER_REQUESTER: AccountId = 11;
pub(super) const FEE: Balance = 100;
/// The provers' ask per unit, and the price of a chain job (one unit).
pub(super) const ASK: Balance = 10;
/// What a job at `ASK` holds: `max(MIN_COLLATERAL, 2 × 10)`.
pub(super) const COLLATERAL: Balance = MIN_COLLATERAL;
/// The aggregator (a registered prover).
pub(super) const AGGREGATOR: AccountId = 7;
/// A second registered aggregator, the copier.
pub(super) const COPIER: AccountId = 8;
/// The wrapper verifier hash the chain circuit's owner registers.
pub(super) const WRAPPER: statement::Digest = [11, 22, 33, 44];

/// The tier set up: provers 5 and 6 and aggregator 7 (also a prover), the
/// chain circuit listed with a wrapper, and `FIBONACCI`'s circuit as the
/// (mock) aggregation circuit. Returns the merge verifier hash.
pub(super) fn setup() -> statement::Digest {
	for prover in [5, 6, AGGREGATOR, COPIER] {
		register_prover(prover, MIN_BOND, ASK);
	}
	list(1, &CHAIN);
	assert_ok!(Market::set_wrapper(RuntimeOrigin::signed(1), CHAIN.circuit(), WRAPPER));
	let bytes = BoundedVec::try_from(FIBONACCI.verifier_data.clone()).unwrap();
	assert_ok!(Verifier::register_circuit(RuntimeOrigin::signed(2), bytes));
	let merge_circuit = FIBONACCI.circuit();
	assert_ok!(Market::set_aggregation_circuit(RuntimeOrigin::root(), merge_circuit));
	MockAggregation::set(Some(merge_circuit));
	for aggregator in [AGGREGATOR, COPIER] {
		assert_ok!(Market::register_aggregator(
			RuntimeOrigin::signed(aggregator),
			BoundedVec::try_from(b"https://agg.example".to_vec()).unwrap(),
		));
	}
	<Verifier as ProofVerifier<AccountId>>::verifier_hash(&merge_circuit).expect("registered")
}

/// Aggregated terms: a Dutch auction from `ASK` (any prover locks it at
/// `ASK` in the block it is made).
pub(super) fn aggregated_terms() -> Terms<u64, Balance> {
	Terms {
		mechanism: Mechanism::Dutch { floor: ASK, ramp_blocks: 5 },
		latency: None,
		settlement: Settlement::Aggregated,
	}
}

/// `requester` asks for the chain fixture's input `which` under `terms`.
pub(super) fn submit_terms(
	requester: AccountId,
	which: usize,
	terms: Terms<u64, Balance>,
) -> frame_support::dispatch::DispatchResult {
	Market::submit_request_with_terms(
		RuntimeOrigin::signed(requester),
		CHAIN.circuit(),
		BoundedVec::try_from(CHAIN.proofs[which].0.clone()).unwrap(),
		FEE,
		10,
		anyone(),
		terms,
	)
}

/// An aggregated request of `requester` for input `which`, locked by `prover`.
pub(super) fn locked(requester: AccountId, which: usize, prover: AccountId) -> RequestId {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(submit_terms(requester, which, aggregated_terms()));
	assert_ok!(Market::lock_request(RuntimeOrigin::signed(prover), id));
	id
}

/// `prover` claims `id` with the fixture proof `which`.
pub(super) fn claim_call(
	prover: AccountId,
	id: RequestId,
	which: usize,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	let (_, public_inputs, proof) = &CHAIN.proofs[which];
	Market::claim_proof(
		RuntimeOrigin::signed(prover),
		id,
		BoundedVec::try_from(public_inputs[INPUT_COMMITMENT_LEN..].to_vec()).unwrap(),
		sp_io::hashing::blake2_256(proof),
	)
}

/// A claimed aggregated request (input `which`, claimed with its proof).
pub(super) fn claimed(requester: AccountId, which: usize, prover: AccountId) -> RequestId {
	let id = locked(requester, which, prover);
	assert_ok!(claim_call(prover, id, which));
	id
}

/// The root of a batch of `ids` (claimed with the fixture proofs `which`)
/// by `aggregator`, computed here from the statement's definition.
pub(super) fn root_of(
	aggregator: AccountId,
	batch: &[(RequestId, usize)],
	merge: &statement::Digest,
) -> statement::Digest {
	let account = account_bytes(&aggregator).unwrap();
	let leaves = batch
		.iter()
		.map(|(id, which)| Node {
			verifier: WRAPPER,
			digest: statement::leaf(&account, *id, &CHAIN.proofs[*which].1),
		})
		.collect();
	statement::root(leaves, merge).unwrap()
}

/// `settle_batch` with an aggregate for the aggregation circuit set now.
pub(super) fn settle(
	aggregator: AccountId,
	ids: &[RequestId],
	provers: u32,
	proof: Vec<u8>,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	let circuit = AggregationCircuit::<Test>::get().map(|(circuit, _)| circuit).unwrap_or_default();
	settle_for(aggregator, ids, provers, circuit, proof)
}

/// `settle_batch` with an aggregate for `circuit`.
fn settle_for(
	aggregator: AccountId,
	ids: &[RequestId],
	provers: u32,
	circuit: CircuitId,
	proof: Vec<u8>,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Market::settle_batch(
		RuntimeOrigin::signed(aggregator),
		BoundedVec::try_from(ids.to_vec()).unwrap(),
		provers,
		circuit,
		BoundedVec::try_from(proof).unwrap(),
	)
}

/// Funds held as `who`'s aggregator bond.
fn aggregator_bond(who: AccountId) -> Balance {
	crate::escrow::held::<Test>(crate::HoldReason::AggregatorBond, &who)
}

/// Every account's total, for conservation checks.
fn totals(accounts: &[AccountId]) -> Vec<Balance> {
	accounts.iter().map(|who| total(*who)).collect()
}

const EVERYONE: [AccountId; 9] =
	[1, 2, 5, 6, AGGREGATOR, COPIER, REQUESTER, OTHER_REQUESTER, TREASURY];

#[test]
fn a_batch_settles_every_claim_with_exact_balances() {
	run_test(|| {
		let merge = setup();
		let before = totals(&EVERYONE);
		let pot = total(pallet_provers::asset::reward_pot::<Test>());
		let a = claimed(REQUESTER, 0, 5);
		let b = claimed(REQUESTER, 1, 5);
		let c = claimed(OTHER_REQUESTER, 2, 6);
		assert_eq!(collateral(5), 2 * COLLATERAL);
		assert!(matches!(
			status(a),
			RequestStatus::Claimed { prover: 5, price: ASK, due, fallback: false, .. }
				if due == 1 + AGGREGATION_WINDOW
		));
		assert_eq!(OpenAggregated::<Test>::get(CHAIN.circuit()), 3);
		let batch = [(a, 0), (b, 1), (c, 2)];
		let proof = mock_aggregate(&root_of(AGGREGATOR, &batch, &merge));
		next_block();

		let info = settle(AGGREGATOR, &[a, b, c], 2, proof).expect("a valid batch settles");
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::Yes);
		assert_eq!(info.actual_weight, Some(Market::settle_batch_weight(3, 2)));

		assert_eq!(
			market_events().last(),
			Some(&Event::BatchSettled {
				aggregator: AGGREGATOR,
				requests: vec![a, b, c],
				paid: vec![(5, 2 * ASK), (6, ASK)],
				fees: 3 * AGGREGATION_FEE,
			})
		);
		for (id, which, prover) in [(a, 0, 5), (b, 1, 5), (c, 2, 6)] {
			assert_eq!(
				status(id),
				RequestStatus::Fulfilled {
					prover,
					price: ASK,
					output: BoundedVec::truncate_from(
						CHAIN.proofs[which].1[INPUT_COMMITMENT_LEN..].to_vec()
					),
					at: 2,
				}
			);
		}
		// Requesters pay the price and the aggregator's fee per request, no more.
		assert_eq!(free(REQUESTER), ENDOWMENT - 2 * (ASK + AGGREGATION_FEE));
		assert_eq!(free(OTHER_REQUESTER), ENDOWMENT - (ASK + AGGREGATION_FEE));
		assert_eq!((escrowed(REQUESTER), deposits(REQUESTER)), (0, 0));
		// Provers (no delegators) get their price and their collateral back.
		assert_eq!(free(5), ENDOWMENT - MIN_BOND + 2 * ASK);
		assert_eq!(free(6), ENDOWMENT - MIN_BOND + ASK);
		assert_eq!((collateral(5), collateral(6)), (0, 0));
		assert_eq!((in_use(5), in_use(6)), (0, 0));
		assert_eq!(reputation(5).fulfilled, 2);
		// The aggregator is paid a fee per request and keeps its bond.
		assert_eq!(free(AGGREGATOR), ENDOWMENT - MIN_BOND - AGGREGATOR_BOND + 3 * AGGREGATION_FEE);
		assert_eq!(aggregator_bond(AGGREGATOR), AGGREGATOR_BOND);
		assert_eq!(free(TREASURY), ED);
		assert_eq!(OpenAggregated::<Test>::get(CHAIN.circuit()), 0);
		// Money moved only among them.
		let after = totals(&EVERYONE);
		assert_eq!(after.iter().sum::<Balance>(), before.iter().sum::<Balance>());
		assert_eq!(total(pallet_provers::asset::reward_pot::<Test>()), pot);
	});
}

#[test]
fn a_copied_aggregate_forfeits_the_copier_and_pays_nobody() {
	run_test(|| {
		let merge = setup();
		let a = claimed(REQUESTER, 0, 5);
		let b = claimed(OTHER_REQUESTER, 1, 6);
		let proof = mock_aggregate(&root_of(AGGREGATOR, &[(a, 0), (b, 1)], &merge));
		let before = totals(&[5, 6, REQUESTER, OTHER_REQUESTER, AGGREGATOR]);
		let treasury = free(TREASURY);

		// Someone who is not an aggregator is refused outright.
		assert_noop!(settle(REQUESTER, &[a, b], 2, proof.clone()), Error::<Test>::NotAggregator);
		// Another aggregator copying it from the pool names itself in every
		// leaf: the root differs, the proof fails and it loses its bond.
		assert_ok!(settle(COPIER, &[a, b], 2, proof.clone()));
		assert_eq!(
			market_events().last(),
			Some(&Event::AggregateRejected {
				aggregator: COPIER,
				reason: prova_primitives::proofs::VerifyError::InvalidProof,
				bond: AGGREGATOR_BOND,
			})
		);
		assert!(!Aggregators::<Test>::contains_key(COPIER));
		assert_eq!(aggregator_bond(COPIER), 0);
		assert_eq!(free(TREASURY), treasury + AGGREGATOR_BOND);
		// Nobody was paid; the claims stand.
		assert_eq!(totals(&[5, 6, REQUESTER, OTHER_REQUESTER, AGGREGATOR]), before);
		assert!(matches!(status(a), RequestStatus::Claimed { fallback: false, .. }));
		// The copier can no longer try.
		assert_noop!(settle(COPIER, &[a, b], 2, proof.clone()), Error::<Test>::NotAggregator);

		// The aggregator it was made for settles with it.
		assert_ok!(settle(AGGREGATOR, &[a, b], 2, proof));
		assert!(matches!(status(a), RequestStatus::Fulfilled { prover: 5, .. }));
		assert!(matches!(status(b), RequestStatus::Fulfilled { prover: 6, .. }));
	});
}

#[test]
fn an_invalid_aggregate_forfeits_the_bond_and_the_claims_still_fall_back_and_get_paid() {
	run_test(|| {
		setup();
		let a = claimed(REQUESTER, 0, 5);
		let b = claimed(REQUESTER, 1, 6);
		let treasury = free(TREASURY);

		assert_ok!(settle(AGGREGATOR, &[a, b], 2, b"not an aggregate".to_vec()));
		assert_eq!(free(TREASURY), treasury + AGGREGATOR_BOND);
		assert!(!Aggregators::<Test>::contains_key(AGGREGATOR));
		assert_eq!(free(AGGREGATOR), ENDOWMENT - MIN_BOND - AGGREGATOR_BOND);
		assert_eq!(total(AGGREGATOR), ENDOWMENT - AGGREGATOR_BOND);

		// No batch comes: both fall back, and their provers prove them.
		run_to_block(1 + AGGREGATION_WINDOW);
		let due = 1 + AGGREGATION_WINDOW + FALLBACK_WINDOW;
		for (id, prover) in [(a, 5), (b, 6)] {
			assert!(market_events().contains(&Event::ClaimFellBack { request: id, prover, due }));
			assert!(matches!(
				status(id),
				RequestStatus::Claimed { fallback: true, due: d, .. } if d == due
			));
		}
		prove(5, a, &CHAIN, 0);
		prove(6, b, &CHAIN, 1);
		// Each prover is paid its price less the fallback charge, which the
		// treasury gets; the aggregation fee stays with the requester.
		assert_eq!(free(5), ENDOWMENT - MIN_BOND + ASK - FALLBACK_CHARGE);
		assert_eq!(free(6), ENDOWMENT - MIN_BOND + ASK - FALLBACK_CHARGE);
		assert_eq!(free(REQUESTER), ENDOWMENT - 2 * ASK);
		assert_eq!(free(TREASURY), treasury + AGGREGATOR_BOND + 2 * FALLBACK_CHARGE);
		assert_eq!((collateral(5), collateral(6)), (0, 0));
	});
}

#[test]
fn a_fallen_back_claim_accepts_only_the_claimed_proof() {
	run_test(|| {
		setup();
		let a = claimed(REQUESTER, 0, 5);
		let (_, public_inputs, proof) = CHAIN.proofs[0].clone();

		// Before the fallback the proof goes through a batch only.
		assert_noop!(
			submit_proof(5, a, public_inputs.clone(), proof.clone()),
			Error::<Test>::AwaitingBatch
		);
		run_to_block(1 + AGGREGATION_WINDOW);
		// Another valid proof of the same input is not the one claimed.
		let mut other = proof.clone();
		other.push(0);
		assert_noop!(
			submit_proof(5, a, public_inputs.clone(), other),
			Error::<Test>::ProofNotClaimed
		);
		// Public inputs other than the claimed ones are refused.
		let mut wrong = public_inputs.clone();
		*wrong.last_mut().unwrap() ^= 1;
		assert_noop!(submit_proof(5, a, wrong, proof.clone()), Error::<Test>::MalformedOutput);
		// Nobody else may submit it.
		assert_noop!(
			submit_proof(6, a, public_inputs.clone(), proof.clone()),
			Error::<Test>::NotLocker
		);

		let info = submit_proof(5, a, public_inputs, proof).unwrap();
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(
			market_events().last(),
			Some(&Event::RequestFulfilled {
				request: a,
				prover: 5,
				price: ASK - FALLBACK_CHARGE,
				refunded: FEE - ASK,
			})
		);
		assert_eq!(free(5), ENDOWMENT - MIN_BOND + ASK - FALLBACK_CHARGE);
		assert_eq!(free(REQUESTER), ENDOWMENT - ASK);
		assert_eq!(free(TREASURY), ED + FALLBACK_CHARGE);
	});
}

#[test]
fn a_fallback_that_passes_is_a_missed_deadline_with_compensation() {
	run_test(|| {
		setup();
		let a = claimed(REQUESTER, 0, 5);
		let treasury = free(TREASURY);
		let due = 1 + AGGREGATION_WINDOW + FALLBACK_WINDOW;
		run_to_block(due);

		// Half the collateral, at most the price, to the requester; the rest
		// and the missed-deadline slash to the treasury.
		let slashed = LATE_SLASH * MIN_BOND;
		assert!(market_events().contains(&Event::DeadlineMissed {
			request: a,
			prover: 5,
			collateral: COLLATERAL,
			compensated: ASK,
			slashed,
		}));
		assert_eq!(free(TREASURY), treasury + COLLATERAL - ASK + slashed);
		assert_eq!(collateral(5), 0);
		assert_eq!(in_use(5), 0);
		let request = Requests::<Test>::get(a).unwrap();
		assert_eq!(request.failed.to_vec(), vec![5]);
		assert_eq!(request.compensated, ASK);
		// The Dutch auction re-opens for the others, still aggregated.
		assert!(matches!(request.status, RequestStatus::Dutch { since, .. } if since == due));
		assert!(request.is_aggregated());
		assert_eq!(free(REQUESTER), ENDOWMENT - FEE - REQUEST_DEPOSIT + ASK);
	});
}

#[test]
fn an_invalid_claimed_proof_at_fallback_is_punished_as_an_invalid_proof() {
	run_test(|| {
		setup();
		// 5 claims input 0's output with the hash of a proof of input 1.
		let id = locked(REQUESTER, 0, 5);
		let (_, public_inputs, _) = &CHAIN.proofs[0];
		let wrong_proof = CHAIN.proofs[1].2.clone();
		assert_ok!(Market::claim_proof(
			RuntimeOrigin::signed(5),
			id,
			BoundedVec::try_from(public_inputs[INPUT_COMMITMENT_LEN..].to_vec()).unwrap(),
			sp_io::hashing::blake2_256(&wrong_proof),
		));
		run_to_block(1 + AGGREGATION_WINDOW);
		let info = submit_proof(5, id, public_inputs.clone(), wrong_proof).unwrap();
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::Yes);
		let slashed = INVALID_SLASH * MIN_BOND;
		assert!(market_events().iter().any(|event| matches!(
			event,
			Event::ProofRejected { request, prover: 5, collateral: COLLATERAL, compensated: ASK, slashed: s, .. }
				if *request == id && *s == slashed
		)));
		assert_eq!(Requests::<Test>::get(id).unwrap().failed.into_inner(), vec![5]);
		assert_eq!(bonded(5), MIN_BOND - slashed);
	});
}

#[test]
fn claims_are_refused_unless_by_the_locker_in_time_with_the_listed_output() {
	run_test(|| {
		setup();
		let id = locked(REQUESTER, 0, 5);
		let (_, public_inputs, proof) = &CHAIN.proofs[0];
		let hash = sp_io::hashing::blake2_256(proof);
		let claim = |who: AccountId, output: Vec<u64>| {
			Market::claim_proof(
				RuntimeOrigin::signed(who),
				id,
				BoundedVec::try_from(output).unwrap(),
				hash,
			)
		};
		let output = public_inputs[INPUT_COMMITMENT_LEN..].to_vec();
		assert_noop!(claim(6, output.clone()), Error::<Test>::NotLocker);
		let mut short = output.clone();
		short.pop();
		assert_noop!(claim(5, short), Error::<Test>::MalformedOutput);
		let mut long = output.clone();
		long.push(1);
		assert_noop!(claim(5, long), Error::<Test>::MalformedOutput);
		let mut non_canonical = output.clone();
		non_canonical[0] = crate::GOLDILOCKS_ORDER;
		assert_noop!(claim(5, non_canonical), Error::<Test>::MalformedOutput);
		assert_noop!(
			Market::claim_proof(RuntimeOrigin::signed(5), 99, BoundedVec::new(), hash),
			Error::<Test>::UnknownRequest
		);

		// A fast-tier request cannot be claimed.
		let direct = crate::NextRequestId::<Test>::get();
		assert_ok!(submit_terms(
			OTHER_REQUESTER,
			1,
			Terms { settlement: Settlement::Direct, ..aggregated_terms() }
		));
		assert_ok!(Market::lock_request(RuntimeOrigin::signed(6), direct));
		assert_noop!(
			Market::claim_proof(
				RuntimeOrigin::signed(6),
				direct,
				BoundedVec::try_from(output.clone()).unwrap(),
				hash
			),
			Error::<Test>::NotAggregated
		);

		// Past the deadline the job has failed and is no longer locked.
		run_to_block(1 + 10);
		assert!(Requests::<Test>::get(id).unwrap().failed.contains(&5));
		assert_noop!(claim(5, output), Error::<Test>::NotLocked);
	});
}

#[test]
fn a_valid_claim_is_free_and_moves_the_job_to_its_due_block() {
	run_test(|| {
		setup();
		let id = locked(REQUESTER, 0, 5);
		assert!(crate::Deadlines::<Test>::get(11).contains(&id));
		// Charged up front for the largest input (1024 bytes: 128 elements)...
		let (_, public_inputs, proof) = &CHAIN.proofs[0];
		let call = crate::Call::<Test>::claim_proof {
			request: id,
			output: BoundedVec::try_from(public_inputs[INPUT_COMMITMENT_LEN..].to_vec()).unwrap(),
			proof_hash: sp_io::hashing::blake2_256(proof),
		};
		use frame_support::dispatch::GetDispatchInfo;
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as crate::WeightInfo>::claim_proof(128)
		);
		let info = claim_call(5, id, 0).unwrap();
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		// ...it returns the weight of the request's own input.
		assert!(CHAIN.input_elements < 128);
		assert_eq!(
			info.actual_weight,
			Some(<() as crate::WeightInfo>::claim_proof(CHAIN.input_elements))
		);
		let due = 1 + AGGREGATION_WINDOW;
		assert!(!crate::Deadlines::<Test>::get(11).contains(&id));
		assert!(crate::Deadlines::<Test>::get(due).contains(&id));
		assert_eq!(
			market_events().last(),
			Some(&Event::ProofClaimed { request: id, prover: 5, due })
		);
		let request = Requests::<Test>::get(id).unwrap();
		assert_eq!(request.input_commitment.unwrap().to_vec(), CHAIN.proofs[0].1[..4].to_vec());
		// The client sees its claim.
		let jobs = Market::jobs(5);
		assert_eq!(jobs[0].stage, crate::JobStage::Claimed { due, fallback: false });
		// A claim is made once.
		assert_noop!(claim_call(5, id, 0), Error::<Test>::NotLocked);
	});
}

/// Governance replacing the merge circuit while claims are open: an honest
/// aggregate made for the old one is refused without forfeit and changes
/// nothing; a batch for the new one settles the same claims.
#[test]
fn a_batch_for_a_replaced_aggregation_circuit_is_refused_without_forfeit() {
	run_test(|| {
		let old_merge = setup();
		let old_circuit = FIBONACCI.circuit();
		let a = claimed(REQUESTER, 0, 5);
		let b = claimed(OTHER_REQUESTER, 1, 6);
		let batch = [(a, 0), (b, 1)];
		let stale = mock_aggregate(&root_of(AGGREGATOR, &batch, &old_merge));
		// Governance sets another merge circuit (the chain circuit: the
		// mock verifier takes it as the aggregation circuit from now on).
		let new_circuit = CHAIN.circuit();
		assert_ok!(Market::set_aggregation_circuit(RuntimeOrigin::root(), new_circuit));
		MockAggregation::set(Some(new_circuit));
		let new_merge =
			<Verifier as ProofVerifier<AccountId>>::verifier_hash(&new_circuit).unwrap();
		assert_ne!(new_merge, old_merge);
		let before = totals(&EVERYONE);

		assert_noop!(
			settle_for(AGGREGATOR, &[a, b], 2, old_circuit, stale.clone()),
			Error::<Test>::StaleAggregationCircuit
		);
		// Any circuit but the current one is refused the same way.
		assert_noop!(
			settle_for(AGGREGATOR, &[a, b], 2, sp_core::H256::repeat_byte(9), stale),
			Error::<Test>::StaleAggregationCircuit
		);
		assert_eq!(aggregator_bond(AGGREGATOR), AGGREGATOR_BOND);
		assert!(Aggregators::<Test>::contains_key(AGGREGATOR));
		assert_eq!(totals(&EVERYONE), before);
		for id in [a, b] {
			assert!(matches!(
				status(id),
				RequestStatus::Claimed { fallback: false, due, .. } if due == 1 + AGGREGATION_WINDOW
			));
		}

		let fresh = mock_aggregate(&root_of(AGGREGATOR, &batch, &new_merge));
		assert_ok!(settle_for(AGGREGATOR, &[a, b], 2, new_circuit, fresh));
		assert!(matches!(status(a), RequestStatus::Fulfilled { prover: 5, .. }));
		assert!(matches!(status(b), RequestStatus::Fulfilled { prover: 6, .. }));
		assert_eq!(aggregator_bond(AGGREGATOR), AGGREGATOR_BOND);
		assert_eq!(free(AGGREGATOR), ENDOWMENT - MIN_BOND - AGGREGATOR_BOND + 2 * AGGREGATION_FEE);
	});
}

#[test]
fn malformed_batches_are_refused_and_change_nothing() {
	run_test(|| {
		let merge = setup();
		let a = claimed(REQUESTER, 0, 5);
		let b = claimed(REQUESTER, 1, 6);
		let unclaimed = locked(OTHER_REQUESTER, 2, 5);
		let proof =
			|batch: &[(RequestId, usize)]| mock_aggregate(&root_of(AGGREGATOR, batch, &merge));

		assert_noop!(
			settle(AGGREGATOR, &[a, a], 1, proof(&[(a, 0), (a, 0)])),
			Error::<Test>::MalformedBatch
		);
		assert_noop!(
			settle(AGGREGATOR, &[a, b, a], 2, proof(&[(a, 0), (b, 1), (a, 0)])),
			Error::<Test>::MalformedBatch
		);
		// One request is no batch (a tree needs two leaves).
		assert_noop!(settle(AGGREGATOR, &[a], 1, b"one".to_vec()), Error::<Test>::MalformedBatch);
		assert_noop!(
			settle(AGGREGATOR, &[a, unclaimed], 2, proof(&[(a, 0), (unclaimed, 2)])),
			Error::<Test>::NotClaimed
		);
		assert_noop!(
			settle(AGGREGATOR, &[a, 77], 2, proof(&[(a, 0), (b, 1)])),
			Error::<Test>::UnknownRequest
		);
		// Two provers declared as one.
		assert_noop!(
			settle(AGGREGATOR, &[a, b], 1, proof(&[(a, 0), (b, 1)])),
			Error::<Test>::TooManyProvers
		);
		// A claim that fell back is the prover's now.
		run_to_block(1 + AGGREGATION_WINDOW);
		assert_noop!(
			settle(AGGREGATOR, &[a, b], 2, proof(&[(a, 0), (b, 1)])),
			Error::<Test>::NotClaimed
		);
	});
}

#[test]
fn the_tier_needs_a_wrapper_an_aggregation_circuit_and_no_race() {
	run_test(|| {
		for prover in [5, 6] {
			register_prover(prover, MIN_BOND, ASK);
		}
		list(1, &CHAIN);
		let circuit = CHAIN.circuit();
		assert_noop!(submit_terms(REQUESTER, 0, aggregated_terms()), Error::<Test>::NoWrapper);
		assert_ok!(Market::set_wrapper(RuntimeOrigin::signed(1), circuit, WRAPPER));
		assert_noop!(
			submit_terms(REQUESTER, 0, aggregated_terms()),
			Error::<Test>::NoAggregationCircuit
		);
		let bytes = BoundedVec::try_from(FIBONACCI.verifier_data.clone()).unwrap();
		assert_ok!(Verifier::register_circuit(RuntimeOrigin::signed(2), bytes));
		assert_noop!(
			Market::set_aggregation_circuit(RuntimeOrigin::signed(2), FIBONACCI.circuit()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Market::set_aggregation_circuit(RuntimeOrigin::root(), sp_core::H256::repeat_byte(3)),
			Error::<Test>::UnknownCircuit
		);
		assert_ok!(Market::set_aggregation_circuit(RuntimeOrigin::root(), FIBONACCI.circuit()));
		let merge = <Verifier as ProofVerifier<AccountId>>::verifier_hash(&FIBONACCI.circuit());
		assert_eq!(AggregationCircuit::<Test>::get(), Some((FIBONACCI.circuit(), merge.unwrap())));
		// The verifier keeps the aggregation circuit while it is set.
		assert_noop!(
			Verifier::unregister_circuit(RuntimeOrigin::signed(2), FIBONACCI.circuit()),
			pallet_plonky2_verifier::Error::<Test>::CircuitInUse
		);
		let race = Terms {
			mechanism: Mechanism::Race {
				racers: 2,
				open: true,
				decay: sp_runtime::Perbill::zero(),
				window_blocks: 2,
			},
			latency: None,
			settlement: Settlement::Aggregated,
		};
		assert_noop!(submit_terms(REQUESTER, 0, race), Error::<Test>::AggregationUnsupported);
		assert_ok!(submit_terms(REQUESTER, 0, aggregated_terms()));
	});
}

#[test]
fn the_aggregation_fee_comes_out_of_max_fee_before_any_prover_is_priced() {
	run_test(|| {
		setup();
		// A fee that pays the ask but not the ask and the aggregator is refused.
		let tight = Market::submit_request_with_terms(
			RuntimeOrigin::signed(REQUESTER),
			CHAIN.circuit(),
			BoundedVec::try_from(CHAIN.proofs[0].0.clone()).unwrap(),
			ASK + AGGREGATION_FEE - 1,
			10,
			anyone(),
			Terms { mechanism: Mechanism::Election, ..aggregated_terms() },
		);
		assert_noop!(tight, Error::<Test>::FeeBelowCheapestAsk);
		// A Dutch ramp ends at the budget: at its close the price is
		// `max_fee` less the aggregation fee.
		let id = crate::NextRequestId::<Test>::get();
		assert_ok!(submit_terms(REQUESTER, 0, aggregated_terms()));
		let request = Requests::<Test>::get(id).unwrap();
		assert_eq!(request.aggregation_fee, AGGREGATION_FEE);
		assert_eq!(request.prover_budget(), FEE - AGGREGATION_FEE);
		assert_eq!(Market::dutch_price(&request, 1, 100), FEE - AGGREGATION_FEE);
		// An election offers at most the budget: an ask above it gets nothing.
		let elected = crate::NextRequestId::<Test>::get();
		assert_ok!(Market::submit_request_with_terms(
			RuntimeOrigin::signed(OTHER_REQUESTER),
			CHAIN.circuit(),
			BoundedVec::try_from(CHAIN.proofs[1].0.clone()).unwrap(),
			ASK + AGGREGATION_FEE,
			10,
			anyone(),
			Terms { mechanism: Mechanism::Election, ..aggregated_terms() },
		));
		next_block();
		assert!(matches!(status(elected), RequestStatus::Offered { price: ASK, .. }));
	});
}

#[test]
fn an_aggregated_request_proved_without_a_claim_pays_the_fallback_charge() {
	run_test(|| {
		setup();
		let id = locked(REQUESTER, 0, 5);
		prove(5, id, &CHAIN, 0);
		assert_eq!(free(5), ENDOWMENT - MIN_BOND + ASK - FALLBACK_CHARGE);
		assert_eq!(free(REQUESTER), ENDOWMENT - ASK);
		assert_eq!(free(TREASURY), ED + FALLBACK_CHARGE);
		assert_eq!(OpenAggregated::<Test>::get(CHAIN.circuit()), 0);
	});
}

#[test]
fn a_wrapper_is_set_by_the_owner_and_never_under_open_aggregated_requests() {
	run_test(|| {
		setup();
		let circuit = CHAIN.circuit();
		assert_noop!(
			Market::set_wrapper(RuntimeOrigin::signed(2), circuit, [9; 4]),
			Error::<Test>::NotCircuitOwner
		);
		assert_noop!(
			Market::set_wrapper(RuntimeOrigin::signed(1), sp_core::H256::repeat_byte(3), [9; 4]),
			Error::<Test>::UnknownCircuit
		);
		let id = claimed(REQUESTER, 0, 5);
		assert_noop!(
			Market::set_wrapper(RuntimeOrigin::signed(1), circuit, [9; 4]),
			Error::<Test>::WrapperInUse
		);
		// Once the request ends, the owner may change it.
		run_to_block(1 + AGGREGATION_WINDOW);
		prove(5, id, &CHAIN, 0);
		assert_ok!(Market::set_wrapper(RuntimeOrigin::signed(1), circuit, [9; 4]));
		assert_eq!(Wrappers::<Test>::get(circuit), Some([9; 4]));
		assert_eq!(
			market_events().last(),
			Some(&Event::WrapperSet { circuit, verifier_hash: [9; 4] })
		);
	});
}

#[test]
fn aggregators_are_bonded_provers() {
	run_test(|| {
		register_prover(5, MIN_BOND, ASK);
		let endpoint = || BoundedVec::try_from(b"http://5".to_vec()).unwrap();
		assert_noop!(
			Market::register_aggregator(RuntimeOrigin::signed(9), endpoint()),
			Error::<Test>::NotAProver
		);
		assert_ok!(Market::register_aggregator(RuntimeOrigin::signed(5), endpoint()));
		assert_eq!(aggregator_bond(5), AGGREGATOR_BOND);
		assert_eq!(free(5), ENDOWMENT - MIN_BOND - AGGREGATOR_BOND);
		assert_eq!(
			Aggregators::<Test>::get(5).unwrap().endpoint.into_inner(),
			b"http://5".to_vec()
		);
		assert_noop!(
			Market::register_aggregator(RuntimeOrigin::signed(5), endpoint()),
			Error::<Test>::AlreadyAggregator
		);
		assert_noop!(
			Market::unregister_aggregator(RuntimeOrigin::signed(6)),
			Error::<Test>::NotAggregator
		);
		assert_ok!(Market::unregister_aggregator(RuntimeOrigin::signed(5)));
		assert_eq!(aggregator_bond(5), 0);
		assert_eq!(free(5), ENDOWMENT - MIN_BOND);
		assert_eq!(market_events().last(), Some(&Event::AggregatorUnregistered { aggregator: 5 }));
	});
}

#[test]
fn leaves_name_accounts_by_their_encoding_padded_to_32_bytes() {
	let mut six = [0u8; 32];
	six[0] = 6;
	assert_eq!(account_bytes(&6u64), Some(six));
	assert_eq!(account_bytes(&[7u8; 32]), Some([7u8; 32]));
	assert_eq!(account_bytes(&[7u8; 33]), None);
}

/// A minimal JSON reader for the fixture (numbers, strings, arrays, objects).
mod json {
	#[derive(Debug, Clone)]
	pub enum Value {
		Number(u64),
		Text(String),
		List(Vec<Value>),
		Object(Vec<(String, Value)>),
		Other,
	}

	impl Value {
		pub fn get(&self, key: &str) -> &Value {
			match self {
				Value::Object(fields) => {
					&fields.iter().find(|(k, _)| k == key).unwrap_or_else(|| panic!("no {key}")).1
				}
				_ => panic!("not an object"),
			}
		}
		pub fn number(&self) -> u64 {
			match self {
				Value::Number(n) => *n,
				other => panic!("not a number: {other:?}"),
			}
		}
		pub fn list(&self) -> &[Value] {
			match self {
				Value::List(items) => items,
				other => panic!("not a list: {other:?}"),
			}
		}
		pub fn hex(&self) -> Vec<u8> {
			let Value::Text(text) = self else { panic!("not a string") };
			let text = text.trim_start_matches("0x");
			(0..text.len() / 2)
				.map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex"))
				.collect()
		}
		pub fn digest(&self) -> [u64; 4] {
			let items: Vec<u64> = self.list().iter().map(Value::number).collect();
			items.try_into().expect("four elements")
		}
	}

	pub fn parse(text: &str) -> Value {
		let bytes = text.as_bytes();
		let mut at = 0;
		value(bytes, &mut at)
	}

	fn skip(bytes: &[u8], at: &mut usize) {
		while *at < bytes.len() && (bytes[*at] as char).is_whitespace() {
			*at += 1;
		}
	}

	fn value(bytes: &[u8], at: &mut usize) -> Value {
		skip(bytes, at);
		match bytes[*at] {
			b'{' => {
				*at += 1;
				let mut fields = Vec::new();
				loop {
					skip(bytes, at);
					if bytes[*at] == b'}' {
						*at += 1;
						return Value::Object(fields);
					}
					let Value::Text(key) = value(bytes, at) else { panic!("a key") };
					skip(bytes, at);
					assert_eq!(bytes[*at], b':');
					*at += 1;
					fields.push((key, value(bytes, at)));
					skip(bytes, at);
					if bytes[*at] == b',' {
						*at += 1;
					}
				}
			}
			b'[' => {
				*at += 1;
				let mut items = Vec::new();
				loop {
					skip(bytes, at);
					if bytes[*at] == b']' {
						*at += 1;
						return Value::List(items);
					}
					items.push(value(bytes, at));
					skip(bytes, at);
					if bytes[*at] == b',' {
						*at += 1;
					}
				}
			}
			b'"' => {
				let start = *at + 1;
				*at = start;
				while bytes[*at] != b'"' {
					*at += 1;
				}
				*at += 1;
				Value::Text(String::from_utf8(bytes[start..*at - 1].to_vec()).unwrap())
			}
			b'0'..=b'9' => {
				let start = *at;
				while *at < bytes.len() && bytes[*at].is_ascii_digit() {
					*at += 1;
				}
				Value::Number(std::str::from_utf8(&bytes[start..*at]).unwrap().parse().unwrap())
			}
			_ => {
				while *at < bytes.len() && !b",]}".contains(&bytes[*at]) {
					*at += 1;
				}
				Value::Other
			}
		}
	}
}

/// A real aggregate of two `poseidon_chain` 2^12 proofs, made for account 6
/// by `prova-fixtures --aggregate`, settles through the real Plonky2
/// verifier; the same proof sent by another aggregator forfeits its bond.
#[test]
fn a_real_aggregate_settles_through_the_plonky2_verifier() {
	let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
	let read = |name: &str| std::fs::read(dir.join(name));
	let (Ok(meta), Ok(proof), Ok(merge_vd), Ok(inner_vd)) = (
		read("aggregate.json"),
		read("aggregate.proof"),
		read("aggregate-merge.vd"),
		read("aggregate-inner.vd"),
	) else {
		println!(
			"SKIPPED a_real_aggregate_settles_through_the_plonky2_verifier: no fixture in {} \
			 (write it with `prova-fixtures --aggregate --aggregator 0x0600…00 --out {}`)",
			dir.display(),
			dir.display()
		);
		return;
	};
	let meta = json::parse(std::str::from_utf8(&meta).unwrap());
	let aggregator_bytes = meta.get("aggregator").hex();
	assert!(aggregator_bytes[8..].iter().all(|byte| *byte == 0), "a mock account (u64)");
	let aggregator = u64::from_le_bytes(aggregator_bytes[..8].try_into().unwrap());
	let leaves = meta.get("leaves").list().to_vec();
	run_test(|| {
		MockAggregation::set(None);
		for prover in [5, aggregator, COPIER] {
			register_prover(prover, MIN_BOND, ASK);
		}
		let inner = CircuitId::from(sp_io::hashing::blake2_256(&inner_vd));
		let merge = CircuitId::from(sp_io::hashing::blake2_256(&merge_vd));
		assert_ok!(Verifier::register_circuit(
			RuntimeOrigin::signed(1),
			BoundedVec::try_from(inner_vd.clone()).unwrap()
		));
		assert_ok!(Verifier::register_circuit(
			RuntimeOrigin::signed(2),
			BoundedVec::try_from(merge_vd.clone()).unwrap()
		));
		let input_elements = (leaves[0].get("input").hex().len() / 8) as u32;
		assert_ok!(Market::list_circuit(
			RuntimeOrigin::signed(1),
			inner,
			input_elements,
			BoundedVec::try_from(b"poseidon_chain/1".to_vec()).unwrap(),
		));
		assert_ok!(Market::set_wrapper(
			RuntimeOrigin::signed(1),
			inner,
			meta.get("wrapper").digest()
		));
		assert_ok!(Market::set_aggregation_circuit(RuntimeOrigin::root(), merge));
		assert_eq!(AggregationCircuit::<Test>::get().unwrap().1, meta.get("merge").digest());
		for who in [aggregator, COPIER] {
			assert_ok!(Market::register_aggregator(RuntimeOrigin::signed(who), BoundedVec::new()));
		}
		let mut ids = Vec::new();
		for leaf in &leaves {
			let id = crate::NextRequestId::<Test>::get();
			assert_eq!(id, leaf.get("request").number(), "requests numbered as in the fixture");
			assert_ok!(Market::submit_request_with_terms(
				RuntimeOrigin::signed(REQUESTER),
				inner,
				BoundedVec::try_from(leaf.get("input").hex()).unwrap(),
				FEE,
				10,
				anyone(),
				aggregated_terms(),
			));
			assert_ok!(Market::lock_request(RuntimeOrigin::signed(5), id));
			let public_inputs: Vec<u64> =
				leaf.get("public_inputs").list().iter().map(json::Value::number).collect();
			let hash: [u8; 32] = leaf.get("proof_blake2").hex().try_into().unwrap();
			assert_ok!(Market::claim_proof(
				RuntimeOrigin::signed(5),
				id,
				BoundedVec::try_from(public_inputs[INPUT_COMMITMENT_LEN..].to_vec()).unwrap(),
				hash,
			));
			ids.push(id);
		}
		let batch = Market::prepare_batch(&aggregator, &ids, 1, merge).unwrap();
		assert_eq!(batch.root, meta.get("root").digest(), "the chain's root is the fixture's");

		// Copied by another aggregator: its leaves differ, the proof fails.
		assert_ok!(settle(COPIER, &ids, 1, proof.clone()));
		assert!(!Aggregators::<Test>::contains_key(COPIER));
		assert_eq!(free(TREASURY), ED + AGGREGATOR_BOND);

		assert_ok!(settle(aggregator, &ids, 1, proof));
		let n = ids.len() as Balance;
		assert_eq!(free(REQUESTER), ENDOWMENT - n * (ASK + AGGREGATION_FEE));
		assert_eq!(free(5), ENDOWMENT - MIN_BOND + n * ASK);
		assert_eq!(free(aggregator), ENDOWMENT - MIN_BOND - AGGREGATOR_BOND + n * AGGREGATION_FEE);
		for id in ids {
			assert!(matches!(status(id), RequestStatus::Fulfilled { prover: 5, .. }));
		}
	});
}

#[test]
fn a_v3_request_migrates_into_the_fast_tier() {
	use crate::migrations::{v4, MigrateV3ToV4};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		register_prover(5, MIN_BOND, ASK);
		list(1, &CHAIN);
		let id = submit(REQUESTER, &CHAIN, 0, FEE);
		let current = Requests::<Test>::get(id).unwrap();
		StorageVersion::new(3).put::<crate::Pallet<Test>>();
		let guarantee = crate::LatencyGuarantee {
			target_blocks: 3,
			floor: sp_runtime::Perbill::from_percent(10),
		};
		let old = v4::RequestV3::<Test> {
			requester: current.requester,
			circuit: current.circuit,
			input: current.input.clone(),
			max_fee: current.max_fee,
			deadline_blocks: current.deadline_blocks,
			requirements: current.requirements,
			submitted_at: current.submitted_at,
			failed: current.failed.clone(),
			declined: current.declined.clone(),
			compensated: current.compensated,
			status: current.status.clone(),
			deposit: current.deposit,
			terms: v4::TermsV3 { mechanism: Mechanism::Election, latency: Some(guarantee) },
		};
		frame_support::storage::unhashed::put_raw(
			&Requests::<Test>::hashed_key_for(id),
			&old.encode(),
		);

		MigrateV3ToV4::<Test>::on_runtime_upgrade();

		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), 4);
		let migrated = Requests::<Test>::get(id).expect("decodes in the new layout");
		assert_eq!(
			migrated.terms,
			Terms {
				mechanism: Mechanism::Election,
				latency: Some(guarantee),
				settlement: Settlement::Direct
			}
		);
		assert_eq!((migrated.aggregation_fee, migrated.input_commitment), (0, None));
		assert_eq!((migrated.status, migrated.input), (current.status, current.input));
		// Run again at version 4: nothing changes.
		let before: Vec<_> = Requests::<Test>::iter().collect();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Requests::<Test>::iter().collect::<Vec<_>>(), before);
		check_invariants();
	});
}

#[test]
fn money_is_conserved_across_every_path_of_the_tier() {
	run_test(|| {
		let merge = setup();
		let pot = pallet_provers::asset::reward_pot::<Test>();
		let mut everyone = EVERYONE.to_vec();
		everyone.push(pot);
		let before: Balance = everyone.iter().map(|who| total(*who)).sum();
		let issuance = Balances::total_issuance();
		// A batch, a failed batch, a fallback proof and a fallback miss.
		let a = claimed(REQUESTER, 0, 5);
		let b = claimed(OTHER_REQUESTER, 1, 6);
		let c = claimed(REQUESTER, 2, 5);
		assert_ok!(settle(COPIER, &[a, b], 2, b"junk".to_vec()));
		let proof = mock_aggregate(&root_of(AGGREGATOR, &[(a, 0), (b, 1)], &merge));
		assert_ok!(settle(AGGREGATOR, &[a, b], 2, proof));
		let d = claimed(OTHER_REQUESTER, 0, 6);
		run_to_block(1 + AGGREGATION_WINDOW);
		prove(5, c, &CHAIN, 2);
		run_to_block(1 + AGGREGATION_WINDOW + FALLBACK_WINDOW);
		assert!(Requests::<Test>::get(d).unwrap().failed.contains(&6));
		let after: Balance = everyone.iter().map(|who| total(*who)).sum();
		assert_eq!(after, before);
		assert_eq!(Balances::total_issuance(), issuance);
		// Nobody lost what it did not cause: the requesters paid exactly
		// the prices and fees of what was settled, less compensation.
		let compensated = Requests::<Test>::get(d).unwrap().compensated;
		assert_eq!(compensated, ASK);
		assert_eq!(total(REQUESTER), ENDOWMENT - (ASK + AGGREGATION_FEE) - ASK,);
		assert_eq!(total(OTHER_REQUESTER), ENDOWMENT - (ASK + AGGREGATION_FEE) + compensated);
	});
}
