//! The order book: provers' standing asks, and matching a request against
//! them in the block it arrives.
//!
//! A standing ask offers up to `units` work units of the circuits its scope
//! covers at `price` per unit, to requests giving at least its
//! `deadline_blocks`, until `expires_at`. The book is one bounded list kept
//! sorted by price, then by ask number (posting order): **price-time
//! priority**. A request under [`Mechanism::Book`] walks it from the best
//! ask and locks with the first that crosses (covers the circuit, its price
//! times the work units within `max_fee`, its deadline within the
//! request's, units left for the job) and whose prover still qualifies,
//! has free capacity and can hold the collateral. The request is locked at
//! that ask's price in the block it was submitted: a requester that wants a
//! known price now pays the best one on the book.
//!
//! Asks that expired, and asks whose prover could not hold the collateral
//! when matched (an offer it cannot back), leave the book as the walk meets
//! them; posting into a full book first drops expired asks. A prover has
//! at most [`Config::MaxAsksPerProver`] asks on the book, so the
//! [`Config::MaxAsks`] places cost a registered prover's bond each to fill.
//!
//! **Cost.** A match reads the book once (at most `MaxAsks` asks) and checks
//! at most that many provers; `submit_request_with_terms` is charged
//! `match_book(MaxAsks)` and that many qualification checks for a book
//! request.

use crate::{
	escrow, AskId, BalanceOf, Book, Config, Error, Event, Fallback, HoldReason, Mechanism,
	NextAskId, Pallet, Request, RequestId, StandingAsk,
};
use alloc::collections::btree_set::BTreeSet;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::market::{ProverRegistry, ServiceScope};
use sp_runtime::{traits::Zero, DispatchError, DispatchResult, Saturating};

/// A standing ask of this runtime.
pub type AskOf<T> =
	StandingAsk<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// How a request under the book came out of matching.
pub(crate) enum BookMatch {
	/// It locked with an ask.
	Locked,
	/// No ask crossed: the request's fallback applies.
	NoCross(Fallback),
}

impl<T: Config> Pallet<T> {
	/// See [`crate::Pallet::post_ask`].
	pub(crate) fn do_post_ask(
		prover: T::AccountId,
		scope: ServiceScope,
		price: BalanceOf<T>,
		units: u64,
		deadline_blocks: BlockNumberFor<T>,
		lifetime: BlockNumberFor<T>,
	) -> Result<AskId, DispatchError> {
		ensure!(T::Provers::is_active(&prover), Error::<T>::NotQualified);
		ensure!(units > 0, Error::<T>::NoUnits);
		ensure!(
			!lifetime.is_zero() && lifetime <= T::MaxAskLifetime::get(),
			Error::<T>::AskLifetimeOutOfRange
		);
		ensure!(deadline_blocks >= T::MinDeadline::get(), Error::<T>::DeadlineTooShort);
		ensure!(deadline_blocks <= T::MaxDeadline::get(), Error::<T>::DeadlineTooLong);
		let now = frame_system::Pallet::<T>::block_number();
		let mut book = Book::<T>::get();
		let own = book.iter().filter(|ask| ask.prover == prover && ask.expires_at > now).count();
		ensure!((own as u32) < T::MaxAsksPerProver::get(), Error::<T>::TooManyAsks);
		if book.is_full() {
			let expired: alloc::vec::Vec<AskId> =
				book.iter().filter(|ask| ask.expires_at <= now).map(|ask| ask.id).collect();
			book.retain(|ask| ask.expires_at > now);
			for ask in expired {
				Self::deposit_event(Event::AskRemoved { ask, expired: true });
			}
		}
		let id = NextAskId::<T>::mutate(|next| {
			let id = *next;
			*next = next.saturating_add(1);
			id
		});
		let expires_at = now.saturating_add(lifetime);
		// After every ask at or below this price: later asks queue behind earlier ones.
		let place = book.partition_point(|ask| ask.price <= price);
		let ask = StandingAsk {
			id,
			prover: prover.clone(),
			scope,
			price,
			units,
			deadline_blocks,
			expires_at,
		};
		book.try_insert(place, ask).map_err(|_| Error::<T>::BookFull)?;
		Book::<T>::put(book);
		Self::deposit_event(Event::AskPosted { ask: id, prover, price, units, expires_at });
		Ok(id)
	}

