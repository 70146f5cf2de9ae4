#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl203_in_use_certificate_deleted(const Model& m, const RuleContext&,
                                      std::vector<RawFinding>& out) {
    const auto all_users = remaining_users(m);
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        const Certificate& c = m.certificates[i];
        if (!c.managed || c.action != Action::Delete) continue;
        const auto& users = all_users[i];
        if (users.empty()) continue;
        const Consumer& user = *users.front();
        out.push_back(on_certificate(
            c, fmt::format("certificate is deleted while {}{} still uses it: the delete fails "
                           "with ResourceInUseException after retrying for 20 minutes",
                           user.id,
                           user.action == Action::Forget
                               ? " (which leaves this configuration but stays deployed)"
                               : "")));
    }
}

}  // namespace certlint::rules
