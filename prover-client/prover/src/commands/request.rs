//! Requester subcommands: `request submit | wait | get | cancel`.

use super::{circuits, format_amount, parse_amount, parse_percent, print};
use crate::chain::Qos;
use crate::{
	chain::{
		address, calls, prova,
		prova::runtime_types::{
			prova_primitives::market::{GpuClass, HardwareClass},
			sp_arithmetic::per_things::Perbill,
		},
		Chain, Fallback, Latency, Mechanism, RequestInfo, RequestRequirements, Status, Terms,
	},
	cli::{QuoteArgs, SubmitArgs},
	key::Signer,
};
use anyhow::{bail, Context};
use prova_circuits::Workload;
use serde::Serialize;
use std::time::{Duration, Instant};

/// Reads `--input`: `sample:SEED`, `@FILE`, `0x` bytes, or comma-separated
/// field elements; then checks it against the workload, so a malformed input
/// is refused here rather than by the chain.
pub fn parse_input(workload: &Workload, text: &str) -> anyhow::Result<Vec<u8>> {
	let bytes = if let Some(seed) = text.strip_prefix("sample:") {
		let seed: u64 = seed.parse().with_context(|| format!("bad sample seed `{seed}`"))?;
		workload.encode_input(&workload.sample_input(seed))?
	} else if let Some(path) = text.strip_prefix('@') {
		std::fs::read(path).with_context(|| format!("cannot read input file {path}"))?
	} else if let Some(hex_digits) = text.strip_prefix("0x") {
		hex::decode(hex_digits).context("malformed input: bad hex")?
	} else {
		let mut bytes = Vec::new();
		for word in text.split(',').map(str::trim) {
			let value: u64 = word
				.parse()
				.with_context(|| format!("malformed input: `{word}` is not a field element"))?;
			bytes.extend_from_slice(&value.to_le_bytes());
		}
		bytes
	};
	workload
		.decode_input(&bytes)
		.map_err(|e| anyhow::anyhow!("malformed input for {workload}: {e}"))?;
	Ok(bytes)
}

/// What `--mechanism` takes.
const MECHANISM_USAGE: &str = "expected election, auction[:BID_BLOCKS:REVEAL_BLOCKS[:expire]], dutch:FLOOR[:RAMP_BLOCKS], book[:expire] or race:N[:open]";

/// Share of a racer's pay lost per block behind the first, for `race:N`: 20%.
pub const DEFAULT_RACE_DECAY_PPB: u32 = 200_000_000;

/// Blocks after the first commitment during which other racers may commit.
pub const DEFAULT_RACE_WINDOW: u32 = 2;

/// Bid and reveal windows of `--mechanism auction` without numbers.
pub const DEFAULT_AUCTION_BLOCKS: (u32, u32) = (5, 5);

/// The ramp of `--mechanism dutch:FLOOR` without a number.
pub const DEFAULT_RAMP_BLOCKS: u32 = 20;

/// The floor of `--latency TARGET` without one, in percent.
pub const DEFAULT_LATENCY_FLOOR_PERCENT: &str = "50";

/// A number of blocks, at least one, named `what` in errors.
fn parse_blocks(what: &str, text: &str) -> Result<u32, String> {
	let blocks: u32 =
		text.parse().map_err(|_| format!("{what} `{text}` is not a number of blocks"))?;
	if blocks == 0 {
		return Err(format!("{what} must be at least 1 block"));
	}
	Ok(blocks)
}

