// parse_share: how a message's classification time splits between the MIME parse
// (classify::parse_message) and the rest (decoders, reason table), over the files of
// a folder. drain_bench.sh uses it to split the daemon's "classify" stage in two.
//
//   parse_share DIR [ROUNDS]        (ROUNDS default 3; the median round is printed)
//
// Prints one line: messages, parse seconds, classify seconds (parse included), and the
// parse share of classify. A benchmark: it measures, checks nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/parse/message.h"

namespace {

std::vector<std::string> read_messages(const std::string& dir) {
    std::vector<std::string> messages;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        messages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return messages;
}

template <typename Work>
double seconds_for(const std::vector<std::string>& messages, Work work) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t sink = 0;
    for (const auto& m : messages) sink += work(m);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (sink == static_cast<std::size_t>(-1)) std::puts("");  // keeps the work from being optimised away
    return elapsed;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: parse_share DIR [ROUNDS]\n");
        return 2;
    }
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const auto messages = read_messages(argv[1]);
    std::vector<double> parse, classify;
    for (int r = 0; r < rounds; ++r) {
        parse.push_back(seconds_for(messages, [](const std::string& m) {
            return classify::parse_message(m, classify::Limits{}).message.parts.size();
        }));
        classify.push_back(seconds_for(messages, [](const std::string& m) {
            return classify::classify_message(m).recipients.size();
        }));
    }
    const double p = median(parse), c = median(classify);
    std::printf("messages %zu parse %.3f s classify %.3f s parse_share %.3f\n", messages.size(), p, c, c > 0 ? p / c : 0);
    return 0;
}
