// A fresh schema on the test server for each [pg] test, so tests run in parallel and
// again. The server comes from BOUNCED_TEST_DATABASE_URL (deploy/pg/start.sh prints
// one). Unset: with CI=true the test fails; elsewhere it is skipped with a message.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "classify/result.h"
#include "db/connection.h"
#include "db/store.h"

namespace db_test {

class PgFixture {
public:
    PgFixture();   // creates and migrates a schema named t_<random>
    ~PgFixture();  // drops it

    // False (after a FAIL or WARN) when there is no test server: return from the test.
    bool ready() const { return ready_; }

    // A new Store on the fixture's schema and clock, with extra options applied.
    std::unique_ptr<db::Store> store(db::Options options = {}) const;
    db::Options options() const;

    // Runs SQL on the fixture's schema (for assertions); the first column of each row.
    std::vector<std::string> query(const std::string& sql, const std::vector<db::Param>& params = {});
    long count(const std::string& sql, const std::vector<db::Param>& params = {});

    void advance(double seconds);  // moves the stores' clock forward
    db::Time now() const { return *now_; }

    const std::string& url() const { return url_; }
    const std::string& schema() const { return schema_; }

private:
    bool ready_ = false;
    std::string url_;
    std::string schema_;
    std::shared_ptr<db::Time> now_;
    std::unique_ptr<db::Connection> admin_;
};

// A recipient result as the classifier would give it.
classify::RecipientResult recipient(const std::string& address, classify::Reason reason,
                                    classify::RecipientSource source = classify::RecipientSource::dsn);

// A message with the given recipients; mid is the original Message-ID.
db::IncomingMessage message(const std::string& fingerprint, std::vector<classify::RecipientResult> recipients,
                            const std::string& mid = "");

// A message with one recipient result.
db::IncomingMessage bounce(const std::string& fingerprint, const std::string& address,
                           classify::Reason reason, const std::string& mid = "");

// Applies n policy bounces (reason blocked) at `domain` in one batch, one message
// each: fingerprints tag0, tag1, ...; addresses prefix0@domain, prefix1@domain, ...;
// mid: their original Message-ID ("" none).
db::ApplyOutcome policy_bounces(db::Store& store, const std::string& domain, int n, const std::string& tag,
                                const std::string& address_prefix = "u", const std::string& mid = "");

}  // namespace db_test
