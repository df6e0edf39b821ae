// The [pg] test fixture: random schema per test, injected clock, raw SQL for checks.
#include "tests/db/pg_fixture.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <random>

namespace db_test {
namespace {

std::string random_schema() {
    std::random_device device;
    std::mt19937_64 gen(device());
    char buf[32];
    std::snprintf(buf, sizeof buf, "t_%016llx", static_cast<unsigned long long>(gen()));
    return buf;
}

}  // namespace

PgFixture::PgFixture() : now_(std::make_shared<db::Time>(db::Time(std::chrono::seconds(1704067200)))) {
    const char* url = std::getenv("BOUNCED_TEST_DATABASE_URL");
    if (url == nullptr || *url == '\0') {
        const char* ci = std::getenv("CI");
        if (ci && std::strcmp(ci, "true") == 0) {
            FAIL("BOUNCED_TEST_DATABASE_URL is not set: CI must start a server (deploy/pg/start.sh)");
        }
        WARN("skipped: set BOUNCED_TEST_DATABASE_URL (deploy/pg/start.sh DIR prints one)");
        return;
    }
    url_ = url;
    schema_ = random_schema();
    std::vector<std::string> applied;
    const auto status = store()->migrate(&applied);
    INFO(status.message);
    REQUIRE(status.ok());
    admin_ = std::make_unique<db::Connection>(url_, schema_);
    REQUIRE(admin_->connect().ok());
    ready_ = true;
}

PgFixture::~PgFixture() {
    if (admin_) admin_->exec_script("DROP SCHEMA " + db::quote_identifier(schema_) + " CASCADE");
}

db::Options PgFixture::options() const {
    db::Options o;
    o.url = url_;
    o.schema = schema_;
    auto now = now_;
    o.clock = [now] { return *now; };
    return o;
}

std::unique_ptr<db::Store> PgFixture::store(db::Options options) const {
    const auto base = this->options();
    options.url = base.url;
    options.schema = base.schema;
    options.clock = base.clock;
    return std::make_unique<db::Store>(options);
}

std::vector<std::string> PgFixture::query(const std::string& sql, const std::vector<db::Param>& params) {
    db::Result r;
    const auto status = admin_->exec(sql.c_str(), params, &r);
    INFO(sql << ": " << status.message);
    REQUIRE(status.ok());
    std::vector<std::string> rows;
    for (int i = 0; i < PQntuples(r.get()); ++i) rows.push_back(db::text_at(r, i, 0));
    return rows;
}

long PgFixture::count(const std::string& sql, const std::vector<db::Param>& params) {
    const auto rows = query(sql, params);
    REQUIRE(rows.size() == 1);
    return std::stol(rows[0]);
}

void PgFixture::advance(double seconds) {
    *now_ += std::chrono::duration_cast<db::Clock::duration>(std::chrono::duration<double>(seconds));
}

classify::RecipientResult recipient(const std::string& address, classify::Reason reason,
                                    classify::RecipientSource source) {
    classify::RecipientResult r;
    r.recipient = address;
    r.reason = reason;
    const bool temporary = reason != classify::Reason::notaccept;
    r.bounce_class = classify::class_of(reason, temporary);
    r.status = r.bounce_class == classify::BounceClass::hard ? "5.1.1" : "4.2.2";
    r.action = "failed";
    r.diagnostic = "550 5.1.1 test diagnostic for " + address;
    r.rule = "test";
    r.source = source;
    return r;
}

db::IncomingMessage message(const std::string& fingerprint, std::vector<classify::RecipientResult> recipients,
                            const std::string& mid) {
    db::IncomingMessage m;
    m.fingerprint = fingerprint;
    m.source = "test";
    m.report.outcome = classify::Outcome::bounce;
    m.report.original.message_id = mid;
    m.report.recipients = std::move(recipients);
    return m;
}

db::IncomingMessage bounce(const std::string& fingerprint, const std::string& address,
                           classify::Reason reason, const std::string& mid) {
    return message(fingerprint, {recipient(address, reason)}, mid);
}

db::ApplyOutcome policy_bounces(db::Store& store, const std::string& domain, int n, const std::string& tag,
                                const std::string& address_prefix, const std::string& mid) {
    std::vector<db::IncomingMessage> batch;
    for (int i = 0; i < n; ++i) {
        const std::string number = std::to_string(i);
        batch.push_back(bounce(tag + number, address_prefix + number + "@" + domain, classify::Reason::blocked, mid));
    }
    return store.apply(batch);
}

}  // namespace db_test
