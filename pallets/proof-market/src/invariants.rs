//! The invariants listed in the crate docs, checked by `try_state` (and after
//! every test).

use crate::{
	escrow, Aggregators, Bids, Book, Config, Deadlines, HoldReason, Jobs, Listings, NextAskId,
	OpenAggregated, OpenRequests, OpenRequestsOf, OverdueDeadlines, Pallet, Queue, Racers,
	RequestStatus, Requests, Retiring, RetiringRange,
};
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use frame_support::{ensure, traits::Get};
use sp_runtime::{Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the crate docs.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let queue = Queue::<T>::get();
		let queued: BTreeSet<_> = queue.iter().copied().collect();
		ensure!(queued.len() == queue.len(), "a request is queued twice");

		// The deadline index: each entry once, under the block it was indexed
		// for (`None`: overdue), and no list for a block the hook has passed.
		let now = frame_system::Pallet::<T>::block_number();
		let mut indexed = BTreeMap::new();
		for id in OverdueDeadlines::<T>::get() {
			ensure!(indexed.insert(id, None).is_none(), "a request is overdue twice");
		}
		for (block, due) in Deadlines::<T>::iter() {
			ensure!(block > now, "an index list for a block the hook has passed");
			ensure!(!due.is_empty(), "an empty index list is stored");
			for id in due {
				ensure!(indexed.insert(id, Some(block)).is_none(), "a request is indexed twice");
			}
		}

		let mut open = 0u32;
		// Per requester: (fees, deposits, open requests).
		let mut escrowed: BTreeMap<T::AccountId, (u128, u128, u32)> = BTreeMap::new();
		let mut per_circuit: BTreeMap<_, u32> = BTreeMap::new();
		let mut collateral: BTreeMap<T::AccountId, u128> = BTreeMap::new();
		let mut aggregated: BTreeMap<_, u32> = BTreeMap::new();
		for (id, request) in Requests::<T>::iter() {
			if let RequestStatus::Locked { prover, collateral: held, .. }
			| RequestStatus::Claimed { prover, collateral: held, .. } = &request.status
			{
				collateral.entry(prover.clone()).or_default().saturating_accrue(*held);
			}
			if let RequestStatus::Claimed { .. } = &request.status {
				ensure!(request.is_aggregated(), "a claim of a request in the fast tier");
				ensure!(request.input_commitment.is_some(), "a claim without its commitment");
			}
			ensure!(
				request.aggregation_fee <= request.max_fee,
				"an aggregation fee above the request's fee"
			);
			if request.status.is_open() && request.is_aggregated() {
				*aggregated.entry(request.circuit).or_default() += 1;
			}
			if let RequestStatus::Racing { joined, .. } = &request.status {
				let mut racers = 0u32;
				for (racer, entry) in Racers::<T>::iter_prefix(id) {
					racers += 1;
					collateral
						.entry(racer.clone())
						.or_default()
						.saturating_accrue(entry.collateral);
					ensure!(Jobs::<T>::contains_key(&racer, id), "a racer has no job entry");
				}
				ensure!(racers == *joined, "a race's racer count is off");
			}
			if let Some((prover, _)) = request.status.holder() {
				ensure!(Jobs::<T>::contains_key(prover, id), "an offer or lock has no job entry");
			}
			if let RequestStatus::Bidding { bids, .. } = request.status {
				let stored = Bids::<T>::iter_prefix(id).count() as u32;
				ensure!(stored == bids, "an auction's bid count is off");
				ensure!(bids <= T::MaxBids::get(), "an auction has too many bids");
			}
			if let Some(due) = request.status.due() {
				ensure!(!queued.contains(&id), "a request waiting in the index is queued");
				let in_place = match indexed.remove(&id) {
					Some(Some(block)) => block == due,
					Some(None) => due <= now,
					None => false,
				};
				ensure!(
					in_place,
					"an offer, lock, claim, auction or race is missing from the index under its block"
				);
			} else if matches!(request.status, RequestStatus::Queued { .. }) {
				ensure!(queued.contains(&id), "a queued request is missing from the queue");
			} else {
				ensure!(!queued.contains(&id), "an ended request is queued");
				continue;
			}
			open += 1;
			let own = escrowed.entry(request.requester.clone()).or_default();
			own.0.saturating_accrue(request.max_fee);
			own.1.saturating_accrue(request.deposit);
			own.2 += 1;
			*per_circuit.entry(request.circuit).or_default() += 1;
		}
		ensure!(open == OpenRequests::<T>::get(), "OpenRequests is off");
		ensure!(open <= T::MaxOpenRequests::get(), "too many open requests");
		ensure!(queued.len() as u32 <= open, "the queue holds unknown requests");
		for (requester, (fees, deposits, count)) in &escrowed {
			ensure!(
				escrow::held::<T>(HoldReason::RequestEscrow, requester) == *fees,
				"escrow hold differs from open fees"
			);
			ensure!(
				escrow::held::<T>(HoldReason::RequestDeposit, requester) == *deposits,
				"deposit hold differs from open deposits"
			);
			// The per-account cap is checked at submission only: requests made
			// before it existed may exceed it.
			ensure!(OpenRequestsOf::<T>::get(requester) == *count, "OpenRequestsOf is off");
		}
		ensure!(
			OpenRequestsOf::<T>::iter_keys().all(|who| escrowed.contains_key(&who)),
			"OpenRequestsOf counts a requester with nothing open"
		);
		for (circuit, count) in OpenAggregated::<T>::iter() {
			ensure!(count > 0, "a zero count of open aggregated requests is stored");
			ensure!(
				aggregated.get(&circuit) == Some(&count),
				"OpenAggregated differs from the open aggregated requests"
			);
		}
		ensure!(
			aggregated.keys().all(|circuit| OpenAggregated::<T>::contains_key(circuit)),
			"open aggregated requests not counted"
		);
		for (aggregator, record) in Aggregators::<T>::iter() {
			ensure!(
				escrow::held::<T>(HoldReason::AggregatorBond, &aggregator) == record.bond,
				"an aggregator's bond hold differs from its bond"
			);
		}
		for (circuit, listing) in Listings::<T>::iter() {
			let expected = per_circuit.get(&circuit).copied().unwrap_or(0);
			ensure!(listing.open_requests == expected, "a listing's open count is off");
		}
		ensure!(
			Racers::<T>::iter_keys().all(|(id, _)| Requests::<T>::get(id)
				.is_some_and(|request| matches!(request.status, RequestStatus::Racing { .. }))),
			"a racer of a request not racing"
		);
		for (prover, id, ()) in Jobs::<T>::iter() {
			let held = Requests::<T>::get(id)
				.is_some_and(|request| request.status.holder().is_some_and(|(p, _)| *p == prover))
				|| Racers::<T>::contains_key(id, &prover);
			ensure!(held, "a job entry of a request the prover does not hold");
			// Provers with collateral are checked below; this one must have none.
			collateral.entry(prover).or_default();
		}
		for (prover, expected) in &collateral {
			ensure!(
				escrow::held::<T>(HoldReason::JobCollateral, prover) == *expected,
				"collateral hold differs from the locked jobs' collateral"
			);
		}
		let mut bonds: BTreeMap<T::AccountId, u128> = BTreeMap::new();
		for (id, bidder, bid) in Bids::<T>::iter() {
			let bidding = Requests::<T>::get(id)
				.is_some_and(|request| matches!(request.status, RequestStatus::Bidding { .. }));
			ensure!(bidding, "a bid for a request not in auction");
			bonds.entry(bidder).or_default().saturating_accrue(bid.bond);
		}
		for (bidder, expected) in &bonds {
			ensure!(
				escrow::held::<T>(HoldReason::BidBond, bidder) == *expected,
				"bid bond hold differs from the bidder's bids"
			);
		}
		// Every request due in the index took its entry out above.
		ensure!(indexed.is_empty(), "an index entry of a request not due then");
		let book = Book::<T>::get();
		ensure!(
			book.windows(2).all(|pair| (pair[0].price, pair[0].id) < (pair[1].price, pair[1].id)),
			"the book is not in price-time order"
		);
		ensure!(book.iter().all(|ask| ask.units > 0), "an ask with no units is on the book");
		ensure!(
			book.iter().all(|ask| ask.id < NextAskId::<T>::get()),
			"an ask numbered beyond the next"
		);
		let (head, tail) = RetiringRange::<T>::get();
		ensure!(head <= tail, "retirement range inverted");
		ensure!(
			Retiring::<T>::iter_keys().all(|index| index >= head && index < tail),
			"a retirement entry outside its range"
		);
		Ok(())
	}
}
