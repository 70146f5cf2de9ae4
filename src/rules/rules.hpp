// The rule functions (one per file, src/rules/<ID>_<name>.cpp).
#pragma once

#include "certlint/rule.hpp"

namespace certlint::rules {

void cl001_email_validation(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl002_dns_validation_records_missing(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl003_validation_not_awaited(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl101_edge_certificate_not_us_east_1(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl102_certificate_region_mismatch(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl201_unused_certificate(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl202_replace_without_create_before_destroy(const Model&, const RuleContext&,
                                                 std::vector<RawFinding>&);
void cl203_in_use_certificate_deleted(const Model&, const RuleContext&, std::vector<RawFinding>&);

// Shared by rules: consumers that remain after the deploy and attach certificate `cert`.
[[nodiscard]] std::vector<const Consumer*> remaining_users(const Model& m, std::size_t cert);

// A finding on a certificate / on a consumer, with location and input filled in.
[[nodiscard]] RawFinding on_certificate(const Certificate& c, std::string message);
[[nodiscard]] RawFinding on_consumer(const Model& m, const Consumer& c, const CertCandidate& cand,
                                     std::string message);

}  // namespace certlint::rules
