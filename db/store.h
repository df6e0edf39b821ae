// The PostgreSQL store: subscriber status, retry suppression, the suppression list.
//
// A Store owns one database connection and is not thread-safe: give each thread (or
// each daemon worker) its own. Several Stores, in one process or many, may apply
// overlapping batches at once; each message is applied exactly once (see apply()).
// No call throws: each returns a Status whose code says what to do next
// (unavailable -> try again later, EX_TEMPFAIL).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/result.h"
#include "db/policy.h"
#include "db/report_query.h"
#include "db/status.h"
#include "db/time.h"

namespace spdlog {
class logger;
}

namespace db {

struct Options {
    std::string url;                 // libpq URL or conninfo
    // The URL as messages may show it, its password masked (config::redact_secrets
    // fills it); "" shows no URL at all. The store never prints `url` itself.
    std::string url_for_logs;
    std::string schema = "bounced";  // everything lives in this schema
    Policy policy;
    // Run in the same transaction whenever an address is suppressed or reactivated:
    // $1 address, $2 class (hard, soft, complaint, manual, ... or 'active' when
    // reactivated), $3 reason. Empty: none.
    std::string hook_sql;
    std::string actor;                        // recorded in the audit log; "" = database user
    std::shared_ptr<spdlog::logger> logger;   // null: no logging
    std::function<Time()> clock;              // null: the system clock (tests move time)
    int retries = 3;                          // on deadlock, serialization failure, lost connection
    double events_retention = 400 * 86400;    // [retention] events: `bounced db prune` (400 days)
};

// One bounce message to apply: its fingerprint (what makes applying it idempotent),
// where it came from, and what the classifier found in it.
struct IncomingMessage {
    std::string fingerprint;
    std::string source;
    classify::Report report;
    // Decided by the ingest side, which holds the VERP secrets (bounced/trust/trust_check.h);
    // the store only reads the verdict. signature: none (no tag, or not checked),
    // valid (for signed_recipient), invalid, stale.
    std::string signature = "none";
    std::string signed_recipient;
    // Who sent us the bounce, for the rate cap: the client address our MTA recorded
    // in the newest Received field, and the bounce's From address. "" = unknown.
    std::string sender_host;
    std::string sender_address;
    // Written by the list's own MTAs (bounced/trust: trust.own_mtas, the Received
    // chain and Reporting-MTA): never rate-capped (docs/trust.md).
    bool own = false;
    // The message as it arrived; kept in raw_messages when not empty.
    std::string raw;
    // Not empty: every recipient's reason as stored, instead of the classifier's (a
    // provider's own event that names no bounce reason: Mailgun's "unsubscribed").
    std::string reason_text;
};

// Checks a schema name: lower-case letters, digits and '_', not starting with a digit,
// at most 63 characters (config/ calls this when it reads the setting).
Status validate_schema_name(const std::string& schema);

// SHA-256 of the raw message bytes in lower-case hex: the usual fingerprint.
std::string fingerprint_of(std::string_view raw_message);

// What identifies a bounce whatever path it came by: a digest of its own Message-ID,
// its Date, the original's Message-ID and the recipients it reports ("id:<hex>"); "" when it has no Message-ID (then
// only the raw fingerprint tells copies apart). apply() claims both: a second copy
// with other bytes is a duplicate.
std::string identity_of(const classify::Report& report);

// One decision apply() took. kind: suppressed (subject is an address), backoff
// (address, until), throttled (subject is a receiving domain, until).
struct Decision {
    std::string kind;
    std::string subject;
    std::string bounce_class;
    std::string reason;
    std::optional<Time> until;
};

struct ApplyOutcome {
    Status status;
    std::size_t applied = 0;     // messages applied by this call
    std::size_t duplicates = 0;  // messages some earlier call (or another applier) applied
    std::vector<Decision> decisions;
};

// May mail go to this address now? why: ok, suppressed, backoff, throttled.
struct SendStatus {
    bool allowed = true;
    std::string why = "ok";
    std::optional<Time> since;
    std::optional<Time> until;
    std::string bounce_class;
    std::string reason;
};

// One entry of the suppression list, as listed, exported and imported.
struct Suppression {
    std::string address;
    std::string bounce_class;  // hard, soft, complaint, manual
    std::string reason;
    std::optional<Time> since;
    std::string source;        // bounce, manual, import:ses, ...
    std::string note;
};

struct ListFilter {
    std::string bounce_class;
    std::string reason;
    std::string domain;
    std::optional<Time> since;
    std::optional<Time> until;  // suppressed before this
    long limit = 0;  // 0: all
};

struct BounceEvent {
    Time at;
    std::string bounce_class, reason, status_code, diagnostic, remote_mta, rule;
    std::string original_message_id, list_id, source, fingerprint;
    int reply_code = 0;
    bool trusted = true;
    std::optional<bool> verified;
    // The evidence chain (deploy/sql/0005_trust.sql): where the address came from
    // (dsn, arf, verp, body-text, ...), the VERP tag's verdict, what the trust decision
    // rested on (signed, sent, structured, guessed, any) and, when not trusted, why
    // (held: unsigned, tag-invalid, tag-stale, not-sent, guessed, rate-cap-host, ...).
    std::string recipient_source, action, signature, trust, held, trust_level, sender_host, sender_address;
    bool raw_kept = false;  // the raw bounce is in the database
};

// A bounce held in the queue (deploy/sql/0008_trust_queue.sql): its event, and what
// became of it. resolution: "" (open), released, discarded.
// One page of the suppression list, newest first (db/store_page.cc). A cursor names
// the last row of the previous page ("<microseconds since the epoch>_<address>"), so the
// next page is one index range scan however deep it is (keyset pagination).
struct PageRequest {
    ListFilter filter;           // filter.limit: rows per page (1..1000)
    std::string query;           // "" all; else a part of the address
    std::string cursor;          // "" first page; else Page::next of the previous one
};

struct Page {
    std::vector<Suppression> items;
    long total = 0;              // rows matching the filter and query, on every page
    std::string next;            // "" on the last page
};

// What /metrics counts (db/store_page.cc): figures over the whole store, now.
struct StoreCounts {
    std::vector<std::pair<std::string, long>> events_by_class_reason;  // "class/reason"
    std::vector<std::pair<std::string, long>> suppressed_by_class;
    long held_open = 0;
    long throttled_domains = 0;
    // How long Store::apply took, batch by batch, as a histogram (flush_apply_latency):
    // by upper bound in seconds (infinity last), each bucket's own batches, not cumulative.
    struct ApplyBucket {
        double le = 0;
        long batches = 0;
        double seconds = 0;
        long messages = 0;
    };
    std::vector<ApplyBucket> apply_latency;
};

// A receiving domain throttled now.
struct ThrottleNow {
    std::string domain;
    Time since, until;
    int repeats = 0;
};

struct HeldBounce {
    long id = 0;
    std::string address;
    std::string origin;  // own, remote ("" before 0008)
    std::string resolution, resolved_by;
    std::optional<Time> resolved_at;
    BounceEvent event;
};

struct HeldFilter {
    std::string held;         // the reason it was held: rate-cap-host, not-sent, ...; "" any
    std::string sender_host;  // "" any
    std::string address;      // "" any
    std::optional<Time> since;
    long limit = 0;           // 0: all
};

struct AuditEntry {
    Time at;
    std::string actor, action, detail, note;
};

struct SubscriberDetail {
    bool known = false;  // false: the store has never heard of the address
    std::string address, status;
    Suppression suppression;  // when status == "suppressed"
    SendStatus now;
    int soft_count = 0, hard_count = 0, complaint_count = 0, bounce_count = 0;
    std::vector<BounceEvent> history;  // newest first
    std::vector<AuditEntry> audit;     // newest first
};

struct MigrationState {
    int version = 0;
    std::string name;
    bool applied = false;
    std::string applied_at;
    bool changed = false;  // the file differs from what was applied
};

// What Store::prune_events did: events deleted, in how many transactions, the
// longest of them (its row locks are the only locks it takes), and the events older
// than the cutoff that stay as evidence (a current suppression, the open held queue).
struct PruneOutcome {
    long deleted = 0, kept = 0, batches = 0;
    double seconds = 0, longest_batch_seconds = 0;
};

struct ImportOutcome {
    std::size_t suppressed = 0;  // newly suppressed
    std::size_t unchanged = 0;   // already suppressed: left as they were
};

// What Store::import would do with a file, read without changing anything. An address
// already suppressed keeps its class on import, so `differ` counts rows import leaves
// as they are although the file says another class.
struct ImportPreview {
    std::size_t fresh = 0;   // not suppressed now (or earlier in the file): would be
    std::size_t differ = 0;  // suppressed now with another class
    std::size_t same = 0;    // suppressed now with this class
};

class Store {
public:
    explicit Store(Options options);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Connects now (otherwise the first call does). Unavailable when the server is down.
    Status connect();
    Status migrate(std::vector<std::string>* applied);
    Status migration_status(std::vector<MigrationState>* states);
    // Parses and plans the [database] hook statement without running it (`config check
    // --connect`): permanent, with the server's reason, when it names what is missing.
    Status check_hook();

