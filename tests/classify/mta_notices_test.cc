// The failure notices and delay warnings of the five MTAs Debian ships (Postfix,
// Exim, OpenSMTPD, Sendmail, Courier), each built here in its own MIME structure
// and wording, for the same eight cases: an unknown user at RCPT, an unknown
// domain, a full mailbox (4xx given up on, and 5xx), a policy refusal at RCPT, a
// refusal after DATA, a delay warning with a cause and one without. Every
// returned copy carries the traps of issue 12 item 1 (a version number in
// X-Mailer, an X-Virus-Scanned header, a second address in Cc).
//
// Where each structure comes from (protocol facts; the fixtures are ours):
// - Postfix: bounce(5) and `postconf -t` (the failure and delay templates, their
//   Subjects and the "THIS IS A WARNING ONLY" banner); bounce_notify_util.c's
//   multipart/report with "Notification", "Delivery report" and the returned
//   message (message/rfc822 for a failure, text/rfc822-headers for a delay).
// - Exim: deliver.c and the default warn_message_file text ("Mail delivery
//   failed: returning message to sender", "Warning: message ... delayed ...
//   hours", "The following address(es) failed:", "Delay reason:"); Exim 4.9x
//   sends multipart/report with "Action:" before "Final-Recipient:".
// - OpenSMTPD: smtpd/bounce.c ("Delivery status notification: failed|delayed",
//   multipart/mixed with a Notification, a message/delivery-status part that
//   has no Diagnostic-Code, and text/rfc822-headers; "user@domain: reply" lines).
// - Sendmail: savemail.c ("Returned mail: see transcript for details",
//   "Warning: could not send message for past 4 hours", the warning banner,
//   "----- The following addresses had permanent fatal errors -----", the
//   transcript with ">>>" and "<<<" lines, "Will keep trying until ...").
// - Courier: module.dsn's templates (dsnheader, dsnfailed "UNDELIVERABLE MAIL",
//   dsndelayed "DELAYS IN DELIVERING YOUR MESSAGE", dsnfooter), the Subjects
//   "NOTICE: mail delivery status." and "WARNING: delayed mail.".
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/rules/delay_warning.h"

