//! `circuits list` and `circuits register`, and finding a circuit by name.
//!
//! A listed circuit's name is its workload and degree, `poseidon_chain-14`:
//! the workload comes from the listing's descriptor and the degree from its
//! work units (2^(degree-12)).

use super::print;
use crate::{
	chain::{calls, AtBlock, Chain, ListingInfo},
	key::Signer,
};
use anyhow::{bail, Context};
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
