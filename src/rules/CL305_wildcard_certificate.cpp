#include <algorithm>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl305_wildcard_certificate(const Model& m, const RuleContext&, std::vector<RawFinding>& out) {
    for (const Certificate& c : m.certificates) {
        if (!c.managed || leaves(c.action)) continue;
        const auto names = certificate_names(c);
        if (!names) continue;
        std::vector<std::string> wildcards;
        std::copy_if(names->begin(), names->end(), std::back_inserter(wildcards),
                     [](const std::string& n) { return is_wildcard(n); });
        if (wildcards.empty()) continue;
        out.push_back(on_certificate(
            c, fmt::format("certificate covers the wildcard name{} {}: one key serves every host "
                           "under it, so a leak exposes all of them",
                           wildcards.size() == 1 ? "" : "s", fmt::join(wildcards, ", "))));
    }
}

}  // namespace certlint::rules
