// Domain-name helpers shared by the rules that compare names (CL005, CL301, CL302, CL305).
#include <algorithm>
#include <cctype>

#include "rules/rules.hpp"

namespace certlint::rules {

std::string normalize_name(std::string_view name) {
    std::string out(name);
    while (!out.empty() && out.back() == '.') out.pop_back();
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return out;
}

bool is_wildcard(std::string_view name) {
    return name.rfind("*.", 0) == 0;
}

bool name_covers(std::string_view cert_name, std::string_view host) {
    const std::string cert = normalize_name(cert_name);
    const std::string h = normalize_name(host);
    if (cert.empty() || h.empty()) return false;
    if (cert == h) return true;
    if (!is_wildcard(cert)) return false;
    // "*.example.com" covers "www.example.com": one non-empty label, no deeper.
    const std::string_view base = std::string_view(cert).substr(1);  // ".example.com"
    if (h.size() <= base.size() || h.compare(h.size() - base.size(), base.size(), base) != 0) {
        return false;
    }
    const std::string_view label = std::string_view(h).substr(0, h.size() - base.size());
    return !label.empty() && label.find('.') == std::string_view::npos && label != "*";
}

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
