# Helpers shared by the scripts in this folder; sourced, not run.

# target_dir: prints Cargo's target directory (CARGO_TARGET_DIR or ./target).
target_dir() {
	cargo metadata --format-version 1 --no-deps |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

# build_node [cargo build flags...]: builds prova-node (in release when the
# flags include --release) and sets $node to the path of the binary.
build_node() {
	local profile=debug flag
	for flag in "$@"; do [ "$flag" = --release ] && profile=release; done
	cargo build --locked -p prova-node "$@"
	node="$(target_dir)/$profile/prova-node"
}

# build_binaries: builds prova-node and prova-prover (debug) and sets $node
# and $prover to their paths. Two builds, not one: built together, Cargo
# unifies the features of their shared dependencies and rebuilds the node's
# whole dependency tree (tens of minutes) instead of reusing the test build's.
build_binaries() {
	cargo build --locked -p prova-node
	cargo build --locked -p prova-prover
	node="$(target_dir)/debug/prova-node"
	prover="$(target_dir)/debug/prova-prover"
}

# wait_for_rpc URL SECONDS: waits until a node answers on URL (ws://host:port).
wait_for_rpc() {
	python3 - "${1/ws:/http:}" "$2" <<'PY'
import json, sys, time, urllib.request

url, limit = sys.argv[1], float(sys.argv[2])
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "system_health", "params": []}).encode()
deadline = time.time() + limit
while True:
    try:
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5).read()
        break
    except OSError:
        if time.time() > deadline:
            sys.exit(f"no node answered on {url} within {limit:.0f} s")
        time.sleep(1)
PY
}
