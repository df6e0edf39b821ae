// Provider notices in the sender's language: Gmail's and Microsoft 365 / Exchange's
// bounces in Japanese, German, French, Spanish, Portuguese, Chinese and Korean. Each
// message is written here in the provider's layout (heading, explanation, a label
// above or a sentence around the receiver's reply); the sentences are our own, and
// the labels only near the providers' (the decoders never read a label's words, so
// a translation that differs must give the same result). The replies are receivers'
// SMTP replies. The receiver's reply must decide, found by
// its shape whatever the language of the labels, and the translated headline
// ("the address couldn't be found") must not. Every case runs with LF and CRLF.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/parse/remote_reply.h"
#include "classify/rules/rules.h"
#include "dsn_builder.h"
#include "notice_shapes.h"

namespace {

using classify::classify_message;
using classify::to_string;

struct Want {
    const char* language;
    std::string bytes;
    const char* format;
    const char* recipient;
    const char* status;
    int reply_code;
    const char* reason;
    const char* bounce_class;
};

std::string with_crlf(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

void check(const Want& w, const std::string& bytes) {
    INFO(w.language << " " << w.format);
    auto report = classify_message(bytes);
    CHECK(report.format == w.format);
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    INFO("diagnostic: " << r.diagnostic << " rule: " << r.rule);
    CHECK(r.recipient == w.recipient);
    CHECK(r.status == w.status);
    CHECK(r.reply_code == w.reply_code);
    CHECK(to_string(r.reason) == w.reason);
    CHECK(to_string(r.bounce_class) == w.bounce_class);
}

void check_all(const std::vector<Want>& cases) {
    for (const auto& w : cases) {
        check(w, w.bytes);
        check(w, with_crlf(w.bytes));
    }
}

// The subscriber's message as the bounce returns it, full of traps: a quoted reply
// line, another address, a version number that looks like a status code.
const std::string kOriginal =
    "From: Weekly <news@list.example>\n"
    "To: reader@example.org\n"
    "Cc: other@example.net\n"
    "Subject: Weekly news\n"
    "Message-ID: <issue-7@list.example>\n"
    "X-Mailer: ExampleMailer 2.3.0\n\n"
    "Last week a reader wrote: 550 5.1.1 user unknown, please fix.\n";

// A Gmail notice whose report part was lost: the text and the original only.
std::string gmail_text_only(const std::string& failed_header, const std::string& text) {
    return "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
           "To: news@list.example\n"
           "Subject: Delivery Status Notification (Failure)\n"
           "Message-ID: <notice-1@mx.google.com>\n" +
           failed_header +
           "MIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"G\"\n\n"
           "--G\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" +
           text +
           "\n--G\nContent-Type: message/rfc822\n\n" + kOriginal + "\n--G--\n";
}

// A Microsoft 365 / Exchange notice read from its text alone.
std::string outlook_text_only(const std::string& subject, const std::string& text,
                              const std::string& type = "text/plain") {
    return "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\n"
           "To: news@list.example\n"
           "Subject: " + subject + "\n"
           "Message-ID: <ndr-1@example.prod.outlook.com>\n"
           "MIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"M\"\n\n"
           "--M\nContent-Type: " + type + "; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" +
           text +
           "\n--M\nContent-Type: text/rfc822-headers\n\n" + kOriginal + "\n--M--\n";
}

}  // namespace

TEST_CASE("remote_reply: the reply is found by its shape, whatever the label says", "[classify][localised]") {
    using classify::find_remote_reply;
    CHECK(find_remote_reply("Antwort des Servers:\n550 5.1.1 unknown\nuser\n\nmore").text == "550 5.1.1 unknown user");
    CHECK(find_remote_reply("\xE5\xBF\x9C\xE7\xAD\x94\xEF\xBC\x9A\n\n554 5.7.1 denied\n").text == "554 5.7.1 denied");
    CHECK(find_remote_reply("Le serveur a dit : 452 4.2.2 over quota").text == "452 4.2.2 over quota");
    CHECK(find_remote_reply("returned '550 5.1.1 user doesn't exist' here").text == "550 5.1.1 user doesn't exist");
    CHECK(find_remote_reply("mx.example.jp #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##").text ==
          "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found");
    // Exchange's wrapper around the receiver's reply, quoted.
    CHECK(find_remote_reply("returned '<mx.example.jp #5.0.0 smtp;550 5.1.1 <u@example.jp>... User unknown>'").text ==
          "550 5.1.1 <u@example.jp>... User unknown");
    // A label above a link, a version number or a date is no reply.
    CHECK(find_remote_reply("Learn more here:\nhttps://support.example/550\n").text.empty());
    CHECK(find_remote_reply("X-Mailer: Tool 5.1.12rc2\nDate: 2024 Mar 1\n").text.empty());
    CHECK(find_remote_reply("Status: 5.1.1\n").text.empty());
}

TEST_CASE("gmail: the localised notice is read by the remote reply, not by Gmail's sentences", "[classify][localised]") {
    const std::string no_header;
    check_all({
        // Japanese, as seed 000 shows it: the recipient only in Gmail's sentence.
        {"ja",
         gmail_text_only(no_header,
                         "** \xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE3\x81\xAE\xE9\x85\x8D\xE4\xBF\xA1\xE3\x82\xA8\xE3\x83\xA9\xE3\x83\xBC **\n\n"  // メールの配信エラー
                         "hanako@example.jp \xE5\xAE\x9B\xE3\x81\xAE\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE3\x81\xAF\xE5\xB1\x8A\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x81\xA7\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\n"  // 宛のメールは届きませんでした。
                         "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\x8B\xE3\x82\x89\xE3\x81\xAE\xE5\xBF\x9C\xE7\xAD\x94:\n"  // リモート サーバーからの応答:
                         "554 5.7.1 <hanako@example.jp>: Recipient address rejected: Access denied\n"),
         "gmail", "hanako@example.jp", "5.7.1", 554, "filtered", "policy"},
        // German, with X-Failed-Recipients.
        {"de",
         gmail_text_only("X-Failed-Recipients: klaus@example.com\n",
                         "** Adresse nicht gefunden **\n\n"
                         "Die Nachricht an klaus@example.com kam nicht an.\n\n"
                         "Weitere Informationen: https://support.google.com/mail/?p=NoSuchUser\n\n"
                         "Antwort des Remote-Servers:\n"
                         "550 5.1.1 <klaus@example.com>: Recipient address rejected: User unknown in virtual mailbox table\n"),
         "gmail", "klaus@example.com", "5.1.1", 550, "userunknown", "hard"},
        // French: a space before the colon, as French typography has it.
        {"fr",
         gmail_text_only("X-Failed-Recipients: claire@example.fr\n",
                         "** Adresse introuvable **\n\n"
                         "Votre message pour claire@example.fr est revenu.\n\n"
                         "R\xC3\xA9ponse du serveur distant :\n"
                         "552 5.2.2 <claire@example.fr>: Mailbox full\n"),
         "gmail", "claire@example.fr", "5.2.2", 552, "mailboxfull", "soft"},
        // Spanish.
        {"es",
         gmail_text_only(no_header,
                         "** Mensaje no entregado **\n\n"
                         "No fue posible hacer llegar el mensaje a pablo@example.es.\n\n"
                         "Respuesta del servidor remoto:\n"
                         "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org\n"),
         "gmail", "pablo@example.es", "5.7.1", 554, "blocked", "policy"},
        // Portuguese.
        {"pt",
         gmail_text_only("X-Failed-Recipients: joao@example.com.br\n",
                         "** Endere\xC3\xA7o n\xC3\xA3o encontrado **\n\n"
                         "A mensagem para joao@example.com.br voltou.\n\n"
                         "A resposta do servidor remoto foi:\n"
                         "550 5.1.1 The email account that you tried to reach does not exist.\n"),
         "gmail", "joao@example.com.br", "5.1.1", 550, "userunknown", "hard"},
        // Chinese: the label ends in a full-width colon.
        {"zh",
         gmail_text_only("X-Failed-Recipients: wei@example.cn\n",
                         "** \xE6\x89\xBE\xE4\xB8\x8D\xE5\x88\xB0\xE5\x9C\xB0\xE5\x9D\x80 **\n\n"  // 找不到地址
                         "wei@example.cn \xE6\x9C\xAA\xE6\x94\xB6\xE5\x88\xB0\xE9\x82\xAE\xE4\xBB\xB6\xE3\x80\x82\n\n"  // 未收到邮件。
                         "\xE8\xBF\x9C\xE7\xA8\x8B\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE7\x9A\x84\xE5\x93\x8D\xE5\xBA\x94\xEF\xBC\x9A\n"  // 远程服务器的响应：
                         "550 5.1.1 <wei@example.cn>: Recipient address rejected: User unknown\n"),
         "gmail", "wei@example.cn", "5.1.1", 550, "userunknown", "hard"},
        // Korean.
        {"ko",
         gmail_text_only("X-Failed-Recipients: minji@example.kr\n",
                         "** \xEB\xA9\x94\xEC\x8B\x9C\xEC\xA7\x80\xEA\xB0\x80 \xEC\xA0\x84\xEC\x86\xA1\xEB\x90\x98\xEC\xA7\x80 \xEC\x95\x8A\xEC\x9D\x8C **\n\n"  // 메시지가 전송되지 않음
                         "minji@example.kr \xEC\x97\x90\xEA\xB2\x8C \xEB\xB3\xB4\xEB\x82\xB8 \xEB\xA9\x94\xEC\x9D\xBC\n\n"  // 에게 보낸 메일
                         "\xEC\x9B\x90\xEA\xB2\xA9 \xEC\x84\x9C\xEB\xB2\x84\xEC\x9D\x98 \xEC\x9D\x91\xEB\x8B\xB5:\n"  // 원격 서버의 응답:
                         "550 5.7.1 Message rejected as spam by Content Filtering.\n"),
         "gmail", "minji@example.kr", "5.7.1", 550, "spamdetected", "policy"},
    });
}

TEST_CASE("gmail: a translated 'address not found' heading does not override the reply", "[classify][localised]") {
    check_all({
        {"ja",
         gmail_text_only("X-Failed-Recipients: taro@example.jp\n",
                         "** \xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9\xE3\x81\x8C\xE8\xA6\x8B\xE3\x81\xA4\xE3\x81\x8B\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93 **\n\n"  // アドレスが見つかりません
                         "taro@example.jp \xE3\x81\xAB\xE5\xB1\x8A\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x80\x82\n\n"
                         "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\x8B\xE3\x82\x89\xE3\x81\xAE\xE5\xBF\x9C\xE7\xAD\x94:\n"
                         "552 5.2.2 <taro@example.jp>: user is over quota\n"),
         "gmail", "taro@example.jp", "5.2.2", 552, "mailboxfull", "soft"},
    });
}

TEST_CASE("outlook: the localised administrators' block gives recipient and reply", "[classify][localised]") {
    check_all({
        {"ja",
         outlook_text_only("\xE9\x85\x8D\xE4\xBF\xA1\xE4\xB8\x8D\xE8\x83\xBD: Weekly news",  // 配信不能
                           "hanako@example.jp \xE3\x81\xB8\xE3\x81\xAE\xE9\x85\x8D\xE9\x80\x81\xE3\x81\xAF\xE5\xA4\xB1\xE6\x95\x97\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\n\n"  // への配送は失敗しました。
                           "\xE7\xAE\xA1\xE7\x90\x86\xE8\x80\x85\xE5\x90\x91\xE3\x81\x91\xE3\x81\xAE\xE8\xA8\xBA\xE6\x96\xAD\xE6\x83\x85\xE5\xA0\xB1:\n\n"  // 管理者向けの診断情報:
                           "\xE7\x94\x9F\xE6\x88\x90\xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC: TY1P286MB0001.JPNP286.PROD.OUTLOOK.COM\n\n"  // 生成サーバー:
                           "hanako@example.jp\n"
                           "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\x8B\xE3\x82\x89 "  // リモート サーバーから
                           "'550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' "
                           "\xE3\x81\x8C\xE8\xBF\x94\xE3\x81\x95\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F\n"),  // が返されました
         "exchange2007", "hanako@example.jp", "5.1.10", 550, "userunknown", "hard"},
        // German, Exchange 2010's hash-bracketed reply with the remote host in front.
        {"de",
         outlook_text_only("Unzustellbar: Weekly news",
                           "Die Zustellung an folgende Empf\xC3\xA4nger oder Gruppen ist fehlgeschlagen:\n\n"
                           "klaus@example.de\n"
                           "Der Empf\xC3\xA4nger ist hier nicht bekannt.\n\n"
                           "Diagnoseinformationen f\xC3\xBCr Administratoren:\n\n"
                           "Generierender Server: ex1.example.net\n\n"
                           "klaus@example.de\n"
                           "mx.example.de #550 5.1.1 <klaus@example.de>... User unknown ##\n"),
         "exchange2007", "klaus@example.de", "5.1.1", 550, "userunknown", "hard"},
        {"fr",
         outlook_text_only("Non remis : Weekly news",
                           "Votre message pour claire@example.fr n'a pas pu \xC3\xAAtre remis.\n\n"
                           "Informations de diagnostic pour les administrateurs :\n\n"
                           "Serveur de g\xC3\xA9n\xC3\xA9ration : PR1P264MB0001.FRAP264.PROD.OUTLOOK.COM\n\n"
                           "claire@example.fr\n"
                           "Le serveur distant a retourn\xC3\xA9 '552 5.2.2 mailbox full; "
                           "STOREDRV.Deliver.Exception:QuotaExceededException'\n"),
         "exchange2007", "claire@example.fr", "5.2.2", 552, "mailboxfull", "soft"},
        {"es",
         outlook_text_only("No se puede entregar: Weekly news",
                           "El mensaje para pablo@example.es no lleg\xC3\xB3.\n\n"
                           "Informaci\xC3\xB3n de diagn\xC3\xB3stico para administradores:\n\n"
                           "Servidor de generaci\xC3\xB3n: mail.example.net\n\n"
                           "pablo@example.es\n"
                           "El servidor remoto devolvi\xC3\xB3 '554 5.7.1 Service unavailable; Client host "
                           "[192.0.2.25] blocked using zen.spamhaus.org'\n"),
         "exchange2007", "pablo@example.es", "5.7.1", 554, "blocked", "policy"},
        // Portuguese, as the HTML part alone (the quote written as an entity).
        {"pt",
         outlook_text_only("N\xC3\xA3o \xC3\xA9 poss\xC3\xADvel entregar: Weekly news",
                           "<html><body><p>A mensagem para joao@example.com.br n\xC3\xA3o chegou.</p>"
                           "<p><b>Informa\xC3\xA7\xC3\xB5""es de diagn\xC3\xB3stico para administradores:</b></p>"
                           "<p>Servidor de gera\xC3\xA7\xC3\xA3o: mail.example.net</p>"
                           "<p>joao@example.com.br<br>\n"
                           "O servidor remoto retornou &#39;550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
                           "Recipient not found by SMTP address lookup&#39;</p></body></html>\n",
                           "text/html"),
         "exchange2007", "joao@example.com.br", "5.1.10", 550, "userunknown", "hard"},
        // Chinese, with the reply in Chinese quotation marks.
        {"zh",
         outlook_text_only("\xE6\x97\xA0\xE6\xB3\x95\xE6\x8A\x95\xE9\x80\x92: Weekly news",  // 无法投递
                           "\xE7\xAE\xA1\xE7\x90\x86\xE5\x91\x98\xE7\x9A\x84\xE8\xAF\x8A\xE6\x96\xAD\xE4\xBF\xA1\xE6\x81\xAF:\n\n"  // 管理员的诊断信息:
                           "\xE7\x94\x9F\xE6\x88\x90\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8: mail.example.net\n\n"  // 生成服务器:
                           "wei@example.cn\n"
                           "\xE8\xBF\x9C\xE7\xA8\x8B\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE8\xBF\x94\xE5\x9B\x9E"  // 远程服务器返回
                           "\xE2\x80\x9C""550 5.4.1 Recipient address rejected: Access denied. AS(201806281)\xE2\x80\x9D\n"),
         "exchange2007", "wei@example.cn", "5.4.1", 550, "userunknown", "hard"},
        {"ko",
         outlook_text_only("\xEB\xB0\xB0\xEB\x8B\xAC\xEB\x90\x98\xEC\xA7\x80 \xEC\x95\x8A\xEC\x9D\x8C: Weekly news",  // 배달되지 않음
                           "\xEA\xB4\x80\xEB\xA6\xAC\xEC\x9E\x90\xEC\x9A\xA9 \xEC\xA7\x84\xEB\x8B\xA8 \xEC\xA0\x95\xEB\xB3\xB4:\n\n"  // 관리자용 진단 정보:
                           "\xEC\x83\x9D\xEC\x84\xB1 \xEC\x84\x9C\xEB\xB2\x84: mail.example.net\n\n"  // 생성 서버:
                           "minji@example.kr\n"
                           "\xEC\x9B\x90\xEA\xB2\xA9 \xEC\x84\x9C\xEB\xB2\x84\xEC\x97\x90\xEC\x84\x9C "  // 원격 서버에서
                           "'552 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException'"
                           "\xEC\x9D\x84(\xEB\xA5\xBC) \xEB\xB0\x98\xED\x99\x98\xED\x96\x88\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4.\n"),  // 을(를) 반환했습니다.
         "exchange2007", "minji@example.kr", "5.2.2", 552, "mailboxfull", "soft"},
    });
}

TEST_CASE("outlook: a localised notice with its report is read by the report", "[classify][localised]") {
    std::string m =
        "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\n"
        "To: news@list.example\n"
        "Subject: Unzustellbar: Weekly news\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n\n"
        "--R\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        "Ihre Nachricht an klaus@example.de konnte nicht zugestellt werden.\n"
        "klaus wurde bei example.de nicht gefunden.\n\n"
        "--R\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns;EX1.example.prod.outlook.com\n\n"
        "Final-Recipient: rfc822;klaus@example.de\nAction: failed\nStatus: 5.2.2\n"
        "Diagnostic-Code: smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException\n\n"
        "--R\nContent-Type: text/rfc822-headers\n\n" + kOriginal + "\n--R--\n";
    auto report = classify_message(m);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].recipient == "klaus@example.de");
    CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
    CHECK(report.recipients[0].reply_code == 554);
}

