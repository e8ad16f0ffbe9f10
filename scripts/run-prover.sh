#!/usr/bin/env bash
# Runs a prover daemon against a local node, registering the key as a prover
# first if needed (5,000 PROVA bonded, ask 0.01 PROVA per unit of work).
#
#   scripts/run-prover.sh //Charlie                   # a second dev prover
#   scripts/run-prover.sh //Eve --capacity 2 --url ws://127.0.0.1:9945
#
# The key is a secret URI or dev name; the journal is kept in
# .prova/prover-<name>/ so a restart resumes where it stopped. Extra
# arguments go to `prova-prover run`. PROVA_PROVER=/path/to/prova-prover uses
# that binary instead of a debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 KEY [prova-prover run options]" >&2; exit 2; }
key=$1; shift
url=ws://127.0.0.1:9944
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = --url ] && url=${args[$((i + 1))]}; done

. scripts/lib.sh
if [ -n "${PROVA_PROVER:-}" ]; then
	prover=$PROVA_PROVER
else
	build_binaries
fi
export PROVA_URL=$url PROVA_KEY=$key
ensure_prover "$key" "$url" --capacity 1
exec "$prover" run --data-dir ".prova/prover-$(key_name "$key")" "$@"
