// What `bounced ingest` and `bounced run` read from the configuration: where bounces
// come from, how many go into one transaction, where the ones that cannot be read go.
// Filled by config::load from [source], [daemon] and [log]; plain data.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace config {

struct DaemonSettings {
    std::vector<std::string> maildirs;    // [source] maildir = PATH[, PATH...]
    std::string imap_url;                 // [source] imap = imaps://host/INBOX (or pop3s://host)
    std::string imap_user;                // [source] imap_user
    std::string imap_password_file;       // [source] imap_password_file (else imap_password)
    std::string imap_password;            // [source] imap_password: file must not be world-readable
    int batch_size = 100;                 // messages per database transaction
    // ... and their bytes: a batch holds each raw message until the commit (and the
    // store sends it base64-encoded), so 100 bounces of 10 MB would take a GiB. A
    // batch takes at least one message. 16 MiB keeps the peak near 64 MiB, and holds
    // hundreds of ordinary bounces (tens of KB each), past batch_size.
    std::size_t batch_bytes = 16 * 1024 * 1024;
    double rescan_interval = 60;          // seconds between full rescans (inotify is the fast path)
    double summary_interval = 600;        // seconds between summary log lines
    double backoff_max = 60;              // longest wait between reconnects to a down database
    double claim_timeout = 3600;          // a claim older than this, of any daemon, is taken back
    std::string processed_folder = ".Processed";   // Maildir++ folder for committed messages
    std::string quarantine_folder = ".Quarantine"; // Maildir++ folder for unreadable ones
    bool delete_processed = false;        // unlink instead of moving to processed_folder
    std::string quarantine_dir;           // ingest/IMAP: where unreadable messages are kept ("" none)
    std::string log_file;                 // [log] file: "" is standard error (journald)
};

}  // namespace config