TEST_CASE("exchange2003: a localised report is found by Exchange's own codes", "[classify][localised]") {
    auto exchange = [](const std::string& subject, const std::string& text) {
        return "From: System Administrator <postmaster@ex.example.net>\n"
               "To: news@list.example\n"
               "Subject: " + subject + "\n"
               "MIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text;
    };
    check_all({
        {"de",
         exchange("Unzustellbar: Weekly news",
                  "Ihre Nachricht\n\n  An:      klaus@example.de\n  Betreff: Weekly news\n\n"
                  "hat einige Empf\xC3\xA4nger nicht erreicht:\n\n"
                  "      klaus@example.de am 12.03.2024 10:01\n"
                  "            Dieser Name ist hier nicht bekannt.\n"
                  "            <mx.example.de #5.1.1>\n"),
         "exchange2003", "klaus@example.de", "5.1.1", 0, "userunknown", "hard"},
        {"fr",
         exchange("Non remis : Weekly news",
                  "Votre message\n\n  \xC3\x80 :      claire@example.fr\n  Objet : Weekly news\n\n"
                  "n'est pas arriv\xC3\xA9 chez ces destinataires :\n\n"
                  "      claire@example.fr le 12/03/2024 10:01\n"
                  "            La bo\xC3\xAEte est pleine.\n"
                  "            <mx.example.fr #5.2.2 smtp;552 5.2.2 Mailbox full>\n"),
         "exchange2003", "claire@example.fr", "5.2.2", 552, "mailboxfull", "soft"},
    });
}

