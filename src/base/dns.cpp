// DNS-name helpers (see dns.hpp).
#include "base/dns.hpp"

namespace certlint::base {

namespace {

char lower(char ch) {
    return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
}

}  // namespace

std::string_view trim_trailing_dots(std::string_view name) {
    while (!name.empty() && name.back() == '.') name.remove_suffix(1);
    return name;
}

std::string normalize_name(std::string_view name) {
    std::string out(trim_trailing_dots(name));
    for (char& ch : out) ch = lower(ch);
    return out;
}

bool same_name(std::string_view a, std::string_view b) {
    a = trim_trailing_dots(a);
    b = trim_trailing_dots(b);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool is_wildcard(std::string_view name) {
    return name.substr(0, 2) == "*.";
}

std::string_view strip_wildcard(std::string_view name) {
    return is_wildcard(name) ? name.substr(2) : name;
}

std::string validation_record_name(std::string_view name) {
    return normalize_name(strip_wildcard(name));
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

std::string qualify_name(std::string_view name, std::string_view zone) {
    const std::string_view n = trim_trailing_dots(name);
    const std::string_view z = trim_trailing_dots(zone);
    if (z.empty()) return std::string(n);
    if (same_name(n, z) || (n.size() > z.size() && n[n.size() - z.size() - 1] == '.' &&
                            same_name(n.substr(n.size() - z.size()), z))) {
        return std::string(n);
    }
    return std::string(n) + "." + std::string(z);
}

}  // namespace certlint::base
