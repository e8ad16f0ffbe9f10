//! Scenario files: the population of a simulated market, in TOML.
//!
//! Prices are in PROVA (fractions allowed), durations in blocks of 3 s unless
//! a field says seconds. Every field is documented where it is declared;
//! `sim/scenarios/baseline.toml` uses each of them.

use serde::Deserialize;
use std::path::Path;

/// A whole scenario.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
	/// Short name, used in file names.
	pub name: String,
	/// One paragraph on what the scenario tests.
	pub description: String,
	/// Blocks simulated after the setup (overridden by `--blocks`).
	pub blocks: u64,
	/// Circuits requesters ask for.
	pub circuits: Vec<CircuitClass>,
	/// Machines provers run.
	pub hardware: Vec<HardwareProfile>,
	/// Groups of honest (or strategic) provers.
	pub provers: Vec<ProverGroup>,
	/// Groups of requesters.
	pub requesters: Vec<RequesterGroup>,
	/// Token holders delegating to provers.
	#[serde(default)]
	pub delegators: Option<Delegators>,
	/// Attacks in this scenario.
	#[serde(default)]
	pub adversaries: Adversaries,
}

/// A circuit size requesters ask for.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircuitClass {
	/// Name used by requester groups.
	pub name: String,
	/// `log2` of its rows (12..=20); work units are `2^(d-12)`.
	pub degree_bits: u32,
}

/// A class of proving machine.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HardwareProfile {
	/// Name used by prover groups and in the report.
	pub name: String,
	/// Proving seconds per work unit (a 2^12-row proof).
	pub seconds_per_unit: f64,
	/// What a proving second costs the operator (power, hardware
	/// depreciation), in PROVA.
	pub cost_per_second: f64,
	/// CPU cores it declares.
	pub cpu_cores: u32,
	/// Memory it declares, GiB.
	pub memory_gib: u32,
	/// Whether it declares a GPU (datacenter class).
	#[serde(default)]
	pub gpu: bool,
}

/// How a prover prices and bids.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
	/// Asks and bids its cost plus its margin, locks whatever pays that.
	Truthful,
	/// Bids `shade` above its ask in auctions and waits for that much more in
	/// Dutch auctions, hoping to be paid more.
	BidShading,
	/// Bids the least possible price to win every auction and undercuts the
	/// best standing ask, whatever its cost.
	AlwaysLowest,
	/// Reads the other provers' public asks and bids or locks just below the
	/// next cheapest competitor, never below its own ask.
	Sniper,
}

/// A group of identical provers.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProverGroup {
	/// Group name (prover `i` of group `g` is called `g-i`).
	pub name: String,
	/// How many.
	pub count: u32,
	/// Hardware profile name.
	pub hardware: String,
	/// Self-bond, PROVA (at least 1,000).
	pub stake: f64,
	/// Capacity in work units held at once.
	pub capacity: u32,
	/// Margin over cost in its ask (0.2 = asks 20 % above cost).
	pub margin: f64,
	/// How it bids.
	#[serde(default = "truthful")]
	pub strategy: Strategy,
	/// Extra asked by `bid-shading` and the cartel (0.5 = 50 %).
	#[serde(default)]
	pub shade: f64,
	/// Commission kept before delegators share, 0..=0.5.
	#[serde(default = "default_commission")]
	pub commission: f64,
	/// Probability that a job it takes is never finished (the machine dies,
	/// the operator vanishes): a missed deadline.
	#[serde(default)]
	pub vanish_probability: f64,
	/// Probability per block of going offline (no answers, jobs in hand
	/// lost).
	#[serde(default)]
	pub offline_rate: f64,
	/// Blocks an outage lasts.
	#[serde(default = "default_offline_blocks")]
	pub offline_blocks: u64,
	/// Whether it keeps standing asks on the order book.
	#[serde(default = "yes")]
	pub posts_asks: bool,
}

/// Preferences of a requester, as `submit_request_with_qos` takes them.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QosWeights {
	/// Weight of speed, 0..=10.
	pub speed: u8,
	/// Weight of a low price.
	pub cost: u8,
	/// Weight of getting the proof despite failures.
	pub safety: u8,
	/// Weight of not depending on few provers.
	pub censorship_resistance: u8,
}

