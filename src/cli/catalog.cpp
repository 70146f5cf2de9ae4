// `certlint rules` and `certlint explain`.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certlint/rule.hpp"
#include "cli/commands.hpp"
#include "policy/policy.hpp"

namespace certlint::cli {

std::string render_rules(const std::string& format) {
    if (format == "json") {
        nlohmann::ordered_json doc;
        doc["rules"] = nlohmann::ordered_json::array();
        for (const Policy& p : policies()) {
            doc["rules"].push_back({{"id", p.id},
                                    {"name", p.name},
                                    {"severity", to_string(p.severity)},
                                    {"enabled", p.enabled},
                                    {"summary", p.summary},
                                    {"references", p.references}});
            // A custom policy (section 8) names its file and what it applies to.
            if (const policy::CustomPolicy* c = policy::find_installed(p.id)) {
                doc["rules"].back()["source"] = fmt::format("{}:{}", c->file, c->line);
                doc["rules"].back()["on"] = policy::to_string(c->on);
            }
        }
        return doc.dump(2) + "\n";
    }
    if (format != "text") throw UsageError("rules --format must be text or json");
    std::string out =
        fmt::format("{:<6} {:<38} {:<8} {:<4} {}\n", "ID", "NAME", "SEVERITY", "ON", "SUMMARY");
    for (const Policy& p : policies()) {
        out += fmt::format("{:<6} {:<38} {:<8} {:<4} {}\n", p.id, p.name, to_string(p.severity),
                           p.enabled ? "yes" : "no", p.summary);
        if (const policy::CustomPolicy* c = policy::find_installed(p.id)) {
            out += fmt::format("{:<6} {:<38} {:<8} {:<4} (custom policy on {}, {}:{})\n", "", "",
                               "", "", policy::to_string(c->on), c->file, c->line);
        }
    }
    return out;
}

// A custom policy's text: what `explain` prints for a built-in rule, from its file.
std::string explain_custom(const policy::CustomPolicy& c) {
    const Policy& p = c.meta;
    std::string out = fmt::format("{} {} ({}, {} by default)\n\n{}\n", p.id, p.name,
                                  to_string(p.severity), p.enabled ? "on" : "off", c.description);
    if (!c.remediation.empty()) out += "\nFix:\n" + c.remediation + "\n";
    out += fmt::format("\nCustom policy on each {}, defined in {}:{}\n", policy::to_string(c.on),
                       c.file, c.line);
    return out;
}

std::string render_explain(const std::string& rule) {
    if (const policy::CustomPolicy* c = policy::find_installed(rule)) return explain_custom(*c);
    const Policy* p = find_policy_any_case(rule);
    if (p == nullptr) throw UsageError(fmt::format("unknown rule '{}' (see certlint rules)", rule));
    std::string out = fmt::format("{} {} ({}, {} by default)\n\n{}\n\nWhy it breaks:\n{}\n",
                                  p->id, p->name, to_string(p->severity),
                                  p->enabled ? "on" : "off", p->summary, p->rationale);
    for (const auto& [family, text] : p->remediation) {
        out += fmt::format("\nFix in {}:\n", display_name(family)) + text;
    }
    if (!p->references.empty()) {
        out += "\nReferences:\n";
        for (const std::string& r : p->references) out += "  " + r + "\n";
    }
    return out;
}

}  // namespace certlint::cli
