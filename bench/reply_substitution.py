#!/usr/bin/env python3
"""Reply substitution: does the verdict follow the receiver's reply? Prints, never asserts.

Usage: bench/reply_substitution.py [--bounced PATH] [--corpus DIR] [--expected TSV]
                                   [--keep DIR] [--all] [--hold-out] [--multiline]
                                   [--keep-status]

For each development-corpus file whose recipients got a failure verdict (hard, soft,
policy) or a delay with a receiver's reply (`diagnostic` in `bounced classify
--format jsonl`), the script writes variants of the file in which that reply is
replaced, in the bounce's own parts only (a delivery-status part's Diagnostic-Code
and Status, the notice's text, its HTML copy), by each of the replies in REPLIES
below, and classifies all variants in one run (one per family with --hold-out). A
variant "follows" when every such recipient gets the class and reason its
replacement must get (README: the class table and the order of evidence). One that
does not shows a verdict reached from something other than the reply: a fixed
reason in a decoder, a heading, the wrong paragraph, the returned copy.

The returned message (message/rfc822, text/rfc822-headers, message/global*, or in a
text part everything from the MTA's separator line or the first header block on)
is left alone: it must not decide, whatever it says. A file whose reply cannot be
found in its own parts (composed from several places, encoded in a way the script
does not undo) is skipped and listed. The corpus is not part of the project:
without it the script says so and exits 0.
"""
import argparse
import collections
import html
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from corpus_common import (add_corpus_arguments, classify_families, family_of, load_corpus, returned_start,
                           rewrite)

# (name, reply, class, reason). The wording is ours, in the shapes MTAs commonly
# write. A reply about the recipient (unknown user or host, full mailbox) given at
# MAIL FROM must be policy/rejected instead: no recipient was named yet, so the
# refusal is about the sender (README, "The order of evidence"). {addr} names the
# recipient as the original reply did ("<a@b>: ", sendmail's "<a@b>... ") or not at
# all, so no address appears that the layout did not carry.
REPLIES = [
    ("userunknown", "550 5.1.1 {addr}Recipient address rejected: User unknown in local recipient table",
     "hard", "userunknown"),
    ("hostunknown", "550 5.1.2 {addr}Host or domain name not found. Name service error for type=MX",
     "hard", "hostunknown"),
    ("mailboxfull", "552 5.2.2 {addr}Mailbox full, cannot accept message", "soft", "mailboxfull"),
    ("overquota-4xx", "452 4.2.2 {addr}Mailbox over quota, try again later", "soft", "mailboxfull"),
    ("mesgtoobig", "552 5.3.4 {addr}Message size exceeds fixed limit", "soft", "mesgtoobig"),
    ("blocked", "554 5.7.1 {addr}Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org",
     "policy", "blocked"),
    ("spamdetected", "550 5.7.1 {addr}Message rejected as spam by content filter", "policy", "spamdetected"),
    ("speeding", "421 4.7.0 {addr}Connection rate limit exceeded for [192.0.2.9], try again later",
     "policy", "speeding"),
    # A vague policy code the words contradict: the words decide (README).
    ("quota-5.7.1", "550 5.7.1 {addr}Email quota exceeded", "soft", "mailboxfull"),
    # No enhanced code: the DSN's Status becomes X.0.0, as Postfix writes for such a
    # reply, and the words alone must decide.
    ("nocode-blocked", "554 {addr}Blocked - see https://bl.example.net/query?ip=192.0.2.9",
     "policy", "blocked"),
]

FAILURE = {"hard", "soft", "policy"}
# A delay warning keeps its class whatever the reply; its reason follows the reply
# as a failure's would (README: the class table, `delayed`).
PROBED = FAILURE | {"delayed"}
ABOUT_THE_RECIPIENT = {"userunknown", "hostunknown", "mailboxfull"}


def must_get(reply_index, smtp_command, was):
    name, _, cls, reason = REPLIES[reply_index]
    if (smtp_command or "").upper() == "MAIL" and reason in ABOUT_THE_RECIPIENT:
        cls, reason = "policy", "rejected"
    return ("delayed" if was == "delayed" else cls), reason


