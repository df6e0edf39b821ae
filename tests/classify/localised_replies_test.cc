// Receivers that answer in their own language: "Benutzer unbekannt", "boîte pleine",
// "buzón lleno". Each reply (the test's own sentences, in the shape such servers
// send: a code, then a few words) must be read for its cause wherever a bounce puts
// it: in a DSN's Diagnostic-Code beside a vague Status 5.0.0, on a plain notice's
// line after its code, and in a notice with no code at all that states the failure.
// The same words only in the returned message decide nothing, and a delay warning
// that gives them stays a delay. Where each row's words come from is in
// classify/rules/rule_sources.cc.
#include <catch2/catch.hpp>

#include <string>

#include "classify/classifier.h"
#include "classify/reason.h"
#include "classify/rules/rules.h"
#include "dsn_builder.h"
#include "notice_shapes.h"

namespace {

struct Localised {
    const char* language;
    int code;           // the reply code the receiver gives with these words
    const char* words;  // the receiver's words after its code
    const char* reason;
    const char* row;    // the rules.cc row that must read them
};

// Written with and without diacritics: replies are often folded to ASCII.
const Localised kReplies[] = {
    // German
    {"de", 550, "Benutzer unbekannt", "userunknown", "no-such-user"},
    {"de", 550, "Benutzer nicht bekannt", "userunknown", "no-such-user"},
    {"de", 550, "Empfänger unbekannt", "userunknown", "no-such-user"},
    {"de", 550, "Unbekannter Empfaenger", "userunknown", "no-such-user"},
    {"de", 550, "Das Postfach existiert nicht", "userunknown", "no-such-user"},
    {"de", 552, "Postfach voll", "mailboxfull", "mailbox-full"},
    {"de", 552, "Das Postfach des Empfängers ist voll", "mailboxfull", "mailbox-full"},
    {"de", 550, "Benutzer hat das Speichervolumen ueberschritten", "mailboxfull", "mailbox-full"},
    {"de", 552, "Quota überschritten", "mailboxfull", "mailbox-full"},
    {"de", 550, "Benutzer hat zuviele Mails auf dem Server", "mailboxfull", "mailbox-full"},
    {"de", 550, "Domain existiert nicht", "hostunknown", "host-unknown"},
    {"de", 550, "Postfach deaktiviert", "suspend", "suspended"},
    {"de", 550, "Konto gesperrt", "suspend", "suspended"},
    {"de", 552, "Nachricht zu groß", "mesgtoobig", "message-too-big"},
    {"de", 554, "Absender blockiert", "rejected", "sender-rejected"},
    {"de", 554, "IP-Adresse gesperrt", "blocked", "host-blocked"},
    // French
    {"fr", 550, "Utilisateur inconnu", "userunknown", "no-such-user"},
    {"fr", 550, "Destinataire inconnu", "userunknown", "no-such-user"},
    {"fr", 550, "Cette adresse n'existe pas", "userunknown", "no-such-user"},
    {"fr", 552, "Boîte aux lettres pleine", "mailboxfull", "mailbox-full"},
    {"fr", 552, "Boite du destinataire pleine", "mailboxfull", "mailbox-full"},
    {"fr", 552, "Quota dépassé", "mailboxfull", "mailbox-full"},
    {"fr", 550, "Domaine inconnu", "hostunknown", "host-unknown"},
    {"fr", 550, "Compte désactivé", "suspend", "suspended"},
    {"fr", 550, "Boite du destinataire archivee", "suspend", "suspended"},
    {"fr", 550, "Le compte du destinataire est bloque", "suspend", "suspended"},
    {"fr", 552, "Message trop volumineux", "mesgtoobig", "message-too-big"},
    {"fr", 554, "Message refusé : courrier indésirable", "spamdetected", "spam"},
    {"fr", 554, "Adresse IP bloquée", "blocked", "host-blocked"},
    // Spanish
    {"es", 550, "Usuario desconocido", "userunknown", "no-such-user"},
    {"es", 550, "La dirección de correo no existe", "userunknown", "no-such-user"},
    {"es", 550, "El destinatario no existe", "userunknown", "no-such-user"},
    {"es", 552, "Buzón lleno", "mailboxfull", "mailbox-full"},
    {"es", 552, "El buzon del destinatario esta lleno", "mailboxfull", "mailbox-full"},
    {"es", 552, "Cuota excedida", "mailboxfull", "mailbox-full"},
    {"es", 550, "Dominio inexistente", "hostunknown", "host-unknown"},
    {"es", 550, "Cuenta desactivada", "suspend", "suspended"},
    {"es", 552, "Mensaje demasiado grande", "mesgtoobig", "message-too-big"},
    {"es", 554, "Rechazado: correo no deseado", "spamdetected", "spam"},
    {"es", 554, "IP bloqueada", "blocked", "host-blocked"},
    // Italian
    {"it", 550, "Utente sconosciuto", "userunknown", "no-such-user"},
    {"it", 550, "Utente inesistente", "userunknown", "no-such-user"},
    {"it", 550, "Indirizzo inesistente", "userunknown", "no-such-user"},
    {"it", 552, "Casella piena", "mailboxfull", "mailbox-full"},
    {"it", 552, "La casella di posta è piena", "mailboxfull", "mailbox-full"},
    {"it", 552, "Quota superata", "mailboxfull", "mailbox-full"},
    {"it", 550, "Dominio inesistente", "hostunknown", "host-unknown"},
    {"it", 550, "Casella disattivata", "suspend", "suspended"},
    {"it", 552, "Messaggio troppo grande", "mesgtoobig", "message-too-big"},
    {"it", 554, "Messaggio rifiutato: posta indesiderata", "spamdetected", "spam"},
    // Portuguese (Brazil and Portugal)
    {"pt", 550, "Usuário desconhecido", "userunknown", "no-such-user"},
    {"pt", 550, "Usuario inexistente", "userunknown", "no-such-user"},
    {"pt", 550, "Utilizador desconhecido", "userunknown", "no-such-user"},
    {"pt", 552, "Caixa postal cheia", "mailboxfull", "mailbox-full"},
    {"pt", 552, "A caixa de correio está cheia", "mailboxfull", "mailbox-full"},
    {"pt", 552, "Cota excedida", "mailboxfull", "mailbox-full"},
    {"pt", 550, "Domínio inexistente", "hostunknown", "host-unknown"},
    {"pt", 550, "Conta desativada", "suspend", "suspended"},
    {"pt", 552, "Mensagem muito grande", "mesgtoobig", "message-too-big"},
    // Dutch
    {"nl", 550, "Gebruiker onbekend", "userunknown", "no-such-user"},
    {"nl", 550, "Onbekende ontvanger", "userunknown", "no-such-user"},
    {"nl", 550, "Dit adres bestaat niet", "userunknown", "no-such-user"},
    {"nl", 552, "Mailbox is vol", "mailboxfull", "mailbox-full"},
    {"nl", 552, "Postvak van de ontvanger is vol", "mailboxfull", "mailbox-full"},
    {"nl", 550, "Domein bestaat niet", "hostunknown", "host-unknown"},
    {"nl", 550, "Account is geblokkeerd", "suspend", "suspended"},
    {"nl", 552, "Bericht is te groot", "mesgtoobig", "message-too-big"},
    // Polish
    {"pl", 550, "Użytkownik nie istnieje", "userunknown", "no-such-user"},
    {"pl", 550, "Uzytkownik nie istnieje", "userunknown", "no-such-user"},
    {"pl", 550, "Nieznany odbiorca", "userunknown", "no-such-user"},
    {"pl", 550, "Nie ma takiego konta", "userunknown", "no-such-user"},
    {"pl", 552, "Skrzynka odbiorcy jest pełna", "mailboxfull", "mailbox-full"},
    {"pl", 552, "Skrzynka przepelniona", "mailboxfull", "mailbox-full"},
    {"pl", 550, "Nie ma takiej domeny", "hostunknown", "host-unknown"},
    {"pl", 550, "Konto zablokowane", "suspend", "suspended"},
    {"pl", 552, "Wiadomość jest za duża", "mesgtoobig", "message-too-big"},
    // Russian
    {"ru", 550, "Пользователь не найден", "userunknown", "no-such-user"},
    {"ru", 550, "Нет такого пользователя", "userunknown", "no-such-user"},
    {"ru", 550, "Почтовый ящик не существует", "userunknown", "no-such-user"},
    {"ru", 552, "Почтовый ящик переполнен", "mailboxfull", "mailbox-full"},
    {"ru", 552, "Превышена квота почтового ящика", "mailboxfull", "mailbox-full"},
    {"ru", 550, "Домен не существует", "hostunknown", "host-unknown"},
    {"ru", 550, "Почтовый ящик заблокирован", "suspend", "suspended"},
    {"ru", 552, "Письмо слишком большое", "mesgtoobig", "message-too-big"},
    {"ru", 554, "Сообщение отклонено как спам", "spamdetected", "spam"},
    // Japanese, Chinese, Korean (beside the rows written for them earlier)
    {"ja", 552, "メッセージのサイズが大きすぎます", "mesgtoobig", "message-too-big"},
    {"ja", 554, "迷惑メールと判定されました", "spamdetected", "spam"},
    {"zh", 550, "域名不存在", "hostunknown", "host-unknown"},
    {"zh", 554, "邮件被判定为垃圾邮件", "spamdetected", "spam"},
    {"zh", 550, "该邮箱已被冻结", "suspend", "suspended"},
    {"zh", 550, "用户由于长时间未登录处于休眠状态", "suspend", "suspended"},
    {"ko", 554, "스팸으로 분류되어 거부되었습니다", "spamdetected", "spam"},
};

const std::string kRecipient = "hans@example.de";

std::string plain_notice(const std::string& body) {
    return "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
           "To: bounces+hans=example.de@list.example\n"
           "Subject: Undelivered Mail Returned to Sender\n"
           "MIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=utf-8\n"
           "Content-Transfer-Encoding: 8bit\n\n" + body;
}

// (b) a plain notice that quotes the reply, code first, on its own line.
std::string coded_notice(const Localised& row) {
    return plain_notice("Your message could not be delivered to " + kRecipient + ".\n" + std::to_string(row.code) + " " +
                        row.words + "\n");
}

// (c) a plain notice that states the failure and gives the receiver's words with no code.
std::string uncoded_notice(const Localised& row) {
    return plain_notice("Your message to <" + kRecipient + "> could not be delivered.\n\n" + row.words + "\n");
}

// "User unknown" that nothing says was refused at RCPT is read as a filter's
// refusal in those words (diagnosis.cc, refused_at_rcpt; README "The order of
// evidence"), in any language: the row that read the words is still named.
void check(const classify::Report& report, const Localised& row, bool at_rcpt) {
    REQUIRE(report.recipients.size() == 1);
    const auto& r = report.recipients.front();
    CHECK(r.recipient == kRecipient);
    const bool unknown = std::string(row.reason) == "userunknown";
    const std::string reason = unknown && !at_rcpt ? "filtered" : row.reason;
    CHECK(std::string(classify::to_string(r.reason)) == reason);
    CHECK(std::string(classify::to_string(r.bounce_class)) ==
          std::string(classify::to_string(classify::class_of(*classify::parse_reason(reason), false))));
    CHECK(r.rule.find(std::string("text:") + row.row) == 0);
}

}  // namespace

