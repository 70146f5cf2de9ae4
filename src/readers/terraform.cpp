// Terraform `terraform show -json` reader (plans and states, format 0.1 to 1.2): the plan
// front end (terraform_plan.hpp) fills a Configuration and Instances (terraform_config.hpp),
// from which graph building (terraform_graph.hpp) adds certificates and consumers, following
// references with the Resolver (terraform_resolve.hpp).
#include <nlohmann/json.hpp>

#include "readers/readers.hpp"
#include "readers/terraform_json.hpp"
#include "readers/terraform_graph.hpp"
#include "readers/terraform_plan.hpp"
#include "readers/terraform_resolve.hpp"

namespace certlint::readers {

using json = nlohmann::json;

bool is_terraform_json(const json& doc) {
    if (!doc.is_object() || !doc.contains("format_version")) return false;
    return doc.contains("planned_values") || doc.contains("resource_changes") ||
           doc.contains("configuration") || doc.contains("prior_state") || doc.contains("values") ||
           doc.contains("terraform_version") || doc.size() == 1;
}

// The union of what the graph steps and the resolver declare they read.
TerraformValueKeys terraform_value_keys() {
    TerraformValueKeys keys;
    tf::keep_certificate_values(keys);
    tf::keep_zone_values(keys);
    tf::keep_resolver_values(keys);
    tf::keep_consumer_values(keys);
    return keys;
}

void read_terraform(Model& model, std::size_t input, const json& doc, const LoadOptions& opts) {
    const tf::Configuration config = tf::plan_configuration(doc);
    tf::Instances instances;
    tf::plan_instances(doc, instances);
    instances.attach(config);
    tf::Graph(model, input, config, instances, opts).build();
}

}  // namespace certlint::readers
