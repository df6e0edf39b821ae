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

TEST_CASE("command_in_words: the reporting MTA's words name the command", "[classify]") {
    CHECK(classify::command_in_words("SMTP error from remote mail server after MAIL FROM:<a@example.org> SIZE=10: 553 no") == "MAIL");
    CHECK(classify::command_in_words("550 5.1.1 unknown (in reply to RCPT TO command)") == "RCPT");
    CHECK(classify::command_in_words("host mx: 554 rejected (in reply to end of DATA command)") == "DATA");
    CHECK(classify::command_in_words("SMTP error from remote mail server after initial connection: 554") == "CONN");
    CHECK(classify::command_in_words("550 5.1.1 user unknown").empty());
    // Two commands named: no telling which answered.
    CHECK(classify::command_in_words("after RCPT TO:<a@b>: 250 ok; after end of data: 554 no").empty());
}