/// Reads `--mechanism`: `election`, `auction[:BID_BLOCKS:REVEAL_BLOCKS[:expire]]`
/// (default 5:5, falling back to an election) or `dutch:FLOOR[:RAMP_BLOCKS]`
/// (FLOOR in PROVA per work unit, default ramp 20 blocks).
pub fn parse_mechanism(text: &str) -> Result<Mechanism, String> {
	let bad = |why: &str| format!("bad mechanism `{text}`: {why}; {MECHANISM_USAGE}");
	let lower = text.trim().to_lowercase();
	let parts: Vec<&str> = lower.split(':').collect();
	match parts.as_slice() {
		["election"] => Ok(Mechanism::Election),
		["election", ..] => Err(bad("an election takes no parameters")),
		[""] => Err(bad("no mechanism given")),
		["auction"] => Ok(Mechanism::SealedBid {
			bid_blocks: DEFAULT_AUCTION_BLOCKS.0,
			reveal_blocks: DEFAULT_AUCTION_BLOCKS.1,
			fallback: Fallback::Election,
		}),
		["auction", bid, reveal, rest @ ..] => {
			let fallback = match rest {
				[] | ["election"] => Fallback::Election,
				["expire"] => Fallback::Expire,
				[other] => {
					return Err(bad(&format!(
						"unknown fallback `{other}` (expire, or election, the default)"
					)))
				}
				_ => return Err(bad("too many fields")),
			};
			Ok(Mechanism::SealedBid {
				bid_blocks: parse_blocks("the bid window", bid).map_err(|e| bad(&e))?,
				reveal_blocks: parse_blocks("the reveal window", reveal).map_err(|e| bad(&e))?,
				fallback,
			})
		}
		["auction", ..] => {
			Err(bad("give both the bid and the reveal window in blocks, e.g. auction:5:5"))
		}
		["dutch"] | ["dutch", ""] => {
			Err(bad("a Dutch auction needs its floor price per work unit, e.g. dutch:0.01"))
		}
		["dutch", floor] | ["dutch", floor, _] => {
			let floor = parse_amount(floor)
				.map_err(|e| bad(&format!("the floor price per work unit: {e}")))?;
			let ramp_blocks = match parts.get(2) {
				Some(ramp) => parse_blocks("the ramp", ramp).map_err(|e| bad(&e))?,
				None => DEFAULT_RAMP_BLOCKS,
			};
			Ok(Mechanism::Dutch { floor, ramp_blocks })
		}
		["dutch", ..] => Err(bad("too many fields")),
		["book"] | ["book", "election"] => Ok(Mechanism::Book { fallback: Fallback::Election }),
		["book", "expire"] => Ok(Mechanism::Book { fallback: Fallback::Expire }),
		["book", other] => {
			Err(bad(&format!("unknown fallback `{other}` (expire, or election, the default)")))
		}
		["race"] => Err(bad("a race needs its number of racers, e.g. race:2")),
		["race", racers, rest @ ..] => {
			let racers: u32 =
				racers.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
					bad(&format!("`{racers}` is not a number of racers (1 or more)"))
				})?;
			let open = match rest {
				[] => false,
				["open"] => true,
				[other] => return Err(bad(&format!("unknown race option `{other}` (open)"))),
				_ => return Err(bad("too many fields")),
			};
			Ok(Mechanism::Race {
				racers,
				open,
				decay_ppb: DEFAULT_RACE_DECAY_PPB,
				window_blocks: DEFAULT_RACE_WINDOW,
			})
		}
		[other, ..] => Err(bad(&format!("unknown mechanism `{other}`"))),
		[] => Err(bad("no mechanism given")),
	}
}

/// Reads `--latency TARGET_BLOCKS[:FLOOR_PERCENT]` (floor 50% by default).
pub fn parse_latency(text: &str) -> Result<Latency, String> {
	let bad = |why: &str| {
		format!("bad latency guarantee `{text}`: {why}; expected TARGET_BLOCKS[:FLOOR_PERCENT], e.g. 10:50")
	};
	let (target, floor) = match text.trim().split_once(':') {
		Some((target, floor)) => (target, floor),
		None => (text.trim(), DEFAULT_LATENCY_FLOOR_PERCENT),
	};
	let target_blocks = parse_blocks("the target", target).map_err(|e| bad(&e))?;
	let floor_ppb = parse_percent(floor).map_err(|e| bad(&e.to_string()))?;
	Ok(Latency { target_blocks, floor_ppb })
}

