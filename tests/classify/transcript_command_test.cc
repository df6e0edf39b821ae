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

TEST_CASE("transcript: a reply naming no recipient is read in the block of the recipient's host", "[classify][transcript]") {
    // Sendmail's layout: one block per host, the same reply under both.
    const char* sendmail =
        "   ----- Transcript of session follows -----\n"
        "... while talking to mx.example.org.:\n"
        ">>> MAIL From:<news@list.example> SIZE=2048\n"
        "<<< 250 2.1.0 <news@list.example>... Sender ok\n"
        ">>> RCPT To:<hanako@example.org>\n"
        "<<< 550 User unknown\n"
        "550 User unknown\n"
        "... while talking to mx.example.com.:\n"
        ">>> DATA\n"
        "<<< 550 User unknown\n"
        "550 User unknown\n";
    CHECK(classify::command_in_transcript(sendmail, "shiro@example.com", "mx.example.com", "550 User unknown") == "DATA");
    CHECK(classify::command_in_transcript(sendmail, "shiro@example.com", "MX.Example.COM.", "550  User unknown") == "DATA");
    // Named in its own RCPT: the reply to that, whatever host is given.
    CHECK(classify::command_in_transcript(sendmail, "hanako@example.org", "mx.example.org", "550 User unknown") == "RCPT");
    // Another host's block holds the same reply to another recipient's RCPT only.
    CHECK(classify::command_in_transcript(sendmail, "jiro@example.org", "mx.example.org", "550 User unknown").empty());
    // No host, another host, another reply, or only the bare code: no telling.
    CHECK(classify::command_in_transcript(sendmail, "shiro@example.com").empty());
    CHECK(classify::command_in_transcript(sendmail, "shiro@example.com", "mx.example.net", "550 User unknown").empty());
    CHECK(classify::command_in_transcript(sendmail, "shiro@example.com", "mx.example.com", "550 Mailbox full").empty());
    CHECK(classify::command_in_transcript(sendmail, "shiro@example.com", "mx.example.com", "550").empty());

    // Courier's layout: the host and its address head the block; a reply of two
    // lines, which the Diagnostic-Code joins.
    const char* courier =
        "<hanako@example.org>:\n"
        "    mx.example.org [192.0.2.25]:\n"
        ">>> DATA\n"
        "<<< 554 5.7.1 Message refused\n\n"
        "<shiro@example.com>:\n"
        "    mx.example.com [192.0.2.26]:\n"
        ">>> MAIL FROM:<news@list.example>\n"
        "<<< 554-5.7.1 Message refused\n"
        "<<< 554 5.7.1 See the policy page\n";
    CHECK(classify::command_in_transcript(courier, "shiro@example.com", "dns; mx.example.com", "554-5.7.1 Message refused 554 5.7.1 See the policy page") == "MAIL");
    CHECK(classify::command_in_transcript(courier, "hanako@example.org", "mx.example.org", "554 5.7.1 Message refused") == "DATA");
    // The first line of another reply is not this one.
    CHECK(classify::command_in_transcript(courier, "shiro@example.com", "mx.example.com", "554 5.7.1 Message refused").empty());
}

TEST_CASE("transcript: one reply answering two commands in the host's block names neither", "[classify][transcript]") {
    const char* text =
        "... while talking to mx.example.com.:\n"
        ">>> MAIL From:<news@list.example>\n"
        "<<< 451 Try again later\n"
        ">>> DATA\n"
        "<<< 451 Try again later\n";
    CHECK(classify::command_in_transcript(text, "shiro@example.com", "mx.example.com", "451 Try again later").empty());
    // A block with no command sent (a refused greeting) takes none from the block before.
    const char* greeting =
        "... while talking to mx.example.org.:\n"
        ">>> DATA\n"
        "<<< 250 Ok\n"
        "... while talking to mx.example.com.:\n"
        "<<< 554 No service\n";
    CHECK(classify::command_in_transcript(greeting, "shiro@example.com", "mx.example.com", "554 No service").empty());
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
