// config::load: one table of settings, read through Boost.Program_options from the
// command line, the environment and an INI file, in that order of precedence
// (program_options keeps the first value stored for an option).
#include "config/load.h"

#include <boost/program_options.hpp>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/http_settings.h"
#include "config/redact.h"
#include "config/secrets.h"
#include "config/values.h"

namespace po = boost::program_options;

namespace config {
namespace {

constexpr const char* kDefaultFile = "/etc/bounced/bounced.conf";

// A setting: its dotted name (INI section.key), a help line, and how to store a value.
// The setter returns "" or why the value is wrong.
struct Setting {
    const char* name;
    const char* help;
    std::function<std::string(const std::string&, Settings&)> set;
};

std::string set_duration(const std::string& v, double* field) { return parse_duration(v, field); }

std::string set_trust_level(const std::string& v, std::string* level) {
    *level = v;
    return v == "signed" || v == "dsn" || v == "any" ? "" : "must be signed, dsn or any, not '" + v + "'";
}

// "a, b,c" -> {"a", "b", "c"}; empty items are refused.
std::string parse_list(const std::string& v, std::vector<std::string>* out) {
    out->clear();
    std::stringstream in(v);
    for (std::string item; std::getline(in, item, ',');) {
        const auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
        if (first == std::string::npos) return "must be a comma-separated list without empty items, not '" + v + "'";
        out->push_back(item.substr(first, last - first + 1));
    }
    return out->empty() ? "must name at least one item" : "";
}

// A Maildir++ folder name: ".Name", one level, no slash.
std::string set_folder(const std::string& v, std::string* out) {
    *out = v;
    if (v.size() >= 2 && v[0] == '.' && v != ".." && v.find('/') == std::string::npos) return "";
    return "must be a Maildir++ folder name like .Processed (a dot, then no slash), not '" + v + "'";
}

// [limits]: each bound of classify::Limits, with the range it may be set in. The
// upper ends keep the guarded hazards guarded: mimetic recurses once per nesting
// level and part, and grows long lines quadratically (classify/parse/message.cc).
template <typename Field>
std::string set_bounded(const std::string& v, long minimum, long maximum, Field* field) {
    long value = 0;
    const std::string why = parse_count_in(v, minimum, maximum, &value);
    if (why.empty()) *field = static_cast<Field>(value);
    return why;
}

constexpr std::size_t KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

const std::vector<Setting>& settings_table() {
    static const std::vector<Setting> table = {
        {"database.url", "PostgreSQL URL or conninfo (also $BOUNCED_DATABASE_URL)",
         [](const std::string& v, Settings& s) { s.store.url = v; return std::string(); }},
        {"database.schema", "schema that holds the store's tables (default bounced)",
         [](const std::string& v, Settings& s) {
             s.store.schema = v;
             if (db::validate_schema_name(v).ok()) return std::string();
             return "must be a plain identifier (a-z, 0-9, _; at most 63 characters), not '" + v + "'";
         }},
        {"database.hook", "SQL run when an address is suppressed or reactivated ($1 address, $2 class, $3 reason)",
         [](const std::string& v, Settings& s) { s.store.hook_sql = v; return std::string(); }},
        {"suppression.soft_backoff_initial", "first soft-bounce backoff (default 1d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.soft_backoff_initial); }},
        {"suppression.soft_backoff_max", "longest soft-bounce backoff (default 7d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.soft_backoff_max); }},
        {"suppression.soft_limit", "soft bounces in the window that suppress (default 5)",
         [](const std::string& v, Settings& s) { return parse_count(v, 1, &s.store.policy.soft_limit); }},
        {"suppression.soft_window", "how long a soft bounce counts (default 30d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.soft_window); }},
        {"suppression.soft_min_messages", "distinct sent messages among them (default 3)",
         [](const std::string& v, Settings& s) { return parse_count(v, 1, &s.store.policy.soft_min_messages); }},
        {"suppression.act_on_guessed_recipients", "act on addresses found only in free text (default false)",
         [](const std::string& v, Settings& s) { return parse_bool(v, &s.store.policy.act_on_guessed_recipients); }},
        {"throttle.policy_limit", "policy bounces per domain in the window that throttle it (default 20)",
         [](const std::string& v, Settings& s) { return parse_count(v, 1, &s.store.policy.policy_limit); }},
        {"throttle.policy_window", "window for counting policy bounces (default 1h)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.policy_window); }},
        {"throttle.policy_rate", "with recorded sends: share of the domain's sends (default 5%)",
         [](const std::string& v, Settings& s) { return parse_rate(v, &s.store.policy.policy_rate); }},
        {"throttle.policy_min_count", "with recorded sends: never fewer bounces than (default 5)",
         [](const std::string& v, Settings& s) { return parse_count(v, 1, &s.store.policy.policy_min_count); }},
        {"throttle.duration", "first throttle of a domain (default 6h)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.throttle_duration); }},
        {"throttle.max", "longest throttle (default 7d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.throttle_max); }},
        {"throttle.memory", "a throttle this soon after the last one doubles it (default 7d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.throttle_memory); }},
        {"trust.level", "which bounces may change a status: signed, dsn or any (default dsn; docs/verp.md)",
         [](const std::string& v, Settings& s) { return set_trust_level(v, &s.store.policy.trust_level); }},
        {"trust.secrets_file", "signed-VERP secrets, one a line, the first signs (not readable by others)",
         [](const std::string& v, Settings& s) {
             s.trust.secrets_file = v;
             return read_secrets_file(v, &s.trust.secrets);
         }},
        {"trust.tag_max_age_days", "a VERP tag older than this many days is stale (default 30)",
         [](const std::string& v, Settings& s) {
             const std::string why = parse_count(v, 1, &s.trust.tag_max_age_days);
             return !why.empty() || s.trust.tag_max_age_days <= 1000 ? why : "must be at most 1000 days, not '" + v + "'";
         }},
        {"trust.own_mtas", "the list's own MTAs: host names, IP addresses, .domain (loopback and this host always are)",
         [](const std::string& v, Settings& s) { return parse_list(v, &s.trust.own_mtas); }},
        {"trust.send_window", "our own MTA's bounce without the original is expected this long after a recorded send (default 7d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.send_window); }},
        {"trust.rate_baseline", "a remote host may make 4x its own average per window over this period (default 30d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.baseline_window); }},
        {"trust.rate_cap", "least budget of a remote host or sender address per window, for bounces not tied to a personal send (default 100)",
         [](const std::string& v, Settings& s) { return parse_count(v, 1, &s.store.policy.rate_cap); }},
        {"trust.rate_window", "window of the rate cap (default 1h)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.rate_window); }},
        {"trust.raw", "keep each raw bounce: database, archive (trust.archive_dir) or none (default database)",
         [](const std::string& v, Settings& s) {
             s.trust.raw = v;
             return v == "database" || v == "archive" || v == "none" ? std::string()
                                                                     : "must be database, archive or none, not '" + v + "'";
         }},
        {"trust.archive_dir", "folder for raw bounces when trust.raw = archive",
         [](const std::string& v, Settings& s) { s.trust.archive_dir = v; return std::string(); }},
        {"trust.raw_retention", "how long raw bounces are kept (default 90d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.policy.raw_retention); }},
        {"retention.events", "bounce events older than this are deleted by `bounced db prune`, except a suppression's evidence (default 400d)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.store.events_retention); }},
        {"limits.max_message_bytes", "a larger message is quarantined unread (default 10MiB)",
         [](const std::string& v, Settings& s) { return parse_size(v, KiB, GiB, &s.limits.max_message_bytes); }},
        {"limits.max_mime_depth", "deepest nesting of multiparts and attached messages (default 32)",
         [](const std::string& v, Settings& s) { return set_bounded(v, 1, 1000, &s.limits.max_mime_depth); }},
        {"limits.max_mime_parts", "most MIME parts in one message (default 500)",
         [](const std::string& v, Settings& s) { return set_bounded(v, 1, 10000, &s.limits.max_mime_parts); }},
        {"limits.max_line_bytes", "longest line of a message (default 256KiB)",
         [](const std::string& v, Settings& s) { return parse_size(v, KiB, 16 * MiB, &s.limits.max_line_bytes); }},
        {"limits.max_parse_work", "bytes the MIME parser may copy for one message: its time bound (default 256MiB)",
         [](const std::string& v, Settings& s) { return parse_size(v, MiB, 4 * GiB, &s.limits.max_parse_work); }},
        {"limits.max_recipients", "most recipients one bounce may report (default 1000)",
         [](const std::string& v, Settings& s) { return set_bounded(v, 1, 100000, &s.limits.max_recipients); }},
        {"limits.max_diagnostic_bytes", "diagnostic text kept per recipient (default 2048)",
         [](const std::string& v, Settings& s) { return parse_size(v, 64, 64 * KiB, &s.limits.max_diagnostic_bytes); }},
        {"limits.max_scan_bytes", "bounce text the decoders read (default 256KiB)",
         [](const std::string& v, Settings& s) { return parse_size(v, 4 * KiB, 16 * MiB, &s.limits.max_scan_bytes); }},
        {"log.level", "trace, debug, info, warn, error or off (default info)",
         [](const std::string& v, Settings& s) {
             static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
             for (const char* level : kLevels)
                 if (v == level) return s.log_level = v, std::string();
             return "must be one of trace, debug, info, warn, error, off, not '" + v + "'";
         }},
        {"log.file", "log to this file instead of standard error (journald)",
         [](const std::string& v, Settings& s) { s.daemon.log_file = v; return std::string(); }},
        {"source.maildir", "Maildir(s) the daemon drains, comma-separated",
         [](const std::string& v, Settings& s) { return parse_list(v, &s.daemon.maildirs); }},
        {"source.imap", "IMAP(S) or POP3(S) mailbox URL the daemon drains (imaps://host/INBOX)",
         [](const std::string& v, Settings& s) { s.daemon.imap_url = v; return std::string(); }},
        {"source.imap_user", "user name for source.imap",
         [](const std::string& v, Settings& s) { s.daemon.imap_user = v; return std::string(); }},
        {"source.imap_password", "password for source.imap (the file must not be readable by others)",
         [](const std::string& v, Settings& s) { s.daemon.imap_password = v; return std::string(); }},
        {"source.imap_password_file", "file holding the password for source.imap",
         [](const std::string& v, Settings& s) { s.daemon.imap_password_file = v; return std::string(); }},
        {"daemon.batch_size", "messages per database transaction (default 100)",
         [](const std::string& v, Settings& s) { return parse_count(v, 1, &s.daemon.batch_size); }},
        {"daemon.batch_bytes", "bytes of messages per database transaction; at least one message (default 16MiB)",
         [](const std::string& v, Settings& s) { return parse_size(v, MiB, GiB, &s.daemon.batch_bytes); }},
        {"daemon.rescan_interval", "full rescan of the sources besides inotify (default 60s)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.daemon.rescan_interval); }},
        {"daemon.summary_interval", "how often a summary line is logged (default 10m)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.daemon.summary_interval); }},
        {"daemon.backoff_max", "longest wait between reconnects to a database that is down (default 60s)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.daemon.backoff_max); }},
        {"daemon.claim_timeout", "claims of other daemons older than this are taken back (default 1h)",
         [](const std::string& v, Settings& s) { return set_duration(v, &s.daemon.claim_timeout); }},
        {"daemon.processed_folder", "Maildir++ folder for processed messages (default .Processed)",
         [](const std::string& v, Settings& s) { return set_folder(v, &s.daemon.processed_folder); }},
        {"daemon.quarantine_folder", "Maildir++ folder for unreadable messages (default .Quarantine)",
         [](const std::string& v, Settings& s) { return set_folder(v, &s.daemon.quarantine_folder); }},
        {"daemon.delete_processed", "delete processed messages instead of keeping them (default false)",
         [](const std::string& v, Settings& s) { return parse_bool(v, &s.daemon.delete_processed); }},
        {"http.listen", "where `bounced serve` listens, HOST:PORT (default 127.0.0.1:8025)",
         [](const std::string& v, Settings& s) { return parse_listen(v, &s.http); }},
        {"http.token_file", "file holding the HTTP API token (readable by its owner only)",
         [](const std::string& v, Settings& s) {
             s.http.token_file = v;
             return read_token_file(v, &s.http.token);
         }},
        {"daemon.quarantine_dir", "ingest and IMAP: directory that keeps unreadable messages",
         [](const std::string& v, Settings& s) { s.daemon.quarantine_dir = v; return std::string(); }},
    };
    return table;
}

po::options_description common_options() {
    po::options_description desc("common options");
    desc.add_options()("config", po::value<std::string>(), "read settings from this INI file");
    for (const auto& s : settings_table()) desc.add_options()(s.name, po::value<std::string>(), s.help);
    return desc;
}

po::options_description command_options(const CommandSpec& command) {
    po::options_description desc("options");
    desc.add_options()("help,h", "explain this command");
    for (const auto& o : command.options) {
        if (o.value_name.empty()) desc.add_options()(o.name.c_str(), o.help.c_str());
        else desc.add_options()(o.name.c_str(), po::value<std::string>()->value_name(o.value_name), o.help.c_str());
    }
    return desc;
}

// BOUNCED_DATABASE_URL for database.url, and so on for every setting.
void store_environment(const po::options_description& desc, const Environment& env, po::variables_map& vm) {
    po::parsed_options parsed(&desc);
    for (const auto& s : settings_table()) {
        std::string variable = std::string("BOUNCED_") + s.name;
        for (auto& c : variable) c = c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const char* value = env ? env(variable.c_str()) : std::getenv(variable.c_str());
        if (value == nullptr) continue;
        po::option option;
        option.string_key = s.name;
        option.value.push_back(value);
        parsed.options.push_back(option);
    }
    po::store(parsed, vm);
}

// Program_options' own what() substitutes placeholders such as %canonical_option%
// until none is left, so an option name or an INI line that contains one loops it
// forever (found by fuzz_config_load). The messages are built here instead, from
// the error's parts, which are never expanded.
std::string describe(const po::error& e, const char* unknown_suffix) {
    const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
    if (named == nullptr) return e.what();  // no placeholders in these
    const std::string name = "'" + named->get_option_name() + "'";
    if (dynamic_cast<const po::unknown_option*>(&e)) return "unknown option " + name + unknown_suffix;
    if (dynamic_cast<const po::ambiguous_option*>(&e)) return "option " + name + " is ambiguous";
    if (dynamic_cast<const po::multiple_occurrences*>(&e)) return "option " + name + " is given more than once";
    if (const auto* line = dynamic_cast<const po::invalid_config_file_syntax*>(&e)) {
        return "cannot read the line '" + line->tokens() + "' (expected name = value)";
    }
    if (const auto* syntax = dynamic_cast<const po::invalid_syntax*>(&e)) {
        if (syntax->kind() == po::invalid_syntax::missing_parameter) return "option " + name + " needs a value";
        if (syntax->kind() == po::invalid_syntax::extra_parameter) return "option " + name + " takes no value";
    }
    return "option " + name + " is not accepted here";
}

// Stores the INI file's settings; "" or why it could not be read.
std::string store_file(const po::variables_map& vm, const Environment& env, const po::options_description& desc,
                       po::variables_map& out, std::string* path) {
    const char* from_env = env ? env("BOUNCED_CONFIG") : std::getenv("BOUNCED_CONFIG");
    const bool named = vm.count("config") || (from_env && *from_env);
    *path = vm.count("config") ? vm["config"].as<std::string>() : named ? from_env : kDefaultFile;
    std::ifstream in(*path);
    if (!in) {
        if (!named) path->clear();
        return named ? "cannot read configuration file " + *path : "";
    }
    try {
        po::store(po::parse_config_file(in, desc, false), out);
    } catch (const po::error& e) {
        return *path + ": " + describe(e, "");
    }
    return "";
}

// Every bad value is named, one per line, so `bounced config check` can list them all.
bool apply_settings(const po::variables_map& vm, Settings& settings, std::string* error) {
    error->clear();
    for (const auto& s : settings_table()) {
        if (!vm.count(s.name)) continue;
        const std::string why = s.set(vm[s.name].as<std::string>(), settings);
        if (!why.empty()) *error += (error->empty() ? "" : "\n") + std::string("option '") + s.name + "': " + why;
    }
    if (!error->empty()) return false;
    settings.store.url_for_logs = redact_secrets(settings.store.url);  // what the store's messages show
    const auto& p = settings.store.policy;
    if (p.soft_backoff_max < p.soft_backoff_initial) {
        *error = "option 'suppression.soft_backoff_max': must not be shorter than suppression.soft_backoff_initial";
        return false;
    }
    if (settings.trust.raw == "archive" && settings.trust.archive_dir.empty()) {
        *error = "option 'trust.raw': archive needs trust.archive_dir";
        return false;
    }
    if (p.throttle_max < p.throttle_duration) {
        *error = "option 'throttle.max': must not be shorter than throttle.duration";
        return false;
    }
    return true;
}

}  // namespace

std::string Invocation::get(const std::string& name, const std::string& fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

bool load(const std::vector<std::string>& args, const CommandSpec& command, Invocation* out,
          std::string* error, const Environment& env) {
    *out = Invocation{};
    try {
        po::options_description all;
        all.add(command_options(command)).add(common_options());
        all.add_options()("operands", po::value<std::vector<std::string>>(), "");
        po::positional_options_description positional;
        positional.add("operands", -1);
        po::variables_map vm;
        const std::vector<std::string> words(args.empty() ? args.begin() : args.begin() + 1, args.end());
        po::store(po::command_line_parser(words).options(all).positional(positional).run(), vm);
        store_environment(common_options(), env, vm);
        std::string file_error = store_file(vm, env, common_options(), vm, &out->settings.config_file);
        if (!file_error.empty()) return *error = file_error, false;
        out->help = vm.count("help") != 0;
        if (vm.count("operands")) out->operands = vm["operands"].as<std::vector<std::string>>();
        for (const auto& o : command.options) {
            if (!vm.count(o.name)) continue;
            out->options[o.name] = o.value_name.empty() ? "" : vm[o.name].as<std::string>();
        }
        return apply_settings(vm, out->settings, error);
    } catch (const po::error& e) {
        *error = describe(e, " (see --help)");
        return false;
    }
}

std::string help_text(const CommandSpec& command) {
    std::ostringstream out;
    out << "usage: " << command.usage << "\n\n" << command.summary << "\n\n"
        << command_options(command) << "\n" << common_options();
    return out.str();
}

}  // namespace config
