#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl101_edge_certificate_not_us_east_1(const Model& m, const RuleContext& ctx,
                                          std::vector<RawFinding>& out) {
    for (const Consumer& consumer : m.consumers) {
        if (consumer.action == Action::Delete) continue;
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
                out.push_back(on_consumer_when(m, consumer, cand, std::move(message)));
            }
        }
    }
}

}  // namespace certlint::rules
