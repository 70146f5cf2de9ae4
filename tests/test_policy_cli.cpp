// Custom policies end to end (product-spec section 8): the certlint binary with --policy,
// the config's `policies:` and .certlint/policies, severity/enabled overrides, waivers,
// baselines, CloudFormation Metadata ignores, reports, `rules`/`explain`, and
// `test-policies` with its exit codes.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::kSourceDir;
using certlint::test::run_certlint;
using certlint::test::TempDir;
using Json = nlohmann::json;

namespace {

const std::string kExamples = kSourceDir + "/examples/policies";
const std::string kPlan = kExamples + "/tests/terraform_plan/plan.json";
const std::string kTemplate = kExamples + "/tests/template.yaml";
const std::string kCdk = kExamples + "/tests/cdk_cross_region";
const std::string kZones = kExamples + "/approved-zones.yaml";

// (rule, resource, certificate) of each finding of a JSON report, in report order.
std::vector<std::string> findings(const std::string& report, const std::string& prefix = "ORG") {
    std::vector<std::string> out;
    const Json doc = Json::parse(report);
    for (const Json& f : doc["findings"]) {
        const std::string id = f["rule_id"];
        if (!id.starts_with(prefix)) continue;
        out.push_back(id + " " + f["resource"].get<std::string>() +
                      (f.contains("certificate") && f["certificate"].is_string()
                           ? " " + f["certificate"].get<std::string>()
                           : ""));
    }
    return out;
}

const std::string kOnePolicy =
    "policies:\n"
    "  - id: ACME101\n"
    "    name: no-org-names\n"
    "    severity: error\n"
    "    description: No .org names.\n"
    "    remediation: Use a .com name.\n"
    "    on: certificate\n"
    "    require: {domains: {none: {matches: '.*\\.org'}}}\n"
    "    message: \"{resource} names {failing}\"\n";

}  // namespace

TEST_CASE("a custom policy fires on a Terraform plan, a template and a CDK assembly",
          "[policy][cli]") {
    auto r = run_certlint({"--policy", kZones, "-f", "json", kPlan});
    CHECK(r.exit_code == 1);
    CHECK(findings(r.out) == std::vector<std::string>{"ORG001 aws_acm_certificate.shop"});
    const Json plan = Json::parse(r.out);
    for (const Json& f : plan["findings"]) {
        if (f["rule_id"] != "ORG001") continue;
        CHECK(f["rule"] == "approved-zones-only");
        CHECK(f["severity"] == "error");
        CHECK(f["message"] ==
              "aws_acm_certificate.shop requests shop.example.org, outside the approved zones");
        CHECK(f["remediation"].get<std::string>().starts_with("Request the certificate for names"));
    }
    r = run_certlint({"--policy", kZones, "--region", "us-east-1", "-f", "json", kTemplate});
    CHECK(findings(r.out) == std::vector<std::string>{"ORG001 PartnerCertificate"});
    r = run_certlint({"--policy", kZones, "--policy", kExamples + "/cloudfront-dns-validation.yaml",
                      "--policy", kExamples + "/certificate-sharing.yaml", "-f", "json", kCdk});
    CHECK(r.exit_code == 0);
    CHECK(findings(r.out).empty());
    // A consumer policy: the finding names the consumer and its certificate, at its line.
    r = run_certlint({"--policy", kExamples + "/cloudfront-dns-validation.yaml", "--region",
                      "us-east-1", "-f", "json", kTemplate});
    CHECK(findings(r.out) ==
          std::vector<std::string>{"ORG004 PartnerDistribution PartnerCertificate"});
    const Json consumer = Json::parse(r.out);
    for (const Json& f : consumer["findings"]) {
        if (f["rule_id"] != "ORG004") continue;
        CHECK(f["message"] == "PartnerDistribution uses a certificate validated by EMAIL");
        CHECK(f["location"]["line"] == 51);
    }
}

TEST_CASE("--verbose says which unknown value left a custom policy undecided", "[policy][cli]") {
    const auto r = run_certlint({"--policy", kZones, "--region", "us-east-1", "-v", "-f", "json",
                                 "--fail-on", "never", kTemplate});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("certlint: note: TenantCertificate: ORG001 undecided: require: domains is "
                     "unknown (") != std::string::npos);
    // With the parameter given, it is decided.
    const auto given = run_certlint({"--policy", kZones, "--region", "us-east-1", "--parameter",
                                     "TenantDomain=t.example.org", "-f", "json", kTemplate});
    CHECK(findings(given.out) ==
          std::vector<std::string>{"ORG001 PartnerCertificate", "ORG001 TenantCertificate"});
}

