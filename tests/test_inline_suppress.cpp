// Inline suppressions in Terraform sources (spec §5, issue 12): `# certlint:ignore ID reason`
// on the line before a resource/module/data block or inside it, in configuration mode and for
// plans whose sources are known (--source-dir, or beside the plan).
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "readers/terraform_sources.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::kSourceDir;
using certlint::test::run_certlint;
using certlint::test::TempDir;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// fixtures/sources/plan_suppress: a real plan of terraform/, whose sources carry suppressions
// on a module block (by name and ID), inside a nested block of a for_each resource, on a
// resource (one-line /* */, two IDs), and one two lines above a block (not applied).
const std::string kCase = kSourceDir + "/fixtures/sources/plan_suppress";
const std::string kPlan = kCase + "/plan.json";
const std::string kSources = kCase + "/terraform";

// "RULE RESOURCE [FILE:LINE]" of each finding of a JSON report, in report order.
std::vector<std::string> findings(const std::string& report) {
    std::vector<std::string> out;
    const Json doc = Json::parse(report);
    for (const Json& f : doc.at("findings")) {
        std::string line =
            f.at("rule_id").get<std::string>() + " " + f.at("resource").get<std::string>();
        if (f.contains("location")) {
            line += " " + f["location"].at("file").get<std::string>() + ":" +
                    std::to_string(f["location"].at("line").get<int>());
        }
        out.push_back(line);
    }
    return out;
}

