#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl004_validation_record_in_private_zone(const Model& m, const RuleContext&,
                                             std::vector<RawFinding>& out) {
    for (const Certificate& c : m.certificates) {
        if (!c.managed || leaves(c.action) || is_exempt_from_validation(c)) continue;
        if (c.validation_method == "EMAIL" || c.private_validation_zones.empty()) continue;
        out.push_back(on_certificate(
            c, fmt::format("the DNS validation records are written to the private hosted zone {}, "
                           "which ACM cannot query from the internet: the certificate stays "
                           "PENDING_VALIDATION and times out after 72 hours (and a renewal "
                           "fails the same way)",
                           fmt::join(c.private_validation_zones, ", "))));
    }
}

}  // namespace certlint::rules
