// StageTimes: the daemon summary's split of time between read, classify, database
// and acknowledge.
#include <catch2/catch.hpp>

#include <thread>

#include "bounced/pipeline/stage_times.h"

TEST_CASE("stage times: each stage adds up on its own and reset starts again", "[daemon]") {
    bounced::pipeline::StageTimes times;
    times.add(bounced::pipeline::Stage::read, 1.25);
    times.add(bounced::pipeline::Stage::read, 0.25);
    times.add(bounced::pipeline::Stage::database, 2);
    CHECK(times.seconds(bounced::pipeline::Stage::read) == 1.5);
    CHECK(times.seconds(bounced::pipeline::Stage::classify) == 0);
    CHECK(times.text() == "time: read 1.50 s, classify 0.00 s, database 2.00 s, acknowledge 0.00 s");
    times.reset();
    CHECK(times.seconds(bounced::pipeline::Stage::database) == 0);
}

TEST_CASE("stage times: a timer charges its scope to its stage", "[daemon]") {
    bounced::pipeline::StageTimes times;
    {
        bounced::pipeline::StageTimes::Timer timer(times, bounced::pipeline::Stage::classify);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(times.seconds(bounced::pipeline::Stage::classify) >= 0.02);
    CHECK(times.seconds(bounced::pipeline::Stage::acknowledge) == 0);
}
