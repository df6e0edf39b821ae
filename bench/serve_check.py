#!/usr/bin/env python3
"""`check` three ways, in requests (questions) per second. Prints medians; asserts nothing.

    bench/serve_check.py BOUNCED_BINARY [SECONDS=5] [RUNS=3]

Needs BOUNCED_TEST_DATABASE_URL (deploy/pg/start.sh build/pg PORT prints one). In a
schema of its own it suppresses 1,000 addresses, starts `bounced serve` (settings from
the environment, as tests/bounced/http/serve_harness.py does), and for SECONDS per run:

  1. HTTP: 8 client processes, each with one kept-alive connection, asking
     GET /api/v1/check/{address} in a loop (addresses cycled, half of them suppressed);
  2. `bounced check ADDRESS` run in a loop, one process per question;
  3. `SELECT bounced.can_send($1)` through one psql session reading statements from a pipe
     (psql's own per-statement cost included; one connection, no process per question).

The clients run on the same machine as the server and PostgreSQL, so the HTTP figure is
what 2 cores give all three together; compare the three with each other, not with
another machine.
"""
import http.client
import multiprocessing
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "bounced", "http"))
from serve_harness import Serve  # noqa: E402

CLIENTS = 8
ADDRESSES = ["user%d@example.org" % i for i in range(2000)]


def http_client(port, token, seconds, out):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": "Bearer " + token}
    n, end = 0, time.time() + seconds
    while time.time() < end:
        conn.request("GET", "/api/v1/check/" + ADDRESSES[n % len(ADDRESSES)], headers=headers)
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit("HTTP %d" % r.status)
        n += 1
    out.put(n)


def http_rate(serve, seconds):
    queue = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=http_client, args=(serve.port, serve.token, seconds, queue))
               for _ in range(CLIENTS)]
    start = time.time()
    for w in workers:
        w.start()
    total = sum(queue.get() for _ in workers)
    for w in workers:
        w.join()
    return total / (time.time() - start)


def cli_rate(serve, seconds):
    n, start = 0, time.time()
    while time.time() - start < seconds:
        subprocess.run([serve.binary, "check", "--quiet", ADDRESSES[n % len(ADDRESSES)]], env=serve.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        n += 1
    return n / (time.time() - start)


def psql_rate(serve, seconds):
    p = subprocess.Popen(["psql", "-X", "-q", "-t", "-A", serve.url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True, bufsize=1)
    n, start = 0, time.time()
    while time.time() - start < seconds:
        p.stdin.write("SELECT %s.can_send('%s');\n" % (serve.schema, ADDRESSES[n % len(ADDRESSES)]))
        p.stdout.readline()
        n += 1
    elapsed = time.time() - start
    p.stdin.close()
    p.wait()
    return n / elapsed


def main():
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with Serve(sys.argv[1]) as serve:
        serve.sql("SELECT suppress('user' || i || '@example.org', 'hard', 'userunknown', 'bounce', '', 'bench', now())"
                  " FROM generate_series(0, 999) i")
        results = {"HTTP GET /api/v1/check (8 clients)": [], "bounced check, one process each": [],
                   "psql SELECT can_send() (one session)": []}
        for _ in range(runs):
            results["HTTP GET /api/v1/check (8 clients)"].append(http_rate(serve, seconds))
            results["bounced check, one process each"].append(cli_rate(serve, seconds))
            results["psql SELECT can_send() (one session)"].append(psql_rate(serve, seconds))
        print("check, questions per second: median of %d runs of %.0f s" % (runs, seconds))
        for name, rates in results.items():
            print("  %-40s %9.0f   (runs: %s)" % (name, statistics.median(rates), ", ".join("%.0f" % r for r in rates)))
        print("load average after: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
