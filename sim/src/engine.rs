//! The block loop: hooks, agents, events.
//!
//! Each block: the parent hash is set (a grinding validator may pick
//! another), the market's `on_initialize` runs (elections, auctions settling,
//! deadlines, expiries), then requesters and provers act in a random order
//! through dispatched calls, and every event of the block is read into the
//! records and the agents' state. Nothing is settled by the simulator: who
//! is paid what is whatever the pallets did.

use crate::{
	agents::{planks, HeldJob, Machine, ProverAgent, RequesterAgent, Role},
	records::{Outcome, ProfileRecord, ProverRecord, RequestRecord, RunRecord},
	runtime::{
		circuit_id, genesis, transaction_fee, AccountId, Balance, BlockNumber, Market, Provers,
		RuntimeCall, RuntimeEvent, RuntimeOrigin, Sim, SimVerifier, System, DAYS, HOURS,
		VALID_PROOF,
	},
	scenario::{Arrival, Scenario, Strategy},
};
use codec::Encode;
use frame_support::{
	dispatch::{GetDispatchInfo, Pays},
	storage::{with_transaction, TransactionOutcome},
	traits::{fungible::Inspect, Hooks},
	BoundedVec,
};
use pallet_proof_market::{
	Event as MarketEvent, Fallback, Mechanism, MechanismKind, Qos, RequestStatus, Requests, Terms,
};
use prova_primitives::{
	market::{GpuClass, HardwareClass, RequestRequirements, ServiceScope},
	proofs::ProofVerifier,
};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sp_runtime::{traits::Dispatchable, DispatchError, Perbill};
use std::collections::{BTreeMap, HashMap};

/// How every honest request of a run is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
	/// One mechanism for everyone, with the parameters the router would give it.
	Fixed(MechanismKind),
	/// `submit_request_with_qos` with each profile's preferences.
	Router,
}

impl Choice {
	/// Every single mechanism, then the router.
	pub const ALL: [Choice; 6] = [
		Choice::Fixed(MechanismKind::Election),
		Choice::Fixed(MechanismKind::SealedBid),
		Choice::Fixed(MechanismKind::Dutch),
		Choice::Fixed(MechanismKind::Book),
		Choice::Fixed(MechanismKind::Race),
		Choice::Router,
	];

	/// Its name on the command line and in the report.
	pub fn name(&self) -> &'static str {
		match self {
			Choice::Fixed(kind) => kind_name(*kind),
			Choice::Router => "router",
		}
	}

	/// Parses a name.
	pub fn parse(name: &str) -> Option<Choice> {
		Choice::ALL.into_iter().find(|c| c.name() == name)
	}
}

/// A mechanism's name.
pub fn kind_name(kind: MechanismKind) -> &'static str {
	match kind {
		MechanismKind::Election => "election",
		MechanismKind::SealedBid => "sealed-bid",
		MechanismKind::Dutch => "dutch",
		MechanismKind::Book => "book",
		MechanismKind::Race => "race",
	}
}

/// Accounts: provers from 1,000, requesters from 100,000, delegators from
/// 200,000, adversaries' requesters from 300,000.
const PROVER_BASE: AccountId = 1_000;
const REQUESTER_BASE: AccountId = 100_000;
const DELEGATOR_BASE: AccountId = 200_000;
const ADVERSARY_BASE: AccountId = 300_000;
/// Free balance of a prover besides its bond: room for collateral.
const PROVER_FLOAT: f64 = 5_000.0;
/// Balance of a requester account.
const REQUESTER_FUNDS: f64 = 1_000_000.0;
/// Lifetime of a standing ask, renewed while the prover runs: a prover that
/// crashes cannot cancel its asks, and every match while it is down is a
/// missed deadline, so asks are short-lived (a post costs ~0.001 PROVA).
const ASK_LIFETIME: BlockNumber = 40;
/// Blocks between commits of the test externalities' overlay.
const COMMIT_EVERY: BlockNumber = 200;
/// Blocks of slack a prover keeps between its proof and the deadline.
const SLACK: BlockNumber = 1;

/// A run in progress.
pub struct Engine {
	scenario: Scenario,
	choice: Choice,
	rng: ChaCha8Rng,
	seed: u64,
	provers: Vec<ProverAgent>,
	by_account: HashMap<AccountId, usize>,
	machines: Vec<Machine>,
	requesters: Vec<RequesterAgent>,
	/// Requests by id (open and ended).
	requests: BTreeMap<u64, RequestRecord>,
	/// Refused submissions.
	refused: Vec<RequestRecord>,
	/// Input element of each open request.
	inputs: HashMap<u64, u64>,
	/// Open requests in an auction, Dutch auction or race.
	watched: Vec<u64>,
	fees: HashMap<AccountId, Balance>,
	start: BlockNumber,
	counter: u64,
	delegators: Vec<AccountId>,
	grinder: Option<(AccountId, f64)>,
	outage: Option<(Vec<usize>, BlockNumber, BlockNumber)>,
	spammers: Vec<AccountId>,
	self_dealer: Option<(AccountId, usize, f64, Balance, MechanismKind)>,
	grinds: (u64, u64),
	/// Whether provers keep standing asks (only where requests use the book).
	asks_wanted: bool,
	/// The block being built.
	now: BlockNumber,
	/// Each delegator's prover.
	backing: HashMap<AccountId, AccountId>,
	/// Last clearing price per unit of sealed-bid auctions, by work units
	/// (public in `AuctionSettled`): provers whose price is far above it stop
	/// paying bid fees for auctions they cannot win.
	clearing: HashMap<u64, Balance>,
	/// Mean bids per sealed-bid auction so far (public in `AuctionSettled`).
	bids_per_auction: f64,
	/// Transaction fees of one sealed bid (commit and reveal).
	bid_fees: Balance,
}

/// What a prover did about one watched request.
enum Acted {
	Nothing,
	/// Committed a bid or joined a race: one more participant.
	Bid,
	/// Locked a Dutch auction: nobody else tries this block.
	Took,
}

/// A request's status as agents read it from storage this block.
struct Watched {
	id: u64,
	status: RequestStatus<Sim>,
	units: u64,
	deadline_blocks: BlockNumber,
	mechanism: Mechanism<BlockNumber, Balance>,
	price_now: Balance,
	next_price: Balance,
	max_fee: Balance,
	excluded: Vec<AccountId>,
}

impl Engine {
	/// Sets up a chain with the scenario's population.
	pub fn new(scenario: Scenario, choice: Choice, seed: u64) -> Engine {
		let mut engine = Engine {
			scenario,
			choice,
			rng: ChaCha8Rng::seed_from_u64(seed),
			seed,
			provers: Vec::new(),
			by_account: HashMap::new(),
			machines: Vec::new(),
			requesters: Vec::new(),
			requests: BTreeMap::new(),
			refused: Vec::new(),
			inputs: HashMap::new(),
			watched: Vec::new(),
			fees: HashMap::new(),
			start: 0,
			counter: 0,
			delegators: Vec::new(),
			grinder: None,
			outage: None,
			spammers: Vec::new(),
			self_dealer: None,
			grinds: (0, 0),
			asks_wanted: matches!(choice, Choice::Fixed(MechanismKind::Book) | Choice::Router),
			now: 0,
			backing: HashMap::new(),
			clearing: HashMap::new(),
			bids_per_auction: 1.0,
			bid_fees: 0,
		};
		engine.populate();
		engine
	}

