// The validating JSON pull scanner (see json_scan.hpp). Strings are scanned 16 bytes at a
// time for the bytes that need attention (quote, backslash, control characters, non-ASCII);
// everything else is a small state machine over the current window, refilled from the file
// when it runs out.
#include "readers/json_scan.hpp"
#include "base/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <system_error>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "certlint/errors.hpp"

namespace certlint::readers {
namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxNumberLength = 1 << 16;

// The first byte in [p, end) that ends a plain run of string content: '"', '\\', a control
// character or a non-ASCII byte.
inline const char* find_special(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        // Signed comparison: bytes >= 0x80 are negative, so "< 0x20" also catches them.
        const __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                         _mm_cmplt_epi8(v, space));
        const int mask = _mm_movemask_epi8(hit);
        if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#endif
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
    }
    return end;
}

inline bool is_number_byte(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

inline bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool valid_number(std::string_view t) {
    std::size_t i = 0;
    const std::size_t n = t.size();
    if (i < n && t[i] == '-') ++i;
    if (i == n) return false;
    if (t[i] == '0') {
        ++i;
    } else if (t[i] >= '1' && t[i] <= '9') {
        while (i < n && is_digit(t[i])) ++i;
    } else {
        return false;
    }
    if (i < n && t[i] == '.') {
        const std::size_t start = ++i;
        while (i < n && is_digit(t[i])) ++i;
        if (i == start) return false;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        const std::size_t start = i;
        while (i < n && is_digit(t[i])) ++i;
        if (i == start) return false;
    }
    return i == n;
}

[[noreturn]] void fail_utf8(const std::string& path, std::uint64_t at) {
    throw InputError(path, fmt::format("invalid UTF-8 at byte offset {}", at));
}

[[noreturn]] void fail_nul(const std::string& path, std::uint64_t at) {
    throw InputError(path, fmt::format("binary data or UTF-16/32 without a byte-order mark "
                                       "(NUL byte found at byte {})",
                                       at));
}

}  // namespace

JsonScanner::JsonScanner(std::string path, std::string_view text, std::uint64_t offset)
    : path_(std::move(path)),
      win_(text.data()),
      p_(text.data()),
      end_(text.data() + text.size()),
      base_(offset) {}

JsonScanner::JsonScanner(std::string path, std::FILE* file, std::uint64_t offset, std::size_t chunk)
    : path_(std::move(path)), file_(file), buf_(chunk == 0 ? 1 : chunk), base_(offset) {
    win_ = p_ = end_ = buf_.data();
}

bool JsonScanner::refill() {
    if (file_ == nullptr) return false;
    if (capture_ != nullptr) {
        capture_->append(captured_, static_cast<std::size_t>(end_ - captured_));
    }
    if (counted_ != nullptr) {
        lines_ += static_cast<std::uint64_t>(std::count(counted_, end_, '\n'));
        counted_ = buf_.data();
    }
    base_ += static_cast<std::uint64_t>(end_ - win_);
    const std::size_t n = std::fread(buf_.data(), 1, buf_.size(), file_);
    win_ = p_ = captured_ = buf_.data();
    end_ = win_ + n;
    if (n == 0) {
        if (std::ferror(file_) != 0) throw InputError(path_, "read error");
        file_ = nullptr;
        return false;
    }
    return true;
}

int JsonScanner::next_byte() {
    if (p_ == end_ && !refill()) return -1;
    return static_cast<unsigned char>(*p_++);
}

void JsonScanner::fail(const std::string& what) const {
    throw InputError(path_, fmt::format("invalid JSON: {} at byte {}", what, offset()));
}

void JsonScanner::fail_at(int c) {
    if (c < 0) fail("unexpected end of input");
    if (c == 0) fail_nul(path_, offset());
    if (c >= 0x80) {
        // Report bytes that are not UTF-8 as such, like the whole-text check does: the
        // sequence is read on, across reads, until it is decided.
        const std::uint64_t at = offset();
        unsigned char seq[4] = {0, 0, 0, 0};
        std::size_t have = 0;
        char32_t cp = 0;
        int len = -1;
        while (len < 0) {  // decided after at most four bytes
            const int b = next_byte();
            if (b < 0) break;
            seq[have++] = static_cast<unsigned char>(b);
            len = decode_utf8(seq, have, cp);
        }
        if (len <= 0) fail_utf8(path_, at);  // not UTF-8, or cut off by the end of input
        throw InputError(path_, fmt::format("invalid JSON: unexpected non-ASCII character at "
                                            "byte {}",
                                            at));
    }
    if (c < 0x20) fail(fmt::format("unexpected control character 0x{:02x}", c));
    fail(fmt::format("unexpected character '{}'", static_cast<char>(c)));
}

