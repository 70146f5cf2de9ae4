// Globs with "*" and "?" only, compiled with RE2 (see glob.hpp).
#include "base/glob.hpp"

#include <re2/re2.h>

#include "base/utf8.hpp"

namespace certlint::base {

namespace {

std::shared_ptr<const re2::RE2> compile(const std::string& regex, RE2::Options::Encoding enc) {
    RE2::Options options;
    options.set_encoding(enc);
    options.set_dot_nl(true);  // a resource name with a newline is still one name
    options.set_log_errors(false);
    auto re = std::make_shared<const re2::RE2>(regex, options);
    return re->ok() ? re : nullptr;
}

bool is_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const int len = decode_utf8(s + i, text.size() - i, cp);
        if (len <= 0) return false;
        i += static_cast<std::size_t>(len);
    }
    return true;
}

}  // namespace

std::string glob_to_regex(std::string_view glob) {
    std::string out;
    std::string literal;
    const auto flush = [&] {
        out += RE2::QuoteMeta(literal);
        literal.clear();
    };
    for (const char ch : glob) {
        if (ch == '*' || ch == '?') {
            flush();
            out += ch == '*' ? ".*" : ".";
        } else {
            literal.push_back(ch);
        }
    }
    flush();
    return out;
}

Glob::Glob(std::string_view pattern) : pattern_(pattern) {
    const std::string regex = glob_to_regex(pattern_);
    utf8_ = compile(regex, RE2::Options::EncodingUTF8);  // null when the pattern is not UTF-8
    latin1_ = compile(regex, RE2::Options::EncodingLatin1);
}

bool Glob::matches(std::string_view text) const {
    const re2::StringPiece piece(text.data(), text.size());
    if (utf8_ && is_utf8(text)) return RE2::FullMatch(piece, *utf8_);
    return latin1_ && RE2::FullMatch(piece, *latin1_);
}

}  // namespace certlint::base
