#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl202_replace_without_create_before_destroy(const Model& m, const RuleContext&,
                                                 std::vector<RawFinding>& out) {
    const auto all_users = remaining_users(m);
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        const Certificate& c = m.certificates[i];
        if (!c.managed || c.action != Action::ReplaceDeleteFirst) continue;
        const auto& users = all_users[i];
        if (users.empty()) continue;
        out.push_back(on_certificate(
            c, fmt::format("certificate is replaced delete-first while {} uses it: the delete "
                           "fails with ResourceInUseException or the consumer loses TLS; set "
                           "lifecycle create_before_destroy",
                           users.front()->id)));
    }
}

}  // namespace certlint::rules
