#!/usr/bin/env python3
"""Lists every corpus recipient that `bounced classify` gets wrong, for whoever tunes
the rules: expected vs got (status, reply, reason, class), the rule that decided, and
the diagnostic. Usage: mismatches.py EXPECTED_TSV OUTPUT_JSONL [FILE_PREFIX]"""
import collections, csv, json, os, sys

exp_path, out_path, *rest = sys.argv[1:]
prefix = rest[0] if rest else ""
expected = collections.defaultdict(list)
for row in csv.DictReader(open(exp_path), delimiter="\t"):
    expected[row["file"]].append(row)
got = collections.defaultdict(list)
for line in open(out_path, errors="replace"):
    try:
        o = json.loads(line)
    except ValueError:
        continue
    if o.get("recipient"):
        got[os.path.basename(o["source"].split("#")[0])].append(o)
for f, rows in sorted(expected.items()):
    if not f.startswith(prefix):
        continue
    outs = got.get(f, [])
    for i, r in enumerate(rows):
        o = outs[i] if i < len(outs) else {}
        ok = o.get("class") in r["class"].split("|") and o.get("reason") == r["reason"] and (o.get("status") or "") == r["status"]
        if ok:
            continue
        print(f"{f} #{i+1}: want {r['status'] or '-'} {r['replycode'] or '-'} {r['reason']}/{r['class']}"
              f" got {o.get('status') or '-'} {o.get('reply_code') or '-'} {o.get('reason')}/{o.get('class')}"
              f" [{o.get('format')} {o.get('rule')}] {o.get('recipient')}\n    {str(o.get('diagnostic'))[:300]}")
    if len(outs) > len(rows):
        print(f"{f}: {len(outs) - len(rows)} extra recipients: {[o.get('recipient') for o in outs[len(rows):]]}")
