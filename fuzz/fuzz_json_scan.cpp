// libFuzzer target, differential: the streaming JsonScanner (what reads plans and JSON
// templates from disk) must accept exactly the JSON texts nlohmann::json accepts, and give
// the same verdict and error offset whether it reads the text from memory or from a file in
// tiny chunks (so that every token and UTF-8 sequence is split across reads somewhere).
// Known, intended differences are excluded below. A disagreement aborts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "certlint/errors.hpp"
#include "readers/json_scan.hpp"

namespace {

using certlint::InputError;
using certlint::readers::JsonScanner;

// nullopt when the scanner accepts the whole text as one JSON value, else its error.
template <typename... Source>
std::optional<std::string> scan(Source&&... source) {
    try {
        JsonScanner s("f", std::forward<Source>(source)...);
        s.skip();
        s.expect_end();
        return std::nullopt;
    } catch (const InputError& e) {
        return std::string(e.what());
    }
}

[[noreturn]] void disagree(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_json_scan: %s: %s\n", what, detail.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::optional<std::string> ours = scan(text);

    // The same text from a file read 1 to 8 bytes at a time.
    const std::size_t chunk = 1 + (size == 0 ? 0 : data[size - 1] % 8);
    std::FILE* file = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
    if (file != nullptr) {
        const std::optional<std::string> chunked = scan(file, 0, chunk);
        std::fclose(file);
        if (chunked != ours) {
            disagree("memory and chunked file differ",
                     ours.value_or("accepted") + " / " + chunked.value_or("accepted"));
        }
    }

    // Intended differences from nlohmann::json: the scanner limits nesting; nlohmann skips a
    // leading UTF-8 byte-order mark (the loader strips it before scanning) and refuses
    // numbers that overflow a double, which the scanner only checks against the grammar.
    if (ours && ours->find("nested deeper than") != std::string::npos) return 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") return 0;
    // A NUL byte is never JSON; nlohmann takes it as the end of the input.
    if (text.find('\0') != std::string_view::npos) {
        if (!ours) disagree("the scanner accepts a NUL byte", std::string(text));
        return 0;
    }
    bool theirs = true;
    std::string why;
    try {
        (void)nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // parse_error; out_of_range on overflow
        theirs = false;
        why = e.what();
        if (why.find("number overflow") != std::string::npos) return 0;
    }
    if (theirs != !ours.has_value()) {
        disagree(theirs ? "nlohmann accepts what the scanner refuses"
                        : "the scanner accepts what nlohmann refuses",
                 theirs ? *ours : why);
    }
    return 0;
}
