// End-to-end tests of the certlint binary: exit codes, report shape, --fail-on, bad input.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "cli/commands.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::run_certlint;
namespace fs = std::filesystem;

namespace {

std::string corpus(const std::string& name) {
    return certlint::test::corpus_path("tfplan/" + name);
}

// The UTF-16 checkov plan: one DNS certificate with no validation records and no consumer.
const std::string kLoneCert = "checkov_plan_with_lifecycle_check.tfplan.json";
// A wildcard certificate with records and a waiter but no consumer: only CL201 (warning).
const std::string kUnused = "tc_issue-427.plan.json";

// A file in this test run's own directory (removed when the tests exit).
std::string temp_file(const std::string& name, const std::string& content) {
    static const certlint::test::TempDir dir;
    return dir.write(name, content);
}

bool one_line(const std::string& s) {
    return !s.empty() && s.back() == '\n' && s.find('\n') == s.size() - 1;
}

}  // namespace

TEST_CASE("findings at or above --fail-on decide the exit code", "[cli]") {
    CHECK(run_certlint({corpus(kLoneCert)}).exit_code == 1);
    CHECK(run_certlint({"--fail-on", "never", corpus(kLoneCert)}).exit_code == 0);
    CHECK(run_certlint({corpus(kUnused)}).exit_code == 0);  // a warning only
    CHECK(run_certlint({"--fail-on", "warning", corpus(kUnused)}).exit_code == 1);
    CHECK(run_certlint({"--fail-on", "note", corpus(kUnused)}).exit_code == 1);
    CHECK(run_certlint({"--disable", "CL201", "--fail-on", "warning", corpus(kUnused)}).exit_code ==
          0);
    CHECK(run_certlint({"--disable", "unused-certificate", "--fail-on", "warning", corpus(kUnused)})
              .exit_code == 0);
    // Repeatable options take one value each time.
    CHECK(run_certlint(
              {"--disable", "CL002", "--disable", "CL201", "--fail-on", "note", corpus(kLoneCert)})
              .exit_code == 0);
    CHECK(run_certlint({"--enable", "CL305", "--enable", "CL201", "--parameter", "A=1",
                        "--parameter", "B=2", corpus(kUnused)})
              .exit_code == 0);
}

TEST_CASE("the JSON report has the contract's shape", "[cli]") {
    const auto run = run_certlint({"--format", "json", corpus(kLoneCert)});
    REQUIRE(run.exit_code == 1);
    const auto doc = nlohmann::json::parse(run.out);
    CHECK(doc.at("version") == 1);
    CHECK(doc.at("tool").at("name") == "certlint");
    REQUIRE(doc.at("inputs").size() == 1);
    CHECK(doc["inputs"][0].at("path") == corpus(kLoneCert));
    CHECK(doc["inputs"][0].at("kind") == "terraform-plan");
    const auto& findings = doc.at("findings");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].at("rule_id") == "CL002");
    CHECK(findings[0].at("rule") == "dns-validation-records-missing");
    CHECK(findings[0].at("severity") == "error");
    CHECK(findings[0].at("resource") == "aws_acm_certificate.acme");
    CHECK(findings[0].at("file") == corpus(kLoneCert));
    CHECK(!findings[0].at("message").get<std::string>().empty());
    CHECK(!findings[0].at("remediation").get<std::string>().empty());
    CHECK_FALSE(findings[0].contains("certificate"));
    CHECK(findings[1].at("rule_id") == "CL201");
    CHECK(findings[1].at("severity") == "warning");
    CHECK(doc.at("summary") ==
          nlohmann::json(
              {{"error", 1}, {"warning", 1}, {"note", 0}, {"certificates", 1}, {"consumers", 0}}));
}

TEST_CASE("the text report says what, where, why and how to fix", "[cli]") {
    const auto run = run_certlint({"--no-color", corpus(kLoneCert)});
    CHECK(run.out.find("error CL002 dns-validation-records-missing") != std::string::npos);
    CHECK(run.out.find(corpus(kLoneCert) + ": error CL002 dns-validation-records-missing\n"
                                           "  resource: aws_acm_certificate.acme\n") == 0);
    CHECK(run.out.find("\n  fix: Create one record per entry of the certificate's "
                       "`domain_validation_options` (in the zone of each name, with any DNS "
                       "provider) and point the validation resource at them. More: certlint "
                       "explain CL002\n") != std::string::npos);
    CHECK(run.out.find("how to fix:") == std::string::npos);
    const auto verbose = run_certlint({"--no-color", "-v", corpus(kLoneCert)});
    CHECK(verbose.out.find("  how to fix:\n    Create one record per entry") != std::string::npos);
    CHECK(run.out.find(
              "2 findings (1 error, 1 warning, 0 notes) in 1 input: 1 certificate, 0 consumers") !=
          std::string::npos);
    CHECK(run.out.find('\x1b') == std::string::npos);
}

