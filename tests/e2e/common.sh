# Shared by the end-to-end scripts (sourced): the binary, a private PostgreSQL, a
# Maildir, test bounces, waiting. Scripts exit 77 (skipped, for CTest) with a
# message when something they need cannot be had.
#
#   BOUNCED_BIN   the binary (CTest sets it; by hand the default is build/bounced/bounced,
#                 the README's build, then build-daemon/...)
#   E2E_PG_PORT   port for the private PostgreSQL (default: a free one, from the kernel)
#   E2E_KEEP=1    keep the work directory for inspection

set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

skip() { echo "SKIP: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
say() { echo "$(date +%T) $*" >&2; }

bin=${BOUNCED_BIN:-}
if [ -z "$bin" ]; then
    for b in "$root/build/bounced/bounced" "$root/build-daemon/bounced/bounced"; do
        [ -x "$b" ] && { bin=$b; break; }
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || skip "no bounced binary: build it or set BOUNCED_BIN"

work=$(mktemp -d "${TMPDIR:-/tmp}/bounced-e2e-XXXXXX")
chmod 755 "$work"
pg_dir=$work/pg
cleanup() {
    [ -n "${daemon_pid:-}" ] && kill -9 "$daemon_pid" 2>/dev/null || true
    "$root/deploy/pg/stop.sh" "$pg_dir" >/dev/null 2>&1 || true
    if [ "${E2E_KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# free_port: a port nothing listens on, from the kernel.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# pg_start: starts (or restarts, on the same port) the private server; sets $db_url.
# The first start chooses a free port and tries another if that one was taken in
# between (a client's ephemeral port, say). No PostgreSQL installed: skip; a server
# that does not start: fail, with start.sh's and the server's own words.
pg_start() {
    tries=1
    if [ -z "${E2E_PG_PORT:-}" ]; then tries=3; fi
    while :; do
        : "${E2E_PG_PORT:=$(free_port)}"
        status=0
        db_url=$("$root/deploy/pg/start.sh" "$pg_dir" "$E2E_PG_PORT" 2>"$work/pg-start.log") || status=$?
        if [ "$status" = 0 ]; then
            db_url=$(printf '%s\n' "$db_url" | tail -1)
            export BOUNCED_DATABASE_URL=$db_url BOUNCED_CONFIG=/dev/null
            return 0
        fi
        [ "$status" = 69 ] && skip "cannot start PostgreSQL: $(tail -1 "$work/pg-start.log")"
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || fail "cannot start PostgreSQL on port $E2E_PG_PORT: $(tail -3 "$work/pg-start.log") $(tail -3 "$pg_dir/server.log" 2>/dev/null)"
        say "PostgreSQL did not start on port $E2E_PG_PORT; trying another port"
        E2E_PG_PORT=
    done
}
pg_stop() { "$root/deploy/pg/stop.sh" "$pg_dir" >/dev/null 2>&1; }
sql() { psql -X -q -A -t -d "$db_url" -c "SET search_path = bounced; $1" | tail -1; }

maildir_new() { mkdir -p "$1/new" "$1/cur" "$1/tmp"; }
count_files() { find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l; }

# dsn N: an RFC 3464 bounce for userN@example.org, distinct for each N, as the list's
# own outgoing MTA (mx.example.net) writes it: these scripts test what happens to
# bounces that are believed, so that MTA is named ours ([trust] own_mtas), or its
# thousands of bounces a minute would be capped like a stranger's.
export BOUNCED_TRUST_OWN_MTAS=mx.example.net
dsn() {
    printf 'From: MAILER-DAEMON@mx.example.net\nTo: bounces@list.example\nSubject: Undelivered Mail\nMessage-ID: <dsn-%s@mx.example.net>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: text/plain\n\nNo such user.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; user%s@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n\n--B--\n' "$1" "$1"
}
# deliver MAILDIR N: as an MTA does, tmp/ then rename into new/.
deliver() { dsn "$2" > "$1/tmp/$2.e2e"; mv "$1/tmp/$2.e2e" "$1/new/$2.e2e"; }

# wait_for SECONDS CMD...: polls CMD every 0.2 s.
wait_for() {
    limit=$1; shift
    end=$(( $(date +%s) + limit ))
    until "$@"; do
        [ "$(date +%s)" -lt "$end" ] || return 1
        sleep 0.2
    done
}
