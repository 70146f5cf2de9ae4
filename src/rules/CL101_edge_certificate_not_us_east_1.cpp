#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl101_edge_certificate_not_us_east_1(const Model& m, const RuleContext& ctx,
                                          std::vector<RawFinding>& out) {
    for (const Consumer& consumer : m.consumers) {
        if (leaves(consumer.action)) continue;
        for (const Attachment& a : consumer.attachments) {
            if (!a.edge) continue;
            for (const CertCandidate& cand : a.candidates) {
                const MaybeString region = candidate_region(m, cand);
                if (!region.known()) {
                    ctx.note(fmt::format("{}: CL101 undecided for {}: {}", consumer.id,
                                         candidate_name(m, cand), region.why));
                    continue;
                }
                if (*region.value == "us-east-1") continue;
                std::string message = fmt::format(
                    "{} uses a certificate in {}; {} only accepts us-east-1 certificates",
                    to_string(consumer.kind), *region.value,
                    consumer.kind == ConsumerKind::CloudFront ? "CloudFront"
                                                              : "this CloudFront-backed endpoint");
                // Moving the certificate to a us-east-1 provider is only possible where it is
                // created: a literal ARN, a variable, remote state or a lookup names a
                // certificate managed elsewhere.
                const bool managed_here =
                    cand.certificate && m.certificates[*cand.certificate].managed;
                if (!managed_here) {
                    message += fmt::format(
                        "; this deployment does not create the certificate ({}): use the ARN of "
                        "a certificate in us-east-1, requested or imported there",
                        cand.certificate ? "it is looked up"
                                         : "its ARN is given: a literal, a variable or "
                                           "parameter, or remote state");
                }
                out.push_back(on_consumer_when(m, consumer, cand, std::move(message)));
            }
        }
    }
}

}  // namespace certlint::rules
