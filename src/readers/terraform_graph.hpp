// Building the certificate graph of one Terraform input from its Configuration and Instances
// (terraform_config.hpp): certificates, validation waiters and records, hosted zones and CAA
// records, exports and consumers. The same for every front end; it reads configuration only
// through the Resolver and instance values only through the keys each step declares
// (keep_*_values, united by terraform_value_keys()).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/model.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_json.hpp"
#include "readers/terraform_config.hpp"
#include "readers/terraform_consumers.hpp"
#include "readers/terraform_resolve.hpp"

namespace certlint::readers::tf {

class Graph {
public:
    Graph(Model& model, std::size_t input, const Configuration& config, const Instances& instances,
          const LoadOptions& opts)
        : model_(model),
          input_(input),
          config_(config),
          instances_(instances),
          resolver_(config, instances, opts) {}

    // Runs every step, in this order.
    void build();

    // The steps (one file each).
    void build_certificates();       // terraform_certificates.cpp
    void link_waiters();             //   "
    void link_validation_records();  //   "
    void mark_undecided_records();   //   "
    void link_exported_validation_options();  // terraform_graph.cpp
    void link_removed_records();     //   "
    void link_zones_and_caa();       // terraform_zones.cpp
    void link_exports();             // terraform_graph.cpp
    void build_consumers();          // terraform_consumers.cpp

private:
    // Adds a --verbose note about the input, once.
    void note(const std::string& text);
    // Calls f(resource, scope) for every configured resource in every module instance.
    template <typename F>
    void for_each_config_resource(F&& f) const {
        std::vector<std::string> scopes{""};
        scopes.insert(scopes.end(), instances_.module_instances().begin(),
                      instances_.module_instances().end());
        for (const std::string& scope : scopes) {
            const Module* m = config_.module(strip_keys(scope));
            if (m == nullptr) continue;
            for (const Resource& r : m->resources()) f(r, scope);
        }
    }
    void mark_exported(const Expression& expr, const std::string& scope, const std::string& by);
    std::vector<std::pair<std::string, const Resource*>> waiter_records(
        const Instance& waiter) const;
    std::optional<Attachment> attachment(const Instance& inst, const AttrSpec& spec);

    Model& model_;
    std::size_t input_;
    const Configuration& config_;
    const Instances& instances_;
    Resolver resolver_;
    std::set<std::string> notes_seen_;
    std::vector<std::pair<std::string, std::string>> records_from_locals_;  // scope, address
    // certificate -> (scope, configuration) of the resources creating its records
    std::map<std::size_t, std::vector<std::pair<std::string, const Resource*>>> record_configs_;
};

// Strings of a value (arrays flattened) appended to `out`.
void add_strings(const json& v, std::vector<std::string>& out);

// True when the resource type looks like one of DNS records.
[[nodiscard]] bool looks_like_dns_record_type(const std::string& type);

// What each step reads of instance values (see TerraformValueKeys).
void keep_certificate_values(TerraformValueKeys& keys);  // terraform_certificates.cpp
void keep_zone_values(TerraformValueKeys& keys);         // terraform_zones.cpp
void keep_consumer_values(TerraformValueKeys& keys);     // terraform_consumers.cpp

}  // namespace certlint::readers::tf