TEST_CASE("config: policies, .certlint/policies, severity, enabled and waivers", "[policy][cli]") {
    const TempDir dir;
    dir.write("org/no-org.yaml", kOnePolicy);
    dir.write(".certlint.yaml", "policies: [org/no-org.yaml]\n");
    auto r = run_certlint({"-f", "json", kPlan}, {}, dir.path());
    CHECK(r.exit_code == 1);
    CHECK(findings(r.out, "ACME") == std::vector<std::string>{"ACME101 aws_acm_certificate.shop"});
    // Severity override: a note does not fail the run.
    dir.write(".certlint.yaml",
              "policies: [org/no-org.yaml]\nrules:\n  ACME101: {severity: note}\n"
              "  CL002: {enabled: false}\n  CL003: {enabled: false}\n  CL001: {enabled: false}\n"
              "  CL201: {enabled: false}\n  CL301: {enabled: false}\n");
    r = run_certlint({"-f", "json", kPlan}, {}, dir.path());
    CHECK(r.exit_code == 0);
    CHECK(Json::parse(r.out)["findings"][0]["severity"] == "note");
    // Disabled by name.
    dir.write(".certlint.yaml",
              "policies: [org/no-org.yaml]\nrules:\n  no-org-names: {enabled: false}\n");
    r = run_certlint({"-f", "json", kPlan}, {}, dir.path());
    CHECK(findings(r.out, "ACME").empty());
    // Waived.
    dir.write(".certlint.yaml",
              "policies: [org/no-org.yaml]\nwaivers:\n  - rule: ACME101\n    resource: "
              "\"aws_acm_certificate.sh*\"\n    reason: moving\n");
    r = run_certlint({"-f", "json", "-v", kPlan}, {}, dir.path());
    CHECK(findings(r.out, "ACME").empty());
    CHECK(r.err.find("ACME101 on aws_acm_certificate.shop waived: moving") != std::string::npos);
    // .certlint/policies beside the config file, found from a subdirectory.
    dir.write(".certlint.yaml", "rules:\n  ACME101: {severity: warning}\n");
    dir.write(".certlint/policies/no-org.yaml", kOnePolicy);
    dir.write("sub/keep", "");
    r = run_certlint({"-f", "json", kPlan}, {}, dir / "sub");
    REQUIRE(findings(r.out, "ACME").size() == 1);
    CHECK(Json::parse(r.out)["findings"][0]["severity"].is_string());
    // A config naming a policy path that does not exist.
    dir.write(".certlint.yaml", "policies:\n  - missing.yaml\n");
    r = run_certlint({kPlan}, {}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "certlint: .certlint.yaml:2: policies: no such file or directory "
          "'missing.yaml'\n");
}

TEST_CASE("baselines and CloudFormation Metadata ignores know custom IDs", "[policy][cli]") {
    const TempDir dir;
    const std::string baseline = dir / "baseline.json";
    auto r = run_certlint({"--policy", kZones, "--write-baseline", baseline, kPlan});
    CHECK(r.exit_code == 0);
    r = run_certlint({"--policy", kZones, "--baseline", baseline, "-f", "json", kPlan});
    CHECK(r.exit_code == 0);
    CHECK(findings(r.out).empty());

    const std::string tmpl =
        "Resources:\n"
        "  Cert:\n"
        "    Type: AWS::CertificateManager::Certificate\n"
        "    Metadata: {certlint: {ignore: [ORG001]}}\n"
        "    Properties: {DomainName: a.example.org, ValidationMethod: DNS}\n"
        "  Other:\n"
        "    Type: AWS::CertificateManager::Certificate\n"
        "    Metadata: {certlint: {ignore: [approved-zones-only]}}\n"
        "    Properties: {DomainName: b.example.org, ValidationMethod: DNS}\n";
    const std::string path = dir.write("t.yaml", tmpl);
    r = run_certlint({"--policy", kZones, "--region", "eu-west-1", "-f", "json", path});
    CHECK(findings(r.out).empty());
    // Without the policy loaded, the ID is unknown: an error.
    r = run_certlint({"--region", "eu-west-1", path});
    CHECK(r.exit_code == 2);
}

