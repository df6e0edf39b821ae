#include "classify/result.h"

namespace classify {

const char* to_string(RecipientSource source) {
    switch (source) {
        case RecipientSource::dsn: return "dsn";
        case RecipientSource::arf: return "arf";
        case RecipientSource::failed_header: return "x-failed-recipients";
        case RecipientSource::mta_format: return "mta-format";
        case RecipientSource::verp: return "verp";
        case RecipientSource::body_text: return "body-text";
        case RecipientSource::returned_to: return "returned-to";
    }
    return "body-text";
}

bool is_structured(RecipientSource source) {
    return source != RecipientSource::body_text && source != RecipientSource::returned_to;
}

const char* to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::bounce: return "bounce";
        case Outcome::not_bounce: return "not-bounce";
        case Outcome::limit_exceeded: return "limit-exceeded";
        case Outcome::unparsable: return "unparsable";
    }
    return "unparsable";
}

}  // namespace classify
