// The names a certificate covers, for the rules that compare names (CL005, CL301). The
// DNS-name helpers themselves are src/base/dns.
#include <algorithm>

#include "rules/rules.hpp"

namespace certlint::rules {

std::optional<std::vector<std::string>> certificate_names(const Certificate& c) {
    std::vector<std::string> names;
    const auto add = [&](const std::string& n) {
        if (n.empty()) return;
        const std::string key = normalize_name(n);
        const bool seen = std::any_of(names.begin(), names.end(), [&](const std::string& have) {
            return normalize_name(have) == key;
        });
        if (!seen) names.push_back(n);
    };
    if (c.names_known) {
        add(c.domain_name);
        for (const std::string& san : c.subject_alternative_names) add(san);
        return names;
    }
    if (!c.certificate_body.empty()) {
        std::string error;
        if (const auto facts = parse_pem_certificate(c.certificate_body, error)) {
            for (const std::string& n : facts->dns_names) add(n);
            if (!names.empty()) return names;
        }
    }
    return std::nullopt;
}

std::vector<std::optional<std::vector<std::string>>> certificate_names(const Model& m) {
    std::vector<std::optional<std::vector<std::string>>> out;
    out.reserve(m.certificates.size());
    for (const Certificate& c : m.certificates) out.push_back(certificate_names(c));
    return out;
}

}  // namespace certlint::rules
