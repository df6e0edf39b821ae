// Japanese carriers and ISPs (au EZweb, au one net, BIGLOBE, NTT docomo), their
// charsets, and the generic RFC 3464 reader they share with everyone. Each message
// is written here, small, with only what the decoder looks at.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "classify/parse/message.h"
#include "dsn_builder.h"

namespace {

using classify::classify_message;
using classify::to_string;

std::string with_crlf(const std::string& lf) {
    std::string out;
    for (char c : lf) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

const std::string kEzwebHeaders =
    "From: Postmaster@ezweb.ne.jp\n"
    "To: news@list.example\n"
    "Subject: Mail System Error - Returned Mail\n"
    "Message-ID: <20240401000000.AB12@nm11lds01a.ezweb.ne.jp>\n"
    "MIME-Version: 1.0\n";

std::string ezweb_bounce(const std::string& body, const std::string& extra_headers = "") {
    return kEzwebHeaders + extra_headers + "Content-Type: text/plain; charset=\"ISO-2022-JP\"\n\n" + body;
}

// A Postfix DSN whose human-readable part says which command was refused.
std::string postfix_dsn(const std::string& recipient, const std::string& remote, const std::string& said,
                        const std::string& status) {
    return "From: MAILER-DAEMON@mx.list.example (Mail Delivery System)\n"
           "To: news@list.example\n"
           "Subject: Undelivered Mail Returned to Sender\n"
           "MIME-Version: 1.0\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
           "--B\nContent-Type: text/plain; charset=us-ascii\n\n"
           "This is the mail system at host mx.list.example.\n\n"
           "<" + recipient + ">: host " + remote + "[192.0.2.9] said:\n    " + said + "\n\n"
           "--B\nContent-Type: message/delivery-status\n\n"
           "Reporting-MTA: dns; mx.list.example\n\n"
           "Final-Recipient: rfc822; " + recipient + "\nAction: failed\nStatus: " + status + "\n"
           "Remote-MTA: dns; " + remote + "\n"
           "Diagnostic-Code: smtp; 550 Unknown user " + recipient + "\n\n"
           "--B--\n";
}

}  // namespace

TEST_CASE("ezweb: the carrier's sentence about the account outranks the relayed reply", "[classify][jp]") {
    auto report = classify_message(ezweb_bounce(
        "\x1b$BAw?.$G$-$^$;$s$G$7$?\x1b(B\n\n"
        "The user(s) account is disabled.\n\n"
        "<taro@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)\n"));
    REQUIRE(report.format == "ezweb");
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.recipient == "taro@ezweb.ne.jp");
    CHECK(r.reply_code == 550);
    CHECK(to_string(r.reason) == "suspend");
    CHECK(to_string(r.bounce_class) == "soft");
    CHECK(r.status == "5.0.921");
}

TEST_CASE("ezweb: 'temporarily limited' is a suspended account", "[classify][jp]") {
    auto report = classify_message(ezweb_bounce("The user(s) account is temporarily limited.\n\n<hanako@ezweb.ne.jp>\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].reason) == "suspend");
}

TEST_CASE("ezweb: a recipient block with the RCPT transcript is an unknown user", "[classify][jp]") {
    auto report = classify_message(with_crlf(ezweb_bounce(
        "Each of the following recipients was rejected by a remote\nmail server.\n\n"
        "    Recipient: <jiro@ezweb.ne.jp>\n"
        "    >>> RCPT TO:<jiro@ezweb.ne.jp>\n"
        "    <<< 550 <jiro@ezweb.ne.jp>: User unknown\n\n\n")));
    REQUIRE(report.format == "ezweb");
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.recipient == "jiro@ezweb.ne.jp");
    CHECK(r.reply_code == 550);
    CHECK(r.smtp_command == "RCPT");
    CHECK(to_string(r.reason) == "userunknown");
    CHECK(to_string(r.bounce_class) == "hard");
    CHECK(r.status == "5.0.911");
}

TEST_CASE("ezweb: X-SPASIGN: NG means the subscriber's reception filter refused", "[classify][jp]") {
    auto report = classify_message(ezweb_bounce(
        "<saburo@ezweb.ne.jp>\n\nEach of the following recipients was rejected by a remote mail server.\n"
        "---------------------------------------------------\n"
        "From: news@list.example\nTo: saburo@ezweb.ne.jp\nSubject: news\n",
        "X-SPASIGN: NG\n"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "saburo@ezweb.ne.jp");
    CHECK(to_string(report.recipients[0].reason) == "filtered");
    CHECK(to_string(report.recipients[0].bounce_class) == "policy");
    CHECK(report.recipients[0].status == "5.0.910");
}

TEST_CASE("ezweb: a single mark (the subject alone) is not enough", "[classify][jp]") {
    auto report = classify_message(
        "From: someone@example.com\nTo: news@list.example\nSubject: Mail System Error - Returned Mail\n\n"
        "The user(s) account is disabled.\n\n<taro@example.com>\n");
    CHECK(report.format != "ezweb");
}

TEST_CASE("kddi: au one net's English block names the recipient and the reason", "[classify][jp]") {
    auto report = classify_message(
        "From: no-reply@ab0000.dion.ne.jp\nTo: news@list.example\nSubject: Mail\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"K\"\n\n"
        "--K\nContent-Type: text/plain; charset=\"ISO-2022-JP\"\n\n"
        "Your mail sent on: Mon, 1 Apr 2024 10:00:00 +0900\n"
        "     Could not be delivered to: <shiro@ab0000.dion.ne.jp>\n"
        "     As their mailbox is full.\n\n"
        "--K\nContent-Type: message/rfc822\n\nFrom: news@list.example\nTo: shiro@ab0000.dion.ne.jp\n\nhi\n--K--\n");
    REQUIRE(report.format == "kddi");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "shiro@ab0000.dion.ne.jp");
    CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
    CHECK(report.recipients[0].status == "5.0.922");
}

TEST_CASE("kddi: 'As the remote domain doesnt exist' is an unknown host", "[classify][jp]") {
    auto report = classify_message(
        "From: no-reply@ab0000.dion.ne.jp\nTo: news@list.example\nSubject: Mail\n\n"
        "Your mail attempted to be delivered on: Mon, 1 Apr 2024 10:00:00 +0900\n"
        "     Could not be delivered to: <kuro@nowhere.example>\n"
        "     As the remote domain doesnt exist.\n");
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].reason) == "hostunknown");
}

