// trust_fixture.h
#include "tests/bounced/trust/trust_fixture.h"

#include <catch2/catch.hpp>

#include "bounced/pipeline/processing.h"
#include "bounced/trust/trust_check.h"
#include "bounced/trust/verp_signature.h"

namespace trust_test {

const std::string kSecret = "correct horse battery staple";
const std::string kOldSecret = "old secret rotated 2024";

std::string dsn_bytes(const Dsn& d) {
    std::string m;
    if (!d.client.empty())
        m += "Received: from " + d.client + "\r\n\tby list.example (Postfix) with ESMTPS id 4A" + d.nonce +
             "\r\n\tfor <" + d.to + ">; Mon, 1 Jan 2024 00:00:00 +0000 (UTC)\r\n";
    else
        m += "Received: by list.example (Postfix) id 4B" + d.nonce + "; Mon, 1 Jan 2024 00:00:00 +0000 (UTC)\r\n";
    m += "Delivered-To: " + d.to + "\r\n"
         "From: " + d.from + " (Mail Delivery System)\r\n"
         "To: " + d.to + "\r\n"
         "Subject: Undelivered Mail Returned to Sender\r\n"
         "Message-Id: <bounce." + d.nonce + "@mx1.example.org>\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
         "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
         "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
         "Reporting-MTA: dns; " + d.reporting_mta + "\r\n\r\n"
         "Final-Recipient: rfc822; " + d.recipient + "\r\n"
         "Action: failed\r\n"
         "Status: " + d.status + "\r\n"
         "Remote-MTA: dns; mx1.example.org\r\n"
         "Diagnostic-Code: smtp; 550 " + d.status + " <" + d.recipient + ">: Recipient address rejected: User unknown\r\n\r\n"
         "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
         "From: News <news@list.example>\r\nTo: " + d.recipient + "\r\nSubject: News\r\n";
    if (!d.message_id.empty()) m += "Message-ID: " + d.message_id + "\r\n";
    m += "\r\n--B--\r\n";
    return m;
}

config::Settings settings_for(const db_test::PgFixture& pg, const std::string& level) {
    config::Settings s;
    s.store = pg.options();
    s.store.policy.trust_level = level;
    s.trust.secrets = {kSecret};
    s.trust.own_mtas = {".list.example"};
    return s;
}

std::string signed_verp(const db_test::PgFixture& pg, const std::string& address, int days_ago, const std::string& secret) {
    const long today = bounced::trust::verp_day(std::chrono::duration<double>(pg.now().time_since_epoch()).count());
    std::string out, error;
    REQUIRE(bounced::trust::encode_verp(secret, "bounces@list.example", address, today - days_ago, &out, &error));
    return out;
}

db::IncomingMessage incoming(const std::string& bytes, const config::Settings& settings) {
    auto processed = bounced::pipeline::process_message(bytes, "test", classify::Limits{});
    bounced::trust::prepare_trust(processed.incoming, bytes, settings, nullptr);
    return processed.incoming;
}

db::ApplyOutcome apply(db::Store& store, const config::Settings& settings, const std::vector<Dsn>& dsns) {
    std::vector<db::IncomingMessage> batch;
    for (const auto& d : dsns) batch.push_back(incoming(dsn_bytes(d), settings));
    auto out = store.apply(batch);
    INFO(out.status.message);
    REQUIRE(out.status.ok());
    return out;
}

}  // namespace trust_test
