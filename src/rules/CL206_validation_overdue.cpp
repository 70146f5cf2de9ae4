// CL206 validation-overdue (Conformity ACM-005): a certificate request or renewal that waits
// for domain validation. ACM gives up 72 hours after the request; a request that timed out
// can never be issued.
#include <algorithm>

#include <fmt/format.h>

#include "rules/rules.hpp"

namespace certlint::rules {

namespace {

constexpr std::int64_t kWindowSeconds = 72 * 3600;

// What completes the validation: the CNAMEs ACM asks for, or the email to approve.
std::string how_to_validate(const Certificate& c) {
    const std::vector<std::string>& records = c.pending_validation_records;
    if (!records.empty()) {
        constexpr std::size_t kShown = 3;
        std::string list;
        for (std::size_t i = 0; i < records.size() && i < kShown; ++i) {
            list += (i == 0 ? "" : ", ") + records[i];
        }
        if (records.size() > kShown) list += fmt::format(" and {} more", records.size() - kShown);
        return fmt::format("add the validation record{} {} to the public DNS zone",
                           records.size() == 1 ? "" : "s", list);
    }
    if (c.validation_method == "EMAIL") {
        return "approve the validation email, or send it again (aws acm resend-validation-email)";
    }
    if (c.validation_method == "DNS") {
        return "add the validation CNAMEs that describe-certificate lists to the public DNS zone";
    }
    return "complete the domain validation that describe-certificate lists";
}

std::string hours(std::int64_t seconds) {
    const std::int64_t h = seconds < 0 ? 0 : seconds / 3600;
    return fmt::format("{} hour{}", h, h == 1 ? "" : "s");
}

}  // namespace

void cl206_validation_overdue(const Model& m, const RuleContext& ctx,
                              std::vector<RawFinding>& out) {
    const auto now = parse_rfc3339(ctx.now);
    for (const Certificate& c : m.certificates) {
        // A certificate this deploy (re)creates starts a new request; private and imported
        // certificates are not validated by ACM.
        if (!c.managed || leaves(c.action) || creates(c.action) || is_exempt_from_validation(c)) {
            continue;
        }
        if (c.status == "VALIDATION_TIMED_OUT") {
            out.push_back(on_certificate(
                c, fmt::format("validation timed out{}: ACM stopped trying 72 hours after the "
                               "request and the certificate can never be issued; request a new "
                               "certificate (DNS validation, with its CNAME in place before the "
                               "72 hours end), move any user to it and delete this one",
                               c.created_at.empty() ? "" : " (requested " + c.created_at + ")")));
            continue;
        }
        const bool request = c.status == "PENDING_VALIDATION";
        const bool renewal = c.status == "ISSUED" && c.renewal_status == "PENDING_VALIDATION";
        if (!request && !renewal) continue;
        const std::string& since = request ? c.created_at : c.renewal_updated_at;
        const char* what = request ? "certificate request" : "managed renewal";
        if (since.empty()) {
            ctx.note(
                fmt::format("{}: CL206 undecided: the {} is PENDING_VALIDATION, but when it "
                            "started is not recorded ({})",
                            c.id, what, request ? "CreatedAt" : "RenewalSummary.UpdatedAt"));
            continue;
        }
        const auto start = parse_rfc3339(since);
        if (!now || !start) {
            ctx.note(fmt::format("{}: CL206 undecided: '{}' or '{}' is not an RFC 3339 time", c.id,
                                 ctx.now, since));
            continue;
        }
        const std::int64_t elapsed = *now - *start;
        const std::string deadline = format_rfc3339(*start + kWindowSeconds);
        const std::string fix = how_to_validate(c);
        if (elapsed < kWindowSeconds) {
            RawFinding f = on_certificate(
                c, fmt::format("{} has been PENDING_VALIDATION for {} (since {}); ACM gives up at "
                               "{}, 72 hours after it started: {} now",
                               what, hours(elapsed), since, deadline, fix));
            f.severity = Severity::Warning;
            out.push_back(std::move(f));
        } else if (request) {
            out.push_back(on_certificate(
                c, fmt::format("certificate request has been PENDING_VALIDATION for {} (since {}), "
                               "past the 72 hours ACM allows (until {}): it times out and can "
                               "never be issued; request a new certificate and {} within 72 "
                               "hours, then delete this one",
                               hours(elapsed), since, deadline, fix)));
        } else {
            const std::string expires =
                c.not_after.empty() ? "it expires" : "it expires on " + c.not_after;
            out.push_back(on_certificate(
                c, fmt::format("managed renewal has been PENDING_VALIDATION for {} (since {}), "
                               "past the 72 hours ACM allows (until {}): {} unless validation "
                               "completes; {}, or request a new certificate and move its users "
                               "to it",
                               hours(elapsed), since, deadline, expires, fix)));
        }
    }
}

}  // namespace certlint::rules