namespace {

using classify::to_string;

// What one recipient's notice says, whatever MTA writes it.
struct Notice {
    std::string rcpt;
    bool delayed = false;
    std::string status;      // the DSN's Status field
    std::string reply;       // the receiver's reply, "" when there was none
    std::string command;     // the SMTP command it answered: "RCPT", "DATA", "" (no session)
    std::string own_words;   // the sending MTA's words when there is no reply
    std::string remote = "mx.example.org";
};

// The returned copy, with the traps of issue 12 item 1.
std::string returned_headers(const std::string& rcpt) {
    return "Return-Path: <bounces@list.example>\n"
           "From: Weekly News <news@list.example>\n"
           "To: <" + rcpt + ">\n"
           "Cc: other.reader@example.net\n"
           "Subject: Weekly news, release 2.3.0\n"
           "Date: Wed, 02 Dec 2026 09:00:00 +0000\n"
           "Message-ID: <issue-42@list.example>\n"
           "List-Id: Weekly <weekly.list.example>\n"
           "X-Mailer: NewsMailer 2.3.0\n"
           "X-Mailman-Version: 2.1.12rc2\n"
           "X-Virus-Scanned: clamav-milter 0.103.8 at list.example\n"
           "MIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=us-ascii\n";
}

std::string returned_message(const std::string& rcpt) {
    return returned_headers(rcpt) +
           "\nThis week: our server now runs 5.1.1 and the virus scanner 2.0.0.\n"
           "550 5.1.1 quoted by a reader: user unknown. Write to help@list.example.\n";
}

// Each builder takes the recipients of one notice (all failed, or all delayed:
// none of these MTAs mixes the two in one message) and returns the whole bounce.
using Notices = std::vector<Notice>;

// Postfix: bounce(5) templates, multipart/report.
std::string postfix_of(const Notices& ns) {
    const Notice& n0 = ns.front();
    const std::string b = "4F2A81C0E2.1764752523/mx.list.example";
    std::string m = "From: MAILER-DAEMON@mx.list.example (Mail Delivery System)\n"
                    "Subject: " + std::string(n0.delayed ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender") + "\n"
                    "To: bounces@list.example\n"
                    "Auto-Submitted: auto-replied\n"
                    "MIME-Version: 1.0\n"
                    "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + b + "\"\n"
                    "Message-Id: <20261203091203.4F2A81C0E2@mx.list.example>\n\n"
                    "This is a MIME-encapsulated message.\n\n"
                    "--" + b + "\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
                    "This is the mail system at host mx.list.example.\n\n";
    if (n0.delayed)
        m += "####################################################################\n"
             "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
             "####################################################################\n\n"
             "Your message could not be delivered for more than 4 hour(s).\n"
             "It will be retried until it is 5 day(s) old.\n\n";
    else
        m += "I'm sorry to have to inform you that your message could not\n"
             "be delivered to one or more recipients. It's attached below.\n\n";
    m += "For further assistance, please send mail to postmaster.\n\n"
         "If you do so, please include this problem report. You can\n"
         "delete your own text from the attached returned message.\n\n"
         "                   The mail system\n\n";
    for (const auto& n : ns) {
        if (!n.reply.empty())
            m += "<" + n.rcpt + ">: host " + n.remote + "[192.0.2.25] said: " + n.reply + " (in reply to " +
                 (n.command == "DATA" ? "end of DATA" : n.command + " TO") + " command)\n\n";
        else
            m += "<" + n.rcpt + ">: " + n.own_words + "\n\n";
    }
    m += "--" + b + "\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; mx.list.example\nX-Postfix-Queue-ID: 4F2A81C0E2\n"
         "X-Postfix-Sender: rfc822; bounces@list.example\n"
         "Arrival-Date: Thu,  3 Dec 2026 05:12:03 +0000 (UTC)\n";
    for (const auto& n : ns) {
        m += "\nFinal-Recipient: rfc822; " + n.rcpt + "\nOriginal-Recipient: rfc822;" + n.rcpt + "\n"
             "Action: " + (n.delayed ? "delayed" : "failed") + "\nStatus: " + n.status + "\n";
        if (!n.reply.empty()) m += "Remote-MTA: dns; " + n.remote + "\nDiagnostic-Code: smtp; " + n.reply + "\n";
        else m += "Diagnostic-Code: X-Postfix; " + n.own_words + "\n";
        if (n.delayed) m += "Will-Retry-Until: Tue,  8 Dec 2026 05:12:03 +0000 (UTC)\n";
    }
    m += "\n--" + b + "\n";
    if (n0.delayed)
        m += "Content-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n" + returned_headers(n0.rcpt);
    else
        m += "Content-Description: Undelivered Message\nContent-Type: message/rfc822\n\n" + returned_message(n0.rcpt);
    return m + "\n--" + b + "--\n";
}

// Exim 4.9x: deliver.c's bounce and the default warning, multipart/report.
std::string exim_of(const Notices& ns) {
    const Notice& n0 = ns.front();
    const std::string b = "1764752523-eximdsn-1804289383";
    std::string m = "From: Mail Delivery System <Mailer-Daemon@mx.list.example>\n"
                    "To: bounces@list.example\n"
                    "Auto-Submitted: auto-replied\n";
    if (!n0.delayed) {
        m += "X-Failed-Recipients: ";
        for (std::size_t i = 0; i < ns.size(); ++i) m += (i ? ", " : "") + ns[i].rcpt;
        m += "\n";
    }
    m += "Subject: " + std::string(n0.delayed ? "Warning: message 1kXyZa-000Abc-7Q delayed 24 hours"
                                              : "Mail delivery failed: returning message to sender") + "\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=" + b + "\n"
         "MIME-Version: 1.0\nMessage-Id: <E1kXyZb-000Abd-8R@mx.list.example>\n"
         "Date: Thu, 03 Dec 2026 09:02:03 +0000\n\n"
         "--" + b + "\nContent-type: text/plain; charset=us-ascii\n\n"
         "This message was created automatically by mail delivery software.\n";
    std::string list;
    for (const auto& n : ns) {
        list += "  " + n.rcpt + "\n";
        if (!n.reply.empty())
            list += "    host " + n.remote + " [192.0.2.25]\n    " + std::string(n.delayed ? "Delay reason: " : "") +
                    "SMTP error from remote mail server after " +
                    (n.command == "DATA" ? "end of data" : "RCPT TO:<" + n.rcpt + ">") + ":\n    " + n.reply + "\n";
        else if (!n.own_words.empty())
            list += "    " + n.own_words + "\n";
    }
    if (n0.delayed)
        m += "A message that you sent has not yet been delivered to one or more of its\n"
             "recipients after more than 24 hours on the queue on mx.list.example.\n\n"
             "The message identifier is:     1kXyZa-000Abc-7Q\n"
             "The subject of the message is: Weekly news, release 2.3.0\n"
             "The date of the message is:    Wed, 02 Dec 2026 09:00:00 +0000\n\n" +
             std::string(ns.size() > 1 ? "The addresses to which the message has not yet been delivered are:\n\n"
                                       : "The address to which the message has not yet been delivered is:\n\n") +
             list + "\n"
             "No action is required on your part. Delivery attempts will continue for\n"
             "some time, and this warning may be repeated at intervals if the message\n"
             "remains undelivered. Eventually the mail delivery software will give up,\n"
             "and when that happens, the message will be returned to you.\n\n";
    else
        m += "\nA message that you sent could not be delivered to one or more of its\n"
             "recipients. This is a permanent error. The following address(es) failed:\n\n" + list + "\n";
    m += "--" + b + "\nContent-type: message/delivery-status\n\nReporting-MTA: dns; mx.list.example\n";
    for (const auto& n : ns) {
        m += "\nAction: " + std::string(n.delayed ? "delayed" : "failed") + "\nFinal-Recipient: rfc822;" + n.rcpt + "\n"
             "Status: " + n.status + "\n";
        if (!n.reply.empty()) m += "Remote-MTA: dns; " + n.remote + "\nDiagnostic-Code: smtp; " + n.reply + "\n";
        if (n.delayed) m += "Will-Retry-Until: Mon, 07 Dec 2026 09:00:00 +0000\n";
    }
    m += "\n--" + b + "\n";
    if (n0.delayed) m += "Content-type: text/rfc822-headers\n\n" + returned_headers(n0.rcpt);
    else m += "Content-type: message/rfc822\n\n" + returned_message(n0.rcpt);
    return m + "\n--" + b + "--\n";
}

// OpenSMTPD: smtpd/bounce.c, multipart/mixed with a delivery-status part that
// has no Diagnostic-Code; the reasons are in the notification's lines.
std::string opensmtpd_of(const Notices& ns) {
    const Notice& n0 = ns.front();
    const std::string b = "16029416154437839453/mx.list.example";
    std::string m = "Subject: Delivery status notification: " + std::string(n0.delayed ? "delayed" : "failed") + "\n"
                    "From: Mailer Daemon <MAILER-DAEMON@mx.list.example>\nTo: bounces@list.example\n"
                    "Date: Thu, 3 Dec 2026 09:02:03 +0000 (UTC)\nMIME-Version: 1.0\n"
                    "Content-Type: multipart/mixed;boundary=\"" + b + "\"\n\n"
                    "This is a MIME-encapsulated message.\n\n"
                    "--" + b + "\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
                    "    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n";
    if (n0.delayed)
        m += "    A message is delayed for more than 4 hours for the following\n    list of recipients:\n\n";
    else
        m += "    An error has occurred while attempting to deliver a message for\n    the following list of recipients:\n\n";
    for (const auto& n : ns) m += n.rcpt + ": " + (n.reply.empty() ? n.own_words : n.reply) + "\n";
    m += "\n";
    if (n0.delayed)
        m += "    Please note that this is only a temporary failure report.\n"
             "    The message is kept in the queue for up to 4 days.\n"
             "    You DO NOT NEED to re-send the message to these recipients.\n\n";
    m += "    Below is a copy of the original message:\n\n"
         "--" + b + "\nContent-Description: Delivery Report\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; mx.list.example\n\n";
    for (const auto& n : ns)
        m += "Final-Recipient: rfc822; " + n.rcpt + "\nAction: " + (n.delayed ? "delayed" : "failed") + "\n"
             "Status: " + n.status + "\n\n";
    return m + "--" + b + "\nContent-Description: Message headers\nContent-Type: text/rfc822-headers\n\n" +
           returned_headers(n0.rcpt) + "\n--" + b + "--\n";
}

// Sendmail 8: savemail.c's transcript and report, multipart/report.
std::string sendmail_of(const Notices& ns) {
    const Notice& n0 = ns.front();
    const std::string b = "2B39Cb1Q012345.1764752523/mx.list.example";
    std::string m = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.list.example>\n"
                    "To: <bounces@list.example>\n"
                    "Subject: " + std::string(n0.delayed ? "Warning: could not send message for past 4 hours"
                                                         : "Returned mail: see transcript for details") + "\n"
                    "Auto-Submitted: auto-generated (" + (n0.delayed ? "warning-timeout" : "failure") + ")\n"
                    "MIME-Version: 1.0\n"
                    "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + b + "\"\n"
                    "Message-Id: <202612030902.2B39Cb1Q012345@mx.list.example>\n\n"
                    "This is a MIME-encapsulated message\n\n--" + b + "\n\n";
    if (n0.delayed)
        m += "    **********************************************\n"
             "    **      THIS IS A WARNING MESSAGE ONLY      **\n"
             "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n"
             "    **********************************************\n\n";
    m += "The original message was received at Thu, 3 Dec 2026 05:00:00 GMT\nfrom localhost [127.0.0.1]\n\n";
    auto said = [](const Notice& n) { return n.reply.empty() ? n.own_words : n.reply; };
    auto session = [](const Notice& n) {
        if (n.reply.empty()) return std::string();
        std::string s = "... while talking to " + n.remote + ".:\n";
        if (n.command == "DATA") s += ">>> DATA\n";
        else s += ">>> MAIL From:<bounces@list.example> SIZE=2048\n<<< 250 2.1.0 <bounces@list.example>... Sender ok\n"
                  ">>> RCPT To:<" + n.rcpt + ">\n";
        return s + "<<< " + n.reply + "\n";
    };
    if (n0.delayed) {
        m += "   ----- The following addresses had transient non-fatal errors -----\n";
        for (const auto& n : ns) m += "<" + n.rcpt + ">\n";
        m += "\n   ----- Transcript of session follows -----\n";
        for (const auto& n : ns)
            m += session(n) + "<" + n.rcpt + ">... Deferred" + (said(n).empty() ? "" : ": " + said(n)) + "\n";
        m += "Warning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n\n";
    } else {
        m += "   ----- The following addresses had permanent fatal errors -----\n";
        for (const auto& n : ns) m += "<" + n.rcpt + ">\n    (reason: " + said(n) + ")\n";
        m += "\n   ----- Transcript of session follows -----\n";
        for (const auto& n : ns) m += session(n) + said(n) + "\n";
        m += "\n";
    }
    m += "--" + b + "\nContent-Type: message/delivery-status\n\n"
         "Reporting-MTA: dns; mx.list.example\nReceived-From-MTA: DNS; localhost\n"
         "Arrival-Date: Thu, 3 Dec 2026 05:00:00 GMT\n";
    for (const auto& n : ns) {
        m += "\nFinal-Recipient: RFC822; " + n.rcpt + "\nAction: " + (n.delayed ? "delayed" : "failed") + "\n"
             "Status: " + n.status + "\n";
        if (!n.reply.empty()) m += "Remote-MTA: DNS; " + n.remote + "\nDiagnostic-Code: SMTP; " + n.reply + "\n";
        m += "Last-Attempt-Date: Thu, 3 Dec 2026 09:02:03 GMT\n";
        if (n.delayed) m += "Will-Retry-Until: Tue, 8 Dec 2026 05:00:00 GMT\n";
    }
    m += "\n--" + b + "\n";
    if (n0.delayed) m += "Content-Type: text/rfc822-headers\n\n" + returned_headers(n0.rcpt);
    else m += "Content-Type: message/rfc822\n\n" + returned_message(n0.rcpt);
    return m + "\n--" + b + "--\n";
}

// Courier: module.dsn's templates, multipart/report; the Status is often only
// the class (5.0.0), the quoted session says what the receiver answered.
std::string courier_of(const Notices& ns) {
    const Notice& n0 = ns.front();
    const std::string b = "=_courier-21567-0-1764752523=_";
    std::string m = "From: Courier mail server at mx.list.example <@>\n"
                    "To: bounces@list.example\n"
                    "Subject: " + std::string(n0.delayed ? "WARNING: delayed mail." : "NOTICE: mail delivery status.") + "\n"
                    "Mime-Version: 1.0\n"
                    "Content-Type: multipart/report; report-type=delivery-status;\n    boundary=\"" + b + "\"\n"
                    "Content-Transfer-Encoding: 7bit\n"
                    "Message-ID: <courier.000000006930F1CB.00005441@mx.list.example>\n\n"
                    "This is a MIME-formatted message.  If you see this text it means that your\n"
                    "E-mail software does not support MIME-formatted messages.\n\n"
                    "--" + b + "\nContent-Type: text/plain; charset=\"utf-8\"\n\n\n"
                    "This is a delivery status notification from mx.list.example,\n"
                    "running the Courier mail server, version 1.1.8.\n\n"
                    "The original message was received on Thu, 03 Dec 2026 05:00:00 +0000\n"
                    "from localhost [::ffff:127.0.0.1]\n\n"
                    "---------------------------------------------------------------------------\n\n";
    if (n0.delayed)
        m += "                     DELAYS IN DELIVERING YOUR MESSAGE\n\n"
             "The delivery of the following E-mail message has been delayed.  This is an\n"
             "advisory notice only; it is sent only to notify you about a temporary delay\n"
             "in delivering your message.  You DO NOT need to do anything at this time.\n"
             "Additional attempts to deliver your message will be made.\n\n"
             "Diagnostic information is provided below for each recipient.  This is an\n"
             "advisory notice for the following addresses only:\n\n";
    else
        m += "                           UNDELIVERABLE MAIL\n\n"
             "Your message to the following recipients cannot be delivered:\n\n";
    for (const auto& n : ns) {
        m += "<" + n.rcpt + ">:\n";
        if (!n.reply.empty())
            m += "    " + n.remote + " [192.0.2.25]:\n>>> " + (n.command == "DATA" ? "DATA" : "RCPT TO:<" + n.rcpt + ">") +
                 "\n<<< " + n.reply + "\n\n";
        else if (!n.own_words.empty())
            m += "    " + n.own_words + "\n\n";
        else
            m += "\n";
    }
    m += "---------------------------------------------------------------------------\n\n"
         "If your message was also sent to additional recipients, their delivery\n"
         "status is not included in this report.  You may or may not receive\n"
         "other delivery status notifications for additional recipients.\n\n"
         "The original message follows as a separate attachment.\n\n"
         "--" + b + "\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: 7bit\n\n"
         "Reporting-MTA: dns; mx.list.example\nArrival-Date: Thu, 03 Dec 2026 05:00:00 +0000\n";
    for (const auto& n : ns) {
        m += "\nFinal-Recipient: rfc822; " + n.rcpt + "\nAction: " + (n.delayed ? "delayed" : "failed") + "\n"
             "Status: " + n.status + "\n";
        if (!n.reply.empty()) m += "Remote-MTA: dns; " + n.remote + "\nDiagnostic-Code: smtp; " + n.reply + "\n";
    }
    m += "\n--" + b + "\n";
    if (n0.delayed) m += "Content-Type: text/rfc822-headers; charset=\"utf-8\"\n\n" + returned_headers(n0.rcpt);
    else m += "Content-Type: message/rfc822\n\n" + returned_message(n0.rcpt);
    return m + "\n--" + b + "--\n";
}

std::string postfix(const Notice& n) { return postfix_of({n}); }
std::string exim(const Notice& n) { return exim_of({n}); }
std::string opensmtpd(const Notice& n) { return opensmtpd_of({n}); }
std::string sendmail(const Notice& n) { return sendmail_of({n}); }
std::string courier(const Notice& n) { return courier_of({n}); }

struct Expect {
    const char* reason;
    const char* bounce_class;
    const char* status;
};

struct Row {
    std::string name;
    std::string bytes;
    std::string rcpt;
    Expect want;
};

using Builder = std::string (*)(const Notice&);

// The eight cases, each as the MTA words it: `sep` is how the MTA says the
// receiver's own reply; the statuses are what that MTA puts in its report.
std::vector<Row> rows_for(const std::string& mta, Builder build, bool class_only_status) {
    // Exim, OpenSMTPD and Courier often report only the class (5.0.0 / 4.0.0);
    // Postfix and Sendmail copy the receiver's enhanced code.
    auto st = [&](const char* exact, const char* generic) { return std::string(class_only_status ? generic : exact); };
    std::vector<Row> rows;
    auto add = [&](const std::string& what, Notice n, Expect e) {
        rows.push_back({mta + ": " + what, build(n), n.rcpt, e});
    };
    add("unknown user at RCPT",
        {"hanako@example.org", false, st("5.1.1", "5.0.0"),
         "550 5.1.1 <hanako@example.org>: Recipient address rejected: User unknown in virtual mailbox table", "RCPT", ""},
        {"userunknown", "hard", "5.1.1"});
    add("unknown domain",
        {"taro@nowhere.example", false, st("5.1.2", "5.0.0"), "", "",
         mta == "exim" ? "Unrouteable address"
         : mta == "sendmail" ? "550 5.1.2 <taro@nowhere.example>... Host unknown (Name server: nowhere.example: host not found)"
         : mta == "opensmtpd" ? "Domain does not exist"
         : mta == "courier" ? "550 5.1.2 Domain not found: nowhere.example"
         : "Host or domain name not found. Name service error for name=nowhere.example type=MX: Host not found"},
        {"hostunknown", "hard", mta == "exim" ? "5.0.0" : mta == "opensmtpd" ? "5.0.912" : "5.1.2"});
    add("full mailbox, 4xx given up on",
        {"jiro@example.org", false, st("4.2.2", "5.0.0"), "452 4.2.2 <jiro@example.org>: Mailbox full", "RCPT", ""},
        {"mailboxfull", "soft", "4.2.2"});
    add("full mailbox, 5xx",
        {"saburo@example.org", false, st("5.2.2", "5.0.0"), "552 5.2.2 <saburo@example.org>: Mailbox full, quota exceeded", "RCPT", ""},
        {"mailboxfull", "soft", "5.2.2"});
    add("blocklisted at RCPT",
        {"ichiro@example.org", false, st("5.7.1", "5.0.0"),
         "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org", "RCPT", ""},
        {"blocked", "policy", "5.7.1"});
    add("spam refused after DATA",
        {"shiro@example.org", false, st("5.7.1", "5.0.0"), "550 5.7.1 Message rejected as spam by Content Filtering", "DATA", ""},
        {"spamdetected", "policy", "5.7.1"});
    add("delay warning with a cause",
        {"goro@example.org", true, st("4.2.2", "4.0.0"), "452 4.2.2 <goro@example.org>: Mailbox full, try again later", "RCPT", ""},
        {"mailboxfull", "delayed", "4.2.2"});
    add("delay warning without a cause",
        {"rokuro@example.org", true, "4.0.0", "", "", "", "mx.example.org"},
        {"expired", "delayed", mta == "opensmtpd" ? "4.0.947" : "4.0.0"});
    return rows;
}

std::vector<Row> matrix() {
    std::vector<Row> all;
    for (auto& r : rows_for("postfix", postfix, false)) all.push_back(r);
    for (auto& r : rows_for("exim", exim, true)) all.push_back(r);
    for (auto& r : rows_for("opensmtpd", opensmtpd, true)) all.push_back(r);
    for (auto& r : rows_for("sendmail", sendmail, false)) all.push_back(r);
    for (auto& r : rows_for("courier", courier, true)) all.push_back(r);
    return all;
}

}  // namespace

TEST_CASE("mta notices: five Debian MTAs x eight cases give class, reason, status and one recipient",
          "[classify][mta-notices]") {
    for (const auto& row : matrix()) {
        auto report = classify::classify_message(row.bytes);
        INFO(row.name << " (format " << report.format << ")");
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients[0];
        INFO("diagnostic: " << r.diagnostic << " | rule: " << r.rule);
        CHECK(r.recipient == row.rcpt);
        CHECK(to_string(r.bounce_class) == std::string(row.want.bounce_class));
        CHECK(to_string(r.reason) == std::string(row.want.reason));
        CHECK(r.status == row.want.status);
        // The returned copy gives the original's identity and nothing else.
        CHECK(report.original.message_id == "<issue-42@list.example>");
    }
}

// Sendmail without SendMimeErrors (and Exim before 4.8x): one plain text, the
// transcript and then the returned message after savemail.c's separator line.
std::string sendmail_plain_from(const std::string& mime, bool delayed, const std::string& rcpt) {
    auto text_at = mime.find("\n\n", mime.find("This is a MIME-encapsulated message\n\n--") + 40) + 2;
    auto text_end = mime.find("--2B39Cb1Q012345", text_at);
    std::string m = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.list.example>\nTo: <bounces@list.example>\n"
                    "Subject: " + std::string(delayed ? "Warning: could not send message for past 4 hours"
                                                        : "Returned mail: see transcript for details") + "\n"
                    "Message-Id: <202612030902.2B39Cb1Q012346@mx.list.example>\n\n";
    m += mime.substr(text_at, text_end - text_at);
    m += std::string(delayed ? "   ----- Message header follows -----\n" : "   ----- Original message follows -----\n") + "\n";
    m += delayed ? returned_headers(rcpt) : returned_message(rcpt);
    return m;
}

std::string sendmail_plain(const Notice& n) { return sendmail_plain_from(sendmail(n), n.delayed, n.rcpt); }

// Exim's warning quotes the original's Subject in its own prose ("The subject of
// the message is: ..."): a subject with a code and "virus" in it is still no cause.
std::string exim_with_trap_subject(const Notice& n) {
    std::string m = exim(n);
    const std::string from = "The subject of the message is: Weekly news, release 2.3.0";
    auto at = m.find(from);
    if (at != std::string::npos) m.replace(at, from.size(), "The subject of the message is: Virus alert: 550 5.1.1 mailbox full, update to 2.3.0");
    return m;
}

// Sendmail's failure after Timeout.queuereturn (deliver.c/savemail.c): the last
// attempt's "Deferred" line, then "Message could not be delivered for 5 days".
std::string sendmail_given_up(const std::string& rcpt, const std::string& reply) {
    Notice n{rcpt, false, reply.empty() ? "4.4.7" : "4.2.2", reply, reply.empty() ? "" : "RCPT", "", "mx.example.org"};
    std::string m = sendmail(n);
    const std::string fatal = "   ----- Transcript of session follows -----\n";
    auto at = m.find(fatal);
    auto end = m.find("\n\n", at);
    std::string transcript = fatal + "<" + rcpt + ">... Deferred" + (reply.empty() ? "" : ": " + reply) +
                             "\nMessage could not be delivered for 5 days\nMessage will be deleted from queue";
    m.replace(at, end - at, transcript);
    if (reply.empty()) {
        const std::string reason = "    (reason: )";
        auto r = m.find(reason);
        if (r != std::string::npos) m.replace(r, reason.size(), "    (reason: Deferred)");
    }
    return m;
}

// What the MTAs write for their own (local or network) failures, as a loopback
// test bed makes them: no receiver's reply, the MTA's words only.
TEST_CASE("mta notices: the MTAs' own words for local and network failures", "[classify][mta-notices]") {
    std::vector<Row> rows = {
        {"postfix: local(8) unknown user",
         postfix({"nobody@mx.list.example", false, "5.1.1", "", "", "unknown user: \"nobody\"", ""}),
         "nobody@mx.list.example", {"userunknown", "hard", "5.1.1"}},
        {"postfix: delay, connection refused",
         postfix({"goro@example.org", true, "4.4.1", "", "",
                  "connect to mx.example.org[192.0.2.25]:25: Connection refused", ""}),
         "goro@example.org", {"networkerror", "delayed", "4.4.1"}},
        {"postfix: failure after the queue lifetime",
         postfix({"goro@example.org", false, "4.4.1", "", "",
                  "delivery temporarily suspended: connect to mx.example.org[192.0.2.25]:25: Connection refused", ""}),
         "goro@example.org", {"networkerror", "soft", "4.4.1"}},
        {"exim: local quota, given up",
         exim({"jiro@mx.list.example", false, "5.0.0", "", "", "mailbox is full: retry timeout exceeded", ""}),
         "jiro@mx.list.example", {"mailboxfull", "soft", "5.0.0"}},
        {"exim: delay, connection refused",
         exim({"goro@example.org", true, "4.0.0", "", "", "Delay reason: Connection refused", ""}),
         "goro@example.org", {"networkerror", "delayed", "4.0.0"}},
        // Exim as the receiver: its ACL's "deny" with no message of its own.
        {"postfix: Exim's default ACL refusal at RCPT",
         postfix({"ichiro@example.org", false, "5.0.0", "550 Administrative prohibition", "RCPT", "", "mx.example.org"}),
         "ichiro@example.org", {"rejected", "policy", "5.0.0"}},
        {"exim: delay without a cause, a trap in the quoted Subject",
         exim_with_trap_subject({"rokuro@example.org", true, "4.0.0", "", "", "", "mx.example.org"}),
         "rokuro@example.org", {"expired", "delayed", "4.0.0"}},
        // Sendmail gives up after Timeout.queuereturn: a failure whose transcript
        // still says "Deferred" (savemail.c: "Message could not be delivered for 5 days").
        {"sendmail: given up after the queue timeout",
         sendmail_given_up("jiro@example.org", "452 4.2.2 <jiro@example.org>... Mailbox full"),
         "jiro@example.org", {"mailboxfull", "soft", "4.2.2"}},
        {"sendmail: given up after the queue timeout, no reply",
         sendmail_given_up("rokuro@example.org", ""),
         "rokuro@example.org", {"expired", "soft", "4.4.7"}},
        {"exim: delay, local quota",
         exim({"goro@mx.list.example", true, "4.0.0", "", "",
               "Delay reason: mailbox is full (MTA-imposed quota exceeded while writing to /var/mail/goro)", ""}),
         "goro@mx.list.example", {"mailboxfull", "delayed", "4.0.0"}},
        {"postfix: mail loops back to the sender's own host",
         postfix({"loop@mx.list.example", false, "5.4.6", "", "", "mail for mx.list.example loops back to myself", ""}),
         "loop@mx.list.example", {"networkerror", "soft", "5.4.6"}},
        {"postfix: delay, the receiver cannot resolve the domain",
         postfix({"taro@nowhere.example", true, "4.1.2",
                  "450 4.1.2 <taro@nowhere.example>: Recipient address rejected: Domain not found", "RCPT", "",
                  "mx.example.org"}),
         "taro@nowhere.example", {"hostunknown", "delayed", "4.1.2"}},
        {"courier: local unknown user, no session",
         courier({"nobody@mx.list.example", false, "5.1.1", "", "", "550 User unknown.", ""}),
         "nobody@mx.list.example", {"userunknown", "hard", "5.1.1"}},
        {"sendmail plain: unknown user",
         sendmail_plain({"hanako@example.org", false, "5.1.1", "550 5.1.1 <hanako@example.org>... User unknown", "RCPT",
                         "", "mx.example.org"}),
         "hanako@example.org", {"userunknown", "hard", "5.1.1"}},
        {"sendmail plain: delay with a cause",
         sendmail_plain({"goro@example.org", true, "4.2.2", "452 4.2.2 <goro@example.org>... Mailbox full", "RCPT", "",
                         "mx.example.org"}),
         "goro@example.org", {"mailboxfull", "delayed", "4.2.2"}},
        {"sendmail plain: delay without a cause",
         sendmail_plain({"rokuro@example.org", true, "4.0.0", "", "", "", "mx.example.org"}),
         "rokuro@example.org", {"expired", "delayed", "4.0.947"}},
        {"courier: delay, connection refused",
         courier({"goro@example.org", true, "4.0.0", "", "", "Connection refused", ""}),
         "goro@example.org", {"networkerror", "delayed", "4.0.0"}},
        // OpenSMTPD's decoder reads its own lines, not the report's summary Status
        // (opensmtpd.cc): the status is the pseudo code of the cause.
        {"opensmtpd: delay, network error",
         opensmtpd({"goro@example.org", true, "4.0.0", "", "", "Network error on destination MXs", ""}),
         "goro@example.org", {"networkerror", "delayed", "4.0.944"}},
    };
    for (const auto& row : rows) {
        auto report = classify::classify_message(row.bytes);
        INFO(row.name << " (format " << report.format << ")");
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients[0];
        INFO("diagnostic: " << r.diagnostic << " | rule: " << r.rule);
        CHECK(r.recipient == row.rcpt);
        CHECK(to_string(r.bounce_class) == std::string(row.want.bounce_class));
        CHECK(to_string(r.reason) == std::string(row.want.reason));
        CHECK(r.status == row.want.status);
    }
}

// Issue 12 item 8: the subscriber's address is the one the list sent to. When a
// report gives both, the result reports the Original-Recipient (an rfc822 one),
// whichever path read the fields: a report part, the fields inline in a plain
// text (either order), or Sendmail's transcript with its report inline.
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

// A forward turned subscriber@example.org into forwarded@example.net, which is
// unknown there.
const char* kForwardedReply = "550 5.1.1 <forwarded@example.net>: Recipient address rejected: User unknown";

std::string inline_fields(bool original_first, bool per_message) {
    std::string m = "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: bounces@list.example\n"
                    "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <x1@mx.example.net>\n\n"
                    "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
                    "<forwarded@example.net>: host mx.example.net[192.0.2.1] said: " + std::string(kForwardedReply) +
                    " (in reply to RCPT TO command)\n\n";
    if (per_message) m += "Reporting-MTA: dns; mx.example.net\n\n";
    const std::string original = "Original-Recipient: rfc822; subscriber@example.org\n";
    const std::string final_field = "Final-Recipient: rfc822; forwarded@example.net\n";
    m += original_first ? original + final_field : final_field + original;
    return m + "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; " + kForwardedReply + "\n\n";
}

void check_reports_original(const std::string& bytes, const char* path) {
    INFO(path);
    auto report = classify::classify_message(bytes);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "subscriber@example.org");
    CHECK(report.recipients[0].original_recipient == "subscriber@example.org");
    CHECK(to_string(report.recipients[0].reason) == "userunknown");
}

}  // namespace

