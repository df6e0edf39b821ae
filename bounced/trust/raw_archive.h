// The raw-bounce archive folder ([trust] raw = archive): each bounce as it arrived,
// in DIR/YYYY-MM-DD/FINGERPRINT.eml (the UTC day it arrived), mode 0600, so that
// `bounced suppressions show --raw` can print exactly what a suppression rests on.
// Days older than the retention are removed whole. Not thread-safe per directory.
#pragma once

#include <string>
#include <string_view>

#include "db/time.h"

namespace bounced::trust {

class RawArchive {
public:
    explicit RawArchive(std::string dir) : dir_(std::move(dir)) {}

    // Writes the message (atomically: a temporary file, then rename). "" or why not.
    std::string keep(std::string_view bytes, const std::string& fingerprint, db::Time arrived) const;
    // The kept bytes of `fingerprint`; false when there are none (never kept, or purged).
    bool find(const std::string& fingerprint, std::string* bytes) const;
    // Removes the day folders older than `retention_seconds` before `now`; how many.
    std::size_t purge(double retention_seconds, db::Time now) const;

private:
    std::string dir_;
};

}  // namespace bounced::trust
