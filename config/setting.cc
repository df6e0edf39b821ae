// What every row of the settings table shares (see setting.h): names, shown values, lists.
#include "config/setting.h"

#include <cctype>
#include <sstream>

#include "config/redact.h"

namespace config {

std::string environment_name(const Setting& setting) {
    std::string variable = "BOUNCED_" + setting.name;
    for (auto& c : variable) c = c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return variable;
}

std::string shown_value(const Setting& setting, const Settings& settings) {
    const std::string value = setting.get(settings);
    switch (setting.secret) {
        case Secret::whole: return value.empty() ? value : "***";
        case Secret::password_in_url: return redact_secrets(value);
        case Secret::none: break;
    }
    return value;
}

std::vector<std::string> describe(const Settings& settings) {
    std::vector<std::string> lines;
    for (const auto& s : settings_table()) lines.push_back(s.name + " = " + shown_value(s, settings));
    return lines;
}

std::string parse_list(const std::string& text, std::vector<std::string>* out) {
    out->clear();
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
        if (first == std::string::npos) return "must be a comma-separated list without empty items, not '" + text + "'";
        out->push_back(item.substr(first, last - first + 1));
    }
    return out->empty() ? "must name at least one item" : "";
}

std::string format_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace config
