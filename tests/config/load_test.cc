// config::load: precedence (command line > environment > file > defaults), value
// forms, and errors that name the option.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <unistd.h>

#include "config/load.h"

namespace {

const config::CommandSpec kCommand{"bounced test", "a test command",
                                   {{"limit", "N", "how many"}, {"quiet", "", "say nothing"}}};

struct Env {
    std::map<std::string, std::string> vars;
    config::Environment fn() const {
        return [this](const char* name) -> const char* {
            const auto it = vars.find(name);
            return it == vars.end() ? nullptr : it->second.c_str();
        };
    }
};

std::string write_file(const std::string& text) {
    char name[] = "/tmp/bounced_config_XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(name) << text;
    return name;
}

bool load(std::vector<std::string> args, const Env& env, config::Invocation* inv, std::string* error) {
    args.insert(args.begin(), "test");
    return config::load(args, kCommand, inv, error, env.fn());
}

}  // namespace

TEST_CASE("config: defaults are the product's defaults", "[config]") {
    config::Invocation inv;
    std::string error;
    Env env{{{"BOUNCED_CONFIG", "/dev/null"}}};
    REQUIRE(load({}, env, &inv, &error));
    const auto& p = inv.settings.store.policy;
    CHECK(p.soft_backoff_initial == 86400);
    CHECK(p.soft_backoff_max == 7 * 86400);
    CHECK(p.soft_limit == 5);
    CHECK(p.soft_window == 30 * 86400);
    CHECK(p.soft_min_messages == 3);
    CHECK(p.policy_limit == 20);
    CHECK(p.policy_window == 3600);
    CHECK(p.throttle_duration == 6 * 3600);
    CHECK(inv.settings.store.schema == "bounced");
    CHECK(inv.settings.daemon.batch_bytes == 16u * 1024 * 1024);
}

TEST_CASE("config: a batch is bounded by bytes too, with units", "[config]") {
    config::Invocation inv;
    std::string error;
    Env env{{{"BOUNCED_CONFIG", "/dev/null"}, {"BOUNCED_DAEMON_BATCH_BYTES", "64MiB"}}};
    REQUIRE(load({}, env, &inv, &error));
    CHECK(inv.settings.daemon.batch_bytes == 64u * 1024 * 1024);
    Env tiny{{{"BOUNCED_CONFIG", "/dev/null"}, {"BOUNCED_DAEMON_BATCH_BYTES", "1KiB"}}};
    CHECK_FALSE(load({}, tiny, &inv, &error));
    CHECK(error.find("daemon.batch_bytes") != std::string::npos);
}

TEST_CASE("config: the classifier's limits are settings, with units for sizes", "[config]") {
    const auto file = write_file("[limits]\nmax_message_bytes = 2MiB\nmax_mime_parts = 50\nmax_line_bytes = 64k\n");
    Env env{{{"BOUNCED_CONFIG", file}, {"BOUNCED_LIMITS_MAX_RECIPIENTS", "20"}}};
    config::Invocation inv;
    std::string error;
    const bool loaded = load({"--limits.max_mime_depth=8", "--limits.max_diagnostic_bytes=512"}, env, &inv, &error);
    INFO(error);
    REQUIRE(loaded);
    const classify::Limits& l = inv.settings.limits;
    CHECK(l.max_message_bytes == 2u << 20);
    CHECK(l.max_mime_parts == 50);
    CHECK(l.max_line_bytes == 64u << 10);
    CHECK(l.max_mime_depth == 8);
    CHECK(l.max_recipients == 20);
    CHECK(l.max_diagnostic_bytes == 512);
    CHECK(l.max_parse_work == classify::Limits{}.max_parse_work);  // not set: the default
    CHECK(l.max_scan_bytes == classify::Limits{}.max_scan_bytes);
    std::remove(file.c_str());
}

TEST_CASE("config: command line beats environment beats file", "[config]") {
    const auto file = write_file("[database]\nurl = postgresql://file/db\nschema = from_file\n"
                                 "[suppression]\nsoft_limit = 7\nsoft_window = 2w\n[throttle]\npolicy_rate = 10%\n");
    Env env{{{"BOUNCED_CONFIG", file}, {"BOUNCED_DATABASE_URL", "postgresql://env/db"}}};
    config::Invocation inv;
    std::string error;
    const bool loaded = load({"--database.schema=from_cli", "--limit", "3", "--quiet", "x@example.com"}, env, &inv, &error);
    INFO(error);
    REQUIRE(loaded);
    CHECK(inv.settings.store.url == "postgresql://env/db");
    CHECK(inv.settings.store.schema == "from_cli");
    CHECK(inv.settings.store.policy.soft_limit == 7);
    CHECK(inv.settings.store.policy.soft_window == 14 * 86400);
    CHECK(inv.settings.store.policy.policy_rate == Approx(0.10));
    CHECK(inv.settings.config_file == file);
    CHECK(inv.get("limit") == "3");
    CHECK(inv.has("quiet"));
    CHECK(inv.operands == std::vector<std::string>{"x@example.com"});
    std::remove(file.c_str());
}

