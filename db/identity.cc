// identity_of (see store.h): what makes two copies of one bounce the same bounce,
// whatever path they came by. The raw bytes differ between a Maildir copy and an mbox
// import (a From_ line, >From quoting, another Delivered-To); the bounce's own
// Message-ID (RFC 5322 3.6.4, unique per message by its writer), its Date, the
// original message it answers and the recipients it reports do not.
#include <openssl/sha.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "db/store.h"

namespace db {
namespace {

// RFC 5322 msg-id without the angle brackets and the space around them.
std::string bare_message_id(const std::string& id) {
    const auto first = id.find_first_not_of(" \t\r\n<");
    if (first == std::string::npos) return "";
    const auto last = id.find_last_not_of(" \t\r\n>");
    return id.substr(first, last - first + 1);
}

}  // namespace

std::string identity_of(const classify::Report& report) {
    const std::string id = bare_message_id(report.message_id);
    if (id.empty()) return "";
    std::vector<std::string> recipients;
    for (const auto& r : report.recipients) recipients.push_back(r.recipient);
    std::sort(recipients.begin(), recipients.end());
    recipients.erase(std::unique(recipients.begin(), recipients.end()), recipients.end());
    // NUL separates: neither a Message-ID nor an address the store keeps contains one.
    // The Date and the original's Message-ID come with the bounce by any path too; they
    // keep apart two bounces whose writer reused a Message-ID.
    std::string text = "bounce-identity-1";
    for (const std::string* part : {&id, &report.date, &report.original.message_id}) {
        text += '\0';
        text += *part;
    }
    for (const auto& r : recipients) {
        text += '\0';
        text += r;
    }
    return "id:" + fingerprint_of(text);
}

}  // namespace db