	fn add_prover(
		&mut self,
		name: String,
		group: &str,
		hardware: &str,
		stake: f64,
		capacity: u32,
		margin: f64,
		role: Role,
		machine: usize,
	) -> usize {
		let profile = self
			.scenario
			.hardware
			.iter()
			.find(|h| h.name == hardware)
			.expect("checked by Scenario::check")
			.clone();
		let group_spec = self.scenario.provers.iter().find(|g| g.name == group).cloned();
		let cost_per_second = planks(profile.cost_per_second) as f64;
		// Until delegations are known it prices as if it kept everything.
		let ask = (profile.seconds_per_unit * cost_per_second * (1.0 + margin)).max(1.0) as Balance;
		let account = PROVER_BASE + self.provers.len() as AccountId;
		let agent = ProverAgent {
			account,
			name,
			group: group.to_string(),
			hardware: hardware.to_string(),
			role,
			machine,
			seconds_per_unit: profile.seconds_per_unit,
			cost_per_second,
			ask,
			margin,
			keep: 1.0,
			job_fee: 0,
			strategy: group_spec.as_ref().map_or(Strategy::Truthful, |g| g.strategy),
			shade: group_spec.as_ref().map_or(0.0, |g| g.shade),
			capacity,
			stake: planks(stake),
			vanish_probability: group_spec.as_ref().map_or(0.0, |g| g.vanish_probability),
			offline_rate: group_spec.as_ref().map_or(0.0, |g| g.offline_rate),
			offline_blocks: group_spec.as_ref().map_or(0, |g| g.offline_blocks),
			offline_until: 0,
			posts_asks: group_spec.as_ref().is_none_or(|g| g.posts_asks),
			standing_ask: None,
			jobs: Vec::new(),
			offers: Vec::new(),
			bids: Vec::new(),
			proving_seconds: 0.0,
			units_delivered: 0,
			jobs_paid: 0,
			jobs_failed: 0,
			revenue: 0,
			start_balance: 0,
		};
		self.by_account.insert(account, self.provers.len());
		self.provers.push(agent);
		self.provers.len() - 1
	}

	fn new_machine(&mut self) -> usize {
		self.machines.push(Machine::default());
		self.machines.len() - 1
	}

	/// Builds the agents from the scenario (no chain calls yet).
	fn populate(&mut self) {
		let scenario = self.scenario.clone();
		for group in &scenario.provers {
			for i in 0..group.count {
				let machine = self.new_machine();
				self.add_prover(
					format!("{}-{i}", group.name),
					&group.name,
					&group.hardware,
					group.stake,
					group.capacity,
					group.margin,
					Role::Honest,
					machine,
				);
			}
		}
		let adversaries = &scenario.adversaries;
		if let Some(sybil) = &adversaries.sybil {
			let machine = self.new_machine();
			for i in 0..sybil.identities {
				self.add_prover(
					format!("sybil-{i}"),
					"sybil",
					&sybil.hardware,
					sybil.stake / sybil.identities as f64,
					(sybil.capacity / sybil.identities).max(1),
					sybil.margin,
					Role::Sybil,
					machine,
				);
			}
		}
		if let Some(pair) = &adversaries.self_dealing {
			let machine = self.new_machine();
			let prover = self.add_prover(
				"self-dealer".into(),
				"self-dealer",
				&pair.hardware,
				pair.stake,
				64,
				0.2,
				Role::SelfDealer,
				machine,
			);
			let kind = if pair.mechanism == "book" {
				MechanismKind::Book
			} else {
				MechanismKind::Election
			};
			self.self_dealer =
				Some((ADVERSARY_BASE, prover, pair.per_block, planks(pair.fee_per_unit), kind));
		}
		if let Some(cartel) = &adversaries.cartel {
			for agent in &mut self.provers {
				if cartel.groups.contains(&agent.group) {
					agent.role = Role::Cartel;
					agent.shade = cartel.markup - 1.0;
				}
			}
		}
		if let Some(grinder) = &adversaries.grinding_validator {
			if let Some(agent) = self.provers.iter_mut().find(|p| p.group == grinder.prover_group) {
				agent.role = Role::Grinder;
				self.grinder = Some((agent.account, grinder.block_share));
			}
		}
		if let Some(outage) = &adversaries.outage {
			let members: Vec<usize> = (0..self.provers.len())
				.filter(|i| self.provers[*i].group == outage.group)
				.collect();
			self.outage = Some((members, outage.from_block, outage.blocks));
		}
		let mut next = REQUESTER_BASE;
		for group in &scenario.requesters {
			let mut cumulative = 0.0;
			let circuits = group
				.circuits
				.iter()
				.map(|(name, share)| {
					cumulative += share;
					let degree = scenario
						.circuits
						.iter()
						.find(|c| &c.name == name)
						.expect("checked")
						.degree_bits;
					(degree, cumulative)
				})
				.collect();
			let accounts = (0..group.accounts).map(|i| next + i as AccountId).collect();
			next += group.accounts as AccountId;
			self.requesters.push(RequesterAgent {
				profile: group.profile.clone(),
				qos: group.qos,
				accounts,
				next: 0,
				circuits,
				deadline_blocks: group.deadline_blocks,
				max_fee_per_unit: planks(group.max_fee_per_unit),
				min_stake: planks(group.min_stake),
				adversarial: false,
			});
		}
		if let Some(spam) = &adversaries.spammer {
			let mut min_stake = 0;
			if let Some(stake) = spam.own_prover_stake {
				let machine = self.new_machine();
				let hardware = scenario.hardware[0].name.clone();
				let i = self.add_prover(
					"spam-prover".into(),
					"spam-prover",
					&hardware,
					stake,
					1024,
					0.0,
					Role::Spammer,
					machine,
				);
				self.provers[i].offline_until = BlockNumber::MAX;
				min_stake = planks(stake);
			}
			let accounts: Vec<AccountId> =
				(0..spam.accounts).map(|i| ADVERSARY_BASE + 1_000 + i as AccountId).collect();
			self.spammers = accounts.clone();
			let smallest = scenario.circuits.iter().map(|c| c.degree_bits).min().unwrap_or(12);
			self.requesters.push(RequesterAgent {
				profile: "spammer".into(),
				qos: crate::scenario::QosWeights {
					speed: 0,
					cost: 10,
					safety: 0,
					censorship_resistance: 0,
				},
				accounts,
				next: 0,
				circuits: vec![(smallest, 1.0)],
				deadline_blocks: DAYS,
				// Zero: the cheapest fee the chain takes, read from its quote.
				max_fee_per_unit: 0,
				min_stake,
				adversarial: true,
			});
		}
		if let Some(delegators) = &scenario.delegators {
			self.delegators =
				(0..delegators.count).map(|i| DELEGATOR_BASE + i as AccountId).collect();
		}
	}

	fn endowments(&self) -> Vec<(AccountId, Balance)> {
		let mut endowed: Vec<(AccountId, Balance)> =
			self.provers.iter().map(|p| (p.account, p.stake + planks(PROVER_FLOAT))).collect();
		for group in &self.requesters {
			endowed.extend(group.accounts.iter().map(|a| (*a, planks(REQUESTER_FUNDS))));
		}
		if let Some(d) = &self.scenario.delegators {
			endowed.extend(self.delegators.iter().map(|a| (*a, planks(2.0 * d.stake + 10.0))));
		}
		if self.self_dealer.is_some() {
			endowed.push((ADVERSARY_BASE, planks(REQUESTER_FUNDS)));
		}
		endowed
	}

