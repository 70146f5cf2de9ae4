#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl001_email_validation(const Model& m, const RuleContext&, std::vector<RawFinding>& out) {
    for (const Certificate& c : m.certificates) {
        if (!c.managed || leaves(c.action) || is_exempt_from_validation(c)) continue;
        if (c.validation_method != "EMAIL") continue;
        const std::string name = c.domain_name.empty() ? c.id : c.domain_name;
        out.push_back(on_certificate(
            c, fmt::format("certificate for {} uses EMAIL validation: issuance and every renewal "
                           "wait for someone to approve an email within 72 hours",
                           name)));
    }
}

}  // namespace certlint::rules
