//! The runtime's genesis presets build into working state, and every pallet's
//! `integrity_test` passes.

use frame_support::traits::{IntegrityTest, OnGenesis};
use prova_runtime::{
	genesis_config_presets::{get_preset, preset_names, DEV_ENDOWMENT, DEV_SESSION_LENGTH},
	AccountId, AllPalletsWithSystem, Balances, Grandpa, Runtime, RuntimeGenesisConfig, Session,
	ValidatorSet,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

/// Builds the full genesis state of the preset named `name`.
fn preset_state(name: &str) -> sp_io::TestExternalities {
	let patch = get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name} exists"));
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	json_merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	config.build_storage().unwrap().into()
}

/// Merges `patch` into `base`, as the genesis builder does.
fn json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

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
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
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
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get().into_inner(),
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
	use frame_support::traits::Get;
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
