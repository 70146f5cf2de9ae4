// Baselines: a JSON file of the fingerprints of known findings. --write-baseline records the
// current findings; --baseline drops the findings it records, so only new ones are reported
// (SARIF still lists them, as suppressed).
#include <algorithm>
#include <fstream>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace certlint::cli {
namespace {

std::set<std::string> read_baseline(const std::string& path) {
    const std::string text = read_whole_file(path, "baseline file");
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) throw UsageError(path + ": baseline is not valid JSON");
    const auto findings = doc.is_object() ? doc.find("findings") : doc.end();
    if (!doc.is_object() || doc.value("version", 0) != 1 || findings == doc.end() ||
        !findings->is_array()) {
        throw UsageError(path +
                         ": not a certlint baseline (expected {\"version\": 1, "
                         "\"findings\": [...]}; write one with --write-baseline)");
    }
    std::set<std::string> out;
    for (const auto& f : *findings) {
        const auto fp = f.is_object() ? f.find("fingerprint") : f.end();
        if (!f.is_object() || fp == f.end() || !fp->is_string()) {
            throw UsageError(path + ": every baseline finding needs a \"fingerprint\" string");
        }
        out.insert(fp->get<std::string>());
    }
    return out;
}

void write_baseline_file(const Report& report, const std::string& path) {
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    doc["tool"] = "certlint";
    doc["findings"] = nlohmann::ordered_json::array();
    std::set<std::string> seen;
    for (const Finding& f : report.findings) {
        if (!seen.insert(f.fingerprint).second) continue;
        doc["findings"].push_back({{"fingerprint", f.fingerprint},
                                   {"rule_id", f.rule_id},
                                   {"resource", f.resource},
                                   {"file", f.file}});
    }
    std::ofstream out(path, std::ios::binary);
    out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    if (!out) throw UsageError(path + ": cannot write baseline file");
}

}  // namespace

void apply_baseline(Report& report, const std::string& baseline,
                    const std::string& write_baseline) {
    // Read before writing: both options may name the same file.
    const std::set<std::string> known =
        baseline.empty() ? std::set<std::string>{} : read_baseline(baseline);
    if (!write_baseline.empty()) write_baseline_file(report, write_baseline);
    if (baseline.empty()) return;
    std::vector<Finding> kept;
    for (Finding& f : report.findings) {
        if (known.count(f.fingerprint) == 0) {
            kept.push_back(std::move(f));
        } else {
            report.suppressed.push_back({std::move(f), "external", "baseline"});
        }
    }
    // Suppressed findings keep the order of the findings (file, resource, rule).
    std::stable_sort(report.suppressed.begin(), report.suppressed.end(),
                     [](const SuppressedFinding& a, const SuppressedFinding& b) {
                         return std::tie(a.finding.file, a.finding.resource, a.finding.rule_id,
                                         a.finding.certificate) <
                                std::tie(b.finding.file, b.finding.resource, b.finding.rule_id,
                                         b.finding.certificate);
                     });
    const std::size_t dropped = report.findings.size() - kept.size();
    report.findings = std::move(kept);
    count_findings(report);
    if (dropped > 0) {
        report.notes.push_back(fmt::format("{} finding{} already in baseline {} not reported",
                                           dropped, dropped == 1 ? "" : "s", baseline));
    }
}

}  // namespace certlint::cli
