//! Parameters of every pallet in the runtime.
//!
//! Values that wallets and clients also need (token decimals, block time,
//! address prefix) come from `prova_primitives`, so they are defined once.

use crate::{
	AccountId, Babe, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	SessionKeys, System, Treasury, ValidatorSet, EXISTENTIAL_DEPOSIT, SS58_PREFIX, UNIT, VERSION,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		tokens::{imbalance::ResolveTo, pay::PayFromAccount, UnityAssetBalanceConversion},
		ConstU128, ConstU32, ConstU64, ConstU8, Get, InstanceFilter, Randomness, VariantCountOf,
	},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::{limits::BlockWeights, EnsureRoot, EnsureRootWithSuccess};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_runtime::{
	traits::{BlakeTwo256, Bounded, ConvertInto, IdentityLookup, One, OpaqueKeys},
	FixedPointNumber, Perbill, Perquintill,
};
use sp_version::RuntimeVersion;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute per block, leaving a third of the 3-second slot
	/// for import and propagation.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB blocks: room for Plonky2 proofs (hundreds of KiB each).
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |max| {
				*max = NORMAL_DISPATCH_RATIO * *max
			})
			.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The default types are being injected by [`derive_impl`](`frame_support::derive_impl`) from
/// [`SolochainDefaultConfig`](`struct@frame_system::config_preludes::SolochainDefaultConfig`),
/// but overridden as needed.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ crate::SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees rise when blocks are more than a quarter full (by weight).
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast: the multiplier is scaled each block by about
	/// `1 + v·d + (v·d)²/2`, `d` the fullness above (or below) the target.
	/// With v = 0.03, full blocks (d = 0.75) raise fees 2.3% a block, so they
	/// double in about 31 blocks (93 s) of stuffing; empty blocks (d = -0.25)
	/// bring them down 0.75% a block, halving in about 92 blocks.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 100);
	/// Never below the base: the fees the README works out are the floor.
	pub MinimumMultiplier: Multiplier = Multiplier::one();
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// One plank per picosecond of ref-time: a whole 2-second block of compute
	/// costs 2 PROVA; a transfer costs a few ten-thousandths of a PROVA.
	type WeightToFee = IdentityFee<Balance>;
	/// One micro-PROVA per byte: a 200 KiB proof costs about 0.2 PROVA to include.
	type LengthToFee = ConstantPerByte;
	/// Polkadot-sdk's targeted fee adjustment: the multiplier follows how
	/// full blocks are, so a block-stuffing attacker pays more the longer it
	/// keeps blocks full; at or under the target it stays at 1.
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

/// Length fee: a flat price per byte of extrinsic.
pub struct ConstantPerByte;
impl frame_support::weights::WeightToFee for ConstantPerByte {
	type Balance = Balance;
	fn weight_to_fee(weight: &Weight) -> Balance {
		Balance::from(weight.ref_time()).saturating_mul(crate::MICRO_UNIT)
	}
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"prv/trsy");
	pub TreasuryAccount: AccountId = Treasury::account_id();
	pub const MaxTreasurySpend: Balance = Balance::MAX;
}

