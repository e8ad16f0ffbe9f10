//! Random interleavings of requests under every mechanism (election,
//! sealed-bid auction with either fallback, Dutch auction, order book, with or without a
//! latency guarantee), cancellations, locks, declines, bids that are
//! revealed, revealed wrong or never revealed, Dutch locks by anyone,
//! standing asks posted, cancelled, expiring and matched, right
//! and wrong proofs (from the locker or anyone else) and block advances:
//! provers that lock and vanish, requesters that ask the impossible and
//! cancel, bidders that bid to block and withhold. Requests may choose the
//! aggregated tier: their provers claim right or wrong outputs, aggregators
//! (6 and 7, re-registering after a forfeit) batch the right claims, copy
//! each other's aggregates or send junk, and claims fall back and are
//! proved (or not) by their provers. After
//! every step the invariants hold and a failed call left storage untouched; at
//! the end every request has ended exactly once and the money balances to the
//! plank: what requesters lost is what provers were paid plus forfeited
//! deposits, less the compensation they got out of forfeited collateral; what
//! provers lost (slashes and collateral) went to the treasury or, bounded by
//! the job's price, to the requester; forfeited bid and aggregator bonds and
//! fallback charges went to the treasury, aggregation fees to aggregators;
//! no requester ends richer than the compensation it was paid,
//! and no prover richer than it was paid for valid proofs and batches.
//! Each case also draws the hook's budget of deadline index entries per
//! block (1 to 4): with a small one most ends are handled blocks late.

use super::{collateral as collateral_of, *};
use crate::{bid_commitment, Event, Fallback, LatencyGuarantee, Mechanism, Settlement, Terms};
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
		terms: Terms<u64, Balance>,
	},
	/// `who` commits a bid of `price` for the `n`-th request in auction.
	Bid {
		n: u8,
		who: AccountId,
		price: Balance,
	},
	/// The `n`-th bid whose auction is revealing is revealed, honestly or
	/// with another price.
	Reveal {
		n: u8,
		honest: bool,
	},
	/// `who` posts a standing ask.
	PostAsk {
		who: AccountId,
		price: Balance,
		units: u64,
		lifetime: u64,
	},
	/// The prover of the `n`-th ask on the book cancels it.
	CancelAsk {
		n: u8,
	},
	/// The `n`-th racer yet to commit commits, to the right proof or not.
	RaceCommit {
		n: u8,
		honest: bool,
	},
	/// The `n`-th racer yet to reveal reveals the right proof or not.
	RaceReveal {
		n: u8,
		honest: bool,
	},
	/// `who` locks the `n`-th request in a Dutch auction or joins the
	/// `n`-th race.
	LockDutch {
		n: u8,
		who: AccountId,
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
	/// The locker of the `n`-th locked aggregated request claims it, with
	/// its input's output and proof (`honest`) or another's.
	Claim {
		n: u8,
		honest: bool,
	},
	/// `who` settles up to `count` honest claims from the `n`-th on with an
	/// aggregate made for it, for another aggregator (`copy`), or junk.
	Batch {
		who: AccountId,
		copy: bool,
		n: u8,
		count: u8,
		junk: bool,
	},
	/// `who` registers as an aggregator.
	RegisterAggregator {
		who: AccountId,
	},
}

/// Provers that may aggregate.
const AGGREGATORS: [AccountId; 2] = [6, 7];

fn mechanism() -> impl Strategy<Value = Mechanism<u64, Balance>> {
	prop_oneof![
		1 => Just(Mechanism::Election),
		2 => (1..5u64, 1..5u64, any::<bool>()).prop_map(|(bid_blocks, reveal_blocks, expire)| {
			let fallback = if expire { Fallback::Expire } else { Fallback::Election };
			Mechanism::SealedBid { bid_blocks, reveal_blocks, fallback }
		}),
		1 => (0..100u128, 1..10u64)
			.prop_map(|(floor, ramp_blocks)| Mechanism::Dutch { floor, ramp_blocks }),
		1 => any::<bool>().prop_map(|expire| Mechanism::Book {
			fallback: if expire { Fallback::Expire } else { Fallback::Election },
		}),
		2 => (1..4u32, any::<bool>(), 0..=100u32, 1..4u64).prop_map(|(racers, open, decay, window_blocks)| {
			Mechanism::Race { racers, open, decay: sp_runtime::Perbill::from_percent(decay), window_blocks }
		}),
	]
}

