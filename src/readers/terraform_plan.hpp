// The plan front end: `terraform show -json` output (plans and states, format 0.1 to 1.2)
// read into the Configuration and Instances the resolver and graph building use.
#pragma once

#include <nlohmann/json.hpp>

#include "readers/terraform_config.hpp"

namespace certlint::readers::tf {

// The `configuration` block (modules, module calls, resources, outputs, variables, provider
// configurations) and the root module's `variables` values.
[[nodiscard]] Configuration plan_configuration(const nlohmann::json& doc);

// The resource instances of `resource_changes` (deposed objects left out), then those only in
// `planned_values`, `prior_state` or a state's `values`; values point into `doc`. Call
// Instances::attach afterwards.
void plan_instances(const nlohmann::json& doc, Instances& out);

}  // namespace certlint::readers::tf
