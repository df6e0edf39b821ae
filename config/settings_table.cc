// The settings table: one row per setting (see setting.h for how to add one). The
// order here is the order of --help-all and `bounced config show`.
#include "config/setting.h"

#include "config/http_settings.h"
#include "config/networks.h"

#include "db/store.h"

namespace config {
namespace {

constexpr std::size_t KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

std::string check_schema(const std::string& v) {
    if (db::validate_schema_name(v).ok()) return "";
    return "must be a plain identifier (a-z, 0-9, _; at most 63 characters), not '" + v + "'";
}

// A Maildir++ folder name: ".Name", one level, no slash.
std::string check_folder(const std::string& v) {
    if (v.size() >= 2 && v[0] == '.' && v != ".." && v.find('/') == std::string::npos) return "";
    return "must be a Maildir++ folder name like .Processed (a dot, then no slash), not '" + v + "'";
}

std::string check_networks(const std::string& v) {
    std::vector<Network> parsed;
    return parse_networks(v, &parsed);
}

std::string check_listen(const std::string& v) {
    HttpSettings parsed;
    return parse_listen(v, &parsed);
}

}  // namespace

// [limits]' ranges keep the guarded hazards guarded: mimetic recurses once per nesting
// level and part, and grows long lines quadratically (classify/message.cc).
const std::vector<Setting>& settings_table() {
    static const std::vector<Setting> table = {
        text("database.url", "PostgreSQL URL or conninfo (prefer the password in ~/.pgpass)",
             "postgresql://bounced@db.example/bounced", [](auto& s) -> auto& { return s.store.url; },
             Secret::password_in_url),
        text("database.schema", "schema that holds the store's tables", "bounced_test",
             [](auto& s) -> auto& { return s.store.schema; }, Secret::none, check_schema),
        text("database.hook", "SQL run when an address is suppressed or reactivated ($1 address, $2 class, $3 reason)",
             "SELECT newsletter.unsubscribe($1, $2, $3)", [](auto& s) -> auto& { return s.store.hook_sql; }),

        duration("suppression.soft_backoff_initial", "first soft-bounce backoff", "2h",
                 [](auto& s) -> auto& { return s.store.policy.soft_backoff_initial; }),
        duration("suppression.soft_backoff_max", "longest soft-bounce backoff", "3d",
                 [](auto& s) -> auto& { return s.store.policy.soft_backoff_max; }),
        count("suppression.soft_limit", "soft bounces within soft_window that suppress", "3",
              [](auto& s) -> auto& { return s.store.policy.soft_limit; }, 1),
        duration("suppression.soft_window", "how long a soft bounce counts", "14d",
                 [](auto& s) -> auto& { return s.store.policy.soft_window; }),
        count("suppression.soft_min_messages", "distinct sent messages among those soft bounces", "2",
              [](auto& s) -> auto& { return s.store.policy.soft_min_messages; }, 1),
        boolean("suppression.act_on_guessed_recipients", "act on addresses found only in free text", "true",
                [](auto& s) -> auto& { return s.store.policy.act_on_guessed_recipients; }),

        count("throttle.policy_limit", "policy bounces per domain within policy_window that throttle it", "50",
              [](auto& s) -> auto& { return s.store.policy.policy_limit; }, 1),
        duration("throttle.policy_window", "window for counting policy bounces", "30m",
                 [](auto& s) -> auto& { return s.store.policy.policy_window; }),
        rate("throttle.policy_rate", "with recorded sends: share of the domain's sends that throttles", "2%",
             [](auto& s) -> auto& { return s.store.policy.policy_rate; }),
        count("throttle.policy_min_count", "with recorded sends: never fewer policy bounces than this", "10",
              [](auto& s) -> auto& { return s.store.policy.policy_min_count; }, 1),
        duration("throttle.duration", "first throttle of a domain", "2h",
                 [](auto& s) -> auto& { return s.store.policy.throttle_duration; }),
        duration("throttle.max", "longest throttle", "3d", [](auto& s) -> auto& { return s.store.policy.throttle_max; }),
        duration("throttle.memory", "a throttle this soon after the last one doubles it", "14d",
                 [](auto& s) -> auto& { return s.store.policy.throttle_memory; }),

        choice("trust.level", "which bounces may change a status (docs/verp.md)", "signed",
               [](auto& s) -> auto& { return s.store.policy.trust_level; }, {"signed", "dsn", "any"}),
        text("trust.secrets_file", "signed-VERP secrets, one a line, the first signs (not readable by others)",
             "/etc/bounced/verp-secrets", [](auto& s) -> auto& { return s.trust.secrets_file; }),
        count("trust.tag_max_age_days", "a VERP tag older than this many days is stale", "60",
              [](auto& s) -> auto& { return s.trust.tag_max_age_days; }, 1, 1000),
        list("trust.own_mtas", "the list's own MTAs: host names, IP addresses, .domain (loopback and this host always are)",
             "mx1.list.example, 192.0.2.10, .list.example", [](auto& s) -> auto& { return s.trust.own_mtas; }),
        duration("trust.send_window", "our own MTA's bounce without the original is expected this long after a recorded send",
                 "3d", [](auto& s) -> auto& { return s.store.policy.send_window; }),
        duration("trust.rate_baseline", "a remote host may make 4x its own average per window over this period", "14d",
                 [](auto& s) -> auto& { return s.store.policy.baseline_window; }),
        count("trust.rate_cap", "least budget of a remote host or sender per rate_window, for bounces tied to no personal send",
              "500", [](auto& s) -> auto& { return s.store.policy.rate_cap; }, 1),
        duration("trust.rate_window", "window of the rate cap", "15m",
                 [](auto& s) -> auto& { return s.store.policy.rate_window; }),
        choice("trust.raw", "keep each raw bounce in the database, in archive_dir, or not at all", "archive",
               [](auto& s) -> auto& { return s.trust.raw; }, {"database", "archive", "none"}),
        text("trust.archive_dir", "folder for raw bounces when trust.raw = archive", "/var/lib/bounced/raw",
             [](auto& s) -> auto& { return s.trust.archive_dir; }),
        duration("trust.raw_retention", "how long raw bounces are kept", "30d",
                 [](auto& s) -> auto& { return s.store.policy.raw_retention; }),
        duration("retention.events", "bounce events older than this are deleted by `bounced db prune`, except a "
                 "suppression's evidence and the open held queue", "730d",
                 [](auto& s) -> auto& { return s.store.events_retention; }),

        size("limits.max_message_bytes", "a larger message is quarantined unread", "20MiB",
             [](auto& s) -> auto& { return s.limits.max_message_bytes; }, KiB, GiB),
        count("limits.max_mime_depth", "deepest nesting of multiparts and attached messages", "16",
              [](auto& s) -> auto& { return s.limits.max_mime_depth; }, 1, 1000),
        count("limits.max_mime_parts", "most MIME parts in one message", "1000",
              [](auto& s) -> auto& { return s.limits.max_mime_parts; }, 1, 10000),
        size("limits.max_line_bytes", "longest line of a message", "1MiB",
             [](auto& s) -> auto& { return s.limits.max_line_bytes; }, KiB, 16 * MiB),
        size("limits.max_parse_work", "bytes the MIME parser may copy for one message: its time bound", "512MiB",
             [](auto& s) -> auto& { return s.limits.max_parse_work; }, MiB, 4 * GiB),
        count("limits.max_recipients", "most recipients one bounce may report", "5000",
              [](auto& s) -> auto& { return s.limits.max_recipients; }, 1, 100000),
        size("limits.max_diagnostic_bytes", "diagnostic text kept per recipient", "4KiB",
             [](auto& s) -> auto& { return s.limits.max_diagnostic_bytes; }, 64, 64 * KiB),
        size("limits.max_scan_bytes", "bounce text the decoders read", "1MiB",
             [](auto& s) -> auto& { return s.limits.max_scan_bytes; }, 4 * KiB, 16 * MiB),

        choice("log.level", "how much is logged", "debug", [](auto& s) -> auto& { return s.log_level; },
               {"trace", "debug", "info", "warn", "error", "off"}),
        text("log.file", "log to this file instead of standard error (journald); empty: standard error",
             "/var/log/bounced/bounced.log", [](auto& s) -> auto& { return s.daemon.log_file; }),

        list("source.maildir", "Maildirs the daemon drains, comma-separated", "/var/mail/bounces/Maildir",
             [](auto& s) -> auto& { return s.daemon.maildirs; }),
        text("source.imap", "IMAP(S) or POP3(S) mailbox URL the daemon drains", "imaps://imap.example/INBOX",
             [](auto& s) -> auto& { return s.daemon.imap_url; }, Secret::password_in_url),
        text("source.imap_user", "user name for source.imap", "bounces",
             [](auto& s) -> auto& { return s.daemon.imap_user; }),
        text("source.imap_password", "password for source.imap (then the file must not be readable by others)",
             "example-password", [](auto& s) -> auto& { return s.daemon.imap_password; }, Secret::whole),
        text("source.imap_password_file", "file holding the password for source.imap", "/etc/bounced/imap-password",
             [](auto& s) -> auto& { return s.daemon.imap_password_file; }),

        count("daemon.batch_size", "messages per database transaction", "500",
              [](auto& s) -> auto& { return s.daemon.batch_size; }, 1),
        size("daemon.batch_bytes", "bytes of messages per database transaction; at least one message", "64MiB",
             [](auto& s) -> auto& { return s.daemon.batch_bytes; }, MiB, GiB),
        duration("daemon.rescan_interval", "full rescan of the sources besides inotify", "5m",
                 [](auto& s) -> auto& { return s.daemon.rescan_interval; }),
        duration("daemon.summary_interval", "how often a summary line is logged", "1h",
                 [](auto& s) -> auto& { return s.daemon.summary_interval; }),
        duration("daemon.backoff_max", "longest wait between reconnects to a database that is down", "5m",
                 [](auto& s) -> auto& { return s.daemon.backoff_max; }),
        duration("daemon.claim_timeout", "claims of other daemons older than this are taken back", "2h",
                 [](auto& s) -> auto& { return s.daemon.claim_timeout; }),
        text("daemon.processed_folder", "Maildir++ folder for processed messages", ".Done",
             [](auto& s) -> auto& { return s.daemon.processed_folder; }, Secret::none, check_folder),
        text("daemon.quarantine_folder", "Maildir++ folder for unreadable messages", ".Unreadable",
             [](auto& s) -> auto& { return s.daemon.quarantine_folder; }, Secret::none, check_folder),
        boolean("daemon.delete_processed", "delete processed messages instead of keeping them", "true",
                [](auto& s) -> auto& { return s.daemon.delete_processed; }),
        text("daemon.quarantine_dir", "ingest and IMAP: directory that keeps unreadable messages",
             "/var/lib/bounced/quarantine", [](auto& s) -> auto& { return s.daemon.quarantine_dir; }),

        text("http.listen", "where `bounced serve` listens: HOST:PORT or [IPv6]:PORT", "0.0.0.0:8080",
             [](auto& s) -> auto& { return s.http.listen; }, Secret::none, check_listen),
        text("http.token_file", "file holding the HTTP API token, its first line (readable by its owner only)",
             "/etc/bounced/http-token", [](auto& s) -> auto& { return s.http.token_file; }),

        text("webhooks.mailgun_signing_key_file",
             "file holding Mailgun's webhook signing key, its first line (readable by its owner only); "
             "none: no /webhooks/mailgun",
             "/etc/bounced/mailgun-signing-key",
             [](auto& s) -> auto& { return s.webhooks.mailgun_signing_key_file; }),
        list("webhooks.ses_topic_arns",
             "SNS topics whose SES events /webhooks/ses takes, comma-separated; none: no /webhooks/ses",
             "arn:aws:sns:us-east-1:123456789012:ses-bounces",
             [](auto& s) -> auto& { return s.webhooks.ses_topic_arns; }),
        text("webhooks.ses_certificate_file",
             "SNS's signing certificate (PEM) used instead of fetching SigningCertURL; none: fetched over https",
             "/etc/bounced/sns-signing-cert.pem",
             [](auto& s) -> auto& { return s.webhooks.ses_certificate_file; }),
        text("webhooks.sendgrid_public_key_file",
             "file holding SendGrid's signed event webhook verification key (base64 as SendGrid shows it, or PEM); "
             "none: no /webhooks/sendgrid",
             "/etc/bounced/sendgrid-public-key",
             [](auto& s) -> auto& { return s.webhooks.sendgrid_public_key_file; }),
        text("webhooks.postmark_credentials_file",
             "file holding user:password for Postmark's webhooks (HTTP basic auth), its first line (readable by "
             "its owner only); none: no /webhooks/postmark",
             "/etc/bounced/postmark-credentials",
             [](auto& s) -> auto& { return s.webhooks.postmark_credentials_file; }),
        text("webhooks.postmark_allow_from",
             "networks Postmark may post from (CIDR list, IPv4 and IPv6); empty: any",
             "192.0.2.0/24, 2001:db8::/32",
             [](auto& s) -> auto& { return s.webhooks.postmark_allow_from; }, Secret::none, check_networks),
    };
    return table;
}

}  // namespace config
