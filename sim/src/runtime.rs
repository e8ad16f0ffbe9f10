//! The simulated chain: `frame-system`, balances, the prover registry and the
//! proof market, configured with Prova's runtime parameters, with one
//! documented replacement: the Plonky2 verifier.
//!
//! Everything that moves money or picks provers is the production pallet
//! code; the parameters copy those of `runtime/src/configs/mod.rs` (keep the
//! two in step: a test comparing them would need this crate to build the
//! runtime) except what [`SimVerifier`] and [`RETENTION`] describe, none of
//! which touches a price, a collateral or an election.

use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU128, ConstU32, ConstU64, Get, VariantCountOf},
	weights::{constants::RocksDbWeight, Weight},
	PalletId,
};
use pallet_plonky2_verifier::weights::WeightInfo as _;
use prova_primitives::{
	proofs::{CircuitId, CircuitSummary, ProofVerifier, VerifyError, INPUT_COMMITMENT_LEN},
	token::{MICRO_UNIT, UNIT},
};
use sp_runtime::{BuildStorage, DispatchResult, Perbill};

type Block = frame_system::mocking::MockBlock<Sim>;
/// Accounts are numbers: agent `n` is account `n`.
pub type AccountId = u64;
/// Planks; one PROVA is [`UNIT`].
pub type Balance = u128;
/// Blocks.
pub type BlockNumber = u64;

// The simulated runtime.
frame_support::construct_runtime!(
	pub enum Sim {
		System: frame_system,
		Balances: pallet_balances,
		Provers: pallet_provers,
		Market: pallet_proof_market,
	}
);

