#!/usr/bin/env bash
# The main job, in one command: a local dev chain with a prover proving real
# requests.
#
# 1. builds prova-node and prova-prover (debug), or takes PROVA_NODE and
#    PROVA_PROVER when both are set;
# 2. starts `prova-node --dev --tmp` (Alice authors blocks) with RPC on
#    ws://127.0.0.1:9944, logging to .prova/dev-node.log;
# 3. registers and lists the three workloads' circuits at 2^12 rows (Alice
#    owns them; `circuits register` skips what is already done);
# 4. registers Bob as a prover and starts his daemon;
# 5. submits requests of each workload from Dave and follows each one from
#    queued to assigned, proved and settled;
# then leaves the chain and Bob's daemon running until Ctrl-C, with the web
# app (scripts/web.sh) served on http://127.0.0.1:8080/. Start a second
# prover from another terminal with `scripts/run-prover.sh //Charlie`.
#
# PROVA_DEMO_REQUESTS (default 2) sets the requests per workload;
# PROVA_DEMO_EXIT=1 stops everything once they are settled; PROVA_WEB=0
# leaves the web app out, PROVA_WEB_PORT moves it.
set -euo pipefail
cd "$(dirname "$0")/.."
per_workload=${PROVA_DEMO_REQUESTS:-2}

. scripts/lib.sh
binaries # PROVA_NODE and PROVA_PROVER, or a debug build
mkdir -p .prova
url=ws://127.0.0.1:9944
say() { printf '\n\033[1m[dev] %s\033[0m\n' "$*"; }

pids=()
cleanup() { [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

say "starting prova-node --dev (log: .prova/dev-node.log)"
"$node" --dev --tmp --rpc-port 9944 >.prova/dev-node.log 2>&1 &
pids+=($!)
wait_for_rpc "$url" 120 "${pids[0]}"

# The web app, installed, built and served meanwhile (log: .prova/web.log).
web_url=
if [ "${PROVA_WEB:-1}" != 0 ] && [ "${PROVA_DEMO_EXIT:-0}" != 1 ]; then
	if command -v npm >/dev/null; then
		web_port=${PROVA_WEB_PORT:-8080}
		scripts/web.sh --port "$web_port" --rpc "$url" >.prova/web.log 2>&1 &
		pids+=($!)
		web_url="http://127.0.0.1:$web_port/?rpc=$url"
		say "web app: $web_url (being built and served; log: .prova/web.log)"
	else
		say "no npm: the web app is left out (scripts/setup.sh installs Node.js)"
	fi
fi

export PROVA_URL=$url
say "registering and listing the circuits (Alice)"
register_circuits "$url"

say "registering Bob as a prover and starting his daemon"
ensure_prover //Bob "$url" --capacity 2
rm -rf .prova/prover-Bob
"$prover" run --key //Bob --data-dir .prova/prover-Bob --capacity 2 \
	2> >(tee .prova/prover-Bob.log >&2) &
pids+=($!)
say "waiting for Bob's daemon to build its circuits (log: .prova/prover-Bob.log)"
wait_for_daemon .prova/prover-Bob.log 600 "${pids[-1]}"

# Bob's free balance in planks, from `status --json`.
bob_free() { "$prover" status --key //Bob --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["free_balance"])'; }
bob_before=$(bob_free)

say "submitting $per_workload requests of each workload (Dave)"
demo_ids=()
submit_demo_requests //Dave "$per_workload" "$url"
wait_requests "$url" "${demo_ids[@]}"

say "all ${#demo_ids[@]} requests settled; Bob's record:"
"$prover" status --key //Bob --data-dir .prova/prover-Bob
bob_after=$(bob_free)
python3 -c 'import sys; b, a, n = map(int, sys.argv[1:]); print(f"Bob earned {(a - b) / 1e12:.4f} PROVA net of fees for {n} proofs (free balance {b / 1e12:.4f} -> {a / 1e12:.4f})")' \
	"$bob_before" "$bob_after" "${#demo_ids[@]}"

if [ "${PROVA_DEMO_EXIT:-0}" = 1 ]; then
	exit 0
fi
say "the chain and Bob's daemon keep running (Ctrl-C stops them)."
if [ -n "$web_url" ]; then
	# The page, once scripts/web.sh serves it (its first build takes a minute).
	for _ in $(seq 1 120); do
		python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$web_url" 2>/dev/null && break
		sleep 1
	done
	echo "  web app:           $web_url   (log: .prova/web.log)"
fi
echo "  a second prover:   scripts/run-prover.sh //Charlie"
echo "  another request:   $prover request submit --key //Dave --circuit fibonacci-12 --input sample:7 --wait"
echo "  circuits:          $prover circuits list"
wait
