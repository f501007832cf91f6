#!/usr/bin/env bash
# What a first visit downloads: brotli bytes of WASM+JS per route (issue 12's budget).
#
# Usage: bench/bundle.sh            (or `make bench-bundle`; build first with `make build`)
# Starts the release server on a fresh demo database in a temp dir, then bench/bundle.mjs
# opens every route a visitor can land on in a new Chromium context (empty cache), records
# every script and WASM file the page loads or preloads until the network is quiet (and the
# islands have hydrated), and adds up their size as the server sends them with
# `Accept-Encoding: br` (the precompressed .br files). Three coordinator screens are measured
# the same way, logged in. Prints a markdown table and the worst public route; exits 1 when
# a public route is over BUDGET_KB (150).
#
# Settings (environment): BUDGET_KB (150), KERNPUNT_PORT (3320), SERVER_BIN
# (target/release/server), CHROMIUM_PATH (/usr/bin/chromium).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${KERNPUNT_PORT:-3320}"

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
[ -d "$root/end2end/node_modules/@playwright/test" ] \
    || die "Playwright is missing: run scripts/setup.sh test (or make setup-test)"
. "$root/bench/demo-server.sh"
start_demo_server "$port" bundle

BASE_URL="$base" node "$root/bench/bundle.mjs"
