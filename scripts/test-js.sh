#!/usr/bin/env bash
# The polkadot.js tests (tests/js): starts `prova-node --dev --tmp` on
# loopback with free ports, installs the test package (`npm ci`) and runs
# `node --test` against the node, then stops the node.
#
# The node binary must be built already (scripts/test.sh builds it first):
# ${CARGO_TARGET_DIR:-target}/debug/prova-node, or PROVA_NODE=/path/to/prova-node.
# PROVA_JS_TIMEOUT (default 240) limits the tests' run in seconds; the node's
# log is in .prova/js-node.log.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

node_bin=${PROVA_NODE:-$(target_dir)/debug/prova-node}
limit=${PROVA_JS_TIMEOUT:-240}
[ -x "$node_bin" ] || { echo "[test-js] no node binary at $node_bin (cargo build -p prova-node)" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null ||
	{ echo "[test-js] node and npm are needed (Node.js 20 or later)" >&2; exit 1; }

# Two free TCP ports on 127.0.0.1, picked by the OS.
read -r rpc_port p2p_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
')
url=ws://127.0.0.1:$rpc_port
mkdir -p .prova
log=.prova/js-node.log

node_pid=
cleanup() {
	if [ -n "$node_pid" ]; then
		kill "$node_pid" 2>/dev/null || true
		wait "$node_pid" 2>/dev/null || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$(date +%s)
"$node_bin" --dev --tmp --rpc-port "$rpc_port" --listen-addr "/ip4/127.0.0.1/tcp/$p2p_port" \
	--no-mdns --no-telemetry --no-prometheus --name prova-js >"$log" 2>&1 &
node_pid=$!
if ! wait_for_rpc "$url" 120; then
	tail -n 30 "$log" >&2
	exit 1
fi

(cd tests/js && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "[test-js] polkadot.js tests against $url (node log: $log)"
status=0
(cd tests/js && PROVA_WS_URL=$url timeout --kill-after=10 "$limit" node --test --test-reporter=spec) || status=$?
if [ "$status" -ne 0 ]; then
	[ "$status" -eq 124 ] && echo "[test-js] the tests ran past ${limit} s" >&2
	echo "[test-js] failed; the node's last lines:" >&2
	tail -n 30 "$log" >&2
	exit "$status"
fi
echo "[test-js] passed in $(( $(date +%s) - start )) s"
