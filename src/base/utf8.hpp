// UTF-8 encoding and decoding shared by readers (input checks, UTF-16 input, JSON escapes)
// and reporters (escaping). Part of src/base, the lowest layer (it includes nothing of
// ours); its names stay in namespace certlint, where its callers look for them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace certlint {

// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF) to `out`.
inline void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The UTF-8 sequence at the start of the `n` bytes at `s`: its length (1 to 4), with its code
// point in `cp`; 0 when the bytes are not UTF-8 (a stray continuation byte, an overlong form,
// a surrogate, a code point above U+10FFFF); -1 when they are UTF-8 so far but end before the
// sequence does.
inline int decode_utf8(const unsigned char* s, std::size_t n, char32_t& cp) {
    if (n == 0) return -1;
    const unsigned char c = s[0];
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    int len = 0;
    unsigned char lo = 0x80;  // the range of the second byte
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0Fu;
        if (c == 0xE0) lo = 0xA0;  // not overlong
        if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07u;
        if (c == 0xF0) lo = 0x90;  // not overlong
        if (c == 0xF4) hi = 0x8F;  // at most U+10FFFF
    } else {
        return 0;
    }
    for (int k = 1; k < len; ++k) {
        if (static_cast<std::size_t>(k) >= n) return -1;
        const unsigned char b = s[k];
        if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    return len;
}

}  // namespace certlint
