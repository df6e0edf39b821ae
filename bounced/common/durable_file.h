// Files that must survive a crash once written: a refused message in the quarantine
// directory, a bounce in the raw archive. Written in full (retrying EINTR and short
// writes), fsync'd, and put in place by rename(2) from a temporary name that carries
// the process id, so two processes writing the same name never share a temporary
// file; the directory is fsync'd so that the rename itself survives. POSIX only.
// Errors: never thrown; each function returns "" or why not, naming the path.
#pragma once

#include <string>
#include <string_view>

namespace bounced::common {

// Writes all of `bytes` to `path` (created 0600, truncated) and fsyncs it.
// "" or why not ("PATH: reason").
std::string write_durably(const std::string& path, std::string_view bytes);

// Writes DIR/NAME atomically: DIR/.NAME.PID.tmp, fsync, rename, fsync DIR. The
// directory must exist. A reader sees the old file or the whole new one, never a
// part. "" or why not; no temporary file is left behind on failure.
std::string replace_durably(const std::string& dir, const std::string& name, std::string_view bytes);

}  // namespace bounced::common
