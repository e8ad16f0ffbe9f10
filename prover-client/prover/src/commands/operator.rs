//! Operator subcommands: register, bond, unbond, withdraw, update, serve,
//! chill, status.

use super::{format_amount, parse_amount, parse_percent, print};
use crate::{
	chain::{
		calls,
		prova::runtime_types::{
			prova_primitives::market::{GpuClass, HardwareClass, Service, ServiceScope},
			sp_arithmetic::per_things::Perbill,
		},
		Chain, ProverStatus,
	},
	cli::{GpuArg, HardwareArgs, RegisterArgs, ServeArgs, UpdateArgs},
	daemon::journal::{Journal, Outcome, Step},
	key::Signer,
};
use anyhow::Context;
use serde::Serialize;
use std::path::Path;
use subxt::utils::AccountId32;

/// This machine's cores and memory, for the hardware a prover declares.
fn detect_hardware() -> (u16, u16) {
	let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
	let memory = crate::backend::meminfo_bytes("MemTotal").unwrap_or(0);
	(cores.min(u16::MAX as usize) as u16, (memory >> 30).min(u16::MAX as u64) as u16)
}

fn hardware(args: &HardwareArgs, current: Option<&ProverStatus>) -> HardwareClass {
	let (cores, memory) = detect_hardware();
	let gpu = match args.gpu {
		Some(GpuArg::Consumer) => GpuClass::Consumer,
		Some(GpuArg::Workstation) => GpuClass::Workstation,
		Some(GpuArg::Datacenter) => GpuClass::Datacenter,
		Some(GpuArg::None) | None => GpuClass::None,
	};
	let keep = current.is_some()
		&& args.cpu_cores.is_none()
		&& args.memory_gib.is_none()
		&& args.gpu.is_none();
	if keep {
		return current.expect("checked").hardware_class.clone();
	}
	HardwareClass {
		cpu_cores: args.cpu_cores.unwrap_or(cores),
		memory_gib: args.memory_gib.unwrap_or(memory),
		gpu,
	}
}

/// Refuses a capacity whose proofs at once would not fit `memory_gib`: the
/// chain offers jobs while their work units fit the capacity, so a prover
/// of `capacity` units may hold proofs of `capacity × 2^12` rows together,
/// and a proof needs about 31.5 KiB a row. Taking them would end in an
/// out-of-memory kill, restarts, and missed deadlines.
pub fn check_capacity(capacity: u32, memory_gib: u16) -> anyhow::Result<()> {
	use prova_primitives::market::WORK_UNIT_ROWS_LOG2;
	let rows = u64::from(capacity) << WORK_UNIT_ROWS_LOG2;
	let needed = crate::backend::proving_memory(rows);
	let memory = u64::from(memory_gib) << 30;
	let fits = crate::backend::rows_within(memory) >> WORK_UNIT_ROWS_LOG2;
	anyhow::ensure!(
		needed <= memory,
		"a capacity of {capacity} work units means proofs of up to {rows} rows at once, about {} GiB of memory; the declared hardware has {memory_gib} GiB. Declare --capacity {fits} or less (or the memory the prover really has with --memory-gib)",
		needed.div_ceil(1 << 30)
	);
	Ok(())
}

/// Refuses a service for circuits larger than `memory_gib` can prove.
pub fn check_service(service: &Service<u128>, memory_gib: u16) -> anyhow::Result<()> {
	let max_degree_bits = match &service.scope {
		ServiceScope::Any { max_degree_bits } | ServiceScope::Family { max_degree_bits, .. } => {
			*max_degree_bits
		}
		ServiceScope::Circuit(_) => return Ok(()),
	};
	let needed = crate::backend::proving_memory(1u64 << max_degree_bits.min(40));
	anyhow::ensure!(
		needed <= u64::from(memory_gib) << 30,
		"a proof of 2^{max_degree_bits} rows needs about {} GiB of memory; the declared hardware has {memory_gib} GiB: declare a smaller largest size",
		needed.div_ceil(1 << 30)
	);
	Ok(())
}

