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
    return {std::nullopt,
            c.region.why.empty() ? "the certificate is not known before apply" : c.region.why};
}

std::string candidate_partition(const Model& m, const CertCandidate& c) {
    if (c.arn) {
        if (const auto parts = parse_arn(*c.arn)) return parts->partition;
    }
    if (c.certificate) return m.certificates[*c.certificate].partition;
    if (c.region.known()) return partition_of(*c.region.value);
    return {};
}

bool suppresses(const std::vector<std::string>& suppressed, const char* rule_id) {
    return std::find(suppressed.begin(), suppressed.end(), rule_id) != suppressed.end();
}

std::string quote_name(const std::string& s) {
    return "'" + s + "'";
}

}  // namespace certlint
