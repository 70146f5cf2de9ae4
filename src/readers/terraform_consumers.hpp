// The AWS resource types that attach ACM certificates, as the Terraform reader reads them:
// where the certificate ARN is in their arguments and values, and their domain names. The
// consumer catalog (model/consumer_catalog.hpp) says which; this is its Terraform view.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "certlint/model.hpp"

namespace certlint::readers::tf {

struct AttrSpec {
    std::vector<std::string> path;  // in values and in configuration expressions
    bool edge;
    bool provider_computed;  // unknown and not in the configuration: not attached
    // An edge attribute that is regional when the endpoint types hold this type (catalog).
    std::string regional_endpoint_type;
    bool provider_fills_block;  // wholly unknown: unset (catalog)
};

struct ConsumerSpec {
    ConsumerKind kind;
    std::vector<AttrSpec> attrs;
    std::vector<std::vector<std::string>> domain_paths;
    std::vector<std::string> endpoint_types;  // path of the endpoint type list; empty: none
};

// By Terraform resource type: the consumer catalog's Terraform side (model/consumer_catalog.hpp).
const std::unordered_map<std::string, ConsumerSpec>& consumer_specs();

}  // namespace certlint::readers::tf