TEST_CASE("config: errors name the option and say why", "[config]") {
    struct Case {
        std::vector<std::string> args;
        std::string file;
        std::string error;
    };
    const Case cases[] = {
        {{"--suppression.soft_limit=many"}, "",
         "option 'suppression.soft_limit': must be a whole number of at least 1, not 'many'"},
        {{"--throttle.duration=soon"}, "",
         "option 'throttle.duration': must be a duration such as 90s, 15m, 6h, 30d or 1w, not 'soon'"},
        {{"--database.schema=public; drop"}, "",
         "option 'database.schema': must be a plain identifier (a-z, 0-9, _; at most 63 characters), not 'public; drop'"},
        {{"--throttle.max=1e308w"}, "",
         "option 'throttle.max': must be a duration such as 90s, 15m, 6h, 30d or 1w, not '1e308w' (at most 3650d)"},
        {{"--throttle.policy_rate=150%"}, "",
         "option 'throttle.policy_rate': must be a fraction in (0, 1] such as 0.05 or 5%, not '150%'"},
        {{}, "[suppression]\nsoft_backoff_max = 1h\n",
         "option 'suppression.soft_backoff_max': must not be shorter than suppression.soft_backoff_initial"},
        {{"--log.level=loud"}, "", "option 'log.level': must be one of trace, debug, info, warn, error, off, not 'loud'"},
        {{"--limits.max_message_bytes=2GiB"}, "",
         "option 'limits.max_message_bytes': must be a size from 1KiB to 1GiB such as 65536, 64KiB or 10MiB, not '2GiB'"},
        {{"--limits.max_line_bytes=12 MiB"}, "",
         "option 'limits.max_line_bytes': must be a size from 1KiB to 16MiB such as 65536, 64KiB or 10MiB, not '12 MiB'"},
        {{}, "[limits]\nmax_mime_depth = 0\n", "option 'limits.max_mime_depth': must be a whole number from 1 to 1000, not '0'"},
        {{"--limits.max_recipients=99999999999999999999"}, "",
         "option 'limits.max_recipients': must be a whole number from 1 to 100000, not '99999999999999999999'"},
    };
    for (const auto& c : cases) {
        const auto file = write_file(c.file);
        Env env{{{"BOUNCED_CONFIG", file}}};
        config::Invocation inv;
        std::string error;
        CHECK_FALSE(load(c.args, env, &inv, &error));
        CHECK(error == c.error);
        std::remove(file.c_str());
    }
}

TEST_CASE("config: unknown options and unreadable files are refused", "[config]") {
    config::Invocation inv;
    std::string error;
    Env env{{{"BOUNCED_CONFIG", "/nonexistent/bounced.conf"}}};
    CHECK_FALSE(load({}, env, &inv, &error));
    CHECK(error == "cannot read configuration file /nonexistent/bounced.conf");
    const auto file = write_file("[database]\nulr = x\n");
    Env typo{{{"BOUNCED_CONFIG", file}}};
    CHECK_FALSE(load({}, typo, &inv, &error));
    CHECK_THAT(error, Catch::Contains("database.ulr"));
    CHECK_FALSE(load({"--colour"}, Env{{{"BOUNCED_CONFIG", "/dev/null"}}}, &inv, &error));
    CHECK_THAT(error, Catch::Contains("colour"));
    std::remove(file.c_str());
}

// Found by fuzz_config_load: Boost.Program_options fills its error text by replacing
// placeholders such as %canonical_option% until none is left, so an option or an INI
// line that itself contains a placeholder made the loader loop forever.
TEST_CASE("config: an option or file line that looks like a message placeholder is refused, not a hang",
          "[config][fuzz]") {
    config::Invocation inv;
    std::string error;
    const Env no_file{{{"BOUNCED_CONFIG", "/dev/null"}}};
    CHECK_FALSE(load({"-%canonical_option%%--dry-ru&n%--operandz"}, no_file, &inv, &error));
    CHECK(error == "unknown option '-%canonical_option%%--dry-ru&n%--operandz' (see --help)");
    CHECK_FALSE(load({"--%option%"}, no_file, &inv, &error));
    CHECK(error == "unknown option '--%option%' (see --help)");

    const auto file = write_file("[database]\n%invalid_line%\n");
    Env env{{{"BOUNCED_CONFIG", file}}};
    CHECK_FALSE(load({}, env, &inv, &error));
    CHECK(error == file + ": cannot read the line '%invalid_line%' (expected name = value)");
    std::remove(file.c_str());
}

TEST_CASE("config: errors from the INI file name the file", "[config]") {
    config::Invocation inv;
    std::string error;
    const auto file = write_file("[database]\nulr = x\n");
    Env env{{{"BOUNCED_CONFIG", file}}};
    CHECK_FALSE(load({}, env, &inv, &error));
    CHECK(error == file + ": unknown option 'database.ulr'");
    std::remove(file.c_str());
}

TEST_CASE("config: a number option is read whole, or not at all", "[config]") {
    CHECK(config::parse_whole_number("10") == 10L);
    CHECK(config::parse_whole_number("-3") == -3L);
    CHECK_FALSE(config::parse_whole_number("10x"));
    CHECK_FALSE(config::parse_whole_number(" 10"));
    CHECK_FALSE(config::parse_whole_number(""));
    CHECK_FALSE(config::parse_whole_number("ten"));
    CHECK_FALSE(config::parse_whole_number("99999999999999999999"));
}
