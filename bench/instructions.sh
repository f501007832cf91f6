#!/usr/bin/env bash
# Instructions the server spends per rendered request, counted by valgrind's callgrind:
# repeatable where wrk's requests/s vary by ±25 % on a shared 2-core machine, so a small
# render change can be judged before and after.
#
# Usage: bench/instructions.sh [PATH...]          (default: /privacy /gebieden /kennisbank)
#   BIN=/tmp/old-server bench/instructions.sh /gebieden/lindenplein
# For each path the server runs twice under callgrind on the demo data (a fresh seeded
# database in a temp dir), answering N and then 2N requests after a warm-up, each with a
# session cookie of no session (so the page cache is skipped and every request renders);
# the difference divided by N is the cost of one request, start-up and shutdown cancelled
# out. Background workers (mail, digests) run meanwhile, so bigger pages still vary by a
# few percent; compare binaries in one run. An old binary needs the hash.txt of its build
# beside it to name the same assets.
#
# Settings (environment): BIN (target/release/server), N (100), PORT (3320).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}"
n="${N:-100}"
port="${PORT:-3320}"
if [ "$#" -gt 0 ]; then paths=("$@"); else paths=(/privacy /gebieden /kennisbank); fi

[ -x "$bin" ] || { echo "error: no server binary at $bin: build first (make build) or set BIN" >&2; exit 1; }
if ! command -v valgrind >/dev/null || ! command -v curl >/dev/null; then
    echo "==> Installing valgrind and curl from Debian…" >&2
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq valgrind curl >/dev/null
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kernpunt-instructions.XXXXXX")"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

export KERNPUNT_DATABASE="$work/demo.db" KERNPUNT_ADDR="127.0.0.1:$port" KERNPUNT_LOG=warn \
       KERNPUNT_SITE_ROOT="${KERNPUNT_SITE_ROOT:-$root/target/site}" KERNPUNT_MAIL_DIR="$work/mail"
"$bin" seed >/dev/null
cookie="Cookie: kernpunt_sessie=$(printf '0%.0s' $(seq 64))"

# Total instructions of one server run that answers `count` requests for `path`.
instructions() {
    local path="$1" count="$2"
    rm -f "$work"/callgrind.*
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" "$bin" >/dev/null 2>&1 &
    server_pid=$!
    for _ in $(seq 120); do
        curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
        sleep 0.5
    done
    for _ in $(seq 5); do curl -s -o /dev/null -H "$cookie" "http://127.0.0.1:$port$path"; done
    for _ in $(seq "$count"); do curl -s -o /dev/null -H "$cookie" "http://127.0.0.1:$port$path"; done
    kill -INT "$server_pid"
    wait "$server_pid" || true
    server_pid=""
    awk '/^(summary|totals):/ { print $2; exit }' "$work"/callgrind.*
}

printf '| path | instructions per request |\n| --- | ---: |\n'
for path in "${paths[@]}"; do
    once="$(instructions "$path" "$n")"
    twice="$(instructions "$path" $((2 * n)))"
    printf '| %s | %s |\n' "$path" "$(( (twice - once) / n ))"
done
