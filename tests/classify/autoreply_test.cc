// RFC 3834 automatic replies: a person's out-of-office reply is class "autoreply";
// the same headers from a mail system's mailbox are not a person's reply.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "dsn_builder.h"

namespace {

using classify::classify_message;
using classify::to_string;

}  // namespace

TEST_CASE("autoreply: Auto-Submitted: auto-replied from a person is a vacation reply", "[classify][autoreply]") {
    auto report = classify_message(
        "From: Taro <taro@example.jp>\nTo: news@list.example\nSubject: Re: news\n"
        "Auto-Submitted: auto-replied\n\nI am away until Monday.\n");
    REQUIRE(report.format == "rfc3834");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "taro@example.jp");
    CHECK(to_string(report.recipients[0].reason) == "vacation");
    CHECK(to_string(report.recipients[0].bounce_class) == "autoreply");
}

TEST_CASE("autoreply: a Japanese subject at the start is enough", "[classify][autoreply]") {
    auto report = classify_message(
        "From: hanako@example.jp\nTo: news@list.example\n"
        "Subject: =?UTF-8?B?6Ieq5YuV6L+U5L+h?=\n\n\xE4\xB8\x8D\xE5\x9C\xA8\n");  // 自動返信 / 不在
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].reason) == "vacation");
}

TEST_CASE("autoreply: auto-replied notices from postmaster are not a person's reply", "[classify][autoreply]") {
    auto report = classify_message(
        "From: postmaster@example.de\nTo: news@list.example\nSubject: notification\n"
        "Auto-Submitted: auto-replied\n\nThis is an automatic notice.\n");
    CHECK(report.format != "rfc3834");
    for (const auto& r : report.recipients) CHECK(to_string(r.bounce_class) != "autoreply");
}

TEST_CASE("autoreply: a subject that only mentions a holiday is not enough", "[classify][autoreply]") {
    auto report = classify_message(
        "From: jiro@example.jp\nTo: news@list.example\nSubject: Photos from my vacation\n\nLook!\n");
    CHECK(report.recipients.empty());
}

// Issue 12, item 7: subjects written by mail programs in other languages and by
// Lotus Notes, the headers vacation programs set, and challenge-response notices.
// Each message is the reply's own; none of them is a bounce.

namespace {

std::string reply(const std::string& subject, const std::string& extra_headers = "",
                  const std::string& body = "I am away until Monday.\n") {
    return "From: Someone <someone@example.org>\nTo: bounces@list.example\nSubject: " + subject + "\n" +
           extra_headers + "\n" + body;
}

void check_autoreply(const std::string& message) {
    auto report = classify_message(message);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "someone@example.org");
    CHECK(to_string(report.recipients[0].bounce_class) == "autoreply");
    CHECK(to_string(report.recipients[0].reason) == "vacation");
}

}  // namespace

TEST_CASE("autoreply: Lotus Notes' \"AUTO: ... is out of the office\" subject", "[classify][autoreply]") {
    check_autoreply(reply("AUTO: Someone Example is out of the office (returning 07.12.2026)"));
}

TEST_CASE("autoreply: Outlook's localised \"Automatic reply:\" prefixes", "[classify][autoreply]") {
    for (const char* subject : {
             "Automatische Antwort: Weekly news", "Abwesenheitsnotiz: Weekly news",
             "=?UTF-8?Q?R=C3=A9ponse_automatique=C2=A0:_Weekly_news?=", "Respuesta autom\xC3\xA1tica: Weekly news",
             "Resposta autom\xC3\xA1tica: Weekly news", "Risposta automatica: Weekly news",
             "Automatisch antwoord: Weekly news", "\xE8\x87\xAA\xE5\x8B\x95\xE5\xBF\x9C\xE7\xAD\x94: Weekly news",
             "\xE8\x87\xAA\xE5\x8A\xA8\xE5\x9B\x9E\xE5\xA4\x8D: Weekly news",
             "\xEC\x9E\x90\xEB\x8F\x99 \xEC\x9D\x91\xEB\x8B\xB5: Weekly news", "AW: Abwesenheit bis 7.12.",
             "Autosvar: Weekly news"}) {
        INFO(subject);
        check_autoreply(reply(subject));
    }
}

