//! Random interleavings of requests, cancellations, locks, declines, right and
//! wrong proofs (from the locker or anyone else) and block advances: provers
//! that lock and vanish, requesters that ask the impossible and cancel. After
//! every step the invariants hold and a failed call left storage untouched; at
//! the end every request has ended exactly once and the money balances to the
//! plank: what requesters lost is what provers were paid plus forfeited
//! deposits, less the compensation they got out of forfeited collateral; what
//! provers lost (slashes and collateral) went to the treasury or, bounded by
//! the job's price, to the requester; no requester ends richer than the
//! compensation it was paid, and no prover richer than it was paid for
//! valid proofs.

use super::{collateral as collateral_of, *};
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
	/// The offered prover of the `n`-th offered request locks it.
	Lock {
		n: u8,
	},
	/// The offered prover of the `n`-th offered request declines it.
	Decline {
		n: u8,
	},
	/// The locker of the `n`-th locked request proves with proof `which`
	/// (the right one when it matches the request's input).
	Prove {
		n: u8,
		which: usize,
	},
	/// Someone other than (or maybe) the locker submits the right proof.
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
		3 => any::<u8>().prop_map(|n| Op::Lock { n }),
		1 => any::<u8>().prop_map(|n| Op::Decline { n }),
		3 => (any::<u8>(), 0..3usize).prop_map(|(n, which)| Op::Prove { n, which }),
		1 => (any::<u8>(), 4..9 as AccountId).prop_map(|(n, who)| Op::ProveAs { n, who }),
		2 => (1..12u64).prop_map(|blocks| Op::Advance { blocks }),
	]
}

/// The `n`-th (wrapping) request id that is offered (`locked` false) or
/// locked now, with its prover.
fn nth_held(n: u8, locked: bool) -> Option<(RequestId, AccountId)> {
	let mut held: Vec<_> = Requests::<Test>::iter()
		.filter_map(|(id, request)| match request.status {
			RequestStatus::Offered { prover, .. } if !locked => Some((id, prover)),
			RequestStatus::Locked { prover, .. } if locked => Some((id, prover)),
			_ => None,
		})
		.collect();
	held.sort();
	(!held.is_empty()).then(|| held[usize::from(n) % held.len()])
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
		Op::Lock { n } => match nth_held(n, false) {
			Some((id, prover)) => Market::lock_request(RuntimeOrigin::signed(prover), id),
			None => Ok(()),
		},
		Op::Decline { n } => match nth_held(n, false) {
			Some((id, prover)) => Market::decline_request(RuntimeOrigin::signed(prover), id),
			None => Ok(()),
		},
		Op::Prove { n, which } => match nth_held(n, true) {
			Some((id, prover)) => {
				let (_, public_inputs, proof) = CHAIN.proofs[which].clone();
				submit_proof(prover, id, public_inputs, proof).map(|_| ()).map_err(|e| e.error)
			}
			None => Ok(()),
		},
		Op::ProveAs { n, who } => match nth_held(n, true) {
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

		let (mut paid, mut slashed, mut compensated, mut forfeited, mut collateral) =
			(0, 0, 0, 0, 0);
		let mut paid_to: BTreeMap<AccountId, Balance> = BTreeMap::new();
		let mut compensated_to: BTreeMap<AccountId, Balance> = BTreeMap::new();
		let mut ended: BTreeMap<RequestId, u32> = BTreeMap::new();
		let mut requester_of: BTreeMap<RequestId, AccountId> = BTreeMap::new();
		for event in market_events() {
			match event {
				Event::RequestSubmitted { request, requester, .. } => {
					requester_of.insert(request, requester);
				}
				Event::RequestFulfilled { request, price, prover, .. } => {
					paid += price;
					*paid_to.entry(prover).or_default() += price;
					*ended.entry(request).or_default() += 1;
				}
				Event::RequestExpired { request, forfeited: f, .. } => {
					forfeited += f;
					*ended.entry(request).or_default() += 1;
				}
				Event::RequestCancelled { request, .. } => {
					*ended.entry(request).or_default() += 1;
				}
				Event::DeadlineMissed {
					request,
					slashed: s,
					compensated: c,
					collateral: f,
					..
				}
				| Event::ProofRejected {
					request, slashed: s, compensated: c, collateral: f, ..
				} => {
					slashed += s;
					compensated += c;
					collateral += f;
					// Every prover asks 10 for the one-unit circuit: a failure
					// pays the requester at most that price, and at most its
					// share of the collateral.
					prop_assert!(
						c <= 10 && c <= FAILURE_COMPENSATION * f,
						"compensation {} of {}",
						c,
						f
					);
					*compensated_to.entry(requester_of[&request]).or_default() += c;
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
		let (paid, slashed, compensated, forfeited, collateral) = (
			paid as i128,
			slashed as i128,
			compensated as i128,
			forfeited as i128,
			collateral as i128,
		);
		prop_assert_eq!(requesters, -paid - forfeited + compensated);
		prop_assert_eq!(provers, paid - slashed - collateral);
		prop_assert_eq!(delta(TREASURY), slashed + forfeited + collateral - compensated);
		for requester in REQUESTERS {
			let got = compensated_to.get(&requester).copied().unwrap_or(0) as i128;
			prop_assert!(
				delta(requester) <= got,
				"requester {} ended richer than compensated",
				requester
			);
			prop_assert_eq!((escrowed(requester), deposits(requester)), (0, 0));
		}
		for prover in PROVERS {
			let earned = paid_to.get(&prover).copied().unwrap_or(0) as i128;
			prop_assert!(
				delta(prover) <= earned,
				"prover {} ended richer than it was paid",
				prover
			);
			prop_assert_eq!(collateral_of(prover), 0);
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
