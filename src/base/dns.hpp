// DNS names as readers and rules compare them: case-insensitive, the trailing dot of a
// fully qualified name ignored, "*." wildcards covering exactly one label. Part of
// src/base, the lowest layer: it includes nothing of ours.
#pragma once

#include <string>
#include <string_view>

namespace certlint::base {

// `name` without its trailing dots ("example.com." is "example.com"), case kept.
[[nodiscard]] std::string_view trim_trailing_dots(std::string_view name);
// Lower-cased (ASCII), without trailing dots: the form in which DNS names compare equal.
[[nodiscard]] std::string normalize_name(std::string_view name);
// Whether two names are the same DNS name (case and trailing dots aside).
[[nodiscard]] bool same_name(std::string_view a, std::string_view b);

[[nodiscard]] bool is_wildcard(std::string_view name);  // "*.example.com"
// `name` without a leading "*." ("*.example.com" is "example.com"); others unchanged.
[[nodiscard]] std::string_view strip_wildcard(std::string_view name);
// The name whose DNS record validates `name` for ACM, normalized: "*.example.com" and
// "example.com" share one validation record.
[[nodiscard]] std::string validation_record_name(std::string_view name);

// A certificate name covers a host name when they are the same name, or when the
// certificate name is a wildcard whose "*" stands for exactly the host's leftmost label.
[[nodiscard]] bool name_covers(std::string_view cert_name, std::string_view host);

// A record name as a hosted zone resolves it: `name` (trailing dots trimmed) when it is the
// zone's name or ends in "." + zone (case aside), else relative to the zone
// ("www" in "example.com" is "www.example.com"). `name` unchanged when `zone` is empty.
[[nodiscard]] std::string qualify_name(std::string_view name, std::string_view zone);

}  // namespace certlint::base
