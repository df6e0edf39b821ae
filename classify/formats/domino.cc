// Lotus/IBM Domino's non-delivery reports (subject "DELIVERY FAILURE: ..."):
// the recipient under "was not delivered to:", Domino's reason under "because:".
//
//   Your message
//
//     Subject: Hello
//
//   was not delivered to:
//
//     user@example.org
//
//   because:
//
//     User Some Name (user@example.org) not listed in Domino Directory
//
// Newer versions add a delivery-status part; its Diagnostic-Code repeats the
// sentence, and the generic RFC 3464 reader handles them.
#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

struct DominoVerdict {
    std::string_view words;
    Reason reason;
};

// Domino's own sentences (English, French, Japanese servers).
constexpr DominoVerdict kVerdicts[] = {
    {"not listed in Domino Directory", Reason::userunknown},
    {"not listed in public Name & Address Book", Reason::userunknown},
    {"non répertorié dans l'annuaire Domino", Reason::userunknown},
    {"Domino ディレクトリには見つかりません", Reason::userunknown},
    {"Cannot route mail to user", Reason::filtered},
    {"Several matches found in Domino Directory", Reason::systemerror},
};

// The non-empty lines after the line `heading`, up to the next heading line
// (one that ends with ':' and is not indented).
std::vector<std::string_view> section(const std::vector<std::string_view>& lines, std::string_view heading) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < lines.size() && !iequals(trim(lines[i]), heading)) ++i;
    for (++i; i < lines.size(); ++i) {
        auto line = lines[i];
        if (trim(line).empty()) continue;
        if (line.front() != ' ' && line.front() != '\t') break;
        out.push_back(trim(line));
    }
    return out;
}

}  // namespace

std::vector<Evidence> decode_domino(const BounceView& view) {
    std::vector<Evidence> found;
    auto subject = trim(view.subject);
    if (view.dsn || !(istarts_with(subject, "DELIVERY FAILURE:") || istarts_with(subject, "DELIVERY_FAILURE:")))
        return found;
    auto lines = split_lines(view.text);
    auto recipients = section(lines, "was not delivered to:");
    std::string because;
    for (auto line : section(lines, "because:")) {
        if (!because.empty()) because += ' ';
        because.append(line);
    }
    for (auto line : recipients) {
        std::string address = find_first_address(line);
        if (address.empty() || found.size() >= view.limits.max_recipients) continue;
        Evidence e;
        e.recipient = address;
        e.diagnostic = because;
        e.source = RecipientSource::mta_format;
        for (const auto& v : kVerdicts) {
            if (!icontains(because, v.words)) continue;
            e.reason = v.reason;
            e.rule = "domino:verdict";
            break;
        }
        found.push_back(std::move(e));
    }
    return found;
}

}  // namespace classify::formats