TEST_CASE("rfc3464: with no Diagnostic-Code, the localised notice's quoted reply is the verdict", "[classify][localised]") {
    std::string m =
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
        "To: news@list.example\n"
        "Subject: Delivery Status Notification (Failure)\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
        "** \xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9\xE3\x81\x8C\xE8\xA6\x8B\xE3\x81\xA4\xE3\x81\x8B\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93 **\n\n"
        "taro@example.jp \xE3\x81\xAB\xE5\xB1\x8A\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x80\x82\n\n"
        "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\x8B\xE3\x82\x89\xE3\x81\xAE\xE5\xBF\x9C\xE7\xAD\x94:\n"
        "552 5.2.2 <taro@example.jp>: user is over quota\n\n"
        "--B\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; googlemail.com\n\n"
        "Final-Recipient: rfc822; taro@example.jp\nAction: failed\nStatus: 5.2.2\n\n"
        "--B--\n";
    auto report = classify_message(m);
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients[0];
    CHECK(r.recipient == "taro@example.jp");
    CHECK(r.reply_code == 552);
    CHECK(to_string(r.reason) == "mailboxfull");
    CHECK(to_string(r.bounce_class) == "soft");
}

namespace {

// Gmail's Japanese notice with only the reply changing: for the carriers' replies.
std::string gmail_ja(const std::string& recipient, const std::string& reply) {
    return gmail_text_only("X-Failed-Recipients: " + recipient + "\n",
                           "** \xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE3\x81\xAE\xE9\x85\x8D\xE4\xBF\xA1\xE3\x82\xA8\xE3\x83\xA9\xE3\x83\xBC **\n\n" +
                           recipient + " \xE3\x81\xAB\xE5\xB1\x8A\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x80\x82\n\n"
                           "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\x8B\xE3\x82\x89\xE3\x81\xAE\xE5\xBF\x9C\xE7\xAD\x94:\n" +
                           reply + "\n");
}

}  // namespace

