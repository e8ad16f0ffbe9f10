//! A runtime with balances, the real prover registry, the real Plonky2 verifier
//! and the market, plus real proofs made once per test binary with
//! `prova-circuits`. Slashes and forfeited deposits go to a treasury account,
//! so total issuance never moves.

use crate::{self as pallet_proof_market, ParentHashRandomness};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, Hooks, VariantCountOf},
	BoundedVec, PalletId,
};
use pallet_provers::Parameters;
use prova_circuits::{Workload, WorkloadKind};
use prova_primitives::{
	market::{GpuClass, HardwareClass, RequestRequirements},
	proofs::{CircuitId, CircuitSummary, ProofVerifier, VerifyError, INPUT_COMMITMENT_LEN},
};
use sp_runtime::{BuildStorage, Perbill};
use std::sync::LazyLock;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Provers: pallet_provers,
		Verifier: pallet_plonky2_verifier,
		Market: pallet_proof_market,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

/// Existential deposit.
pub const ED: Balance = 10;
/// What every account in `1..=ACCOUNTS` starts with.
pub const ENDOWMENT: Balance = 1_000_000;
/// Number of endowed accounts.
pub const ACCOUNTS: AccountId = 20;
/// Most standing asks on the book.
pub const MAX_ASKS: u32 = 6;
/// Most bids one auction takes.
pub const MAX_BIDS: u32 = 6;
/// A sealed bid's bond.
pub const BID_BOND: Balance = 50;
/// Where slashes and forfeited deposits go.
pub const TREASURY: AccountId = 999;
/// Minimum prover self-bond.
pub const MIN_BOND: Balance = 10_000;
/// Share of stake slashed for a missed deadline.
pub const LATE_SLASH: Perbill = Perbill::from_percent(10);
/// Share of stake slashed for an invalid proof.
pub const INVALID_SLASH: Perbill = Perbill::from_percent(50);
/// Most attempts per request.
pub const MAX_ATTEMPTS: u32 = 3;
/// Blocks a request may wait queued.
pub const QUEUE_WAIT: u64 = 20;
/// Blocks an ended request stays readable.
pub const RETENTION: u64 = 10;
/// Most open requests.
pub const MAX_OPEN: u32 = 16;
/// Most open requests of one account.
pub const MAX_OPEN_PER_ACCOUNT: u32 = 8;
/// Held per open request besides its fee.
pub const REQUEST_DEPOSIT: Balance = 50;
/// Blocks a delegation warms up: longer than the longest job (a 100-block
/// deadline after a 2-block window, handled up to `MAX_OPEN / 4` blocks
/// late by the hook).
pub const WARMUP: u64 = 111;
/// Blocks an offered prover has to lock.
pub const LOCK_WINDOW: u64 = 2;
/// Offers of one request that may be declined.
pub const MAX_DECLINES: u32 = 3;
/// Collateral is this many times the price...
pub const COLLATERAL_FACTOR: u32 = 2;
/// ...and at least this much.
pub const MIN_COLLATERAL: Balance = 100;
/// Eligible provers a job must be won against for reputation.
pub const MIN_COMPETITORS: u32 = 2;
/// Share of forfeited collateral paid to the requester.
pub const FAILURE_COMPENSATION: Perbill = Perbill::from_percent(50);
/// The aggregator's part of an aggregated request's fee.
pub const AGGREGATION_FEE: Balance = 5;
/// Blocks from a claim within which a batch may settle it.
pub const AGGREGATION_WINDOW: u64 = 5;
/// Blocks a fallen-back claim's prover has to submit its proof.
pub const FALLBACK_WINDOW: u64 = 5;
/// Taken from an aggregated request's price when proved on its own.
pub const FALLBACK_CHARGE: Balance = 3;
/// Held from each aggregator.
pub const AGGREGATOR_BOND: Balance = 2_000;
/// Most requests in one batch.
pub const MAX_BATCH: u32 = 8;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = ED;
	pub const ProversPalletId: PalletId = PalletId(*b"prv/rwds");
	pub const DefaultParameters: Parameters<Balance> = Parameters {
		min_prover_bond: MIN_BOND,
		min_delegation: 100,
		missed_deadline_slash: LATE_SLASH,
		invalid_proof_slash: INVALID_SLASH,
	};
	pub const Treasury: AccountId = TREASURY;
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
	pub const FailureCompensation: Perbill = FAILURE_COMPENSATION;
}

