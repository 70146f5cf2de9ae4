#include <algorithm>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

// A consumer whose certificate could not be followed might be using any certificate.
const Consumer* undecided_consumer(const Model& m) {
    for (const Consumer& c : m.consumers) {
        if (c.action == Action::Delete) continue;
        for (const Attachment& a : c.attachments) {
            if (a.candidates.empty() && !a.unresolved.empty()) return &c;
        }
    }
    return nullptr;
}

}  // namespace

void cl201_unused_certificate(const Model& m, const RuleContext& ctx, std::vector<RawFinding>& out) {
    const Consumer* undecided = undecided_consumer(m);
    const auto users = remaining_users(m);
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        const Certificate& c = m.certificates[i];
        if (!c.managed || leaves(c.action)) continue;
        if (c.cert_type != CertType::AmazonIssued && c.cert_type != CertType::Unknown) continue;
        if (c.exported || !users[i].empty()) continue;
        if (c.export_option == "ENABLED") {
            ctx.note(fmt::format("{}: CL201 not reported: the certificate is exportable (export "
                                 "ENABLED), meant for use outside AWS; ACM renews it once it "
                                 "has been exported",
                                 c.id));
            continue;
        }
        if (undecided != nullptr) {
            ctx.note(fmt::format("{}: CL201 not reported: the certificate of {} could not be "
                                 "followed and may be this one",
                                 c.id, undecided->id));
            continue;
        }
        out.push_back(on_certificate(
            c, "no resource in this deployment uses this certificate and nothing exports it; ACM "
               "renews only certificates that are in use, so it will expire"));
    }
}

}  // namespace certlint::rules
