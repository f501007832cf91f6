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
server="${SERVER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}"
port="${KERNPUNT_PORT:-3320}"

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
[ -x "$server" ] || die "no server binary at $server: build first (make build) or set SERVER_BIN"
[ -d "$root/end2end/node_modules/@playwright/test" ] \
    || die "Playwright is missing: run scripts/setup.sh test (or make setup-test)"

work="$(mktemp -d "${TMPDIR:-/tmp}/kernpunt-bundle.XXXXXX")"
server_pid=""
cleanup() {
    set +e
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

export KERNPUNT_DATABASE="$work/bundle.db" KERNPUNT_ADDR="127.0.0.1:$port" \
       KERNPUNT_SITE_ROOT="${KERNPUNT_SITE_ROOT:-$root/target/site}" \
       KERNPUNT_MAIL_DIR="$work/mail" KERNPUNT_LOG=warn
"$server" seed >/dev/null
"$server" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server stopped at start"; }
    sleep 0.1
done

BASE_URL="http://127.0.0.1:$port" node "$root/bench/bundle.mjs"
