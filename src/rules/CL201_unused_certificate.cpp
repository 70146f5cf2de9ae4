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
        if (c.exported || !users[i].empty() || c.in_use.value_or(false)) continue;
        if (!c.in_use_undecided.empty()) {
            ctx.note(fmt::format("{}: CL201 undecided: {}", c.id, c.in_use_undecided));
            continue;
        }
        // Renewal concerns issued certificates; the others are CL204's and CL206's.
        if (c.in_use && !c.status.empty() && c.status != "ISSUED") {
            ctx.note(fmt::format("{}: CL201 not reported: the certificate is {}, not ISSUED", c.id,
                                 c.status));
            continue;
        }
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
        if (c.in_use) {
            // ACM itself records that nothing uses it (an inventory of the account).
            const std::string expires =
                c.not_after.empty() ? "it will expire" : "it expires on " + c.not_after;
            out.push_back(on_certificate(
                c, fmt::format("ACM records no resource using this certificate (InUseBy is "
                               "empty): ACM renews only certificates in use, so {}; attach it "
                               "where it is needed or delete it",
                               expires)));
            continue;
        }
        out.push_back(on_certificate(
            c, "no resource in this deployment uses this certificate and nothing exports it; ACM "
               "renews only certificates that are in use, so it will expire"));
    }
}

}  // namespace certlint::rules
