#!/usr/bin/env bash
# The same pages measured with two server binaries, one after the other, on the same
# benchmark database recipe (bench/pages.sh): what a change cost or saved.
#
# Usage: BEFORE_BIN=/path/to/old/server [BEFORE_SITE=/path/to/old/site] \
#            bench/before-after.sh [PATH...]   (default: /gebieden/lindenplein /monitor)
# The "after" binary is target/release/server (or AFTER_BIN). Build the old one from an
# earlier commit, e.g.
#   git worktree add /tmp/before <commit> && (cd /tmp/before && cargo leptos build --release)
# bench/pages.sh adds opgaves tied to outcomes only where the binary's schema has them, so
# the "after" profile carries peer lines and milestones and the "before" one cannot.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before="${BEFORE_BIN:?set BEFORE_BIN to the server binary to compare with}"
after="${AFTER_BIN:-$root/target/release/server}"
[ "$#" -gt 0 ] || set -- /gebieden/lindenplein /monitor
printf '## Before: %s\n\n' "$before"
SERVER_BIN="$before" KERNPUNT_SITE_ROOT="${BEFORE_SITE:-$root/target/site}" "$root/bench/pages.sh" "$@"
printf '\n## After: %s\n\n' "$after"
SERVER_BIN="$after" KERNPUNT_SITE_ROOT="${AFTER_SITE:-$root/target/site}" "$root/bench/pages.sh" "$@"