	/// Runs the setup and `blocks` blocks, calling `progress(block)` every
	/// thousand blocks; returns the records.
	pub fn run(
		mut self,
		blocks: BlockNumber,
		mut progress: impl FnMut(BlockNumber, usize),
	) -> RunRecord {
		let started = std::time::Instant::now();
		let mut ext = genesis(&self.endowments());
		let issuance = ext.execute_with(|| {
			let issuance = crate::runtime::Balances::total_issuance();
			self.setup();
			issuance
		});
		let mut broken = None;
		let end = self.start + blocks;
		let mut from = self.start;
		while from < end {
			let to = (from + COMMIT_EVERY).min(end);
			ext.execute_with(|| {
				for now in from..to {
					self.block(now);
					if (now - self.start) % 1_000 == 999 {
						progress(now - self.start + 1, self.requests.len() + self.refused.len());
						broken = broken.take().or_else(|| invariants_broken(now));
					}
				}
			});
			// The overlay keeps every key ever removed; iterating a prefix
			// walks them all. Committing it to the backend keeps each block's
			// cost flat over long runs.
			ext.commit_all().expect("the in-memory backend takes the overlay");
			from = to;
		}
		let record = ext.execute_with(|| {
			let mut record = self.finish(blocks);
			record.invariants_broken = broken.or_else(|| invariants_broken(end));
			record.issuance_change =
				crate::runtime::Balances::total_issuance() as i128 - issuance as i128;
			record
		});
		RunRecord { wall_seconds: started.elapsed().as_secs_f64(), ..record }
	}

	/// Dispatches `call` from `who` as a signed extrinsic, and charges its
	/// fee (as Prova's runtime would, from the call's weight and length) to
	/// the agent's account of fees.
	fn call(&mut self, who: AccountId, call: impl Into<RuntimeCall>) -> Result<(), DispatchError> {
		let call: RuntimeCall = call.into();
		let info = call.get_dispatch_info();
		let len = call.encoded_size();
		let result = call.dispatch(RuntimeOrigin::signed(who));
		let post = match &result {
			Ok(post) => *post,
			Err(error) => error.post_info,
		};
		if post.pays_fee(&info) == Pays::Yes {
			let fee = transaction_fee(post.calc_actual_weight(&info), len);
			*self.fees.entry(who).or_default() += fee;
		}
		// Agents see what their call did before anyone acts again.
		if result.is_ok() {
			self.read_events(self.now);
		}
		result.map(|_| ()).map_err(|e| e.error)
	}

	fn setup(&mut self) {
		for degree in self.scenario.circuits.iter().map(|c| c.degree_bits).collect::<Vec<_>>() {
			let descriptor = BoundedVec::try_from(format!("sim/{degree}").into_bytes()).unwrap();
			Market::list_circuit(
				RuntimeOrigin::signed(crate::runtime::CIRCUIT_OWNER),
				circuit_id(degree),
				1,
				descriptor,
			)
			.expect("the simulated circuit lists");
		}
		let commission = |group: &str| {
			self.scenario.provers.iter().find(|g| g.name == group).map_or(0.1, |g| g.commission)
		};
		for i in 0..self.provers.len() {
			let p = &self.provers[i];
			let gpu =
				self.scenario.hardware.iter().find(|h| h.name == p.hardware).expect("checked");
			let hardware = HardwareClass {
				cpu_cores: gpu.cpu_cores.min(u16::MAX as u32) as u16,
				memory_gib: gpu.memory_gib.min(u16::MAX as u32) as u16,
				gpu: if gpu.gpu { GpuClass::Datacenter } else { GpuClass::None },
			};
			let registered = Provers::register(
				RuntimeOrigin::signed(p.account),
				hardware,
				p.capacity,
				p.ask,
				Perbill::from_float(commission(&p.group)),
				p.stake,
			);
			registered.unwrap_or_else(|e| panic!("prover {} cannot register: {e:?}", p.name));
		}
		// Delegators back provers by commission (nobody has a reputation yet).
		if let Some(spec) = self.scenario.delegators.clone() {
			for d in self.delegators.clone() {
				let target = self.pick_delegation_target(None);
				if Provers::delegate(RuntimeOrigin::signed(d), target, planks(spec.stake)).is_ok() {
					self.backing.insert(d, target);
				}
			}
		}
		let lock = RuntimeCall::from(pallet_proof_market::Call::lock_request { request: 0 });
		let job_fee = transaction_fee(lock.get_dispatch_info().total_weight(), lock.encoded_size());
		for p in &mut self.provers {
			p.job_fee = job_fee;
		}
		let commit = RuntimeCall::from(pallet_proof_market::Call::commit_bid {
			request: 0,
			commitment: [0; 32],
		});
		let reveal = RuntimeCall::from(pallet_proof_market::Call::reveal_bid {
			request: 0,
			price: 0,
			salt: [0; 32],
		});
		self.bid_fees = [commit, reveal]
			.iter()
			.map(|call| {
				transaction_fee(call.get_dispatch_info().total_weight(), call.encoded_size())
			})
			.sum();
		self.reprice(true);
		// Delegations warm up before they back anyone: start after that, as a
		// chain with a settled stake would be.
		let warmup = DAYS + HOURS + 2;
		System::set_block_number(warmup);
		self.start = warmup + 1;
		for p in &mut self.provers {
			p.start_balance = crate::runtime::Balances::total_balance(&p.account);
		}
		for d in &self.delegators {
			self.fees.insert(*d, 0);
		}
	}

	/// Each prover prices in its delegators' share (of every payment, by
	/// stake) and the lock fee, per circuit, and declares its speed: as an
	/// operator would when its delegations change. `all` re-declares even
	/// unchanged prices.
	fn reprice(&mut self, all: bool) {
		let mut delegated: HashMap<AccountId, f64> = HashMap::new();
		// Active and warming stake alike: warming stake shares every reward
		// once active, within the run.
		for (prover, _, delegation) in pallet_provers::Delegations::<Sim>::iter() {
			*delegated.entry(prover).or_default() += delegation.amount as f64;
		}
		for (prover, warming) in pallet_provers::Warming::<Sim>::iter() {
			*delegated.entry(prover).or_default() +=
				warming.iter().map(|stake| stake.amount as f64).sum::<f64>();
		}
		let degrees: Vec<u32> = self.scenario.circuits.iter().map(|c| c.degree_bits).collect();
		for p in &mut self.provers {
			let Some(record) = pallet_provers::Provers::<Sim>::get(p.account) else { continue };
			let commission = record.commission.deconstruct() as f64 / 1e9;
			let bond = record.self_bond as f64;
			let delegated = delegated.get(&p.account).copied().unwrap_or_default();
			let keep = commission + (1.0 - commission) * bond / (bond + delegated);
			if !all && (keep - p.keep).abs() < 0.02 * p.keep {
				continue;
			}
			p.keep = keep;
			p.ask = p.ask_for(1);
			let speed = (1000.0 * p.seconds_per_unit / crate::runtime::BLOCK_SECONDS).ceil() as u32;
			let services: Vec<_> = degrees
				.iter()
				.map(|d| prova_primitives::market::Service {
					scope: ServiceScope::Circuit(circuit_id(*d)),
					ask: p.reserve_price(prova_primitives::market::work_units(*d)),
					blocks_per_thousand_units: speed,
				})
				.collect();
			Provers::set_services(
				RuntimeOrigin::signed(p.account),
				BoundedVec::try_from(services).expect("at most 8 circuits"),
			)
			.expect("services are valid");
		}
	}

