#include <algorithm>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

constexpr const char* kNotIssued[] = {
    "PENDING_VALIDATION", "FAILED", "VALIDATION_TIMED_OUT", "EXPIRED", "REVOKED", "INACTIVE"};

const char* consequence(const std::string& status) {
    if (status == "PENDING_VALIDATION") {
        return "it is still waiting for domain validation, and the consumer cannot serve it "
               "until it is ISSUED";
    }
    if (status == "EXPIRED") return "clients reject an expired certificate";
    if (status == "REVOKED") return "clients reject a revoked certificate";
    return "it can never be issued or served again; request a new certificate";
}

}  // namespace

void cl204_certificate_not_issued(const Model& m, const RuleContext& ctx,
                                  std::vector<RawFinding>& out) {
    const auto all_users = remaining_users(m);
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        const Certificate& c = m.certificates[i];
        // The recorded status is the old object's: a certificate this deploy (re)creates
        // starts over, and one being deleted no longer matters.
        if (c.action == Action::Delete || creates(c.action)) continue;
        if (c.status.empty()) continue;
        if (std::none_of(std::begin(kNotIssued), std::end(kNotIssued),
                         [&](const char* s) { return c.status == s; })) {
            continue;
        }
        const auto& users = all_users[i];
        if (users.empty()) {
            ctx.note(
                fmt::format("{}: CL204 not reported: the certificate is {} but nothing in "
                            "this deployment uses it",
                            c.id, c.status));
            continue;
        }
        const Consumer& user = *users.front();
        const bool attaching = creates(user.action);
        out.push_back(on_certificate(
            c, fmt::format("certificate status is {} while {} {} it: {}", c.status, user.id,
                           attaching ? "is about to attach" : "uses", consequence(c.status))));
    }
}

}  // namespace certlint::rules
