// Running the rules over a model into a report (the loader is in load.hpp, errors in
// errors.hpp). The library never prints; errors are exceptions caught by the CLI.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certlint/finding.hpp"
#include "certlint/model.hpp"
#include "certlint/report_graph.hpp"

namespace certlint {

struct RuleSettings {
    std::optional<bool> enabled;
    std::optional<Severity> severity;
    std::map<std::string, std::string> options;
};

struct Waiver {
    std::string rule;
    std::string resource_glob;
    std::string reason;
    std::string expires;  // YYYY-MM-DD, empty = never
    int line = 0;
};

struct RunOptions {
    std::map<std::string, RuleSettings> rules;  // by rule ID
    std::vector<Waiver> waivers;
    std::string now;  // RFC 3339 date-time or date (see is_rfc3339); empty = current time
};

// Whether `text` is a time RunOptions::now takes: an RFC 3339 date-time with its zone
// (2026-11-23T10:00:00Z, ...+02:00) or a date (2026-11-23), on the calendar.
[[nodiscard]] bool is_rfc3339(std::string_view text);

struct Summary {
    int error = 0;
    int warning = 0;
    int note = 0;
    int certificates = 0;
    int consumers = 0;
};

// A finding that is not reported because something accepts it: a waiver, the baseline
// (kind "external") or an ignore on the resource itself ("inSource"). SARIF lists these as
// suppressed results; no count or exit code includes them.
struct SuppressedFinding {
    Finding finding;
    std::string kind;           // SARIF suppression kind: "external" or "inSource"
    std::string justification;  // the waiver's reason, "baseline", ...
};

// An input that could not be read or understood. The run goes on with the others and exits 2
// at the end; reports list these, so that a partial check is never taken for a clean one.
struct InputProblem {
    std::string path;     // the input as named, or as a directory scan found it
    std::string message;  // one line naming the file and what is wrong (InputError::what())
};

struct Report {
    std::vector<Input> inputs;
    std::vector<InputProblem> problems;         // set by the caller (Loaded::problems, load.hpp)
    std::vector<Finding> findings;              // sorted: file, resource, rule
    std::vector<SuppressedFinding> suppressed;  // same order
    // The directory report paths and fingerprints are relative to (source_root.hpp); empty:
    // paths as given.
    std::string source_root;
    Summary summary;
    std::vector<std::string> notes;  // --verbose: undecided values, expired waivers, ...
    ReportGraph graph;  // what was checked: set by the caller for the formats that show it
                        // (needs_graph in report.hpp), as it costs memory on huge inputs
};

[[nodiscard]] Report run_rules(const Model& model, const RunOptions& opts);

// Sets the error, warning and note counts of report.summary from report.findings (after the
// findings were filtered, e.g. by a baseline).
void count_findings(Report& report);

// The version string of this build.
[[nodiscard]] const char* version();

}  // namespace certlint
