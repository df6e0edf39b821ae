// write_durably and replace_durably (see durable_file.h).
#include "bounced/common/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bounced::common {

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

std::string replace_durably(const std::string& dir, const std::string& name, std::string_view bytes) {
    const std::string path = dir + "/" + name;
    const std::string temporary = dir + "/." + name + "." + std::to_string(::getpid()) + ".tmp";
    std::string error = write_durably(temporary, bytes);
    if (error.empty() && ::rename(temporary.c_str(), path.c_str()) != 0) error = path + ": " + std::strerror(errno);
    if (!error.empty()) {
        ::unlink(temporary.c_str());
        return error;
    }
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);  // the rename itself must survive a crash
        ::close(fd);
    }
    return "";
}

}  // namespace bounced::common
