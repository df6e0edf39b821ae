// Value types that the classifier hands to everything downstream: one Report per
// message, one RecipientResult per recipient named in it. Plain data, copyable,
// no references into the message bytes.
#pragma once

#include <string>
#include <vector>

#include "classify/reason.h"

namespace classify {

// Where a recipient address was found. The trust levels of the store rank these:
// structured sources can be believed, an address guessed from prose cannot.
enum class RecipientSource {
    dsn,              // RFC 3464 Final-Recipient / Original-Recipient
    arf,              // RFC 5965 Original-Rcpt-To
    failed_header,    // X-Failed-Recipients
    mta_format,       // a recognised non-standard MTA bounce layout
    verp,             // decoded from the VERP return path
    body_text,        // an address found in free text: a guess
    returned_to,      // the one To of the returned copy, when the bounce's own
                      // parts state a failure and name no recipient: a guess
};
const char* to_string(RecipientSource source);
bool is_structured(RecipientSource source);

struct RecipientResult {
    // Lower-cased address: the one the list sent to. From a DSN, its
    // Original-Recipient when that is an rfc822 address (RFC 3464 2.3.1: as the
    // sender gave it), else its Final-Recipient, which may be what an alias or
    // forward expanded it to. X.400 (dda:SMTP=) and Exchange IMCEASMTP- forms
    // give the SMTP address inside them.
    std::string recipient;
    std::string original_recipient;  // as the sender wrote it, when the bounce says
    std::string action;              // RFC 3464 Action: failed, delayed, delivered, ...
    std::string status;              // RFC 3463 code "5.1.1"; "" when unknown
    int reply_code = 0;              // SMTP reply code, 0 when unknown
    Reason reason = Reason::undefined;
    BounceClass bounce_class = BounceClass::none;
    std::string diagnostic;          // printable UTF-8, bounded in length
    std::string remote_mta;
    std::string smtp_command;        // RCPT, DATA, MAIL, ... when the bounce says
    std::string last_attempt;        // Last-Attempt-Date or Arrival-Date text
    std::string feedback_type;       // ARF: abuse, fraud, ...
    std::string rule;                // the table row or decoder that decided the reason
    RecipientSource source = RecipientSource::body_text;
};

// What the bounce tells about the message that bounced, so later stages can
// attribute it to a send.
struct OriginalMessage {
    std::string message_id;
    std::string from;
    std::string to;
    std::string subject;
    std::string list_id;
    std::string return_path;
    std::vector<std::pair<std::string, std::string>> x_headers;  // X-*, bounded in count
};

enum class Outcome {
    bounce,         // recipients found and classified
    not_bounce,     // a message, but nothing in it says a delivery failed
    limit_exceeded, // refused by a safety limit (size, depth, parts, ...): quarantine
    unparsable,     // the MIME structure could not be read: quarantine
};
const char* to_string(Outcome outcome);

// Bounds Report::verp_candidates: a forged bounce may carry any number of To fields.
constexpr std::size_t kMaxVerpCandidates = 32;

struct Report {
    Outcome outcome = Outcome::not_bounce;
    std::string error;        // why, for limit_exceeded and unparsable
    std::string message_id;   // of the bounce itself
    std::string from;
    std::string subject;
    std::string date;
    std::string format;       // which decoder read it: "rfc3464", "qmail", ...
    std::string verp_recipient;  // decoded from To/Delivered-To, when present
    // The addresses of the received message's own Delivered-To, X-Original-To,
    // Envelope-To and To fields (in that order of names, then of fields) that are
    // VERP-shaped, at most kMaxVerpCandidates: where a signed VERP tag can be. The
    // trust check (bounced/trust) verifies them; the classifier holds no secrets.
    // Not part of the classify output.
    std::vector<std::string> verp_candidates;
    OriginalMessage original;
    std::vector<RecipientResult> recipients;
};

}  // namespace classify