TEST_CASE("custom policies in SARIF, rules and explain", "[policy][cli]") {
    auto r = run_certlint({"--policy", kZones, "-f", "sarif", kPlan});
    const Json sarif = Json::parse(r.out);
    bool found = false;
    for (const Json& rule : sarif["runs"][0]["tool"]["driver"]["rules"]) {
        if (rule["id"] != "ORG001") continue;
        found = true;
        CHECK(rule["name"] == "approved-zones-only");
        CHECK(rule["shortDescription"]["text"] ==
              "Public certificates may only name domains under example.com or example.net.");
        CHECK(rule["help"]["text"].get<std::string>().find("Request the certificate for names") !=
              std::string::npos);
        // Our docs have no page for a team's own policy: no link to one.
        CHECK_FALSE(rule.contains("helpUri"));
    }
    CHECK(found);
    for (const Json& rule : sarif["runs"][0]["tool"]["driver"]["rules"]) {
        if (rule["id"] == "CL201") CHECK(rule["helpUri"].get<std::string>().ends_with("/CL201.md"));
    }
    r = run_certlint({"--policy", kZones, "-f", "markdown", kPlan});
    CHECK(r.out.find("| ORG001 `approved-zones-only`") != std::string::npos);
    CHECK(r.out.find("[ORG001](") == std::string::npos);
    r = run_certlint({"rules", "--policy", kZones, "-f", "json"});
    CHECK(r.exit_code == 0);
    const Json rules = Json::parse(r.out)["rules"];
    CHECK(rules.back()["id"] == "ORG001");
    CHECK(rules.back()["source"] == kZones + ":4");
    CHECK(rules.back()["on"] == "certificate");
    r = run_certlint({"explain", "org001", "--policy", kZones});
    CHECK(r.exit_code == 0);
    CHECK(
        r.out.starts_with("ORG001 approved-zones-only (error, on by default)\n\nPublic "
                          "certificates may only name domains under example.com or "
                          "example.net.\n\nFix:\nRequest the certificate"));
    CHECK(r.out.find("Custom policy on each certificate, defined in " + kZones + ":4\n") !=
          std::string::npos);
    r = run_certlint({"explain", "Approved-Zones-Only", "--policy", kZones});
    CHECK(r.exit_code == 0);
    r = run_certlint({"explain", "cl201"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("CL201 unused-certificate"));
}

TEST_CASE("a malformed policy is one line naming the file and line, exit 2", "[policy][cli]") {
    const TempDir dir;
    std::string bad = kOnePolicy;
    bad.replace(bad.find("none"), 4, "nada");
    const std::string path = dir.write("bad.yaml", bad);
    auto r = run_certlint({"--policy", path, kPlan});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "certlint: " + path +
                       ":8: unknown operator 'nada' (expected equals, in, matches, exists, gte, "
                       "lte, count, every, some, none, all, any, not)\n");
    CHECK(r.out.empty());
    r = run_certlint({"--policy", dir / "nothing.yaml", kPlan});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "certlint: " + dir / "nothing.yaml" + ": no such policy file or directory\n");
    r = run_certlint({"test-policies", path});
    CHECK(r.exit_code == 2);
}

