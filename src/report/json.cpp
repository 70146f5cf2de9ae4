// The contract's JSON report (product-spec section 3).
#include <nlohmann/json.hpp>

#include "certlint/report.hpp"

namespace certlint {

std::string render_json(const Report& report) {
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    doc["tool"] = {{"name", "certlint"}, {"version", version()}};
    doc["inputs"] = nlohmann::ordered_json::array();
    for (const Input& in : report.inputs) {
        doc["inputs"].push_back({{"path", in.path}, {"kind", to_string(in.kind)}});
    }
    // Inputs that could not be read (exit code 2): the findings are those of the others.
    doc["errors"] = nlohmann::ordered_json::array();
    for (const InputProblem& p : report.problems) {
        doc["errors"].push_back({{"file", p.path}, {"message", p.message}});
    }
    doc["findings"] = nlohmann::ordered_json::array();
    for (const Finding& f : report.findings) {
        nlohmann::ordered_json j;
        j["rule_id"] = f.rule_id;
        j["rule"] = f.rule;
        j["severity"] = to_string(f.severity);
        j["message"] = f.message;
        j["resource"] = f.resource;
        if (!f.certificate.empty()) j["certificate"] = f.certificate;
        j["file"] = f.file;
        if (f.location) j["location"] = {{"file", f.location->file}, {"line", f.location->line}};
        j["remediation"] = f.remediation;
        j["fingerprint"] = f.fingerprint;
        doc["findings"].push_back(std::move(j));
    }
    const Summary& s = report.summary;
    doc["summary"] = {{"error", s.error},
                      {"warning", s.warning},
                      {"note", s.note},
                      {"certificates", s.certificates},
                      {"consumers", s.consumers}};
    // Invalid UTF-8 cannot reach here (inputs are validated), but never throw on output.
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace certlint
