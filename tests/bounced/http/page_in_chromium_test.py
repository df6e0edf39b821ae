#!/usr/bin/env python3
"""The web page of `bounced serve` in real headless Chromium, driven through the
DevTools protocol (a small WebSocket client below: the standard library has none).

    page_in_chromium_test.py BOUNCED_BINARY

Seeds a schema with suppressed addresses, among them one whose diagnostic and one whose
address carry <script>, starts the real server, and in the browser: logs in with the
token (the session cookie is HttpOnly: page script cannot read it), searches, opens an
address, reactivates it with a note and sees the change in the store (status and audit
row); a form posted without the CSRF token changes nothing (403); the <script> texts
show as text and no script element exists; the report page shows its chart for a
preset and for a period typed in the form. Exit 77 without a test database or Chromium.
"""
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_harness import Serve, fail, skip  # noqa: E402

EVIL_DIAGNOSTIC = "550 5.1.1 <script>document.title='pwned'</script> no such user"
EVIL_ADDRESS = "<script>alert(1)</script>@evil.example"


class WebSocket:
    """Just enough of RFC 6455 for DevTools: text frames, client masking, no extensions."""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parsed.hostname, parsed.port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           % (parsed.path, parsed.hostname, parsed.port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            fail("DevTools refused the WebSocket: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                fail("DevTools closed the WebSocket")
            out += chunk
        return out

    def receive(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            if b0 & 0x0F in (0x1, 0x0):
                message += payload
                if b0 & 0x80:
                    return message.decode()


class Browser:
    def __init__(self, binary, profile):
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile,
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = None
        deadline = time.time() + 60
        while time.time() < deadline and url is None:
            line = self.process.stderr.readline().decode(errors="replace")
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
        if url is None:
            fail("chromium printed no DevTools address")
        self.ws = WebSocket(url)
        self.next_id = 0
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", {}, session=True)

    def call(self, method, params, session=False, fatal=True):
        """The method's result; an error reply fails the test, or is None when not `fatal`."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == self.next_id:
                if "error" not in reply:
                    return reply["result"]
                if fatal:
                    fail("%s: %s" % (method, reply["error"]))
                return None

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            fail("page script failed: %s (%s)" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def wait_for(self, expression, what, seconds=20):
        # A page that is navigating (after a click or a submit) may tear down the
        # context an evaluation runs in: DevTools answers with an error ("Execution
        # context was destroyed"), which means "not yet", not a failure.
        deadline = time.time() + seconds
        while time.time() < deadline:
            result = self.call("Runtime.evaluate",
                               {"expression": "document.readyState === 'complete' && (%s)" % expression,
                                "returnByValue": True}, session=True, fatal=False)
            if result and "exceptionDetails" not in result and result["result"].get("value"):
                return
            time.sleep(0.1)
        fail("timed out waiting for " + what + "; page: " + str(self.js("document.body ? document.body.innerText : ''"))[:500])

    def go(self, url):
        self.call("Page.navigate", {"url": url}, session=True)

    def close(self):
        self.process.kill()
        self.process.wait()


def seed(serve):
    # The sample rows are written as the store holds them; the addresses that matter are
    # suppressed through the same function the CLI and the API call.
    serve.sql("SELECT suppress('victim@example.org', 'hard', 'userunknown', 'bounce', '', 'test', now());"
              "SELECT suppress('bystander@example.org', 'hard', 'userunknown', 'bounce', '', 'test', now());"
              "SELECT suppress($$%s$$, 'hard', 'userunknown', 'bounce', '', 'test', now());" % EVIL_ADDRESS)
    for address in ("victim@example.org", EVIL_ADDRESS):
        serve.sql("INSERT INTO bounce_events (occurred_at, fingerprint, address, domain, bounce_class, reason, status_code,"
                  " diagnostic) VALUES (now(), 'fp-' || md5($$%s$$), normalise_address($$%s$$), address_domain(normalise_address($$%s$$)),"
                  " 'hard', 'userunknown', '5.1.1', $$%s$$)" % (address, address, address, EVIL_DIAGNOSTIC))


def main():
    chromium = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    with Serve(sys.argv[1]) as serve:
        if chromium is None:
            skip("chromium is not installed (apt-get install chromium)")
        seed(serve)
        status, _, headers = serve.get("/")
        if status != 200 or "default-src 'none'" not in headers.get("Content-Security-Policy", ""):
            fail("the login page has no Content-Security-Policy: %s" % headers)
        profile = tempfile.mkdtemp(prefix="bounced-chromium-")
        browser = Browser(chromium, profile)
        try:
            run(serve, browser)
        finally:
            browser.close()
            shutil.rmtree(profile, ignore_errors=True)
    print("ok: login, search, address, reactivate seen in the store, CSRF refused, <script> escaped, the report by period")


def run(serve, b):
    b.go(serve.base + "/")
    b.wait_for("document.querySelector('#token') !== null", "the login form")
    b.js("document.querySelector('#token').value = 'not the token'; document.querySelector('#login').click()")
    b.wait_for("document.querySelector('#wrong') !== null", "the wrong-token message")
    b.js("document.querySelector('#token').value = %s; document.querySelector('#login').click()" % json.dumps(serve.token))
    b.wait_for("document.querySelector('#search') !== null", "the suppression list after login")
    if b.js("document.cookie").find("bounced_session") >= 0:
        fail("the session cookie is readable by page script (not HttpOnly)")
    if b.js("document.querySelector('#total').textContent") != "3":
        fail("the list does not count the three suppressed addresses")

    b.js("document.querySelector('#q').value = 'victim'; document.querySelector('#search').submit()")
    b.wait_for("location.search.indexOf('q=victim') >= 0", "the search result")
    if b.js("document.querySelector('#total').textContent") != "1":
        fail("searching 'victim' does not find exactly one address")
    b.js("document.querySelector('#list a').click()")
    b.wait_for("document.querySelector('#status') !== null", "the address page")
    if b.js("document.querySelector('#status').textContent") != "suppressed":
        fail("the address page does not say suppressed")
    check_escaped(b, "the victim's page")

    b.js("document.querySelector('#note').value = 'reactivated in the browser'; "
         "document.querySelector('#reactivate-button').click()")
    b.wait_for("document.querySelector('#status') && document.querySelector('#status').textContent === 'active'",
               "the reactivated status")
    if serve.sql("SELECT status FROM subscribers WHERE address = 'victim@example.org'") != "active":
        fail("the store did not change")
    if serve.sql("SELECT action || '|' || note FROM audit_log WHERE address = 'victim@example.org' ORDER BY id DESC LIMIT 1") \
            != "reactivate|reactivated in the browser":
        fail("no audit row for the reactivation")

    # CSRF: the logged-in browser posts a form without the token (same origin, cookie sent).
    b.js("var f = document.createElement('form'); f.method = 'post'; f.action = '/reactivate';"
         "var i = document.createElement('input'); i.name = 'a'; i.value = 'bystander@example.org'; f.appendChild(i);"
         "document.body.appendChild(f); f.submit()")
    b.wait_for("document.body.innerText.indexOf('forbidden') >= 0", "the 403 for a form without the CSRF token")
    # ... and with the cookie but a wrong token, from outside the browser.
    status, _, _ = serve.request("POST", "/reactivate", body=b"a=bystander%40example.org&csrf=guess",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    if status != 403:
        fail("a POST with a guessed CSRF token answered %d, not 403" % status)
    if serve.sql("SELECT status FROM subscribers WHERE address = 'bystander@example.org'") != "suppressed":
        fail("a CSRF attempt changed the store")

    b.go(serve.base + "/address?a=" + urllib.parse.quote(EVIL_ADDRESS))
    b.wait_for("document.querySelector('#address') !== null", "the page of the <script> address")
    if b.js("document.querySelector('#address').textContent") != EVIL_ADDRESS:
        fail("the <script> address is not shown as text")
    check_escaped(b, "the <script> address's page")

    # The period report: a preset link, then the form with a period typed in.
    b.go(serve.base + "/report")
    b.wait_for("document.querySelector('#period') !== null", "the report page's period form")
    b.js("document.querySelector('a.preset[href$=\"since=7d\"]').click()")
    b.wait_for("location.search.indexOf('since=7d') >= 0 && document.querySelector('#chart svg') !== null",
               "the report of the last 7 days with its chart")
    b.js("document.querySelector('#since').value = '2h'; document.querySelector('#period').submit()")
    b.wait_for("location.search.indexOf('since=2h') >= 0 && document.querySelector('#chart svg') !== null",
               "the report of the period typed in")
    if b.js("document.querySelector('#since').value") != "2h":
        fail("the report's form does not show the period chosen")
    if b.js("document.querySelectorAll('script').length") != 0 or b.js("document.title") == "pwned":
        fail("a script element on the report page")
    if "</script>" not in b.js("document.body.innerText"):
        fail("the report page does not show the <script> texts as text")


def check_escaped(b, where):
    if b.js("document.querySelectorAll('script').length") != 0:
        fail("a script element on " + where)
    if b.js("document.title") == "pwned":
        fail("the diagnostic's script ran on " + where)
    if EVIL_DIAGNOSTIC not in b.js("document.querySelector('#evidence').innerText"):
        fail("the diagnostic is not shown as text on " + where)


if __name__ == "__main__":
    main()
