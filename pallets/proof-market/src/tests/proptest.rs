//! Random interleavings of requests, cancellations, right and wrong proofs and
//! block advances. After every step the invariants hold and a failed call left
//! storage untouched; at the end every request has ended exactly once and the
//! money balances to the plank: what requesters lost is what provers were paid
//! plus forfeited deposits, what provers lost went to the treasury, and no
//! requester ends richer than it started (failures never pay it).

use super::*;
use crate::Event;
use ::proptest::{prelude::*, test_runner::TestRunner};
use sp_runtime::StateVersion;
use std::collections::BTreeMap;

const REQUESTERS: std::ops::Range<AccountId> = 10..14;
const PROVERS: std::ops::RangeInclusive<AccountId> = 5..=7;

#[derive(Clone, Debug)]
enum Op {
	Submit {
		requester: AccountId,
		which: usize,
		fee: Balance,
		deadline: u64,
	},
	Cancel {
		requester: AccountId,
		n: u8,
	},
	/// The assignee of the `n`-th assigned request proves with proof `which`
	/// (the right one when it matches the request's input).
	Prove {
		n: u8,
		which: usize,
	},
	/// Someone other than (or maybe) the assignee submits the right proof.
	ProveAs {
		n: u8,
		who: AccountId,
	},
	Advance {
		blocks: u64,
	},
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => (REQUESTERS, 0..3usize, 0..200u128, 1..30u64)
			.prop_map(|(requester, which, fee, deadline)| Op::Submit { requester, which, fee, deadline }),
		1 => (REQUESTERS, any::<u8>()).prop_map(|(requester, n)| Op::Cancel { requester, n }),
		3 => (any::<u8>(), 0..3usize).prop_map(|(n, which)| Op::Prove { n, which }),
		1 => (any::<u8>(), 4..9 as AccountId).prop_map(|(n, who)| Op::ProveAs { n, who }),
		2 => (1..12u64).prop_map(|blocks| Op::Advance { blocks }),
	]
}

/// The `n`-th (wrapping) request id that is assigned now, with its assignee.
fn nth_assigned(n: u8) -> Option<(RequestId, AccountId)> {
	let mut assigned: Vec<_> = Requests::<Test>::iter()
		.filter_map(|(id, request)| match request.status {
			RequestStatus::Assigned { prover, .. } => Some((id, prover)),
			_ => None,
		})
		.collect();
	assigned.sort();
	(!assigned.is_empty()).then(|| assigned[usize::from(n) % assigned.len()])
}

/// Which fixture input each request was submitted with.
type Inputs = BTreeMap<RequestId, usize>;

fn apply(op: &Op, inputs: &mut Inputs) -> frame_support::dispatch::DispatchResult {
	match *op {
		Op::Submit { requester, which, fee, deadline } => {
			let id = crate::NextRequestId::<Test>::get();
			Market::submit_request(
				RuntimeOrigin::signed(requester),
				CHAIN.circuit(),
				BoundedVec::try_from(CHAIN.proofs[which].0.clone()).unwrap(),
				fee,
				deadline,
				anyone(),
			)?;
			inputs.insert(id, which);
			Ok(())
		}
		Op::Cancel { requester, n } => {
			let next = crate::NextRequestId::<Test>::get().max(1);
			Market::cancel_request(RuntimeOrigin::signed(requester), u64::from(n) % next)
		}
		Op::Prove { n, which } => match nth_assigned(n) {
			Some((id, prover)) => {
				let (_, public_inputs, proof) = CHAIN.proofs[which].clone();
				submit_proof(prover, id, public_inputs, proof).map(|_| ()).map_err(|e| e.error)
			}
			None => Ok(()),
		},
		Op::ProveAs { n, who } => match nth_assigned(n) {
			Some((id, _)) => {
				let (_, public_inputs, proof) = CHAIN.proofs[inputs[&id]].clone();
				submit_proof(who, id, public_inputs, proof).map(|_| ()).map_err(|e| e.error)
			}
			None => Ok(()),
		},
		Op::Advance { blocks } => {
			run_to_block(System::block_number() + blocks);
			Ok(())
		}
	}
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
	new_test_ext().execute_with(|| {
		for prover in PROVERS {
			register_prover(prover, MIN_BOND * 2, 10);
		}
		list(1, &CHAIN);
		System::reset_events();
		let accounts: Vec<AccountId> = REQUESTERS
			.chain(PROVERS)
			.chain([TREASURY, pallet_provers::asset::reward_pot::<Test>()])
			.collect();
		let before: BTreeMap<_, _> = accounts.iter().map(|&who| (who, total(who))).collect();
		let mut inputs = Inputs::new();

		for op in &ops {
			let root = sp_io::storage::root(StateVersion::V1);
			let result = frame_support::storage::with_storage_layer(|| apply(op, &mut inputs));
			if result.is_err() {
				prop_assert_eq!(
					sp_io::storage::root(StateVersion::V1),
					root,
					"failed step {:?} changed storage",
					op
				);
			}
			check_invariants();
		}
		// Long enough for every open request to end.
		run_to_block(System::block_number() + 400);

		let (mut paid, mut slashed, mut compensated, mut forfeited) = (0, 0, 0, 0);
		let mut ended: BTreeMap<RequestId, u32> = BTreeMap::new();
		for event in market_events() {
			match event {
				Event::RequestFulfilled { request, price, .. } => {
					paid += price;
					*ended.entry(request).or_default() += 1;
				}
				Event::RequestExpired { request, forfeited: f, .. } => {
					forfeited += f;
					*ended.entry(request).or_default() += 1;
				}
				Event::RequestCancelled { request, .. } => {
					*ended.entry(request).or_default() += 1;
				}
				Event::DeadlineMissed { slashed: s, compensated: c, .. }
				| Event::ProofRejected { slashed: s, compensated: c, .. } => {
					slashed += s;
					compensated += c;
				}
				_ => {}
			}
		}
		let submitted: Vec<_> = inputs.keys().copied().collect();
		prop_assert_eq!(ended.keys().copied().collect::<Vec<_>>(), submitted);
		prop_assert!(ended.values().all(|&count| count == 1), "a request ended twice");
		prop_assert_eq!(crate::OpenRequests::<Test>::get(), 0);

		let delta = |who: AccountId| total(who) as i128 - before[&who] as i128;
		let requesters: i128 = REQUESTERS.map(delta).sum();
		let provers: i128 =
			PROVERS.map(delta).sum::<i128>() + delta(pallet_provers::asset::reward_pot::<Test>());
		prop_assert_eq!(compensated, 0, "a requester was paid for a failure");
		prop_assert_eq!(requesters, -(paid as i128) - forfeited as i128);
		prop_assert_eq!(provers, paid as i128 - slashed as i128);
		prop_assert_eq!(delta(TREASURY), slashed as i128 + forfeited as i128);
		for requester in REQUESTERS {
			prop_assert!(delta(requester) <= 0, "requester {} ended richer", requester);
			prop_assert_eq!((escrowed(requester), deposits(requester)), (0, 0));
		}
		Ok(())
	})
}

#[test]
fn random_interleavings_lose_no_funds_and_end_every_request() {
	let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
	let mut runner = TestRunner::new(ProptestConfig { cases, ..ProptestConfig::default() });
	runner
		.run(&prop::collection::vec(op(), 1..30), run)
		.expect("no interleaving breaks the market");
}
