// Terraform address and reference strings: splitting on dots outside of instance keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace certlint::readers::tf {

// One dotted segment: `name` plus an optional instance key such as `[0]` or `["a.b"]`.
struct Segment {
    std::string name;
    std::string key;  // including brackets, empty when absent
};

// Splits `module.a[0].aws_x.y["k.z"].attr` into segments, keeping bracketed keys whole.
[[nodiscard]] std::vector<Segment> split_address(std::string_view text);

// Removes every instance key: `module.a[0].module.b["k"]` -> `module.a.module.b`.
[[nodiscard]] std::string strip_keys(std::string_view text);

// Formats a plan `index` value (number or string) as an address key.
[[nodiscard]] std::string format_key_number(long long n);
[[nodiscard]] std::string format_key_string(const std::string& s);

// A resource address made absolute: Terraform 0.12 writes prior_state addresses of module
// resources relative to their module `scope`.
[[nodiscard]] std::string absolute_address(std::string address, const std::string& scope);

// Joins a module scope and a child: join_scope("", "module.a") == "module.a".
[[nodiscard]] std::string join_scope(const std::string& scope, const std::string& child);

// The parent scope and the last module call of a module instance path.
// `module.a[0].module.b["k"]` -> parent `module.a[0]`, call `b`, key `["k"]`.
struct ScopeTail {
    std::string parent;
    std::string call;
    std::string key;
};
[[nodiscard]] ScopeTail split_scope(const std::string& scope);

}  // namespace certlint::readers::tf
