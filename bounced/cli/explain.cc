// print_explanation (see explain.h).
#include "bounced/cli/explain.h"

#include "bounced/common/printable.h"

namespace bounced::cli {

using common::terminal_text;

namespace {

std::string when(const std::optional<db::Time>& t) { return t ? db::format_time(*t) : "-"; }

std::string basis_text(const db::BounceEvent& e) {
    if (e.trust == "signed") return "a valid signed-VERP tag for this address";
    if (e.trust == "sent") return "its Message-ID was recorded as sent to this address";
    if (e.trust == "structured") return "the address came from a structured part (" + e.recipient_source + ")";
    if (e.trust == "guessed") return "the address was guessed from free text";
    return "recorded before trust levels";
}

std::string decision(const db::BounceEvent& e) {
    const std::string level = e.trust_level.empty() ? "" : "level " + e.trust_level + ", ";
    if (e.trusted) return "counted (" + level + basis_text(e) + ")";
    return "HELD, changed nothing (" + level + e.held + "): " + held_text(e.held);
}

}  // namespace

std::string held_text(const std::string& held) {
    if (held == "unsigned") return "no valid VERP tag for this address and no recorded send of its Message-ID";
    if (held == "tag-invalid") return "its VERP tag does not verify under any configured secret (forged, tampered, or a retired key)";
    if (held == "tag-stale") return "its VERP tag is older than trust.tag_max_age_days";
    if (held == "tag-other-address") return "its VERP tag is valid, but for another address";
    if (held == "not-sent") return "its original Message-ID was never recorded as sent to this address";
    if (held == "guessed") return "the address was only guessed from free text";
    if (held == "rate-cap-host") return "its sending host passed trust.rate_cap bounces that may suppress within trust.rate_window";
    if (held == "rate-cap-sender") return "its sender address passed trust.rate_cap bounces that may suppress within trust.rate_window";
    return held;
}

bool decided_status(const db::SubscriberDetail& d, const db::BounceEvent& e) {
    if (d.status != "suppressed" || d.suppression.source != "bounce" || !e.trusted) return false;
    if (!d.suppression.since || e.at > *d.suppression.since) return false;
    return e.bounce_class == d.suppression.bounce_class;
}

void print_explanation(std::ostream& out, const db::SubscriberDetail& d) {
    out << d.address << ": " << (d.now.allowed ? "may be sent to" : "may not be sent to (" + d.now.why + ")") << "\n";
    if (d.status == "suppressed") {
        out << "  suppressed " << when(d.suppression.since) << " class=" << d.suppression.bounce_class
            << " reason=" << terminal_text(d.suppression.reason) << " source=" << d.suppression.source << "\n";
    }
    if (d.now.until) out << "  not before " << when(d.now.until) << "\n";
    // The subscriber's counts leave out policy bounces (they count against the domain):
    // say how many of those the evidence below holds, so "bounces: 0" never sits above one.
    std::size_t policy = 0;
    for (const auto& e : d.history) policy += e.bounce_class == "policy" ? 1 : 0;
    out << "  bounces: " << d.bounce_count << " (hard " << d.hard_count << ", complaints " << d.complaint_count
        << ", soft in window " << d.soft_count << ")";
    if (policy) out << "; policy bounces, counted against the domain: " << policy;
    out << "\n";
    std::size_t held = 0;
    for (const auto& e : d.history) held += e.trusted ? 0 : 1;
    if (held) out << "  held (not believed, changed nothing): " << held << "\n";
    if (!d.history.empty()) out << "  evidence, newest first:\n";
    for (const auto& e : d.history) {
        out << "  " << db::format_time(e.at) << "  " << e.bounce_class << "/" << e.reason
            << (decided_status(d, e) ? "  <- decided the current status" : "") << "\n";
        out << "      message fp=" << e.fingerprint << " source=" << terminal_text(e.source)
            << (e.raw_kept ? " (raw kept: --raw)" : "") << "\n";
        if (!e.sender_host.empty() || !e.sender_address.empty())
            out << "      sent by host=" << terminal_text(e.sender_host.empty() ? "-" : e.sender_host)
                << " from=" << terminal_text(e.sender_address.empty() ? "-" : e.sender_address) << "\n";
        out << "      dsn: action=" << terminal_text(e.action.empty() ? "-" : e.action)
            << " status=" << (e.status_code.empty() ? "-" : e.status_code)
            << " reply=" << (e.reply_code ? std::to_string(e.reply_code) : "-")
            << " remote-mta=" << terminal_text(e.remote_mta.empty() ? "-" : e.remote_mta)
            << " address-from=" << (e.recipient_source.empty() ? "-" : e.recipient_source) << "\n";
        out << "      diagnostic: " << terminal_text(e.diagnostic) << "\n";
        out << "      rule=" << (e.rule.empty() ? "-" : e.rule)
            << " message-id=" << terminal_text(e.original_message_id.empty() ? "-" : e.original_message_id)
            << (e.verified ? (*e.verified ? " (recorded as sent)" : " (never sent to this address)") : "")
            << " verp-tag=" << (e.signature.empty() ? "-" : e.signature) << "\n";
        out << "      trust: " << decision(e) << "\n";
    }
    for (const auto& a : d.audit) {
        out << "  " << db::format_time(a.at) << "  " << a.action << " by " << a.actor << ": "
            << terminal_text(a.detail) << (a.note.empty() ? "" : " -- " + terminal_text(a.note)) << "\n";
    }
}

}  // namespace bounced::cli
