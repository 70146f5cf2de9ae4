// The one sorted list of rules. A new rule adds one line here, its source file, its policy
// (policies/<ID>.yaml), its fixtures (fixtures/rules/<ID>/) and its docs page.
#include "rules/rules.hpp"

namespace certlint {

const std::vector<RuleEntry>& rule_registry() {
    static const std::vector<RuleEntry> registry = {
        {"CL001", rules::cl001_email_validation},
        {"CL002", rules::cl002_dns_validation_records_missing},
        {"CL003", rules::cl003_validation_not_awaited},
        {"CL004", rules::cl004_validation_record_in_private_zone},
        {"CL005", rules::cl005_caa_forbids_amazon},
        {"CL101", rules::cl101_edge_certificate_not_us_east_1},
        {"CL102", rules::cl102_certificate_region_mismatch},
        {"CL201", rules::cl201_unused_certificate},
        {"CL202", rules::cl202_replace_without_create_before_destroy},
        {"CL203", rules::cl203_in_use_certificate_deleted},
        {"CL204", rules::cl204_certificate_not_issued},
        {"CL205", rules::cl205_imported_certificate_expiring},
        {"CL206", rules::cl206_validation_overdue},
        {"CL301", rules::cl301_consumer_domain_not_covered},
        {"CL302", rules::cl302_invalid_certificate_request},
        {"CL303", rules::cl303_transparency_logging_disabled},
        {"CL304", rules::cl304_key_algorithm_unsupported_by_consumer},
        {"CL305", rules::cl305_wildcard_certificate},
    };
    return registry;
}

}  // namespace certlint
