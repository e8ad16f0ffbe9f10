#!/usr/bin/env bash
# Regenerates prover-client/prover/metadata/prova.scale, the runtime metadata
# (V16, with runtime APIs) that prova-prover's subxt code is generated from.
# Run it after any change to the runtime's calls, events, storage or APIs;
# `cargo test -p prova-prover --test network` fails until you do.
#
# It starts a throwaway `prova-node --dev` on loopback and asks the runtime for
# `Metadata_metadata_at_version(16)` (state_getMetadata would give V14, which
# has no runtime APIs).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh
build_node

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
"$node" --dev --tmp --rpc-port "$port" --port 0 --no-prometheus >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT

wait_for_rpc "ws://127.0.0.1:$port" 120
out=prover-client/prover/metadata/prova.scale
python3 - "$port" "$out" <<'PY'
import json, sys, urllib.request

port, out = sys.argv[1], sys.argv[2]

def call(method, params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        reply = json.load(resp)
    if "error" in reply:
        raise SystemExit(f"{method}: {reply['error']}")
    return reply["result"]

# SCALE u32 16 as the argument; the result is Option<OpaqueMetadata>:
# 0x01, a compact length, then the metadata bytes (starting with b"meta").
raw = bytes.fromhex(call("state_call", ["Metadata_metadata_at_version", "0x10000000"])[2:])
if raw[:1] != b"\x01":
    raise SystemExit("the runtime has no V16 metadata")
body = raw[1:]
mode = body[0] & 3
skip = {0: 1, 1: 2, 2: 4}.get(mode, 1 + (body[0] >> 2) + 4)
metadata = body[skip:]
if metadata[:4] != b"meta":
    raise SystemExit("unexpected metadata encoding")
with open(out, "wb") as f:
    f.write(metadata)
print(f"wrote {out} ({len(metadata)} bytes)")
PY