/// `register`.
pub async fn register(chain: &Chain, signer: &Signer, args: &RegisterArgs) -> anyhow::Result<()> {
	let hardware = hardware(&args.hardware, None);
	check_capacity(args.capacity, hardware.memory_gib)?;
	let call = calls().provers().register(
		hardware,
		args.capacity,
		parse_amount(&args.ask)?,
		Perbill(parse_percent(&args.commission)?),
		parse_amount(&args.bond)?,
	);
	chain.execute(&call, signer).await?;
	println!(
		"registered {} as a prover with {} bonded",
		crate::chain::address(&Chain::account_of(signer)),
		args.bond
	);
	Ok(())
}

/// `bond AMOUNT`.
pub async fn bond(chain: &Chain, signer: &Signer, amount: &str) -> anyhow::Result<()> {
	chain.execute(&calls().provers().bond_more(parse_amount(amount)?), signer).await?;
	println!("bonded {amount} more");
	Ok(())
}

/// `unbond AMOUNT`.
pub async fn unbond(chain: &Chain, signer: &Signer, amount: &str) -> anyhow::Result<()> {
	chain.execute(&calls().provers().unbond(parse_amount(amount)?), signer).await?;
	println!("unbonding {amount}; `prova-prover withdraw` once the unbonding period has passed");
	Ok(())
}

/// `withdraw`.
pub async fn withdraw(chain: &Chain, signer: &Signer) -> anyhow::Result<()> {
	let me = Chain::account_of(signer);
	chain.execute(&calls().provers().withdraw_unbonded(me), signer).await?;
	println!("withdrew unbonded stake");
	Ok(())
}

/// `update`: fields not given keep their current values.
pub async fn update(chain: &Chain, signer: &Signer, args: &UpdateArgs) -> anyhow::Result<()> {
	let me = Chain::account_of(signer);
	let current = chain.prover(&chain.best().await?, &me).await?.with_context(|| {
		format!(
			"{} is not a registered prover; run `prova-prover register` first",
			crate::chain::address(&me)
		)
	})?;
	let ask = args.ask.as_deref().map(parse_amount).transpose()?.unwrap_or(current.ask);
	let commission = args
		.commission
		.as_deref()
		.map(parse_percent)
		.transpose()?
		.unwrap_or(current.commission_ppb);
	let hardware = hardware(&args.hardware, Some(&current));
	let capacity = args.capacity.unwrap_or(current.capacity);
	check_capacity(capacity, hardware.memory_gib)?;
	let call = calls().provers().update(hardware, capacity, ask, Perbill(commission));
	chain.execute(&call, signer).await?;
	println!("updated");
	Ok(())
}

/// Parses a service as `serve` takes it (see [`ServeArgs`]).
pub fn parse_service(text: &str) -> anyhow::Result<Service<u128>> {
	let usage = "expected SCOPE@ASK[/BLOCKS], e.g. `poseidon_chain:16@0.01/500`";
	let (scope, terms) = text.split_once('@').with_context(|| format!("`{text}`: {usage}"))?;
	let (ask, blocks) = terms.split_once('/').unwrap_or((terms, "0"));
	let ask = parse_amount(ask).with_context(|| format!("`{text}`: the ask"))?;
	let blocks_per_thousand_units: u32 = blocks
		.parse()
		.with_context(|| format!("`{text}`: blocks per thousand units must be a whole number"))?;
	let scope = if let Some(hex) = scope.strip_prefix("0x") {
		let bytes = hex::decode(hex).with_context(|| format!("`{text}`: the circuit id"))?;
		let id: [u8; 32] =
			bytes.try_into().map_err(|_| anyhow::anyhow!("`{text}`: a circuit id has 32 bytes"))?;
		ServiceScope::Circuit(subxt::utils::H256(id))
	} else {
		let (name, max_degree) =
			scope.split_once(':').with_context(|| format!("`{text}`: {usage}"))?;
		let max_degree_bits: u32 = max_degree
			.parse()
			.with_context(|| format!("`{text}`: the largest size, in log2 of rows"))?;
		anyhow::ensure!(
			max_degree_bits <= 32,
			"`{text}`: 2^{max_degree_bits} rows is no circuit size"
		);
		if name == "any" {
			ServiceScope::Any { max_degree_bits }
		} else {
			anyhow::ensure!(
				!name.is_empty()
					&& name.len() <= prova_primitives::market::MAX_FAMILY_BYTES as usize,
				"`{text}`: a family name has 1 to {} bytes",
				prova_primitives::market::MAX_FAMILY_BYTES
			);
			ServiceScope::Family { name: name.as_bytes().to_vec(), max_degree_bits }
		}
	};
	Ok(Service { scope, ask, blocks_per_thousand_units })
}

