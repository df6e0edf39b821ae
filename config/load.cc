// config::load: the settings table (settings_table.cc), read through Boost.Program_options
// from the command line, the environment and an INI file, in that order of precedence
// (program_options keeps the first value stored for an option).
#include "config/load.h"

#include <boost/program_options.hpp>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/http_settings.h"
#include "config/redact.h"
#include "config/secrets.h"
#include "config/setting.h"
#include "config/webhook_keys.h"

namespace po = boost::program_options;

namespace config {
namespace {

constexpr const char* kDefaultFile = "/etc/bounced/bounced.conf";

po::options_description common_options() {
    po::options_description desc("settings (INI [section] key, --section.key=VALUE, or BOUNCED_SECTION_KEY)");
    desc.add_options()("config", po::value<std::string>()->value_name("FILE"),
                       "read settings from this INI file (default /etc/bounced/bounced.conf; $BOUNCED_CONFIG)");
    for (const auto& s : settings_table())
        desc.add_options()(s.name.c_str(), po::value<std::string>(), s.help.c_str());
    return desc;
}

po::options_description command_options(const CommandSpec& command) {
    po::options_description desc("options");
    desc.add_options()("help,h", "explain this command")("help-all", "... and list every setting");
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
        const std::string variable = environment_name(s);
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

// What one row cannot check alone: settings that depend on each other, and files.
bool cross_check(Settings& settings, std::string* error) {
    if (!settings.trust.secrets_file.empty()) {
        const std::string why = read_secrets_file(settings.trust.secrets_file, &settings.trust.secrets);
        if (!why.empty()) return *error = "option 'trust.secrets_file': " + why, false;
    }
    // http.listen is checked by its row; here it gives the host and port serve binds.
    if (const std::string why = parse_listen(settings.http.listen, &settings.http); !why.empty())
        return *error = "option 'http.listen': " + why, false;
    if (!settings.http.token_file.empty()) {
        const std::string why = read_token_file(settings.http.token_file, &settings.http.token);
        if (!why.empty()) return *error = "option 'http.token_file': " + why, false;
    }
    if (!settings.webhooks.mailgun_signing_key_file.empty()) {
        // The same rules as the API token: the key forges any event, so owner-only.
        const std::string why =
            read_token_file(settings.webhooks.mailgun_signing_key_file, &settings.webhooks.mailgun_signing_key);
        if (!why.empty()) return *error = "option 'webhooks.mailgun_signing_key_file': " + why, false;
    }
    if (!settings.webhooks.sendgrid_public_key_file.empty()) {
        const std::string why =
            read_public_key_file(settings.webhooks.sendgrid_public_key_file, &settings.webhooks.sendgrid_public_key);
        if (!why.empty()) return *error = "option 'webhooks.sendgrid_public_key_file': " + why, false;
    }
    if (!settings.webhooks.postmark_credentials_file.empty()) {
        auto& w = settings.webhooks;
        const std::string why = read_credentials_file(w.postmark_credentials_file, &w.postmark_user, &w.postmark_password);
        if (!why.empty()) return *error = "option 'webhooks.postmark_credentials_file': " + why, false;
    }
    // Checked by its row already; here it gives the networks serve compares with.
    if (const auto why = parse_networks(settings.webhooks.postmark_allow_from, &settings.webhooks.postmark_networks);
        !why.empty())
        return *error = "option 'webhooks.postmark_allow_from': " + why, false;
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

// Every bad value is named, one per line, so `bounced config check` can list them all.
bool apply_settings(const po::variables_map& vm, Settings& settings, std::string* error) {
    error->clear();
    for (const auto& s : settings_table()) {
        if (!vm.count(s.name)) continue;
        const std::string why = s.set(vm[s.name].as<std::string>(), settings);
        if (!why.empty()) *error += std::string(error->empty() ? "" : "\n") + "option '" + s.name + "': " + why;
    }
    if (!error->empty()) return false;
    settings.store.url_for_logs = redact_secrets(settings.store.url);  // what the store's messages show
    return cross_check(settings, error);
}

}  // namespace

std::string Invocation::get(const std::string& name, const std::string& fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

std::optional<long> Invocation::whole_number(const std::string& name) const { return parse_whole_number(get(name)); }

std::optional<long> parse_whole_number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || std::isspace(static_cast<unsigned char>(text[0]))) return std::nullopt;
    return value;
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
        out->help_all = vm.count("help-all") != 0;
        out->help = vm.count("help") != 0 || out->help_all;
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
    out << "usage: " << command.usage << "\n\n" << command.summary << "\n\n" << command_options(command) << "\n"
        << "Every one of the " << settings_table().size() << " settings (database.url, source.maildir, ...) may be\n"
        << "given as --section.key=VALUE, as BOUNCED_SECTION_KEY, or in the file named by\n"
        << "--config FILE; --help-all or 'bounced config --help' lists them.\n";
    return out.str();
}

std::string help_all_text(const CommandSpec& command) {
    std::ostringstream out;
    out << help_text(command) << "\n" << settings_help();
    return out.str();
}

// Two lines a setting, grouped by section: the option with its default and an example,
// then what it does.
std::string settings_help() {
    static const Settings defaults;
    std::ostringstream out;
    out << "Settings: in the INI file as [section] key = VALUE, on the command line as\n"
           "--section.key=VALUE, in the environment as BOUNCED_SECTION_KEY. The command line\n"
           "wins over the environment, the environment over the file.\n\n"
           "  --config FILE   the INI file (default /etc/bounced/bounced.conf if it exists; $BOUNCED_CONFIG)\n";
    std::string section;
    for (const auto& s : settings_table()) {
        const std::string this_section = s.name.substr(0, s.name.find('.'));
        if (this_section != section) out << "\n[" << (section = this_section) << "]\n";
        const std::string value = s.get(defaults);
        out << "  --" << s.name << "=VALUE  (default " << (value.empty() ? "none" : value) << "; e.g. " << s.example
            << ")\n      " << s.help << "\n";
    }
    return out.str();
}

}  // namespace config