fn terms() -> impl Strategy<Value = Terms<u64, Balance>> {
	let latency = prop::option::weighted(
		0.3,
		(1..30u64, 0..=100u32).prop_map(|(target_blocks, floor)| LatencyGuarantee {
			target_blocks,
			floor: sp_runtime::Perbill::from_percent(floor),
		}),
	);
	let settlement = prop::bool::weighted(0.3).prop_map(|aggregated| {
		if aggregated {
			Settlement::Aggregated
		} else {
			Settlement::Direct
		}
	});
	(mechanism(), latency, settlement).prop_map(|(mechanism, latency, settlement)| Terms {
		mechanism,
		latency,
		settlement,
	})
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		4 => (REQUESTERS, 0..3usize, 0..200u128, 1..30u64, terms()).prop_map(
			|(requester, which, fee, deadline, terms)| Op::Submit { requester, which, fee, deadline, terms }
		),
		4 => (any::<u8>(), 4..9 as AccountId, 0..250u128)
			.prop_map(|(n, who, price)| Op::Bid { n, who, price }),
		8 => (any::<u8>(), prop::bool::weighted(0.8))
			.prop_map(|(n, honest)| Op::Reveal { n, honest }),
		4 => (any::<u8>(), 4..9 as AccountId).prop_map(|(n, who)| Op::LockDutch { n, who }),
		2 => (4..9 as AccountId, 0..150u128, 0..4u64, 1..30u64)
			.prop_map(|(who, price, units, lifetime)| Op::PostAsk { who, price, units, lifetime }),
		1 => any::<u8>().prop_map(|n| Op::CancelAsk { n }),
		3 => (any::<u8>(), prop::bool::weighted(0.8))
			.prop_map(|(n, honest)| Op::RaceCommit { n, honest }),
		4 => (any::<u8>(), prop::bool::weighted(0.9))
			.prop_map(|(n, honest)| Op::RaceReveal { n, honest }),
		1 => (REQUESTERS, any::<u8>()).prop_map(|(requester, n)| Op::Cancel { requester, n }),
		3 => any::<u8>().prop_map(|n| Op::Lock { n }),
		1 => any::<u8>().prop_map(|n| Op::Decline { n }),
		3 => (any::<u8>(), 0..3usize).prop_map(|(n, which)| Op::Prove { n, which }),
		1 => (any::<u8>(), 4..9 as AccountId).prop_map(|(n, who)| Op::ProveAs { n, who }),
		3 => (1..3u64).prop_map(|blocks| Op::Advance { blocks }),
		1 => (3..12u64).prop_map(|blocks| Op::Advance { blocks }),
		4 => (any::<u8>(), prop::bool::weighted(0.8)).prop_map(|(n, honest)| Op::Claim { n, honest }),
		3 => (5..8 as AccountId, prop::bool::weighted(0.2), any::<u8>(), 1..6u8, prop::bool::weighted(0.1))
			.prop_map(|(who, copy, n, count, junk)| Op::Batch { who, copy, n, count, junk }),
		1 => (5..8 as AccountId).prop_map(|who| Op::RegisterAggregator { who }),
	]
}

/// Ops that drive requests through the aggregated tier: aggregated
/// elections and Dutch auctions, locks, claims (right and wrong), batches
/// (right, copied and junk), fallback proofs and block advances.
fn aggregated_op() -> impl Strategy<Value = Op> {
	let terms = (
		prop_oneof![
			1 => Just(Mechanism::Election),
			1 => (0..20u128, 1..5u64)
				.prop_map(|(floor, ramp_blocks)| Mechanism::Dutch { floor, ramp_blocks }),
		],
		prop::bool::weighted(0.9),
	)
		.prop_map(|(mechanism, aggregated)| Terms {
			mechanism,
			latency: None,
			settlement: if aggregated { Settlement::Aggregated } else { Settlement::Direct },
		});
	prop_oneof![
		4 => (REQUESTERS, 0..3usize, 10..200u128, 5..30u64, terms).prop_map(
			|(requester, which, fee, deadline, terms)| Op::Submit { requester, which, fee, deadline, terms }
		),
		3 => (any::<u8>(), 4..9 as AccountId).prop_map(|(n, who)| Op::LockDutch { n: n & !1, who }),
		6 => any::<u8>().prop_map(|n| Op::Lock { n }),
		1 => any::<u8>().prop_map(|n| Op::Decline { n }),
		6 => (any::<u8>(), prop::bool::weighted(0.8)).prop_map(|(n, honest)| Op::Claim { n, honest }),
		5 => (5..8 as AccountId, prop::bool::weighted(0.2), any::<u8>(), 1..7u8, prop::bool::weighted(0.1))
			.prop_map(|(who, copy, n, count, junk)| Op::Batch { who, copy, n, count, junk }),
		1 => (5..8 as AccountId).prop_map(|who| Op::RegisterAggregator { who }),
		3 => (any::<u8>(), 0..3usize).prop_map(|(n, which)| Op::Prove { n, which }),
		1 => (REQUESTERS, any::<u8>()).prop_map(|(requester, n)| Op::Cancel { requester, n }),
		2 => (1..3u64).prop_map(|blocks| Op::Advance { blocks }),
		1 => (5..12u64).prop_map(|blocks| Op::Advance { blocks }),
	]
}

