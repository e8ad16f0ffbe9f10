//! Stake-weighted, seeded choice of a prover for a request.
//!
//! **Eligible** for a request: status `Active`; self-bond at least
//! `min_prover_bond`; backing at least the request's `min_stake` and above zero;
//! declared hardware satisfying the request's; reputation score (decayed to
//! the present, see `Reputation::decay_to`) at least the request's; a free capacity slot; `ask` at most the offered price; not excluded.
//!
//! **Choice.** With eligible provers `p_1..p_n` (in storage order, the same on
//! every node) of backing `b_i` and `B = Σ b_i`, draw `r = u128(seed[0..16]) mod B`
//! and take the first `p_k` with `b_1 + … + b_k > r`. Each prover is chosen with
//! probability `b_i / B`, up to a modulo bias below `B / 2¹²⁸` (under `10⁻¹⁷` for
//! any realistic supply). The seed must be unpredictable when the request is
//! made; the proof market derives it from block randomness, the request and the
//! attempt.
//!
//! **Cost.** One pass over the registry: `P ≤ MaxProvers` record reads, `O(P·E)`
//! comparisons against `E` excluded accounts, and a vector of at most `P`
//! candidates. The `elect` benchmark measures it at `MaxProvers`.

use crate::{
	BalanceOf, Config, CurrentParameters, Pallet, Parameters, ProverRecord, ProverStatus, Provers,
};
use alloc::vec::Vec;
use prova_primitives::market::{Elected, ProverRequirements, RequestRequirements};

/// Whether the prover meets `requirements` in everything but price, free
/// capacity and exclusion: the provers a request could ever be served by.
/// `epoch` is the present decay period of reputations.
pub fn qualifies(
	record: &ProverRecord<u128>,
	parameters: &Parameters<u128>,
	requirements: &RequestRequirements<u128>,
	epoch: u32,
) -> bool {
	let backing = record.backing();
	record.status == ProverStatus::Active
		&& record.self_bond >= parameters.min_prover_bond
		&& backing > 0
		&& backing >= requirements.min_stake
		&& record.hardware.satisfies(&requirements.hardware)
		&& record.reputation.score_at(epoch) >= requirements.min_reputation
}

/// Whether `prover` may be elected for a request with `requirements`.
pub fn is_eligible<AccountId: PartialEq>(
	prover: &AccountId,
	record: &ProverRecord<u128>,
	parameters: &Parameters<u128>,
	requirements: &ProverRequirements<u128>,
	exclude: &[AccountId],
	epoch: u32,
) -> bool {
	qualifies(record, parameters, &requirements.without_price(), epoch)
		&& record.in_use < record.capacity
		&& record.ask <= requirements.offered_price
		&& !exclude.contains(prover)
}

/// The lowest ask among provers that [`qualify`](qualifies) for `requirements`.
pub fn cheapest_ask<T: Config>(requirements: &RequestRequirements<BalanceOf<T>>) -> Option<u128> {
	let parameters = CurrentParameters::<T>::get();
	let epoch = Pallet::<T>::reputation_epoch();
	Provers::<T>::iter_values()
		.filter(|record| qualifies(record, &parameters, requirements, epoch))
		.map(|record| record.ask)
		.min()
}

/// Eligible provers with their backing, in storage order.
pub fn eligible<T: Config>(
	requirements: &ProverRequirements<BalanceOf<T>>,
	exclude: &[T::AccountId],
) -> Vec<(T::AccountId, BalanceOf<T>)> {
	let parameters = CurrentParameters::<T>::get();
	let epoch = Pallet::<T>::reputation_epoch();
	Provers::<T>::iter()
		.filter(|(prover, record)| {
			is_eligible(prover, record, &parameters, requirements, exclude, epoch)
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
	exclude: &[T::AccountId],
) -> Option<Elected<T::AccountId>> {
	let candidates = eligible::<T>(requirements, exclude);
	let count = candidates.len() as u32;
	pick(seed, candidates).map(|prover| Elected { prover, candidates: count })
}
