// The decisions of diagnosis.cc, one test per decision: which status code is
// reported, which reason the words or the codes give, and when a bounce counts as
// temporary. Each case is Evidence as a decoder would hand it over.
#include <catch2/catch.hpp>

#include "classify/rules/diagnosis.h"

namespace {

classify::Evidence evidence(const std::string& diagnostic, const std::string& status = "",
                            const std::string& command = "",
                            classify::RecipientSource source = classify::RecipientSource::dsn) {
    classify::Evidence e;
    e.recipient = "taro@example.jp";
    e.action = "failed";
    e.status = status;
    e.diagnostic = diagnostic;
    e.smtp_command = command;
    e.source = source;
    return e;
}

classify::RecipientResult diagnosed(const classify::Evidence& e) { return classify::diagnose(e, classify::Limits{}); }

}  // namespace

TEST_CASE("diagnosis: the receiver's specific code wins over the reporting MTA's summary", "[classify][diagnosis]") {
    // sendmail states 4.4.7 (delivery time expired) for a receiver that said 4.7.1.
    auto r = diagnosed(evidence("450 4.7.1 <c1.example.net[192.0.2.56]>: Client host rejected: may not be "
                                "mail exchanger", "4.4.7"));
    CHECK(r.status == "4.7.1");
    CHECK(r.reply_code == 450);
    // A stated 5.1.1 beside a receiver's 5.7.1.
    CHECK(diagnosed(evidence("550 5.7.1 IP address blacklisted by recipient", "5.1.1")).status == "5.7.1");
}

TEST_CASE("diagnosis: the stated code stays when the receiver said it too, or quoted only a vague code",
          "[classify][diagnosis]") {
    // SES quotes the receiver after its own code; a decoder that picked the quoted one keeps it.
    CHECK(diagnosed(evidence("554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection "
                             "timed out>", "4.4.2")).status == "4.4.2");
    CHECK(diagnosed(evidence("550 5.0.0 Mailbox unavailable", "5.1.1")).status == "5.1.1");
    // Codes with a multi-digit detail are not taken over the stated one.
    CHECK(diagnosed(evidence("550 5.7.606 Access denied, banned sending IP", "5.7.1")).status == "5.7.1");
}

TEST_CASE("diagnosis: 'user unknown' is an unknown user only when it answers the recipient", "[classify][diagnosis]") {
    using classify::Reason;
    // Said to RCPT, or with an addressing code, or naming RCPT: the user is unknown.
    CHECK(diagnosed(evidence("550 Unknown user", "", "RCPT")).reason == Reason::userunknown);
    CHECK(diagnosed(evidence("550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown", "5.1.1",
                             "DATA")).reason == Reason::userunknown);
    CHECK(diagnosed(evidence("Remote host said: 550 5.2.1 <taro@example.jp>... User Unknown [RCPT_TO]", "5.2.1", "",
                             classify::RecipientSource::body_text)).reason == Reason::userunknown);
    // A DSN with neither code nor command: the words decide.
    CHECK(diagnosed(evidence("550 User unknown")).reason == Reason::userunknown);
    // A code about something else, or after DATA: a filter refused the message.
    auto stated = diagnosed(evidence("550 Unknown user taro@example.jp", "5.0.0"));
    CHECK(stated.reason == Reason::filtered);
    CHECK(stated.rule == "text:no-such-user,not-at-rcpt");
    CHECK(diagnosed(evidence("550 5.2.1 <taro@example.jp>... User Unknown", "5.2.1")).reason == Reason::filtered);
    CHECK(diagnosed(evidence("550 Unknown user taro@example.jp", "", "DATA")).reason == Reason::filtered);
    // A non-DSN layout that says nothing of the stage: filtered, as sisimai reads it.
    CHECK(diagnosed(evidence("User unknown", "", "", classify::RecipientSource::body_text)).reason ==
          Reason::filtered);
}

