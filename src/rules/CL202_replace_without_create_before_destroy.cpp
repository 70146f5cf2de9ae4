#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

// Plans: the certificate is replaced delete-first now (its actions). Terraform configurations
// (spec §6): a requested certificate (not imported into ACM from a PEM; not adopted by an
// `import` block or renamed by a `moved` block, which are Action::Existing) that a consumer
// uses, and whose replacement would not create first (no create_before_destroy of its own,
// none forced by a resource that depends on it), will be replaced delete-first the next time
// its names, key or validation method change: a warning now.
void cl202_replace_without_create_before_destroy(const Model& m, const RuleContext&,
                                                 std::vector<RawFinding>& out) {
    const auto all_users = remaining_users(m);
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        const Certificate& c = m.certificates[i];
        const auto& users = all_users[i];
        if (!c.managed || users.empty()) continue;
        if (c.action == Action::ReplaceDeleteFirst) {
            out.push_back(on_certificate(
                c, fmt::format("certificate is replaced delete-first while {} uses it: the "
                               "delete fails with ResourceInUseException or the consumer loses "
                               "TLS; set lifecycle create_before_destroy",
                               users.front()->id)));
        } else if (c.action == Action::Create && c.cert_type != CertType::Imported &&
                   c.create_before_destroy == false &&
                   m.inputs[c.input].kind == InputKind::TerraformConfig) {
            RawFinding f = on_certificate(
                c, fmt::format("{} uses this certificate, which has no create_before_destroy "
                               "(neither its own nor forced by a resource that depends on it): "
                               "its next replacement (a change of domain, names, key or "
                               "validation method) will be delete-first, which fails with "
                               "ResourceInUseException or leaves the consumer without TLS; add "
                               "lifecycle {{ create_before_destroy = true }}",
                               users.front()->id));
            f.severity = Severity::Warning;
            out.push_back(std::move(f));
        }
    }
}

}  // namespace certlint::rules
