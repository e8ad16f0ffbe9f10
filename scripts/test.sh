#!/usr/bin/env bash
# Runs every test of the workspace: pallets, runtime (native and its WASM
# through a node), the node's integration tests on loopback, and the prover
# client's unit and end-to-end tests (a dev node and two daemons).
# The README and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
cargo fmt --all -- --check
# One Cargo invocation for everything, the pallets' benchmarks included: with
# one invocation Cargo resolves one feature set and builds the dependency tree
# once (separate invocations for the prover client and for runtime-benchmarks
# built much of it three times). The runtime's WASM is built by its own build
# script with the runtime crate's own features, so the pallets' benchmark
# feature does not reach the chain the tests run.
# The GPU kernels' tests run on whatever Vulkan adapter exists; on machines
# without a GPU that is Mesa's lavapipe, which setup.sh installs. Mesa wants a
# runtime directory and complains on every device open without one.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
. scripts/lib.sh # workspace_features, target_dir
cargo test --workspace --locked --no-fail-fast --features "$workspace_features" "$@"
scripts/test-js.sh # polkadot.js (tests/js) against a dev node from the first invocation's build
timeout 600 scripts/test-web.sh # the web app (web/) in chromium against a dev node with a prover daemon
# The zombienet network (three validators, two prover daemons) starts, peers,
# finalizes and fulfils requests sent to each validator; on ports away from a
# developer's own 9944.
PROVA_DEMO_EXIT=1 PROVA_NODE="$(target_dir)/debug/prova-node" PROVA_PROVER="$(target_dir)/debug/prova-prover" \
	PROVA_ZN_RPC_PORT=19944 PROVA_ZN_P2P_PORT=39333 PROVA_ZN_METRICS_PORT=19615 PROVA_ZN_DIR="$(mktemp -d)" \
	timeout 900 scripts/zombienet.sh
echo "[test] all tests passed in $(( $(date +%s) - start )) s"
