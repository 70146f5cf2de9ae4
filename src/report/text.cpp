// Human-readable report. Every string that comes from an input is escaped (printable), so
// names with terminal escape sequences cannot reach the terminal raw.
#include <fmt/format.h>

#include "certlint/printable.hpp"
#include "certlint/report.hpp"
#include "report/escape.hpp"

namespace certlint {
namespace {

const char* color_of(Severity s) {
    switch (s) {
        case Severity::Error: return "\x1b[1;31m";
        case Severity::Warning: return "\x1b[1;33m";
        case Severity::Note: return "\x1b[1;36m";
    }
    return "";
}

}  // namespace

std::string render_text(const Report& report, const RenderOptions& opts) {
    // Per finding at most 5 lines: location first (editors and terminals link FILE:LINE),
    // the resource, the message, a one-line fix, and a blank line between findings.
    std::string out;
    for (const Finding& f : report.findings) {
        if (!out.empty()) out += "\n";
        const std::string sev =
            opts.color ? fmt::format("{}{}\x1b[0m", color_of(f.severity), to_string(f.severity))
                       : to_string(f.severity);
        const esc::Place place = esc::place_of(f);
        std::string where = printable(place.file);
        if (place.line > 0) where += fmt::format(":{}", place.line);
        out += fmt::format("{}: {} {} {}\n", where, sev, f.rule_id, f.rule);
        out += fmt::format("  resource: {}", printable(f.resource));
        if (!f.certificate.empty())
            out += fmt::format(" (certificate {})", printable(f.certificate));
        out += "\n";
        out += fmt::format("  {}\n", printable(f.message));
        const std::string fix = esc::first_sentence(f.remediation);
        out += fix.empty() ? fmt::format("  fix: certlint explain {}\n", f.rule_id)
                           : fmt::format("  fix: {} More: certlint explain {}\n", fix, f.rule_id);
        if (opts.verbose && !f.remediation.empty()) {
            out += "  how to fix:\n" + esc::indent(f.remediation, "    ");
        }
    }
    if (opts.quiet) return out;
    if (!out.empty()) out += "\n";
    if (opts.verbose) {
        for (const std::string& n : report.notes) out += "note: " + printable(n) + "\n";
        if (!report.notes.empty()) out += "\n";
    }
    const Summary& s = report.summary;
    const int total = s.error + s.warning + s.note;
    out += fmt::format(
        "{} ({}, {}, {}) in {}: {}, {}\n", esc::plural(total, "finding"),
        esc::plural(s.error, "error"), esc::plural(s.warning, "warning"),
        esc::plural(s.note, "note"), esc::plural(static_cast<int>(report.inputs.size()), "input"),
        esc::plural(s.certificates, "certificate"), esc::plural(s.consumers, "consumer"));
    if (!report.problems.empty()) {
        std::string paths;
        for (const InputProblem& p : report.problems) {
            paths += (paths.empty() ? "" : ", ") + printable(p.path);
        }
        out += fmt::format("{} could not be read (exit code 2): {}\n",
                           esc::plural(report.problems.size(), "input"), paths);
    }
    if (!opts.verbose && !report.notes.empty()) {
        out += fmt::format(
            "--verbose shows {} (what could not be decided, what was skipped, waivers, "
            "baseline)\n",
            esc::plural(report.notes.size(), "note"));
    }
    return out;
}

}  // namespace certlint
