// The failure notices and delay warnings of the five MTAs Debian ships (Postfix,
// Exim, OpenSMTPD, Sendmail, Courier), each built in its own MIME structure and
// wording from what one or more recipients' notices say (Notice). Every
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
//
// Shared by mta_notices_test.cc and layout_invariance_test.cc.
#pragma once

#include <string>
#include <vector>

namespace mta_builders {

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
inline std::string returned_headers(const std::string& rcpt) {
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

inline std::string returned_message(const std::string& rcpt) {
    return returned_headers(rcpt) +
           "\nThis week: our server now runs 5.1.1 and the virus scanner 2.0.0.\n"
           "550 5.1.1 quoted by a reader: user unknown. Write to help@list.example.\n";
}

// Each builder takes the recipients of one notice (all failed, or all delayed:
// none of these MTAs mixes the two in one message) and returns the whole bounce.
using Notices = std::vector<Notice>;

// Postfix: bounce(5) templates, multipart/report.
inline std::string postfix_of(const Notices& ns) {
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
inline std::string exim_of(const Notices& ns) {
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
inline std::string opensmtpd_of(const Notices& ns) {
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
inline std::string sendmail_of(const Notices& ns) {
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
inline std::string courier_of(const Notices& ns) {
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

inline std::string postfix(const Notice& n) { return postfix_of({n}); }
inline std::string exim(const Notice& n) { return exim_of({n}); }
inline std::string opensmtpd(const Notice& n) { return opensmtpd_of({n}); }
inline std::string sendmail(const Notice& n) { return sendmail_of({n}); }
inline std::string courier(const Notice& n) { return courier_of({n}); }

// Sendmail's failure after Timeout.queuereturn (deliver.c/savemail.c): the last
// attempt's "Deferred" line, then "Message could not be delivered for 5 days".
// `status` is the report's Status: the receiver's code, or sendmail's own 4.4.7.
inline std::string sendmail_given_up(const std::string& rcpt, const std::string& reply, const std::string& status) {
    Notice n{rcpt, false, status, reply, reply.empty() ? "" : "RCPT", "", "mx.example.org"};
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

// A receiver's reply in a plain-text notice, no DSN fields: the words and the
// command the notice names must decide. Postfix's notice ("host ... said: ... (in reply to
// RCPT TO command)"), Exim's ("SMTP error from remote mail server after ...") and
// sendmail's (its session transcript, ">>> RCPT To:" then "<<< 550 ..."), each in
// the layout its documentation and source give.
inline std::string postfix_notice(const std::string& reply, const std::string& command) {
    return "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
           "To: bounces@list.example\nSubject: Undelivered Mail Returned to Sender\n"
           "Message-Id: <notice-1@mx.example.net>\n\n"
           "This is the mail system at host mx.example.net.\n\n"
           "I'm sorry to have to inform you that your message could not\n"
           "be delivered to one or more recipients. It's attached below.\n\n"
           "                   The mail system\n\n"
           "<someone@example.org>: host mx.example.org[192.0.2.1] said: " + reply + " (in reply to " + command +
           " command)\n\n--- Returned message follows ---\n\n"
           "From: news@list.example\nTo: someone@example.org\nSubject: Weekly news\n"
           "Message-ID: <issue-42@list.example>\n\nHello.\n";
}

inline std::string exim_notice(const std::string& reply, const std::string& after) {
    std::string detail = after.empty() ? "    " + reply
                                       : "    host mx.example.org [192.0.2.1]\n"
                                         "    SMTP error from remote mail server after " + after + ":\n    " + reply;
    return "From: Mail Delivery System <Mailer-Daemon@mx.example.net>\n"
           "To: bounces@list.example\nSubject: Mail delivery failed: returning message to sender\n"
           "Message-Id: <notice-2@mx.example.net>\nAuto-Submitted: auto-replied\n\n"
           "This message was created automatically by mail delivery software.\n\n"
           "A message that you sent could not be delivered to one or more of its\n"
           "recipients. This is a permanent error. The following address(es) failed:\n\n"
           "  someone@example.org\n" + detail + "\n\n"
           "------ This is a copy of the message, including all the headers. ------\n\n"
           "From: news@list.example\nTo: someone@example.org\nSubject: Weekly news\n"
           "Message-ID: <issue-42@list.example>\n\nHello.\n";
}

inline std::string sendmail_notice(const std::string& reply, const std::string& command) {
    return "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
           "To: bounces@list.example\nSubject: Returned mail: see transcript for details\n"
           "Message-Id: <notice-3@mx.example.net>\nAuto-Submitted: auto-generated (failure)\n\n"
           "The original message was received at Thu, 3 Dec 2026 10:00:00 +0000\n"
           "from localhost [127.0.0.1]\n\n"
           "   ----- The following addresses had permanent fatal errors -----\n"
           "<someone@example.org>\n    (reason: " + reply + ")\n\n"
           "   ----- Transcript of session follows -----\n"
           "... while talking to mx.example.org.:\n" + (command.empty() ? "" : ">>> " + command + "\n") + "<<< " +
           reply + "\n"
           "554 5.0.0 Service unavailable\n\n"
           "   ----- Original message follows -----\n\n"
           "From: news@list.example\nTo: someone@example.org\nSubject: Weekly news\n"
           "Message-ID: <issue-42@list.example>\n\nHello.\n";
}

// qmail-send's bounce (qmail-send.c, qmail-remote.c): the recipient, then
// qmail-remote's own sentence for the stage ("does not like recipient." at RCPT,
// "failed after I sent the message." after DATA, "Connected to ... but greeting
// failed." for a refusal in the greeting, CONNECT), "Remote host said:" with the
// reply, and "Giving up on" the host after refused recipients; a 4xx reply is
// given up on only when the queue lifetime ran out, which qmail-send says in its
// own sentence.
inline std::string qmail_notice(const std::string& reply, const std::string& command) {
    const bool temporary = !reply.empty() && reply[0] == '4';
    return "From: MAILER-DAEMON@mx.example.net\n"
           "To: bounces@list.example\nSubject: failure notice\n"
           "Message-Id: <notice-4@mx.example.net>\n\n"
           "Hi. This is the qmail-send program at mx.example.net.\n"
           "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
           "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
           "<someone@example.org>:\n" +
           std::string(command == "DATA"      ? "192.0.2.1 failed after I sent the message.\n"
                       : command == "CONNECT" ? "Connected to 192.0.2.1 but greeting failed.\n"
                                              : "192.0.2.1 does not like recipient.\n") +
           "Remote host said: " + reply + "\n" +
           (temporary ? "I'm not going to try again; this message has been in the queue too long.\n"
                      : command == "RCPT" ? "Giving up on 192.0.2.1.\n" : "") +
           "\n--- Below this line is a copy of the message.\n\n"
           "Return-Path: <bounces@list.example>\nFrom: news@list.example\nTo: someone@example.org\n"
           "Subject: Weekly news\nMessage-ID: <issue-42@list.example>\n\nHello.\n";
}

}  // namespace mta_builders
