//! The node service: client, database, networking, BABE authoring and the
//! GRANDPA voter, wired together.
//!
//! [`new_partial`] builds what every subcommand needs (client, backend, import
//! queue, transaction pool); [`new_full`] adds networking, RPC, offchain
//! workers and, on validators, block authoring and finality voting.

use futures::FutureExt;
use prova_runtime::{opaque::Block, RuntimeApi};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_babe::{BabeLink, BabeWorkerHandle, ImportQueueParams, SlotProportion};
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use std::{sync::Arc, time::Duration};

/// The host functions Prova's runtime calls: Substrate's, and Plonky2
/// verification (`pallet_plonky2_verifier::host`). Old blocks call the
/// versions they were built with, so none is ever removed from this list.
pub type HostFunctions =
	(sp_io::SubstrateHostFunctions, pallet_plonky2_verifier::host::HostFunctions);

/// The runtime executor: WASM only, with [`HostFunctions`].
pub type Executor = sc_executor::WasmExecutor<HostFunctions>;
/// The full client.
pub type FullClient = sc_service::TFullClient<Block, RuntimeApi, Executor>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;
type BabeBlockImport = sc_consensus_babe::BabeBlockImport<
	Block,
	FullClient,
	GrandpaBlockImport,
	BabeInherents,
	FullSelectChain,
>;

/// Blocks between two GRANDPA justifications stored and served to syncing peers.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// The parts shared by the node and the chain-maintenance subcommands.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	(BabeBlockImport, GrandpaLink, BabeLink<Block>, BabeWorkerHandle<Block>, Option<Telemetry>),
>;

/// BABE's inherent data for a block: the timestamp and the slot it falls in
/// (for authoring, and for checking imported blocks' inherents).
#[derive(Clone, Copy)]
pub struct BabeInherents {
	slot_duration: sp_consensus_babe::SlotDuration,
}

#[async_trait::async_trait]
impl sp_inherents::CreateInherentDataProviders<Block, ()> for BabeInherents {
	type InherentDataProviders =
		(sp_consensus_babe::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider);

	async fn create_inherent_data_providers(
		&self,
		_parent: <Block as sp_runtime::traits::Block>::Hash,
		_: (),
	) -> Result<Self::InherentDataProviders, Box<dyn std::error::Error + Send + Sync>> {
		let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
		let slot =
			sp_consensus_babe::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
				*timestamp,
				self.slot_duration,
			);
		Ok((slot, timestamp))
	}
}

/// Builds the client, backend, transaction pool and block import queue.
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|endpoints| !endpoints.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;

	let babe_config = sc_consensus_babe::configuration(&*client)?;
	let inherents = BabeInherents { slot_duration: babe_config.slot_duration() };
	let (block_import, babe_link) = sc_consensus_babe::block_import(
		babe_config,
		grandpa_block_import.clone(),
		client.clone(),
		inherents,
		select_chain.clone(),
		OffchainTransactionPoolFactory::new(transaction_pool.clone()),
	)?;
	let (import_queue, babe_worker) = sc_consensus_babe::import_queue(ImportQueueParams {
		link: babe_link.clone(),
		block_import: block_import.clone(),
		justification_import: Some(Box::new(grandpa_block_import)),
		client: client.clone(),
		slot_duration: babe_link.config().slot_duration(),
		spawner: &task_manager.spawn_essential_handle(),
		registry: config.prometheus_registry(),
		telemetry: telemetry.as_ref().map(|x| x.handle()),
	})?;

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, babe_link, babe_worker, telemetry),
	})
}

/// Builds and starts a full node (and, with `--validator`, an authoring one).
pub fn new_full<N>(config: Configuration) -> Result<TaskManager, ServiceError>
where
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
{
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, babe_link, babe_worker, mut telemetry),
	} = new_partial(&config)?;

	// Networking, with GRANDPA's gossip protocol and warp sync from its proofs.
	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the database has no genesis block".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			net_config.peer_store_handle(),
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	// BABE's worker (spawned by the import queue) answers epoch queries for as
	// long as a handle to it lives: keep one for the node's lifetime.
	task_manager.spawn_handle().spawn("babe-worker-handle", None, async move {
		let _handle = babe_worker;
		std::future::pending::<()>().await
	});

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		Box::new(move |_| {
			crate::rpc::create_full(crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
			})
			.map_err(Into::into)
		})
	};

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: Arc::new(network.clone()),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);
		let inherents = BabeInherents { slot_duration: babe_link.config().slot_duration() };
		let babe = sc_consensus_babe::start_babe(sc_consensus_babe::BabeParams {
			keystore: keystore_container.keystore(),
			client,
			select_chain,
			env: proposer_factory,
			block_import,
			sync_oracle: sync_service.clone(),
			justification_sync_link: sync_service.clone(),
			create_inherent_data_providers: inherents,
			force_authoring,
			backoff_authoring_blocks: Option::<()>::None,
			babe_link,
			block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
			max_block_proposal_slot_portion: None,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;
		// Authoring is essential: if it stops, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking(
			"babe-proposer",
			Some("block-authoring"),
			babe,
		);
	}

	if enable_grandpa {
		// Only validators vote; other nodes follow finality without a keystore.
		let keystore = role.is_authority().then(|| keystore_container.keystore());
		let grandpa = sc_consensus_grandpa::GrandpaParams {
			config: sc_consensus_grandpa::Config {
				gossip_duration: Duration::from_millis(333),
				justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
				name: Some(name),
				observer_enabled: false,
				keystore,
				local_role: role,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				protocol_name: grandpa_protocol_name,
			},
			link: grandpa_link,
			network,
			sync: Arc::new(sync_service),
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state: SharedVoterState::empty(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa)?,
		);
	}

	Ok(task_manager)
}
