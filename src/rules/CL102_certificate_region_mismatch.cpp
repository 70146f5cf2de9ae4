#include <fmt/format.h>

#include "model/consumer_catalog.hpp"
#include "rules/rules.hpp"

namespace certlint::rules {

void cl102_certificate_region_mismatch(const Model& m, const RuleContext& ctx,
                                       std::vector<RawFinding>& out) {
    for (const Consumer& consumer : m.consumers) {
        const catalog::ConsumerEntry* entry = catalog::entry_for(consumer.kind);
        if (leaves(consumer.action) || entry == nullptr || !entry->region_rules) continue;
        for (const Attachment& a : consumer.attachments) {
            if (a.edge) continue;
            for (const CertCandidate& cand : a.candidates) {
                const MaybeString region = candidate_region(m, cand);
                const std::string partition = candidate_partition(m, cand);
                if (!region.known() || !consumer.region.known()) {
                    ctx.note(fmt::format("{}: CL102 undecided for {}: {}", consumer.id,
                                         candidate_name(m, cand),
                                         region.known() ? consumer.region.why : region.why));
                    continue;
                }
                std::string message;
                if (!partition.empty() && !consumer.partition.empty() &&
                    partition != consumer.partition) {
                    message = fmt::format("{} in partition {} uses a certificate from partition {}",
                                          to_string(consumer.kind), consumer.partition, partition);
                } else if (*region.value != *consumer.region.value) {
                    message = fmt::format(
                        "{} in {} uses a certificate in {}; ACM certificates are regional and "
                        "must be in the consumer's region",
                        to_string(consumer.kind), *consumer.region.value, *region.value);
                } else {
                    continue;
                }
                out.push_back(on_consumer_when(m, consumer, cand, std::move(message)));
            }
        }
    }
}

}  // namespace certlint::rules
