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


def load_corpus(corpus, expected_path, script):
    """(expected rows by file, the corpus files expected.tsv names, those files by
    family), or None after saying why when the corpus is not there (it is not part
    of the project: the scripts then exit 0)."""
    expected_path = expected_path or expected_beside(corpus)
    if not os.path.isdir(corpus) or not os.path.isfile(expected_path):
        print(f"{script}: no corpus at {corpus} (or no {expected_path}); nothing to measure")
        return None
    expected = read_expected(expected_path)
    files = sorted(f for f in os.listdir(corpus) if f in expected)
    families = collections.defaultdict(list)
    for f in files:
        families[family_of(f)].append(f)
    return expected, files, families


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
