// The configuration file (.certlint.yaml, product-spec section 5).
#pragma once

#include <filesystem>
#include <string>

#include "cli/commands.hpp"

namespace certlint::cli {

// The .certlint.yaml in `dir` or its nearest parent, as a path relative to `dir` when it
// is there or above it ("" when there is none).
[[nodiscard]] std::string find_config(const std::filesystem::path& dir);

// Reads `path` into `settings`. Unknown keys and bad values throw
// UsageError("PATH:LINE: what is wrong").
void read_config(const std::string& path, Settings& settings);

}  // namespace certlint::cli