/// Reads `--qos speed=S,cost=C,safety=F,cr=R` (each 0 to 10; missing ones 0).
pub fn parse_qos(text: &str) -> Result<Qos, String> {
	let bad = |why: &str| {
		format!("bad preferences `{text}`: {why}; expected e.g. speed=10,cost=3,safety=1,cr=1 (each 0 to 10)")
	};
	let mut qos = Qos { speed: 0, cost: 0, safety: 0, censorship_resistance: 0 };
	for pair in text.split(',').map(str::trim).filter(|pair| !pair.is_empty()) {
		let (name, value) =
			pair.split_once('=').ok_or_else(|| bad(&format!("`{pair}` is not NAME=VALUE")))?;
		let value: u8 = value
			.trim()
			.parse()
			.ok()
			.filter(|v| *v <= 10)
			.ok_or_else(|| bad(&format!("`{value}` is not a weight from 0 to 10")))?;
		match name.trim().to_lowercase().as_str() {
			"speed" => qos.speed = value,
			"cost" => qos.cost = value,
			"safety" => qos.safety = value,
			"cr" | "censorship_resistance" => qos.censorship_resistance = value,
			other => {
				return Err(bad(&format!("unknown preference `{other}` (speed, cost, safety, cr)")))
			}
		}
	}
	Ok(qos)
}

/// Checks `terms` against the request they go with, so that what the chain
/// would refuse is explained here.
fn check_terms(terms: &Terms, max_fee: u128, work_units: u64, deadline: u32) -> anyhow::Result<()> {
	if let Some(latency) = terms.latency {
		if latency.target_blocks >= deadline {
			bail!(
				"the latency target ({} blocks) must be shorter than the deadline ({deadline} blocks)",
				latency.target_blocks
			);
		}
	}
	if let Mechanism::Dutch { floor, .. } = terms.mechanism {
		let start = floor.saturating_mul(work_units.into());
		if start > max_fee {
			bail!(
				"the Dutch auction's floor, {} per work unit × {work_units} work units = {}, exceeds the max fee {}; lower the floor or raise --max-fee",
				format_amount(floor),
				format_amount(start),
				format_amount(max_fee)
			);
		}
	}
	Ok(())
}

/// The terms in words.
fn describe_terms(terms: &Terms) -> String {
	let mut text = match terms.mechanism {
		Mechanism::Election => "election".to_string(),
		Mechanism::SealedBid { bid_blocks, reveal_blocks, fallback } => format!(
			"sealed-bid second-price auction: {bid_blocks} blocks of bids, {reveal_blocks} of reveals, then {}",
			match fallback {
				Fallback::Election => "an election if nobody wins",
				Fallback::Expire => "expiry if nobody wins",
			}
		),
		Mechanism::Dutch { floor, ramp_blocks } => format!(
			"Dutch auction: from {} per work unit up to the max fee over {ramp_blocks} blocks",
			format_amount(floor)
		),
		Mechanism::Book { fallback } => format!(
			"order book: the best crossing standing ask at once, else {}",
			match fallback {
				Fallback::Election => "an election",
				Fallback::Expire => "refused",
			}
		),
		Mechanism::Race { racers, open, decay_ppb, window_blocks } => format!(
			"proof race of {racers} {} provers, each paid max fee / {racers}, less {}% per block behind the first, commitments open {window_blocks} blocks",
			if open { "open" } else { "elected" },
			decay_ppb as f64 / 10_000_000.0
		),
	};
	if let Some(latency) = terms.latency {
		text += &format!(
			"\nlatency     full price within {} blocks of the lock, down to {}% at the deadline",
			latency.target_blocks,
			latency.floor_ppb as f64 / 10_000_000.0
		);
	}
	if terms.settlement == crate::chain::Settlement::Aggregated {
		text += "\nsettlement  aggregated: the prover claims its proof and an aggregator's batch settles it";
	}
	text
}

#[derive(Serialize)]
struct Submitted {
	id: u64,
	circuit: String,
	max_fee: u128,
	deadline_blocks: u32,
	terms: Terms,
}

