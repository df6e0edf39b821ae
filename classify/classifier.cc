// The formats of formats/registry.cc are tried in order; the first that finds
// recipients decides what the message is.
#include "classify/classifier.h"

#include <algorithm>
#include <optional>

#include "classify/parse/address.h"
#include "classify/rules/challenge_response.h"
#include "classify/rules/delay_warning.h"
#include "classify/rules/diagnosis.h"
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/rules/hold_out.h"
#include "classify/parse/html_text.h"
#include "classify/parse/message.h"
#include "classify/parse/original_message.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/parse/returned_message.h"
#include "classify/text.h"
#include "classify/parse/transcript_command.h"
#include "classify/rules/verp.h"

namespace classify {

std::string_view BounceView::prose() const {
    if (!prose_found) {
        prose_text = text_before(text, formats::original_message_marker_set());
        prose_found = true;
    }
    return prose_text;
}

namespace {

bool is_readable_text(const Part& part) {
    return !part.in_original && (part.type == "text/plain" || part.type == "text/html" || part.type.empty());
}

// The human-readable bounce text: plain text parts outside the original message,
// or the HTML ones turned to text when there is no plain text; `own_end` is where
// the returned copy starts in it (returned_message.h). A part that is itself the
// returned copy (the original attached as text/plain) starts it; parts after the
// boundary belong to the copy too.
struct BounceText {
    std::string text;
    std::size_t own_end = 0;
};

BounceText bounce_text(const Message& message, std::size_t max_bytes) {
    BounceText bounce;
    std::string& text = bounce.text;
    std::size_t own_end = std::string::npos;
    bool has_plain = false;
    for (const auto& part : message.parts) has_plain = has_plain || (is_readable_text(part) && part.type != "text/html");
    for (const auto& part : message.parts) {
        if (!is_readable_text(part) || (has_plain && part.type == "text/html")) continue;
        const std::size_t part_start = text.size();
        if (own_end == std::string::npos && part_start > 0 && is_returned_message_text(part.text)) own_end = part_start;
        text += part.type == "text/html" ? html_to_text(part.text) : part.text;
        text += '\n';
        if (own_end == std::string::npos) {
            const std::size_t at = returned_message_start(std::string_view(text).substr(part_start));
            if (at != std::string::npos) own_end = part_start + at;
        }
        if (text.size() >= max_bytes) break;
    }
    if (text.size() > max_bytes) text.resize(max_bytes);
    bounce.own_end = std::min(own_end, text.size());
    return bounce;
}

const Part* delivery_status_part(const Message& message) {
    for (const auto& part : message.parts)
        if (!part.in_original && (part.type == "message/delivery-status" || part.type == "message/global-delivery-status"))
            return &part;
    return nullptr;
}

struct Decoded {
    std::string format;
    std::vector<Evidence> evidence;
};

Decoded decode(const BounceView& view, std::string_view hold_out) {
    for (const auto& format : formats::all()) {
        if (is_held_out(format_families(format.name), hold_out)) continue;
        if (auto found = format.decode(view); !found.empty()) return {std::string(format.name), std::move(found)};
    }
    return {};
}

Report report_for_refused(const ParsedMessage& parsed) {
    Report report;
    report.outcome = parsed.outcome;
    report.error = parsed.error;
    return report;
}

}  // namespace

namespace {

bool is_report_part(const Part& part) {
    return part.type == "message/delivery-status" || part.type == "message/global-delivery-status";
}

// A bounce forwarded whole, by a person or a list, as an attached message: the
// first attached message with a delivery-status part of its own, as a Message of
// its own (its header, its parts; what it returns in turn stays in_original).
// Nothing when no attached message is a report.
std::optional<Message> forwarded_report(const Message& message) {
    const auto& parts = message.parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].type != "message/rfc822-headers" || parts[i].enclosure == 0) continue;
        const int enclosure = parts[i].enclosure;
        std::size_t end = i + 1;
        bool has_report = false;
        for (; end < parts.size() && parts[end].depth > parts[i].depth; ++end)
            has_report = has_report || (parts[end].enclosure == enclosure && is_report_part(parts[end]));
        if (!has_report) continue;
        Message inner;
        inner.headers = parse_header_fields(parts[i].text, 1000);
        inner.size = message.size;
        for (std::size_t j = i + 1; j < end; ++j) {
            inner.parts.push_back(parts[j]);
            inner.parts.back().in_original = parts[j].enclosure != enclosure;
        }
        return inner;
    }
    return std::nullopt;
}