TEST_CASE("mta notices: a report part's Original-Recipient is the address reported", "[classify][mta-notices]") {
    Notice n{"forwarded@example.net", false, "5.1.1", kForwardedReply, "RCPT", "", "mx.example.net"};
    std::string bytes = replace_all(postfix(n), "Original-Recipient: rfc822;forwarded@example.net",
                                    "Original-Recipient: rfc822;subscriber@example.org");
    check_reports_original(bytes, "message/delivery-status part");
}

TEST_CASE("mta notices: report fields inline in a plain text report the Original-Recipient, in either order",
          "[classify][mta-notices]") {
    check_reports_original(inline_fields(false, true), "inline, Final first, with Reporting-MTA");
    check_reports_original(inline_fields(true, true), "inline, Original first, with Reporting-MTA");
    check_reports_original(inline_fields(true, false), "inline, Original first, no per-message group");
    check_reports_original(inline_fields(false, false), "inline, Final first, no per-message group");
}

TEST_CASE("mta notices: Sendmail's plain transcript with its report inline reports the Original-Recipient",
          "[classify][mta-notices]") {
    const std::string bytes =
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\nTo: bounces@list.example\n"
        "Subject: Returned mail: see transcript for details\nMessage-ID: <x2@mx.example.net>\n\n"
        "The original message was received at Thu, 3 Dec 2026 05:00:00 GMT\nfrom localhost [127.0.0.1]\n\n"
        "   ----- The following addresses had permanent fatal errors -----\n<forwarded@example.net>\n"
        "    (reason: 550 5.1.1 <forwarded@example.net>... User unknown)\n"
        "    (expanded from: <subscriber@example.org>)\n\n"
        "   ----- Transcript of session follows -----\n... while talking to mx.example.net.:\n"
        ">>> RCPT To:<forwarded@example.net>\n<<< 550 5.1.1 <forwarded@example.net>... User unknown\n"
        "550 5.1.1 <forwarded@example.net>... User unknown\n\n"
        "Reporting-MTA: dns; mx.example.net\n\n"
        "Original-Recipient: rfc822;subscriber@example.org\nFinal-Recipient: RFC822; forwarded@example.net\n"
        "Action: failed\nStatus: 5.1.1\nRemote-MTA: DNS; mx.example.net\n"
        "Diagnostic-Code: SMTP; 550 5.1.1 <forwarded@example.net>... User unknown\n\n"
        "   ----- Original message follows -----\n\n"
        "From: news@list.example\nTo: subscriber@example.org\nCc: other.reader@example.net\nSubject: hi\n\nhello\n";
    check_reports_original(bytes, "sendmail transcript, inline report");
}

