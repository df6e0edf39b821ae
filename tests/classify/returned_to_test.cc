// The last resort of the generic path (formats/free_text.cc, addressee_of_returned_copy):
// a bounce that states a failure but names no recipient in its own parts takes the
// one To of the copy it returns, and nothing else from that copy.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"

namespace {

using classify::classify_message;
using classify::RecipientSource;
using classify::to_string;

// A plain-text notice from a mailer daemon, its own text `own`, then Sendmail's
// separator and the returned copy's header block `copy_header` and body.
std::string plain_bounce(const std::string& own, const std::string& copy_header,
                         const std::string& copy_body = "Hello.\n") {
    return "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.relay.example>\n"
           "To: news@list.example\nSubject: Returned mail: see transcript for details\n\n" +
           own + "\n   ----- Original message follows -----\n" + copy_header + "\n" + copy_body;
}

const std::string kReplyWithoutAddress =
    "   ----- Transcript of session follows -----\n"
    "550 5.1.1 mail.example.org (smtp)... Mailbox unavailable\n";

std::string copy_to(const std::string& to, const std::string& more = "") {
    return "From: Weekly <news@list.example>\nTo: " + to + "\n" + more +
           "Subject: This week\nMessage-ID: <w46@list.example>\n";
}

bool any_from_returned_copy(const classify::Report& report) {
    for (const auto& r : report.recipients)
        if (r.source == RecipientSource::returned_to) return true;
    return false;
}

}  // namespace

TEST_CASE("returned_to: a reply that names no one and a copy sent To one address", "[classify]") {
    auto report = classify_message(plain_bounce(kReplyWithoutAddress, copy_to("Hanako <hanako@example.org>")));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "hanako@example.org");
    CHECK(report.recipients[0].source == RecipientSource::returned_to);
    CHECK(std::string(to_string(report.recipients[0].source)) == "returned-to");
    CHECK_FALSE(classify::is_structured(report.recipients[0].source));
    CHECK(to_string(report.recipients[0].bounce_class) == "hard");
    // The copy gave the recipient, never the verdict: the diagnostic is the bounce's own.
    CHECK(report.recipients[0].diagnostic.find("Mailbox unavailable") != std::string::npos);
    CHECK(report.recipients[0].diagnostic.find("This week") == std::string::npos);
}

TEST_CASE("returned_to: the failure words alone are enough and a success is not", "[classify]") {
    auto failed = classify_message(
        plain_bounce("Your message could not be delivered to the mobile.\n", copy_to("hanako@example.org")));
    REQUIRE(failed.recipients.size() == 1);
    CHECK(failed.recipients[0].recipient == "hanako@example.org");

    auto success = classify_message(
        plain_bounce("Your message was accepted: 250 2.0.0 OK queued\n", copy_to("hanako@example.org")));
    CHECK_FALSE(any_from_returned_copy(success));
}

TEST_CASE("returned_to: a notice that says in its own language that delivery failed", "[classify]") {
    for (const char* own : {"Ihre Nachricht konnte nicht zugestellt werden.",
                            "Votre message n'a pas pu être remis au destinataire.",
                            "No se pudo entregar su mensaje.",
                            "Non è stato possibile consegnare il messaggio.",
                            "Não foi possível entregar a sua mensagem.",
                            "Uw bericht kon niet worden afgeleverd.",
                            "Wiadomość nie została dostarczona.",
                            "Ваше сообщение не может быть доставлено.",
                            "メッセージを配信できませんでした。",
                            "您的邮件无法投递。"}) {
        INFO(own);
        auto failed = classify_message(plain_bounce(std::string(own) + "\n", copy_to("hanako@example.org")));
        REQUIRE(failed.recipients.size() == 1);
        CHECK(failed.recipients[0].recipient == "hanako@example.org");
        CHECK(failed.recipients[0].source == RecipientSource::returned_to);
    }
    // A notice in another language that says nothing of a failure names no one.
    auto said_nothing = classify_message(plain_bounce("Ihre Nachricht ist angekommen.\n", copy_to("hanako@example.org")));
    CHECK_FALSE(any_from_returned_copy(said_nothing));
}

TEST_CASE("returned_to: two To addresses or a Cc beside the To leave no recipient", "[classify]") {
    auto two = classify_message(
        plain_bounce(kReplyWithoutAddress, copy_to("hanako@example.org, taro@example.net")));
    CHECK(two.recipients.empty());
    auto two_fields = classify_message(
        plain_bounce(kReplyWithoutAddress, copy_to("hanako@example.org", "To: taro@example.net\n")));
    CHECK(two_fields.recipients.empty());
    auto cc = classify_message(
        plain_bounce(kReplyWithoutAddress, copy_to("hanako@example.org", "Cc: taro@example.net\n")));
    CHECK(cc.recipients.empty());
    // Bcc only (To the group "undisclosed-recipients:;"): nothing names the recipient.
    auto bcc = classify_message(
        plain_bounce(kReplyWithoutAddress, copy_to("undisclosed-recipients:;", "Bcc: taro@example.net\n")));
    CHECK(bcc.recipients.empty());
}

