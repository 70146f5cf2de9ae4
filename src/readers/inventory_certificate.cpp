// One ACM certificate object (DescribeCertificate's CertificateDetail, ListCertificates'
// CertificateSummary, AWS Config's camelCase configuration) as model facts, and the consumers
// its InUseBy ARNs name (inventory.hpp).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "base/time.hpp"
#include "certlint/errors.hpp"
#include "model/consumer_catalog.hpp"
#include "readers/inventory.hpp"

namespace certlint::readers::inventory {

namespace {

const nlohmann::json kNull;

std::string where(const Origin& origin) {
    return origin.line > 0 ? fmt::format(" (line {})", origin.line) : std::string();
}

[[noreturn]] void fail(const Origin& origin, const std::string& problem) {
    throw InputError(*origin.path, problem + where(origin));
}

// A string field: empty when absent or null; InputError when it is another type.
std::string text(const nlohmann::json& object, std::string_view name, const Origin& origin) {
    const nlohmann::json& v = field(object, name);
    if (v.is_null()) return {};
    if (!v.is_string()) fail(origin, fmt::format("{} is not a string", name));
    return v.get<std::string>();
}

// A list of strings: empty when absent or null.
std::vector<std::string> strings(const nlohmann::json& object, std::string_view name,
                                 const Origin& origin) {
    const nlohmann::json& v = field(object, name);
    std::vector<std::string> out;
    if (v.is_null()) return out;
    if (!v.is_array()) fail(origin, fmt::format("{} is not a list", name));
    for (const auto& item : v) {
        if (!item.is_string())
            fail(origin, fmt::format("{} holds a value that is not a string", name));
        out.push_back(item.get<std::string>());
    }
    return out;
}

const nlohmann::json& object_field(const nlohmann::json& object, std::string_view name,
                                   const Origin& origin) {
    const nlohmann::json& v = field(object, name);
    if (!v.is_null() && !v.is_object()) fail(origin, fmt::format("{} is not an object", name));
    return v;
}

std::string rfc3339(const nlohmann::json& object, std::string_view name, const Origin& origin) {
    const auto t = timestamp(object, name, origin);
    return t ? base::format_rfc3339(*t) : std::string();
}

std::optional<std::int64_t> epoch_seconds(double seconds) {
    // Seconds since the epoch reach 1e11 in the year 5138: larger values are milliseconds.
    if (std::fabs(seconds) >= 1e11) seconds /= 1000;
    if (!std::isfinite(seconds) || std::fabs(seconds) > 1e13) return std::nullopt;
    return static_cast<std::int64_t>(std::floor(seconds));
}

// The CNAMEs ACM still waits for ("NAME CNAME VALUE"): those of domains not yet validated.
std::vector<std::string> pending_records(const nlohmann::json& list, const Origin& origin) {
    std::vector<std::string> out;
    if (list.is_null()) return out;
    if (!list.is_array()) fail(origin, "DomainValidationOptions is not a list");
    for (const auto& dvo : list) {
        if (!dvo.is_object()) fail(origin, "DomainValidationOptions holds a non-object");
        if (text(dvo, "ValidationStatus", origin) == "SUCCESS") continue;
        const nlohmann::json& record = object_field(dvo, "ResourceRecord", origin);
        const std::string name = text(record, "Name", origin);
        if (name.empty()) continue;
        std::string line =
            name + " " + text(record, "Type", origin) + " " + text(record, "Value", origin);
        if (std::find(out.begin(), out.end(), line) == out.end()) out.push_back(std::move(line));
    }
    return out;
}

// The validation method the domains record: EMAIL when any domain is email-validated (every
// renewal then needs a person), else the one they share; empty when none is recorded.
std::string validation_method(const nlohmann::json& list, const Origin& origin) {
    std::string method;
    if (!list.is_array()) return method;
    for (const auto& dvo : list) {
        const std::string m = text(dvo, "ValidationMethod", origin);
        if (m == "EMAIL") return m;
        if (method.empty()) method = m;
    }
    return method;
}

CertType cert_type(const std::string& type, const nlohmann::json& object, const Origin& origin) {
    if (type == "AMAZON_ISSUED") return CertType::AmazonIssued;
    if (type == "IMPORTED") return CertType::Imported;
    if (type == "PRIVATE") return CertType::Private;
    if (!type.empty())
        fail(origin, fmt::format("Type '{}' is not a certificate type ACM knows", type));
    if (!text(object, "CertificateAuthorityArn", origin).empty()) return CertType::Private;
    if (!field(object, "ImportedAt").is_null()) return CertType::Imported;
    return CertType::Unknown;
}

// "cloudfront:distribution", "elasticloadbalancing:loadbalancer", "apigateway:domainnames".
std::string consumer_type(const ArnParts& arn) {
    std::string_view resource = arn.resource;
    while (!resource.empty() && resource.front() == '/') resource.remove_prefix(1);
    const std::size_t end = resource.find_first_of("/:");
    return arn.service + ":" + std::string(resource.substr(0, end));
}

// Whether the catalog says the consumer may be CloudFront-backed (an edge attachment takes a
// us-east-1 certificate whatever the consumer's own region).
bool may_be_edge(const catalog::ConsumerEntry& entry) {
    const auto any_edge = [](const std::vector<catalog::Mapping>& mappings) {
        return std::any_of(mappings.begin(), mappings.end(), [](const catalog::Mapping& m) {
            return m.edge_from_endpoint_configuration ||
                   std::any_of(m.certificates.begin(), m.certificates.end(),
                               [](const catalog::CertPath& p) { return p.edge; });
        });
    };
    return any_edge(entry.terraform) || any_edge(entry.cloudformation);
}

Consumer make_consumer(const std::string& arn, std::size_t input,
                       const std::optional<SourceLocation>& location) {
    Consumer c;
    c.id = arn;
    c.input = input;
    c.location = location;
    const auto parts = parse_arn(arn);
    if (!parts) {
        c.type = "resource";
        c.region = {std::nullopt, "its InUseBy entry is not an ARN"};
        return c;
    }
    c.type = consumer_type(*parts);
    c.partition = parts->partition;
    const catalog::ConsumerEntry* entry = catalog::consumer_for_arn(*parts);
    c.kind = entry != nullptr ? entry->kind : ConsumerKind::Other;
    const bool cloudfront =
        c.kind == ConsumerKind::CloudFront || c.kind == ConsumerKind::CloudFrontTenant;
    if (cloudfront) {
        c.region = {std::nullopt, "CloudFront is global"};
    } else if (entry != nullptr && may_be_edge(*entry)) {
        // An edge-optimized endpoint's certificate is in us-east-1 whatever the region in its
        // ARN; ACM's InUseBy does not say which kind of endpoint it is.
        c.region = {std::nullopt, fmt::format("the ACM inventory does not say whether {} is "
                                              "edge-optimized (CloudFront-backed) or regional",
                                              arn)};
    } else if (!parts->region.empty()) {
        c.region = {Symbol(parts->region), {}};
    } else {
        c.region = {std::nullopt, fmt::format("{} names no region", arn)};
    }
    Attachment a;
    a.attribute = "InUseBy";
    a.edge = cloudfront;
    c.attachments.push_back(std::move(a));
    return c;
}

}  // namespace

const nlohmann::json& field(const nlohmann::json& object, std::string_view name) {
    if (!object.is_object() || name.empty()) return kNull;
    auto it = object.find(name);
    if (it != object.end()) return *it;
    std::string camel(name);
    camel[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(camel[0])));
    it = object.find(camel);
    return it == object.end() ? kNull : *it;
}

