// Escaping of input text for display (names, paths and values in messages and reports).
#include "certlint/printable.hpp"

#include <fmt/format.h>

namespace certlint {

std::string printable(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\\') {
            out += "\\\\";
        } else if (c < 0x20 || c == 0x7F) {
            switch (c) {
                case '\n': out += "\\n"; break;
                case '\t': out += "\\t"; break;
                case '\r': out += "\\r"; break;
                default: out += fmt::format("\\x{:02x}", c);
            }
        } else {
            out.push_back(ch);
        }
    }
    // C1 control characters (U+0080..U+009F, encoded C2 80..C2 9F) can also start escapes.
    std::string clean;
    clean.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
        if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
            clean += fmt::format("\\u{:04x}", next);
            ++i;
        } else {
            clean.push_back(out[i]);
        }
    }
    return clean;
}

}  // namespace certlint
