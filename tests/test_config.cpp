// .certlint.yaml (strict, errors name file and line), discovery, command-line overrides,
// waivers, baselines and --source-dir mapping.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/rule.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "readers/terraform_sources.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;
namespace fs = std::filesystem;

namespace {

// What the loader does for a plan checked with --source-dir (readers::attach_terraform_sources),
// here on the findings of a report, by resource address.
void map_sources(Report& r, const std::string& dir) {
    cli::check_source_dir(dir);
    readers::TerraformSources sources(dir);
    for (Finding& f : r.findings) {
        for (const Input& in : r.inputs) {
            if (in.path == f.file && family_of(in.kind) == InputFamily::Terraform) {
                f.location = sources.declaration(f.resource);
            }
        }
    }
}

cli::Settings read(const std::string& path) {
    cli::Settings s;
    cli::read_config(path, s);
    return s;
}

// The UsageError message a config text produces ("" when it is accepted).
std::string error_of(const std::string& text) {
    test::TempDir tmp;
    const std::string path = tmp.write("c.yaml", text);
    try {
        (void)read(path);
    } catch (const UsageError& e) {
        std::string what = e.what();
        REQUIRE(what.rfind(path + ":", 0) == 0);
        return what.substr(path.size());
    }
    return {};
}

const std::string kMixed = "fixtures/golden/mixed/plan.json";

}  // namespace