void JsonScanner::push_depth() {
    if (++depth_ > kMaxDepth) {
        throw InputError(path_, fmt::format("JSON nested deeper than {} levels (at byte {})",
                                            kMaxDepth, offset()));
    }
}

bool JsonScanner::enter(char open) {
    if (peek() != static_cast<unsigned char>(open)) return false;
    ++p_;
    push_depth();
    return true;
}

void JsonScanner::expect_colon() {
    if (p_ < end_ && *p_ == ':') {
        ++p_;
        return;
    }
    const int c = peek();
    if (c != ':') {
        if (c < 0) fail("unexpected end of input");
        fail("expected ':' after an object key");
    }
    ++p_;
}

bool JsonScanner::next_key(bool& first, std::string_view& key) {
    int c = peek();
    if (first) {
        first = false;
        if (c == '}') {
            ++p_;
            --depth_;
            return false;
        }
        if (c != '"') {
            if (c < 0) fail("unexpected end of input");
            fail("expected an object key or '}'");
        }
    } else if (c == ',') {
        ++p_;
        c = peek();
        if (c != '"') {
            if (c < 0) fail("unexpected end of input");
            fail("expected an object key after ','");
        }
    } else if (c == '}') {
        ++p_;
        --depth_;
        return false;
    } else {
        if (c < 0) fail("unexpected end of input");
        fail("expected ',' or '}' after an object member");
    }
    key = read_string(true);
    // The colon and the value's first byte, so that peek() right after this call does not
    // move the window under `key`.
    const char* q = p_;
    while (q < end_ && is_space(*q)) ++q;
    bool colon = false;
    if (q < end_ && *q == ':') {
        colon = true;
        ++q;
        while (q < end_ && is_space(*q)) ++q;
        if (q < end_) {
            p_ = q;
            return true;
        }
    }
    p_ = q;
    // The window ends first: keep the key out of the window.
    if (key.data() != scratch_.data()) {
        scratch_.assign(key.data(), key.size());
        key = scratch_;
    }
    if (!colon) expect_colon();
    peek();
    return true;
}

bool JsonScanner::next_element(bool& first) {
    const int c = peek();
    if (first) {
        first = false;
        if (c == ']') {
            ++p_;
            --depth_;
            return false;
        }
        return true;
    }
    if (c == ',') {
        ++p_;
        return true;
    }
    if (c == ']') {
        ++p_;
        --depth_;
        return false;
    }
    if (c < 0) fail("unexpected end of input");
    fail("expected ',' or ']' after an array element");
}

std::string_view JsonScanner::read_string(bool keep) {
    ++p_;  // the opening quote
    const char* start = p_;
    for (;;) {
        const char* q = find_special(p_, end_);
        p_ = q;
        if (q == end_) break;
        const auto c = static_cast<unsigned char>(*q);
        if (c == '"') {
            ++p_;
            return {start, static_cast<std::size_t>(q - start)};
        }
        if (c < 0x80 || end_ - q < 4) break;  // escape, control character, window's end
        char32_t cp = 0;                      // four bytes are there: never cut off
        const int len = decode_utf8(reinterpret_cast<const unsigned char*>(q), 4, cp);
        if (len <= 0) fail_utf8(path_, offset());
        p_ += len;
    }
    return read_string_slow(start, keep);
}

std::string_view JsonScanner::read_string_slow(const char* start, bool keep) {
    if (keep) scratch_.assign(start, static_cast<std::size_t>(p_ - start));
    for (;;) {
        if (p_ == end_ && !refill()) fail("unexpected end of input in a string");
        const char* q = find_special(p_, end_);
        if (keep) scratch_.append(p_, static_cast<std::size_t>(q - p_));
        p_ = q;
        if (q == end_) continue;
        const auto c = static_cast<unsigned char>(*q);
        if (c == '"') {
            ++p_;
            return keep ? std::string_view(scratch_) : std::string_view();
        }
        if (c == '\\') {
            ++p_;
            read_escape(keep);
        } else if (c >= 0x80) {
            read_utf8(keep);
        } else if (c == 0) {
            fail_nul(path_, offset());
        } else {
            fail("control character in a string");
        }
    }
}