/// When a requester's requests arrive.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Arrival {
	/// Poisson arrivals at `per_block` requests per block.
	Poisson {
		/// Mean requests per block.
		per_block: f64,
	},
	/// Poisson at a rate following a day's sine: `per_block × (1 + amplitude ×
	/// sin(2π t / period))`.
	Daily {
		/// Mean requests per block.
		per_block: f64,
		/// Relative swing, 0..=1.
		amplitude: f64,
		/// Blocks per cycle (a day is 28,800).
		period: u64,
	},
	/// Poisson at `per_block` from block `from` to block `to` (relative to
	/// the run's start), none outside: a demand spike.
	Window {
		/// Mean requests per block inside the window.
		per_block: f64,
		/// First block.
		from: u64,
		/// Block after the last.
		to: u64,
	},
	/// `size` requests at once every `every` blocks, starting at `offset`.
	Bursts {
		/// Requests per burst.
		size: u32,
		/// Blocks between bursts.
		every: u64,
		/// First burst's block.
		#[serde(default)]
		offset: u64,
	},
}

/// A group of requesters with one profile.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequesterGroup {
	/// Profile name (the report's rows).
	pub profile: String,
	/// Accounts sharing the arrivals (each holds at most 64 open requests).
	pub accounts: u32,
	/// Preferences: the router's input and the QoS loss's weights.
	pub qos: QosWeights,
	/// Arrivals of the whole group.
	pub arrival: Arrival,
	/// Circuit names and their shares of this group's requests.
	pub circuits: Vec<(String, f64)>,
	/// Deadline of each request, blocks.
	pub deadline_blocks: u64,
	/// The most it pays per work unit (its value for a proof), PROVA.
	pub max_fee_per_unit: f64,
	/// Least reputation (0..=1) and stake (PROVA) asked of provers.
	#[serde(default)]
	pub min_stake: f64,
}

/// Token holders that back provers.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegators {
	/// How many.
	pub count: u32,
	/// Each one's stake, PROVA.
	pub stake: f64,
	/// Blocks between reconsidering: a delegator moves to the prover with the
	/// best `reputation × (1 − commission)` if it beats its own by 10 %.
	pub rebalance_blocks: u64,
}

/// Attacks present in a scenario.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adversaries {
	/// One operator splitting one stake into many identities.
	pub sybil: Option<Sybil>,
	/// A prover and a requester owned by one party.
	pub self_dealing: Option<SelfDealing>,
	/// A requester flooding the market.
	pub spammer: Option<Spammer>,
	/// A validator that grinds the election seed on its blocks.
	pub grinding_validator: Option<Grinder>,
	/// Provers bidding together.
	pub cartel: Option<Cartel>,
	/// A large prover going offline.
	pub outage: Option<Outage>,
}

/// A Sybil operator.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sybil {
	/// Identities it registers.
	pub identities: u32,
	/// Its whole stake, PROVA, split evenly.
	pub stake: f64,
	/// Hardware profile of its one machine.
	pub hardware: String,
	/// Its whole capacity, split evenly.
	pub capacity: u32,
	/// Margin over cost.
	pub margin: f64,
}

/// A self-dealing prover-requester pair: the requester sends requests only
/// its own prover qualifies for (by a stake requirement), at a high fee, to
/// farm reputation and to skew the router's measured prices.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfDealing {
	/// Requests per block.
	pub per_block: f64,
	/// Fee per work unit it pays itself, PROVA.
	pub fee_per_unit: f64,
	/// Its prover's stake, PROVA (above every honest prover's).
	pub stake: f64,
	/// Hardware of its prover.
	pub hardware: String,
	/// Mechanism name it uses (`book` or `election`).
	pub mechanism: String,
}

/// A spamming requester: keeps every account at the open-request cap
/// (64) with the cheapest requests the chain accepts.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spammer {
	/// Accounts it uses.
	pub accounts: u32,
	/// If set, it also registers a prover with this stake (PROVA, above
	/// every other prover's) that never answers, and asks for that stake: its
	/// requests are offered only to its own silent prover and wait out the
	/// queue instead of being proved.
	#[serde(default)]
	pub own_prover_stake: Option<f64>,
}

/// A validator-prover that, on the blocks it authors, tries both its block
/// and withholding it and keeps whichever elects its prover more often.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grinder {
	/// Share of blocks it authors.
	pub block_share: f64,
	/// The prover group whose first prover is the validator's.
	pub prover_group: String,
}

/// Provers that agree to bid at least a common price.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cartel {
	/// The prover groups in the cartel.
	pub groups: Vec<String>,
	/// The cartel's price per unit as a multiple of the members' own asks.
	pub markup: f64,
}

