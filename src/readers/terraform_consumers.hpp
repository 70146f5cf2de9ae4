// The AWS resource types that attach ACM certificates, as the Terraform reader reads them:
// where the certificate ARN is in their arguments and values, and their domain names.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "certlint/model.hpp"

namespace certlint::readers::tf {

struct AttrSpec {
    std::vector<std::string> path;  // in values and in configuration expressions
    bool edge;
};

struct ConsumerSpec {
    ConsumerKind kind;
    std::vector<AttrSpec> attrs;
    std::vector<std::string> domain_attrs;
};

// By Terraform resource type.
const std::unordered_map<std::string, ConsumerSpec>& consumer_specs();

}  // namespace certlint::readers::tf
