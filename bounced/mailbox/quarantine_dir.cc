// QuarantineDir: durable copies of refused messages (see quarantine_dir.h).
#include "bounced/mailbox/quarantine_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "bounced/common/durable_file.h"

namespace bounced::mailbox {

std::string QuarantineDir::keep(std::string_view bytes, const std::string& fingerprint, const std::string& why) const {
    if (::mkdir(path_.c_str(), 0700) != 0 && errno != EEXIST) return path_ + ": " + std::strerror(errno);
    if (std::string error = common::replace_durably(path_, fingerprint + ".eml", bytes); !error.empty()) return error;
    return common::replace_durably(path_, fingerprint + ".why", why + "\n");
}

}  // namespace bounced::mailbox