TEST_CASE("localised replies: a DSN's Diagnostic-Code beside Status 5.0.0 is read for its cause",
          "[classify][localwords]") {
    for (const auto& row : kReplies) {
        INFO("[" << row.language << "] " << row.words);
        const std::string diagnostic = std::to_string(row.code) + " " + row.words;
        check(classify::classify_message(test::make_dsn(kRecipient, diagnostic, "5.0.0")), row, false);
    }
}

TEST_CASE("localised replies: a plain notice's coded line is read for its cause", "[classify][localwords]") {
    for (const auto& row : kReplies) {
        INFO("[" << row.language << "] " << row.words);
        check(classify::classify_message(coded_notice(row)), row, false);
    }
}

TEST_CASE("localised replies: a notice with no code that states the failure is read for its cause",
          "[classify][localwords]") {
    for (const auto& row : kReplies) {
        INFO("[" << row.language << "] " << row.words);
        check(classify::classify_message(uncoded_notice(row)), row, false);
    }
}

TEST_CASE("localised replies: Postfix's report of the reply to RCPT TO keeps an unknown user",
          "[classify][localwords]") {
    for (const auto& row : kReplies) {
        INFO("[" << row.language << "] " << row.words);
        const std::string reply = std::to_string(row.code) + " " + row.words;
        check(classify::classify_message(
                  notice_shapes::postfix_bounce(kRecipient, reply, "RCPT", true, notice_shapes::Returned::message)),
              row, true);
    }
}

