// MarkerSet must give what the least ifind over its needles gives, wherever the
// needles stand, in any case, whatever the text around them.
#include <catch2/catch.hpp>

#include <random>

#include "classify/formats/markers.h"
#include "classify/parse/marker_set.h"
#include "classify/text.h"

using namespace classify;

namespace {

std::size_t least_ifind(std::string_view text, const std::vector<std::string_view>& needles, std::size_t from) {
    std::size_t best = std::string_view::npos;
    for (auto n : needles)
        if (n.find('\n') == std::string_view::npos) best = std::min(best, ifind(text, n, from));
    return best;
}

std::string with_random_case(std::string_view s, std::mt19937& rng) {
    std::string out(s);
    for (auto& c : out)
        if (rng() % 2 && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        else if (rng() % 2) c = ascii_lower(c);
    return out;
}

}  // namespace

TEST_CASE("marker_set: the original-message markers found as ifind finds them", "[classify]") {
    const auto& needles = formats::original_message_markers();
    const MarkerSet& set = formats::original_message_marker_set();
    std::mt19937 rng(5);
    const std::string filler = "a page of usage: the message image, copy; transcript pages\nGg pP --- -----\n";
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int pieces = int(rng() % 6);
        for (int k = 0; k < pieces; ++k) {
            text += filler.substr(rng() % filler.size(), rng() % 40);
            if (rng() % 3 == 0) {
                std::string_view n = needles[rng() % needles.size()];
                // Sometimes cut, so a needle's prefix stands at the end of the text.
                text += with_random_case(rng() % 4 == 0 ? n.substr(0, rng() % n.size()) : n, rng);
            }
        }
        const std::size_t from = text.empty() ? 0 : rng() % (text.size() + 2);
        INFO(text << " from " << from);
        CHECK(set.find(text, from) == least_ifind(text, needles, from));
    }
}

TEST_CASE("marker_set: anchors at either end, overlapping needles, empty and multi-line needles", "[classify]") {
    const std::vector<std::string_view> needles = {"g", "gx", "xg", "ab\ncd", "Pig", "---- P"};
    const MarkerSet set(needles);
    for (std::string_view text : {"", "G", "aXg", "xpig", "---- p", "--- pig ---- P", "ab\ncd", "zzzz"})
        for (std::size_t from = 0; from <= text.size() + 1; ++from) CHECK(set.find(text, from) == least_ifind(text, needles, from));
    const MarkerSet with_empty(std::vector<std::string_view>{"abc", ""});
    CHECK(with_empty.find("xyz", 2) == 2);
    CHECK(with_empty.find("xyz", 4) == std::string_view::npos);
}
