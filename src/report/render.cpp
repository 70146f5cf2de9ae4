#include "certlint/report.hpp"

namespace certlint {

std::optional<Format> parse_format(const std::string& s) {
    if (s == "text") return Format::Text;
    if (s == "json") return Format::Json;
    if (s == "sarif") return Format::Sarif;
    if (s == "github") return Format::Github;
    if (s == "junit") return Format::Junit;
    if (s == "markdown") return Format::Markdown;
    return std::nullopt;
}

bool needs_graph(Format format) {
    return format == Format::Junit || format == Format::Markdown;
}

std::string render(const Report& report, Format format, const RenderOptions& opts) {
    switch (format) {
        case Format::Text: return render_text(report, opts);
        case Format::Json: return render_json(report);
        case Format::Sarif: return render_sarif(report);
        case Format::Github: return render_github(report);
        case Format::Junit: return render_junit(report, opts);
        case Format::Markdown: return render_markdown(report);
    }
    return {};
}

}  // namespace certlint
