// Globs over names (waiver `resource` patterns, product-spec section 5): only "*" (any run
// of characters, none included) and "?" (exactly one character) are special; every other
// character stands for itself, so a resource address copied from a report
// (aws_acm_certificate.api["docs"]) matches itself. Compiled once with RE2. Part of
// src/base, the lowest layer: it includes nothing of ours.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace certlint::base {

// The RE2 pattern that matches what `glob` matches (whole text, "." also a newline).
[[nodiscard]] std::string glob_to_regex(std::string_view glob);

class Glob {
public:
    explicit Glob(std::string_view pattern);

    // Whether the whole of `text` matches the pattern. "?" is one UTF-8 character; a
    // pattern or text that is not UTF-8 is matched byte by byte.
    [[nodiscard]] bool matches(std::string_view text) const;
    [[nodiscard]] const std::string& pattern() const { return pattern_; }

private:
    std::string pattern_;
    std::shared_ptr<const re2::RE2> utf8_;    // characters are UTF-8 code points
    std::shared_ptr<const re2::RE2> latin1_;  // characters are bytes
};

}  // namespace certlint::base
