// Findings, severities and the rule catalog's metadata.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "certlint/model.hpp"

namespace certlint {

enum class Severity { Note = 0, Warning = 1, Error = 2 };

[[nodiscard]] const char* to_string(Severity s);
[[nodiscard]] std::optional<Severity> parse_severity(const std::string& s);

struct Finding {
    std::string rule_id;
    std::string rule;  // rule name
    Severity severity = Severity::Error;
    std::string message;
    std::string resource;
    std::string certificate;  // set when the finding concerns a consumer
    std::string file;         // input file
    std::optional<SourceLocation> location;
    std::string remediation;
    std::string fingerprint;  // stable hash of rule, resource, input path
};

// Metadata of one rule, from policies/<ID>.yaml (embedded at build time).
struct Policy {
    std::string id;
    std::string name;
    Severity severity = Severity::Error;
    bool enabled = true;
    std::string summary;
    std::string rationale;
    // How to fix a finding, by the family of the input it is on (the keys of the policy's
    // `remediation` mapping: terraform, cloudformation, inventory).
    std::map<InputFamily, std::string> remediation;
    std::vector<std::string> references;
    std::map<std::string, std::string> options;  // defaults of the rule's own options

    // The remediation for findings on inputs of `family`; a family the policy has no text for
    // gets the first of Terraform, CloudFormation it has (infrastructure as code is where
    // deployed certificates are fixed too); empty when it has none.
    [[nodiscard]] const std::string& remediation_for(InputFamily family) const;
};

}  // namespace certlint
