// The bounces of mail systems that Debian does not ship and bounced has no decoder
// for, each built in that system's known layout (its Subject, its From, the sentence
// that opens the notice, how it lays out the recipient and the receiver's reply, and
// where it puts the returned message), for the same cases: an unknown user at RCPT,
// a full mailbox, a policy refusal (5.7.1), a domain that does not resolve, and a
// delay warning where the system sends one. The returned copy, wherever the system
// puts it, carries the traps of issue 12 item 1 (version numbers, X-Virus-Scanned,
// a quoted "550 5.1.1 user unknown" line, a second address in Cc, "virus" in an
// address). These go through the generic path (formats/free_text.cc) or the
// decoders of shared layouts; a failure here is a mechanism to fix, not a system
// to add.
//
// Where each layout comes from (the layout is a fact; the wording outside fixed
// labels is ours):
// - hMailServer: its SEND_FAILED_NOTIFICATION server message ("Message
//   undeliverable: " + Subject, from mailer-daemon@host, the %MACRO_SENT%,
//   %MACRO_SUBJECT% and %MACRO_RECIPIENTS% blocks, "Error Type", "Remote server
//   replied"); no copy of the message.
// - Haraka: config/outbound.bounce_message ("Intended Recipients:", "Failure
//   Reason:") inside the multipart/report that outbound builds with the original.
// - XMail: its bounce's bracketed sections ("[<00>] XMail bounce: Rcpt=[..];
//   Error=[..]", the reason section, "[<05>] Here is listed the initial part of the
//   message:" followed by the copy inline).
// - MDaemon: its DSN templates ("PERMANENT fatal delivery errors", the "Session
//   Transcript" with "-->" / "<--" lines), the original attached.
// - SmarterMail: "Could not deliver message to the following recipient(s):",
//   "Failed Recipient:", "Reason:" (its knowledge base's examples), the header and
//   first lines of the message inline.
// - CommuniGate Pro: "Failed to deliver to '<a@b>'", "SMTP module(domain b)
//   reports:", "host x says:"; "Message delivery to 'a@b' delayed"; a report part
//   and the original.
// - GroupWise (GWIA): "Message status - undeliverable", "The message that you sent
//   was undeliverable to the following:", "Possibly truncated original message
//   follows:"; and its transcript form ("Command:", "Response:").
// - MailEnable: "Message Delivery Failure", "Recipient: [SMTP:a@b]", "Reason:
//   Remote SMTP Server Returned: ...", "Message headers follow:".
// - Exchange 2010 and later in its text/plain form: "Delivery has failed to these
//   recipients or groups:", "Diagnostic information for administrators:",
//   "Generating server:", "Remote Server returned '...'", "Original message
//   headers:"; the delay form "Delivery is delayed to these recipients or groups:".
// - Hotmail and Exchange 2003's SMTP service: "Delivery Status Notification
//   (Failure)", "Delivery to the following recipients failed.", a report part.
// - Yahoo of old (qmail-derived): "Sorry, we were unable to deliver your message to
//   the following address.", "Remote host said:", qmail's copy separator.
// - qmail-ldap / netqmail: qmail-send's notice with "does not like recipient.",
//   "Remote host said:", "Giving up on".
// - Lotus Domino: "Your message ... was not delivered to: ... because:".
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "classify/classifier.h"