// Several recipients in one notice, as each MTA batches them: the count, and each
// recipient's own reason. "550 User unknown" has no enhanced code, so only the
// command each one answered (the notice's words or quoted session, not the
// Diagnostic-Code) tells an unknown address (RCPT) from a filter (after DATA).
TEST_CASE("mta notices: three recipients in one notice, each read from its own lines", "[classify][mta-notices]") {
    using Builder = std::string (*)(const Notices&);
    const std::pair<const char*, Builder> mtas[] = {{"postfix", postfix_of}, {"exim", exim_of}, {"opensmtpd", opensmtpd_of},
                                                    {"sendmail", sendmail_of}, {"courier", courier_of}};
    for (const auto& [mta, build] : mtas) {
        const bool generic = std::string(mta) != "postfix" && std::string(mta) != "sendmail";
        Notices failed = {
            {"hanako@example.org", false, "5.0.0", "550 User unknown", "RCPT", "", "mx.example.org"},
            {"jiro@example.net", false, generic ? "5.0.0" : "5.2.2", "552 5.2.2 Mailbox full", "RCPT", "", "mx.example.net"},
            {"shiro@example.com", false, "5.0.0", "550 User unknown", "DATA", "", "mx.example.com"},
        };
        auto report = classify::classify_message(build(failed));
        INFO(mta << " (format " << report.format << ")");
        REQUIRE(report.recipients.size() == 3);
        // OpenSMTPD's lines quote the reply and never the command: README's
        // convention (sisimai's, which the development corpus is labelled by) then
        // counts "user unknown" as a filter's. Making it the address drops the
        // corpus from class 0.944 to 0.902 (measured), so the convention stays.
        const bool names_command = std::string(mta) != "opensmtpd";
        const char* want[][3] = {{"hanako@example.org", names_command ? "userunknown" : "filtered", names_command ? "hard" : "policy"},
                                 {"jiro@example.net", "mailboxfull", "soft"},
                                 {"shiro@example.com", "filtered", "policy"}};
        for (std::size_t i = 0; i < 3; ++i) {
            const auto& r = report.recipients[i];
            INFO("recipient " << i << " diagnostic: " << r.diagnostic << " | rule: " << r.rule << " | command: " << r.smtp_command);
            CHECK(r.recipient == want[i][0]);
            CHECK(to_string(r.reason) == want[i][1]);
            CHECK(to_string(r.bounce_class) == want[i][2]);
        }
        Notices delayed = {
            {"goro@example.org", true, "4.2.2", "452 4.2.2 Mailbox full", "RCPT", "", "mx.example.org"},
            {"rokuro@example.net", true, "4.0.0", "", "", "", "mx.example.net"},
        };
        report = classify::classify_message(build(delayed));
        REQUIRE(report.recipients.size() == 2);
        CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
        CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
        CHECK(to_string(report.recipients[1].bounce_class) == "delayed");
        CHECK(to_string(report.recipients[1].reason) == "expired");
    }
}

