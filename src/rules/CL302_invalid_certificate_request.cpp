#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

constexpr std::size_t kMaxFirstName = 64;  // the Common Name (RFC 5280 ub-common-name)
constexpr std::size_t kMaxName = 253;
constexpr std::size_t kMaxLabel = 63;

bool is_ip_address(const std::string& name) {
    if (name.find(':') != std::string::npos) return true;  // IPv6
    int labels = 0;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t dot = std::min(name.find('.', start), name.size());
        const std::string_view label(name.data() + start, dot - start);
        if (label.empty() || label.size() > 3 ||
            !std::all_of(label.begin(), label.end(),
                         [](unsigned char ch) { return std::isdigit(ch) != 0; })) {
            return false;
        }
        ++labels;
        start = dot + 1;
    }
    return labels == 4;
}

// The problems of one name, following ACM's DomainName pattern
// (\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9]).
void check_name(const std::string& name, bool first, std::vector<std::string>& problems) {
    if (is_ip_address(name)) {
        problems.push_back(
            fmt::format("'{}' is an IP address; ACM issues certificates for domain "
                        "names only",
                        name));
        return;
    }
    if (first && name.size() > kMaxFirstName) {
        problems.push_back(
            fmt::format("the first domain name '{}' is {} characters; the first "
                        "name becomes the Common Name, at most {}",
                        name, name.size(), kMaxFirstName));
    }
    if (name.size() > kMaxName) {
        problems.push_back(fmt::format("'{}' is {} characters; a name is at most {}", name,
                                       name.size(), kMaxName));
    }
    std::vector<std::string_view> labels;
    for (std::size_t start = 0;;) {
        const std::size_t dot = name.find('.', start);
        labels.emplace_back(name.data() + start,
                            (dot == std::string::npos ? name.size() : dot) - start);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    bool bad_wildcard = false, bad_chars = false, bad_hyphen = false, bad_form = false;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string_view l = labels[i];
        if (l.find('*') != std::string_view::npos) {
            if (i != 0 || l != "*") bad_wildcard = true;
            continue;
        }
        if (l.empty()) {
            bad_form = true;
            continue;
        }
        if (l.size() > kMaxLabel) {
            problems.push_back(
                fmt::format("a label of '{}' is {} characters; a label is at most "
                            "{}",
                            name, l.size(), kMaxLabel));
        }
        if (!std::all_of(l.begin(), l.end(),
                         [](unsigned char ch) { return std::isalnum(ch) != 0 || ch == '-'; })) {
            bad_chars = true;
        } else if (l.front() == '-' || l.back() == '-') {
            bad_hyphen = true;
        }
    }
    const std::size_t real_labels = labels.size() - (labels.front() == "*" ? 1 : 0);
    if (real_labels < 2 || labels.back().size() < 2) bad_form = true;
    if (bad_wildcard) {
        problems.push_back(
            fmt::format("'{}' has a wildcard outside the leftmost label; only "
                        "'*.' as the first label is allowed",
                        name));
    }
    if (bad_chars) {
        problems.push_back(
            fmt::format("'{}' has characters other than letters, digits, hyphens "
                        "and dots (internationalized names must be punycode, "
                        "xn--...)",
                        name));
    }
    if (bad_hyphen) {
        problems.push_back(fmt::format("'{}' has a label that starts or ends with a hyphen", name));
    }
    if (bad_form) {
        problems.push_back(
            fmt::format("'{}' is not a fully qualified domain name (empty label, "
                        "trailing dot, single label or one-character top-level "
                        "label)",
                        name));
    }
}

}  // namespace

void cl302_invalid_certificate_request(const Model& m, const RuleContext& ctx,
                                       std::vector<RawFinding>& out) {
    const auto quota = static_cast<std::size_t>(count_option(ctx, "max_names", 1));
    for (const Certificate& c : m.certificates) {
        // Only requests are checked: imported certificates bring their own names, and an
        // existing certificate was already accepted.
        if (!c.managed || !creates(c.action) || c.cert_type == CertType::Imported) continue;
        std::vector<std::string> problems;
        if (!c.domain_name.empty()) check_name(c.domain_name, true, problems);
        std::vector<std::string> distinct;
        if (!c.domain_name.empty()) distinct.push_back(normalize_name(c.domain_name));
        for (const std::string& san : c.subject_alternative_names) {
            const std::string key = normalize_name(san);
            if (std::find(distinct.begin(), distinct.end(), key) != distinct.end()) continue;
            distinct.push_back(key);
            check_name(san, false, problems);
        }
        if (c.names_known && distinct.size() > quota) {
            problems.push_back(
                fmt::format("it asks for {} names, more than the quota of {} "
                            "domain names per certificate (raise the quota and "
                            "set CL302 max_names)",
                            distinct.size(), quota));
        }
        if (!c.names_known) {
            ctx.note(fmt::format("{}: CL302 checked only the names known before apply", c.id));
        }
        if (problems.empty()) continue;
        out.push_back(on_certificate(c, fmt::format("ACM will refuse this certificate request: {}",
                                                    fmt::join(problems, "; "))));
    }
}

}  // namespace certlint::rules
