// pallet-provers' reward arithmetic (pallets/provers/src/rewards.rs) in
// BigInt, to predict every plank of a reward split and a delegator's claim.

/** FixedU128's denominator: 18 decimals. */
export const FIXED_DIV = 10n ** 18n;
/** Perbill's denominator. */
export const PERBILL = 1_000_000_000n;

/** `Perbill::mul_floor`. */
export function perbillMulFloor(parts, amount) {
  return (amount * parts) / PERBILL;
}

/**
 * `rewards::split`: how a job's `amount` is divided between a prover with
 * `commission` (Perbill parts), self-bond and delegated stake, and the new
 * reward per share (as FixedU128's inner value).
 */
export function splitReward({ amount, commission, selfBond, delegated, rewardPerShare }) {
  if (delegated === 0n) return { toProver: amount, toDelegators: 0n, rewardPerShare };
  const shared = amount - perbillMulFloor(commission, amount);
  const toDelegators = (shared * delegated) / (selfBond + delegated);
  if (toDelegators === 0n) return { toProver: amount, toDelegators: 0n, rewardPerShare };
  // FixedU128::checked_from_rational rounds down for positive values.
  const increase = (toDelegators * FIXED_DIV) / delegated;
  return { toProver: amount - toDelegators, toDelegators, rewardPerShare: rewardPerShare + increase };
}

/** `rewards::pending`: what a delegation of `amount` checkpointed at `checkpoint` has earned. */
export function pendingRewards({ rewardPerShare, checkpoint, amount, unclaimed = 0n }) {
  return unclaimed + ((rewardPerShare - checkpoint) * amount) / FIXED_DIV;
}
