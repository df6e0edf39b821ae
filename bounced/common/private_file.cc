// create_private_file (see private_file.h).
#include "bounced/common/private_file.h"

#include <fcntl.h>
#include <unistd.h>

namespace bounced::common {

void create_private_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
}

}  // namespace bounced::common