// Each MTA's warning says in its own prose that it is still trying, so a warning
// whose report part is lost (a forward, a broken MIME structure) or whose Subject
// was rewritten is still a delay warning; each failure notice says no such thing.
TEST_CASE("mta notices: each MTA's warning prose says it is still trying, its failure prose does not",
          "[classify][mta-notices]") {
    using Builder = std::string (*)(const Notices&);
    const std::pair<const char*, Builder> mtas[] = {{"postfix", postfix_of}, {"exim", exim_of}, {"opensmtpd", opensmtpd_of},
                                                    {"sendmail", sendmail_of}, {"courier", courier_of}};
    for (const auto& [mta, build] : mtas) {
        INFO(mta);
        auto prose_of = [](const std::string& m) {
            auto body = m.find("\n\n");
            auto report = m.find("message/delivery-status");
            return m.substr(body, report == std::string::npos ? std::string::npos : report - body);
        };
        Notice warning{"goro@example.org", true, "4.2.2", "452 4.2.2 Mailbox full", "RCPT", "", "mx.example.org"};
        Notice failure{"goro@example.org", false, "5.2.2", "552 5.2.2 Mailbox full", "RCPT", "", "mx.example.org"};
        CHECK(classify::says_still_trying("Re: your mail", prose_of(build({warning}))));
        CHECK_FALSE(classify::says_still_trying("Re: your mail", prose_of(build({failure}))));
    }
}

