#include "classify/rules/status_code.h"

#include <cctype>
#include <cstring>

#include "classify/text.h"

namespace classify {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads "C.SSS.DDD" at `pos`; returns its length or 0.
std::size_t status_length_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size() || (text[pos] != '2' && text[pos] != '4' && text[pos] != '5')) return 0;
    std::size_t i = pos + 1;
    for (int group = 0; group < 2; ++group) {
        if (i >= text.size() || text[i] != '.') return 0;
        std::size_t digits = 0;
        ++i;
        while (i < text.size() && is_digit(text[i]) && digits < 4) ++i, ++digits;
        if (digits == 0 || digits > 3) return 0;
    }
    // "5.1.1.2" or "5.1.10x" is not a code; a trailing "." ends a sentence.
    if (i < text.size() && (is_digit(text[i]) || (text[i] == '.' && i + 1 < text.size() && is_digit(text[i + 1]))))
        return 0;
    return i - pos;
}

}  // namespace

bool is_valid_status_code(std::string_view code) {
    return !code.empty() && status_length_at(code, 0) == code.size();
}

std::string find_status_code(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        if (pos > 0 && (is_digit(text[pos - 1]) || text[pos - 1] == '.')) continue;
        if (auto n = status_length_at(text, pos)) return std::string(text.substr(pos, n));
    }
    return {};
}

int find_reply_code(std::string_view text) {
    for (std::size_t pos = 0; pos + 3 <= text.size(); ++pos) {
        char c = text[pos];
        if (c != '2' && c != '4' && c != '5') continue;
        if (!is_digit(text[pos + 1]) || !is_digit(text[pos + 2])) continue;
        if (pos > 0 && (std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '.' ||
                        text[pos - 1] == '-' || text[pos - 1] == '#' || text[pos - 1] == '/' || text[pos - 1] == '='))
            continue;
        char next = pos + 3 < text.size() ? text[pos + 3] : ' ';
        if (next != ' ' && next != '-' && next != '\n' && next != '\t' && next != ']' && next != ')') continue;
        // "250-5.1.1" style continuation lines are codes; "5.1.1" is handled above.
        int code = (c - '0') * 100 + (text[pos + 1] - '0') * 10 + (text[pos + 2] - '0');
        if (text[pos + 1] > '5') continue;
        return code;
    }
    return 0;
}

bool is_vague_status(std::string_view code) {
    if (code.size() < 5) return true;
    if (code.substr(1) == ".0.0") return true;
    return starts_with(code.substr(1), ".0.9");
}