impl pallet_provers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Slashed = ResolveTo<Treasury, Balances>;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type UnbondingPeriod = frame_support::traits::ConstU64<50>;
	type DelegationWarmup = frame_support::traits::ConstU64<WARMUP>;
	type ReputationHalfLife = frame_support::traits::ConstU64<10_000>;
	type MaxProvers = frame_support::traits::ConstU32<8>;
	type MaxDelegatorsPerProver = frame_support::traits::ConstU32<4>;
	type MaxUnbondingChunks = frame_support::traits::ConstU32<3>;
	type MaxCapacity = frame_support::traits::ConstU32<8>;
	type MaxServices = frame_support::traits::ConstU32<4>;
	type MaxCommission = MaxCommission;
	type DefaultParameters = DefaultParameters;
	type PalletId = ProversPalletId;
	type WeightInfo = ();
}

impl pallet_plonky2_verifier::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CircuitDepositBase = frame_support::traits::ConstU128<1_000>;
	type CircuitDepositPerByte = frame_support::traits::ConstU128<1>;
	type MaxVerifierDataBytes = frame_support::traits::ConstU32<{ 64 * 1024 }>;
	type MaxProofBytes = frame_support::traits::ConstU32<{ 512 * 1024 }>;
	type MaxDegreeBits = frame_support::traits::ConstU32<20>;
	type MaxPublicInputs = frame_support::traits::ConstU32<64>;
	type WeightInfo = ();
}

impl pallet_proof_market::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Forfeits = ResolveTo<Treasury, Balances>;
	type RequestDeposit = frame_support::traits::ConstU128<REQUEST_DEPOSIT>;
	type LockWindow = frame_support::traits::ConstU64<LOCK_WINDOW>;
	type MaxDeclines = frame_support::traits::ConstU32<MAX_DECLINES>;
	type CollateralFactor = frame_support::traits::ConstU32<COLLATERAL_FACTOR>;
	type MinCollateral = frame_support::traits::ConstU128<MIN_COLLATERAL>;
	type FailureCompensation = FailureCompensation;
	type MinCompetitors = frame_support::traits::ConstU32<MIN_COMPETITORS>;
	type MaxOpenRequestsPerAccount = frame_support::traits::ConstU32<MAX_OPEN_PER_ACCOUNT>;
	type Provers = Provers;
	type Verifier = TestVerifier;
	type Randomness = ParentHashRandomness<Test>;
	type ElectionDelay = ElectionDelay;
	type MaxInputBytes = frame_support::traits::ConstU32<1024>;
	type MaxOutputElements = frame_support::traits::ConstU32<16>;
	type MaxPublicInputs = frame_support::traits::ConstU32<64>;
	type MaxProofBytes = frame_support::traits::ConstU32<{ 512 * 1024 }>;
	type MaxDescriptorBytes = frame_support::traits::ConstU32<64>;
	type MinDeadline = frame_support::traits::ConstU64<2>;
	type MaxDeadline = frame_support::traits::ConstU64<100>;
	type MaxAttempts = frame_support::traits::ConstU32<MAX_ATTEMPTS>;
	type MaxOpenRequests = MaxOpenRequests;
	type MaxAssignmentsPerBlock = frame_support::traits::ConstU32<4>;
	type MaxDeadlinesPerBlock = MaxDeadlinesPerBlock;
	type MaxRacers = frame_support::traits::ConstU32<4>;
	type MaxAsks = frame_support::traits::ConstU32<MAX_ASKS>;
	type MaxAsksPerProver = frame_support::traits::ConstU32<2>;
	type MaxAskLifetime = frame_support::traits::ConstU64<100>;
	type MaxBids = frame_support::traits::ConstU32<MAX_BIDS>;
	type BidBond = frame_support::traits::ConstU128<BID_BOND>;
	type MaxBidBlocks = frame_support::traits::ConstU64<20>;
	type MaxRampBlocks = frame_support::traits::ConstU64<50>;
	type MaxQueueWait = frame_support::traits::ConstU64<QUEUE_WAIT>;
	type ResultRetention = frame_support::traits::ConstU64<RETENTION>;
	type MaxRetiredPerBlock = frame_support::traits::ConstU32<4>;
	type AggregationFee = frame_support::traits::ConstU128<AGGREGATION_FEE>;
	type AggregationWindow = frame_support::traits::ConstU64<AGGREGATION_WINDOW>;
	type FallbackWindow = frame_support::traits::ConstU64<FALLBACK_WINDOW>;
	type FallbackCharge = frame_support::traits::ConstU128<FALLBACK_CHARGE>;
	type AggregatorBond = frame_support::traits::ConstU128<AGGREGATOR_BOND>;
	type MaxBatch = frame_support::traits::ConstU32<MAX_BATCH>;
	type MaxEndpointBytes = frame_support::traits::ConstU32<64>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type BenchmarkHelper = ();
}

