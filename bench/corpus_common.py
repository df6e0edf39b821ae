"""What the corpus scripts under bench/ share: where the development corpus is, its
families and expected results, and one `bounced classify` run over many files.

The corpus names each file after the MTA or provider family it comes from
("lhost-postfix-07.eml", "rhost-google-02.eml"): the family is the name without
its number. expected.tsv sits beside the corpus folder, one row per recipient.
"""
import collections
import json
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_BOUNCED = os.path.join(ROOT, "build/bounced/bounced")
DEFAULT_CORPUS = os.path.join(ROOT, "../shared/corpus/sisimai/bsd")


def family_of(name):
    return re.sub(r"-[0-9]+\.eml$", "", name)


def expected_beside(corpus):
    return os.path.join(os.path.dirname(os.path.normpath(corpus)), "expected.tsv")


def read_expected(path):
    rows = collections.defaultdict(list)
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            values = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[values["file"]].append(values)
    return rows


def classify(bounced, paths, hold_out=None):
    """File name (without folder) -> the recipient results `bounced classify` printed
    for it, in order. One run for all paths."""
    cmd = [bounced, "classify", "--format", "jsonl"]
    if hold_out:
        cmd += ["--hold-out", hold_out]
    out = subprocess.run(cmd + paths, capture_output=True, text=True, errors="replace").stdout
    got = collections.defaultdict(list)
    for line in out.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("recipient"):
            got[os.path.basename(str(o.get("source", "")).split("#")[0])].append(o)
    return got
