#!/usr/bin/env python3
"""/metrics of the real `bounced serve`, read by Prometheus' own text parser.

    metrics_parse_test.py BOUNCED_BINARY

Applies the sample bounces with `bounced ingest` (through Store::apply, as the daemon
does; the store writes its latency histogram when the process closes it), twice, and
after each run reads /metrics with prometheus_client's parser (Debian
python3-prometheus-client): the exposition parses, bounced_apply_seconds is a histogram
whose count grows with the batches applied and whose sum is positive, its buckets are
cumulative and end with +Inf = count. Exit 77 without a test database or the parser.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, fail, skip  # noqa: E402

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "deploy", "samples")


def scrape(serve):
    from prometheus_client.parser import text_string_to_metric_families
    status, body, headers = serve.get("/metrics")
    if status != 200:
        fail("/metrics answered %d: %s" % (status, body[:500]))
    try:
        families = {f.name: f for f in text_string_to_metric_families(body)}
    except Exception as e:  # the parser's words, whatever it raises
        fail("the exposition does not parse as Prometheus text: %s\n%s" % (e, body))
    for name in families:
        if not name.startswith("bounced_"):
            fail("a series not named bounced_*: " + name)
    latency = families.get("bounced_apply_seconds")
    if latency is None or latency.type != "histogram":
        fail("no bounced_apply_seconds histogram in:\n" + body)
    samples = {}
    buckets = []
    for s in latency.samples:
        if s.name == "bounced_apply_seconds_bucket":
            buckets.append((float(s.labels["le"]), s.value))
        else:
            samples[s.name] = s.value
    if [le for le, _ in buckets] != sorted(le for le, _ in buckets) or buckets[-1][0] != float("inf"):
        fail("the buckets are not in order of their bounds ending with +Inf: %s" % buckets)
    if any(later < earlier for (_, earlier), (_, later) in zip(buckets, buckets[1:])):
        fail("the buckets are not cumulative: %s" % buckets)
    if buckets[-1][1] != samples["bounced_apply_seconds_count"]:
        fail("+Inf is not the count: %s" % body)
    return samples["bounced_apply_seconds_count"], samples["bounced_apply_seconds_sum"], families


def ingest(serve):
    run = subprocess.run([serve.binary, "ingest", SAMPLES], env=serve.env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, timeout=120)
    if run.returncode != 0:
        fail("bounced ingest: " + run.stdout.decode(errors="replace"))


def main():
    try:
        import prometheus_client.parser  # noqa: F401
    except ImportError:
        # Debian's package is pure Python in its dist-packages, where a python3 found
        # first on PATH (pyenv, a venv) does not look.
        sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import prometheus_client.parser  # noqa: F401,F811
    except ImportError:
        if os.environ.get("CI") == "true":
            fail("python3-prometheus-client is not installed (deploy/install-deps.sh --e2e)")
        skip("python3-prometheus-client is not installed")
    with Serve(sys.argv[1]) as serve:
        count0, sum0, _ = scrape(serve)
        if count0 != 0 or sum0 != 0:
            fail("a new store already counts applied batches: %s %s" % (count0, sum0))
        ingest(serve)
        count1, sum1, families = scrape(serve)
        if count1 < 1 or sum1 <= 0:
            fail("after ingest: count %s, sum %s" % (count1, sum1))
        messages = families["bounced_applied_messages"].samples[0].value  # the parser drops _total
        if messages < len(os.listdir(SAMPLES)):
            fail("bounced_applied_messages_total %s, fewer than the %d samples" % (messages, len(os.listdir(SAMPLES))))
        ingest(serve)  # all duplicates now, still applied (and counted) as batches
        count2, sum2, _ = scrape(serve)
        if count2 <= count1 or sum2 <= sum1:
            fail("the second ingest did not grow the histogram: %s -> %s, %s -> %s" % (count1, count2, sum1, sum2))
    print("ok: /metrics parses; bounced_apply_seconds count %d -> %d -> %d, sum %.6f s" % (count0, count1, count2, sum2))


if __name__ == "__main__":
    main()
