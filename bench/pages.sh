#!/usr/bin/env bash
# Kernpunt's server-rendered pages against nginx serving the very same HTML, with wrk.
#
# Usage: bench/pages.sh [PATH...]        (default paths: /gebieden/lindenplein /monitor)
#   e.g. DURATION=5s bench/pages.sh /gebieden/lindenplein /gebieden
# Build first (`make build`). Installs what is missing from Debian (wrk, nginx-light or
# nginx, sqlite3, curl) without starting the system nginx service. Builds a benchmark
# database in a temp dir (the demo seed plus bench/bench-data.sql: 70 areas and ten years of
# monthly figures, 100,800 indicator values), starts the server and a private nginx
# (2 workers, its own config, pid and logs in the temp dir) on loopback, saves each page's
# HTML with curl and serves that file from nginx at the same path, then runs
# `wrk -t2 -c64 --latency` against each and prints a markdown table with the targets:
# Kernpunt at least half of nginx's requests/s, and a p99 latency under 50 ms.
# Responses are uncompressed on both sides (no Accept-Encoding is sent). Anonymous requests
# are served from Kernpunt's page cache; the last two columns send a session cookie, which
# skips the cache, so every request is rendered (what a logged-in user gets). A path that
# does not answer 200 is skipped with a message. Everything started and the temp dir are
# removed on exit, also on failure or Ctrl-C.
#
# SIGNUPS=1 adds a sign-up every 100 ms (to a session of the benchmark) for as long as wrk
# runs, to show the cache keeps its pages while the data changes; the count is printed.
#
# Settings (environment): DURATION (10s), CONNECTIONS (64), THREADS (2), WARMUP (1s, or 0
# for none), KERNPUNT_PORT (3310), NGINX_PORT (3311), SERVER_BIN (target/release/server),
# DATA (bench, or demo for the plain demo data: 18 areas, six yearly values each).
# Run it on an otherwise idle machine: wrk, the server and nginx share the same cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
server="${SERVER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
warmup="${WARMUP:-1s}"
data="${DATA:-bench}"
signups="${SIGNUPS:-0}"
kernpunt_port="${KERNPUNT_PORT:-3310}"
nginx_port="${NGINX_PORT:-3311}"
target_ratio=0.5
target_p99_ms=50

if [ "$#" -gt 0 ]; then paths=("$@"); else paths=(/gebieden/lindenplein /monitor); fi

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

case "$data" in bench | demo) ;; *) die "DATA is bench or demo, not $data" ;; esac
[ -x "$server" ] || die "no server binary at $server: build first (make build) or set SERVER_BIN"

# --- Clean-up, set before anything is started ---------------------------------------------
work=""
server_pid=""
nginx_pid=""
wrk_pid=""
signup_pid=""
added_policy=""
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
cleanup() {
    set +e
    for pid in "$signup_pid" "$wrk_pid" "$server_pid" "$nginx_pid"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    [ -n "$added_policy" ] && $sudo_cmd rm -f /usr/sbin/policy-rc.d
    [ -n "$work" ] && rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Tools from Debian ---------------------------------------------------------------------
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"   # /usr/sbin is not on every PATH
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v curl >/dev/null || missing+=(curl)
[ -x "$nginx_bin" ] || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing ${missing[*]} from Debian…"
    $sudo_cmd apt-get update -qq
    packages=()
    for name in "${missing[@]}"; do
        if [ "$name" = nginx ]; then
            # nginx-light is the smallest flavour (bookworm); later releases have only nginx.
            if apt-cache show nginx-light >/dev/null 2>&1; then name=nginx-light; fi
        fi
        packages+=("$name")
    done
    # Keep apt from starting the system nginx service: policy-rc.d says "not now".
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        added_policy=1
        printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
        $sudo_cmd chmod 755 /usr/sbin/policy-rc.d
    fi
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
        "${packages[@]}" >/dev/null
    if [ -n "$added_policy" ]; then $sudo_cmd rm -f /usr/sbin/policy-rc.d; added_policy=""; fi
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$kernpunt_port" "$nginx_port"; do
    if port_in_use "$port"; then die "port $port is in use (set KERNPUNT_PORT / NGINX_PORT)"; fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/kernpunt-pages.XXXXXX")"
chmod 755 "$work"   # nginx's workers may run as another user (nobody) when started as root
mkdir -p "$work/www" "$work/nginx/tmp" "$work/wrk"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# --- The benchmark database ----------------------------------------------------------------
export KERNPUNT_DATABASE="$work/bench.db" KERNPUNT_ADDR="127.0.0.1:$kernpunt_port" \
       KERNPUNT_SITE_ROOT="${KERNPUNT_SITE_ROOT:-$root/target/site}" KERNPUNT_LOG=warn
say "Building the benchmark database…"
t0="$(now)"
"$server" seed >/dev/null
t1="$(now)"
[ "$data" = demo ] || sqlite3 "$KERNPUNT_DATABASE" < "$root/bench/bench-data.sql"
# Opgaves tied to outcomes, where the server's schema has them (an older binary has not).
if [ "$data" = bench ] && [ -n "$(sqlite3 "$KERNPUNT_DATABASE" \
        "SELECT 1 FROM sqlite_master WHERE name = 'opgave_indicators'")" ]; then
    sqlite3 "$KERNPUNT_DATABASE" < "$root/bench/bench-outcomes.sql"
fi
t2="$(now)"
read -r area_count value_count periods < <(sqlite3 -separator ' ' "$KERNPUNT_DATABASE" \
    "SELECT (SELECT count(*) FROM areas), (SELECT count(*) FROM indicator_values),
            (SELECT min(period) || '…' || max(period) FROM indicator_values)")
if [ "$data" = bench ] && [ "$area_count" -ne 70 ]; then
    die "expected 70 areas after bench-data.sql, found $area_count"
fi
db_kib=$(( $(stat -c %s "$KERNPUNT_DATABASE") / 1024 ))
say "  $area_count areas, $value_count indicator values ($periods), ${db_kib} KiB;" \
    "seed $(elapsed "$t0" "$t1") s$([ "$data" = demo ] || echo ", bench-data.sql $(elapsed "$t1" "$t2") s")"

if [ "$signups" != 0 ]; then
    sqlite3 "$KERNPUNT_DATABASE" "INSERT INTO learning_sessions (slug, kind, title, description,
        starts_at, ends_at, online, meeting_url, address, capacity, signup_deadline, status)
        VALUES ('bench-aanmelden', 'thematic', 'Benchmarksessie', 'Voor aanmeldingen.',
        '2099-06-01T19:30', '2099-06-01T21:00', 0, '', 'Stadskantoor', 1000000,
        '2099-05-31T12:00', 'published')"
fi

# --- Kernpunt ------------------------------------------------------------------------------
"$server" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$kernpunt_port/healthz" >/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server stopped at start"; }
    sleep 0.1
