//! The auctions: a request's opening by its terms, sealed bids and their
//! settlement, and the Dutch auction's price (in `lifecycle.rs`, beside the
//! lock it feeds).
//!
//! ## Sealed-bid second-price auction
//! A bid is a commitment `blake2_256(SCALE(request, price, salt, bidder))`:
//! the bidder is inside the hash, so a commitment copied from the pool is
//! worthless to anyone else, and the request is, so it cannot be replayed in
//! another auction. Each bid holds [`Config::BidBond`] until settlement.
//! Reveals open when bids close, so no bid can be chosen after seeing
//! another's price.
//!
//! At settlement the revealed bids are ordered by price, ties by
//! `blake2_256(election seed ‖ bidder)` (unknown while bidding). The first
//! bidder that still qualifies and can hold the collateral locks the request
//! at the **next** bid's price times the work units (the second price), or
//! its own when it is the last. Bidding one's true cost is then a dominant
//! strategy: a bid decides only *whether* one wins, never what one is paid,
//! so shading above cost can only lose profitable jobs and shading below can
//! only win losing ones. A winner that cannot hold its collateral forfeits
//! its bond and the next bid wins at the bid after it; a winner that no
//! longer qualifies, or has no free capacity, is passed over without
//! forfeit. Unrevealed bids forfeit their bond, so nobody can bid to look
//! like competition and then withhold.
//!
//! An auction with no winner takes the request's [`Fallback`]: an election
//! among eligible provers, or expiry (the deposit is then forfeited only if
//! nobody bid at all, as for a request never offered to anyone).
//!
//! **Cost per block.** A settlement reads and removes at most
//! [`Config::MaxBids`] bids and checks each revealed bidder's qualification;
//! the hook handles at most [`Config::MaxDeadlinesPerBlock`] index entries
//! per block (auctions share the deadline index with offers and locks), each
//! auction weighed at `settle_auction(bids)`. An auction the hook reaches
//! after its reveal window settles as it would have then: no bid or reveal
//! is taken once the window ends.

