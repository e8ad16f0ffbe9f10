#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test Prova.
# Idempotent: every step checks before it acts, so CI runs it on every submission.
set -euo pipefail

say() { printf '[setup] %s\n' "$*"; }

# System packages: protoc and libclang for the node's build scripts, mold (the
# linker .cargo/config.toml names), Mesa's lavapipe Vulkan driver for the GPU
# backend's tests, chromium for the web app's browser tests (scripts/test-web.sh).
need=()
for pkg in protobuf-compiler clang libclang-dev mold mesa-vulkan-drivers libvulkan1 chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  say "Debian packages present"
fi

# Rust: the toolchain pinned in rust-toolchain.toml, with its wasm target.
cd "$(dirname "$0")/.."
toolchain=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
rustup toolchain list | grep -q "^${toolchain}" || rustup toolchain install "$toolchain" --profile minimal
rustup target list --installed --toolchain "$toolchain" | grep -q '^wasm32v1-none$' \
  || rustup target add wasm32v1-none --toolchain "$toolchain"
for comp in rustfmt clippy; do
  rustup component list --installed --toolchain "$toolchain" | grep -q "^${comp}" \
    || rustup component add "$comp" --toolchain "$toolchain"
done
# Node.js 20+ and npm for the polkadot.js tests (tests/js); the machine image
# has them, a bare Debian gets its own packages.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
node_major=$(node --version | sed 's/^v\([0-9]*\).*/\1/')
[ "$node_major" -ge 18 ] || say "warning: Node.js $(node --version) is older than the polkadot.js tests need (18+)"
[ "$node_major" -ge 20 ] || say "warning: Node.js $(node --version) is older than the web app's Vite needs (20.19+)"
command -v cargo-nextest >/dev/null || say "cargo-nextest not found: tests run with plain cargo test"
say "ready: $(rustc +"$toolchain" --version), protoc $(protoc --version | cut -d' ' -f2)"
