#!/usr/bin/env bash
# Regenerates chain-specs/ from the runtime's genesis presets.
# `cargo test -p prova-node --test chain_specs` fails when they drift.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh
build_node
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$node" build-spec --chain dev --disable-default-bootnode --base-path "$tmp" > chain-specs/dev.json
"$node" build-spec --chain local --disable-default-bootnode --base-path "$tmp" > chain-specs/local.json
"$node" build-spec --chain local --disable-default-bootnode --raw --base-path "$tmp" > chain-specs/local.raw.json
echo "wrote chain-specs/{dev,local,local.raw}.json"