/// `request submit`: prints the new request's id (alone, in text mode, so
/// scripts can capture it).
pub async fn submit(
	chain: &Chain,
	signer: &Signer,
	args: &SubmitArgs,
	json: bool,
) -> anyhow::Result<u64> {
	let at = chain.best().await?;
	let listing = circuits::find(chain, &at, &args.circuit).await?;
	let workload = Workload::from_descriptor(&listing.listing.descriptor).map_err(|e| {
		anyhow::anyhow!("circuit `{}` cannot be used from this client: {e}", listing.name)
	})?;
	let input = parse_input(&workload, &args.input)?;
	let reqs = RequestRequirements {
		hardware: HardwareClass { cpu_cores: 0, memory_gib: 0, gpu: GpuClass::None },
		min_stake: parse_amount(&args.min_stake)?,
		min_reputation: Perbill(parse_percent(&args.min_reputation)?),
	};
	let max_fee = match &args.max_fee {
		Some(fee) => parse_amount(fee)?,
		None => {
			let quote = chain.quote(&at, listing.listing.circuit, reqs.clone()).await?;
			quote.and_then(|q| q.min_fee).with_context(|| {
				format!("no registered prover meets the requirements for {}; pass --max-fee to queue anyway", listing.name)
			})?
		}
	};
	let settlement =
		if args.aggregated { crate::chain::Settlement::Aggregated } else { Default::default() };
	let terms = Terms { mechanism: args.mechanism, latency: args.latency, settlement };
	check_terms(&terms, max_fee, listing.listing.work_units, args.deadline)?;
	let circuit = listing.listing.circuit;
	// The plain election keeps the original call.
	let included = if let Some(qos) = &args.qos {
		let call = calls().market().submit_request_with_qos(
			circuit,
			input,
			max_fee,
			args.deadline,
			reqs,
			qos.clone(),
		);
		chain.execute(&call, signer).await?
	} else if terms.is_default() {
		let call = calls().market().submit_request(circuit, input, max_fee, args.deadline, reqs);
		chain.execute(&call, signer).await?
	} else {
		let call = calls().market().submit_request_with_terms(
			circuit,
			input,
			max_fee,
			args.deadline,
			reqs,
			terms.to_raw(),
		);
		chain.execute(&call, signer).await?
	};
	let event = included
		.events
		.find_first::<prova::market::events::RequestSubmitted>()
		.context("no RequestSubmitted event")?
		.context("decoding RequestSubmitted")?;
	// The chain's terms: the router's choice for a request with preferences.
	let terms = Terms::from_raw(event.terms);
	tracing::info!(request = event.request, circuit = %listing.name, max_fee = %format_amount(max_fee), terms = ?terms, "request submitted");
	let submitted = Submitted {
		id: event.request,
		circuit: listing.name,
		max_fee,
		deadline_blocks: args.deadline,
		terms,
	};
	print(json, &submitted, |s| s.id.to_string());
	Ok(event.request)
}

/// One mechanism's line in `request quote`.
#[derive(Serialize)]
struct MechanismLine {
	mechanism: String,
	available: bool,
	expected_price: Option<u128>,
	expected_latency_blocks: Option<u32>,
	settled: u32,
}

/// `request quote`'s answer.
#[derive(Serialize)]
struct MarketQuoteView {
	circuit: String,
	work_units: u64,
	competitors: u32,
	mechanisms: Vec<MechanismLine>,
	routed: Terms,
}

/// `request quote`: every mechanism's expected price and latency side by
/// side for a request, and the router's pick for the given preferences.
pub async fn quote(chain: &Chain, args: &QuoteArgs, json: bool) -> anyhow::Result<()> {
	let at = chain.best().await?;
	let listing = circuits::find(chain, &at, &args.circuit).await?;
	let reqs = RequestRequirements {
		hardware: HardwareClass { cpu_cores: 0, memory_gib: 0, gpu: GpuClass::None },
		min_stake: parse_amount(&args.min_stake)?,
		min_reputation: Perbill(parse_percent(&args.min_reputation)?),
	};
	let max_fee = parse_amount(&args.max_fee)?;
	let call = prova::runtime_apis().proof_market_api().market_quote(
		listing.listing.circuit,
		reqs,
		args.deadline,
		max_fee,
		args.qos.clone(),
	);
	let quote = at
		.runtime_apis()
		.call(call)
		.await
		.map_err(crate::chain::ChainError::rpc)?
		.with_context(|| format!("circuit {} is not listed", listing.name))?;
	let view = MarketQuoteView {
		circuit: listing.name,
		work_units: quote.work_units,
		competitors: quote.competitors,
		mechanisms: quote
			.mechanisms
			.into_iter()
			.map(|m| MechanismLine {
				mechanism: format!("{:?}", m.kind).to_lowercase(),
				available: m.available,
				expected_price: m.expected_price,
				expected_latency_blocks: m.expected_latency_blocks,
				settled: m.settled,
			})
			.collect(),
		routed: Terms { mechanism: Terms::from_raw_mechanism(quote.routed), ..Terms::default() },
	};
	print(json, &view, |v| {
		let mut text = format!(
			"circuit {} ({} work units), {} qualified provers with room\n{:<10} {:>9} {:>16} {:>15} {:>8}\n",
			v.circuit, v.work_units, v.competitors, "mechanism", "available", "expected price", "latency blocks", "settled"
		);
		for line in &v.mechanisms {
			text += &format!(
				"{:<10} {:>9} {:>16} {:>15} {:>8}\n",
				line.mechanism,
				if line.available { "yes" } else { "no" },
				line.expected_price.map_or("-".to_string(), format_amount),
				line.expected_latency_blocks.map_or("-".to_string(), |b| b.to_string()),
				line.settled
			);
		}
		text + &format!("router's pick: {}", describe_terms(&v.routed))
	});
	Ok(())
}

