// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Deterministic: no
// timestamps, no absolute paths unless an input lies outside the source root. Paths are
// relative to %SRCROOT% (the repository root, model/source_root.hpp); waived and baselined
// findings are results with `suppressions`, so code scanning shows them as dismissed.
#include <nlohmann/json.hpp>

#include "certlint/report.hpp"
#include "certlint/rule.hpp"
#include "model/source_root.hpp"
#include "report/escape.hpp"

namespace certlint {
namespace {

using Json = nlohmann::ordered_json;

const char* sarif_level(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Note: return "note";
    }
    return "error";
}

Json rule_descriptor(const Policy& p) {
    std::string help_text;
    std::string help_md;
    for (const auto& [family, text] : p.remediation) {
        help_text +=
            (help_text.empty() ? "" : "\n") + std::string(display_name(family)) + ":\n" + text;
        help_md += (help_md.empty() ? "**" : "\n\n**") + std::string(display_name(family)) +
                   "**\n\n" + text;
    }
    Json rule;
    rule["id"] = p.id;
    rule["name"] = p.name;
    rule["shortDescription"] = {{"text", p.summary}};
    rule["fullDescription"] = {{"text", p.rationale}};
    rule["help"] = {{"text", help_text}, {"markdown", help_md}};
    if (std::string uri = esc::rule_help_uri(p.id); !uri.empty()) rule["helpUri"] = uri;
    rule["defaultConfiguration"] = {{"enabled", p.enabled}, {"level", sarif_level(p.severity)}};
    rule["properties"] = {{"tags", Json::array({"acm", "certificates"})},
                          {"precision", "very-high"}};
    return rule;
}

// An artifactLocation: relative to %SRCROOT% when the file is under it, else file://.
Json artifact_location(const std::string& path, const std::string& root) {
    const std::string rel = root_relative(path, root);
    Json location = {{"uri", esc::path_to_uri(rel)}};
    if (rel.empty() || rel.front() != '/') location["uriBaseId"] = "%SRCROOT%";
    return location;
}

Json result(const Finding& f, const std::vector<Policy>& catalog, const std::string& root) {
    Json r;
    r["ruleId"] = f.rule_id;
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        if (catalog[i].id == f.rule_id) r["ruleIndex"] = i;
    }
    r["level"] = sarif_level(f.severity);
    r["message"] = {{"text", esc::headline(f)}};
    const esc::Place place = esc::place_of(f);
    Json physical;
    physical["artifactLocation"] = artifact_location(place.file, root);
    // GitHub code scanning places only results with a region; a finding on a whole input
    // (a plan has no line per resource) points at its first line.
    physical["region"] = {{"startLine", place.line > 0 ? place.line : 1}};
    Json location;
    location["physicalLocation"] = std::move(physical);
    location["logicalLocations"] =
        Json::array({{{"fullyQualifiedName", f.resource}, {"kind", "resource"}}});
    r["locations"] = Json::array({std::move(location)});
    r["partialFingerprints"] = {{"certlintFingerprint/v1", f.fingerprint}};
    Json props;
    props["resource"] = f.resource;
    if (!f.certificate.empty()) props["certificate"] = f.certificate;
    props["input"] = f.file;
    r["properties"] = std::move(props);
    return r;
}

}  // namespace

std::string render_sarif(const Report& report) {
    const std::vector<Policy>& catalog = policies();
    Json driver;
    driver["name"] = "certlint";
    driver["version"] = version();
    driver["semanticVersion"] = version();
    driver["informationUri"] = esc::kProjectUrl;
    driver["rules"] = Json::array();
    for (const Policy& p : catalog) driver["rules"].push_back(rule_descriptor(p));

    Json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["artifacts"] = Json::array();
    // Where relative URIs start. Its absolute path is left out (reports hold no machine's
    // paths): code scanning resolves %SRCROOT% to the checkout, other viewers ask for it.
    run["originalUriBaseIds"] = {
        {"%SRCROOT%",
         {{"description",
           {{"text",
             "The repository root: the nearest directory with .git at or above the directory "
             "certlint ran in (else that directory)."}}}}}};
    for (const Input& in : report.inputs) {
        run["artifacts"].push_back({{"location", artifact_location(in.path, report.source_root)},
                                    {"roles", Json::array({"analysisTarget"})},
                                    {"properties", {{"kind", to_string(in.kind)}}}});
    }
    run["results"] = Json::array();
    for (const Finding& f : report.findings) {
        run["results"].push_back(result(f, catalog, report.source_root));
    }
    for (const SuppressedFinding& sf : report.suppressed) {
        Json r = result(sf.finding, catalog, report.source_root);
        r["suppressions"] = Json::array(
            {{{"kind", sf.kind}, {"status", "accepted"}, {"justification", sf.justification}}});
        run["results"].push_back(std::move(r));
    }
    // Inputs that could not be read fail the run (exit code 2): notifications, as SARIF
    // viewers show tool errors, with executionSuccessful false.
    Json invocation;
    invocation["executionSuccessful"] = report.problems.empty();
    if (!report.problems.empty()) {
        Json notifications = Json::array();
        for (const InputProblem& p : report.problems) {
            Json location;
            location["physicalLocation"] = {
                {"artifactLocation", artifact_location(p.path, report.source_root)}};
            notifications.push_back({{"level", "error"},
                                     {"message", {{"text", p.message}}},
                                     {"locations", Json::array({std::move(location)})}});
        }
        invocation["toolExecutionNotifications"] = std::move(notifications);
    }
    run["invocations"] = Json::array({std::move(invocation)});
    run["columnKind"] = "utf16CodeUnits";

    Json doc;
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    doc["runs"] = Json::array({std::move(run)});
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace certlint
