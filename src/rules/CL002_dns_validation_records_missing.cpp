#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl002_dns_validation_records_missing(const Model& m, const RuleContext& ctx,
                                          std::vector<RawFinding>& out) {
    for (const Certificate& c : m.certificates) {
        if (!c.managed || leaves(c.action) || is_exempt_from_validation(c)) continue;
        if (c.validation_method != "DNS") continue;
        if (!c.has_validation_records && !c.validation_records_undecided.empty()) {
            ctx.note(fmt::format("{}: CL002 undecided: {}", c.id, c.validation_records_undecided));
            continue;
        }
        if (!c.has_validation_records && !c.removed_validation_records.empty()) {
            out.push_back(on_certificate(
                c, fmt::format("this deployment deletes the certificate's DNS validation records "
                               "({}): ACM can no longer renew it and it expires",
                               fmt::join(c.removed_validation_records, ", "))));
            continue;
        }
        if (!c.has_validation_records) {
            if (c.action == Action::Existing && c.status == "ISSUED") {
                ctx.note(fmt::format("{}: CL002 not reported: the certificate is already ISSUED, "
                                     "its validation records are managed outside this plan",
                                     c.id));
                continue;
            }
            out.push_back(on_certificate(
                c, "DNS-validated certificate, but nothing in this deployment creates its "
                   "validation CNAME records: it stays PENDING_VALIDATION and times out after 72 hours"));
        } else if (!c.names_without_validation_records.empty()) {
            out.push_back(on_certificate(
                c, fmt::format("DNS-validated certificate, but nothing creates the validation "
                               "record of {}: it stays PENDING_VALIDATION until someone does",
                               fmt::join(c.names_without_validation_records, ", "))));
        }
    }
}

}  // namespace certlint::rules