# --- Finding the reply.

COMMAND_TAIL = re.compile(r"\s*\((in reply to|after|while)[^()]*\)\s*$", re.I)
PREFIX = re.compile(r"^(smtp|x-[\w-]+|mta|x-unix);\s*", re.I)


# A receiver's reply starts with its reply code, at the start or after a label
# ("Remote host said: 550 ...", "<user@host>: 550 ..."); an enhanced code may stand alone.
REPLY_START = re.compile(r"(?:^|[:;]\s*|\]\s+|(\[))([245][0-9][0-9](?=[ -])|[245]\.[0-9]{1,3}\.[0-9]{1,3}\b)")


# Or after the wrapper's prose ("Invalid Address 550 5.1.1 ...", "host: mx (192.0.2.1) 550 ..."),
# when the reply code and an enhanced code start it.
REPLY_ANYWHERE = re.compile(r"(?<![\w.])()([245][0-9][0-9] [245]\.[0-9]{1,3}\.[0-9]{1,3}\b)")


def reply_core(diagnostic):
    """(the receiver's reply in a diagnostic, whether it holds a reply code). The reply
    runs from its code on, without the reporting MTA's prefix and the command it
    answered (both kept, so the stage stays what it was). A diagnostic with no code
    may be the receiver's words ("smtp; User unknown") or the reporting MTA's own
    (qmail's "Sorry, I wasn't able to establish an SMTP connection", Exim's "all
    hosts have been failing"): it is substituted whole and counted apart."""
    core = COMMAND_TAIL.sub("", PREFIX.sub("", diagnostic.strip())).strip()
    m = REPLY_START.search(core) or REPLY_ANYWHERE.search(core)
    if not m:
        return core, False
    reply = core[m.start(2):]
    # "It responded as follows: [550 5.1.1 User unknown]": the brackets are the wrapper's.
    if m.group(1) and "]" in reply:
        reply = reply[:reply.index("]")]
    return reply, True


def address_form(core, recipient):
    """How the reply names the recipient, for the replacement to name it alike:
    "<user@host>... " (sendmail), "<user@host>: " (Postfix and most), or not at all."""
    low, addr = core.lower(), recipient.lower()
    if addr not in low:
        return ""
    if f"<{addr}>..." in low or f"{addr}..." in low:
        return f"<{recipient}>... "
    return f"<{recipient}>: "


def reply_pattern(core, kind):
    """A regex for `core` as a part may hold it: folded, re-wrapped, in HTML."""
    sep = r"(?:\s|<[^>]*>|&nbsp;)+" if kind == "html" else r"\s+"
    toks = []
    for tok in core.split():
        alts = {re.escape(tok)}
        if kind == "html":
            alts.add(re.escape(html.escape(tok, quote=False)))
        toks.append("(?:" + "|".join(sorted(alts)) + ")")
    return re.compile(sep.join(toks)) if toks else None


