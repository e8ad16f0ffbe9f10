//! `circuits list`, `circuits register` and `circuits enable-aggregation`,
//! and finding a circuit by name.
//!
//! A listed circuit's name is its workload and degree, `poseidon_chain-14`:
//! the workload comes from the listing's descriptor and the degree from its
//! work units (2^(degree-12)).

use super::print;
use crate::{
	chain::{address, calls, prova, AtBlock, Chain, ListingInfo},
	key::Signer,
};
use anyhow::{bail, Context};
use plonky2::util::serialization::DefaultGateSerializer;
use prova_circuits::aggregation::Aggregator;
use prova_circuits::{Workload, WorkloadKind};
use serde::Serialize;
use std::time::Instant;
use subxt::utils::H256;

/// A listing with its short name.
#[derive(Clone, Debug, Serialize)]
pub struct NamedListing {
	/// `workload-degree`, or the descriptor if this client does not know it.
	pub name: String,
	/// The listing.
	#[serde(flatten)]
	pub listing: ListingInfo,
}

/// The short name of a listing.
pub fn name_of(listing: &ListingInfo) -> String {
	let degree = 12 + listing.work_units.max(1).trailing_zeros();
	match Workload::from_descriptor(&listing.descriptor) {
		Ok(workload) => format!("{}-{degree}", workload.name()),
		Err(_) => listing.descriptor.clone(),
	}
}

/// Every listing, named.
pub async fn named_listings(chain: &Chain, at: &AtBlock) -> anyhow::Result<Vec<NamedListing>> {
	Ok(chain
		.listings(at)
		.await?
		.into_iter()
		.map(|listing| NamedListing { name: name_of(&listing), listing })
		.collect())
}

/// Finds a listed circuit by name, descriptor or `0x` id; the error lists
/// what is available.
pub async fn find(chain: &Chain, at: &AtBlock, wanted: &str) -> anyhow::Result<NamedListing> {
	let listings = named_listings(chain, at).await?;
	let id: Option<H256> = wanted.strip_prefix("0x").and_then(|_| wanted.parse().ok());
	let found = listings.iter().find(|l| {
		l.name == wanted || l.listing.descriptor == wanted || Some(l.listing.circuit) == id
	});
	match found {
		Some(listing) => Ok(listing.clone()),
		None if listings.is_empty() =>
			bail!("unknown circuit `{wanted}`: no circuits are listed (see `prova-prover circuits register`)"),
		None => bail!(
			"unknown circuit `{wanted}`; listed: {}",
			listings.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ")
		),
	}
}

/// `circuits list`.
pub async fn list(chain: &Chain, json: bool) -> anyhow::Result<()> {
	let listings = named_listings(chain, &chain.best().await?).await?;
	print(json, &listings, |listings| {
		let mut text = format!(
			"{:<20} {:>6} {:>7} {:>6} {:>5}  {}",
			"NAME", "INPUT", "OUTPUT", "UNITS", "OPEN", "ID"
		);
		for l in listings {
			text += &format!(
				"\n{:<20} {:>6} {:>7} {:>6} {:>5}  {:?}",
				l.name,
				l.listing.input_elements,
				l.listing.output_elements,
				l.listing.work_units,
				l.listing.open_requests,
				l.listing.circuit
			);
		}
		text
	});
	Ok(())
}

/// What `circuits register` did for one circuit.
#[derive(Serialize)]
struct Registered {
	name: String,
	circuit: H256,
	descriptor: String,
	registered: bool,
	listed: bool,
}

/// `circuits register`: builds each circuit, registers its verifier data and
/// lists it, skipping steps already done (so it is safe to run at every start).
pub async fn register(
	chain: &Chain,
	signer: &Signer,
	workloads: &[String],
	degrees: &[usize],
	json: bool,
) -> anyhow::Result<()> {
	let kinds: Vec<WorkloadKind> = if workloads.is_empty() {
		WorkloadKind::ALL.to_vec()
	} else {
		workloads.iter().map(|name| name.parse()).collect::<Result<_, _>>()?
	};
	let mut done = Vec::new();
	for kind in kinds {
		for &degree in degrees {
			let workload = Workload::for_degree(kind, degree)?;
			let started = Instant::now();
			let handle = workload.build().with_context(|| format!("building {workload}"))?;
			let verifier_data = handle.verifier_data_bytes()?;
			let circuit = H256(sp_crypto_hashing::blake2_256(&verifier_data));
			tracing::info!(%workload, ?circuit, build_ms = started.elapsed().as_millis() as u64, "circuit built");
			let at = chain.best().await?;
			let registered = !chain.circuit_registered(&at, circuit).await?;
			if registered {
				chain.execute(&calls().verifier().register_circuit(verifier_data), signer).await?;
			}
			let listed = chain.listing(&chain.best().await?, circuit).await?.is_none();
			let descriptor = workload.descriptor();
			if listed {
				let call = calls().market().list_circuit(
					circuit,
					workload.input_len() as u32,
					descriptor.clone().into_bytes(),
				);
				chain.execute(&call, signer).await?;
			}
			done.push(Registered {
				name: format!("{}-{degree}", workload.name()),
				circuit,
				descriptor,
				registered,
				listed,
			});
		}
	}
	print(json, &done, |done| {
		done.iter()
			.map(|r| {
				let what = match (r.registered, r.listed) {
					(true, true) => "registered and listed",
					(false, true) => "listed (already registered)",
					(true, false) => "registered (already listed)",
					(false, false) => "already registered and listed",
				};
				format!("{:<20} {what}  {:?}", r.name, r.circuit)
			})
			.collect::<Vec<_>>()
			.join("\n")
	});
	Ok(())
}

