#!/usr/bin/env python3
"""Recipient substitution: does the reported recipient come from the bounce's own parts?
Prints, never asserts.

Usage: bench/recipient_substitution.py [--bounced PATH] [--corpus DIR] [--expected TSV]
                                       [--keep DIR] [--hold-out] [--drop-copy]
                                       [--copy-traps]

For each development-corpus file whose recipients `bounced classify` finds, the
script writes a variant in which each found address is replaced by a fresh one
(probe1@probe.example, probe2@...) in the bounce's own parts only: the bounce's
header block, its delivery-status fields, the notice's text and HTML (plain,
quoted-printable or base64). The returned copy (message/rfc822, text/rfc822-headers,
message/global*, or in a text part everything from the MTA's separator line or the
first header block on: corpus_common.returned_start) keeps the original address. A
variant "follows" when the recipients printed for it are exactly the probes. One
that does not shows a recipient read from the returned message, which may give the
original To only as the last resort (README: `returned-to`), or from some other
place than the one the bounce names it in.

--copy-traps writes addresses into the returned copy instead (header fields such as
Cc, Reply-To, X-Original-To, Delivered-To, X-Failed-Recipients; body lines that look
like a DSN's fields and an MTA's recipient lines) and checks that the same recipients,
and none of the traps, are found. --drop-copy leaves the returned copy out (the parts whole; in a text part,
all from where it starts) and checks that the same recipients are still found: a
recipient must not need the copy.

A file whose address cannot be replaced cleanly is skipped and listed: named only
in the returned copy, not written literally (an encoded-word header, another form
of the address), or still present in an own part after the replacement. With
--hold-out each family is read without the decoder and rows written for it (as
leave_one_out.py). The corpus is not part of the project: without it the script
says so and exits 0.
"""
import argparse
import collections
import email.header
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from corpus_common import (SEPARATORS, add_corpus_arguments, classify_families, family_of, header_value,
                           load_corpus, returned_start, rewrite, split_head)

# An address ends where no address character follows; a trailing dot ends a sentence.
ATEXT = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~.-"


def address_pattern(addr):
    return re.compile(rf"(?<![{ATEXT}]){re.escape(addr)}(?!\.?[A-Za-z0-9-])", re.I)


# What --copy-traps writes into the returned copy: addresses in the header fields and
# the body lines a reader might take for the bounce's own (issue 12: addresses in
# quoted headers became recipients). None of them may come out.
TRAP_HEADERS = ("Cc: trap1@copy.example, Trap Two <trap2@copy.example>\n"
                "Reply-To: trap3@copy.example\nX-Original-To: trap4@copy.example\n"
                "Delivered-To: trap5@copy.example\nX-Failed-Recipients: trap6@copy.example\n")
TRAP_BODY = ("Final-Recipient: rfc822; trap7@copy.example\nAction: failed\nStatus: 5.1.1\n\n"
             "<trap8@copy.example>: host mx.copy.example[192.0.2.7] said: 550 5.1.1 User unknown\n"
             "   ----- The following addresses had permanent fatal errors -----\n<trap9@copy.example>\n")


def with_traps(copy_text):
    """An inline copy (from its separator line or first header on) with the traps: the
    fields after the separator line, the body lines at its end."""
    first, _, rest = copy_text.partition("\n")
    if SEPARATORS.match(first):
        return first + "\n" + TRAP_HEADERS + rest + "\n" + TRAP_BODY
    return TRAP_HEADERS + copy_text + "\n" + TRAP_BODY


def trap_part(raw):
    """A returned-copy part with the traps: the fields first in its header block, the
    body lines first in its body (a text/rfc822-headers part gets the fields only)."""
    head, body = split_head(raw)
    if header_value(head, "Content-Transfer-Encoding").lower() in ("base64", "quoted-printable"):
        return raw
    nl = b"\r\n" if b"\r\n" in head else b"\n"
    fields = TRAP_HEADERS.encode().replace(b"\n", nl)
    if header_value(head, "Content-Type").lower().split(";")[0].strip() in ("text/rfc822-headers",
                                                                           "message/global-headers"):
        return head + fields + body
    inner_head, inner_body = split_head(body)
    if not inner_body and not re.search(rb"\r?\n\r?\n", body):
        return head + fields + body
    return head + fields + inner_head + TRAP_BODY.encode().replace(b"\n", nl) + inner_body


def make_edit(replacement_for, drop_copy=False, traps=False):
    """edit(text, kind) and edit_head(text): each address replaced by its probe before
    the returned copy (with drop_copy: the copy cut off, nothing replaced; with traps:
    the traps written into the copy, nothing replaced). Counts replacements per
    address in edit.count."""
    pats = {a: address_pattern(a) for a in replacement_for}

    def replace(own):
        for a, pat in pats.items():
            own, n = pat.subn(lambda _m: replacement_for[a], own)
            edit.count[a] += n
        return own

    def edit(text, kind):
        end = len(text) if kind == "dsn" else returned_start(text)
        if drop_copy:
            return text[:end]
        if traps:
            return text if end == len(text) else text[:end] + with_traps(text[end:])
        return replace(text[:end]) + text[end:]

    def edit_head(text):
        return replace(text)

    edit.count = collections.Counter()
    return edit, (None if drop_copy or traps else edit_head)