TEST_CASE("carriers: docomo, au and SoftBank replies under a Japanese notice", "[classify][localised][jp]") {
    check_all({
        // docomo documents "552 Too much mail data <address>" for a full mailbox.
        {"ja docomo", gmail_ja("taro@docomo.ne.jp", "552 Too much mail data taro@docomo.ne.jp"), "gmail",
         "taro@docomo.ne.jp", "5.0.922", 552, "mailboxfull", "soft"},
        {"ja au", gmail_ja("jiro@au.com", "550 <jiro@au.com>: User unknown"), "gmail", "jiro@au.com", "5.0.911", 550,
         "userunknown", "hard"},
    });
}

// A provider's notice that quotes the receiver's reply word for word is read as
// that reply in a DSN would be: with no command named and no code, the words decide.
TEST_CASE("carriers: an unknown user under a provider's notice stays an unknown user", "[classify][localised][jp]") {
    check_all({
        {"ja docomo", gmail_ja("taro@docomo.ne.jp", "550 Unknown user taro@docomo.ne.jp"), "gmail",
         "taro@docomo.ne.jp", "5.0.911", 550, "userunknown", "hard"},
        {"ja softbank", gmail_ja("saburo@i.softbank.jp", "550 Invalid recipient: <saburo@i.softbank.jp>"), "gmail",
         "saburo@i.softbank.jp", "5.0.911", 550, "userunknown", "hard"},
        {"zh", gmail_text_only("X-Failed-Recipients: wei@example.cn\n",
                               "** x **\n\n\xE5\x93\x8D\xE5\xBA\x94\xEF\xBC\x9A\n"  // 响应：
                               "550 \xE7\x94\xA8\xE6\x88\xB7\xE4\xB8\x8D\xE5\xAD\x98\xE5\x9C\xA8\n"),  // 用户不存在
         "gmail", "wei@example.cn", "5.0.911", 550, "userunknown", "hard"},
    });
}

// XXX Issue 12 item 2: an ISP's own notice that does not name the SMTP command
// still gives policy/filtered for "Unknown user" by the convention the README
// describes (the development corpus is labelled by it), without evidence that the
// refusal came after DATA.
TEST_CASE("carriers: an unknown user with no command named stays an unknown user", "[classify][localised][jp][!mayfail]") {
    auto notice = [](const std::string& body) {
        return "From: Mail Administrator <Postmaster@isp.example.jp>\n"
               "To: news@list.example\n"
               "Subject: Mail System Error - Returned Mail\n"
               "MIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + body;
    };
    check_all({
        {"ja isp",
         notice("\xE9\x85\x8D\xE9\x81\x94\xE3\x81\xA7\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x81\xA7\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\n\n"  // 配達できませんでした。
                "\xE5\x8F\x97\xE5\x8F\x96\xE4\xBA\xBA: <hiro@m1.example.jp>\n"  // 受取人:
                "\xE5\x8E\x9F\xE5\x9B\xA0: <hiro@m1.example.jp> \xE3\x81\xAE\xE3\x83\xA6\xE3\x83\xBC\xE3\x82\xB6\xE3\x83\xBC"
                "\xE3\x81\xAF\xE7\x99\xBB\xE9\x8C\xB2\xE3\x81\x95\xE3\x82\x8C\xE3\x81\xA6\xE3\x81\x84\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\n"),  // 原因: ... のユーザーは登録されていません
         "returned-mail", "hiro@m1.example.jp", "5.0.911", 0, "userunknown", "hard"},
    });
}

