// What readers are told about the deployment (the settings every reader may read).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace certlint {

// A Terraform input variable from the command line (configuration mode, spec §6): `--var
// NAME=VALUE` (file false) or `--var-file FILE` (file true).
struct TerraformVar {
    bool file = false;
    std::string text;
};

struct LoadOptions {
    std::optional<std::string> region;              // fallback / deploy region
    std::map<std::string, std::string> parameters;  // CloudFormation parameter values
    std::vector<TerraformVar> terraform_vars;       // in command-line order
    // --source-dir: the Terraform sources of every plan and state read (locations, inline
    // suppressions); empty: a plan's sources are the .tf files beside it, if any.
    std::string source_dir;
};

}  // namespace certlint
