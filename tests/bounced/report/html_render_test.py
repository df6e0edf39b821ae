#!/usr/bin/env python3
"""The HTML report in a real browser (headless Chromium).

    html_render_test.py BOUNCED_BINARY SOURCE_DIR

Stores the bundled sample bounces plus a few generated ones through `bounced ingest`
(the real apply path) in a schema of its own on BOUNCED_TEST_DATABASE_URL, writes the
report as JSON and as HTML, then:
  - renders the page (--dump-dom) and checks that every number tagged data-k="path"
    equals the same figure in the JSON report, and that the figures of the classes,
    reasons, domains and remedies are all on the page;
  - counts the chart's bar segments against the JSON days;
  - takes a screenshot and checks it is not blank: enough distinct colours, the chart's
    class colours present, a good share of non-white pixels (PNG decoded with zlib).

Exit 77 (skipped) without a test database, or when Chromium is absent and cannot be
installed (it is installed with apt-get when running as root); under CI=true a missing
database is a failure. Takes about 10-20 s once Chromium is installed.
"""
import glob
import html.parser
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77

# Chart colours (bounced/report/svg.cc) of the classes the samples produce.
CLASS_COLOURS = {"hard": (0xB3, 0x26, 0x1E), "soft": (0xE8, 0xA3, 0x17), "policy": (0x1F, 0x6F, 0xB2),
                 "complaint": (0x7B, 0x3F, 0xA0)}


def skip(why):
    print("SKIPPED: " + why)
    sys.exit(SKIP)


def fail(why):
    print("FAILED: " + why)
    sys.exit(1)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing chromium with apt-get (not found on PATH)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
        if run.returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=600)
            run = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
        if run.returncode == 0 and shutil.which("chromium"):
            return shutil.which("chromium")
        print(run.stdout.decode(errors="replace")[-2000:])
    skip("chromium is not installed and could not be installed (apt-get install chromium)")