TEST_CASE("returned-mail: the ISP notice's labelled pairs give recipient and reply", "[classify][localised][jp]") {
    auto notice = [](const std::string& body) {
        return "From: Mail Administrator <Postmaster@isp.example.jp>\n"
               "To: news@list.example\n"
               "Subject: Mail System Error - Returned Mail\n"
               "MIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + body;
    };
    check_all({
        {"en",
         notice("The message could not be delivered.\n\n"
                "Recipient: <hiro@m1.example.jp>\n"
                ">>> RCPT TO:<hiro@m1.example.jp>\n"
                "<<< 552 <hiro@m1.example.jp>: Mailbox full\n"),
         "returned-mail", "hiro@m1.example.jp", "5.0.922", 552, "mailboxfull", "soft"},
    });
}

TEST_CASE("rules: Chinese and Korean replies name the unknown user and the full mailbox", "[classify][localised]") {
    using classify::match_reason_rules;
    for (const char* text : {"550 \xE7\x94\xA8\xE6\x88\xB7\xE4\xB8\x8D\xE5\xAD\x98\xE5\x9C\xA8",  // 用户不存在
                             "550 \xE6\x94\xB6\xE4\xBB\xB6\xE4\xBA\xBA\xE4\xB8\x8D\xE5\xAD\x98\xE5\x9C\xA8",  // 收件人不存在
                             "550 \xEC\xA1\xB4\xEC\x9E\xAC\xED\x95\x98\xEC\xA7\x80 \xEC\x95\x8A\xEB\x8A\x94 "
                             "\xEC\x82\xAC\xEC\x9A\xA9\xEC\x9E\x90\xEC\x9E\x85\xEB\x8B\x88\xEB\x8B\xA4",  // 존재하지 않는 사용자입니다
                             "550 <x@example.jp> \xE3\x81\xAE\xE3\x83\xA6\xE3\x83\xBC\xE3\x82\xB6\xE3\x83\xBC\xE3\x81\xAF"
                             "\xE7\x99\xBB\xE9\x8C\xB2\xE3\x81\x95\xE3\x82\x8C\xE3\x81\xA6\xE3\x81\x84\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93"}) {
        INFO(text);
        auto match = match_reason_rules(text);
        REQUIRE(match);
        CHECK(match->reason == classify::Reason::userunknown);
    }
    for (const char* text : {"552 \xE9\x82\xAE\xE7\xAE\xB1\xE5\xB7\xB2\xE6\xBB\xA1",  // 邮箱已满
                             "452 \xEC\x82\xAC\xEC\x84\x9C\xED\x95\xA8\xEC\x9D\xB4 \xEA\xB0\x80\xEB\x93\x9D "
                             "\xEC\xB0\xBC\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4"}) {  // 사서함이 가득 찼습니다
        INFO(text);
        auto match = match_reason_rules(text);
        REQUIRE(match);
        CHECK(match->reason == classify::Reason::mailboxfull);
    }
    check_all({
        {"ko", gmail_text_only("X-Failed-Recipients: minji@example.kr\n",
                               "** x **\n\n\xEC\x9D\x91\xEB\x8B\xB5:\n"  // 응답:
                               "452 \xEC\x82\xAC\xEC\x84\x9C\xED\x95\xA8\xEC\x9D\xB4 \xEA\xB0\x80\xEB\x93\x9D "
                               "\xEC\xB0\xBC\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4\n"),  // 사서함이 가득 찼습니다
         "gmail", "minji@example.kr", "4.0.922", 452, "mailboxfull", "soft"},
    });
}

TEST_CASE("free_text: a localised Undeliverable subject marks the message as a bounce", "[classify][localised]") {
    const char* subjects[] = {
        "Unzustellbar: Weekly news",
        "Non remis : Weekly news",
        "No se puede entregar: Weekly news",
        "N\xC3\xA3o \xC3\xA9 poss\xC3\xADvel entregar: Weekly news",
        "\xE9\x85\x8D\xE4\xBF\xA1\xE4\xB8\x8D\xE8\x83\xBD: Weekly news",                   // 配信不能
        "\xE6\x97\xA0\xE6\xB3\x95\xE6\x8A\x95\xE9\x80\x92: Weekly news",                   // 无法投递
        "\xEB\xB0\xB0\xEB\x8B\xAC\xEB\x90\x98\xEC\xA7\x80 \xEC\x95\x8A\xEC\x9D\x8C: Weekly news",  // 배달되지 않음
    };
    for (const char* subject : subjects) {
        INFO(subject);
        // A sender that names no mailer daemon: only the subject says it is a bounce.
        std::string m = std::string("From: Notices <notices@example.com>\nTo: news@list.example\nSubject: ") + subject +
                        "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                        "pablo@example.es\n    550 5.1.1 User unknown\n";
        auto report = classify_message(m);
        REQUIRE(report.recipients.size() == 1);
        CHECK(report.recipients[0].recipient == "pablo@example.es");
        CHECK(to_string(report.recipients[0].reason) == "userunknown");
    }
    // The same text under an ordinary subject is no bounce.
    auto report = classify_message(
        "From: Notices <notices@example.com>\nTo: news@list.example\nSubject: Weekly news\n\n"
        "pablo@example.es\n    550 5.1.1 User unknown\n");
    CHECK(report.recipients.empty());
}

