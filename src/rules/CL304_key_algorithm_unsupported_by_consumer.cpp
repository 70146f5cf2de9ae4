#include <algorithm>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

// Key algorithms CloudFront serves to viewers: RSA keys up to 4096 bits and ECDSA P-256
// (CloudFront Developer Guide, "Requirements for using SSL/TLS certificates with CloudFront",
// "Key type" and "Size of the certificate key"). Edge-optimized API Gateway domains run on
// CloudFront and share its certificate requirements (API Gateway Developer Guide,
// "Get certificates ready in AWS Certificate Manager").
constexpr const char* kCloudFrontKeys[] = {"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096",
                                           "EC_prime256v1"};

// The service whose limits apply, or nullptr when this attachment is not checked.
const char* served_by(const Consumer& consumer, const Attachment& a) {
    if (consumer.kind == ConsumerKind::CloudFront) return "CloudFront";
    if (consumer.kind == ConsumerKind::ApiGatewayDomain && a.edge) {
        return "an edge-optimized API Gateway domain (served by CloudFront)";
    }
    return nullptr;
}

}  // namespace

void cl304_key_algorithm_unsupported_by_consumer(const Model& m, const RuleContext& ctx,
                                                 std::vector<RawFinding>& out) {
    const auto keys = effective_key_algorithms(m);  // PEM bodies parsed once, not per consumer
    for (const Consumer& consumer : m.consumers) {
        if (leaves(consumer.action)) continue;
        for (const Attachment& a : consumer.attachments) {
            const char* service = served_by(consumer, a);
            if (service == nullptr) continue;
            for (const CertCandidate& cand : a.candidates) {
                if (!cand.certificate) continue;
                const Certificate& cert = m.certificates[*cand.certificate];
                const std::string& key = keys[*cand.certificate];
                if (key.empty()) {
                    ctx.note(
                        fmt::format("{}: CL304 undecided for {}: its key algorithm is not "
                                    "known before apply",
                                    consumer.id, cert.id));
                    continue;
                }
                if (std::any_of(std::begin(kCloudFrontKeys), std::end(kCloudFrontKeys),
                                [&](const char* k) { return key == k; })) {
                    continue;
                }
                std::string message = fmt::format(
                    "{} uses certificate {} with key algorithm {}, which {} cannot serve: it "
                    "accepts RSA keys (up to 4096 bits) and ECDSA P-256 (EC_prime256v1) only",
                    to_string(consumer.kind), cert.id, key, service);
                out.push_back(on_consumer_when(m, consumer, cand, std::move(message)));
            }
        }
    }
}

}  // namespace certlint::rules