/// The treasury collects slashed stake. Spending is root-only until governance
/// exists; nothing is burnt.
impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = EnsureRoot<AccountId>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = ConstU32<{ 7 * crate::DAYS }>;
	type Burn = ();
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = EnsureRootWithSuccess<AccountId, MaxTreasurySpend>;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = ConstU32<{ 30 * crate::DAYS }>;
	type BlockNumberProvider = System;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_validator_set::Config for Runtime {
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxValidators = MaxAuthorities;
	type MinValidators = ConstU32<1>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Deposit held while an account has session keys registered.
	pub const SessionKeyDeposit: Balance = UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	// A session is a BABE epoch.
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// BABE's epoch length in slots: the validator set's session length, set at
/// genesis and never changed afterwards (the nodes read it once, from
/// genesis; `pallet-validator-set` has no call to change it).
pub struct EpochDuration;

impl Get<u64> for EpochDuration {
	fn get() -> u64 {
		u64::from(pallet_validator_set::SessionLengthOf::<Runtime>::get())
	}
}

parameter_types! {
	pub const MaxAuthorities: u32 = 100;
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ConstU64<{ crate::SLOT_DURATION }>;
	// Epochs change with sessions, which BABE itself ends (`ShouldEndSession`).
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = crate::Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	// Equivocation reports need pallet-session's historical proofs, which
	// Prova does not keep yet (as for GRANDPA).
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	pub const ProversPalletId: PalletId = PalletId(*b"prv/rwds");
	/// A prover keeps at most half of a reward before the stake split.
	pub const MaxProverCommission: Perbill = Perbill::from_percent(50);
	pub const ProverParameters: pallet_provers::Parameters<Balance> = pallet_provers::Parameters {
		min_prover_bond: 1_000 * UNIT,
		min_delegation: 10 * UNIT,
		missed_deadline_slash: Perbill::zero(),
		invalid_proof_slash: Perbill::from_percent(20),
	};
	/// Half of a failed job's collateral (at most its price) goes to the requester.
	pub const MarketFailureCompensation: Perbill = Perbill::from_percent(50);
}

/// Provers bond at least 1,000 PROVA; unbonding takes two days, longer than any
/// proof deadline, so a prover cannot leave before a bad proof is slashed, and
/// a commission increase (at most to 50%) waits the same two days. A new
/// delegation backs the prover and earns only after a day and an hour, longer
/// than any job runs from its lock (a day's deadline at most), so it never
/// shares the reward of a job locked before it. An invalid
/// proof costs 20% of the prover's stake, self-bond first; a missed deadline
/// costs only the job's collateral (the market's), so no backing slash.
/// Slashes go to the treasury.
impl pallet_provers::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slashed = ResolveTo<TreasuryAccount, Balances>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type UnbondingPeriod = ConstU32<{ 2 * crate::DAYS }>;
	type DelegationWarmup = ConstU32<{ crate::DAYS + crate::HOURS }>;
	/// A week: a month-old record weighs a sixteenth of this week's work.
	type ReputationHalfLife = ConstU32<{ 7 * crate::DAYS }>;
	type MaxProvers = ConstU32<256>;
	type MaxDelegatorsPerProver = ConstU32<128>;
	type MaxUnbondingChunks = ConstU32<8>;
	type MaxCapacity = ConstU32<1024>;
	/// Services a prover declares; each election matches every one.
	type MaxServices = ConstU32<8>;
	type MaxCommission = MaxProverCommission;
	type DefaultParameters = ProverParameters;
	type PalletId = ProversPalletId;
	type WeightInfo = pallet_provers::weights::SubstrateWeight<Runtime>;
}

/// Circuits are stored on chain, so registering one holds 10 PROVA plus
/// 0.01 PROVA per byte of verifier data (a typical circuit: about 40 PROVA).
/// Degrees up to 2^20 and 64 public inputs; proofs up to 512 KiB.
impl pallet_plonky2_verifier::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CircuitDepositBase = ConstU128<{ 10 * UNIT }>;
	type CircuitDepositPerByte = ConstU128<{ 10 * crate::MILLI_UNIT }>;
	type MaxVerifierDataBytes =
		ConstU32<{ pallet_plonky2_verifier::MAX_VERIFIER_DATA_BYTES as u32 }>;
	type MaxProofBytes = ConstU32<{ pallet_plonky2_verifier::MAX_PROOF_BYTES as u32 }>;
	type MaxDegreeBits = ConstU32<20>;
	type MaxPublicInputs = ConstU32<64>;
	type WeightInfo = pallet_plonky2_verifier::weights::SubstrateWeight<Runtime>;
}

