// Input decoding: UTF-8 (with or without BOM) and UTF-16 LE/BE with BOM. Anything else is
// refused with a one-line error, so a file we cannot read is never reported clean.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "base/utf8.hpp"
#include "readers/readers.hpp"

namespace certlint::readers {
namespace {

std::string from_utf16(const std::string& path, const std::string& bytes, bool little) {
    if ((bytes.size() - 2) % 2 != 0) {
        throw InputError(path, "truncated UTF-16 text (odd number of bytes)");
    }
    std::string out;
    out.reserve(bytes.size() / 2);
    auto unit = [&](std::size_t i) -> std::uint32_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return little ? (static_cast<std::uint32_t>(b) << 8) | a
                      : (static_cast<std::uint32_t>(a) << 8) | b;
    };
    for (std::size_t i = 2; i < bytes.size(); i += 2) {
        std::uint32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 3 >= bytes.size()) throw InputError(path, "invalid UTF-16 (lone surrogate)");
            const std::uint32_t low = unit(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) {
                throw InputError(path, "invalid UTF-16 (lone surrogate)");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            throw InputError(path, "invalid UTF-16 (lone surrogate)");
        }
        append_utf8(out, cp);
    }
    return out;
}

// Offset of the first invalid UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(const std::string& s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        if (i + 8 <= n) {
            std::uint64_t word = 0;
            std::memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        char32_t cp = 0;
        const int len = decode_utf8(p + i, n - i, cp);
        if (len <= 0) return i;
        i += static_cast<std::size_t>(len);
    }
    return std::string::npos;
}

}  // namespace

std::string decode_text(const std::string& path, std::string bytes) {
    if (bytes.size() >= 2) {
        const auto b0 = static_cast<unsigned char>(bytes[0]);
        const auto b1 = static_cast<unsigned char>(bytes[1]);
        if (b0 == 0xFF && b1 == 0xFE) return from_utf16(path, bytes, true);
        if (b0 == 0xFE && b1 == 0xFF) return from_utf16(path, bytes, false);
    }
    if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
    if (bytes.find('\0') != std::string::npos) {
        throw InputError(path,
                         "binary data or UTF-16/32 without a byte-order mark (NUL byte found)");
    }
    const std::size_t bad = invalid_utf8_at(bytes);
    if (bad != std::string::npos) {
        throw InputError(path, fmt::format("invalid UTF-8 at byte offset {}", bad));
    }
    return bytes;
}

namespace {
constexpr std::uintmax_t kMaxFileBytes = 4ULL << 30;  // 4 GiB: beyond that, refuse
constexpr std::size_t kSniffBytes = 4096;             // how far open_json_file looks
}  // namespace

std::string read_file(const std::string& path) {
    const FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f) throw InputError(path, "cannot open file");
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxFileBytes) throw InputError(path, "file is too large");
    // One read of the known size; files whose size is not known up front (pipes) are read in
    // chunks.
    std::string bytes;
    std::size_t used = 0;
    std::size_t want = ec ? 1 << 20 : static_cast<std::size_t>(size) + 1;
    for (;;) {
        bytes.resize(used + want);
        const std::size_t n = std::fread(bytes.data() + used, 1, want, f.get());
        used += n;
        if (n < want) break;
        if (used > kMaxFileBytes) throw InputError(path, "file is too large");
        want = used;  // grow geometrically
    }
    if (std::ferror(f.get()) != 0) throw InputError(path, "read error");
    bytes.resize(used);
    return bytes;
}

std::string read_text_file(const std::string& path) {
    return decode_text(path, read_file(path));
}

bool starts_like_json(std::string_view text) {
    const auto pos = text.find_first_not_of(" \t\r\n");
    return pos != std::string_view::npos && (text[pos] == '{' || text[pos] == '[');
}

std::optional<JsonFile> open_json_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    JsonFile json{FilePtr(std::fopen(path.c_str(), "rb")), 0};
    if (!json.file) throw InputError(path, "cannot open file");
    std::string head(kSniffBytes, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), json.file.get()));
    if (std::ferror(json.file.get()) != 0) throw InputError(path, "read error");
    // A UTF-16 BOM fails the test below: such files are decoded in memory.
    json.offset = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    if (!starts_like_json(std::string_view(head).substr(json.offset))) return std::nullopt;
    if (std::fseek(json.file.get(), static_cast<long>(json.offset), SEEK_SET) != 0) {
        throw InputError(path, "cannot read file");
    }
    return json;
}

}  // namespace certlint::readers
