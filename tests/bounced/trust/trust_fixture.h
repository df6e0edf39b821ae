// Helpers for the [pg] trust tests: DSN messages as they arrive at the return address
// (with or without a signed VERP, from a given host), and the ingest-side pipeline
// (classify -> prepare_trust) that turns them into what Store::apply takes.
#pragma once

#include <string>

#include "config/settings.h"
#include "db/store.h"
#include "tests/db/pg_fixture.h"

namespace trust_test {

extern const std::string kSecret;     // signs now
extern const std::string kOldSecret;  // rotated out, or kept for verifying

struct Dsn {
    std::string to = "bounces@list.example";  // the return path the bounce is addressed to
    std::string recipient;                    // Final-Recipient
    std::string status = "5.1.1";
    std::string client = "mx1.example.org [192.0.2.25]";  // "" : no client (our own MTA wrote it)
    std::string from = "MAILER-DAEMON@mx1.example.org";
    std::string message_id;                   // of the original message; "" none
    std::string nonce = "1";                  // makes otherwise equal bounces differ
    std::string reporting_mta = "mx1.example.org";  // the DSN's Reporting-MTA
};

// The bytes of an RFC 3464 report for `d`, CRLF line endings.
std::string dsn_bytes(const Dsn& d);

// Settings for the fixture's schema and clock at `level`, secrets {kSecret}, our own
// MTAs every host under .list.example.
config::Settings settings_for(const db_test::PgFixture& pg, const std::string& level);

// The signed VERP for `address` as of `days_ago` before the fixture's clock.
std::string signed_verp(const db_test::PgFixture& pg, const std::string& address, int days_ago = 0,
                        const std::string& secret = kSecret);

// classify + prepare_trust, as ingest and the daemon do.
db::IncomingMessage incoming(const std::string& bytes, const config::Settings& settings);

// Applies the DSNs one batch; REQUIREs success.
db::ApplyOutcome apply(db::Store& store, const config::Settings& settings, const std::vector<Dsn>& dsns);

}  // namespace trust_test
