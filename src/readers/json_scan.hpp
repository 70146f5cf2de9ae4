// A validating pull scanner for JSON text in memory or read from a file in chunks (the file
// is never held in memory whole). Callers walk the containers they care about and skip the
// rest; skipped values are fully validated (grammar, UTF-8, nesting depth), so an input that
// is not valid JSON anywhere is refused. Errors are InputError naming the path and the byte
// offset. Nesting deeper than kMaxDepth is refused without deep recursion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace certlint::readers {

class JsonScanner {
public:
    static constexpr std::size_t kMaxDepth = 1000;
    static constexpr std::size_t kDefaultChunk = std::size_t{1} << 20;

    // Text in memory (not copied: it must outlive the scanner). `offset`: where the text
    // starts in the input, for error messages.
    JsonScanner(std::string path, std::string_view text, std::uint64_t offset = 0);
    // A file read from its current position in chunks of `chunk` bytes. `offset`: bytes of
    // the file before that position.
    JsonScanner(std::string path, std::FILE* file, std::uint64_t offset = 0,
                std::size_t chunk = kDefaultChunk);

    JsonScanner(const JsonScanner&) = delete;
    JsonScanner& operator=(const JsonScanner&) = delete;

    // The next non-whitespace byte (not consumed), or -1 at the end of the input.
    int peek() {
        for (;;) {
            while (p_ < end_) {
                const auto c = static_cast<unsigned char>(*p_);
                if (c > ' ') return c;
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return c;
                ++p_;
            }
            if (!refill()) return -1;
        }
    }

    // Consumes '{' / '[' when the next value is an object / array (false: nothing consumed).
    bool enter_object() { return enter('{'); }
    bool enter_array() { return enter('['); }

    // Object members after enter_object(): true with the member's key, positioned at its
    // value, which the caller must consume; false once the closing brace is consumed.
    // `first` starts true. The key stays valid until the value is read (peek() may be used).
    bool next_key(bool& first, std::string_view& key);
    // Array elements after enter_array(): true when an element follows (the caller consumes
    // it); false once the closing bracket is consumed. `first` starts true.
    bool next_element(bool& first);

    // Validates and skips one value.
    void skip();
    // skip(), appending the value's text to `out` (call it where the value starts: right
    // after next_key(), or after peek()).
    void skip_into(std::string& out);
    // One value as a full document.
    nlohmann::json value();
    // A string value, decoded (valid until the next call on the scanner); the next value
    // must be a string.
    std::string_view string();
    // A number, true, false or null: its text as written (valid until the next call on the
    // scanner); the next value must be one of them.
    std::string_view scalar_token();
    // Only whitespace may follow.
    void expect_end();

    // Byte offset of the next unread byte in the input.
    [[nodiscard]] std::uint64_t offset() const {
        return base_ + static_cast<std::uint64_t>(p_ - win_);
    }
    [[nodiscard]] const std::string& path() const { return path_; }

    // Line numbers (JSON has newlines only between tokens). After track_lines(), called at
    // the start of the input, line() is the 1-based line of the next unread byte.
    void track_lines() {
        counted_ = p_;
        lines_ = 0;
    }
    [[nodiscard]] int line();

    // InputError "invalid JSON: <what> at byte <offset>".
    [[noreturn]] void fail(const std::string& what) const;

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    std::vector<char> buf_;
    const char* win_ = nullptr;  // current window of the input
    const char* p_ = nullptr;    // next unread byte
    const char* end_ = nullptr;
    std::uint64_t base_ = 0;  // input offset of win_
    std::size_t depth_ = 0;
    std::string scratch_;             // decoded strings that do not lie whole in the window
    std::string number_;              // number tokens that do not lie whole in the window
    std::vector<char> stack_;         // skip(): open containers
    std::string* capture_ = nullptr;  // skip_into(): where skipped text goes
    const char* captured_ = nullptr;  // start of the text not yet appended to *capture_
    const char* counted_ = nullptr;   // track_lines(): newlines before it are in lines_
    std::uint64_t lines_ = 0;

    bool refill();
    bool enter(char open);
    void push_depth();
    [[noreturn]] void fail_at(int c);  // reads on to tell invalid UTF-8 from other bytes
    int next_byte();  // -1 at the end

    std::string_view read_string(bool keep);
    std::string_view read_string_slow(const char* start, bool keep);
    void read_escape(bool keep);
    void read_utf8(bool keep);
    std::string_view read_number();
    void read_literal(const char* word);
    nlohmann::json number_value(std::string_view token) const;
    void expect_colon();
};

}  // namespace certlint::readers