TEST_CASE("localised replies: the words only in the returned message decide nothing", "[classify][localwords]") {
    const std::string returned_body =
        "From: news@list.example\nTo: " + kRecipient + "\nSubject: Ist Ihr Postfach voll?\n"
        "Message-ID: <issue-42@list.example>\n\n"
        "Postfach voll? Benutzer unbekannt? Boite pleine, buzon lleno, casella piena:\n"
        "552 Postfach voll\n550 Utilisateur inconnu\n";
    SECTION("a DSN whose reply names no cause") {
        std::string m = test::make_dsn(kRecipient, "554 Transaction failed", "5.0.0");
        const std::string headers_part = "Content-Type: text/rfc822-headers";
        m.replace(m.find(headers_part), headers_part.size(), "Content-Type: message/rfc822");
        m.insert(m.rfind("--B--"), "\nPostfach voll? Benutzer unbekannt?\n552 Postfach voll\n550 Utilisateur inconnu\n\n");
        auto report = classify::classify_message(m);
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients.front();
        CHECK(r.reason != classify::Reason::mailboxfull);
        CHECK(r.reason != classify::Reason::userunknown);
        CHECK(r.reason != classify::Reason::filtered);
        CHECK(r.rule.find("mailbox-full") == std::string::npos);
        CHECK(r.rule.find("no-such-user") == std::string::npos);
    }
    SECTION("a plain notice that returns the message inline") {
        auto report = classify::classify_message(plain_notice(
            "Your message could not be delivered to " + kRecipient + ".\n554 Transaction failed\n\n"
            "------ This is a copy of the message, including all the headers. ------\n\n" + returned_body));
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients.front();
        CHECK(r.recipient == kRecipient);
        CHECK(r.reason != classify::Reason::mailboxfull);
        CHECK(r.reason != classify::Reason::userunknown);
        CHECK(r.rule.find("mailbox-full") == std::string::npos);
        CHECK(r.rule.find("no-such-user") == std::string::npos);
    }
}

