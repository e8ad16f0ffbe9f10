//! Stake-weighted, seeded choice of a prover for a request.
//!
//! **Eligible** for a job: status `Active`; self-bond at least
//! `min_prover_bond`; backing at least the request's `min_stake` and above zero;
//! declared hardware satisfying the request's; reputation score (decayed to
//! the present, see `Reputation::decay_to`) at least the request's; serving
//! the job (see [`ask_for`]) at an ask at most the offered price; free
//! capacity for the job's work units; not excluded.
//!
//! **Choice.** With eligible provers `p_1..p_n` (in storage order, the same on
//! every node) of backing `b_i` and `B = Σ b_i`, draw `r = u128(seed[0..16]) mod B`
//! and take the first `p_k` with `b_1 + … + b_k > r`. Each prover is chosen with
//! probability `b_i / B`, up to a modulo bias below `B / 2¹²⁸` (under `10⁻¹⁷` for
//! any realistic supply). The seed must be unpredictable when the request is
//! made; the proof market derives it from block randomness, the request and the
//! attempt.
//!
//! **Cost.** One pass over the registry: `P ≤ MaxProvers` record and
//! service-list reads, `O(P·S)` service matches for `S ≤ MaxServices`, `O(P·E)`
//! comparisons against `E` excluded accounts, and a vector of at most `P`
//! candidates. The `elect` benchmark measures it at `MaxProvers`.

use crate::{
	BalanceOf, Config, CurrentParameters, Pallet, Parameters, ProverRecord, ProverStatus, Provers,
	Services,
};
use alloc::vec::Vec;
use prova_primitives::market::{
	Elected, JobSpec, ProverRequirements, RequestRequirements, Service,
};

/// What an election needs besides each prover's record: the parameters in
/// force, the present decay period of reputations, and the job.
pub struct Context<'a> {
	/// Parameters in force.
	pub parameters: Parameters<u128>,
	/// The present decay period ([`Pallet::reputation_epoch`]).
	pub epoch: u32,
	/// The job to fill.
	pub job: &'a JobSpec,
}

impl<'a> Context<'a> {
	/// The context of an election for `job` now.
	pub fn now<T: Config>(job: &'a JobSpec) -> Self {
		Context {
			parameters: CurrentParameters::<T>::get(),
			epoch: Pallet::<T>::reputation_epoch(),
			job,
		}
	}
}

/// The prover's ask per work unit for `job`: that of the most specific of its
/// `services` that takes the job (covers the circuit, and the deadline suits
/// its declared speed), the first declared among equally specific ones; its
/// record's `ask` if it declared no services; `None` if it declared services
/// and none takes the job.
pub fn ask_for(
	record: &ProverRecord<u128>,
	services: &[Service<u128>],
	job: &JobSpec,
) -> Option<u128> {
	if services.is_empty() {
		return Some(record.ask);
	}
	services
		.iter()
		.filter(|service| service.takes(job))
		.fold(None, |best: Option<&Service<u128>>, service| match best {
			Some(best) if best.scope.specificity() >= service.scope.specificity() => Some(best),
			_ => Some(service),
		})
		.map(|service| service.ask)
}

/// The prover's ask for the context's job if it meets `requirements` in
/// everything but price, free capacity and exclusion (its whole capacity must
/// hold the job): the provers the job could ever be served by. `services`
/// reads the prover's services, only once its record qualifies.
pub fn qualifies(
	record: &ProverRecord<u128>,
	services: impl FnOnce() -> Vec<Service<u128>>,
	requirements: &RequestRequirements<u128>,
	context: &Context,
) -> Option<u128> {
	let parameters = &context.parameters;
	let backing = record.backing();
	let qualified = record.status == ProverStatus::Active
		&& record.self_bond >= parameters.min_prover_bond
		&& backing > 0
		&& backing >= requirements.min_stake
		&& record.hardware.satisfies(&requirements.hardware)
		&& record.reputation.score_at(context.epoch) >= requirements.min_reputation
		&& u64::from(record.capacity) >= context.job.units;
	qualified.then(|| ask_for(record, &services(), context.job)).flatten()
}

/// Whether `prover` may be elected for the context's job with `requirements`.
pub fn is_eligible<AccountId: PartialEq>(
	prover: &AccountId,
	record: &ProverRecord<u128>,
	services: impl FnOnce() -> Vec<Service<u128>>,
	requirements: &ProverRequirements<u128>,
	context: &Context,
	exclude: &[AccountId],
) -> bool {
	has_room(record, context.job)
		&& !exclude.contains(prover)
		&& qualifies(record, services, &requirements.without_price(), context)
			.is_some_and(|ask| ask <= requirements.offered_price)
}

/// Whether the prover's free capacity holds `job`'s work units.
pub fn has_room(record: &ProverRecord<u128>, job: &JobSpec) -> bool {
	record.units_in_use.saturating_add(job.units) <= u64::from(record.capacity)
}

/// The lowest ask for `job` among provers that [`qualify`](qualifies) for
/// `requirements`.
pub fn cheapest_ask<T: Config>(
	requirements: &RequestRequirements<BalanceOf<T>>,
	job: &JobSpec,
) -> Option<u128> {
	let context = Context::now::<T>(job);
	Provers::<T>::iter()
		.filter_map(|(prover, record)| {
			let services = || Services::<T>::get(&prover).into_inner();
			qualifies(&record, services, requirements, &context)
		})
		.min()
}

/// Provers eligible for `job`, with their backing, in storage order.
pub fn eligible<T: Config>(
	requirements: &ProverRequirements<BalanceOf<T>>,
	job: &JobSpec,
	exclude: &[T::AccountId],
) -> Vec<(T::AccountId, BalanceOf<T>)> {
	let context = Context::now::<T>(job);
	Provers::<T>::iter()
		.filter(|(prover, record)| {
			let services = || Services::<T>::get(prover).into_inner();
			is_eligible(prover, record, services, requirements, &context, exclude)
		})
		.map(|(prover, record)| (prover, record.backing()))
		.collect()
}

/// Picks from `candidates` with probability proportional to their weight.
pub fn pick<AccountId>(seed: &[u8; 32], candidates: Vec<(AccountId, u128)>) -> Option<AccountId> {
	let total = candidates.iter().fold(0u128, |sum, (_, weight)| sum.saturating_add(*weight));
	if total == 0 {
		return None;
	}
	let mut draw_bytes = [0u8; 16];
	draw_bytes.copy_from_slice(&seed[..16]);
	let mut draw = u128::from_le_bytes(draw_bytes) % total;
	for (candidate, weight) in candidates {
		if draw < weight {
			return Some(candidate);
		}
		draw -= weight;
	}
	None
}

/// The election: [`eligible`] then [`pick`]; with the number of candidates.
pub fn elect<T: Config>(
	seed: &[u8; 32],
	requirements: &ProverRequirements<BalanceOf<T>>,
	job: &JobSpec,
	exclude: &[T::AccountId],
) -> Option<Elected<T::AccountId>> {
	let candidates = eligible::<T>(requirements, job, exclude);
	let count = candidates.len() as u32;
	pick(seed, candidates).map(|prover| Elected { prover, candidates: count })
}
