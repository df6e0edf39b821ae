// One pass per anchor byte instead of one ifind per needle: the 27 original-message
// markers were 54 memchr scans of each bounce text (about 15,000 instructions a
// message); they share "message" (its 'g') or "copy"/"transcript" (their 'p').
#include "classify/parse/marker_set.h"

#include <algorithm>
#include <bitset>
#include <cstring>

#include "classify/text.h"

namespace classify {
namespace {

constexpr auto npos = std::string_view::npos;

// Rarer letters first: the anchor is the byte whose candidates are fewest per
// needle covered (English letter order; blanks, '-' and digits are common).
unsigned byte_cost(char c) {
    constexpr std::string_view kLetters = "etaoinshrdlcumwfgypbvkjxqz";
    const auto at = kLetters.find(ascii_lower(c));
    if (at != npos) return 250 - static_cast<unsigned>(at) * 9;
    if (c == ' ' || c == '-' || c == '\n') return 255;
    if (c >= '0' && c <= '9') return 120;
    return 100;
}

char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c; }

unsigned neighbours_key(char before, char after) {
    return (static_cast<unsigned char>(ascii_lower(before)) * 31u + static_cast<unsigned char>(ascii_lower(after))) & 255u;
}

bool equals_at(std::string_view text, std::size_t start, std::string_view needle) {
    for (std::size_t j = 0; j < needle.size(); ++j)
        if (ascii_lower(text[start + j]) != ascii_lower(needle[j])) return false;
    return true;
}

using ByteSet = std::bitset<256>;

ByteSet folded_bytes_of(std::string_view needle) {
    ByteSet bytes;
    for (char c : needle) bytes.set(static_cast<unsigned char>(ascii_lower(c)));
    return bytes;
}

// Greedy cover: the byte (case folded) that the most remaining needles hold, per
// unit of cost, until every needle has one.
char best_anchor_byte(const std::vector<ByteSet>& needles) {
    char best = 0;
    double best_score = 0;
    for (int c = 1; c < 256; ++c) {
        std::size_t holding = 0;
        for (const auto& bytes : needles) holding += bytes.test(static_cast<std::size_t>(c));
        if (holding == 0) continue;
        const double score = static_cast<double>(holding) / byte_cost(static_cast<char>(c));
        if (score > best_score) best = static_cast<char>(c), best_score = score;
    }
    return best;
}

}  // namespace

MarkerSet::MarkerSet(const std::vector<std::string_view>& needles) : needles_(needles) {
    std::vector<std::string_view> left;
    for (auto n : needles) {
        if (n.find('\n') != npos) continue;
        if (n.empty()) has_empty_ = true;
        else left.push_back(n);
    }
    while (!left.empty()) {
        std::vector<ByteSet> bytes;
        for (auto n : left) bytes.push_back(folded_bytes_of(n));
        Group group;
        group.lower = best_anchor_byte(bytes);
        group.upper = ascii_upper(group.lower);
        std::vector<std::string_view> rest;
        for (auto n : left) {
            std::size_t anchor = 0;
            while (anchor < n.size() && ascii_lower(n[anchor]) != group.lower) ++anchor;
            if (anchor == n.size()) {
                rest.push_back(n);
                continue;
            }
            const std::size_t index = group.needles.size();
            group.needles.push_back({n, anchor});
            group.max_anchor = std::max(group.max_anchor, anchor);
            if (anchor == 0 || anchor + 1 == n.size()) group.unkeyed.push_back(index);
            else group.by_neighbours[neighbours_key(n[anchor - 1], n[anchor + 1])].push_back(index);
        }
        groups_.push_back(std::move(group));
        left.swap(rest);
    }
}

std::size_t MarkerSet::find(std::string_view text, std::size_t from) const {
    if (has_empty_ && from <= text.size()) return from;
    std::size_t best = npos;
    for (const auto& group : groups_) best = find_in_group(group, text, from, best);
    return best;
}

// Candidates are the anchor byte's positions, in order, merged from a memchr
// stream per case; a needle found there starts at position - its anchor. A start
// before `best` is only possible while position - max_anchor < best.
std::size_t MarkerSet::find_in_group(const Group& group, std::string_view text, std::size_t from,
                                     std::size_t best) const {
    if (from > text.size()) return best;
    const std::size_t begin = from;  // no needle starts before from; its anchor lies after
    auto next = [&](char c, std::size_t start) -> std::size_t {
        if (start >= text.size()) return npos;
        const void* hit = std::memchr(text.data() + start, c, text.size() - start);
        return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - text.data()) : npos;
    };
    std::size_t next_lo = next(group.lower, begin);
    std::size_t next_up = group.upper == group.lower ? npos : next(group.upper, begin);
    auto try_needle = [&](std::size_t index, std::size_t p) {
        const Needle& n = group.needles[index];
        if (p < from + n.anchor) return;
        const std::size_t start = p - n.anchor;
        if (start >= best || start + n.text.size() > text.size()) return;
        if (equals_at(text, start, n.text)) best = start;
    };
    while (next_lo != npos || next_up != npos) {
        const std::size_t p = std::min(next_lo, next_up);
        if (best != npos && p >= best + group.max_anchor) break;
        for (std::size_t index : group.unkeyed) try_needle(index, p);
        if (p > 0 && p + 1 < text.size())
            for (std::size_t index : group.by_neighbours[neighbours_key(text[p - 1], text[p + 1])]) try_needle(index, p);
        if (p == next_lo) next_lo = next(group.lower, p + 1);
        else next_up = next(group.upper, p + 1);
    }
    return best;
}

}  // namespace classify
