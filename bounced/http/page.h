// The web page (GET / and its forms): the suppression list, one address, the held
// queue, throttled domains and the report, in English or Japanese, for a person who
// logged in with the API token (session.h). Plain HTML forms: no script at all, no
// build step, nothing fetched from elsewhere (Content-Security-Policy says so). Every
// text from the store is escaped.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "bounced/http/context.h"

namespace bounced::http {

void add_page_routes(httplib::Server& server, Context& context);

}  // namespace bounced::http
