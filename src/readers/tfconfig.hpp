// The Terraform configuration front end (issue 12, spec §6): a root module directory of `.tf`
// / `.tf.json` files, parsed by src/hcl, evaluated (tfconfig_eval.hpp) and turned into the
// Configuration and Instances (terraform_config.hpp) that graph building reads, as the plan
// front end does from `terraform show -json`.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "certlint/load_options.hpp"
#include "certlint/model.hpp"

namespace certlint::readers {

// True when `dir` directly holds a `.tf` or `.tf.json` file.
[[nodiscard]] bool has_terraform_files(const std::string& dir);

// True when `dir` holds a Terraform plan or state JSON beside its `.tf` files: the sources
// serve the plan and are not a configuration to check on their own.
[[nodiscard]] bool has_terraform_plan_beside(const std::string& dir);

// The directories (lexically normal) that the `.tf` files of `dirs` call as local modules
// (`source = "./x"`, `"../x"`), to any depth. Files that do not parse call nothing.
[[nodiscard]] std::set<std::string> called_module_dirs(const std::vector<std::string>& dirs);

// Reads the root module in `dir` into `model`: one input of kind terraform-config whose path is
// `dir`. InputError (FILE:LINE:COL: what is wrong) when a file cannot be read or parsed.
void read_terraform_config(Model& model, const std::string& dir, const LoadOptions& opts);

}  // namespace certlint::readers