	/// The prover a delegator backs: one of those within 10 % of the best
	/// `reputation × (1 − commission)`, at random; it moves from its current
	/// one only for a prover 10 % better.
	fn pick_delegation_target(&mut self, current: Option<AccountId>) -> AccountId {
		let epoch = Provers::reputation_epoch();
		let mut scored: Vec<(f64, AccountId)> = pallet_provers::Provers::<Sim>::iter()
			.map(|(who, record)| {
				let score = record.reputation.score_at(epoch);
				let value = score.deconstruct() as f64 / 1e9
					* (1.0 - record.commission.deconstruct() as f64 / 1e9);
				(value, who)
			})
			.collect();
		scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
		let best = scored[0].0;
		let top = scored.iter().filter(|(value, _)| *value >= 0.9 * best).count().max(1);
		let pick = scored[self.rng.gen_range(0..top)];
		match current {
			Some(current) => {
				let own = scored.iter().find(|(_, who)| *who == current).map_or(0.0, |s| s.0);
				if pick.0 > own * 1.1 {
					pick.1
				} else {
					current
				}
			}
			None => pick.1,
		}
	}

	/// One block.
	fn block(&mut self, now: BlockNumber) {
		self.now = now;
		System::set_block_number(now);
		let honest = sp_core::H256::from(sp_io::hashing::blake2_256(&(self.seed, now).encode()));
		let parent = self.grind(now, honest);
		System::set_parent_hash(parent);
		System::reset_events();
		<Market as Hooks<BlockNumber>>::on_initialize(now);
		self.read_events(now);
		self.outages(now);
		self.requesters_act(now);
		self.provers_act(now);
		self.delegators_act(now);
	}

	/// A grinding validator authoring this block compares its block's hash
	/// with the one the next author would give if it withheld, runs the
	/// market's hook on each (rolled back) and keeps the hash under which its
	/// prover is offered more.
	fn grind(&mut self, now: BlockNumber, honest: sp_core::H256) -> sp_core::H256 {
		let Some((grinder, share)) = self.grinder else { return honest };
		if !self.rng.gen_bool(share) {
			return honest;
		}
		let withheld =
			sp_core::H256::from(sp_io::hashing::blake2_256(&(self.seed, now, 1u8).encode()));
		let wins = |parent: sp_core::H256| {
			with_transaction(|| {
				System::set_parent_hash(parent);
				System::reset_events();
				<Market as Hooks<BlockNumber>>::on_initialize(now);
				let wins = System::events()
					.iter()
					.filter(|record| match &record.event {
						RuntimeEvent::Market(MarketEvent::RequestOffered { prover, .. }) => {
							*prover == grinder
						}
						RuntimeEvent::Market(MarketEvent::RaceOpened { invited, .. }) => {
							invited.contains(&grinder)
						}
						_ => false,
					})
					.count();
				TransactionOutcome::Rollback(Ok::<usize, DispatchError>(wins))
			})
			.unwrap_or(0)
		};
		let (a, b) = (wins(honest), wins(withheld));
		if b > a {
			self.grinds.1 += 1;
			withheld
		} else {
			self.grinds.0 += 1;
			honest
		}
	}

	fn outages(&mut self, now: BlockNumber) {
		if let Some((members, from, blocks)) = self.outage.clone() {
			if now == self.start + from {
				for i in members {
					self.go_offline(i, now + blocks);
				}
			}
		}
		for i in 0..self.provers.len() {
			let p = &self.provers[i];
			if p.offline_rate > 0.0 && !p.offline(now) && self.rng.gen_bool(p.offline_rate) {
				let until = now + p.offline_blocks;
				self.go_offline(i, until);
			}
		}
	}

	fn go_offline(&mut self, i: usize, until: BlockNumber) {
		let p = &mut self.provers[i];
		p.offline_until = until;
		for job in &mut p.jobs {
			job.lost = true;
		}
		p.offers.clear();
	}

	/// Requests arriving this block.
	fn requesters_act(&mut self, now: BlockNumber) {
		let t = now - self.start;
		for g in 0..self.requesters.len() {
			let arrivals = match self.requester_arrival(g) {
				Some(Arrival::Poisson { per_block }) => poisson(&mut self.rng, per_block),
				Some(Arrival::Daily { per_block, amplitude, period }) => {
					let phase = 2.0 * std::f64::consts::PI * t as f64 / period.max(1) as f64;
					poisson(&mut self.rng, per_block * (1.0 + amplitude * phase.sin()).max(0.0))
				}
				Some(Arrival::Window { per_block, from, to }) => {
					if (from..to).contains(&t) {
						poisson(&mut self.rng, per_block)
					} else {
						0
					}
				}
				Some(Arrival::Bursts { size, every, offset }) => {
					if t >= offset && (t - offset) % every.max(1) == 0 {
						size
					} else {
						0
					}
				}
				// The spammer tops every account up to the cap each block.
				None => self.spam_needed(g),
			};
			for _ in 0..arrivals {
				self.submit(g, now);
			}
		}
		if let Some((account, prover, per_block, fee_per_unit, kind)) = self.self_dealer {
			for _ in 0..poisson(&mut self.rng, per_block) {
				self.self_deal(account, prover, fee_per_unit, kind, now);
			}
		}
	}

	fn requester_arrival(&self, g: usize) -> Option<Arrival> {
		let group = &self.requesters[g];
		if group.adversarial {
			return None;
		}
		self.scenario
			.requesters
			.iter()
			.find(|r| r.profile == group.profile)
			.map(|r| r.arrival.clone())
	}

	fn spam_needed(&self, g: usize) -> u32 {
		self.requesters[g]
			.accounts
			.iter()
			.map(|a| 64u32.saturating_sub(pallet_proof_market::OpenRequestsOf::<Sim>::get(a)))
			.sum::<u32>()
			.min(16)
	}

	fn next_input(
		&mut self,
	) -> (u64, BoundedVec<u8, <Sim as pallet_proof_market::Config>::MaxInputBytes>) {
		self.counter += 1;
		let element = self.counter;
		(element, BoundedVec::try_from(element.to_le_bytes().to_vec()).expect("8 bytes fit"))
	}

	/// The terms a fixed-mechanism run gives a request: the router's
	/// parameters for that mechanism, so fixed and routed runs compare.
	fn fixed_terms(
		kind: MechanismKind,
		degree: u32,
		requirements: &RequestRequirements<Balance>,
	) -> Terms<BlockNumber, Balance> {
		use pallet_proof_market::router::{
			ROUTED_BID_BLOCKS, ROUTED_RACERS, ROUTED_RACE_WINDOW, ROUTED_RAMP_BLOCKS,
		};
		let mechanism = match kind {
			MechanismKind::Election => Mechanism::Election,
			MechanismKind::SealedBid => Mechanism::SealedBid {
				bid_blocks: ROUTED_BID_BLOCKS.into(),
				reveal_blocks: ROUTED_BID_BLOCKS.into(),
				fallback: Fallback::Election,
			},
			MechanismKind::Dutch => Mechanism::Dutch {
				floor: Market::quote(circuit_id(degree), requirements.clone())
					.and_then(|q| q.cheapest_ask)
					.unwrap_or(1),
				ramp_blocks: ROUTED_RAMP_BLOCKS.into(),
			},
			MechanismKind::Book => Mechanism::Book { fallback: Fallback::Election },
			MechanismKind::Race => Mechanism::Race {
				racers: ROUTED_RACERS,
				open: false,
				decay: Perbill::from_percent(20),
				window_blocks: ROUTED_RACE_WINDOW.into(),
			},
		};
		Terms { mechanism, latency: None, settlement: Default::default() }
	}

