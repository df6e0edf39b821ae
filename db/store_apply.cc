// Store::apply: a batch of classified bounces -> one call of apply_batch (the policy
// lives in deploy/sql/0002_apply.sql and 0003_domains.sql, next to the rows it
// locks) -> the integration hook for each suppression, and for those record_send
// left pending (0009_release_hook.sql) -> commit.
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <chrono>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "db/field_bounds.h"
#include "db/json.h"
#include "db/store_impl.h"

namespace db {
namespace {

using Json = nlohmann::json;

// A free-text field cut to `max` bytes (db/field_bounds.h): what a bounce says is
// stored, never more than that.
Json bounded(std::string_view value, std::size_t max) { return jsonb_text(bounded_text(value, max)); }

// A recipient result is acted on only when its address came from a structured part
// of the bounce (DSN, ARF, an MTA format, VERP), unless the policy says otherwise.
bool is_trusted(const classify::RecipientResult& r, const Policy& policy) {
    if (r.recipient.find('@') == std::string::npos) return false;
    return policy.act_on_guessed_recipients || classify::is_structured(r.source);
}

Json recipient_json(const classify::RecipientResult& r, const std::string& reason_text, const Policy& policy) {
    return {{"rcpt", jsonb_text(r.recipient)},
            {"class", classify::to_string(r.bounce_class)},
            {"reason", reason_text.empty() ? Json(classify::to_string(r.reason)) : bounded(reason_text, kMaxShortField)},
            {"status", bounded(r.status, kMaxShortField)},
            {"action", bounded(r.action, kMaxShortField)},
            {"diag", bounded(r.diagnostic, kMaxDiagnostic)},
            {"mta", bounded(r.remote_mta, kMaxShortField)},
            {"rule", bounded(r.rule, kMaxShortField)},
            {"rsrc", classify::to_string(r.source)},
            {"code", r.reply_code},
            {"trusted", is_trusted(r, policy)}};
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

// One message of the batch, with what the ingest side found out about its origin
// (see IncomingMessage).
Json message_json(const IncomingMessage& m, const Policy& policy) {
    Json out = {{"fp", jsonb_text(m.fingerprint)},
                {"src", bounded(m.source, kMaxSource)},
                {"outcome", classify::to_string(m.report.outcome)},
                {"mid", bounded(m.report.original.message_id, kMaxHeaderValue)},
                {"list", bounded(m.report.original.list_id, kMaxHeaderValue)},
                {"key", jsonb_text(identity_of(m.report))},
                {"sig", jsonb_text(m.signature)},
                {"srcpt", jsonb_text(m.signed_recipient)},
                {"shost", bounded(m.sender_host, kMaxShortField)},
                {"saddr", jsonb_text(m.sender_address)},
                {"own", m.own}};
    if (!m.raw.empty()) out["raw"] = base64(m.raw);
    Json& recipients = out["r"] = Json::array();
    for (const auto& r : m.report.recipients) recipients.push_back(recipient_json(r, m.reason_text, policy));
    return out;
}

std::string batch_json(const std::vector<IncomingMessage>& messages, const Policy& policy) {
    Json batch = Json::array();
    for (const auto& m : messages) batch.push_back(message_json(m, policy));
    return to_jsonb(batch);
}

}  // namespace

std::string policy_json(const Policy& p) {
    const Json policy = {{"soft_backoff_initial", p.soft_backoff_initial}, {"soft_backoff_max", p.soft_backoff_max},
                         {"soft_limit", p.soft_limit}, {"soft_window", p.soft_window},
                         {"soft_min_messages", p.soft_min_messages}, {"policy_limit", p.policy_limit},
                         {"policy_window", p.policy_window}, {"policy_rate", p.policy_rate},
                         {"policy_min_count", p.policy_min_count}, {"throttle_duration", p.throttle_duration},
                         {"throttle_max", p.throttle_max}, {"throttle_memory", p.throttle_memory},
                         {"rate_cap", p.rate_cap}, {"rate_window", p.rate_window},
                         {"raw_retention", p.raw_retention}, {"baseline_window", p.baseline_window},
                         {"baseline_factor", p.baseline_factor}, {"send_window", p.send_window},
                         {"trust_level", jsonb_text(p.trust_level)}};
    return to_jsonb(policy);
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
    const auto started = std::chrono::steady_clock::now();
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
    impl_->note_apply(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                      static_cast<long>(messages.size()));
    if (impl_->latency_flush_due()) flush_apply_latency();  // kept for the next time if it fails
    for (const auto& d : outcome.decisions) {
        impl_->info("{} {} class={} reason={}{}", d.subject, d.kind, d.bounce_class, d.reason,
                    d.until ? " until=" + format_time(*d.until) : std::string());
    }
    return outcome;
}

}  // namespace db
