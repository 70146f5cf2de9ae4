// Rule IDs and names, and where their case matters (spec section 5). One lookup in any case
// (find_policy_any_case, over base::ascii_iequals) serves `certlint explain`, --enable /
// --disable and `# certlint:ignore` comments; the exact lookup (find_policy) serves
// CloudFormation `Metadata` ignores and the config file's `rules:` keys, which the spec does
// not open to other cases.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/ascii.hpp"
#include "catch.hpp"
#include "certlint/rule.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using certlint::test::kSourceDir;
using certlint::test::run_certlint;
using json = nlohmann::json;

namespace {

struct LookupTree {
    fs::path root;
    LookupTree() : root(fs::temp_directory_path() / "certlint-rule-lookup") {
        fs::remove_all(root);
        fs::create_directories(root);
    }
    ~LookupTree() { fs::remove_all(root); }
    std::string write(const std::string& rel, const std::string& text) const {
        fs::create_directories((root / rel).parent_path());
        std::ofstream(root / rel) << text;
        return (root / rel).string();
    }
};

// Rule IDs of the findings of a run (exit 0 or 1), or "exit 2: <stderr>".
std::string rules_of(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--format", "json",  "--fail-on",
                                    "never",    "--now", "2026-11-01T00:00:00Z"};
    all.insert(all.end(), args.begin(), args.end());
    const auto r = run_certlint(all);
    if (r.exit_code != 0) return "exit " + std::to_string(r.exit_code) + ": " + r.err;
    std::string out;
    const json report = json::parse(r.out);
    for (const auto& f : report.at("findings")) out += f.at("rule_id").get<std::string>() + " ";
    return out.empty() ? "(none)" : out;
}

// An unused, email-validated certificate: CL001 and CL201 (and CL305 when enabled).
const std::string kTerraform = R"(provider "aws" {
  region = "eu-west-1"
}

# certlint:ignore %s kept for the partner integration
resource "aws_acm_certificate" "spare" {
  domain_name       = "*.example.com"
  validation_method = "EMAIL"
}
)";

std::string terraform_with_ignore(const std::string& rule) {
    std::string text = kTerraform;
    text.replace(text.find("%s"), 2, rule);
    return text;
}

std::string template_with_ignore(const std::string& rule) {
    return R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Spare:
    Type: AWS::CertificateManager::Certificate
    Metadata:
      certlint:
        ignore: [)" +
           rule + R"(]
    Properties:
      DomainName: spare.example.com
      ValidationMethod: DNS
      DomainValidationOptions:
        - DomainName: spare.example.com
          HostedZoneId: Z0123456789ABCDEFGHIJ
)";
}

}  // namespace

TEST_CASE("ascii case folding folds A-Z only", "[rules][lookup]") {
    using certlint::base::ascii_iequals;
    using certlint::base::ascii_lower;
    CHECK(ascii_iequals("CL201", "cl201"));
    CHECK(ascii_iequals("Edge-Certificate-Not-US-East-1", "edge-certificate-not-us-east-1"));
    CHECK_FALSE(ascii_iequals("CL201", "CL2O1"));
    CHECK_FALSE(ascii_iequals("CL201", "CL2011"));
    CHECK(ascii_lower("Ä-ORG001_x") == "Ä-org001_x");    // bytes beyond ASCII stay as they are
    CHECK_FALSE(ascii_iequals("\xC3\x84", "\xC3\xA4"));  // Ä, ä: not ASCII letters
}

TEST_CASE("find_policy is exact; find_policy_any_case takes IDs and names in any case",
          "[rules][lookup]") {
    REQUIRE(certlint::find_policy("CL201") != nullptr);
    CHECK(certlint::find_policy("unused-certificate") == certlint::find_policy("CL201"));
    CHECK(certlint::find_policy("cl201") == nullptr);
    CHECK(certlint::find_policy_any_case("cl201") == certlint::find_policy("CL201"));
    CHECK(certlint::find_policy_any_case("Unused-Certificate") == certlint::find_policy("CL201"));
    CHECK(certlint::find_policy_any_case("CL2011") == nullptr);
}

