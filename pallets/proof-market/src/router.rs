//! The QoS router: a requester states what it cares about instead of naming
//! a mechanism, and the chain picks the mechanism that serves it best now.
//!
//! ## Preferences
//! [`Qos`] weighs four qualities from 0 to 10 (the market-of-mechanisms
//! article's terms): `speed` (submission to proof), `cost` (the price paid),
//! `safety` (certainty that a proof arrives) and `censorship_resistance`
//! (no prover or small set of provers can keep the request from being
//! served). Hard limits stay in the request: `max_fee`, the deadline and
//! the requirements.
//!
//! ## Policy
//! Each mechanism has a grade from 0 to 10 in each quality; the router picks
//! the mechanism with the highest `Σ weight × grade` among those available,
//! the first in the order Election, sealed-bid, Dutch, book on ties.
//!
//! | mechanism  | speed | cost | safety | censorship resistance |
//! |------------|-------|------|--------|-----------------------|
//! | Election   | 5     | 4    | 7      | 10                    |
//! | Sealed bid | 2     | 10   | 7      | 6                     |
//! | Dutch      | 7     | 7    | 7      | 4                     |
//! | Book       | 10    | 6    | 8      | 3                     |
//! | Race       | 8     | 0    | 10     | 6                     |
//!
//! Why: the election draws by stake, so no price or speed shuts a small
//! prover out (censorship resistance), but it pays the drawn prover's own
//! ask and waits for an offer and a lock. The sealed-bid auction pays the
//! second-lowest cost (its dominant strategy is truthful bidding) but waits
//! its bid and reveal windows. The Dutch auction is taken by the first prover
//! whose cost the ramp reaches: fast, fairly priced, won by the quickest
//! bots. The book locks in the block the request arrives at a price provers
//! committed to in advance; a standing ask is a prover that planned capacity
//! for it, the safest promise, and the best-capitalised provers hold the book.
//! A race pays several provers for one proof (the dearest) and is the surest
//! to deliver (redundancy), fast since the first proof wins; elected racers
//! keep it fairly open.
//! Every mechanism holds the same collateral and reassigns after a failure,
//! so safety differs little.
//!
//! The grades follow the market's state:
//! - the book is available only if an ask crosses the request now, a race
//!   only with at least [`ROUTED_RACERS`] qualified provers and a fee that
//!   pays each of them the cheapest ask;
//! - with fewer than two qualified provers there is no competition, so the
//!   auctions' cost grade drops to the election's;
//! - once two mechanisms have each settled at least [`MIN_SAMPLES`]
//!   requests for the circuit's market, their cost grades are
//!   `10 × cheapest / theirs` of the measured mean price per unit, and their
//!   speed grades `10 × fastest / theirs` of the measured mean latency
//!   (see [`MechanismStats`]).
//!
//! The routed mechanism's parameters: a sealed-bid auction with
//! [`ROUTED_BID_BLOCKS`] to bid and as many to reveal, falling back to the
//! election; a Dutch auction from the cheapest qualified ask over
//! [`ROUTED_RAMP_BLOCKS`]; the book falling back to the election; an elected
//! race of [`ROUTED_RACERS`] with a [`ROUTED_RACE_WINDOW`]-block window and a
//! 20% decay per block. The choice
//! is in [`Event::RequestRouted`].
//!
//! ## Settlement tier
//! The router settles a request in the aggregated tier (see
//! [`crate::aggregation`]) when the requester weighs cost above speed (the
//! tier trades up to `AggregationWindow` blocks of latency for a share of
//! one verification), the mechanism is not a race (races cannot be
//! aggregated), an aggregator is registered, the circuit has a wrapper, an
//! aggregation circuit is set, and `max_fee` still pays the prover's price
//! (the best crossing ask for the book, else the cheapest qualified ask)
//! plus `AggregationFee`. Otherwise the fast tier.

use crate::{
	book::AskOf, AggregationCircuit, Aggregators, BalanceOf, Book, Config, Event, Fallback,
	Listing, Listings, MarketQuote, Mechanism, MechanismKind, MechanismQuote, MechanismStats,
	Pallet, Qos, RequestId, RequestRequirements, Settlement, Stats, Terms, Wrappers,
};
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::{market::ProverRegistry, proofs::CircuitId};
use sp_runtime::{traits::SaturatedConversion, DispatchError};

/// Settled requests a mechanism needs before its measured price and latency
/// replace its grades.
pub const MIN_SAMPLES: u32 = 4;

