// create_before_destroy in a Terraform configuration (spec §6: CL202 looks ahead). A plan
// shows the replacement order in its actions; a configuration has only the `lifecycle` blocks
// and the dependency graph, from which Terraform decides it:
//
// - a resource's own `lifecycle { create_before_destroy = true }` (a literal: Terraform reads
//   lifecycle settings before evaluating anything, and allows no `dynamic "lifecycle"`);
// - forced on by a resource that depends on it, directly or transitively: Terraform's
//   ForcedCBDTransformer (internal/terraform/transform_destroy_cbd.go) forces
//   create_before_destroy on every node that has a descendant (a node depending on it) with
//   create_before_destroy set, because "a CBD node depending on non-CBD will result in cycles";
//   docs/destroying.md, "Forced Create Before Destroy": "all resources that precede a resource
//   with create_before_destroy must in turn be handled in the same manner", and the
//   inherited setting cannot be overridden. The lifecycle page says the same:
//   https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle
//
// Dependencies are Terraform's, at the level of resources in the configuration (not
// instances): the references of a resource block (its arguments, nested and dynamic blocks,
// count, for_each, provisioners, lifecycle's replace_triggered_by), followed through locals,
// input variables (to the module call's argument), module outputs (to the output's
// expression and depends_on), plus
// `depends_on` of the resource and of every module call enclosing it (and their count and
// for_each). A module that is not read (a registry module without modules.json) may hold a
// resource that depends on what its call passes it: what reaches it is undecided.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hcl/ast.hpp"
#include "readers/terraform_config.hpp"

namespace certlint::readers::tf {

// What a resource block's `lifecycle` says of create_before_destroy.
struct LifecycleSetting {
    std::optional<bool> create_before_destroy;  // nullopt: not set
    bool literal = true;                        // false: set, but not to a literal bool
};

// The lifecycle of a resource block (native or JSON syntax).
[[nodiscard]] LifecycleSetting read_lifecycle(const hcl::Body& resource_body);

// Every reference of a resource block that makes a dependency: arguments, nested blocks,
// dynamic blocks (their for_each and content), count, for_each, provisioners and connections,
// and what lifecycle's replace_triggered_by names; not the rest of lifecycle, depends_on
// (Resource::depends_on) or provider.
[[nodiscard]] std::vector<std::string> block_references(const hcl::Body& resource_body);

// The create_before_destroy a resource gets when it is replaced.
struct CreateBeforeDestroy {
    std::optional<bool> value;  // nullopt: undecided (`why`)
    std::string why;  // "its lifecycle", "forced by module.x.aws_lb_listener.y", or undecided
};

// The analysis over one configuration. `blocks` holds, per resource, its lifecycle and its
// references (block_references), keyed by "<module path>|<address>" ("|aws_x.y" at root).
struct ResourceBlockInfo {
    LifecycleSetting lifecycle;
    std::vector<std::string> references;
};

class CreateBeforeDestroyAnalysis {
public:
    CreateBeforeDestroyAnalysis(const Configuration& config,
                                std::map<std::string, ResourceBlockInfo> blocks);

    // The setting of the resource `address` ("aws_x.y") of the module at `module_path`
    // (without instance keys).
    [[nodiscard]] CreateBeforeDestroy of(const std::string& module_path,
                                         const std::string& address) const;

private:
    struct Edge {
        std::string to;          // a resource node
        bool uncertain = false;  // through a module that is not read
    };
    void add_dependencies(const std::string& node, const std::string& path,
                          const std::vector<std::string>& refs, bool uncertain,
                          std::set<std::string>& visiting);
    void add_reference(const std::string& node, const std::string& path, const std::string& ref,
                       bool uncertain, std::set<std::string>& visiting);
    void add_module_resources(const std::string& node, const std::string& module_path,
                              bool uncertain);
    void propagate();

    const Configuration& config_;
    std::map<std::string, ResourceBlockInfo> blocks_;
    std::map<std::string, std::vector<Edge>> deps_;  // node -> what it depends on
    std::map<std::string, std::string> forced_by_;   // node -> CBD node that forces it
    std::map<std::string, std::string> undecided_;   // node -> why
};

}  // namespace certlint::readers::tf
