// Custom policies on the command line: discovery (config, .certlint/policies, --policy) and
// `certlint test-policies`, which runs each policy's embedded tests as `opa test` runs Rego
// tests: one line per test, what was expected and what fired for a failure, a summary.
#include "cli/test_policies.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "certlint/printable.hpp"
#include "cli/config.hpp"
#include "policy/policy.hpp"

namespace certlint::cli {

namespace fs = std::filesystem;

std::vector<std::string> discover_policy_paths(const std::string& config_path) {
    const std::string config = config_path.empty() ? find_config(fs::current_path()) : config_path;
    if (!config.empty()) return config_policy_paths(config);
    std::error_code ec;
    const fs::path here = fs::path(".certlint") / "policies";
    if (fs::is_directory(here, ec)) return {here.string()};
    return {};
}

void install_policies(const std::string& config_path, const std::vector<std::string>& cli_paths) {
    std::vector<std::string> paths = discover_policy_paths(config_path);
    paths.insert(paths.end(), cli_paths.begin(), cli_paths.end());
    if (paths.empty()) {
        policy::install(nullptr);
        return;
    }
    policy::install(std::make_shared<const policy::PolicySet>(policy::load_policies(paths)));
}

namespace {

std::string list_of(const std::vector<std::string>& items) {
    if (items.empty()) return "(nothing)";
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// What one test fires: only its policy runs (enabled even when off by default), over its
// inputs with its region and args.
std::vector<Finding> run_test(const policy::CustomPolicy& p, const policy::PolicyTest& t,
                              std::vector<std::string>& notes) {
    LoadOptions load;
    load.region = t.region;
    load.parameters = t.parameters;
    const Model model = load_inputs(t.inputs, load);
    RunOptions run;
    run.now = t.now;
    for (const Policy& other : policies()) run.rules[other.id].enabled = other.id == p.meta.id;
    Report report = run_rules(model, run);
    notes = std::move(report.notes);
    std::vector<Finding> out;
    for (Finding& f : report.findings) {
        if (f.rule_id == p.meta.id) out.push_back(std::move(f));
    }
    return out;
}

}  // namespace

TestRun test_policies(const std::vector<std::string>& paths, const std::string& config_path,
                      bool verbose) {
    const std::vector<std::string> sources =
        paths.empty() ? discover_policy_paths(config_path) : paths;
    if (sources.empty()) {
        throw UsageError(
            "no policies to test: give a policy file or directory, or put policies in "
            ".certlint/policies/ beside .certlint.yaml");
    }
    auto set = std::make_shared<const policy::PolicySet>(policy::load_policies(sources));
    if (set->policies.empty()) {
        throw UsageError(fmt::format("no policies in {}", list_of(sources)));
    }
    policy::install(set);  // every ID is known to suppressions in the test inputs
    TestRun r;
    int total = 0;
    for (const policy::CustomPolicy& p : set->policies) {
        if (p.tests.empty()) {
            r.output += fmt::format("SKIP {} {}: no tests ({}:{})\n", p.meta.id, p.meta.name,
                                    p.file, p.line);
            continue;
        }
        for (const policy::PolicyTest& t : p.tests) {
            ++total;
            std::vector<std::string> notes;
            std::vector<Finding> findings;
            try {
                findings = run_test(p, t, notes);
            } catch (const InputError& e) {
                ++r.errors;
                r.output += fmt::format("ERROR {} {} ({}:{})\n  {}\n", p.meta.id, t.name, p.file,
                                        t.line, printable(e.what()));
                continue;
            }
            std::vector<std::string> fired;
            for (const Finding& f : findings) fired.push_back(f.resource);
            std::sort(fired.begin(), fired.end());
            fired.erase(std::unique(fired.begin(), fired.end()), fired.end());
            std::vector<std::string> expected = t.expect;
            expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
            const bool pass = fired == expected;
            if (pass) {
                ++r.passed;
                r.output += fmt::format("PASS {} {}\n", p.meta.id, t.name);
            } else {
                ++r.failed;
                r.output += fmt::format("FAIL {} {} ({}:{})\n", p.meta.id, t.name, p.file, t.line);
                r.output += fmt::format("  expected: {}\n  fired:    {}\n", list_of(expected),
                                        list_of(fired));
                for (const Finding& f : findings) {
                    r.output += fmt::format("  {}: {}\n", f.resource, printable(f.message));
                }
            }
            if (verbose || !pass) {
                for (const std::string& n : notes) {
                    if (n.find(p.meta.id) != std::string::npos) {
                        r.output += "  note: " + printable(n) + "\n";
                    }
                }
            }
        }
    }
    r.output += std::string(80, '-') + "\n";
    r.output += fmt::format("PASS: {}/{}\n", r.passed, total);
    if (r.failed > 0) r.output += fmt::format("FAIL: {}/{}\n", r.failed, total);
    if (r.errors > 0) r.output += fmt::format("ERROR: {}/{}\n", r.errors, total);
    return r;
}

}  // namespace certlint::cli