TEST_CASE("biglobe: bare address lines and the non-delivered information block", "[classify][jp]") {
    auto report = classify_message(
        "From: postmaster@biglobe.ne.jp\nTo: news@list.example\nSubject: Returned mail: Service unavailable\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=\"iso-2022-jp\"\n\n"
        "   ----- The following addresses had delivery problems -----\n"
        "postmaster@mxr.biglobe.ne.jp\n"
        "tama@mxr.biglobe.ne.jp\n\n"
        "   ----- Non-delivered information -----\n"
        "The number of messages in recipient's mailbox exceeded the local limit.\n");
    REQUIRE(report.format == "biglobe");
    REQUIRE(report.recipients.size() == 2);
    CHECK(report.recipients[0].recipient == "postmaster@mxr.biglobe.ne.jp");
    CHECK(report.recipients[1].recipient == "tama@mxr.biglobe.ne.jp");
    for (const auto& r : report.recipients) {
        CHECK(to_string(r.reason) == "mailboxfull");
        CHECK(to_string(r.bounce_class) == "soft");
    }
}

TEST_CASE("docomo: 'Unknown user' in reply to end of DATA is the subscriber's refusal", "[classify][jp]") {
    auto report = classify_message(postfix_dsn("taro@docomo.ne.jp", "mfsmax.docomo.ne.jp",
        "550 Unknown user taro@docomo.ne.jp (in reply to end of DATA\n    command)", "5.0.0"));
    REQUIRE(report.format == "rfc3464");
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.smtp_command == "DATA");
    CHECK(to_string(r.reason) == "rejected");
    CHECK(to_string(r.bounce_class) == "policy");
    CHECK(r.status == "5.0.0");
}

TEST_CASE("docomo: the same words at RCPT are an unknown user", "[classify][jp]") {
    auto report = classify_message(postfix_dsn("taro@docomo.ne.jp", "mfsmax.docomo.ne.jp",
        "550 Unknown user taro@docomo.ne.jp (in reply to RCPT TO command)", "5.0.0"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].smtp_command == "RCPT");
    CHECK(to_string(report.recipients[0].reason) == "userunknown");
}

TEST_CASE("docomo: sendmail's Status 5.2.0 for 'Unknown user' is a filter", "[classify][jp]") {
    auto dsn = test::make_dsn("taro@docomo.ne.jp", "550 Unknown user taro@docomo.ne.jp", "5.2.0");
    auto at = dsn.find("Action:");
    dsn.insert(at, "Remote-MTA: dns; mfsmax.docomo.ne.jp\n");
    auto report = classify_message(dsn);
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].reason) == "filtered");
    CHECK(report.recipients[0].status == "5.2.0");
}

TEST_CASE("au: '550 : User unknown' without the address is the reception filter", "[classify][jp]") {
    auto filtered = classify_message(test::make_dsn("neko@ezweb.ne.jp", "550 : User unknown", "5.2.0"));
    REQUIRE(filtered.recipients.size() == 1);
    CHECK(to_string(filtered.recipients[0].reason) == "filtered");
    auto unknown = classify_message(test::make_dsn("neko@ezweb.ne.jp", "550 <neko@ezweb.ne.jp>: User unknown", "5.1.1"));
    REQUIRE(unknown.recipients.size() == 1);
    CHECK(to_string(unknown.recipients[0].reason) == "userunknown");
    // The same words from another receiver mean nothing special.
    auto elsewhere = classify_message(test::make_dsn("neko@example.org", "550 : User unknown", "5.1.1"));
    REQUIRE(elsewhere.recipients.size() == 1);
    CHECK(to_string(elsewhere.recipients[0].reason) == "userunknown");
}

