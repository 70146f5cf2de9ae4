// The library's entry points: read inputs into a model, run the rules, build a report.
// The library never prints; errors are exceptions caught by the CLI.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "certlint/finding.hpp"
#include "certlint/model.hpp"

namespace certlint {

// An input that could not be read or understood (exit code 2). what() is one line that
// names the file and the problem.
class InputError : public std::runtime_error {
public:
    InputError(const std::string& path, const std::string& problem);
};

// A usage or configuration error (exit code 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct LoadOptions {
    std::optional<std::string> region;              // fallback / deploy region
    std::map<std::string, std::string> parameters;  // CloudFormation parameter values
};

// Reads every path (file, directory, or "-" for stdin) into one model.
[[nodiscard]] Model load_inputs(const std::vector<std::string>& paths, const LoadOptions& opts);

// Reads one document already in memory (used by stdin, tests and fuzzers).
void load_document(Model& model, const std::string& path, std::string bytes,
                   const LoadOptions& opts);

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

// A resource that was checked, as reports list it.
struct CheckedResource {
    std::string input;  // the input's path (Finding::file of findings on it)
    std::string id;     // Finding::resource of findings on it
    std::string type;
    std::string file;  // its source file when known, else the input
};

// What was checked and how certificates reach their consumers, ready for reports to list or
// draw: built from the model by graph_of(), so that reporters need no AWS knowledge.
struct ReportGraph {
    struct Certificate {
        CheckedResource resource;
        std::string place;              // where it is (its region, or "region unknown")
        std::vector<std::string> step;  // lines describing its validation step; empty: none
    };
    struct Link {
        std::optional<std::size_t> certificate;  // index into certificates, or
        std::string arn;                         // a certificate known only by its ARN
        bool via_step = false;  // the consumer waits for the certificate's validation step
        std::string name;       // how findings name this certificate (Finding::certificate)
    };
    struct Consumer {
        CheckedResource resource;
        std::vector<Link> links;  // attachment and candidate order
    };
    std::vector<Certificate> certificates;  // model order
    std::vector<Consumer> consumers;        // model order
};

[[nodiscard]] ReportGraph graph_of(const Model& model);

struct Report {
    std::vector<Input> inputs;
    std::vector<Finding> findings;  // sorted: file, resource, rule
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

// Escapes control characters and terminal escape sequences for display.
[[nodiscard]] std::string printable(const std::string& s);

}  // namespace certlint
