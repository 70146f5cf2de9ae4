#include "certlint/symbol.hpp"

#include <mutex>
#include <unordered_set>

namespace certlint {
namespace {

struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

// Every interned text, shared by all threads (directories are read in parallel). Never
// destroyed, so Symbols held by static objects stay valid at exit; set nodes never move.
struct Pool {
    std::mutex mutex;
    std::unordered_set<std::string, Hash, std::equal_to<>> texts;
};

Pool& pool() {
    static auto* const p = new Pool;  // see Pool
    return *p;
}

const std::string& empty_text() {
    static const auto* const empty = new std::string;  // as the pool, never destroyed
    return *empty;
}

}  // namespace

Symbol::Symbol() noexcept : text_(&empty_text()) {}

Symbol::Symbol(std::string_view text) : text_(&empty_text()) {
    if (text.empty()) return;
    Pool& p = pool();
    const std::lock_guard lock(p.mutex);
    auto it = p.texts.find(text);
    if (it == p.texts.end()) it = p.texts.emplace(text).first;
    text_ = &*it;
}

}  // namespace certlint
