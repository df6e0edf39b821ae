// A fixed list of needles searched for together, ASCII case-insensitive: the first
// place where any of them occurs. Built once for a list that is searched often
// (the 27 lines that announce a copy of the original message, formats/markers.h).
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace classify {

class MarkerSet {
public:
    // The needles must outlive the set (string literals, in practice). Needles
    // holding '\n' are left out: markers are looked for within one line.
    // Not explicit: a ParagraphLayout is written with braced lists of literals.
    MarkerSet() = default;
    MarkerSet(const std::vector<std::string_view>& needles);  // NOLINT(google-explicit-constructor)
    MarkerSet(std::initializer_list<std::string_view> needles) : MarkerSet(std::vector<std::string_view>(needles)) {}

    // The needles as given, in order.
    bool empty() const { return needles_.empty(); }
    std::vector<std::string_view>::const_iterator begin() const { return needles_.begin(); }
    std::vector<std::string_view>::const_iterator end() const { return needles_.end(); }

    // The least position at or after `from` where one of the needles starts, or
    // npos: the same answer as the least ifind(text, needle, from) over them.
    std::size_t find(std::string_view text, std::size_t from = 0) const;

private:
    // A needle, and where in it the byte its group is searched for stands.
    struct Needle {
        std::string_view text;
        std::size_t anchor = 0;
    };
    // Needles sharing one anchor byte: a memchr pass per case of that byte finds
    // the candidates for all of them; the bytes either side of the anchor pick
    // the few needles worth comparing.
    struct Group {
        char lower = 0, upper = 0;  // the anchor byte, both cases
        std::size_t max_anchor = 0;
        std::vector<Needle> needles;
        std::array<std::vector<std::size_t>, 256> by_neighbours;  // indices into needles
        std::vector<std::size_t> unkeyed;  // anchor at an end: no neighbours to key on
    };

    std::size_t find_in_group(const Group& group, std::string_view text, std::size_t from, std::size_t best) const;

    std::vector<std::string_view> needles_;
    std::vector<Group> groups_;
    bool has_empty_ = false;
};

}  // namespace classify
