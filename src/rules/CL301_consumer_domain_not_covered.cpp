#include <algorithm>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

void cl301_consumer_domain_not_covered(const Model& m, const RuleContext& ctx,
                                       std::vector<RawFinding>& out) {
    const auto names_of = certificate_names(m);  // PEM bodies parsed once, not per consumer
    for (const Consumer& consumer : m.consumers) {
        if (leaves(consumer.action) || consumer.domains.empty()) continue;
        for (const Attachment& a : consumer.attachments) {
            for (const CertCandidate& cand : a.candidates) {
                if (!cand.certificate) {
                    ctx.note(
                        fmt::format("{}: CL301 undecided for {}: the certificate is not in "
                                    "this deployment, so its names are unknown",
                                    consumer.id, candidate_name(m, cand)));
                    continue;
                }
                const Certificate& cert = m.certificates[*cand.certificate];
                const auto& names = names_of[*cand.certificate];
                if (!names) {
                    ctx.note(
                        fmt::format("{}: CL301 undecided for {}: its names are not known "
                                    "before apply",
                                    consumer.id, cert.id));
                    continue;
                }
                std::vector<std::string> uncovered;
                for (const std::string& d : consumer.domains) {
                    if (d.empty()) continue;
                    const bool covered =
                        std::any_of(names->begin(), names->end(),
                                    [&](const std::string& n) { return name_covers(n, d); });
                    if (!covered) uncovered.push_back(d);
                }
                if (uncovered.empty()) continue;
                std::string message = fmt::format(
                    "{} serves {} but certificate {} covers only {}: {}", to_string(consumer.kind),
                    fmt::join(uncovered, ", "), cert.id, fmt::join(*names, ", "),
                    consumer.kind == ConsumerKind::CloudFront
                        ? "CloudFront refuses an alias the certificate does not cover"
                        : "clients get a name-mismatch error (or the service refuses the domain)");
                out.push_back(on_consumer_when(m, consumer, cand, std::move(message)));
            }
        }
    }
}

}  // namespace certlint::rules
