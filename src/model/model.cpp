#include "certlint/model.hpp"

#include <algorithm>

#include "model/consumer_catalog.hpp"

namespace certlint {

bool creates(Action a) {
    return a == Action::Create || a == Action::ReplaceDeleteFirst ||
           a == Action::ReplaceCreateFirst || a == Action::ReplaceCreateForget;
}

bool removes(Action a) {
    return a == Action::Delete || a == Action::ReplaceDeleteFirst ||
           a == Action::ReplaceCreateFirst;
}

bool leaves(Action a) {
    return a == Action::Delete || a == Action::Forget;
}

const char* to_string(ConsumerKind kind) {
    const catalog::ConsumerEntry* entry = catalog::entry_for(kind);
    return entry == nullptr ? "resource" : entry->label.data();  // labels are literals
}

std::optional<ArnParts> parse_arn(const std::string& arn) {
    // arn:partition:service:region:account:resource (resource may contain ':')
    if (arn.rfind("arn:", 0) != 0) return std::nullopt;
    ArnParts parts;
    std::size_t pos = 4;
    std::string* fields[] = {&parts.partition, &parts.service, &parts.region, &parts.account};
    for (std::string* field : fields) {
        const std::size_t colon = arn.find(':', pos);
        if (colon == std::string::npos) return std::nullopt;
        *field = arn.substr(pos, colon - pos);
        pos = colon + 1;
    }
    parts.resource = arn.substr(pos);
    if (parts.partition.empty() || parts.service.empty() || parts.resource.empty()) {
        return std::nullopt;
    }
    return parts;
}

bool is_acm_certificate_arn(const std::string& arn) {
    const auto parts = parse_arn(arn);
    return parts && parts->partition.rfind("aws", 0) == 0 && parts->service == "acm" &&
           !parts->region.empty() && parts->resource.rfind("certificate/", 0) == 0;
}

std::string partition_of(const std::string& region) {
    if (region.rfind("cn-", 0) == 0) return "aws-cn";
    if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
    if (region.rfind("us-isob-", 0) == 0) return "aws-iso-b";
    if (region.rfind("us-iso-", 0) == 0) return "aws-iso";
    return "aws";
}

std::string candidate_name(const Model& m, const CertCandidate& c) {
    if (c.certificate) return m.certificates[*c.certificate].id;
    if (c.arn) return *c.arn;
    if (c.region.known())
        return "a certificate in " + *c.region.value + " (ARN not known before deploy)";
    return "a certificate not known before deploy";
}

bool is_exempt_from_validation(const Certificate& c) {
    return c.cert_type == CertType::Private || c.cert_type == CertType::Imported ||
           c.validation_method == "NONE";
}

}  // namespace certlint
