#!/usr/bin/env bash
# Starts the `local` chain's two validators, Alice and Bob, on this machine
# (loopback only). RPC: Alice ws://127.0.0.1:9944, Bob ws://127.0.0.1:9945.
# Logs go to $PROVA_NET_DIR (default: a new temporary folder). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh
build_node
dir=${PROVA_NET_DIR:-$(mktemp -d)}
mkdir -p "$dir"

# Fixed p2p keys: validators need a stable identity, and Bob must know Alice's.
printf '%064x' 1 > "$dir/alice.key"
printf '%064x' 2 > "$dir/bob.key"
alice_peer=$("$node" key inspect-node-key --file "$dir/alice.key")

"$node" --chain local --alice --base-path "$dir/alice" --node-key-file "$dir/alice.key" \
	--listen-addr /ip4/127.0.0.1/tcp/30333 --rpc-port 9944 --prometheus-port 9615 --no-mdns \
	>"$dir/alice.log" 2>&1 &
alice_pid=$!
"$node" --chain local --bob --base-path "$dir/bob" --node-key-file "$dir/bob.key" \
	--listen-addr /ip4/127.0.0.1/tcp/30334 --rpc-port 9945 --prometheus-port 9616 --no-mdns \
	--bootnodes "/ip4/127.0.0.1/tcp/30333/p2p/$alice_peer" \
	>"$dir/bob.log" 2>&1 &
bob_pid=$!
trap 'kill -INT $alice_pid $bob_pid 2>/dev/null; wait' INT TERM EXIT

echo "alice: ws://127.0.0.1:9944 (log $dir/alice.log)"
echo "bob:   ws://127.0.0.1:9945 (log $dir/bob.log)"
echo "Ctrl-C stops both."
tail -f "$dir/alice.log"