namespace {

using classify::to_string;

struct Notice {
    std::string rcpt;
    bool delayed = false;
    std::string reply;      // the receiver's reply, "" when there was none
    std::string command;    // "RCPT", "DATA" or "" (no session)
    std::string own_words;  // the sending system's own words when there is no reply
    std::string status;     // a report part's Status, where the system writes one
};

// The returned copy, with the traps of issue 12 item 1.
std::string returned_headers(const std::string& rcpt) {
    return "Return-Path: <bounces@list.example>\n"
           "Received: from list.example (list.example [192.0.2.10]) by mx.list.example with ESMTP id 2.3.0\n"
           "From: Weekly News <news@list.example>\n"
           "To: <" + rcpt + ">\n"
           "Cc: other.reader@example.net, virus-reports@example.com\n"
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

std::string returned_body() {
    return "This week: our server now runs 5.1.1 and the virus scanner 2.0.0.\n"
           "A reader quoted: 550 5.1.1 <someone@example.net>... user unknown\n"
           "Write to help@list.example or virus-desk@example.com.\n";
}

std::string returned_message(const std::string& rcpt) { return returned_headers(rcpt) + "\n" + returned_body(); }

const std::string kDate = "Thu, 03 Dec 2026 09:02:03 +0000";

std::string head(const std::string& from, const std::string& subject, const std::string& extra = "") {
    return "From: " + from + "\nTo: bounces@list.example\nSubject: " + subject + "\nDate: " + kDate +
           "\nMessage-ID: <ndr-" + std::to_string(subject.size()) + "@mx.list.example>\n" + extra;
}

std::string plain(const std::string& from, const std::string& subject, const std::string& body) {
    return head(from, subject, "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n") + "\n" + body;
}

// A report part in RFC 3464's fields, for the systems that write one.
std::string dsn_fields(const Notice& n, const std::string& reporting) {
    std::string m = "Reporting-MTA: dns; " + reporting + "\n\nFinal-Recipient: rfc822; " + n.rcpt + "\nAction: " +
                    (n.delayed ? "delayed" : "failed") + "\nStatus: " + n.status + "\n";
    if (!n.reply.empty()) m += "Remote-MTA: dns; mx.example.org\nDiagnostic-Code: smtp; " + n.reply + "\n";
    return m;
}

std::string said(const Notice& n) { return n.reply.empty() ? n.own_words : n.reply; }

using Notices = std::vector<Notice>;

// hMailServer: one text/plain part, no copy of the message.
std::string hmailserver_of(const Notices& ns) {
    std::string body =
        "Your message did not reach some or all of the intended recipients.\n\n"
        "   Sent: Wed, 02 Dec 2026 09:00:00 +0000\n"
        "   Subject: Weekly news, release 2.3.0\n\n"
        "The following recipient(s) could not be reached:\n\n";
    for (const auto& n : ns) {
        body += n.rcpt + "\n   Error Type: SMTP\n";
        if (!n.reply.empty())
            body += "   Remote server (192.0.2.25) issued an error.\n   hMailServer sent: " +
                    std::string(n.command == "DATA" ? "DATA" : "RCPT TO:<" + n.rcpt + ">") +
                    "\n   Remote server replied: " + n.reply + "\n\n";
        else
            body += "   Error Description: " + n.own_words + "\n\n";
    }
    return plain("mailer-daemon@mx.list.example", "Message undeliverable: Weekly news, release 2.3.0",
                 body + "hMailServer\n");
}
std::string hmailserver(const Notice& n) { return hmailserver_of({n}); }

std::string multipart(const std::string& from, const std::string& subject, const std::string& text,
                      const std::string& report, const std::string& copy_type, const std::string& copy) {
    const std::string b = "----=_NextPart_ndr_0042";
    std::string m = head(from, subject,
                         "MIME-Version: 1.0\nContent-Type: multipart/" +
                             std::string(report.empty() ? "mixed" : "report; report-type=delivery-status") +
                             "; boundary=\"" + b + "\"\n") +
                    "\nThis is a multi-part message in MIME format.\n\n--" + b +
                    "\nContent-Type: text/plain; charset=us-ascii\n\n" + text + "\n";
    if (!report.empty()) m += "--" + b + "\nContent-Type: message/delivery-status\n\n" + report + "\n";
    if (!copy_type.empty()) m += "--" + b + "\nContent-Type: " + copy_type + "\n\n" + copy + "\n";
    return m + "--" + b + "--\n";
}

// Haraka: its bounce template's text, a report part, the original.
std::string haraka(const Notice& n) {
    std::string text = "Hi. This is the Haraka Mailer program at mx.list.example.\n"
                       "Your message could not be delivered to the addresses below, and this will not change.\n\n"
                       "Intended Recipients: " + n.rcpt + "\nFailure Reason: " + said(n) + "\n";
    return multipart("MAILER-DAEMON@mx.list.example", "failure notice", text, dsn_fields(n, "mx.list.example"),
                     "message/rfc822", returned_message(n.rcpt));
}

std::string one_line(std::string s) {
    for (auto& c : s)
        if (c == '\n') c = ' ';
    return s;
}

// XMail: bracketed sections, the first lines of the message inline after the last.
std::string xmail(const Notice& n) {
    std::string body = "[<00>] XMail bounce: Rcpt=[" + n.rcpt + "];Error=[" + one_line(said(n)) + "]\n\n"
                       "[<01>] Error sending message [7.4.2026120309] from [mx.list.example].\n\n"
                       "ID:        <7.4.2026120309>\n"
                       "Mail From: <bounces@list.example>\n"
                       "Rcpt To:   <" + n.rcpt + ">\n";
    if (!n.reply.empty()) body += "Server:    <mx.example.org> [192.0.2.25]\n";
    body += "\n\n[<02>] The reason of the delivery failure was:\n\n" + said(n) +
            "\n\n\n[<05>] Here is listed the initial part of the message:\n\n" + returned_message(n.rcpt);
    return plain("postmaster@mx.list.example", "[XMail bounce: Rcpt=[" + n.rcpt + "];Error=[" + one_line(said(n)) + "]]",
                 body);
}

// MDaemon: the notice, the session transcript, the original attached.
std::string mdaemon(const Notice& n) {
    std::string text;
    if (n.delayed)
        text = "The attached message had temporary delivery errors and is still in the retry queue.\n\n"
               "Delivery will be tried again at intervals. YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n";
    else
        text = "The attached message had PERMANENT fatal delivery errors!\n\n"
               "After one or more unsuccessful delivery attempts the attached message has been\n"
               "removed from the mail queue on this server.\n\n";
    const std::string t = "Thu 2026-12-03 09:02:03.112: ";
    text += "--- Session Transcript ---\n " + t + "Parsing message <pd50000001.msg>\n " + t +
            "*  From: bounces@list.example\n " + t + "*  To: " + n.rcpt + "\n " + t +
            "*  Subject: Weekly news, release 2.3.0\n";
    if (n.reply.empty()) {
        text += " " + t + "Attempting SMTP connection to [" + n.rcpt.substr(n.rcpt.find('@') + 1) + "]\n " + t +
                n.own_words + "\n";
    } else {
        text += " " + t + "Attempting SMTP connection to [mx.example.org : 25]\n " + t +
                "Connected to [192.0.2.25 : 25]\n " + t + "--> MAIL From:<bounces@list.example> SIZE=2048\n " + t +
                "<-- 250 2.1.0 Sender OK\n " + t + "--> RCPT To:<" + n.rcpt + ">\n";
        if (n.command == "DATA")
            text += " " + t + "<-- 250 2.1.5 Recipient OK\n " + t + "--> DATA\n " + t + "<-- 354 go ahead\n " + t +
                    "Sending <pd50000001.msg> to [192.0.2.25]\n";
        // Each line of a reply is a line of the log.
        for (std::size_t at = 0; at < n.reply.size();) {
            auto nl = n.reply.find('\n', at);
            if (nl == std::string::npos) nl = n.reply.size();
            text += " " + t + "<-- " + n.reply.substr(at, nl - at) + "\n";
            at = nl + 1;
        }
    }
    text += "--- End Transcript ---\n";
    return multipart("MDaemon at mx.list.example <MDaemon@mx.list.example>",
                     n.delayed ? "Warning: Temporary Delivery Failure Notice" : "Permanent Delivery Failure", text, "",
                     "message/rfc822", returned_message(n.rcpt));
}

// SmarterMail: labelled recipient and reason, the top of the message inline.
std::string smartermail_of(const Notices& ns) {
    std::string body = "Could not deliver message to the following recipient(s):\n\n";
    for (const auto& n : ns)
        body += "Failed Recipient: " + n.rcpt + "\nReason: " +
                (n.reply.empty() ? n.own_words : "Remote host said: " + n.reply) + "\n\n";
    body += "\n   -- The header and top 20 lines of the message follows --\n\n" + returned_message(ns[0].rcpt);
    return plain("\"System Administrator\" <postmaster@mx.list.example>", "Undeliverable: Weekly news, release 2.3.0",
                 body);
}
std::string smartermail(const Notice& n) { return smartermail_of({n}); }

// CommuniGate Pro: its module's report lines, a report part, the original.
std::string communigate(const Notice& n) {
    const std::string domain = n.rcpt.substr(n.rcpt.find('@') + 1);
    std::string text = n.delayed ? "Message delivery to '" + n.rcpt + "' delayed\n"
                                 : "Failed to deliver to '<" + n.rcpt + ">'\n";
    text += "SMTP module(domain " + domain + ") reports:\n";
    if (!n.reply.empty()) text += " host mx.example.org says:\n  " + n.reply + "\n";
    else text += " " + n.own_words + "\n";
    return multipart("MAILER-DAEMON@mx.list.example",
                     n.delayed ? "Delivery delay notification" : "Undeliverable mail: Weekly news, release 2.3.0", text,
                     dsn_fields(n, "mx.list.example"), n.delayed ? "text/rfc822-headers" : "message/rfc822",
                     n.delayed ? returned_headers(n.rcpt) : returned_message(n.rcpt));
}

// GroupWise's gateway, the short form: each recipient with its reason in brackets
// after it, then the message inline.
std::string groupwise_of(const Notices& ns) {
    std::string body = "The message that you sent was undeliverable to the following:\n";
    for (const auto& n : ns) body += "\t" + n.rcpt + " (" + said(n) + ")\n";
    body += "\nPossibly truncated original message follows:\n\n" + returned_message(ns[0].rcpt);
    return plain("Postmaster <postmaster@gw.list.example>", "Message status - undeliverable", body);
}
std::string groupwise(const Notice& n) { return groupwise_of({n}); }

// GroupWise's gateway, the transcript form: the command and the response.
std::string groupwise_transcript(const Notice& n) {
    std::string text = "The attached file had the following undeliverable recipient(s):\n\t" + n.rcpt + "\n\n";
    if (!n.reply.empty())
        text += "Transcript of session follows:\n\tCommand: " +
                std::string(n.command == "DATA" ? "DATA" : "RCPT TO:<" + n.rcpt + ">") + "\n\tResponse: " + n.reply + "\n";
    else
        text += "\t" + n.own_words + "\n";
    return multipart("Mail Delivery System <postmaster@gw.list.example>", "Undeliverable mail", text, "",
                     "message/rfc822", returned_message(n.rcpt));
}

// MailEnable: the bracketed SMTP address and the reason, the headers inline.
std::string mailenable_of(const Notices& ns) {
    std::string body;
    if (ns[0].delayed)
        body = "MailEnable: Message delivery has been delayed.\n\nThe message is still queued and delivery will be "
               "attempted again.\n\n";
    else
        body = "MailEnable: Message could not be delivered to some recipients.\n"
               "The following recipient(s) could not be reached:\n\n";
    for (const auto& n : ns)
        body += "\tRecipient: [SMTP:" + n.rcpt + "]\n\tReason: " +
                (n.reply.empty() ? n.own_words : "Remote SMTP Server Returned: " + n.reply) + "\n\n";
    body += "Message headers follow:\n\n" + returned_headers(ns[0].rcpt);
    return plain("POSTMASTER@mx.list.example", ns[0].delayed ? "Message Delivery Delay" : "Message Delivery Failure", body);
}
std::string mailenable(const Notice& n) { return mailenable_of({n}); }

// Exchange 2010 and later, the notice in text/plain with the headers inline.
std::string exchange_plain_of(const Notices& ns) {
    std::string body;
    const bool delayed = ns[0].delayed;
    body = delayed ? "Delivery is delayed to these recipients or groups:\n\n"
                   : "Delivery has failed to these recipients or groups:\n\n";
    for (const auto& n : ns)
        body += n.rcpt + (delayed ? "\n\n" : "\nYour message wasn't delivered. The receiving system gave the reason below.\n\n");
    if (delayed) body += "This message hasn't been delivered yet. Delivery will continue to be attempted.\n\n";
    body += "\n\n\nDiagnostic information for administrators:\n\nGenerating server: mx.list.example\n\n";
    for (const auto& n : ns) {
        body += n.rcpt + "\n";
        if (!n.reply.empty()) body += "mx.example.org\nRemote Server returned '" + n.reply + "'\n\n";
        else body += "Remote Server returned '" + n.own_words + "'\n\n";
    }
    body += "Original message headers:\n\n" + returned_headers(ns[0].rcpt);
    return plain("Microsoft Outlook <postmaster@list.example>",
                 std::string(delayed ? "Delivery delayed:" : "Undeliverable:") + " Weekly news, release 2.3.0", body);
}
std::string exchange_plain(const Notice& n) { return exchange_plain_of({n}); }

// Hotmail and Exchange 2003's SMTP service: a terse notice, a report part.
std::string hotmail(const Notice& n) {
    std::string text = "This is an automatically generated Delivery Status Notification.\n\n";
    if (n.delayed)
        text += "THIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n"
                "Delivery to the following recipients has been delayed.\n\n       " + n.rcpt + "\n\n";
    else
        text += "Delivery to the following recipients failed.\n\n       " + n.rcpt + "\n\n";
    return multipart("postmaster@mail.hotmail.example",
                     n.delayed ? "Delivery Status Notification (Delay)" : "Delivery Status Notification (Failure)", text,
                     dsn_fields(n, "mail.hotmail.example"), n.delayed ? "text/rfc822-headers" : "message/rfc822",
                     n.delayed ? returned_headers(n.rcpt) : returned_message(n.rcpt));
}

// Yahoo of old: qmail's layout in its own words.
std::string yahoo(const Notice& n) {
    std::string body = "Sorry, we were unable to deliver your message to the following address.\n\n<" + n.rcpt + ">:\n" +
                       (n.reply.empty() ? n.own_words : "Remote host said: " + n.reply + " [" +
                                                            (n.command == "DATA" ? "BODY" : "RCPT_TO") + "]") +
                       "\n\n--- Below this line is a copy of the message.\n\n" + returned_message(n.rcpt);
    return plain("MAILER-DAEMON@yahoo.example", "Failure Notice", body);
}

// qmail-ldap / netqmail: qmail-send's notice.
std::string qmail_ldap(const Notice& n) {
    std::string body = "Hi. This is the qmail-send program at mx.list.example.\n"
                       "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                       "This is a permanent error; I've given up. Sorry it didn't work out.\n\n<" + n.rcpt + ">:\n";
    if (!n.reply.empty())
        body += "192.0.2.25 does not like recipient.\nRemote host said: " + n.reply + "\nGiving up on 192.0.2.25.\n";
    else
        body += n.own_words + "\n";
    body += "\n--- Below this line is a copy of the message.\n\n" + returned_message(n.rcpt);
    return plain("MAILER-DAEMON@mx.list.example", "failure notice", body);
}

// 1&1 and GMX: Exim's sentences, the address quoted, and the command named in
// "SMTP error from remote server for RCPT TO command" (TEXT command after DATA).
std::string oneandone(const Notice& n) {
    std::string body = "This message was created automatically by mail delivery software.\n\n"
                       "A message that you sent could not be delivered to one or more of\n"
                       "its recipients. This is a permanent error. The following address\nfailed:\n\n\"" +
                       n.rcpt + "\":\n";
    if (!n.reply.empty())
        body += "SMTP error from remote server for " + std::string(n.command == "DATA" ? "TEXT" : "RCPT TO") +
                " command, host: mx.example.org (192.0.2.25) reason: " + one_line(n.reply) + "\n";
    else
        body += n.own_words + "\n";
    body += "\n--- The header of the original message is following. ---\n\n" + returned_headers(n.rcpt);
    return plain("Mail Delivery System <mailer-daemon@mx.list.example>",
                 "Mail delivery failed: returning message to sender", body);
}

// Lotus Domino: the subject of the message, the address, the reason.
std::string domino(const Notice& n) {
    std::string text = "Your message\n\n  Subject: Weekly news, release 2.3.0\n\nwas not delivered to:\n\n  " + n.rcpt +
                       "\n\nbecause:\n\n  " + said(n) + "\n";
    return multipart("Mail Router <postmaster@notes.list.example>", "DELIVERY FAILURE: " + said(n).substr(0, 40), text,
                     "", "message/rfc822", returned_message(n.rcpt));
}

// Sun Java System / iPlanet Messaging Server: the original's header fields quoted
// at the top, then a labelled block per recipient ("Recipient address:",
// "Reason:", "Diagnostic code:", "Remote system:"). `with_report`: as it sends
// it, with a report part and the headers; without, the text alone (a relay's or
// a client's copy), which only the generic path reads. "has rejected address" is
// its reason for a refused RCPT; the words for a refused message are ours.
std::string sun_messaging(const Notice& n, bool with_report) {
    std::string text = "This report relates to a message you sent with the following header fields:\n\n"
                       "  Message-id: <issue-42@list.example>\n"
                       "  Date: Wed, 02 Dec 2026 09:00:00 +0000\n"
                       "  From: Weekly News <news@list.example>\n"
                       "  To: " + n.rcpt + "\n"
                       "  Subject: Weekly news, release 2.3.0\n\n";
    text += n.delayed ? "Your message has been delayed and is still awaiting delivery to the following recipients:\n\n"
                      : "Your message cannot be delivered to the following recipients:\n\n";
    text += "  Recipient address: " + n.rcpt + "\n";
    if (!n.reply.empty())
        text += std::string("  Reason: Remote SMTP server has rejected ") +
                (n.command == "DATA" ? "the message" : "address") + "\n  Diagnostic code: smtp;" + n.reply +
                "\n  Remote system: dns;mx.example.org (TCP|192.0.2.10|25|192.0.2.25|25) (mx.example.org ESMTP)\n";
    else
        text += "  Reason: " + n.own_words + "\n";
    const std::string subject =
        n.delayed ? "Delivery Notification: Delivery has been delayed" : "Delivery Notification: Delivery has failed";
    if (with_report)
        return multipart("Internet Mail Delivery <postmaster@mx.list.example>", subject, text,
                         dsn_fields(n, "mx.list.example"), "text/rfc822-headers", returned_headers(n.rcpt));
    return plain("Internet Mail Delivery <postmaster@mx.list.example>", subject, text);
}
std::string sun_report(const Notice& n) { return sun_messaging(n, true); }
std::string sun_text(const Notice& n) { return sun_messaging(n, false); }

// Exchange 2000/2003's own notice: the original's fields, the recipient "on" a
// date, Exchange's explanation and the code in angle brackets with the host.
std::string exchange2003(const Notice& n) {
    std::string body = "Your message\n\n  To:      " + n.rcpt + "\n  Subject: Weekly news, release 2.3.0\n"
                       "  Sent:    Wed, 2 Dec 2026 09:00:00 +0000\n\n"
                       "did not reach the following recipient(s):\n\n" + n.rcpt + " on Thu, 3 Dec 2026 09:02:03 +0000\n";
    if (!n.reply.empty())
        body += "    The receiving system refused the message; its reply follows.\n    <mx.list.example #" + n.status +
                " smtp;" + n.reply + ">\n";
    else
        body += "    " + n.own_words + "\n    <mx.list.example #" + n.status + ">\n";
    return plain("System Administrator <postmaster@list.example>", "Undeliverable: Weekly news, release 2.3.0", body);
}

// Exchange 2010 and later as HTML alone (the report part and the original dropped
// by a relay that kept only the notice): the administrators' block in <p>s.
std::string exchange_html(const Notice& n) {
    std::string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"></head>"
                       "<body>\n<p><b><font color=\"#000066\" size=\"3\" face=\"Arial\">Delivery has failed to these "
                       "recipients or groups:</font></b></p>\n<font color=\"#000000\" size=\"2\" face=\"Tahoma\">"
                       "<p><a href=\"mailto:" + n.rcpt + "\">" + n.rcpt + "</a><br>\nThe receiving system gave the reason "
                       "below; check the address and try again.<br>\n</p></font>\n<br><br><br>\n"
                       "<font color=\"#808080\" size=\"2\" face=\"Tahoma\"><p><b>Diagnostic information for "
                       "administrators:</b></p>\n<p>Generating server: mx.list.example</p>\n<p>" + n.rcpt + "<br>\n" +
                       (n.reply.empty() ? "#" + n.own_words + " ##" : "mx.example.org #" + n.reply + " ##") +
                       "</p>\n<p>Original message headers:</p>\n<pre>";
    std::string headers = returned_headers(n.rcpt);
    for (auto at = headers.find('<'); at != std::string::npos; at = headers.find('<', at)) headers.replace(at, 1, "&lt;");
    for (auto at = headers.find('>'); at != std::string::npos; at = headers.find('>', at)) headers.replace(at, 1, "&gt;");
    html += headers + "</pre>\n</font>\n</body>\n</html>\n";
    return head("Microsoft Outlook <postmaster@list.example>", "Undeliverable: Weekly news, release 2.3.0",
                "MIME-Version: 1.0\nContent-Type: text/html; charset=us-ascii\n") + "\n" + html;
}

struct Expect {
    std::string reason, bounce_class, status;  // status "" when the notice states none
};

struct Row {
    std::string name, bytes, rcpt;
    Expect want;
};

using Builder = std::string (*)(const Notice&);

struct System {
    const char* name;
    Builder build;
    bool warns;         // sends a delay warning
    bool has_report;    // writes a report part (its Status is the summary)
    const char* dns;    // its own words when the domain does not resolve
};

// Each system gets one wording of each reply, in turn, so no one sentence carries
// the matrix. Codes are the receivers' (RFC 3463); the words differ.
const char* kUnknown[] = {
    "550 5.1.1 <{r}>: Recipient address rejected: User unknown in local recipient table",
    "550 5.1.1 The email account that you tried to reach does not exist",
    "550 5.1.1 {r}... No such user",
    "550 5.1.1 Mailbox {r} does not exist",
    "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
};
const char* kFull[] = {
    "552 5.2.2 <{r}>: Mailbox full",
    "552 5.2.2 Quota exceeded for this mailbox",
    "552 5.2.2 {r} mailbox is over its storage limit",
    "552 5.2.2 The recipient's mailbox is full and can't accept messages now",
};
const char* kBlocked[] = {
    "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org",
    "550 5.7.1 Your IP address 192.0.2.10 is listed in a DNS blocklist",
    "550 5.7.1 Message rejected as spam by content filtering",
};
const char* kBlockedReason[] = {"blocked", "blocked", "spamdetected"};

std::string fill(const char* pattern, const std::string& rcpt) {
    std::string s = pattern;
    for (auto at = s.find("{r}"); at != std::string::npos; at = s.find("{r}")) s.replace(at, 3, rcpt);
    return s;
}

std::vector<Row> rows_for(const System& s, std::size_t turn) {
    std::vector<Row> rows;
    auto add = [&](const std::string& what, const Notice& n, Expect e) {
        rows.push_back({std::string(s.name) + ": " + what, s.build(n), n.rcpt, std::move(e)});
    };
    const std::string unknown = fill(kUnknown[turn % 5], "hanako@example.org");
    add("unknown user at RCPT", {"hanako@example.org", false, unknown, "RCPT", "", "5.1.1"}, {"userunknown", "hard", "5.1.1"});
    const std::string full = fill(kFull[turn % 4], "saburo@example.org");
    add("mailbox full", {"saburo@example.org", false, full, "RCPT", "", "5.2.2"}, {"mailboxfull", "soft", "5.2.2"});
    const std::size_t b = turn % 3;
    add("policy refusal", {"ichiro@example.org", false, kBlocked[b], b == 2 ? "DATA" : "RCPT", "", "5.7.1"},
        {kBlockedReason[b], "policy", "5.7.1"});
    add("domain does not resolve", {"taro@nowhere.example", false, "", "", s.dns, "5.4.4"},
        {"hostunknown", "hard", ""});
    // Issue 12 item 1: words in the recipient's own address are no cause.
    const std::string virus = "virus.alerts@example.org";
    add("unknown user, 'virus' in the address", {virus, false, fill(kUnknown[(turn + 1) % 5], virus), "RCPT", "", "5.1.1"},
        {"userunknown", "hard", "5.1.1"});
    const std::string spam = "spam.reports@example.net";
    add("mailbox full, 'spam' in the address", {spam, false, fill(kFull[(turn + 1) % 4], spam), "RCPT", "", "5.2.2"},
        {"mailboxfull", "soft", "5.2.2"});
    if (s.warns)
        add("delay warning, full mailbox",
            {"goro@example.org", true, "452 4.2.2 <goro@example.org>: Mailbox full, try again later", "RCPT", "", "4.2.2"},
            {"mailboxfull", "delayed", "4.2.2"});
    return rows;
}

const System kSystems[] = {
    {"hmailserver", hmailserver, false, false, "No mail servers appear to exist for the recipient's address."},
    {"haraka", haraka, false, true, "Domain nowhere.example has no MX and no A record (ENOTFOUND)"},
    {"xmail", xmail, false, false, "Unable to resolve the MX for domain nowhere.example: host not found"},
    {"mdaemon", mdaemon, true, false, "*** DNS Error: Domain name not found: nowhere.example"},
    {"smartermail", smartermail, false, false,
     "Failed to connect to the recipients mail server. No MX records were found for the 'nowhere.example' domain."},
    {"communigate", communigate, true, true, "nowhere.example: domain name not found (no DNS A-data returned)"},
    {"groupwise", groupwise, false, false, "host not found"},
    {"groupwise-transcript", groupwise_transcript, false, false, "Host nowhere.example not found in DNS"},
    {"mailenable", mailenable, true, false, "Domain nowhere.example could not be resolved: host not found"},
    {"exchange-plain", exchange_plain, true, false, "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain"},
    {"hotmail", hotmail, true, true, "The domain name nowhere.example does not exist"},
    {"sun-messaging", sun_report, true, true, "Illegal host/domain name found"},
    {"sun-messaging-text", sun_text, true, false, "Illegal host/domain name found"},
    {"exchange2003", exchange2003, false, false,
     "The destination server for this recipient could not be found in Domain Name Service (DNS)."},
    {"exchange-html", exchange_html, false, false, "550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain"},
    {"yahoo", yahoo, false, false, "Sorry, I couldn't find any host named nowhere.example. (#5.1.2)"},
    {"qmail-ldap", qmail_ldap, false, false, "Sorry, I couldn't find any host named nowhere.example. (#5.1.2)"},
    {"domino", domino, false, false, "Host nowhere.example not found"},
};

std::vector<Row> matrix() {
    std::vector<Row> all;
    std::size_t turn = 0;
    for (const auto& s : kSystems)
        for (auto& r : rows_for(s, turn++)) all.push_back(std::move(r));
    return all;
}

void check_row(const Row& row) {
    auto report = classify::classify_message(row.bytes);
    INFO(row.name << " (format " << report.format << ")");
    CHECK(report.recipients.size() == 1);
    if (report.recipients.size() != 1) return;
    const auto& r = report.recipients[0];
    INFO("diagnostic: " << r.diagnostic << " | rule: " << r.rule << " | command: " << r.smtp_command);
    CHECK(r.recipient == row.rcpt);
    CHECK(to_string(r.bounce_class) == row.want.bounce_class);
    CHECK(to_string(r.reason) == row.want.reason);
    if (!row.want.status.empty()) CHECK(r.status == row.want.status);
    // Where the system returns the copy, it gives the original's identity.
    if (row.bytes.find("Message-ID: <issue-42@list.example>") != std::string::npos)
        CHECK(report.original.message_id == "<issue-42@list.example>");
}

}  // namespace

TEST_CASE("other mta notices: eighteen layouts x the common cases give one recipient, class, reason and status",
          "[classify][other-mta-notices]") {
    for (const auto& row : matrix()) check_row(row);
}


// Two recipients in one notice, for the systems that list several: each is found
// with its own reason, and no address of the returned copy is added.
TEST_CASE("other mta notices: two recipients in one notice, each with its own reason", "[classify][other-mta-notices]") {
    using ListBuilder = std::string (*)(const Notices&);
    const std::pair<const char*, ListBuilder> systems[] = {{"hmailserver", hmailserver_of}, {"smartermail", smartermail_of},
                                                           {"mailenable", mailenable_of}, {"exchange-plain", exchange_plain_of},
                                                           {"groupwise", groupwise_of}};
    const Notices failed = {
        {"hanako@example.org", false, "550 5.1.1 <hanako@example.org>: Recipient address rejected: User unknown", "RCPT", "", ""},
        {"jiro@example.net", false, "552 5.2.2 Mailbox quota exceeded for jiro@example.net", "RCPT", "", ""},
    };
    for (const auto& [name, build] : systems) {
        {
            INFO(name);
            auto report = classify::classify_message(build(failed));
            INFO("format " << report.format);
            CHECK(report.recipients.size() == 2);
            if (report.recipients.size() != 2) continue;
            CHECK(report.recipients[0].recipient == "hanako@example.org");
            CHECK(to_string(report.recipients[0].reason) == "userunknown");
            CHECK(report.recipients[1].recipient == "jiro@example.net");
            CHECK(to_string(report.recipients[1].reason) == "mailboxfull");
            CHECK(to_string(report.recipients[1].bounce_class) == "soft");
        }
    }
}

// A reply with words and no enhanced code ("550 No such user here"): the layouts
// that show the command it answered (hMailServer's "hMailServer sent: RCPT TO",
// MDaemon's "--> RCPT To", GroupWise's "Command: RCPT TO", Sun's "Remote SMTP
// server has rejected address", 1&1's "for RCPT TO command") make it the address
// (issue 12 item 2); a refusal after DATA in the same words is a filter's.
TEST_CASE("other mta notices: words without a code, read by the command the layout shows",
          "[classify][other-mta-notices]") {
    const std::pair<const char*, Builder> systems[] = {{"hmailserver", hmailserver},
                                                       {"mdaemon", mdaemon},
                                                       {"groupwise-transcript", groupwise_transcript},
                                                       {"sun-messaging-text", sun_text},
                                                       {"1and1", oneandone}};
    for (const auto& [name, build] : systems) {
        {
            INFO(name);
            auto report = classify::classify_message(build({"hanako@example.org", false, "550 No such user here", "RCPT", "", ""}));
            CHECK(report.recipients.size() == 1);
            if (report.recipients.size() != 1) continue;
            INFO("diagnostic: " << report.recipients[0].diagnostic << " | command " << report.recipients[0].smtp_command);
            CHECK(report.recipients[0].recipient == "hanako@example.org");
            CHECK(to_string(report.recipients[0].reason) == "userunknown");
            CHECK(to_string(report.recipients[0].bounce_class) == "hard");
            report = classify::classify_message(build({"shiro@example.org", false, "550 No such user here", "DATA", "", ""}));
            CHECK(report.recipients.size() == 1);
            if (report.recipients.size() != 1) continue;
            CHECK(report.recipients[0].recipient == "shiro@example.org");
            CHECK(to_string(report.recipients[0].reason) == "filtered");
        }
    }
}

// Delay warnings whose cause is the sending system's own words (no reply): still
// `delayed`, with the cause as the reason.
TEST_CASE("other mta notices: delay warnings with the system's own words", "[classify][other-mta-notices]") {
    struct Case {
        const char* name;
        Builder build;
        const char* words;
        const char* reason;
    };
    const Case cases[] = {
        {"mdaemon", mdaemon, "Connection to [192.0.2.25 : 25] failed: Connection refused", "networkerror"},
        {"communigate", communigate, "mx.example.org: connection refused", "networkerror"},
        {"mailenable", mailenable, "Connection to the remote server timed out", "expired"},
        {"exchange-plain", exchange_plain, "451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped\"", "networkerror"},
    };
    for (const auto& c : cases) {
        {
            INFO(c.name);
            auto report = classify::classify_message(c.build({"goro@example.org", true, "", "", c.words, "4.4.1"}));
            CHECK(report.recipients.size() == 1);
            if (report.recipients.size() != 1) continue;
            const auto& r = report.recipients[0];
            INFO("format " << report.format << " diagnostic: " << r.diagnostic << " | rule: " << r.rule);
            CHECK(r.recipient == "goro@example.org");
            CHECK(to_string(r.bounce_class) == "delayed");
            CHECK(to_string(r.reason) == c.reason);
        }
    }
}

// The heading sentences that MTAs without a layout of their own put above the list
// of failed recipients (CompuServe, Mirapoint, Netscape and Tobit-style notices,
// appliances, hosted services): whatever the words, an address on its own line
// under a heading that says delivery failed, with the reason on the line below, is
// the recipient and its reason. The returned copy follows after a blank line, as
// these notices attach it, with its traps.
TEST_CASE("other mta notices: the list under a failure heading, whatever its words", "[classify][other-mta-notices]") {
    const char* headings[] = {
        "Your message could not be delivered to the following recipients:",
        "This message could not be delivered to the following address(es):",
        "The following recipients did not receive your message:",
        "Your message has encountered delivery problems to the following recipient(s):",
        "Sorry. Your message could not be delivered to:",
        "Error delivering to the following recipients:",
        "Delivery failed for the following recipient(s):",
        "Unable to deliver your message to the following addresses:",
        "The following address(es) could not be reached:",
        "Permanent delivery errors occurred for these recipients:",
    };
    const struct {
        const char* rcpt;
        const char* reason_line;
        const char* reason;
        const char* bounce_class;
    } cases[] = {
        {"hanako@example.org", "550 5.1.1 <hanako@example.org>... User unknown", "userunknown", "hard"},
        {"saburo@example.org", "Mailbox is full (quota exceeded)", "mailboxfull", "soft"},
        {"ichiro@example.org", "554 5.7.1 Client host [192.0.2.10] blocked using bl.spamcop.net", "blocked", "policy"},
        {"taro@nowhere.example", "Host nowhere.example not found", "hostunknown", "hard"},
        // A version number in the system's own words is no status (issue 12 item 1).
        {"jiro@example.org", "Mailbox is full (checked by quotad 2.3.0)", "mailboxfull", "soft"},
        // A directory lookup that failed, in the reporting system's own words (no
        // reply, no command): about the address, not a filter's verdict.
        {"goro@example.org", "User goro (goro@example.org) not listed in Domino Directory", "userunknown", "hard"},
        {"rokuro@example.org", "The recipient name is not recognized", "userunknown", "hard"},
    };
    for (const char* heading : headings) {
        for (const auto& c : cases) {
            {
                INFO(heading << " / " << c.reason);
                std::string body = std::string("This is an automatic notice from the mail system at mx.list.example.\n\n") +
                                   heading + "\n\n   " + c.rcpt + "\n      " + c.reason_line +
                                   "\n\n------ Returned message ------\n" + returned_message(c.rcpt);
                auto report = classify::classify_message(plain("Mail System <postmaster@mx.list.example>",
                                                               "Undelivered mail: Weekly news, release 2.3.0", body));
                CHECK(report.recipients.size() == 1);
                if (report.recipients.size() != 1) continue;
                const auto& r = report.recipients[0];
                INFO("format " << report.format << " diagnostic: " << r.diagnostic << " | rule: " << r.rule);
                CHECK(r.recipient == c.rcpt);
                CHECK(to_string(r.reason) == c.reason);
                CHECK(to_string(r.bounce_class) == c.bounce_class);
            }
        }
    }
}

namespace {

// The notice's text part as these systems often send it: base64 (Exchange, Kerio,
// MDaemon's HTML-era notices), quoted-printable with soft line breaks (Domino,
// GroupWise, Exchange), and the whole message with CRLF line ends as it was on
// the wire. The text is the same after decoding, so the results must be too.
std::string base64_lines(const std::string& in) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out, line;
    for (std::size_t i = 0; i < in.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
        line += k[(v >> 18) & 63];
        line += k[(v >> 12) & 63];
        line += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
        line += i + 2 < in.size() ? k[v & 63] : '=';
        if (line.size() >= 76) {
            out += line + "\n";
            line.clear();
        }
    }
    return out + (line.empty() ? "" : line + "\n");
}

std::string quoted_printable(const std::string& in) {
    std::string out;
    std::size_t column = 0;
    for (char c : in) {
        if (c == '\n') {
            out += '\n';
            column = 0;
            continue;
        }
        std::string piece(1, c);
        if (c == '=' || static_cast<unsigned char>(c) > 126) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "=%02X", static_cast<unsigned char>(c));
            piece = hex;
        }
        if (column + piece.size() > 72) {
            out += "=\n";
            column = 0;
        }
        out += piece;
        column += piece.size();
    }
    return out;
}

