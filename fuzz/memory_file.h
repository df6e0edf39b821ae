// A fuzz input as a file only this process can see (a memfd), for code that reads by
// path: nothing on disk is read or written, and every run starts from a new file.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <string>

namespace fuzz {

class MemoryFile {
public:
    MemoryFile(const void* data, std::size_t size) : fd_(::memfd_create("bounced-fuzz", 0)) {
        if (fd_ >= 0 && ::write(fd_, data, size) != static_cast<ssize_t>(size)) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~MemoryFile() {
        if (fd_ >= 0) ::close(fd_);
    }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;

    bool ok() const { return fd_ >= 0; }
    std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

private:
    int fd_;
};

}  // namespace fuzz
