// A file in /tmp with the given text and mode, for the tests of settings that name a file
// (secrets, tokens, keys: refused when others may read them). The caller removes it.
#pragma once

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace config_test {

inline std::string file_with(const std::string& text, mode_t mode = 0600) {
    char path[] = "/tmp/bounced-config-test-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(path) << text;
    ::chmod(path, mode);
    return path;
}

}  // namespace config_test
