// Providers' documented SMTP replies, each as a DSN to a neutral address, with the
// class (and, where the documentation makes it plain, the reason) it implies. The
// reply strings are protocol facts quoted from each provider's own reference; the
// IP addresses, domains and session ids in them are replaced with documentation
// values. The recipient is at example.org, never at the provider, so the rows are
// passed by the table's general wording, not by host-keyed rows. X.2.3 is the
// recipient's own size limit (RFC 3463: exceedlimit), not the system's (mesgtoobig).
//
// Sources, cited per row by their key:
//   [google]  Google Workspace Admin Help, "Gmail SMTP errors and codes",
//             https://support.google.com/a/answer/3726730
//   [m365]    Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange Online",
//             https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online
//   [m365-7xx] Microsoft Learn, "Fix error code 5.7.700 through 5.7.750 in Exchange Online",
//             https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/fix-error-code-5-7-700-through-5-7-750
//   [olc]     Outlook.com Postmaster, troubleshooting (SC-/DY-/OU- codes),
//             https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
//   [yahoo]   Yahoo Sender Hub, "SMTP error codes", https://senders.yahooinc.com/smtp-error-codes/
//   [apple]   Apple Support, "Postmaster information for iCloud Mail", https://support.apple.com/en-us/HT204137
//   [mimecast] Mimecast, "Mimecast SMTP Error Codes",
//             https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
//   [brbl]    Barracuda Reputation Block List, https://www.barracudacentral.org/rbl
//   [proofpoint] Proofpoint Postmaster, https://www.proofpoint.com/us/postmaster (IP check: ipcheck.proofpoint.com)
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "dsn_builder.h"

