// What the Terraform resolver (terraform_resolve.hpp) and graph building (terraform_graph.hpp)
// read: a configuration and its resource instances, in Terraform's own terms (module paths,
// addresses, references as Terraform writes them), independent of where they came from.
//
// A front end fills them:
// - the plan front end (terraform_plan.cpp) from `terraform show -json`: the `configuration`
//   block, `variables`, and the instances of `resource_changes`, `planned_values`,
//   `prior_state` and `values`;
// - a configuration front end (issue 12) from `.tf` / `.tf.json` files: the same
//   Configuration from the parsed modules, and one Instance per resource instance it can
//   expand (count / for_each over known collections), with the values it could evaluate.
//
// The front end does what is specific to its input; everything after (references, module
// outputs and inputs, provider regions, depends_on, certificates, waiters, records, zones,
// consumers, exports) is the same code for both. In particular a front end:
// - resolves each resource's provider configuration key (Resource::provider_key) as Terraform
//   does (provider = on the resource, `providers = {}` maps of module calls, inheritance);
// - records what it cannot know as Expression::Kind::Unrecorded, never as a guess;
// - gives instance values as JSON in the provider schema's shape (arguments and attributes;
//   nested blocks as arrays of objects), as a plan's `after`, and marks what is not known
//   with `true` in `unknown`, as a plan's `after_unknown`. Graph building reads values only
//   through the paths terraform_value_keys() lists.
// The reasons the resolver gives for what it cannot follow still speak of "the plan".
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "certlint/model.hpp"
#include "readers/json_util.hpp"
#include "readers/terraform_address.hpp"

namespace certlint::readers::tf {

using json = nlohmann::json;

// An argument as the configuration states it. Issue 12 adds parsed templates here (a string
// with interpolations: its literal parts and the references of the rest).
struct Expression {
    enum class Kind {
        Absent,      // the argument is not set
        Constant,    // known from the configuration alone: `value`
        References,  // computed from `references`: traversals as Terraform lists them
                     // ("var.x", "aws_x.y.arn", "module.m[0].out", "each.value"; a plan lists
                     // every prefix too)
        Unrecorded,  // set, but the front end cannot say from what
        Other,       // set, but not an argument (a nested block where one was expected)
    };
    Kind kind = Kind::Absent;
    json value;                           // Constant
    std::vector<std::string> references;  // References

    [[nodiscard]] bool present() const { return kind != Kind::Absent; }
};

// Arguments and nested blocks of a resource, module call or provider configuration.
struct Body {
    std::map<std::string, Expression, std::less<>> attributes;
    std::map<std::string, std::vector<Body>, std::less<>> blocks;

    // The argument `name`: Absent when not set, Other when `name` is a nested block.
    [[nodiscard]] const Expression& attribute(std::string_view name) const;
    // True when an argument or nested block `name` is set.
    [[nodiscard]] bool has(std::string_view name) const;
    // The argument at a path of names through nested blocks (their first block; "*" steps
    // are skipped): {"viewer_certificate", "acm_certificate_arn"}. Other when the path ends
    // at a block.
    [[nodiscard]] const Expression& at(const std::vector<std::string>& path) const;
    // Calls f(expression) for every argument, in nested blocks too.
    void for_each_expression(const std::function<void(const Expression&)>& f) const;
};

struct Resource {
    std::string address;  // in its module: "aws_x.y", "data.aws_x.y"
    bool data = false;
    std::string type;
    std::string name;
    // The provider configuration it uses, as a plan's `provider_config_key` writes it:
    // "aws" / "aws.alias" (root module), "module.a.module.b:aws.alias" (a module's), or
    // "b:aws" (Terraform <= 0.15: the module's own); "" when not known (the module's "aws").
    std::string provider_key;
    Body body;
    Expression count;
    Expression for_each;
    std::vector<std::string> depends_on;
};

struct ModuleCall {
    Body arguments;  // the module's input variables
    Expression count;
    Expression for_each;
    std::vector<std::string> depends_on;
};

struct Output {
    Expression value;
    std::vector<std::string> depends_on;
};

struct Variable {
    bool has_default = false;
    json default_value;
};

struct Module {
    std::string path;  // "module.a.module.b", "" for the root module
    std::map<std::string, ModuleCall, std::less<>> calls;  // by call name
    std::map<std::string, Output, std::less<>> outputs;
    std::map<std::string, Variable, std::less<>> variables;
    // Local values; a plan records none (references to them stay unresolved).
    std::map<std::string, Expression, std::less<>> locals;

