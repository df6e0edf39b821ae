#include "classify/parse/html_text.h"

#include "classify/text.h"

namespace classify {
namespace {

bool is_block_tag(std::string_view tag) {
    for (std::string_view name : {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "table", "pre", "blockquote"})
        if (istarts_with(tag, name) && (tag.size() == name.size() || tag[name.size()] == ' ' || tag[name.size()] == '/'))
            return true;
    return false;
}

// Appends the character an entity at html[i] stands for; returns its length.
std::size_t append_entity(std::string_view html, std::size_t i, std::string& out) {
    struct Entity { std::string_view name, text; };
    static constexpr Entity kEntities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""},
                                           {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
    for (const auto& e : kEntities)
        if (istarts_with(html.substr(i), e.name)) {
            out += e.text;
            return e.name.size();
        }
    out += '&';
    return 1;
}

}  // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    out.reserve(html.size() / 2);
    // The line break a block tag makes is the break: the source's own line end
    // after it ("<br>\n   Remote server replied: ...") is whitespace to HTML, and
    // kept as it was it would make every <br> a blank line, a paragraph's end, and
    // cut a recipient's lines from one another. The indentation is kept: the
    // notice's quoted fields ("  To: a@b") are told from the returned copy's
    // header by it (returned_message.h).
    bool after_break = false;
    for (std::size_t i = 0; i < html.size();) {
        char c = html[i];
        if (after_break && (c == '\r' || c == '\n')) {
            ++i;
            continue;
        }
        if (c != ' ' && c != '\t') after_break = false;
        if (c == '<') {
            auto close = html.find('>', i);
            if (close == std::string_view::npos) break;
            std::string_view tag = html.substr(i + 1, close - i - 1);
            if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
            if (istarts_with(tag, "style") || istarts_with(tag, "script")) {
                auto end = ifind(html, istarts_with(tag, "style") ? "</style" : "</script", close);
                close = end == std::string_view::npos ? html.size() - 1 : html.find('>', end);
                if (close == std::string_view::npos) break;
            } else if (is_block_tag(tag)) {
                out += '\n';
                after_break = true;
            }
            i = close + 1;
        } else if (c == '&') {
            i += append_entity(html, i, out);
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

}  // namespace classify