/// Claimed requests (not fallen back) whose claim is `honest`, in order.
fn honest_claims(honest: &std::collections::BTreeSet<RequestId>) -> Vec<RequestId> {
	let mut claims: Vec<_> = Requests::<Test>::iter()
		.filter(|(id, request)| {
			honest.contains(id)
				&& matches!(request.status, RequestStatus::Claimed { fallback: false, .. })
		})
		.map(|(id, _)| id)
		.collect();
	claims.sort();
	claims
}

/// The mock aggregate of claims `ids` made for `maker`, from the statement.
fn aggregate_for(maker: AccountId, ids: &[RequestId]) -> Vec<u8> {
	use prova_primitives::aggregation::{self as statement, Node};
	let account = crate::aggregation::account_bytes(&maker).unwrap();
	let (_, merge) = crate::AggregationCircuit::<Test>::get().unwrap();
	let leaves = ids
		.iter()
		.map(|id| {
			let request = Requests::<Test>::get(id).unwrap();
			let RequestStatus::Claimed { output, .. } = &request.status else { unreachable!() };
			let mut public_inputs = request.input_commitment.unwrap().to_vec();
			public_inputs.extend(output.iter());
			Node {
				verifier: crate::Wrappers::<Test>::get(request.circuit).unwrap(),
				digest: statement::leaf(&account, *id, &public_inputs),
			}
		})
		.collect();
	match statement::root(leaves, &merge) {
		Some(root) => mock_aggregate(&root),
		None => Vec::new(),
	}
}

/// The `n`-th (wrapping) request id that is offered (`locked` false) or
/// locked now, with its prover.
fn nth_held(n: u8, locked: bool) -> Option<(RequestId, AccountId)> {
	let mut held: Vec<_> = Requests::<Test>::iter()
		.filter_map(|(id, request)| match request.status {
			RequestStatus::Offered { prover, .. } if !locked => Some((id, prover)),
			RequestStatus::Locked { prover, .. } if locked => Some((id, prover)),
			// A fallen-back claim is proved as a locked request is, and so is
			// one whose `due` passed before the hook got to it.
			RequestStatus::Claimed { prover, fallback: true, .. } if locked => Some((id, prover)),
			RequestStatus::Claimed { prover, due, .. }
				if locked && due <= System::block_number() =>
			{
				Some((id, prover))
			}
			_ => None,
		})
		.collect();
	held.sort();
	(!held.is_empty()).then(|| held[usize::from(n) % held.len()])
}

/// An auction's phase, as the ops pick requests by it.
#[derive(Clone, Copy, PartialEq)]
enum Phase {
	Commit,
	Reveal,
	/// A Dutch auction or a race: `lock_request` takes it or joins it.
	Dutch,
	Race,
}

/// The phase request `id` is in now, if in an auction.
fn phase_of(id: RequestId) -> Option<Phase> {
	match Requests::<Test>::get(id)?.status {
		RequestStatus::Bidding { bids_until, .. } if System::block_number() < bids_until => {
			Some(Phase::Commit)
		}
		RequestStatus::Bidding { .. } => Some(Phase::Reveal),
		RequestStatus::Dutch { .. } => Some(Phase::Dutch),
		RequestStatus::Racing { .. } => Some(Phase::Race),
		_ => None,
	}
}

/// The `n`-th (wrapping) of `items`, if any.
fn nth<T: Copy>(n: u8, items: &[T]) -> Option<T> {
	(!items.is_empty()).then(|| items[usize::from(n) % items.len()])
}

/// The `n`-th request id in `phase` now.
fn nth_opening(n: u8, phase: Phase) -> Option<RequestId> {
	let mut open: Vec<_> =
		Requests::<Test>::iter_keys().filter(|id| phase_of(*id) == Some(phase)).collect();
	open.sort();
	nth(n, &open)
}

