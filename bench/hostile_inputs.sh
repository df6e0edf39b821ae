#!/usr/bin/env bash
# Peak memory of every command on the hostile input shapes of issue 13 (section 4):
# each shape is fed to `classify`, `ingest` (pipe mode and a path) and `suppressions
# import` as it applies, and GNU time's maximum resident set size is printed. The
# target is at most 128 MiB for any single input. A benchmark: it prints figures and
# asserts nothing, but it says OVER next to a figure past the target.
#
#   bench/hostile_inputs.sh [path/to/bounced]      (default build/bounced/bounced)
#   PORT=54333 MESSAGES=100 BIG_BYTES=10000000 REPEAT=1 IMPORT_MIB=256 TIMEOUT=300
#   SHAPES="boundaries endless batch import long"  (defaults)
#
# Shapes: 10 MiB of bare boundary lines (boundaries); an endless standard input
# (endless); MESSAGES bounces of BIG_BYTES each (10 MB: under limits.max_message_bytes,
# 10 MiB, so each is read and classified) in one Maildir, drained by `ingest PATH`,
# `classify` and `run` (batch); a single IMPORT_MIB line in a suppression file
# (import); a 3 KB random recipient and From (long). The batch shape is measured
# REPEAT times per command and the median printed (with every run), each `ingest` and
# `run` into a fresh schema, so every message is applied, none a duplicate. Needs
# PostgreSQL (deploy/pg/start.sh) and GNU time (/usr/bin/time; Debian package `time`).
set -eu  # no pipefail: the generators (yes | head) end on SIGPIPE by design
root=$(cd "$(dirname "$0")/.." && pwd)
bounced=${1:-$root/build/bounced/bounced}
port=${PORT:-54333}
messages=${MESSAGES:-100}
big_bytes=${BIG_BYTES:-10000000}
repeat=${REPEAT:-1}
import_mib=${IMPORT_MIB:-256}
limit=${TIMEOUT:-300}
shapes=" ${SHAPES:-boundaries endless batch import long} "
shape() { case $shapes in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
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
# under GNU time, at most TIMEOUT s; prints the peak RSS, the exit status and the
# time, and leaves the peak in $last_kib.
measure() {
    local name=$1
    shift
    local status=0
    timeout "$limit" /usr/bin/time -v -o "$work/time.txt" "$@" <"${stdin:-/dev/null}" >/dev/null 2>"$work/err.txt" || status=$?
    local kib seconds
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt" 2>/dev/null || echo 0)
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" 2>/dev/null || echo ?)
    local mark=""
    [ "${kib:-0}" -gt "$target_kib" ] && mark="  OVER"
    [ "$status" = 124 ] && mark="$mark  (killed after $limit s: did not stop)"
    printf '%-44s %8.1f MiB  exit %-3s %s%s\n' "$name" "$(echo "${kib:-0} / 1024" | bc -l)" "$status" "$seconds" "$mark"
    last_kib=${kib:-0}
}

# median KIB...: the middle figure (of an even count, the upper middle), in MiB.
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {printf "%.1f", v[int(NR / 2) + 1] / 1024}'; }

# fresh_schema NAME: a migrated schema for one measurement (nothing in it is a duplicate).
fresh_schema() { "$bounced" db migrate --database.schema="$1" >/dev/null; }

# 1. bare boundary lines: 10 MiB of "--b" (2.6 million empty parts)
if shape boundaries; then
    { printf '%s\n' "$header"; yes -- '--b' | head -c $((10 * 1024 * 1024 - 200)); } >"$work/boundaries.eml"
    measure "classify: 10 MiB of bare boundary lines" "$bounced" classify "$work/boundaries.eml"
    stdin=$work/boundaries.eml measure "classify -: 10 MiB of bare boundary lines" "$bounced" classify -
    stdin=$work/boundaries.eml measure "ingest (pipe): 10 MiB of bare boundary lines" "$bounced" ingest
    measure "ingest PATH: 10 MiB of bare boundary lines" "$bounced" ingest --quiet "$work/boundaries.eml"
fi

# 2. an endless standard input (a fifo fed by yes, which never ends)
if shape endless; then
    mkfifo "$work/endless"
    ( yes 'endless line of a message that never ends' >"$work/endless" 2>/dev/null & echo $! >"$work/yes.pid"; wait ) &
    stdin=$work/endless measure "classify -: endless standard input" "$bounced" classify -
    kill "$(cat "$work/yes.pid")" 2>/dev/null || true; wait 2>/dev/null || true
    ( yes 'endless line of a message that never ends' >"$work/endless" 2>/dev/null & echo $! >"$work/yes.pid"; wait ) &
    stdin=$work/endless measure "ingest (pipe): endless standard input" "$bounced" ingest
    kill "$(cat "$work/yes.pid")" 2>/dev/null || true; wait 2>/dev/null || true
fi

# 3. one batch of MESSAGES bounces of BIG_BYTES each: ingest PATH, classify and run,
# REPEAT times each. The Maildir the daemon drains is a hard-linked copy of them.
run_once() {  # run_once N: the daemon drains a fresh copy into schema run_N; peak in $last_kib
    rm -rf "$work/RunMaildir"
    cp -al "$work/Maildir" "$work/RunMaildir"
    fresh_schema "run_$1"
    BOUNCED_DATABASE_SCHEMA=run_$1 timeout "$limit" /usr/bin/time -v -o "$work/time.txt" "$bounced" run \
        --source.maildir="$work/RunMaildir" --daemon.rescan_interval=1s >/dev/null 2>"$work/run.log" &
    local run_pid=$! started=$SECONDS
    filed() { find "$work/RunMaildir/.Processed/cur" "$work/RunMaildir/.Quarantine/cur" -type f 2>/dev/null | wc -l; }
    while [ $((SECONDS - started)) -lt "$limit" ] && [ "$(filed)" -lt "$messages" ]; do sleep 0.5; done
    local seconds=$((SECONDS - started))
    # The daemon itself (timeout -> time -> bounced): GNU time reports once it exits.
    kill -TERM "$(pgrep -f -n "bounced run --source.maildir=$work/RunMaildir")" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
    last_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    local left=$((messages - $(filed)))
    printf '%-44s %8.1f MiB  %s s to file them all, %s not filed%s\n' "run: $messages bounces of $big_bytes bytes" \
        "$(echo "$last_kib / 1024" | bc -l)" "$seconds" "$left" "$([ "$last_kib" -gt "$target_kib" ] && echo '  OVER')"
}
if shape batch; then
    mkdir -p "$work/Maildir/cur" "$work/Maildir/tmp" "$work/Maildir/new"
    head -c "$big_bytes" /dev/zero | tr '\0' 'x' | fold -w 998 >"$work/body"
    for i in $(seq 1 "$messages"); do
        { printf 'From: MAILER-DAEMON@mx.example.net\nTo: bounces@list.example\nSubject: big %s\n\n' "$i"
          cat "$work/body"; } | head -c "$big_bytes" >"$work/Maildir/new/big$i.eml"
    done
    rm -f "$work/body"
    ingest_kib=() classify_kib=() run_kib=()
    for r in $(seq 1 "$repeat"); do
        fresh_schema "ingest_$r"
        measure "ingest PATH: $messages bounces of $big_bytes bytes" \
            "$bounced" ingest --quiet --database.schema="ingest_$r" "$work/Maildir"
        ingest_kib+=("$last_kib")
        measure "classify: $messages bounces of $big_bytes bytes" "$bounced" classify "$work/Maildir"
        classify_kib+=("$last_kib")
        run_once "$r"
        run_kib+=("$last_kib")
    done
    printf 'batch of %s x %s bytes, median of %s: ingest PATH %s MiB, classify %s MiB, run %s MiB\n' \
        "$messages" "$big_bytes" "$repeat" "$(median "${ingest_kib[@]}")" "$(median "${classify_kib[@]}")" \
        "$(median "${run_kib[@]}")"
fi

# 4. a suppression file with one line of IMPORT_MIB MiB
if shape import; then
    { echo 'address,class'; head -c $((import_mib * 1024 * 1024)) /dev/zero | tr '\0' 'a'; echo ',hard'; } >"$work/huge.csv"
    measure "suppressions import: one $import_mib MiB line" "$bounced" suppressions import "$work/huge.csv"
    printf '  its error message: %s bytes\n' "$(wc -c <"$work/err.txt")"
fi

# 5. a 3 KB random recipient and From (stored fields past PostgreSQL's index row limit)
if shape long; then
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
fi
