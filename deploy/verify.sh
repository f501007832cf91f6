#!/usr/bin/env bash
# Checks deploy/kernpunt.service with systemd's own tools: `systemd-analyze verify` (syntax,
# directives) on a copy whose ExecStart points at an existing program, and the offline
# security exposure score (fails above 2.0, "OK" in systemd's terms).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v systemd-analyze >/dev/null || { echo "systemd-analyze is missing (apt install systemd)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed 's|/opt/kernpunt/server|/bin/true|' "$here/kernpunt.service" >"$work/kernpunt.service"
out="$(systemd-analyze verify "$work/kernpunt.service" 2>&1)" || { echo "$out" >&2; exit 1; }
[ -z "$out" ] || { echo "$out" >&2; exit 1; }
score="$(systemd-analyze security --offline=true "$work/kernpunt.service" 2>&1 \
    | sed -n 's/.*Overall exposure level for kernpunt.service: \([0-9.]*\).*/\1/p')"
[ -n "$score" ] || { echo "no exposure score from systemd-analyze security" >&2; exit 1; }
echo "kernpunt.service: verify clean, exposure $score"
awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'
