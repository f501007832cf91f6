#!/usr/bin/env bash
# Lighthouse (mobile preset, simulated throttling) on six pages visitors land on (issue 12).
#
# Usage: bench/lighthouse.sh        (or `make bench-lighthouse`; build first with `make build`)
# Installs Lighthouse from npm into the tools folder once, starts the release server on a
# fresh demo database in a temp dir, runs Lighthouse against Debian's Chromium for each page
# and prints a markdown table. Exits 1 when a page misses a target: performance >= 0.95,
# total blocking time < 150 ms, accessibility 1.0, best practices >= 0.95.
#
# Settings (environment): KERNPUNT_PORT (3330), SERVER_BIN (target/release/server),
# CHROME_PATH (/usr/bin/chromium), LIGHTHOUSE_VERSION (12.8.2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${KERNPUNT_PORT:-3330}"
tools="${KERNPUNT_TOOLS:-$HOME/.cache/kernpunt-tools}"
version="${LIGHTHOUSE_VERSION:-12.8.2}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
[ -x "$CHROME_PATH" ] || die "no Chromium at $CHROME_PATH (apt install chromium, or set CHROME_PATH)"
lighthouse="$tools/node_modules/.bin/lighthouse"
if [ ! -x "$lighthouse" ] || [ "$("$lighthouse" --version)" != "$version" ]; then
    printf '==> Installing Lighthouse %s from npm (once)…\n' "$version" >&2
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "lighthouse@$version" >&2
fi

. "$root/bench/demo-server.sh"
start_demo_server "$port" lighthouse

# The first area and session the lists link to.
links() { curl -fs "$base$1" | grep -oE "href=\"$1/[a-z0-9-]+\"" | sed -E 's/^href="(.*)"$/\1/'; }
area="$(links /gebieden | grep -vE '/(kaart|vergelijk|nieuw|import)$' | head -1)"
session="$(links /sessies | grep -vE '/(onderwerpen|nieuw)$' | head -1)"
[ -n "$area" ] && [ -n "$session" ] || die "no area or session linked from the lists"
pages=(/ /gebieden "$area" /sessies "$session" /kennisbank)

printf '| page | performance | total blocking time | LCP | accessibility | best practices |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: |\n'
failed=0
for page in "${pages[@]}"; do
    "$lighthouse" "$base$page" --quiet --output=json --output-path="$work/report.json" \
        --only-categories=performance,accessibility,best-practices \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$work/lighthouse.log" \
        || { cat "$work/lighthouse.log" >&2; die "Lighthouse failed on $page"; }
    read -r perf tbt lcp a11y bp < <(node -e '
        const r = require(process.argv[1]);
        const c = r.categories, a = r.audits;
        console.log(c.performance.score, Math.round(a["total-blocking-time"].numericValue),
          (a["largest-contentful-paint"].numericValue / 1000).toFixed(1),
          c.accessibility.score, c["best-practices"].score);' "$work/report.json")
    miss=""
    awk -v p="$perf" -v t="$tbt" -v a="$a11y" -v b="$bp" \
        'BEGIN { exit !(p >= 0.95 && t < 150 && a >= 1 && b >= 0.95) }' || { miss=" **missed**"; failed=1; }
    printf '| `%s` | %s | %s ms | %s s | %s | %s%s |\n' "$page" "$perf" "$tbt" "$lcp" "$a11y" "$bp" "$miss"
done
exit "$failed"