void JsonScanner::read_escape(bool keep) {
    const auto hex4 = [this]() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = next_byte();
            v <<= 4;
            if (h >= '0' && h <= '9') {
                v |= static_cast<std::uint32_t>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
                v |= static_cast<std::uint32_t>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
                v |= static_cast<std::uint32_t>(h - 'A' + 10);
            } else {
                if (h < 0) fail("unexpected end of input in a string");
                fail("invalid \\u escape");
            }
        }
        return v;
    };
    const int e = next_byte();
    char out = 0;
    switch (e) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case '/': out = '/'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        case 'u': {
            std::uint32_t cp = hex4();
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (next_byte() != '\\' || next_byte() != 'u') {
                    fail("a high surrogate escape must be followed by a low surrogate");
                }
                const std::uint32_t low = hex4();
                if (low < 0xDC00 || low > 0xDFFF) {
                    fail("a high surrogate escape must be followed by a low surrogate");
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                fail("lone low surrogate escape");
            }
            if (keep) append_utf8(scratch_, cp);
            return;
        }
        case -1: fail("unexpected end of input in a string");
        default: fail("invalid escape in a string");
    }
    if (keep) scratch_.push_back(out);
}

void JsonScanner::read_utf8(bool keep) {
    const std::uint64_t at = offset();
    unsigned char seq[4] = {0, 0, 0, 0};
    seq[0] = static_cast<unsigned char>(next_byte());
    std::size_t have = 1;
    char32_t cp = 0;
    int len = 0;
    while ((len = decode_utf8(seq, have, cp)) < 0) {  // at most 4 bytes: then it is decided
        const int b = next_byte();
        if (b < 0) fail_utf8(path_, at);
        seq[have++] = static_cast<unsigned char>(b);
    }
    if (len == 0) fail_utf8(path_, at);
    if (keep) scratch_.append(reinterpret_cast<const char*>(seq), static_cast<std::size_t>(len));
}

std::string_view JsonScanner::read_number() {
    const std::uint64_t at = offset();
    const char* q = p_;
    while (q < end_ && is_number_byte(*q)) ++q;
    std::string_view token;
    if (q < end_) {
        token = std::string_view(p_, static_cast<std::size_t>(q - p_));
        p_ = q;
    } else {
        number_.assign(p_, static_cast<std::size_t>(q - p_));
        p_ = q;
        while (refill()) {
            q = p_;
            while (q < end_ && is_number_byte(*q)) ++q;
            number_.append(p_, static_cast<std::size_t>(q - p_));
            p_ = q;
            if (number_.size() > kMaxNumberLength) break;
            if (q < end_) break;
        }
        token = number_;
    }
    if (token.size() > kMaxNumberLength) {
        throw InputError(path_, fmt::format("invalid JSON: number too long at byte {}", at));
    }
    if (!valid_number(token)) {
        throw InputError(path_, fmt::format("invalid JSON: invalid number at byte {}", at));
    }
    return token;
}

void JsonScanner::read_literal(const char* word) {
    const std::size_t n = std::strlen(word);
    if (static_cast<std::size_t>(end_ - p_) >= n && std::memcmp(p_, word, n) == 0) {
        p_ += n;
        return;
    }
    const std::uint64_t at = offset();
    for (const char* w = word; *w != '\0'; ++w) {
        if (next_byte() != static_cast<unsigned char>(*w)) {
            throw InputError(path_, fmt::format("invalid JSON: invalid literal at byte {}", at));
        }
    }
}

json JsonScanner::number_value(std::string_view token) const {
    const char* b = token.data();
    const char* e = token.data() + token.size();
    if (token.find_first_of(".eE") == std::string_view::npos) {
        if (token[0] == '-') {
            std::int64_t v = 0;
            const auto r = std::from_chars(b, e, v);
            if (r.ec == std::errc() && r.ptr == e) return json(v);
        } else {
            std::uint64_t v = 0;
            const auto r = std::from_chars(b, e, v);
            if (r.ec == std::errc() && r.ptr == e) return json(v);
        }
    }
    double d = 0;
    const auto r = std::from_chars(b, e, d);
    if (r.ec == std::errc::result_out_of_range) {
        // Underflow reads as zero; overflow is refused (like other JSON parsers do).
        const auto exp = token.find_first_of("eE");
        const bool underflow = exp != std::string_view::npos
                                   ? token[exp + 1] == '-'
                                   : token.substr(token[0] == '-' ? 1 : 0, 2) == "0.";
        if (!underflow) fail("number out of range");
        return json(token[0] == '-' ? -0.0 : 0.0);
    }
    if (r.ec != std::errc() || r.ptr != e) fail("invalid number");
    return json(d);
}