// The first text/plain or text/html part (or the whole body of a single-part
// notice) encoded with `encoding`; "" when the message has no such part.
std::string encode_text_part(const std::string& m, const std::string& encoding) {
    auto type = m.find("Content-Type: text/plain; charset=us-ascii\n");
    if (type == std::string::npos) type = m.find("Content-Type: text/html; charset=us-ascii\n");
    if (type == std::string::npos) return {};
    const auto body = m.find("\n\n", type) + 2;
    const bool top = m.rfind("\n\n", type) == std::string::npos;
    auto end = top ? m.size() : m.find("\n------=_NextPart_ndr_0042", body);
    if (end == std::string::npos) return {};
    const std::string text = m.substr(body, end - body);
    const std::string encoded = encoding == "base64" ? base64_lines(text) : quoted_printable(text);
    std::string out = m.substr(0, body - 1) + "Content-Transfer-Encoding: " + encoding + "\n\n" + encoded;
    if (!top) out += m.substr(end);
    return out;
}

// The notice's text as an HTML part, as notices written for mail clients send it
// (SmarterMail, IceWarp, Exchange): each paragraph a <p>, each line break a <br>,
// the markup characters escaped. Only single-part notices; "" otherwise.
std::string as_html(const std::string& m) {
    const std::string plain_type = "Content-Type: text/plain; charset=us-ascii\n";
    const auto type = m.find(plain_type);
    const auto body = m.find("\n\n");
    if (type == std::string::npos || body == std::string::npos || type > body) return {};
    std::string html = "<html><body>\n<p>";
    for (std::size_t i = body + 2; i < m.size(); ++i) {
        const char c = m[i];
        if (c == '<') html += "&lt;";
        else if (c == '>') html += "&gt;";
        else if (c == '&') html += "&amp;";
        else if (c == '\n' && i + 1 < m.size() && m[i + 1] == '\n') {
            html += "</p>\n<p>";
            while (i + 1 < m.size() && m[i + 1] == '\n') ++i;
        } else if (c == '\n') html += "<br>\n";
        else html += c;
    }
    html += "</p>\n</body></html>\n";
    std::string head_part = m.substr(0, body + 1);
    head_part.replace(type, plain_type.size(), "Content-Type: text/html; charset=us-ascii\n");
    return head_part + "\n" + html;
}

