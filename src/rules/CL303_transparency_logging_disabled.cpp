#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl303_transparency_logging_disabled(const Model& m, const RuleContext&,
                                         std::vector<RawFinding>& out) {
    for (const Certificate& c : m.certificates) {
        if (!c.managed || leaves(c.action)) continue;
        // Private and imported certificates are not logged by ACM.
        if (c.cert_type == CertType::Private || c.cert_type == CertType::Imported) continue;
        if (c.transparency_logging != "DISABLED") continue;
        out.push_back(on_certificate(
            c,
            "certificate transparency logging is set to DISABLED, but ACM has deprecated the "
            "opt-out and logs every public certificate: its names will be published in CT "
            "logs anyway; remove the setting"));
    }
}

}  // namespace certlint::rules
