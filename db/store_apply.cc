// Store::apply: a batch of classified bounces -> one call of apply_batch (the policy
// lives in deploy/sql/0002_apply.sql and 0003_domains.sql, next to the rows it
// locks) -> the integration hook for each suppression, and for those record_send
// left pending (0009_release_hook.sql) -> commit.
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstdio>
#include <set>

#include "db/field_bounds.h"
#include "db/json.h"
#include "db/store_impl.h"

namespace db {
namespace {

void add_field(std::string& out, const char* name, std::string_view value) {
    out += '"';
    out += name;
    out += "\":";
    append_json_string(out, value);
    out += ',';
}

// A free-text field cut to `max` bytes (db/field_bounds.h): what a bounce says is
// stored, never more than that.
void add_text(std::string& out, const char* name, std::string_view value, std::size_t max) {
    add_field(out, name, bounded_text(value, max));
}

// A recipient result is acted on only when its address came from a structured part
// of the bounce (DSN, ARF, an MTA format, VERP), unless the policy says otherwise.
bool is_trusted(const classify::RecipientResult& r, const Policy& policy) {
    if (r.recipient.find('@') == std::string::npos) return false;
    return policy.act_on_guessed_recipients || classify::is_structured(r.source);
}

void append_recipient(std::string& out, const classify::RecipientResult& r, const Policy& policy) {
    out += '{';
    add_field(out, "rcpt", r.recipient);
    add_field(out, "class", classify::to_string(r.bounce_class));
    add_field(out, "reason", classify::to_string(r.reason));
    add_text(out, "status", r.status, kMaxShortField);
    add_text(out, "action", r.action, kMaxShortField);
    add_text(out, "diag", r.diagnostic, kMaxDiagnostic);
    add_text(out, "mta", r.remote_mta, kMaxShortField);
    add_text(out, "rule", r.rule, kMaxShortField);
    add_field(out, "rsrc", classify::to_string(r.source));
    out += "\"code\":" + std::to_string(r.reply_code) + ",";
    out += std::string("\"trusted\":") + (is_trusted(r, policy) ? "true" : "false") + "}";
}

// Raw bytes travel in the JSON document as base64 (jsonb holds text, not bytes).
std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return out;
}

// What the ingest side found out about the message's origin (see IncomingMessage).
void append_origin(std::string& out, const IncomingMessage& m) {
    add_field(out, "sig", m.signature);
    add_field(out, "srcpt", m.signed_recipient);
    add_text(out, "shost", m.sender_host, kMaxShortField);
    add_field(out, "saddr", m.sender_address);
    out += std::string("\"own\":") + (m.own ? "true," : "false,");
    if (!m.raw.empty()) add_field(out, "raw", base64(m.raw));
}

std::string batch_json(const std::vector<IncomingMessage>& messages, const Policy& policy) {
    std::string out = "[";
    for (const auto& m : messages) {
        if (out.size() > 1) out += ',';
        out += '{';
        add_field(out, "fp", m.fingerprint);
        add_text(out, "src", m.source, kMaxSource);
        add_field(out, "outcome", classify::to_string(m.report.outcome));
        add_text(out, "mid", m.report.original.message_id, kMaxHeaderValue);
        add_text(out, "list", m.report.original.list_id, kMaxHeaderValue);
        add_field(out, "key", identity_of(m.report));
        append_origin(out, m);
        out += "\"r\":[";
        for (std::size_t i = 0; i < m.report.recipients.size(); ++i) {
            if (i) out += ',';
            append_recipient(out, m.report.recipients[i], policy);
        }
        out += "]}";
    }
    return out + "]";
}

}  // namespace

std::string policy_json(const Policy& p) {
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "{\"soft_backoff_initial\":%.17g,\"soft_backoff_max\":%.17g,\"soft_limit\":%d,"
                  "\"soft_window\":%.17g,\"soft_min_messages\":%d,\"policy_limit\":%d,"
                  "\"policy_window\":%.17g,\"policy_rate\":%.17g,\"policy_min_count\":%d,"
                  "\"throttle_duration\":%.17g,\"throttle_max\":%.17g,\"throttle_memory\":%.17g,"
                  "\"rate_cap\":%d,\"rate_window\":%.17g,\"raw_retention\":%.17g,"
                  "\"baseline_window\":%.17g,\"baseline_factor\":%.17g,\"send_window\":%.17g,",
                  p.soft_backoff_initial, p.soft_backoff_max, p.soft_limit, p.soft_window,
                  p.soft_min_messages, p.policy_limit, p.policy_window, p.policy_rate,
                  p.policy_min_count, p.throttle_duration, p.throttle_max, p.throttle_memory,
                  p.rate_cap, p.rate_window, p.raw_retention, p.baseline_window, p.baseline_factor,
                  p.send_window);
    std::string out = buf;
    add_field(out, "trust_level", p.trust_level);
    out.back() = '}';
    return out;
}

std::string fingerprint_of(std::string_view raw_message) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(raw_message.data()), raw_message.size(), digest);
    std::string hex;
    char buf[3];
    for (unsigned char c : digest) {
        std::snprintf(buf, sizeof buf, "%02x", c);
        hex += buf;
    }
    return hex;
}

ApplyOutcome Store::apply(const std::vector<IncomingMessage>& messages) {
    ApplyOutcome outcome;
    if (messages.empty()) return outcome;
    // A field that cannot be stored is the message's fault, not the database's: say
    // which message, before any SQL, so the caller can set it aside (Code::invalid).
    for (const auto& m : messages) {
        if (Status s = check_storable(m); !s.ok()) {
            outcome.status = Status::error(s.code, "cannot store " + bounded_text(m.source, kMaxSource) + ": " + s.message);
            return outcome;
        }
    }
    std::set<std::string> fingerprints;
    for (const auto& m : messages) fingerprints.insert(m.fingerprint);
    const std::string batch = batch_json(messages, impl_->options.policy);
    const std::string policy = policy_json(impl_->options.policy);

    outcome.status = impl_->transaction([&] {
        outcome.applied = 0;
        outcome.decisions.clear();
        Result r;
        Status s = impl_->conn.exec(
            "SELECT kind, subject, bounce_class, reason, extract(epoch FROM until)"
            " FROM apply_batch($1::jsonb, $2::jsonb, to_timestamp($3::float8))",
            {batch, policy, epoch_text(impl_->now())}, &r);
        for (int i = 0; s.ok() && i < PQntuples(r.get()); ++i) {
            const std::string kind = text_at(r, i, 0);
            if (kind == "applied") {
                ++outcome.applied;
                continue;
            }
            outcome.decisions.push_back(
                {kind, text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3), time_at(r, i, 4)});
            if (kind == "suppressed") s = impl_->run_hook(text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3));
        }
        // And the hook for what record_send released since the last batch (0009).
        if (s.ok() && !impl_->options.hook_sql.empty()) s = impl_->run_pending_hooks();
        return s;
    }, !impl_->options.hook_sql.empty());  // no hook: apply_batch alone is the transaction
    if (!outcome.status.ok()) {
        outcome.applied = 0;
        outcome.decisions.clear();
        return outcome;
    }
    outcome.duplicates = fingerprints.size() - outcome.applied;
    for (const auto& d : outcome.decisions) {
        impl_->info("{} {} class={} reason={}{}", d.subject, d.kind, d.bounce_class, d.reason,
                    d.until ? " until=" + format_time(*d.until) : std::string());
    }
    return outcome;
}

}  // namespace db
