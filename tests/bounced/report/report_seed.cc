// seed_month (see report_seed.h).
#include "tests/bounced/report/report_seed.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "classify/classifier.h"
#include "tests/classify/dsn_builder.h"

namespace report_test {
namespace {

using std::chrono::hours;

db::Time hour_floor(db::Time t) {
    return db::Time(std::chrono::duration_cast<db::Clock::duration>(std::chrono::floor<hours>(t.time_since_epoch())));
}

std::string read_sample(const std::string& name) {
    std::ifstream in(std::string(BOUNCED_SOURCE_DIR) + "/deploy/samples/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// More MIME parts than Limits::max_mime_parts: the classifier refuses it.
std::string too_many_parts() {
    std::string m = "From: a@example.net\nSubject: parts\nMIME-Version: 1.0\n"
                    "Content-Type: multipart/mixed; boundary=b\n\n";
    for (int i = 0; i < 600; ++i) m += "--b\nContent-Type: text/plain\n\nx\n";
    return m + "--b--\n";
}

class Seeder {
public:
    Seeder(db_test::PgFixture& pg, Seed* seed) : pg_(pg), seed_(seed) {
        db::Options o;
        o.policy = seed_policy();
        store_ = pg.store(o);
    }

    // Moves the store's clock to `t` (never backwards).
    void at(db::Time t) {
        REQUIRE(t >= pg_.now());
        pg_.advance(std::chrono::duration<double>(t - pg_.now()).count());
    }

    // Classifies `bytes` and applies it now; counts a failure on today's chart bar.
    void apply(const std::string& bytes, int failures) {
        db::IncomingMessage m;
        m.fingerprint = db::fingerprint_of(bytes);
        m.source = "seed";
        m.report = classify::classify_message(bytes);
        apply(std::move(m), failures);
    }
    void apply(db::IncomingMessage m, int failures) {
        const auto outcome = store_->apply({std::move(m)});
        INFO(outcome.status.message);
        REQUIRE(outcome.status.ok());
        REQUIRE(outcome.applied == 1);
        if (pg_.now() >= seed_->since && failures > 0) seed_->day_failures[db::format_time(pg_.now()).substr(0, 10)] += failures;
    }
    db::Store& store() { return *store_; }

private:
    db_test::PgFixture& pg_;
    Seed* seed_;
    std::unique_ptr<db::Store> store_;
};

}  // namespace

db::Policy seed_policy() {
    db::Policy p;
    p.policy_limit = 2;
    p.policy_min_count = 2;
    return p;
}

std::string dsn(const std::string& recipient, const std::string& diagnostic, const std::string& status,
                const std::string& mid) {
    std::string m = test::make_dsn(recipient, diagnostic, status);
    const std::string original = "<issue-42@list.example>";
    m.replace(m.find(original), original.size(), "<" + mid + ">");
    return m;
}

Seed seed_month(db_test::PgFixture& pg) {
    Seed seed;
    const db::Time anchor = hour_floor(db::Clock::now());
    seed.since = anchor - hours(24);
    seed.until = anchor + hours(1);
    seed.previous_since = seed.since - hours(25);
    Seeder s(pg, &seed);
    const auto unknown = [](const std::string& a) {
        return "550 5.1.1 <" + a + ">: Recipient address rejected: User unknown in virtual mailbox table";
    };
    const std::string full = "452 4.2.2 Mailbox full: quota exceeded";

    // Each bounce below names a message recorded as sent to that address (so it is
    // verified and trusted), except the phantom one and the guessed address.
    const auto sent = [&](const std::string& address, const std::string& mid) {
        REQUIRE(s.store().record_send(address, mid, "weekly", seed.previous_since - hours(1)).ok());
    };
    const auto dsn_sent = [&](const std::string& address, const std::string& diagnostic, const std::string& status,
                              const std::string& mid) {
        sent(address, mid);
        return dsn(address, diagnostic, status, mid);
    };
    sent("momo@example.com", "weekly-2026-46.momo@list.example");  // 06-spam-complaint.eml

    s.at(seed.since - hours(6));  // previous period
    s.apply(dsn_sent("p1@a.example", unknown("p1@a.example"), "5.1.1", "issue-41@list.example"), 1);
    s.apply(dsn_sent("p2@a.example", unknown("p2@a.example"), "5.1.1", "issue-41@list.example"), 1);
    s.apply(dsn_sent("s1@b.example", full, "4.2.2", "issue-41@list.example"), 1);

    s.at(seed.since + hours(4));  // current period
    for (const char* a : {"u1@example.org", "u2@example.org", "u3@example.org"})
        s.apply(dsn_sent(a, unknown(a), "5.1.1", "issue-42@list.example"), 1);
    s.apply(dsn_sent("x@nosuch.example", "550 5.1.2 Host or domain name not found. Name service error for name=nosuch.example",
                "5.1.2", "issue-42@list.example"), 1);
    s.apply(dsn_sent("s1@b.example", full, "4.2.2", "issue-42@list.example"), 1);
    s.apply(dsn_sent("r1@b.example", full, "4.2.2", "issue-50@list.example"), 1);

    s.at(seed.since + hours(14));
    s.apply(dsn_sent("r1@b.example", full, "4.2.2", "issue-51@list.example"), 1);
    const std::string spamhaus = "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org";
    s.apply(dsn_sent("b1@blocky.example", spamhaus, "5.7.1", "issue-51@list.example"), 1);
    s.apply(dsn_sent("b2@blocky.example", spamhaus, "5.7.1", "issue-51@list.example"), 1);
    s.apply(read_sample("06-spam-complaint.eml"), 1);

    s.at(seed.since + hours(20));
    s.apply(dsn_sent("r1@b.example", full, "4.2.2", "issue-52@list.example"), 1);
    s.apply(dsn("ghost@example.org", full, "4.2.2", "phantom-1@list.example"), 1);
    {
        auto guessed = db_test::bounce("guessed-fp", "maybe@guess.example", classify::Reason::mailboxfull,
                                       "phantom-2@list.example");
        guessed.report.recipients[0].source = classify::RecipientSource::body_text;
        guessed.report.recipients[0].diagnostic = full;
        s.apply(std::move(guessed), 1);
    }
    s.apply(too_many_parts(), 0);
    bool changed = false;
    db::Suppression manual;
    manual.address = "asked@example.com";
    manual.bounce_class = "manual";
    manual.reason = "asked by phone";
    manual.note = "phoned";
    REQUIRE(s.store().suppress(manual, &changed).ok());
    REQUIRE(changed);
    // audit_log.at is the database's now(): the real time, inside the current period.
    REQUIRE(s.store().reactivate("u3@example.org", "mailbox fixed", &changed).ok());
    REQUIRE(changed);
    return seed;
}

}  // namespace report_test
