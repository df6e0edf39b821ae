// The failed recipients that a bounce notice names when no decoder knows its MTA,
// in the layouts that many MTAs share (none of them is one MTA's):
//
//  1. Transcript error lines, Sendmail's "%s... %s" form (its usrerr(), copied by the
//     MTAs and appliances built on it): a reply code, the address, "...", the verdict,
//     after the ">>> command" and "<<< reply" of the exchange that failed:
//        >>> RCPT To:<user@example.org>
//        <<< 550 No such user here
//        550 <user@example.org>... User unknown
//     Under a list (2) the line may stand after a prefix, "SMTP:RCPT host 192.0.2.8:
//     553 5.3.0 <a@b>... No such user"; alone it must start the line, as a quoted
//     "Remote host said: 550 <a@b>... Access denied" may name the sender.
//  2. A heading that announces the failed recipients, then one address a line (bulleted
//     or not), each with its reason beside it or on the lines below it, and the details
//     after the list:
//        ----- The following addresses had permanent fatal errors -----   (Sendmail)
//        did not reach the following recipient(s):                          (Exchange 5.5-2003)
//        Delivery to the following recipients failed permanently:           (Gmail of old, appliances)
//  3. A label that says the address is the recipient, or what went wrong with it:
//        Failed recipient: user@example.org        Recipient address: <user@example.org>
//        Unknown user: user@example.org            Could not be delivered to: <user@example.org>
//     Never a label of the sender's side (From, Sender, Reply-To, MAIL FROM, Message-ID, ...).
//
// Each reads only the text it is given: the bounce's own text, which stops where the
// returned message starts (returned_message.h), so no address of the returned copy can
// be taken. Addresses of the bounce's own parties are the caller's to drop.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "classify/rules/evidence.h"

namespace classify {

// Layout 1: the recipients of transcript error lines, in order, each with the verdict
// and the "<<<" reply before it as its diagnostic, and the ">>>" command it answered.
std::vector<Evidence> transcript_error_lines(std::string_view text, std::size_t max_recipients);

// Layout 1b: an SMTP session the notice quotes (RFC 5321), whatever marks its sides:
// ">>> RCPT To:<a@b>" / "<<< 550 ...", MDaemon's "--> RCPT To:<a@b>" / "<-- 550 ...",
// Postfix's "In: RCPT TO:<a@b>" / "Out: 550 ...". A recipient is an address of RCPT TO
// refused by the reply to it, or, when the message is refused after DATA, each
// recipient the session had accepted. MAIL FROM's address never is.
std::vector<Evidence> session_recipients(std::string_view text, std::size_t max_recipients);

// Layout 2: the addresses listed under the first heading that announces recipients, each
// with its own lines, or else the details after the list (the transcript line or the
// paragraph that names it, or the details as a whole when they name no other).
std::vector<Evidence> recipients_under_heading(std::string_view text, std::size_t max_recipients);

// Layout 3: addresses given as the value of a recipient's or a failure's label, with
// the label's words and the lines below it as the diagnostic. `failure_label` says
// whether the label itself states a failure ("Unknown user") or only the role
// ("Recipient address", which a notice that reports nothing also writes).
struct LabelledRecipient {
    Evidence evidence;
    bool failure_label = false;
};
std::vector<LabelledRecipient> labelled_recipients(std::string_view text, std::size_t max_recipients);

// True when `label` (the text before a colon) names a recipient or a failure and
// nothing of the sender's side: "Failed recipient", "Unknown user", not "Reply-To".
bool is_recipient_label(std::string_view label);

}  // namespace classify