/// Blocks per day at Prova's 3 s blocks.
pub const DAYS: BlockNumber = 28_800;
/// Blocks per hour.
pub const HOURS: BlockNumber = 1_200;
/// Seconds per block.
pub const BLOCK_SECONDS: f64 = 3.0;
/// Where slashes and forfeits go.
pub const TREASURY: AccountId = 1;
/// The owner of every simulated circuit.
pub const CIRCUIT_OWNER: AccountId = 2;
/// Blocks an ended request stays readable. Prova keeps them a day; the
/// simulator reads every outcome from events, so it drops them sooner to keep
/// its state small. Nothing else depends on retention.
pub const RETENTION: BlockNumber = 20;
/// Bytes of an extrinsic besides its call: signature, address and extensions.
pub const EXTRINSIC_OVERHEAD_BYTES: u64 = 110;
/// Gates each simulated circuit is charged for verification (the library's
/// circuits use about ten).
pub const CIRCUIT_GATES: u32 = 10;
/// Prefix of a proof the simulated verifier accepts.
pub const VALID_PROOF: &[u8] = b"valid";

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Sim {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = RocksDbWeight;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 10 * prova_primitives::token::MILLI_UNIT;
	pub const ProversPalletId: PalletId = PalletId(*b"prv/rwds");
	pub const MaxProverCommission: Perbill = Perbill::from_percent(50);
	pub const ProverParameters: pallet_provers::Parameters<Balance> = pallet_provers::Parameters {
		min_prover_bond: 1_000 * UNIT,
		min_delegation: 10 * UNIT,
		missed_deadline_slash: Perbill::zero(),
		invalid_proof_slash: Perbill::from_percent(20),
	};
	pub const MarketFailureCompensation: Perbill = Perbill::from_percent(50);
	pub const Treasury: AccountId = TREASURY;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Sim {
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

impl pallet_provers::Config for Sim {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slashed = ResolveTo<Treasury, Balances>;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type UnbondingPeriod = ConstU64<{ 2 * DAYS }>;
	type DelegationWarmup = ConstU64<{ DAYS + HOURS }>;
	type ReputationHalfLife = ConstU64<{ 7 * DAYS }>;
	type MaxProvers = ConstU32<256>;
	type MaxDelegatorsPerProver = ConstU32<128>;
	type MaxUnbondingChunks = ConstU32<8>;
	type MaxCapacity = ConstU32<1024>;
	type MaxServices = ConstU32<8>;
	type MaxCommission = MaxProverCommission;
	type DefaultParameters = ProverParameters;
	type PalletId = ProversPalletId;
	type WeightInfo = pallet_provers::weights::SubstrateWeight<Sim>;
}

impl pallet_proof_market::Config for Sim {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Forfeits = ResolveTo<Treasury, Balances>;
	type RequestDeposit = ConstU128<UNIT>;
	type LockWindow = ConstU64<5>;
	type MaxDeclines = ConstU32<8>;
	type CollateralFactor = ConstU32<2>;
	type MinCollateral = ConstU128<UNIT>;
	type FailureCompensation = MarketFailureCompensation;
	type MinCompetitors = ConstU32<3>;
	type MaxOpenRequestsPerAccount = ConstU32<64>;
	type Provers = Provers;
	type Verifier = SimVerifier;
	type Randomness = pallet_proof_market::ParentHashRandomness<Sim>;
	// Elections in the next block, as the simulator has always run them.
	type ElectionDelay = ConstU64<1>;
	type MaxInputBytes = ConstU32<{ 64 * 1024 }>;
	type MaxOutputElements = ConstU32<60>;
	type MaxPublicInputs = ConstU32<64>;
	type MaxProofBytes = ConstU32<{ pallet_plonky2_verifier::MAX_PROOF_BYTES as u32 }>;
	type MaxDescriptorBytes = ConstU32<128>;
	type MinDeadline = ConstU64<10>;
	type MaxDeadline = ConstU64<DAYS>;
	type MaxAttempts = ConstU32<3>;
	type MaxOpenRequests = ConstU32<1024>;
	type MaxAssignmentsPerBlock = ConstU32<16>;
	type MaxDeadlinesPerBlock = ConstU32<4>;
	type MaxRacers = ConstU32<8>;
	type MaxAsks = ConstU32<64>;
	type MaxAsksPerProver = ConstU32<4>;
	type MaxAskLifetime = ConstU64<DAYS>;
	type MaxBids = ConstU32<16>;
	type BidBond = ConstU128<{ UNIT / 10 }>;
	type MaxBidBlocks = ConstU64<200>;
	type MaxRampBlocks = ConstU64<HOURS>;
	type MaxQueueWait = ConstU64<HOURS>;
	type ResultRetention = ConstU64<RETENTION>;
	type MaxRetiredPerBlock = ConstU32<32>;
	// The aggregated tier as in Prova's runtime (the simulator's agents do
	// not use it yet).
	type AggregationFee = ConstU128<{ 5 * prova_primitives::token::MILLI_UNIT }>;
	type AggregationWindow = ConstU64<20>;
	type FallbackWindow = ConstU64<20>;
	type FallbackCharge = ConstU128<{ 20 * prova_primitives::token::MILLI_UNIT }>;
	type AggregatorBond = ConstU128<{ 100 * prova_primitives::token::UNIT }>;
	type MaxBatch = ConstU32<256>;
	type MaxEndpointBytes = ConstU32<256>;
	type WeightInfo = pallet_proof_market::weights::SubstrateWeight<Sim>;
	type BenchmarkHelper = ();
}

/// The simulated verifier, the one part of the chain not run as in Prova.
///
/// A real proof takes seconds to make and ~30 ms to verify; 10^5 of them
/// would take days. So:
/// - a proof is valid when its bytes start with [`VALID_PROOF`] (a simulated
///   prover that cheats sends anything else), after the market has checked,
///   with its own code, that the public inputs bind the request;
/// - circuits are not registered: circuit `[d; 32]` has `2^d` rows, belongs to
///   [`CIRCUIT_OWNER`] and has one output element;
/// - the input commitment is a BLAKE2 digest instead of Poseidon (the market
///   only compares it).
///
/// Verification is still *charged* as the runtime charges it: the verifier
/// pallet's benchmarked weights for the circuit's degree and
/// [`CIRCUIT_GATES`] gates.
pub struct SimVerifier;

/// The id of the simulated circuit of `2^degree_bits` rows.
pub fn circuit_id(degree_bits: u32) -> CircuitId {
	CircuitId::from([degree_bits as u8; 32])
}

fn degree_of(circuit: &CircuitId) -> Option<u32> {
	let bytes = circuit.as_bytes();
	let degree = bytes[0];
	(bytes.iter().all(|b| *b == degree) && (12..=20).contains(&degree)).then_some(degree as u32)
}

impl ProofVerifier<AccountId> for SimVerifier {
	fn verify(
		circuit: &CircuitId,
		_public_inputs: &[u64],
		proof: &[u8],
	) -> Result<(), VerifyError> {
		degree_of(circuit).ok_or(VerifyError::UnknownCircuit)?;
		if proof.starts_with(VALID_PROOF) {
			Ok(())
		} else {
			Err(VerifyError::InvalidProof)
		}
	}

	fn verify_weight(circuit: &CircuitId) -> Option<Weight> {
		let degree = degree_of(circuit)?;
		let weights = pallet_plonky2_verifier::weights::SubstrateWeight::<Sim>::verify_proof;
		Some(weights(degree).saturating_add(
			pallet_plonky2_verifier::weights::SubstrateWeight::<Sim>::evaluate_gates(CIRCUIT_GATES),
		))
	}

	fn circuit(circuit: &CircuitId) -> Option<CircuitSummary<AccountId>> {
		let degree_bits = degree_of(circuit)?;
		Some(CircuitSummary {
			owner: CIRCUIT_OWNER,
			degree_bits,
			public_inputs: INPUT_COMMITMENT_LEN as u32 + 1,
		})
	}

	fn input_commitment(input: &[u64]) -> [u64; INPUT_COMMITMENT_LEN] {
		let digest = sp_io::hashing::blake2_256(&codec::Encode::encode(input));
		core::array::from_fn(|i| {
			u64::from_le_bytes(digest[8 * i..8 * i + 8].try_into().expect("8 bytes")) >> 1
		})
	}

	fn acquire(_circuit: &CircuitId) -> DispatchResult {
		Ok(())
	}

	fn release(_circuit: &CircuitId) {}
}

/// The transaction fee Prova charges for a call of `weight` and `len`
/// encoded bytes: one plank per picosecond of weight (including the base
/// extrinsic weight) and one µPROVA per byte of the extrinsic.
pub fn transaction_fee(weight: Weight, len: usize) -> Balance {
	let base = <<Sim as frame_system::Config>::BlockWeights as Get<
		frame_system::limits::BlockWeights,
	>>::get()
	.get(frame_support::dispatch::DispatchClass::Normal)
	.base_extrinsic;
	Balance::from(weight.saturating_add(base).ref_time())
		+ Balance::from(len as u64 + EXTRINSIC_OVERHEAD_BYTES) * MICRO_UNIT
}

/// A chain at genesis: `endowed` accounts with their balances, the treasury
/// and the circuit owner funded.
pub fn genesis(endowed: &[(AccountId, Balance)]) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: endowed
				.iter()
				.copied()
				.chain([(TREASURY, UNIT), (CIRCUIT_OWNER, 1_000 * UNIT)])
				.collect(),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("the simulated genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