	fn submit(&mut self, g: usize, now: BlockNumber) {
		let group = &self.requesters[g];
		let Some(account) = (0..group.accounts.len())
			.map(|k| group.accounts[(group.next + k) % group.accounts.len()])
			.find(|a| pallet_proof_market::OpenRequestsOf::<Sim>::get(a) < 64)
		else {
			return;
		};
		let requester = &mut self.requesters[g];
		requester.next = (requester.next + 1) % requester.accounts.len();
		let u: f64 = self.rng.gen();
		let requester = &self.requesters[g];
		let degree = requester.pick_circuit(u);
		let units = prova_primitives::market::work_units(degree);
		let requirements =
			RequestRequirements { min_stake: requester.min_stake, ..Default::default() };
		let max_fee = match requester.max_fee_per_unit {
			0 => Market::quote(circuit_id(degree), requirements.clone())
				.and_then(|q| q.min_fee)
				.unwrap_or(1),
			per_unit => per_unit * units as Balance,
		};
		let deadline = requester.deadline_blocks;
		let adversarial = requester.adversarial;
		let qos = requester.qos;
		let (element, input) = self.next_input();
		let circuit = circuit_id(degree);
		let choice = if adversarial { Choice::Fixed(MechanismKind::Election) } else { self.choice };
		let id = pallet_proof_market::NextRequestId::<Sim>::get();
		let (call, kind): (RuntimeCall, MechanismKind) = match choice {
			Choice::Fixed(kind) => (
				pallet_proof_market::Call::submit_request_with_terms {
					circuit,
					input,
					max_fee,
					deadline,
					requirements: requirements.clone(),
					terms: Self::fixed_terms(kind, degree, &requirements),
				}
				.into(),
				kind,
			),
			Choice::Router => (
				pallet_proof_market::Call::submit_request_with_qos {
					circuit,
					input,
					max_fee,
					deadline,
					requirements,
					qos: Qos {
						speed: qos.speed,
						cost: qos.cost,
						safety: qos.safety,
						censorship_resistance: qos.censorship_resistance,
					},
				}
				.into(),
				MechanismKind::Election,
			),
		};
		let record =
			RequestRecord::sent(id, g, account, units, kind, now, max_fee, deadline, adversarial);
		self.send_request(account, call, record, element);
	}

	/// Sends a request; its record exists before the call, so that the
	/// events the call causes (a route, a book match) find it.
	fn send_request(
		&mut self,
		account: AccountId,
		call: RuntimeCall,
		record: RequestRecord,
		element: u64,
	) {
		let id = record.id;
		self.inputs.insert(id, element);
		self.requests.insert(id, record);
		if let Err(error) = self.call(account, call) {
			self.inputs.remove(&id);
			if let Some(mut record) = self.requests.remove(&id) {
				record.outcome = Outcome::Refused(error_name(error));
				record.ended_at = Some(self.now);
				self.refused.push(record);
			}
		}
	}

	/// The self-dealing pair: a request only its own prover qualifies for
	/// (stake above everyone else's), at its own price.
	fn self_deal(
		&mut self,
		account: AccountId,
		prover: usize,
		fee_per_unit: Balance,
		kind: MechanismKind,
		now: BlockNumber,
	) {
		let degree = self.scenario.circuits.iter().map(|c| c.degree_bits).min().unwrap_or(12);
		let units = prova_primitives::market::work_units(degree);
		let requirements =
			RequestRequirements { min_stake: self.provers[prover].stake, ..Default::default() };
		// Its prover keeps an ask at the pair's price on the book.
		if kind == MechanismKind::Book && self.provers[prover].standing_ask.is_none() {
			let p = self.provers[prover].account;
			if self
				.call(
					p,
					pallet_proof_market::Call::post_ask {
						scope: ServiceScope::Any { max_degree_bits: 20 },
						price: fee_per_unit,
						units: 64,
						deadline_blocks: 10,
						lifetime: ASK_LIFETIME,
					},
				)
				.is_ok()
			{
				self.note_ask(prover);
			}
		}
		let (element, input) = self.next_input();
		let id = pallet_proof_market::NextRequestId::<Sim>::get();
		let max_fee = fee_per_unit * units as Balance;
		let mechanism = if kind == MechanismKind::Book {
			Mechanism::Book { fallback: Fallback::Election }
		} else {
			Mechanism::Election
		};
		let call = pallet_proof_market::Call::submit_request_with_terms {
			circuit: circuit_id(degree),
			input,
			max_fee,
			deadline: 20,
			requirements,
			terms: Terms { mechanism, latency: None, settlement: Default::default() },
		};
		let record =
			RequestRecord::sent(id, usize::MAX, account, units, kind, now, max_fee, 20, true);
		self.send_request(account, call.into(), record, element);
	}

	/// Reads the watched requests' status from storage.
	fn watched_view(&mut self, now: BlockNumber) -> Vec<Watched> {
		let mut view = Vec::new();
		self.watched.retain(|id| {
			let Some(request) = Requests::<Sim>::get(id) else { return false };
			if !request.status.is_open() {
				return false;
			}
			let units = pallet_proof_market::Listings::<Sim>::get(request.circuit)
				.map_or(1, |l| l.work_units);
			let (price_now, next_price) = match request.status {
				RequestStatus::Dutch { since, .. } => (
					Market::dutch_price(&request, since, now),
					Market::dutch_price(&request, since, now + 1),
				),
				RequestStatus::Racing { .. } => {
					let price = Market::racer_price(&request);
					(price, price)
				}
				_ => (0, 0),
			};
			let mut excluded: Vec<AccountId> = request.failed.to_vec();
			excluded.extend(request.declined.iter().copied());
			view.push(Watched {
				id: *id,
				status: request.status.clone(),
				units,
				deadline_blocks: request.deadline_blocks,
				mechanism: request.terms.mechanism,
				price_now,
				next_price,
				max_fee: request.max_fee,
				excluded,
			});
			true
		});
		view
	}

	/// When `prover`'s machine would finish `units` started now.
	fn ready_at(&self, i: usize, units: u64, now: BlockNumber) -> BlockNumber {
		let p = &self.provers[i];
		let machine = &self.machines[p.machine];
		machine.done_by(now, p.seconds_for(units + machine.pending_units())).max(now + 1)
	}

	/// The cheapest other prover's ask per unit for jobs of `units` (public in
	/// the registry), for snipers.
	fn cheapest_rival_ask(&self, i: usize, units: u64) -> Balance {
		self.provers
			.iter()
			.enumerate()
			.filter(|(j, _)| *j != i)
			.map(|(_, q)| q.ask_for(units))
			.min()
			.unwrap_or(Balance::MAX)
	}

	fn provers_act(&mut self, now: BlockNumber) {
		let mut view = self.watched_view(now);
		let mut order: Vec<usize> = (0..self.provers.len()).collect();
		order.shuffle(&mut self.rng);
		let mut taken: Vec<u64> = Vec::new();
		for i in order {
			if self.provers[i].offline(now) {
				continue;
			}
			self.deliver(i, now, &view);
			self.answer_offers(i, now);
			for w in view.iter_mut() {
				if taken.contains(&w.id) || w.excluded.contains(&self.provers[i].account) {
					continue;
				}
				match self.act_on(i, w, now) {
					Acted::Took => taken.push(w.id),
					Acted::Bid => match &mut w.status {
						RequestStatus::Bidding { bids, .. } => *bids += 1,
						RequestStatus::Racing { joined, .. } => *joined += 1,
						_ => {}
					},
					Acted::Nothing => {}
				}
			}
			self.keep_ask(i, now);
		}
	}

