#include "classify/formats/registry.h"

#include "classify/rules/arf.h"
#include "classify/rules/autoreply.h"

namespace classify::formats {
namespace {

std::vector<Evidence> decode_autoreply_list(const BounceView& view) {
    std::vector<Evidence> found;
    if (auto reply = decode_autoreply(view)) found.push_back(std::move(*reply));
    return found;
}

}  // namespace

const std::vector<Format>& all() {
    static const std::vector<Format> formats = {
        {"arf", decode_feedback_report},
        {"google-groups", decode_google_groups},
        {"gmail", decode_gmail},
        {"amazon-ses", decode_amazon_ses},
        {"gmx", decode_gmx},
        {"zoho", decode_zoho},
        {"mxlogic", decode_mxlogic},
        {"activehunter", decode_activehunter},
        {"apache-james", decode_apache_james},
        {"domino", decode_domino},
        {"fml", decode_fml},
        {"mfilter", decode_mfilter},
        {"surfcontrol", decode_surfcontrol},
        {"verizon", decode_verizon},
        {"x5", decode_x5},
        {"x6", decode_x6},
        {"opensmtpd", decode_opensmtpd},
        {"mcafee", decode_mcafee},
        {"messagelabs", decode_messagelabs},
        {"qmail", decode_qmail},
        {"exim", decode_exim},
        {"sendmail", decode_sendmail_transcript},
        {"dragonfly", decode_dragonfly},
        {"v5sendmail", decode_v5sendmail},
        {"exchange2003", decode_exchange2003},
        {"imailserver", decode_imailserver},
        {"x1", decode_x1},
        {"x3", decode_x3},
        {"ezweb", decode_ezweb},
        {"kddi", decode_kddi},
        {"biglobe", decode_biglobe},
        {"returned-mail", decode_returned_mail_pairs},
        {"exchange2007", decode_exchange2007},
        {"postfix", decode_postfix},
        {"rfc3464", decode_rfc3464},
        {"x-failed-recipients", decode_failed_recipients_header},
        {"rfc3834", decode_autoreply_list},
        {"free-text", decode_free_text},
    };
    return formats;
}

}  // namespace classify::formats
