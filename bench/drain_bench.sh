#!/usr/bin/env bash
# End-to-end benchmark: a Maildir of MESSAGES bounces drained by `bounced run` into a
# private PostgreSQL, RUNS times. Prints messages/s (median) and how the daemon's time
# split between reading, parsing, classifying, the database and acknowledging.
#
#   bench/drain_bench.sh [path/to/bounced]       (default build/bounced/bounced)
#   MESSAGES=20000 RUNS=3 BATCH=100 PORT=54332 CORPUS=../shared/corpus/sisimai/bsd  (defaults)
#
# The corpus files are copied round-robin into new/, each copy with an X-Bench-Copy
# header of its own so that every message has its own fingerprint (copies with equal
# bytes would be skipped as duplicates). Every run starts from a new schema. The split
# comes from the daemon's final summary line ("time: read ..., classify ..."), whose
# classify stage is cut into parse and the rest by bench/parse_share over the same
# files. A benchmark: it prints figures and asserts nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bounced=${1:-$root/build/bounced/bounced}
parse_share=$(dirname "$bounced")/../bench/parse_share
messages=${MESSAGES:-20000}
runs=${RUNS:-3}
batch=${BATCH:-100}
port=${PORT:-54332}
corpus=${CORPUS:-$root/../shared/corpus/sisimai/bsd}

if [ ! -d "$corpus" ]; then
    echo "drain_bench: skipped: no corpus at $corpus (it sits beside the checkout in development)"
    exit 0
fi
for tool in "$bounced" "$parse_share"; do
    [ -x "$tool" ] || { echo "drain_bench: $tool is not built (cmake --build build)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/bounced-drain.XXXXXX)
chmod 755 "$work"  # the private cluster runs as postgres when we are root
cleanup() {
    [ -n "${daemon_pid:-}" ] && kill "$daemon_pid" 2>/dev/null || true
    "$root/deploy/pg/stop.sh" "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# The bounces, once, in a template Maildir that each run copies.
make_template() {
    local files=("$corpus"/*) i=0
    mkdir -p "$work/template"
    while [ "$i" -lt "$messages" ]; do
        local f=${files[$((i % ${#files[@]}))]}
        { printf 'X-Bench-Copy: %d\n' "$i"; cat "$f"; } >"$work/template/$i.bench"
        i=$((i + 1))
    done
}

# drained DIR: true when new/ and cur/ hold nothing.
drained() { [ -z "$(find "$1/new" "$1/cur" -type f -print -quit)" ]; }

# One run: prints "SECONDS|SUMMARY-LINE".
drain_once() {
    local run=$1 maildir=$work/Maildir-$1 schema=drain_$1
    mkdir -p "$maildir/tmp" "$maildir/cur"
    cp -r "$work/template" "$maildir/new"
    cat >"$work/run.conf" <<CONF
[database]
url = $url
schema = $schema
[source]
maildir = $maildir
[daemon]
batch_size = $batch
summary_interval = 1w
rescan_interval = 1h
[log]
file = $work/run-$run.log
CONF
    BOUNCED_CONFIG=$work/run.conf "$bounced" db migrate >/dev/null
    local start end
    start=$(date +%s.%N)
    BOUNCED_CONFIG=$work/run.conf "$bounced" run &
    daemon_pid=$!
    until drained "$maildir"; do sleep 0.05; done
    end=$(date +%s.%N)
    kill -TERM "$daemon_pid"
    wait "$daemon_pid" || true
    daemon_pid=
    echo "$(echo "$end - $start" | bc -l)|$(grep 'summary:' "$work/run-$run.log" | tail -1)"
    rm -rf "$maildir"
}

# stage NAME LINE: the seconds the summary line gives the stage.
stage() { sed -n "s/.*[ ,]$1 \([0-9.]*\) s.*/\1/p" <<<"$2"; }
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "drain_bench: $messages messages from $corpus, batch $batch, $runs runs"
make_template
url=$("$root/deploy/pg/start.sh" "$work/pg" "$port")
bytes=$(du -sb "$work/template" | cut -f1)

results=()
for run in $(seq 1 "$runs"); do
    result=$(drain_once "$run")
    results+=("$result")
    echo "run $run: ${result%%|*} s"
done

wall=$(printf '%s\n' "${results[@]}" | cut -d'|' -f1 | median)
declare -A seconds
for s in read classify database acknowledge; do
    seconds[$s]=$(for r in "${results[@]}"; do stage "$s" "${r#*|}"; done | median)
done
share=$("$parse_share" "$work/template" 3 | sed -n 's/.*parse_share \([0-9.]*\).*/\1/p')
parse=$(echo "${seconds[classify]} * $share" | bc -l)
rest=$(echo "${seconds[classify]} - $parse" | bc -l)
total=$(echo "${seconds[read]} + ${seconds[classify]} + ${seconds[database]} + ${seconds[acknowledge]}" | bc -l)

echo
printf 'drained %d messages (%.1f MiB) in %.2f s (median of %d): %.0f messages/s\n' \
    "$messages" "$(echo "$bytes / 1048576" | bc -l)" "$wall" "$runs" "$(echo "$messages / $wall" | bc -l)"
printf '%-12s %8s %6s\n' stage seconds share
for row in "read ${seconds[read]}" "parse $parse" "classify $rest" "database ${seconds[database]}" \
           "acknowledge ${seconds[acknowledge]}"; do
    set -- $row
    printf '%-12s %8.2f %5.1f%%\n' "$1" "$2" "$(echo "100 * $2 / $total" | bc -l)"
done
echo "(stage times are the daemon's own, medians over the runs; 'parse' is the classify stage"
echo " times the MIME parse's share of classification measured by parse_share on the same files)"
