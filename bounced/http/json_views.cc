// The API's JSON views (see json_views.h).
#include "bounced/http/json_views.h"

namespace bounced::http {

std::string string_member(const Json& object, const char* name) {
    if (!object.is_object()) return "";
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json time_json(const std::optional<db::Time>& t) { return t ? Json(db::format_time(*t)) : Json(nullptr); }

Json suppression_json(const db::Suppression& s) {
    return {{"address", s.address}, {"class", s.bounce_class}, {"reason", s.reason},
            {"since", time_json(s.since)}, {"source", s.source}, {"note", s.note}};
}

Json send_status_json(const db::SendStatus& s) {
    return {{"may_send", s.allowed}, {"why", s.why}, {"since", time_json(s.since)}, {"until", time_json(s.until)},
            {"class", s.bounce_class}, {"reason", s.reason}};
}

Json event_json(const db::BounceEvent& e) {
    return {{"at", time_json(e.at)},
            {"class", e.bounce_class},
            {"reason", e.reason},
            {"status", e.status_code},
            {"reply_code", e.reply_code},
            {"diagnostic", e.diagnostic},
            {"remote_mta", e.remote_mta},
            {"rule", e.rule},
            {"original_message_id", e.original_message_id},
            {"list_id", e.list_id},
            {"source", e.source},
            {"fingerprint", e.fingerprint},
            {"trusted", e.trusted},
            {"verified", e.verified ? Json(*e.verified) : Json(nullptr)},
            {"recipient_source", e.recipient_source},
            {"action", e.action},
            {"signature", e.signature},
            {"trust", e.trust},
            {"held", e.held},
            {"trust_level", e.trust_level},
            {"sender_host", e.sender_host},
            {"sender_address", e.sender_address},
            {"raw_kept", e.raw_kept}};
}

Json detail_json(const db::SubscriberDetail& d) {
    Json history = Json::array(), audit = Json::array();
    for (const auto& e : d.history) history.push_back(event_json(e));
    for (const auto& a : d.audit)
        audit.push_back({{"at", time_json(a.at)}, {"actor", a.actor}, {"action", a.action}, {"detail", a.detail},
                         {"note", a.note}});
    Json out = {{"address", d.address},
                {"status", d.status},
                {"now", send_status_json(d.now)},
                {"soft_count", d.soft_count},
                {"hard_count", d.hard_count},
                {"complaint_count", d.complaint_count},
                {"bounce_count", d.bounce_count},
                {"history", history},
                {"audit", audit}};
    out["suppression"] = d.status == "suppressed" ? suppression_json(d.suppression) : Json(nullptr);
    return out;
}

Json held_json(const db::HeldBounce& h) {
    return {{"id", h.id}, {"address", h.address}, {"origin", h.origin}, {"resolution", h.resolution},
            {"resolved_by", h.resolved_by}, {"resolved_at", time_json(h.resolved_at)}, {"event", event_json(h.event)}};
}

Json throttle_json(const db::ThrottleNow& t) {
    return {{"domain", t.domain}, {"since", time_json(t.since)}, {"until", time_json(t.until)}, {"repeats", t.repeats}};
}

Json decision_json(const db::Decision& d) {
    return {{"kind", d.kind}, {"subject", d.subject}, {"class", d.bounce_class}, {"reason", d.reason},
            {"until", time_json(d.until)}};
}

}  // namespace bounced::http
