//! # Plonky2 verifier
//!
//! The chain decides by itself whether a proof is valid: the runtime checks
//! the bytes and runs Plonky2's verifier, natively in the node through a host
//! function ([`host`]); the same code also builds into the runtime's `no_std`
//! WASM (registration parses there, and `verify_in_wasm` verifies there).
//!
//! ## Circuits
//! A circuit is registered once by its verifier data (plonky2's serialized
//! `VerifierCircuitData`: verifier-only plus common data, default gate set) and
//! is known by its [`CircuitId`], the `blake2_256` of those bytes. Registering
//! holds a deposit of `CircuitDepositBase + CircuitDepositPerByte × size` from
//! the registrant, released by [`Pallet::unregister_circuit`] once no open
//! request uses the circuit (the market counts uses through
//! [`ProofVerifier::acquire`] / [`ProofVerifier::release`]).
//!
//! Only circuits the chain can verify at a known cost are accepted (see
//! [`verifier`]): plonky2's `standard_recursion_config` over Goldilocks with
//! Poseidon, at most `MaxDegreeBits` and `MaxPublicInputs`, at most
//! [`MAX_GATES`] distinct gates and small selector groups.
//!
//! ## Verification
//! [`ProofVerifier::verify`] is what the market calls; [`Pallet::verify_proof`]
//! offers the same check to anyone as a service and records the result as an
//! event. Both check sizes first, then parse with bounded allocation, then
//! compare public inputs, then verify; each failure keeps its reason
//! ([`VerifyError`], mirrored by this pallet's errors). The check runs natively
//! in the node, through a host function ([`host`]): the same code, 4 to 5
//! times faster than in the runtime's WASM.
//!
//! ## Weight
//! With the configuration fixed, verification cost has two parts. The FRI
//! check depends on the degree (Merkle paths of `degree_bits + rate_bits`
//! levels in each of 28 queries); the `verify_proof(d)` benchmark measures it
//! with real proofs at every degree from 12 to 20. The gate check evaluates
//! each of the circuit's gates once; the `evaluate_gates(g)` benchmark charges
//! every gate as the costliest one there is (Poseidon, several times any other
//! gate: see `prova_circuits::crafted`, whose worst-case circuit the
//! registration benchmark parses). The weight of verifying a circuit's proof
//! is `verify_proof(degree) + evaluate_gates(gates)`, read from the stored
//! [`CircuitInfo`] before the proof is even looked at. Public inputs (at most
//! `MaxPublicInputs`, hashed once) are negligible.
//!
//! The verifier data is parsed again for each proof: the runtime keeps no
//! memory between extrinsics but storage, where the bytes already are, and
//! parsing even the crafted worst case costs about 6% of a verification
//! (registering it, parse and checks included, weighs 0.55 ms in WASM against
//! 9.3 ms for verifying a 2^12 proof through the host function, parsing
//! included). What registration checked once (the gate bounds) is not
//! checked again. `evaluate_gates` is still measured in WASM, where the
//! benchmark evaluates the gates, so it charges about five times what the
//! host function spends on them.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod host;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod verifier;
pub mod weights;

