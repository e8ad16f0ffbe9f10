//! The records the market stores and the views its runtime API returns.

use crate::{BalanceOf, Config};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use prova_primitives::{market::RequestRequirements, proofs::CircuitId};
use scale_info::TypeInfo;

extern crate alloc;
use alloc::vec::Vec;

/// A request's number, assigned in submission order from zero.
pub type RequestId = u64;

/// A circuit offered on the market: what its inputs and outputs look like and
/// what proving it costs.
#[derive(
	CloneNoBound, DebugNoBound, Decode, Encode, EqNoBound, MaxEncodedLen, PartialEqNoBound, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Listing<T: Config> {
	/// Field elements of a request's input (each an 8-byte little-endian word).
	pub input_elements: u32,
	/// Field elements of the output, after the input commitment in the public inputs.
	pub output_elements: u32,
	/// Units of proving work (`work_units(degree_bits)`): a prover's price is its
	/// ask times this.
	pub work_units: u64,
	/// What the prover client needs to rebuild the circuit (e.g.
	/// `poseidon_chain/1?steps=4000`); the chain does not interpret it.
	pub descriptor: BoundedVec<u8, T::MaxDescriptorBytes>,
	/// Open requests for the circuit; it cannot be delisted while any are.
	pub open_requests: u32,
}

/// Where a request is in its life.
///
/// ```text
/// Queued ──elect──▶ Offered ──lock──▶ Locked ──valid proof──▶ Fulfilled
///   │  ▲               │                 │
///   │  ├──decline / lapse (declines left)┘ │
///   │  └──────miss / invalid (attempts left)┘
///   ├──cancel (queued only)──▶ Cancelled
///   └──wait too long, no declines or attempts left──▶ Expired
/// ```
#[derive(
	CloneNoBound, DebugNoBound, Decode, Encode, EqNoBound, MaxEncodedLen, PartialEqNoBound, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub enum RequestStatus<T: Config> {
	/// Waiting for a prover (one is elected at the start of a later block).
	Queued {
		/// The block it entered the queue (again, after a decline or failure).
		since: BlockNumberFor<T>,
	},
	/// Offered to an elected prover, which takes it by locking it before
	/// `lock_by`, or declines it.
	Offered {
		/// The elected prover.
		prover: T::AccountId,
		/// What it is paid on success: its ask at election times the work units.
		price: BalanceOf<T>,
		/// The first block at which the offer has lapsed.
		lock_by: BlockNumberFor<T>,
		/// Eligible provers it was elected among (itself included).
		candidates: u32,
	},
	/// Locked by a prover, which must prove it before `deadline`; its
	/// `collateral` is held until then.
	Locked {
		/// The prover that locked it.
		prover: T::AccountId,
		/// What it is paid on success.
		price: BalanceOf<T>,
		/// The first block at which the proof is late.
		deadline: BlockNumberFor<T>,
		/// Held from the prover ([`crate::HoldReason::JobCollateral`]) and
		/// forfeited if it fails the job.
		collateral: BalanceOf<T>,
		/// Eligible provers it was elected among (itself included).
		candidates: u32,
	},
	/// Proved and paid.
	Fulfilled {
		/// Who proved it.
		prover: T::AccountId,
		/// What it was paid.
		price: BalanceOf<T>,
		/// The computation's output, as proved.
		output: BoundedVec<u64, T::MaxOutputElements>,
		/// The block it was proved in.
		at: BlockNumberFor<T>,
	},
	/// Given up: waited too long for a prover, or every attempt failed. The fee
	/// was refunded.
	Expired {
		/// The block it expired in.
		at: BlockNumberFor<T>,
	},
	/// Withdrawn by its requester before it was offered. The fee was refunded.
	Cancelled {
		/// The block it was cancelled in.
		at: BlockNumberFor<T>,
	},
}