TEST_CASE("charset: 8-bit text labelled ISO-2022-JP is read as UTF-8 or EUC-JP", "[classify][jp][charset]") {
    classify::Limits limits;
    auto utf8 = classify::parse_message(
        "From: a@example.jp\nContent-Type: text/plain; charset=ISO-2022-JP\n\n"
        "\xE5\xAE\xB9\xE9\x87\x8F\n", limits);  // 容量 in UTF-8
    REQUIRE(utf8.message.parts.size() == 1);
    CHECK(utf8.message.parts[0].text.find("\xE5\xAE\xB9\xE9\x87\x8F") != std::string::npos);
    auto euc = classify::parse_message(
        "From: a@example.jp\nContent-Type: text/plain; charset=iso-2022-jp\n\n\xCD\xC6\xCE\xCC\n", limits);
    REQUIRE(euc.message.parts.size() == 1);
    CHECK(euc.message.parts[0].text.find("\xE5\xAE\xB9\xE9\x87\x8F") != std::string::npos);
    auto jis = classify::parse_message(
        "From: a@example.jp\nContent-Type: text/plain; charset=iso-2022-jp\n\n\x1b$BMFNL\x1b(B\n", limits);
    REQUIRE(jis.message.parts.size() == 1);
    CHECK(jis.message.parts[0].text.find("\xE5\xAE\xB9\xE9\x87\x8F") != std::string::npos);
}

TEST_CASE("mime: multipart_without_boundary_lines keeps its body as text", "[classify][jp]") {
    classify::Limits limits;
    auto parsed = classify::parse_message(
        "From: MAILER-DAEMON@mx.example.net\nSubject: Returned mail\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n    boundary=\"never-used\"\n\n"
        "   ----- The following addresses had permanent fatal errors -----\n<kijitora@example.net>\n", limits);
    REQUIRE(parsed.message.parts.size() == 1);
    CHECK(parsed.message.parts[0].text.find("kijitora@example.net") != std::string::npos);
}

TEST_CASE("rfc3464: table rows shared by every DSN", "[classify][jp][rfc3464]") {
    struct Row {
        const char* diagnostic;
        const char* status;
        const char* reason;
    };
    const Row rows[] = {
        {"550 5.7.1 Message content rejected, UBE, id=12345", "5.7.1", "spamdetected"},
        {"501 5.1.8 Sender address rejected", "5.1.8", "rejected"},
        {"DNS Error: The domain example.org doesn't receive email according to the administrator: returned Null MX",
         "5.1.10", "notaccept"},
        {"550 5.7.1 We reduce nothing: introduce yourself to postmaster", "5.7.1", "blocked"},
    };
    for (const auto& row : rows) {
        auto report = classify_message(test::make_dsn("user@example.org", row.diagnostic, row.status));
        REQUIRE(report.recipients.size() == 1);
        INFO(row.diagnostic);
        CHECK(to_string(report.recipients[0].reason) == row.reason);
    }
}

TEST_CASE("rfc3464: a report whose boundary never occurs is read from its inline fields", "[classify][jp][rfc3464]") {
    auto report = classify_message(
        "From: MAILER-DAEMON@mx.list.example (Mail Delivery System)\nTo: news@list.example\n"
        "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"A.1\"\n\n"
        "--A.2\nContent-Type: text/plain\n\n"
        "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 <neko@example.org>:\n"
        "    Recipient address rejected: User unknown (in reply to RCPT TO command)\n\n"
        "--A.2\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.list.example\n\n"
        "Final-Recipient: rfc822; neko@example.org\nOriginal-Recipient: rfc822;neko@example.org\n"
        "Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.org\n\n"
        "--A.2\nContent-Type: message/rfc822\n\nFrom: news@list.example\nTo: neko@example.org\n\nhi\n--A.2--\n");
    REQUIRE(report.format == "rfc3464");
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.recipient == "neko@example.org");
    CHECK(r.status == "5.1.1");
    CHECK(r.smtp_command == "RCPT");
    CHECK(to_string(r.reason) == "userunknown");
}

TEST_CASE("rfc3464: a comment in the Status field explains when nothing else does", "[classify][jp][rfc3464]") {
    auto dsn = test::make_dsn("sabatora@cat.example.net", "", "4.0.0 (cat.example.net: host name lookup failure)", "delayed");
    auto at = dsn.find("Diagnostic-Code: smtp; \n");
    REQUIRE(at != std::string::npos);
    dsn.erase(at, std::string("Diagnostic-Code: smtp; \n").size());
    auto report = classify_message(dsn);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].status == "4.0.0");
    CHECK(report.recipients[0].diagnostic == "cat.example.net: host name lookup failure");
    CHECK(to_string(report.recipients[0].reason) == "networkerror");
}
