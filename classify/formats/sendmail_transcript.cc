// Sendmail without a DSN part (old versions, V5 sendmail, and MTAs that copy its
// wording): the failed addresses, then a transcript of the SMTP session.
//
//      ----- The following addresses had permanent fatal errors -----
//   <user@example.org>
//      ----- Transcript of session follows -----
//   ... while talking to mx.example.org.:
//   >>> RCPT To:<user@example.org>
//   <<< 550 5.1.1 <user@example.org>... User unknown
#include "classify/formats/markers.h"
#include "classify/formats/registry.h"
#include "classify/recipient_paragraphs.h"
#include "classify/text.h"

namespace classify::formats {
namespace {

// The "<<<" reply lines of the transcript that mention the recipient, or the
// first reply line with an error code.
std::string transcript_reply(std::string_view transcript, std::string_view address) {
    std::string first_error;
    for (auto line : split_lines(transcript)) {
        line = trim(line);
        bool reply = starts_with(line, "<<<") || (line.size() > 3 && (line[0] == '5' || line[0] == '4') && line[3] == ' ');
        if (!reply) continue;
        if (starts_with(line, "<<<")) line = trim(line.substr(3));
        if (icontains(line, address)) return std::string(line);
        if (first_error.empty()) first_error = std::string(line);
    }
    return first_error;
}

}  // namespace

std::vector<Evidence> decode_sendmail_transcript(const BounceView& view) {
    static const ParagraphLayout layout{
        {"----- The following addresses had permanent fatal errors -----",
         "----- The following addresses had transient non-fatal errors -----",
         "The following addresses had permanent fatal errors"},
        {"----- Transcript of session follows -----", "--- The transcript of the session follows",
         "----- Original message follows -----", "----- Message header follows -----",
         "----- Unsent message follows -----"},
        RecipientSource::mta_format,
        true,
    };
    if (view.dsn) return {};
    auto found = scan_recipient_paragraphs(view.text, layout, view.limits.max_recipients);
    auto transcript_at = ifind(view.text, "Transcript of session follows");
    std::string_view transcript = transcript_at == std::string_view::npos ? std::string_view() : view.text.substr(transcript_at);
    transcript = text_before(transcript.substr(std::min<std::size_t>(transcript.size(), 30)),
                             {"----- Original message follows", "----- Unsent message follows", "----- Message header follows"});
    for (auto& e : found) {
        auto reply = transcript_reply(transcript, e.recipient);
        if (!reply.empty()) e.diagnostic = e.diagnostic.empty() ? reply : e.diagnostic + " " + reply;
        if (icontains(view.text, "transient non-fatal errors")) e.action = "delayed";
    }
    return found;
}

}  // namespace classify::formats