namespace {

struct DocumentedReply {
    const char* source;  // the key of the document above
    const char* status;  // the DSN's Status field: the reply's own enhanced code
    const char* reply;
    const char* bounce_class;
    const char* reason;  // "" where the document names no single cause
};

const DocumentedReply kReplies[] = {
    // --- Google
    {"google", "4.3.0", "421 4.3.0 Temporary System Problem. Try again later", "soft", "systemerror"},
    {"google", "4.4.5", "421 4.4.5 Server busy, try again later.", "soft", ""},
    {"google", "4.7.0", "421 4.7.0 IP not in whitelist for RCPT domain, closing connection.", "policy", "blocked"},
    {"google", "4.7.0", "421 4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your "
                        "IP address. To protect our users from spam, mail sent from your IP address has been "
                        "temporarily blocked.", "policy", ""},
    {"google", "4.7.0", "421 4.7.0 TLS required for RCPT domain, closing connection.", "policy", "failedstarttls"},
    {"google", "4.2.1", "450 4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend "
                        "your message at a later time.", "policy", "speeding"},
    {"google", "4.2.1", "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
                        "additional messages from being delivered. Please resend your message at a later time.",
     "policy", "speeding"},
    {"google", "4.2.1", "450 4.2.1 Peak SMTP relay limit exceeded for customer.", "policy", "speeding"},
    {"google", "4.4.2", "451 4.4.2 Timeout - closing connection.", "soft", ""},
    {"google", "4.5.0", "451 4.5.0 SMTP protocol violation, see RFC 2821.", "soft", "syntaxerror"},
    {"google", "4.2.2", "452 4.2.2 The email account that you tried to reach is over quota.", "soft", "mailboxfull"},
    {"google", "4.5.3", "452 4.5.3 Your message has too many recipients.", "policy", "toomanyconn"},
    {"google", "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist. Please try "
                        "double-checking the recipient's email address for typos or unnecessary spaces.",
     "hard", "userunknown"},
    {"google", "5.1.2", "553 5.1.2 We weren't able to find the recipient domain. Please check for any spelling "
                        "errors, and make sure you didn't enter any spaces, periods, or other punctuation after the "
                        "recipient's email address.", "hard", "hostunknown"},
    {"google", "5.2.1", "550 5.2.1 The email account that you tried to reach is disabled.", "soft", "suspend"},
    {"google", "5.2.1", "550 5.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
                        "additional messages from being delivered.", "policy", "speeding"},
    {"google", "5.2.2", "552 5.2.2 The email account that you tried to reach is over quota.", "soft", "mailboxfull"},
    {"google", "5.2.3", "552 5.2.3 Your message exceeded Google's message size limits.", "soft", "exceedlimit"},
    {"google", "5.4.5", "550 5.4.5 Daily sending quota exceeded.", "policy", "speeding"},
    {"google", "5.7.0", "550 5.7.0 Mail relay denied.", "policy", "norelaying"},
    {"google", "5.7.1", "550 5.7.1 Email quota exceeded.", "soft", "mailboxfull"},
    {"google", "5.7.1", "550 5.7.1 Daily SMTP relay limit exceeded for customer.", "policy", "speeding"},
    {"google", "5.7.1", "550 5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce "
                        "the amount of spam sent to Gmail, this message has been blocked.", "policy", "spamdetected"},
    {"google", "5.7.1", "550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our "
                        "servers. Please use the SMTP relay at your service provider instead.", "policy", "blocked"},
    {"google", "5.7.1", "550 5.7.1 Unauthenticated email is not accepted from this domain.", "policy", "authfailure"},
    {"google", "5.7.1", "550 5.7.1 Messages with multiple addresses in From: header are not accepted.", "policy",
     "notcompliantrfc"},
    {"google", "5.7.25", "550 5.7.25 The IP address sending this message does not have a PTR record setup, or the "
                         "corresponding forward DNS entry does not point to the sending IP.", "policy", "requireptr"},
    {"google", "5.7.26", "550 5.7.26 This message does not have authentication information or fails to pass "
                         "authentication checks (SPF or DKIM).", "policy", "authfailure"},
    {"google", "5.7.26", "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC "
                         "policy.", "policy", "authfailure"},
    {"google", "4.7.28", "421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from "
                         "your IP address. To protect our users from spam, mail sent from your IP address has been "
                         "temporarily rate limited.", "policy", ""},
    {"google", "5.5.2", "555 5.5.2 Syntax error.", "soft", "syntaxerror"},

    // --- Microsoft 365 / Exchange Online
    {"m365", "5.1.1", "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", "hard", "userunknown"},
    {"m365", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
     "hard", "userunknown"},
    {"m365", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied.", "hard", "userunknown"},
    {"m365", "5.1.8", "550 5.1.8 Access denied, bad outbound sender", "policy", "rejected"},
    {"m365", "5.2.2", "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException", "soft",
     "mailboxfull"},
    {"m365", "5.2.3", "552 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient", "soft",
     "exceedlimit"},
    {"m365", "5.4.14", "554 5.4.14 Hop count exceeded - possible mail loop", "soft", "networkerror"},
    {"m365", "5.4.4", "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", "hard", "hostunknown"},
    {"m365", "5.4.300", "550 5.4.300 Message expired", "soft", "expired"},
    {"m365", "4.4.316", "451 4.4.316 Connection refused [Message=Socket error code 10061]", "soft", "networkerror"},
    {"m365", "4.4.7", "451 4.4.7 Message expired", "soft", "expired"},
    {"m365", "5.7.23", "550 5.7.23 The message was rejected because of Sender Policy Framework violation", "policy",
     "authfailure"},
    {"m365", "5.7.57", "530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM", "policy",
     "securityerror"},
    {"m365", "5.7.501", "550 5.7.501 Access denied, spam abuse detected", "policy", "spamdetected"},
    {"m365", "5.7.509", "550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and "
                        "has a DMARC policy of reject.", "policy", "authfailure"},
    {"m365", "5.7.511", "550 5.7.511 Access denied, banned sender", "policy", ""},
    {"m365", "5.7.512", "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant", "policy",
     "notcompliantrfc"},
    {"m365", "5.7.513", "550 5.7.513 Service unavailable, Client host [192.0.2.1] blocked by example.com using "
                        "Customer Block list (AS16012607)", "policy", "blocked"},
    {"m365", "5.7.606", "550 5.7.606 Access denied, banned sending IP [192.0.2.1].", "policy", "blocked"},
    {"m365-7xx", "5.7.705", "550 5.7.705 Access denied, tenant has exceeded threshold.", "policy", ""},
    {"m365-7xx", "5.7.708", "550 5.7.708 Access denied, traffic not accepted from this IP.", "policy", "blocked"},
    {"m365-7xx", "5.7.750", "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.",
     "policy", "blocked"},
    {"olc", "", "550 SC-001 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider since part of their network is on our block list.", "policy", "blocked"},
    {"olc", "", "550 SC-004 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider.", "policy", "blocked"},
    {"olc", "", "550 DY-001 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your "
                "Internet service provider. We do not accept email from dynamic IPs.", "policy", "blocked"},

    // --- Yahoo / AOL
    {"yahoo", "4.7.0", "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or "
                       "user complaints - 4.16.55.1", "policy", ""},
    {"yahoo", "4.7.0", "421 4.7.0 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will "
                       "NOT succeed.", "policy", "blocked"},
    {"yahoo", "", "421 Max message per connection reached, closing transmission channel", "policy", "toomanyconn"},
    {"yahoo", "", "450 User is receiving mail too quickly", "policy", "speeding"},
    {"yahoo", "", "451 Resources temporarily unavailable. Please try again later [#4.16.1].", "soft", "systemerror"},
    {"yahoo", "5.7.1", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in "
                       "Spamhaus's list", "policy", "blocked"},
    {"yahoo", "5.7.9", "554 5.7.9 Message not accepted for policy reasons.", "policy", "policyviolation"},
    {"yahoo", "", "554 delivery error: dd This user doesn't have a yahoo.com account (someone@example.org) [0]",
     "hard", "userunknown"},
    {"yahoo", "", "552 1 Requested mail action aborted, mailbox not found", "hard", "userunknown"},
    {"yahoo", "5.7.9", "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires "
                       "all senders to authenticate with either SPF or DKIM.", "policy", "authfailure"},

    // --- Apple iCloud
    {"apple", "5.1.1", "550 5.1.1 <someone@example.org>: user does not exist", "hard", "userunknown"},
    {"apple", "5.2.2", "552 5.2.2 <someone@example.org>: user is over quota", "soft", "mailboxfull"},
    {"apple", "4.7.1", "421 4.7.1 Messages to someone@example.org deferred due to excessive volume. Try again later",
     "policy", "speeding"},
    {"apple", "5.7.1", "550 5.7.1 [CS01] Message rejected due to local policy.", "policy", ""},
    {"apple", "5.7.1", "550 5.7.1 Your message was rejected due to example.com DMARC policy.", "policy",
     "authfailure"},

    // --- Mimecast
    {"mimecast", "", "421 Sender address blocked", "policy", ""},
    {"mimecast", "", "421 Unable to process connection at this time", "soft", ""},
    {"mimecast", "", "451 Internal resource temporarily unavailable", "soft", ""},
    {"mimecast", "", "550 Invalid Recipient", "hard", "userunknown"},
    {"mimecast", "", "550 Rejected by header based Anti-Spoofing policy", "policy", ""},
    {"mimecast", "", "550 Envelope blocked - User Entry", "policy", ""},
    {"mimecast", "", "550 Host network not allowed", "policy", ""},

    // --- Barracuda's reputation list, as Barracuda gateways and others quote it
    {"brbl", "5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation, "
                      "http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.1", "policy", "blocked"},

    // --- Proofpoint (its dynamic reputation block, as Apple's and others' MX quote it)
    {"proofpoint", "5.7.0", "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1", "policy", "blocked"},
};

}  // namespace

TEST_CASE("provider replies: each documented reply gets the class its documentation implies",
          "[classify][providers]") {
    for (const auto& row : kReplies) {
        auto report = classify::classify_message(test::make_dsn("someone@example.org", row.reply, row.status));
        INFO("[" << row.source << "] " << row.reply);
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients.front();
        CHECK(std::string(classify::to_string(r.bounce_class)) == row.bounce_class);
        if (row.reason[0] != '\0') CHECK(std::string(classify::to_string(r.reason)) == row.reason);
    }
}
