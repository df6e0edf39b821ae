"""What the corpus scripts under bench/ share: where the development corpus is, its
families and expected results, and one `bounced classify` run over many files.

The corpus names each file after the MTA or provider family it comes from
("lhost-postfix-07.eml", "rhost-google-02.eml"): the family is the name without
its number. expected.tsv sits beside the corpus folder, one row per recipient.
"""
import base64
import collections
import json
import os
import quopri
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


# Lines that start the returned copy in a text part: the list in
# classify/parse/returned_message.cc (where each comes from is written there).
SEPARATORS = re.compile("^.*(" + "|".join(re.escape(s) for s in (
    "--- Below this line is a copy of the",
    "--- Enclosed is a copy of the message",
    "------ This is a copy of the",
    "This is a copy of the headers that were received before the error was detected",
    "Here is a copy of the first part of the message",
    "----- Original message follows -----",
    "----- Message header follows -----",
    "----- Unsent message follows -----",
    "----- Message body suppressed -----",
    "--- Undelivered message follows",
    "--- Message header follows",
    "--- Original message follows",
    "------ Original Message Follows",
    "Below is a copy of the original message:",
    "Original message headers:",
    "Original Message Headers",
    "------- Returned Message",
    "-----Original Message-----",
    "----- Original message -----",
    "------ Original message ------",
    "Original message follows.",
    "Message headers follow.",
    "Unsent Message below:",
    "----- The header of the original message is following. -----",
    "Included is a copy of the message header",
    "Original mail as follows:",
    "-------original message",
    "-------original mail info",
    "Content-Type: message/rfc822",
    "Content-Type: text/rfc822-headers",
    "Content-Type: message/global-headers",
)) + ").*$", re.I | re.M)
HEADER_LINE = re.compile(r"^(Return-Path|Received|Message-ID|From|Date|To|Subject|MIME-Version|X-[\w-]+"
                         r"|Delivered-To|Reply-To|DKIM-Signature|List-[\w-]+|Cc|Bcc|Sender|In-Reply-To|References"
                         r"|Content-Type|Content-Transfer-Encoding|Authentication-Results|ARC-[\w-]+):", re.I)
RETURNED_TYPES = ("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers")


def returned_start(text):
    """Where the returned copy starts in a text part (len(text) when it does not)."""
    m = SEPARATORS.search(text)
    end = m.start() if m else len(text)
    lines = text[:end].split("\n")
    pos = 0
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        if HEADER_LINE.match(line) and (HEADER_LINE.match(nxt) or nxt[:1] in (" ", "\t")):
            block = "\n".join(lines[i:]).split("\n\n")[0].lower()
            if block.startswith(("message-id:", "from:")) or any(
                    k in block for k in ("\nmessage-id:", "\nfrom:", "\nsubject:")):
                return pos
        pos += len(line) + 1
    return end


# --- A raw MIME walk: own text leaves are rewritten in place, all else kept byte for byte.

def split_head(raw):
    m = re.search(rb"\r?\n\r?\n", raw)
    if not m:
        return raw, b""
    return raw[:m.end()], raw[m.end():]


def header_value(head, name):
    text = re.sub(rb"\r?\n[ \t]+", b" ", head).decode("latin-1")
    m = re.search(r"^" + name + r":[ \t]*(.*)$", text, re.I | re.M)
    return m.group(1).strip() if m else ""


def param(value, name):
    m = re.search(name + r'\s*=\s*(?:"([^"]*)"|([^;\s]+))', value, re.I)
    return (m.group(1) if m and m.group(1) is not None else (m.group(2) if m else "")) or ""


