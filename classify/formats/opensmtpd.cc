// OpenSMTPD's bounce: a notification text that lists each failed recipient with
// OpenSMTPD's own reason, then (in newer versions) an RFC 3464 part whose Status
// only summarises it ("Envelope expired" becomes "Action: delayed, Status: 4.4.7").
// The sentences are what OpenSMTPD decided, so they are read and the report is not.
//
//       This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
//
//       An error has occurred while attempting to deliver a message for
//       the following list of recipients:
//
//   user@example.org: Envelope expired
//
//       Below is a copy of the original message:
//
// Its own reasons include "Envelope expired", "Domain does not exist", "Invalid
// domain name", "No MX found for domain", "Destination seem to reject all mails",
// or the receiver's reply ("550 5.2.2 <user@example.org>... Mailbox Full").
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// OpenSMTPD's own sentences, which no receiver wrote: the reason is OpenSMTPD's.
struct OwnReason {
    std::string_view sentence;
    Reason reason;
};
constexpr OwnReason kOwnReasons[] = {
    {"Envelope expired", Reason::expired},
    {"Domain does not exist", Reason::hostunknown},
    {"Invalid domain name", Reason::hostunknown},
    {"Destination seem to reject all mails", Reason::notaccept},
    {"No MX found for domain", Reason::notaccept},
    {"No MX found for destination", Reason::notaccept},
};

}  // namespace

std::vector<Evidence> decode_opensmtpd(const BounceView& view) {
    static const ParagraphLayout layout{
        {"This is the MAILER-DAEMON, please DO NOT REPLY to this"},
        // The delay warning's closing paragraph (bounce.c notice_warning2) ends the
        // list too: its "temporary failure" is OpenSMTPD's boilerplate, not a reason.
        {"Below is a copy of the original message", "Please note that this is only a temporary failure report"},
        RecipientSource::mta_format,
        true,
    };
    if (!icontains(view.text, "This is the MAILER-DAEMON, please DO NOT REPLY to this")) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    for (auto& e : found)
        for (const auto& own : kOwnReasons)
            if (istarts_with(trim(e.diagnostic), own.sentence)) {
                e.reason = own.reason;
                e.rule = "opensmtpd:" + std::string(own.sentence);
                break;
            }
    return found;
}

}  // namespace classify::formats