TEST_CASE("config: every key of the contract is read", "[config]") {
    test::TempDir tmp;
    const auto s = read(tmp.write("c.yaml", R"(# a comment
region: eu-west-1
fail_on: warning
rules:
  CL201: {severity: error}
  wildcard-certificate: {enabled: true}
  CL101:
    enabled: false
waivers:
  - rule: CL001
    resource: "aws_acm_certificate.legacy*"
    reason: "moving to DNS validation"
    expires: 2027-03-31
  - rule: unused-certificate
    resource: "module.old.*"
    reason: forever
)"));
    CHECK(s.load.region == "eu-west-1");
    CHECK(s.fail_on == Severity::Warning);
    CHECK(s.run.rules.at("CL201").severity == Severity::Error);
    CHECK(!s.run.rules.at("CL201").enabled.has_value());
    CHECK(s.run.rules.at("CL305").enabled == true);
    CHECK(s.run.rules.at("CL101").enabled == false);
    REQUIRE(s.run.waivers.size() == 2);
    CHECK(s.run.waivers[0].rule == "CL001");
    CHECK(s.run.waivers[0].resource_glob == "aws_acm_certificate.legacy*");
    CHECK(s.run.waivers[0].reason == "moving to DNS validation");
    CHECK(s.run.waivers[0].expires == "2027-03-31");
    CHECK(s.run.waivers[0].line == 10);
    CHECK(s.run.waivers[1].rule == "CL201");
    CHECK(s.run.waivers[1].expires.empty());
    CHECK(read(tmp.write("never.yaml", "fail_on: never\n")).fail_on == std::nullopt);
    CHECK(read(tmp.write("empty.yaml", "# nothing\n")).run.rules.empty());
}

TEST_CASE("config: rule options are checked against the rule's own options", "[config]") {
    const Policy* with_option = find_policy("CL205");
    REQUIRE(with_option != nullptr);
    REQUIRE(with_option->options.count("expiry_days") != 0);
    const std::string id = with_option->id;
    test::TempDir tmp;
    const auto s = read(tmp.write("c.yaml", "rules:\n  " + id + ": {expiry_days: 45}\n"));
    CHECK(s.run.rules.at(id).options.at("expiry_days") == "45");
    CHECK(error_of("rules:\n  " + id + ":\n    expiry_days: soon\n") ==
          ":3: expiry_days of " + id + " must be a whole number, not 'soon'");
    CHECK(error_of("rules:\n  CL201: {expiry_days: 3}\n")
              .rfind(":2: unknown key 'expiry_days' "
                     "for rule CL201",
                     0) == 0);
}

TEST_CASE("config: unknown keys and bad values name the file and line", "[config]") {
    CHECK(error_of("region: eu-west-1\nregoin: eu-west-2\n") ==
          ":2: unknown key 'regoin' (expected region, fail_on, rules, waivers, policies)");
    CHECK(error_of("region: Ireland\n") ==
          ":1: region must be an AWS region like eu-west-1, not 'Ireland'");
    CHECK(error_of("region:\n") == ":1: region must be a string");
    CHECK(error_of("fail_on: sometimes\n") ==
          ":1: fail_on must be error, warning, note or never, not 'sometimes'");
    CHECK(error_of("rules:\n  CL201:\n    severity: fatal\n") ==
          ":3: severity must be error, warning or note, not 'fatal'");
    CHECK(error_of("rules:\n  CL201: {enabled: maybe}\n") == ":2: enabled must be true or false");
    CHECK(error_of("rules:\n  CL999: {enabled: false}\n") ==
          ":2: unknown rule 'CL999' (see certlint rules)");
    CHECK(error_of("rules:\n  CL201: {enabled: false}\n  unused-certificate: {severity: note}\n") ==
          ":3: rule CL201 is configured twice");
    CHECK(error_of("rules:\n  - CL201\n") == ":2: rules must be a mapping");
    CHECK(error_of("waivers:\n  rule: CL001\n") == ":2: waivers must be a list");
    CHECK(error_of("waivers:\n  - rule: CL001\n    resource: x\n    reason: y\n"
                   "    expires: 2027-02-30\n") ==
          ":5: expires must be a date (YYYY-MM-DD), not '2027-02-30'");
    CHECK(error_of("waivers:\n  - rule: CL001\n    resource: x\n    reason: y\n"
                   "    expires: 31/03/2027\n") ==
          ":5: expires must be a date (YYYY-MM-DD), not '31/03/2027'");
    CHECK(error_of("waivers:\n  - rule: CL001\n    resource: x\n") ==
          ":2: a waiver needs a 'reason'");
    CHECK(error_of("waivers:\n  - rule: CL001\n    resources: x\n    reason: y\n") ==
          ":3: unknown key 'resources' in a waiver (expected rule, resource, reason, expires)");
    CHECK(error_of("waivers:\n  - rule: CL0001\n    resource: x\n    reason: y\n") ==
          ":2: unknown rule 'CL0001' (see certlint rules)");
    CHECK(error_of("region: eu-west-1\nregion: us-east-1\n") == ":2: duplicate key 'region'");
    CHECK(error_of("rules: [\n").rfind(":2: invalid YAML: ", 0) == 0);
    CHECK(error_of("- region\n") == ":1: the config file must be a mapping");
    CHECK(error_of("").empty());
}

TEST_CASE("config: found in the current directory or a parent", "[config]") {
    test::TempDir tmp;
    fs::create_directories(tmp / "repo/infra/prod");
    tmp.write("repo/.certlint.yaml", "region: eu-west-1\n");
    CHECK(cli::find_config(tmp / "repo/infra/prod") == "../../.certlint.yaml");
    CHECK(cli::find_config(tmp / "repo") == ".certlint.yaml");
    tmp.write("repo/infra/.certlint.yaml", "region: eu-west-2\n");
    CHECK(cli::find_config(tmp / "repo/infra/prod") == "../.certlint.yaml");
}

TEST_CASE("config errors exit 2 with one line naming the file and line", "[config][cli]") {
    test::TempDir tmp;
    const std::string plan = test::kSourceDir + "/" + kMixed;
    tmp.write("repo/.certlint.yaml", "rules:\n  CL201:\n    severity: fatal\n");
    fs::create_directories(tmp / "repo/sub");
    // Discovered from a subdirectory: the path is relative to where certlint runs.
    auto r = test::run_certlint({plan}, {}, tmp / "repo/sub");
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "certlint: ../.certlint.yaml:3: severity must be error, warning or note, not "
          "'fatal'\n");
    CHECK(r.out.empty());
    // Named with --config.
    const std::string bad = tmp.write("bad.yaml", "waivers:\n  - rule: CL001\n    reason: x\n");
    r = test::run_certlint({"--config", bad, plan});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "certlint: " + bad + ":2: a waiver needs a 'resource'\n");
    r = test::run_certlint({"--config", tmp / "missing.yaml", plan});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "certlint: " + (tmp / "missing.yaml") + ": cannot read config file\n");
}