TEST_CASE("test-policies: pass, fail with expected and fired, exit codes", "[policy][cli]") {
    auto r = run_certlint({"test-policies", kExamples});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("PASS ORG001 terraform plan, a SAN in another zone\n") != std::string::npos);
    CHECK(r.out.ends_with("PASS: 19/19\n"));

    const TempDir dir;
    dir.write("p.yaml", kOnePolicy +
                            "    tests:\n"
                            "      - {name: fires, input: " +
                            kPlan +
                            ", expect: [aws_acm_certificate.shop]}\n"
                            "      - {name: wrong, input: " +
                            kPlan + ", expect: [aws_acm_certificate.api]}\n");
    r = run_certlint({"test-policies", dir / "p.yaml"});
    CHECK(r.exit_code == 1);
    CHECK(r.out ==
          "PASS ACME101 fires\n"
          "FAIL ACME101 wrong (" +
              dir / "p.yaml" +
              ":12)\n"
              "  expected: aws_acm_certificate.api\n"
              "  fired:    aws_acm_certificate.shop\n"
              "  aws_acm_certificate.shop: aws_acm_certificate.shop names "
              "shop.example.org\n" +
              std::string(80, '-') + "\nPASS: 1/2\nFAIL: 1/2\n");
    // An input that cannot be read: exit 2.
    dir.write("p.yaml", kOnePolicy +
                            "    tests:\n"
                            "      - {name: missing, input: none.json, expect: []}\n");
    r = run_certlint({"test-policies", dir / "p.yaml"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("ERROR ACME101 missing") != std::string::npos);
    // Nothing to test.
    r = run_certlint({"test-policies"}, {}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "certlint: no policies to test: give a policy file or directory, or put "
          "policies in .certlint/policies/ beside .certlint.yaml\n");
    // Relative inputs are relative to the policy file; the configured policies by default.
    dir.write(".certlint/policies/p.yaml", kOnePolicy +
                                               "    tests:\n"
                                               "      - {name: clean, input: ../../t.yaml, "
                                               "region: eu-west-1, expect: []}\n");
    dir.write("t.yaml",
              "Resources:\n  C:\n    Type: AWS::CertificateManager::Certificate\n"
              "    Properties: {DomainName: a.example.com, ValidationMethod: DNS}\n");
    r = run_certlint({"test-policies"}, {}, dir.path());
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("PASS ACME101 clean\n"));
}

TEST_CASE("any, gte, none and a consumer's certificate fields on each input kind",
          "[policy][cli]") {
    const TempDir dir;
    const std::string policies = dir.write("ops.yaml", R"(policies:
  - id: OPS001
    name: dns-or-private
    severity: error
    description: DNS-validated or private.
    on: certificate
    require: {any: [{validation_method: {equals: DNS}}, {type: {equals: PRIVATE}}]}
    message: "{resource}: {failing}"
  - id: OPS002
    name: two-names-at-least
    severity: error
    description: At least two names.
    on: certificate
    require: {domains: {count: {gte: 2}}}
    message: "{resource}: {failing}"
  - id: OPS003
    name: no-legacy-names
    severity: error
    description: No legacy names on consumers.
    on: consumer
    require: {domains: {none: {matches: 'legacy\..*'}}}
    message: "{resource}: {failing}"
  - id: OPS004
    name: edge-rsa-only
    severity: error
    description: Edge consumers serve RSA_2048 certificates.
    on: consumer
    where: {edge: {equals: true}}
    require: {certificate.key_algorithm: {equals: RSA_2048}}
    message: "{resource}: {failing}"
)");
    auto r = run_certlint({"--policy", policies, "-f", "json", kPlan});
    const std::vector<std::string> plan_findings{
        "OPS002 aws_acm_certificate.api", "OPS002 aws_acm_certificate.edge",
        "OPS002 aws_acm_certificate.internal", "OPS001 aws_acm_certificate.legacy",
        "OPS002 aws_acm_certificate.legacy",
        "OPS003 aws_cloudfront_distribution.legacy aws_acm_certificate.legacy",
        "OPS004 aws_cloudfront_distribution.media aws_acm_certificate.edge",
        "OPS004 aws_cloudfront_distribution.www aws_acm_certificate.edge"};
    CHECK(findings(r.out, "OPS") == plan_findings);
    // The plan's Terraform sources, checked as a configuration directory (spec §6): the
    // same policies decide the same way on what the sources say.
    r = run_certlint({"--policy", policies, "-f", "json", "--fail-on", "never",
                      kExamples + "/tests/terraform_plan/terraform"});
    CHECK(r.exit_code == 0);
    CHECK(Json::parse(r.out)["inputs"][0]["kind"] == "terraform-config");
    CHECK(findings(r.out, "OPS") == plan_findings);
    r = run_certlint({"--policy", policies, "--region", "us-east-1", "-f", "json", kTemplate});
    CHECK(findings(r.out, "OPS") ==
          std::vector<std::string>{"OPS001 PartnerCertificate", "OPS002 PartnerCertificate",
                                   "OPS004 PartnerDistribution PartnerCertificate"});
    r = run_certlint({"--policy", policies, "-f", "json", kExamples + "/tests/cdk_alb_email"});
    CHECK(findings(r.out, "OPS") ==
          std::vector<std::string>{"OPS001 AlbStack/Cert5C9FAEC1", "OPS002 AlbStack/Cert5C9FAEC1"});
    r = run_certlint({"--policy", policies, "-f", "json", kCdk});
    CHECK(findings(r.out, "OPS").size() == 1);  // OPS002: one name

    // An ACM inventory (spec §7): certificates named by ARN, consumers by their InUseBy ARN.
    const std::string inventory = kSourceDir + "/fixtures/inventory/describe-certificates.jsonl";
    const std::string eu = "arn:aws:acm:eu-west-1:111122223333:certificate/";
    r = run_certlint({"--policy", policies, "--now", "2026-11-01T00:00:00Z", "-f", "json",
                      "--fail-on", "never", inventory});
    CHECK(r.exit_code == 0);
    CHECK(findings(r.out, "OPS") ==
          std::vector<std::string>{
              "OPS002 " + eu + "1b069426-18d3-fcc1-ccf2-bea9bb49e3de",
              "OPS002 " + eu + "d06b5b95-5172-5025-abec-df7a4c2f9b5e",
              "OPS001 " + eu + "f9f554ed-66f0-36ab-10a4-462a1ff6963b",
              "OPS002 " + eu + "f9f554ed-66f0-36ab-10a4-462a1ff6963b",
              "OPS002 arn:aws:acm:us-east-1:111122223333:certificate/"
              "37e31cb3-42ee-d6ef-0eb5-5718b9eca93a"});
    // A consumer policy on an inventory: the load balancer that serves the imported one.
    const std::string consumers = dir.write("consumers.yaml", R"(policies:
  - id: OPS010
    name: amazon-issued-on-load-balancers
    severity: error
    description: Load balancers serve certificates ACM renews.
    on: consumer
    where: {kind: {in: [load balancer listener, listener certificate, classic load balancer]}}
    require: {certificate.type: {equals: AMAZON_ISSUED}}
    message: "{resource}: {failing}"
)");
    r = run_certlint({"--policy", consumers, "--now", "2026-11-01T00:00:00Z", "-f", "json",
                      "--fail-on", "never", inventory});
    CHECK(findings(r.out, "OPS") ==
          std::vector<std::string>{
              "OPS010 arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/"
              "partner/50dc6c495c0c9188 " +
              eu + "f9f554ed-66f0-36ab-10a4-462a1ff6963b"});
}