use alloc::vec::Vec;
pub use pallet::*;
pub use prova_primitives::proofs::{
	CircuitId, CircuitSummary, ProofVerifier, VerifyError, INPUT_COMMITMENT_LEN,
};
pub use verifier::{
	verify, Limits, C, D, F, MAX_GATES, MAX_PROOF_BYTES, MAX_SELECTOR_GROUP,
	MAX_VERIFIER_DATA_BYTES,
};
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use scale_info::TypeInfo;
	use sp_runtime::{traits::Saturating, Weight};

	/// Balance of the pallet's currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// What the chain keeps about a registered circuit besides its bytes.
	#[derive(
		Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
	)]
	pub struct CircuitInfo<AccountId, Balance> {
		/// Who registered it and holds the deposit.
		pub owner: AccountId,
		/// The deposit held.
		pub deposit: Balance,
		/// `log2` of its rows.
		pub degree_bits: u32,
		/// FRI query rounds.
		pub fri_queries: u32,
		/// Number of public inputs.
		pub public_inputs: u32,
		/// The gates verification is charged for
		/// ([`verifier::CircuitShape::charged_gates`]): its gate count, at most
		/// [`MAX_GATES`] since storage version 1; more for a circuit registered
		/// before, whose selector groups may be larger.
		pub gates: u32,
		/// Size of its verifier data in bytes.
		pub size: u32,
		/// Market listings and open requests using it.
		pub users: u32,
	}

	/// The storage layout's version: 1 added [`CircuitInfo::gates`]
	/// ([`migrations::MigrateV0ToV1`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Deposit for any circuit.
		#[pallet::constant]
		type CircuitDepositBase: Get<BalanceOf<Self>>;

		/// Deposit per byte of verifier data.
		#[pallet::constant]
		type CircuitDepositPerByte: Get<BalanceOf<Self>>;

		/// Largest verifier data accepted (at most [`MAX_VERIFIER_DATA_BYTES`]).
		#[pallet::constant]
		type MaxVerifierDataBytes: Get<u32>;

		/// Largest proof accepted (at most [`MAX_PROOF_BYTES`]).
		#[pallet::constant]
		type MaxProofBytes: Get<u32>;

		/// Largest circuit degree, in bits.
		#[pallet::constant]
		type MaxDegreeBits: Get<u32>;

		/// Most public inputs of a circuit.
		#[pallet::constant]
		type MaxPublicInputs: Get<u32>;

		/// Weights from this pallet's benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a registered circuit.
		CircuitDeposit,
	}

	/// Registered circuits.
	#[pallet::storage]
	pub type Circuits<T: Config> =
		StorageMap<_, Identity, CircuitId, CircuitInfo<T::AccountId, BalanceOf<T>>>;

	/// The verifier data of registered circuits.
	#[pallet::storage]
	pub type VerifierData<T: Config> =
		StorageMap<_, Identity, CircuitId, BoundedVec<u8, T::MaxVerifierDataBytes>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A circuit was registered.
		CircuitRegistered {
			circuit: CircuitId,
			owner: T::AccountId,
			degree_bits: u32,
			public_inputs: u32,
			deposit: BalanceOf<T>,
		},
		/// A circuit was removed and its deposit released.
		CircuitUnregistered { circuit: CircuitId },
		/// A proof verified (`verify_proof`).
		ProofVerified { circuit: CircuitId, public_inputs_hash: sp_core::H256 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The verifier data is larger than `MaxVerifierDataBytes`.
		VerifierDataTooLarge,
		/// The proof is larger than `MaxProofBytes`.
		ProofTooLarge,
		/// The verifier data does not deserialize.
		MalformedVerifierData,
		/// The circuit's configuration is not supported.
		UnsupportedConfig,
		/// The circuit's degree is above `MaxDegreeBits`.
		DegreeTooLarge,
		/// The circuit has more than `MaxPublicInputs` public inputs.
		TooManyPublicInputs,
		/// No circuit is registered under this id.
		UnknownCircuit,
		/// The proof does not deserialize against the circuit.
		MalformedProof,
		/// The proof's public inputs differ from the ones given.
		PublicInputsMismatch,
		/// The proof does not verify.
		InvalidProof,
		/// The circuit is already registered.
		AlreadyRegistered,
		/// Only the registrant may unregister a circuit.
		NotOwner,
		/// The circuit is listed on the market, or open requests use it.
		CircuitInUse,
	}

	impl<T> From<VerifyError> for Error<T> {
		fn from(error: VerifyError) -> Self {
			match error {
				VerifyError::VerifierDataTooLarge => Error::VerifierDataTooLarge,
				VerifyError::ProofTooLarge => Error::ProofTooLarge,
				VerifyError::MalformedVerifierData => Error::MalformedVerifierData,
				VerifyError::UnsupportedConfig => Error::UnsupportedConfig,
				VerifyError::DegreeTooLarge => Error::DegreeTooLarge,
				VerifyError::TooManyPublicInputs => Error::TooManyPublicInputs,
				VerifyError::UnknownCircuit => Error::UnknownCircuit,
				VerifyError::MalformedProof => Error::MalformedProof,
				VerifyError::PublicInputsMismatch => Error::PublicInputsMismatch,
				VerifyError::InvalidProof => Error::InvalidProof,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxVerifierDataBytes::get() as usize <= MAX_VERIFIER_DATA_BYTES);
			assert!(T::MaxProofBytes::get() as usize <= MAX_PROOF_BYTES);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks the pallet's invariants: every circuit's bytes are stored
		/// under the hash of those bytes with the recorded size and shape
		/// (degree, public inputs, gates), no bytes are
		/// stored without a circuit, and each owner's deposit hold is the sum
		/// of its circuits' deposits.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;
			let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (circuit, info) in Circuits::<T>::iter() {
				let bytes = VerifierData::<T>::get(circuit).ok_or("a circuit without its bytes")?;
				ensure!(bytes.len() as u32 == info.size, "a circuit's size is off");
				ensure!(
					CircuitId::from(sp_io::hashing::blake2_256(&bytes)) == circuit,
					"a circuit stored under another id than its hash"
				);
				let limits = Self::limits().without_gate_bounds();
				let (_, shape) = verifier::parse_circuit(&bytes, &limits)
					.map_err(|_| "a registered circuit does not parse")?;
				ensure!(
					(shape.degree_bits, shape.public_inputs, shape.charged_gates())
						== (info.degree_bits, info.public_inputs, info.gates),
					"a circuit's recorded shape differs from its verifier data"
				);
				let held = deposits.entry(info.owner).or_default();
				*held = held.saturating_add(info.deposit);
			}
			ensure!(
				VerifierData::<T>::iter_keys().all(Circuits::<T>::contains_key),
				"verifier data without a circuit"
			);
			for (owner, expected) in deposits {
				let held = T::Currency::balance_on_hold(&HoldReason::CircuitDeposit.into(), &owner);
				ensure!(held == expected, "a circuit deposit hold differs from the deposits");
			}
			Ok(())
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a circuit by its verifier data, holding the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_circuit())]
		pub fn register_circuit(
			origin: OriginFor<T>,
			verifier_data: BoundedVec<u8, T::MaxVerifierDataBytes>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let circuit = CircuitId::from(sp_io::hashing::blake2_256(&verifier_data));
			ensure!(!Circuits::<T>::contains_key(circuit), Error::<T>::AlreadyRegistered);
			let (_, shape) = verifier::parse_circuit(&verifier_data, &Self::limits())
				.map_err(Error::<T>::from)?;
			let size = verifier_data.len() as u32;
			let deposit = T::CircuitDepositBase::get()
				.saturating_add(T::CircuitDepositPerByte::get().saturating_mul(size.into()));
			T::Currency::hold(&HoldReason::CircuitDeposit.into(), &owner, deposit)?;
			Circuits::<T>::insert(
				circuit,
				CircuitInfo {
					owner: owner.clone(),
					deposit,
					degree_bits: shape.degree_bits,
					fri_queries: shape.fri_queries,
					public_inputs: shape.public_inputs,
					gates: shape.charged_gates(),
					size,
					users: 0,
				},
			);
			VerifierData::<T>::insert(circuit, verifier_data);
			Self::deposit_event(Event::CircuitRegistered {
				circuit,
				owner,
				degree_bits: shape.degree_bits,
				public_inputs: shape.public_inputs,
				deposit,
			});
			Ok(())
		}

		/// Removes the caller's circuit and releases its deposit; no open request
		/// may use it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unregister_circuit())]
		pub fn unregister_circuit(origin: OriginFor<T>, circuit: CircuitId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Circuits::<T>::get(circuit).ok_or(Error::<T>::UnknownCircuit)?;
			ensure!(info.owner == who, Error::<T>::NotOwner);
			ensure!(info.users == 0, Error::<T>::CircuitInUse);
			T::Currency::release(
				&HoldReason::CircuitDeposit.into(),
				&who,
				info.deposit,
				Precision::Exact,
			)?;
			Circuits::<T>::remove(circuit);
			VerifierData::<T>::remove(circuit);
			Self::deposit_event(Event::CircuitUnregistered { circuit });
			Ok(())
		}

		/// Verifies a proof of a registered circuit with the given public inputs,
		/// as a service: emits `ProofVerified` or fails with the reason.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::verify_weight_or_max(circuit))]
		pub fn verify_proof(
			origin: OriginFor<T>,
			circuit: CircuitId,
			public_inputs: BoundedVec<u64, T::MaxPublicInputs>,
			proof: BoundedVec<u8, T::MaxProofBytes>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			<Self as ProofVerifier<T::AccountId>>::verify(&circuit, &public_inputs, &proof)
				.map_err(Error::<T>::from)?;
			let public_inputs_hash =
				sp_core::H256::from(sp_io::hashing::blake2_256(&public_inputs.encode()));
			Self::deposit_event(Event::ProofVerified { circuit, public_inputs_hash });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The limits registration enforces.
		pub fn limits() -> Limits {
			Limits {
				max_degree_bits: T::MaxDegreeBits::get(),
				max_public_inputs: T::MaxPublicInputs::get(),
				..Limits::default()
			}
		}

		/// Weight of verifying a proof for a circuit of `degree_bits` and
		/// `gates`, including reading the circuit.
		pub fn verify_weight_for(degree_bits: u32, gates: u32) -> Weight {
			T::WeightInfo::verify_proof(degree_bits)
				.saturating_add(T::WeightInfo::evaluate_gates(gates))
		}

		/// Weight of `verify_proof` for `circuit`; the largest registrable
		/// circuit's for an unknown one (the call then fails at once).
		fn verify_weight_or_max(circuit: &CircuitId) -> Weight {
			<Self as ProofVerifier<T::AccountId>>::verify_weight(circuit)
				.unwrap_or_else(|| {
					Self::verify_weight_for(T::MaxDegreeBits::get(), MAX_GATES as u32)
				})
				.saturating_add(T::DbWeight::get().reads(1))
		}
	}

	impl<T: Config> ProofVerifier<T::AccountId> for Pallet<T> {
		fn verify(
			circuit: &CircuitId,
			public_inputs: &[u64],
			proof: &[u8],
		) -> Result<(), VerifyError> {
			if proof.len() > T::MaxProofBytes::get() as usize {
				return Err(VerifyError::ProofTooLarge);
			}
			let bytes = VerifierData::<T>::get(circuit).ok_or(VerifyError::UnknownCircuit)?;
			let limits = host::encode_limits(&Self::limits().without_gate_bounds());
			host::proof_verification::verify(&bytes, proof, Some(public_inputs.to_vec()), limits)
		}

		fn verify_weight(circuit: &CircuitId) -> Option<Weight> {
			Circuits::<T>::get(circuit)
				.map(|info| Self::verify_weight_for(info.degree_bits, info.gates))
		}

		fn circuit(circuit: &CircuitId) -> Option<CircuitSummary<T::AccountId>> {
			Circuits::<T>::get(circuit).map(|info| CircuitSummary {
				owner: info.owner,
				degree_bits: info.degree_bits,
				public_inputs: info.public_inputs,
			})
		}

		fn input_commitment(input: &[u64]) -> [u64; INPUT_COMMITMENT_LEN] {
			verifier::input_commitment(input)
		}

		fn acquire(circuit: &CircuitId) -> DispatchResult {
			Circuits::<T>::try_mutate(circuit, |info| {
				let info = info.as_mut().ok_or(Error::<T>::UnknownCircuit)?;
				info.users.saturating_inc();
				Ok(())
			})
		}

		fn release(circuit: &CircuitId) {
			Circuits::<T>::mutate(circuit, |info| {
				if let Some(info) = info {
					info.users.saturating_dec();
				}
			});
		}

		/// Parses the stored verifier data (in the runtime's WASM: a root
		/// call, `set_aggregation_circuit`, asks for it once per circuit).
		fn verifier_hash(circuit: &CircuitId) -> Option<[u64; INPUT_COMMITMENT_LEN]> {
			let bytes = VerifierData::<T>::get(circuit)?;
			let limits = Self::limits().without_gate_bounds();
			let (parsed, _) = verifier::parse_circuit(&bytes, &limits).ok()?;
			Some(verifier::verifier_hash(&parsed))
		}
	}
}