// The notice's lines without their indentation, as a client's copy or a rendering
// of the HTML form leaves them: quoted fields ("  To: a@b") then start their line
// as a returned header would. Single-part notices only; "" otherwise.
std::string flush_left(const std::string& m) {
    const auto body = m.find("\n\n");
    if (m.find("Content-Type: text/plain; charset=us-ascii\n") > body) return {};
    std::string out = m.substr(0, body + 2);
    bool line_start = true;
    for (std::size_t i = body + 2; i < m.size(); ++i) {
        if (line_start && (m[i] == ' ' || m[i] == '\t')) continue;
        line_start = m[i] == '\n';
        out += m[i];
    }
    return out;
}

// The notice with a paragraph of its own that names the other parties, as many
// notices do: the message's sender, the envelope sender, the reporting host's
// postmaster. None of them is a recipient. Put after the notice's first line of
// text; "" when there is no text part.
std::string after_first_line(const std::string& m, const std::string& paragraph) {
    auto type = m.find("Content-Type: text/plain; charset=us-ascii\n");
    if (type == std::string::npos) return {};
    auto body = m.find("\n\n", type);
    auto first_line_end = body == std::string::npos ? body : m.find('\n', body + 2);
    if (first_line_end == std::string::npos) return {};
    return m.substr(0, first_line_end + 1) + "\n" + paragraph + "\n\n" + m.substr(first_line_end + 1);
}

