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

// What a stuck renewal means (RenewalSummary: Panther's AWS.ACM.Certificate.Valid), or empty
// when the renewal is fine.
std::string renewal_problem(const Certificate& c) {
    const std::string expires = c.not_after.empty() ? "it expires" : "it expires on " + c.not_after;
    const std::string reason =
        c.failure_reason.empty() ? std::string() : " (" + c.failure_reason.str() + ")";
    if (c.renewal_status == "PENDING_VALIDATION") {
        return fmt::format(
            "its managed renewal is PENDING_VALIDATION{}: ACM cannot renew it until its domains "
            "validate again (the validation CNAMEs resolve, or someone approves the email), and "
            "{} otherwise",
            c.renewal_updated_at.empty() ? "" : " since " + c.renewal_updated_at, expires);
    }
    if (c.renewal_status == "FAILED") {
        return fmt::format(
            "its managed renewal FAILED{}: ACM will not renew it and {}; fix the "
            "cause or request a new certificate and move its users to it",
            reason, expires);
    }
    return {};
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
        const bool not_issued = std::any_of(std::begin(kNotIssued), std::end(kNotIssued),
                                            [&](const char* s) { return c.status == s; });
        const std::string renewal = not_issued ? std::string() : renewal_problem(c);
        if (!not_issued && renewal.empty()) continue;
        const auto& users = all_users[i];
        // "In use" governs both parts (§7), as in Panther's AWS.ACM.Certificate.Valid, whose
        // policy() returns a pass first when InUseBy is empty (panther-labs/panther-analysis,
        // aws_acm_policies/aws_acm_certificate_valid.py): an unused certificate that is not
        // ISSUED or whose renewal is stuck is CL201's or CL206's business, said in a note.
        if (users.empty() && !c.in_use.value_or(false)) {
            const std::string why = !c.in_use_undecided.empty() ? c.in_use_undecided
                                    : c.in_use                  ? "ACM records nothing using it"
                                               : "nothing in this deployment uses it";
            ctx.note(not_issued
                         ? fmt::format("{}: CL204 not reported: the certificate is {} "
                                       "but {}",
                                       c.id, c.status, why)
                         : fmt::format("{}: CL204 not reported: {}; but {}", c.id, renewal, why));
            continue;
        }
        if (users.empty()) {
            // In use as ACM records it, without naming the users (list-certificates).
            out.push_back(on_certificate(
                c, not_issued ? fmt::format("certificate status is {} while ACM records it in "
                                            "use: {}",
                                            c.status, consequence(c.status))
                              : fmt::format("certificate is in use and {}", renewal)));
            continue;
        }
        const Consumer& user = *users.front();
        const bool attaching = creates(user.action);
        if (!not_issued) {
            out.push_back(on_certificate(
                c, fmt::format("{} uses this certificate and {}", user.id, renewal)));
            continue;
        }
        out.push_back(on_certificate(
            c, fmt::format("certificate status is {} while {} {} it: {}", c.status, user.id,
                           attaching ? "is about to attach" : "uses", consequence(c.status))));
    }
}

}  // namespace certlint::rules