/// Racers (with their race) whose entry meets `filter`, in order.
fn racers_where(filter: impl Fn(&crate::Racer<Test>) -> bool) -> Vec<(RequestId, AccountId)> {
	let mut racers: Vec<_> = crate::Racers::<Test>::iter()
		.filter(|(_, _, racer)| filter(racer))
		.map(|(id, who, _)| (id, who))
		.collect();
	racers.sort();
	racers
}

/// Which fixture input each request was submitted with.
type Inputs = BTreeMap<RequestId, usize>;

/// What each bidder committed to, by request.
type Bids = BTreeMap<(RequestId, AccountId), Balance>;

/// Claims made with their input's own output and proof.
type Honest = std::collections::BTreeSet<RequestId>;

fn apply(
	op: &Op,
	inputs: &mut Inputs,
	bids: &mut Bids,
	honest_set: &mut Honest,
) -> frame_support::dispatch::DispatchResult {
	match *op {
		Op::Submit { requester, which, fee, deadline, terms } => {
			let id = crate::NextRequestId::<Test>::get();
			Market::submit_request_with_terms(
				RuntimeOrigin::signed(requester),
				CHAIN.circuit(),
				BoundedVec::try_from(CHAIN.proofs[which].0.clone()).unwrap(),
				fee,
				deadline,
				anyone(),
				terms,
			)?;
			inputs.insert(id, which);
			Ok(())
		}
		Op::Bid { n, who, price } => match nth_opening(n, Phase::Commit) {
			Some(id) => {
				let commitment = bid_commitment(id, &price, &[who as u8; 32], &who);
				Market::commit_bid(RuntimeOrigin::signed(who), id, commitment)?;
				bids.insert((id, who), price);
				Ok(())
			}
			None => Ok(()),
		},
		Op::Reveal { n, honest } => {
			let revealing: Vec<_> = bids
				.iter()
				.filter(|((id, _), _)| phase_of(*id) == Some(Phase::Reveal))
				.map(|(key, price)| (*key, *price))
				.collect();
			match nth(n, &revealing) {
				Some(((id, who), committed)) => {
					let price = if honest { committed } else { committed + 1 };
					Market::reveal_bid(RuntimeOrigin::signed(who), id, price, [who as u8; 32])
				}
				None => Ok(()),
			}
		}
		Op::PostAsk { who, price, units, lifetime } => Market::post_ask(
			RuntimeOrigin::signed(who),
			prova_primitives::market::ServiceScope::Any { max_degree_bits: 20 },
			price,
			units,
			2,
			lifetime,
		),
		Op::CancelAsk { n } => {
			let book = crate::Book::<Test>::get();
			match nth(n, &book.iter().map(|ask| (ask.id, ask.prover)).collect::<Vec<_>>()) {
				Some((ask, prover)) => Market::cancel_ask(RuntimeOrigin::signed(prover), ask),
				None => Ok(()),
			}
		}
		Op::RaceCommit { n, honest } => {
			let waiting = racers_where(|racer| racer.commitment.is_none());
			match nth(n, &waiting) {
				Some((id, who)) => {
					let which = (inputs[&id] + usize::from(!honest)) % 3;
					let (_, public_inputs, proof) = &CHAIN.proofs[which];
					let commitment = crate::race::proof_commitment(id, public_inputs, proof, &who);
					Market::commit_proof(RuntimeOrigin::signed(who), id, commitment)
				}
				None => Ok(()),
			}
		}
		Op::RaceReveal { n, honest } => {
			let waiting =
				racers_where(|racer| racer.commitment.is_some() && racer.output.is_none());
			match nth(n, &waiting) {
				Some((id, who)) => {
					let which = (inputs[&id] + usize::from(!honest)) % 3;
					let (_, public_inputs, proof) = CHAIN.proofs[which].clone();
					submit_proof(who, id, public_inputs, proof).map(|_| ()).map_err(|e| e.error)
				}
				None => Ok(()),
			}
		}
		Op::LockDutch { n, who } => {
			let phase = if n % 2 == 0 { Phase::Dutch } else { Phase::Race };
			match nth_opening(n / 2, phase) {
				Some(id) => {
					// An elected race is joined by one of its invited provers.
					let who = match status(id) {
						RequestStatus::Racing { invited, .. } if !invited.is_empty() => {
							invited[who as usize % invited.len()]
						}
						_ => who,
					};
					Market::lock_request(RuntimeOrigin::signed(who), id)
				}
				None => Ok(()),
			}
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
		Op::Claim { n, honest } => {
			let mut locked: Vec<_> = Requests::<Test>::iter()
				.filter_map(|(id, request)| match request.status {
					RequestStatus::Locked { prover, .. } if request.is_aggregated() => {
						Some((id, prover))
					}
					_ => None,
				})
				.collect();
			locked.sort();
			match nth(n, &locked) {
				Some((id, prover)) => {
					let which = (inputs[&id] + usize::from(!honest)) % 3;
					let (_, public_inputs, proof) = &CHAIN.proofs[which];
					Market::claim_proof(
						RuntimeOrigin::signed(prover),
						id,
						BoundedVec::try_from(public_inputs[4..].to_vec()).unwrap(),
						sp_io::hashing::blake2_256(proof),
					)
					.map_err(|e| e.error)?;
					if honest {
						honest_set.insert(id);
					} else {
						honest_set.remove(&id);
					}
					Ok(())
				}
				None => Ok(()),
			}
		}
		Op::Batch { who, copy, n, count, junk } => {
			let maker = if copy {
				if who == 7 {
					6
				} else {
					7
				}
			} else {
				who
			};
			let claims = honest_claims(honest_set);
			if claims.is_empty() {
				return Ok(());
			}
			let start = usize::from(n) % claims.len();
			let ids: Vec<_> = claims
				.iter()
				.cycle()
				.skip(start)
				.take(usize::from(count).min(claims.len()))
				.copied()
				.collect();
			let proof = if junk { b"junk".to_vec() } else { aggregate_for(maker, &ids) };
			let (circuit, _) = crate::AggregationCircuit::<Test>::get().unwrap();
			Market::settle_batch(
				RuntimeOrigin::signed(who),
				BoundedVec::try_from(ids).unwrap(),
				3,
				circuit,
				BoundedVec::try_from(proof).unwrap(),
			)
			.map(|_| ())
			.map_err(|e| e.error)
		}
		Op::RegisterAggregator { who } => Market::register_aggregator(
			RuntimeOrigin::signed(who),
			BoundedVec::try_from(b"http://agg".to_vec()).unwrap(),
		),
	}
}

/// Runs `ops` with the hook handling at most `budget` deadline index
/// entries per block: with a small budget most ends are handled late (the
/// rest carried in `OverdueDeadlines`), which must change no outcome.
fn run((budget, ops): (u32, Vec<Op>)) -> Result<(), TestCaseError> {
	MaxDeadlinesPerBlock::set(budget);
	new_test_ext().execute_with(|| {
		for prover in PROVERS {
			register_prover(prover, MIN_BOND * 2, 10);
		}
		list(1, &CHAIN);
		// The aggregated tier: a wrapper, a (mock) aggregation circuit and
		// two aggregators.
		assert_ok!(Market::set_wrapper(RuntimeOrigin::signed(1), CHAIN.circuit(), [1, 2, 3, 4]));
		let merge = BoundedVec::try_from(FIBONACCI.verifier_data.clone()).unwrap();
		assert_ok!(Verifier::register_circuit(RuntimeOrigin::signed(2), merge));
		assert_ok!(Market::set_aggregation_circuit(RuntimeOrigin::root(), FIBONACCI.circuit()));
		MockAggregation::set(Some(FIBONACCI.circuit()));
		for who in AGGREGATORS {
			assert_ok!(Market::register_aggregator(RuntimeOrigin::signed(who), BoundedVec::new()));
		}
		System::reset_events();
		let accounts: Vec<AccountId> = REQUESTERS
			.chain(PROVERS)
			.chain([TREASURY, pallet_provers::asset::reward_pot::<Test>()])
			.collect();
		let before: BTreeMap<_, _> = accounts.iter().map(|&who| (who, total(who))).collect();
		let mut inputs = Inputs::new();
		let mut bids = Bids::new();
		let mut honest = Honest::new();

		for op in &ops {
			let root = sp_io::storage::root(StateVersion::V1);
			let result = frame_support::storage::with_storage_layer(|| {
				apply(op, &mut inputs, &mut bids, &mut honest)
			});
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

		let (mut paid, mut slashed, mut compensated, mut forfeited, mut collateral, mut bonds) =
			(0, 0, 0, 0, 0, 0);
		// The aggregated tier: fees to aggregators, fallback charges and
		// aggregator bonds to the treasury.
		let (mut fees, mut charges, mut aggregator_bonds) = (0, 0, 0);
		let mut max_fee_of: BTreeMap<RequestId, Balance> = BTreeMap::new();
		let mut locked_price: BTreeMap<RequestId, Balance> = BTreeMap::new();
		// Races: what each racer is paid in full, and the races settled.
		let mut racer_price: BTreeMap<RequestId, Balance> = BTreeMap::new();
		let mut raced = std::collections::BTreeSet::new();
		let mut paid_to: BTreeMap<AccountId, Balance> = BTreeMap::new();
		let mut compensated_to: BTreeMap<AccountId, Balance> = BTreeMap::new();
		let mut ended: BTreeMap<RequestId, u32> = BTreeMap::new();
		let mut requester_of: BTreeMap<RequestId, AccountId> = BTreeMap::new();
		for event in market_events() {
			match event {
				Event::RequestSubmitted { request, requester, max_fee, terms, .. } => {
					requester_of.insert(request, requester);
					max_fee_of.insert(request, max_fee);
					if let Mechanism::Race { racers, .. } = terms.mechanism {
						racer_price.insert(request, max_fee / Balance::from(racers));
					}
				}
				Event::RaceSettled { request, paid: shares } => {
					raced.insert(request);
					for (racer, amount) in shares {
						prop_assert!(amount <= racer_price[&request]);
						*paid_to.entry(racer).or_default() += amount;
					}
				}
				Event::RequestLocked { request, price, .. } => {
					locked_price.insert(request, price);
				}
				Event::BidForfeited { bond, .. } => bonds += bond,
				Event::BatchSettled { aggregator, requests, paid: shares, fees: f } => {
					for (prover, amount) in shares {
						paid += amount;
						*paid_to.entry(prover).or_default() += amount;
					}
					fees += f;
					*paid_to.entry(aggregator).or_default() += f;
					for request in requests {
						*ended.entry(request).or_default() += 1;
					}
				}
				Event::AggregateRejected { bond, .. } => aggregator_bonds += bond,
				Event::RequestFulfilled { request, price, prover, refunded } => {
					// What the requester paid beyond the prover's price went
					// to the treasury: the fallback charge.
					charges += max_fee_of[&request] - refunded - price;
					paid += price;
					if !raced.contains(&request) {
						// Never more than the price it was locked at.
						prop_assert!(price <= locked_price[&request]);
						*paid_to.entry(prover).or_default() += price;
					}
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
					// A failure pays the requester at most the price the job
					// was locked at, and at most its share of the collateral.
					let cap = racer_price.get(&request).or(locked_price.get(&request)).copied();
					prop_assert!(
						Some(c) <= cap && c <= FAILURE_COMPENSATION * f,
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
		let (paid, slashed, compensated, forfeited, collateral, bonds) = (
			paid as i128,
			slashed as i128,
			compensated as i128,
			forfeited as i128,
			collateral as i128,
			bonds as i128,
		);
		let (fees, charges, aggregator_bonds) =
			(fees as i128, charges as i128, aggregator_bonds as i128);
		// Bidders outside the provers (4 and 8) are refused before holding anything.
		prop_assert_eq!(requesters, -paid - fees - charges - forfeited + compensated);
		prop_assert_eq!(provers, paid + fees - slashed - collateral - bonds - aggregator_bonds);
		prop_assert_eq!(
			delta(TREASURY),
			slashed + forfeited + collateral + bonds + aggregator_bonds + charges - compensated
		);
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
			prop_assert_eq!(crate::escrow::held::<Test>(crate::HoldReason::BidBond, &prover), 0);
		}
		prop_assert_eq!(crate::Bids::<Test>::iter().count(), 0);
		Ok(())
	})
}

#[test]
fn random_aggregated_interleavings_lose_no_funds_and_end_every_request() {
	let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
	let mut runner = TestRunner::new(ProptestConfig { cases, ..ProptestConfig::default() });
	runner
		.run(&(1..=4u32, prop::collection::vec(aggregated_op(), 1..80)), run)
		.expect("no interleaving breaks the aggregated tier");
}

#[test]
fn random_interleavings_lose_no_funds_and_end_every_request() {
	let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
	let mut runner = TestRunner::new(ProptestConfig { cases, ..ProptestConfig::default() });
	runner
		.run(&(1..=4u32, prop::collection::vec(op(), 1..60)), run)
		.expect("no interleaving breaks the market");
}
