// The certlint executable: parses the command line, calls the library, prints, and picks
// the exit code (0 clean, 1 findings at or above --fail-on, 2 usage or input error).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "certlint/engine.hpp"
#include "certlint/errors.hpp"
#include "certlint/load.hpp"
#include "certlint/printable.hpp"
#include "certlint/report.hpp"
#include "certlint/rule.hpp"
#include "cli/commands.hpp"
#include "cli/terraform_roots.hpp"
#include "cli/test_policies.hpp"
#include "cli/view_commands.hpp"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

struct CheckArgs {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;
    std::string region;
    std::string fail_on;
    std::string config;
    std::vector<std::string> enable;
    std::vector<std::string> disable;
    std::string baseline;
    std::string write_baseline;
    std::string source_dir;
    std::vector<std::string> parameters;
    std::string now;
    bool no_color = false;
    bool quiet = false;
    bool verbose = false;
    std::vector<std::string> reports;  // --report FORMAT=FILE
    // ---- what a run picks as inputs (issue 14) ----
    std::vector<std::string> exclude;   // --exclude GLOB
    bool skip_non_inputs = false;       // --skip-non-inputs (the pre-commit hook)
    bool terraform_roots_of = false;    // --terraform-roots-of (the certlint-terraform hook)
    std::vector<std::string> policies;  // --policy PATH (custom policies, section 8)
    // --var / --var-file: Terraform input variables, in command-line order (tf_vars).
    std::vector<std::string> vars;
    std::vector<std::string> var_files;
    std::vector<certlint::TerraformVar> tf_vars;
};

// ---- --report FORMAT=FILE: more formats from the same run ---------------------------------

struct ExtraReport {
    certlint::Format format;
    std::string path;
};

// Checked before any input is read, so a typo costs no parse of a big plan.
std::vector<ExtraReport> parse_reports(const std::vector<std::string>& specs,
                                       const std::string& output) {
    std::vector<ExtraReport> out;
    std::vector<std::string> paths;
    if (!output.empty() && output != "-") paths.push_back(output);
    for (const std::string& spec : specs) {
        const auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
            throw certlint::UsageError(
                "--report must be FORMAT=FILE (e.g. sarif=certlint.sarif), not '" + spec + "'");
        }
        const std::string name = spec.substr(0, eq);
        const std::string path = spec.substr(eq + 1);
        const auto format = certlint::parse_format(name);
        if (!format) throw certlint::UsageError("unknown --report format " + name);
        if (path == "-") {
            throw certlint::UsageError("--report " + spec +
                                       ": writes a file; standard output is for --format");
        }
        for (const std::string& p : paths) {
            if (p == path) throw certlint::UsageError("two reports would be written to " + path);
        }
        paths.push_back(path);
        out.push_back({*format, path});
    }
    return out;
}

void write_output(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return;
    }
    std::ofstream out(path, std::ios::binary);
    if (!out) throw certlint::UsageError(fmt::format("cannot write {}", path));
    out << text;
    if (!out) throw certlint::UsageError(fmt::format("cannot write {}", path));
}

