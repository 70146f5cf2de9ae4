// decode_utf8: the one UTF-8 decoder behind the input check, the JSON scanner and the report
// escaping, at each boundary of the encoding.
#include <string>

#include "catch.hpp"
#include "base/utf8.hpp"

namespace {

// decode_utf8 of the bytes of `s`, and the code point when it is valid.
int decode(const std::string& s, char32_t* cp_out = nullptr) {
    char32_t cp = 0;
    const int n =
        certlint::decode_utf8(reinterpret_cast<const unsigned char*>(s.data()), s.size(), cp);
    if (cp_out != nullptr) *cp_out = cp;
    return n;
}

}  // namespace

TEST_CASE("decode_utf8: valid sequences of each length and their code points", "[utf8]") {
    char32_t cp = 0;
    CHECK(decode("A", &cp) == 1);
    CHECK(cp == U'A');
    CHECK(decode("\xC2\x80", &cp) == 2);  // the first two-byte code point
    CHECK(cp == 0x80);
    CHECK(decode("\xDF\xBF", &cp) == 2);
    CHECK(cp == 0x7FF);
    CHECK(decode("\xE0\xA0\x80", &cp) == 3);
    CHECK(cp == 0x800);
    CHECK(decode("\xED\x9F\xBF", &cp) == 3);  // just below the surrogates
    CHECK(cp == 0xD7FF);
    CHECK(decode("\xEF\xBF\xBD", &cp) == 3);
    CHECK(cp == 0xFFFD);
    CHECK(decode("\xF0\x90\x80\x80", &cp) == 4);
    CHECK(cp == 0x10000);
    CHECK(decode("\xF4\x8F\xBF\xBF", &cp) == 4);
    CHECK(cp == 0x10FFFF);
    CHECK(decode("\xE2\x82\xACtail", &cp) == 3);  // only the first sequence
    CHECK(cp == 0x20AC);
}

TEST_CASE("decode_utf8: what is not UTF-8, and what is cut off", "[utf8]") {
    CHECK(decode("\x80") == 0);              // a stray continuation byte
    CHECK(decode("\xC0\x80") == 0);          // overlong NUL
    CHECK(decode("\xC1\xBF") == 0);          // overlong
    CHECK(decode("\xE0\x9F\xBF") == 0);      // overlong three-byte form
    CHECK(decode("\xED\xA0\x80") == 0);      // a surrogate
    CHECK(decode("\xF0\x8F\xBF\xBF") == 0);  // overlong four-byte form
    CHECK(decode("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
    CHECK(decode("\xF5\x80\x80\x80") == 0);
    CHECK(decode("\xFF") == 0);
    CHECK(decode("\xE2\x41\x41") == 0);  // a continuation byte missing
    CHECK(decode("\xE2\x82\x41") == 0);
    CHECK(decode("") == -1);
    CHECK(decode("\xE2") == -1);
    CHECK(decode("\xE2\x82") == -1);
    CHECK(decode("\xF0\x90\x80") == -1);
    CHECK(decode("\xE0\x80") == 0);  // invalid already, however it would go on
}
