//! The subcommands, and what they share: amounts in PROVA, output as text or
//! JSON, and turning chain failures into messages a user can act on.

pub mod bench;
pub mod bench_gpu;
pub mod circuits;
pub mod devices;
pub mod keys;
pub mod load;
pub mod operator;
pub mod request;
pub mod run;

use crate::{
	chain::Chain,
	cli::Global,
	key::{self, Signer},
};
use anyhow::{bail, Context};
use prova_primitives::{token, Balance};
use serde::Serialize;

/// Parses an amount of PROVA with up to 12 decimals (`1`, `0.25`, `1_000`).
pub fn parse_amount(text: &str) -> anyhow::Result<Balance> {
	let clean: String = text.trim().chars().filter(|c| *c != '_').collect();
	let (whole, fraction) = clean.split_once('.').unwrap_or((&clean, ""));
	let decimals = token::DECIMALS as usize;
	let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
	if !digits(whole) || !(fraction.is_empty() || digits(fraction)) || fraction.len() > decimals {
		bail!("bad amount `{text}`: expected PROVA with at most {decimals} decimals, e.g. 1.5");
	}
	let whole: Balance = whole.parse().with_context(|| format!("amount `{text}` is too large"))?;
	let fraction: Balance = format!("{fraction:0<decimals$}").parse().expect("digits only");
	whole
		.checked_mul(token::UNIT)
		.and_then(|planck| planck.checked_add(fraction))
		.with_context(|| format!("amount `{text}` is too large"))
}

/// Formats an amount as PROVA, without trailing zeros (`1.5 PROVA`).
pub fn format_amount(amount: Balance) -> String {
	let whole = amount / token::UNIT;
	let fraction = amount % token::UNIT;
	if fraction == 0 {
		return format!("{whole} {}", token::SYMBOL);
	}
	let fraction = format!("{fraction:0width$}", width = token::DECIMALS as usize);
	format!("{whole}.{} {}", fraction.trim_end_matches('0'), token::SYMBOL)
}

/// Parses a percentage (`10`, `2.5`) into parts per billion.
pub fn parse_percent(text: &str) -> anyhow::Result<u32> {
	let value: f64 = text
		.trim()
		.trim_end_matches('%')
		.parse()
		.with_context(|| format!("bad percentage `{text}`"))?;
	if !(0.0..=100.0).contains(&value) {
		bail!("percentage `{text}` is not between 0 and 100");
	}
	Ok((value * 10_000_000.0).round() as u32)
}

/// Prints `value` as JSON, or as the text `render` makes of it.
pub fn print<T: Serialize>(json: bool, value: &T, render: impl FnOnce(&T) -> String) {
	if json {
		println!("{}", serde_json::to_string_pretty(value).expect("plain data serializes"));
	} else {
		println!("{}", render(value));
	}
}

/// Connects to the node the options name.
pub async fn connect(global: &Global, file_url: Option<&str>) -> anyhow::Result<Chain> {
	let url = global.url.as_deref().or(file_url).unwrap_or(crate::cli::DEFAULT_URL);
	Ok(Chain::connect(url).await?)
}

/// Loads the signing key the options name.
pub fn signer(global: &Global, file: &crate::cli::FileConfig) -> anyhow::Result<Signer> {
	let uri = global.key.as_deref().or(file.key.as_deref());
	let path = global.key_file.as_deref().or(file.key_file.as_deref());
	Ok(key::load(uri, path)?)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_parse_and_format() {
		assert_eq!(parse_amount("1").unwrap(), token::UNIT);
		assert_eq!(parse_amount("0.5").unwrap(), token::UNIT / 2);
		assert_eq!(parse_amount("1_000.000000000001").unwrap(), 1000 * token::UNIT + 1);
		for bad in ["", "-1", "1.2.3", "0.0000000000001", "abc", ".5", "1e3"] {
			assert!(parse_amount(bad).is_err(), "{bad}");
		}
		assert!(parse_amount("999999999999999999999999999999").is_err());
		assert_eq!(format_amount(token::UNIT * 3 / 2), "1.5 PROVA");
		assert_eq!(format_amount(7 * token::UNIT), "7 PROVA");
		assert_eq!(format_amount(1), "0.000000000001 PROVA");
	}

	#[test]
	fn percentages_become_parts_per_billion() {
		assert_eq!(parse_percent("10").unwrap(), 100_000_000);
		assert_eq!(parse_percent("2.5%").unwrap(), 25_000_000);
		assert!(parse_percent("101").is_err());
		assert!(parse_percent("ten").is_err());
	}
}