TEST_CASE("autoreply: a Japanese \"不在\" subject after a Re: prefix", "[classify][autoreply]") {
    check_autoreply(reply("Re: \xE4\xB8\x8D\xE5\x9C\xA8\xE3\x81\xAE\xE3\x81\x8A\xE7\x9F\xA5\xE3\x82\x89\xE3\x81\x9B"));
}

TEST_CASE("autoreply: the headers vacation programs set are enough", "[classify][autoreply]") {
    check_autoreply(reply("Re: Weekly news", "X-Autoreply: yes\n"));
    check_autoreply(reply("Re: Weekly news", "X-Autorespond: Weekly news\n"));
    check_autoreply(reply("Re: Weekly news", "Precedence: auto_reply\n"));
    check_autoreply(reply("Re: Weekly news", "Auto-Submitted: auto-replied (vacation)\n"));
}

TEST_CASE("autoreply: X-Auto-Response-Suppress is no proof of an automatic reply", "[classify][autoreply]") {
    auto report = classify_message(reply("Photos from my vacation", "X-Auto-Response-Suppress: All\n", "Look!\n"));
    CHECK(report.recipients.empty());
}

TEST_CASE("autoreply: a bounce whose returned message has an out-of-office subject stays a bounce",
          "[classify][autoreply]") {
    auto report = classify_message(
        "From: MAILER-DAEMON@mx.example.net\nTo: bounces@list.example\n"
        "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\nI could not deliver your message.\n\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
        "Final-Recipient: rfc822; gone@example.org\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
        "--B\nContent-Type: message/rfc822\n\n"
        "From: someone@example.org\nTo: gone@example.org\nSubject: Out of office: back on Monday\n"
        "Auto-Submitted: auto-replied\nX-Autoreply: yes\n\nI am away.\n--B--\n");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "gone@example.org");
    CHECK(to_string(report.recipients[0].bounce_class) == "hard");
}

TEST_CASE("autoreply: an Exchange NDR for an automatic reply is a bounce, not a reply", "[classify][autoreply]") {
    auto report = classify_message(
        "From: Someone <someone@example.org>\nTo: bounces@list.example\n"
        "Subject: Undeliverable: Automatic reply: Weekly news\nAuto-Submitted: auto-generated\n\n"
        "Delivery has failed to these recipients or groups:\n\ngone@example.org\n");
    for (const auto& r : report.recipients) CHECK(to_string(r.bounce_class) != "autoreply");
}

TEST_CASE("autoreply: a challenge-response notice from the protected address is an automatic reply",
          "[classify][autoreply]") {
    check_autoreply(reply("Re: Weekly news [please verify]", "",
                          "I apologise for this automatic reply. To keep spam out I only accept mail from\n"
                          "senders I know. Please click the link below so that I can add you to my list of\n"
                          "approved senders; your message is waiting for approval until then.\n"));
}

TEST_CASE("autoreply: a challenge sent as a DSN with 4.7.0 is an automatic reply, not a policy bounce",
          "[classify][autoreply]") {
    auto report = classify_message(
        "From: Mail Delivery System <MAILER-DAEMON@filter.example.com>\nTo: bounces@list.example\n"
        "Subject: Delivery Status Notification\nMIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\n"
        "Your message to user@example.com has been placed on the recipient's Waiting List.\n"
        "Please confirm you are a human by visiting the link below, and it will be delivered.\n\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; filter.example.com\n\n"
        "Final-Recipient: rfc822; user@example.com\nAction: failed\nStatus: 4.7.0\n"
        "Diagnostic-Code: smtp; 450 4.7.0 Message held pending sender verification\n\n--B--\n");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "user@example.com");
    CHECK(to_string(report.recipients[0].bounce_class) == "autoreply");
    CHECK(report.recipients[0].rule == "autoreply:challenge-response");
}

TEST_CASE("autoreply: Mailinblack's French authentication request is an automatic reply", "[classify][autoreply]") {
    check_autoreply(reply("Message en attente de validation", "",
                          "Bonjour, votre message est en attente de validation. Merci de confirmer par cette\n"
                          "demande d'authentification que vous n'\xC3\xAAtes pas un robot.\n"));
}

TEST_CASE("autoreply: a refusal for senders not approved is a bounce, not a challenge", "[classify][autoreply]") {
    auto report = classify_message(test::make_dsn("vip@example.org", "550 5.7.1 Sender is not on the approved senders list", "5.7.1"));
    REQUIRE(report.recipients.size() == 1);
    CHECK(to_string(report.recipients[0].bounce_class) != "autoreply");
}
