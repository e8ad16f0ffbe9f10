//! The runtime's genesis presets build into working state, and every pallet's
//! `integrity_test` passes.

mod common;

use common::preset_state;
use frame_support::traits::{Get, IntegrityTest, OnGenesis};
use prova_runtime::{
	genesis_config_presets::{get_preset, preset_names, DEV_ENDOWMENT, DEV_SESSION_LENGTH},
	AccountId, AllPalletsWithSystem, Balances, Grandpa, Runtime, Session, ValidatorSet,
};
use sp_keyring::Sr25519Keyring;

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

#[test]
fn runtime_offers_development_and_local_presets() {
	let names: Vec<String> = preset_names().into_iter().map(|id| id.to_string()).collect();
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);
	assert!(get_preset(&"no_such_preset".into()).is_none());
}

#[test]
fn development_preset_has_alice_as_sole_validator_and_sudo() {
	preset_state("development").execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		assert_eq!(ValidatorSet::validators(), vec![alice.clone()]);
		assert_eq!(Session::validators(), vec![alice.clone()]);
		assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 1);
		// Every slot carries a VRF output: the market's elections never fall
		// back to a block hash.
		assert_eq!(
			pallet_babe::EpochConfig::<Runtime>::get().map(|c| c.allowed_slots),
			Some(sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots)
		);
		assert_eq!(prova_runtime::configs::EpochDuration::get(), u64::from(DEV_SESSION_LENGTH));
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.clone()));
		assert_eq!(Balances::free_balance(&account(Sr25519Keyring::Bob)), DEV_ENDOWMENT);
		assert_eq!(pallet_validator_set::SessionLength::<Runtime>::get(), DEV_SESSION_LENGTH);
	});
}

#[test]
fn local_preset_has_alice_and_bob_as_validators() {
	preset_state("local_testnet").execute_with(|| {
		let expected = vec![account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob)];
		assert_eq!(ValidatorSet::validators(), expected);
		assert_eq!(Session::validators(), expected);
		let babe: Vec<sp_consensus_babe::AuthorityId> =
			pallet_babe::Authorities::<Runtime>::get().into_iter().map(|(id, _)| id).collect();
		assert_eq!(
			babe,
			vec![Sr25519Keyring::Alice.public().into(), Sr25519Keyring::Bob.public().into()]
		);
		assert_eq!(Grandpa::grandpa_authorities().len(), 2);
		// The treasury exists from genesis, ready to receive slashes.
		assert!(Balances::free_balance(&prova_runtime::configs::TreasuryAccount::get()) > 0);
	});
}

#[test]
fn integrity_tests_pass() {
	preset_state("development").execute_with(|| {
		AllPalletsWithSystem::integrity_test();
		AllPalletsWithSystem::on_genesis();
	});
}

/// Rules between pallets' constants that no single pallet's `integrity_test`
/// can see.
#[test]
fn constants_of_different_pallets_agree() {
	use pallet_plonky2_verifier::Config as Verifier;
	use pallet_proof_market::Config as Market;
	use pallet_provers::Config as Provers;
	fn value<G: Get<u32>>() -> u32 {
		G::get()
	}
	// A job's end: its lock window, its deadline, then (aggregated) a claim's
	// window and the fallback's; the hook may handle the end up to a full
	// index's backlog later (`MaxDeadlinesPerBlock` entries per block).
	let backlog = value::<<Runtime as Market>::MaxOpenRequests>()
		.div_ceil(value::<<Runtime as Market>::MaxDeadlinesPerBlock>());
	let longest_job = value::<<Runtime as Market>::MaxDeadline>()
		+ value::<<Runtime as Market>::LockWindow>()
		+ value::<<Runtime as Market>::AggregationWindow>()
		+ value::<<Runtime as Market>::FallbackWindow>()
		+ backlog;
	// A delegation made after a job was locked never shares its reward.
	assert!(value::<<Runtime as Provers>::DelegationWarmup>() > longest_job);
	// Stake leaving cannot outrun the slash of a job it backed.
	assert!(value::<<Runtime as Provers>::UnbondingPeriod>() > longest_job);
	// The market passes proofs on to the verifier unchanged.
	assert_eq!(
		value::<<Runtime as Market>::MaxProofBytes>(),
		value::<<Runtime as Verifier>::MaxProofBytes>()
	);
	assert!(
		value::<<Runtime as Market>::MaxPublicInputs>()
			<= value::<<Runtime as Verifier>::MaxPublicInputs>()
	);
	// A prover can declare room for the largest circuit the verifier takes.
	let largest =
		prova_primitives::market::work_units(value::<<Runtime as Verifier>::MaxDegreeBits>());
	assert!(u64::from(value::<<Runtime as Provers>::MaxCapacity>()) >= largest);
	// A failure costs the failing prover more than it pays the requester.
	assert!(value::<<Runtime as Market>::CollateralFactor>() >= 1);
	assert!(
		<<Runtime as Market>::FailureCompensation as Get<sp_runtime::Perbill>>::get()
			< sp_runtime::Perbill::one()
	);
}
