// Where the daemon's time goes, per stage, for the periodic summary and the end-to-end
// benchmark (bench/drain_bench.sh): reading messages from the sources, parsing and
// classifying them, the database transaction, and acknowledging to the sources.
#pragma once

#include <array>
#include <chrono>
#include <string>

namespace bounced::pipeline {

enum class Stage { read, classify, database, acknowledge };

class StageTimes {
public:
    // Adds the time from construction to destruction to `stage`.
    class Timer {
    public:
        Timer(StageTimes& times, Stage stage) : times_(times), stage_(stage), start_(Clock::now()) {}
        ~Timer() { times_.add(stage_, std::chrono::duration<double>(Clock::now() - start_).count()); }
        Timer(const Timer&) = delete;
        Timer& operator=(const Timer&) = delete;

    private:
        StageTimes& times_;
        Stage stage_;
        std::chrono::steady_clock::time_point start_;
    };

    void add(Stage stage, double seconds) { seconds_[static_cast<std::size_t>(stage)] += seconds; }
    double seconds(Stage stage) const { return seconds_[static_cast<std::size_t>(stage)]; }
    // "time: read 1.20 s, classify 3.41 s, database 5.60 s, acknowledge 0.71 s"
    std::string text() const;
    void reset() { seconds_ = {}; }

private:
    using Clock = std::chrono::steady_clock;
    std::array<double, 4> seconds_{};
};

}  // namespace bounced::pipeline