TEST_CASE("diagnosis: a provider's own wording is not second-guessed by the stage rule", "[classify][diagnosis]") {
    auto e = evidence("554 delivery error: dd This user doesn't have a yahoo.com account (taro@yahoo.com) [0]",
                      "5.0.0");
    e.recipient = "taro@yahoo.com";
    e.remote_mta = "mta6.am0.yahoodns.net";
    CHECK(diagnosed(e).reason == classify::Reason::userunknown);
    // au: "550 <addr>: User unknown" is a missing user, "550 : User unknown" the filter;
    // the Remote-MTA's host name is read out of "host (TCP|...)".
    auto au = evidence("550 <taro@ezweb.ne.jp>: User unknown", "5.0.0");
    au.recipient = "taro@ezweb.ne.jp";
    au.remote_mta = "lsean.ezweb.ne.jp (TCP|192.0.2.1|19454|192.0.2.2|25) (au mail)";
    CHECK(diagnosed(au).reason == classify::Reason::userunknown);
    au.diagnostic = "550 : User unknown";
    CHECK(diagnosed(au).reason == classify::Reason::filtered);
}

TEST_CASE("diagnosis: codes that name their cause exactly decide over the words", "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("552 5.2.3 Message size exceeds fixed maximum message size (10485760)", "5.2.3"))
              .reason == Reason::exceedlimit);
    CHECK(diagnosed(evidence("551 not our customer", "5.1.6")).reason == Reason::hasmoved);
    CHECK(diagnosed(evidence("550 5.1.7 No such domain example.net", "5.1.7")).reason == Reason::rejected);
    // Without such a code the words decide.
    CHECK(diagnosed(evidence("552 Message size exceeds fixed maximum message size")).reason == Reason::mesgtoobig);
}

TEST_CASE("diagnosis: a refusal at MAIL FROM is about the sender", "[classify][diagnosis]") {
    using classify::Reason;
    auto r = diagnosed(evidence("553 5.1.0 sender.example.net does not exist", "", "MAIL"));
    CHECK(r.reason == Reason::rejected);
    CHECK(r.bounce_class == classify::BounceClass::policy);
    CHECK(diagnosed(evidence("550 No such domain sender.example.net", "", "MAIL")).reason == Reason::rejected);
    // Words about the sender's network keep their own reason.
    CHECK(diagnosed(evidence("554 5.7.1 Reverse DNS failed", "", "MAIL")).reason == Reason::requireptr);
}

TEST_CASE("diagnosis: the codes that start the later lines of a multi-line reply do not split its words",
          "[classify][diagnosis]") {
    auto r = diagnosed(evidence("550-5.7.1 [192.0.2.1 13] Messages with multiple 550-5.7.1 addresses in From: "
                                "header are not accepted. 550 5.7.1 x1si1.2 - gsmtp", "5.7.1", "DATA"));
    CHECK(r.reason == classify::Reason::notcompliantrfc);
    CHECK(r.status == "5.7.1");
    CHECK(r.reply_code == 550);
    // The diagnostic itself is reported as the receiver wrote it.
    CHECK(r.diagnostic.find("550-5.7.1 addresses") != std::string::npos);
}

