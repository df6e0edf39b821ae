// The table of bounce formats, tried in order; the first decoder that finds a
// recipient names the format. Specific layouts come before the generic RFC 3464
// reader (they know better diagnostics than the report part gives), and the
// free-text guess comes last.
#pragma once

#include <string_view>
#include <vector>

#include "classify/parse/bounce_view.h"

namespace classify::formats {

struct Format {
    std::string_view name;
    DecodeFn decode;
};

const std::vector<Format>& all();

// Each decoder lives in its own file in this folder.
std::vector<Evidence> decode_rfc3464(const BounceView& view);
std::vector<Evidence> decode_opensmtpd(const BounceView& view);
std::vector<Evidence> decode_postfix(const BounceView& view);
std::vector<Evidence> decode_mcafee(const BounceView& view);
std::vector<Evidence> decode_messagelabs(const BounceView& view);
std::vector<Evidence> decode_qmail(const BounceView& view);
std::vector<Evidence> decode_exim(const BounceView& view);
std::vector<Evidence> decode_sendmail_transcript(const BounceView& view);
std::vector<Evidence> decode_dragonfly(const BounceView& view);
std::vector<Evidence> decode_v5sendmail(const BounceView& view);
std::vector<Evidence> decode_exchange2003(const BounceView& view);
std::vector<Evidence> decode_exchange2007(const BounceView& view);
std::vector<Evidence> decode_imailserver(const BounceView& view);
std::vector<Evidence> decode_x1(const BounceView& view);
std::vector<Evidence> decode_x3(const BounceView& view);
std::vector<Evidence> decode_activehunter(const BounceView& view);
std::vector<Evidence> decode_apache_james(const BounceView& view);
std::vector<Evidence> decode_domino(const BounceView& view);
std::vector<Evidence> decode_fml(const BounceView& view);
std::vector<Evidence> decode_mfilter(const BounceView& view);
std::vector<Evidence> decode_surfcontrol(const BounceView& view);
std::vector<Evidence> decode_x5(const BounceView& view);
std::vector<Evidence> decode_x6(const BounceView& view);
// Hosted mail providers and sending services.
std::vector<Evidence> decode_google_groups(const BounceView& view);
std::vector<Evidence> decode_gmail(const BounceView& view);
std::vector<Evidence> decode_amazon_ses(const BounceView& view);
std::vector<Evidence> decode_gmx(const BounceView& view);
std::vector<Evidence> decode_zoho(const BounceView& view);
std::vector<Evidence> decode_mxlogic(const BounceView& view);
std::vector<Evidence> decode_verizon(const BounceView& view);
// Japanese carriers and ISPs.
std::vector<Evidence> decode_ezweb(const BounceView& view);
std::vector<Evidence> decode_kddi(const BounceView& view);
std::vector<Evidence> decode_biglobe(const BounceView& view);
std::vector<Evidence> decode_returned_mail_pairs(const BounceView& view);
std::vector<Evidence> decode_failed_recipients_header(const BounceView& view);
std::vector<Evidence> decode_free_text(const BounceView& view);

}  // namespace classify::formats
