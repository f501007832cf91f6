#!/usr/bin/env bash
# Starts the release server on a fresh demo database for the browser tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
server="${SERVER_BIN:-$root/target/release/server}"
db_dir="$(mktemp -d)"
export KERNPUNT_DATABASE="$db_dir/e2e.db"
export KERNPUNT_ADDR="127.0.0.1:${E2E_PORT:-3100}"
export KERNPUNT_SITE_ROOT="$root/target/site"
# Where the journeys read the mails the server "sent" (as .eml files).
export KERNPUNT_MAIL_DIR="${E2E_MAIL_DIR:-$db_dir/mail}"
rm -rf "$KERNPUNT_MAIL_DIR"
export KERNPUNT_LOG="${KERNPUNT_LOG:-warn}"
"$server" seed >/dev/null
exec "$server"
