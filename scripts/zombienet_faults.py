#!/usr/bin/env python3
"""Faults on the running zombienet network (steps 8 and 9 of zombienet.sh).

zombienet's native provider starts each validator as a plain process; this
tool stops and restarts them with the same command line (found by the RPC
port in /proc), optionally accepting only reserved peers, which is how a
partition is made on loopback: the restarted half refuses the other half,
and healing adds the other half as reserved peers over RPC. It reads the
network's layout from the environment zombienet.sh exports
(PROVA_ZN_RPC_PORT, PROVA_ZN_P2P_PORT) and keeps its state in PROVA_ZN_DIR:
`<name>.cmdline` (the command a stopped node restarts with) and
`restarted.pids` (what zombienet.sh's cleanup must stop, since zombienet
does not know the restarted processes).

  zombienet_faults.py stop NAME
  zombienet_faults.py start NAME [RESERVED_NAME...]   reserved-only when names follow
  zombienet_faults.py heal NAME... --to NAME...        adds reserved peers
  zombienet_faults.py finality-stalls SECONDS NAME...  best grows, finality does not
  zombienet_faults.py same-finalized NAME...           one finalized chain on all
  zombienet_faults.py finalized NAME                   prints the finalized number
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

NAMES = ["alice", "bob", "charlie", "dave"]
RPC = int(os.environ.get("PROVA_ZN_RPC_PORT", "9944"))
P2P = int(os.environ.get("PROVA_ZN_P2P_PORT", "30333"))
DIR = os.environ["PROVA_ZN_DIR"]


def rpc_port(name):
    return RPC + NAMES.index(name)


def call(name, method, params=()):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
    request = urllib.request.Request(
        f"http://127.0.0.1:{rpc_port(name)}", body.encode(), {"Content-Type": "application/json"}
    )
    reply = json.load(urllib.request.urlopen(request, timeout=5))
    if "error" in reply:
        raise RuntimeError(f"{name}: {method}: {reply['error']}")
    return reply["result"]


def best(name):
    return int(call(name, "chain_getHeader")["number"], 16)


def finalized(name):
    head = call(name, "chain_getFinalizedHead")
    return int(call(name, "chain_getHeader", [head])["number"], 16)


def multiaddr(name):
    """`name`'s address, asked of the node, or saved when it was stopped
    (zombienet derives node keys from names, so a restart keeps its peer id)."""
    saved = os.path.join(DIR, f"{name}.addr")
    try:
        peer = call(name, "system_localPeerId")
    except OSError:
        return open(saved).read().strip()
    address = f"/ip4/127.0.0.1/tcp/{P2P + NAMES.index(name)}/ws/p2p/{peer}"
    with open(saved, "w") as f:
        f.write(address)
    return address


def node_pid(name):
    """The process serving `name`'s RPC port, by its command line."""
    port = str(rpc_port(name))
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        args = [a.decode(errors="replace") for a in argv if a]
        if "--rpc-port" in args and args[args.index("--rpc-port") + 1 : args.index("--rpc-port") + 2] == [port]:
            if any(a.endswith("prova-node") for a in args[:1]):
                return int(pid), args
    sys.exit(f"no prova-node serves {name}'s RPC port {port}")


def wait(condition, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return
        except (OSError, RuntimeError, KeyError, ValueError):
            pass
        time.sleep(1)
    sys.exit(f"timed out after {seconds} s waiting for {what}")


def stop(name):
    multiaddr(name)
    pid, args = node_pid(name)
    with open(os.path.join(DIR, f"{name}.cmdline"), "w") as f:
        json.dump(args, f)
    os.kill(pid, signal.SIGTERM)
    wait(lambda: not os.path.exists(f"/proc/{pid}") or _zombie(pid), 60, f"{name} (pid {pid}) to stop")
    print(f"{name} stopped (pid {pid})")


def _zombie(pid):
    try:
        return open(f"/proc/{pid}/stat").read().split()[2] == "Z"
    except OSError:
        return True


def start(name, reserved):
    args = json.load(open(os.path.join(DIR, f"{name}.cmdline")))
    # Drop what an earlier restart added.
    if "--reserved-only" in args:
        args = args[: args.index("--reserved-only")]
    if reserved:
        args += ["--reserved-only", "--reserved-nodes", *[multiaddr(peer) for peer in reserved]]
    log = open(os.path.join(DIR, f"{name}.log"), "a")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    with open(os.path.join(DIR, "restarted.pids"), "a") as f:
        f.write(f"{process.pid}\n")
    wait(lambda: best(name) >= 0, 120, f"{name}'s RPC after restart")
    print(f"{name} restarted (pid {process.pid})" + (f", reserved-only with {reserved}" if reserved else ""))


def heal(names, to):
    for name in names:
        for peer in to:
            call(name, "system_addReservedPeer", [multiaddr(peer)])
    print(f"{', '.join(names)} now also peer with {', '.join(to)}")


def finality_stalls(seconds, names):
    before = {n: (best(n), finalized(n)) for n in names}
    time.sleep(seconds)
    for n in names:
        (best0, final0), best1, final1 = before[n], best(n), finalized(n)
        print(f"{n}: best #{best0} -> #{best1}, finalized #{final0} -> #{final1}")
        if best1 < best0 + 3:
            sys.exit(f"{n} stopped authoring or importing during the partition")
        # A round already voted may still complete; nothing beyond it.
        if final1 > final0 + 2:
            sys.exit(f"{n} finalized {final1 - final0} blocks with half the validators")


def same_finalized(names):
    low = min(finalized(n) for n in names)
    for height in range(1, low + 1):
        hashes = {n: call(n, "chain_getBlockHash", [height]) for n in names}
        if len(set(hashes.values())) != 1:
            sys.exit(f"the nodes disagree on finalized block #{height}: {hashes}")
    print(f"all of {', '.join(names)} have the same blocks #1..#{low}, all finalized")


def main(argv):
    command, rest = argv[0], argv[1:]
    if command == "stop":
        stop(rest[0])
    elif command == "start":
        start(rest[0], rest[1:])
    elif command == "heal":
        split = rest.index("--to")
        heal(rest[:split], rest[split + 1 :])
    elif command == "finality-stalls":
        finality_stalls(float(rest[0]), rest[1:])
    elif command == "same-finalized":
        same_finalized(rest)
    elif command == "finalized":
        print(finalized(rest[0]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