def as_multiline(reply):
    """ "550 5.1.1 a b c d" -> "550-5.1.1 a b 550 5.1.1 c d": the reply's words split in
    two lines, each starting with its codes, as a multi-line reply arrives joined."""
    m = re.match(r"^(\d{3})( [245]\.\d+\.\d+)? (.*)$", reply)
    if not m:
        return reply
    code, status, words = m.group(1), m.group(2) or "", m.group(3).split(" ")
    half = max(1, len(words) // 2)
    return f"{code}-{status.strip()} {' '.join(words[:half])} {code}{status} {' '.join(words[half:])}".replace(
        "- ", "-", 1) if status else f"{code}-{' '.join(words[:half])} {code} {' '.join(words[half:])}"


def make_edit(cores, replacement_for, status):
    """edit(text, kind) replacing each core with its replacement before the returned copy,
    and the Status fields of a DSN. Counts replacements in edit.count."""
    pats = {}

    def edit(text, kind):
        end = len(text) if kind == "dsn" else returned_start(text)
        own, rest = text[:end], text[end:]
        for core in cores:
            key = (core, kind)
            if key not in pats:
                pats[key] = reply_pattern(core, kind)
            rep = replacement_for[core]
            if kind == "html":
                rep = html.escape(rep, quote=False)
            own, n = pats[key].subn(lambda _m: rep, own)
            edit.count += n
        if kind in ("dsn", "lost-boundary") and status:
            own = re.sub(r"^(Status:[ \t]*)[245]\.\d{1,3}\.\d{1,3}", lambda m: m.group(1) + status, own,
                         flags=re.I | re.M)
        return own + rest

    edit.count = 0
    return edit


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(ap, variants=True)
    ap.add_argument("--all", action="store_true", help="list every substitution that did not follow")
    ap.add_argument("--keep-status", action="store_true",
                    help="leave the DSN's Status as it was: the reporting MTA's summary then disagrees "
                         "with the reply, and the reply's words must still decide")
    ap.add_argument("--multiline", action="store_true",
                    help="write each reply as a multi-line reply (\"550-5.1.1 ...\" continuation lines, joined as "
                         "a DSN's folded Diagnostic-Code joins them)")
    args = ap.parse_args()
    corpus = load_corpus(args.corpus, args.expected, "reply_substitution")
    if corpus is None:
        return 0
    expected, files, families = corpus

    def classify_all(folder, names_by_family):
        return classify_families(args.bounced, folder, names_by_family, args.hold_out)

    before = classify_all(args.corpus, families)

    tmp = args.keep or tempfile.mkdtemp(prefix="reply_substitution.")
    os.makedirs(tmp, exist_ok=True)
    skipped = collections.Counter()
    skipped_files = collections.defaultdict(list)
    variants = {}  # variant name -> (file, reply index, the recipients to check)
    probed = collections.defaultdict(list)
    for f in files:
        outs = before.get(f, [])
        failed = [o for o in outs if o.get("class") in PROBED]
        if not failed:
            skipped["no failure verdict"] += 1
            continue
        if any(not (o.get("diagnostic") or "").strip() for o in failed):
            skipped["a failure without a reply"] += 1
            skipped_files["a failure without a reply"].append(f)
            continue
        raw = open(os.path.join(args.corpus, f), "rb").read()
        cores = {}
        coded = True
        for o in failed:
            core, has_code = reply_core(o["diagnostic"])
            coded = coded and has_code
            if core:
                cores.setdefault(core, address_form(core, o["recipient"]))
        tier = "delayed" if any(o["class"] == "delayed" for o in failed) else ("coded" if coded else "words")
        ok = True
        for i, (name, reply, cls, reason) in enumerate(REPLIES):
            coded_status = re.search(r"\b([245]\.\d+\.\d+)\b", reply)
            status = coded_status.group(1) if coded_status else reply[0] + ".0.0"
            if tier == "delayed":
                # A delay warning quotes a temporary reply: the same words with 4xx codes.
                reply = re.sub(r"^5(\d\d) (5\.)?", lambda m: f"4{m.group(1)} " + ("4." if m.group(2) else ""), reply)
                status = "4" + status[1:]
            if args.multiline:
                reply = as_multiline(reply)
            replacement_for = {c: reply.format(addr=a) for c, a in cores.items()}
            # Longest first, so a reply that holds a shorter one is replaced whole.
            edit = make_edit(sorted(cores, key=len, reverse=True), replacement_for,
                             None if args.keep_status else status)
            new = rewrite(raw, edit)
            if i == 0:
                # Every reply must be found in the own parts, or the file is skipped.
                found_each = all(_found(raw, c) for c in cores)
                if edit.count == 0 or not found_each:
                    ok = False
                    break
            name_v = f"{f[:-4]}__{i}.eml"
            with open(os.path.join(tmp, name_v), "wb") as out:
                out.write(new)
            variants[name_v] = (f, i, tier, [(o["recipient"].lower(), o.get("smtp_command"), o["class"]) for o in failed])
        if not ok:
            skipped["reply not found in the bounce's own parts"] += 1
            skipped_files["reply not found in the bounce's own parts"].append(f)
            continue
        probed[(family_of(f), tier)].append(f)

    variants_by_family = collections.defaultdict(list)
    for v, (f, *_rest) in sorted(variants.items()):
        variants_by_family[family_of(f)].append(v)
    after = classify_all(tmp, variants_by_family)
    per_family = collections.defaultdict(lambda: [0, 0])
    misses = collections.defaultdict(list)
    per_reply = collections.defaultdict(lambda: [0, 0])
    for v, (f, i, tier, rcpts) in sorted(variants.items()):
        name = REPLIES[i][0]
        outs = {o["recipient"].lower(): o for o in after.get(v, [])}
        bad = []
        for r, command, was in rcpts:
            cls, reason = must_get(i, command, was)
            o = outs.get(r)
            if o is None:
                bad.append(f"{r}: lost")
            elif o.get("class") != cls or o.get("reason") != reason:
                bad.append(f"{o.get('class')}/{o.get('reason')} by {o.get('rule')}")
        key = (family_of(f), tier)
        for counter in (per_family[key], per_family[("overall", tier)], per_reply[(name, tier)]):
            counter[0] += 1
            counter[1] += not bad
        if bad:
            misses[key].append((f, name, "; ".join(sorted(set(bad)))))

    def cell(key):
        n, ok = per_family.get(key, (0, 0))
        files_n = len(probed.get(key, ())) if key[0] != "overall" else sum(
            len(v) for k, v in probed.items() if k[1] == key[1])
        return f"{files_n:5d} {n:5d} {ok / n:8.3f}" if n else f"{'':5s} {'':5s} {'':8s}"

    tiers = ("coded", "words", "delayed")
    print("coded: a failure's reply holds an SMTP reply code or an enhanced status code (the measure);")
    print("words: a failure's diagnostic without one, substituted whole (may be the reporting MTA's own words);")
    print("delayed: a delay warning's reply (class must stay delayed, the reason follow the reply)")
    print(f"{'':24s} {'-------- coded --------':>20s}  {'-------- words --------':>20s}  "
          f"{'------- delayed -------':>20s}")
    print(f"{'family':24s}" + f" {'files':>5s} {'subst':>5s} {'followed':>8s} " * 3)
    for fam in sorted({k[0] for k in per_family if k[0] != "overall"}) + ["overall"]:
        flag = "  <" if any(per_family.get((fam, t), (0, 0))[1] < per_family.get((fam, t), (0, 0))[0]
                            for t in tiers) else ""
        print(f"{fam:24s} " + "  ".join(cell((fam, t)) for t in tiers) + flag)
    print("\nper replacement (followed/substituted: coded, words, delayed):")
    for name, _, cls, reason in REPLIES:
        cells = " ".join(f"{per_reply[(name, t)][1]:4d}/{per_reply[(name, t)][0]:<4d}" for t in tiers)
        print(f"  {name:14s} -> {cls + '/' + reason:20s} {cells}")
    print("\nskipped files:")
    for why, n in skipped.items():
        shown = ", ".join(skipped_files[why])
        print(f"  {n:4d} {why}" + (f": {shown}" if shown else ""))
    for tier in tiers:
        print(f"\ndid not follow, {tier} (file, replacement: what came out, the rule):")
        for key in sorted(k for k in misses if k[1] == tier):
            by_file = collections.defaultdict(list)
            for f, name, bad in misses[key]:
                by_file[f].append(f"{name}: {bad}")
            for f in sorted(by_file):
                items = by_file[f] if args.all else by_file[f][:4]
                more = f" (+{len(by_file[f]) - len(items)} more)" if len(items) < len(by_file[f]) else ""
                print(f"  {f}: " + " | ".join(items) + more)
    if not args.keep:
        for v in variants:
            os.unlink(os.path.join(tmp, v))
        os.rmdir(tmp)
    return 0


def _found(raw, core):
    edit = make_edit([core], {core: "\x00"}, "5.0.0")
    rewrite(raw, edit)
    return edit.count > 0


if __name__ == "__main__":
    sys.exit(main())
