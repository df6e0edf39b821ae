// QuarantineDir: durable copies of refused messages (see quarantine_dir.h).
#include "bounced/mailbox/quarantine_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bounced::mailbox {
namespace {

// Writes all of `bytes` to `path` and fsyncs it. "" or why not.
std::string write_durably(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return path + ": " + std::strerror(errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const std::string why = path + ": " + std::strerror(errno);
            ::close(fd);
            return why;
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const std::string why = synced ? "" : path + ": fsync: " + std::strerror(errno);
    ::close(fd);
    return why;
}

}  // namespace

std::string QuarantineDir::keep(std::string_view bytes, const std::string& fingerprint, const std::string& why) const {
    if (::mkdir(path_.c_str(), 0700) != 0 && errno != EEXIST) return path_ + ": " + std::strerror(errno);
    const std::string tmp = path_ + "/." + fingerprint + "." + std::to_string(::getpid()) + ".tmp";
    std::string error = write_durably(tmp, bytes);
    if (error.empty() && ::rename(tmp.c_str(), path_of(fingerprint).c_str()) != 0)
        error = path_of(fingerprint) + ": " + std::strerror(errno);
    if (!error.empty()) {
        ::unlink(tmp.c_str());
        return error;
    }
    error = write_durably(path_ + "/" + fingerprint + ".why", why + "\n");
    const int dir = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);  // the rename itself must survive a crash
        ::close(dir);
    }
    return error;
}

}  // namespace bounced::mailbox