// Whether a decoder read the recipients from the bounce's structure, rather than
// guessing them from prose or the return path.
bool found_structured(const std::vector<RecipientResult>& recipients) {
    for (const auto& r : recipients)
        if (is_structured(r.source) && r.source != RecipientSource::verp) return true;
    return false;
}

Report classify_parsed(const Message& message, const Limits& limits, std::string_view hold_out_family, bool may_unwrap) {
    const BounceText bounce = bounce_text(message, limits.max_scan_bytes);
    const std::string_view own = std::string_view(bounce.text).substr(0, bounce.own_end);
    const std::string_view returned = std::string_view(bounce.text).substr(bounce.own_end);
    const Part* dsn_part = delivery_status_part(message);
    DeliveryStatus dsn;
    // Some MTAs (SurfControl) put blank lines before the first field group.
    if (dsn_part) dsn = parse_delivery_status(trim(dsn_part->text), limits.max_recipients);
    std::string subject(message.headers.get("Subject"));
    std::string from(message.headers.get("From"));
    // The prose memo starts empty; named so -Wmissing-field-initializers has nothing to say.
    BounceView view{message, limits, own, returned, subject, from, dsn_part ? &dsn : nullptr, /*prose_found=*/false,
                    /*prose_text=*/{}};

    Report report;
    report.message_id = std::string(trim(message.headers.get("Message-ID")));
    report.from = from;
    report.subject = subject;
    report.date = std::string(message.headers.get("Date"));
    report.verp_recipient = find_verp(message.headers).recipient;
    report.verp_candidates = verp_candidates(message.headers, kMaxVerpCandidates);
    report.original = find_original_message(message, returned);

    Decoded decoded = decode(view, hold_out_family);
    report.format = decoded.format;
    // A layout read without an Action still says, in its prose, whether the MTA is
    // still trying: then its recipients are delay warnings, not failures.
    mark_delay_warning(view.subject, view.prose(), decoded.evidence);
    // A filter holding the message until the sender proves to be a person: an
    // automatic reply, whatever layout or code it came in.
    mark_challenge_response(view.subject, view.prose(), decoded.evidence);
    for (auto& evidence : decoded.evidence) {
        if (report.recipients.size() >= limits.max_recipients) break;
        // The command the refusal answered, when the layout did not say it but the
        // quoted session transcript does.
        if (evidence.smtp_command.empty()) evidence.smtp_command = command_in_transcript(view.text, evidence.recipient);
        if (evidence.smtp_command.empty()) evidence.smtp_command = command_in_words(evidence.diagnostic);
        report.recipients.push_back(diagnose(evidence, limits, hold_out_family));
    }
    report.outcome = report.recipients.empty() ? Outcome::not_bounce : Outcome::bounce;
    // A forwarded bounce: this message's own parts say nothing structured, an
    // attached report does. Read once (a forward of a forward is not unwrapped
    // again); the received message keeps its own identity.
    if (may_unwrap && !dsn_part && !found_structured(report.recipients)) {
        if (auto inner = forwarded_report(message)) {
            Report forwarded = classify_parsed(*inner, limits, hold_out_family, false);
            if (forwarded.outcome == Outcome::bounce) {
                forwarded.message_id = report.message_id;
                forwarded.from = report.from;
                forwarded.subject = report.subject;
                forwarded.date = report.date;
                if (forwarded.verp_recipient.empty()) forwarded.verp_recipient = report.verp_recipient;
                forwarded.verp_candidates = std::move(report.verp_candidates);
                return forwarded;
            }
        }
    }
    return report;
}

}  // namespace

Report classify_message(std::string_view bytes, const Limits& limits) { return classify_message(bytes, limits, {}); }

Report classify_message(std::string_view bytes, const Limits& limits, std::string_view hold_out_family) {
    ParsedMessage parsed = parse_message(bytes, limits);
    if (parsed.outcome != Outcome::not_bounce) return report_for_refused(parsed);
    return classify_parsed(parsed.message, limits, hold_out_family, true);
}

}  // namespace classify