TEST_CASE("diagnosis: rows for phrasings that overlap another reason's words", "[classify][diagnosis]") {
    using classify::Reason;
    struct Case {
        const char* diagnostic;
        Reason reason;
    };
    const Case cases[] = {
        // SMTP AUTH demanded of the sender is a security error; SPF/DKIM/DMARC are authfailure.
        {"550 Unauthenticated senders not allowed", Reason::securityerror},
        {"550 5.7.1 RESOLVER.RST.AuthRequired; authentication required", Reason::securityerror},
        {"550-5.7.1 This message does not have authentication information or fails to pass authentication checks",
         Reason::authfailure},
        {"550 5.7.1 Unauthenticated email from example.com is not accepted due to domain's DMARC policy",
         Reason::authfailure},
        // The receiver's disk, not the recipient's mailbox.
        {"452 4.4.5 Insufficient disk space; try again later", Reason::systemfull},
        // Postfix's temporary DNS failure is no verdict on the domain.
        {"Name service error for domain example.com: Host not found, try again", Reason::networkerror},
        // Exim: no router would take the address.
        {"Unrouteable address", Reason::hostunknown},
        // sendmail's delay warning.
        {"421 Warning: message still undelivered after 4 hours Will keep trying until message is 5 days old",
         Reason::expired},
        {"554 5.7.9 Header error", Reason::policyviolation},
        {"554 Service currently unavailable", Reason::systemerror},
        {"554 mx.example.com ESMTP not accepting connections", Reason::blocked},
        {"501 <a@example.jp>... no access from mail server [192.0.2.55] which is an open relay.", Reason::blocked},
        {"554 Message rejected: Email address is not verified.", Reason::norelaying},
        {"552 Too many recipients", Reason::toomanyconn},
    };
    for (const auto& c : cases) {
        INFO(c.diagnostic);
        CHECK(diagnosed(evidence(c.diagnostic)).reason == c.reason);
    }
}

TEST_CASE("diagnosis: the receiver's reply class decides over a stated code of the other class",
          "[classify][diagnosis]") {
    auto r = diagnosed(evidence("550 5.5.0 Service refuse. Veuillez essayer plus tard.", "4.5.0"));
    CHECK(r.status == "5.5.0");
    CHECK(r.reply_code == 550);
}

TEST_CASE("diagnosis: a bare reply code names a reason only for the receiver's own trouble (RFC 5321 421, 451, 452)", "[classify][diagnosis]") {
    using classify::Reason;
    // 451: local error in processing; 450: mailbox busy or unavailable for now.
    CHECK(diagnosed(evidence("451 Could not load DRD for domain (example.com)", "", "RCPT")).reason ==
          Reason::systemerror);
    CHECK(diagnosed(evidence("450 <taro@example.jp>: please come back", "", "RCPT")).reason == Reason::onhold);
}

TEST_CASE("diagnosis: provider and MTA phrasings that name their reason", "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("Error transferring to mx.example.org; Maximum hop count exceeded. Message probably in "
                             "a routing loop.")).reason == Reason::networkerror);
    CHECK(diagnosed(evidence("Sorry your message to taro@example.jp cannot be delivered. This account has been "
                             "disabled or discontinued [#102].", "", "", classify::RecipientSource::body_text))
              .reason == Reason::suspend);
    CHECK(diagnosed(evidence("501 RCPT TO not accepted: 5.7.1 This system is not configured to relay mail"))
              .reason == Reason::norelaying);
    CHECK(diagnosed(evidence("DNS Error: 1657 DNS type 'mx' lookup of example.jp responded with code NOERROR 1657 DNS "
                             "type 'mx' lookup of example.jp had no relevant answers.")).reason == Reason::networkerror);
    auto yahoo = evidence("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume "
                          "or user complaints", "4.7.0", "MAIL");
    yahoo.recipient = "taro@yahoo.com";
    CHECK(diagnosed(yahoo).reason == Reason::badreputation);
}

TEST_CASE("diagnosis: words no row knows are held, a bounce that gave only the address is undefined",
          "[classify][diagnosis]") {
    using classify::Reason;
    auto held = diagnosed(evidence("Der Empfaenger taro@example.jp ist im Verzeichnis nicht eingetragen", "5.0.0"));
    CHECK(held.reason == Reason::onhold);
    CHECK(held.rule == "unknown-words");
    CHECK(held.status == "5.0.0");
    CHECK(diagnosed(evidence("* taro@example.jp")).reason == Reason::undefined);
}

