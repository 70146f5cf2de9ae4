#include "report/escape.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "certlint/engine.hpp"

namespace certlint::esc {
namespace {

bool is_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

// XML 1.0: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
bool xml_allowed(char32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string xml_escape(std::string_view s, bool attribute) {
    std::string out;
    out.reserve(s.size());
    for_each_code_point(s, [&](char32_t cp) {
        if (!xml_allowed(cp)) return;
        switch (cp) {
            case '&': out += "&amp;"; return;
            case '<': out += "&lt;"; return;
            case '>': out += "&gt;"; return;
            case '"': out += attribute ? "&quot;" : "\""; return;
            case '\'': out += attribute ? "&apos;" : "'"; return;
            case '\t': out += attribute ? "&#9;" : "\t"; return;
            case '\n': out += attribute ? "&#10;" : "\n"; return;
            case '\r': out += "&#13;"; return;  // a raw CR would be normalized away
            default: append_utf8(out, cp);
        }
    });
    return out;
}

std::string workflow_escape(std::string_view s, bool property) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += property ? "%3A" : ":"; break;
            case ',': out += property ? "%2C" : ","; break;
            default: out.push_back(c);
        }
    }
    return out;
}

}  // namespace

std::string rule_help_uri(const std::string& rule_id) {
    // Built-in rules own the CL range (spec §8); a custom policy has no page in our docs.
    if (rule_id.rfind("CL", 0) != 0) return {};
    // The page as released with this version (tag v<version>), not as it is on main today.
    std::string v = version();
    v = v.substr(0, v.find_first_of(" +("));
    return fmt::format("{}/blob/v{}/docs/rules/{}.md", kProjectUrl, v, rule_id);
}

std::string single_line(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for_each_code_point(s, [&](char32_t cp) { append_utf8(out, is_control(cp) ? U' ' : cp); });
    return out;
}

std::string xml_text(std::string_view s) {
    return xml_escape(s, false);
}
std::string xml_attr(std::string_view s) {
    return xml_escape(s, true);
}

std::string workflow_data(std::string_view s) {
    return workflow_escape(s, false);
}
std::string workflow_property(std::string_view s) {
    return workflow_escape(s, true);
}

std::string md_text(std::string_view s) {
    static constexpr std::string_view kSpecial = "\\`*_[]<>|~&#!$";
    const std::string text = single_line(s);
    auto alnum = [&](std::size_t i) {
        return i < text.size() && std::isalnum(static_cast<unsigned char>(text[i])) != 0;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // An underscore inside a word cannot start or end emphasis: left as is for readability.
        const bool intraword = c == '_' && i > 0 && alnum(i - 1) && alnum(i + 1);
        if (!intraword && kSpecial.find(c) != std::string_view::npos) out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

std::string md_code(std::string_view s, bool in_table) {
    std::string text = single_line(s);
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    if (!text.empty() && (text.front() == '`' || text.back() == '`')) text = " " + text + " ";
    if (in_table) {
        std::string piped;
        for (const char c : text) {
            if (c == '|') piped.push_back('\\');
            piped.push_back(c);
        }
        text = std::move(piped);
    }
    const std::string fence(longest + 1, '`');
    return fence + text + fence;
}

std::string mermaid_label(std::string_view s) {
    std::string out;
    for (const char c : single_line(s)) {
        switch (c) {
            case '"':
            case '#':
            case '<':
            case '>':
            case '&':
            case '`': out += fmt::format("#{};", static_cast<int>(c)); break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string path_to_uri(std::string_view path) {
    static constexpr std::string_view kKeep = "-._~/";
    std::string out = !path.empty() && path.front() == '/' ? "file://" : "";
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            kKeep.find(ch) != std::string_view::npos) {
            out.push_back(ch);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

Place place_of(const Finding& f) {
    if (f.location && !f.location->file.empty()) return {f.location->file, f.location->line};
    return {f.file, 0};
}

std::string headline(const Finding& f) {
    return f.resource + ": " + f.message;
}

std::string first_sentence(std::string_view text) {
    std::string out;
    bool code = false;
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == ' ' || c == '\t') {
            // A blank line ends the paragraph.
            if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') break;
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
            continue;
        }
        out.push_back(c);
        if (c == '`') code = !code;
        const bool ends = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
        if (c == '.' && !code && ends) break;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string indent(std::string_view text, std::string_view prefix) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        if (!line.empty()) {
            out += prefix;
            out += line;
        }
        out += '\n';
        start = end + 1;
    }
    return out;
}

}  // namespace certlint::esc
