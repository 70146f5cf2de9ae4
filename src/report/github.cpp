// GitHub Actions workflow commands: one ::error / ::warning / ::notice per finding, which
// the runner turns into annotations on the pull request.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
#include <fmt/format.h>

#include "certlint/report.hpp"
#include "report/escape.hpp"

namespace certlint {
namespace {

const char* command_of(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Note: return "notice";
    }
    return "error";
}

}  // namespace

std::string render_github(const Report& report) {
    std::string out;
    // An input that could not be read: an error annotation on it, titled so that it is not
    // counted as a finding (findings are titled with their rule ID).
    for (const InputProblem& p : report.problems) {
        out += fmt::format("::error file={},title={}::{}\n", esc::workflow_property(p.path),
                           esc::workflow_property("input not read"), esc::workflow_data(p.message));
    }
    for (const Finding& f : report.findings) {
        const esc::Place place = esc::place_of(f);
        std::string props = "file=" + esc::workflow_property(place.file);
        if (place.line > 0) props += fmt::format(",line={}", place.line);
        props += ",title=" + esc::workflow_property(f.rule_id + " " + f.rule);
        out += fmt::format("::{} {}::{}\n", command_of(f.severity), props,
                           esc::workflow_data(esc::headline(f)));
    }
    return out;
}

}  // namespace certlint