/// `serve`.
pub async fn serve(chain: &Chain, signer: &Signer, args: &ServeArgs) -> anyhow::Result<()> {
	let services =
		args.services.iter().map(|text| parse_service(text)).collect::<anyhow::Result<Vec<_>>>()?;
	let me = Chain::account_of(signer);
	if let Some(record) = chain.prover(&chain.best().await?, &me).await? {
		for (service, text) in services.iter().zip(&args.services) {
			check_service(service, record.hardware_class.memory_gib)
				.with_context(|| format!("`{text}`"))?;
		}
	}
	let count = services.len();
	chain.execute(&calls().provers().set_services(services), signer).await?;
	if count == 0 {
		println!("serving every circuit at the registered ask");
	} else {
		println!("declared {count} service(s)");
	}
	Ok(())
}

/// `ask post SCOPE@PRICE`: prints the new ask's number.
pub async fn post_ask(
	chain: &Chain,
	signer: &Signer,
	ask: &str,
	units: u64,
	deadline: u32,
	lifetime: u32,
) -> anyhow::Result<()> {
	let service = parse_service(ask)?;
	let call = calls().market().post_ask(service.scope, service.ask, units, deadline, lifetime);
	let included = chain.execute(&call, signer).await?;
	let posted = included
		.events
		.find_first::<crate::chain::prova::market::events::AskPosted>()
		.context("no AskPosted event")?
		.context("decoding AskPosted")?;
	tracing::info!(
		ask = posted.ask,
		price = posted.price,
		units,
		expires_at = posted.expires_at,
		"standing ask posted"
	);
	println!("{}", posted.ask);
	Ok(())
}

/// `ask cancel ID`.
pub async fn cancel_ask(chain: &Chain, signer: &Signer, id: u64) -> anyhow::Result<()> {
	chain.execute(&calls().market().cancel_ask(id), signer).await?;
	println!("ask {id} withdrawn");
	Ok(())
}

/// `chill`.
pub async fn chill(chain: &Chain, signer: &Signer) -> anyhow::Result<()> {
	chain.execute(&calls().provers().chill(), signer).await?;
	println!("chilled: no new jobs will be assigned until the prover is activated again (provers.activate)");
	Ok(())
}

/// What `status` shows.
#[derive(Serialize)]
struct Status {
	account: String,
	free_balance: u128,
	#[serde(flatten)]
	prover: ProverStatus,
	/// Paid for accepted proofs, according to the daemon's journal (recent jobs only).
	journal_earnings: Option<u128>,
	journal_accepted: Option<usize>,
}

