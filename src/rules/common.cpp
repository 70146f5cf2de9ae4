#include "rules/rules.hpp"

namespace certlint::rules {

std::vector<std::vector<const Consumer*>> remaining_users(const Model& m) {
    std::vector<std::vector<const Consumer*>> users(m.certificates.size());
    for (const Consumer& c : m.consumers) {
        if (c.action == Action::Delete) continue;
        for (const Attachment& a : c.attachments) {
            for (const CertCandidate& cand : a.candidates) {
                if (!cand.certificate) continue;
                auto& list = users[*cand.certificate];
                if (list.empty() || list.back() != &c) list.push_back(&c);
            }
        }
    }
    return users;
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