/// `request get ID`.
pub async fn get(chain: &Chain, id: u64, json: bool) -> anyhow::Result<()> {
	let request = fetch(chain, id).await?;
	print(json, &request, describe);
	Ok(())
}

async fn fetch(chain: &Chain, id: u64) -> anyhow::Result<RequestInfo> {
	chain.request(&chain.best().await?, id).await?.with_context(|| {
		format!("unknown request {id} (never submitted, or ended more than a day ago)")
	})
}

fn describe(r: &RequestInfo) -> String {
	let mut text =
		format!(
		"request     {}\nrequester   {}\ncircuit     {:?}\nmax fee     {}\ndeposit     {}\nsubmitted   block {}\nterms       {}\n",
		r.id, address(&r.requester), r.circuit, format_amount(r.max_fee), format_amount(r.deposit), r.submitted_at,
		describe_terms(&r.terms)
	);
	text += &match &r.status {
		Status::Queued { since } => format!("status      queued since block {since}"),
		Status::Bidding { bids_until, reveal_until, bids } => format!(
			"status      in a sealed-bid auction, {bids} bid{} so far: bids until block {bids_until}, reveals until block {reveal_until}",
			if *bids == 1 { "" } else { "s" }
		),
		Status::Dutch { since, closes } => format!(
			"status      in a Dutch auction since block {since}; the first eligible prover to lock takes it, until block {closes}"
		),
		Status::Racing { joined, join_until, commits_close, settles_at } => format!(
			"status      racing: {joined} racer{} (joining until block {join_until}), {}; settles at block {settles_at}",
			if *joined == 1 { "" } else { "s" },
			match commits_close {
				Some(block) => format!("commitments close at block {block}"),
				None => "nobody committed yet".to_string(),
			}
		),
		Status::Offered { prover, price, lock_by } => format!(
			"status      offered to {} for {} (it may lock it until block {lock_by})",
			address(prover),
			format_amount(*price)
		),
		Status::Locked { prover, price, deadline, collateral, locked_at } => format!(
			"status      locked by {} in block {locked_at} for {} with {} collateral (deadline block {deadline})",
			address(prover),
			format_amount(*price),
			format_amount(*collateral)
		),
		Status::Claimed { prover, price, claimed_at, due, fallback: false, .. } => format!(
			"status      claimed by {} at block {claimed_at} for {}; a batch settles it before block {due}",
			address(prover),
			format_amount(*price)
		),
		Status::Claimed { prover, price, due, fallback: true, .. } => format!(
			"status      claimed by {} for {}; no batch took it: the prover submits the proof before block {due}",
			address(prover),
			format_amount(*price)
		),
		Status::Fulfilled { prover, price, output, at } => format!(
			"status      fulfilled in block {at}\nprover      {}\nfee paid    {}\noutput      {}",
			address(prover),
			format_amount(*price),
			output.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
		),
		Status::Expired { at } if r.failed.is_empty() => format!(
			"status      expired in block {at} (fee refunded; no prover locked it, deposit forfeited)"
		),
		Status::Expired { at } => {
			format!("status      expired in block {at} (fee and deposit refunded)")
		}
		Status::Cancelled { at } => {
			format!("status      cancelled in block {at} (fee and deposit refunded)")
		}
	};
	if !r.declined.is_empty() {
		text += &format!(
			"\ndeclined by {}",
			r.declined.iter().map(address).collect::<Vec<_>>().join(", ")
		);
	}
	if !r.failed.is_empty() {
		text += &format!(
			"\nfailed by   {} (compensated {} out of their collateral)",
			r.failed.iter().map(address).collect::<Vec<_>>().join(", "),
			format_amount(r.compensated)
		);
	}
	text
}

