"""What the scripts that run the real `bounced serve` share: a schema of their own on
BOUNCED_TEST_DATABASE_URL (migrated by `bounced db migrate`), a private token file, a
free port, the process started with settings from the environment (BOUNCED_HTTP_*),
and plain HTTP requests with urllib.

Exit 77 (skipped) without a test database; under CI=true that is a failure.
"""
import os
import random
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SKIP = 77


def skip(why):
    print("SKIPPED: " + why)
    sys.exit(SKIP)


def fail(why):
    print("FAILED: " + why)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, schema, sql):
    run = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c",
                          "SET search_path TO %s; %s" % (schema, sql)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if run.returncode != 0:
        fail("psql: " + run.stderr.decode(errors="replace"))
    return run.stdout.decode().strip()


class Serve:
    """bounced serve on a fresh schema; use as a context manager."""

    def __init__(self, binary):
        self.url = os.environ.get("BOUNCED_TEST_DATABASE_URL", "")
        if not self.url:
            if os.environ.get("CI") == "true":
                fail("BOUNCED_TEST_DATABASE_URL is not set")
            skip("BOUNCED_TEST_DATABASE_URL is not set (deploy/pg/start.sh prints one)")
        self.binary = binary
        self.schema = "t_serve_" + "".join(random.choice(string.ascii_lowercase) for _ in range(10))
        self.dir = tempfile.mkdtemp(prefix="bounced-serve-")
        self.token_file = os.path.join(self.dir, "token")
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.write_token("token-" + "".join(random.choice(string.ascii_letters) for _ in range(24)))
        self.env = dict(os.environ, BOUNCED_DATABASE_URL=self.url, BOUNCED_DATABASE_SCHEMA=self.schema,
                        BOUNCED_HTTP_LISTEN="127.0.0.1:%d" % self.port, BOUNCED_HTTP_TOKEN_FILE=self.token_file,
                        BOUNCED_CONFIG="/dev/null")
        self.process = None

    def write_token(self, token):
        self.token = token
        fd = os.open(self.token_file + ".new", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, (token + "\n").encode())
        os.close(fd)
        os.rename(self.token_file + ".new", self.token_file)

    def __enter__(self):
        run = subprocess.run([self.binary, "db", "migrate"], env=self.env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=120)
        if run.returncode != 0:
            fail("bounced db migrate: " + run.stdout.decode(errors="replace"))
        self.log = open(os.path.join(self.dir, "serve.log"), "w+")
        self.process = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                if self.get("/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        fail("bounced serve did not answer /healthz: " + self.output())
        return self

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        psql(self.url, "public", "DROP SCHEMA IF EXISTS %s CASCADE" % self.schema)

    def sql(self, statement):
        return psql(self.url, self.schema, statement)

    def request(self, method, path, body=None, headers=None, token=None):
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)

    def get(self, path, token=None):
        return self.request("GET", path, token=token)
