// The command read from a quoted SMTP session transcript (transcript_command.h).
#include <catch2/catch.hpp>

#include "classify/parse/transcript_command.h"

TEST_CASE("transcript: the command before the reply that names the recipient", "[classify][transcript]") {
    const char* text =
        "   ----- Transcript of session follows -----\n"
        "... while talking to mx.example.jp.:\n"
        ">>> MAIL From:<news@list.example>\n"
        "<<< 250 2.1.0 Ok\n"
        ">>> RCPT To:<taro@example.jp>\n"
        "<<< 550 5.1.1 <taro@example.jp>... User unknown\n"
        ">>> DATA\n"
        "<<< 550 5.2.1 <hanako@example.jp>... User Unknown\n";
    CHECK(classify::command_in_transcript(text, "taro@example.jp") == "RCPT");
    CHECK(classify::command_in_transcript(text, "hanako@example.jp") == "DATA");
    // A relay may rewrite the domain: the local part decides.
    CHECK(classify::command_in_transcript(text, "hanako@example.com") == "DATA");
    CHECK(classify::command_in_transcript(text, "jiro@example.jp").empty());
    CHECK(classify::command_in_transcript("550 User unknown", "taro@example.jp").empty());
    CHECK(classify::command_in_transcript(text, "no-at-sign").empty());
}
