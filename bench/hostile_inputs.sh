#!/usr/bin/env bash
# Peak memory of every command on the hostile input shapes of issue 13 (section 4):
# each shape is fed to `classify`, `ingest` (pipe mode and a path) and `suppressions
# import` as it applies, and GNU time's maximum resident set size is printed. The
# target is at most 128 MiB for any single input. A benchmark: it prints figures and
# asserts nothing, but it says OVER next to a figure past the target.
#
#   bench/hostile_inputs.sh [path/to/bounced]      (default build/bounced/bounced)
#   PORT=54333 MESSAGES=30 IMPORT_MIB=256          (defaults)
#
# Shapes: 10 MiB of bare boundary lines; an endless standard input; MESSAGES bounces
# of 9 MiB in one Maildir (one run batch); a single IMPORT_MIB line in a suppression
# file; a 3 KB random recipient and From. Needs PostgreSQL (deploy/pg/start.sh) and
# GNU time (/usr/bin/time; Debian package `time`).
set -eu  # no pipefail: the generators (yes | head) end on SIGPIPE by design
root=$(cd "$(dirname "$0")/.." && pwd)
bounced=${1:-$root/build/bounced/bounced}
port=${PORT:-54333}
messages=${MESSAGES:-30}
import_mib=${IMPORT_MIB:-256}
target_kib=$((128 * 1024))

[ -x "$bounced" ] || { echo "hostile_inputs: $bounced is not built" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "hostile_inputs: needs GNU time: apt-get install time" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bounced-hostile-XXXXXX")
chmod 755 "$work"  # as root the server runs as postgres (deploy/pg/start.sh)
cleanup() { "$root/deploy/pg/stop.sh" "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
export BOUNCED_CONFIG=/dev/null
BOUNCED_DATABASE_URL=$("$root/deploy/pg/start.sh" "$work/pg" "$port" | tail -1)
export BOUNCED_DATABASE_URL
"$bounced" db migrate >/dev/null
export BOUNCED_DAEMON_QUARANTINE_DIR=$work/quarantine
mkdir -p "$work/quarantine"

header='From: MAILER-DAEMON@mx.example.net
To: bounces@list.example
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/mixed; boundary="b"
'

# measure NAME COMMAND...: runs it (standard input from $stdin, default /dev/null)
# under GNU time, at most 120 s; prints the peak RSS, the exit status and the time.
measure() {
    local name=$1
    shift
    local status=0
    timeout 120 /usr/bin/time -v -o "$work/time.txt" "$@" <"${stdin:-/dev/null}" >/dev/null 2>"$work/err.txt" || status=$?
    local kib seconds
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt" 2>/dev/null || echo 0)
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" 2>/dev/null || echo ?)
    local mark=""
    [ "${kib:-0}" -gt "$target_kib" ] && mark="  OVER"
    [ "$status" = 124 ] && mark="$mark  (killed after 120 s: did not stop)"
    printf '%-44s %8.1f MiB  exit %-3s %s%s\n' "$name" "$(echo "${kib:-0} / 1024" | bc -l)" "$status" "$seconds" "$mark"
}

# 1. bare boundary lines: 10 MiB of "--b" (2.6 million empty parts)
{ printf '%s\n' "$header"; yes -- '--b' | head -c $((10 * 1024 * 1024 - 200)); } >"$work/boundaries.eml"
measure "classify: 10 MiB of bare boundary lines" "$bounced" classify "$work/boundaries.eml"
stdin=$work/boundaries.eml measure "classify -: 10 MiB of bare boundary lines" "$bounced" classify -
stdin=$work/boundaries.eml measure "ingest (pipe): 10 MiB of bare boundary lines" "$bounced" ingest
measure "ingest PATH: 10 MiB of bare boundary lines" "$bounced" ingest --quiet "$work/boundaries.eml"

# 2. an endless standard input (a fifo fed by yes, which never ends)
mkfifo "$work/endless"
( yes 'endless line of a message that never ends' >"$work/endless" 2>/dev/null & echo $! >"$work/yes.pid"; wait ) &
stdin=$work/endless measure "classify -: endless standard input" "$bounced" classify -
kill "$(cat "$work/yes.pid")" 2>/dev/null || true; wait 2>/dev/null || true
( yes 'endless line of a message that never ends' >"$work/endless" 2>/dev/null & echo $! >"$work/yes.pid"; wait ) &
stdin=$work/endless measure "ingest (pipe): endless standard input" "$bounced" ingest
kill "$(cat "$work/yes.pid")" 2>/dev/null || true; wait 2>/dev/null || true

# 3. one batch of MESSAGES bounces of 9 MiB each
mkdir -p "$work/Maildir/cur" "$work/Maildir/tmp" "$work/Maildir/new"
for i in $(seq 1 "$messages"); do
    { printf 'From: MAILER-DAEMON@mx.example.net\nTo: bounces@list.example\nSubject: big %s\n\n' "$i"
      head -c $((9 * 1024 * 1024)) /dev/zero | tr '\0' 'x' | fold -w 998; } >"$work/Maildir/new/big$i.eml"
done
measure "ingest PATH: $messages bounces of 9 MiB" "$bounced" ingest --quiet "$work/Maildir"
measure "classify: $messages bounces of 9 MiB" "$bounced" classify "$work/Maildir"
timeout 300 /usr/bin/time -v -o "$work/time.txt" "$bounced" run --source.maildir="$work/Maildir" \
    --daemon.rescan_interval=1s >/dev/null 2>"$work/run.log" &
run_pid=$!
for _ in $(seq 1 240); do
    [ -z "$(ls -A "$work/Maildir/new" "$work/Maildir/cur" 2>/dev/null)" ] && break
    sleep 0.5
done
# The daemon itself (timeout -> time -> bounced): GNU time reports once it exits.
kill -TERM "$(pgrep -f -n "bounced run --source.maildir=$work/Maildir")" 2>/dev/null || true
wait $run_pid 2>/dev/null || true
kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
printf '%-44s %8.1f MiB%s\n' "run: $messages bounces of 9 MiB" "$(echo "$kib / 1024" | bc -l)" \
    "$([ "$kib" -gt "$target_kib" ] && echo '  OVER')"

# 4. a suppression file with one line of IMPORT_MIB MiB
{ echo 'address,class'; head -c $((import_mib * 1024 * 1024)) /dev/zero | tr '\0' 'a'; echo ',hard'; } >"$work/huge.csv"
measure "suppressions import: one $import_mib MiB line" "$bounced" suppressions import "$work/huge.csv"
printf '  its error message: %s bytes\n' "$(wc -c <"$work/err.txt")"

# 5. a 3 KB random recipient and From (stored fields past PostgreSQL's index row limit)
random=$(head -c 3000 /dev/urandom | base64 -w0 | tr -dc 'a-zA-Z0-9' | head -c 3000)
cat >"$work/long.eml" <<MSG
From: MAILER-DAEMON@$random.example
To: bounces@list.example
Subject: Delivery Status Notification (Failure)
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; $random@example.org
Action: failed
Status: 5.1.1

--B--
MSG
stdin=$work/long.eml measure "ingest (pipe): 3 KB random recipient/From" "$bounced" ingest