TEST_CASE("standard input is read with -", "[cli]") {
    const auto run =
        run_certlint({"--format", "json", "-"}, certlint::test::read_file(corpus(kUnused)));
    REQUIRE(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out).at("findings").at(0).at("rule_id") == "CL201");
}

TEST_CASE("standard input is read once, however often - is named", "[cli]") {
    const std::string plan = certlint::test::read_file(corpus(kUnused));
    for (int run = 0; run < 3; ++run) {
        INFO("run " << run);
        const auto twice = run_certlint({"--format", "json", "-", "-"}, plan);
        CHECK(twice.err.empty());
        REQUIRE(twice.exit_code == 0);
        const auto doc = nlohmann::json::parse(twice.out);
        REQUIRE(doc.at("inputs").size() == 1);  // one input, not two
        CHECK(doc["inputs"][0] == nlohmann::json({{"path", "-"}, {"kind", "terraform-plan"}}));
        CHECK(doc.at("findings").size() == 1);
    }
    // Beside a file, still once.
    const auto mixed = run_certlint({"--format", "json", "-", corpus(kLoneCert), "-"}, plan);
    REQUIRE(mixed.exit_code == 1);
    CHECK(nlohmann::json::parse(mixed.out).at("inputs").size() == 2);
}

TEST_CASE("bad input is refused with exit 2 and one line naming the file", "[cli]") {
    struct Case {
        const char* name;
        std::string content;
        const char* says;
    };
    const Case cases[] = {
        {"empty.json", "", "file is empty"},
        {"garbage.json",
         std::string("\x7f"
                     "ELF\x02\x01\x01\0\0\0",
                     10),
         "NUL byte"},
        {"truncated.json", R"({"format_version":"1.2","planned_values":{"root_module":)",
         "invalid JSON"},
        {"latin1.json", "{\"format_version\":\"1.2\",\"x\":\"caf\xe9\"}", "invalid UTF-8"},
        {"deep.json", std::string(200000, '[') + std::string(200000, ']'), "nested deeper"},
        {"list.json", "[1, 2, 3]", "not a Terraform plan"},
        {"other.json", R"({"name": "package", "version": "1.0.0"})", "not a Terraform plan"},
        // A format_version alone is an empty state; with keys Terraform never writes, not ours.
        {"versioned.json", R"({"format_version": "1.0", "name": "package"})",
         "not a Terraform plan"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const std::string path = temp_file(c.name, c.content);
        const auto run = run_certlint({path});
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(one_line(run.err));
        CHECK(run.err.find(path) != std::string::npos);
        CHECK(run.err.find(c.says) != std::string::npos);
    }
    const auto missing = run_certlint({"/nonexistent/plan.json"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("no such file") != std::string::npos);
}

TEST_CASE("usage errors exit 2", "[cli]") {
    CHECK(run_certlint({}).exit_code == 2);
    // With a readable plan, so that the exit code can only come from the flag.
    const std::string plan = corpus(kUnused);
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--format", "yaml"}, "unknown --format yaml"},
        {{"--fail-on", "sometimes"}, "--fail-on must be"},
        {{"--enable", "CL999"}, "unknown rule 'CL999'"},
        {{"--now", "yesterday"}, "--now must be an RFC 3339 time"},
        {{"--now", "2026-13-45"}, "--now must be an RFC 3339 time, not '2026-13-45'"},
        {{"--now", "2026-02-29T00:00:00Z"}, "--now must be an RFC 3339 time"},
        {{"--now", "2026-11-23T10:00:00"}, "--now must be an RFC 3339 time"},  // no zone
    };
    for (const auto& [flags, message] : cases) {
        std::vector<std::string> args = flags;
        args.push_back(plan);
        const auto run = run_certlint(args);
        INFO(flags[0]);
        CHECK(run.exit_code == 2);
        CHECK(one_line(run.err));
        CHECK(run.err.find(message) != std::string::npos);
    }
    CHECK(run_certlint({plan}).exit_code == 0);  // the plan itself passes (a CL201 warning)
    for (const char* now : {"2028-02-29", "2026-11-23T10:00:00.5+02:00", "2026-11-23T10:00:00Z"}) {
        INFO(now);
        CHECK(run_certlint({"--now", now, plan}).exit_code == 0);
    }
    const auto unknown = run_certlint({"--no-such-flag"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("--no-such-flag") != std::string::npos);
    const auto version = run_certlint({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.find('.') != std::string::npos);
}

TEST_CASE("names with terminal escape sequences are escaped in text output", "[cli]") {
    const std::string plan = R"({"format_version":"1.2","terraform_version":"1.9.0",
      "planned_values":{"root_module":{"resources":[{"address":"aws_acm_certificate.x\u001b]0;pwned\u0007",
        "mode":"managed","type":"aws_acm_certificate","name":"x\u001b]0;pwned\u0007","provider_name":"registry.terraform.io/hashicorp/aws",
        "values":{"domain_name":"example.com","validation_method":"EMAIL"}}]}},
      "resource_changes":[{"address":"aws_acm_certificate.x\u001b]0;pwned\u0007","mode":"managed","type":"aws_acm_certificate",
        "name":"x\u001b]0;pwned\u0007","provider_name":"registry.terraform.io/hashicorp/aws",
        "change":{"actions":["create"],"before":null,"after":{"domain_name":"example.com","validation_method":"EMAIL"},
                  "after_unknown":{"arn":true}}}]})";
    const auto run =
        run_certlint({"--no-color", "--region", "us-east-1", temp_file("escape.json", plan)});
    CHECK(run.exit_code == 1);
    CHECK(run.out.find('\x1b') == std::string::npos);
    CHECK(run.out.find('\x07') == std::string::npos);
    CHECK(run.out.find("\\x1b]0;pwned\\x07") != std::string::npos);
}

TEST_CASE("a directory symlink loop is not followed", "[cli]") {
    const certlint::test::TempDir tmp;
    const fs::path dir = tmp.path();
    fs::create_directories(dir / "a");
    std::ofstream(dir / "a" / "plan.json", std::ios::binary)
        << certlint::test::read_file(corpus(kUnused));
    fs::create_directory_symlink("..", dir / "a" / "up");  // a/up/a/up/... forever
    fs::create_directory_symlink(dir / "a", dir / "a" / "self");
    const auto run = run_certlint({"--format", "json", dir.string()});
    CHECK(run.exit_code == 0);  // CL201, a warning
    const auto doc = nlohmann::json::parse(run.out);
    REQUIRE(doc.at("inputs").size() == 1);  // read once, not once per path to it
    CHECK(doc.at("summary").at("certificates") == 1);
}

TEST_CASE("a directory scan reads nested templates once, as part of their parent", "[cli]") {
    const std::string dir = certlint::test::corpus_path("cfn-nested/securestaticsite");
    const auto run = run_certlint({"--region", "us-east-1", "--format", "json", dir});
    REQUIRE(run.exit_code == 0);
    const auto doc = nlohmann::json::parse(run.out);
    REQUIRE(doc.at("inputs").size() == 1);
    CHECK(doc["inputs"][0].at("path").get<std::string>().find("main.yaml") != std::string::npos);
    CHECK(doc.at("summary").at("certificates") == 1);
    CHECK(doc.at("summary").at("consumers") == 1);
}

TEST_CASE("--report writes more formats from the same run", "[cli]") {
    const certlint::test::TempDir tmp;
    const std::string plan = corpus(kLoneCert);
    const auto run = run_certlint({"--no-color", "--report", "sarif=" + tmp / "r.sarif", "--report",
                                   "junit=" + tmp / "r.xml", "--report", "text=" + tmp / "r.txt",
                                   "--format", "json", "-o", tmp / "r.json", plan});
    CHECK(run.exit_code == 1);  // the exit code is the run's, whatever is written
    CHECK(run.out.empty());
    // Each file is what that format alone prints.
    const std::pair<const char*, std::string> formats[] = {
        {"sarif", "r.sarif"}, {"junit", "r.xml"}, {"text", "r.txt"}, {"json", "r.json"}};
    for (const auto& [format, file] : formats) {
        INFO(format);
        const auto alone = run_certlint({"--no-color", "--format", format, plan});
        CHECK(certlint::test::read_file(tmp / file) == alone.out);
    }
    // With the report on stdout.
    const auto to_stdout =
        run_certlint({"--no-color", "--report", "markdown=" + tmp / "r.md", plan});
    CHECK(to_stdout.out == run_certlint({"--no-color", plan}).out);
    CHECK(certlint::test::read_file(tmp / "r.md") ==
          run_certlint({"--format", "markdown", plan}).out);
}

TEST_CASE("--report is checked before any input is read", "[cli]") {
    const certlint::test::TempDir tmp;
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--report", "sarif"}, "--report must be FORMAT=FILE"},
        {{"--report", "=x.sarif"}, "--report must be FORMAT=FILE"},
        {{"--report", "sarif="}, "--report must be FORMAT=FILE"},
        {{"--report", "yaml=x.yaml"}, "unknown --report format yaml"},
        {{"--report", "sarif=-"}, "standard output is for --format"},
        {{"--report", "sarif=" + tmp / "a", "--report", "junit=" + tmp / "a"},
         "two reports would be written to " + tmp / "a"},
        {{"-o", tmp / "b", "--report", "sarif=" + tmp / "b"},
         "two reports would be written to " + tmp / "b"},
    };
    for (const auto& [flags, message] : cases) {
        std::vector<std::string> args = flags;
        args.push_back("/nonexistent/plan.json");  // never read: the flag fails first
        const auto run = run_certlint(args);
        INFO(flags[1]);
        CHECK(run.exit_code == 2);
        CHECK(one_line(run.err));
        CHECK(run.err.find(message) != std::string::npos);
    }
    const auto unwritable =
        run_certlint({"--report", "sarif=/nonexistent/dir/x.sarif", corpus(kLoneCert)});
    CHECK(unwritable.exit_code == 2);
    CHECK(unwritable.err == "certlint: cannot write /nonexistent/dir/x.sarif\n");
}

