// JUnit XML, as GitLab, Jenkins and Azure DevOps read it: a test suite per input, a test
// case per certificate and consumer checked, and a failure on every test case with findings
// at or above --fail-on (one <failure> holding all of them, since most readers show only
// the first). Findings below --fail-on do not fail the test case, as they do not fail the
// job: the case passes and carries them in <system-out>. (Not <skipped>: the resource was
// checked, and readers count skipped cases as "not run".) So a pipeline whose job passes
// does not show a red test report.
#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "certlint/report.hpp"
#include "report/escape.hpp"

namespace certlint {
namespace {

struct Case {
    std::string name;       // resource
    std::string classname;  // resource type
    std::string file;
    std::vector<const Finding*> findings;
};

struct Suite {
    std::string name;  // input path
    std::vector<Case> cases;
};

std::string failure_body(const Finding& f) {
    std::string body = fmt::format("{} {} {}\n", to_string(f.severity), f.rule_id, f.rule);
    body += "resource: " + f.resource + "\n";
    if (!f.certificate.empty()) body += "certificate: " + f.certificate + "\n";
    const esc::Place place = esc::place_of(f);
    body += place.line > 0 ? fmt::format("location: {}:{}\n", place.file, place.line)
                           : fmt::format("file: {}\n", place.file);
    body += f.message + "\n";
    if (!f.remediation.empty()) body += "how to fix:\n" + f.remediation;
    if (body.back() != '\n') body += "\n";
    return body;
}

bool fails(const Finding& f, const std::optional<Severity>& fail_on) {
    return fail_on && f.severity >= *fail_on;
}

bool case_fails(const Case& c, const std::optional<Severity>& fail_on) {
    return std::any_of(c.findings.begin(), c.findings.end(),
                       [&](const Finding* f) { return fails(*f, fail_on); });
}

std::string render_case(const Case& c, const std::optional<Severity>& fail_on) {
    std::string out =
        fmt::format(R"(    <testcase name="{}" classname="{}" file="{}" time="0")",
                    esc::xml_attr(c.name), esc::xml_attr(c.classname), esc::xml_attr(c.file));
    if (c.findings.empty()) return out + "/>\n";
    std::vector<const Finding*> failing;
    std::string passing;  // findings below --fail-on
    for (const Finding* f : c.findings) {
        if (fails(*f, fail_on)) {
            failing.push_back(f);
        } else {
            if (!passing.empty()) passing += "\n";
            passing += failure_body(*f);
        }
    }
    out += ">\n";
    if (!failing.empty()) {
        Severity worst = Severity::Note;
        std::string body;
        for (const Finding* f : failing) {
            worst = std::max(worst, f->severity);
            if (!body.empty()) body += "\n";
            body += failure_body(*f);
        }
        std::string message;
        if (failing.size() == 1) {
            const Finding& f = *failing.front();
            message = fmt::format("{} {}: {}", f.rule_id, f.rule, f.message);
        } else {
            message = fmt::format("{} findings:", failing.size());
            for (const Finding* f : failing) message += " " + f->rule_id;
        }
        out += fmt::format(R"(      <failure message="{}" type="{}">{}</failure>)",
                           esc::xml_attr(message), to_string(worst), esc::xml_text(body));
        out += "\n";
    }
    if (!passing.empty()) {
        out += fmt::format("      <system-out>{}</system-out>\n", esc::xml_text(passing));
    }
    return out + "    </testcase>\n";
}

// Suites and cases of every resource checked, then findings on anything else.
std::vector<Suite> collect(const Report& report) {
    std::vector<Suite> suites;
    std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> index;
    auto suite_for = [&](const std::string& path) -> Suite& {
        for (Suite& s : suites) {
            if (s.name == path) return s;
        }
        suites.push_back(Suite{path, {}});
        return suites.back();
    };
    auto add_case = [&](const std::string& path, Case c) {
        Suite& s = suite_for(path);
        const std::size_t si = static_cast<std::size_t>(&s - suites.data());
        index[{path, c.name}] = {si, s.cases.size()};
        s.cases.push_back(std::move(c));
    };
    for (const Input& in : report.inputs) (void)suite_for(in.path);
    for (const auto& c : report.graph.certificates) {
        add_case(c.resource.input, Case{c.resource.id, c.resource.type, c.resource.file, {}});
    }
    for (const auto& c : report.graph.consumers) {
        add_case(c.resource.input, Case{c.resource.id, c.resource.type, c.resource.file, {}});
    }
    for (const Finding& f : report.findings) {
        auto it = index.find({f.file, f.resource});
        if (it == index.end()) {
            add_case(f.file, Case{f.resource, "certlint", esc::place_of(f).file, {}});
            it = index.find({f.file, f.resource});
        }
        Case& c = suites[it->second.first].cases[it->second.second];
        c.findings.push_back(&f);
        // A source location found after the model was read (--source-dir) is the better file.
        if (f.location && !f.location->file.empty()) c.file = f.location->file;
    }
    return suites;
}

}  // namespace

std::string render_junit(const Report& report, const RenderOptions& opts) {
    const std::vector<Suite> suites = collect(report);
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::string body;
    for (const Suite& s : suites) {
        const auto failed = static_cast<std::size_t>(
            std::count_if(s.cases.begin(), s.cases.end(),
                          [&](const Case& c) { return case_fails(c, opts.fail_on); }));
        tests += s.cases.size();
        failures += failed;
        body += fmt::format(
            R"(  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="0" time="0">)",
            esc::xml_attr(s.name), s.cases.size(), failed);
        body += "\n";
        for (const Case& c : s.cases) body += render_case(c, opts.fail_on);
        body += "  </testsuite>\n";
    }
    // An input that could not be read: a suite of its own whose one case is in error (not
    // run), so that readers show the run as broken rather than clean.
    for (const InputProblem& p : report.problems) {
        body += fmt::format(
            R"(  <testsuite name="{}" tests="1" failures="0" errors="1" skipped="0" time="0">)",
            esc::xml_attr(p.path));
        body += fmt::format(
            "\n    <testcase name=\"{}\" classname=\"certlint.input\" file=\"{}\" time=\"0\">\n"
            "      <error message=\"{}\" type=\"input not read\">{}</error>\n    </testcase>\n",
            esc::xml_attr(p.path), esc::xml_attr(p.path), esc::xml_attr(p.message),
            esc::xml_text(p.message));
        body += "  </testsuite>\n";
    }
    tests += report.problems.size();
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        R"(<testsuites name="certlint" tests="{}" failures="{}" errors="{}" skipped="0" time="0">)",
        tests, failures, report.problems.size());
    return out + "\n" + body + "</testsuites>\n";
}

}  // namespace certlint