    // Applies a batch in one transaction: claims each fingerprint, logs every recipient
    // result, then updates subscribers and domains (deploy/sql/0002_apply.sql). A
    // message already applied, by this or any other Store, is counted as a duplicate
    // and changes nothing. Retried on deadlock or a lost connection.
    ApplyOutcome apply(const std::vector<IncomingMessage>& messages);

    Status check(const std::string& address, SendStatus* out);
    // Suppresses by hand (source "manual") or as given; `changed` is false when the
    // address was already suppressed. Audited; runs the hook.
    Status suppress(const Suppression& entry, bool* changed);
    Status reactivate(const std::string& address, const std::string& note, bool* changed);
    // `total` (when given): how many match the filter before its limit.
    Status list(const ListFilter& filter, std::vector<Suppression>* out, long* total = nullptr);
    // Keyset pagination over the suppression list (for `bounced serve`).
    Status page(const PageRequest& request, Page* out);
    Status counts(StoreCounts* out);
    Status throttled_now(std::vector<ThrottleNow>* out);
    Status show(const std::string& address, SubscriberDetail* out);
    // Suppresses every row in one transaction: all of them or, on error, none.
    Status import(const std::vector<Suppression>& rows, ImportOutcome* out);
    // Compares the rows with the list as it is now (`suppressions import --dry-run`).
    Status preview_import(const std::vector<Suppression>& rows, ImportPreview* out);
    // What bounced.record_send() does, for callers in C++ and for tests; with a hook,
    // it also runs the hook for what the send released (see run_pending_hooks).
    Status record_send(const std::string& address, const std::string& message_id,
                       const std::string& list_id, std::optional<Time> at);
    // Runs the hook for the suppressions record_send made when it released held
    // bounces (the SQL function cannot run the operator's statement; it leaves them
    // in pending_hooks), each once, in one transaction. apply() does this too, in its
    // own transaction; the daemon calls it when idle. Without a hook they are dropped.
    Status run_pending_hooks();
    // apply() measures each batch's time (from the call to the commit, the hook
    // included) into a histogram in memory, and adds it to the table apply_latency
    // (deploy/sql/0014_apply_latency.sql, read by /metrics) every 10 seconds of
    // applying, when this is called (the daemon: at each rescan) and when the Store is
    // destroyed while connected: one statement, not one per batch. On failure the
    // figures are kept.
    Status flush_apply_latency();
    // The raw bounce kept for `fingerprint` (deploy/sql/0005_trust.sql); `found` is
    // false when it was never kept or its retention has passed.
    Status raw_message(const std::string& fingerprint, std::string* bytes, bool* found);
    // The open held queue, oldest first, and how many there are in all.
    Status held_list(const HeldFilter& filter, std::vector<HeldBounce>* out, long* open_total = nullptr);
    // One held bounce, open or resolved; `found` false when no event has that id.
    Status held_get(long id, HeldBounce* out, bool* found);
    // Applies the open held bounces among `ids` now, as if trusted on arrival, and
    // runs the hook for each suppression; decisions: a "released" one per bounce,
    // then suppressed / backoff / throttled. Audited with `note`.
    Status held_release(const std::vector<long>& ids, const std::string& note, std::vector<Decision>* decisions);
    // Takes the open held bounces among `ids` out of the queue unapplied. Audited.
    Status held_discard(const std::vector<long>& ids, const std::string& note, long* discarded);
    // What `bounced report` shows for [query.since, query.until), read in one snapshot
    // (db/store_report.cc).
    Status report(const ReportQuery& query, ReportData* out);
    // Deletes the bounce events that occurred before `before`, `batch_size` ids per
    // transaction (db/store_prune.cc), except every event of a currently suppressed
    // address and the open held queue.
    Status prune_events(Time before, long batch_size, PruneOutcome* out);
    // A signed webhook's one-time token (deploy/sql/0011_webhooks.sql): `fresh` is
    // true when no server claimed it before (now this one has), false for a replay.
    // Kept until `expires`; expired tokens are pruned. release_webhook_token gives a
    // claim back when the event could not be stored, so the provider's retry passes.
    Status claim_webhook_token(const std::string& provider, const std::string& token, Time expires, bool* fresh);
    Status release_webhook_token(const std::string& provider, const std::string& token);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace db
