// Turning loaded stacks into model objects: certificates, consumers and what exports them.
#pragma once

#include <string>
#include <vector>

#include "readers/cfn_eval.hpp"
#include "readers/cfn_stack.hpp"

namespace certlint::readers::cfn {

// Adds the certificates and consumers of every stack of `world` to its model.
void build_model(World& world);

// The steps of build_model, in this order (one file each).
void add_certificates(World& world, const Resolver& resolver);  // cfn_certificates.cpp
void add_consumers(World& world, const Resolver& resolver);     // cfn_consumers.cpp
void add_dns_records(World& world, const Resolver& resolver);   // cfn_dns.cpp
void mark_exports(World& world, const Resolver& resolver);      // cfn_model.cpp

// What of a resource definition the steps above read (see KeepRules): each step adds the
// property paths it reads of the types it prunes; template_keep_rules() has them all. A
// test reads every fixture with and without them and compares the models.
void keep_certificate_properties(KeepRules& rules);    // cfn_certificates.cpp
void keep_consumer_properties(KeepRules& rules);       // cfn_consumers.cpp
[[nodiscard]] const KeepRules& template_keep_rules();  // cfn_model.cpp

// Rule ids listed in the resource's `Metadata: {certlint: {ignore: [...]}}`.
[[nodiscard]] std::vector<std::string> suppressed_rules(const Node& resource, const Stack& stack,
                                                        const Resolver& resolver);

}  // namespace certlint::readers::cfn
