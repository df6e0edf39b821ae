// BIGLOBE (biglobe.ne.jp, and the cable ISPs it hosts: inacatv, tmtv, ttv), whose
// bounces come from "postmaster@biglobe.ne.jp", subject "Returned mail: ...":
//
//      ----- The following addresses had delivery problems -----
//   user@mxr.biglobe.ne.jp
//
//      ----- Non-delivered information -----
//   The number of messages in recipient's mailbox exceeded the local limit.
//
// The addresses stand alone on their lines; the information block below them
// holds the reason for all of them.
#include <string>

#include "classify/parse/address.h"
#include "classify/formats/registry.h"
#include "classify/parse/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

constexpr std::string_view kAddressesMarker = "----- The following addresses had delivery problems -----";
constexpr std::string_view kInformationMarker = "----- Non-delivered information -----";

}  // namespace

std::vector<Evidence> decode_biglobe(const BounceView& view) {
    std::vector<Evidence> found;
    if (view.dsn) return found;
    std::string_view prose = view.prose();
    if (!icontains(prose, kAddressesMarker) || !icontains(prose, kInformationMarker)) return found;
    enum class Section { before, addresses, information } section = Section::before;
    std::string information;
    for (auto line : split_lines(prose)) {
        auto trimmed = trim(line);
        if (icontains(trimmed, kAddressesMarker)) {
            section = Section::addresses;
        } else if (icontains(trimmed, kInformationMarker)) {
            section = Section::information;
        } else if (trimmed.empty() || section == Section::before) {
            continue;
        } else if (section == Section::addresses) {
            std::string_view rest;
            std::string address = recipient_at_line_start(trimmed, &rest);
            if (address.empty() || found.size() >= view.limits.max_recipients) continue;
            Evidence e;
            e.recipient = address;
            e.diagnostic.assign(trim(rest));
            e.source = RecipientSource::mta_format;
            found.push_back(std::move(e));
        } else if (information.size() < 4096) {
            if (!information.empty()) information += ' ';
            information.append(trimmed);
        }
    }
    for (auto& e : found)
        if (trim(e.diagnostic).empty()) e.diagnostic = information;
    return found;
}

}  // namespace classify::formats
