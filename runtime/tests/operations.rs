//! Security and operations rules of the runtime as a whole: the fee
//! multiplier follows congestion, a prover's hot key (a `ProverOperations`
//! proxy) can run the daemon but not move funds, and the market's election
//! seed comes from BABE's VRF, not from anything the block's author signs.

mod common;

use common::preset_state;
use frame_support::{
	dispatch::DispatchClass,
	traits::{Hooks, Randomness},
	weights::Weight,
};
use prova_runtime::{
	configs::{BabeVrfRandomness, MinimumMultiplier, ProxyType},
	AccountId, Balances, Proxy, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
	TransactionPayment, UNIT,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError, FixedPointNumber, Perbill,
};

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// Ends block `n` with `fullness` of the normal class's weight used, and
/// returns the fee multiplier for the next block.
fn end_block(n: u32, fullness: Perbill) -> sp_runtime::FixedU128 {
	System::set_block_number(n);
	System::reset_events();
	let normal = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_total
		.unwrap_or(Weight::MAX);
	System::set_block_consumed_resources(fullness * normal, 0);
	TransactionPayment::on_finalize(n);
	pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get()
}

#[test]
fn fees_rise_while_blocks_are_stuffed_and_fall_back_to_the_base() {
	preset_state("development").execute_with(|| {
		let base = MinimumMultiplier::get();
		assert_eq!(pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get(), base);
		// Blocks at the target (a quarter full) or below leave fees alone.
		assert_eq!(end_block(1, Perbill::from_percent(25)), base);
		assert_eq!(end_block(2, Perbill::zero()), base);
		// An attacker keeping blocks full: fees more than double in 40 blocks.
		let mut multiplier = base;
		for n in 3..43 {
			let next = end_block(n, Perbill::one());
			assert!(next > multiplier, "block {n}: {next:?} after {multiplier:?}");
			multiplier = next;
		}
		assert!(
			multiplier > sp_runtime::FixedU128::saturating_from_integer(2) * base,
			"{multiplier:?}"
		);
		// The flood stops: fees come down, never below the base.
		for n in 43..1000 {
			let next = end_block(n, Perbill::zero());
			assert!(next <= multiplier && next >= base);
			multiplier = next;
		}
		assert_eq!(multiplier, base);
		// What an extrinsic pays scales with the multiplier.
		pallet_transaction_payment::NextFeeMultiplier::<Runtime>::put(
			sp_runtime::FixedU128::saturating_from_integer(3),
		);
		let weight = Weight::from_parts(1_000_000_000, 0);
		let tripled = TransactionPayment::compute_fee(
			0,
			&frame_support::dispatch::DispatchInfo { call_weight: weight, ..Default::default() },
			0,
		);
		pallet_transaction_payment::NextFeeMultiplier::<Runtime>::put(base);
		let single = TransactionPayment::compute_fee(
			0,
			&frame_support::dispatch::DispatchInfo { call_weight: weight, ..Default::default() },
			0,
		);
		assert!(tripled > single * 2, "{tripled} against {single}");
	});
}

/// The result of `hot` calling `call` for `cold` through `proxy.proxy`.
fn through_proxy(
	hot: &AccountId,
	cold: &AccountId,
	call: RuntimeCall,
) -> Result<(), DispatchError> {
	System::reset_events();
	Proxy::proxy(RuntimeOrigin::signed(hot.clone()), cold.clone().into(), None, Box::new(call))?;
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("the proxy call ran")
}

