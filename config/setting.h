// One row of the settings table: everything bounced knows about one setting, in one
// place. config::load reads the rows (INI file, BOUNCED_SECTION_KEY environment,
// --section.key=VALUE), `bounced config show` prints them (secrets hidden), and the
// --help-all text is made from them. The rows are in config/settings_table.cc.
//
// Adding a setting is two edits:
//   1. a field, with its default, in config::Settings (or the struct it holds);
//   2. one row in settings_table.cc, made with the builder of its kind below, e.g.
//        duration("http.idle_timeout", "close an idle connection after this", "2m",
//                 [](auto& s) -> auto& { return s.http.idle_timeout; }),
//        text("http.token_file", "file holding the API token", "/etc/bounced/token",
//             [](auto& s) -> auto& { return s.http.token_file; }),
//      and a commented line for it in config/bounced.conf.example (a test checks
//      that the file and the table name the same settings).
// The accessor is a generic lambda so one function serves reading and printing. The
// example must differ from the default and be valid: the tests set every row to it.
// A value that needs another setting to be checked (raw = archive needs archive_dir)
// is checked after all rows, in load.cc's cross_check.
#pragma once

#include <functional>
#include <initializer_list>
#include <type_traits>
#include <string>
#include <vector>

#include "config/settings.h"
#include "config/values.h"

namespace config {

// How a value is shown by `config show` and in messages: as it is, hidden whole
// ("***" when set), or with only the password of a URL or conninfo hidden.
enum class Secret { none, whole, password_in_url };

struct Setting {
    std::string name;     // "section.key": the INI [section] and key
    std::string help;     // one line, without the default (that is printed from Settings{})
    std::string example;  // a valid value that differs from the default
    Secret secret = Secret::none;
    // Stores a value; "" or why it is wrong ("must be ..., not 'x'").
    std::function<std::string(const std::string& value, Settings& settings)> set;
    // The value in a form `set` reads back: durations and sizes with units.
    std::function<std::string(const Settings& settings)> get;
};

// Every setting, in the order --help-all and `config show` list them.
const std::vector<Setting>& settings_table();

// BOUNCED_DATABASE_URL for database.url.
std::string environment_name(const Setting& setting);
// The value for people to read: get(), with secrets hidden.
std::string shown_value(const Setting& setting, const Settings& settings);
// `bounced config show`: "section.key = value" for every row, secrets hidden.
std::vector<std::string> describe(const Settings& settings);

// --- builders, one per kind of value ---

// Any text; `check` (optional) returns "" or why the text is refused.
template <typename Field>
Setting text(const char* name, const char* help, const char* example, Field field, Secret secret = Secret::none,
             std::function<std::string(const std::string&)> check = nullptr) {
    return {name, help, example, secret,
            [field, check](const std::string& v, Settings& s) {
                field(s) = v;
                return check ? check(v) : std::string();
            },
            [field](const Settings& s) { return std::string(field(s)); }};
}

// One of a few words.
template <typename Field>
Setting choice(const char* name, const char* help, const char* example, Field field,
               std::initializer_list<const char*> words) {
    std::vector<std::string> allowed(words.begin(), words.end());
    return text(name, help, example, field, Secret::none, [allowed](const std::string& v) {
        std::string list;
        for (const auto& w : allowed) {
            if (v == w) return std::string();
            list += (list.empty() ? "" : ", ") + w;
        }
        return "must be one of " + list + ", not '" + v + "'";
    });
}

template <typename Field>
Setting duration(const char* name, const char* help, const char* example, Field field) {
    return {name, help, example, Secret::none,
            [field](const std::string& v, Settings& s) { return parse_duration(v, &field(s)); },
            [field](const Settings& s) { return format_duration(field(s)); }};
}

// A whole number from minimum to maximum, into an int or a size_t field.
constexpr long kNoMaximum = 1000000000;
template <typename Field>
Setting count(const char* name, const char* help, const char* example, Field field, long minimum,
              long maximum = kNoMaximum) {
    return {name, help, example, Secret::none,
            [field, minimum, maximum](const std::string& v, Settings& s) {
                long value = 0;
                std::string why = parse_count_in(v, minimum, maximum, &value);
                if (!why.empty() && maximum == kNoMaximum)
                    why = "must be a whole number of at least " + std::to_string(minimum) + ", not '" + v + "'";
                if (why.empty()) field(s) = static_cast<std::remove_reference_t<decltype(field(s))>>(value);
                return why;
            },
            [field](const Settings& s) { return std::to_string(field(s)); }};
}

// A byte count with units (64KiB, 10MiB), from minimum to maximum bytes.
template <typename Field>
Setting size(const char* name, const char* help, const char* example, Field field, std::size_t minimum,
             std::size_t maximum) {
    return {name, help, example, Secret::none,
            [field, minimum, maximum](const std::string& v, Settings& s) {
                return parse_size(v, minimum, maximum, &field(s));
            },
            [field](const Settings& s) { return format_size(field(s)); }};
}

template <typename Field>
Setting rate(const char* name, const char* help, const char* example, Field field) {
    return {name, help, example, Secret::none,
            [field](const std::string& v, Settings& s) { return parse_rate(v, &field(s)); },
            [field](const Settings& s) { return format_rate(field(s)); }};
}

template <typename Field>
Setting boolean(const char* name, const char* help, const char* example, Field field) {
    return {name, help, example, Secret::none,
            [field](const std::string& v, Settings& s) { return parse_bool(v, &field(s)); },
            [field](const Settings& s) { return std::string(field(s) ? "true" : "false"); }};
}

// "a, b,c": a comma-separated list without empty items.
std::string parse_list(const std::string& text, std::vector<std::string>* out);
std::string format_list(const std::vector<std::string>& items);

template <typename Field>
Setting list(const char* name, const char* help, const char* example, Field field) {
    return {name, help, example, Secret::none,
            [field](const std::string& v, Settings& s) { return parse_list(v, &field(s)); },
            [field](const Settings& s) { return format_list(field(s)); }};
}

}  // namespace config