	/// Sends proofs that are ready (commitments first in races).
	fn deliver(&mut self, i: usize, now: BlockNumber, view: &[Watched]) {
		let account = self.provers[i].account;
		let jobs = self.provers[i].jobs.clone();
		let mut keep = Vec::new();
		for mut job in jobs {
			if job.lost || now > job.last_block {
				continue;
			}
			if job.ready_at > now {
				keep.push(job);
				continue;
			}
			let element = self.inputs.get(&job.request).copied().unwrap_or_default();
			let mut public_inputs = SimVerifier::input_commitment(&[element]).to_vec();
			public_inputs.push(element.wrapping_mul(3));
			let mut proof = VALID_PROOF.to_vec();
			proof.extend(account.to_le_bytes());
			if job.race && !job.committed {
				let commitment = pallet_proof_market::race::proof_commitment(
					job.request,
					&public_inputs,
					&proof,
					&account,
				);
				if self
					.call(
						account,
						pallet_proof_market::Call::commit_proof {
							request: job.request,
							commitment,
						},
					)
					.is_ok()
				{
					job.committed = true;
					keep.push(job);
				}
				continue;
			}
			if job.race {
				let open = view.iter().find(|w| w.id == job.request).is_some_and(|w| {
					matches!(w.status, RequestStatus::Racing { commits_close: Some(close), .. } if now >= close)
				});
				if !open {
					keep.push(job);
					continue;
				}
			}
			let _ = self.call(
				account,
				pallet_proof_market::Call::submit_proof {
					request: job.request,
					public_inputs: BoundedVec::try_from(public_inputs).expect("fits"),
					proof: BoundedVec::try_from(proof).expect("fits"),
				},
			);

			if let Some(record) = self.requests.get_mut(&job.request) {
				record.proofs += 1;
			}
		}
		self.provers[i].jobs = keep;
	}

	/// Locks an offer it can finish in time, declines the others.
	fn answer_offers(&mut self, i: usize, now: BlockNumber) {
		let offers = std::mem::take(&mut self.provers[i].offers);
		let account = self.provers[i].account;
		for request in offers {
			let Some(record) = self.requests.get(&request) else { continue };
			let (units, deadline) = (record.units, record.deadline_blocks);
			if self.ready_at(i, units, now) + SLACK <= now + deadline {
				let _ = self.call(account, pallet_proof_market::Call::lock_request { request });
			} else {
				let _ = self.call(account, pallet_proof_market::Call::decline_request { request });
			}
		}
	}

	/// Acts on one auction, Dutch auction or race.
	fn act_on(&mut self, i: usize, w: &Watched, now: BlockNumber) -> Acted {
		let p = &self.provers[i];
		let account = p.account;
		let units = w.units;
		match &w.status {
			RequestStatus::Bidding { bids_until, reveal_until, bids } => {
				if now < *bids_until {
					let full = *bids
						>= <<Sim as pallet_proof_market::Config>::MaxBids as frame_support::traits::Get<u32>>::get();
					if full || p.bids.iter().any(|(r, ..)| *r == w.id) {
						return Acted::Nothing;
					}
					// It must be able to prove in time if it wins at reveal's end.
					if self.ready_at(i, units, *reveal_until) + SLACK
						> *reveal_until + w.deadline_blocks
					{
						return Acted::Nothing;
					}
					let price = self.bid_price(i, units);
					let clearing = self.clearing.get(&units).copied().unwrap_or(Balance::MAX);
					// A bid above the fee could not be revealed: its bond would be lost.
					if price > clearing.saturating_add(clearing / 5)
						|| price.saturating_mul(units as Balance) > w.max_fee
					{
						return Acted::Nothing;
					}
					let salt: [u8; 32] = self.rng.gen();
					let commitment =
						pallet_proof_market::bid_commitment(w.id, &price, &salt, &account);
					if self
						.call(
							account,
							pallet_proof_market::Call::commit_bid { request: w.id, commitment },
						)
						.is_ok()
					{
						self.provers[i].bids.push((w.id, price, salt));
						let machine = self.provers[i].machine;
						self.machines[machine].pending.push((w.id, units));
						return Acted::Bid;
					}
				} else if now < *reveal_until {
					if let Some(pos) = p.bids.iter().position(|(r, ..)| *r == w.id) {
						let (_, price, salt) = self.provers[i].bids.remove(pos);
						let _ = self.call(
							account,
							pallet_proof_market::Call::reveal_bid { request: w.id, price, salt },
						);
					}
				}
				Acted::Nothing
			}
			RequestStatus::Dutch { closes, .. } if now < *closes => {
				let threshold = self.dutch_threshold(i, units, w);
				if w.price_now < threshold
					|| self.ready_at(i, units, now) + SLACK > now + w.deadline_blocks
				{
					return Acted::Nothing;
				}
				match self.call(account, pallet_proof_market::Call::lock_request { request: w.id })
				{
					Ok(()) => Acted::Took,
					Err(_) => Acted::Nothing,
				}
			}
			RequestStatus::Racing { invited, joined, join_until, deadline, .. } => {
				let Mechanism::Race { racers, .. } = w.mechanism else { return Acted::Nothing };
				if now >= *join_until
					|| joined >= &racers
					|| !(invited.is_empty() || invited.contains(&account))
					|| p.jobs.iter().any(|j| j.request == w.id)
				{
					return Acted::Nothing;
				}
				if w.price_now < p.reserve_price(units) * units as Balance
					|| self.ready_at(i, units, now) + SLACK > *deadline
				{
					return Acted::Nothing;
				}
				match self.call(account, pallet_proof_market::Call::lock_request { request: w.id })
				{
					// The race may take more racers: others still try.
					Ok(()) => Acted::Bid,
					Err(_) => Acted::Nothing,
				}
			}
			_ => Acted::Nothing,
		}
	}

	/// Price per unit it bids in a sealed-bid auction. Its cost includes the
	/// fees of bidding in the auctions it loses: with `n` bidders it wins one
	/// in `n`, so each win must pay `n` bids' fees (the lock is the auction's,
	/// so no lock fee).
	fn bid_price(&self, i: usize, units: u64) -> Balance {
		let p = &self.provers[i];
		let overhead = (self.bid_fees as f64 * self.bids_per_auction.max(1.0) - p.job_fee as f64)
			/ (p.keep.max(0.05) * units as f64);
		let reserve = (p.reserve_price(units) as f64 + overhead).max(1.0) as Balance;
		match (p.role, p.strategy) {
			(Role::Cartel, _) | (_, Strategy::Truthful) | (_, Strategy::BidShading) => reserve,
			(_, Strategy::AlwaysLowest) => 1,
			(_, Strategy::Sniper) => {
				self.cheapest_rival_ask(i, units).saturating_sub(1).max(reserve)
			}
		}
	}

	/// Total price at which it locks a Dutch auction.
	fn dutch_threshold(&self, i: usize, units: u64, w: &Watched) -> Balance {
		let p = &self.provers[i];
		let own = p.reserve_price(units) * units as Balance;
		match p.strategy {
			Strategy::AlwaysLowest if p.role != Role::Cartel => 0,
			// Waits while the next block's price is still below every rival's.
			Strategy::Sniper if p.role != Role::Cartel => {
				let rival = self.cheapest_rival_ask(i, units) * units as Balance;
				if w.next_price >= rival {
					own
				} else {
					own.max(w.next_price)
				}
			}
			_ => own,
		}
	}

	/// Work units prover `i` can prove after its queue and still deliver
	/// within `deadline` blocks of a lock now.
	fn deliverable_units(&self, i: usize, deadline: BlockNumber, now: BlockNumber) -> u64 {
		let p = &self.provers[i];
		let last = now + deadline - SLACK - 1;
		let start =
			self.machines[p.machine].free_at.max(now as f64 * crate::runtime::BLOCK_SECONDS);
		let seconds = last as f64 * crate::runtime::BLOCK_SECONDS - start;
		(seconds.max(0.0) / p.seconds_per_unit) as u64
	}

