#!/bin/sh
# End to end with a real Postfix pipe(8) transport, as deploy/postfix/pipe-transport.cf
# sets it up (flags=DRO): no bounce is lost when bounced cannot store it. Three times
# a bounce arrives while something that is not the message's fault is wrong:
#   1. PostgreSQL is stopped;
#   2. the schema bounced.conf names was never migrated;
#   3. bounced.conf holds a bad setting.
# Each time `bounced ingest` must exit 75, so the bounce stays in Postfix's queue
# (postqueue -p); once the cause is fixed and the queue flushed (postqueue -f) it is
# applied. Then a bounce whose return path is a signed VERP address, without any
# Delivered-To of its own, suppresses at trust.level = signed: pipe(8)'s D flag
# prepends the Delivered-To that carries the tag.
#
# Needs root (Postfix's master runs as root) and the postfix package; skips (77) otherwise.
. "$(dirname "$0")/common.sh"

need_postfix

pg_start
"$bin" db migrate >/dev/null
# The pipe runs bounced as nobody: it must reach the binary and its configuration.
open_path_to_bin

conf=$work/bounced.conf
quarantine=$work/quarantine
mkdir -p "$quarantine" && chown nobody "$quarantine"
head -c 32 /dev/urandom | base64 >"$work/verp-secrets"
chown nobody "$work/verp-secrets" && chmod 600 "$work/verp-secrets"
write_conf() {  # write_conf [EXTRA LINES]: the configuration the pipe reads
    printf '[database]\nurl = %s\n%s\n[daemon]\nquarantine_dir = %s\n%s\n' \
        "$db_url" "${schema_line:-}" "$quarantine" "${1:-}" >"$conf"
    chmod 644 "$conf"
}
write_conf

postfix_start "mydestination =
recipient_delimiter = +
relay_domains = list.example
transport_maps = inline:{ list.example=bounced: }
bounced_destination_recipient_limit = 1
# Retries wait for postqueue -f: the test decides when the cause is fixed.
queue_run_delay = 300s
minimal_backoff_time = 300s
maximal_backoff_time = 600s" "bounced   unix  -       n       n       -       4       pipe
  flags=DRO user=nobody argv=$bin ingest --config $conf"

queued() { postqueue -c "$pf/etc" -p 2>/dev/null | grep -c '^[0-9A-F]' || true; }
status_of() {  # status_of ADDRESS [SCHEMA]
    psql -X -q -A -t -d "$db_url" -c "SET search_path = ${2:-bounced}; SELECT status FROM subscribers WHERE address = '$1'" 2>/dev/null | tail -1
}
# submit N [TO]: bounce N (for userN@example.org) to the bounce address, null sender.
submit() { dsn "$1" | sendmail -C "$pf/etc" -f '<>' "${2:-bounces@list.example}"; }
deferred() { grep -q "status=deferred" "$pf/maillog" 2>/dev/null && [ "$(queued)" -ge 1 ]; }
delivered() { [ "$(queued)" = 0 ]; }

# round N WHAT BREAK FIX [SCHEMA]: a bounce arrives while WHAT is wrong, stays queued,
# and is applied once FIX has run and the queue is flushed.
round() {
    n=$1 what=$2 fix=$4 schema=${5:-bounced}
    : >"$pf/maillog"
    submit "$n"
    wait_for 30 deferred || fail "$what: the bounce was not deferred: $(tail -3 "$pf/maillog")"
    [ "$(status_of "user$n@example.org" "$schema")" = "" ] || fail "$what: applied while broken?"
    reason=$(grep "status=deferred" "$pf/maillog" | tail -1 | sed 's/.*status=deferred//')
    say "$what: exit 75, still queued ($(queued) in postqueue -p):$reason"
    $fix
    postqueue -c "$pf/etc" -f
    wait_for 30 delivered || fail "$what: still queued after the fix: $(tail -3 "$pf/maillog")"
    got=$(status_of "user$n@example.org" "$schema")
    [ "$got" = suppressed ] || fail "$what: user$n@example.org is '$got' after the flush, expected suppressed"
    say "$what: fixed, flushed, applied (user$n@example.org suppressed)"
}

# 1. PostgreSQL stopped
pg_stop
round 1 "database stopped" : pg_start

# 2. the schema bounced.conf names was never migrated
schema_line="schema = pipe2"
write_conf
migrate_pipe2() { "$bin" db migrate --database.schema=pipe2 >/dev/null; }
round 2 "schema missing" : migrate_pipe2 pipe2
schema_line=
write_conf

# 3. a bad setting
write_conf "batch_size = many"
fix_conf() { write_conf; }
round 3 "bad setting" : fix_conf

# 4. signed VERP through the D flag: the DSN carries no Delivered-To of its own.
verp=$("$bin" verp encode --trust.secrets_file="$work/verp-secrets" --list bounces@list.example user4@example.org)
write_conf
printf '[trust]\nlevel = signed\nsecrets_file = %s\n' "$work/verp-secrets" >>"$conf"
: >"$pf/maillog"
submit 4 "$verp"
wait_for 30 delivered || fail "signed VERP: not delivered: $(tail -3 "$pf/maillog")"
got=$(status_of user4@example.org)
[ "$got" = suppressed ] || fail "signed VERP via $verp: user4@example.org is '$got', expected suppressed (flags=D)"
say "signed VERP: $verp -> Delivered-To from pipe(8) flag D -> user4@example.org suppressed"
echo "PASS: Postfix kept each bounce queued while bounced could not store it (exit 75), and delivered it once fixed"
