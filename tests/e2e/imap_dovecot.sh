#!/bin/sh
# End to end with a real Dovecot (Debian's) on loopback: a private instance under a
# temporary directory (its own configuration, listeners on 127.0.0.1 on free ports,
# users from a passwd-file, Maildirs in the temporary directory).
#
#  IMAP: bounces are delivered into the INBOX (one of them twice, one already read);
#        the daemon fetches the unseen ones, and after the commit they are \Seen in
#        the Processed folder; the read one is left alone; more mail arriving while
#        it runs is picked up. A message put back into the INBOX after its commit (a
#        daemon that died between commit and move) counts as a duplicate, not twice.
#        The password comes from a password file.
#  IMAP, a recreated mailbox: while fetched bounces wait for the database, the
#        mailbox is recreated (a new UIDVALIDITY) and other bounces get the same
#        UIDs; after the commit, the old UIDs' acknowledgements must not move the new
#        bounces away unread: they are fetched and applied too.
#  POP3: bounces are deleted from the maildrop after the commit; the password comes
#        from the configuration file, which is refused while others may read it.
#
# Needs root (Dovecot's master runs as root) and dovecot-imapd + dovecot-pop3d; with
# E2E_INSTALL=1 it installs them first. Otherwise it skips (77).
. "$(dirname "$0")/common.sh"

need_dovecot imap pop3

pg_start
"$bin" db migrate >/dev/null

mail=$work/mail
mkdir -p "$dc" "$mail"
password=e2e-secret-$$
printf 'bounces:{PLAIN}%s::::::\npopbox:{PLAIN}%s::::::\nrecreated:{PLAIN}%s::::::\n' "$password" "$password" "$password" > "$dc/passwd"
for user in bounces popbox recreated; do maildir_new "$mail/$user/Maildir"; done
chown -R nobody:nogroup "$mail"
dovecot_start "imap pop3" "maildir:$mail/%u/Maildir" "uid=nobody gid=nogroup home=$mail/%u"
say "dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$imap_port (imap) and :$pop3_port (pop3)"

# put USER N [SUBDIR [INFO]]: a bounce for userN@example.org into USER's INBOX, as an MDA.
seq=0
put() {
    seq=$((seq + 1))
    file=$mail/$1/Maildir/${3:-new}/$(date +%s).e2e$2-$seq.$$${4:-}
    dsn "$2" > "$mail/$1/Maildir/tmp/e2e$2"
    chown nobody:nogroup "$mail/$1/Maildir/tmp/e2e$2"
    mv "$mail/$1/Maildir/tmp/e2e$2" "$file"
}
# put_refused USER: a message the classifier refuses (600 MIME parts) into USER's INBOX.
put_refused() {
    { printf 'From: a@example.net\nSubject: for %s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n' "$1"
      i=0; while [ $i -lt 600 ]; do printf -- '--b\n\nx\n'; i=$((i + 1)); done; printf -- '--b--\n'; } > "$mail/$1/Maildir/tmp/refused"
    chown nobody:nogroup "$mail/$1/Maildir/tmp/refused"
    mv "$mail/$1/Maildir/tmp/refused" "$mail/$1/Maildir/new/$(date +%s).refused.$$"
}
inbox_count() { echo $(( $(count_files "$mail/$1/Maildir/new") + $(count_files "$mail/$1/Maildir/cur") )); }
folder_count() { count_files "$mail/$1/Maildir/.$2/cur"; }
messages() { sql "SELECT count(*) FROM processed_messages"; }
suppressed() { sql "SELECT count(*) FROM subscribers WHERE status = 'suppressed' AND address IN ($1)"; }

# ---- IMAP ------------------------------------------------------------------
put bounces 1
put bounces 2
put bounces 3
put bounces 1                       # the same bounce delivered twice
put bounces 9 cur ":2,S"            # read already: not for the daemon
put_refused bounces
printf '%s\n' "$password" > "$work/imap-password"
chmod 600 "$work/imap-password"