TEST_CASE("command-line flags override the config file", "[config][cli]") {
    test::TempDir tmp;
    const std::string config = tmp.write(
        "c.yaml", "region: eu-west-1\nfail_on: never\nrules:\n  CL201: {enabled: false}\n");
    const auto s = cli::load_settings(config, "ap-south-1", "warning", {"CL201"}, {}, {}, "");
    CHECK(s.load.region == "ap-south-1");
    CHECK(s.fail_on == Severity::Warning);
    CHECK(s.run.rules.at("CL201").enabled == true);
    const auto file_only = cli::load_settings(config, "", "", {}, {}, {}, "");
    CHECK(file_only.load.region == "eu-west-1");
    CHECK(file_only.fail_on == std::nullopt);
    CHECK(file_only.run.rules.at("CL201").enabled == false);

    // End to end: the file says never fail, the flag says fail on errors.
    const std::string plan = test::kSourceDir + "/" + kMixed;
    CHECK(test::run_certlint({"--config", config, plan}).exit_code == 0);
    CHECK(test::run_certlint({"--config", config, "--fail-on", "error", plan}).exit_code == 1);
}

TEST_CASE("waivers apply by rule and resource glob until they expire", "[config][cli]") {
    test::TempDir tmp;
    const std::string plan = test::kSourceDir + "/" + kMixed;
    const auto before =
        test::run_certlint({"--format", "json", "--config", tmp.write("none.yaml", ""), plan});
    REQUIRE(before.exit_code == 1);
    const auto findings = nlohmann::json::parse(before.out)["findings"];
    REQUIRE(!findings.empty());
    const std::string rule = findings[0]["rule_id"];
    const std::string resource = findings[0]["resource"];
    const std::string glob = resource.substr(0, resource.find('.') + 1) + "*";

    const std::string waiver = "waivers:\n  - rule: " + rule + "\n    resource: \"" + glob +
                               "\"\n    reason: accepted risk\n    expires: 2027-03-31\n";
    const std::string config = tmp.write("c.yaml", waiver);
    auto r = test::run_certlint(
        {"--format", "json", "--verbose", "--now", "2027-03-31", "--config", config, plan});
    const auto report = nlohmann::json::parse(r.out);  // the loop must not outlive it
    for (const auto& f : report["findings"]) {
        CHECK(!(f["rule_id"] == rule && f["resource"] == resource));
    }
    CHECK(report["findings"].size() == findings.size() - 1);  // only the waived one is gone
    CHECK(r.err.find(rule + " on " + resource + " waived: accepted risk") != std::string::npos);

    // The day after it expires, the finding is back and --verbose says why.
    r = test::run_certlint(
        {"--format", "json", "--verbose", "--now", "2027-04-01", "--config", config, plan});
    CHECK(nlohmann::json::parse(r.out)["findings"].size() == findings.size());
    CHECK(r.err.find("expired on 2027-03-31 and no longer applies") != std::string::npos);
}

TEST_CASE("baselines record findings and report only new ones", "[config][cli]") {
    test::TempDir tmp;
    const std::string none = tmp.write("none.yaml", "");
    const std::string plan = test::kSourceDir + "/" + kMixed;
    const std::string clean = test::kSourceDir + "/fixtures/golden/clean/plan.json";
    const std::string baseline = tmp / "baseline.json";

    auto r = test::run_certlint({"--config", none, "--write-baseline", baseline, plan});
    CHECK(r.exit_code == 0);  // writing a baseline accepts the findings: not a gate
    CHECK(r.out.find("CL") != std::string::npos);  // but they are still reported
    const auto doc = nlohmann::json::parse(test::read_file(baseline));
    CHECK(doc["version"] == 1);
    REQUIRE(!doc["findings"].empty());
    for (const auto& f : doc["findings"]) {
        CHECK(f["fingerprint"].get<std::string>().size() == 16);
        CHECK(f.contains("rule_id"));
        CHECK(f.contains("resource"));
    }
    r = test::run_certlint({"--config", none, "--baseline", baseline, "--format", "json", plan});
    CHECK(r.exit_code == 0);
    const auto report = nlohmann::json::parse(r.out);
    CHECK(report["findings"].empty());
    CHECK(report["summary"]["error"] == 0);
    r = test::run_certlint({"--config", none, "--baseline", baseline, clean, plan});
    CHECK(r.exit_code == 0);
    // The same file typed relative to the repository root: the same fingerprints.
    r = test::run_certlint(
        {"--config", none, "--baseline", baseline, "fixtures/golden/mixed/plan.json"}, {},
        test::kSourceDir);
    CHECK(r.exit_code == 0);
    // Another file with the same findings: new fingerprints, reported again.
    const std::string copy = tmp.write("mixed.json", test::read_file(plan));
    r = test::run_certlint({"--config", none, "--baseline", baseline, copy});
    CHECK(r.exit_code == 1);

    r = test::run_certlint(
        {"--config", none, "--baseline", tmp.write("bad.json", "{\"findings\": 3}"), plan});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("not a certlint baseline") != std::string::npos);
    r = test::run_certlint({"--config", none, "--baseline", tmp / "absent.json", plan});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "certlint: " + (tmp / "absent.json") + ": cannot read baseline file\n");
}

