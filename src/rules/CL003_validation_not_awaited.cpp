#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl003_validation_not_awaited(const Model& m, const RuleContext&,
                                  std::vector<RawFinding>& out) {
    for (const Consumer& consumer : m.consumers) {
        if (leaves(consumer.action)) continue;
        for (const Attachment& a : consumer.attachments) {
            for (const CertCandidate& cand : a.candidates) {
                // A known ARN names a certificate that exists already, not the one being created.
                if (!cand.certificate || cand.arn || cand.awaits_validation) continue;
                const Certificate& cert = m.certificates[*cand.certificate];
                if (!cert.managed || !creates(cert.action) || is_exempt_from_validation(cert)) {
                    continue;
                }
                const std::string why =
                    cert.has_waiter
                        ? "it references the certificate directly instead of the validation "
                          "resource's certificate_arn"
                        : "nothing in this deployment waits for the certificate to be validated";
                // Only a consumer created in the same apply surely comes first; an update
                // may run before or after ACM issues the certificate.
                const char* outcome =
                    creates(consumer.action)
                        ? "it is created while the certificate is still PENDING_VALIDATION "
                          "and fails"
                        : "it is updated in the same apply, and the update fails if it runs "
                          "before ACM issues the certificate (a race)";
                out.push_back(on_consumer(
                    m, consumer, cand,
                    fmt::format("{} attaches certificate {}, which this deployment creates, "
                                "without waiting for validation ({}); {}",
                                to_string(consumer.kind), cert.id, why, outcome)));
            }
        }
    }
}

}  // namespace certlint::rules
