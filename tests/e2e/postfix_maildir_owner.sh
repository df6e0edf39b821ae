#!/bin/sh
# End to end: the deploy setup of docs/daemon.md ("Users and permissions"), with the
# users it names. A system user `bounces` receives the bounce address; Postfix's
# local(8) delivers into its ~/Maildir/ (deploy/postfix/maildir-delivery.cf), writing
# every message 0600 as that user. The daemon runs as that same user (the systemd
# drop-in deploy/systemd/bounced.service.d/mailbox-owner.conf, umask 077 as the unit
# sets it), so it can read, claim and file each message. Then:
#   - PostgreSQL holds the suppressions for the users Postfix bounced;
#   - the refused message is in .Quarantine, the others in .Processed;
#   - Dovecot, logged in as `bounces` over IMAP, lists and reads both folders.
#
# Needs root (useradd; the Postfix and Dovecot masters run as root), postfix and
# dovecot-imapd; skips (77) otherwise. The user is created and deleted again; if one
# of that name exists already, the test skips (E2E_MAILBOX_USER=NAME picks another).
. "$(dirname "$0")/common.sh"

[ "$(id -u)" = 0 ] || skip "needs root: it creates the mailbox user (useradd) and runs Postfix and Dovecot"
need_postfix
need_dovecot imap
command -v useradd >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1 || skip "needs useradd and setpriv"

user=${E2E_MAILBOX_USER:-bounces}
if id "$user" >/dev/null 2>&1; then
    skip "a user '$user' exists already; E2E_MAILBOX_USER=NAME names one this test may create and delete"
fi
# As the docs say, with the home (/var/mail/bounces there) in the work directory.
home=$work/home
useradd --system --user-group --create-home --home-dir "$home" --shell /usr/sbin/nologin "$user" ||
    fail "useradd $user failed"
# Deleted at exit, once Dovecot's and Postfix's processes for it have gone.
remove_user() {
    for _ in 1 2 3 4 5 6 7 8 9 10; do userdel "$user" 2>/dev/null && return; sleep 0.5; done
    userdel -f "$user" || echo "could not delete the user $user: userdel $user" >&2
}
at_exit remove_user
open_path_to_bin

pg_start
"$bin" db migrate >/dev/null

# deploy/postfix/maildir-delivery.cf, with e2e.test for news.example.org.
postfix_start "mydestination = e2e.test
home_mailbox = Maildir/
recipient_delimiter = +
local_recipient_maps ="

send() {  # send RECIPIENT: a newsletter issue sent with the bounce address as sender
    printf 'From: news@e2e.test\nTo: %s\nSubject: Weekly news\nMessage-ID: <issue-%s@e2e.test>\n\nHello.\n' "$1" "$(echo "$1" | tr '@' '-')" |
        sendmail -C "$pf/etc" -f "$user@e2e.test" "$1"
}
send nosuchuser1@e2e.test
send nosuchuser2@e2e.test
# and one message the classifier refuses (600 MIME parts), straight to the bounce address
{ printf 'From: someone@example.net\nTo: %s@e2e.test\nSubject: not a bounce\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n' "$user"
  i=0; while [ $i -lt 600 ]; do printf -- '--b\n\nx\n'; i=$((i + 1)); done; printf -- '--b--\n'; } |
    sendmail -C "$pf/etc" -f someone@example.net "$user@e2e.test"
say "sent 2 newsletters to unknown users and 1 message to refuse; waiting for local(8)"

mail=$home/Maildir
arrived() { [ "$(count_files "$mail/new")" -ge 3 ]; }
wait_for 60 arrived || fail "Postfix did not deliver 3 messages into $mail/new: $(count_files "$mail/new"); log: $(tail -5 "$pf/maillog" 2>/dev/null)"
# What the docs rest on: local(8) writes 0600 files owned by the mailbox user.
modes=$(stat -c '%a %U' "$mail/new/"* | sort -u)
[ "$modes" = "600 $user" ] || fail "local(8) wrote files as '$modes', expected '600 $user' (docs/daemon.md rests on it)"
say "local(8) delivered 3 messages, each 0600 and owned by $user"

