#!/usr/bin/env python3
"""Leave-one-out check of the classifier's rules. Prints, never asserts.

Usage: bench/leave_one_out.py [--bounced PATH] [--corpus DIR] [--expected TSV] [--rows]

The development corpus names each file after the MTA or provider family it comes
from ("lhost-postfix-07.eml", "rhost-google-02.eml"): the family is the name
without its number. For each family in turn, the script classifies that family's
files with `bounced classify --hold-out FAMILY`, which leaves out the rule rows and
the format decoder written for that family (classify/rules/hold_out.h), and prints how the
remaining rules do on it, beside the figures with everything in. The difference is
how much of a family's score rests on rows written for it; the held-out figure is
closer to what to expect from bounces the rules were not written for.

--rows also lists the rule rows that decide exactly one file of the corpus (with
everything in): a row only one file needs is a smell, see the issue on generality.

The corpus is not part of the project: without it the script says so and exits 0.
"""
import argparse
import collections
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from corpus_common import add_corpus_arguments, classify, load_corpus


def score(expected, got, files):
    """(recipients, class right, reason right, rules used per file) over `files`.
    Rows are matched in order, as the corpus's expected.tsv gives no address."""
    n = cls = rsn = 0
    rules = {}
    for f in files:
        outs = got.get(f, [])
        rules[f] = {o.get("rule", "") for o in outs}
        for i, want in enumerate(expected[f]):
            o = outs[i] if i < len(outs) else {}
            n += 1
            cls += o.get("class") in want["class"].split("|")
            rsn += o.get("reason") == want["reason"]
    return n, cls, rsn, rules


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(ap)
    ap.add_argument("--rows", action="store_true", help="list the rule rows that decide one file only")
    args = ap.parse_args()
    corpus = load_corpus(args.corpus, args.expected, "leave_one_out")
    if corpus is None:
        return 0
    expected, files, families = corpus

    everything = classify(args.bounced, [os.path.join(args.corpus, f) for f in files])
    print(f"{'family':24s} {'files':>5s} {'rcpts':>5s}  {'class all':>9s} {'held out':>8s}  "
          f"{'reason all':>10s} {'held out':>8s}")
    total_all = [0, 0, 0]
    total_out = [0, 0, 0]
    for family in sorted(families):
        members = families[family]
        n, c_all, r_all, _ = score(expected, everything, members)
        held = classify(args.bounced, [os.path.join(args.corpus, f) for f in members], hold_out=family)
        _, c_out, r_out, _ = score(expected, held, members)
        for total, figures in ((total_all, (n, c_all, r_all)), (total_out, (n, c_out, r_out))):
            for i, v in enumerate(figures):
                total[i] += v
        mark = "  <" if (c_out, r_out) != (c_all, r_all) else ""
        print(f"{family:24s} {len(members):5d} {n:5d}  {c_all / n:9.3f} {c_out / n:8.3f}  "
              f"{r_all / n:10.3f} {r_out / n:8.3f}{mark}")
    n = total_all[0]
    print(f"{'overall':24s} {len(files):5d} {n:5d}  {total_all[1] / n:9.3f} {total_out[1] / n:8.3f}  "
          f"{total_all[2] / n:10.3f} {total_out[2] / n:8.3f}")
    print("('<': the family scores differently without the rows and decoder written for it)")

    if args.rows:
        _, _, _, rules = score(expected, everything, files)
        users = collections.defaultdict(set)
        for f, used in rules.items():
            for rule in used:
                if rule.startswith("text:"):
                    users[rule.split(",")[0]].add(f)
        print("\nrule rows that decide exactly one corpus file:")
        for rule in sorted(users):
            if len(users[rule]) == 1:
                print(f"  {rule:48s} {next(iter(users[rule]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
