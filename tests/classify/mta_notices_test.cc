// The failure notices and delay warnings of the five MTAs Debian ships (Postfix,
// Exim, OpenSMTPD, Sendmail, Courier), built by mta_builders.h (which says where
// each structure comes from), for the same eight cases: an unknown user at RCPT,
// an unknown domain, a full mailbox (4xx given up on, and 5xx), a policy refusal
// at RCPT, a refusal after DATA, a delay warning with a cause and one without.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/rules/delay_warning.h"

#include "mta_builders.h"

namespace {

using classify::to_string;
using namespace mta_builders;

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
         sendmail_given_up("jiro@example.org", "452 4.2.2 <jiro@example.org>... Mailbox full", "4.2.2"),
         "jiro@example.org", {"mailboxfull", "soft", "4.2.2"}},
        {"sendmail: given up after the queue timeout, no reply",
         sendmail_given_up("rokuro@example.org", "", "4.4.7"),
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
