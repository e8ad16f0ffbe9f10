#!/usr/bin/env bash
# Runs the benchmarks of Prova's own pallets and regenerates their weights.rs.
# Usage: scripts/benchmark.sh [pallet_name ...]   (default: all of Prova's pallets)
# Builds prova-node with `runtime-benchmarks`; the pallets run in the runtime's
# release WASM. Set PROFILE=release for a release host (slower to build).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${PROFILE:-debug}
flag=(); [ "$profile" = release ] && flag=(--release)
. scripts/lib.sh
build_node "${flag[@]}" --features runtime-benchmarks

header=$(mktemp); trap 'rm -f "$header"' EXIT
printf '%s\n' "// Host: $profile build of prova-node; the benchmarked code runs in the runtime's release WASM, the host functions it calls natively in this host." > "$header"

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_validator_set pallet_provers pallet_plonky2_verifier pallet_proof_market)
for pallet in "${pallets[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	"$node" benchmark pallet --runtime-log=warn --chain dev --pallet "$pallet" --extrinsic '*' \
		--steps 50 --repeat 20 --template scripts/weight-template.hbs --header "$header" \
		--output "$dir/src/weights.rs"
done
