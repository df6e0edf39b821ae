#!/bin/sh
# Classification throughput: the development corpus replicated to at least 12,000
# messages, as a Maildir and as one mbox, classified by `bounced classify` on one
# core, RUNS times each (default 5); prints the median messages/s, MB/s and peak
# RSS, then runs Perl sisimai (Debian libsisimai-perl, installed with apt-get when
# missing) over the same Maildir and prints the ratio. Figures are printed, never
# asserted. See bench/README.md.
#
#   bench/classify_throughput.sh [BOUNCED_BINARY]
#
# Environment: CORPUS (default ../shared/corpus/sisimai/bsd), MESSAGES (12000),
# RUNS (5), SISIMAI_RUNS (3, 0 skips it), CPU (the core to pin to, default 1).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
bounced=${1:-$root/build-perf/bounced/bounced}
corpus=${CORPUS:-$root/../shared/corpus/sisimai/bsd}
want=${MESSAGES:-12000}
runs=${RUNS:-5}
sisimai_runs=${SISIMAI_RUNS:-3}
cpu=${CPU:-1}

if [ ! -d "$corpus" ]; then
    echo "bench: no corpus at $corpus; skipped"
    exit 0
fi
if [ ! -x "$bounced" ]; then
    echo "bench: no bounced binary at $bounced (build it: cmake -B build-perf && make -C build-perf bounced)" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time for peak RSS"
    sudo apt-get install -y time >/dev/null 2>&1 || apt-get install -y time >/dev/null
fi
pin=""
if command -v taskset >/dev/null 2>&1 && taskset -c "$cpu" true 2>/dev/null; then pin="taskset -c $cpu"; fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bounced-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Replicate: Maildir/new/COPY.NAME, and one mboxrd file with the same messages.
python3 - "$corpus" "$tmp" "$want" <<'PY'
import os, re, sys
corpus, tmp, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(n for n in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, n)))
data = [open(os.path.join(corpus, n), "rb").read() for n in names]
copies = -(-want // len(data))
os.makedirs(os.path.join(tmp, "Maildir", "new"))
os.makedirs(os.path.join(tmp, "Maildir", "cur"))
os.makedirs(os.path.join(tmp, "Maildir", "tmp"))
quote = re.compile(rb"^(>*From )", re.M)
total = 0
with open(os.path.join(tmp, "mbox"), "wb") as mbox:
    for c in range(copies):
        for n, d in zip(names, data):
            with open(os.path.join(tmp, "Maildir", "new", "%05d.%s" % (c, n)), "wb") as f:
                f.write(d)
            total += len(d)
            lf = d.replace(b"\r\n", b"\n")
            if lf.startswith(b"From "):  # mbox-format already: the separator below replaces
                lf = lf.partition(b"\n")[2]  # its own, as the Maildir reader skips it
            mbox.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n" + quote.sub(rb">\1", lf))
            mbox.write(b"\n" if lf.endswith(b"\n") else b"\n\n")
with open(os.path.join(tmp, "stats"), "w") as f:
    f.write("%d %d %d %d\n" % (len(data), copies, len(data) * copies, total))
PY
read -r base copies count bytes <"$tmp/stats"
echo "bench: $base messages from $corpus, $copies copies: $count messages, $(awk "BEGIN{printf \"%.1f\", $bytes/1048576}") MiB"
echo "bench: $($bounced --version 2>/dev/null || echo bounced) on $(nproc) cores of $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), pinned: ${pin:-no}"

# Runs COMMAND RUNS times; prints "median_wall_seconds max_rss_kib median_cpu_seconds".
# CPU time (user + system) is printed too: on a busy machine it is the steadier figure.
measure() {
    n=$1; shift
    i=0
    : >"$tmp/times"
    while [ "$i" -lt "$n" ]; do
        rm -f "$tmp/out"  # truncating the last run's 8 MB inside the timing cost it ~6 ms
        start=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$tmp/rss" $pin "$@" >"$tmp/out" 2>"$tmp/err" || {
            echo "bench: failed: $*" >&2; cat "$tmp/err" >&2; exit 1; }
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000 )) $(tail -1 "$tmp/rss")" >>"$tmp/times"
        i=$((i + 1))
    done
    sort -n "$tmp/times" | awk '{t[NR]=$1; if ($2>m) m=$2} END {printf "%.6f %d ", t[int((NR+1)/2)]/1e6, m}'
    awk '{print $3 + $4}' "$tmp/times" | sort -n | awk '{c[NR]=$1} END {printf "%.3f\n", c[int((NR+1)/2)]}'
}

report() {  # label median_wall_s rss_kib median_cpu_s
    awk -v l="$1" -v s="$2" -v r="$3" -v c="$4" -v n="$count" -v b="$bytes" 'BEGIN {
        printf "bench: %-24s wall %7.3f s %8.0f msg/s %7.1f MB/s | cpu %7.2f s %8.0f msg/s | peak RSS %6.1f MiB\n",
               l, s, n/s, b/s/1e6, c, (c > 0 ? n/c : 0), r/1024 }'
}

set -- $(measure "$runs" "$bounced" classify "$tmp/Maildir")
maildir_s=$1
maildir_cpu=$3
report "bounced classify Maildir" "$1" "$2" "$3"
lines=$(wc -l <"$tmp/out")
echo "bench: (last run printed $lines result lines)"
set -- $(measure "$runs" "$bounced" classify "$tmp/mbox")
report "bounced classify mbox" "$1" "$2" "$3"

if [ "$sisimai_runs" -gt 0 ]; then
    if ! perl -MSisimai -e 1 2>/dev/null; then
        echo "bench: installing libsisimai-perl"
        sudo apt-get install -y libsisimai-perl >/dev/null 2>&1 || apt-get install -y libsisimai-perl >/dev/null
    fi
    version=$(perl -MSisimai -e 'print $Sisimai::VERSION')
    cat >"$tmp/sisimai.pl" <<'PL'
use strict; use warnings; use Sisimai;
my $found = Sisimai->make($ARGV[0], 'delivered' => 1) || [];
print scalar(@$found), "\n";
PL
    set -- $(measure "$sisimai_runs" perl "$tmp/sisimai.pl" "$tmp/Maildir/new")
    sisimai_s=$1
    sisimai_cpu=$3
    report "Perl sisimai $version" "$1" "$2" "$3"
    echo "bench: (sisimai found $(cat "$tmp/out") results)"
    awk -v a="$maildir_s" -v b="$sisimai_s" -v ac="$maildir_cpu" -v bc="$sisimai_cpu" 'BEGIN {
        printf "bench: bounced is %.1fx Perl sisimai on the Maildir by wall time, %.1fx by CPU time (target: 45x, 30,000 msg/s)\n", b/a, (ac > 0 ? bc/ac : 0) }'
fi
