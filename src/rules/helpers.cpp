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
    if (c.certificate) return m.certificates[*c.certificate].region;
    return {std::nullopt, "the certificate is not known before apply"};
}

std::string candidate_partition(const Model& m, const CertCandidate& c) {
    if (c.arn) {
        if (const auto parts = parse_arn(*c.arn)) return parts->partition;
    }
    if (c.certificate) return m.certificates[*c.certificate].partition;
    return {};
}

std::string candidate_name(const Model& m, const CertCandidate& c) {
    if (c.certificate) return m.certificates[*c.certificate].id;
    return c.arn.value_or("");
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
