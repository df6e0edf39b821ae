// See result_class.h: a delay warning is never a failure, whatever its cause.
#include "classify/result_class.h"

#include "classify/text.h"

namespace classify {

bool is_delay_warning(std::string_view action) { return iequals(trim(action), "delayed"); }

BounceClass result_class(Reason reason, bool temporary, std::string_view action) {
    if (is_delay_warning(action)) return BounceClass::delayed;
    return class_of(reason, temporary);
}

}  // namespace classify