TEST_CASE("returned_to: a copy sent To the list's own address names no subscriber", "[classify]") {
    // RFC 2919: List-Id <weekly.list.example> is weekly@list.example.
    auto by_list_id = classify_message(plain_bounce(
        kReplyWithoutAddress, copy_to("weekly@lists.example.com", "List-Id: Weekly <weekly.lists.example.com>\n")));
    CHECK(by_list_id.recipients.empty());
    auto by_reply_to = classify_message(plain_bounce(
        kReplyWithoutAddress, copy_to("talk@lists.example.com", "Reply-To: talk@lists.example.com\n")));
    CHECK(by_reply_to.recipients.empty());
    // Any address of the sender's own domain is the sender's side, not a subscriber.
    auto same_domain = classify_message(plain_bounce(kReplyWithoutAddress, copy_to("all@list.example")));
    CHECK(same_domain.recipients.empty());
    // The bounce's own parties and daemons never are.
    auto daemon = classify_message(plain_bounce(kReplyWithoutAddress, copy_to("postmaster@example.org")));
    CHECK(daemon.recipients.empty());
}

TEST_CASE("returned_to: an address the bounce's own text names wins over the copy", "[classify]") {
    auto report = classify_message(plain_bounce(
        "550 5.1.1 <taro@example.net>... User unknown\n", copy_to("hanako@example.org")));
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "taro@example.net");
    CHECK_FALSE(any_from_returned_copy(report));
}

TEST_CASE("returned_to: addresses in the copy's body are never read", "[classify]") {
    const std::string body =
        "Forwarding this:\n\nFrom: someone@example.net\nTo: victim@example.org\nSubject: fwd\n"
        "Message-ID: <x@example.net>\n\nwrite to victim2@example.org or victim3@example.org\n";
    // The copy's header has no To: only its body names addresses.
    auto no_to = classify_message(plain_bounce(
        kReplyWithoutAddress, "From: news@list.example\nSubject: This week\nMessage-ID: <w@list.example>\n", body));
    CHECK(no_to.recipients.empty());
    // A copy that opens with body text (no header of its own): the header-like block
    // further down is body, not the copy's header.
    auto body_first = classify_message(
        "From: MAILER-DAEMON@mx.relay.example\nTo: news@list.example\nSubject: Delivery failure\n\n" +
        kReplyWithoutAddress +
        "\n------ This is a copy of the body of the message, without the headers. ------\n\n" + body);
    CHECK(body_first.recipients.empty());
}

TEST_CASE("returned_to: a DSN without recipient groups takes the attached copy's To", "[classify]") {
    auto dsn = [](const std::string& copy_header) {
        return "From: MAILER-DAEMON@mx.relay.example (Mail Delivery System)\nTo: news@list.example\n"
               "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
               "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
               "--B\nContent-Type: text/plain\n\nI'm sorry to have to inform you that your message could not\n"
               "be delivered to one or more recipients. It's attached below.\n\n"
               "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.relay.example\n\n"
               "--B\nContent-Type: message/rfc822\n\n" +
               copy_header + "\nHello.\n--B--\n";
    };
    auto one = classify_message(dsn(copy_to("hanako@example.org")));
    REQUIRE(one.recipients.size() == 1);
    CHECK(one.recipients[0].recipient == "hanako@example.org");
    CHECK(one.recipients[0].source == RecipientSource::returned_to);
    CHECK(one.format == "free-text");
    auto with_cc = classify_message(dsn(copy_to("hanako@example.org", "Cc: taro@example.net\n")));
    CHECK(with_cc.recipients.empty());
}

TEST_CASE("returned_to: an automatic reply quoting a message is left as it was", "[classify]") {
    // A person's out-of-office reply quoting the newsletter, failure words and all.
    auto report = classify_message(
        "From: Taro <taro@example.jp>\nTo: news@list.example\nSubject: Automatic reply: This week\n"
        "Auto-Submitted: auto-replied\n\nI am away until Monday.\n\n-----Original Message-----\n"
        "From: news@list.example\nTo: hanako@example.org\nSubject: This week\n\n"
        "Last week's message could not be delivered: 550 5.1.1\n");
    CHECK_FALSE(any_from_returned_copy(report));
    for (const auto& r : report.recipients) CHECK(r.recipient != "hanako@example.org");
    // A person's message quoting another, with no daemon sender or bounce subject.
    auto quote = classify_message(
        "From: Jiro <jiro@example.jp>\nTo: news@list.example\nSubject: Re: This week\n\n"
        "Thanks!\n\n-----Original Message-----\nFrom: news@list.example\nTo: jiro@example.jp\n"
        "Subject: This week\n\nNews.\n");
    CHECK(quote.recipients.empty());
    CHECK(quote.outcome == classify::Outcome::not_bounce);
}