def chromium(binary, profile, *args):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", "--user-data-dir=" + profile]
    run = subprocess.run([binary] + flags + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if run.returncode != 0:
        fail("chromium exited %d: %s" % (run.returncode, run.stderr.decode(errors="replace")[-2000:]))
    return run.stdout.decode("utf-8")


def dsn(recipient, diagnostic, status, n):
    return ("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
            "To: bounces@list.example\nSubject: Undelivered Mail Returned to Sender\n"
            "Message-ID: <html-test-%d@mx.example.net>\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
            "--B\nContent-Type: text/plain\n\nI could not deliver your message.\n\n"
            "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
            "Final-Recipient: rfc822; %s\nAction: failed\nStatus: %s\nDiagnostic-Code: smtp; %s\n\n"
            "--B\nContent-Type: text/rfc822-headers\n\nFrom: news@list.example\nTo: %s\nSubject: Weekly\n"
            "Message-ID: <issue-%d@list.example>\n\n--B--\n") % (n, recipient, status, diagnostic, recipient, n)


def generated_bounces(directory):
    """A few more bounces than the samples, so the chart's bars are tall and mixed."""
    rows = []
    for i in range(6):
        a = "user%d@example.org" % i
        rows.append((a, "550 5.1.1 <%s>: Recipient address rejected: User unknown" % a, "5.1.1"))
    for i in range(4):
        a = "full%d@example.net" % i
        rows.append((a, "552 5.2.2 <%s>: Mailbox full" % a, "5.2.2"))
    for i in range(3):
        rows.append(("p%d@blocky.example" % i,
                     "554 5.7.1 Service unavailable; Client host [192.0.2.%d] blocked using zen.spamhaus.org" % i,
                     "5.7.1"))
    for n, (address, diagnostic, status) in enumerate(rows):
        with open(os.path.join(directory, "gen-%02d.eml" % n), "w") as f:
            f.write(dsn(address, diagnostic, status, n))


def bounced(binary, env, *args):
    run = subprocess.run([binary] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if run.returncode != 0:
        fail("bounced %s exited %d: %s" % (" ".join(args), run.returncode, run.stderr.decode(errors="replace")))
    return run.stdout.decode("utf-8")


def json_figures(report):
    """The JSON report's numbers under the data-k paths the HTML uses."""
    f = {"failures.count": report["failures"]["count"], "failures.previous": report["failures"]["previous"]}
    for c in report["classes"]:
        f["classes.%s.count" % c["class"]] = c["count"]
        f["classes.%s.previous" % c["class"]] = c["previous"]
    for c in report["reasons"]:
        f["reasons.%s.%s.count" % (c["class"], c["reason"])] = c["count"]
        f["reasons.%s.%s.previous" % (c["class"], c["reason"])] = c["previous"]
    for m in report["remedies"]:
        f["remedies.%s.failures" % m["topic"]] = m["failures"]
    for d in report["domains"]:
        for k in ("hard", "soft", "policy", "complaint", "total"):
            f["domains.%s.%s" % (d["domain"], k)] = d[k]
    for t in report["throttled"]:
        f["throttled.%s.repeats" % t["domain"]] = t["repeats"]
        f["throttled.%s.policy_bounces" % t["domain"]] = t["policy_bounces"]
    for i, d in enumerate(report["diagnostics"]):
        f["diagnostics.%d.count" % i] = d["count"]
    for a in report["at_risk"]["addresses"]:
        f["at_risk.addresses.%s.soft_bounces" % a["address"]] = a["soft_bounces"]
        f["at_risk.addresses.%s.messages" % a["address"]] = a["messages"]
    for section in ("suppressions", "reactivations", "at_risk", "quarantined", "unverified"):
        f[section + ".total"] = report[section]["total"]
    f["unverified.not_sent"] = report["unverified"]["not_sent"]
    f["unverified.guessed"] = report["unverified"]["guessed"]
    return f


class PageFigures(html.parser.HTMLParser):
    """data-k elements and their text, and the chart's bar segments, from the rendered DOM."""

    def __init__(self):
        super().__init__()
        self.figures, self.bars, self._open = {}, 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "rect" and a.get("class") == "bar":
            self.bars += 1
        if "data-k" in a:
            self._open.append([a["data-k"], ""])

    def handle_data(self, data):
        for entry in self._open:
            entry[1] += data

    def handle_endtag(self, tag):
        if self._open and tag in ("td", "span", "b"):
            key, text = self._open.pop()
            self.figures[key] = text.strip()


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("screenshot is not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                fail("unexpected PNG format: depth %d colour type %d" % (depth, colour))
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            up_left = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def check_page(chrome, profile, page, report):
    dom = chromium(chrome, profile, "--dump-dom", "file://" + page)
    parsed = PageFigures()
    parsed.feed(dom)
    expected = json_figures(report)
    if len(parsed.figures) < 20:
        fail("only %d tagged numbers on the rendered page" % len(parsed.figures))
    for key, text in parsed.figures.items():
        if key not in expected:
            fail("the page shows %s = %s, which the JSON report does not have" % (key, text))
        if text != str(expected[key]):
            fail("the page shows %s = %s, the JSON report %s" % (key, text, expected[key]))
    for key in expected:
        if key.split(".")[0] in ("classes", "reasons", "remedies", "domains", "failures") and key not in parsed.figures:
            fail("the JSON report's %s = %s is not on the page" % (key, expected[key]))
    segments = sum(1 for d in report["days"] for c in CLASS_COLOURS if d[c] > 0)
    if parsed.bars != segments:
        fail("the chart has %d bar segments, the JSON days %d" % (parsed.bars, segments))
    print("page: %d numbers match the JSON report; chart: %d bar segments" % (len(parsed.figures), parsed.bars))


def check_screenshot(chrome, profile, page, shot, report):
    chromium(chrome, profile, "--screenshot=" + shot, "--window-size=1200,1600", "file://" + page)
    width, height, rows = png_pixels(shot)
    colours, ink = set(), 0
    for row in rows:
        for px in row:
            colours.add(px)
            if px != (255, 255, 255):
                ink += 1
    share = ink / float(width * height)
    print("screenshot %s: %dx%d, %d distinct colours, %.1f%% not white" % (shot, width, height, len(colours),
                                                                         100 * share))
    if len(colours) < 50:
        fail("the screenshot looks blank: %d distinct colours" % len(colours))
    if share < 0.05:
        fail("the screenshot is almost all white (%.1f%% ink)" % (100 * share))
    for name, colour in CLASS_COLOURS.items():
        if report["classes"] and any(c["class"] == name and c["count"] > 0 for c in report["classes"]) \
                and colour not in colours:
            fail("the chart's %s colour #%02x%02x%02x is not in the screenshot" % ((name,) + colour))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 64
    binary, source = sys.argv[1], sys.argv[2]
    url = os.environ.get("BOUNCED_TEST_DATABASE_URL", "")
    if not url:
        if os.environ.get("CI") == "true":
            fail("BOUNCED_TEST_DATABASE_URL is not set: CI must start a server (deploy/pg/start.sh)")
        skip("set BOUNCED_TEST_DATABASE_URL (deploy/pg/start.sh DIR prints one)")
    chrome = find_chromium()
    schema = "t_html_%016x" % random.getrandbits(64)
    env = dict(os.environ, BOUNCED_CONFIG="/dev/null", BOUNCED_DATABASE_URL=url, BOUNCED_DATABASE_SCHEMA=schema,
               BOUNCED_LOG_LEVEL="warn")
    work = tempfile.mkdtemp(prefix="bounced-html-")
    try:
        bounced(binary, env, "db", "migrate")
        generated_bounces(work)
        bounced(binary, env, "ingest", *(sorted(glob.glob(os.path.join(source, "deploy/samples/*.eml"))) +
                                          sorted(glob.glob(os.path.join(work, "gen-*.eml")))))
        for lang in ("en", "ja"):
            report = json.loads(bounced(binary, env, "report", "--format", "json", "--lang", lang))
            if report["failures"]["count"] < 15:
                fail("expected the ingested failures in the report, got %d" % report["failures"]["count"])
            page = os.path.join(work, "report-%s.html" % lang)
            with open(page, "w", encoding="utf-8") as f:
                f.write(bounced(binary, env, "report", "--format", "html", "--lang", lang))
            profile = tempfile.mkdtemp(prefix="chromium-", dir=work)
            check_page(chrome, profile, page, report)
            check_screenshot(chrome, profile, page, os.path.join(work, "report-%s.png" % lang), report)
        keep = os.environ.get("BOUNCED_KEEP_SCREENSHOTS")
        if keep:
            for png in glob.glob(os.path.join(work, "*.png")) + glob.glob(os.path.join(work, "*.html")):
                shutil.copy(png, keep)
        print("ok")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["psql", "-q", url, "-c", 'DROP SCHEMA IF EXISTS "%s" CASCADE' % schema],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


if __name__ == "__main__":
    sys.exit(main())
