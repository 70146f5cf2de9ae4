// Helpers the rules share.
#include <algorithm>

#include "certlint/rule.hpp"

namespace certlint {

MaybeString candidate_region(const Model& m, const CertCandidate& c) {
    if (c.arn) {
        if (const auto parts = parse_arn(*c.arn); parts && !parts->region.empty()) {
            return {parts->region, {}};
        }
    }
    if (c.certificate && m.certificates[*c.certificate].region.known()) {
        return m.certificates[*c.certificate].region;
    }
    if (c.region.known()) return c.region;
    if (c.certificate) return m.certificates[*c.certificate].region;
    return {std::nullopt, c.region.why.empty() ? "the certificate is not known before apply"
                                               : c.region.why};
}

namespace {

std::string partition_of_region(const std::string& region) {
    if (region.rfind("cn-", 0) == 0) return "aws-cn";
    if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
    return "aws";
}

}  // namespace

std::string candidate_partition(const Model& m, const CertCandidate& c) {
    if (c.arn) {
        if (const auto parts = parse_arn(*c.arn)) return parts->partition;
    }
    if (c.certificate) return m.certificates[*c.certificate].partition;
    if (c.region.known()) return partition_of_region(*c.region.value);
    return {};
}

std::string candidate_name(const Model& m, const CertCandidate& c) {
    if (c.certificate) return m.certificates[*c.certificate].id;
    if (c.arn) return *c.arn;
    if (c.region.known()) return "a certificate in " + *c.region.value + " (ARN not known before deploy)";
    return "a certificate not known before deploy";
}

bool is_exempt_from_validation(const Certificate& c) {
    return c.cert_type == CertType::Private || c.cert_type == CertType::Imported ||
           c.validation_method == "NONE";
}

bool suppresses(const std::vector<std::string>& suppressed, const char* rule_id) {
    return std::find(suppressed.begin(), suppressed.end(), rule_id) != suppressed.end();
}

std::string quote_name(const std::string& s) { return "'" + s + "'"; }

}  // namespace certlint