void JsonScanner::skip() {
    const std::size_t base = stack_.size();
    for (;;) {
        int c = peek();
        switch (c) {
            case '{':
                ++p_;
                push_depth();
                c = peek();
                if (c == '}') {
                    ++p_;
                    --depth_;
                    break;
                }
                if (c != '"') {
                    if (c < 0) fail("unexpected end of input");
                    fail("expected an object key or '}'");
                }
                read_string(false);
                expect_colon();
                stack_.push_back('}');
                continue;
            case '[':
                ++p_;
                push_depth();
                if (peek() == ']') {
                    ++p_;
                    --depth_;
                    break;
                }
                stack_.push_back(']');
                continue;
            case '"': read_string(false); break;
            case 't': read_literal("true"); break;
            case 'f': read_literal("false"); break;
            case 'n': read_literal("null"); break;
            default:
                if (c != '-' && (c < '0' || c > '9')) fail_at(c);
                read_number();
                break;
        }
        // After a value: the next member or element, or closing brackets.
        for (;;) {
            if (stack_.size() == base) return;
            const char close = stack_.back();
            c = peek();
            if (c == ',') {
                ++p_;
                if (close == '}') {
                    c = peek();
                    if (c != '"') {
                        if (c < 0) fail("unexpected end of input");
                        fail("expected an object key after ','");
                    }
                    read_string(false);
                    expect_colon();
                }
                break;
            }
            if (c == static_cast<unsigned char>(close)) {
                ++p_;
                --depth_;
                stack_.pop_back();
                continue;
            }
            if (c < 0) fail("unexpected end of input");
            fail(close == '}' ? "expected ',' or '}' after an object member"
                              : "expected ',' or ']' after an array element");
        }
    }
}

int JsonScanner::line() {
    if (counted_ == nullptr) return 0;
    lines_ += static_cast<std::uint64_t>(std::count(counted_, p_, '\n'));
    counted_ = p_;
    constexpr std::uint64_t kMax = std::numeric_limits<int>::max();
    return static_cast<int>(std::min(lines_ + 1, kMax));
}

std::string_view JsonScanner::scalar_token() {
    const int c = peek();
    switch (c) {
        case 't': read_literal("true"); return "true";
        case 'f': read_literal("false"); return "false";
        case 'n': read_literal("null"); return "null";
        default:
            if (c != '-' && (c < '0' || c > '9')) fail_at(c);
            return read_number();
    }
}

std::string_view JsonScanner::string() {
    const int c = peek();
    if (c != '"') fail_at(c);
    return read_string(true);
}

void JsonScanner::skip_into(std::string& out) {
    peek();
    capture_ = &out;
    captured_ = p_;
    skip();
    out.append(captured_, static_cast<std::size_t>(p_ - captured_));
    capture_ = nullptr;
}

json JsonScanner::value() {
    const int c = peek();
    switch (c) {
        case '{': {
            ++p_;
            push_depth();
            json out(json::value_t::object);
            auto& object = *out.get_ptr<json::object_t*>();
            bool first = true;
            std::string_view key;
            while (next_key(first, key)) {
                std::string name(key);
                json v = value();
                object.insert_or_assign(std::move(name), std::move(v));  // last one wins
            }
            return out;
        }
        case '[': {
            ++p_;
            push_depth();
            json out(json::value_t::array);
            auto& array = *out.get_ptr<json::array_t*>();
            bool first = true;
            while (next_element(first)) array.push_back(value());
            return out;
        }
        case '"': {
            const std::string_view v = read_string(true);
            if (v.size() > (std::size_t{1} << 16) && v.data() == scratch_.data()) {
                return json(std::move(scratch_));  // a huge string: not copied
            }
            return json(std::string(v));
        }
        case 't': read_literal("true"); return json(true);
        case 'f': read_literal("false"); return json(false);
        case 'n': read_literal("null"); return json(nullptr);
        default:
            if (c != '-' && (c < '0' || c > '9')) fail_at(c);
            return number_value(read_number());
    }
}

void JsonScanner::expect_end() {
    const int c = peek();
    if (c < 0) return;
    if (c == 0) fail_nul(path_, offset());
    fail("unexpected content after the top-level value");
}

}  // namespace certlint::readers