start_imap() {  # [USER]
    "$bin" run --source.imap="imap://127.0.0.1:$imap_port/INBOX" --source.imap_user="${1:-bounces}" \
        --source.imap_password_file="$work/imap-password" --daemon.rescan_interval=1s >>"$work/imap-daemon.log" 2>&1 &
    daemon_pid=$!
}
stop_daemon() { kill -TERM "$daemon_pid"; wait "$daemon_pid" || fail "the daemon exited with $?: $(tail -5 "$1")"; daemon_pid=; }
start_imap
moved() { [ "$(folder_count bounces Processed)" -ge "$1" ]; }
wait_for 20 moved 4 || fail "IMAP: 4 messages expected in Processed, $(folder_count bounces Processed): $(tail -5 "$work/imap-daemon.log")"
put bounces 4
put bounces 5
wait_for 20 moved 6 || fail "IMAP: mail arriving while running not processed: $(tail -5 "$work/imap-daemon.log")"
stop_daemon "$work/imap-daemon.log"

[ "$(messages)" = 6 ] || fail "IMAP: $(messages) messages in the store, expected 6 (1 to 5, the duplicate once, the refused one)"
[ "$(folder_count bounces Quarantine)" = 1 ] || fail "IMAP: the refused message is not in the Quarantine folder"
grep -q "kept in Quarantine: .*limit-exceeded" "$work/imap-daemon.log" || fail "IMAP: no reason logged for the refused message"
[ "$(suppressed "'user1@example.org','user2@example.org','user3@example.org','user4@example.org','user5@example.org'")" = 5 ] ||
    fail "IMAP: suppressions: $(sql "SELECT string_agg(address || '=' || status, ' ') FROM subscribers")"
[ "$(suppressed "'user9@example.org'")" = 0 ] || fail "IMAP: the message read already was processed"
[ "$(inbox_count bounces)" = 1 ] || fail "IMAP: INBOX should keep only the read message: $(ls "$mail/bounces/Maildir/new" "$mail/bounces/Maildir/cur")"
unseen=$(find "$mail/bounces/Maildir/.Processed/cur" -type f ! -name '*:2,*S*' | wc -l)
[ "$unseen" = 0 ] || fail "IMAP: $unseen processed message(s) not flagged \\Seen"
grep -q "duplicate" "$work/imap-daemon.log" || fail "IMAP: the second copy of bounce 1 was not a duplicate: $(grep source= "$work/imap-daemon.log")"
say "IMAP: 6 messages fetched and moved to Processed (\\Seen), the refused one to Quarantine; 6 in the store, the read message untouched"

# A daemon that died between commit and move: the message is back in the INBOX, unseen.
back=$(find "$mail/bounces/Maildir/.Processed/cur" -type f | head -1)
mv "$back" "$mail/bounces/Maildir/new/$(basename "$back" | sed 's/:2,.*//')"
start_imap
wait_for 20 moved 6 || fail "IMAP: the message put back was not processed again: $(tail -5 "$work/imap-daemon.log")"
stop_daemon "$work/imap-daemon.log"
[ "$(messages)" = 6 ] || fail "IMAP: counted twice: $(messages) messages in the store"
[ "$(sql "SELECT count(*) FROM bounce_events")" = 5 ] || fail "IMAP: $(sql "SELECT count(*) FROM bounce_events") bounce events, expected 5"
say "IMAP: a message committed but not moved is a duplicate when fetched again (6 messages, 5 events)"

# ---- POP3 ------------------------------------------------------------------
put popbox 11
put popbox 12
put popbox 13
put_refused popbox
conf=$work/pop3.conf
printf '[source]\nimap = pop3://127.0.0.1:%s\nimap_user = popbox\nimap_password = %s\n[daemon]\nrescan_interval = 1s\nquarantine_dir = %s\n' "$pop3_port" "$password" "$work/quarantine" > "$conf"
chmod 644 "$conf"
status=0
BOUNCED_CONFIG= "$bin" run --config "$conf" >"$work/pop3-refused.log" 2>&1 || status=$?
[ "$status" = 78 ] && grep -q "readable by others" "$work/pop3-refused.log" ||
    fail "POP3: a password in a world-readable configuration file was not refused ($status): $(cat "$work/pop3-refused.log")"
