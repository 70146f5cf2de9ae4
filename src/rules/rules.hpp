// The rule functions (one per file, src/rules/<ID>_<name>.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/dns.hpp"
#include "base/time.hpp"
#include "certlint/rule.hpp"

namespace certlint::rules {

void cl001_email_validation(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl002_dns_validation_records_missing(const Model&, const RuleContext&,
                                          std::vector<RawFinding>&);
void cl003_validation_not_awaited(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl004_validation_record_in_private_zone(const Model&, const RuleContext&,
                                             std::vector<RawFinding>&);
void cl005_caa_forbids_amazon(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl101_edge_certificate_not_us_east_1(const Model&, const RuleContext&,
                                          std::vector<RawFinding>&);
void cl102_certificate_region_mismatch(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl201_unused_certificate(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl202_replace_without_create_before_destroy(const Model&, const RuleContext&,
                                                 std::vector<RawFinding>&);
void cl203_in_use_certificate_deleted(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl204_certificate_not_issued(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl205_imported_certificate_expiring(const Model&, const RuleContext&,
                                         std::vector<RawFinding>&);
void cl206_validation_overdue(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl301_consumer_domain_not_covered(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl302_invalid_certificate_request(const Model&, const RuleContext&, std::vector<RawFinding>&);
void cl303_transparency_logging_disabled(const Model&, const RuleContext&,
                                         std::vector<RawFinding>&);
void cl304_key_algorithm_unsupported_by_consumer(const Model&, const RuleContext&,
                                                 std::vector<RawFinding>&);
void cl305_wildcard_certificate(const Model&, const RuleContext&, std::vector<RawFinding>&);

// Shared by rules: for each certificate (by index), the consumers that remain after the
// deploy and attach it. One pass over the consumers.
[[nodiscard]] std::vector<std::vector<const Consumer*>> remaining_users(const Model& m);

// A whole-number option of the rule (e.g. CL205 expiry_days): its configured value, else the
// default in the rule's policy. A value that is not a whole number of at least `min` is
// noted and the policy's default used.
[[nodiscard]] long long count_option(const RuleContext& ctx, const std::string& key,
                                     long long min);

// A finding on a certificate / on a consumer, with location and input filled in.
[[nodiscard]] RawFinding on_certificate(const Certificate& c, std::string message);
[[nodiscard]] RawFinding on_consumer(const Model& m, const Consumer& c, const CertCandidate& cand,
                                     std::string message);
// on_consumer, with " (when <condition>)" after the message when a condition selects the
// candidate (CloudFormation Fn::If).
[[nodiscard]] RawFinding on_consumer_when(const Model& m, const Consumer& c,
                                          const CertCandidate& cand, std::string message);

// ---- Domain names (src/base/dns, src/rules/names.cpp) -----------------------------------

// DNS-name comparison (case, trailing dots, wildcards) is shared with the readers.
using base::is_wildcard;
using base::name_covers;
using base::normalize_name;
// The names a certificate covers: domain name and SANs when the plan knows them, else the
// DNS names of an imported certificate's PEM body. nullopt when unknown before deploy.
[[nodiscard]] std::optional<std::vector<std::string>> certificate_names(const Certificate& c);
// certificate_names of every certificate of the model, by index (each PEM parsed once, for
// rules that look certificates up per consumer).
[[nodiscard]] std::vector<std::optional<std::vector<std::string>>> certificate_names(
    const Model& m);

// ---- Time (src/base/time) and X.509 (src/rules/x509.cpp) --------------------------------

// RFC 3339 timestamps and dates, as --now and the config's waiver dates read them.
using base::format_rfc3339;
using base::parse_rfc3339;

// What the rules need from an X.509 certificate in PEM form (the first certificate).
struct X509Facts {
    std::int64_t not_after = 0;          // seconds since the epoch, UTC
    std::string key_algorithm;           // ACM spelling: RSA_2048, EC_prime256v1, ...
    std::vector<std::string> dns_names;  // subject CN and DNS subject alternative names
};
// Parses `pem`; on failure returns nullopt and sets `error`.
[[nodiscard]] std::optional<X509Facts> parse_pem_certificate(const std::string& pem,
                                                             std::string& error);

// The key algorithm in ACM's spelling (RSA_2048, EC_prime256v1, ...): the recorded one, else
// the imported PEM's, else RSA_2048 for a certificate ACM issues with no algorithm given
// (ACM's default). Empty when unknown.
[[nodiscard]] std::string effective_key_algorithm(const Certificate& c);
// effective_key_algorithm of every certificate of the model, by index.
[[nodiscard]] std::vector<std::string> effective_key_algorithms(const Model& m);

}  // namespace certlint::rules
