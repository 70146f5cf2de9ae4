// Escaping and small helpers shared by the reporters. Each output format has its own rules
// for what an input-controlled string may contain; every string that comes from an input
// (resource names, messages, paths) goes through one of these before it is written.
#pragma once

#include "base/utf8.hpp"  // append_utf8, decode_utf8

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "certlint/finding.hpp"

namespace certlint::esc {

// Where the project lives (SARIF informationUri, rule help pages): the one place to change
// when the repository moves.
inline constexpr const char* kProjectUrl = "https://github.com/certlint/certlint";

// The rule's documentation page as released with this version:
// <kProjectUrl>/blob/v<version>/docs/rules/<ID>.md; empty for a custom policy (not CL...).
[[nodiscard]] std::string rule_help_uri(const std::string& rule_id);

// Decodes UTF-8 leniently: invalid sequences become U+FFFD. Calls `emit(code_point)`.
template <typename Emit>
void for_each_code_point(std::string_view s, Emit&& emit);

// Control characters (C0, DEL, C1) replaced by a space; invalid UTF-8 by U+FFFD.
[[nodiscard]] std::string single_line(std::string_view s);

// XML 1.0 character data / attribute value: &<>"' escaped, characters XML 1.0 cannot
// carry removed, and (for attributes) tab and line breaks written as character references
// so parsers keep them.
[[nodiscard]] std::string xml_text(std::string_view s);
[[nodiscard]] std::string xml_attr(std::string_view s);

// GitHub workflow commands: the message (`::error ...::DATA`) and property values
// (`file=VALUE,...`).
[[nodiscard]] std::string workflow_data(std::string_view s);
[[nodiscard]] std::string workflow_property(std::string_view s);

// Markdown: inline text (no formatting, no HTML, one line, safe in a table cell) and an
// inline code span (fenced with enough backticks; pipes escaped when in a table cell).
[[nodiscard]] std::string md_text(std::string_view s);
[[nodiscard]] std::string md_code(std::string_view s, bool in_table = false);

// A Mermaid node or edge label, to be written between double quotes.
[[nodiscard]] std::string mermaid_label(std::string_view s);

// A relative or absolute file path as a URI reference (SARIF artifactLocation.uri):
// relative paths stay relative, absolute ones become file:// URIs.
[[nodiscard]] std::string path_to_uri(std::string_view path);

// The file and line a finding points at: its source location when known, else its input.
struct Place {
    std::string file;
    int line = 0;  // 0 = unknown
};
[[nodiscard]] Place place_of(const Finding& f);

// "resource: message", the one-line text most formats show for a finding.
[[nodiscard]] std::string headline(const Finding& f);

// The first sentence of the first paragraph of `text` on one line (line breaks and runs of
// spaces become one space): up to the first '.' outside a `code span` that ends the text or
// is followed by a space; the whole paragraph when there is none. Policies write the gist of
// their remediation first, so this is the one-line fix of the text report.
[[nodiscard]] std::string first_sentence(std::string_view text);

// Every line of `text` with `prefix` in front (empty lines stay empty), each ending in \n.
[[nodiscard]] std::string indent(std::string_view text, std::string_view prefix);

// "1 finding", "2 findings".
template <typename N>
[[nodiscard]] std::string plural(N n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// ---- implementation of the template ------------------------------------------------------

template <typename Emit>
void for_each_code_point(std::string_view s, Emit&& emit) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        const int len = decode_utf8(p + i, s.size() - i, cp);
        if (len <= 0) {
            emit(char32_t{0xFFFD});
            ++i;
            continue;
        }
        emit(cp);
        i += static_cast<std::size_t>(len);
    }
}

}  // namespace certlint::esc
