// Small lookups on nlohmann::json documents shared by the Terraform streamer
// (terraform_json.cpp), the plan reader (terraform_*.cpp) and the configuration reader
// (tfconfig*.cpp): missing, mistyped and null read alike.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace certlint::readers {

inline const nlohmann::json kNullJson;

// j[key] when j is an object that has it, else null.
[[nodiscard]] inline const nlohmann::json& member(const nlohmann::json& j, std::string_view key) {
    if (!j.is_object()) return kNullJson;
    const auto it = j.find(key);
    return it == j.end() ? kNullJson : *it;
}

// j[key] when it is a string, else `fallback`.
[[nodiscard]] inline std::string str_or(const nlohmann::json& j, std::string_view key,
                                        std::string fallback = {}) {
    const nlohmann::json& v = member(j, key);
    return v.is_string() ? v.get<std::string>() : fallback;
}

// True when `true` appears anywhere in j (after_unknown: something below is unknown).
[[nodiscard]] inline bool is_true_anywhere(const nlohmann::json& j) {
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_array() || j.is_object()) {
        for (const auto& el : j) {
            if (is_true_anywhere(el)) return true;
        }
    }
    return false;
}

// False for a nested block with no member left in any of its objects (a block whose kept
// arguments were all pruned reads as missing); true for every other value.
[[nodiscard]] inline bool has_member(const nlohmann::json& j) {
    if (j.is_array()) {
        for (const auto& el : j) {
            if (has_member(el)) return true;
        }
        return false;
    }
    return !j.is_object() || !j.empty();
}

}  // namespace certlint::readers
