// --terraform-roots-of: from changed .tf / .tf.json files to the root modules to check (the
// certlint-terraform pre-commit hook; spec §6 "Roots").
#pragma once

#include <string>
#include <vector>

namespace certlint::cli {

// The root module directories under the current directory that `files` belong to, sorted:
// a file in a root module gives that root; a file in a local module gives every root that
// calls the module, directly or through other modules. Roots are found as a directory scan
// finds them (spec §6): directories with .tf files that no other one calls as a local module;
// .git/, .terraform/, node_modules/, .aws-sam/ and .serverless/ are not scanned, nor is what
// an `exclude` glob (--exclude, with a directory scan's semantics) matches. Files under a
// .terraform/ directory, or that an `exclude` glob matches (the file or a directory on the way
// to it), are ignored. UsageError for a file that is not .tf / .tf.json, or whose directory
// no root reaches.
[[nodiscard]] std::vector<std::string> terraform_roots_of(const std::vector<std::string>& files,
                                                          const std::vector<std::string>& exclude);

}  // namespace certlint::cli
