// One stored bounce event as a row: the columns to select and how to read them back,
// shared by the subscriber's history (store_query.cc) and the held queue
// (store_held.cc), so the two cannot drift apart column by column.
#include "db/store_impl.h"

namespace db {

const char* const kBounceEventColumns =
    "extract(epoch FROM occurred_at), bounce_class, reason, status_code, reply_code, diagnostic,"
    " remote_mta, rule, original_message_id, list_id, source, fingerprint, trusted, verified,"
    " recipient_source, action, signature, trust, held, trust_level, sender_host, sender_address,"
    " EXISTS (SELECT 1 FROM raw_messages m WHERE m.fingerprint = bounce_events.fingerprint)";

BounceEvent bounce_event_at(const Result& r, int row, int first) {
    auto text = [&](int column) { return text_at(r, row, first + column); };
    BounceEvent e;
    e.at = time_at(r, row, first).value_or(Time{});
    e.bounce_class = text(1);
    e.reason = text(2);
    e.status_code = text(3);
    e.reply_code = std::stoi(text(4));
    e.diagnostic = text(5);
    e.remote_mta = text(6);
    e.rule = text(7);
    e.original_message_id = text(8);
    e.list_id = text(9);
    e.source = text(10);
    e.fingerprint = text(11);
    e.trusted = text(12) == "t";
    if (!is_null(r, row, first + 13)) e.verified = text(13) == "t";
    e.recipient_source = text(14);
    e.action = text(15);
    e.signature = text(16);
    e.trust = text(17);
    e.held = text(18);
    e.trust_level = text(19);
    e.sender_host = text(20);
    e.sender_address = text(21);
    e.raw_kept = text(22) == "t";
    return e;
}

}  // namespace db