/// Requests carry up to 64 KiB of input (8,192 field elements) and are
/// offered at the start of a later block, 16 per block at most; the offered
/// prover has 5 blocks (15 s) to lock, and a request may be declined 8 times.
/// Locking holds collateral of twice the price, at least 1 PROVA; provers
/// have 10 blocks (30 s) to a day from the lock and three attempts. A failed job's
/// collateral goes half to the requester (at most the price), the rest to the
/// treasury. A proof raises its prover's reputation only if at least 3
/// provers were eligible for the job. The hook handles at most 4 lock windows,
/// deadlines, auction ends and claims falling back per block, so its worst
/// case (4 slashes of a prover with the most delegators, plus 16 elections
/// over the most provers) stays well inside a block; see the crate docs for
/// the measured figures. Any number may end in one block (the aggregated tier
/// claims hundreds per block): the excess waits, in order, for the next
/// blocks, at most 256 (1024 open requests, 4 a block). Ended requests stay readable for a day.
/// Each request holds a 1 PROVA deposit besides its fee (forfeited to the
/// treasury only if it expires without any prover locking it) and one account
/// has at most 64 requests open, a sixteenth of the market.
///
/// The aggregated tier: an aggregated request reserves 5 milliPROVA of its
/// fee for the aggregator; a claim waits 40 blocks (two minutes) for a
/// batch, time for an aggregator on 2 cores to wrap and merge a few dozen
/// proofs (one recursive proof takes about 3.5 s there, 2 per request), then
/// its prover has 20 more blocks to submit the proof itself, paid 5
/// milliPROVA less (toward the verification a batch would have shared; half
/// the 0.01 PROVA demo price, so a prover whose claim no aggregator took
/// still earns, and earns more by delivering to an aggregator). An
/// aggregator holds 100 PROVA, forfeited whole for an aggregate that does
/// not verify. A batch settles at most 256 requests: no more than the
/// registry's `MaxProvers`, so that `settle_batch`'s benchmark can give each
/// request its own prover; two batches a block reach 512 requests.
impl pallet_proof_market::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Forfeits = ResolveTo<TreasuryAccount, Balances>;
	type RequestDeposit = ConstU128<UNIT>;
	type LockWindow = ConstU32<5>;
	type MaxDeclines = ConstU32<8>;
	type CollateralFactor = ConstU32<2>;
	type MinCollateral = ConstU128<UNIT>;
	type FailureCompensation = MarketFailureCompensation;
	type MinCompetitors = ConstU32<3>;
	type MaxOpenRequestsPerAccount = ConstU32<64>;
	type Provers = crate::Provers;
	type Verifier = crate::Verifier;
	type Randomness = BabeVrfRandomness;
	type ElectionDelay = ConstU32<2>;
	type MaxInputBytes = ConstU32<{ 64 * 1024 }>;
	type MaxOutputElements = ConstU32<60>;
	type MaxPublicInputs = ConstU32<64>;
	type MaxProofBytes = ConstU32<{ pallet_plonky2_verifier::MAX_PROOF_BYTES as u32 }>;
	type MaxDescriptorBytes = ConstU32<128>;
	type MinDeadline = ConstU32<10>;
	type MaxDeadline = ConstU32<{ crate::DAYS }>;
	type MaxAttempts = ConstU32<3>;
	type MaxOpenRequests = ConstU32<1024>;
	type MaxAssignmentsPerBlock = ConstU32<16>;
	type MaxDeadlinesPerBlock = ConstU32<4>;
	type MaxRacers = ConstU32<8>;
	type MaxAsks = ConstU32<64>;
	type MaxAsksPerProver = ConstU32<4>;
	type MaxAskLifetime = ConstU32<{ crate::DAYS }>;
	type MaxBids = ConstU32<16>;
	type BidBond = ConstU128<{ UNIT / 10 }>;
	type MaxBidBlocks = ConstU32<{ crate::MINUTES * 10 }>;
	type MaxRampBlocks = ConstU32<{ crate::HOURS }>;
	type MaxQueueWait = ConstU32<{ crate::HOURS }>;
	type ResultRetention = ConstU32<{ crate::DAYS }>;
	type MaxRetiredPerBlock = ConstU32<32>;
	type AggregationFee = ConstU128<{ 5 * crate::MILLI_UNIT }>;
	type AggregationWindow = ConstU32<40>;
	type FallbackWindow = ConstU32<20>;
	type FallbackCharge = ConstU128<{ 5 * crate::MILLI_UNIT }>;
	type AggregatorBond = ConstU128<{ 100 * UNIT }>;
	type MaxBatch = ConstU32<256>;
	type MaxEndpointBytes = ConstU32<256>;
	type WeightInfo = pallet_proof_market::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MarketBenchmarkSetup;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type BenchmarkHelper = ();
}

