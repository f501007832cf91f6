# Sourced by the bench scripts: a release server on a fresh demo database in a temp dir.
# Needs $root; sets $work (the temp dir) and $base (the server's URL), and stops the server
# and removes $work on exit. Call: start_demo_server PORT NAME
# shellcheck shell=bash
start_demo_server() {
    local port="$1" name="$2"
    local server="${SERVER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}"
    [ -x "$server" ] || die "no server binary at $server: build first (make build) or set SERVER_BIN"
    work="$(mktemp -d "${TMPDIR:-/tmp}/kernpunt-$name.XXXXXX")"
    demo_server_pid=""
    trap 'set +e; [ -n "$demo_server_pid" ] && kill "$demo_server_pid" 2>/dev/null && wait "$demo_server_pid" 2>/dev/null; rm -rf "$work"' EXIT
    export KERNPUNT_DATABASE="$work/$name.db" KERNPUNT_ADDR="127.0.0.1:$port" \
           KERNPUNT_SITE_ROOT="${KERNPUNT_SITE_ROOT:-$root/target/site}" \
           KERNPUNT_MAIL_DIR="$work/mail" KERNPUNT_LOG=warn
    "$server" seed >/dev/null
    "$server" >"$work/server.log" 2>&1 &
    demo_server_pid=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 100); do
        curl -fs "$base/healthz" >/dev/null && return 0
        kill -0 "$demo_server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server stopped at start"; }
        sleep 0.1
    done
    die "no answer on $base/healthz after 10 s"
}
