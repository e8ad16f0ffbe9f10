#!/usr/bin/env bash
# Builds Prova's web app (web/) and serves it on loopback:
#
#   scripts/web.sh                        # http://127.0.0.1:8080/, against ws://127.0.0.1:9944
#   scripts/web.sh --port 8081 --rpc ws://127.0.0.1:9945
#   scripts/web.sh --dev                  # Vite's dev server instead (reloads on edits)
#   scripts/web.sh --build                # build web/dist and stop
#
# The node URL is also chosen in the page (and by `?rpc=` in its address).
# Installs the pinned packages (`npm ci` from web/package-lock.json) when
# they are missing or the lockfile changed. PROVA_WEB_PORT and PROVA_WEB_RPC
# set the defaults.
set -euo pipefail
cd "$(dirname "$0")/../web"

port=${PROVA_WEB_PORT:-8080}
rpc=${PROVA_WEB_RPC:-ws://127.0.0.1:9944}
mode=serve
while [ $# -gt 0 ]; do
	case $1 in
	--port) port=$2; shift 2 ;;
	--rpc) rpc=$2; shift 2 ;;
	--dev) mode=dev; shift ;;
	--build) mode=build; shift ;;
	*) echo "usage: $0 [--port N] [--rpc ws://HOST:PORT] [--dev | --build]" >&2; exit 2 ;;
	esac
done
command -v node >/dev/null && command -v npm >/dev/null ||
	{ echo "[web] node and npm are needed (Node.js 20.19 or later; scripts/setup.sh)" >&2; exit 1; }

# npm ci only when node_modules is not what the lockfile says (a stamp of the
# lockfile it was installed from), so a second start takes a second.
if ! cmp -s package-lock.json node_modules/.prova-lock 2>/dev/null; then
	echo "[web] installing the pinned packages (npm ci)"
	timeout 300 npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null
	cp package-lock.json node_modules/.prova-lock
fi

url="http://127.0.0.1:$port/?rpc=$rpc"
case $mode in
dev)
	echo "[web] $url (Vite dev server)"
	exec node_modules/.bin/vite --host 127.0.0.1 --port "$port" --strictPort
	;;
build | serve)
	echo "[web] type-checking and building web/dist"
	node_modules/.bin/tsc --noEmit
	node_modules/.bin/vite build --logLevel warn
	[ "$mode" = build ] && exit 0
	echo "[web] serving web/dist on $url"
	exec node_modules/.bin/vite preview --host 127.0.0.1 --port "$port" --strictPort
	;;
esac