TEST_CASE("rule lookup: the case each entry point accepts", "[rules][lookup]") {
    const LookupTree t;
    SECTION("explain: any case") {
        for (const std::string name : {"cl101", "CL101", "EDGE-Certificate-not-us-east-1"}) {
            const auto r = run_certlint({"explain", name});
            INFO(name << ": " << r.err);
            CHECK(r.exit_code == 0);
            CHECK(r.out.starts_with("CL101 edge-certificate-not-us-east-1 (error"));
        }
        const auto r = run_certlint({"explain", "cl1010"});
        CHECK(r.exit_code == 2);
        CHECK(r.err == "certlint: unknown rule 'cl1010' (see certlint rules)\n");
    }
    SECTION("--enable and --disable: any case") {
        const std::string dir =
            fs::path(t.write("tf/main.tf", terraform_with_ignore("CL001"))).parent_path().string();
        CHECK(rules_of({dir}) == "CL201 ");
        CHECK(rules_of({"--disable", "cl201", dir}) == "(none)");
        CHECK(rules_of({"--enable", "Wildcard-Certificate", dir}) == "CL201 CL305 ");
        CHECK(rules_of({"--disable", "cl2011", dir}) ==
              "exit 2: certlint: unknown rule 'cl2011' (see certlint rules)\n");
    }
    SECTION("# certlint:ignore: IDs and names in any case, custom policies included") {
        for (const std::string rule : {"cl201, cL001", "UNUSED-certificate, email-Validation"}) {
            const std::string dir =
                fs::path(t.write("tf/main.tf", terraform_with_ignore(rule))).parent_path().string();
            INFO(rule);
            CHECK(rules_of({dir}) == "(none)");
        }
        const std::string zones = kSourceDir + "/examples/policies/approved-zones.yaml";
        const std::string dir =
            fs::path(t.write("tf/main.tf", terraform_with_ignore("org001, cl201, cl001")))
                .parent_path()
                .string();
        CHECK(rules_of({"--policy", zones, dir}) == "(none)");
        CHECK(rules_of({dir}).starts_with("exit 2: certlint: "));  // ORG001 not loaded
    }
    SECTION("CloudFormation Metadata: IDs and names as written") {
        CHECK(rules_of({"--region", "eu-west-1", t.write("a.yaml", template_with_ignore(""))}) ==
              "CL201 ");
        CHECK(rules_of({"--region", "eu-west-1",
                        t.write("b.yaml", template_with_ignore("CL201"))}) == "(none)");
        CHECK(rules_of({"--region", "eu-west-1",
                        t.write("c.yaml", template_with_ignore("unused-certificate"))}) ==
              "(none)");
        const std::string lower = t.write("d.yaml", template_with_ignore("cl201"));
        CHECK(rules_of({"--region", "eu-west-1", lower}) ==
              "exit 2: certlint: " + lower +
                  ": line 7: resource Spare: Metadata certlint ignore: unknown rule 'cl201' (see "
                  "certlint rules)\n");
    }
    SECTION("config rules: IDs and names as written") {
        const std::string dir =
            fs::path(t.write("tf/main.tf", terraform_with_ignore("CL001"))).parent_path().string();
        const std::string exact = t.write("exact.yaml", "rules:\n  CL201: {enabled: false}\n");
        CHECK(rules_of({"--config", exact, dir}) == "(none)");
        const std::string by_name =
            t.write("name.yaml", "rules:\n  unused-certificate: {enabled: false}\n");
        CHECK(rules_of({"--config", by_name, dir}) == "(none)");
        const std::string other_case = t.write("case.yaml", "rules:\n  cl201: {enabled: false}\n");
        const std::string got = rules_of({"--config", other_case, dir});
        CHECK(got.starts_with("exit 2: certlint: " + other_case + ":2"));
        CHECK(got.find("unknown rule 'cl201'") != std::string::npos);
    }
}
