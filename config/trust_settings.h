// What the ingest side needs to decide whether a bounce can be believed before the
// store sees it: the signed-VERP secrets (docs/verp.md), how old a tag may be, and
// where the raw bounce is kept for `bounced suppressions show --raw`. The store's own
// part of the trust rules (level, rate cap, retention) is in db::Policy.
// Filled by config::load from [trust]; plain data.
#pragma once

#include <string>
#include <vector>

namespace config {

struct TrustSettings {
    std::string secrets_file;              // [trust] secrets_file: one secret per line, first signs
    std::vector<std::string> secrets;      // read from secrets_file at load (and on SIGHUP)
    int tag_max_age_days = 30;             // [trust] tag_max_age_days: older tags are stale
    std::string raw = "database";          // [trust] raw: database | archive | none
    std::string archive_dir;               // [trust] archive_dir: where raw = archive keeps them
    // [trust] own_mtas: the list's own MTAs, by host name, IP address or ".domain"
    // (any host under it). A bounce whose every Received field was written by one of
    // them (or by loopback, or this machine) and whose Reporting-MTA is one of them
    // is the list's own and never rate-capped (docs/trust.md).
    std::vector<std::string> own_mtas;
};

}  // namespace config
