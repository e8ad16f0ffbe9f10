#!/usr/bin/env bash
# The web app's browser tests (web/test): starts `prova-node --dev --tmp` on
# loopback with free ports, lists the demo circuits (Alice), registers Bob as
# a prover and starts his daemon, registers Charlie and chills him, sends one
# demo request of each workload (Dave), builds and serves the app with
# scripts/web.sh, and runs `node --test` in web/, which drives Debian's
# chromium through playwright-core. Stops everything it started.
#
# Binaries: ${CARGO_TARGET_DIR:-target}/debug/prova-node and prova-prover, or
# PROVA_NODE and PROVA_PROVER. CHROMIUM (default: chromium on PATH) is the
# browser. PROVA_WEB_TIMEOUT (default 300) limits the browser tests in
# seconds. Logs are in .prova/web-test/; screenshots go to web/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

node_bin=${PROVA_NODE:-}
prover=${PROVA_PROVER:-}
if [ -z "$node_bin" ] || [ -z "$prover" ]; then
	target=$(target_dir)
	node_bin=${node_bin:-$target/debug/prova-node}
	prover=${prover:-$target/debug/prova-prover}
fi
limit=${PROVA_WEB_TIMEOUT:-300}
chromium_bin=${CHROMIUM:-$(command -v chromium || true)}
for bin in "$node_bin" "$prover"; do
	[ -x "$bin" ] || { echo "[test-web] no binary at $bin (cargo test --no-run builds it; or set PROVA_NODE and PROVA_PROVER)" >&2; exit 1; }
done
[ -n "$chromium_bin" ] && [ -x "$chromium_bin" ] ||
	{ echo "[test-web] chromium is needed (scripts/setup.sh installs Debian's chromium; or set CHROMIUM)" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null ||
	{ echo "[test-web] node and npm are needed (Node.js 20.19 or later)" >&2; exit 1; }

# Three free TCP ports on 127.0.0.1, picked by the OS: RPC, p2p, web.
read -r rpc_port p2p_port web_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
')
url=ws://127.0.0.1:$rpc_port
web=http://127.0.0.1:$web_port
logs=.prova/web-test
rm -rf "$logs" web/screenshots/failure.png
mkdir -p "$logs"

pids=()
cleanup() {
	local pid
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# fail MESSAGE LOG...: prints the message and the logs' last lines, exits.
fail() {
	local message=$1 log
	shift
	echo "[test-web] $message" >&2
	for log in "$@"; do
		echo "--- $log" >&2
		tail -n 25 "$log" >&2
	done
	exit 1
}

start=$(date +%s)
"$node_bin" --dev --tmp --rpc-port "$rpc_port" --listen-addr "/ip4/127.0.0.1/tcp/$p2p_port" \
	--no-mdns --no-telemetry --no-prometheus --name prova-web >"$logs/node.log" 2>&1 &
pids+=($!)
node_pid=$!
# The app is installed, type-checked, built and served meanwhile.
scripts/web.sh --port "$web_port" --rpc "$url" >"$logs/web.log" 2>&1 &
pids+=($!)
web_pid=$!
wait_for_rpc "$url" 120 "$node_pid" || fail "the node did not start" "$logs/node.log"

export PROVA_URL=$url
echo "[test-web] dev node on $url; listing the demo circuits, starting Bob's daemon"
register_circuits "$url" >"$logs/circuits.log" 2>&1 || fail "registering the circuits failed" "$logs/circuits.log"
ensure_prover //Bob "$url" --capacity 2 >"$logs/register.log" 2>&1 || fail "registering Bob failed" "$logs/register.log"
"$prover" run --key //Bob --data-dir "$logs/prover-Bob" --capacity 2 --backend cpu >"$logs/prover-Bob.log" 2>&1 &
pids+=($!)
bob_pid=$!
# A second prover, chilled: registered, but taking no work (no daemon). It
# asks 0.02 PROVA per unit, more than the requests here offer.
{ "$prover" register --key //Charlie --bond 2000 --ask 0.02 --commission 5 --capacity 1 && "$prover" chill --key //Charlie; } \
	>"$logs/charlie.log" 2>&1 &
charlie_pid=$!
wait_for_daemon "$logs/prover-Bob.log" 300 "$bob_pid" || fail "Bob's daemon did not start" "$logs/prover-Bob.log"

# One request of each workload from Dave, sent while the browser starts: the
# market page must show them settle.
demo_requests=${#demo_circuits[@]}
(demo_ids=() && submit_demo_requests //Dave 1 "$url") >"$logs/demo.log" 2>&1 &
pids+=($!)
wait "$charlie_pid" || fail "registering and chilling Charlie failed" "$logs/charlie.log"

# The app, served by scripts/web.sh.
python3 - "$web" "$web_pid" <<'PY' || fail "scripts/web.sh did not serve the app" "$logs/web.log"
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 240
while True:
    try:
        urllib.request.urlopen(url, timeout=5).read()
        break
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            sys.exit("scripts/web.sh exited")
        if time.time() > deadline:
            sys.exit(f"nothing served on {url}")
        time.sleep(1)
PY

echo "[test-web] browser tests: chromium against $web (node $url, logs $logs/) after $(( $(date +%s) - start )) s of setup"
status=0
(cd web && PROVA_WS_URL=$url PROVA_WEB_URL=$web CHROMIUM=$chromium_bin PROVA_DEMO_REQUESTS=$demo_requests \
	timeout --kill-after=10 "$limit" node --test --test-reporter=spec --test-concurrency=1 test/) || status=$?
if [ "$status" -ne 0 ]; then
	[ "$status" -eq 124 ] && echo "[test-web] the browser tests ran past ${limit} s" >&2
	fail "failed (screenshot of the failure: web/screenshots/failure.png)" "$logs/node.log" "$logs/prover-Bob.log" "$logs/demo.log"
fi
echo "[test-web] passed in $(( $(date +%s) - start )) s; screenshots in web/screenshots/"
