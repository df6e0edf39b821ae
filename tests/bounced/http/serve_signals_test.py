#!/usr/bin/env python3
"""The real `bounced serve` process and its signals.

    serve_signals_test.py BOUNCED_BINARY

Starts the server with its settings from the environment (BOUNCED_HTTP_LISTEN,
BOUNCED_HTTP_TOKEN_FILE), then: the token works and /healthz is 200; a token file that
others can read is refused at reload and the old token stays; SIGHUP after a new token
is written makes the old one 401 and the new one 200; a chunked body is 411; SIGTERM ends the process with
exit 0 and closes the port. Exit 77 without a test database.
"""
import os
import signal
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, fail  # noqa: E402


def wait_for(condition, what, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.1)
    fail("timed out waiting for " + what)


def main():
    with Serve(sys.argv[1]) as serve:
        old = serve.token
        if serve.get("/api/v1/check/a@example.org", token=old)[0] != 200:
            fail("the token from BOUNCED_HTTP_TOKEN_FILE is not accepted")
        if serve.get("/api/v1/check/a@example.org")[0] != 401:
            fail("no token, yet not 401")

        # A chunked body is refused before it is read (the payload limit covers Content-Length only).
        with socket.create_connection(("127.0.0.1", serve.port), timeout=10) as conn:
            conn.sendall(("PUT /api/v1/suppressions/a@example.org HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" % old).encode())
            head = conn.recv(200).decode(errors="replace")
            if " 411 " not in head.split("\r\n")[0]:
                fail("a chunked body was not refused with 411: " + head)

        # A token file others may read is refused: the reload keeps the old settings.
        os.chmod(serve.token_file, 0o644)
        serve.process.send_signal(signal.SIGHUP)
        wait_for(lambda: "reload refused" in serve.output(), "the refused reload in the log")
        if serve.get("/api/v1/check/a@example.org", token=old)[0] != 200:
            fail("after a refused reload the old token no longer works")
        os.chmod(serve.token_file, 0o600)

        serve.write_token(old[::-1] + "-new")
        serve.process.send_signal(signal.SIGHUP)
        wait_for(lambda: serve.get("/api/v1/check/a@example.org", token=serve.token)[0] == 200, "the new token")
        if serve.get("/api/v1/check/a@example.org", token=old)[0] != 401:
            fail("after SIGHUP the old token still works")

        serve.process.send_signal(signal.SIGTERM)
        try:
            code = serve.process.wait(timeout=15)
        except Exception:
            fail("bounced serve did not stop within 15 s of SIGTERM")
        if code != 0:
            fail("bounced serve exited %d after SIGTERM: %s" % (code, serve.output()))
        try:
            serve.get("/healthz")
            fail("the port still answers after the process stopped")
        except OSError:
            pass
        if "stopped" not in serve.output():
            fail("no 'stopped' line in the log: " + serve.output())
    print("ok: token from the environment, refused reload, SIGHUP reload, SIGTERM exit 0")


if __name__ == "__main__":
    main()