TEST_CASE("fingerprints do not depend on how the input path was typed", "[cli]") {
    // A repository (a .git entry) with the plan in infra/; certlint run from the root, from
    // a subdirectory and from elsewhere, with relative, ./ and absolute paths.
    const certlint::test::TempDir tmp;
    const std::string root = fs::weakly_canonical(tmp.path()).string();
    fs::create_directories(root + "/.git");
    fs::create_directories(root + "/docs/sub");
    const std::string plan = root + "/infra/plan.json";
    fs::create_directories(root + "/infra");
    std::ofstream(plan, std::ios::binary) << certlint::test::read_file(corpus(kLoneCert));
    const auto fingerprints = [&](const std::vector<std::string>& path, const std::string& cwd) {
        std::vector<std::string> args = {"--format", "json"};
        args.insert(args.end(), path.begin(), path.end());
        const auto run = run_certlint(args, {}, cwd);
        REQUIRE(run.exit_code == 1);
        std::vector<std::string> out;
        const auto doc = nlohmann::json::parse(run.out);  // the loop must not outlive it
        for (const auto& f : doc.at("findings")) {
            out.push_back(f.at("fingerprint").get<std::string>());
        }
        return out;
    };
    const auto want = fingerprints({"infra/plan.json"}, root);
    REQUIRE(want.size() == 2);
    CHECK(fingerprints({"./infra/plan.json"}, root) == want);
    CHECK(fingerprints({"infra//./plan.json"}, root) == want);
    CHECK(fingerprints({plan}, root) == want);
    CHECK(fingerprints({"../../infra/plan.json"}, root + "/docs/sub") == want);
    CHECK(fingerprints({"plan.json"}, root + "/infra") == want);
    CHECK(fingerprints({plan}, "/") == want);
    // A baseline written one way accepts the findings typed another way.
    const std::string baseline = root + "/baseline.json";
    CHECK(run_certlint({"--write-baseline", baseline, "./infra/plan.json"}, {}, root).exit_code ==
          0);
    CHECK(run_certlint({"--baseline", baseline, "plan.json"}, {}, root + "/infra").exit_code == 0);
    // Another file: other fingerprints.
    fs::copy_file(plan, root + "/infra/copy.json");
    CHECK(fingerprints({"infra/copy.json"}, root) != want);
}

