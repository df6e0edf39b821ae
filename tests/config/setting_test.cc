// The settings table (config/setting.h): every row reads, prints and reads back its
// example; the example file names exactly the table's settings; secrets are hidden;
// every setting reaches Settings by the file, the environment and the command line.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "config/load.h"
#include "tests/config/private_file.h"
#include "config/setting.h"

namespace {

const config::CommandSpec kCommand{"bounced test", "a test command", {}};

// The value a row holds after reading `text` into the defaults: its own printed form.
std::string read_back(const config::Setting& row, const std::string& text) {
    config::Settings settings;
    const std::string why = row.set(text, settings);
    INFO(row.name << " = " << text);
    REQUIRE(why.empty());
    return row.get(settings);
}

// The examples of every row, as one INI file or one environment. The examples of
// trust.secrets_file, http.token_file and webhooks.mailgun_signing_key_file name files
// this machine lacks: they point at `secrets` and `token` instead.
std::map<std::string, std::string> examples(const std::string& secrets, const std::string& token) {
    std::map<std::string, std::string> out;
    for (const auto& row : config::settings_table()) out[row.name] = row.example;
    out["trust.secrets_file"] = secrets;
    out["http.token_file"] = token;
    out["webhooks.mailgun_signing_key_file"] = token;  // a key file has the token file's rules
    // A public EC P-256 key in the form SendGrid shows it, and basic-auth credentials;
    // written once, removed when the tests end.
    static const struct KeyFiles {
        std::string sendgrid = config_test::file_with(
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqAUv6b0vLDfOk2y/aAJ/fUaG6Bj7wMgwlkuPxjzM1bLBYBk4DtVl2AbiMqCNQTpRgV0lvGz"
            "OhF8hPwnnICPjaw==\n");
        std::string postmark = config_test::file_with("postmark:a-password-of-some-length\n");
        ~KeyFiles() {
            std::remove(sendgrid.c_str());
            std::remove(postmark.c_str());
        }
    } files;
    out["webhooks.sendgrid_public_key_file"] = files.sendgrid;
    out["webhooks.postmark_credentials_file"] = files.postmark;
    return out;
}

std::string ini_of(const std::map<std::string, std::string>& values) {
    std::map<std::string, std::string> sections;
    for (const auto& [name, value] : values) {
        const auto dot = name.find('.');
        sections[name.substr(0, dot)] += name.substr(dot + 1) + " = " + value + "\n";
    }
    std::string text;
    for (const auto& [section, lines] : sections) text += "[" + section + "]\n" + lines;
    return text;
}

}  // namespace

TEST_CASE("settings: every example is valid, differs from the default, and prints in a form read back", "[config]") {
    const config::Settings defaults;
    std::set<std::string> names;
    for (const auto& row : config::settings_table()) {
        INFO(row.name);
        CHECK(names.insert(row.name).second);  // no setting twice
        CHECK(std::regex_match(row.name, std::regex("[a-z]+\\.[a-z_]+")));
        CHECK_FALSE(row.help.empty());
        const std::string printed = read_back(row, row.example);
        CHECK(printed != row.get(defaults));
        CHECK(read_back(row, printed) == printed);                    // what show prints, load reads
        if (!row.get(defaults).empty()) CHECK(read_back(row, row.get(defaults)) == row.get(defaults));
    }
    CHECK(names.size() == config::settings_table().size());
}

TEST_CASE("settings: durations and sizes print with units", "[config]") {
    const config::Settings defaults;
    const auto shown = [&](const std::string& name) {
        for (const auto& row : config::settings_table())
            if (row.name == name) return row.get(defaults);
        FAIL("no setting " << name);
        return std::string();
    };
    CHECK(shown("suppression.soft_window") == "30d");
    CHECK(shown("throttle.duration") == "6h");
    CHECK(shown("daemon.rescan_interval") == "1m");
    CHECK(shown("limits.max_message_bytes") == "10MiB");
    CHECK(shown("throttle.policy_rate") == "5%");
    CHECK(config::format_duration(90) == "90s");
    CHECK(config::format_duration(5400) == "90m");
    CHECK(config::format_duration(1.5) == "1.5s");
}

