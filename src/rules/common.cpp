#include <charconv>
#include <optional>
#include <system_error>

#include <fmt/format.h>

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

long long count_option(const RuleContext& ctx, const std::string& key, long long min) {
    const auto parse = [&](const std::string& s) -> std::optional<long long> {
        long long n = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec != std::errc() || end != s.data() + s.size() || n < min) return std::nullopt;
        return n;
    };
    const long long fallback = parse(ctx.policy.options.at(key)).value();  // the catalog's
    const auto it = ctx.options.find(key);
    if (it == ctx.options.end()) return fallback;
    const auto n = parse(it->second);
    if (!n) {
        ctx.note(fmt::format("{}: {} '{}' is not a whole number of at least {}; using {}",
                             ctx.policy.id, key, it->second, min, fallback));
    }
    return n.value_or(fallback);
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

RawFinding on_consumer_when(const Model& m, const Consumer& c, const CertCandidate& cand,
                            std::string message) {
    if (!cand.condition.empty()) message += " (when " + cand.condition + ")";
    return on_consumer(m, c, cand, std::move(message));
}

}  // namespace certlint::rules