TEST_CASE("sarif lists waived and baselined findings as suppressed", "[cli]") {
    const certlint::test::TempDir tmp;
    const std::string plan = corpus(kLoneCert);
    const std::string config =
        tmp.write("c.yaml",
                  "waivers:\n  - rule: CL201\n    resource: \"aws_acm_certificate.*\"\n"
                  "    reason: renewed by hand\n");
    const std::string baseline = tmp / "b.json";
    REQUIRE(run_certlint({"--config", config, "--write-baseline", baseline, plan}).exit_code == 0);
    const auto run =
        run_certlint({"--config", config, "--baseline", baseline, "--format", "sarif", plan});
    CHECK(run.exit_code == 0);
    const auto results = nlohmann::json::parse(run.out)["runs"][0]["results"];
    REQUIRE(results.size() == 2);
    CHECK(results[0]["ruleId"] == "CL002");
    CHECK(results[0]["suppressions"] ==
          nlohmann::json::array(
              {{{"kind", "external"}, {"status", "accepted"}, {"justification", "baseline"}}}));
    CHECK(results[1]["ruleId"] == "CL201");
    CHECK(results[1]["suppressions"][0]["justification"] == "renewed by hand");
    // Other formats report neither.
    const auto json =
        run_certlint({"--config", config, "--baseline", baseline, "--format", "json", plan});
    CHECK(nlohmann::json::parse(json.out)["findings"].empty());
}

