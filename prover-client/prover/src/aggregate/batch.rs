//! When an aggregator wraps, and when it closes a batch: the policy, apart
//! from the chain and the prover so that it can be tested on its own.
//!
//! Every claim must be settled before its `due` block, or it falls back to
//! its prover and earns the aggregator nothing. Proving is serial (every
//! recursive proof uses all cores), so the policy works in blocks of proving
//! time: wrapping a leaf takes one proof, merging `n` leaves `n - 1`.
//! Leaves are wrapped earliest `due` first; a batch closes when it is full
//! or when waiting one more block would leave too little time to merge and
//! submit before the earliest `due` among its leaves.

use prova_primitives::{BlockNumber, MILLISECS_PER_BLOCK};
use std::time::Duration;

/// Blocks kept between a batch's submission and its earliest `due`: the
/// transaction must reach an author and be included.
pub const SUBMIT_MARGIN_BLOCKS: BlockNumber = 3;

/// What the policy knows of one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pending {
	/// The request.
	pub request: u64,
	/// The first block no batch may settle it in.
	pub due: BlockNumber,
	/// Whether its leaf is proved.
	pub wrapped: bool,
}

/// What to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
	/// Wrap this request's proof.
	Wrap(u64),
	/// Merge these wrapped requests, in this order, and submit the batch.
	Close(Vec<u64>),
	/// Nothing now.
	Wait,
}

/// The batching policy.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
	/// Leaves at which a batch closes at once (the chain's `MaxBatch` at most).
	pub batch_size: usize,
	/// Time of one recursive proof (a wrap or a merge) here.
	pub proof_time: Duration,
}

impl Policy {
	/// Blocks `proofs` recursive proofs take here, rounded up.
	pub fn blocks_for(&self, proofs: usize) -> BlockNumber {
		let millis = self.proof_time.as_millis() as u64 * proofs as u64;
		millis.div_ceil(MILLISECS_PER_BLOCK) as BlockNumber
	}

	/// The last block in which merging `leaves` leaves can start and still
	/// land before `due`.
	fn last_start(&self, leaves: usize, due: BlockNumber) -> BlockNumber {
		due.saturating_sub(self.blocks_for(leaves.saturating_sub(1)) + SUBMIT_MARGIN_BLOCKS)
	}

	/// Claims that can no longer be settled by any batch started at `now`
	/// (wrapping them, if not wrapped, and merging them with one other).
	pub fn hopeless(&self, now: BlockNumber, claims: &[Pending]) -> Vec<u64> {
		claims
			.iter()
			.filter(|claim| {
				let wrap = if claim.wrapped { 0 } else { self.blocks_for(1) };
				now + wrap > self.last_start(2, claim.due)
			})
			.map(|claim| claim.request)
			.collect()
	}

	/// The next step at block `now` for `claims` (none hopeless): close a
	/// full batch; else wrap the earliest unwrapped leaf while it can still
	/// be merged in time with the leaves wrapped; else wait for more while a
	/// leaf delivered next block still could be; else close.
	pub fn next(&self, now: BlockNumber, claims: &[Pending]) -> Next {
		let by_due = |wrapped: bool| {
			let mut found: Vec<&Pending> =
				claims.iter().filter(|claim| claim.wrapped == wrapped).collect();
			found.sort_by_key(|claim| (claim.due, claim.request));
			found
		};
		let mut leaves = by_due(true);
		let full = self.batch_size.max(2);
		leaves.truncate(full);
		let close = Next::Close(leaves.iter().map(|claim| claim.request).collect());
		let unwrapped = by_due(false);
		if leaves.len() < 2 {
			return unwrapped.first().map_or(Next::Wait, |next| Next::Wrap(next.request));
		}
		if leaves.len() == full {
			return close;
		}
		let earliest = leaves[0].due;
		let wrap = self.blocks_for(1);
		match unwrapped.first() {
			Some(next)
				if now + wrap <= self.last_start(leaves.len() + 1, earliest.min(next.due)) =>
			{
				Next::Wrap(next.request)
			}
			None if now + 1 + wrap <= self.last_start(leaves.len() + 1, earliest) => Next::Wait,
			_ => close,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn policy(batch_size: usize, proof_secs: u64) -> Policy {
		Policy { batch_size, proof_time: Duration::from_secs(proof_secs) }
	}

	fn claim(request: u64, due: BlockNumber, wrapped: bool) -> Pending {
		Pending { request, due, wrapped }
	}

	#[test]
	fn leaves_are_wrapped_earliest_due_first() {
		let p = policy(16, 3);
		let claims = [claim(1, 60, false), claim(2, 50, false), claim(3, 55, true)];
		assert_eq!(p.next(10, &claims), Next::Wrap(2));
	}

	#[test]
	fn a_full_batch_closes_at_once_with_the_earliest_leaves() {
		let p = policy(2, 3);
		let claims = [claim(1, 60, true), claim(2, 50, true), claim(3, 55, true)];
		assert_eq!(p.next(10, &claims), Next::Close(vec![2, 3]));
	}

	#[test]
	fn a_batch_waits_for_more_leaves_while_time_allows() {
		// 3 s proofs are one block each; due 50: merging 2 leaves (1 block)
		// and the margin (3) must start by block 46.
		let p = policy(16, 3);
		let claims = [claim(1, 50, true), claim(2, 50, true)];
		// A third leaf (one block to wrap) merged by 50 - 2 - 3 = 45.
		assert_eq!(p.next(10, &claims), Next::Wait);
		assert_eq!(p.next(43, &claims), Next::Wait);
		// One delivered next block could no longer be wrapped in time.
		assert_eq!(p.next(44, &claims), Next::Close(vec![1, 2]));
	}

	#[test]
	fn a_batch_closes_rather_than_wrap_a_leaf_it_could_not_merge_in_time() {
		let p = policy(16, 3);
		let claims = [claim(1, 50, true), claim(2, 50, true), claim(3, 90, false)];
		assert_eq!(p.next(10, &claims), Next::Wrap(3));
		assert_eq!(p.next(44, &claims), Next::Wrap(3));
		// At 45 wrapping 3 (one block) leaves 46 to start merging three
		// leaves, later than their last start (50 - 2 - 3 = 45).
		assert_eq!(p.next(45, &claims), Next::Close(vec![1, 2]));
	}

	#[test]
	fn claims_too_close_to_their_due_are_hopeless() {
		let p = policy(16, 6);
		// Merging two: 2 blocks, margin 3, wrap 2.
		let claims = [claim(1, 20, false), claim(2, 20, true), claim(3, 40, false)];
		assert_eq!(p.hopeless(13, &claims), Vec::<u64>::new());
		assert_eq!(p.hopeless(14, &claims), vec![1]);
		assert_eq!(p.hopeless(16, &claims), vec![1, 2]);
	}
}
