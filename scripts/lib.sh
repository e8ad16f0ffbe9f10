# Helpers shared by the scripts in this folder; sourced, not run.

# target_dir: prints Cargo's target directory (CARGO_TARGET_DIR or ./target).
target_dir() {
	cargo metadata --format-version 1 --no-deps |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

# The features of the workspace's one test build: the pallets' benchmarks run
# as tests there. Every script that needs debug binaries builds with these
# flags so that Cargo reuses that build's artifacts instead of building the
# dependency tree again for another feature set.
workspace_features=pallet-validator-set/runtime-benchmarks,pallet-provers/runtime-benchmarks
workspace_features+=,pallet-plonky2-verifier/runtime-benchmarks,pallet-proof-market/runtime-benchmarks

# build_binaries: builds the workspace as scripts/test.sh does (its test
# binaries too, so a later test run builds nothing new) and sets $node and
# $prover to the debug prova-node and prova-prover.
build_binaries() {
	cargo test --workspace --locked --no-run --features "$workspace_features"
	node="$(target_dir)/debug/prova-node"
	prover="$(target_dir)/debug/prova-prover"
}

# build_node [--release] [cargo build flags...]: sets $node to a prova-node
# binary: without flags the debug one of build_binaries; with flags (a release
# or benchmarking node) a build of prova-node alone with them.
build_node() {
	if [ $# -eq 0 ]; then
		build_binaries
		return
	fi
	local profile=debug flag
	for flag in "$@"; do [ "$flag" = --release ] && profile=release; done
	cargo build --locked -p prova-node "$@"
	node="$(target_dir)/$profile/prova-node"
}

# binaries: sets $node and $prover to PROVA_NODE and PROVA_PROVER where both
# are set (already-built binaries), else builds them (build_binaries).
binaries() {
	if [ -n "${PROVA_NODE:-}" ] && [ -n "${PROVA_PROVER:-}" ]; then
		node=$PROVA_NODE prover=$PROVA_PROVER
		[ -x "$node" ] || { echo "no prova-node at $node" >&2; return 1; }
		[ -x "$prover" ] || { echo "no prova-prover at $prover" >&2; return 1; }
	else
		build_binaries
	fi
}

# wait_for_daemon LOG SECONDS PID [LINE]: waits until the prover daemon PID,
# logging to LOG, has sent what was pending, built the circuits it serves and
# follows blocks (its "following blocks" line: offers made before would
# lapse), or until it logged LINE.
wait_for_daemon() {
	local log=$1 timeout=$2 pid=$3 line=${4:-following blocks} waited=0
	until grep -q "$line" "$log" 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "the prover daemon exited (log: $log)" >&2
			return 1
		fi
		if [ "$waited" -ge "$timeout" ]; then
			echo "the prover daemon was not ready after $timeout s (log: $log)" >&2
			return 1
		fi
		sleep 1
		waited=$((waited + 1))
	done
}

# wait_for_rpc URL SECONDS [PID]: waits until a node answers on URL
# (ws://host:port); with PID, gives up as soon as that process has exited.
wait_for_rpc() {
	python3 - "${1/ws:/http:}" "$2" "${3:-}" <<'PY'
import json, os, sys, time, urllib.request

url, limit, pid = sys.argv[1], float(sys.argv[2]), sys.argv[3]
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "system_health", "params": []}).encode()
deadline = time.time() + limit
while True:
    try:
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5).read()
        break
    except OSError:
        if pid:
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                sys.exit(f"process {pid} exited before a node answered on {url}")
        if time.time() > deadline:
            sys.exit(f"no node answered on {url} within {limit:.0f} s")
        time.sleep(1)
PY
}

