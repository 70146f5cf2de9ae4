#include <algorithm>

#include "rules/rules.hpp"

namespace certlint::rules {

std::vector<const Consumer*> remaining_users(const Model& m, std::size_t cert) {
    std::vector<const Consumer*> out;
    for (const Consumer& c : m.consumers) {
        if (c.action == Action::Delete) continue;
        const bool uses = std::any_of(c.attachments.begin(), c.attachments.end(), [&](const Attachment& a) {
            return std::any_of(a.candidates.begin(), a.candidates.end(),
                               [&](const CertCandidate& cand) { return cand.certificate == cert; });
        });
        if (uses) out.push_back(&c);
    }
    return out;
}

RawFinding on_certificate(const Certificate& c, std::string message) {
    RawFinding f;
    f.resource = c.id;
    f.message = std::move(message);
    f.input = c.input;
    f.location = c.location;
    return f;
}

RawFinding on_consumer(const Model& m, const Consumer& c, const CertCandidate& cand,
                       std::string message) {
    RawFinding f;
    f.resource = c.id;
    f.certificate = candidate_name(m, cand);
    f.message = std::move(message);
    f.input = c.input;
    f.location = c.location;
    return f;
}

}  // namespace certlint::rules