/// Bid blocks, and reveal blocks, of a routed sealed-bid auction.
pub const ROUTED_BID_BLOCKS: u32 = 3;

/// Ramp of a routed Dutch auction, in blocks.
pub const ROUTED_RAMP_BLOCKS: u32 = 10;

/// The weight of a new sample in a mechanism's running means (1/8).
const EMA_SHIFT: u32 = 3;

/// A mechanism's grades: speed, cost, safety, censorship resistance.
type Grades = [u32; 4];

/// The table of the module docs.
fn base_grades(kind: MechanismKind) -> Grades {
	match kind {
		MechanismKind::Election => [5, 4, 7, 10],
		MechanismKind::SealedBid => [2, 10, 7, 6],
		MechanismKind::Dutch => [7, 7, 7, 4],
		MechanismKind::Book => [10, 6, 8, 3],
		MechanismKind::Race => [8, 0, 10, 6],
	}
}

/// The mechanisms the router chooses among, in tie-breaking order.
pub const ROUTABLE: [MechanismKind; 5] = [
	MechanismKind::Election,
	MechanismKind::SealedBid,
	MechanismKind::Dutch,
	MechanismKind::Book,
	MechanismKind::Race,
];

/// Racers of a routed race.
pub const ROUTED_RACERS: u32 = 2;

/// Commitment window of a routed race, in blocks.
pub const ROUTED_RACE_WINDOW: u32 = 2;

impl<BlockNumber, Balance> Mechanism<BlockNumber, Balance> {
	/// Which mechanism this is, without its parameters.
	pub fn kind(&self) -> MechanismKind {
		match self {
			Mechanism::Election => MechanismKind::Election,
			Mechanism::SealedBid { .. } => MechanismKind::SealedBid,
			Mechanism::Dutch { .. } => MechanismKind::Dutch,
			Mechanism::Book { .. } => MechanismKind::Book,
			Mechanism::Race { .. } => MechanismKind::Race,
		}
	}
}

/// What the router knows of the market for one request.
struct MarketView<Balance> {
	/// Units of work of the circuit.
	units: u64,
	/// The cheapest qualified ask per unit, if any prover qualifies.
	cheapest_ask: Option<Balance>,
	/// Qualified provers with room now at the request's offered price.
	competitors: u32,
	/// The best crossing ask's price per unit, if one crosses now.
	best_ask: Option<Balance>,
	/// The request's `max_fee`.
	max_fee: Balance,
}

impl<T: Config> Pallet<T> {
	/// The terms the router gives a request with `qos` (see the module docs).
	pub fn route(
		circuit: CircuitId,
		requirements: &RequestRequirements<BalanceOf<T>>,
		deadline: BlockNumberFor<T>,
		max_fee: BalanceOf<T>,
		qos: &Qos,
	) -> Result<Terms<BlockNumberFor<T>, BalanceOf<T>>, DispatchError> {
		let listing = Self::listing_of_circuit(circuit)?;
		let view = Self::market_view(circuit, &listing, requirements, deadline, max_fee);
		let kind = Self::pick(qos, &view, &Self::grades(&view));
		let settlement = Self::routed_settlement(circuit, kind, qos, &view);
		Ok(Terms { mechanism: Self::routed_mechanism(kind, &view), latency: None, settlement })
	}

	/// The settlement tier for a request routed to `kind` (see the module
	/// docs, "Settlement tier").
	fn routed_settlement(
		circuit: CircuitId,
		kind: MechanismKind,
		qos: &Qos,
		view: &MarketView<BalanceOf<T>>,
	) -> Settlement {
		let ask = match kind {
			MechanismKind::Book => view.best_ask,
			_ => view.cheapest_ask,
		};
		let fits = ask.is_some_and(|ask| {
			ask.saturating_mul(view.units.into()).saturating_add(T::AggregationFee::get())
				<= view.max_fee
		});
		let aggregated = qos.cost > qos.speed
			&& kind != MechanismKind::Race
			&& fits && Wrappers::<T>::contains_key(circuit)
			&& AggregationCircuit::<T>::exists()
			&& Aggregators::<T>::iter_keys().next().is_some();
		if aggregated {
			Settlement::Aggregated
		} else {
			Settlement::Direct
		}
	}

	/// The listing of `circuit`, or why a request for it is refused.
	fn listing_of_circuit(circuit: CircuitId) -> Result<Listing<T>, DispatchError> {
		Listings::<T>::get(circuit).ok_or_else(|| crate::Error::<T>::NotListed.into())
	}

