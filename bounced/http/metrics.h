// GET /metrics: Prometheus text exposition (version 0.0.4), every series named
// bounced_*. The figures are read from the store at each scrape (one snapshot), plus
// the Maildir messages waiting and this server's own counters.
#pragma once

#include <httplib.h>

#include "bounced/http/context.h"

namespace bounced::http {

void add_metrics_route(httplib::Server& server, Context& context);

// Messages waiting in the configured Maildirs' new/ and cur/ (not yet moved to the
// processed folder); -1 when none is configured.
long messages_waiting(const std::vector<std::string>& maildirs);

}  // namespace bounced::http