parameter_types! {
	/// The circuit [`TestVerifier`] treats as a mock aggregation circuit, if
	/// any (per test thread).
	pub static MockAggregation: Option<CircuitId> = None;
	/// Most open requests: `MAX_OPEN`, unless a test raises it before it
	/// stores anything (per test thread).
	pub static MaxOpenRequests: u32 = MAX_OPEN;
	/// Deadline index entries the hook handles per block: 4, unless a test
	/// sets another budget (per test thread).
	pub static MaxDeadlinesPerBlock: u32 = 4;
	/// Blocks before a request's first election: 1 (the next block),
	/// unless a test sets another delay (per test thread).
	pub static ElectionDelay: u64 = 1;
}

/// The real verifier pallet, except for the aggregation circuit named by
/// [`MockAggregation`]: a "proof" of it is [`mock_aggregate`] of its public
/// inputs. Making real aggregates takes minutes, so the tier's tests use
/// this bench path; one test uses a real aggregate from the fixture (see
/// `tests/aggregation.rs`).
pub struct TestVerifier;

/// The mock aggregate proof of `root`.
pub fn mock_aggregate(root: &[u64]) -> Vec<u8> {
	b"mock-aggregate".iter().copied().chain(root.iter().flat_map(|x| x.to_le_bytes())).collect()
}

impl ProofVerifier<AccountId> for TestVerifier {
	fn verify(circuit: &CircuitId, public_inputs: &[u64], proof: &[u8]) -> Result<(), VerifyError> {
		if MockAggregation::get() == Some(*circuit) {
			return if proof == mock_aggregate(public_inputs) {
				Ok(())
			} else {
				Err(VerifyError::InvalidProof)
			};
		}
		<Verifier as ProofVerifier<AccountId>>::verify(circuit, public_inputs, proof)
	}

	fn verify_weight(circuit: &CircuitId) -> Option<sp_runtime::Weight> {
		<Verifier as ProofVerifier<AccountId>>::verify_weight(circuit)
	}

	fn circuit(circuit: &CircuitId) -> Option<CircuitSummary<AccountId>> {
		<Verifier as ProofVerifier<AccountId>>::circuit(circuit)
	}

	fn input_commitment(input: &[u64]) -> [u64; INPUT_COMMITMENT_LEN] {
		<Verifier as ProofVerifier<AccountId>>::input_commitment(input)
	}

	fn acquire(circuit: &CircuitId) -> sp_runtime::DispatchResult {
		<Verifier as ProofVerifier<AccountId>>::acquire(circuit)
	}

	fn release(circuit: &CircuitId) {
		<Verifier as ProofVerifier<AccountId>>::release(circuit)
	}

	fn verifier_hash(circuit: &CircuitId) -> Option<[u64; INPUT_COMMITMENT_LEN]> {
		<Verifier as ProofVerifier<AccountId>>::verifier_hash(circuit)
	}
}

/// Provers and circuits for the benchmarks run as tests.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkSetup;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, Balance> for BenchmarkSetup {
	fn register_prover(who: &AccountId, ask: Balance) {
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(who, 10 * MIN_BOND);
		assert_ok!(Provers::register(
			RuntimeOrigin::signed(*who),
			cpu_box(),
			8,
			ask,
			Perbill::from_percent(10),
			MIN_BOND,
		));
	}

	fn register_circuit(owner: &AccountId) -> CircuitId {
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(owner, ENDOWMENT);
		let bytes = BoundedVec::try_from(CHAIN.verifier_data.clone()).expect("fits");
		assert_ok!(Verifier::register_circuit(RuntimeOrigin::signed(*owner), bytes));
		CHAIN.circuit()
	}
}