TEST_CASE("gmail: a localised delay notice is a warning, by its English subject", "[classify][localised]") {
    std::string m = gmail_text_only("X-Failed-Recipients: klaus@example.de\n",
                                    "** Zustellung unvollst\xC3\xA4ndig **\n\n"
                                    "Die Nachricht an klaus@example.de ist noch unterwegs.\n\n"
                                    "Antwort des Remote-Servers:\n"
                                    "452 4.2.2 <klaus@example.de>: mailbox is full\n");
    auto at = m.find("(Failure)");
    REQUIRE(at != std::string::npos);
    m.replace(at, 9, "(Delay)");
    auto report = classify_message(m);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].action == "delayed");
    CHECK(report.recipients[0].reply_code == 452);
    CHECK(to_string(report.recipients[0].reason) == "mailboxfull");
}

TEST_CASE("remote_reply: hostile notices stay bounded", "[classify][localised]") {
    // Thousands of address lines each followed by an unclosed quoted reply, and a
    // label line followed by a megabyte without a blank line.
    std::string many;
    for (int i = 0; i < 5000; ++i)
        many += "u" + std::to_string(i) + "@example.com\nRemote Server returned '550 5.1.1 unknown\n";
    auto report = classify_message(outlook_text_only("Undeliverable: x", many));
    CHECK(report.recipients.size() <= 1000);
    std::string label = "The response was:\n550 " + std::string(1 << 20, 'x') + "\n";
    auto reply = classify::find_remote_reply(label);
    CHECK(reply.text.size() <= 2048);
}

TEST_CASE("gmail: a reply under a Japanese notice is read as the same reply in a DSN", "[classify][localised][jp]") {
    // The same receiver's reply, rendered once as a DSN's Diagnostic-Code and once
    // under Gmail's Japanese label with no report: the verdict must not change.
    const char* replies[] = {
        "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in local recipient table",
        "554 5.7.1 <taro@example.jp>: Recipient address rejected: Access denied",
        "554 5.7.1 <taro@example.jp>: Relay access denied",
        "552 5.2.2 <taro@example.jp>: user is over quota",
        "550 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org",
        "552 5.3.4 Message size exceeds fixed limit",
        "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)",
        "451 4.3.0 Temporary failure, please try again later",
        "550 5.7.26 Unauthenticated email from example.net is not accepted due to domain's DMARC policy",
        "553 5.1.3 <taro@example,jp>... Unbalanced '<'",
    };
    for (const char* reply : replies) {
        INFO(reply);
        auto dsn = classify_message(test::make_dsn("taro@example.jp", reply));
        auto notice = classify_message(gmail_ja("taro@example.jp", reply));
        REQUIRE(dsn.recipients.size() == 1);
        REQUIRE(notice.recipients.size() == 1);
        CHECK(notice.recipients[0].reply_code == dsn.recipients[0].reply_code);
        CHECK(notice.recipients[0].status == dsn.recipients[0].status);
        CHECK(to_string(notice.recipients[0].reason) == to_string(dsn.recipients[0].reason));
        CHECK(to_string(notice.recipients[0].bounce_class) == to_string(dsn.recipients[0].bounce_class));
    }
}

TEST_CASE("free_text: the recipient named in a localised headline takes the reply quoted below", "[classify][localised]") {
    // A Microsoft 365 notice whose administrators' block gives no address: the
    // headline names it, and the reply stands a few lines below.
    check_all({
        {"ja",
         "From: Microsoft Outlook <MicrosoftExchange@example.onmicrosoft.com>\n"
         "To: news@list.example\n"
         "Subject: \xE9\x85\x8D\xE4\xBF\xA1\xE4\xB8\x8D\xE8\x83\xBD: Weekly news\n"  // 配信不能
         "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
         "hanako@example.jp \xE3\x81\xB8\xE3\x81\xAE\xE9\x85\x8D\xE9\x80\x81\xE3\x81\xAF\xE5\xA4\xB1\xE6\x95\x97\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\n\n"
         "\xE7\xAE\xA1\xE7\x90\x86\xE8\x80\x85\xE5\x90\x91\xE3\x81\x91\xE3\x81\xAE\xE8\xA8\xBA\xE6\x96\xAD\xE6\x83\x85\xE5\xA0\xB1:\n\n"
         "\xE7\x94\x9F\xE6\x88\x90\xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC: mail.example.net\n"
         "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC\xE3\x81\x8B\xE3\x82\x89 "
         "'550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus' "
         "\xE3\x81\x8C\xE8\xBF\x94\xE3\x81\x95\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F\n",
         "free-text", "hanako@example.jp", "5.7.1", 550, "blocked", "policy"},
    });
}