	/// See [`crate::Pallet::cancel_ask`].
	pub(crate) fn do_cancel_ask(prover: T::AccountId, id: AskId) -> DispatchResult {
		let mut book = Book::<T>::get();
		let place = book.iter().position(|ask| ask.id == id).ok_or(Error::<T>::UnknownAsk)?;
		ensure!(book[place].prover == prover, Error::<T>::NotAskOwner);
		book.remove(place);
		Book::<T>::put(book);
		Self::deposit_event(Event::AskCancelled { ask: id });
		Ok(())
	}

	/// Matches a new request under [`Mechanism::Book`] (stored, not queued)
	/// with the best crossing ask it can lock with (see the module docs).
	pub(crate) fn match_book(
		id: RequestId,
		request: &Request<T>,
		now: BlockNumberFor<T>,
	) -> Result<BookMatch, DispatchError> {
		let Mechanism::Book { fallback } = request.terms.mechanism else {
			return Ok(BookMatch::NoCross(Fallback::Election));
		};
		let listing = Self::listing_of(request)?;
		let job = Self::job_spec(request.circuit, &listing, request.deadline_blocks);
		let units: BalanceOf<T> = listing.work_units.into();
		let crosses = |ask: &AskOf<T>| {
			ask.expires_at > now
				&& ask.scope.covers(&job)
				&& ask.deadline_blocks <= request.deadline_blocks
				&& ask.units >= job.units
				&& ask.price.saturating_mul(units) <= request.prover_budget()
		};
		let mut book = Book::<T>::get();
		// Provers competing for the job: the election's `candidates`, for reputation.
		let candidates = book
			.iter()
			.filter(|ask| crosses(ask))
			.map(|ask| ask.prover.clone())
			.collect::<BTreeSet<_>>()
			.len() as u32;
		let mut removed: alloc::vec::Vec<(AskId, bool)> = alloc::vec::Vec::new();
		let mut matched = None;
		for ask in book.iter() {
			if ask.expires_at <= now {
				removed.push((ask.id, true));
				continue;
			}
			if !crosses(ask)
				|| request.failed.contains(&ask.prover)
				|| T::Provers::qualified_ask(&ask.prover, &request.requirements, &job).is_none()
			{
				continue;
			}
			let price = ask.price.saturating_mul(units);
			if !escrow::can_hold::<T>(
				HoldReason::JobCollateral,
				&ask.prover,
				Self::collateral_for(price),
			) {
				removed.push((ask.id, false));
				continue;
			}
			let locked = Self::lock(
				id,
				request.clone(),
				ask.prover.clone(),
				price,
				candidates,
				// Matched as it arrives: not in the index yet.
				None,
				now,
				|prover| T::Provers::reserve_capacity(prover, &job).map(|_| ()),
			);
			if locked.is_ok() {
				matched = Some((ask.id, ask.prover.clone(), price));
				break;
			}
		}
		book.retain(|ask| !removed.iter().any(|(gone, _)| *gone == ask.id));
		for (ask, expired) in removed {
			Self::deposit_event(Event::AskRemoved { ask, expired });
		}
		let Some((ask_id, prover, price)) = matched else {
			Book::<T>::put(book);
			return Ok(BookMatch::NoCross(fallback));
		};
		if let Some(place) = book.iter().position(|ask| ask.id == ask_id) {
			let ask = &mut book[place];
			ask.units = ask.units.saturating_sub(job.units);
			if ask.units == 0 {
				book.remove(place);
			}
		}
		Book::<T>::put(book);
		Self::deposit_event(Event::AskMatched { ask: ask_id, request: id, prover, price });
		Ok(BookMatch::Locked)
	}
}
