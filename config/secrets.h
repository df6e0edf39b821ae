// Reads the signed-VERP secrets file (docs/verp.md): one secret per line, the first
// one signs, all of them verify (key rotation). Blank lines and lines starting with
// '#' are skipped; surrounding spaces and tabs are not part of a secret.
#pragma once

#include <string>
#include <vector>

namespace config {

constexpr std::size_t kMinSecretLength = 16;

// Fills `secrets` from the file at `path`. Returns "" or why the file is refused:
// unreadable, readable or writable by others than its owner and group, group-
// writable, empty, or holding a secret shorter than kMinSecretLength bytes.
std::string read_secrets_file(const std::string& path, std::vector<std::string>* secrets);

}  // namespace config
