// The same receiver's reply must get the same verdict whatever carried it. Every
// row of the provider catalogue (provider_catalogue.h) goes into every shape of
// bounce the tests can build: DSNs with and without a Status, Postfix's bounce
// with and without its report, Gmail's and Exchange Online's Japanese notices
// (notice_shapes.h), the five Debian MTAs' notices with their reports and the
// plain notices of Postfix, Exim, Sendmail and qmail (mta_builders.h). The class
// and reason must be the catalogue's in each, for the one recipient.
//
// Rows whose text is no SMTP reply (an MTA's own words, "Unrouteable address",
// "connect to ...: Connection refused") are what the reporting MTA says, not a
// receiver: no MTA writes them after "host ... said:", so they go into the DSN
// shapes only.
//
// The differences left are listed in kKnownDifferences with their reason: the
// test fails when a listed case starts passing, so the list only shrinks.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "dsn_builder.h"
#include "mta_builders.h"
#include "notice_shapes.h"
#include "provider_catalogue.h"

namespace {

using provider_catalogue::DocumentedReply;
using provider_catalogue::kReplies;
namespace shapes = notice_shapes;
namespace mta = mta_builders;

const std::string kRecipient = "someone@example.org";

// "550 ...", "421-...": a receiver's reply, not an MTA's own words.
bool is_smtp_reply(const std::string& text) {
    return text.size() >= 4 && (text[0] == '4' || text[0] == '5') && std::isdigit(static_cast<unsigned char>(text[1])) &&
           std::isdigit(static_cast<unsigned char>(text[2])) && (text[3] == ' ' || text[3] == '-');
}

// The command the reply answers, as the wrapper states it. A receiver knows the
// message's content, size and From-header authentication only after DATA, so the
// replies that name those causes are DATA replies; every other reply is taken to
// answer RCPT (a Postfix "Recipient address rejected" is RCPT whatever its cause).
std::string command_of(const DocumentedReply& row) {
    static const char* const kMessageCauses[] = {"spamdetected", "virusdetected", "mesgtoobig", "contenterror",
                                                 "notcompliantrfc", "exceedlimit", "authfailure"};
    const std::string reply = row.reply;
    if (reply.find("address rejected") != std::string::npos) return "RCPT";
    for (const char* cause : kMessageCauses)
        if (std::strcmp(row.reason, cause) == 0) return "DATA";
    return "RCPT";
}

// The Status an MTA that keeps only the class writes (Exim, OpenSMTPD, Courier).
std::string class_only_status(const std::string& reply) { return std::string(1, reply[0]) + ".0.0"; }

struct Shape {
    const char* name;
    bool own_words;  // also carries the rows that are an MTA's own words (DSN shapes)
    std::function<std::string(const DocumentedReply&, const std::string& command)> build;
};

mta::Notice notice_of(const DocumentedReply& row, const std::string& command, const std::string& status) {
    return {kRecipient, false, status, row.reply, command, "", "mx.example.org"};
}

const std::vector<Shape>& all_shapes() {
    using shapes::GmailBody;
    using shapes::Returned;
    using Row = DocumentedReply;
    using Cmd = std::string;
    static const std::vector<Shape> list = {
        {"dsn, catalogue status", true, [](const Row& r, const Cmd&) { return test::make_dsn(kRecipient, r.reply, r.status); }},
        {"dsn, Diagnostic-Code only", true, [](const Row& r, const Cmd&) { return test::make_dsn(kRecipient, r.reply); }},
        {"dsn, stated status", false,
         [](const Row& r, const Cmd&) { return test::make_dsn(kRecipient, r.reply, shapes::stated_status(r.reply)); }},
        {"postfix report, message", false,
         [](const Row& r, const Cmd& c) { return shapes::postfix_bounce(kRecipient, r.reply, c, true, Returned::message); }},
        {"postfix report, headers", false,
         [](const Row& r, const Cmd& c) { return shapes::postfix_bounce(kRecipient, r.reply, c, true, Returned::headers); }},
        {"postfix notice, message", false,
         [](const Row& r, const Cmd& c) { return shapes::postfix_bounce(kRecipient, r.reply, c, false, Returned::message); }},
        {"postfix notice, headers", false,
         [](const Row& r, const Cmd& c) { return shapes::postfix_bounce(kRecipient, r.reply, c, false, Returned::headers); }},
        {"gmail ja report, text+html", false,
         [](const Row& r, const Cmd&) { return shapes::gmail_ja(kRecipient, r.reply, GmailBody::both, true); }},
        {"gmail ja report, html", false,
         [](const Row& r, const Cmd&) { return shapes::gmail_ja(kRecipient, r.reply, GmailBody::html, true); }},
        {"gmail ja text+html", false,
         [](const Row& r, const Cmd&) { return shapes::gmail_ja(kRecipient, r.reply, GmailBody::both, false); }},
        {"gmail ja text", false,
         [](const Row& r, const Cmd&) { return shapes::gmail_ja(kRecipient, r.reply, GmailBody::text, false); }},
        {"gmail ja html", false,
         [](const Row& r, const Cmd&) { return shapes::gmail_ja(kRecipient, r.reply, GmailBody::html, false); }},
        {"gmail ja text, address-not-found heading", false,
         [](const Row& r, const Cmd&) {
             return shapes::gmail_ja(kRecipient, r.reply, GmailBody::text, false, shapes::kHeadingAddressNotFound,
                                     Returned::headers);
         }},
        {"gmail ja plain, as seed 000 shows it", false,
         [](const Row& r, const Cmd&) { return shapes::gmail_pasted(kRecipient, r.reply); }},
        {"outlook ja report", false, [](const Row& r, const Cmd&) { return shapes::outlook_ja(kRecipient, r.reply, true); }},
        {"outlook ja text", false, [](const Row& r, const Cmd&) { return shapes::outlook_ja(kRecipient, r.reply, false); }},
        {"postfix with report", false,
         [](const Row& r, const Cmd& c) { return mta::postfix(notice_of(r, c, shapes::stated_status(r.reply))); }},
        {"exim with report", false,
         [](const Row& r, const Cmd& c) { return mta::exim(notice_of(r, c, class_only_status(r.reply))); }},
        {"opensmtpd", false,
         [](const Row& r, const Cmd& c) { return mta::opensmtpd(notice_of(r, c, class_only_status(r.reply))); }},
        {"sendmail with report", false,
         [](const Row& r, const Cmd& c) { return mta::sendmail(notice_of(r, c, shapes::stated_status(r.reply))); }},
        {"courier", false,
         [](const Row& r, const Cmd& c) { return mta::courier(notice_of(r, c, class_only_status(r.reply))); }},
        {"exim plain", false,
         [](const Row& r, const Cmd& c) {
             return mta::exim_notice(r.reply, c == "DATA" ? "end of data" : "RCPT TO:<" + kRecipient + ">");
         }},
        {"sendmail plain", false,
         [](const Row& r, const Cmd& c) {
             return mta::sendmail_notice(r.reply, c == "DATA" ? "DATA" : "RCPT To:<" + kRecipient + ">");
         }},
        {"qmail", false, [](const Row& r, const Cmd& c) { return mta::qmail_notice(r.reply, c); }},
    };
    return list;
}

// Whether the bounce gives the one recipient with the row's class (and reason,
// where the row names one); `why` says what it gave.
bool verdict_matches(const DocumentedReply& row, const std::string& bytes, std::string* why) {
    auto report = classify::classify_message(bytes);
    std::ostringstream out;
    if (report.recipients.size() != 1) {
        out << report.recipients.size() << " recipients (format " << report.format << ")";
        *why = out.str();
        return false;
    }
    const auto& r = report.recipients.front();
    out << r.recipient << " " << classify::to_string(r.bounce_class) << "/" << classify::to_string(r.reason) << " rule "
        << r.rule << " format " << report.format << " command " << r.smtp_command;
    *why = out.str();
    return r.recipient == kRecipient && classify::to_string(r.bounce_class) == row.bounce_class &&
           (row.reason[0] == '\0' || classify::to_string(r.reason) == row.reason);
}

// Cases known to differ, each with why it cannot be fixed by a general rule:
// {shape, the row's reply (its start, unique in the catalogue), why}.
struct KnownDifference {
    const char* shape;
    const char* reply_start;
    const char* why;
};

const KnownDifference kKnownDifferences[] = {
    // OpenSMTPD's notice quotes the reply and never the command, and its report
    // part has no Diagnostic-Code. README's convention (sisimai's, which the
    // development corpus is labelled by) then reads "user unknown" words as a
    // filter's. Reading Yahoo's "doesn't have a ... account" as the address outside
    // a DSN drops the corpus from class 0.983 to 0.975 (lhost-x2, measured).
    {"opensmtpd", "554 delivery error: dd This user doesn't have a yahoo.com account",
     "README's convention for an unknown user with no command named"},
};

const KnownDifference* known_difference(const Shape& shape, const DocumentedReply& row) {
    for (const auto& k : kKnownDifferences)
        if (std::strcmp(k.shape, shape.name) == 0 && k.reply_start[0] != '\0' &&
            std::strncmp(row.reply, k.reply_start, std::strlen(k.reply_start)) == 0)
            return &k;
    return nullptr;
}

bool applies(const Shape& shape, const DocumentedReply& row) { return shape.own_words || is_smtp_reply(row.reply); }

}  // namespace

