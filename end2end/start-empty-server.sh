#!/usr/bin/env bash
# Starts the release server on an empty database, as a new city would: migrate, create
# the first administrator, serve. Port from E2E_EMPTY_PORT.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
server="${SERVER_BIN:-$root/target/release/server}"
db_dir="$(mktemp -d)"
export KERNPUNT_DATABASE="$db_dir/empty.db"
export KERNPUNT_ADDR="127.0.0.1:${E2E_EMPTY_PORT:?}"
export KERNPUNT_SITE_ROOT="$root/target/site"
export KERNPUNT_MAIL_DIR="$db_dir/mail"
export KERNPUNT_LOG="${KERNPUNT_LOG:-warn}"
"$server" migrate >/dev/null
echo "stad-wachtwoord-2026" | "$server" user add --email admin@stad.nl --name "Ada Beheer" --role admin >/dev/null
exec "$server"