std::optional<Reason> reason_for_status(std::string_view code) {
    struct Row {
        const char* subject_detail;  // the code without its class digit
        Reason reason;
    };
    // Only codes whose RFC 3463 meaning names one cause; the rest are left to text.
    static const Row kRows[] = {
        {".1.1", Reason::userunknown},     {".1.2", Reason::hostunknown},
        {".1.3", Reason::userunknown},     {".1.4", Reason::userunknown},
        {".1.6", Reason::hasmoved},        {".1.7", Reason::rejected},
        {".1.8", Reason::rejected},        {".1.10", Reason::notaccept},
        {".2.1", Reason::suspend},         {".2.2", Reason::mailboxfull},
        {".2.3", Reason::exceedlimit},     {".2.4", Reason::systemerror},
        {".3.0", Reason::systemerror},     {".3.1", Reason::systemfull},
        {".3.2", Reason::notaccept},       {".3.3", Reason::systemerror},
        {".3.4", Reason::mesgtoobig},      {".3.5", Reason::systemerror},
        {".4.0", Reason::networkerror},    {".4.1", Reason::networkerror},
        {".4.2", Reason::networkerror},    {".4.3", Reason::systemerror},
        {".4.4", Reason::hostunknown},     {".4.5", Reason::systemfull},
        {".4.6", Reason::networkerror},    {".4.7", Reason::expired},
        {".5.0", Reason::syntaxerror},     {".5.1", Reason::syntaxerror},
        {".5.2", Reason::syntaxerror},     {".5.3", Reason::toomanyconn},
        {".5.4", Reason::syntaxerror},     {".5.5", Reason::syntaxerror},
        {".6.0", Reason::contenterror},    {".6.1", Reason::contenterror},
        {".6.2", Reason::contenterror},    {".6.3", Reason::contenterror},
        {".6.4", Reason::contenterror},    {".6.5", Reason::contenterror},
        {".6.6", Reason::contenterror},    {".6.7", Reason::contenterror},
        {".6.8", Reason::contenterror},    {".6.9", Reason::contenterror},
        {".7.0", Reason::securityerror},   {".7.1", Reason::blocked},
        {".7.2", Reason::filtered},        {".7.3", Reason::securityerror},
        {".7.4", Reason::securityerror},   {".7.5", Reason::securityerror},
        {".7.6", Reason::securityerror},   {".7.7", Reason::securityerror},
        {".7.8", Reason::authfailure},     {".7.9", Reason::policyviolation},
        {".7.10", Reason::securityerror},  {".7.11", Reason::failedstarttls},
        {".7.13", Reason::suspend},        {".7.14", Reason::securityerror},
        {".7.15", Reason::securityerror},  {".7.16", Reason::mailboxfull},
        {".7.17", Reason::hasmoved},       {".7.18", Reason::hasmoved},
        {".7.19", Reason::securityerror},  {".7.20", Reason::authfailure},
        {".7.21", Reason::authfailure},    {".7.22", Reason::authfailure},
        {".7.23", Reason::authfailure},    {".7.24", Reason::authfailure},
        {".7.25", Reason::requireptr},     {".7.26", Reason::authfailure},
        {".7.27", Reason::notaccept},      {".7.28", Reason::spamdetected},
        {".7.29", Reason::authfailure},    {".7.30", Reason::securityerror},
        {".7.509", Reason::authfailure},   {".7.650", Reason::badreputation},
        {".7.133", Reason::rejected},      {".7.134", Reason::rejected},
        {".7.606", Reason::blocked},
    };
    if (code.size() < 5) return std::nullopt;
    if (code[0] == '2') return Reason::delivered;
    auto rest = code.substr(1);
    for (const auto& row : kRows)
        if (rest == row.subject_detail) return row.reason;
    return std::nullopt;
}

std::string pseudo_status(Reason reason, bool temporary) {
    struct Row {
        Reason reason;
        const char* detail;
    };
    static const Row kRows[] = {
        {Reason::blocked, "971"},      {Reason::contenterror, "960"}, {Reason::exceedlimit, "923"},
        {Reason::expired, "947"},      {Reason::filtered, "910"},     {Reason::hasmoved, "916"},
        {Reason::hostunknown, "912"},  {Reason::mailboxfull, "922"},  {Reason::mailererror, "939"},
        {Reason::mesgtoobig, "934"},   {Reason::networkerror, "944"}, {Reason::norelaying, "909"},
        {Reason::notaccept, "932"},    {Reason::onhold, "901"},       {Reason::rejected, "918"},
        {Reason::securityerror, "970"}, {Reason::spamdetected, "980"}, {Reason::suspend, "921"},
        {Reason::systemerror, "930"},  {Reason::systemfull, "931"},   {Reason::syntaxerror, "902"},
        {Reason::toomanyconn, "945"},  {Reason::userunknown, "911"},  {Reason::undefined, "900"},
        {Reason::virusdetected, "971"}, {Reason::requireptr, "973"},  {Reason::failedstarttls, "976"},
        {Reason::policyviolation, "972"}, {Reason::authfailure, "975"}, {Reason::badreputation, "974"},
        {Reason::speeding, "946"},     {Reason::notcompliantrfc, "978"},
    };
    if (reason == Reason::filtered && temporary) return "4.0.924";
    for (const auto& row : kRows)
        if (row.reason == reason) return std::string(temporary ? "4.0." : "5.0.") + row.detail;
    return {};
}

}  // namespace classify