namespace {

// Gmail's and Exchange Online's notices in each language, built by notice_shapes.h
// in the providers' layout: the sentences are ours, the labels near theirs.
struct Language {
    const char* code;
    notice_shapes::GmailWords gmail;
    notice_shapes::OutlookWords outlook;
};

const std::vector<Language>& languages() {
    static const std::vector<Language> list = {
        {"ja", notice_shapes::gmail_japanese(), notice_shapes::outlook_japanese()},
        {"de",
         {"Nachricht nicht zugestellt",
          ": Ihre Nachricht wurde vom Empfangsserver nicht angenommen.",
          "Weitere Informationen", "Antwort des Remote-Servers:"},
         {"Unzustellbar:", " konnte nicht erreicht werden.",
          "Diagnoseinformationen f\xC3\xBCr Administratoren:",
          "Generierender Server:", "Der Remoteserver hat '", "' zur\xC3\xBC""ckgegeben",
          "Urspr\xC3\xBCngliche Nachrichtenkopfzeilen:"}},
        {"fr",
         {"Message non distribu\xC3\xA9",
          " : le serveur de r\xC3\xA9""ception n'a pas accept\xC3\xA9 votre message.",
          "En savoir plus", "R\xC3\xA9ponse du serveur distant :"},
         {"Non remis :", " n'a pas pu \xC3\xAAtre joint.",
          "Informations de diagnostic pour les administrateurs :",
          "Serveur de g\xC3\xA9n\xC3\xA9ration :", "Le serveur distant a retourn\xC3\xA9 '", "'",
          "En-t\xC3\xAAtes du message d'origine :"}},
        {"es",
         {"Mensaje no entregado",
          ": el servidor de destino no acept\xC3\xB3 su mensaje.",
          "M\xC3\xA1s informaci\xC3\xB3n", "Respuesta del servidor remoto:"},
         {"No se puede entregar:", " no se pudo alcanzar.",
          "Informaci\xC3\xB3n de diagn\xC3\xB3stico para administradores:",
          "Servidor de generaci\xC3\xB3n:", "El servidor remoto devolvi\xC3\xB3 '", "'",
          "Encabezados del mensaje original:"}},
        {"pt",
         {"Mensagem n\xC3\xA3o entregue",
          ": o servidor de destino n\xC3\xA3o aceitou sua mensagem.",
          "Saiba mais", "A resposta do servidor remoto foi:"},
         {"N\xC3\xA3o \xC3\xA9 poss\xC3\xADvel entregar:", " n\xC3\xA3o p\xC3\xB4""de ser alcan\xC3\xA7""ado.",
          "Informa\xC3\xA7\xC3\xB5""es de diagn\xC3\xB3stico para administradores:",
          "Servidor de gera\xC3\xA7\xC3\xA3o:", "O servidor remoto retornou '", "'",
          "Cabe\xC3\xA7""alhos da mensagem original:"}},
        {"zh",
         {"\xE9\x82\xAE\xE4\xBB\xB6\xE6\x9C\xAA\xE9\x80\x81\xE8\xBE\xBE",
          " \xE7\x9A\x84\xE6\x8E\xA5\xE6\x94\xB6\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE6\xB2\xA1\xE6\x9C\x89\xE6\x8E\xA5\xE5\x8F\x97\xE6\x82\xA8\xE7\x9A\x84\xE9\x82\xAE\xE4\xBB\xB6\xE3\x80\x82",
          "\xE4\xBA\x86\xE8\xA7\xA3\xE8\xAF\xA6\xE6\x83\x85", "\xE8\xBF\x9C\xE7\xA8\x8B\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE7\x9A\x84\xE5\x93\x8D\xE5\xBA\x94\xEF\xBC\x9A"},
         {"\xE6\x97\xA0\xE6\xB3\x95\xE6\x8A\x95\xE9\x80\x92:", " \xE6\x97\xA0\xE6\xB3\x95\xE9\x80\x81\xE8\xBE\xBE\xE3\x80\x82",
          "\xE7\xAE\xA1\xE7\x90\x86\xE5\x91\x98\xE7\x9A\x84\xE8\xAF\x8A\xE6\x96\xAD\xE4\xBF\xA1\xE6\x81\xAF:",
          "\xE7\x94\x9F\xE6\x88\x90\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8:", "\xE8\xBF\x9C\xE7\xA8\x8B\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE8\xBF\x94\xE5\x9B\x9E\xE2\x80\x9C", "\xE2\x80\x9D",
          "\xE5\x8E\x9F\xE5\xA7\x8B\xE9\x82\xAE\xE4\xBB\xB6\xE5\xA4\xB4:"}},
        {"ko",
         {"\xEB\xA9\x94\xEC\x8B\x9C\xEC\xA7\x80\xEA\xB0\x80 \xEC\xA0\x84\xEC\x86\xA1\xEB\x90\x98\xEC\xA7\x80 \xEC\x95\x8A\xEC\x9D\x8C",
          " \xEC\x88\x98\xEC\x8B\xA0 \xEC\x84\x9C\xEB\xB2\x84\xEA\xB0\x80 \xEB\xA9\x94\xEC\x8B\x9C\xEC\xA7\x80\xEB\xA5\xBC \xEB\xB0\x9B\xEC\xA7\x80 \xEC\x95\x8A\xEC\x95\x98\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4.",
          "\xEC\x9E\x90\xEC\x84\xB8\xED\x9E\x88 \xEC\x95\x8C\xEC\x95\x84\xEB\xB3\xB4\xEA\xB8\xB0", "\xEC\x9B\x90\xEA\xB2\xA9 \xEC\x84\x9C\xEB\xB2\x84\xEC\x9D\x98 \xEC\x9D\x91\xEB\x8B\xB5:"},
         {"\xEB\xB0\xB0\xEB\x8B\xAC\xEB\x90\x98\xEC\xA7\x80 \xEC\x95\x8A\xEC\x9D\x8C:", " \xEC\x97\x90 \xEB\xB0\xB0\xEB\x8B\xAC\xED\x95\x98\xEC\xA7\x80 \xEB\xAA\xBB\xED\x96\x88\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4.",
          "\xEA\xB4\x80\xEB\xA6\xAC\xEC\x9E\x90\xEC\x9A\xA9 \xEC\xA7\x84\xEB\x8B\xA8 \xEC\xA0\x95\xEB\xB3\xB4:",
          "\xEC\x83\x9D\xEC\x84\xB1 \xEC\x84\x9C\xEB\xB2\x84:", "\xEC\x9B\x90\xEA\xB2\xA9 \xEC\x84\x9C\xEB\xB2\x84\xEC\x97\x90\xEC\x84\x9C '", "'\xEC\x9D\x84(\xEB\xA5\xBC) \xEB\xB0\x98\xED\x99\x98\xED\x96\x88\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4.",
          "\xEC\x9B\x90\xEB\xB3\xB8 \xEB\xA9\x94\xEC\x8B\x9C\xEC\xA7\x80 \xED\x97\xA4\xEB\x8D\x94:"}},
    };
    return list;
}

}  // namespace

