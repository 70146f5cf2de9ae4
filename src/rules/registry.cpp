// The one sorted list of rules. A new rule adds one line here, its source file, its policy
// (policies/<ID>.yaml), its fixtures (fixtures/rules/<ID>/) and its docs page.
#include "rules/rules.hpp"

namespace certlint {

const std::vector<RuleEntry>& rule_registry() {
    static const std::vector<RuleEntry> registry = {
        {"CL001", rules::cl001_email_validation},
        {"CL002", rules::cl002_dns_validation_records_missing},
        {"CL003", rules::cl003_validation_not_awaited},
        {"CL101", rules::cl101_edge_certificate_not_us_east_1},
        {"CL102", rules::cl102_certificate_region_mismatch},
        {"CL201", rules::cl201_unused_certificate},
        {"CL202", rules::cl202_replace_without_create_before_destroy},
        {"CL203", rules::cl203_in_use_certificate_deleted},
    };
    return registry;
}

}  // namespace certlint