# wait_for_finality SECONDS BLOCKS URL...: waits until every node at URL...
# (ws://host:port) has finalized at least BLOCKS blocks and is connected to
# all the others, then prints each one's peers, best and finalized block.
wait_for_finality() {
	python3 - "$@" <<'PY'
import json, sys, time, urllib.request

limit, blocks, urls = float(sys.argv[1]), int(sys.argv[2]), [u.replace("ws:", "http:", 1) for u in sys.argv[3:]]

def call(url, method, params=()):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request, timeout=5))["result"]

def state(url):
    peers = call(url, "system_health")["peers"]
    best = int(call(url, "chain_getHeader")["number"], 16)
    finalized = int(call(url, "chain_getHeader", [call(url, "chain_getFinalizedHead")])["number"], 16)
    return peers, best, finalized

deadline = time.time() + limit
while True:
    try:
        states = [state(url) for url in urls]
        if all(p >= len(urls) - 1 and f >= blocks for p, _, f in states):
            break
    except (OSError, KeyError, ValueError):
        states = None
    if time.time() > deadline:
        sys.exit(f"the nodes did not all peer and finalize block {blocks} within {limit:.0f} s: "
                 + ("unreachable" if states is None else
                    ", ".join(f"{u}: {p} peers, best {b}, finalized {f}" for u, (p, b, f) in zip(urls, states))))
    time.sleep(1)
for url, (peers, best, finalized) in zip(urls, states):
    print(f"{url}: {peers} peers, best #{best}, finalized #{finalized}")
PY
}

# The demo's workloads, at 2^12 rows (about a second per proof in a debug build).
demo_circuits=(poseidon_chain-12 merkle_root-12 fibonacci-12)

# register_circuits URL: builds, registers and lists the demo's circuits
# through the node at URL (Alice owns them; what is already done is skipped).
# Needs $prover.
register_circuits() {
	"$prover" --url "$1" circuits register --key //Alice --degree 12
}

# ensure_prover KEY URL [register options]: registers KEY as a prover through
# the node at URL unless it already is one (5,000 PROVA bonded, ask 0.01
# PROVA per unit of work). Needs $prover.
ensure_prover() {
	local key=$1 url=$2
	shift 2
	"$prover" --url "$url" status --key "$key" >/dev/null 2>&1 ||
		"$prover" --url "$url" register --key "$key" --bond 5000 --ask 0.01 "$@"
}

# key_name KEY: a name for files from a key (//Bob -> Bob).
key_name() {
	local name
	name=$(printf '%s' "$1" | tr -c 'A-Za-z0-9' '_' | sed 's/^_*//')
	printf '%s\n' "${name:-key}"
}

# submit_demo_requests KEY PER_WORKLOAD URL...: submits PER_WORKLOAD requests
# of each demo circuit from KEY (inputs sample:1, sample:2 ...; deadline 40
# blocks), sending them to the nodes at URL... in turn, and appends their ids
# to the array demo_ids. Needs $prover.
submit_demo_requests() {
	local key=$1 per_workload=$2 seed circuit id url try n=0
	shift 2
	local urls=("$@")
	for seed in $(seq 1 "$per_workload"); do
		for circuit in "${demo_circuits[@]}"; do
			url=${urls[$((n % ${#urls[@]}))]}
			n=$((n + 1))
			# A retry covers a node that has not yet imported the block with
			# KEY's previous request (its nonce would be taken again).
			for try in 1 2 3; do
				id=$("$prover" --url "$url" request submit --key "$key" --circuit "$circuit" \
					--input "sample:$seed" --deadline 40) && break
				[ "$try" -lt 3 ] || return 1
				sleep 2
			done
			echo "request $id: $circuit, input sample:$seed, sent to $url"
			demo_ids+=("$id")
		done
	done
}

# wait_requests URL ID...: follows each request to its end through the node
# at URL; fails if one ends without a proof or is still open after 300 s.
wait_requests() {
	local url=$1 id
	shift
	for id in "$@"; do
		printf '\n\033[1mrequest %s\033[0m\n' "$id"
		"$prover" --url "$url" request wait "$id" --timeout 300
	done
}