TEST_CASE("mta notices: Postfix's plain notice reports the address it expanded from", "[classify][mta-notices]") {
    const std::string bytes =
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: bounces@list.example\n"
        "Subject: Undelivered Mail Returned to Sender\nMessage-Id: <x3@mx.example.net>\n\n"
        "This is the mail system at host mx.example.net.\n\n"
        "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n"
        "<forwarded@mx.example.net> (expanded from <subscriber@example.org>): unknown user: \"forwarded\"\n\n"
        "--- Below this line is a copy of the message.\n\n"
        "From: news@list.example\nTo: subscriber@example.org\nCc: other.reader@example.net\nSubject: hi\n\nhello\n";
    check_reports_original(bytes, "postfix plain text, expanded from");
}

// The returned message may be a bounce itself (a list that mailed a bounce on):
// its report part, its "550 5.2.1 ... virus" reply and its recipient belong to the
// copy, not to this bounce.
TEST_CASE("mta notices: a returned message that is itself a bounce gives nothing but its identity",
          "[classify][mta-notices]") {
    const std::string inner =
        "From: Mail Delivery System <Mailer-Daemon@other.example>\nTo: news@list.example\n"
        "Subject: Mail delivery failed: returning message to sender\nMessage-ID: <issue-42@list.example>\n"
        "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"INNER\"\n\n"
        "--INNER\nContent-Type: text/plain\n\nThe following address(es) failed:\n\n  third.party@example.com\n"
        "    550 5.2.1 virus infected mailbox disabled\n\n"
        "--INNER\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; other.example\n\n"
        "Final-Recipient: rfc822; third.party@example.com\nAction: failed\nStatus: 5.2.1\n"
        "Diagnostic-Code: smtp; 550 5.2.1 virus infected mailbox disabled\n\n--INNER--\n";
    using Builder = std::string (*)(const Notice&);
    const std::pair<const char*, Builder> mtas[] = {{"postfix", postfix}, {"exim", exim}, {"sendmail", sendmail}, {"courier", courier}};
    for (const auto& [mta, build] : mtas) {
        INFO(mta);
        std::string m = build({"hanako@example.org", false, "5.1.1",
                               "550 5.1.1 <hanako@example.org>: Recipient address rejected: User unknown", "RCPT", "",
                               "mx.example.org"});
        auto at = m.find(returned_message("hanako@example.org"));
        REQUIRE(at != std::string::npos);
        m.replace(at, returned_message("hanako@example.org").size(), inner);
        auto report = classify::classify_message(m);
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "hanako@example.org");
        CHECK(to_string(report.recipients[0].reason) == "userunknown");
        CHECK(report.recipients[0].status == "5.1.1");
    }
}

