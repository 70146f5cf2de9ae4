#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl205_imported_certificate_expiring(const Model& m, const RuleContext& ctx,
                                         std::vector<RawFinding>& out) {
    const auto now = parse_rfc3339(ctx.now);
    if (!now) {
        ctx.note(fmt::format("CL205 not run: the time '{}' is not RFC 3339", ctx.now));
        return;
    }
    const auto days = count_option(ctx, "expiry_days", 0);
    const auto users = remaining_users(m);
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        const Certificate& c = m.certificates[i];
        if (leaves(c.action)) continue;
        const bool imported = c.cert_type == CertType::Imported;
        std::optional<std::int64_t> not_after;
        std::string source;
        if (imported && !c.certificate_body.empty()) {
            std::string error;
            if (const auto facts = parse_pem_certificate(c.certificate_body, error)) {
                not_after = facts->not_after;
                source = "its certificate_body";
            } else {
                ctx.note(fmt::format("{}: CL205 undecided: {}", c.id, error));
                continue;
            }
        } else if (!c.not_after.empty() && !creates(c.action)) {
            not_after = parse_rfc3339(c.not_after);
            source = "its recorded not_after";
        }
        if (!imported) {
            // ACM renews its own certificates while they are eligible; only a recorded
            // INELIGIBLE certificate that nothing here attaches will run out.
            if (c.renewal_eligibility != "INELIGIBLE" || !not_after) continue;
            // Where ACM records whether it is in use (an inventory), CL201 reports the unused
            // ones with their expiry.
            if (c.in_use) continue;
            if (!users[i].empty()) {
                ctx.note(
                    fmt::format("{}: CL205 not reported: recorded as INELIGIBLE for "
                                "renewal, but this deployment uses it, which makes it "
                                "eligible",
                                c.id));
                continue;
            }
        }
        if (!not_after) {
            ctx.note(
                fmt::format("{}: CL205 undecided: the imported certificate's expiry is not "
                            "known before apply",
                            c.id));
            continue;
        }
        const std::string when = format_rfc3339(*not_after);
        const char* why = imported ? "ACM never renews imported certificates; import a renewed "
                                     "certificate to the same ARN"
                                   : "it is not eligible for managed renewal (not in use), so "
                                     "ACM will not renew it";
        if (*not_after <= *now) {
            RawFinding f = on_certificate(
                c, fmt::format("{} certificate expired on {} (from {}): clients reject it; {}",
                               imported ? "imported" : "ineligible", when, source, why));
            f.severity = Severity::Error;
            out.push_back(std::move(f));
        } else if (*not_after - *now <= static_cast<std::int64_t>(days) * 86400) {
            const std::int64_t left = (*not_after - *now) / 86400;
            out.push_back(on_certificate(
                c, fmt::format("{} certificate expires on {} (from {}), in {} day{}, within "
                               "expiry_days={}: {}",
                               imported ? "imported" : "ineligible", when, source, left,
                               left == 1 ? "" : "s", days, why)));
        }
    }
}

}  // namespace certlint::rules