done
curl -fs "http://127.0.0.1:$kernpunt_port/healthz" >/dev/null \
    || { cat "$work/server.log" >&2; die "no answer on /healthz after 10 s"; }

# --- The pages, saved for nginx ------------------------------------------------------------
pages=()     # the paths that answered 200, in order
sizes=()     # their HTML sizes in bytes
: >"$work/nginx/pages.map"
declare -A seen=()
for path in "${paths[@]}"; do
    [ "${path:0:1}" = / ] || path="/$path"
    [ -z "${seen[$path]:-}" ] || continue
    seen[$path]=1
    case "$path" in *'"'* | *\\* | *' '*) say "skipping $path: quotes, backslashes and spaces are not supported"; continue ;; esac
    file="page-${#pages[@]}.html"
    status="$(curl -s -o "$work/www/$file" -w '%{http_code}' "http://127.0.0.1:$kernpunt_port$path")"
    if [ "$status" != 200 ]; then
        say "skipping $path: Kernpunt answers $status, not 200"
        rm -f "$work/www/$file"
        continue
    fi
    chmod 644 "$work/www/$file"
    printf '"%s" %s;\n' "$path" "$file" >>"$work/nginx/pages.map"
    pages+=("$path")
    sizes+=("$(stat -c %s "$work/www/$file")")
done
[ "${#pages[@]}" -gt 0 ] || die "none of the paths answered 200: ${paths[*]}"

# --- nginx, serving the saved files at the same paths ---------------------------------------
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp/client_body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server_tokens off;
    gzip off;
    # The exact request URI (with any query) to the file curl saved for it.
    map \$request_uri \$page {
        default "";
        include $work/nginx/pages.map;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/www;
        default_type "text/html; charset=utf-8";
        location / { try_files /\$page =404; }
    }
}
EOF
nginx_args=(-c "$work/nginx/nginx.conf" -p "$work/nginx/")
# -e: the error log before the config is read (else /var/log/nginx, not writable as a user).
if "$nginx_bin" -h 2>&1 | grep -q -- '-e filename'; then nginx_args+=(-e "$work/nginx/error.log"); fi
"$nginx_bin" "${nginx_args[@]}" -t -q 2>"$work/nginx/test.log" \
    || { cat "$work/nginx/test.log" >&2; die "nginx does not accept the generated config"; }
"$nginx_bin" "${nginx_args[@]}" &
nginx_pid=$!
for _ in $(seq 50); do
    port_in_use "$nginx_port" && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log" >&2; die "nginx stopped at start"; }
    sleep 0.1
done
for i in "${!pages[@]}"; do
    curl -fs -o "$work/check.html" "http://127.0.0.1:$nginx_port${pages[$i]}" \
        && cmp -s "$work/check.html" "$work/www/page-$i.html" \
        || die "nginx does not serve the saved HTML of ${pages[$i]}"
done

