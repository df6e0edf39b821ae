// Text of an HTML part, for bounces that come only as text/html (some hosted mail
// services): tags dropped, block elements turned into line breaks, the common
// entities decoded. Enough to read a diagnostic, not a renderer.
#pragma once

#include <string>
#include <string_view>

namespace classify {

std::string html_to_text(std::string_view html);

}  // namespace classify