def rewrite(raw, edit, edit_head=None, copy=None, top=True):
    """`raw` (one entity, headers and body) with `edit(text, kind)` applied to every own
    leaf, and `edit_head(text)` to the bounce's own header block (the top entity's).
    `copy(raw)` gives each returned-copy part's new bytes, or None to leave the part
    out whole. Returns the new bytes."""
    head, body = split_head(raw)
    if top and edit_head is not None:
        head = edit_header_block(head, edit_head)
    ctype = header_value(head, "Content-Type").lower()
    mime_type = ctype.split(";")[0].strip() or "text/plain"
    if mime_type in RETURNED_TYPES:
        return copy(raw) if copy is not None and not top else raw
    if mime_type.startswith("multipart/"):
        # The parameter may sit on a line that is not indented, as a lenient reader takes it.
        boundary = param(header_value(head, "Content-Type"), "boundary") or param(head.decode("latin-1"), "boundary")
        if not boundary:
            return raw
        delim = re.compile(rb"^--" + re.escape(boundary.encode("latin-1")) + rb"(--)?[ \t]*\r?$", re.M)
        out, last = [], 0
        marks = list(delim.finditer(body))
        if not marks:
            # A boundary the body never uses: read as one text, as a reader would.
            return head + edit_text(body, "lost-boundary", edit)
        for i, m in enumerate(marks):
            if i == 0:
                out.append(body[:m.end()])
            else:
                part = body[last:m.start()]
                nl = b"\r\n" if part.endswith(b"\r\n") else (b"\n" if part.endswith(b"\n") else b"")
                inner = part[:len(part) - len(nl)] if nl else part
                lead = b"\r\n" if inner.startswith(b"\r\n") else (b"\n" if inner.startswith(b"\n") else b"")
                new = rewrite(inner[len(lead):], edit, copy=copy, top=False)
                if new is None:
                    # The part goes with the delimiter before it (a dropped last part
                    # leaves the close delimiter to the part before).
                    prev = out.pop()
                    closing = body[m.start():m.end()]
                    out.append(prev[:len(prev) - len(marks[i - 1].group(0))] + closing)
                else:
                    out.append(lead + new + nl + body[m.start():m.end()])
            last = m.end()
            if m.group(1):
                break
        else:
            # No close delimiter (a truncated bounce): the last part runs to the end.
            tail = body[last:]
            lead = tail[:len(tail) - len(tail.lstrip(b"\r\n"))]
            new = rewrite(tail[len(lead):], edit, copy=copy, top=False) if copy is not None else tail[len(lead):]
            if new is None:
                prev = out.pop()
                out.append(prev[:len(prev) - len(marks[-1].group(0))])
                last = len(body)
            elif new != tail[len(lead):]:
                out.append(lead + new)
                last = len(body)
        out.append(body[last:])
        return head + b"".join(out)
    if mime_type in ("message/delivery-status", "message/global-delivery-status", "message/feedback-report"):
        # Machine-readable fields of the bounce (RFC 3464, RFC 5965): own text, read whole.
        kind = "dsn"
    elif mime_type.startswith("text/"):
        kind = "html" if mime_type == "text/html" else "text"
    else:
        return raw
    return head + edit_text(body, kind, edit, header_value(head, "Content-Transfer-Encoding").lower(),
                            param(ctype, "charset").lower())


def edit_text(body, kind, edit, cte="", charset=""):
    """`body` decoded, edited, and encoded back as it was; unchanged when it cannot be."""
    raw = body
    charset = charset or "us-ascii"
    try:
        data = base64.b64decode(body) if cte == "base64" else (
            quopri.decodestring(body) if cte == "quoted-printable" else body)
        codec = charset if charset not in ("us-ascii", "ascii", "") else "latin-1"
        if codec == "latin-1":
            # Undeclared 8-bit text is most often UTF-8 (an SMTPUTF8 address).
            try:
                data.decode("utf-8")
                codec = "utf-8"
            except UnicodeError:
                pass
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeError):
            # A mislabelled charset (EUC-JP bytes declared ISO-2022-JP): edited as
            # latin-1, which gives every byte back as it was.
            codec = "latin-1"
            text = data.decode(codec)
    except (ValueError, LookupError, UnicodeError):
        return raw
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    new = edit(text, kind)
    if new == text:
        return raw
    if crlf:
        new = new.replace("\n", "\r\n")
    try:
        data = new.encode(codec)
    except UnicodeError:
        return raw
    if cte == "base64":
        return base64.encodebytes(data)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    return data


def edit_header_block(head, edit_head):
    """The header block with `edit_head(text)` applied, as latin-1 (bytes kept as they were)."""
    text = head.decode("latin-1")
    new = edit_head(text)
    return head if new == text else new.encode("latin-1")


def classify_families(bounced, folder, names_by_family, hold_out=False):
    """File name -> results for the files of each family in `folder`: one run over
    everything, or with `hold_out` one run per family without its own decoder and rows."""
    if not hold_out:
        return classify(bounced, [os.path.join(folder, n) for ns in names_by_family.values() for n in ns])
    got = {}
    for fam, names in names_by_family.items():
        if names:
            got.update(classify(bounced, [os.path.join(folder, n) for n in names], hold_out=fam))
    return got


def add_corpus_arguments(ap, variants=False):
    """The options every corpus script takes; `variants` adds those of the scripts
    that write variants of the corpus (--keep, --hold-out)."""
    ap.add_argument("--bounced", default=DEFAULT_BOUNCED)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--expected", default=None, help="default: expected.tsv beside the corpus folder")
    if variants:
        ap.add_argument("--keep", default=None, help="write the variants here and keep them")
        ap.add_argument("--hold-out", action="store_true",
                        help="read each family without the decoder and rows written for it (as leave_one_out.py)")
