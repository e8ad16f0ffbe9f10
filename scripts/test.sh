#!/usr/bin/env bash
# Runs every test of the workspace: pallets, runtime (native and its WASM
# through a node), and the node's integration tests on loopback.
# The README and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
cargo fmt --all -- --check
cargo test --workspace --locked --no-fail-fast "$@"
# Benchmarks run once each as tests, so weights.rs is always generated from working code.
cargo test --locked -p pallet-validator-set -p pallet-provers -p pallet-plonky2-verifier -p pallet-proof-market --features runtime-benchmarks "$@"
echo "[test] all tests passed in $(( $(date +%s) - start )) s"
