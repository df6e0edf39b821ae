// Builds small RFC 3464 bounces for tests, so each test states only what it is
// about: the recipient, the Status field and the receiver's words.
#pragma once

#include <string>

namespace test {

inline std::string make_dsn(const std::string& recipient, const std::string& diagnostic,
                            const std::string& status = "", const std::string& action = "failed") {
    std::string m =
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
        "To: bounces@list.example\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "Message-ID: <dsn-1@mx.example.net>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\nI could not deliver your message.\n\n"
        "--B\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.net\n\n"
        "Final-Recipient: rfc822; " + recipient + "\n"
        "Action: " + action + "\n";
    if (!status.empty()) m += "Status: " + status + "\n";
    m += "Diagnostic-Code: smtp; " + diagnostic + "\n\n"
         "--B\nContent-Type: text/rfc822-headers\n\n"
         "From: news@list.example\nTo: " + recipient + "\nSubject: Weekly news\n"
         "Message-ID: <issue-42@list.example>\nList-Id: Weekly <weekly.list.example>\n\n"
         "--B--\n";
    return m;
}

}  // namespace test
