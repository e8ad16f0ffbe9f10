#!/usr/bin/env bash
# Runs every test of the workspace: pallets, runtime (native and its WASM
# through a node), the node's integration tests on loopback, and the prover
# client's unit and end-to-end tests (a dev node and two daemons).
# The README and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
cargo fmt --all -- --check
# The prover client's crates are tested on their own: in one invocation with
# the node, Cargo would unify the features of their shared dependencies and
# rebuild the node's dependency tree. The prover's end-to-end tests use the
# prova-node binary the first invocation builds.
prover_crates=(-p prova-prover -p prova-gpu -p prova-pipeline)
cargo test --workspace --exclude prova-prover --exclude prova-gpu --exclude prova-pipeline --locked --no-fail-fast "$@"
# The GPU kernels' tests run on whatever Vulkan adapter exists; on machines
# without a GPU that is Mesa's lavapipe, which setup.sh installs. Mesa wants a
# runtime directory and complains on every device open without one.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
cargo test "${prover_crates[@]}" --locked --no-fail-fast "$@"
scripts/test-js.sh # polkadot.js (tests/js) against a dev node from the first invocation's build
# The zombienet network (three validators, two prover daemons) starts, peers,
# finalizes and fulfils requests sent to each validator; on ports away from a
# developer's own 9944.
. scripts/lib.sh
PROVA_DEMO_EXIT=1 PROVA_NODE="$(target_dir)/debug/prova-node" PROVA_PROVER="$(target_dir)/debug/prova-prover" \
	PROVA_ZN_RPC_PORT=19944 PROVA_ZN_P2P_PORT=39333 PROVA_ZN_METRICS_PORT=19615 PROVA_ZN_DIR="$(mktemp -d)" \
	timeout 600 scripts/zombienet.sh
# Benchmarks run once each as tests, so weights.rs is always generated from working code.
cargo test --locked -p pallet-validator-set -p pallet-provers -p pallet-plonky2-verifier -p pallet-proof-market --features runtime-benchmarks "$@"
echo "[test] all tests passed in $(( $(date +%s) - start )) s"
