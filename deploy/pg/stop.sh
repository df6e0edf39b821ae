#!/bin/sh
# Stop the private cluster that deploy/pg/start.sh started in DIR.
#   deploy/pg/stop.sh DIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 64; }
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
data=$(cd "$1" && pwd)/data
[ -s "$data/PG_VERSION" ] || { echo "$0: no cluster in $1" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$bindir/pg_ctl" -D "$data" -m fast -w stop
else
    "$bindir/pg_ctl" -D "$data" -m fast -w stop
fi
