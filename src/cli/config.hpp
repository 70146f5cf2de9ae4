// The configuration file (.certlint.yaml, product-spec section 5).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace certlint::cli {

// The .certlint.yaml in `dir` or its nearest parent, as a path relative to `dir` when it
// is there or above it ("" when there is none).
[[nodiscard]] std::string find_config(const std::filesystem::path& dir);

// Reads `path` into `settings`. Unknown keys and bad values throw
// UsageError("PATH:LINE: what is wrong").
void read_config(const std::string& path, Settings& settings);

// Whether `region` looks like an AWS region (eu-west-1): the check of the config's `region`,
// shared with --region.
[[nodiscard]] bool valid_region(const std::string& region);

// A fail_on value (config) or --fail-on: error, warning or note (sets `out`), or never
// (clears it). False when `value` is none of them.
[[nodiscard]] bool parse_fail_on(const std::string& value, std::optional<Severity>& out);

// Custom policies (section 8) a config file names: `.certlint/policies` beside it when that
// directory exists, then its `policies:` list, resolved against the file's directory.
// UsageError("PATH:LINE: ...") for a bad list or a path that does not exist.
[[nodiscard]] std::vector<std::string> config_policy_paths(const std::string& path);

}  // namespace certlint::cli
