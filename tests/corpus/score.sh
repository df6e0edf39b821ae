#!/usr/bin/env bash
# Corpus accuracy test: classifies the development corpus (../shared/corpus/sisimai,
# beside the checkout) and fails below the floors of issue 2. The corpus is not part
# of the project: where it is absent the test is skipped (exit 77) and says so.
#
#   tests/corpus/score.sh BOUNCED_BINARY SHARED_DIR
set -u
bin=$(readlink -f "$1")
shared=$2
corpus=$shared/corpus/sisimai
if [ ! -f "$corpus/expected.tsv" ]; then
    echo "SKIP: no development corpus at $corpus (it sits beside CI's checkout, not a user's clone)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# classify DIR... -> jsonl on stdout; a crash, a hang or a usage error fails the test.
classify() {
    timeout 120 "$bin" classify --format jsonl "$@"
    local rc=$?
    [ $rc -le 2 ] || fail "bounced classify exited $rc on $*"
}

# 1. Accuracy on the BSD (LF) copies against expected.tsv.
classify "$corpus"/bsd/*.eml >"$work/bsd.jsonl"
# expected.tsv follows sisimai, which has no class for delay warnings and classes
# them by their cause (soft, policy, even hard). This project classes them `delayed`
# (README, issue 12 item 5). A row is allowed `delayed` as well when the output's
# action for that recipient is delayed (the DSN's Action field, or the MTA's own
# warning words); every such row is printed, and the unadjusted figures first.
echo "unadjusted (expected.tsv as given):"
python3 "$shared/tools/score-corpus.py" "$corpus/expected.tsv" "$work/bsd.jsonl" | sed 's/^/  /'
python3 - "$corpus/expected.tsv" "$work/bsd.jsonl" >"$work/expected.tsv" <<'PY'
import collections, csv, json, os, sys
got = collections.defaultdict(list)
for line in open(sys.argv[2], errors="replace"):
    try:
        o = json.loads(line)
    except ValueError:
        continue
    if o.get("recipient"):
        got[os.path.basename(str(o.get("source", "")).split("#")[0])].append(o)
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()), delimiter="\t", lineterminator="\n")
writer.writeheader()
index = collections.Counter()
for r in rows:
    i = index[r["file"]]
    index[r["file"]] += 1
    outs = got.get(r["file"], [])
    o = outs[i] if i < len(outs) else {}
    if o.get("action") == "delayed" and "delayed" not in r["class"].split("|"):
        print(f"delay warning, expected {r['class']}: {r['file']} #{r['rcpt']}", file=sys.stderr)
        r["class"] += "|delayed"
    writer.writerow(r)
PY
python3 "$shared/tools/score-corpus.py" "$work/expected.tsv" "$work/bsd.jsonl" \
    --min-class 0.97 --min-reason 0.93 | tee "$work/score.txt" || fail "class or reason accuracy below the floor"
read -r status found total < <(python3 - "$work/score.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
status = re.search(r"status ([0-9.]+)", text).group(1)
found, total = re.search(r"recipients found (\d+)/(\d+)", text).groups()
print(status, found, total)
PY
)
python3 -c "import sys; sys.exit(0 if float('$status') >= 0.93 else 1)" || fail "status accuracy $status below 0.93"
python3 -c "import sys; sys.exit(0 if $found / $total >= 0.98 else 1)" || fail "recipients found $found/$total below 0.98"

# 2. CRLF (dos/) and CR (mac/) copies must read exactly as the LF ones.
summary() {  # file, recipient, status, reason, class per line, sources reduced to names
    python3 -c '
import json, os, sys
for line in sys.stdin:
    o = json.loads(line)
    print(os.path.basename(o["source"]), o.get("recipient"), o.get("status"), o.get("reason"), o.get("class"))'
}
for variant in dos mac; do
    ls "$corpus/$variant"/*.eml >/dev/null 2>&1 || continue
    names=$(cd "$corpus/$variant" && ls *.eml)
    (cd "$corpus/bsd" && classify $names) | summary >"$work/$variant.lf"
    (cd "$corpus/$variant" && classify $names) | summary >"$work/$variant.txt"
    if ! diff -u "$work/$variant.lf" "$work/$variant.txt" >"$work/$variant.diff"; then
        fail "$variant/ copies read differently from bsd/:"
        head -20 "$work/$variant.diff"
    else
        echo "$variant/: $(echo "$names" | wc -l) files read exactly as their bsd/ copies"
    fi
done

# 3. Broken messages, non-bounces and mboxes: no crash, no hang; not/ is no bounce.
classify "$corpus"/err/* >"$work/err.jsonl"
echo "err/: $(ls "$corpus/err" | wc -l) broken messages processed, $(wc -l <"$work/err.jsonl") result lines"
classify "$corpus"/mbox/* >"$work/mbox.jsonl"
echo "mbox/: $(grep -c . "$work/mbox.jsonl") result lines from $(ls "$corpus/mbox" | wc -l) mboxes"
classify "$corpus"/not/* >"$work/not.jsonl"
claims=$(python3 -c '
import json, sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l).get("class") not in ("none", None)))' "$work/not.jsonl")
[ "$claims" = 0 ] || { fail "not/ holds no bounces, but $claims recipients were claimed:"; grep -v '"class":"none"' "$work/not.jsonl" | head -5; }

if [ $failed = 0 ]; then echo "corpus: all checks passed"; fi
exit $failed
