// Lines that, in many MTAs' bounce texts, end the notice's prose: the copy of the
// original message, or a transcript, or a forwarded message follows. BounceView::prose()
// cuts there. The boundary of the returned copy itself, which every decoder's text
// already stops at, is the narrower list of classify/parse/returned_message.cc.
#pragma once

#include <string_view>
#include <vector>

#include "classify/parse/marker_set.h"

namespace classify::formats {

inline const std::vector<std::string_view>& original_message_markers() {
    static const std::vector<std::string_view> markers = {
        "--- Below this line is a copy of the message",
        "--- Enclosed is a copy of the message",
        "--- Original message follows",
        "------ This is a copy of the message",
        "------ This is a copy of your message",
        "----- Original message -----",
        "-----Original Message-----",
        "----- Message header follows -----",
        "Original message headers:",
        "Original Message Headers",
        "------ Original message ------",
        "----- The header of the original message is following. -----",
        "Content-Type: message/rfc822",
        "Content-Type: text/rfc822-headers",
        "--- The message was",
        "------ Original Message Follows",
        "---------- Forwarded message",
        "This is a copy of the headers that were received before the error was detected",
        "The original message was",
        "Your original message",
        "Here is a copy of the first part of the message",
        "Unsent Message below:",
        "--- Undelivered message follows",
        "----- Unsent message follows -----",
        "----- Transcript of session follows -----",
        "--- Message header follows",
        "Included is a copy of the message header",
    };
    return markers;
}

// The same markers, compiled for one search of them all (prose(), text_before).
inline const MarkerSet& original_message_marker_set() {
    static const MarkerSet set(original_message_markers());
    return set;
}

}  // namespace classify::formats