	/// Keeps one standing ask on the book, committed to the shortest deadline
	/// the market takes, for as many work units as its machine can deliver
	/// within it after the jobs it already holds. An ask its queue no longer
	/// lets it honour is cancelled and posted again smaller.
	fn keep_ask(&mut self, i: usize, now: BlockNumber) {
		let p = &self.provers[i];
		if !self.asks_wanted || !p.posts_asks || p.role == Role::SelfDealer {
			return;
		}
		let book = pallet_proof_market::Book::<Sim>::get();
		let deadline: BlockNumber =
			<<Sim as pallet_proof_market::Config>::MinDeadline as frame_support::traits::Get<
				u64,
			>>::get();
		if let Some((id, _)) = p.standing_ask {
			match book.iter().find(|a| a.id == id) {
				Some(ask) if ask.units <= self.deliverable_units(i, ask.deadline_blocks, now) => {
					return
				}
				Some(_) => {
					let account = p.account;
					let _ = self.call(account, pallet_proof_market::Call::cancel_ask { ask: id });
				}
				None => {}
			}
			self.provers[i].standing_ask = None;
		}
		let p = &self.provers[i];
		let max_asks =
			<<Sim as pallet_proof_market::Config>::MaxAsks as frame_support::traits::Get<u32>>::get(
			);
		if book.len() >= max_asks as usize {
			return;
		}
		let record = pallet_provers::Provers::<Sim>::get(p.account);
		let free = record.map_or(0, |r| (r.capacity as u64).saturating_sub(r.units_in_use));
		let units = free.min(self.deliverable_units(i, deadline, now));
		if units == 0 {
			return;
		}
		let best = book
			.iter()
			.filter(|a| a.prover != p.account && a.expires_at > now)
			.map(|a| a.price)
			.min();
		// A match locks without a transaction of the prover's: no fee to cover.
		let own = p.book_price();
		let price = match (p.role, p.strategy) {
			(Role::Cartel, _) | (_, Strategy::Truthful) | (_, Strategy::BidShading) => own,
			(_, Strategy::AlwaysLowest) => best.map_or(own, |b| b.saturating_sub(1).max(1)),
			(_, Strategy::Sniper) => best.map_or(own, |b| b.saturating_sub(1).max(own)),
		};
		let account = p.account;
		if self
			.call(
				account,
				pallet_proof_market::Call::post_ask {
					scope: ServiceScope::Any { max_degree_bits: 20 },
					price,
					units,
					deadline_blocks: deadline,
					lifetime: ASK_LIFETIME,
				},
			)
			.is_ok()
		{
			self.note_ask(i);
		}
	}

	fn note_ask(&mut self, i: usize) {
		let id = pallet_proof_market::NextAskId::<Sim>::get().saturating_sub(1);
		self.provers[i].standing_ask = Some((id, 0));
	}

	fn delegators_act(&mut self, now: BlockNumber) {
		let Some(spec) = self.scenario.delegators.clone() else { return };
		if (now - self.start) % spec.rebalance_blocks.max(1) != spec.rebalance_blocks.max(1) - 1 {
			return;
		}
		for d in self.delegators.clone() {
			let current = self.backing.get(&d).copied();
			let target = self.pick_delegation_target(current);
			if Some(target) != current {
				if let Some(current) = current {
					let _ = self.call(d, pallet_provers::Call::claim_rewards { prover: current });
					let _ = self.call(
						d,
						pallet_provers::Call::undelegate {
							prover: current,
							amount: planks(spec.stake),
						},
					);
				}
				if self
					.call(
						d,
						pallet_provers::Call::delegate {
							prover: target,
							amount: planks(spec.stake),
						},
					)
					.is_ok()
				{
					self.backing.insert(d, target);
				}
			}
		}
	}

	/// Reads this block's events so far into the records and agents.
	fn read_events(&mut self, now: BlockNumber) {
		let events = System::read_events_no_consensus().collect::<Vec<_>>();
		System::reset_events();
		for record in events {
			let RuntimeEvent::Market(event) = record.event else { continue };
			self.on_event(event, now);
		}
	}

	fn prover_index(&self, account: &AccountId) -> Option<usize> {
		self.by_account.get(account).copied()
	}

	fn start_job(
		&mut self,
		i: usize,
		request: u64,
		last_block: BlockNumber,
		race: bool,
		now: BlockNumber,
	) {
		let Some(units) = self.requests.get(&request).map(|r| r.units) else { return };
		// Its machine takes the job after those it holds (bids still pending
		// are not work yet).
		let p = &self.provers[i];
		let ready_at = self.machines[p.machine].done_by(now, p.seconds_for(units)).max(now + 1);
		let p = &mut self.provers[i];
		// A job it cannot finish in time is not worth proving.
		let lost =
			ready_at > last_block || p.offline(now) || self.rng.gen_bool(p.vanish_probability);
		if !lost {
			let machine = &mut self.machines[p.machine];
			machine.free_at = machine.free_at.max(now as f64 * crate::runtime::BLOCK_SECONDS)
				+ p.seconds_for(units);
			p.proving_seconds += units as f64 * p.seconds_per_unit;
		}
		p.jobs.push(HeldJob { request, ready_at, last_block, lost, race, committed: false });
	}

