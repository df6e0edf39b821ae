// Reads the configuration: command line over environment over INI file over defaults.
// The settings themselves are rows of one table (config/setting.h says how to add one).
//
//   file:        --config FILE, else $BOUNCED_CONFIG, else /etc/bounced/bounced.conf if
//                it exists. INI sections name the groups: [database] url = ...
//   environment: BOUNCED_<GROUP>_<NAME>, e.g. BOUNCED_DATABASE_URL,
//                BOUNCED_SUPPRESSION_SOFT_LIMIT
//   command:     --database.url=..., --suppression.soft_limit=7, and the options of
//                the subcommand itself
//
// Errors name the option and say why ("option 'suppression.soft_limit': must be a
// whole number of at least 1, not 'many'"). This is the only user of
// Boost.Program_options; its exceptions do not leave this module.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"

namespace config {

// One option of a subcommand. An empty value_name makes it a flag.
struct OptionSpec {
    std::string name;
    std::string value_name;
    std::string help;
};

struct CommandSpec {
    std::string usage;    // "bounced check [OPTIONS] ADDRESS..."
    std::string summary;  // what the command does, a few lines
    std::vector<OptionSpec> options;
};

struct Invocation {
    Settings settings;
    std::map<std::string, std::string> options;  // the subcommand's options given
    std::vector<std::string> operands;           // the words that are not options
    bool help = false;                           // --help: print help_text and stop
    bool help_all = false;                       // --help-all: print help_all_text and stop

    bool has(const std::string& name) const { return options.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = "") const;
    // The option's value as a whole number (parse_whole_number).
    std::optional<long> whole_number(const std::string& name) const;
};

// `text` as a whole number, all of it: "10x", " 10" and "" are not numbers, where
// std::stol would read 10 or throw. nullopt when it is not one, or out of range.
std::optional<long> parse_whole_number(const std::string& text);

using Environment = std::function<const char*(const char*)>;

// Parses `args` (args[0] is the subcommand name). False with a one-line `error`
// when anything is wrong: unknown option, bad value, unreadable file.
bool load(const std::vector<std::string>& args, const CommandSpec& command, Invocation* out,
          std::string* error, const Environment& env = nullptr);

// The --help text: usage, summary, the command's own options, and where the settings are.
std::string help_text(const CommandSpec& command);
// --help-all: help_text, then every setting (settings_help).
std::string help_all_text(const CommandSpec& command);
// Every setting with its help, default and environment name, from the settings table.
std::string settings_help();

}  // namespace config