impl<T: Config> RequestStatus<T> {
	/// The prover holding the request (offered or locked) and the block its
	/// turn ends (the lock window's or the deadline's); `None` otherwise.
	pub fn holder(&self) -> Option<(&T::AccountId, BlockNumberFor<T>)> {
		match self {
			RequestStatus::Offered { prover, lock_by, .. } => Some((prover, *lock_by)),
			RequestStatus::Locked { prover, deadline, .. } => Some((prover, *deadline)),
			_ => None,
		}
	}

	/// Whether the request is still open (queued, offered or locked).
	pub fn is_open(&self) -> bool {
		matches!(
			self,
			RequestStatus::Queued { .. }
				| RequestStatus::Offered { .. }
				| RequestStatus::Locked { .. }
		)
	}
}

/// A proof request.
#[derive(
	CloneNoBound, DebugNoBound, Decode, Encode, EqNoBound, MaxEncodedLen, PartialEqNoBound, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Request<T: Config> {
	/// Who asked and pays.
	pub requester: T::AccountId,
	/// The circuit to prove.
	pub circuit: CircuitId,
	/// The circuit's input, as encoded field elements; emptied once the
	/// request ends, to keep state small.
	pub input: BoundedVec<u8, T::MaxInputBytes>,
	/// The most the requester pays; held until the request ends.
	pub max_fee: BalanceOf<T>,
	/// Blocks the assigned prover has, from its assignment.
	pub deadline_blocks: BlockNumberFor<T>,
	/// What the prover must meet.
	pub requirements: RequestRequirements<BalanceOf<T>>,
	/// The block it was submitted in.
	pub submitted_at: BlockNumberFor<T>,
	/// Provers that locked it and failed (missed the deadline or submitted an
	/// invalid proof), in order; never elected for it again. Its length is the
	/// number of failed attempts.
	pub failed: BoundedVec<T::AccountId, T::MaxAttempts>,
	/// Provers that were offered it and did not lock it, in order; never
	/// offered it again.
	pub declined: BoundedVec<T::AccountId, T::MaxDeclines>,
	/// Paid to the requester out of forfeited collateral, over all failed
	/// attempts; each failure pays at most its price and a share of its
	/// collateral (see the crate docs, "Money").
	pub compensated: BalanceOf<T>,
	/// Where it is in its life.
	pub status: RequestStatus<T>,
	/// Held from the requester while the request is open
	/// ([`crate::HoldReason::RequestDeposit`]); what was held when it was made.
	pub deposit: BalanceOf<T>,
}

/// A fee quote for a circuit and requirements.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Quote<Balance> {
	/// Units of proving work of the circuit.
	pub work_units: u64,
	/// The lowest ask among provers meeting the requirements, if any.
	pub cheapest_ask: Option<Balance>,
	/// The least `max_fee` a request is accepted with: cheapest ask × units.
	pub min_fee: Option<Balance>,
	/// Whether a prover meeting the requirements at the cheapest ask has a
	/// free slot now (otherwise a request waits in the queue).
	pub available_now: bool,
}

/// A request offered to or locked by a prover, as the prover client sees it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Job<Balance, BlockNumber> {
	/// The request.
	pub request: RequestId,
	/// The circuit to prove.
	pub circuit: CircuitId,
	/// The input bytes.
	pub input: Vec<u8>,
	/// What the prover is paid.
	pub price: Balance,
	/// Which attempt this is (1 for the first prover to lock it).
	pub attempt: u32,
	/// Blocks the prover has to prove, counted from the block it locks in.
	pub deadline_blocks: BlockNumber,
	/// The collateral locking holds (or holds, once locked).
	pub collateral: Balance,
	/// Where the job stands.
	pub stage: JobStage<BlockNumber>,
}

/// Whether a prover has taken a job yet.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum JobStage<BlockNumber> {
	/// Offered: lock it (`lock_request`) before this block, or decline it.
	Offered {
		/// The first block at which the offer has lapsed.
		lock_by: BlockNumber,
	},
	/// Locked: prove it before this block.
	Locked {
		/// The first block at which the proof is late.
		deadline: BlockNumber,
	},
}