/// A prover and a circuit (the checked-in `poseidon_chain` 2^12 fixture) for
/// the market's benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MarketBenchmarkSetup;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_proof_market::BenchmarkHelper<AccountId, Balance> for MarketBenchmarkSetup {
	fn register_prover(who: &AccountId, ask: Balance) {
		use frame_support::traits::{fungible::Mutate, Get};
		use prova_primitives::market::{GpuClass, HardwareClass};
		let bond = ProverParameters::get().min_prover_bond;
		Balances::set_balance(who, bond.saturating_mul(10));
		let hardware = HardwareClass { cpu_cores: 64, memory_gib: 512, gpu: GpuClass::Datacenter };
		let capacity = <Runtime as pallet_provers::Config>::MaxCapacity::get();
		crate::Provers::register(
			RuntimeOrigin::signed(who.clone()),
			hardware,
			capacity,
			ask,
			Perbill::from_percent(10),
			bond,
		)
		.expect("a funded account registers");
	}

	fn register_circuit(owner: &AccountId) -> pallet_proof_market::CircuitId {
		use frame_support::traits::fungible::Mutate;
		let verifier_data: &[u8] =
			include_bytes!("../../../pallets/plonky2-verifier/fixtures/poseidon_chain-12.vd");
		Balances::set_balance(owner, 1_000 * UNIT);
		let bytes = verifier_data.to_vec().try_into().expect("the fixture fits");
		crate::Verifier::register_circuit(RuntimeOrigin::signed(owner.clone()), bytes)
			.expect("the fixture registers");
		<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(verifier_data)
	}
}

/// The market's election seed: the VRF output of the parent block's author
/// (`pallet_babe::ParentBlockRandomness`). That output is fixed by the
/// author's key, the slot and the epoch's randomness, so the author cannot
/// choose it; it can only withhold its block (losing the block's fees, and
/// leaving the slot to a secondary author whose own VRF output then seeds
/// the elections). Requests wait two blocks before their first election
/// (`ElectionDelay`), so the author who includes a request does not know the
/// output it will be elected with, which the next block's author computes.
/// Only a parent without a VRF output (genesis) falls back to the parent's
/// hash.
pub struct BabeVrfRandomness;

impl Randomness<Hash, BlockNumber> for BabeVrfRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		match pallet_babe::ParentBlockRandomness::<Runtime>::random(subject) {
			(Some(seed), block) => (seed, block),
			(None, _) => pallet_proof_market::ParentHashRandomness::<Runtime>::random(subject),
		}
	}
}

parameter_types! {
	/// Held while an account has proxies: 0.1 PROVA, plus 0.01 PROVA each.
	pub const ProxyDepositBase: Balance = UNIT / 10;
	pub const ProxyDepositFactor: Balance = UNIT / 100;
	/// Held per announcement of a delayed proxy call.
	pub const AnnouncementDepositBase: Balance = UNIT / 10;
	pub const AnnouncementDepositFactor: Balance = UNIT / 50;
}

/// What a proxy may do for the account that added it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	scale_info::TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything the account may do.
	#[default]
	Any,
	/// A prover daemon's hot key: lock or decline offers, bid, post and
	/// cancel asks, commit, submit and claim proofs, settle aggregated
	/// batches, chill and activate, declare served circuits. Nothing that
	/// moves funds out of the account, bonds or unbonds, changes commission
	/// or ask (`provers.update`), registers, or adds proxies. A stolen hot
	/// key can still lose what the prover's own operations put at risk:
	/// the collateral of jobs it locks and does not prove, and an
	/// aggregator's bond on a bad batch.
	ProverOperations,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		use pallet_proof_market::Call as Market;
		use pallet_provers::Call as Provers;
		match self {
			ProxyType::Any => true,
			ProxyType::ProverOperations => matches!(
				call,
				RuntimeCall::Market(
					Market::lock_request { .. }
						| Market::decline_request { .. }
						| Market::submit_proof { .. }
						| Market::commit_bid { .. }
						| Market::reveal_bid { .. }
						| Market::post_ask { .. }
						| Market::cancel_ask { .. }
						| Market::commit_proof { .. }
						| Market::claim_proof { .. }
						| Market::settle_batch { .. }
				) | RuntimeCall::Provers(
					Provers::chill { .. } | Provers::activate { .. } | Provers::set_services { .. }
				)
			),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		self == other || *self == ProxyType::Any
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<8>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<16>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}
