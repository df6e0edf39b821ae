// StageTimes::text (see stage_times.h).
#include "bounced/pipeline/stage_times.h"

#include <cstdio>

namespace bounced::pipeline {

std::string StageTimes::text() const {
    char line[160];
    std::snprintf(line, sizeof line, "time: read %.2f s, classify %.2f s, database %.2f s, acknowledge %.2f s",
                  seconds(Stage::read), seconds(Stage::classify), seconds(Stage::database),
                  seconds(Stage::acknowledge));
    return line;
}

}  // namespace bounced::pipeline
