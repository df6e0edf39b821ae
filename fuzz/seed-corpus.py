#!/usr/bin/env python3
"""Builds the fuzzers' seed corpora from the development corpus, at run time.

    fuzz/seed-corpus.py CORPUS_DIR OUT_DIR

CORPUS_DIR is ../shared/corpus/sisimai (message files in bsd/, dos/, mac/, err/,
not/). OUT_DIR gets one folder per target: classify_message (whole messages),
delivery_status (message/delivery-status bodies), verp (addresses from To-like
headers, plus VERP forms), text_scanners (bounce text), config_load (command-line
words, environment and INI text separated by two NULs, from config/bounced.conf.example
and hand-written values), message_reader (the corpus's mbox and bare-CR files and a
few messages). Nothing here is committed; without CORPUS_DIR the folders
get the hand-written seeds only.
"""
import hashlib
import os
import re
import sys

MAX_SEED = 64 * 1024


def save(out, target, data):
    if not data:
        return
    data = data[:MAX_SEED]
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def messages(corpus):
    for sub in ("bsd", "dos", "mac", "err", "not"):
        d = os.path.join(corpus, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), "rb") as f:
                yield f.read()


DSN = re.compile(rb"content-type:\s*message/(global-)?delivery-status[^\n]*\n(?:[^\n]+\n)*\n(.*?)(?:\n--|\Z)", re.I | re.S)
ADDR_HEADER = re.compile(rb"^(?:to|delivered-to|x-original-to|envelope-to|final-recipient|original-recipient):[^\n]*", re.I | re.M)


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    hand = {
        "verp": [b"bounces+alice=example.org@list.example", b"<b+x.y=sub.example.com.ABCDEFGH@l.example>",
                 b"Delivered-To: news-bounce+user=[192.0.2.1]@list.example", b"a+=@b.c", b"+=@"],
        "delivery_status": [b"Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; a@example.org\n"
                            b"Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n"],
        "text_scanners": [b"550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown",
                          b"host mx.example.org[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO)"],
        "config_load": [b"--suppression.soft_limit=7\0--format\0json\0a.eml\0\0BOUNCED_THROTTLE_MAX=2d\0\0"
                        b"[database]\nurl = postgresql://b@127.0.0.1/b\nschema = bounced\n",
                        b"--dry-run\0--throttle.duration=1e308w\0\0\0[trust]\nraw = archive\n",
                        b"\0\0BOUNCED_DATABASE_SCHEMA=Bad-Name\0\0[suppression]\nsoft_window = 5%\n"],
        "message_reader": [b"From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From here\n\nFrom c@d Mon Jan  1 00:00:01 2024\n\ntwo\n",
                           b"Subject: mac\r\rbody\r"],
        "classify_message": [b"From: a@example.org\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\nhi\n--x--\n"],
    }
    for target, seeds in hand.items():
        for s in seeds:
            save(out, target, s)
    example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "config", "bounced.conf.example")
    with open(example, "rb") as f:
        # Comments name the configuration file, which the target refuses; settings stay.
        lines = [l for l in f.read().split(b"\n") if not l.startswith(b"#") and b"secrets" not in l]
        save(out, "config_load", b"\0\0" + b"\n".join(lines))
    if not os.path.isdir(corpus):
        print("seed-corpus: no corpus at %s, hand-written seeds only" % corpus)
        return
    for sub in ("mbox", "mac"):
        d = os.path.join(corpus, sub)
        for name in sorted(os.listdir(d))[:40] if os.path.isdir(d) else []:
            with open(os.path.join(d, name), "rb") as f:
                save(out, "message_reader", f.read())
    count = 0
    for data in messages(corpus):
        count += 1
        save(out, "classify_message", data)
        lf = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        for m in DSN.finditer(lf):
            save(out, "delivery_status", m.group(2))
        for m in ADDR_HEADER.finditer(lf):
            save(out, "verp", m.group(0).split(b":", 1)[1].strip())
        body = lf.split(b"\n\n", 1)[-1]
        save(out, "text_scanners", body[:4096])
    print("seed-corpus: %d messages from %s" % (count, corpus))


if __name__ == "__main__":
    main()
