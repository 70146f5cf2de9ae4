// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Deterministic: no
// timestamps, no absolute paths unless an input was named by one.
#include <nlohmann/json.hpp>

#include "certlint/report.hpp"
#include "certlint/rule.hpp"
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
        help_text += (help_text.empty() ? "" : "\n") + std::string(display_name(family)) + ":\n" + text;
        help_md += (help_md.empty() ? "**" : "\n\n**") + std::string(display_name(family)) +
                   "**\n\n" + text;
    }
    Json rule;
    rule["id"] = p.id;
    rule["name"] = p.name;
    rule["shortDescription"] = {{"text", p.summary}};
    rule["fullDescription"] = {{"text", p.rationale}};
    rule["help"] = {{"text", help_text}, {"markdown", help_md}};
    rule["helpUri"] = esc::rule_help_uri(p.id);
    rule["defaultConfiguration"] = {{"enabled", p.enabled}, {"level", sarif_level(p.severity)}};
    rule["properties"] = {{"tags", Json::array({"acm", "certificates"})},
                          {"precision", "very-high"}};
    return rule;
}

Json result(const Finding& f, const std::vector<Policy>& catalog) {
    Json r;
    r["ruleId"] = f.rule_id;
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        if (catalog[i].id == f.rule_id) r["ruleIndex"] = i;
    }
    r["level"] = sarif_level(f.severity);
    r["message"] = {{"text", esc::headline(f)}};
    const esc::Place place = esc::place_of(f);
    Json physical;
    physical["artifactLocation"]["uri"] = esc::path_to_uri(place.file);
    if (place.file.empty() || place.file.front() != '/') {
        physical["artifactLocation"]["uriBaseId"] = "%SRCROOT%";
    }
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
    for (const Input& in : report.inputs) {
        Json location = {{"uri", esc::path_to_uri(in.path)}};
        if (in.path.empty() || in.path.front() != '/') location["uriBaseId"] = "%SRCROOT%";
        run["artifacts"].push_back({{"location", std::move(location)},
                                    {"roles", Json::array({"analysisTarget"})},
                                    {"properties", {{"kind", to_string(in.kind)}}}});
    }
    run["results"] = Json::array();
    for (const Finding& f : report.findings) run["results"].push_back(result(f, catalog));
    run["columnKind"] = "utf16CodeUnits";

    Json doc;
    doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    doc["version"] = "2.1.0";
    doc["runs"] = Json::array({std::move(run)});
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace certlint
