#!/bin/sh
# Database outage: PostgreSQL stops in the middle of a run while bounces keep
# arriving; the daemon keeps them where they are, logs the outage once, never exits,
# and when the server is back applies every one of them. Pipe mode on the way:
# `bounced ingest` answers 75 while the server is down and succeeds on the retry.
#
#   tests/e2e/db_outage.sh [MESSAGES]     default 300
. "$(dirname "$0")/common.sh"
messages=${1:-300}
half=$((messages / 2))

pg_start
"$bin" db migrate >/dev/null
mail=$work/Maildir
maildir_new "$mail"
"$bin" run --source.maildir="$mail" --daemon.backoff_max=2s --daemon.rescan_interval=5s >"$work/daemon.log" 2>&1 &
daemon_pid=$!

i=0
while [ $i -lt $half ]; do deliver "$mail" $i; i=$((i + 1)); done
first_half() { [ "$(count_files "$mail/.Processed/cur")" -eq $half ]; }
wait_for 60 first_half || fail "first half not processed"
say "first $half processed; stopping PostgreSQL"
pg_stop

dsn pipe-1 > "$work/pipe.eml"
set +e
"$bin" ingest < "$work/pipe.eml" 2>"$work/pipe.err"; status=$?
set -e
[ $status -eq 75 ] || fail "ingest while the database is down: exit $status, expected 75 ($(cat "$work/pipe.err"))"
say "pipe mode while down: exit 75"

while [ $i -lt $messages ]; do deliver "$mail" $i; i=$((i + 1)); done
sleep 5
kill -0 "$daemon_pid" || fail "the daemon exited while the database was down"
waiting=$(( $(count_files "$mail/new") + $(find "$mail/bounced-claims" -type f | wc -l) ))
[ "$waiting" -eq $((messages - half)) ] || fail "$waiting messages waiting, expected $((messages - half))"
say "$waiting messages waiting while down; starting PostgreSQL"
pg_start

all() { [ "$(count_files "$mail/.Processed/cur")" -eq $messages ]; }
wait_for 60 all || fail "not all processed after the outage: $(count_files "$mail/.Processed/cur")"
"$bin" ingest < "$work/pipe.eml" 2>"$work/pipe.err" || fail "ingest retry failed: $(cat "$work/pipe.err")"
kill -0 "$daemon_pid" || fail "the daemon exited"
kill -TERM "$daemon_pid"
wait "$daemon_pid" || fail "daemon exit status $? after SIGTERM"
daemon_pid=

applied=$(sql "SELECT count(*) FROM processed_messages")
down=$(grep -c "error: database unavailable" "$work/daemon.log" || true)
up=$(grep -c "database available again" "$work/daemon.log" || true)
say "applied=$applied outage lines: down=$down up=$up"
[ "$applied" -eq $((messages + 1)) ] || fail "$applied applied, expected $((messages + 1)) (with the piped one)"
[ "$down" -eq 1 ] && [ "$up" -eq 1 ] || fail "expected one line per state change, got down=$down up=$up"
echo "PASS: $messages messages across a database outage, none lost; pipe mode 75 while down, 0 on retry"