# As the drop-in runs it: User=bounces, Group=bounces, UMask=0077.
(umask 077; exec setpriv --reuid="$user" --regid="$user" --init-groups \
    "$bin" run --source.maildir="$mail" --daemon.rescan_interval=1s) >"$work/daemon.log" 2>&1 &
daemon_pid=$!
filed() { [ "$(count_files "$mail/.Processed/cur")" -ge 2 ] && [ "$(count_files "$mail/.Quarantine/cur")" -ge 1 ]; }
wait_for 30 filed || fail "the daemon as $user did not file the messages: $(tail -5 "$work/daemon.log")"
kill -TERM "$daemon_pid"; wait "$daemon_pid" || fail "the daemon exited with $?: $(tail -5 "$work/daemon.log")"
daemon_pid=
! grep -q "Permission denied" "$work/daemon.log" || fail "the daemon as $user met 'Permission denied': $(grep -m1 "Permission denied" "$work/daemon.log")"
[ "$(count_files "$mail/new")" = 0 ] || fail "messages left in new/: $(ls "$mail/new")"

for address in nosuchuser1@e2e.test nosuchuser2@e2e.test; do
    row=$(sql "SELECT status || ' ' || suppressed_class || ' ' || suppressed_reason FROM subscribers WHERE address = '$address'")
    [ "$row" = "suppressed hard userunknown" ] || fail "$address: '$row', expected 'suppressed hard userunknown'"
done
[ "$(sql "SELECT count(*) FROM processed_messages")" = 3 ] || fail "$(sql "SELECT count(*) FROM processed_messages") messages in the store, expected 3"
owners=$(stat -c '%U' "$mail/.Processed" "$mail/.Quarantine" "$mail/.Processed/cur/"* "$mail/.Quarantine/cur/"* | sort -u)
[ "$owners" = "$user" ] || fail "folders and files filed by the daemon belong to '$owners', expected $user"
say "the daemon as $user: 2 suppressions in PostgreSQL, 2 messages in .Processed, 1 in .Quarantine"

# Dovecot as the mailbox owner: uid and home are the user's own, as a real setup has them.
password=e2e-secret-$$
mkdir -p "$dc"
printf '%s:{PLAIN}%s::::::\n' "$user" "$password" > "$dc/passwd"
dovecot_start imap "maildir:~/Maildir" "uid=$user gid=$user home=$home"
read_folders() {
    python3 - "$imap_port" "$user" "$password" <<'PY'
import imaplib, sys
port, user, password = sys.argv[1:]
imap = imaplib.IMAP4("127.0.0.1", int(port))
imap.login(user, password)
typ, names = imap.list()
print("LIST", typ, b" ".join(n.split(b" ")[-1] for n in names).decode())
for folder in ("Processed", "Quarantine"):
    typ, data = imap.select(folder, readonly=True)
    if typ != "OK":
        print(folder, "SELECT", typ, data)
        continue
    typ, fetched = imap.fetch("1:*", "(BODY.PEEK[])")
    bodies = [part[1] for part in fetched if isinstance(part, tuple)]
    marks = sum(1 for b in bodies if b"nosuchuser" in b or b"not a bounce" in b)
    print(folder, typ, int(data[0]), len(bodies), marks)
imap.logout()
PY
}
out=$(read_folders 2>&1) || fail "IMAP as $user: $out; $(tail -3 "$dc/dovecot.log")"
echo "$out" | grep -q "^Processed OK 2 2 2$" || fail "IMAP as $user cannot read the 2 messages in Processed: $out; $(tail -3 "$dc/dovecot.log")"
echo "$out" | grep -q "^Quarantine OK 1 1 1$" || fail "IMAP as $user cannot read the message in Quarantine: $out; $(tail -3 "$dc/dovecot.log")"
say "IMAP as $user: $(echo "$out" | head -1)"
echo "PASS: Postfix local(8) delivered 0600 files as $user; bounced as $user applied them; $user reads .Processed and .Quarantine over IMAP"
