// ASCII case folding, the one way certlint compares rule IDs and names without regard to case
// (spec section 5: `certlint explain` and inline suppressions take them in any case). Only
// A-Z fold: the result never depends on the C locale. Part of src/base, the lowest layer: it
// includes nothing of ours.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace certlint::base {

[[nodiscard]] constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// Whether `a` and `b` are equal once A-Z are folded to a-z.
[[nodiscard]] constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

}  // namespace certlint::base