TEST_CASE("localised replies: a delay warning with a localised cause stays delayed", "[classify][localwords]") {
    for (const char* words : {"451 4.0.0 Postfach voll", "451 4.0.0 Boite pleine", "451 4.0.0 Buzon lleno",
                              "451 4.0.0 Casella piena", "451 4.0.0 Почтовый ящик переполнен"}) {
        INFO(words);
        auto report = classify::classify_message(test::make_dsn(kRecipient, words, "4.0.0", "delayed"));
        REQUIRE(report.recipients.size() == 1);
        const auto& r = report.recipients.front();
        CHECK(classify::to_string(r.bounce_class) == "delayed");
        CHECK(classify::to_string(r.reason) == "mailboxfull");
    }
}

TEST_CASE("localised replies: each row compiled on demand is found by its stems", "[classify][localwords]") {
    CHECK(classify::reason_rule_stem_gap() == "");
}

TEST_CASE("localised replies: capitals and a Latin-1 notice are read alike", "[classify][localwords]") {
    // Replies in capitals ("BOÎTE PLEINE", "ПОЧТОВЫЙ ЯЩИК ПЕРЕПОЛНЕН"): the table folds
    // the capitals of Latin-1, Latin Extended-A and Cyrillic, as the diagnosis does ASCII's.
    const Localised capitals[] = {
        {"de", 550, "BENUTZER UNBEKANNT", "userunknown", "no-such-user"},
        {"fr", 552, "BOÎTE AUX LETTRES PLEINE", "mailboxfull", "mailbox-full"},
        {"pl", 552, "SKRZYNKA ODBIORCY JEST PEŁNA", "mailboxfull", "mailbox-full"},
        {"ru", 552, "ПОЧТОВЫЙ ЯЩИК ПЕРЕПОЛНЕН", "mailboxfull", "mailbox-full"},
        {"ru", 550, "ДОМЕН НЕ СУЩЕСТВУЕТ", "hostunknown", "host-unknown"},
    };
    for (const auto& row : capitals) {
        INFO("[" << row.language << "] " << row.words);
        check(classify::classify_message(coded_notice(row)), row, false);
    }
    // A German notice in ISO-8859-1, quoted-printable: "Empfänger unbekannt".
    auto report = classify::classify_message(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
        "To: bounces+hans=example.de@list.example\n"
        "Subject: Unzustellbar: Weekly news\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "Your message could not be delivered to " + kRecipient + ".\n"
        "552 Das Postfach des Empf=E4ngers ist voll\n");
    REQUIRE(report.recipients.size() == 1);
    CHECK(classify::to_string(report.recipients[0].reason) == "mailboxfull");
    CHECK(report.recipients[0].rule == "text:mailbox-full-localised");
}