TEST_CASE("--help shows exit codes, examples and defaults", "[cli]") {
    const auto help = run_certlint({"--help"});
    CHECK(help.exit_code == 0);
    for (const char* text :
         {"Exit codes:", "  2  usage error", "Examples:", "certlint explain CL101",
          "(default: error)", "FORMAT=text", "--report FORMAT=FILE", "NO_COLOR (non-empty)"}) {
        INFO(text);
        CHECK(help.out.find(text) != std::string::npos);
    }
}

TEST_CASE("explain and --enable take a rule ID or name in any case", "[cli]") {
    const auto want = run_certlint({"explain", "CL101"});
    REQUIRE(want.exit_code == 0);
    CHECK(want.out.rfind("CL101 edge-certificate-not-us-east-1 (error, on by default)", 0) == 0);
    for (const char* rule :
         {"cl101", "Cl101", "edge-certificate-not-us-east-1", "EDGE-Certificate-Not-US-East-1"}) {
        INFO(rule);
        const auto run = run_certlint({"explain", rule});
        CHECK(run.exit_code == 0);
        CHECK(run.out == want.out);
    }
    const auto unknown = run_certlint({"explain", "cl999"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "certlint: unknown rule 'cl999' (see certlint rules)\n");
    CHECK(run_certlint({"--disable", "cl201", "--fail-on", "warning", corpus(kUnused)}).exit_code ==
          0);
}

TEST_CASE("--region is checked as the config's region is", "[cli]") {
    const std::string plan = corpus(kUnused);
    for (const char* bad : {"eu-west", "EU-WEST-1", "eu-west-1 ", "us_east_1", ""}) {
        if (std::string(bad).empty()) continue;  // empty means unset
        INFO(bad);
        const auto run = run_certlint({"--region", bad, plan});
        CHECK(run.exit_code == 2);
        CHECK(run.err == std::string("certlint: --region must be an AWS region like eu-west-1, "
                                     "not '") +
                             bad + "'\n");
    }
    for (const char* good : {"eu-west-1", "us-gov-west-1", "ap-southeast-4", "cn-north-1"}) {
        INFO(good);
        CHECK(run_certlint({"--region", good, plan}).exit_code == 0);
    }
}

TEST_CASE("colors: a terminal, and neither --no-color, a non-empty NO_COLOR nor TERM=dumb",
          "[cli]") {
    using certlint::cli::use_color;
    CHECK(use_color(false, true, nullptr, "xterm-256color"));
    CHECK(use_color(false, true, nullptr, nullptr));
    CHECK(use_color(false, true, "", "xterm"));  // empty NO_COLOR counts as unset
    CHECK_FALSE(use_color(false, true, "1", "xterm"));
    CHECK_FALSE(use_color(false, true, "0", "xterm"));  // any non-empty value
    CHECK_FALSE(use_color(false, true, nullptr, "dumb"));
    CHECK_FALSE(use_color(true, true, nullptr, "xterm"));
    CHECK_FALSE(use_color(false, false, nullptr, "xterm"));
}

// ---- A gate that cannot pass by accident (issue 14) --------------------------------------

namespace {

// CL101 (error) and CL003 (warning): exit 1 on its own.
const std::string kBadPlan =
    certlint::test::kSourceDir + "/fixtures/golden/cloudfront-eu-cert/plan.json";
// No finding.
const std::string kCleanPlan = certlint::test::kSourceDir + "/fixtures/golden/clean/plan.json";

std::size_t lines(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("a directory scan that finds nothing to check exits 2 saying what it looked for",
          "[cli][scan]") {
    const certlint::test::TempDir tmp;
    fs::create_directories(tmp / "empty");
    tmp.write("other/package.json", R"({"name": "site", "version": "1.0.0"})");
    tmp.write("other/docker-compose.yml", "services:\n  web:\n    image: nginx\n");
    for (const std::string dir : {"empty", "other"}) {
        INFO(dir);
        const auto run = run_certlint({tmp / dir});
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(one_line(run.err));
        CHECK(run.err == "certlint: " + (tmp / dir) +
                             ": found nothing to check: no .json, .jsonl, .yaml, .yml or .template file "
                             "is a Terraform plan or state (terraform show -json), a "
                             "CloudFormation template or an ACM inventory (describe-certificate "
                             "or list-certificates output, AWS Config items), and no directory "
                             "is a terraform-config or cdk-assembly\n");
    }
    // A repository of .tf files (the Action's default paths: .) is checked as a Terraform
    // configuration (spec §6), its root module being the directory.
    tmp.write("tf/main.tf", "resource \"aws_acm_certificate\" \"x\" {}\n");
    tmp.write("tf/modules/cdn/main.tf", "variable \"x\" {}\n");
    tmp.write("tf/.terraform/modules/modules.json", R"({"Modules": []})");
    const auto tf = run_certlint({"--format", "json", tmp / "tf"}, "", tmp.path());
    CHECK(tf.exit_code == 0);
    CHECK(tf.out.find(R"("kind": "terraform-config")") != std::string::npos);
    // What the scan skips is on its own not something to check either.
    tmp.write("only-skipped/node_modules/pkg/plan.json", certlint::test::read_file(kBadPlan));
    const auto skipped = run_certlint({tmp / "only-skipped"});
    CHECK(skipped.exit_code == 2);
    CHECK(skipped.err.find("found nothing to check") != std::string::npos);
    CHECK(skipped.err.find("(skipped 1 path, see --verbose)") != std::string::npos);
}

TEST_CASE("a broken input is reported and the others are still checked, exit 2 at the end",
          "[cli][scan]") {
    const certlint::test::TempDir tmp;
    tmp.write("infra/a/plan.json", certlint::test::read_file(kBadPlan));
    // A template with a YAML syntax error, and a plan cut short.
    tmp.write("infra/b/template.yaml",
              "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Cert: [\n");
    tmp.write("infra/c/tfplan.json", R"({"format_version":"1.2","planned_values":{)");
    const auto run = run_certlint({"--format", "json", tmp / "infra"});
    CHECK(run.exit_code == 2);  // not 1: the check is not complete
    CHECK(lines(run.err) == 2);
    CHECK(run.err.find("certlint: " + (tmp / "infra/b/template.yaml") + ": invalid YAML") !=
          std::string::npos);
    CHECK(run.err.find("certlint: " + (tmp / "infra/c/tfplan.json") + ": invalid JSON") !=
          std::string::npos);
    const auto doc = nlohmann::json::parse(run.out);
    REQUIRE(doc.at("inputs").size() == 1);  // nothing of the broken ones
    CHECK(doc["summary"]["error"] == 1);
    CHECK(doc["summary"]["warning"] == 1);
    REQUIRE(doc.at("errors").size() == 2);
    CHECK(doc["errors"][0]["file"] == tmp / "infra/b/template.yaml");
    CHECK(doc["errors"][1]["file"] == tmp / "infra/c/tfplan.json");
    CHECK(doc["errors"][1]["message"].get<std::string>().find("invalid JSON") != std::string::npos);

    // Named files: the same, in the order named; the text report says what was not read.
    const auto named = run_certlint(
        {"--no-color", tmp / "infra/c/tfplan.json", kBadPlan, tmp / "infra/b/template.yaml"});
    CHECK(named.exit_code == 2);
    CHECK(lines(named.err) == 2);
    CHECK(named.err.find("tfplan.json") < named.err.find("template.yaml"));
    CHECK(named.out.find("CL101 edge-certificate-not-us-east-1") != std::string::npos);
    CHECK(named.out.find(
              "\n2 inputs could not be read (exit code 2): " + (tmp / "infra/c/tfplan.json") +
              ", " + (tmp / "infra/b/template.yaml") + "\n") != std::string::npos);
    // --fail-on never does not hide it either, and no baseline is written from part of the
    // inputs.
    const auto never = run_certlint({"--fail-on", "never", "--write-baseline", tmp / "b.json",
                                     kCleanPlan, tmp / "infra/c/tfplan.json"});
    CHECK(never.exit_code == 2);
    CHECK(never.err.find("b.json not written") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "b.json"));
    // All reports of the run say so.
    const auto reports = run_certlint(
        {"--format", "sarif", "-o", tmp / "r.sarif", "--report", "github=" + (tmp / "r.github"),
         "--report", "markdown=" + (tmp / "r.md"), "--report", "junit=" + (tmp / "r.xml"),
         kCleanPlan, tmp / "infra/c/tfplan.json"});
    CHECK(reports.exit_code == 2);
    const auto sarif = nlohmann::json::parse(certlint::test::read_file(tmp / "r.sarif"));
    const auto& invocation = sarif["runs"][0]["invocations"][0];
    CHECK(invocation["executionSuccessful"] == false);
    CHECK(invocation["toolExecutionNotifications"][0]["level"] == "error");
    CHECK(certlint::test::read_file(tmp / "r.github").rfind("::error file=", 0) == 0);
    CHECK(certlint::test::read_file(tmp / "r.github").find("title=input not read::") !=
          std::string::npos);
    CHECK(certlint::test::read_file(tmp / "r.md").find("**1 input could not be read**") !=
          std::string::npos);
    CHECK(certlint::test::read_file(tmp / "r.xml").find("errors=\"1\"") != std::string::npos);
}

TEST_CASE("a binary plan or a .tf file where a plan is expected says what to run", "[cli][scan]") {
    const certlint::test::TempDir tmp;
    // What terraform plan -out writes: a zip archive.
    const std::string zip = std::string("PK\x03\x04\x14\0\0\0\x08\0", 10) + "tfplan/plan";
    const std::string plan = tmp.write("tfplan", zip);
    const std::string hint =
        ": a binary Terraform plan (terraform plan -out); certlint reads its JSON form: "
        "terraform show -json tfplan > plan.json, then certlint plan.json\n";
    const auto binary = run_certlint({plan});
    CHECK(binary.exit_code == 2);
    CHECK(binary.err == "certlint: " + plan + hint);
    const auto piped = run_certlint({"-"}, zip);
    CHECK(piped.exit_code == 2);
    CHECK(piped.err == "certlint: -" + hint);
    // Named plan.json by mistake (terraform plan -out plan.json): the same, in a scan too.
    tmp.write("scan/plan.json", zip);
    const auto scanned = run_certlint({tmp / "scan"});
    CHECK(scanned.exit_code == 2);
    CHECK(scanned.err.find("/scan/plan.json: a binary Terraform plan") != std::string::npos);

    const std::string tf = tmp.write("main.tf",
                                     "resource \"aws_acm_certificate\" \"x\" {\n  domain_name = "
                                     "\"a.example.com\"\n}\n");
    const auto config = run_certlint({tf});
    CHECK(config.exit_code == 2);
    CHECK(config.err == "certlint: " + tf +
                            ": a Terraform configuration file; certlint checks the directory of "
                            "its root module (certlint DIR), or the plan made from it: "
                            "terraform plan -out tfplan && terraform show -json tfplan > "
                            "plan.json, then certlint plan.json\n");
}

TEST_CASE("directory scans skip tool caches, build copies and --exclude, with a note",
          "[cli][scan]") {
    const certlint::test::TempDir tmp;
    const std::string bad = certlint::test::read_file(kBadPlan);
    tmp.write("repo/infra/plan.json", bad);
    // Copies that would double every finding.
    for (const std::string copy :
         {".git/plan.json", ".terraform/modules/plan.json", "node_modules/pkg/plan.json",
          ".aws-sam/build/plan.json", ".serverless/plan.json", "cdk.out/asset.1234abcd/plan.json",
          "examples/plan.json", "infra/old-plan.json"}) {
        tmp.write("repo/" + copy, bad);
    }
    tmp.write("repo/cdk.out/Stack.template.json", R"({"Resources": {}})");  // no manifest
    const std::vector<std::string> exclude = {"--exclude", "examples/", "--exclude",
                                              "old-*",     "--format",  "json"};
    std::vector<std::string> args = exclude;
    args.push_back(tmp / "repo");
    const auto run = run_certlint(args);
    CHECK(run.exit_code == 1);
    const auto doc = nlohmann::json::parse(run.out);
    REQUIRE(doc["inputs"].size() == 2);
    CHECK(doc["inputs"][0]["path"] == tmp / "repo/cdk.out/Stack.template.json");
    CHECK(doc["inputs"][1]["path"] == tmp / "repo/infra/plan.json");
    CHECK(doc["summary"]["error"] == 1);  // once, not once per copy

    args.insert(args.begin(), "--verbose");
    const auto verbose = run_certlint(args);
    for (const std::string note :
         {".aws-sam: skipped: SAM build output, copies of the templates (never scanned)",
          ".git: skipped: version control (never scanned)",
          ".serverless: skipped: Serverless Framework build output (never scanned)",
          ".terraform: skipped: Terraform's module and provider cache (never scanned)",
          "cdk.out/asset.1234abcd: skipped: a CDK asset, a copy (never scanned)",
          "examples: skipped: --exclude examples", "infra/old-plan.json: skipped: --exclude old-*",
          "node_modules: skipped: installed packages (never scanned)"}) {
        INFO(note);
        CHECK(verbose.err.find("certlint: note: " + (tmp / "repo/") + note + "\n") !=
              std::string::npos);
    }
    // Globs are those of waivers: * spans directories, ? is one character, [ is itself.
    tmp.write("repo/infra/[prod]/plan.json", bad);
    for (const auto& [glob, inputs] :
         std::vector<std::pair<std::string, std::size_t>>{{"inf?a", 1},
                                                          {"*/plan.json", 1},
                                                          {"infra/[prod]", 2},
                                                          {"infra/[prod]/*", 2},
                                                          {"infra/[p]lan.json", 3}}) {
        INFO(glob);
        std::vector<std::string> a = exclude;
        a.insert(a.end(), {"--exclude", glob, tmp / "repo"});
        const auto r = run_certlint(a);
        REQUIRE(r.exit_code != 2);
        CHECK(nlohmann::json::parse(r.out)["inputs"].size() == inputs);
    }
    // Excluding everything leaves nothing to check.
    const auto all = run_certlint({"--exclude", "*", tmp / "repo"});
    CHECK(all.exit_code == 2);
    CHECK(all.err.find("found nothing to check") != std::string::npos);
    // A named file is never excluded: it was asked for.
    const auto named = run_certlint({"--exclude", "*", tmp / "repo/examples/plan.json"});
    CHECK(named.exit_code == 1);
}

TEST_CASE("--skip-non-inputs: named files that are not inputs by content are skipped",
          "[cli][scan]") {
    // What the pre-commit hook's files: pattern also matches.
    const certlint::test::TempDir tmp;
    tmp.write(".env.template", "DATABASE_URL=postgres://localhost/app\nSECRET_KEY=changeme\n");
    tmp.write("nginx.conf.template",
              "server {\n    listen 443 ssl;\n    server_name ${DOMAIN};\n"
              "    ssl_certificate /etc/ssl/${DOMAIN}.pem;\n}\n");
    tmp.write("cloudformation/params/prod.json",
              "[\n  {\"ParameterKey\": \"DomainName\", \"ParameterValue\": \"example.com\"}\n]\n");
    const std::vector<std::string> files = {".env.template", "nginx.conf.template",
                                            "cloudformation/params/prod.json"};
    // Named without the flag: each is refused.
    const auto refused = run_certlint(files, "", tmp.path());
    CHECK(refused.exit_code == 2);
    CHECK(lines(refused.err) == 3);

    std::vector<std::string> args = {"--skip-non-inputs", "--verbose", "--no-color"};
    args.insert(args.end(), files.begin(), files.end());
    const auto skipped = run_certlint(args, "", tmp.path());
    CHECK(skipped.exit_code == 0);
    CHECK(skipped.err.empty());
    for (const std::string& f : files) {
        INFO(f);
        CHECK(skipped.out.find("note: " + f + ": skipped: not a Terraform plan or state") !=
              std::string::npos);
    }
    CHECK(skipped.out.find("note: nothing to check: none of the 3 files given is a plan, "
                           "template or assembly (--skip-non-inputs)\n") != std::string::npos);

    // A real template among them is checked; a broken one still fails.
    tmp.write("cloudformation/site.yaml",
              certlint::test::read_file(certlint::test::kSourceDir +
                                        "/fixtures/golden/cfn-template/template.yaml"));
    args.push_back("cloudformation/site.yaml");
    args.insert(args.begin(), {"--region", "eu-west-1"});
    const auto checked = run_certlint(args, "", tmp.path());
    CHECK(checked.exit_code == 1);
    CHECK(checked.out.find("cloudformation/site.yaml:33: error CL101") != std::string::npos);
    tmp.write("cloudformation/broken.yaml",
              "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n");
    const auto broken =
        run_certlint({"--skip-non-inputs", "cloudformation/broken.yaml"}, "", tmp.path());
    CHECK(broken.exit_code == 2);
    CHECK(broken.err.find("cloudformation/broken.yaml: invalid YAML") != std::string::npos);
    // A binary plan is still refused with its hint; a .tf file is skipped.
    tmp.write("tfplan.json", std::string("PK\x03\x04", 4));
    tmp.write("main.tf", "terraform {}\n");
    const auto mixed =
        run_certlint({"--skip-non-inputs", "-v", "tfplan.json", "main.tf"}, "", tmp.path());
    CHECK(mixed.exit_code == 2);
    CHECK(mixed.err.find("tfplan.json: a binary Terraform plan") != std::string::npos);
}