	fn on_event(&mut self, event: MarketEvent<Sim>, now: BlockNumber) {
		match event {
			MarketEvent::RequestSubmitted { request, terms, .. } => {
				if !matches!(terms.mechanism, Mechanism::Election | Mechanism::Book { .. }) {
					self.watched.push(request);
				}
				if let Some(r) = self.requests.get_mut(&request) {
					r.mechanism = terms.mechanism.kind();
				}
			}
			MarketEvent::RequestRouted { request, mechanism } => {
				if let Some(r) = self.requests.get_mut(&request) {
					r.mechanism = mechanism.kind();
				}
			}
			MarketEvent::AuctionSettled { request, price: Some(price), bids, .. } => {
				self.bids_per_auction += (bids as f64 - self.bids_per_auction) / 16.0;
				if let Some(units) = self.requests.get(&request).map(|r| r.units) {
					self.clearing.insert(units, price / units.max(1) as Balance);
				}
				for machine in &mut self.machines {
					machine.pending.retain(|(r, _)| *r != request);
				}
			}
			MarketEvent::AuctionSettled { request, .. } => {
				for machine in &mut self.machines {
					machine.pending.retain(|(r, _)| *r != request);
				}
			}
			MarketEvent::RequestOffered { request, prover, .. } => {
				if let Some(r) = self.requests.get_mut(&request) {
					r.offers += 1;
				}
				if let Some(i) = self.prover_index(&prover) {
					if !self.provers[i].offline(now) {
						self.provers[i].offers.push(request);
					}
				}
			}
			MarketEvent::RequestLocked { request, prover, deadline, .. } => {
				if let Some(i) = self.prover_index(&prover) {
					self.start_job(i, request, deadline.saturating_sub(1), false, now);
				}
			}
			MarketEvent::RaceJoined { request, racer, .. } => {
				let deadline = Requests::<Sim>::get(request).and_then(|r| match r.status {
					RequestStatus::Racing { deadline, .. } => Some(deadline),
					_ => None,
				});
				if let (Some(i), Some(deadline)) = (self.prover_index(&racer), deadline) {
					self.start_job(i, request, deadline.saturating_sub(1), true, now);
				}
			}
			MarketEvent::RequestFulfilled { request, prover, price, .. } => {
				if let Some(r) = self.requests.get_mut(&request) {
					r.outcome = Outcome::Fulfilled;
					r.ended_at = Some(now);
					r.price = price;
					r.prover = Some(prover);
				}
				self.inputs.remove(&request);
				if let Some(i) = self.prover_index(&prover) {
					let units = self.requests.get(&request).map_or(0, |r| r.units);
					let p = &mut self.provers[i];
					p.jobs_paid += 1;
					p.units_delivered += units;
				}
			}
			MarketEvent::RaceSettled { paid, request } => {
				for (racer, amount) in paid {
					if let Some(i) = self.prover_index(&racer) {
						self.provers[i].revenue += amount;
					}
				}
				for p in &mut self.provers {
					p.jobs.retain(|j| j.request != request);
				}
			}
			MarketEvent::ProofRejected { request, prover, compensated, .. }
			| MarketEvent::DeadlineMissed { request, prover, compensated, .. } => {
				if let Some(i) = self.prover_index(&prover) {
					self.provers[i].jobs_failed += 1;
				}
				if let Some(r) = self.requests.get_mut(&request) {
					r.failures += 1;
					r.compensated += compensated;
				}
			}
			MarketEvent::RequestExpired { request, compensated, .. } => {
				if let Some(r) = self.requests.get_mut(&request) {
					r.outcome = Outcome::Expired;
					r.ended_at = Some(now);
					r.compensated += compensated;
				}
				self.inputs.remove(&request);
			}
			MarketEvent::AskMatched { prover, .. } => {
				if let Some(i) = self.prover_index(&prover) {
					// The rest of the ask stays; re-post when it is gone.
					let _ = i;
				}
			}
			MarketEvent::AskRemoved { ask, .. } | MarketEvent::AskCancelled { ask } => {
				for p in &mut self.provers {
					if p.standing_ask.is_some_and(|(id, _)| id == ask) {
						p.standing_ask = None;
					}
				}
			}
			_ => {}
		}
		// Revenue of non-race jobs.
	}

	/// Ends the run: reads balances and builds the records.
	fn finish(&mut self, blocks: BlockNumber) -> RunRecord {
		// Delegators claim what they earned.
		let mut delegator_rewards = 0;
		let delegators: std::collections::HashSet<AccountId> =
			self.delegators.iter().copied().collect();
		let stakes: Vec<(AccountId, AccountId)> = pallet_provers::Delegations::<Sim>::iter()
			.filter(|(_, d, _)| delegators.contains(d))
			.map(|(prover, d, _)| (d, prover))
			.collect();
		for (d, prover) in stakes {
			{
				let before = crate::runtime::Balances::total_balance(&d);
				let _ = Provers::claim_rewards(RuntimeOrigin::signed(d), prover);
				delegator_rewards +=
					crate::runtime::Balances::total_balance(&d).saturating_sub(before);
			}
		}
		let mut requests: Vec<RequestRecord> =
			self.requests.values().cloned().chain(self.refused.iter().cloned()).collect();
		requests.sort_by_key(|r| (r.submitted_at, r.id));
		for r in &requests {
			if r.outcome == Outcome::Fulfilled && r.mechanism != MechanismKind::Race {
				if let Some(i) = r.prover.and_then(|p| self.prover_index(&p)) {
					self.provers[i].revenue += r.price;
				}
			}
		}
		let provers: Vec<ProverRecord> = self
			.provers
			.iter()
			.map(|p| ProverRecord {
				account: p.account,
				name: p.name.clone(),
				group: p.group.clone(),
				hardware: p.hardware.clone(),
				strategy: format!("{:?}", p.strategy).to_lowercase(),
				role: format!("{:?}", p.role).to_lowercase(),
				stake: p.stake,
				jobs: p.jobs_paid,
				failed: p.jobs_failed,
				units: p.units_delivered,
				revenue: p.revenue,
				balance_change: crate::runtime::Balances::total_balance(&p.account) as i128
					- p.start_balance as i128,
				proving_cost: (p.proving_seconds * p.cost_per_second) as Balance,
				fees: self.fees.get(&p.account).copied().unwrap_or_default(),
			})
			.collect();
		let mut profiles: Vec<ProfileRecord> = self
			.requesters
			.iter()
			.map(|r| ProfileRecord {
				name: r.profile.clone(),
				qos: r.qos,
				deadline_blocks: r.deadline_blocks,
				adversarial: r.adversarial,
			})
			.collect();
		let attacks = crate::attacks::assess(self, &provers, &requests);
		// Self-dealing requests carry profile usize::MAX; give them a row.
		if self.self_dealer.is_some() {
			profiles.push(ProfileRecord {
				name: "self-dealer".into(),
				qos: crate::scenario::QosWeights {
					speed: 0,
					cost: 0,
					safety: 0,
					censorship_resistance: 0,
				},
				deadline_blocks: 20,
				adversarial: true,
			});
			let index = profiles.len() - 1;
			for r in &mut requests {
				if r.profile == usize::MAX {
					r.profile = index;
				}
			}
		}
		RunRecord {
			scenario: self.scenario.name.clone(),
			mechanism: self.choice.name().to_string(),
			seed: self.seed,
			blocks,
			requests,
			provers,
			profiles,
			attacks,
			delegator_rewards,
			wall_seconds: 0.0,
			invariants_broken: None,
			issuance_change: 0,
		}
	}

	/// Fees paid by `who`.
	pub fn fees_of(&self, who: &AccountId) -> Balance {
		self.fees.get(who).copied().unwrap_or_default()
	}

	/// The spammer's accounts.
	pub fn spammers(&self) -> &[AccountId] {
		&self.spammers
	}

	/// The self-dealing requester and its prover's index.
	pub fn self_dealer(&self) -> Option<(AccountId, usize)> {
		self.self_dealer.map(|(a, p, ..)| (a, p))
	}

	/// Blocks the grinder kept honest and withheld.
	pub fn grinds(&self) -> (u64, u64) {
		self.grinds
	}

	/// Whether the scenario has a grinding validator.
	pub fn grinder(&self) -> Option<AccountId> {
		self.grinder.map(|(a, _)| a)
	}

	/// The prover agents.
	pub fn provers(&self) -> &[ProverAgent] {
		&self.provers
	}

	/// The first simulated block (after setup and warm-up).
	pub fn start_block(&self) -> BlockNumber {
		self.start
	}

	/// The scenario.
	pub fn scenario(&self) -> &Scenario {
		&self.scenario
	}
}

/// The first broken invariant of the market or the registry, if any.
fn invariants_broken(now: BlockNumber) -> Option<String> {
	Market::do_try_state()
		.and_then(|()| Provers::do_try_state())
		.err()
		.map(|e| format!("at block {now}: {e:?}"))
}

/// A Poisson sample with mean `lambda` (Knuth's method; `lambda` is small).
fn poisson(rng: &mut ChaCha8Rng, lambda: f64) -> u32 {
	if lambda <= 0.0 {
		return 0;
	}
	let limit = (-lambda).exp();
	let mut k = 0;
	let mut p = 1.0;
	loop {
		p *= rng.gen::<f64>();
		if p <= limit {
			return k;
		}
		k += 1;
	}
}

/// A dispatch error's name, for refused requests.
fn error_name(error: DispatchError) -> &'static str {
	match error {
		DispatchError::Module(module) => module.message.unwrap_or("module error"),
		DispatchError::Token(_) => "funds",
		_ => "other",
	}
}