/// `status [ACCOUNT]`.
pub async fn status(
	chain: &Chain,
	account: AccountId32,
	data_dir: Option<&Path>,
	json: bool,
) -> anyhow::Result<()> {
	let prover = chain.prover(&chain.best().await?, &account).await?.with_context(|| {
		format!("{} is not a registered prover", crate::chain::address(&account))
	})?;
	let entries = data_dir
		.map(|dir| Journal::read_entries(dir, &crate::chain::address(&account)))
		.transpose()?;
	let accepted: Option<Vec<u128>> = entries.as_ref().map(|entries| {
		entries
			.iter()
			.filter(|e| matches!(e.step, Step::Finished { outcome: Outcome::Accepted, .. }))
			.map(|e| e.price)
			.collect()
	});
	let status = Status {
		account: crate::chain::address(&account),
		free_balance: chain.free_balance(&account).await?,
		journal_earnings: accepted.as_ref().map(|prices| prices.iter().sum()),
		journal_accepted: accepted.as_ref().map(Vec::len),
		prover,
	};
	print(json, &status, |s| {
		let p = &s.prover;
		let mut text = format!(
			"prover      {}\nstate       {}\nhardware    {}\ncapacity    {} units ({} in use by {} jobs)\nask         {} per unit\ncommission  {:.2}%\nself-bond   {}\ndelegated   {} from {} delegators\nbacking     {}\nreputation  {:.1}% (offered {}, fulfilled {}, missed {}, invalid {}, declined {}, lapsed {})\nfree        {}",
			s.account,
			p.state,
			p.hardware,
			p.capacity,
			p.units_in_use,
			p.in_use,
			format_amount(p.ask),
			p.commission_ppb as f64 / 1e7,
			format_amount(p.self_bond),
			format_amount(p.delegated),
			p.delegators,
			format_amount(p.backing),
			p.reputation_ppb as f64 / 1e7,
			p.assigned,
			p.fulfilled,
			p.missed,
			p.invalid,
			p.declined,
			p.lapsed,
			format_amount(s.free_balance),
		);
		for (scope, ask, blocks) in &p.services {
			text += &format!("\nserves      {scope}@{}/{blocks}", format_amount(*ask));
		}
		for (amount, until) in &p.unbonding {
			text += &format!("\nunbonding   {} until block {until}", format_amount(*amount));
		}
		if let (Some(earned), Some(count)) = (s.journal_earnings, s.journal_accepted) {
			text += &format!(
				"\nearned      {} for {count} accepted proofs (this daemon's journal)",
				format_amount(earned)
			);
		}
		text
	});
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use prova_primitives::token::UNIT;

	#[test]
	fn services_parse_from_their_three_scopes_and_bad_ones_say_why() {
		let family = parse_service("poseidon_chain:16@0.008/500").unwrap();
		assert!(matches!(
			&family.scope,
			ServiceScope::Family { name, max_degree_bits: 16 } if name == b"poseidon_chain"
		));
		assert_eq!((family.ask, family.blocks_per_thousand_units), (UNIT * 8 / 1000, 500));

		let any = parse_service("any:20@0.01").unwrap();
		assert!(matches!(any.scope, ServiceScope::Any { max_degree_bits: 20 }));
		assert_eq!((any.ask, any.blocks_per_thousand_units), (UNIT / 100, 0));

		let id = format!("0x{}", "ab".repeat(32));
		let circuit = parse_service(&format!("{id}@1/7")).unwrap();
		assert!(matches!(circuit.scope, ServiceScope::Circuit(h) if h.0 == [0xab; 32]));

		for (bad, says) in [
			("any:20", "SCOPE@ASK"),
			("any@0.01", "SCOPE@ASK"),
			("any:x@0.01", "largest size"),
			("any:20@lots", "ask"),
			("any:20@0.01/fast", "whole number"),
			("0xabcd@0.01", "32 bytes"),
			(":12@0.01", "family name"),
		] {
			let error = format!("{:#}", parse_service(bad).unwrap_err());
			assert!(error.contains(says), "`{bad}`: {error}");
		}
	}

	#[test]
	fn a_capacity_or_service_the_memory_cannot_hold_is_refused() {
		// A unit is 2^12 rows, about 126 MiB of proof, but rows are padded to
		// a power of two: 24 GiB hold proofs of 2^19 rows, 128 units.
		assert!(check_capacity(4, 24).is_ok());
		assert!(check_capacity(128, 24).is_ok());
		let error = check_capacity(256, 24).unwrap_err().to_string();
		assert!(error.contains("about 31 GiB") && error.contains("--capacity 128"), "{error}");
		assert!(check_capacity(256, 64).is_ok());
		let error = check_capacity(u32::MAX, 24).unwrap_err().to_string();
		assert!(error.contains("--capacity 128"), "{error}");

		assert!(check_service(&parse_service("any:19@0.01").unwrap(), 24).is_ok());
		let error = check_service(&parse_service("any:20@0.01").unwrap(), 24).unwrap_err();
		assert!(error.to_string().contains("2^20 rows"), "{error}");
		let circuit = parse_service(&format!("0x{}@0.01", "ab".repeat(32))).unwrap();
		assert!(check_service(&circuit, 1).is_ok(), "a single circuit is checked when offered");
	}
}
