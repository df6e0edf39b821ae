// The SMTP command a receiver's refusal answered, read from the session transcript
// a bounce quotes (sendmail's "----- Transcript of session follows -----", and the
// MTAs that copy its layout): ">>> RCPT To:<taro@example.jp>" then "<<< 550 5.1.1
// ... User unknown". The command is evidence the diagnosis needs (RFC 5321 §4.3.2:
// a refusal at RCPT is about the address, one after DATA about the message) and
// that many layouts state nowhere else.
#pragma once

#include <string>
#include <string_view>

namespace classify {

// The verb (upper case: "RCPT", "DATA", "MAIL") of the last ">>> " line before the
// first "<<< " line that names `recipient`'s local part ("taro@"), or before the
// first 4xx/5xx "<<< " reply to a command that names it (">>> RCPT To:<taro@...>"
// then "<<< 550 User unknown", as Sendmail and Courier quote it); "" when the text
// has no transcript or the transcript does not name the recipient. Reads each
// line of `text` once.
//
// With the recipient's Remote-MTA host and its Diagnostic-Code reply given, a
// refusal to a command that names no recipient (">>> DATA" then "<<< 550 User
// unknown") is found too: the first "<<< " line equal to that reply (or the first
// line of it, for a reply of several lines) in the block of that host, which
// Sendmail heads "... while talking to mx.example.com.:" and Courier
// "mx.example.com [192.0.2.25]:". The same reply in another host's block, or
// answering an RCPT of another address, is another recipient's. A refusal that
// names the recipient wins over one found by the reply; two commands found by
// the reply give "".
std::string command_in_transcript(std::string_view text, std::string_view recipient,
                                  std::string_view remote_mta = {}, std::string_view reply = {});

// The command a reporting MTA's words say the refusal answered: "after MAIL FROM:<a@b>",
// "in reply to RCPT TO command", "after end of data", "after initial connection"
// (Exim, Postfix and the MTAs that copy their wording). "" when they name none, or
// name more than one.
std::string command_in_words(std::string_view diagnostic);

// The command the first refusal in one recipient's paragraph of a notice answered:
// the earliest of a reporting MTA's words ("SMTP error from remote mail server
// after RCPT TO:<a@b>:", Exim's deliver.c) and a quoted session's ">>> " line
// (">>> RCPT TO:<a@b>" then "<<< 550 ...", Courier's module.dsn and Sendmail's
// transcript). The paragraph may run on into the next recipient's, so the first
// one named is this recipient's. "" when the paragraph names none.
std::string command_in_paragraph(std::string_view paragraph);

// Whether a transcript's recipient line ("550 <a@b>... User unknown") says no more
// than the reply code: sendmail's usersmtp.c maps 550, 551 and 553 to RCPT to
// EX_NOUSER, 552 and 554 to EX_UNAVAILABLE, anything else to EX_PROTOCOL, whatever
// the receiver said, and the line shows that exit status's text ("User unknown",
// "Service unavailable", "Remote protocol error"). With the receiver's "<<<" reply
// quoted above it, the reply alone says why. Other texts ("Remote protocol error:
// Connection reset by peer ...") are sendmail's own report and count.
bool says_only_the_reply_code(std::string_view verdict);

}  // namespace classify
