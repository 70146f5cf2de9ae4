#include <algorithm>

#include <fmt/format.h>

#include "model/consumer_catalog.hpp"
#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

// The key limits that apply to this attachment (the consumer catalog's, with their source),
// or nullptr when it is not checked.
const catalog::KeyLimits* limits_for(const Consumer& consumer, const Attachment& a) {
    const catalog::ConsumerEntry* entry = catalog::entry_for(consumer.kind);
    if (entry == nullptr) return nullptr;
    for (const catalog::KeyLimits& limits : entry->key_limits) {
        if (!limits.edge_only || a.edge) return &limits;
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
            const catalog::KeyLimits* limits = limits_for(consumer, a);
            if (limits == nullptr) continue;
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
                if (std::find(limits->accepted.begin(), limits->accepted.end(), key) !=
                    limits->accepted.end()) {
                    continue;
                }
                std::string message = fmt::format(
                    "{} uses certificate {} with key algorithm {}, which {} cannot serve: it "
                    "accepts {}",
                    to_string(consumer.kind), cert.id, key, limits->served_by,
                    limits->accepted_text);
                out.push_back(on_consumer_when(m, consumer, cand, std::move(message)));
            }
        }
    }
}

}  // namespace certlint::rules
