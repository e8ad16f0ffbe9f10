//! What each adversary of a scenario gained, measured on the chain's
//! balances at the end of the run (less the proving costs and fees it paid),
//! next to what a comparable honest party made in the same run.

use crate::{
	agents::{planks, prova, Role},
	engine::Engine,
	records::{AttackRecord, Outcome, ProverRecord, RequestRecord},
	runtime::{Balances, Sim},
};
use frame_support::traits::fungible::Inspect;
use pallet_proof_market::MechanismKind;

/// Every attack present in the engine's scenario.
pub fn assess(
	engine: &Engine,
	provers: &[ProverRecord],
	requests: &[RequestRecord],
) -> Vec<AttackRecord> {
	let mut attacks = Vec::new();
	let adversaries = &engine.scenario().adversaries;
	let honest_per_stake = |hardware: &str| {
		let honest: Vec<&ProverRecord> =
			provers.iter().filter(|p| p.role == "honest" && p.hardware == hardware).collect();
		let stake: u128 = honest.iter().map(|p| p.stake).sum();
		(stake > 0).then(|| honest.iter().map(|p| p.profit()).sum::<i128>() as f64 / stake as f64)
	};
	let jobs_total: u64 = provers.iter().map(|p| p.jobs).sum::<u64>().max(1);
	let stake_total: u128 = provers.iter().map(|p| p.stake).sum::<u128>().max(1);
	if let Some(sybil) = &adversaries.sybil {
		let ids: Vec<&ProverRecord> = provers.iter().filter(|p| p.role == "sybil").collect();
		let profit: i128 = ids.iter().map(|p| p.profit()).sum();
		let jobs: u64 = ids.iter().map(|p| p.jobs).sum();
		let stake: u128 = ids.iter().map(|p| p.stake).sum();
		attacks.push(AttackRecord {
			attack: format!("sybil ({} identities)", sybil.identities),
			profit,
			honest_profit: honest_per_stake(&sybil.hardware).map(|r| (r * stake as f64) as i128),
			effect: format!(
				"{:.1} % of jobs with {:.1} % of stake",
				100.0 * jobs as f64 / jobs_total as f64,
				100.0 * stake as f64 / stake_total as f64
			),
		});
	}
	if let Some((requester, prover)) = engine.self_dealer() {
		let start = planks(1_000_000.0) as i128;
		let requester_change = Balances::total_balance(&requester) as i128 - start;
		let p = &provers[prover];
		let profit = requester_change - engine.fees_of(&requester) as i128 + p.profit();
		let own: Vec<&RequestRecord> =
			requests.iter().filter(|r| r.requester == requester).collect();
		let fulfilled = own.iter().filter(|r| r.outcome == Outcome::Fulfilled).count();
		let book = pallet_proof_market::Stats::<Sim>::get(MechanismKind::Book);
		let reputation = pallet_provers::Provers::<Sim>::get(p.account)
			.map(|r| r.reputation.good_units)
			.unwrap_or_default();
		attacks.push(AttackRecord {
			attack: "self-dealing pair".into(),
			profit,
			honest_profit: None,
			effect: format!(
				"{fulfilled} own requests proved, {reputation} reputation units gained; book's measured price {} PROVA/unit",
				book.map_or("-".into(), |s| format!("{:.4}", prova(s.price_per_unit)))
			),
		});
	}
	if adversaries.spammer.is_some() {
		let spammers = engine.spammers();
		let start = planks(1_000_000.0) as i128;
		let silent =
			provers.iter().filter(|p| p.role == "spammer").map(|p| p.profit()).sum::<i128>();
		let profit: i128 = spammers
			.iter()
			.map(|a| Balances::total_balance(a) as i128 - start - engine.fees_of(a) as i128)
			.sum::<i128>()
			+ silent;
		let refused = requests
			.iter()
			.filter(|r| !r.adversarial && matches!(r.outcome, Outcome::Refused(_)))
			.count();
		let spam = requests.iter().filter(|r| spammers.contains(&r.requester)).count();
		attacks.push(AttackRecord {
			attack: format!("spammer ({} accounts)", spammers.len()),
			profit,
			honest_profit: None,
			effect: format!("{spam} spam requests; {refused} honest requests refused"),
		});
	}
	if let Some(grinder) = engine.grinder() {
		let p = provers.iter().find(|p| p.account == grinder).expect("the grinder is a prover");
		let per_stake = honest_per_stake(&p.hardware);
		let (kept, withheld) = engine.grinds();
		attacks.push(AttackRecord {
			attack: "grinding validator".into(),
			profit: p.profit(),
			honest_profit: per_stake.map(|r| (r * p.stake as f64) as i128),
			effect: format!(
				"{:.2} % of jobs with {:.2} % of stake; withheld {withheld} of {} authored blocks",
				100.0 * p.jobs as f64 / jobs_total as f64,
				100.0 * p.stake as f64 / stake_total as f64,
				kept + withheld
			),
		});
	}
	if adversaries.cartel.is_some() {
		let members: Vec<&ProverRecord> = provers.iter().filter(|p| p.role == "cartel").collect();
		let profit: i128 = members.iter().map(|p| p.profit()).sum();
		let jobs: u64 = members.iter().map(|p| p.jobs).sum();
		let stake: u128 = members.iter().map(|p| p.stake).sum();
		let hardware = members.first().map(|p| p.hardware.clone()).unwrap_or_default();
		let _ = Role::Cartel;
		attacks.push(AttackRecord {
			attack: format!("cartel ({} provers)", members.len()),
			profit,
			honest_profit: honest_per_stake(&hardware).map(|r| (r * stake as f64) as i128),
			effect: format!(
				"{:.1} % of jobs with {:.1} % of stake",
				100.0 * jobs as f64 / jobs_total as f64,
				100.0 * stake as f64 / stake_total as f64
			),
		});
	}
	if let Some(outage) = &adversaries.outage {
		let group: Vec<&ProverRecord> =
			provers.iter().filter(|p| p.group == outage.group).collect();
		let profit: i128 = group.iter().map(|p| p.profit()).sum();
		let from = engine.start_block() + outage.from_block;
		let window =
			|r: &&RequestRecord| r.submitted_at >= from && r.submitted_at < from + outage.blocks;
		let failures: u32 = requests.iter().filter(window).map(|r| r.failures).sum();
		attacks.push(AttackRecord {
			attack: format!("outage of {}", outage.group),
			profit,
			honest_profit: None,
			effect: format!("{failures} failed attempts among requests sent during the outage"),
		});
	}
	attacks
}