TEST_CASE("localised: Gmail's and Outlook's notices in seven languages, with and without the report",
          "[classify][localised]") {
    using notice_shapes::GmailBody;
    struct Reply {
        const char* text;
        const char* reason;
        const char* bounce_class;
    };
    // A reply with no code of its own (the provider states X.0.0 beside it), a full
    // mailbox, a block list.
    const Reply replies[] = {
        {"550 User unknown", "userunknown", "hard"},
        {"552 5.2.2 <taro@example.jp>: Mailbox full", "mailboxfull", "soft"},
        {"554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org", "blocked", "policy"},
    };
    for (const auto& language : languages()) {
        for (const auto& reply : replies) {
            const std::pair<const char*, std::string> shapes[] = {
                {"gmail report", notice_shapes::gmail_notice(language.gmail, "taro@example.jp", reply.text, GmailBody::both, true)},
                {"gmail text", notice_shapes::gmail_notice(language.gmail, "taro@example.jp", reply.text, GmailBody::text, false)},
                {"gmail html", notice_shapes::gmail_notice(language.gmail, "taro@example.jp", reply.text, GmailBody::html, false)},
                {"outlook report", notice_shapes::outlook_notice(language.outlook, "taro@example.jp", reply.text, true)},
                {"outlook text", notice_shapes::outlook_notice(language.outlook, "taro@example.jp", reply.text, false)},
            };
            for (const auto& [shape, bytes] : shapes) {
                for (const auto& message : {bytes, with_crlf(bytes)}) {
                    INFO(language.code << " " << shape << ": " << reply.text);
                    auto report = classify_message(message);
                    REQUIRE(report.recipients.size() == 1);
                    const auto& r = report.recipients[0];
                    INFO("rule " << r.rule << " diagnostic: " << r.diagnostic);
                    CHECK(r.recipient == "taro@example.jp");
                    CHECK(r.reply_code == std::stoi(std::string(reply.text).substr(0, 3)));
                    CHECK(to_string(r.reason) == reply.reason);
                    CHECK(to_string(r.bounce_class) == reply.bounce_class);
                }
            }
        }
    }
}

namespace {

// Exchange Online's newer notice (since 2017), as its text part reads without the
// report: the headline, what to do, then "More info for email admins" with the
// status code, the original message's details (the recipient address labelled),
// and the error details, where the receiver's reply stands after its label
// ("Reported error:"), then the message hops and the original headers. Japanese
// labels, the test's own sentences.
std::string outlook_enhanced_ja(const std::string& reply, const std::string& status_line) {
    return "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\n"
           "To: news@list.example\n"
           "Subject: =?utf-8?B?6YWN5L+h5LiN6IO9OiBXZWVrbHkgbmV3cw==?=\n"
           "MIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"E\"\n\n"
           "--E\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
           "taro@example.jp \xE5\xAE\x9B\xE3\x81\xAE\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8"
           "\xE3\x82\x92\xE9\x85\x8D\xE4\xBF\xA1\xE3\x81\xA7\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93"
           "\xE3\x81\xA7\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\n\n"  // 宛のメッセージを配信できませんでした。
           "\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE7\xAE\xA1\xE7\x90\x86\xE8\x80\x85\xE5\x90\x91\xE3\x81\x91"
           "\xE3\x81\xAE\xE8\xA9\xB3\xE7\xB4\xB0\xE6\x83\x85\xE5\xA0\xB1\n\n"  // メール管理者向けの詳細情報
           "\xE7\x8A\xB6\xE6\x85\x8B\xE3\x82\xB3\xE3\x83\xBC\xE3\x83\x89: " + status_line + "\n\n"  // 状態コード:
           "\xE5\x85\x83\xE3\x81\xAE\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8\xE3\x81\xAE"
           "\xE8\xA9\xB3\xE7\xB4\xB0\n"  // 元のメッセージの詳細
           "\xE4\xBD\x9C\xE6\x88\x90\xE6\x97\xA5: 2024/06/11 9:01:54\n"  // 作成日:
           "\xE9\x80\x81\xE4\xBF\xA1\xE8\x80\x85\xE3\x81\xAE\xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9: "
           "news@list.example\n"  // 送信者のアドレス:
           "\xE5\x8F\x97\xE4\xBF\xA1\xE8\x80\x85\xE3\x81\xAE\xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9: "
           "taro@example.jp\n\n"  // 受信者のアドレス:
           "\xE3\x82\xA8\xE3\x83\xA9\xE3\x83\xBC\xE3\x81\xAE\xE8\xA9\xB3\xE7\xB4\xB0\n"  // エラーの詳細
           "\xE5\xA0\xB1\xE5\x91\x8A\xE3\x81\x95\xE3\x82\x8C\xE3\x81\x9F\xE3\x82\xA8\xE3\x83\xA9\xE3\x83\xBC: " +
           reply + "\n"  // 報告されたエラー:
           "DSN \xE7\x94\x9F\xE6\x88\x90\xE5\x85\x83: TYCPR01MB8123.jpnprd01.prod.outlook.com\n"  // 生成元:
           "\xE3\x83\xAA\xE3\x83\xA2\xE3\x83\xBC\xE3\x83\x88 \xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x90\xE3\x83\xBC: "
           "mx.example.jp\n\n"  // リモート サーバー:
           "\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8 \xE3\x83\x9B\xE3\x83\x83\xE3\x83\x97\n"  // メッセージ ホップ
           "1 2024/06/11 9:01:54 list.example TYCPR01MB8123.jpnprd01.prod.outlook.com Microsoft SMTP Server *\n\n"
           "\xE5\x85\x83\xE3\x81\xAE\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8 \xE3\x83\x98\xE3\x83"
           "\x83\xE3\x83\x80\xE3\x83\xBC\n\n"  // 元のメッセージ ヘッダー
           "Received: from list.example (198.51.100.7) by TYCPR01MB8123.jpnprd01.prod.outlook.com\n"
           "From: Weekly <news@list.example>\nTo: taro@example.jp\nSubject: Weekly news\n"
           "Message-ID: <issue-42@list.example>\n\n"
           "--E--\n";
}

}  // namespace

TEST_CASE("outlook: the newer Japanese notice's reported error decides, not its status-code line",
          "[classify][localised]") {
    struct Row {
        const char* reply;
        const char* status_line;
        const char* reason;
        const char* bounce_class;
    };
    const Row rows[] = {
        {"550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown", "550 5.1.1", "userunknown", "hard"},
        {"552 5.2.2 <taro@example.jp>: Mailbox full", "552 5.2.2", "mailboxfull", "soft"},
        {"550 5.7.1 Email quota exceeded", "550 5.7.1", "mailboxfull", "soft"},
        {"554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org", "554 5.7.1",
         "blocked", "policy"},
    };
    for (const auto& row : rows) {
        INFO(row.reply);
        auto report = classify_message(outlook_enhanced_ja(row.reply, row.status_line));
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients[0];
        INFO("format " << report.format << " rule " << r.rule << " diagnostic: " << r.diagnostic);
        CHECK(r.recipient == "taro@example.jp");
        CHECK(to_string(r.reason) == row.reason);
        CHECK(to_string(r.bounce_class) == row.bounce_class);
    }
}
