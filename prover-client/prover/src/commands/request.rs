//! Requester subcommands: `request submit | wait | get | cancel`.

use super::{circuits, format_amount, parse_amount, parse_percent, print};
use crate::{
	chain::{
		address, calls, prova,
		prova::runtime_types::{
			prova_primitives::market::{GpuClass, HardwareClass},
			sp_arithmetic::per_things::Perbill,
		},
		Chain, RequestInfo, RequestRequirements, Status,
	},
	cli::SubmitArgs,
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

#[derive(Serialize)]
struct Submitted {
	id: u64,
	circuit: String,
	max_fee: u128,
	deadline_blocks: u32,
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
	let call = calls().market().submit_request(
		listing.listing.circuit,
		input,
		max_fee,
		args.deadline,
		reqs,
	);
	let included = chain.execute(&call, signer).await?;
	let event = included
		.events
		.find_first::<prova::market::events::RequestSubmitted>()
		.context("no RequestSubmitted event")?
		.context("decoding RequestSubmitted")?;
	tracing::info!(request = event.request, circuit = %listing.name, max_fee = %format_amount(max_fee), "request submitted");
	let submitted = Submitted {
		id: event.request,
		circuit: listing.name,
		max_fee,
		deadline_blocks: args.deadline,
	};
	print(json, &submitted, |s| s.id.to_string());
	Ok(event.request)
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
		"request     {}\nrequester   {}\ncircuit     {:?}\nmax fee     {}\ndeposit     {}\nsubmitted   block {}\n",
		r.id, address(&r.requester), r.circuit, format_amount(r.max_fee), format_amount(r.deposit), r.submitted_at
	);
	text += &match &r.status {
		Status::Queued { since } => format!("status      queued since block {since}"),
		Status::Offered { prover, price, lock_by } => format!(
			"status      offered to {} for {} (it may lock it until block {lock_by})",
			address(prover),
			format_amount(*price)
		),
		Status::Locked { prover, price, deadline, collateral } => format!(
			"status      locked by {} for {} with {} collateral (deadline block {deadline})",
			address(prover),
			format_amount(*price),
			format_amount(*collateral)
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