sp_api::decl_runtime_apis! {
	/// Plonky2 verification as a service of the runtime.
	#[api_version(2)]
	pub trait Plonky2VerifierApi {
		/// Whether `proof` verifies against `verifier_data`; both in plonky2's
		/// own serialization (see [`verifier::verify`]), through the host
		/// function, as the market verifies.
		fn verify(verifier_data: Vec<u8>, proof: Vec<u8>) -> Result<(), VerifyError>;

		/// The same check computed in the runtime's WASM, not by the host
		/// function: for comparing the two (see [`host`]).
		#[api_version(2)]
		fn verify_in_wasm(verifier_data: Vec<u8>, proof: Vec<u8>) -> Result<(), VerifyError>;
	}
}

/// [`verifier::verify`] through the host function: what the runtime API's
/// `verify` answers.
pub fn verify_on_host(verifier_data: &[u8], proof: &[u8]) -> Result<(), VerifyError> {
	let limits = host::encode_limits(&Limits::default());
	host::proof_verification::verify(verifier_data, proof, None, limits)
}

/// plonky2_field enables rand's `getrandom` feature. The runtime has no entropy
/// source, and plonky2's verifier never draws randomness, so every request for
/// random bytes fails instead of linking an import the host cannot provide.
#[cfg(all(target_family = "wasm", target_os = "none"))]
mod no_entropy {
	fn refuse(_buf: &mut [u8]) -> Result<(), getrandom::Error> {
		Err(getrandom::Error::UNSUPPORTED)
	}
	getrandom::register_custom_getrandom!(refuse);
}
