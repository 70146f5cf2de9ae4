// Human-readable report. Every string that comes from an input is escaped (printable), so
// names with terminal escape sequences cannot reach the terminal raw.
#include <fmt/format.h>

#include "certlint/report.hpp"

namespace certlint {
namespace {

std::string indent(const std::string& text, const std::string& prefix) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        out += line.empty() ? "\n" : prefix + line + "\n";
        start = end + 1;
    }
    return out;
}

const char* color_of(Severity s) {
    switch (s) {
        case Severity::Error: return "\x1b[1;31m";
        case Severity::Warning: return "\x1b[1;33m";
        case Severity::Note: return "\x1b[1;36m";
    }
    return "";
}

std::string plural(int n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

std::string render_text(const Report& report, const RenderOptions& opts) {
    std::string out;
    for (const Finding& f : report.findings) {
        const std::string sev = opts.color ? fmt::format("{}{}\x1b[0m", color_of(f.severity),
                                                         to_string(f.severity))
                                           : to_string(f.severity);
        std::string where = printable(f.file);
        if (f.location) where = fmt::format("{}:{}", printable(f.location->file), f.location->line);
        out += fmt::format("{}: {} {} {}\n", where, sev, f.rule_id, f.rule);
        out += fmt::format("  resource:    {}\n", printable(f.resource));
        if (!f.certificate.empty()) {
            out += fmt::format("  certificate: {}\n", printable(f.certificate));
        }
        out += fmt::format("  {}\n", printable(f.message));
        if (!opts.quiet && !f.remediation.empty()) {
            out += "  how to fix:\n" + indent(f.remediation, "    ");
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
        out += fmt::format("{} ({}, {}, {}) in {}: {}, {}\n", plural(total, "finding"),
                           plural(s.error, "error"), plural(s.warning, "warning"),
                           plural(s.note, "note"), plural(static_cast<int>(report.inputs.size()), "input"),
                           plural(s.certificates, "certificate"), plural(s.consumers, "consumer"));
    }
    return out;
}

}  // namespace certlint