TEST_CASE("layouts: every catalogue reply gets the catalogue's verdict in every shape of bounce",
          "[classify][layouts]") {
    for (const auto& shape : all_shapes()) {
        for (const auto& row : kReplies) {
            if (!applies(shape, row)) continue;
            std::string why;
            bool ok = verdict_matches(row, shape.build(row, command_of(row)), &why);
            INFO("shape: " << shape.name << "\n[" << row.source << "] " << row.reply << "\ngot: " << why
                           << "\nwant: " << row.bounce_class << "/" << row.reason);
            if (const auto* known = known_difference(shape, row)) {
                INFO("listed as a known difference (" << known->why << "): remove it from the list");
                CHECK_FALSE(ok);
            } else {
                CHECK(ok);
            }
        }
    }
}

// Not run by default (hidden tag): the pass rate of each shape, known differences
// counted as failures. classify_tests "[.layout-matrix]" -s
TEST_CASE("layouts: pass rate per shape", "[.layout-matrix]") {
    for (const auto& shape : all_shapes()) {
        int passed = 0, total = 0;
        std::ostringstream failed;
        for (const auto& row : kReplies) {
            if (!applies(shape, row)) continue;
            std::string why;
            ++total;
            if (verdict_matches(row, shape.build(row, command_of(row)), &why)) ++passed;
            else failed << "\n  [" << row.source << "] " << row.reply << "\n    want " << row.bounce_class << "/"
                        << row.reason << ", got " << why;
        }
        WARN(shape.name << ": " << passed << "/" << total << failed.str());
    }
}
