#!/usr/bin/env bash
# Sustained load (issue 16): 60 s of mixed traffic at 64 connections against the release
# server on loopback, on the benchmark data (bench/bench-data.sql: 70 areas):
#   16 connections  anonymous area profiles        (wrk)
#   16 connections  the monitor                     (wrk)
#   16 connections  library searches                (wrk)
#   16 connections  a logged-in coordinator's pages (wrk, with a session cookie)
#   and sign-ups, one after another, all the while  (curl)
# Prints requests/s, p99 and errors per kind, the sign-ups posted and stored, and the
# server's resident memory every 5 s. Exits 1 on any error, or when the highest memory of
# the second half of the run is more than 25 % above that of the first half (caches and
# the allocator fill up in the first half and memory goes up and down with the load;
# a new high after that is a leak).
#
# Usage: bench/soak.sh   (or `make bench-soak`; build first). DURATION (60s), KERNPUNT_PORT (3370).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${KERNPUNT_PORT:-3370}"
duration="${DURATION:-60s}"
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
for tool in wrk sqlite3 curl; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt install $tool; bench/pages.sh installs it too)"
done
. "$root/bench/demo-server.sh"
prepare_demo_database "$port" soak
# The benchmark data and a session with room for every sign-up.
sqlite3 "$KERNPUNT_DATABASE" < "$root/bench/bench-data.sql"
sqlite3 "$KERNPUNT_DATABASE" "INSERT INTO learning_sessions (slug, kind, title, description,
    starts_at, ends_at, online, meeting_url, address, capacity, signup_deadline, status)
    VALUES ('soak-aanmelden', 'thematic', 'Duursessie', 'Voor aanmeldingen.', '2099-06-01T19:30',
    '2099-06-01T21:00', 0, '', 'Stadskantoor', 1000000, '2099-05-31T12:00', 'published')"
start_prepared_server

cookie="$(curl -s -D - -o /dev/null -H 'Sec-Fetch-Site: same-origin' \
    --data 'email=coordinator@voorbeeld.nl&password=kernpunt-demo&next=/' "$base/api/login" \
    | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)"
[ -n "$cookie" ] || die "could not log in as the demo coordinator"
rss() { awk '/VmRSS/ { print $2 }' "/proc/$demo_server_pid/status"; }
# Warm up, so that the start figure is the server at work, not the server asleep.
curl -fs "$base/gebieden/lindenplein" "$base/monitor" "$base/kennisbank?q=leegstand" >/dev/null
rss_start="$(rss)"

run() { # name path [wrk args]
    local name="$1" path="$2"; shift 2
    wrk -t1 -c16 -d"$duration" --latency "$@" "$base$path" >"$work/$name.txt" 2>&1
}
run profiles /gebieden/lindenplein &
p1=$!
run monitor /monitor &
p2=$!
run search "/kennisbank?q=leegstand" &
p3=$!
run coordinator /gebieden -H "Cookie: $cookie" &
p4=$!
( n=0; end=$((SECONDS + ${duration%s}))
  while [ "$SECONDS" -lt "$end" ]; do
      n=$((n + 1))
      curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Accept: text/html' -H 'Sec-Fetch-Site: same-origin' \
          -H "Referer: $base/sessies/soak-aanmelden" \
          --data "slug=soak-aanmelden&name=Duur&email=soak-$n@voorbeeld.nl&role=entrepreneur&consent=ja" \
          "$base/api/sign_up" >>"$work/signups.log"
  done ) &
p5=$!
( while kill -0 "$p1" 2>/dev/null; do rss >>"$work/rss.log"; sleep 5; done ) &
p6=$!
wait "$p1" "$p2" "$p3" "$p4" "$p5" "$p6"
rss_end="$(rss)"

failed=0
printf '| kind | requests/s | p99 | errors |\n| --- | ---: | ---: | ---: |\n'
for name in profiles monitor search coordinator; do
    file="$work/$name.txt"
    rps="$(awk '/Requests\/sec:/ { print $2 }' "$file")"
    p99="$(awk '$1 == "99%" { print $2 }' "$file")"
    errors="$(awk '/Non-2xx or 3xx responses:/ { n += $5 } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$file")"
    [ "$errors" = 0 ] || failed=1
    printf '| %s | %s | %s | %s |\n' "$name" "$rps" "$p99" "$errors"
done
posted="$(wc -l <"$work/signups.log")"
answered="$(grep -c '^302$' "$work/signups.log" || true)"
stored="$(sqlite3 "$KERNPUNT_DATABASE" "SELECT count(*) FROM registrations r JOIN learning_sessions s ON s.id = r.session_id WHERE s.slug = 'soak-aanmelden'")"
printf '| sign-ups | %s posted | %s answered 302 | %s stored |\n' "$posted" "$answered" "$stored"
[ "$posted" = "$answered" ] && [ "$answered" = "$stored" ] || failed=1
echo
echo "Resident memory (kB), every 5 s: $rss_start $(tr '\n' ' ' <"$work/rss.log")$rss_end"
read -r first second < <(printf '%s\n' "$rss_start" $(cat "$work/rss.log") "$rss_end" | awk '
    { v[NR] = $1 } END { h = int(NR / 2); for (i = 1; i <= NR; i++) {
        if (i <= h && v[i] > a) a = v[i]; if (i > h && v[i] > b) b = v[i] } print a, b }')
echo "Highest: ${first} kB in the first half, ${second} kB in the second."
awk -v a="$first" -v b="$second" 'BEGIN { exit !(b <= a * 1.25) }' \
    || { echo "memory kept growing: a new high in the second half" >&2; failed=1; }
exit "$failed"
