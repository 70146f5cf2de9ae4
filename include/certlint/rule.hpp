// Rules are pure functions of the model. Each lives in src/rules/<ID>_<name>.cpp and is
// listed once in src/rules/registry.cpp.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certlint/finding.hpp"
#include "certlint/model.hpp"

namespace certlint {

// What a rule reports before the engine adds metadata (name, severity, remediation).
struct RawFinding {
    std::string resource;
    std::string certificate;
    std::string message;
    std::size_t input = 0;
    std::optional<SourceLocation> location;
    std::optional<Severity> severity;  // overrides the policy default (e.g. CL205 once expired)
};

struct RuleContext {
    const Policy& policy;
    std::map<std::string, std::string> options;  // policy defaults merged with config
    std::string now;                             // RFC 3339 "now" for time-based rules
    std::vector<std::string>* notes = nullptr;   // --verbose explanations
    void note(std::string text) const {
        if (notes != nullptr) notes->push_back(std::move(text));
    }
};

using RuleFn = std::function<void(const Model&, const RuleContext&, std::vector<RawFinding>&)>;

struct RuleEntry {
    const char* id;
    RuleFn check;
};

// The one sorted list of rules.
[[nodiscard]] const std::vector<RuleEntry>& rule_registry();

// Embedded policies/*.yaml, parsed once.
[[nodiscard]] const std::vector<Policy>& policies();
// A rule (built-in or custom) by its exact ID or name (CloudFormation Metadata ignores and the
// config file's `rules:` keys).
[[nodiscard]] const Policy* find_policy(const std::string& id_or_name);
// A rule by ID or name in any case (`cl101`, `Edge-Certificate-Not-US-East-1`): what
// `certlint explain`, --enable / --disable and `# certlint:ignore` comments accept.
[[nodiscard]] const Policy* find_policy_any_case(std::string_view id_or_name);

// Helpers rules share.
[[nodiscard]] std::string quote_name(const std::string& s);  // for messages
[[nodiscard]] MaybeString candidate_region(const Model& m, const CertCandidate& c);
[[nodiscard]] std::string candidate_partition(const Model& m, const CertCandidate& c);
[[nodiscard]] bool suppresses(const std::vector<std::string>& suppressed, const char* rule_id);

}  // namespace certlint