// "RULE RESOURCE KIND JUSTIFICATION" of each suppressed result of a SARIF report.
std::vector<std::string> sarif_suppressed(const std::string& report) {
    std::vector<std::string> out;
    const Json doc = Json::parse(report);
    for (const Json& r : doc.at("runs").at(0).at("results")) {
        if (!r.contains("suppressions")) continue;
        REQUIRE(r["suppressions"].size() == 1);
        const Json& s = r["suppressions"][0];
        out.push_back(r.at("ruleId").get<std::string>() + " " +
                      r.at("locations")
                          .at(0)
                          .at("physicalLocation")
                          .at("artifactLocation")
                          .at("uri")
                          .get<std::string>() +
                      " " + s.at("kind").get<std::string>() + " " +
                      s.at("justification").get<std::string>());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

// The options every run here uses: CL305 (off by default) on, the report in `format`.
std::vector<std::string> args(const std::vector<std::string>& extra,
                              const std::string& format = "json") {
    std::vector<std::string> out = {"--enable", "CL305", "-f", format};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

}  // namespace

TEST_CASE("inline suppressions: a plan without its sources reports every finding",
          "[suppress][sources]") {
    const auto r = run_certlint(args({kPlan}));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(findings(r.out) == std::vector<std::string>{
                                 "CL002 aws_acm_certificate.partner",
                                 "CL201 aws_acm_certificate.partner",
                                 "CL002 aws_acm_certificate.spare",
                                 "CL201 aws_acm_certificate.spare",
                                 "CL101 aws_cloudfront_distribution.site[\"docs\"]",
                                 "CL101 aws_cloudfront_distribution.site[\"shop\"]",
                                 "CL305 module.cert[\"shop\"].aws_acm_certificate.this",
                             });
}

TEST_CASE("inline suppressions: a plan with --source-dir honours the comments",
          "[suppress][sources]") {
    const auto r = run_certlint(args({"--source-dir", kSources, kPlan}));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    const std::string main_tf = fs::path(kSources + "/main.tf").lexically_normal().string();
    // The comment two lines above `spare` is not on it.
    CHECK(findings(r.out) == std::vector<std::string>{
                                 "CL002 aws_acm_certificate.spare " + main_tf + ":73",
                                 "CL201 aws_acm_certificate.spare " + main_tf + ":73",
                             });
    CHECK(Json::parse(r.out)["summary"]["error"] == 1);

    // SARIF lists the suppressed results as CloudFormation Metadata ignores are listed: kind
    // inSource, the comment's reason as the justification, at the .tf line of the resource.
    const auto s = run_certlint(args({"--source-dir", kSources, kPlan}, "sarif"));
    CHECK(s.exit_code == 1);
    const std::string uri = "fixtures/sources/plan_suppress/terraform/main.tf";
    const std::string module_uri = "fixtures/sources/plan_suppress/terraform/modules/cert/main.tf";
    CHECK(sarif_suppressed(s.out) ==
          std::vector<std::string>{
              "CL002 " + uri + " inSource kept for the partner integration, validated by hand",
              "CL101 " + uri + " inSource the us-east-1 certificates arrive with the next release",
              "CL101 " + uri + " inSource the us-east-1 certificates arrive with the next release",
              "CL201 " + uri + " inSource kept for the partner integration, validated by hand",
              "CL305 " + module_uri + " inSource every shop tenant gets a subdomain",
          });

    // --verbose says which comment applies to nothing.
    const auto v = run_certlint({"--enable", "CL305", "-v", "--source-dir", kSources, kPlan});
    CHECK(
        v.out.find(main_tf + ":71: certlint:ignore applies to no resource, data or module block") !=
        std::string::npos);
}

TEST_CASE("inline suppressions: inferred sources beside a plan, and configuration mode",
          "[suppress][sources]") {
    TempDir tmp;
    copy_tree(kSources, tmp.path());
    fs::copy_file(kPlan, tmp / "plan.json");
    const std::string main_tf = tmp / "main.tf";
    const std::vector<std::string> want = {
        "CL002 aws_acm_certificate.spare " + main_tf + ":73",
        "CL201 aws_acm_certificate.spare " + main_tf + ":73",
    };
    // The plan named alone, and the directory scanned: its .tf files serve the plan and are not
    // a configuration checked a second time.
    for (const std::string& path : {tmp / "plan.json", tmp.path()}) {
        const auto r = run_certlint(args({path}));
        INFO(path << "\n" << r.err);
        CHECK(r.exit_code == 1);
        CHECK(findings(r.out) == want);
        const Json doc = Json::parse(r.out);
        REQUIRE(doc["inputs"].size() == 1);
        CHECK(doc["inputs"][0]["kind"] == "terraform-plan");
    }
    // The same sources read as a configuration: the same suppressions apply.
    const auto c = run_certlint(args({kSources}));
    INFO(c.err);
    CHECK(c.exit_code == 1);
    const std::string fixture_tf = kSources + "/main.tf";
    CHECK(findings(c.out) == std::vector<std::string>{
                                 "CL002 aws_acm_certificate.spare " + fixture_tf + ":73",
                                 "CL201 aws_acm_certificate.spare " + fixture_tf + ":73",
                             });
    const auto cs = run_certlint(args({kSources}, "sarif"));
    CHECK(sarif_suppressed(cs.out).size() == 5);
}

namespace {

// A root module of four EMAIL-validated, unused certificates (CL001 and CL201 each), with
// `comment` placed by `layout`.
const char* kPlaced = R"(provider "aws" {
  region = "us-east-1"
}

# certlint:ignore CL201 spare, requested ahead of the launch
resource "aws_acm_certificate" "before" {
  domain_name       = "before.example.com"
  validation_method = "EMAIL"
}

resource "aws_acm_certificate" "inside" {
  domain_name       = "inside.example.com" # certlint:ignore unused-certificate: kept warm
  validation_method = "EMAIL"
}

# certlint:ignore CL201 two lines above is not on the block

resource "aws_acm_certificate" "two_above" {
  domain_name       = "two-above.example.com"
  validation_method = "EMAIL"
}

# certlint:ignore cl001 the registrar only does email
# certlint:ignore CL201
resource "aws_acm_certificate" "stacked" {
  domain_name       = "stacked.example.com"
  validation_method = "EMAIL"
}

resource "aws_acm_certificate" "plain" {
  domain_name       = "plain.example.com"
  validation_method = "EMAIL"
}
)";

}  // namespace