#[test]
fn a_prover_operations_proxy_runs_the_daemon_but_cannot_move_funds() {
	preset_state("development").execute_with(|| {
		System::set_block_number(1);
		let cold = account(Sr25519Keyring::Bob);
		let hot = account(Sr25519Keyring::Ferdie);
		let thief = account(Sr25519Keyring::Eve);
		assert_eq!(
			Proxy::add_proxy(
				RuntimeOrigin::signed(cold.clone()),
				hot.clone().into(),
				ProxyType::ProverOperations,
				0
			),
			Ok(())
		);
		let filtered = Err(frame_system::Error::<Runtime>::CallFiltered.into());
		let cold_before = Balances::free_balance(&cold);
		// Moving funds, bonding, unbonding, commission and ask, more proxies: refused.
		let refused = [
			RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
				dest: thief.clone().into(),
				value: UNIT,
			}),
			RuntimeCall::Balances(pallet_balances::Call::transfer_all {
				dest: thief.clone().into(),
				keep_alive: false,
			}),
			RuntimeCall::Provers(pallet_provers::Call::unbond { amount: UNIT }),
			RuntimeCall::Provers(pallet_provers::Call::withdraw_unbonded { prover: cold.clone() }),
			RuntimeCall::Provers(pallet_provers::Call::deregister {}),
			RuntimeCall::Provers(pallet_provers::Call::claim_rewards { prover: cold.clone() }),
			RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
				delegate: thief.clone().into(),
				proxy_type: ProxyType::Any,
				delay: 0,
			}),
			RuntimeCall::Proxy(pallet_proxy::Call::remove_proxies {}),
		];
		for call in refused {
			assert_eq!(through_proxy(&hot, &cold, call.clone()), filtered, "{call:?}");
		}
		assert_eq!(Balances::free_balance(&cold), cold_before);
		// The daemon's own operations pass the filter (and then fail or not
		// on their merits: Bob is no prover here).
		let allowed = [
			RuntimeCall::Market(pallet_proof_market::Call::lock_request { request: 0 }),
			RuntimeCall::Market(pallet_proof_market::Call::decline_request { request: 0 }),
			RuntimeCall::Market(pallet_proof_market::Call::cancel_ask { ask: 0 }),
			RuntimeCall::Provers(pallet_provers::Call::chill {}),
		];
		for call in allowed {
			assert_ne!(through_proxy(&hot, &cold, call.clone()), filtered, "{call:?}");
		}
		// The cold key alone removes the hot one.
		assert!(Proxy::remove_proxy(
			RuntimeOrigin::signed(hot.clone()),
			cold.clone().into(),
			ProxyType::Any,
			0
		)
		.is_err());
		assert_eq!(
			Proxy::remove_proxy(
				RuntimeOrigin::signed(cold.clone()),
				hot.clone().into(),
				ProxyType::ProverOperations,
				0
			),
			Ok(())
		);
		assert!(through_proxy(&hot, &cold, RuntimeCall::Provers(pallet_provers::Call::chill {}))
			.is_err());
	});
}

#[test]
fn the_election_seed_is_the_parent_authors_vrf_output_not_the_parent_hash() {
	preset_state("development").execute_with(|| {
		System::set_block_number(5);
		let subject = b"prova/proof-market/election";
		let vrf = [7u8; 32];
		pallet_babe::AuthorVrfRandomness::<Runtime>::put(Some(vrf));
		System::set_parent_hash(sp_core::H256::repeat_byte(1));
		let (seed, _) = BabeVrfRandomness::random(subject);
		assert_eq!(seed, BlakeTwo256::hash(&[&subject[..], &vrf[..]].concat()));
		// An author re-signing or reordering its block changes the parent
		// hash, not the seed.
		System::set_parent_hash(sp_core::H256::repeat_byte(2));
		assert_eq!(BabeVrfRandomness::random(subject).0, seed);
		// Another VRF output, another seed.
		pallet_babe::AuthorVrfRandomness::<Runtime>::put(Some([8u8; 32]));
		assert_ne!(BabeVrfRandomness::random(subject).0, seed);
		// Only a parent without one (genesis) falls back to its hash.
		pallet_babe::AuthorVrfRandomness::<Runtime>::put(None::<[u8; 32]>);
		let fallback = BabeVrfRandomness::random(subject).0;
		System::set_parent_hash(sp_core::H256::repeat_byte(3));
		assert_ne!(BabeVrfRandomness::random(subject).0, fallback);
	});
}
