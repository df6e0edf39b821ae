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

[ "$(id -u)" = 0 ] || skip "postfix e2e needs root (the Postfix master runs as root)"
command -v postfix >/dev/null 2>&1 || skip "postfix is not installed"

pg_start
"$bin" db migrate >/dev/null
# The pipe runs bounced as nobody: it must reach the binary and its configuration.
chmod 755 "$work"
dir=$bin
while [ "$dir" != / ]; do dir=$(dirname "$dir"); chmod o+x "$dir" 2>/dev/null || true; done

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

pf=$work/postfix
mkdir -p "$pf/etc" "$pf/queue" "$pf/data"
chown postfix "$pf/data"
grep -v '^smtp *inet' /etc/postfix/master.cf > "$pf/etc/master.cf"
cat >> "$pf/etc/master.cf" <<MASTER
bounced   unix  -       n       n       -       4       pipe
  flags=DRO user=nobody argv=$bin ingest --config $conf
MASTER
cat > "$pf/etc/main.cf" <<CONF
compatibility_level = 3.6
config_directory = $pf/etc
queue_directory = $pf/queue
data_directory = $pf/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mta.e2e.test
mydomain = e2e.test
myorigin = e2e.test
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
alias_maps =
alias_database =
recipient_delimiter = +
relay_domains = list.example
transport_maps = inline:{ list.example=bounced: }
bounced_destination_recipient_limit = 1
# Retries wait for postqueue -f: the test decides when the cause is fixed.
queue_run_delay = 300s
minimal_backoff_time = 300s
maximal_backoff_time = 600s
maillog_file = $pf/maillog
maillog_file_prefixes = $work
CONF
script -qc "postfix -c $pf/etc check" /dev/null >"$work/postfix-check.log" 2>&1 && ! grep -q fatal "$work/postfix-check.log" || skip "postfix check: $(tail -2 "$work/postfix-check.log")"
script -qc "postfix -c $pf/etc start" /dev/null >"$work/postfix-start.log" 2>&1 && ! grep -q fatal "$work/postfix-start.log" || skip "cannot start postfix: $(tail -2 "$work/postfix-start.log")"
stop_postfix() { postfix -c "$pf/etc" stop >/dev/null 2>&1 || true; }
trap 'stop_postfix; cleanup' EXIT

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
