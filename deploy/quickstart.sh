#!/usr/bin/env bash
# From a fresh Debian machine to classified, stored bounces in one command:
# installs the dependencies (apt-get), builds bounced, starts a private PostgreSQL
# in ./var/pg (loopback only, run as an unprivileged user), creates the schema,
# feeds it the bundled sample bounces in deploy/samples/, and shows the result.
# Safe to run again: the database keeps its data and nothing is counted twice.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "dependencies (Debian packages)"
deploy/install-deps.sh
step "build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" 2>&1 | tail -1
bounced=build/bounced/bounced

step "private PostgreSQL in var/pg"
BOUNCED_DATABASE_URL=$(deploy/pg/start.sh var/pg 54330)
export BOUNCED_DATABASE_URL
echo "$BOUNCED_DATABASE_URL"
"$bounced" db migrate

step "what the sample bounces say (bounced classify --format table deploy/samples)"
"$bounced" classify --format table deploy/samples

level=$("$bounced" config show 2>/dev/null | sed -n 's/^trust.level = //p' || true)
echo "trust level in force: ${level:-dsn} (structured bounces count; a well-formed forged DSN is still"
echo "believed: docs/verp.md says how to move to 'signed')"

step "store them (bounced ingest deploy/samples)"
"$bounced" ingest deploy/samples

step "suppression list (bounced suppressions list)"
"$bounced" suppressions list

step "may we send? (bounced check)"
"$bounced" check hanako@example.org jiro@example.net saburo@example.com natsu@example.net || true

if "$bounced" --help | grep -q '^  report'; then
    step "report of the last 7 days (bounced report --since 7d)"
    "$bounced" report --since 7d
fi

cat <<MSG

Done. The database is still running; to use it from this shell:
  export BOUNCED_DATABASE_URL=$BOUNCED_DATABASE_URL
Stop it with: deploy/pg/stop.sh var/pg
MSG
