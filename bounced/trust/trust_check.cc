// prepare_trust (see trust_check.h).
#include "bounced/trust/trust_check.h"

#include <spdlog/spdlog.h>

#include <mutex>
#include <string>
#include <vector>

#include "bounced/trust/own_mta.h"
#include "bounced/trust/raw_archive.h"
#include "bounced/trust/verp_signature.h"
#include "classify/headers.h"

namespace bounced::trust {
namespace {

constexpr std::size_t kMaxHeaderBytes = 256 * 1024;
// A batch travels as one JSON document (base64 inside): 100 messages of 10 MiB would
// pass PostgreSQL's 1 GB limit. Bounces are small; the odd huge one is not kept.
constexpr std::size_t kMaxRawInDatabase = 1024 * 1024;

// The header block with LF line endings, bounded.
classify::Headers header_block(std::string_view raw) {
    std::string block;
    for (char c : raw.substr(0, kMaxHeaderBytes)) {
        if (c == '\r') continue;
        if (c == '\n' && !block.empty() && block.back() == '\n') break;
        block += c;
    }
    return classify::parse_header_block(block);
}

// The first signed-VERP address that verifies, among the candidates the classifier
// found (classify::Report::verp_candidates: the VERP-shaped addresses of Delivered-To,
// X-Original-To, Envelope-To and To, in that order); else the first one with a tag
// (invalid or stale); else none.
VerpVerdict check_signature(const std::vector<std::string>& candidates, const config::TrustSettings& trust,
                            long today) {
    VerpVerdict found;
    for (const auto& address : candidates) {
        VerpVerdict v = verify_verp(address, trust.secrets, today, trust.tag_max_age_days);
        if (v.verdict == "valid") return v;
        if (found.verdict == "none") found = std::move(v);
    }
    return found;
}

// The archive is purged at most once an hour per process.
void purge_now_and_then(const RawArchive& archive, double retention, db::Time now) {
    static std::mutex mutex;
    static db::Time last{};
    std::lock_guard<std::mutex> lock(mutex);
    if (now - last < std::chrono::hours(1)) return;
    last = now;
    archive.purge(retention, now);
}

}  // namespace

void prepare_trust(db::IncomingMessage& message, std::string_view raw, const config::Settings& settings,
                   spdlog::logger* logger) {
    const auto now = settings.store.clock ? settings.store.clock() : db::Clock::now();
    const long today = verp_day(std::chrono::duration<double>(now.time_since_epoch()).count());
    const VerpVerdict verdict = check_signature(message.report.verp_candidates, settings.trust, today);
    message.signature = verdict.verdict;
    message.signed_recipient = verdict.verdict == "valid" ? verdict.recipient : "";
    // Our own MTAs' bounces are never rate-capped; a remote one counts against the
    // outside host that handed it to us and its From address (docs/trust.md). These
    // read the raw header here: Received is not in the classifier's Report.
    const classify::Headers headers = header_block(raw);
    const OwnHosts own = own_hosts(settings.trust.own_mtas);
    message.own = written_by_own_mta(headers, raw, own);
    message.sender_host = message.own ? "" : remote_sender_host(headers, own);
    message.sender_address = message.own ? "" : classify::extract_address(headers.get("From"));
    if (settings.trust.raw == "database" && raw.size() <= kMaxRawInDatabase) {
        message.raw = std::string(raw);
    } else if (settings.trust.raw == "database") {
        if (logger) logger->warn("fp={} raw bounce not kept: larger than {} bytes (trust.raw = archive keeps any size)",
                                 message.fingerprint.substr(0, 16), kMaxRawInDatabase);
    } else if (settings.trust.raw == "archive" && !settings.trust.archive_dir.empty()) {
        const RawArchive archive(settings.trust.archive_dir);
        const std::string error = archive.keep(raw, message.fingerprint, now);
        if (!error.empty() && logger) logger->warn("fp={} raw bounce not archived: {}", message.fingerprint.substr(0, 16), error);
        purge_now_and_then(archive, settings.store.policy.raw_retention, now);
    }
}

}  // namespace bounced::trust