use crate::{
	escrow, BalanceOf, Bid, Bids, Config, Error, Event, Fallback, HoldReason, Mechanism, Pallet,
	Request, RequestId, RequestStatus, Requests, Terms,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::market::ProverRegistry;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

/// The commitment of a sealed bid: `blake2_256(SCALE(request, price, salt, bidder))`.
pub fn bid_commitment<AccountId: Encode, Balance: Encode>(
	request: RequestId,
	price: &Balance,
	salt: &[u8; 32],
	bidder: &AccountId,
) -> [u8; 32] {
	sp_io::hashing::blake2_256(&(request, price, salt, bidder).encode())
}

impl<T: Config> Pallet<T> {
	/// A new request's first status under `terms`, checking their
	/// parameters: queued for an election, bidding, racing or in a Dutch
	/// auction (the caller indexes its end). `max_fee` is what the provers
	/// may be paid: the request's prover budget.
	pub(crate) fn opening_status(
		terms: &Terms<BlockNumberFor<T>, BalanceOf<T>>,
		deadline: BlockNumberFor<T>,
		max_fee: BalanceOf<T>,
		min_fee: BalanceOf<T>,
		work_units: u64,
		now: BlockNumberFor<T>,
	) -> Result<RequestStatus<T>, DispatchError> {
		if let Some(latency) = terms.latency {
			ensure!(
				!latency.target_blocks.is_zero() && latency.target_blocks < deadline,
				Error::<T>::LatencyTargetOutOfRange
			);
		}
		let window = |blocks: BlockNumberFor<T>| {
			(!blocks.is_zero() && blocks <= T::MaxBidBlocks::get())
				.then_some(blocks)
				.ok_or(Error::<T>::BidWindowOutOfRange)
		};
		match terms.mechanism {
			// A book request is matched as soon as it is stored, else queued.
			Mechanism::Election | Mechanism::Book { .. } => {
				Ok(RequestStatus::Queued { since: now })
			}
			Mechanism::SealedBid { bid_blocks, reveal_blocks, .. } => {
				let bids_until = now.saturating_add(window(bid_blocks)?);
				let reveal_until = bids_until.saturating_add(window(reveal_blocks)?);
				Ok(RequestStatus::Bidding { bids_until, reveal_until, bids: 0 })
			}
			Mechanism::Race { racers, open, window_blocks, .. } => {
				ensure!(
					(1..=T::MaxRacers::get()).contains(&racers)
						&& !window_blocks.is_zero()
						&& window_blocks <= T::MaxBidBlocks::get(),
					Error::<T>::RaceOutOfRange
				);
				// Each racer is paid `max_fee / racers` in full.
				ensure!(
					max_fee / BalanceOf::<T>::from(racers) >= min_fee,
					Error::<T>::FeeBelowCheapestAsk
				);
				if open {
					Ok(Self::open_race(deadline, Default::default(), now))
				} else {
					Ok(RequestStatus::Queued { since: now })
				}
			}
			Mechanism::Dutch { floor, ramp_blocks } => {
				ensure!(
					!ramp_blocks.is_zero() && ramp_blocks <= T::MaxRampBlocks::get(),
					Error::<T>::RampOutOfRange
				);
				ensure!(
					floor.saturating_mul(work_units.into()) <= max_fee,
					Error::<T>::FloorAboveMaxFee
				);
				let closes = now.saturating_add(ramp_blocks).saturating_add(T::LockWindow::get());
				Ok(RequestStatus::Dutch { since: now, closes })
			}
		}
	}

	/// See [`crate::Pallet::commit_bid`].
	pub(crate) fn do_commit_bid(
		bidder: T::AccountId,
		id: RequestId,
		commitment: [u8; 32],
	) -> DispatchResult {
		let mut request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let now = frame_system::Pallet::<T>::block_number();
		let RequestStatus::Bidding { bids_until, bids, .. } = &mut request.status else {
			return Err(if request.status.is_open() {
				Error::<T>::NotBidding
			} else {
				Error::<T>::RequestEnded
			}
			.into());
		};
		ensure!(now < *bids_until, Error::<T>::NotBidding);
		ensure!(!Bids::<T>::contains_key(id, &bidder), Error::<T>::AlreadyBid);
		ensure!(*bids < T::MaxBids::get(), Error::<T>::TooManyBids);
		let excluded = request.failed.contains(&bidder) || request.declined.contains(&bidder);
		ensure!(!excluded, Error::<T>::Excluded);
		let job =
			Self::job_spec(request.circuit, &Self::listing_of(&request)?, request.deadline_blocks);
		T::Provers::qualified_ask(&bidder, &request.requirements, &job)
			.ok_or(Error::<T>::NotQualified)?;
		let bond = T::BidBond::get();
		escrow::hold::<T>(HoldReason::BidBond, &bidder, bond)?;
		if let RequestStatus::Bidding { bids, .. } = &mut request.status {
			*bids = bids.saturating_add(1);
		}
		Bids::<T>::insert(id, &bidder, Bid { commitment, bond, revealed: None });
		Requests::<T>::insert(id, request);
		Self::deposit_event(Event::BidCommitted { request: id, bidder, bond });
		Ok(())
	}

	/// See [`crate::Pallet::reveal_bid`].
	pub(crate) fn do_reveal_bid(
		bidder: T::AccountId,
		id: RequestId,
		price: BalanceOf<T>,
		salt: [u8; 32],
	) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		let now = frame_system::Pallet::<T>::block_number();
		match request.status {
			RequestStatus::Bidding { bids_until, reveal_until, .. }
				if now >= bids_until && now < reveal_until => {}
			ref status if status.is_open() => return Err(Error::<T>::NotRevealing.into()),
			_ => return Err(Error::<T>::RequestEnded.into()),
		}
		let mut bid = Bids::<T>::get(id, &bidder).ok_or(Error::<T>::NoBid)?;
		ensure!(bid.revealed.is_none(), Error::<T>::AlreadyRevealed);
		ensure!(
			bid.commitment == bid_commitment(id, &price, &salt, &bidder),
			Error::<T>::CommitmentMismatch
		);
		let units: BalanceOf<T> = Self::units_of(&request).into();
		ensure!(price.saturating_mul(units) <= request.prover_budget(), Error::<T>::BidAboveMaxFee);
		bid.revealed = Some(price);
		Bids::<T>::insert(id, &bidder, bid);
		Self::deposit_event(Event::BidRevealed { request: id, bidder, price });
		Ok(())
	}

	/// Settles request `id`'s sealed-bid auction at the end of its reveal
	/// window (see the module docs): the winner locks the request, bonds
	/// return or are forfeited, and with no winner the request takes its
	/// fallback.
	pub(crate) fn settle_auction(id: RequestId, request: Request<T>, now: BlockNumberFor<T>) {
		let RequestStatus::Bidding { bids, .. } = request.status else { return };
		let fallback = match request.terms.mechanism {
			Mechanism::SealedBid { fallback, .. } => fallback,
			_ => Fallback::Election,
		};
		let all: Vec<(T::AccountId, Bid<BalanceOf<T>>)> = Bids::<T>::drain_prefix(id).collect();
		let offer_number =
			(request.failed.len() as u32).saturating_add(request.declined.len() as u32) + 1;
		let seed = Self::election_seed(id, offer_number);
		let mut revealed: Vec<(BalanceOf<T>, [u8; 32], T::AccountId, BalanceOf<T>)> = Vec::new();
		for (bidder, bid) in all {
			match bid.revealed {
				Some(price) => {
					let tie = sp_io::hashing::blake2_256(&(seed, &bidder).encode());
					revealed.push((price, tie, bidder, bid.bond));
				}
				None => Self::forfeit_bond(id, bidder, bid.bond),
			}
		}
		revealed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
		let revealed_count = revealed.len() as u32;
		let units: BalanceOf<T> = Self::units_of(&request).into();
		let job = Self::listing_of(&request)
			.ok()
			.map(|listing| Self::job_spec(request.circuit, &listing, request.deadline_blocks));
		let mut winner = None;
		for (index, (bid, _, bidder, bond)) in revealed.iter().enumerate() {
			if winner.is_some() {
				Self::release_bond(bidder, *bond);
				continue;
			}
			let Some(job) = &job else {
				Self::release_bond(bidder, *bond);
				continue;
			};
			let second = revealed.get(index + 1).map_or(*bid, |next| next.0);
			let price = second.saturating_mul(units).min(request.prover_budget());
			let qualifies = T::Provers::qualified_ask(bidder, &request.requirements, job).is_some()
				&& !request.failed.contains(bidder);
			if !qualifies {
				Self::release_bond(bidder, *bond);
				continue;
			}
			let collateral = Self::collateral_for(price);
			if !escrow::can_hold::<T>(HoldReason::JobCollateral, bidder, collateral) {
				Self::forfeit_bond(id, bidder.clone(), *bond);
				continue;
			}
			let locked = Self::lock(
				id,
				request.clone(),
				bidder.clone(),
				price,
				revealed_count,
				// The hook took the auction off the index to settle it.
				None,
				now,
				|prover| T::Provers::reserve_capacity(prover, job).map(|_| ()),
			);
			Self::release_bond(bidder, *bond);
			if locked.is_ok() {
				winner = Some((bidder.clone(), price));
			}
		}
		Self::deposit_event(Event::AuctionSettled {
			request: id,
			winner: winner.as_ref().map(|(who, _)| who.clone()),
			price: winner.as_ref().map(|(_, price)| *price),
			bids,
			revealed: revealed_count,
		});
		if winner.is_some() {
			return;
		}
		match fallback {
			Fallback::Election => {
				let mut request = request;
				request.terms.mechanism = Mechanism::Election;
				Self::requeue(id, request, now);
			}
			Fallback::Expire => {
				let forfeit = bids == 0 && request.failed.is_empty() && request.declined.is_empty();
				Self::expire_forfeiting(id, request, now, forfeit);
			}
		}
	}

	/// Returns a bid's bond to its bidder.
	fn release_bond(bidder: &T::AccountId, bond: BalanceOf<T>) {
		if let Err(error) = escrow::release::<T>(HoldReason::BidBond, bidder, bond) {
			frame_support::defensive!("returning a bid bond failed", error);
		}
	}

	/// Sends a bid's bond to [`Config::Forfeits`].
	fn forfeit_bond(id: RequestId, bidder: T::AccountId, bond: BalanceOf<T>) {
		let taken = escrow::forfeit::<T>(HoldReason::BidBond, &bidder, bond);
		Self::deposit_event(Event::BidForfeited { request: id, bidder, bond: taken });
	}
}
