#!/usr/bin/env bash
# Sign-ups per second through HTTP with 64 concurrent clients, and their latency (p50, p95,
# p99, max), for a roomy session (everything confirmed) and one with 50 places (the rest joins
# the waiting list); then checks that the database holds exactly one registration per
# successful response and that no session is overbooked. The work is done by
# server/examples/signup_bench.rs, built in release mode; it starts the real router in its own
# process on loopback with a fresh database in a temp dir, so nothing needs to be built or
# running first.
#
# Usage: bench/signups.sh             e.g. CLIENTS=128 DURATION=20s bench/signups.sh
# Settings (environment): CLIENTS (64), DURATION (10s, per session), WARMUP (2s, or 0).
# Run it on an otherwise idle machine: the clients and the server share the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --release -p server --example signup_bench