std::optional<std::int64_t> timestamp(const nlohmann::json& object, std::string_view name,
                                      const Origin& origin) {
    const nlohmann::json& v = field(object, name);
    if (v.is_null()) return std::nullopt;
    if (v.is_number()) {
        if (const auto t = epoch_seconds(v.get<double>())) return t;
    } else if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (const auto t = base::parse_rfc3339(s)) return t;
        double seconds = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seconds);
        if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) {
            if (const auto t = epoch_seconds(seconds)) return t;
        }
    }
    fail(origin,
         fmt::format("{} is not a time (RFC 3339 or seconds since the epoch): {}", name, v.dump()));
}

Entry read_certificate(const nlohmann::json& object, std::size_t input, const Origin& origin,
                       bool summary) {
    if (!object.is_object()) fail(origin, "a certificate is not a JSON object");
    Entry e;
    Certificate& c = e.certificate;
    const std::string arn = text(object, "CertificateArn", origin);
    if (arn.empty()) fail(origin, "a certificate has no CertificateArn");
    if (!is_acm_certificate_arn(arn)) {
        fail(origin, fmt::format("CertificateArn '{}' is not an ACM certificate ARN", arn));
    }
    const auto parts = parse_arn(arn);
    c.id = arn;
    c.type = "AWS::ACM::Certificate";
    c.input = input;
    c.location = SourceLocation{Symbol(*origin.path), origin.line};
    c.arn = arn;
    c.region = {Symbol(parts->region), {}};
    c.partition = parts->partition;
    c.cert_type = cert_type(text(object, "Type", origin), object, origin);

    c.domain_name = text(object, "DomainName", origin);
    c.subject_alternative_names = strings(
        object, summary ? "SubjectAlternativeNameSummaries" : "SubjectAlternativeNames", origin);
    const nlohmann::json& more = field(object, "HasAdditionalSubjectAlternativeNames");
    c.names_known = !c.domain_name.empty() && !(more.is_boolean() && more.get<bool>());

    std::string key = text(object, "KeyAlgorithm", origin);
    std::replace(key.begin(), key.end(), '-', '_');  // DescribeCertificate says RSA-2048
    c.key_algorithm = key;
    const nlohmann::json& options = object_field(object, "Options", origin);
    c.transparency_logging = text(options, "CertificateTransparencyLoggingPreference", origin);
    std::string export_option = text(options, "Export", origin);
    if (export_option.empty()) export_option = text(object, "ExportOption", origin);
    c.export_option = export_option;
    const nlohmann::json& exported = field(object, "Exported");
    if (exported.is_boolean() && exported.get<bool>()) {
        c.exported = true;
        c.exported_by = "ACM (exported since it was issued)";
    }

    c.status = text(object, "Status", origin);
    c.renewal_eligibility = text(object, "RenewalEligibility", origin);
    c.not_after = rfc3339(object, "NotAfter", origin);
    c.created_at = rfc3339(object, "CreatedAt", origin);
    c.failure_reason = text(object, "FailureReason", origin);

    const nlohmann::json& dvo = field(object, "DomainValidationOptions");
    c.validation_method = validation_method(dvo, origin);
    c.pending_validation_records = pending_records(dvo, origin);
    const nlohmann::json& renewal = object_field(object, "RenewalSummary", origin);
    if (!renewal.is_null()) {
        c.renewal_status = text(renewal, "RenewalStatus", origin);
        c.renewal_updated_at = rfc3339(renewal, "UpdatedAt", origin);
        if (c.failure_reason.empty()) {
            c.failure_reason = text(renewal, "RenewalStatusReason", origin);
        }
        // A renewal waiting for validation: its domains' state is what needs doing.
        const nlohmann::json& renewal_dvo = field(renewal, "DomainValidationOptions");
        if (c.renewal_status == "PENDING_VALIDATION" && renewal_dvo.is_array() &&
            !renewal_dvo.empty()) {
            c.pending_validation_records = pending_records(renewal_dvo, origin);
            if (c.validation_method.empty()) {
                c.validation_method = validation_method(renewal_dvo, origin);
            }
        }
    }
    // An inventory holds certificates, not DNS records: whether the validation CNAMEs exist
    // shows in the status (CL204, CL206), not in what a deployment creates (CL002).
    c.validation_records_undecided =
        "an ACM inventory records certificates, not the DNS records that validate them";

    if (summary) {
        const nlohmann::json& in_use = field(object, "InUse");
        if (in_use.is_boolean()) {
            c.in_use = in_use.get<bool>();
        } else {
            c.in_use_undecided = "the list-certificates output does not record InUse";
        }
    } else {
        e.in_use_by = strings(object, "InUseBy", origin);  // null or absent: not in use
        c.in_use = !e.in_use_by.empty();
    }
    return e;
}