	/// The market's state for a request.
	fn market_view(
		circuit: CircuitId,
		listing: &Listing<T>,
		requirements: &RequestRequirements<BalanceOf<T>>,
		deadline: BlockNumberFor<T>,
		max_fee: BalanceOf<T>,
	) -> MarketView<BalanceOf<T>> {
		let job = Self::job_spec(circuit, listing, deadline);
		let units: BalanceOf<T> = listing.work_units.into();
		let cheapest_ask = T::Provers::cheapest_ask(requirements, &job);
		let offered = max_fee / units.max(1);
		let competitors = T::Provers::elect(&[0; 32], &requirements.at_price(offered), &job, &[])
			.map_or(0, |elected| elected.candidates);
		let now = frame_system::Pallet::<T>::block_number();
		let best_ask = Book::<T>::get()
			.iter()
			.find(|ask: &&AskOf<T>| {
				ask.expires_at > now
					&& ask.scope.covers(&job)
					&& ask.deadline_blocks <= deadline
					&& ask.units >= job.units
					&& ask.price.saturating_mul(units) <= max_fee
			})
			.map(|ask| ask.price);
		MarketView { units: listing.work_units, cheapest_ask, competitors, best_ask, max_fee }
	}

	/// Each routable mechanism's grades in this market, `None` where it is
	/// not available.
	fn grades(view: &MarketView<BalanceOf<T>>) -> Vec<(MechanismKind, Option<Grades>)> {
		let stats: Vec<_> = ROUTABLE.iter().map(|kind| (*kind, Stats::<T>::get(kind))).collect();
		let measured: Vec<MechanismStats<BalanceOf<T>>> = stats
			.iter()
			.filter_map(|(_, stats)| stats.clone().filter(|s| s.settled >= MIN_SAMPLES))
			.collect();
		let cheapest = measured.iter().map(|s| s.price_per_unit).min();
		let fastest = measured.iter().map(|s| s.latency_blocks).min();
		stats
			.into_iter()
			.map(|(kind, stats)| {
				let mut grades = base_grades(kind);
				if matches!(kind, MechanismKind::SealedBid | MechanismKind::Dutch)
					&& view.competitors < 2
				{
					grades[1] = base_grades(MechanismKind::Election)[1];
				}
				if let (Some(stats), true) = (stats, measured.len() >= 2) {
					if stats.settled >= MIN_SAMPLES {
						if let Some(cheapest) = cheapest {
							grades[1] = ratio_grade(cheapest, stats.price_per_unit);
						}
						if let Some(fastest) = fastest {
							grades[0] = ratio_grade(fastest.into(), stats.latency_blocks.into());
						}
					}
				}
				let available = match kind {
					MechanismKind::Book => view.best_ask.is_some(),
					// A race of one is an election; each racer must be paid an ask.
					MechanismKind::Race => {
						view.competitors >= ROUTED_RACERS
							&& view.cheapest_ask.is_some_and(|ask| {
								ask.saturating_mul(view.units.into())
									.saturating_mul(ROUTED_RACERS.into())
									<= view.max_fee
							})
					}
					_ => view.cheapest_ask.is_some(),
				};
				(kind, available.then_some(grades))
			})
			.collect()
	}

	/// The available mechanism with the highest weighted grade; the election
	/// if none is available (the request is then refused by submission's own
	/// checks).
	fn pick(
		qos: &Qos,
		_view: &MarketView<BalanceOf<T>>,
		grades: &[(MechanismKind, Option<Grades>)],
	) -> MechanismKind {
		let weights = [qos.speed, qos.cost, qos.safety, qos.censorship_resistance]
			.map(|weight| u32::from(weight.min(10)));
		let mut best = (MechanismKind::Election, None);
		for (kind, grades) in grades {
			let Some(grades) = grades else { continue };
			let score: u32 = weights.iter().zip(grades).map(|(w, g)| w * g).sum();
			if best.1.is_none_or(|top| score > top) {
				best = (*kind, Some(score));
			}
		}
		best.0
	}

