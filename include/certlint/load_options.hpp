// What readers are told about the deployment (the settings every reader may read).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace certlint {

struct LoadOptions {
    std::optional<std::string> region;              // fallback / deploy region
    std::map<std::string, std::string> parameters;  // CloudFormation parameter values
};

}  // namespace certlint
