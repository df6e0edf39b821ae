// Files that hold subscriber addresses (the log, exports, the quarantine's reasons)
// are created readable by their owner only: the default umask would make them 0644.
#pragma once

#include <string>

namespace bounced::common {

// Creates `path` empty with mode 0600 if it does not exist; an existing file is left
// as it is (its mode is the operator's choice). Errors are left to whoever opens
// the file next, which reports them with its own words.
void create_private_file(const std::string& path);

}  // namespace bounced::common
