// Custom policies (product-spec section 8): YAML rules over the vocabulary of certificates and
// consumers (certlint/view.hpp), loaded and compiled once into an immutable form, evaluated
// with three-valued logic (a condition on a value unknown before apply is undecided), and run
// by the engine next to the built-in rules with the same metadata, settings and waivers.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certlint/finding.hpp"
#include "certlint/model.hpp"
#include "certlint/rule.hpp"

namespace certlint::policy {

enum class On { Certificate, Consumer };

[[nodiscard]] const char* to_string(On on);

// Three-valued truth: a condition on an unknown value is Undecided.
enum class Tri { False, True, Undecided };

// A compiled condition (see compile.cpp). Immutable and shared read-only: its RE2 objects
// are safe to match from several threads at once.
struct Condition;

// One embedded test of a policy: `expect` is the exact set of resources that fire.
struct PolicyTest {
    std::string name;
    std::vector<std::string> inputs;  // absolute or relative to the current directory
    std::optional<std::string> region;
    std::vector<std::string> args;  // as written: --parameter NAME=VALUE, --now TIME, --region R
    std::map<std::string, std::string> parameters;  // from args
    std::string now;                                // from args
    std::vector<std::string> expect;
    int line = 0;
};

struct CustomPolicy {
    Policy meta;  // id, name, severity, enabled, summary (= description), remediation
    std::string file;
    int line = 0;
    On on = On::Certificate;
    std::string description;
    std::string remediation;
    std::shared_ptr<const Condition> where;  // null: every object
    std::shared_ptr<const Condition> require;
    std::string message;
    std::vector<PolicyTest> tests;
};

struct PolicySet {
    std::vector<CustomPolicy> policies;
    [[nodiscard]] const CustomPolicy* find(std::string_view id) const;
};

// ---- Loading --------------------------------------------------------------------------

// The policy files a --policy PATH names: the file itself, or the *.yaml / *.yml files
// directly in the directory (sorted; subdirectories, e.g. test inputs, are not read).
// UsageError when PATH does not exist.
[[nodiscard]] std::vector<std::string> policy_files(const std::string& path);

// Parses and compiles the policies of one file. Every defect (unknown key, field or
// operator, operand of the wrong type, bad RE2, reserved ID, hostile YAML) throws
// UsageError "FILE:LINE: what is wrong".
[[nodiscard]] std::vector<CustomPolicy> parse_policies(const std::string& file,
                                                       const std::string& text);

// Reads every file of every path (policy_files), checks that IDs and names are unique
// across files and do not clash with built-in rules. Files named twice are read once.
[[nodiscard]] PolicySet load_policies(const std::vector<std::string>& paths);

// ---- Evaluation -----------------------------------------------------------------------

struct Outcome {
    Tri result = Tri::True;
    std::vector<std::string> failing;  // the values that failed (when result is False)
    std::string unknown;               // when Undecided: which value, and why
};

// Evaluates a compiled condition on one object of the vocabulary (view::certificate or
// view::consumer). `explain` collects the values that made it fail.
[[nodiscard]] Outcome evaluate(const Condition& c, const nlohmann::json& object,
                               bool explain = true);

// Several policies in one pass over the objects of a model as the vocabulary sees them; each
// policy's findings go to its own `out`, its notes to its context.
struct PolicyRun {
    const CustomPolicy* policy;
    const RuleContext* ctx;
    std::vector<RawFinding>* out;
};

// The objects of a model as the vocabulary sees them, built once and shared by every policy:
// each certificate's fields and each (consumer, certificate) pair's are built once, and the
// objects that nest them (a certificate's consumers, a consumer's certificate) point to them.
// Only the fields the runs' policies read are built.
struct ViewData;  // run.cpp
struct Views {
    std::shared_ptr<const ViewData> data;
};
[[nodiscard]] Views build_views(const Model& m, const std::vector<PolicyRun>& runs);

// The runs over the views (built for them), object by object, on every core.
void run_policies(const std::vector<PolicyRun>& runs, const Views& views, const Model& m);

// `message` with {resource} and {failing} replaced.
[[nodiscard]] std::string format_message(const std::string& message, const std::string& resource,
                                         const std::vector<std::string>& failing);

// ---- The process's policies -----------------------------------------------------------

// Makes `set` part of the rule catalog (policies(), find_policy(), `rules`, `explain`,
// config and suppression checks) and of every run_rules. Call before reading the config and
// inputs; nullptr removes them. Not thread-safe against concurrent runs: install first.
void install(std::shared_ptr<const PolicySet> set);
[[nodiscard]] std::shared_ptr<const PolicySet> installed();

// The installed custom policy with this ID or name (any case), or nullptr.
[[nodiscard]] const CustomPolicy* find_installed(const std::string& id_or_name);

// The rule catalog (src/rules/policy.cpp): the embedded policies of the built-in rules, and
// the metadata of the installed custom ones, which policies() lists after them.
[[nodiscard]] const std::vector<Policy>& builtin_policies();
void set_catalog_customs(std::vector<Policy> customs);

}  // namespace certlint::policy