/// `request wait ID`: follows the request block by block until it ends, then
/// prints it; fails if it expired or `timeout` passes.
pub async fn wait(
	chain: &Chain,
	id: u64,
	timeout: Duration,
	json: bool,
) -> anyhow::Result<RequestInfo> {
	let started = Instant::now();
	let mut last_status = None;
	loop {
		let request = fetch(chain, id).await?;
		let label = std::mem::discriminant(&request.status);
		if last_status != Some(label) {
			tracing::info!(request = id, status = ?request.status, "request status");
			last_status = Some(label);
		}
		if request.status.is_final() {
			print(json, &request, describe);
			if !matches!(request.status, Status::Fulfilled { .. }) {
				bail!("request {id} ended without a proof");
			}
			return Ok(request);
		}
		if started.elapsed() > timeout {
			bail!("request {id} has not ended after {} s", timeout.as_secs());
		}
		tokio::time::sleep(Duration::from_millis(prova_primitives::MILLISECS_PER_BLOCK / 2)).await;
	}
}

/// `request cancel ID`.
pub async fn cancel(chain: &Chain, signer: &Signer, id: u64) -> anyhow::Result<()> {
	chain.execute(&calls().market().cancel_request(id), signer).await?;
	println!("request {id} cancelled; the fee is refunded");
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use prova_primitives::token::UNIT;

	#[test]
	fn mechanisms_parse_with_their_defaults() {
		assert_eq!(parse_mechanism("election"), Ok(Mechanism::Election));
		assert_eq!(
			parse_mechanism("auction"),
			Ok(Mechanism::SealedBid {
				bid_blocks: 5,
				reveal_blocks: 5,
				fallback: Fallback::Election
			})
		);
		assert_eq!(
			parse_mechanism("auction:2:3"),
			Ok(Mechanism::SealedBid {
				bid_blocks: 2,
				reveal_blocks: 3,
				fallback: Fallback::Election
			})
		);
		assert_eq!(
			parse_mechanism("Auction:2:3:expire"),
			Ok(Mechanism::SealedBid {
				bid_blocks: 2,
				reveal_blocks: 3,
				fallback: Fallback::Expire
			})
		);
		assert_eq!(
			parse_mechanism("dutch:0.01"),
			Ok(Mechanism::Dutch { floor: UNIT / 100, ramp_blocks: 20 })
		);
		assert_eq!(
			parse_mechanism("dutch:1:8"),
			Ok(Mechanism::Dutch { floor: UNIT, ramp_blocks: 8 })
		);
		assert_eq!(parse_mechanism("book"), Ok(Mechanism::Book { fallback: Fallback::Election }));
		assert_eq!(
			parse_mechanism("book:expire"),
			Ok(Mechanism::Book { fallback: Fallback::Expire })
		);
		let race = |racers, open| Mechanism::Race {
			racers,
			open,
			decay_ppb: DEFAULT_RACE_DECAY_PPB,
			window_blocks: DEFAULT_RACE_WINDOW,
		};
		assert_eq!(parse_mechanism("race:2"), Ok(race(2, false)));
		assert_eq!(parse_mechanism("race:3:open"), Ok(race(3, true)));
	}

	#[test]
	fn book_race_and_preferences_refuse_what_the_chain_would() {
		for (text, says) in [
			("book:soon", "unknown fallback `soon`"),
			("race", "needs its number of racers"),
			("race:0", "is not a number of racers"),
			("race:2:closed", "unknown race option `closed`"),
		] {
			let error = parse_mechanism(text).unwrap_err();
			assert!(error.contains(says), "{text}: {error}");
		}
		let qos = parse_qos("speed=10, cost=3,safety=1,cr=1").unwrap();
		assert_eq!((qos.speed, qos.cost, qos.safety, qos.censorship_resistance), (10, 3, 1, 1));
		for (text, says) in [
			("speed=11", "not a weight from 0 to 10"),
			("speed", "is not NAME=VALUE"),
			("latency=3", "unknown preference `latency`"),
		] {
			let error = parse_qos(text).unwrap_err();
			assert!(error.contains(says), "{text}: {error}");
		}
	}

	#[test]
	fn malformed_mechanisms_say_what_is_wrong() {
		let cases = [
			("", "no mechanism given"),
			("lottery", "unknown mechanism `lottery`"),
			("election:3", "an election takes no parameters"),
			("auction:5", "give both the bid and the reveal window"),
			("auction:x:5", "the bid window `x` is not a number of blocks"),
			("auction:5:0", "the reveal window must be at least 1 block"),
			("auction:5:5:never", "unknown fallback `never`"),
			("auction:5:5:expire:1", "too many fields"),
			("dutch", "needs its floor price per work unit"),
			("dutch:", "needs its floor price per work unit"),
			("dutch:abc", "the floor price per work unit: bad amount `abc`"),
			("dutch:1:0", "the ramp must be at least 1 block"),
			("dutch:1:-3", "the ramp `-3` is not a number of blocks"),
			("dutch:1:2:3", "too many fields"),
		];
		for (text, expected) in cases {
			let error = parse_mechanism(text).expect_err(text);
			assert!(error.contains(expected), "{text}: {error}");
			assert!(error.contains("expected election, auction"), "{text}: {error}");
		}
	}

	#[test]
	fn latency_guarantees_parse_with_a_default_floor() {
		assert_eq!(parse_latency("10"), Ok(Latency { target_blocks: 10, floor_ppb: 500_000_000 }));
		assert_eq!(
			parse_latency("10:25"),
			Ok(Latency { target_blocks: 10, floor_ppb: 250_000_000 })
		);
		assert_eq!(parse_latency("3:0%"), Ok(Latency { target_blocks: 3, floor_ppb: 0 }));
		for (text, expected) in [
			("0", "the target must be at least 1 block"),
			("soon", "the target `soon` is not a number of blocks"),
			("10:150", "not between 0 and 100"),
			("10:half", "bad percentage `half`"),
		] {
			let error = parse_latency(text).expect_err(text);
			assert!(error.contains(expected), "{text}: {error}");
			assert!(error.contains("TARGET_BLOCKS[:FLOOR_PERCENT]"), "{text}: {error}");
		}
	}

	#[test]
	fn terms_the_chain_would_refuse_are_explained() {
		let dutch =
			Terms { mechanism: Mechanism::Dutch { floor: 10, ramp_blocks: 5 }, ..Terms::default() };
		assert!(check_terms(&dutch, 40, 4, 40).is_ok());
		let error = check_terms(&dutch, 39, 4, 40).unwrap_err().to_string();
		assert!(error.contains("exceeds the max fee"), "{error}");
		let late = Terms {
			latency: Some(Latency { target_blocks: 40, floor_ppb: 0 }),
			..Terms::default()
		};
		let error = check_terms(&late, 100, 1, 40).unwrap_err().to_string();
		assert!(error.contains("must be shorter than the deadline"), "{error}");
	}

	/// `request get` shows the terms and the auction a request is in, as
	/// text and as JSON.
	#[test]
	fn requests_show_their_terms_and_auctions() {
		use subxt::utils::{AccountId32, H256};
		let mut request = RequestInfo {
			id: 4,
			requester: AccountId32([1; 32]),
			circuit: H256::repeat_byte(2),
			max_fee: 3 * UNIT,
			deadline_blocks: 40,
			submitted_at: 9,
			failed: vec![],
			declined: vec![],
			compensated: 0,
			deposit: UNIT,
			terms: Terms {
				mechanism: Mechanism::SealedBid {
					bid_blocks: 2,
					reveal_blocks: 3,
					fallback: Fallback::Expire,
				},
				latency: Some(Latency { target_blocks: 10, floor_ppb: 250_000_000 }),
				settlement: Default::default(),
			},
			input_commitment: None,
			status: Status::Bidding { bids_until: 11, reveal_until: 14, bids: 1 },
		};
		let text = describe(&request);
		assert!(text.contains("terms       sealed-bid second-price auction: 2 blocks of bids, 3 of reveals, then expiry if nobody wins"), "{text}");
		assert!(
			text.contains(
				"latency     full price within 10 blocks of the lock, down to 25% at the deadline"
			),
			"{text}"
		);
		assert!(text.contains("in a sealed-bid auction, 1 bid so far: bids until block 11, reveals until block 14"), "{text}");
		let json = serde_json::to_value(&request).unwrap();
		assert_eq!(json["status"], "bidding");
		assert_eq!(json["reveal_until"], 14);
		assert_eq!(json["terms"]["mechanism"]["kind"], "sealed_bid");
		assert_eq!(json["terms"]["mechanism"]["fallback"], "expire");
		assert_eq!(json["terms"]["latency"]["floor_ppb"], 250_000_000);

		request.terms = Terms {
			mechanism: Mechanism::Dutch { floor: UNIT / 100, ramp_blocks: 20 },
			..Terms::default()
		};
		request.status = Status::Dutch { since: 9, closes: 34 };
		let text = describe(&request);
		assert!(
			text.contains(
				"Dutch auction: from 0.01 PROVA per work unit up to the max fee over 20 blocks"
			),
			"{text}"
		);
		assert!(text.contains("in a Dutch auction since block 9"), "{text}");
		assert!(!text.contains("latency"), "{text}");
		assert!(!request.status.is_final());
		let json = serde_json::to_value(&request).unwrap();
		assert_eq!((json["status"].as_str(), json["closes"].as_u64()), (Some("dutch"), Some(34)));
		assert_eq!(json["terms"]["settlement"], "direct");
		assert!(!text.contains("settlement"), "{text}");

		request.terms.settlement = crate::chain::Settlement::Aggregated;
		request.status = Status::Claimed {
			prover: AccountId32([5; 32]),
			price: UNIT / 100,
			claimed_at: 12,
			due: 32,
			fallback: false,
			output: vec![7],
			proof_hash: [1; 32],
		};
		let text = describe(&request);
		assert!(text.contains("settlement  aggregated"), "{text}");
		assert!(text.contains("a batch settles it before block 32"), "{text}");
		assert!(!request.status.is_final(), "a claim is not the end of a request");
		let json = serde_json::to_value(&request).unwrap();
		assert_eq!((json["status"].as_str(), json["due"].as_u64()), (Some("claimed"), Some(32)));
		assert_eq!(json["terms"]["settlement"], "aggregated");
		if let Status::Claimed { fallback, .. } = &mut request.status {
			*fallback = true;
		}
		assert!(describe(&request).contains("the prover submits the proof before block 32"));
	}

	#[test]
	fn the_cli_takes_the_new_flags() {
		use crate::cli::{Cli, Command, RequestCommand};
		use clap::Parser;
		let parse = |extra: &[&str]| {
			let mut args =
				vec!["prova-prover", "request", "submit", "--circuit", "c", "--input", "1"];
			args.extend_from_slice(extra);
			Cli::try_parse_from(args)
		};
		let Command::Request(RequestCommand::Submit(args)) = parse(&[]).unwrap().command else {
			panic!("parsed as request submit")
		};
		assert_eq!((args.mechanism, args.latency), (Mechanism::Election, None));
		let Command::Request(RequestCommand::Submit(args)) =
			parse(&["--mechanism", "auction:2:2", "--latency", "8"]).unwrap().command
		else {
			panic!("parsed as request submit")
		};
		assert_eq!(
			args.mechanism,
			Mechanism::SealedBid { bid_blocks: 2, reveal_blocks: 2, fallback: Fallback::Election }
		);
		assert_eq!(args.latency, Some(Latency { target_blocks: 8, floor_ppb: 500_000_000 }));
		let error = parse(&["--mechanism", "dutch"]).unwrap_err().to_string();
		assert!(error.contains("needs its floor price"), "{error}");
		let Command::Request(RequestCommand::Submit(args)) =
			parse(&["--aggregated"]).unwrap().command
		else {
			panic!("parsed as request submit")
		};
		assert!(args.aggregated);
		assert!(parse(&["--aggregated", "--qos", "speed=1,cost=9,safety=1,cr=1"]).is_err());
	}
}
