// The ingest side of the trust rules (docs/verp.md): before a message goes to
// db::Store::apply, find out what only this side can know — whether its signed-VERP
// tag verifies (the secrets live here, not in the classifier or the database), whether
// the list's own MTAs wrote it, and otherwise which outside host and address sent it
// (for the rate budget, docs/trust.md) — and hand over the raw bytes to keep.
// The store then decides per recipient (deploy/sql/0005_trust.sql).
//
// Errors (the trust -> pipeline edge): never throws, since a bounce that cannot be
// verified is only untrusted; a failure to keep the raw bytes is logged and the message
// still applied. verp_signature.h reports a bad secret or address as false + why.
#pragma once

#include <string_view>

#include "config/settings.h"
#include "db/store.h"

namespace spdlog {
class logger;
}

namespace bounced::trust {

// `message.report` must be the classifier's Report of `raw`: the VERP candidates are
// taken from it (Report::verp_candidates); Received and From are read from `raw`.
// Fills message.signature, signed_recipient, own, sender_host, sender_address, and raw
// (trust.raw = database; messages up to 1 MiB) or writes the archive (trust.raw = archive; a failure is
// logged, the message is still applied). `raw` is the message as it arrived. Never
// throws. `logger` may be null.
void prepare_trust(db::IncomingMessage& message, std::string_view raw, const config::Settings& settings,
                   spdlog::logger* logger);

}  // namespace bounced::trust
