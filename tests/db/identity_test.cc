// A bounce is keyed by what identifies it (its own Message-ID and the recipients it
// reports), not by its bytes: a second copy by another path changes nothing
// (deploy/sql/0008_trust_queue.sql, issue 13 item 7).
#include <catch2/catch.hpp>

#include "tests/db/pg_fixture.h"

using classify::Reason;
using db_test::bounce;
using db_test::PgFixture;

namespace {

// The same bounce as the Maildir and an mbox import would give it: other bytes (so
// another fingerprint), the same Message-ID of its own.
db::IncomingMessage copy(const std::string& fingerprint, const std::string& address, Reason reason,
                         const std::string& own_message_id) {
    auto m = bounce(fingerprint, address, reason, "<campaign-1@list.example>");
    m.report.message_id = own_message_id;
    return m;
}

}  // namespace

TEST_CASE("identity: one bounce by two paths is applied once, soft backoff does not double", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const auto first = store->apply({copy("maildir-bytes", "soft@example.org", Reason::mailboxfull, "<B1@mx.list.example>")});
    REQUIRE(first.status.ok());
    CHECK(first.applied == 1);
    // the mbox import of the same mailbox: other bytes, same bounce
    const auto second = store->apply({copy("mbox-bytes", "soft@example.org", Reason::mailboxfull, " <B1@mx.list.example> ")});
    REQUIRE(second.status.ok());
    CHECK(second.applied == 0);
    CHECK(second.duplicates == 1);
    CHECK(pg.count("SELECT count(*) FROM bounce_events WHERE address = 'soft@example.org'") == 1);
    CHECK(pg.count("SELECT soft_count FROM subscribers WHERE address = 'soft@example.org'") == 1);
    // the raw fingerprint of the first copy is kept, with the identity beside it
    CHECK(pg.query("SELECT fingerprint FROM processed_messages WHERE identity IS NOT NULL") ==
          std::vector<std::string>{"maildir-bytes"});
}

TEST_CASE("identity: two copies in one batch count once", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    const auto out = store->apply({copy("a", "x@example.org", Reason::userunknown, "<B2@mx>"),
                                   copy("b", "x@example.org", Reason::userunknown, "<B2@mx>")});
    REQUIRE(out.status.ok());
    CHECK(out.applied == 1);
    CHECK(out.duplicates == 1);
    CHECK(pg.count("SELECT count(*) FROM bounce_events") == 1);
}

TEST_CASE("identity: other recipients, or no Message-ID, are other bounces", "[pg]") {
    PgFixture pg;
    if (!pg.ready()) return;
    auto store = pg.store();
    CHECK(db::identity_of(copy("a", "x@example.org", Reason::userunknown, "<B3@mx>").report) !=
          db::identity_of(copy("b", "y@example.org", Reason::userunknown, "<B3@mx>").report));
    CHECK(db::identity_of(copy("a", "x@example.org", Reason::userunknown, "").report).empty());
    const auto out = store->apply({copy("a", "x@example.org", Reason::userunknown, "<B3@mx>"),
                                   copy("b", "y@example.org", Reason::userunknown, "<B3@mx>"),
                                   copy("c", "z@example.org", Reason::userunknown, ""),
                                   copy("d", "z@example.org", Reason::userunknown, "")});
    REQUIRE(out.status.ok());
    CHECK(out.applied == 4);
    // the same bytes twice are still one message
    CHECK(store->apply({copy("d", "z@example.org", Reason::userunknown, "")}).duplicates == 1);
}
