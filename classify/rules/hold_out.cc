// Which development-corpus family each format decoder was written for. Kept here,
// not in formats/registry.cc, so the registry stays a plain list of decoders.
#include "classify/rules/hold_out.h"

namespace classify {
namespace {

struct FormatFamilies {
    std::string_view format;
    std::string_view families;
};

// A decoder named after an MTA or provider was written from that family's bounces.
constexpr FormatFamilies kFormatFamilies[] = {
    {"google-groups", "lhost-googlegroups"},
    {"gmail", "lhost-gmail lhost-googleworkspace rhost-google rhost-gsuite"},
    {"amazon-ses", "lhost-amazonses lhost-receivingses"},
    {"gmx", "lhost-gmx lhost-einsundeins"},
    {"zoho", "lhost-zoho"},
    {"mxlogic", "lhost-mxlogic"},
    {"activehunter", "lhost-activehunter"},
    {"apache-james", "lhost-apachejames"},
    {"domino", "lhost-domino"},
    {"fml", "lhost-fml"},
    {"mfilter", "lhost-mfilter"},
    {"surfcontrol", "lhost-surfcontrol"},
    {"verizon", "lhost-verizon"},
    {"x5", "lhost-x5"},
    {"x6", "lhost-x6"},
    {"opensmtpd", "lhost-opensmtpd"},
    {"mcafee", "lhost-mcafee"},
    {"messagelabs", "rhost-messagelabs lhost-messagelabs"},
    {"qmail", "lhost-qmail"},
    {"exim", "lhost-exim"},
    {"sendmail", "lhost-sendmail"},
    {"dragonfly", "lhost-dragonfly"},
    {"v5sendmail", "lhost-v5sendmail"},
    {"exchange2003", "lhost-exchange2003"},
    {"imailserver", "lhost-imailserver"},
    {"x1", "lhost-x1"},
    {"x3", "lhost-x3"},
    {"ezweb", "lhost-ezweb"},
    {"kddi", "lhost-kddi rhost-kddi"},
    {"biglobe", "lhost-biglobe"},
    {"exchange2007", "lhost-exchange2007"},
    {"postfix", "lhost-postfix"},
};

}  // namespace

bool is_held_out(std::string_view families, std::string_view held_out) {
    if (held_out.empty()) return false;
    while (!families.empty()) {
        auto space = families.find(' ');
        if (families.substr(0, space) == held_out) return true;
        if (space == std::string_view::npos) break;
        families.remove_prefix(space + 1);
    }
    return false;
}

std::string_view format_families(std::string_view format) {
    for (const auto& entry : kFormatFamilies)
        if (entry.format == format) return entry.families;
    return {};
}

}  // namespace classify
