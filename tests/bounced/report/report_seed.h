// A known month of bounces for the report tests, stored through the real apply path
// (classify::classify_message on DSNs written here, then db::Store::apply), at times
// around the real clock so the `bounced report` binary (which reads the system clock)
// sees the same periods as the store tests.
//
// The current period is [anchor - 24h, anchor + 1h), the previous one as long before it;
// `anchor` is now rounded down to the hour.
#pragma once

#include <map>
#include <string>

#include "tests/db/pg_fixture.h"

namespace report_test {

struct Seed {
    db::Time since, until, previous_since;
    std::map<std::string, long> day_failures;  // YYYY-MM-DD -> failures on that UTC day (current period)
};

// The policy the seed is applied (and must be reported) with: throttle after 2 policy
// bounces, so the blocklisted domain is throttled.
db::Policy seed_policy();

// Applies everything below; REQUIREs each step succeeded.
//   previous period: 2 hard userunknown (a.example), 1 soft mailboxfull (b.example)
//   current period:  3 hard userunknown at example.org, same text but the address;
//                    1 hard hostunknown; 1 soft mailboxfull (s1@b.example, its 2nd);
//                    3 soft mailboxfull for r1@b.example (at risk: 3 of 5);
//                    2 policy blocked at blocky.example (spamhaus: throttled);
//                    1 complaint (deploy/samples/06-spam-complaint.eml);
//                    1 soft mailboxfull whose Message-ID was never sent (unverified);
//                    1 soft mailboxfull for an address guessed from prose, for a
//                      Message-ID never sent either (untrusted, unverified);
//                    1 message refused by the classifier (quarantined);
//                    1 manual suppression; 1 reactivation (u3@example.org).
Seed seed_month(db_test::PgFixture& pg);

// A DSN for `recipient` naming original Message-ID `mid`.
std::string dsn(const std::string& recipient, const std::string& diagnostic, const std::string& status,
                const std::string& mid);

}  // namespace report_test
