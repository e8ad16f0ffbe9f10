//! The pallets whose benchmarks `prova-node benchmark pallet` runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_validator_set, ValidatorSet]
	[pallet_provers, Provers]
	[pallet_plonky2_verifier, Verifier]
	[pallet_proof_market, Market]
);