/// A circuit of the library with proofs for a few inputs, made once.
pub struct Fixture {
	/// Serialized verifier data.
	pub verifier_data: Vec<u8>,
	/// Input elements of the circuit.
	pub input_elements: u32,
	/// `(input bytes, public inputs, proof bytes)` for inputs from seeds 0, 1, 2.
	pub proofs: Vec<(Vec<u8>, Vec<u64>, Vec<u8>)>,
}

impl Fixture {
	fn make(kind: WorkloadKind) -> Fixture {
		let workload = Workload::for_degree(kind, 12).expect("2^12 is a supported size");
		let handle = workload.build().expect("the circuit builds");
		let proofs = (0..3)
			.map(|seed| {
				let input = workload.sample_input(seed);
				let proved = handle.prove(&input).expect("the prover proves");
				let bytes = workload.encode_input(&input).expect("the input encodes");
				(bytes, proved.public_inputs(), proved.proof_bytes())
			})
			.collect();
		Fixture {
			verifier_data: handle.verifier_data_bytes().expect("verifier data serializes"),
			input_elements: workload.input_len() as u32,
			proofs,
		}
	}

	/// The circuit's id on chain.
	pub fn circuit(&self) -> CircuitId {
		CircuitId::from(sp_io::hashing::blake2_256(&self.verifier_data))
	}
}

/// `poseidon_chain` at 2^12 (one work unit).
pub static CHAIN: LazyLock<Fixture> = LazyLock::new(|| Fixture::make(WorkloadKind::PoseidonChain));
/// `fibonacci` at 2^12, a second circuit.
pub static FIBONACCI: LazyLock<Fixture> = LazyLock::new(|| Fixture::make(WorkloadKind::Fibonacci));

/// Genesis: accounts `1..=ACCOUNTS` hold `ENDOWMENT`, the treasury exists; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	// The runtime-wide genesis, as a chain starts: it also writes every
	// pallet's storage version.
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: (1..=ACCOUNTS).map(|who| (who, ENDOWMENT)).chain([(TREASURY, ED)]).collect(),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in a fresh genesis, then checks every pallet's invariants and
/// that total issuance did not move.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		test();
		check_invariants();
		assert_eq!(Balances::total_issuance(), issuance, "total issuance moved");
	});
}

/// The market's, the registry's and the verifier's invariants.
pub fn check_invariants() {
	Market::do_try_state().expect("market invariants hold");
	Provers::do_try_state().expect("registry invariants hold");
	Verifier::do_try_state().expect("verifier invariants hold");
}

/// Advances block by block to `n`, running the market's hook at the start of
/// each block (with a parent hash that differs per block) and checking the
/// invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		System::set_parent_hash(sp_core::H256::from(sp_io::hashing::blake2_256(
			&next.to_le_bytes(),
		)));
		Market::on_initialize(next);
		check_invariants();
	}
}

/// Moves to the next block.
pub fn next_block() {
	run_to_block(System::block_number() + 1);
}

/// CPU hardware a prover declares.
pub fn cpu_box() -> HardwareClass {
	HardwareClass { cpu_cores: 16, memory_gib: 64, gpu: GpuClass::None }
}

/// Registers `who` as a prover with `bond`, capacity 2, `ask` per work unit and
/// 10% commission.
pub fn register_prover(who: AccountId, bond: Balance, ask: Balance) {
	assert_ok!(Provers::register(
		RuntimeOrigin::signed(who),
		cpu_box(),
		2,
		ask,
		Perbill::from_percent(10),
		bond,
	));
}

/// Registers `fixture`'s circuit with the verifier as `owner` and lists it.
pub fn list(owner: AccountId, fixture: &Fixture) -> CircuitId {
	let bytes = BoundedVec::try_from(fixture.verifier_data.clone()).expect("fits");
	assert_ok!(Verifier::register_circuit(RuntimeOrigin::signed(owner), bytes));
	let circuit = fixture.circuit();
	assert_ok!(Market::list_circuit(
		RuntimeOrigin::signed(owner),
		circuit,
		fixture.input_elements,
		BoundedVec::try_from(b"test/1".to_vec()).unwrap(),
	));
	circuit
}

/// Requirements any registered CPU prover meets.
pub fn anyone() -> RequestRequirements<Balance> {
	RequestRequirements::default()
}

/// Free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// This pallet's events so far.
pub fn market_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Market(event) => Some(event),
			_ => None,
		})
		.collect()
}
