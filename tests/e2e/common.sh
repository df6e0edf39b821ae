# Shared by the end-to-end scripts (sourced): the binary, a private PostgreSQL, a
# Maildir, test bounces, waiting. Scripts exit 77 (skipped, for CTest) with a
# message when something they need cannot be had.
#
#   BOUNCED_BIN   the binary (CTest sets it; by hand the default is build/bounced/bounced,
#                 the README's build, then build-daemon/...)
#   E2E_PG_PORT   port for the private PostgreSQL (default: a free one, from the kernel)
#   E2E_KEEP=1    keep the work directory for inspection

set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

skip() { echo "SKIP: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
say() { echo "$(date +%T) $*" >&2; }

bin=${BOUNCED_BIN:-}
if [ -z "$bin" ]; then
    for b in "$root/build/bounced/bounced" "$root/build-daemon/bounced/bounced"; do
        [ -x "$b" ] && { bin=$b; break; }
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || skip "no bounced binary: build it or set BOUNCED_BIN"

work=$(mktemp -d "${TMPDIR:-/tmp}/bounced-e2e-XXXXXX")
chmod 755 "$work"
pg_dir=$work/pg
# at_exit CMD: run CMD at exit, before the rest of cleanup (servers and users a script
# started or created); the last one registered runs first.
on_exit=
at_exit() { on_exit="$1${on_exit:+; $on_exit}"; }
cleanup() {
    [ -n "${daemon_pid:-}" ] && kill -9 "$daemon_pid" 2>/dev/null || true
    eval "$on_exit" || true
    "$root/deploy/pg/stop.sh" "$pg_dir" >/dev/null 2>&1 || true
    if [ "${E2E_KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# free_port: a port nothing listens on, from the kernel.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# pg_start: starts (or restarts, on the same port) the private server; sets $db_url.
# The first start chooses a free port and tries another if that one was taken in
# between (a client's ephemeral port, say). No PostgreSQL installed: skip; a server
# that does not start: fail, with start.sh's and the server's own words.
pg_start() {
    tries=1
    if [ -z "${E2E_PG_PORT:-}" ]; then tries=3; fi
    while :; do
        : "${E2E_PG_PORT:=$(free_port)}"
        status=0
        db_url=$("$root/deploy/pg/start.sh" "$pg_dir" "$E2E_PG_PORT" 2>"$work/pg-start.log") || status=$?
        if [ "$status" = 0 ]; then
            db_url=$(printf '%s\n' "$db_url" | tail -1)
            export BOUNCED_DATABASE_URL=$db_url BOUNCED_CONFIG=/dev/null
            return 0
        fi
        [ "$status" = 69 ] && skip "cannot start PostgreSQL: $(tail -1 "$work/pg-start.log")"
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || fail "cannot start PostgreSQL on port $E2E_PG_PORT: $(tail -3 "$work/pg-start.log") $(tail -3 "$pg_dir/server.log" 2>/dev/null)"
        say "PostgreSQL did not start on port $E2E_PG_PORT; trying another port"
        E2E_PG_PORT=
    done
}
pg_stop() { "$root/deploy/pg/stop.sh" "$pg_dir" >/dev/null 2>&1; }
sql() { psql -X -q -A -t -d "$db_url" -c "SET search_path = bounced; $1" | tail -1; }

maildir_new() { mkdir -p "$1/new" "$1/cur" "$1/tmp"; }
count_files() { find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l; }

# dsn N: an RFC 3464 bounce for userN@example.org, distinct for each N, as the list's
# own outgoing MTA (mx.example.net) writes it: these scripts test what happens to
# bounces that are believed, so that MTA is named ours ([trust] own_mtas), or its
# thousands of bounces a minute would be capped like a stranger's.
export BOUNCED_TRUST_OWN_MTAS=mx.example.net
dsn() {
    printf 'From: MAILER-DAEMON@mx.example.net\nTo: bounces@list.example\nSubject: Undelivered Mail\nMessage-ID: <dsn-%s@mx.example.net>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: text/plain\n\nNo such user.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; user%s@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n\n--B--\n' "$1" "$1"
}
# deliver MAILDIR N: as an MTA does, tmp/ then rename into new/.
deliver() { dsn "$2" > "$1/tmp/$2.e2e"; mv "$1/tmp/$2.e2e" "$1/new/$2.e2e"; }

# wait_for SECONDS CMD...: polls CMD every 0.2 s.
wait_for() {
    limit=$1; shift
    end=$(( $(date +%s) + limit ))
    until "$@"; do
        [ "$(date +%s)" -lt "$end" ] || return 1
        sleep 0.2
    done
}

# open_path_to_bin: lets other users run $bin (a daemon or a pipe(8) command under
# another uid): every directory above it gets o+x.
open_path_to_bin() {
    dir=$bin
    while [ "$dir" != / ]; do dir=$(dirname "$dir"); chmod o+x "$dir" 2>/dev/null || true; done
}

# ---- Postfix: a private instance under $pf ----------------------------------
pf=$work/postfix

# need_postfix: root (Postfix's master runs as root) and Debian's postfix; with
# E2E_INSTALL=1 it is installed first. Otherwise skip.
need_postfix() {
    [ "$(id -u)" = 0 ] || skip "postfix e2e needs root (the Postfix master runs as root)"
    if ! command -v postfix >/dev/null 2>&1 && [ "${E2E_INSTALL:-0}" = 1 ]; then
        echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >"$work/apt.log" 2>&1 ||
            skip "apt-get install postfix failed: $(tail -2 "$work/apt.log")"
    fi
    command -v postfix >/dev/null 2>&1 || skip "postfix is not installed (E2E_INSTALL=1 installs it)"
}

# postfix_start MAIN_CF [MASTER_CF]: starts Postfix with its own configuration, queue
# and log ($pf/maillog) and no SMTP listener (mail goes in with `sendmail -C $pf/etc`).
# main.cf holds the settings every script shares, then MAIN_CF (the destinations and
# delivery of the script); master.cf is Debian's, then MASTER_CF. Stopped at exit.
postfix_start() {
    mkdir -p "$pf/etc" "$pf/queue" "$pf/data"
    chown postfix "$pf/data"
    { grep -v '^smtp *inet' /etc/postfix/master.cf; printf '%s\n' "${2:-}"; } > "$pf/etc/master.cf"
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
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
alias_maps =
alias_database =
maillog_file = $pf/maillog
maillog_file_prefixes = $work
$1
CONF
    script -qc "postfix -c $pf/etc check" /dev/null >"$work/postfix-check.log" 2>&1 &&
        ! grep -q fatal "$work/postfix-check.log" || skip "postfix check: $(tail -2 "$work/postfix-check.log")"
    script -qc "postfix -c $pf/etc start" /dev/null >"$work/postfix-start.log" 2>&1 &&
        ! grep -q fatal "$work/postfix-start.log" || skip "cannot start postfix: $(tail -2 "$work/postfix-start.log")"
    at_exit stop_postfix
}
stop_postfix() { postfix -c "$pf/etc" stop >/dev/null 2>&1 || true; }

# ---- Dovecot: a private instance under $dc ----------------------------------
dc=$work/dovecot

# need_dovecot PROTOCOL...: root (Dovecot's master runs as root) and Dovecot with
# these protocols (imap, pop3); with E2E_INSTALL=1 they are installed first.
need_dovecot() {
    [ "$(id -u)" = 0 ] || skip "dovecot e2e needs root (the Dovecot master runs as root)"
    dovecot_has() { command -v dovecot >/dev/null 2>&1 && for p in "$@"; do [ -e "/usr/lib/dovecot/$p" ] || return 1; done; }
    packages=$(for p in "$@"; do printf 'dovecot-%sd ' "$p"; done)
    if ! dovecot_has "$@" && [ "${E2E_INSTALL:-0}" = 1 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >"$work/apt.log" 2>&1 ||
            skip "apt-get install $packages failed: $(tail -2 "$work/apt.log")"
    fi
    dovecot_has "$@" || skip "$packages are not installed (E2E_INSTALL=1 installs them)"
}

# dovecot_start PROTOCOLS MAIL_LOCATION USERDB_ARGS: a Dovecot listening on 127.0.0.1
# only, IMAP on $imap_port and (when PROTOCOLS has pop3) POP3 on $pop3_port, free
# ports; plain-text logins checked against $dc/passwd, which the caller writes first
# (user:{PLAIN}password::::::); every user gets the static USERDB_ARGS (uid=, gid=,
# home=). Stopped at exit; dovecot_up starts it again after a stop_dovecot.
dovecot_start() {
    mkdir -p "$dc/run" "$dc/state"
    imap_port=$(free_port)
    pop3_port=
    case " $1 " in *" pop3 "*) pop3_port=$(free_port) ;; esac
    {
        cat <<CONF
base_dir = $dc/run
state_dir = $dc/state
log_path = $dc/dovecot.log
protocols = $1
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
mail_location = $2
first_valid_uid = 1
namespace inbox {
  inbox = yes
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dc/passwd
}
userdb {
  driver = static
  args = $3
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
        [ -z "$pop3_port" ] || cat <<CONF
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $pop3_port
  }
  inet_listener pop3s {
    port = 0
  }
}
CONF
    } > "$dc/dovecot.conf"
    at_exit stop_dovecot
    dovecot_up skip
}
listening() { python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)" "$1" 2>/dev/null; }
dovecot_up() {  # [skip]: a Dovecot that does not start is a failure, or (the first time) a skip
    dovecot -c "$dc/dovecot.conf" >>"$work/dovecot-start.log" 2>&1 || ${1:-fail} "cannot start dovecot: $(tail -3 "$work/dovecot-start.log")"
    for port in $imap_port $pop3_port; do
        wait_for 10 listening "$port" || fail "dovecot does not listen on $port: $(tail -5 "$dc/dovecot.log")"
    done
}
stop_dovecot() { dovecot -c "$dc/dovecot.conf" stop >/dev/null 2>&1 || true; }