TEST_CASE("localised replies: a provider's translated headline does not decide", "[classify][localwords]") {
    // Gmail's headline for an unknown address stands over replies of every kind
    // (README, "The order of evidence"); its words in German, French and Spanish are
    // the rows' words too, so only the quoted reply may decide.
    const notice_shapes::GmailWords headlines[] = {
        {"Adresse nicht gefunden",
         ": Ihre Nachricht wurde nicht zugestellt, weil die Adresse nicht gefunden wurde oder keine E-Mails "
         "empfangen kann.",
         "Weitere Informationen", "Antwort des Remote-Servers:"},
        {"Adresse introuvable",
         " : votre message n'a pas pu \xC3\xAAtre distribu\xC3\xA9 car l'adresse est introuvable ou ne peut pas "
         "recevoir d'e-mails.",
         "En savoir plus", "R\xC3\xA9ponse du serveur distant :"},
        {"No se ha encontrado la direcci\xC3\xB3n",
         ": su mensaje no se ha entregado porque la direcci\xC3\xB3n no existe o no puede recibir correo.",
         "M\xC3\xA1s informaci\xC3\xB3n", "Respuesta del servidor remoto:"},
    };
    for (const auto& words : headlines) {
        INFO(words.heading);
        for (bool report : {true, false}) {
            auto full = classify::classify_message(notice_shapes::gmail_notice(
                words, kRecipient, "552 5.2.2 Mailbox full", notice_shapes::GmailBody::text, report));
            REQUIRE(full.recipients.size() == 1);
            CHECK(classify::to_string(full.recipients[0].reason) == "mailboxfull");
            auto vague = classify::classify_message(notice_shapes::gmail_notice(
                words, kRecipient, "550 5.7.1 Transaction failed", notice_shapes::GmailBody::text, report));
            REQUIRE(vague.recipients.size() == 1);
            INFO("rule " << vague.recipients[0].rule);
            CHECK(vague.recipients[0].rule.find("no-such-user") == std::string::npos);
        }
    }
}
