#!/usr/bin/env bash
# Regenerates docs/market-evaluation/: every scenario of sim/scenarios/ under
# every mechanism and the router, on the real pallets (prova-sim), then the
# index. Reproducible: the same seed and blocks give the same files.
# Usage: scripts/market-evaluation.sh [BLOCKS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
blocks="${1:-4000}"
seed="${2:-1}"
cargo build --release --locked -p prova-sim
. scripts/lib.sh # target_dir
sim="$(target_dir)/release/prova-sim"
out=docs/market-evaluation
mkdir -p "$out"
for scenario in sim/scenarios/*.toml; do
	name="$(basename "$scenario" .toml)"
	rm -rf "${out:?}/$name"
	"$sim" run --scenario "$scenario" --mechanisms all --blocks "$blocks" --seed "$seed" --out "$out/$name"
done
"$sim" index "$out"
echo "[market-evaluation] wrote $out/README.md"
