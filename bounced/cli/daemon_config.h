// Checks of the daemon's settings that need the file system, for `bounced run` at start
// and `bounced config check`: each problem names the option and says why.
#pragma once

#include <string>
#include <vector>

#include "config/settings.h"

namespace bounced::cli {

// [] when the daemon can start with these settings; else "option 'x': why" lines.
std::vector<std::string> daemon_problems(const config::Settings& settings);

}  // namespace bounced::cli
