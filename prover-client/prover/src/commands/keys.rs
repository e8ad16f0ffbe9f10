//! `prova-prover keys`: a hot key for the daemon, so that the prover's
//! bonded account stays cold.
//!
//! The bonded account registers the hot key as its `ProverOperations` proxy
//! (polkadot-sdk's `pallet-proxy`, with the runtime's filter): the daemon,
//! run with `--key <hot> --prover <bonded>`, then locks, bids, posts asks,
//! proves and claims for it, while moving its funds, bonding, unbonding or
//! changing its commission still take the cold key. A lost or stolen hot
//! key is revoked with `keys remove-proxy` and replaced with a new one.

use crate::{
	chain::{address, calls, parse_address, Chain, ProxyType},
	commands::print,
	key::Signer,
};
use anyhow::{bail, Context};
use serde::Serialize;
use std::{io::Write, path::Path};
use subxt::utils::AccountId32;

/// Checks that `hot` may run the daemon for `prover`: a `ProverOperations`
/// (or `Any`) proxy without delay.
pub async fn ensure_hot_key(
	chain: &Chain,
	prover: &AccountId32,
	hot: &AccountId32,
) -> anyhow::Result<()> {
	let at = chain.best().await?;
	let proxies = chain.proxies(&at, prover).await?;
	let usable = proxies.iter().any(|p| {
		p.delegate == *hot
			&& p.delay == 0
			&& matches!(p.kind, ProxyType::ProverOperations | ProxyType::Any)
	});
	if !usable {
		bail!(
			"key {} is not a ProverOperations proxy of {} (without delay): with the bonded \
			 account's key, run `prova-prover keys add-proxy {}`",
			address(hot),
			address(prover),
			address(hot)
		);
	}
	Ok(())
}

/// Writes a new random sr25519 key (a `0x` seed, the secret URI `--key-file`
/// reads) to `path`, readable by its owner only, and prints its address.
pub fn generate(path: &Path, json: bool) -> anyhow::Result<()> {
	let (pair, seed) = <sp_core::sr25519::Pair as sp_core::Pair>::generate();
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	let mut file = options.open(path).with_context(|| {
		format!("cannot create key file {} (it must not exist)", path.display())
	})?;
	writeln!(file, "0x{}", hex::encode(seed))?;
	let account = AccountId32(sp_core::Pair::public(&pair).0);
	#[derive(Serialize)]
	struct Generated {
		address: String,
		key_file: String,
	}
	let generated = Generated { address: address(&account), key_file: path.display().to_string() };
	print(json, &generated, |g| {
		format!(
			"new hot key {} in {}\nnext, with the bonded account's key: prova-prover keys add-proxy {}",
			g.address, g.key_file, g.address
		)
	});
	Ok(())
}

/// Registers `hot` as the signer's `ProverOperations` proxy.
pub async fn add_proxy(chain: &Chain, signer: &Signer, hot: &str) -> anyhow::Result<()> {
	let hot = parse_address(hot).with_context(|| format!("`{hot}` is not an SS58 address"))?;
	let call = calls().proxy().add_proxy(hot.clone().into(), ProxyType::ProverOperations, 0);
	chain.execute(&call, signer).await?;
	println!(
		"{} may now run the daemon for {} (--key <its key> --prover {})",
		address(&hot),
		address(&Chain::account_of(signer)),
		address(&Chain::account_of(signer))
	);
	Ok(())
}

/// Revokes `hot` as the signer's `ProverOperations` proxy.
pub async fn remove_proxy(chain: &Chain, signer: &Signer, hot: &str) -> anyhow::Result<()> {
	let hot = parse_address(hot).with_context(|| format!("`{hot}` is not an SS58 address"))?;
	let call = calls().proxy().remove_proxy(hot.clone().into(), ProxyType::ProverOperations, 0);
	chain.execute(&call, signer).await?;
	println!("{} may no longer act for {}", address(&hot), address(&Chain::account_of(signer)));
	Ok(())
}

/// Lists the proxies of `who`.
pub async fn list(chain: &Chain, who: &AccountId32, json: bool) -> anyhow::Result<()> {
	let at = chain.best().await?;
	#[derive(Serialize)]
	struct Listed {
		delegate: String,
		kind: String,
		delay: u32,
	}
	let listed: Vec<Listed> = chain
		.proxies(&at, who)
		.await?
		.into_iter()
		.map(|p| Listed {
			delegate: address(&p.delegate),
			kind: format!("{:?}", p.kind),
			delay: p.delay,
		})
		.collect();
	print(json, &listed, |listed| {
		if listed.is_empty() {
			format!("{} has no proxies", address(who))
		} else {
			listed
				.iter()
				.map(|p| format!("{} {} (delay {})", p.delegate, p.kind, p.delay))
				.collect::<Vec<_>>()
				.join("\n")
		}
	});
	Ok(())
}