// A forward or alias at the reporting MTA: the notice names the final address and
// the one it came from; with no Original-Recipient in a report, the words say
// which address the list sent to.
TEST_CASE("mta notices: 'generated from' and 'expanded from' give the address the list sent to",
          "[classify][mta-notices]") {
    Notice n{"forwarded@example.net", false, "5.0.0", kForwardedReply, "RCPT", "", "mx.example.net"};
    std::string exim_dsn = replace_all(exim(n), "  forwarded@example.net\n    host",
                                       "  forwarded@example.net\n    (generated from subscriber@example.org)\n    host");
    check_reports_original(exim_dsn, "exim with its report part, generated from");
    std::string exim_plain = exim_dsn.substr(0, exim_dsn.find("--1764752523-eximdsn-1804289383\nContent-type: message/delivery-status"));
    exim_plain = replace_all(exim_plain, "Content-Type: multipart/report; report-type=delivery-status; boundary=1764752523-eximdsn-1804289383\n", "");
    exim_plain = replace_all(exim_plain, "--1764752523-eximdsn-1804289383\nContent-type: text/plain; charset=us-ascii\n\n", "");
    check_reports_original(exim_plain, "exim without a report part, generated from");
    Notice s{"forwarded@example.net", false, "5.1.1", kForwardedReply, "RCPT", "", "mx.example.net"};
    std::string sendmail_dsn = replace_all(sendmail(s), "    (reason: " + std::string(kForwardedReply) + ")\n",
                                           "    (reason: " + std::string(kForwardedReply) + ")\n    (expanded from: <subscriber@example.org>)\n");
    check_reports_original(sendmail_dsn, "sendmail with its report part, expanded from");
    check_reports_original(sendmail_plain_from(sendmail_dsn, false, "forwarded@example.net"), "sendmail plain, expanded from");
}
