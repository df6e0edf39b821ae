#!/bin/sh
# Start a private PostgreSQL cluster for development and tests, and print its URL.
#
#   deploy/pg/start.sh DIR [PORT]     (PORT defaults to 54329)
#
# The cluster lives in DIR/data (initdb'd on first use), listens on 127.0.0.1 only
# and on a unix socket inside DIR, and has a role and database named `bounced`
# (trust authentication: it is a private, loopback-only cluster).
# PostgreSQL refuses to run as root, so as root the server runs as `postgres`.
# Running it again while the cluster is up just prints the URL.
set -eu

usage() { echo "usage: $0 DIR [PORT]" >&2; exit 64; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
dir=$1
port=${2:-54329}
case $port in *[!0-9]*|'') echo "$0: PORT must be a number, not '$port'" >&2; exit 64;; esac

bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
[ -x "$bindir/pg_ctl" ] || { echo "$0: no PostgreSQL in $bindir (apt-get install postgresql)" >&2; exit 69; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data

# as_owner CMD...: run a command as the user who owns the cluster.
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

url="postgresql://bounced@127.0.0.1:$port/bounced"

if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "$url"
    exit 0
fi

if [ ! -s "$data/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { echo "$0: initdb failed, see $dir/initdb.log" >&2; exit 1; }
fi

as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=100" start >/dev/null ||
    { echo "$0: the server did not start, see $dir/server.log" >&2; exit 1; }

psql_admin() { as_owner psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres "$@"; }
psql_admin -d postgres -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bounced') THEN CREATE ROLE bounced LOGIN; END IF;
END \$\$;"
if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'bounced'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE DATABASE bounced OWNER bounced"
fi
echo "$url"
