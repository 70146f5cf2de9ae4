// Custom policies on the command line (product-spec section 8): finding and installing them
// before a run, and `certlint test-policies`.
#pragma once

#include <string>
#include <vector>

namespace certlint::cli {

// The custom policies of a run: those the config file names (explicit, or .certlint.yaml
// found from the current directory up; without one, .certlint/policies in the current
// directory), then `cli_paths` (--policy). Loads, compiles and installs them into the rule
// catalog, so the config, suppressions and reports know their IDs. Throws UsageError naming
// the file and line of a malformed policy.
void install_policies(const std::string& config_path, const std::vector<std::string>& cli_paths);

// The policy paths install_policies would read.
[[nodiscard]] std::vector<std::string> discover_policy_paths(const std::string& config_path);

struct TestRun {
    std::string output;  // one line per test, then the summary
    int failed = 0;      // tests whose fired set differs from `expect`
    int errors = 0;      // tests whose input could not be read
    int passed = 0;
};

// Runs the `tests` of the policies in `paths` (files or directories; none: the discovered
// ones). UsageError when a policy is malformed or there are no policies.
[[nodiscard]] TestRun test_policies(const std::vector<std::string>& paths,
                                    const std::string& config_path, bool verbose);

}  // namespace certlint::cli
