// Reporters: turn a Report into text. They know nothing of AWS or input formats.
#pragma once

#include <optional>
#include <string>

#include "certlint/engine.hpp"

namespace certlint {

enum class Format { Text, Json, Sarif, Github, Junit, Markdown };

[[nodiscard]] std::optional<Format> parse_format(const std::string& s);

struct RenderOptions {
    bool color = false;
    bool verbose = false;
    bool quiet = false;
    // --fail-on (nullopt: never). JUnit fails a test case only for findings at or above it,
    // so the test report agrees with the exit code.
    std::optional<Severity> fail_on = Severity::Error;
};

[[nodiscard]] std::string render(const Report& report, Format format, const RenderOptions& opts);

// True for the formats that list or draw Report::graph (junit, markdown): set it with
// graph_of(model) before rendering them.
[[nodiscard]] bool needs_graph(Format format);

// Individual reporters (src/report/<format>.cpp).
[[nodiscard]] std::string render_text(const Report& report, const RenderOptions& opts);
[[nodiscard]] std::string render_json(const Report& report);
[[nodiscard]] std::string render_sarif(const Report& report);
[[nodiscard]] std::string render_github(const Report& report);
[[nodiscard]] std::string render_junit(const Report& report, const RenderOptions& opts = {});
[[nodiscard]] std::string render_markdown(const Report& report);

}  // namespace certlint
