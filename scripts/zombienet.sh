#!/usr/bin/env bash
# The four-validator network with two provers, in one command:
#
# 1. builds prova-node and prova-prover (debug), or takes PROVA_NODE and
#    PROVA_PROVER when both are set;
# 2. installs the pinned zombienet CLI into zombienet/node_modules (npm ci,
#    from zombienet/package-lock.json) unless that version is there already;
# 3. spawns zombienet/network.toml with the native provider: validators alice,
#    bob, charlie and dave on the `local` chain, on 127.0.0.1 only, RPC on
#    ports 9944 to 9947 (PROVA_ZN_RPC_PORT moves them), and waits until they
#    are connected to each other and finalize blocks;
# 4. registers the demo circuits (Alice), registers Dave and Eve as provers
#    and starts their daemons, Dave's on bob's RPC and Eve's on charlie's;
# 5. submits PROVA_DEMO_REQUESTS (default 1) requests of each workload from
#    Ferdie, to alice, bob and charlie in turn, follows each one to its
#    settlement and shows which prover fulfilled it;
# 6. runs one request through each other market mechanism (a sealed-bid
#    auction, a Dutch auction, the order book against a standing ask of
#    Dave's, an open race of both provers, and one routed by preferences),
#    each to a different validator, and follows each to its settlement;
# 7. enables the aggregated tier (Alice, the sudo key), starts Charlie's
#    daemon as an aggregator on alice's RPC and sends two aggregated
#    requests, which Dave and Eve claim and Charlie settles in one batch;
# 8. stops dave's node: the other three (GRANDPA's 3 of 4) keep finalizing
#    and a request sent meanwhile settles; dave restarts and catches up;
# 9. partitions the network (charlie and dave restart accepting only each
#    other), checks that neither half finalizes alone, heals it (the halves
#    add each other as reserved peers) and checks that finality resumes on
#    one chain: every node has the same finalized blocks;
# then keeps everything running until Ctrl-C, or stops it all and exits when
# PROVA_DEMO_EXIT=1. Everything it started is stopped on exit.
#
# Files: PROVA_ZN_DIR (default .prova/zombienet, emptied first): zombienet's
# own output in zombienet.log, the nodes' logs in alice.log, bob.log,
# charlie.log, their data in alice/ ..., the chain specs in local-plain.json
# and local.json (raw), the daemons' logs and journals in prover-Dave.log,
# prover-Dave/ and the same for Eve.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

per_workload=${PROVA_DEMO_REQUESTS:-1}
export PROVA_ZN_RPC_PORT=${PROVA_ZN_RPC_PORT:-9944}
export PROVA_ZN_P2P_PORT=${PROVA_ZN_P2P_PORT:-30333}
export PROVA_ZN_METRICS_PORT=${PROVA_ZN_METRICS_PORT:-9615}
names=(alice bob charlie dave)
urls=()
for i in 0 1 2 3; do urls+=("ws://127.0.0.1:$((PROVA_ZN_RPC_PORT + i))"); done
provers=(//Dave //Eve)
prover_urls=("${urls[1]}" "${urls[2]}")
requester=//Ferdie
say() { printf '\n\033[1m[zombienet] %s\033[0m\n' "$*"; }
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started)) s"; }

if [ -n "${PROVA_ZN_DIR:-}" ]; then
	dir=$PROVA_ZN_DIR
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
		echo "PROVA_ZN_DIR=$dir is not empty; give a new or empty folder" >&2
		exit 2
	fi
else
	dir=.prova/zombienet
	rm -rf "$dir"
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

binaries
node=$(realpath "$node") prover=$(realpath "$prover")
export PROVA_NODE=$node

# The zombienet CLI, at the version package.json pins.
command -v node >/dev/null && command -v npm >/dev/null ||
	{ echo "zombienet needs Node.js 18 or later and npm (scripts/setup.sh installs them)" >&2; exit 1; }
version_in() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d.get("dependencies", {}).get("@zombienet/cli") or d["version"])' "$1" 2>/dev/null || true; }
want=$(version_in zombienet/package.json)
if [ "$(version_in zombienet/node_modules/@zombienet/cli/package.json)" != "$want" ]; then
	say "installing @zombienet/cli $want into zombienet/node_modules"
	(cd zombienet && npm ci --no-audit --no-fund --loglevel=error)
fi
zombienet=$PWD/zombienet/node_modules/.bin/zombienet