TEST_CASE("settings: config/bounced.conf.example names exactly the table's settings", "[config]") {
    std::ifstream in(BOUNCED_SOURCE_DIR "/config/bounced.conf.example");
    REQUIRE(in);
    // "[section]", then "key = value" or "# key = value" (commented: the default or an example).
    const std::regex section("\\[([a-z]+)\\]\\s*"), setting("#? ?([a-z_]+) =( .*)?");
    std::set<std::string> in_file, in_table;
    std::string current;
    std::smatch m;
    for (std::string line; std::getline(in, line);) {
        if (std::regex_match(line, m, section)) current = m[1];
        else if (std::regex_match(line, m, setting)) in_file.insert(current + "." + m[1].str());
    }
    for (const auto& row : config::settings_table()) in_table.insert(row.name);
    for (const auto& name : in_file) {
        INFO(name << " is in the example file but not a setting");
        CHECK(in_table.count(name) == 1);
    }
    for (const auto& name : in_table) {
        INFO(name << " is a setting the example file leaves out");
        CHECK(in_file.count(name) == 1);
    }
    CHECK(in_file.size() > 40);
}

TEST_CASE("settings: every secret is hidden by config show", "[config]") {
    config::Settings settings;
    std::vector<std::string> planted;
    for (const auto& row : config::settings_table()) {
        if (row.secret == config::Secret::none) continue;
        std::string value = row.example;
        if (row.secret == config::Secret::password_in_url) {  // put a password into the example URL
            const auto authority = value.find("://") + 3;
            const auto at = value.find('@');
            value = at == std::string::npos ? value.insert(authority, "u:pw-Kq4-" + row.name + "@")
                                            : value.insert(at, ":pw-Kq4-" + row.name);
        }
        INFO(row.name << " = " << value);
        REQUIRE(row.set(value, settings).empty());
        planted.push_back(row.name);
    }
    REQUIRE(planted.size() >= 3);  // database.url, source.imap, source.imap_password
    std::string shown;
    for (const auto& line : config::describe(settings)) shown += line + "\n";
    INFO(shown);
    CHECK(shown.find("Kq4") == std::string::npos);
    CHECK(shown.find("example-password") == std::string::npos);
    CHECK(shown.find("source.imap_password = ***\n") != std::string::npos);
    CHECK(shown.find("database.url = postgresql://bounced:***@db.example/bounced\n") != std::string::npos);
}

TEST_CASE("settings: every row is read from the file, the environment and the command line", "[config]") {
    const auto secrets = config_test::file_with("0123456789abcdef-first\n");
    const auto token = config_test::file_with("a-token-of-twenty-chars\n");
    const auto values = examples(secrets, token);
    std::map<std::string, std::string> expected;
    for (const auto& row : config::settings_table()) expected[row.name] = read_back(row, values.at(row.name));
    const auto check_all = [&](const config::Invocation& inv) {
        for (const auto& row : config::settings_table()) CHECK(row.get(inv.settings) == expected[row.name]);
        CHECK(inv.settings.trust.secrets == std::vector<std::string>{"0123456789abcdef-first"});
        CHECK(inv.settings.http.token == "a-token-of-twenty-chars");
        CHECK(inv.settings.http.port == 8080);
    };
    std::string error;
    config::Invocation inv;

    const auto file = config_test::file_with(ini_of(values));
    REQUIRE(config::load({"test", "--config", file}, kCommand, &inv, &error, [](const char*) -> const char* { return nullptr; }));
    check_all(inv);

    std::map<std::string, std::string> env{{"BOUNCED_CONFIG", "/dev/null"}};
    for (const auto& row : config::settings_table()) env[config::environment_name(row)] = values.at(row.name);
    const auto lookup = [&](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    INFO(error);
    REQUIRE(config::load({"test"}, kCommand, &inv, &error, lookup));
    check_all(inv);

    std::vector<std::string> args{"test", "--config", "/dev/null"};
    for (const auto& row : config::settings_table()) args.push_back("--" + row.name + "=" + values.at(row.name));
    REQUIRE(config::load(args, kCommand, &inv, &error, [](const char*) -> const char* { return nullptr; }));
    check_all(inv);
    std::remove(file.c_str());
    std::remove(secrets.c_str());
    std::remove(token.c_str());
}

TEST_CASE("settings: --help names the command's options, --help-all every setting with its default", "[config]") {
    const config::CommandSpec spec{"bounced test", "a test command", {{"limit", "N", "how many"}}};
    const std::string help = config::help_text(spec), all = config::help_all_text(spec);
    CHECK(help.find("--limit") != std::string::npos);
    CHECK(help.find("--database.url") == std::string::npos);
    CHECK(help.find("--help-all") != std::string::npos);
    CHECK(all.rfind(help, 0) == 0);
    for (const auto& row : config::settings_table()) CHECK(all.find("--" + row.name + "=") != std::string::npos);
    CHECK(all.find("--suppression.soft_window=VALUE  (default 30d; e.g. 14d)") != std::string::npos);
}
