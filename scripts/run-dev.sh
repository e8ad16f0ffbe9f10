#!/usr/bin/env bash
# Builds prova-node and runs a single-validator development chain (Alice) with
# RPC on ws://127.0.0.1:9944. State is temporary; Ctrl-C stops it.
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-port 9955`.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh
build_node
exec "$node" --dev --tmp "$@"
