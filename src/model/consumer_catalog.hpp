// The AWS resources that consume an ACM certificate, one declarative entry per consumer: how
// Terraform, CloudFormation (and SAM) and an ACM `InUseBy` ARN name it, where its certificate
// and its domain names are, whether it is CloudFront-backed, whether the region rules apply and
// which key algorithms it serves. Every reader, the value-key lists, `to_string(ConsumerKind)`
// and the rules that depend on the consumer read this table; nothing else lists consumers.
//
// Adding a consumer: one entry in consumer_catalog.cpp (and a ConsumerKind when a rule must
// tell it apart). tests/test_consumer_catalog.cpp checks the entry against the AWS provider
// schema extract in fixtures/catalog/ and that every input kind is mapped or says why not.
#pragma once

#include <string_view>
#include <vector>

#include "certlint/model.hpp"

namespace certlint::catalog {

// A certificate argument. `path` is below the resource's arguments (Terraform) or Properties
// (CloudFormation; for SAM, below the Domain): names joined by '.', a name ending in "[]"
// steps into every item of a list. A Terraform nested block that holds one object
// (`viewer_certificate`) is stepped into without "[]"; "[]" marks a repeatable one.
struct CertPath {
    std::string_view path;
    bool edge = false;  // CloudFront-backed endpoint: only us-east-1 certificates (CL101)
    // Terraform: the provider computes the argument when it is not set (Optional+Computed),
    // so a value unknown before apply with no expression in the configuration is not a
    // certificate the configuration attaches.
    bool provider_computed = false;
    // An `edge` path that is regional when the mapping's `endpoint_types` list holds this type:
    // API Gateway's certificateArn serves edge-optimized domains and PRIVATE ones, and a
    // private domain is served in its own region through VPC endpoints, not by CloudFront.
    std::string_view regional_endpoint_type = {};
    // Terraform: the block that holds the argument is one the provider fills in when the
    // configuration leaves it out. A plan then writes the block wholly unknown, exactly as for
    // a dynamic block whose for_each is not known before apply (seen in real 5.100 plans; the
    // plan cannot tell the two apart), so such a block wholly unknown is taken as unset. The
    // other blocks on certificate paths are required by the schema (CloudFront's
    // viewer_certificate, API Gateway v2's domain_name_configuration, a classic ELB's
    // listener): wholly unknown, a dynamic block sets them, and a certificate may be attached.
    bool provider_fills_block = false;
};

// How one input kind names the consumer: resource types sharing the same paths.
struct Mapping {
    std::vector<std::string_view> types;  // e.g. aws_lb_listener and its alias aws_alb_listener
    std::vector<CertPath> certificates;
    std::vector<std::string_view> domains;  // paths of the names it serves (CL301)
    // SAM shorthand: paths are below the `Domain` property (or Globals.<Api|HttpApi>.Domain).
    bool sam_domain = false;
    // SAM REST API: edge when Domain.EndpointConfiguration is EDGE (regional otherwise).
    bool edge_from_endpoint_configuration = false;
    // Terraform: why these types are not in the provider schema extract the catalog test
    // checks paths against (e.g. a resource added in a later provider version).
    std::string_view unchecked = {};
    // Path of the endpoint type list that `regional_endpoint_type` of a certificate path reads
    // ("endpoint_configuration.types[]"); a value not known before apply leaves the attachment's
    // region rules undecided.
    std::string_view endpoint_types = {};
};

// How ACM names the consumer in a certificate's `InUseBy` list:
// arn:<partition>:<service>:<region>:<account>:<resource prefix>...
struct ArnMapping {
    std::string_view service;
    std::vector<std::string_view> resource_prefixes;
};

// Key algorithms a consumer can serve (CL304), in ACM's spelling.
struct KeyLimits {
    bool edge_only = false;      // only its edge (CloudFront-backed) attachments
    std::string_view served_by;  // "CloudFront", "an edge-optimized API Gateway domain ..."
    std::vector<std::string_view> accepted;
    std::string_view accepted_text;  // how findings state the limit
    std::string_view source;
};

struct ConsumerEntry {
    std::string_view label;  // to_string(kind): "CloudFront distribution"
    ConsumerKind kind;

    std::vector<Mapping> terraform;       // AWS provider resource types
    std::string_view no_terraform;        // why there is none (required when `terraform` is empty)
    std::vector<Mapping> cloudformation;  // CloudFormation types, then SAM shorthands
    std::string_view no_cloudformation;
    ArnMapping arn;
    std::string_view no_arn;

    // Whether CL102 compares the region of its regional attachments with its own, and why.
    bool region_rules = true;
    std::string_view region_basis;
    std::vector<KeyLimits> key_limits;  // empty: CL304 does not check it

    std::string_view verified;  // what the mappings were checked against
};

// The whole catalog, in a fixed order.
[[nodiscard]] const std::vector<ConsumerEntry>& consumers();

// The entry of a kind; nullptr for ConsumerKind::Other.
[[nodiscard]] const ConsumerEntry* entry_for(ConsumerKind kind);

// One input kind's mapping of a resource type, with its entry.
struct Match {
    const ConsumerEntry* entry = nullptr;
    const Mapping* mapping = nullptr;
    explicit operator bool() const { return entry != nullptr; }
};
[[nodiscard]] Match terraform_consumer(std::string_view type);
[[nodiscard]] Match cloudformation_consumer(std::string_view type);  // SAM types included

// The consumer an ARN from an ACM certificate's `InUseBy` names (longest resource prefix of
// its service wins: an ALB's loadbalancer/app/ before a classic loadbalancer/); nullptr when
// no entry matches.
[[nodiscard]] const ConsumerEntry* consumer_for_arn(const ArnParts& arn);

// A path's steps: "listener[].ssl_certificate_id" -> {listener, each}, {ssl_certificate_id}.
struct PathStep {
    std::string_view name;
    bool each = false;
};
[[nodiscard]] std::vector<PathStep> path_steps(std::string_view path);

}  // namespace certlint::catalog
