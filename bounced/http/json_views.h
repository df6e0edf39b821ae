// The API's JSON: store values as the documented objects (docs/http.md). Text from
// bounces may be any bytes: dump() replaces invalid UTF-8 instead of throwing.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "db/store.h"

namespace bounced::http {

using Json = nlohmann::json;

std::string dump(const Json& value);

// A string member of a provider's or a client's object: "" when absent, not a string,
// or when `object` is not an object.
std::string string_member(const Json& object, const char* name);

Json time_json(const std::optional<db::Time>& t);  // "2024-05-01 12:30:00Z" or null
Json suppression_json(const db::Suppression& s);
Json send_status_json(const db::SendStatus& s);
Json event_json(const db::BounceEvent& e);
Json detail_json(const db::SubscriberDetail& d);  // `suppressions show` as JSON
Json held_json(const db::HeldBounce& h);
Json throttle_json(const db::ThrottleNow& t);
Json decision_json(const db::Decision& d);

}  // namespace bounced::http