void add_entries(Model& model, std::size_t input, std::vector<Entry>&& entries) {
    // The entry checked for each ARN, in the order ARNs first appear.
    std::unordered_map<std::string, std::size_t> chosen;
    std::unordered_map<std::string, std::size_t> seen;
    std::vector<std::string> order;
    chosen.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string& arn = entries[i].certificate.id;
        const auto [it, added] = chosen.emplace(arn, i);
        ++seen[arn];
        if (added) {
            order.push_back(arn);
            continue;
        }
        const Entry& kept = entries[it->second];
        if (entries[i].captured && (!kept.captured || *entries[i].captured > *kept.captured)) {
            it->second = i;
        }
    }
    std::unordered_map<std::string, std::size_t> consumers;  // by ARN, into model.consumers
    model.certificates.reserve(model.certificates.size() + order.size());
    for (const std::string& arn : order) {
        Entry& e = entries[chosen[arn]];
        if (const std::size_t times = seen[arn]; times > 1) {
            model.notes.push_back(fmt::format(
                "{}: listed {} times in {}; {} is checked", arn, times, model.inputs[input].path,
                e.captured ? "the latest configuration item" : "the first listing"));
        }
        if (e.deleted) continue;
        const std::size_t index = model.certificates.size();
        for (const std::string& user : e.in_use_by) {
            auto [it, added] = consumers.emplace(user, model.consumers.size());
            if (added)
                model.consumers.push_back(make_consumer(user, input, e.certificate.location));
            Attachment& a = model.consumers[it->second].attachments.front();
            CertCandidate cand;
            cand.certificate = index;
            cand.arn = arn;
            a.candidates.push_back(std::move(cand));
        }
        model.certificates.push_back(std::move(e.certificate));
    }
}

}  // namespace certlint::readers::inventory
