// libFuzzer target: the configuration loader (command line, environment, INI file).
//
// The input is three parts separated by two NUL bytes: command-line words, then
// environment entries NAME=VALUE, then the INI file's text; words and entries are
// split on single NUL bytes. The INI text is handed to the loader through a memfd
// named by BOUNCED_CONFIG, so no file on disk is read or written.
//
// Inputs that would make the loader read another file (--config, the secrets file)
// are refused: what such a file holds is not in the input. When load succeeds the
// settings must obey what the rest of bounced trusts them to: durations finite and
// positive, counts at least 1, the rate a fraction, limits ordered.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/load.h"
#include "fuzz/memory_file.h"

namespace {

std::vector<std::string> split(std::string_view text, std::string_view separator, std::size_t max_parts) {
    std::vector<std::string> parts;
    while (parts.size() + 1 < max_parts) {
        const auto at = text.find(separator);
        if (at == std::string_view::npos) break;
        parts.emplace_back(text.substr(0, at));
        text.remove_prefix(at + separator.size());
    }
    parts.emplace_back(text);
    return parts;
}

bool names_another_file(std::string_view input) {
    std::string folded(input);
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return folded.find("config") != std::string::npos || folded.find("secrets") != std::string::npos;
}

bool positive_duration(double seconds) { return std::isfinite(seconds) && seconds > 0; }

void check_settings(const config::Settings& settings) {
    const auto& p = settings.store.policy;
    for (double d : {p.soft_backoff_initial, p.soft_backoff_max, p.soft_window, p.policy_window, p.throttle_duration,
                     p.throttle_max, p.throttle_memory, p.rate_window, p.raw_retention}) {
        if (!positive_duration(d)) std::abort();
    }
    if (p.soft_limit < 1 || p.soft_min_messages < 1 || p.policy_limit < 1 || p.policy_min_count < 1) std::abort();
    if (!(p.policy_rate > 0 && p.policy_rate <= 1)) std::abort();
    if (p.soft_backoff_max < p.soft_backoff_initial || p.throttle_max < p.throttle_duration) std::abort();
    if (p.trust_level != "signed" && p.trust_level != "dsn" && p.trust_level != "any") std::abort();
    if (settings.trust.raw == "archive" && settings.trust.archive_dir.empty()) std::abort();
}

const config::CommandSpec& command() {
    static const config::CommandSpec spec{
        "bounced fuzz [OPTIONS] FILE...", "a command with a flag and a valued option, as the real ones have",
        {{"dry-run", "", "change nothing"}, {"format", "FORMAT", "table, csv or json"}}};
    return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (names_another_file(input)) return -1;
    const std::string_view separator("\0\0", 2);
    auto parts = split(input, separator, 3);
    parts.resize(3);

    std::vector<std::string> args = split(parts[0], std::string_view("\0", 1), 64);
    args.insert(args.begin(), "fuzz");
    std::map<std::string, std::string> environment;
    for (const auto& entry : split(parts[1], std::string_view("\0", 1), 64)) {
        const auto eq = entry.find('=');
        if (eq != std::string::npos) environment[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    const fuzz::MemoryFile ini(parts[2].data(), parts[2].size());
    if (!ini.ok()) return 0;
    environment["BOUNCED_CONFIG"] = ini.path();
    const config::Environment env = [&environment](const char* name) -> const char* {
        const auto it = environment.find(name);
        return it == environment.end() ? nullptr : it->second.c_str();
    };

    config::Invocation invocation;
    std::string error;
    if (config::load(args, command(), &invocation, &error, env)) {
        check_settings(invocation.settings);
    } else if (error.empty()) {
        std::abort();  // a refusal must say why
    }
    return 0;
}