TEST_CASE("diagnosis: hosting, Office 365, AOL and sendmail phrasings that name their reason",
          "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("The mail server could not deliver mail to taro@example.jp. The account or domain may "
                             "not exist, they may be blacklisted, or missing the proper dns entries."))
              .reason == Reason::hostunknown);
    CHECK(diagnosed(evidence("Sorry, you are sending to/from an address that has been blacklisted")).reason ==
          Reason::rejected);
    CHECK(diagnosed(evidence("550 5.4.1 All recipient addresses rejected : Access denied [x.prod.protection.outlook.com]",
                             "5.4.1")).reason == Reason::rejected);
    CHECK(diagnosed(evidence("X-Outbound-Mail-Relay; Name service error for name=example.jp type=MX: Malformed or "
                             "unexpected name server reply", "5.4.4")).reason == Reason::notaccept);
    // Without AOL's relay prefix the same words are a DNS failure on the way.
    CHECK(diagnosed(evidence("Name service error for name=example.jp type=MX: Malformed or unexpected name server "
                             "reply", "5.4.4")).reason == Reason::networkerror);
    CHECK(diagnosed(evidence("Remote protocol error: Connection reset by peer during result wait with example.jp"))
              .reason == Reason::blocked);
    CHECK(diagnosed(evidence("550 5.7.0 <hanako@example.org>... Please use the smtp server of your ISP.", "5.7.0"))
              .reason == Reason::blocked);
    CHECK(diagnosed(evidence("550 'taro@example.jp' is not a registered gateway user", "5.0.0")).reason ==
          Reason::rejected);
}

TEST_CASE("diagnosis: a DSN's protocol code or words about the address itself make 'user unknown' the recipient's",
          "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("550 Requested action not taken: mailbox unavailable", "5.5.0")).reason ==
          Reason::userunknown);
    CHECK(diagnosed(evidence("because the address couldn't be found. Check for typos or unnecessary spaces and try "
                             "again.", "5.0.0")).reason == Reason::userunknown);
    // Outside a DSN, or under a vague code, the same refusal is a filter's.
    CHECK(diagnosed(evidence("Invalid Address 550 Requested action not taken: mailbox unavailable", "", "",
                             classify::RecipientSource::mta_format)).reason == Reason::filtered);
}

TEST_CASE("diagnosis: a refusal at the greeting or HELO that no row names is a block of the sending host",
          "[classify][diagnosis]") {
    using classify::Reason;
    auto r = diagnosed(evidence("SMTP error from remote mail server after initial connection: host mx.example.jp "
                                "[192.0.2.1]: 554 mx.example.jp : you have reached your relay allowance"));
    CHECK(r.reason == Reason::blocked);
    CHECK(r.rule == "refused-at-connection");
    CHECK(diagnosed(evidence("554 mx.example.jp go elsewhere", "", "EHLO")).reason == Reason::blocked);
    // A row that names the cause still decides.
    CHECK(diagnosed(evidence("SMTP error from remote mail server after initial connection: 571 No PTR Record found"))
              .reason == Reason::requireptr);
}

TEST_CASE("diagnosis: exim's failed delivery to a file or pipe is a mailer error", "[classify][diagnosis]") {
    CHECK(diagnosed(evidence("/home/taro/.forward generated by taro@example.jp", "5.0.0")).reason ==
          classify::Reason::mailererror);
}

TEST_CASE("diagnosis: 'user unknown' after DATA is a filter's refusal, at RCPT an unknown user", "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("550 <taro@example.jp>: User unknown (in reply to end of DATA command)", "5.0.0", "",
                             classify::RecipientSource::mta_format)).reason == Reason::filtered);
    CHECK(diagnosed(evidence("550 5.2.1 <taro@example.jp>... User Unknown", "5.2.1", "RCPT",
                             classify::RecipientSource::mta_format)).reason == Reason::userunknown);
    CHECK(diagnosed(evidence("550 5.2.1 <taro@example.jp>... User Unknown", "5.2.1", "DATA",
                             classify::RecipientSource::mta_format)).reason == Reason::filtered);
}

