#!/usr/bin/env bash
# Retention benchmark: a store of EVENTS bounce events spread over the last 1000 days
# (ids in time order, as the daemon writes them; 2% of the addresses suppressed), then
# `bounced db prune` with the default retention.events = 400d. Prints the prune's time,
# its longest batch transaction (the longest any row lock is held: it takes no table
# lock beyond ROW EXCLUSIVE), the events deleted and kept, and the space: the table's
# size, the space VACUUM makes reusable (the deleted rows' bytes), and what VACUUM FULL would give
# back to the system (FULL=1 runs it: it locks the table exclusively while it copies).
#
#   bench/prune_bench.sh [path/to/bounced]        (default build/bounced/bounced)
#   EVENTS=5000000 BATCH=10000 PORT=54335 FULL=0  (defaults; URL=... uses that server)
#
# A benchmark: it prints figures and asserts nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bounced=${1:-$root/build/bounced/bounced}
events=${EVENTS:-5000000}
batch=${BATCH:-10000}
port=${PORT:-54335}
[ -x "$bounced" ] || { echo "prune_bench: $bounced is not built (cmake --build build)" >&2; exit 2; }

work=$(mktemp -d /tmp/bounced-prune.XXXXXX)
chmod 755 "$work"  # the private cluster runs as postgres when we are root
schema=prune_bench
cleanup() {
    [ -n "${URL:-}" ] && psql -q "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
    [ -z "${URL:-}" ] && "$root/deploy/pg/stop.sh" "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
url=${URL:-$("$root/deploy/pg/start.sh" "$work/pg" "$port")}
export BOUNCED_DATABASE_URL=$url BOUNCED_DATABASE_SCHEMA=$schema BOUNCED_CONFIG=/dev/null
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
sql() { psql -qAtX -v ON_ERROR_STOP=1 "$url" -c "SET search_path = $schema" -c "$1"; }

psql -q "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1
"$bounced" db migrate >/dev/null
echo "prune_bench: building $events events over 1000 days ..."
start=$(date +%s.%N)
sql "INSERT INTO bounce_events (occurred_at, fingerprint, address, domain, bounce_class, reason, status_code, diagnostic)
     SELECT now() - (1000 - i * 1000.0 / $events) * interval '1 day', md5(i::text), 'u' || (i % 500000) || '@example.org',
            'example.org', 'soft', 'mailboxfull', '4.2.2', '452 4.2.2 <u' || (i % 500000) || '@example.org>: mailbox full'
     FROM generate_series(1, $events) i"
sql "INSERT INTO subscribers (address, domain, status, suppressed_class, suppressed_reason, suppressed_at, suppressed_source)
     SELECT 'u' || j || '@example.org', 'example.org', 'suppressed', 'soft', 'mailboxfull', now() - interval '600 days', 'bounce'
     FROM generate_series(0, 499999, 50) j"
sql "VACUUM ANALYZE bounce_events" >/dev/null
sql "VACUUM ANALYZE subscribers" >/dev/null
echo "prune_bench: built in $(elapsed "$start") s"

size() { sql "SELECT pg_size_pretty(pg_relation_size('bounce_events')) || ' table, ' || pg_size_pretty(pg_indexes_size('bounce_events')) || ' indexes'"; }
echo "before: $(sql 'SELECT count(*) FROM bounce_events') events, $(size)"
# The rows the prune will delete (the same conditions as db/store_prune.cc), measured
# first: the space VACUUM then marks free for new events.
reusable=$(sql "SELECT pg_size_pretty(coalesce(sum(pg_column_size(e.*)), 0)) FROM bounce_events e
                WHERE occurred_at < now() - interval '400 days'
                  AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.address = e.address AND s.status = 'suppressed')")
"$bounced" db prune --batch "$batch"
start=$(date +%s.%N)
sql "VACUUM bounce_events" >/dev/null
echo "VACUUM after the prune: $(elapsed "$start") s"
echo "after: $(sql 'SELECT count(*) FROM bounce_events') events, $(size) (VACUUM keeps the files, marks the space reusable)"
echo "reusable in the table now: $reusable of row data (the deleted rows' size, measured before the prune)"
if [ "${FULL:-0}" = 1 ]; then
    start=$(date +%s.%N)
    sql "VACUUM FULL bounce_events" >/dev/null
    echo "VACUUM FULL (exclusive lock throughout): $(elapsed "$start") s; after: $(size)"
fi