# --- wrk -----------------------------------------------------------------------------------
# Prints "requests/s p99-in-ms" of one wrk --latency output; warns about errors in it.
parse_wrk() {
    awk '
        /Requests\/sec:/ { rps = $2 }
        $1 == "99%" {
            v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
            ms = (unit == "us") ? v / 1000 : (unit == "ms") ? v : (unit == "s") ? v * 1000 : (unit == "m") ? v * 60000 : -1
        }
        END { printf "%s %.3f\n", rps, ms }' "$1"
    grep -E "Non-2xx|Socket errors" "$1" | sed "s|^ *|    warning ($2): |" >&2 || true
}
# wrk runs in the background and is waited for, so that a signal stops the script at once.
run_wrk() {   # url output-file [extra wrk arguments]
    local url="$1" out="$2"; shift 2
    if [ "$warmup" != 0 ]; then
        wrk -t"$threads" -c"$connections" -d"$warmup" "$@" "$url" >/dev/null & wrk_pid=$!
        wait "$wrk_pid"
    fi
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url" >"$out" & wrk_pid=$!
    wait "$wrk_pid"
    wrk_pid=""
}
fmt_ms() { awk -v v="$1" 'BEGIN { printf (v < 10 ? "%.2f ms" : "%.1f ms"), v }'; }

# A sign-up every 100 ms in the background, as from the form without JavaScript.
if [ "$signups" != 0 ]; then
    (
        n=0
        while :; do
            n=$((n + 1))
            curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Accept: text/html' \
                -H 'Sec-Fetch-Site: same-origin' -H "Referer: http://127.0.0.1:$kernpunt_port/sessies/bench-aanmelden" \
                --data "slug=bench-aanmelden&name=Bench&email=bench-$n@voorbeeld.nl&role=entrepreneur&consent=ja" \
                "http://127.0.0.1:$kernpunt_port/api/sign_up" >>"$work/signups.log"
            sleep 0.1
        done
    ) &
    signup_pid=$!
fi

rows=()
for i in "${!pages[@]}"; do
    path="${pages[$i]}"
    say "wrk -t$threads -c$connections -d$duration --latency  $path  (Kernpunt, then nginx)"
    run_wrk "http://127.0.0.1:$kernpunt_port$path" "$work/wrk/kernpunt-$i.txt"
    run_wrk "http://127.0.0.1:$nginx_port$path" "$work/wrk/nginx-$i.txt"
    # A session cookie (of no session) skips the page cache: every request is rendered,
    # as for a logged-in user.
    run_wrk "http://127.0.0.1:$kernpunt_port$path" "$work/wrk/rendered-$i.txt" \
        -H "Cookie: kernpunt_sessie=$(printf '0%.0s' $(seq 64))"
    read -r r_rps r_p99 < <(parse_wrk "$work/wrk/rendered-$i.txt" "Kernpunt rendered $path")
    read -r k_rps k_p99 < <(parse_wrk "$work/wrk/kernpunt-$i.txt" "Kernpunt $path")
    read -r n_rps n_p99 < <(parse_wrk "$work/wrk/nginx-$i.txt" "nginx $path")
    ratio="$(awk -v k="$k_rps" -v n="$n_rps" 'BEGIN { printf "%.2f", (n > 0 ? k / n : 0) }')"
    met="$(awk -v r="$ratio" -v p="$k_p99" -v tr="$target_ratio" -v tp="$target_p99_ms" 'BEGIN {
        why = ""
        if (r < tr) why = "ratio"
        if (p < 0 || p >= tp) why = why (why == "" ? "" : ", ") "p99"
        print (why == "" ? "yes" : "no (" why ")") }')"
    rows+=("| $path | $(printf '%.0f' "$k_rps") | $(fmt_ms "$k_p99") | $(printf '%.0f' "$n_rps") | $(fmt_ms "$n_p99") | $ratio | $met | $(printf '%.0f' "$r_rps") | $(fmt_ms "$r_p99") |")
done

if [ -n "$signup_pid" ]; then
    kill "$signup_pid" 2>/dev/null || true
    wait "$signup_pid" 2>/dev/null || true
    signup_pid=""
    signed="$(grep -c '^302$' "$work/signups.log" || true)"
    total="$(wc -l <"$work/signups.log")"
    stored="$(sqlite3 "$KERNPUNT_DATABASE" "SELECT count(*) FROM registrations r JOIN learning_sessions s ON s.id = r.session_id WHERE s.slug = 'bench-aanmelden'")"
    say "sign-ups during the run: $total posted, $signed answered 302, $stored stored"
fi

echo
echo "Kernpunt vs nginx (same HTML, uncompressed), wrk -t$threads -c$connections -d$duration," \
     "$(nproc) CPUs; $data data: $area_count areas, $value_count indicator values ($periods)."
echo
echo "| path | HTML size |"
echo "| --- | ---: |"
for i in "${!pages[@]}"; do
    echo "| ${pages[$i]} | $(awk -v b="${sizes[$i]}" 'BEGIN { printf "%d bytes (%.1f KiB)", b, b / 1024 }') |"
done
echo
echo "| path | Kernpunt req/s | Kernpunt p99 | nginx req/s | nginx p99 | ratio (Kernpunt/nginx) | targets (ratio ≥ $target_ratio, p99 < $target_p99_ms ms) met | rendered every time req/s | rendered p99 |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
printf '%s\n' "${rows[@]}"