TEST_CASE("diagnosis: a bare reply code names no cause, words that name one decide", "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("550 Rejected")).reason == Reason::rejected);
    // The same beside a DSN's Status, which the rules read in front of the reply.
    CHECK(diagnosed(evidence("550 Rejected", "5.0.0")).reason == Reason::rejected);
    CHECK(diagnosed(evidence("550 Denied by policy")).reason == Reason::policyviolation);
    CHECK(diagnosed(evidence("554 Message looping")).reason == Reason::networkerror);
    CHECK(diagnosed(evidence("550 SC-004 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent."))
              .reason == Reason::blocked);
    // Words no row knows: held, hard or soft by the digit; never an unknown user by the digit.
    auto unknown_words = diagnosed(evidence("550 frobnicated"));
    CHECK(unknown_words.reason == Reason::onhold);
    CHECK(unknown_words.rule == "unknown-words");
    // At MAIL FROM no recipient is named: unknown words there refuse the sender.
    CHECK(diagnosed(evidence("553 5.1.0 frobnicated", "5.1.0", "MAIL")).reason == Reason::rejected);
    // 451, "local error in processing" (RFC 5321), is the receiver's own trouble.
    CHECK(diagnosed(evidence("451 Could not load the domain table", "4.0.0", "RCPT")).reason == Reason::systemerror);
}

TEST_CASE("diagnosis: a vague or reporting MTA's code does not override clear words", "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("user mail-box not found (#5.7.1)", "5.7.1")).reason == Reason::userunknown);
    CHECK(diagnosed(evidence("554 5.5.0 Message not delivered because the domain example.jp is not reachable",
                             "5.5.0")).reason == Reason::hostunknown);
    CHECK(diagnosed(evidence("connect to mx.example.jp[192.0.2.1]:25: No route to host", "4.4.1")).reason ==
          Reason::networkerror);
    // qmail's wrapper says it gives up; the remote host's own reply inside it decides.
    auto r = diagnosed(evidence("Connected to 192.0.2.1 but sender was rejected. Remote host said: 550 5.7.606 Access "
                                "denied, banned sending IP [192.0.2.2]. I'm not going to try again; this message has "
                                "been in the queue too long. Giving up.", "5.0.0", "", classify::RecipientSource::mta_format));
    CHECK(r.reason == Reason::blocked);
}

TEST_CASE("diagnosis: rate limits are the sender's, policy whatever the words", "[classify][diagnosis]") {
    using classify::BounceClass;
    for (const char* said : {"421 4.7.0 Connection rate limit exceeded", "450 4.7.1 Ip frequency limited",
                             "421 4.7.0 Too many connections from your IP", "421 Max message per connection reached",
                             "552 Too many recipients"}) {
        INFO(said);
        CHECK(diagnosed(evidence(said, "", "RCPT")).bounce_class == BounceClass::policy);
    }
}

TEST_CASE("diagnosis: a DSN saying the user has no account there is about the address", "[classify][diagnosis]") {
    using classify::Reason;
    CHECK(diagnosed(evidence("554 delivery error: dd This user doesn't have a example.jp account (taro@example.jp) [0]",
                             "5.0.0")).reason == Reason::userunknown);
    // The same words in a layout without a DSN keep the convention: a filter's refusal.
    CHECK(diagnosed(evidence("This user doesn't have a example.jp account (taro@example.jp) [0]", "", "",
                             classify::RecipientSource::mta_format)).reason == Reason::filtered);
}

TEST_CASE("diagnosis: a provider's name is not a word of a reason ('mimecast' is not 'mime')", "[classify][diagnosis]") {
    CHECK(diagnosed(evidence("554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554"))
              .reason != classify::Reason::contenterror);
}

TEST_CASE("diagnosis: Yahoo's no-account answer at DATA is still the address", "[classify][diagnosis]") {
    CHECK(diagnosed(evidence("554 delivery error: dd This user doesn't have a example.jp account (taro@example.jp) [0]",
                             "5.0.0", "DATA")).reason == classify::Reason::userunknown);
}
