// Command-line support that lives in the core library (so tests can reach it): settings
// from flags and .certlint.yaml, baselines, source mapping, and the rule catalog commands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "certlint/engine.hpp"
#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/finding.hpp"

namespace certlint::cli {

struct Settings {
    LoadOptions load;
    RunOptions run;
    std::optional<Severity> fail_on = Severity::Error;  // nullopt: --fail-on never
};

// Merges the config file (explicit, or .certlint.yaml found from the current directory up)
// with command-line flags (which win). Throws UsageError naming the file and line.
[[nodiscard]] Settings load_settings(const std::string& config_path, const std::string& region,
                                     const std::string& fail_on,
                                     const std::vector<std::string>& enable,
                                     const std::vector<std::string>& disable,
                                     const std::vector<std::string>& parameters,
                                     const std::string& now);

// Drops findings whose fingerprint is in `baseline`; writes current fingerprints to
// `write_baseline`. Empty paths do nothing.
void apply_baseline(Report& report, const std::string& baseline, const std::string& write_baseline);

// --source-dir: UsageError unless it is a directory. The readers point Terraform plans and
// states at its .tf lines (LoadOptions::source_dir).
void check_source_dir(const std::string& source_dir);

// The whole file `path` (a config file, a baseline: `what`); UsageError "PATH: cannot read
// WHAT (why)" when it cannot be read in full.
[[nodiscard]] std::string read_whole_file(const std::string& path, const std::string& what);

// Whether the text report gets ANSI colors: not with --no-color, not when stdout is not a
// terminal, not when NO_COLOR is set to a non-empty value (no-color.org; empty counts as
// unset), not when TERM is "dumb". `no_color_env`/`term_env` are getenv results (may be null).
[[nodiscard]] bool use_color(bool no_color_flag, bool stdout_is_tty, const char* no_color_env,
                             const char* term_env);

[[nodiscard]] std::string render_rules(const std::string& format);
[[nodiscard]] std::string render_explain(const std::string& rule);

}  // namespace certlint::cli
