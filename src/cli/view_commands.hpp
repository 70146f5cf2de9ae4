// The commands over the policy vocabulary (certlint/view.hpp): `certlint rules --fields` and
// `certlint graph`. They live in the core library so tests can reach them.
#pragma once

#include <string>
#include <vector>

namespace certlint::cli {

// `certlint rules --fields [--format text|json|markdown]`: the vocabulary of custom policies.
// docs/fields.md is the markdown rendering (a test keeps them equal).
[[nodiscard]] std::string render_fields(const std::string& format);

struct GraphArgs {
    std::vector<std::string> paths;
    std::string format = "json";  // json | dot | mermaid
    std::string config;           // -c: its region and parameters apply, as for check
    std::string region;
    std::vector<std::string> parameters;
};

// `certlint graph`: reads the inputs as `certlint check` does and renders the graph. Throws
// UsageError (bad arguments) and InputError (an input that cannot be read), as check does.
[[nodiscard]] std::string render_graph_command(const GraphArgs& args);

}  // namespace certlint::cli
