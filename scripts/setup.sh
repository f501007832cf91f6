#!/usr/bin/env bash
# Installs what building (and, with "test", testing) Kernpunt needs, skipping what is there.
# Needs only the Rust toolchain (rustup), Node.js with npm, and apt.
#
#   scripts/setup.sh run    # build tools + CSS packages
#   scripts/setup.sh test   # the above + Playwright, axe-core and Chromium
set -euo pipefail

cd "$(dirname "$0")/.."
mode="${1:-run}"
tools="${KERNPUNT_TOOLS:-$HOME/.cache/kernpunt-tools}"
export PATH="$HOME/.cargo/bin:$tools/node_modules/.bin:$PATH"

cargo_leptos_version="0.3.10"
binaryen_version="132"
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"

step() { printf '\n==> %s\n' "$*"; }

# Tools are built optimised but without LTO: they run a few seconds per build, while a
# fully optimised install of cargo-leptos takes three times as long on two cores.
quick_install() {
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=off \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_DEBUG=false \
        cargo install "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the Rust wasm32 target (about 1 minute, once)…"
    rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos $cargo_leptos_version" ]; then
    step "Installing cargo-leptos $cargo_leptos_version (about 10 minutes, once)…"
    quick_install "cargo-leptos@$cargo_leptos_version" --locked --features no_downloads
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]; then
    step "Installing the wasm-bindgen CLI $wasm_bindgen_version (about 4 minutes, once)…"
    # Not --locked: the CLI's own lock file may need a newer rustc than this machine's.
    quick_install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $binaryen_version"; then
    step "Installing wasm-opt (binaryen $binaryen_version from npm, once)…"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "binaryen@$binaryen_version"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    step "Installing the NL Design System CSS packages…"
    npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$mode" = "test" ]; then
    if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules ]; then
        step "Installing Playwright and axe-core…"
        (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
    fi
    if [ ! -x /usr/bin/chromium ]; then
        step "Installing Chromium from Debian (a few minutes, once)…"
        sudo_cmd=""
        [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
    fi
fi