	/// The routed mechanism of `kind` with the parameters of the module docs.
	fn routed_mechanism(
		kind: MechanismKind,
		view: &MarketView<BalanceOf<T>>,
	) -> Mechanism<BlockNumberFor<T>, BalanceOf<T>> {
		match kind {
			MechanismKind::Election => Mechanism::Election,
			MechanismKind::SealedBid => {
				let blocks =
					BlockNumberFor::<T>::from(ROUTED_BID_BLOCKS).min(T::MaxBidBlocks::get());
				Mechanism::SealedBid {
					bid_blocks: blocks,
					reveal_blocks: blocks,
					fallback: Fallback::Election,
				}
			}
			MechanismKind::Dutch => Mechanism::Dutch {
				floor: view.cheapest_ask.unwrap_or_default(),
				ramp_blocks: BlockNumberFor::<T>::from(ROUTED_RAMP_BLOCKS)
					.min(T::MaxRampBlocks::get()),
			},
			MechanismKind::Book => Mechanism::Book { fallback: Fallback::Election },
			MechanismKind::Race => Mechanism::Race {
				racers: ROUTED_RACERS.min(T::MaxRacers::get()),
				open: false,
				decay: sp_runtime::Perbill::from_percent(20),
				window_blocks: BlockNumberFor::<T>::from(ROUTED_RACE_WINDOW)
					.min(T::MaxBidBlocks::get()),
			},
		}
	}

	/// Records a settled request in its mechanism's running means: the price
	/// per work unit and the blocks from submission to proof.
	pub(crate) fn record_settlement(
		kind: MechanismKind,
		price: BalanceOf<T>,
		units: u64,
		latency: BlockNumberFor<T>,
	) {
		let price_per_unit = price / BalanceOf::<T>::from(units.max(1));
		let latency: u32 = latency.saturated_into();
		Stats::<T>::mutate(kind, |stats| {
			let stats = stats.get_or_insert(MechanismStats {
				settled: 0,
				price_per_unit,
				latency_blocks: latency,
			});
			stats.price_per_unit = ema(stats.price_per_unit, price_per_unit);
			stats.latency_blocks = ema(stats.latency_blocks.into(), latency.into()) as u32;
			stats.settled = stats.settled.saturating_add(1);
		});
	}

	/// See [`crate::runtime_api::ProofMarketApi::market_quote`]: every
	/// routable mechanism's availability and expected price and latency for
	/// a request, and the router's pick for `qos`.
	pub fn market_quote(
		circuit: CircuitId,
		requirements: RequestRequirements<BalanceOf<T>>,
		deadline: BlockNumberFor<T>,
		max_fee: BalanceOf<T>,
		qos: Qos,
	) -> Option<MarketQuote<BalanceOf<T>, BlockNumberFor<T>>> {
		let listing = Listings::<T>::get(circuit)?;
		let view = Self::market_view(circuit, &listing, &requirements, deadline, max_fee);
		let grades = Self::grades(&view);
		let units: BalanceOf<T> = view.units.into();
		let mechanisms = grades
			.iter()
			.map(|(kind, grades)| {
				let stats = Stats::<T>::get(kind);
				let measured = stats.as_ref().filter(|s| s.settled >= MIN_SAMPLES);
				let expected_price = match (kind, measured) {
					(_, Some(stats)) => Some(stats.price_per_unit.saturating_mul(units)),
					(MechanismKind::Book, None) => {
						view.best_ask.map(|ask| ask.saturating_mul(units))
					}
					(_, None) => view.cheapest_ask.map(|ask| ask.saturating_mul(units)),
				};
				MechanismQuote {
					kind: *kind,
					available: grades.is_some(),
					expected_price,
					expected_latency_blocks: measured.map(|stats| stats.latency_blocks),
					settled: stats.map_or(0, |stats| stats.settled),
				}
			})
			.collect();
		let routed = Self::routed_mechanism(Self::pick(&qos, &view, &grades), &view);
		Some(MarketQuote {
			work_units: view.units,
			competitors: view.competitors,
			mechanisms,
			routed,
		})
	}

	/// Announces the router's choice for request `id`.
	pub(crate) fn announce_route(id: RequestId, terms: &Terms<BlockNumberFor<T>, BalanceOf<T>>) {
		Self::deposit_event(Event::RequestRouted { request: id, mechanism: terms.mechanism });
	}
}

/// `10 × best / value`, rounded down (10 when `value` is zero).
fn ratio_grade(best: u128, value: u128) -> u32 {
	if value == 0 {
		return 10;
	}
	(best.saturating_mul(10) / value).min(10) as u32
}

/// `mean + (sample − mean) / 8`, in integers.
fn ema(mean: u128, sample: u128) -> u128 {
	if sample >= mean {
		mean.saturating_add((sample - mean) >> EMA_SHIFT)
	} else {
		mean.saturating_sub((mean - sample) >> EMA_SHIFT)
	}
}