std::string chatty(const std::string& m) {
    return after_first_line(m, "The message from Weekly News <news@list.example> (envelope sender bounces@list.example)\n"
                               "was handled by mx.list.example. Questions to postmaster@mx.list.example, please.");
}

// The reporting side's virus scanner stamps the notice itself, as gateways do.
std::string scanner_stamp(const std::string& m) {
    return after_first_line(m, "This notice was scanned for viruses by ClamAV 0.103.8 (signatures 2.3.0) and is clean.");
}

// The original's Subject made a trap wherever it stands, in the returned copy and
// in the notices that quote it (hMailServer's "Subject:", MDaemon's transcript,
// Domino's, Sun's and Exchange's quoted fields, XMail's own Subject line).
std::string trap_subject(std::string m) {
    const std::string from = "Weekly news, release 2.3.0";
    const std::string to = "Virus alert: 550 5.1.1 mailbox full, release 2.3.0";
    for (auto at = m.find(from); at != std::string::npos; at = m.find(from, at + to.size())) m.replace(at, from.size(), to);
    return m;
}

std::string with_crlf(const std::string& m) {
    std::string out;
    for (char c : m) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("other mta notices: the same notices encoded, with CRLF, as HTML, without indentation or naming the other parties give the same results",
          "[classify][other-mta-notices]") {
    for (const auto& row : matrix()) {
        for (const std::string transform :
             {"base64", "quoted-printable", "crlf", "html", "flush-left", "chatty", "trap-subject", "scanner-stamp"}) {
            const std::string bytes = transform == "crlf"         ? with_crlf(row.bytes)
                                      : transform == "html"       ? as_html(row.bytes)
                                      : transform == "flush-left" ? flush_left(row.bytes)
                                      : transform == "chatty"     ? chatty(row.bytes)
                                      : transform == "trap-subject" ? trap_subject(row.bytes)
                                      : transform == "scanner-stamp" ? scanner_stamp(row.bytes)
                                                                  : encode_text_part(row.bytes, transform);
            if (!bytes.empty()) check_row({row.name + " in " + transform, bytes, row.rcpt, row.want});
        }
    }
}

// A reply of several lines (RFC 5321 4.2.1: "550-" continued, "550 " last), as the
// systems that quote the reply under one label copy it: the lines after the first
// belong to the same reply.
TEST_CASE("other mta notices: a multi-line reply under one label", "[classify][other-mta-notices]") {
    const std::string reply = "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
                              "550-5.1.1 double-checking the recipient's email address for typos or\n"
                              "550 5.1.1 unnecessary spaces. For more information, go to the help pages.";
    const std::pair<const char*, Builder> systems[] = {{"hmailserver", hmailserver}, {"smartermail", smartermail},
                                                       {"mailenable", mailenable},   {"communigate", communigate},
                                                       {"yahoo", yahoo},             {"qmail-ldap", qmail_ldap},
                                                       {"xmail", xmail},             {"mdaemon", mdaemon}};
    for (const auto& [name, build] : systems) {
        {
            INFO(name);
            auto report = classify::classify_message(build({"hanako@example.org", false, reply, "RCPT", "", "5.1.1"}));
            CHECK(report.recipients.size() == 1);
            if (report.recipients.size() != 1) continue;
            const auto& r = report.recipients[0];
            INFO("format " << report.format << " diagnostic: " << r.diagnostic << " | rule: " << r.rule);
            CHECK(r.recipient == "hanako@example.org");
            CHECK(to_string(r.reason) == "userunknown");
            CHECK(r.status == "5.1.1");
        }
    }
}

// Notices that name the recipient by its local part only, as mail systems name
// their own users: GroupWise ("hanako (user not found)"), Domino ("User hanako
// not listed in Domino Directory"), AOL's old notice (the screen name under "could
// not be delivered"). The returned copy may give its To (README, the boundary):
// the one address among its To and Cc whose local part the notice names is the
// recipient; the others (Cc) are not.
TEST_CASE("other mta notices: a recipient named by its local part is found in the returned copy's To",
          "[classify][other-mta-notices]") {
    const std::string rcpt = "hanako@example.org";
    const std::pair<const char*, std::string> cases[] = {
        {"groupwise", plain("Postmaster <postmaster@gw.example.org>", "Message status - undeliverable",
                            "The message that you sent was undeliverable to the following:\n\thanako (user not found)\n\n"
                            "Possibly truncated original message follows:\n\n" + returned_message(rcpt))},
        {"domino", multipart("Mail Router <postmaster@notes.example.org>", "DELIVERY FAILURE: User hanako not listed",
                             "Your message\n\n  Subject: Weekly news, release 2.3.0\n\nwas not delivered to:\n\n  hanako\n\n"
                             "because:\n\n  User hanako not listed in Domino Directory\n",
                             "", "message/rfc822", returned_message(rcpt))},
        {"aol", plain("Mail Delivery Subsystem <MAILER-DAEMON@aol.example>", "Returned mail: User unknown",
                      "Your mail to the following recipients could not be delivered because they are not accepting "
                      "mail from news@list.example:\n\thanako\n\n--- Below this line is a copy of the message.\n\n" +
                          returned_message(rcpt))},
    };
    for (const auto& [name, bytes] : cases) {
        {
            INFO(name);
            auto report = classify::classify_message(bytes);
            INFO("format " << report.format);
            CHECK(report.recipients.size() == 1);
            if (report.recipients.size() != 1) continue;
            const auto& r = report.recipients[0];
            INFO("diagnostic: " << r.diagnostic << " | rule: " << r.rule);
            CHECK(r.recipient == rcpt);
            // "user not found" with no SMTP command: README's convention counts it a
            // filter's (policy) in layouts that do not say the command; either way a
            // failure, never a delivery read from the quoted Subject's "2.3.0".
            const std::string cls(to_string(r.bounce_class));
            CHECK((cls == "hard" || cls == "policy"));
        }
    }
}

// Older layouts still met in archives of real bounces, each in its known shape:
// smail's framed sections, MMDF's indented list, Exchange 5.5's MSEXCH codes,
// the SMTP service of Windows 2000/2003 that could not connect, an X.400 gateway
// naming the SMTP address inside its O/R address, a spam firewall's notice
// (Barracuda's shape), and Sun/PMDF's delay form.
TEST_CASE("other mta notices: older layouts", "[classify][other-mta-notices]") {
    struct Case {
        const char* name;
        std::string bytes;
        const char* rcpt;
        const char* reason;
        const char* bounce_class;
    };
    const Case cases[] = {
        {"mmdf",
         plain("MMDF Mail System <postmaster@mx.example.org>", "Failed mail  (msg.a012345)",
               "    Your message could not be delivered to the following recipients:\n\n"
               "        saburo@example.org:  552 Mailbox full, quota exceeded\n\n"
               "    Your message follows:\n\n" + returned_message("saburo@example.org")),
         "saburo@example.org", "mailboxfull", "soft"},
        {"exchange 5.5",
         plain("System Administrator <postmaster@example.org>", "Undeliverable: Weekly news, release 2.3.0",
               "Your message\n\n  To:      Hanako\n  Subject: Weekly news, release 2.3.0\n"
               "  Sent:    Wed, 2 Dec 2026 09:00:00 +0000\n\ndid not reach the following recipient(s):\n\n"
               "hanako@example.org on Thu, 3 Dec 2026 09:02:03 +0000\n"
               "    The recipient name is not recognized\n"
               "\tThe MTS-ID of the original message is: c=us;a= ;p=example;l=MAIL0112030902ABCD\n"
               "\tMSEXCH:IMS:Example:Site:MAIL 0 (000C05A6) Unknown Recipient\n"),
         "hanako@example.org", "userunknown", "hard"},
        {"smtpsvc, no connection",
         multipart("postmaster@mail.example.com", "Delivery Status Notification (Failure)",
                   "This is an automatically generated Delivery Status Notification.\n\n"
                   "Unable to deliver message to the following recipients, due to being unable to connect "
                   "successfully to the destination mail server.\n\n       goro@example.org\n\n",
                   "Reporting-MTA: dns;mail.example.com\n\nFinal-Recipient: rfc822;goro@example.org\n"
                   "Action: failed\nStatus: 4.4.7\n",
                   "message/rfc822", returned_message("goro@example.org")),
         "goro@example.org", "expired", "soft"},
        {"x.400 gateway",
         plain("X.400 Gateway <postmaster@x400.example.org>", "Nondelivery notification",
               "Your message was not delivered to:\n\n"
               "  c=FR;a= ;p=Example;o=MAIL;dda:SMTP=hanako@example.org;\n\n"
               "Reason: unable to transfer; Diagnostic: unrecognised O/R name (550 5.1.1)\n\n"
               "--- Original message follows.\n\n" + returned_message("hanako@example.org")),
         "hanako@example.org", "userunknown", "hard"},
        // A spam firewall's own notice: the address in its sentence, the message's
        // Subject quoted, then the reason, with no code.
        {"spam firewall",
         plain("Mail Delivery Subsystem <postmaster@spamfw.example.org>",
               "**Message you sent blocked by our bulk email filter**",
               "Your message to: hanako@example.org\nwas blocked by our Spam Firewall. The email you sent with "
               "the following subject has NOT BEEN DELIVERED:\n\nSubject: Weekly news, release 2.3.0\n\n"
               "Reason: Score exceeded the block threshold of the spam filter\n"),
         "hanako@example.org", "spamdetected", "policy"},
        {"pmdf delay",
         plain("PMDF e-Mail Interconnect <postmaster@mx.example.org>", "Delivery Notification: Delivery has been delayed",
               "This report relates to a message you sent with the following header fields:\n\n"
               "  Message-id: <issue-42@list.example>\n  Subject: Weekly news, release 2.3.0\n\n"
               "Your message has been delayed and is still awaiting delivery\nto the following recipient(s):\n\n"
               "  goro@example.org\n    (Delivery attempts will continue to be made for 4 day(s))\n"
               "    Reason: mailbox goro is over quota, try again later\n"),
         "goro@example.org", "mailboxfull", "delayed"},
    };
    for (const auto& c : cases) {
        {
            INFO(c.name);
            auto report = classify::classify_message(c.bytes);
            INFO("format " << report.format);
            CHECK(report.recipients.size() == 1);
            if (report.recipients.size() != 1) continue;
            const auto& r = report.recipients[0];
            INFO("diagnostic: " << r.diagnostic << " | rule: " << r.rule);
            CHECK(r.recipient == c.rcpt);
            CHECK(to_string(r.reason) == c.reason);
            CHECK(to_string(r.bounce_class) == c.bounce_class);
        }
    }
}

// smail's framed sections: its own "unknown user", with no reply and no code. The
// notice does not say the command, so README's convention (sisimai's, which labels
// the development corpus) counts the words as a filter's after DATA. Reading words
// with no reply and no code at all as the address (no receiver answered, so no
// DATA stage was reached) was measured: held-out class rose for Domino (0.667 ->
// 1.000), Exchange 2003 (0.167 -> 0.833) and IMail (0.333 -> 0.667), but the
// development corpus fell from 0.983 to 0.968, below its floor, on files labelled
// filtered (x1, x2). So this stays a known miss until the convention is revisited.
TEST_CASE("other mta notices: smail's own 'unknown user' is the address", "[classify][other-mta-notices][!mayfail]") {
    auto report = classify::classify_message(
        plain("MAILER-DAEMON@mx.example.org", "mail failed, returning to sender",
              "|------------------------- Failed addresses follow: ---------------------|\n"
              " <hanako@example.org> ... unknown user\n"
              "|------------------------- Message text follows: ------------------------|\n" +
                  returned_message("hanako@example.org")));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "hanako@example.org");
    CHECK(to_string(report.recipients[0].reason) == "userunknown");
}