TEST_CASE("--source-dir maps addresses to .tf files through module sources", "[config][sources]") {
    test::TempDir tmp;
    tmp.write("infra/main.tf", R"(# root module
locals {
  policy = <<-EOT
    resource "aws_lb_listener" "decoy" {
    }
  EOT
  braces = "${jsonencode({ a = "}" })} resource \"x\" \"y\" {"
}

/* resource "aws_acm_certificate" "commented" { } */
resource "aws_acm_certificate" "certs" {
  for_each          = var.domains
  domain_name       = each.value
  validation_method = "DNS"
}

data "aws_acm_certificate" "existing" {
  domain = "example.com"
}

module "web" {
  source = "./modules/web"
  count  = 1
}

module "registry" {
  source  = "terraform-aws-modules/acm/aws"
  version = "~> 5.0"
}
)");
    tmp.write("infra/modules/web/listener.tf", R"(resource "aws_lb_listener" "https" {
  port = 443
}

module "cert" { source = "../cert" }
)");
    tmp.write("infra/modules/cert/main.tf", "\n\nresource \"aws_acm_certificate\" \"this\" {\n}\n");
    tmp.write("infra/.terraform/modules/modules.json",
              R"({"Modules":[{"Key":"","Source":"","Dir":"."},
                 {"Key":"registry","Source":"registry.terraform.io/terraform-aws-modules/acm/aws",
                  "Version":"5.1.1","Dir":".terraform/modules/registry"}]})");
    tmp.write("infra/.terraform/modules/registry/main.tf",
              "resource \"aws_acm_certificate\" \"this\" {\n  count = 1\n}\n");

    Report r;
    r.inputs = {{"plan.json", InputKind::TerraformPlan},
                {"template.yaml", InputKind::CloudFormation}};
    auto finding = [&](const std::string& resource, const std::string& file = "plan.json") {
        Finding f;
        f.resource = resource;
        f.file = file;
        r.findings.push_back(f);
    };
    finding("aws_acm_certificate.certs[\"a.b[c]\"]");
    finding("data.aws_acm_certificate.existing");
    finding("module.web[0].aws_lb_listener.https");
    finding("module.web[0].module.cert.aws_acm_certificate.this");
    finding("module.registry.aws_acm_certificate.this[0]");
    finding("aws_lb_listener.decoy");
    finding("aws_acm_certificate.commented");
    finding("Certificate", "template.yaml");
    map_sources(r, tmp / "infra");

    auto where = [&](std::size_t i) {
        const auto& loc = r.findings[i].location;
        return loc ? loc->file + ":" + std::to_string(loc->line) : std::string("none");
    };
    const std::string root = tmp / "infra";
    CHECK(where(0) == root + "/main.tf:11");
    CHECK(where(1) == root + "/main.tf:17");
    CHECK(where(2) == root + "/modules/web/listener.tf:1");
    CHECK(where(3) == root + "/modules/cert/main.tf:3");
    CHECK(where(4) == root + "/.terraform/modules/registry/main.tf:1");
    CHECK(where(5) == "none");  // only inside a heredoc
    CHECK(where(6) == "none");  // only inside a comment
    CHECK(where(7) == "none");  // not a Terraform input

    // Paths stay relative when the directory is given relative to where certlint runs.
    Report rel;
    rel.inputs = r.inputs;
    rel.findings = {r.findings[2]};
    rel.findings[0].location.reset();
    const fs::path cwd = fs::current_path();
    fs::current_path(tmp.path());
    map_sources(rel, "./infra/");
    fs::current_path(cwd);
    REQUIRE(rel.findings[0].location);
    CHECK(rel.findings[0].location->file == "infra/modules/web/listener.tf");

    bool refused = false;
    try {
        map_sources(r, tmp / "nope");
    } catch (const UsageError& e) {
        refused = std::string(e.what()) == "--source-dir " + (tmp / "nope") + ": not a directory";
    }
    CHECK(refused);
}
