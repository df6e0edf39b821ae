// A quarantine directory for messages the classifier refused (too large, too deep,
// unparsable) that arrived as bytes with no file of their own to keep: standard input
// (`bounced ingest` from an MTA) and IMAP. Maildir messages are quarantined by rename
// instead (maildir_source.cc). Each message is kept as FINGERPRINT.eml, written to a
// temporary name, fsync'd and renamed, with FINGERPRINT.why beside it saying why.
#pragma once

#include <string>
#include <string_view>

namespace bounced::mailbox {

class QuarantineDir {
public:
    explicit QuarantineDir(std::string path) : path_(std::move(path)) {}

    // Keeps the bytes; the same fingerprint twice keeps one copy. Returns "" or why not.
    std::string keep(std::string_view bytes, const std::string& fingerprint, const std::string& why) const;
    // The path keep() writes for this fingerprint.
    std::string path_of(const std::string& fingerprint) const { return path_ + "/" + fingerprint + ".eml"; }

private:
    std::string path_;
};

}  // namespace bounced::mailbox
