#!/usr/bin/env bash
# Runs every test of the workspace: pallets, runtime (native and its WASM
# through a node), the node's integration tests on loopback, and the prover
# client's unit and end-to-end tests (a dev node and two daemons).
# The README and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
cargo fmt --all -- --check
# prova-prover is tested on its own: in one invocation with the node, Cargo
# would unify the features of their shared dependencies and rebuild the
# node's dependency tree. Its end-to-end tests use the prova-node binary the
# first invocation builds.
cargo test --workspace --exclude prova-prover --locked --no-fail-fast "$@"
cargo test -p prova-prover --locked --no-fail-fast "$@"
# Benchmarks run once each as tests, so weights.rs is always generated from working code.
cargo test --locked -p pallet-validator-set -p pallet-provers -p pallet-plonky2-verifier -p pallet-proof-market --features runtime-benchmarks "$@"
echo "[test] all tests passed in $(( $(date +%s) - start )) s"