    // Adds a resource (in configuration order; a later one of the same address wins lookups).
    void add_resource(Resource r);
    // The resources, in configuration order.
    [[nodiscard]] const std::vector<Resource>& resources() const { return resources_; }
    // The resource "aws_x.y" / "data.aws_x.y", or nullptr.
    [[nodiscard]] const Resource* resource(const std::string& address) const;

private:
    std::vector<Resource> resources_;
    std::unordered_map<std::string, std::size_t> index_;  // address -> resources_
};

struct Configuration {
    std::unordered_map<std::string, Module> modules;  // by path, "" for the root module
    // Provider configurations by key: "aws", "aws.west", "module.a:aws", "module.a:aws.west".
    std::map<std::string, Body, std::less<>> providers;
    // Values of the root module's input variables (plan: `variables`; configuration: tfvars,
    // --var); a variable without one here is not known.
    std::map<std::string, json, std::less<>> root_values;

    // The module at `path` (without instance keys), or nullptr.
    [[nodiscard]] const Module* module(const std::string& path) const;
};

// A resource instance.
struct Instance {
    std::string address;       // absolute: "module.a[0].aws_x.y[\"k\"]"
    std::string scope;         // module instance path, "" at root
    std::string config_scope;  // scope without instance keys (its Module's path)
    bool data = false;
    std::string type;
    std::string name;
    std::string key;                   // "[0]", "[\"k\"]" or ""
    const json* values = &kNullJson;   // after values (before when deleted); read through
                                       // the keys terraform_value_keys() lists
    const json* before = &kNullJson;   // values before the change (prior)
    const json* unknown = &kNullJson;  // after_unknown: `true` where a value is unknown
    const Resource* config = nullptr;  // its configuration, when known
    Action action = Action::Existing;
    ChangeDetails change;  // a moved block's previous address, an import
};

// The resource instances of one input, indexed by address, by resource and by module
// instance. Values stay owned by the front end (the plan document) and must outlive it.
class Instances {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    void reserve(std::size_t n);
    // The instance at an absolute address, or npos.
    [[nodiscard]] std::size_t find(const std::string& address) const;
    // Adds an instance whose address is not known yet; returns its index.
    std::size_t add(Instance inst);
    // Sets each instance's `config` from `configuration`.
    void attach(const Configuration& configuration);

    [[nodiscard]] std::size_t size() const { return list_.size(); }
    [[nodiscard]] Instance& operator[](std::size_t i) { return list_[i]; }
    [[nodiscard]] const Instance& operator[](std::size_t i) const { return list_[i]; }
    [[nodiscard]] const std::vector<Instance>& all() const { return list_; }
    // Every module instance path an instance lives under.
    [[nodiscard]] const std::set<std::string>& module_instances() const { return modules_; }

    // The instances of resource `type`.`name` in module instance `scope` (data sources when
    // `data`): the one with name.key, or all; with `self_key` set (a count/for_each pairing
    // reference such as aws_x.y[count.index]), the instance with that key when there is one.
    [[nodiscard]] std::vector<std::size_t> of(bool data, const std::string& type,
                                              const Segment& name, const std::string& scope,
                                              const std::string& self_key = {}) const;
    // Module instances of `call` under `scope` (one key or all keys).
    [[nodiscard]] std::vector<std::string> of_call(const std::string& scope, const Segment& call,
                                                   const Configuration& configuration) const;

private:
    std::vector<Instance> list_;
    std::unordered_map<std::string, std::size_t> by_address_;
    // "<scope>|<data.>type.name" -> instances
    std::unordered_map<std::string, std::vector<std::size_t>> by_resource_;
    std::set<std::string> modules_;
};

}  // namespace certlint::readers::tf
