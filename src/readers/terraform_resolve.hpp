// Following Terraform references to what they lead to (the counterpart of cfn::Resolver):
// input variables and module outputs at any depth, resource attributes, validation waiters,
// literal ARNs, provider regions and depends_on. It reads only a Configuration and Instances
// (terraform_config.hpp), so every front end shares it. What cannot be known is an
// `unresolved` reason; nothing is guessed.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/model.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_json.hpp"
#include "readers/terraform_config.hpp"

namespace certlint::readers::tf {

inline constexpr int kMaxDepth = 64;  // reference chains longer than this are cut (cycles)

// One thing a reference can lead to.
struct Target {
    std::optional<std::size_t> cert;      // Model::certificates index
    std::string arn;                      // literal ARN (when !cert or known)
    std::string literal;                  // other literal string (e.g. a region)
    std::string attr;                     // attribute path below the certificate
    std::optional<std::size_t> instance;  // another resource instance (e.g. a hosted zone)
    bool via_waiter = false;              // reached through a validation waiter
};

struct Resolution {
    std::vector<Target> targets;
    std::vector<std::string> unresolved;
    void merge(Resolution&& other);
};

struct RefContext {
    std::string self_key;  // the consumer instance key, to pair count/for_each instances
    bool pairs = false;    // the expression uses count.index / each.*
    // The for_each of the resource whose expression this is: `each.value` is the element of
    // that collection with the resource instance's key (self_key).
    const Expression* for_each = nullptr;
};

// Literal strings of a value (arrays flattened) as targets: ACM ARNs as `arn`, others as
// `literal`.
void add_literals(const json& value, Resolution& res);

// True when a certificate attribute path stands for its ARN ("", arn, id, certificate_arn).
[[nodiscard]] bool is_arn_attr(const std::string& attr);

class Resolver {
public:
    Resolver(const Configuration& config, const Instances& instances, const LoadOptions& opts)
        : config_(config), instances_(instances), opts_(opts) {}

    // What graph building learns, for references to follow: the certificate an
    // aws_acm_certificate instance is, and the certificates a waiter validates.
    void add_certificate(std::size_t instance, std::size_t cert,
                         const std::optional<std::string>& arn);
    void add_waiter(std::size_t waiter, std::size_t cert);

    [[nodiscard]] const std::unordered_map<std::size_t, std::size_t>& certificates() const {
        return cert_of_instance_;
    }

    // What `expr` in module instance `scope` may be.
    [[nodiscard]] Resolution resolve(const Expression& expr, const std::string& scope,
                                     RefContext ctx = {}, int depth = 0) const;
    // The certificates a validation waiter instance validates (via_waiter not set).
    [[nodiscard]] Resolution waiter_certificate(const Instance& waiter, int depth = 0) const;
    // Literal ARNs of certificates of the input become certificate targets.
    void link_arns(Resolution& res) const;

    // The region an instance lives in: from its values (region, ARN, listener ARN), else its
    // provider configuration, else --region.
    [[nodiscard]] MaybeString region_of(const Instance& inst, int depth = 0) const;

    // True when `depends_on` of the instance, or of a module call enclosing it, covers a
    // validation waiter of `cert`.
    [[nodiscard]] bool waited_by_depends_on(const Instance& inst,
                                            const std::vector<std::string>& depends_on,
                                            std::size_t cert) const;

private:
    Resolution resolve_reference(const std::string& ref, const std::string& scope,
                                 const RefContext& ctx, int depth) const;
    const Expression* local(const std::string& name, const std::string& scope) const;
    Resolution resolve_variable(const std::string& name, const std::string& scope, int depth) const;
    Resolution resolve_module_output(const std::vector<Segment>& segs, const std::string& scope,
                                     const RefContext& ctx, int depth) const;
    Resolution resolve_whole_module(const Segment& call, const std::string& scope,
                                    const RefContext& ctx, int depth) const;
    Resolution resolve_each_value(const std::vector<Segment>& segs, const std::string& scope,
                                  const RefContext& ctx, int depth) const;
    Resolution resolve_resource(bool data, const std::string& type, const Segment& name,
                                const std::string& attr, const std::string& scope,
                                const RefContext& ctx, int depth) const;
    MaybeString provider_region(const std::string& local, const std::string& module_cfg,
                                const std::string& scope, int depth) const;
    MaybeString fallback_region(const std::string& key) const;
    bool depends_on_covers_waiter(const std::vector<std::string>& depends_on,
                                  const std::string& scope, std::optional<std::size_t> cert) const;

    const Configuration& config_;
    const Instances& instances_;
    const LoadOptions& opts_;
    std::unordered_map<std::size_t, std::size_t> cert_of_instance_;  // instance -> certificate
    std::unordered_map<std::string, std::size_t> cert_by_arn_;
    // waiter instance -> certificates it validates
    std::unordered_map<std::size_t, std::vector<std::size_t>> waiter_certs_;
    std::map<std::string, std::vector<std::size_t>> waiters_by_scope_;  // of waiter_certs_
};

// Adds to `keys` the value paths the resolver reads (terraform_value_keys()).
void keep_resolver_values(TerraformValueKeys& keys);

}  // namespace certlint::readers::tf
