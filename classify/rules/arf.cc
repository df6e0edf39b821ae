#include "classify/rules/arf.h"

#include "classify/parse/address.h"
#include "classify/parse/original_message.h"
#include "classify/text.h"
#include "classify/rules/verp.h"

namespace classify {
namespace {

const Part* feedback_part(const Message& message) {
    for (const auto& part : message.parts)
        if (part.type == "message/feedback-report" && !part.in_original) return &part;
    return nullptr;
}

Evidence complaint(std::string address, const Headers& report) {
    Evidence e;
    e.recipient = std::move(address);
    e.feedback_type = lower(trim(report.get("Feedback-Type")));
    e.last_attempt = std::string(report.get("Arrival-Date"));
    e.remote_mta = std::string(report.get("Reporting-MTA"));
    e.diagnostic = std::string(report.get("User-Agent"));
    e.reason = Reason::feedback;
    e.rule = "arf:" + (e.feedback_type.empty() ? std::string("abuse") : e.feedback_type);
    e.source = RecipientSource::arf;
    return e;
}

}  // namespace

std::vector<Evidence> decode_feedback_report(const BounceView& view) {
    std::vector<Evidence> found;
    const Part* part = feedback_part(view.message);
    if (!part) return found;
    Headers report = parse_header_block(part->text);
    for (const auto& field : report.fields()) {
        if (!iequals(field.name, "Original-Rcpt-To") && !iequals(field.name, "Removal-Recipient")) continue;
        std::string address = find_first_address(field.value);
        if (!address.empty() && found.size() < view.limits.max_recipients) found.push_back(complaint(address, report));
    }
    if (found.empty()) {
        Headers original = original_headers(view.message, view.returned);
        std::string address = find_first_address(original.get("To"));
        // "To: Undisclosed Recipients": the newsletter's own return path may still
        // name the subscriber (VERP).
        bool from_verp = false;
        if (address.empty()) {
            address = decode_verp(find_first_address(original.get("Return-Path"))).recipient;
            from_verp = !address.empty();
        }
        found.push_back(complaint(address, report));
        // The report names no one: the address is the reported copy's, so a guess
        // (README, `returned-to`) unless the list's own VERP return path gave it.
        found.back().source = from_verp ? RecipientSource::verp : RecipientSource::returned_to;
    }
    return found;
}

}  // namespace classify
