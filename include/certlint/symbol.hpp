// Interned strings for the model's many repeated, low-variety values: resource types, file
// paths, attribute paths, partitions, regions, validation methods. A Symbol is one pointer
// (8 bytes against 32 for a std::string, and no allocation per copy); equal texts share one
// stored string, which lives until the process ends. The set of distinct texts is what bounds
// the memory, so a Symbol is for values that repeat, never for names or free text.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace certlint {

class Symbol {
public:
    Symbol() noexcept;  // the empty text
    // Implicit both ways on purpose: a Symbol stands wherever the model had a std::string.
    Symbol(std::string_view text);
    Symbol(const std::string& text) : Symbol(std::string_view(text)) {}
    Symbol(const char* text) : Symbol(std::string_view(text)) {}

    [[nodiscard]] const std::string& str() const noexcept { return *text_; }
    operator const std::string&() const noexcept { return *text_; }
    operator std::string_view() const noexcept { return *text_; }

    [[nodiscard]] bool empty() const noexcept { return text_->empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return text_->size(); }
    [[nodiscard]] const char* c_str() const noexcept { return text_->c_str(); }

    // Equal texts are the same stored string, so Symbols compare by pointer.
    friend bool operator==(const Symbol& a, const Symbol& b) noexcept { return a.text_ == b.text_; }
    friend bool operator==(const Symbol& a, std::string_view b) noexcept { return *a.text_ == b; }
    friend bool operator==(const Symbol& a, const std::string& b) noexcept { return *a.text_ == b; }
    friend bool operator==(const Symbol& a, const char* b) noexcept { return *a.text_ == b; }
    friend std::strong_ordering operator<=>(const Symbol& a, const Symbol& b) noexcept {
        return *a.text_ <=> *b.text_;
    }

    // Concatenation gives a std::string, as it would for the text.
    friend std::string operator+(const Symbol& a, std::string_view b) {
        return std::string(*a.text_).append(b);
    }
    friend std::string operator+(std::string_view a, const Symbol& b) {
        return std::string(a).append(*b.text_);
    }
    friend std::string operator+(const Symbol& a, const char* b) { return a + std::string_view(b); }
    friend std::string operator+(const char* a, const Symbol& b) { return std::string_view(a) + b; }
    friend std::string operator+(const Symbol& a, const std::string& b) { return *a.text_ + b; }
    friend std::string operator+(const std::string& a, const Symbol& b) { return a + *b.text_; }

private:
    const std::string* text_;
};

}  // namespace certlint

template <>
struct std::hash<certlint::Symbol> {
    std::size_t operator()(const certlint::Symbol& s) const noexcept {
        return std::hash<const void*>{}(&s.str());
    }
};
