#!/bin/sh
# Crash safety: kill -9 the daemon at random moments while it drains a Maildir of
# MESSAGES bounces, restart it, ROUNDS times; then let it finish. Every message must be
# applied exactly once (one processed_messages row and one bounce event each), none
# left in new/, cur/ or a claim directory, all in .Processed.
#
#   tests/e2e/crash_safety.sh [ROUNDS [MESSAGES]]     default 5 rounds, 2000 messages
#   tests/e2e/crash_safety.sh 20 2000                 the full proof (issue 4)
. "$(dirname "$0")/common.sh"
rounds=${1:-5}
messages=${2:-2000}

pg_start
"$bin" db migrate >/dev/null
mail=$work/Maildir
maildir_new "$mail"
# Messages arrive in waves, one before each start.
next=0
deliver_upto() { while [ $next -lt "$1" ] && [ $next -lt $messages ]; do deliver "$mail" $next; next=$((next + 1)); done; }
wave=$(( (messages + rounds - 1) / rounds ))
run_daemon() {
    "$bin" run --source.maildir="$mail" --daemon.batch_size=10 --daemon.rescan_interval=1s \
        --daemon.claim_timeout=1h >>"$work/${1:-daemon}.log" 2>&1 &
    daemon_pid=$!
}
r=1
while [ $r -le $rounds ]; do
    deliver_upto $(( r * wave ))
    run_daemon
    # A random moment while the wave drains (about a message per millisecond):
    # mid-batch, mid-commit, mid-rename, or (rarely) when done.
    ms=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % wave + 10 ))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -9 "$daemon_pid"
    wait "$daemon_pid" 2>/dev/null || true
    daemon_pid=
    say "round $r: killed; $next delivered, $(count_files "$mail/.Processed/cur") in .Processed, $(sql 'SELECT count(*) FROM processed_messages') applied, $(find "$mail/bounced-claims" -type f | wc -l) claimed"
    r=$((r + 1))
done
deliver_upto $messages

run_daemon final
started() { grep -q "started" "$work/final.log" 2>/dev/null; }
wait_for 30 started || fail "the daemon did not start: $(cat "$work/final.log")"
drained() { [ "$(count_files "$mail/.Processed/cur")" -eq "$messages" ]; }
wait_for 120 drained || fail "not drained: $(count_files "$mail/.Processed/cur") of $messages processed"
kill -TERM "$daemon_pid"
wait "$daemon_pid" || fail "daemon exit status $? after SIGTERM"
daemon_pid=

applied=$(sql "SELECT count(*) FROM processed_messages")
events=$(sql "SELECT count(*) FROM bounce_events")
twice=$(sql "SELECT count(*) FROM (SELECT fingerprint FROM bounce_events GROUP BY 1 HAVING count(*) > 1) t")
suppressed=$(sql "SELECT count(*) FROM subscribers WHERE status = 'suppressed'")
left=$(( $(count_files "$mail/new") + $(count_files "$mail/cur") + $(find "$mail/bounced-claims" -type f | wc -l) ))
say "applied=$applied events=$events twice=$twice suppressed=$suppressed left=$left"
[ "$applied" -eq "$messages" ] || fail "$applied messages applied, expected $messages"
[ "$events" -eq "$messages" ] || fail "$events bounce events, expected $messages (one each)"
[ "$twice" -eq 0 ] || fail "$twice messages applied more than once"
[ "$suppressed" -eq "$messages" ] || fail "$suppressed suppressed, expected $messages"
[ "$left" -eq 0 ] || fail "$left messages left in new/, cur/ or a claim"
echo "PASS: $messages messages, $rounds kill -9 rounds: each applied exactly once, none lost, none stuck"
