// Human-readable report. Every string that comes from an input is escaped (printable), so
// names with terminal escape sequences cannot reach the terminal raw.
#include <fmt/format.h>

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
    std::string out;
    for (const Finding& f : report.findings) {
        const std::string sev =
            opts.color ? fmt::format("{}{}\x1b[0m", color_of(f.severity), to_string(f.severity))
                       : to_string(f.severity);
        const esc::Place place = esc::place_of(f);
        std::string where = printable(place.file);
        if (place.line > 0) where += fmt::format(":{}", place.line);
        out += fmt::format("{}: {} {} {}\n", where, sev, f.rule_id, f.rule);
        out += fmt::format("  resource:    {}\n", printable(f.resource));
        if (!f.certificate.empty()) {
            out += fmt::format("  certificate: {}\n", printable(f.certificate));
        }
        out += fmt::format("  {}\n", printable(f.message));
        if (!opts.quiet && !f.remediation.empty()) {
            out += "  how to fix:\n" + esc::indent(f.remediation, "    ");
        }
        out += "\n";
    }
    if (opts.verbose) {
        for (const std::string& n : report.notes) out += "note: " + printable(n) + "\n";
        if (!report.notes.empty()) out += "\n";
    }
    const Summary& s = report.summary;
    const int total = s.error + s.warning + s.note;
    if (!opts.quiet || total > 0) {
        out += fmt::format("{} ({}, {}, {}) in {}: {}, {}\n", esc::plural(total, "finding"),
                           esc::plural(s.error, "error"), esc::plural(s.warning, "warning"),
                           esc::plural(s.note, "note"),
                           esc::plural(static_cast<int>(report.inputs.size()), "input"),
                           esc::plural(s.certificates, "certificate"),
                           esc::plural(s.consumers, "consumer"));
    }
    return out;
}

}  // namespace certlint
