//! The aggregated tier's checked-in fixture
//! (`pallets/proof-market/fixtures/aggregate*`, written by
//! `prova-fixtures --aggregate`): it decodes, its root proof verifies against
//! its merge circuit and carries the root computed natively from its leaves,
//! and it is the one this crate makes today.

use crate::{
	aggregation::{
		fixture::{self, bytes32, from_hex, to_hex, Fixture, Leaf},
		Aggregator,
	},
	PoseidonChain, Workload, WorkloadKind, MIN_DEGREE_BITS,
};
use std::path::{Path, PathBuf};

/// Where the chain's tests read the fixture.
fn checked_in() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("../../pallets/proof-market/fixtures")
}

/// The aggregator the checked-in fixture names: the proof market's mock
/// account 6, SCALE-encoded (a `u64`) and zero padded to 32 bytes.
const MOCK_ACCOUNT_6: &str = "0x0600000000000000000000000000000000000000000000000000000000000000";

#[test]
fn the_checked_in_aggregate_decodes_and_verifies() {
	let fixture = Fixture::read(&checked_in()).expect("the fixture reads");
	fixture.check().expect("the fixture checks");
	assert_eq!(to_hex(&fixture.aggregator), MOCK_ACCOUNT_6);
	assert_eq!(fixture.workload.kind(), WorkloadKind::PoseidonChain);
	// Requests 0 and 1 on sample inputs 0 and 1, which differ.
	let workload = Workload::for_degree(WorkloadKind::PoseidonChain, MIN_DEGREE_BITS).unwrap();
	assert_eq!(fixture.workload, workload);
	assert_eq!(fixture.leaves.len(), 2);
	for (i, leaf) in fixture.leaves.iter().enumerate() {
		assert_eq!(leaf.request, i as u64);
		let input = workload.sample_input(i as u64);
		assert_eq!(leaf.input, workload.encode_input(&input).unwrap());
	}
	assert_ne!(fixture.leaves[0].input, fixture.leaves[1].input);
	assert_ne!(fixture.leaves[0].proof_blake2, fixture.leaves[1].proof_blake2);
	// The inner circuit is the verifier pallet's poseidon_chain-12 fixture
	// (`the_checked_in_aggregate_is_current` builds it).
	let verifier_fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
		.join("../../pallets/plonky2-verifier/fixtures/poseidon_chain-12.vd");
	assert_eq!(fixture.inner_verifier_data, std::fs::read(verifier_fixture).unwrap());
	// What is written is what is read.
	assert_eq!(std::fs::read_to_string(checked_in().join(fixture::JSON)).unwrap(), fixture.json());
}

#[test]
fn the_checked_in_aggregate_is_refused_for_other_leaves() {
	let fixture = Fixture::read(&checked_in()).expect("the fixture reads");
	let mut other = fixture.clone();
	other.aggregator[0] = 7;
	assert!(other.check().is_err(), "another aggregator");
	let mut other = fixture.clone();
	other.leaves.swap(0, 1);
	assert!(other.check().is_err(), "leaves swapped");
	let mut other = fixture.clone();
	other.leaves[1].request = 2;
	assert!(other.check().is_err(), "another request");
	let mut other = fixture.clone();
	other.leaves[0].public_inputs[4] ^= 1;
	assert!(other.check().is_err(), "another output");
	let mut other = fixture.clone();
	other.wrapper[0] ^= 1;
	assert!(other.check().is_err(), "another wrapper");
	let mut other = fixture;
	let last = other.proof.len() - 1;
	other.proof[last] ^= 1;
	assert!(other.check().is_err(), "a corrupted proof");
}

/// The inner circuit, the merge circuit and the wrapper the fixture names
/// are the ones this crate builds: a change to any needs the fixture
/// regenerated (and, for the merge circuit, the chain's registered one
/// changed).
#[test]
#[ignore = "builds the merge circuit and a wrapper (minutes in a debug build on 2 cores); run with --ignored"]
fn the_checked_in_aggregate_is_current() {
	let fixture = Fixture::read(&checked_in()).expect("the fixture reads");
	let inner = fixture.workload.build().unwrap();
	assert_eq!(fixture.inner_verifier_data, inner.verifier_data_bytes().unwrap());
	let aggregator = Aggregator::new().unwrap();
	let merge = aggregator
		.merge_verifier_data()
		.to_bytes(&plonky2::util::serialization::DefaultGateSerializer)
		.unwrap();
	assert_eq!(fixture.merge_verifier_data, merge, "regenerate with prova-fixtures --aggregate");
	assert_eq!(fixture.merge, aggregator.merge_verifier_hash());
	let wrapper = aggregator.wrapper(&inner.verifier_data()).unwrap();
	assert_eq!(fixture.wrapper, wrapper.verifier_hash());
}

/// `make` and `write` then `read`: the files round-trip and check.
#[test]
#[ignore = "recursive proofs: a few minutes in a debug build on 2 cores; run with --ignored"]
fn made_fixtures_round_trip_through_files() {
	let aggregator = bytes32(MOCK_ACCOUNT_6).unwrap();
	let (made, timings) = fixture::make(WorkloadKind::PoseidonChain, &aggregator, 2).unwrap();
	eprintln!("{timings:?}");
	let dir = std::env::temp_dir().join(format!("prova-aggregate-fixture-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	made.write(&dir).unwrap();
	let read = Fixture::read(&dir).unwrap();
	std::fs::remove_dir_all(&dir).unwrap();
	assert_eq!(read, made);
	read.check().unwrap();
}

#[test]
fn json_round_trips() {
	let leaf = |request: u64| Leaf {
		request,
		input: vec![request as u8, 1, 2],
		public_inputs: vec![u64::MAX - request, 0, 1 << 60],
		proof_blake2: [request as u8; 32],
	};
	let fixture = Fixture {
		aggregator: [6; 32],
		workload: PoseidonChain { steps: 3 }.into(),
		wrapper: [1, 2, 3, u64::MAX],
		merge: [5, 6, 7, 8],
		root: [9, 10, 11, 12],
		leaves: vec![leaf(0), leaf(1)],
		merge_verifier_data: vec![1],
		inner_verifier_data: vec![2],
		proof: vec![3],
	};
	let dir = std::env::temp_dir().join(format!("prova-aggregate-json-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	fixture.write(&dir).unwrap();
	let read = Fixture::read(&dir);
	std::fs::remove_dir_all(&dir).unwrap();
	// `read` sizes the workload for the degree the file names.
	let read = read.unwrap();
	assert_eq!(
		read.workload,
		Workload::for_degree(WorkloadKind::PoseidonChain, MIN_DEGREE_BITS).unwrap()
	);
	assert_eq!(Fixture { workload: fixture.workload, ..read }, fixture);
}

#[test]
fn hex_and_blake2() {
	assert_eq!(to_hex(&[0, 0xAB, 0x0F]), "0x00ab0f");
	assert_eq!(from_hex("0x00aB0f").unwrap(), vec![0, 0xAB, 0x0F]);
	assert_eq!(from_hex("00ab").unwrap(), vec![0, 0xAB]);
	assert!(from_hex("0x0").is_err());
	assert!(from_hex("0xzz").is_err());
	assert!(from_hex("0x+1").is_err(), "from_str_radix would take a sign");
	assert!(bytes32("0x00").is_err());
	assert_eq!(bytes32(MOCK_ACCOUNT_6).unwrap()[..2], [6, 0]);
	// blake2b-256 of the empty string.
	assert_eq!(
		to_hex(&fixture::blake2_256(b"")),
		"0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
	);
}