int run_check(const CheckArgs& args) {
    // Custom policies first: the config's rules, waivers and the inputs' suppressions may
    // name their IDs.
    certlint::cli::install_policies(args.config, args.policies);
    certlint::cli::Settings settings =
        certlint::cli::load_settings(args.config, args.region, args.fail_on, args.enable,
                                     args.disable, args.parameters, args.now);
    const auto format = certlint::parse_format(args.format);
    if (!format) throw certlint::UsageError("unknown --format " + args.format);
    const std::vector<ExtraReport> extra = parse_reports(args.reports, args.output);
    // An input that cannot be read does not hide the others' findings: each is one line on
    // stderr and in the reports, and the exit code is 2 (fail closed).
    certlint::ScanOptions scan;
    scan.exclude = args.exclude;
    scan.skip_non_inputs = args.skip_non_inputs;
    settings.load.terraform_vars = args.tf_vars;
    certlint::cli::check_source_dir(args.source_dir);
    settings.load.source_dir = args.source_dir;
    std::vector<std::string> paths = args.paths;
    if (args.terraform_roots_of) {
        paths = certlint::cli::terraform_roots_of(args.paths, args.exclude);
        if (paths.empty()) {  // only files under .terraform/ or --exclude
            if (args.verbose) std::cerr << "certlint: note: no Terraform root module to check\n";
            return kExitClean;
        }
    }
    certlint::Loaded loaded = certlint::load_all(paths, settings.load, scan);
    for (const certlint::InputProblem& p : loaded.problems) {
        std::cerr << "certlint: " << p.message << "\n";
    }
    if (!loaded.problems.empty() && loaded.model.inputs.empty()) return kExitError;
    const certlint::Model& model = loaded.model;
    certlint::Report report = certlint::run_rules(model, settings.run);
    report.problems = loaded.problems;
    bool graph = certlint::needs_graph(*format);
    for (const ExtraReport& r : extra) graph = graph || certlint::needs_graph(r.format);
    if (graph) report.graph = certlint::graph_of(model);
    // A baseline of a partial run would accept nothing of the inputs that were not read.
    const bool write_baseline = !args.write_baseline.empty() && report.problems.empty();
    if (!args.write_baseline.empty() && !write_baseline) {
        std::cerr << "certlint: " << args.write_baseline
                  << " not written: not every input could be read\n";
    }
    certlint::cli::apply_baseline(report, args.baseline,
                                  write_baseline ? args.write_baseline : std::string());
    certlint::RenderOptions ropts;
    ropts.color =
        *format == certlint::Format::Text &&
        certlint::cli::use_color(args.no_color, args.output.empty() && isatty(STDOUT_FILENO) != 0,
                                 std::getenv("NO_COLOR"), std::getenv("TERM"));
    ropts.verbose = args.verbose;
    ropts.quiet = args.quiet;
    ropts.fail_on = settings.fail_on;
    write_output(args.output, certlint::render(report, *format, ropts));
    for (const ExtraReport& r : extra) {
        certlint::RenderOptions file_opts = ropts;
        file_opts.color = false;
        write_output(r.path, certlint::render(report, r.format, file_opts));
    }
    if (args.verbose && *format != certlint::Format::Text) {
        for (const std::string& n : report.notes) {
            std::cerr << "certlint: note: " << certlint::printable(n) << "\n";
        }
    }
    if (!report.problems.empty()) return kExitError;
    // Recording a baseline is not a gate: the findings are being accepted.
    if (!settings.fail_on || !args.write_baseline.empty()) return kExitClean;
    for (const certlint::Finding& f : report.findings) {
        if (f.severity >= *settings.fail_on) return kExitFindings;
    }
    return kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"certlint: pre-deploy checks for AWS Certificate Manager certificates"};
    // CERTLINT_COMMIT: the git commit at configure time (CMakeLists.txt), or "unknown".
    app.set_version_flag("--version", std::string("certlint ") + certlint::version() +
                                          " (commit " CERTLINT_COMMIT ")");
    CheckArgs args;
    app.add_option("paths", args.paths,
                   "Terraform plan/state JSON, CloudFormation/SAM template, cdk.out directory, "
                   "directory to scan, or - for stdin");
    app.add_option("-f,--format", args.format, "text|json|sarif|github|junit|markdown")
        ->type_name("FORMAT")
        ->capture_default_str();
    app.add_option("-o,--output", args.output, "write the report to FILE (default: stdout)")
        ->type_name("FILE");
    app.add_option("--region", args.region,
                   "deploy region, and the region of Terraform providers without one "
                   "(default: the config's region)")
        ->type_name("REGION");
    app.add_option("--fail-on", args.fail_on,
                   "lowest severity that makes the exit code 1: error|warning|note|never "
                   "(default: error)")
        ->type_name("SEVERITY");
    app.add_option("-c,--config", args.config,
                   "config file (default: .certlint.yaml in the current directory or a parent)")
        ->type_name("FILE");
    app.add_option("--enable", args.enable, "turn a rule on (ID or name; repeatable)")
        ->type_name("RULE")
        ->take_all()
        ->allow_extra_args(false);
    app.add_option("--disable", args.disable, "turn a rule off (ID or name; repeatable)")
        ->type_name("RULE")
        ->take_all()
        ->allow_extra_args(false);
    app.add_option("--baseline", args.baseline, "ignore findings recorded in FILE")
        ->type_name("FILE");
    app.add_option("--write-baseline", args.write_baseline,
                   "record current findings in FILE (exit code 0: they are accepted)")
        ->type_name("FILE");
    app.add_option("--source-dir", args.source_dir, "Terraform source tree for file:line")
        ->type_name("DIR");
    app.add_option("--parameter", args.parameters, "CloudFormation parameter value (repeatable)")
        ->type_name("NAME=VALUE")
        ->take_all()
        ->allow_extra_args(false);
    app.add_option("--now", args.now, "the time expiry rules compare with (default: now)")
        ->type_name("RFC3339");
    app.add_option("--report", args.reports,
                   "also write a report in FORMAT to FILE from the same run (repeatable), "
                   "e.g. --report sarif=certlint.sarif")
        ->type_name("FORMAT=FILE")
        ->take_all()
        ->allow_extra_args(false);
    // ---- what a run picks as inputs (issue 14) ----
    app.add_option("--exclude", args.exclude,
                   "skip matching files and directories in directory scans (repeatable; * and "
                   "? only; matched against the path under the scanned directory, the path as "
                   "shown, and the name); .git, .terraform, node_modules, .aws-sam, "
                   ".serverless and cdk.out/asset.* are always skipped")
        ->type_name("GLOB")
        ->take_all()
        ->allow_extra_args(false);
    app.add_flag("--skip-non-inputs", args.skip_non_inputs,
                 "skip a named file that is not a plan, template or assembly by its content "
                 "(a --verbose note) instead of failing, as a directory scan does; for "
                 "pre-commit, whose files: pattern matches other files too");
    app.add_flag("--terraform-roots-of", args.terraform_roots_of,
                 "PATHs are changed .tf / .tf.json files: check the Terraform root modules "
                 "under the current directory they belong to (a file in a local module: every "
                 "root that calls it); for the certlint-terraform pre-commit hook");
    app.add_option("--policy", args.policies,
                   "custom policy file or directory (repeatable; see docs/policies.md)")
        ->take_all()
        ->allow_extra_args(false);
    // Terraform input variables for configuration directories (spec §6), kept in
    // command-line order after parsing.
    CLI::Option* var_opt = app.add_option("--var", args.vars,
                                          "Terraform variable NAME=VALUE (repeatable)")
                               ->take_all()
                               ->allow_extra_args(false);
    CLI::Option* var_file_opt =
        app.add_option("--var-file", args.var_files, "Terraform variables file (repeatable)")
            ->take_all()
            ->allow_extra_args(false);
    app.add_flag("--no-color", args.no_color, "no ANSI colors");
    app.add_flag("-q,--quiet", args.quiet, "print only the findings (no summary)");
    app.add_flag("-v,--verbose", args.verbose,
                 "the full fix with examples, and what could not be decided and why");

    app.footer(R"(Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  usage error, or an input that could not be read (one line on stderr names each; the
     other inputs are still checked and reported), or a directory with nothing to check