def in_encoded_words(raw, addr):
    """Whether the bounce's header block names `addr` only inside RFC 2047 encoded-words,
    which the script does not rewrite."""
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0].decode("latin-1")
    pat = address_pattern(addr)
    for word in re.findall(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=", head):
        try:
            text = "".join(p.decode(c or "latin-1", "replace") if isinstance(p, bytes) else p
                           for p, c in email.header.decode_header(word))
        except (ValueError, LookupError):
            continue
        if pat.search(text):
            return True
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(ap, variants=True)
    ap.add_argument("--drop-copy", action="store_true",
                    help="leave the returned copy out and check the same recipients are still found")
    ap.add_argument("--copy-traps", action="store_true",
                    help="write addresses into the returned copy's headers and body (TRAP_HEADERS, TRAP_BODY) and "
                         "check the same recipients are found, none of the traps")
    args = ap.parse_args()
    corpus = load_corpus(args.corpus, args.expected, "recipient_substitution")
    if corpus is None:
        return 0
    expected, files, families = corpus

    def classify_all(folder, names_by_family):
        return classify_families(args.bounced, folder, names_by_family, args.hold_out)

    # --drop-copy and --copy-traps leave the own parts alone: the same recipients must come out.
    same = args.drop_copy or args.copy_traps
    before = classify_all(args.corpus, families)
    tmp = args.keep or tempfile.mkdtemp(prefix="recipient_substitution.")
    os.makedirs(tmp, exist_ok=True)
    skipped = collections.defaultdict(list)
    variants = {}  # file -> (the addresses it must print, the original addresses)
    probes_of = {}
    for f in files:
        found = [o["recipient"].lower() for o in before.get(f, [])]
        if not found:
            skipped["no recipient found"].append(f)
            continue
        originals = list(dict.fromkeys(found))
        raw = open(os.path.join(args.corpus, f), "rb").read()
        probes = {a: f"probe{i + 1}@probe.example" for i, a in enumerate(originals)}
        edit, edit_head = make_edit(probes, args.drop_copy, args.copy_traps)
        copy = (lambda _raw: None) if args.drop_copy else (trap_part if args.copy_traps else None)
        new = rewrite(raw, edit, edit_head, copy=copy)
        if same and new == raw:
            skipped["no returned copy found (or one encoded)"].append(f)
            continue
        if not same:
            missing = [a for a in originals if edit.count[a] == 0]
            if missing:
                sources = {o["recipient"].lower(): o.get("recipient_source") for o in before[f]}
                why = ("named only in an encoded-word header" if any(in_encoded_words(raw, a) for a in missing)
                       else "named only in the returned copy" if any(a.encode() in raw.lower() for a in missing)
                       else "not written literally in the bounce")
                skipped[why].append(f"{f} ({', '.join(f'{a} from {sources.get(a)}' for a in missing)})")
                continue
            # What a reader of the variant's own parts still finds of the originals.
            check, check_head = make_edit({a: a for a in originals})
            rewrite(new, check, check_head)
            if any(in_encoded_words(new, a) for a in originals) or sum(check.count.values()):
                skipped["an original address left in an own part"].append(f)
                continue
        with open(os.path.join(tmp, f), "wb") as out:
            out.write(new)
        probes_of[f] = probes
        variants[f] = (found if same else [probes[a] for a in found], originals)

    by_family = collections.defaultdict(list)
    for f in variants:
        by_family[family_of(f)].append(f)
    after = classify_all(tmp, by_family)
    per_family = collections.defaultdict(lambda: [0, 0])
    misses = collections.defaultdict(list)
    for f, (want, originals) in sorted(variants.items()):
        got_out = after.get(f, [])
        got = [o["recipient"].lower() for o in got_out]
        bad = []
        if not same:
            kept = [a for a in got if a in originals]
            if kept:
                src = {o["recipient"].lower(): o.get("recipient_source") for o in got_out}
                bad.append("(a) original still reported: " + ", ".join(f"{a} from {src[a]}" for a in kept))
        lost = collections.Counter(want) - collections.Counter(got)
        if lost:
            # Where the full run found each (a `returned-to` guess needs the copy by design).
            was = {o["recipient"].lower(): o.get("recipient_source") for o in before.get(f, [])}
            was.update({probe: was.get(a) for a, probe in probes_of.get(f, {}).items()})
            bad.append("(b) lost: " + ", ".join(f"{a} (was {was.get(a)})" for a in sorted(lost)))
        extra = collections.Counter(a for a in got if a not in originals or same) - collections.Counter(want)
        if extra:
            src = {o["recipient"].lower(): o.get("recipient_source") for o in got_out}
            bad.append("(c) extra: " + ", ".join(f"{a} from {src[a]}" for a in sorted(extra)))
        for key in (family_of(f), "overall"):
            per_family[key][0] += 1
            per_family[key][1] += not bad
        if bad:
            misses[family_of(f)].append((f, "; ".join(bad)))

    mode = ("--drop-copy: same recipients without the copy" if args.drop_copy else
            "--copy-traps: same recipients, none of the copy's traps" if args.copy_traps else "probes in the own parts")
    print(f"recipient substitution ({mode}{', held out' if args.hold_out else ''})")
    print(f"{'family':24s} {'probed':>6s} {'followed':>8s} {'share':>6s}")
    for fam in sorted(k for k in per_family if k != "overall") + ["overall"]:
        n, ok = per_family[fam]
        print(f"{fam:24s} {n:6d} {ok:8d} {ok / n:6.3f}" + ("  <" if ok < n else ""))
    print("\nskipped files:")
    for why in sorted(skipped):
        shown = skipped[why] if why != "no recipient found" else []
        print(f"  {len(skipped[why]):4d} {why}" + (":" if shown else ""))
        for s in shown:
            print(f"         {s}")
    print("\ndid not follow (file: what came out):")
    for fam in sorted(misses):
        for f, bad in misses[fam]:
            print(f"  {f}: {bad}")
    if not args.keep:
        for f in variants:
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
