#!/bin/sh
# End to end with a real Postfix (Debian's) on loopback: a private instance under a
# temporary directory. The newsletter's envelope sender is bounces@bounces.test, whose
# mail Postfix delivers into a Maildir (virtual(8)). Mail to users that do not exist
# (local(8): "unknown user") and to a domain that does not resolve (smtp(8): "Host or
# domain name not found") makes Postfix write real bounces to that address; the
# daemon picks them up and PostgreSQL must show the suppressions.
#
# Needs root (Postfix's master runs as root) and the postfix package; with
# E2E_INSTALL=1 it runs apt-get install postfix first. Otherwise it skips (77).
. "$(dirname "$0")/common.sh"

need_postfix
pg_start
"$bin" db migrate >/dev/null

mkdir -p "$work/mail"
chown nobody:nogroup "$work/mail"
postfix_start "mydestination = e2e.test
local_recipient_maps =
virtual_mailbox_domains = bounces.test
virtual_mailbox_base = $work/mail
virtual_mailbox_maps = inline:{ bounces@bounces.test=Maildir/ }
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
# No DNS in a sandbox: ask the system resolver; an unknown name is then permanent.
smtp_host_lookup = native
# A deferred message is returned at once instead of after 5 days.
maximal_queue_lifetime = 0
bounce_queue_lifetime = 0
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s"

send() {  # send RECIPIENT: a newsletter issue from bounces@bounces.test
    printf 'From: news@bounces.test\nTo: %s\nSubject: Weekly news\nMessage-ID: <issue-%s@bounces.test>\n\nHello.\n' "$1" "$(echo "$1" | tr '@' '-')" |
        sendmail -C "$pf/etc" -f bounces@bounces.test "$1"
}
send nosuchuser1@e2e.test
send nosuchuser2@e2e.test
send someone@nosuchdomain.invalid
say "sent 3 messages; waiting for Postfix's bounces in the Maildir"

mail=$work/mail/Maildir
arrived() { [ "$(count_files "$mail/new")" -ge 3 ]; }
wait_for 60 arrived || fail "Postfix did not deliver 3 bounces: $(count_files "$mail/new" 2>/dev/null); log: $(tail -5 "$pf/maillog" 2>/dev/null)"

"$bin" run --source.maildir="$mail" --daemon.rescan_interval=1s >"$work/daemon.log" 2>&1 &
daemon_pid=$!
processed() { [ "$(count_files "$mail/.Processed/cur")" -ge 3 ]; }
wait_for 30 processed || fail "daemon did not process the bounces: $(cat "$work/daemon.log")"
kill -TERM "$daemon_pid"; wait "$daemon_pid" || true; daemon_pid=
grep "source=" "$work/daemon.log" >&2 || true

for address in nosuchuser1@e2e.test nosuchuser2@e2e.test; do
    row=$(sql "SELECT status || ' ' || suppressed_class || ' ' || suppressed_reason FROM subscribers WHERE address = '$address'")
    [ "$row" = "suppressed hard userunknown" ] || fail "$address: '$row', expected 'suppressed hard userunknown'"
done
row=$(sql "SELECT bounce_class || ' ' || reason || ' ' || status_code FROM bounce_events WHERE address = 'someone@nosuchdomain.invalid'")
# What Postfix says depends on the sandbox's resolver: with no DNS server at all the
# lookup fails temporarily ("Host not found, try again", 4.4.3: a network error, soft),
# with one it is NXDOMAIN ("Host not found", hard). Either reading must be the one the
# bounce's own words give.
case $row in
    "hard hostunknown "*) ;;
    "soft networkerror 4.4.3")
        grep -q "try again" "$mail/.Processed/cur/"* ||
            fail "someone@nosuchdomain.invalid: '$row' but Postfix did not say 'try again'" ;;
    *) fail "someone@nosuchdomain.invalid: '$row', expected hard hostunknown (NXDOMAIN) or soft networkerror 4.4.3 (no resolver)" ;;
esac
say "suppressions: $(sql "SELECT string_agg(address || '=' || status, ' ' ORDER BY address) FROM subscribers")"
echo "PASS: real Postfix bounces for unknown users and an unresolvable domain reached the store through the Maildir"