/// What `circuits enable-aggregation` did.
#[derive(Serialize)]
struct AggregationEnabled {
	/// The merge circuit's id in the verifier.
	merge_circuit: H256,
	/// Whether it was registered now (else it was already).
	registered: bool,
	/// Whether it was made the aggregation circuit now.
	set: bool,
	/// The wrappers set now: listing name and verifier hash.
	wrappers: Vec<(String, [u64; 4])>,
}

/// `circuits enable-aggregation`: registers this client's merge circuit with
/// the verifier, makes it the market's aggregation circuit through `sudo`
/// (the signer must be the sudo key: a dev chain's governance), and sets the
/// wrapper of every listed circuit the signer owns. Skips what is done.
pub async fn enable_aggregation(chain: &Chain, signer: &Signer, json: bool) -> anyhow::Result<()> {
	let started = Instant::now();
	let aggregator = tokio::task::spawn_blocking(Aggregator::new).await??;
	let verifier_data = aggregator
		.merge_verifier_data()
		.to_bytes(&DefaultGateSerializer)
		.map_err(|e| anyhow::anyhow!("serializing the merge circuit: {e:?}"))?;
	let merge_circuit = H256(sp_crypto_hashing::blake2_256(&verifier_data));
	tracing::info!(
		?merge_circuit,
		build_ms = started.elapsed().as_millis() as u64,
		"merge circuit built"
	);

	let at = chain.best().await?;
	let registered = !chain.circuit_registered(&at, merge_circuit).await?;
	if registered {
		chain.execute(&calls().verifier().register_circuit(verifier_data), signer).await?;
	}
	let set = chain.aggregation_circuit(&at).await?.map(|(id, _)| id) != Some(merge_circuit);
	if set {
		use prova::runtime_types::{pallet_proof_market::pallet::Call, prova_runtime::RuntimeCall};
		let call = RuntimeCall::Market(Call::set_aggregation_circuit { circuit: merge_circuit });
		chain.execute(&calls().sudo().sudo(call), signer).await.with_context(|| {
			format!(
				"setting the aggregation circuit takes governance: {} is not the sudo key",
				address(&Chain::account_of(signer))
			)
		})?;
	}

	let owner = Chain::account_of(signer);
	let mut wrappers = Vec::new();
	for listing in named_listings(chain, &chain.best().await?).await? {
		let at = chain.best().await?;
		let Some(owned) = chain.circuit_owner(&at, listing.listing.circuit).await? else {
			continue;
		};
		let Ok(workload) = Workload::from_descriptor(&listing.listing.descriptor) else {
			continue;
		};
		if owned != owner {
			continue;
		}
		let handle = workload.build().with_context(|| format!("building {workload}"))?;
		let wrapper = aggregator.wrapper(&handle.verifier_data())?;
		let hash = wrapper.verifier_hash();
		if chain.wrapper(&at, listing.listing.circuit).await? == Some(hash) {
			continue;
		}
		let call = calls().market().set_wrapper(listing.listing.circuit, hash);
		chain.execute(&call, signer).await.with_context(|| {
			format!(
				"setting the wrapper of {} (refused while aggregated requests of it are open)",
				listing.name
			)
		})?;
		wrappers.push((listing.name, hash));
	}
	let done = AggregationEnabled { merge_circuit, registered, set, wrappers };
	print(json, &done, |done| {
		let mut text = format!(
			"merge circuit {:?}: {}; {}",
			done.merge_circuit,
			if done.registered { "registered" } else { "already registered" },
			if done.set {
				"now the aggregation circuit"
			} else {
				"already the aggregation circuit"
			}
		);
		for (name, hash) in &done.wrappers {
			text += &format!("\nwrapper of {name} set: {hash:?}");
		}
		text
	});
	Ok(())
}
