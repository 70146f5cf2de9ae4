// Where paths in reports and fingerprints start: the repository root, so that a path
// typed as `./x`, `x`, `/abs/repo/x` or `../x` from another directory of the same checkout
// names one file one way (SARIF %SRCROOT%, baseline fingerprints; product-spec section 5).
#pragma once

#include <string>

namespace certlint {

// The nearest directory at or above the working directory that holds a `.git` entry (a
// directory, or a file in a worktree or submodule); the working directory when there is
// none. Absolute and lexically normal; "" when the working directory cannot be read.
[[nodiscard]] std::string find_source_root();

// `path` (relative to the working directory, or absolute) as seen from `root`: relative,
// lexically normal and without `./` when the file is at or below `root`, else absolute.
// With an empty `root`, a relative path is only normalised. "-" (standard input) and ""
// stay as they are.
[[nodiscard]] std::string root_relative(const std::string& path, const std::string& root);

// How fingerprints name an input: `path` relative to the repository that holds it (the
// nearest directory above the file with a `.git` entry), whatever the working directory;
// root_relative(path, fallback_root) when it is in no repository.
[[nodiscard]] std::string repository_path(const std::string& path,
                                          const std::string& fallback_root);

}  // namespace certlint
