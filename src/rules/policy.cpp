// Parses the embedded policies/*.yaml into Policy records (once). Unknown keys are a build
// defect, caught by the meta-test.
#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "base/ascii.hpp"
#include "certlint/rule.hpp"
#include "policy/policy.hpp"

namespace certlint {

const std::vector<std::pair<std::string_view, std::string_view>>& embedded_policies();

namespace {

std::string scalar(const YAML::Node& node, const char* key, const std::string& file) {
    const YAML::Node v = node[key];
    if (!v || !v.IsScalar()) throw std::logic_error(file + ": missing or invalid '" + key + "'");
    return v.as<std::string>();
}

std::optional<InputFamily> parse_family(const std::string& name) {
    for (const InputFamily f : all_input_families()) {
        if (name == to_string(f)) return f;
    }
    return std::nullopt;
}

Policy parse_policy(std::string_view file, std::string_view text) {
    const std::string name(file);
    const YAML::Node doc = YAML::Load(std::string(text));
    static const char* const kKeys[] = {"id",          "name",       "severity",
                                        "enabled",     "summary",    "rationale",
                                        "remediation", "references", "options"};
    for (const auto& kv : doc) {
        const std::string key = kv.first.as<std::string>();
        if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
            throw std::logic_error(name + ": unknown key '" + key + "'");
        }
    }
    Policy p;
    p.id = scalar(doc, "id", name);
    p.name = scalar(doc, "name", name);
    const auto sev = parse_severity(scalar(doc, "severity", name));
    if (!sev) throw std::logic_error(name + ": invalid severity");
    p.severity = *sev;
    p.enabled = doc["enabled"].as<bool>();
    p.summary = scalar(doc, "summary", name);
    p.rationale = scalar(doc, "rationale", name);
    const YAML::Node remediation = doc["remediation"];
    if (!remediation || !remediation.IsMap()) {
        throw std::logic_error(name + ": missing or invalid 'remediation'");
    }
    for (const auto& kv : remediation) {
        const std::string key = kv.first.as<std::string>();
        const auto family = parse_family(key);
        if (!family) throw std::logic_error(name + ": unknown remediation family '" + key + "'");
        p.remediation[*family] = scalar(remediation, key.c_str(), name);
    }
    for (const auto& r : doc["references"]) p.references.push_back(r.as<std::string>());
    if (doc["options"]) {
        for (const auto& kv : doc["options"]) {
            p.options[kv.first.as<std::string>()] = kv.second.as<std::string>();
        }
    }
    return p;
}

}  // namespace

const std::string& Policy::remediation_for(InputFamily family) const {
    static const std::string kNone;
    for (const InputFamily f : {family, InputFamily::Terraform, InputFamily::CloudFormation}) {
        const auto it = remediation.find(f);
        if (it != remediation.end()) return it->second;
    }
    return kNone;
}

}  // namespace certlint

namespace certlint::policy {

const std::vector<Policy>& builtin_policies() {
    static const std::vector<Policy> all = [] {
        std::vector<Policy> out;
        for (const auto& [file, text] : embedded_policies())
            out.push_back(parse_policy(file, text));
        return out;
    }();
    return all;
}

namespace {

// The catalog policies() returns: the built-in rules, then the custom policies installed.
// Catalogs replaced by a later install are kept, so references handed out stay valid.
struct Catalog {
    std::mutex mutex;
    std::vector<std::unique_ptr<const std::vector<Policy>>> all;
    std::atomic<const std::vector<Policy>*> current{nullptr};
};

Catalog& catalog() {
    static Catalog c;
    return c;
}

}  // namespace

void set_catalog_customs(std::vector<Policy> customs) {
    auto combined = std::make_unique<std::vector<Policy>>(builtin_policies());
    for (Policy& p : customs) combined->push_back(std::move(p));
    Catalog& c = catalog();
    const std::lock_guard<std::mutex> lock(c.mutex);
    c.current = combined.get();
    c.all.push_back(std::move(combined));
}

}  // namespace certlint::policy

namespace certlint {

const std::vector<Policy>& policies() {
    const std::vector<Policy>* current = policy::catalog().current.load();
    return current != nullptr ? *current : policy::builtin_policies();
}

const Policy* find_policy(const std::string& id_or_name) {
    for (const Policy& p : policies()) {
        if (p.id == id_or_name || p.name == id_or_name) return &p;
    }
    return nullptr;
}

const Policy* find_policy_any_case(std::string_view id_or_name) {
    for (const Policy& p : policies()) {
        if (base::ascii_iequals(p.id, id_or_name) || base::ascii_iequals(p.name, id_or_name)) {
            return &p;
        }
    }
    return nullptr;
}

const char* to_string(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Note: return "note";
    }
    return "error";
}

std::optional<Severity> parse_severity(const std::string& s) {
    if (s == "error") return Severity::Error;
    if (s == "warning") return Severity::Warning;
    if (s == "note") return Severity::Note;
    return std::nullopt;
}

}  // namespace certlint
