#!/usr/bin/env bash
# Runs every test of the workspace: pallets, runtime (native and its WASM
# through a node), and the node's integration tests on loopback.
# The README and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
cargo fmt --all -- --check
cargo test --workspace --locked --no-fail-fast "$@"
echo "[test] all tests passed in $(( $(date +%s) - start )) s"