chmod 600 "$conf"
BOUNCED_CONFIG= "$bin" run --config "$conf" >"$work/pop3-daemon.log" 2>&1 &
daemon_pid=$!
emptied() { [ "$(inbox_count popbox)" = 0 ]; }
wait_for 20 emptied || fail "POP3: maildrop not emptied ($(inbox_count popbox) left): $(tail -5 "$work/pop3-daemon.log")"
put popbox 14
wait_for 20 emptied || fail "POP3: mail arriving while running not processed: $(tail -5 "$work/pop3-daemon.log")"
stop_daemon "$work/pop3-daemon.log"
[ "$(messages)" = 11 ] || fail "POP3: $(messages) messages in the store, expected 11"
[ "$(find "$work/quarantine" -name '*.eml' | wc -l)" = 1 ] || fail "POP3: the refused message is not in daemon.quarantine_dir"
[ "$(suppressed "'user11@example.org','user12@example.org','user13@example.org','user14@example.org'")" = 4 ] ||
    fail "POP3: suppressions: $(sql "SELECT string_agg(address || '=' || status, ' ') FROM subscribers")"
say "POP3: 5 messages retrieved (the refused one kept in daemon.quarantine_dir), applied and then deleted from the maildrop"
# ---- IMAP, a mailbox recreated between fetch and commit ---------------------
applied_before=$(messages)
: > "$work/imap-daemon.log"
start_imap recreated
has_folders() { [ -d "$mail/recreated/Maildir/.Processed" ]; }
wait_for 20 has_folders || fail "IMAP recreated: the daemon did not start on the mailbox: $(tail -5 "$work/imap-daemon.log")"
pg_stop
# Two bounces in one go (UIDs 1 and 2), so that one claim takes both.
for n in 31 32; do dsn $n > "$mail/recreated/Maildir/tmp/e2e$n"; done
chown nobody:nogroup "$mail/recreated/Maildir/tmp/"*
mv "$mail/recreated/Maildir/tmp/e2e31" "$mail/recreated/Maildir/tmp/e2e32" "$mail/recreated/Maildir/new/"
waiting() { grep -q "database unavailable" "$work/imap-daemon.log"; }
wait_for 20 waiting || fail "IMAP recreated: the daemon did not fetch while the database was down: $(tail -5 "$work/imap-daemon.log")"
# Dovecot stops; the mailbox loses its messages and its UID list, and gets two other
# bounces. It starts again with a new UIDVALIDITY (the time: a second later at least),
# and the new bounces take UIDs 1 and 2.
stop_dovecot
sleep 1
rm -f "$mail/recreated/Maildir/new/"* "$mail/recreated/Maildir/cur/"* "$mail/recreated/Maildir/dovecot"*
put recreated 33
put recreated 34
dovecot_up
pg_start
both_applied() { [ "$(suppressed "'user33@example.org','user34@example.org'")" = 2 ]; }
wait_for 30 both_applied || fail "IMAP recreated: the bounces that took the old UIDs were not applied (moved away unread?): $(sql "SELECT string_agg(address || '=' || status, ' ') FROM subscribers WHERE address LIKE 'user3_@%'"); Processed: $(ls "$mail/recreated/Maildir/.Processed/cur" 2>/dev/null | tr '\n' ' '); $(tail -5 "$work/imap-daemon.log")"
stop_daemon "$work/imap-daemon.log"
[ "$(suppressed "'user31@example.org','user32@example.org'")" = 2 ] || fail "IMAP recreated: the bounces fetched before were not applied"
[ "$(messages)" = $((applied_before + 4)) ] || fail "IMAP recreated: $(($(messages) - applied_before)) messages applied, expected 4"
grep -q "UIDVALIDITY .* is now" "$work/imap-daemon.log" || fail "IMAP recreated: the UIDVALIDITY change was not logged"
[ "$(folder_count recreated Processed)" = 2 ] || fail "IMAP recreated: $(folder_count recreated Processed) in Processed, expected the 2 new bounces"
say "IMAP: a mailbox recreated under fetched messages: its new bounces with the old UIDs were applied, not moved away"

grep "source=" "$work/imap-daemon.log" "$work/pop3-daemon.log" | head -3 >&2 || true
echo "PASS: a real Dovecot over IMAP and POP3: unseen bounces fetched, applied once, then moved (IMAP) or deleted (POP3) after the commit"