TEST_CASE("inline suppressions: the line before, inside, stacked; not two lines above",
          "[suppress][tfconfig]") {
    TempDir tmp;
    const std::string main_tf = tmp.write("infra/main.tf", kPlaced);
    const auto r = run_certlint({"-f", "json", tmp / "infra"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(findings(r.out) == std::vector<std::string>{
                                 "CL001 aws_acm_certificate.before " + main_tf + ":6",
                                 "CL001 aws_acm_certificate.inside " + main_tf + ":11",
                                 "CL001 aws_acm_certificate.plain " + main_tf + ":30",
                                 "CL201 aws_acm_certificate.plain " + main_tf + ":30",
                                 "CL001 aws_acm_certificate.two_above " + main_tf + ":18",
                                 "CL201 aws_acm_certificate.two_above " + main_tf + ":18",
                             });
    const auto s = run_certlint({"-f", "sarif", tmp / "infra"});
    std::vector<std::string> justifications;
    const Json sarif = Json::parse(s.out);
    for (const Json& res : sarif["runs"][0]["results"]) {
        if (!res.contains("suppressions")) continue;
        justifications.push_back(res["ruleId"].get<std::string>() + " " +
                                 res["suppressions"][0]["justification"].get<std::string>());
    }
    std::sort(justifications.begin(), justifications.end());
    // No reason given: the justification says where the comment is.
    CHECK(justifications == std::vector<std::string>{
                                "CL001 the registrar only does email",
                                "CL201 certlint:ignore at " + main_tf + ":24",
                                "CL201 kept warm",
                                "CL201 spare, requested ahead of the launch",
                            });
    const auto v = run_certlint({"-v", tmp / "infra"});
    CHECK(v.out.find(main_tf + ":24: certlint:ignore gives no reason") != std::string::npos);
    CHECK(v.out.find(main_tf + ":16: certlint:ignore applies to no resource") != std::string::npos);

    // Without the comments every certificate fires both rules.
    TempDir bare;
    std::string text = kPlaced;
    for (std::size_t at; (at = text.find("certlint:ignore")) != std::string::npos;) {
        text.replace(at, 15, "note");
    }
    bare.write("infra/main.tf", text);
    const auto b = run_certlint({"-f", "json", bare / "infra"});
    CHECK(findings(b.out).size() == 10);
}

TEST_CASE("inline suppressions: a bad rule is exit 2 naming the file and line",
          "[suppress][tfconfig]") {
    const auto refused = [](const std::string& comment, const std::string& problem) {
        TempDir tmp;
        const std::string main_tf =
            tmp.write("infra/main.tf",
                      "resource \"aws_acm_certificate\" \"c\" {\n"
                      "  domain_name       = \"c.example.com\"\n  " +
                          comment + "\n  validation_method = \"EMAIL\"\n}\n");
        const auto r = run_certlint({tmp / "infra"});
        INFO(comment << "\n" << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == "certlint: " + main_tf + ":3: certlint:ignore: " + problem + "\n");
    };
    refused("# certlint:ignore CL999 typo", "unknown rule 'CL999' (see certlint rules)");
    refused("// certlint:ignore CL201, unsued-certificate typo",
            "unknown rule 'unsued-certificate' (see certlint rules)");
    refused("# certlint:ignore", "names no rule (certlint:ignore ID[,ID...] reason)");
    refused("# certlint:ignore CL201, -- reason", "a rule ID or name must follow ','");
    refused("/* certlint:ignore CL201\n  reason */", "a /* */ suppression must fit on one line");

    // In a plan's sources too, inferred or given.
    TempDir tmp;
    copy_tree(kSources, tmp / "src");
    std::string text = certlint::test::read_file(tmp / "src/main.tf");
    text.replace(text.find("CL201,CL002"), 11, "CL201,CL0002");
    tmp.write("src/main.tf", text);
    const auto given = run_certlint({"--source-dir", tmp / "src", kPlan});
    CHECK(given.exit_code == 2);
    CHECK(given.err.find(tmp / "src/main.tf" + ":65: certlint:ignore: unknown rule 'CL0002'") !=
          std::string::npos);
    fs::copy_file(kPlan, tmp / "src/plan.json");
    const auto inferred = run_certlint({tmp / "src/plan.json"});
    CHECK(inferred.exit_code == 2);
    CHECK(inferred.err.find(tmp / "src/main.tf" + ":65: certlint:ignore: unknown rule") !=
          std::string::npos);
}

TEST_CASE("inline suppressions: a plan's sources are checked in every module, as a configuration",
          "[suppress][tfconfig]") {
    // A module with no certificate or consumer of the plan in it: its comments are still read,
    // as configuration mode reads them, so a typo there is refused and a missing reason noted.
    TempDir tmp;
    copy_tree(kSources, tmp / "src");
    std::string text = certlint::test::read_file(tmp / "src/main.tf");
    text +=
        "\nmodule \"dns\" {\n  source = \"./modules/dns\"\n}\n\nmodule \"registry\" {\n"
        "  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.0.0\"\n}\n";
    tmp.write("src/main.tf", text);
    const std::string dns_tf = tmp / "src/modules/dns/main.tf";
    const auto dns = [&](const std::string& comment) {
        tmp.write("src/modules/dns/main.tf",
                  comment +
                      "\nresource \"aws_route53_record\" \"www\" {\n"
                      "  zone_id = \"Z0123456789PUBLIC\"\n  name    = \"www.example.com\"\n"
                      "  type    = \"CNAME\"\n  ttl     = 60\n  records = [\"example.com\"]\n}\n");
    };
    dns("# certlint:ignore CL9999 typo");
    const std::string refused =
        "certlint: " + dns_tf + ":1: certlint:ignore: unknown rule 'CL9999' (see certlint rules)\n";
    const auto given = run_certlint({"--source-dir", tmp / "src", kPlan});
    CHECK(given.exit_code == 2);
    CHECK(given.err.find(refused) != std::string::npos);
    fs::copy_file(kPlan, tmp / "src/plan.json");
    const auto inferred = run_certlint({tmp / "src/plan.json"});
    CHECK(inferred.exit_code == 2);
    CHECK(inferred.err.find(refused) != std::string::npos);
    fs::remove(tmp / "src/plan.json");
    const auto config = run_certlint({tmp / "src"});
    CHECK(config.exit_code == 2);
    CHECK(config.err.find(refused) != std::string::npos);

    dns("# certlint:ignore CL201");
    const std::string no_reason = dns_tf + ":1: certlint:ignore gives no reason";
    const auto plan_v =
        run_certlint({"-v", "--fail-on", "never", "--source-dir", tmp / "src", kPlan});
    INFO(plan_v.err);
    CHECK(plan_v.exit_code == 0);
    CHECK((plan_v.out + plan_v.err).find(no_reason) != std::string::npos);
    const auto config_v = run_certlint({"-v", "--fail-on", "never", tmp / "src"});
    CHECK((config_v.out + config_v.err).find(no_reason) != std::string::npos);
}

TEST_CASE("inline suppressions: custom policy IDs, any case", "[suppress][policy]") {
    TempDir tmp;
    const std::string policy = tmp.write("policies/org.yaml",
                                         "policies:\n"
                                         "  - id: ACME101\n"
                                         "    name: no-org-names\n"
                                         "    severity: error\n"
                                         "    description: No .org names.\n"
                                         "    remediation: Use a .com name.\n"
                                         "    on: certificate\n"
                                         "    require: {domains: {none: {matches: '.*\\.org'}}}\n"
                                         "    message: \"{resource} names {failing}\"\n");
    const char* tf = R"(provider "aws" {
  region = "us-east-1"
}

output "arns" {
  value = [aws_acm_certificate.a.arn, aws_acm_certificate.b.arn]
}

# certlint:ignore acme101 the foundation keeps its .org name
resource "aws_acm_certificate" "a" {
  domain_name       = "a.example.org"
  validation_method = "EMAIL"
}

resource "aws_acm_certificate" "b" {
  domain_name       = "b.example.org"
  validation_method = "EMAIL"
}
)";
    const std::string main_tf = tmp.write("infra/main.tf", tf);
    const auto r =
        run_certlint({"--policy", policy, "--disable", "CL001", "-f", "json", tmp / "infra"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(findings(r.out) ==
          std::vector<std::string>{"ACME101 aws_acm_certificate.b " + main_tf + ":15"});
    // Without the policy, its ID is unknown.
    const auto u = run_certlint({"--disable", "CL001", tmp / "infra"});
    CHECK(u.exit_code == 2);
    CHECK(u.err == "certlint: " + main_tf +
                       ":9: certlint:ignore: unknown rule 'acme101' (see certlint rules)\n");
}

TEST_CASE("inline suppressions: a module block covers its resources to any depth",
          "[suppress][tfconfig]") {
    TempDir tmp;
    tmp.write("infra/main.tf", R"(provider "aws" {
  region = "us-east-1"
}

# certlint:ignore CL201 the platform's certificates are attached by hand
module "platform" {
  source = "./modules/platform"
}

module "other" {
  source = "./modules/platform"
}
)");
    tmp.write("infra/modules/platform/main.tf", R"(module "acm" {
  source = "../acm"
}
)");
    const std::string acm = tmp.write("infra/modules/acm/main.tf",
                                      R"(resource "aws_acm_certificate" "this" {
  domain_name       = "platform.example.com"
  validation_method = "EMAIL"
}
)");
    const auto r = run_certlint({"-f", "json", tmp / "infra"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    // The same module twice: only the instance under the commented call is covered.
    CHECK(findings(r.out) ==
          std::vector<std::string>{
              "CL001 module.other.module.acm.aws_acm_certificate.this " + acm + ":1",
              "CL201 module.other.module.acm.aws_acm_certificate.this " + acm + ":1",
              "CL001 module.platform.module.acm.aws_acm_certificate.this " + acm + ":1",
          });
}

TEST_CASE("inline suppressions: a plan address maps through module calls and instance keys",
          "[suppress][sources]") {
    TempDir tmp;
    tmp.write("main.tf", R"(// certlint:ignore CL201 outer
module "a" {
  source = "./a"
  count  = 2
}
)");
    tmp.write("a/main.tf", R"(module "b" {
  source = "../b" /* certlint:ignore CL305 inner */
}
)");
    tmp.write("b/main.tf", R"(resource "aws_acm_certificate" "c" {
  for_each = toset(["x"])
  # certlint:ignore CL001 own
}

resource "aws_acm_certificate" "d" {
}
)");
    certlint::readers::TerraformSources sources(tmp.path());
    const auto rules = [&](const std::string& address) {
        std::vector<std::string> out;
        for (const auto& ig : sources.ignores(address)) {
            for (const std::string& r : ig.rules) out.push_back(r + " " + ig.reason);
        }
        return out;
    };
    CHECK(rules("module.a[1].module.b.aws_acm_certificate.c[\"x\"]") ==
          std::vector<std::string>{"CL201 outer", "CL305 inner", "CL001 own"});
    CHECK(rules("module.a[0].module.b.aws_acm_certificate.d") ==
          std::vector<std::string>{"CL201 outer", "CL305 inner"});
    CHECK(rules("module.a[0].aws_acm_certificate.elsewhere") ==
          std::vector<std::string>{"CL201 outer"});
    CHECK(rules("aws_acm_certificate.d").empty());
}