zombienet_pid= prover_pids=()
# Stops the daemons, then zombienet (which kills the nodes it started); any
# node still alive after that is killed by the process id zombienet recorded.
cleanup() {
	local status=$? pid
	trap - EXIT INT TERM
	[ ${#prover_pids[@]} -eq 0 ] || kill "${prover_pids[@]}" 2>/dev/null || true
	if [ -n "$zombienet_pid" ] && kill -0 "$zombienet_pid" 2>/dev/null; then
		kill -TERM "$zombienet_pid" 2>/dev/null || true
		for _ in $(seq 1 30); do kill -0 "$zombienet_pid" 2>/dev/null || break; sleep 1; done
		kill -KILL "$zombienet_pid" 2>/dev/null || true
	fi
	for pid in $(node_pids) $(cat "$dir/restarted.pids" 2>/dev/null); do
		if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$node" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
	done
	wait 2>/dev/null || true
	[ "$status" -eq 0 ] || echo "[zombienet] failed; logs are in $dir" >&2
	exit "$status"
}
# The nodes' process ids, from zombienet's record of the launched network.
node_pids() {
	python3 - "$dir/zombie.json" <<'PY' 2>/dev/null || true
import json, sys
network = json.load(open(sys.argv[1]))
for process in network.get("client", {}).get("processMap", {}).values():
    if process.get("pid"):
        print(process["pid"])
PY
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "spawning zombienet/network.toml with the native provider (output: $dir/zombienet.log)"
"$zombienet" --provider native --dir "$dir" --force --logType text \
	spawn zombienet/network.toml >"$dir/zombienet.log" 2>&1 &
zombienet_pid=$!
for i in 0 1 2 3; do
	wait_for_rpc "${urls[$i]}" 300 "$zombienet_pid" || { tail -n 40 "$dir/zombienet.log" >&2; exit 1; }
	echo "${names[$i]}: ${urls[$i]} (log $dir/${names[$i]}.log)"
done
# zombienet writes zombie.json once it has checked every node.
for _ in $(seq 1 120); do
	[ -s "$dir/zombie.json" ] && break
	kill -0 "$zombienet_pid" 2>/dev/null || { tail -n 40 "$dir/zombienet.log" >&2; exit 1; }
	sleep 1
done
[ -s "$dir/zombie.json" ] || { echo "zombienet did not finish launching" >&2; exit 1; }
say "network launched after $(elapsed); waiting until all four validators are peered and finalize"
wait_for_finality 180 3 "${urls[@]}"

say "registering and listing the circuits (Alice, through alice)"
register_circuits "${urls[0]}"

for i in 0 1; do
	key=${provers[$i]} url=${prover_urls[$i]}
	name=$(key_name "$key")
	say "registering $name as a prover; its daemon talks to ${url} (log $dir/prover-$name.log)"
	ensure_prover "$key" "$url" --capacity 1
	"$prover" run --url "$url" --key "$key" --data-dir "$dir/prover-$name" --capacity 1 \
		>"$dir/prover-$name.log" 2>&1 &
	prover_pids+=($!)
done
for i in 0 1; do
	wait_for_daemon "$dir/prover-$(key_name "${provers[$i]}").log" 600 "${prover_pids[$i]}"
done

say "submitting $per_workload request(s) of each workload from $(key_name $requester), to each validator in turn"
demo_ids=()
submit_demo_requests "$requester" "$per_workload" "${urls[@]}"
wait_requests "${urls[0]}" "${demo_ids[@]}"

say "one request through each other mechanism, to each validator in turn"
"$prover" --url "${urls[1]}" ask post --key //Dave any:20@0.01 --units 4 >/dev/null
mechanism_ids=()
n=0
for mechanism in auction:2:2 dutch:0.005:10 book:expire race:2:open; do
	url=${urls[$((n % ${#urls[@]}))]}
	n=$((n + 1))
	id=$("$prover" --url "$url" request submit --key "$requester" --circuit fibonacci-12 \
		--input "sample:$((100 + n))" --deadline 40 --max-fee 0.05 --mechanism "$mechanism")
	echo "request $id: $mechanism, sent to $url"
	wait_requests "${urls[0]}" "$id"
	mechanism_ids+=("$id")
done
id=$("$prover" --url "${urls[2]}" request submit --key "$requester" --circuit fibonacci-12 \
	--input sample:200 --deadline 40 --max-fee 0.05 --qos speed=2,cost=10,safety=3,cr=1)
echo "request $id: routed by preferences (cost first), sent to ${urls[2]}"
wait_requests "${urls[0]}" "$id"
mechanism_ids+=("$id")
demo_ids+=("${mechanism_ids[@]}")

say "the aggregated tier: Alice enables it, Charlie aggregates (log $dir/prover-Charlie.log)"
"$prover" --url "${urls[0]}" circuits enable-aggregation --key //Alice
# Aggregators are registered provers; at this ask Charlie is never elected.
"$prover" --url "${urls[0]}" status --key //Charlie >/dev/null 2>&1 ||
	"$prover" --url "${urls[0]}" register --key //Charlie --bond 5000 --ask 1 --capacity 1
"$prover" run --url "${urls[0]}" --key //Charlie --data-dir "$dir/prover-Charlie" --capacity 1 \
	--aggregate --aggregate-listen "127.0.0.1:$((PROVA_ZN_RPC_PORT + 11))" --batch-size 2 \
	>"$dir/prover-Charlie.log" 2>&1 &
prover_pids+=($!)
wait_for_daemon "$dir/prover-Charlie.log" 600 "${prover_pids[2]}" "taking claimed proofs"
aggregated_ids=()
for seed in 300 301; do
	id=$("$prover" --url "${urls[1]}" request submit --key "$requester" --circuit fibonacci-12 \
		--input "sample:$seed" --deadline 40 --max-fee 0.05 --aggregated)
	echo "request $id: aggregated tier, sent to ${urls[1]}"
	aggregated_ids+=("$id")
done
wait_requests "${urls[0]}" "${aggregated_ids[@]}"
grep -q "batch settled" "$dir/prover-Charlie.log" ||
	{ echo "the aggregated requests settled without a batch (log: $dir/prover-Charlie.log)" >&2; exit 1; }
demo_ids+=("${aggregated_ids[@]}")

say "all ${#demo_ids[@]} requests settled after $(elapsed); who proved them:"
declare -A prover_name
for key in "${provers[@]}"; do
	account=$("$prover" --url "${urls[0]}" --json status --key "$key" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["account"])')
	prover_name[$account]=$(key_name "$key")
done
last=0
for id in "${demo_ids[@]}"; do
	read -r account at < <("$prover" --url "${urls[0]}" --json request get "$id" |
		python3 -c 'import json, sys; r = json.load(sys.stdin); print(r.get("prover", "?"), r.get("at", 0))')
	echo "request $id: fulfilled by ${prover_name[$account]:-$account} in block $at"
	[ "$at" -le "$last" ] || last=$at
done
# The daemons count a proof as accepted once its block is final.
wait_for_finality 60 $((last + 1)) "${urls[@]}"
sleep 3
for i in 0 1; do
	name=$(key_name "${provers[$i]}")
	say "$name's record"
	"$prover" --url "${urls[0]}" status --key "${provers[$i]}" --data-dir "$dir/prover-$name"
done

say "blocks authored (BABE) and finality on each validator"
for name in "${names[@]}"; do
	authored=$(grep -c 'Pre-sealed block' "$dir/$name.log" || true)
	echo "$name authored $authored blocks"
	[ "$authored" -gt 0 ] || { echo "$name has not authored a block: it is not in the validator set" >&2; exit 1; }
done
wait_for_finality 30 1 "${urls[@]}"

faults() { PROVA_ZN_DIR=$dir python3 scripts/zombienet_faults.py "$@"; }

say "one validator down: dave's node stops; alice, bob and charlie (3 of 4) keep finalizing and settling"
faults stop dave
before=$(faults finalized alice)
id=$("$prover" --url "${urls[0]}" request submit --key "$requester" --circuit fibonacci-12 \
	--input sample:400 --deadline 40 --max-fee 0.05)
echo "request $id sent to ${urls[0]} with dave down"
wait_requests "${urls[0]}" "$id"
wait_for_finality 120 $((before + 5)) "${urls[@]:0:3}"
say "dave restarts from its database and catches up"
faults start dave
wait_for_finality 180 $((before + 10)) "${urls[@]}"
faults same-finalized "${names[@]}"

say "partition: charlie and dave restart accepting only each other; neither half finalizes"
faults stop charlie
faults stop dave
faults start charlie dave
faults start dave charlie
faults finality-stalls 30 "${names[@]}"
say "healing: charlie and dave add alice and bob as reserved peers; finality resumes on one chain"
healed_from=$(faults finalized alice)
faults heal charlie dave --to alice bob
wait_for_finality 240 $((healed_from + 5)) "${urls[@]}"
faults same-finalized "${names[@]}"

if [ "${PROVA_DEMO_EXIT:-0}" = 1 ]; then
	say "done in $(elapsed); stopping the network"
	exit 0
fi
say "the network and both daemons keep running (Ctrl-C stops them all)."
echo "  RPC:        ${urls[*]}"
echo "  logs:       $dir/{alice,bob,charlie,prover-Dave,prover-Eve,prover-Charlie}.log"
echo "  a request:  $prover --url ${urls[1]} request submit --key //Ferdie --circuit fibonacci-12 --input sample:7 --wait"
echo "  a prover:   PROVA_PROVER=$prover scripts/run-prover.sh //Charlie --url ${urls[2]}"
wait "$zombienet_pid"