/// The largest prover of a group goes offline.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outage {
	/// The prover group whose provers all go down.
	pub group: String,
	/// Block it starts.
	pub from_block: u64,
	/// Blocks it lasts.
	pub blocks: u64,
}

/// Merges `over` into `base`: tables key by key, anything else replaced.
fn merge(base: &mut toml::Value, over: toml::Value) {
	match (base, over) {
		(toml::Value::Table(base), toml::Value::Table(over)) => {
			for (key, value) in over {
				match base.get_mut(&key) {
					Some(existing) => merge(existing, value),
					None => {
						base.insert(key, value);
					}
				}
			}
		}
		(base, over) => *base = over,
	}
}

fn truthful() -> Strategy {
	Strategy::Truthful
}
fn default_commission() -> f64 {
	0.1
}
fn default_offline_blocks() -> u64 {
	200
}
fn yes() -> bool {
	true
}

impl Scenario {
	/// Reads and checks a scenario file. A file may start from another with
	/// `extends = "other.toml"` (relative to it): its tables are merged key
	/// by key into the other's, and any other value, arrays included,
	/// replaces the other's.
	pub fn load(path: &Path) -> anyhow::Result<Scenario> {
		let value = Self::load_value(path, 0)?;
		let scenario: Scenario = value
			.try_into()
			.map_err(|e| anyhow::anyhow!("scenario {} is malformed: {e}", path.display()))?;
		scenario.check()?;
		Ok(scenario)
	}

	fn load_value(path: &Path, depth: u32) -> anyhow::Result<toml::Value> {
		anyhow::ensure!(depth < 8, "scenario {}: `extends` nests too deep", path.display());
		let text = std::fs::read_to_string(path)
			.map_err(|e| anyhow::anyhow!("cannot read scenario {}: {e}", path.display()))?;
		let mut value: toml::Value = toml::from_str(&text)
			.map_err(|e| anyhow::anyhow!("scenario {} is malformed: {e}", path.display()))?;
		let Some(table) = value.as_table_mut() else {
			anyhow::bail!("scenario {} is not a table", path.display())
		};
		let Some(base) = table.remove("extends") else { return Ok(value) };
		let base = base.as_str().ok_or_else(|| {
			anyhow::anyhow!("scenario {}: `extends` is a file name", path.display())
		})?;
		let base_path = path.parent().unwrap_or(Path::new(".")).join(base);
		let mut merged = Self::load_value(&base_path, depth + 1)?;
		merge(&mut merged, value);
		Ok(merged)
	}

