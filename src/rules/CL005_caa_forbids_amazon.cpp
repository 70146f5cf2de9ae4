#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

// The issuer domains ACM's Amazon CAs accept in a CAA issue / issuewild value.
constexpr const char* kAmazonIssuers[] = {"amazon.com", "amazontrust.com", "awstrust.com",
                                          "amazonaws.com"};

struct CaaProperty {
    std::string tag;     // lower-case: issue, issuewild, iodef, ...
    std::string issuer;  // lower-case issuer domain; empty for ";" (no CA may issue)
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// `0 issue "amazon.com"` / `0 issuewild "letsencrypt.org; validationmethods=dns-01"`.
std::optional<CaaProperty> parse_caa(const std::string& record) {
    std::size_t pos = record.find_first_not_of(" \t");
    if (pos == std::string::npos) return std::nullopt;
    const std::size_t flags_end = record.find_first_of(" \t", pos);
    if (flags_end == std::string::npos) return std::nullopt;
    pos = record.find_first_not_of(" \t", flags_end);
    if (pos == std::string::npos) return std::nullopt;
    const std::size_t tag_end = record.find_first_of(" \t", pos);
    CaaProperty p;
    p.tag =
        lower(record.substr(pos, tag_end == std::string::npos ? std::string::npos : tag_end - pos));
    std::string value = tag_end == std::string::npos ? std::string() : trim(record.substr(tag_end));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
    }
    p.issuer = lower(trim(value.substr(0, value.find(';'))));
    return p;
}

bool is_amazon(const std::string& issuer) {
    return std::any_of(std::begin(kAmazonIssuers), std::end(kAmazonIssuers),
                       [&](const char* a) { return issuer == a; });
}

struct RecordSet {
    std::vector<std::string> ids;
    std::vector<CaaProperty> properties;
};

// The verdict of one CAA record set for one name: empty when an Amazon CA may issue,
// else why not.
std::string refusal(const RecordSet& set, bool wildcard) {
    const auto with_tag = [&](const char* tag) {
        std::vector<const CaaProperty*> out;
        for (const CaaProperty& p : set.properties) {
            if (p.tag == tag) out.push_back(&p);
        }
        return out;
    };
    // Wildcards: issuewild properties decide when present (RFC 8659 4.3), else issue.
    std::vector<const CaaProperty*> props =
        wildcard ? with_tag("issuewild") : std::vector<const CaaProperty*>{};
    const char* tag = "issuewild";
    if (props.empty()) {
        props = with_tag("issue");
        tag = "issue";
    }
    if (props.empty()) return {};  // no issue property: any CA may issue
    if (std::any_of(props.begin(), props.end(),
                    [](const CaaProperty* p) { return is_amazon(p->issuer); })) {
        return {};
    }
    std::vector<std::string> allowed;
    for (const CaaProperty* p : props) {
        if (!p->issuer.empty()) allowed.push_back(p->issuer);
    }
    if (allowed.empty()) return fmt::format("its {} properties allow no CA at all", tag);
    return fmt::format("its {} properties allow only {}", tag, fmt::join(allowed, ", "));
}

}  // namespace

void cl005_caa_forbids_amazon(const Model& m, const RuleContext& ctx,
                              std::vector<RawFinding>& out) {
    if (m.caa_records.empty()) return;
    std::map<std::string, RecordSet> sets;  // by normalized name
    for (const CaaRecordSet& r : m.caa_records) {
        RecordSet& set = sets[normalize_name(r.name)];
        set.ids.push_back(r.id);
        for (const std::string& v : r.values) {
            if (auto p = parse_caa(v)) set.properties.push_back(std::move(*p));
        }
    }
    for (const Certificate& c : m.certificates) {
        if (!c.managed || leaves(c.action)) continue;
        // Private CAs do not check CAA; imported certificates are not issued by ACM.
        if (c.cert_type == CertType::Private || c.cert_type == CertType::Imported) continue;
        const auto names = certificate_names(c);
        if (!names) {
            ctx.note(
                fmt::format("{}: CL005 undecided: the certificate's names are not known "
                            "before apply",
                            c.id));
            continue;
        }
        std::vector<std::string> problems;
        for (const std::string& name : *names) {
            const bool wildcard = is_wildcard(name);
            // The relevant record set: the closest one on the name or a parent (RFC 8659);
            // a wildcard is looked up at its base name.
            std::string lookup = normalize_name(wildcard ? name.substr(2) : name);
            while (!lookup.empty()) {
                const auto it = sets.find(lookup);
                if (it != sets.end()) {
                    const std::string why = refusal(it->second, wildcard);
                    if (!why.empty()) {
                        problems.push_back(fmt::format("{} (CAA record set {} on {}: {})", name,
                                                       fmt::join(it->second.ids, ", "), lookup,
                                                       why));
                    }
                    break;
                }
                const std::size_t dot = lookup.find('.');
                lookup = dot == std::string::npos ? std::string() : lookup.substr(dot + 1);
            }
        }
        if (problems.empty()) continue;
        out.push_back(on_certificate(
            c, fmt::format("CAA records forbid Amazon's CAs (amazon.com, amazontrust.com, "
                           "awstrust.com, amazonaws.com) to issue for {}: issuance and renewal "
                           "fail with CAA_ERROR",
                           fmt::join(problems, "; "))));
    }
}

}  // namespace certlint::rules