// qmail-remote closes the receiver's reply with its own "Giving up on <ip>." on the
// next line (qmail-remote.c). That is the reporting MTA stopping, not the cause:
// when the receiver's words are ones no rule knows, the codes decide, never the
// wrapper's "giving up" (an expiry). qmail-smtpd's own refusal for a domain it
// does not serve is a relay refusal.
TEST_CASE("other mta notices: qmail's 'Giving up on' is not the receiver's cause", "[classify][other-mta-notices]") {
    const struct {
        const char* reply;
        const char* reason;
    } cases[] = {
        {"550 Unknown local part hanako in <hanako@example.org>", nullptr},
        {"553 5.1.2 <hanako@example.org>... Domain of address example.org does not exist", "hostunknown"},
        {"553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "norelaying"},
    };
    for (const auto& c : cases) {
        {
            INFO(c.reply);
            for (Builder build : {qmail_ldap, yahoo}) {
                auto report = classify::classify_message(build({"hanako@example.org", false, c.reply, "RCPT", "", ""}));
                CHECK(report.recipients.size() == 1);
                if (report.recipients.size() != 1) continue;
                const auto& r = report.recipients[0];
                INFO("format " << report.format << " diagnostic: " << r.diagnostic << " | rule: " << r.rule);
                CHECK(to_string(r.reason) != "expired");
                if (c.reason) CHECK(to_string(r.reason) == c.reason);
            }
        }
    }
}


// A list whose entries copy the recipient as the message's To wrote it, with its
// display name (RFC 5322 name-addr): each entry is its recipient, with its own
// reason line; the reason line's "<a@b>" is no second entry.
TEST_CASE("other mta notices: list entries with a display name", "[classify][other-mta-notices]") {
    const std::string body = "Your message could not be delivered to the following recipients:\n\n"
                             "   Hanako Yamada <hanako@example.org>\n      550 5.1.1 <hanako@example.org>... User unknown\n"
                             "   \"Saburo\" <saburo@example.net>\n      552 5.2.2 Mailbox full\n\n"
                             "------ Returned message ------\n" + returned_message("hanako@example.org");
    auto report = classify::classify_message(plain("Mail System <postmaster@mx.list.example>", "Undelivered mail", body));
    REQUIRE(report.recipients.size() == 2);
    CHECK(report.recipients[0].recipient == "hanako@example.org");
    CHECK(to_string(report.recipients[0].reason) == "userunknown");
    CHECK(report.recipients[1].recipient == "saburo@example.net");
    CHECK(to_string(report.recipients[1].reason) == "mailboxfull");
}

// The bounce's own Subject names the recipient and its text names no one: the
// Subject's address, when the returned copy's To or Cc has it too; a Subject that
// names someone the copy was not addressed to names no recipient.
TEST_CASE("other mta notices: a recipient named only in the bounce's Subject", "[classify][other-mta-notices]") {
    auto notice = [](const std::string& subject) {
        return plain("Mail System <postmaster@mx.list.example>", subject,
                     "The remote server refused the message.\nReason: 550 5.1.1 No such user here.\n\n"
                     "------ Returned message ------\n" + returned_message("hanako@example.org"));
    };
    auto report = classify::classify_message(notice("Delivery failure to hanako@example.org"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "hanako@example.org");
    CHECK(to_string(report.recipients[0].reason) == "userunknown");
    report = classify::classify_message(notice("Delivery failure: news for stranger@example.com"));
    CHECK(report.recipients.empty());
    // No returned copy, and the Subject names the list's own address (the domain
    // the bounce returns to): no recipient.
    report = classify::classify_message(plain("Mail System <postmaster@mx.other.example>",
                                              "Delivery failure: newsletter from weekly@list.example",
                                              "The remote server refused the message.\nReason: 550 5.1.1 No such user here.\n"));
    CHECK(report.recipients.empty());
}

// A delay notice with no report part and no sentence that says "still trying":
// the Subject names the delay in the system's own words. A failure's Subject that
// quotes an original Subject holding "delay" stays a failure.
TEST_CASE("other mta notices: a Subject that names a delay makes a warning", "[classify][other-mta-notices]") {
    auto notice = [](const std::string& subject, const std::string& lead) {
        return plain("Mail System <postmaster@mx.list.example>", subject,
                     lead + "\n\n   goro@example.org\n      451 4.2.2 Mailbox full, try again later\n\n"
                            "------ Returned message ------\n" + returned_message("goro@example.org"));
    };
    const std::string waiting = "Your message to the following recipients is waiting in the queue:";
    for (const char* subject : {"Delivery delay notification", "DELIVERY DELAY: Weekly news", "Message status - delayed",
                                "Mail delivery delayed"}) {
        INFO(subject);
        auto report = classify::classify_message(notice(subject, waiting));
        CHECK(report.recipients.size() == 1);
        if (report.recipients.size() != 1) continue;
        CHECK(to_string(report.recipients[0].bounce_class) == "delayed");
        CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
    }
    auto report = classify::classify_message(notice("Undeliverable: Train delays this week",
                                                    "Your message could not be delivered to the following recipients:"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].bounce_class) == "soft");
    CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
}

// Localised notices (Exchange, MDaemon, GroupWise, Domino and Kerio translate
// theirs) keep the list's shape: a sentence ending in a colon, then one address a
// line with its reason below. Read by that shape, whatever the language, each
// recipient with its own reason: the second has words and no code, so only the
// list gives it to its address.
TEST_CASE("other mta notices: a list under a heading in any language", "[classify][other-mta-notices]") {
    const char* headings[] = {
        "Die Nachricht konnte an folgende Empf\xC3\xA4nger nicht zugestellt werden:",
        "Votre message n'a pas pu \xC3\xAAtre remis aux destinataires suivants :",
        "No se pudo entregar el mensaje a los siguientes destinatarios:",
        "Het bericht kon niet worden afgeleverd bij de volgende ontvangers:",
        "Meddelandet kunde inte levereras till f\xC3\xB6ljande mottagare:",
        "Wiadomo\xC5\x9B\xC4\x87 nie mog\xC5\x82""a zosta\xC4\x87 dostarczona do nast\xC4\x99puj\xC4\x85""cych odbiorc\xC3\xB3w:",
        "\xD0\xA1\xD0\xBE\xD0\xBE\xD0\xB1\xD1\x89\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5 \xD0\xBD\xD0\xB5 \xD0\xB4\xD0\xBE\xD1\x81"
        "\xD1\x82\xD0\xB0\xD0\xB2\xD0\xBB\xD0\xB5\xD0\xBD\xD0\xBE \xD1\x81\xD0\xBB\xD0\xB5\xD0\xB4\xD1\x83\xD1\x8E\xD1\x89"
        "\xD0\xB8\xD0\xBC \xD0\xBF\xD0\xBE\xD0\xBB\xD1\x83\xD1\x87\xD0\xB0\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8F\xD0\xBC:",
    };
    for (const char* heading : headings) {
        INFO(heading);
        const std::string body = std::string(heading) +
                                 "\n\n   hanako@example.org\n      550 5.1.1 <hanako@example.org>... User unknown\n"
                                 "   jiro@example.net\n      Mailbox is full\n\n------ Returned message ------\n" +
                                 returned_message("hanako@example.org");
        auto report = classify::classify_message(
            head("Mail System <postmaster@mx.list.example>", "Undeliverable: Weekly news",
                 "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n") + "\n" + body);
        CHECK(report.recipients.size() == 2);
        if (report.recipients.size() != 2) continue;
        CHECK(report.recipients[0].recipient == "hanako@example.org");
        CHECK(to_string(report.recipients[0].reason) == "userunknown");
        CHECK(report.recipients[1].recipient == "jiro@example.net");
        CHECK(to_string(report.recipients[1].reason) == "mailboxfull");
    }
}

// Notices from a sender that is no daemon (a gateway's own address) are known by
// their Subject: an X.400 gateway's "Nondelivery notification", Sun's "Delivery
// Notification: ...", the delay notices that carry no report part.
TEST_CASE("other mta notices: a gateway's notice known by its Subject", "[classify][other-mta-notices]") {
    const struct {
        const char* subject;
        const char* bounce_class;
    } cases[] = {
        {"Nondelivery notification", "soft"},
        {"Delivery Notification: Delivery has failed", "soft"},
        {"Delivery report", "soft"},
        {"Delivery delay notification", "delayed"},
        {"Delayed Mail: Weekly news", "delayed"},
    };
    for (const auto& c : cases) {
        INFO(c.subject);
        auto report = classify::classify_message(
            plain("Mail Gateway <gateway@x400.example.org>", c.subject,
                  "The message to the following recipient has not reached it:\n\n   goro@example.org\n"
                  "      452 4.2.2 Mailbox full\n\n------ Returned message ------\n" +
                      returned_message("goro@example.org")));
        CHECK(report.recipients.size() == 1);
        if (report.recipients.size() != 1) continue;
        CHECK(report.recipients[0].recipient == "goro@example.org");
        CHECK(to_string(report.recipients[0].bounce_class) == c.bounce_class);
        CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
    }
}

// The reason stated above the list it applies to ("The remote server answered:
// 550 ... / That error concerns the following recipients:"): with one recipient
// listed and no code on its own lines, the notice's one reply is about it.
TEST_CASE("other mta notices: a reason stated above a list of one", "[classify][other-mta-notices]") {
    auto report = classify::classify_message(
        plain("Mail Delivery System <postmaster@mx.list.example>", "Undeliverable mail",
              "The remote server answered: 550 5.1.1 User unknown\nThat error concerns the following recipients:\n\n"
              "   hanako@example.org\n\n------ Returned message ------\n" + returned_message("hanako@example.org")));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "hanako@example.org");
    CHECK(to_string(report.recipients[0].reason) == "userunknown");
    CHECK(report.recipients[0].status == "5.1.1");
}

// A sentence ending in a colon above an address is also how a notice says whom to
// ask: that address is no recipient, and the one its error line names is.
TEST_CASE("other mta notices: a helpdesk's address under a sentence is no list", "[classify][other-mta-notices]") {
    auto report = classify::classify_message(
        plain("Mail Delivery System <postmaster@mx.list.example>", "Undeliverable mail",
              "If you need help with this notice, please write to the team at:\n\n   helpdesk@support.example.com\n\n"
              "The message could not be delivered.\n550 <hanako@example.org>... User unknown\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "hanako@example.org");
}