Examples:
  terraform show -json tfplan > plan.json && certlint plan.json
  certlint --format sarif -o certlint.sarif --report markdown=summary.md plan.json
  certlint --region eu-west-1 template.yaml        CloudFormation/SAM, deploy region
  certlint cdk.out                                 a CDK cloud assembly
  certlint --fail-on warning -v infra/             warnings fail too; say what was undecided
  certlint --exclude examples .                    scan all but examples/ (and .git, ...)
  certlint --terraform-roots-of modules/cert/main.tf   the root modules that use a module
  certlint rules                                   the rule catalog
  certlint explain CL101                           what a rule checks and how to fix it
  certlint graph -f json plan.json                 the resolved certificate graph (docs/graph.md)

Colors: text on a terminal, unless --no-color, NO_COLOR (non-empty) or TERM=dumb.)");

    auto* rules = app.add_subcommand("rules", "list the rule catalog");
    std::string rules_format = "text";
    rules->add_option("-f,--format", rules_format, "text|json")->capture_default_str();
    auto* explain = app.add_subcommand("explain", "full text of one rule");
    std::string rule_name;
    explain->add_option("rule", rule_name, "rule ID or name, in any case")->required();
    // Custom policies (section 8): `rules` and `explain` list them too; test-policies runs
    // their embedded tests.
    for (auto* sub : {rules, explain}) {
        sub->add_option("--policy", args.policies, "custom policy file or directory")
            ->take_all()
            ->allow_extra_args(false);
        sub->add_option("-c,--config", args.config, "config file (default: .certlint.yaml)");
    }
    auto* test_policies =
        app.add_subcommand("test-policies", "run the tests embedded in custom policy files");
    std::vector<std::string> test_paths;
    test_policies->add_option("paths", test_paths,
                              "policy files or directories (default: the configured ones)");
    test_policies->add_option("-c,--config", args.config, "config file (default: .certlint.yaml)");
    test_policies->add_flag("-v,--verbose", args.verbose, "also print undecided values");

    // ---- rules --fields and graph: the policy vocabulary (src/cli/graph.cpp) ----
    bool rules_fields = false;
    rules->add_flag("--fields", rules_fields,
                    "list the fields custom policies read (--format text|json|markdown)");
    auto* graph = app.add_subcommand("graph", "write the resolved certificate graph");
    certlint::cli::GraphArgs graph_args;
    graph->add_option("paths", graph_args.paths, "inputs, as for check");
    graph->add_option("-f,--format", graph_args.format, "json|dot|mermaid")->capture_default_str();
    graph->add_option("--region", graph_args.region, "deploy region / fallback provider region");
    graph->add_option("--parameter", graph_args.parameters, "CloudFormation parameter NAME=VALUE")
        ->take_all()
        ->allow_extra_args(false);
    graph->add_option("-c,--config", graph_args.config, "config file (default: .certlint.yaml)");
    // ---- end rules --fields and graph ----

    try {
        app.parse(argc, argv);
        {
            std::size_t next_var = 0, next_file = 0;
            for (const CLI::Option* o : app.parse_order()) {
                if (o == var_opt && next_var < args.vars.size()) {
                    args.tf_vars.push_back({false, args.vars[next_var++]});
                } else if (o == var_file_opt && next_file < args.var_files.size()) {
                    args.tf_vars.push_back({true, args.var_files[next_file++]});
                }
            }
        }
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "certlint: " << e.what() << "\n";
        return kExitError;
    }
    try {
        if (test_policies->parsed()) {
            const certlint::cli::TestRun run =
                certlint::cli::test_policies(test_paths, args.config, args.verbose);
            write_output("", run.output);
            if (run.errors > 0) return kExitError;
            return run.failed > 0 ? kExitFindings : kExitClean;
        }
        if (rules->parsed() && rules_fields) {
            write_output("", certlint::cli::render_fields(rules_format));
            return kExitClean;
        }
        if (graph->parsed()) {
            write_output("", certlint::cli::render_graph_command(graph_args));
            return kExitClean;
        }
        if (rules->parsed() || explain->parsed()) {
            certlint::cli::install_policies(args.config, args.policies);
        }
        if (rules->parsed()) {
            write_output("", certlint::cli::render_rules(rules_format));
            return kExitClean;
        }
        if (explain->parsed()) {
            write_output("", certlint::cli::render_explain(rule_name));
            return kExitClean;
        }
        if (args.paths.empty()) {
            std::cerr << "certlint: no input: give a plan, template, directory or -\n";
            return kExitError;
        }
        return run_check(args);
    } catch (const certlint::InputError& e) {
        std::cerr << "certlint: " << e.what() << "\n";
    } catch (const certlint::UsageError& e) {
        std::cerr << "certlint: " << certlint::printable(e.what()) << "\n";
    } catch (const std::bad_alloc&) {
        std::cerr << "certlint: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "certlint: internal error: " << certlint::printable(e.what()) << "\n";
    }
    return kExitError;
}