TEST_CASE("a certificate's consumers and a consumer's certificate, printed whole",
          "[policy][cli]") {
    // The views share their parts (a certificate's consumers, a consumer's certificate); what
    // a policy sees is still view::certificate / view::consumer: consumers without their
    // certificate, a certificate without its consumers.
    const TempDir dir;
    const std::string policies = dir.write("whole.yaml", R"(policies:
  - id: WHO001
    name: consumers-whole
    severity: note
    description: Prints a certificate's consumers whole.
    on: certificate
    where: {consumers: {count: {equals: 1}}}
    require: {consumers: {exists: false}}
    message: "{failing}"
  - id: WHO002
    name: certificate-without-consumers
    severity: note
    description: A consumer's certificate has no consumers field.
    on: consumer
    require: {certificate.consumers: {exists: true}, certificate: {exists: false}}
    message: "{failing}"
)");
    const auto r = run_certlint({"--policy", policies, "-f", "json", "--fail-on", "never", kPlan});
    REQUIRE(r.exit_code == 0);
    const Json report = Json::parse(r.out);
    std::vector<std::string> messages;
    for (const Json& f : report["findings"]) {
        const std::string resource = f["resource"];
        if (!f["rule_id"].get<std::string>().starts_with("WHO")) continue;
        if (resource == "aws_acm_certificate.api" || resource == "aws_lb_listener.api") {
            messages.push_back(f["rule_id"].get<std::string>() + " " +
                               f["message"].get<std::string>());
        }
    }
    CHECK(messages ==
          std::vector<std::string>{
              "WHO001 [{\"address\":\"aws_lb_listener.api\",\"domains\":[],\"edge\":false,"
              "\"kind\":\"load balancer listener\",\"region\":\"eu-west-1\","
              "\"resource_type\":\"aws_lb_listener\"}]",
              "WHO002 certificate.consumers, aws_acm_certificate.api"});
}
