#!/usr/bin/env bash
# Requests per second of an area profile page (/gebieden/{slug}) on loopback, with wrk.
# Usage: bench/area-profile.sh [duration, default 15s] [connections, default 32]
# Build first (`make build`); installs wrk from Debian when it is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
server="${SERVER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}"
duration="${1:-15s}"
connections="${2:-32}"
port=3200

if ! command -v wrk >/dev/null; then
    echo "==> Installing wrk from Debian…"
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi

work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
export KERNPUNT_DATABASE="$work/bench.db" KERNPUNT_ADDR="127.0.0.1:$port" \
       KERNPUNT_SITE_ROOT="$root/target/site" KERNPUNT_LOG=warn
"$server" seed >/dev/null
"$server" & pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

url="http://127.0.0.1:$port/gebieden/lindenplein"
echo "==> wrk -t2 -c$connections -d$duration $url"
wrk -t2 -c"$connections" -d"$duration" --latency "$url"
echo "==> with brotli (as browsers ask)"
wrk -t2 -c"$connections" -d"$duration" -H "Accept-Encoding: br" "$url" | grep -E "Requests/sec|Latency"
