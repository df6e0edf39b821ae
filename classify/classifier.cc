// The formats of formats/registry.cc are tried in order; the first that finds
// recipients decides what the message is.
#include "classify/classifier.h"

#include "classify/address.h"
#include "classify/challenge_response.h"
#include "classify/delay_warning.h"
#include "classify/diagnosis.h"
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/html_text.h"
#include "classify/message.h"
#include "classify/original_message.h"
#include "classify/recipient_paragraphs.h"
#include "classify/text.h"
#include "classify/verp.h"

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
// or the HTML ones turned to text when there is no plain text.
std::string bounce_text(const Message& message, std::size_t max_bytes) {
    std::string text;
    bool has_plain = false;
    for (const auto& part : message.parts) has_plain = has_plain || (is_readable_text(part) && part.type != "text/html");
    for (const auto& part : message.parts) {
        if (!is_readable_text(part) || (has_plain && part.type == "text/html")) continue;
        text += part.type == "text/html" ? html_to_text(part.text) : part.text;
        text += '\n';
        if (text.size() >= max_bytes) break;
    }
    if (text.size() > max_bytes) text.resize(max_bytes);
    return text;
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

Decoded decode(const BounceView& view) {
    for (const auto& format : formats::all())
        if (auto found = format.decode(view); !found.empty()) return {std::string(format.name), std::move(found)};
    return {};
}

Report report_for_refused(const ParsedMessage& parsed) {
    Report report;
    report.outcome = parsed.outcome;
    report.error = parsed.error;
    return report;
}

}  // namespace

Report classify_message(std::string_view bytes, const Limits& limits) {
    ParsedMessage parsed = parse_message(bytes, limits);
    if (parsed.outcome != Outcome::not_bounce) return report_for_refused(parsed);
    const Message& message = parsed.message;

    std::string text = bounce_text(message, limits.max_scan_bytes);
    const Part* dsn_part = delivery_status_part(message);
    DeliveryStatus dsn;
    // Some MTAs (SurfControl) put blank lines before the first field group.
    if (dsn_part) dsn = parse_delivery_status(trim(dsn_part->text), limits.max_recipients);
    std::string subject(message.headers.get("Subject"));
    std::string from(message.headers.get("From"));
    // The prose memo starts empty; named so -Wmissing-field-initializers has nothing to say.
    BounceView view{message, limits, text, subject, from, dsn_part ? &dsn : nullptr, /*prose_found=*/false,
                    /*prose_text=*/{}};

    Report report;
    report.message_id = std::string(trim(message.headers.get("Message-ID")));
    report.from = from;
    report.subject = subject;
    report.date = std::string(message.headers.get("Date"));
    report.verp_recipient = find_verp(message.headers).recipient;
    report.original = find_original_message(message, text);

    Decoded decoded = decode(view);
    report.format = decoded.format;
    // A layout read without an Action still says, in its prose, whether the MTA is
    // still trying: then its recipients are delay warnings, not failures.
    mark_delay_warning(view.subject, view.prose(), decoded.evidence);
    // A filter holding the message until the sender proves to be a person: an
    // automatic reply, whatever layout or code it came in.
    mark_challenge_response(view.subject, view.prose(), decoded.evidence);
    for (const auto& evidence : decoded.evidence) {
        if (report.recipients.size() >= limits.max_recipients) break;
        report.recipients.push_back(diagnose(evidence, limits));
    }
    report.outcome = report.recipients.empty() ? Outcome::not_bounce : Outcome::bounce;
    return report;
}

}  // namespace classify
