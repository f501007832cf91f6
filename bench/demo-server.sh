# Sourced by the bench scripts: a release server on a fresh demo database in a temp dir.
# Needs $root and die(); sets $work (the temp dir) and $base (the server's URL), and stops
# the server and removes $work on exit.
#   start_demo_server PORT NAME      — both steps below
#   prepare_demo_database PORT NAME  — temp dir, settings, demo data (add more, then …)
#   start_prepared_server            — start it and wait until it answers
# shellcheck shell=bash
prepare_demo_database() {
    local port="$1" name="$2"
    demo_server="${SERVER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}"
    [ -x "$demo_server" ] || die "no server binary at $demo_server: build first (make build) or set SERVER_BIN"
    work="$(mktemp -d "${TMPDIR:-/tmp}/kernpunt-$name.XXXXXX")"
    demo_server_pid=""
    trap 'set +e; [ -n "$demo_server_pid" ] && kill "$demo_server_pid" 2>/dev/null && wait "$demo_server_pid" 2>/dev/null; rm -rf "$work"' EXIT
    export KERNPUNT_DATABASE="$work/$name.db" KERNPUNT_ADDR="127.0.0.1:$port" \
           KERNPUNT_SITE_ROOT="${KERNPUNT_SITE_ROOT:-$root/target/site}" \
           KERNPUNT_MAIL_DIR="$work/mail" KERNPUNT_LOG=warn
    base="http://127.0.0.1:$port"
    "$demo_server" seed >/dev/null
}

start_prepared_server() {
    "$demo_server" >"$work/server.log" 2>&1 &
    demo_server_pid=$!
    for _ in $(seq 100); do
        curl -fs "$base/healthz" >/dev/null && return 0
        kill -0 "$demo_server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server stopped at start"; }
        sleep 0.1
    done
    die "no answer on $base/healthz after 10 s"
}

start_demo_server() {
    prepare_demo_database "$1" "$2"
    start_prepared_server
}