	/// Refuses references to unknown names and values out of range.
	pub fn check(&self) -> anyhow::Result<()> {
		use anyhow::ensure;
		let hardware = |name: &str| self.hardware.iter().any(|h| h.name == name);
		let circuit = |name: &str| self.circuits.iter().any(|c| c.name == name);
		let group = |name: &str| self.provers.iter().any(|g| g.name == name);
		let probability = |p: f64| (0.0..=1.0).contains(&p);
		ensure!(!self.hardware.is_empty(), "at least one hardware profile");
		ensure!(
			(1..=8).contains(&self.circuits.len()),
			"1 to 8 circuits (a prover declares one service per circuit)"
		);
		for (i, c) in self.circuits.iter().enumerate() {
			ensure!((12..=20).contains(&c.degree_bits), "circuit {}: degree 12..=20", c.name);
			ensure!(
				self.circuits[..i].iter().all(|other| other.degree_bits != c.degree_bits),
				"circuit {}: another circuit has degree {}",
				c.name,
				c.degree_bits
			);
		}
		for h in &self.hardware {
			ensure!(
				h.seconds_per_unit.is_finite() && h.seconds_per_unit > 0.0,
				"hardware {}: seconds per unit",
				h.name
			);
			ensure!(
				h.cost_per_second.is_finite() && h.cost_per_second >= 0.0,
				"hardware {}: cost per second",
				h.name
			);
		}
		let provers: u32 = self.provers.iter().map(|g| g.count).sum::<u32>()
			+ self.adversaries.sybil.as_ref().map_or(0, |s| s.identities)
			+ u32::from(self.adversaries.self_dealing.is_some())
			+ u32::from(
				self.adversaries.spammer.as_ref().is_some_and(|s| s.own_prover_stake.is_some()),
			);
		ensure!((1..=256).contains(&provers), "1 to 256 provers in all (the registry's bound)");
		for g in &self.provers {
			ensure!(
				probability(g.vanish_probability) && probability(g.offline_rate),
				"prover group {}: probabilities in 0..=1",
				g.name
			);
			ensure!(g.margin.is_finite() && g.margin >= 0.0, "prover group {}: margin", g.name);
			ensure!(g.shade.is_finite() && g.shade >= 0.0, "prover group {}: shade", g.name);
		}
		let mut accounts = 0u64;
		for (i, r) in self.requesters.iter().enumerate() {
			ensure!(
				self.requesters[..i].iter().all(|other| other.profile != r.profile),
				"requesters {}: profile named twice",
				r.profile
			);
			accounts += u64::from(r.accounts);
			let rate = match r.arrival {
				Arrival::Poisson { per_block } | Arrival::Daily { per_block, .. } => per_block,
				Arrival::Window { per_block, .. } => per_block,
				Arrival::Bursts { size, .. } => f64::from(size.min(1_000)),
			};
			ensure!(
				rate.is_finite() && (0.0..=100.0).contains(&rate),
				"requesters {}: 0 to 100 requests per block",
				r.profile
			);
			if let Arrival::Daily { amplitude, .. } = r.arrival {
				ensure!(probability(amplitude), "requesters {}: amplitude in 0..=1", r.profile);
			}
		}
		ensure!(accounts < 100_000, "fewer than 100,000 requester accounts");
		if let Some(d) = &self.delegators {
			ensure!(d.count < 100_000, "fewer than 100,000 delegators");
			ensure!(d.stake >= 10.0, "delegators: at least the 10 PROVA minimum delegation");
		}
		for g in &self.provers {
			ensure!(
				hardware(&g.hardware),
				"prover group {}: unknown hardware {}",
				g.name,
				g.hardware
			);
			ensure!(
				g.stake >= 1_000.0,
				"prover group {}: stake below the 1,000 PROVA bond",
				g.name
			);
			ensure!((0.0..=0.5).contains(&g.commission), "prover group {}: commission", g.name);
			ensure!(g.capacity >= 1 && g.capacity <= 1024, "prover group {}: capacity", g.name);
		}
		for r in &self.requesters {
			ensure!(r.accounts >= 1, "requesters {}: at least one account", r.profile);
			ensure!(!r.circuits.is_empty(), "requesters {}: no circuits", r.profile);
			for (name, _) in &r.circuits {
				ensure!(circuit(name), "requesters {}: unknown circuit {name}", r.profile);
			}
			ensure!(
				(10..=28_800).contains(&r.deadline_blocks),
				"requesters {}: deadline 10..=28800 blocks",
				r.profile
			);
		}
		if let Some(s) = &self.adversaries.sybil {
			ensure!(hardware(&s.hardware), "sybil: unknown hardware {}", s.hardware);
			ensure!(s.identities >= 1, "sybil: at least one identity");
			ensure!(
				s.stake / s.identities as f64 >= 1_000.0,
				"sybil: each identity needs 1,000 PROVA"
			);
		}
		if let Some(s) = &self.adversaries.self_dealing {
			ensure!(hardware(&s.hardware), "self-dealing: unknown hardware {}", s.hardware);
			ensure!(s.stake >= 1_000.0, "self-dealing: the prover's stake is at least 1,000 PROVA");
			ensure!(
				s.per_block.is_finite() && (0.0..=100.0).contains(&s.per_block),
				"self-dealing: rate"
			);
			ensure!(
				matches!(s.mechanism.as_str(), "book" | "election"),
				"self-dealing: mechanism book or election"
			);
		}
		if let Some(spam) = &self.adversaries.spammer {
			ensure!(spam.accounts <= 1_000, "spammer: at most 1,000 accounts");
			ensure!(
				spam.own_prover_stake.is_none_or(|stake| stake >= 1_000.0),
				"spammer: its prover's stake is at least 1,000 PROVA"
			);
		}
		if let Some(g) = &self.adversaries.grinding_validator {
			ensure!(group(&g.prover_group), "grinder: unknown group {}", g.prover_group);
			ensure!((0.0..=1.0).contains(&g.block_share), "grinder: block share 0..=1");
		}
		if let Some(c) = &self.adversaries.cartel {
			for name in &c.groups {
				ensure!(group(name), "cartel: unknown group {name}");
			}
		}
		if let Some(o) = &self.adversaries.outage {
			ensure!(group(&o.group), "outage: unknown group {}", o.group);
		}
		Ok(())
	}
}
