// TerraformSources (--source-dir locations) on the HCL parser: .tf.json files, constructs the
// old tokenizer could not see through, and syntax errors as problems.
#include <string>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "readers/terraform_sources.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::readers::TerraformSources;

namespace {

std::string where(TerraformSources& s, const std::string& address) {
    const auto loc = s.declaration(address);
    return loc ? loc->file + ":" + std::to_string(loc->line) : std::string("none");
}

}  // namespace

TEST_CASE("--source-dir locations come from the HCL parser, .tf.json included", "[hcl][sources]") {
    certlint::test::TempDir tmp;
    tmp.write("infra/main.tf", R"(locals {
  # braces and quotes inside strings, templates and heredocs do not end the block
  a = "}"
  b = "${jsonencode({ x = "}" })}"
  c = <<-EOT
    resource "aws_lb_listener" "decoy" {
    EOT
  d = { for k, v in var.m : k => v if v != "{" }
}

resource "aws_acm_certificate" "native" { domain_name = "a.example.com" }

module "json" {
  source = "./json"
}
)");
    tmp.write("infra/json/cdk.tf.json", R"({
  "//": {"metadata": {"backend": "local"}},
  "resource": {
    "aws_acm_certificate": {
      "site": {
        "domain_name": "b.example.com"
      }
    }
  },
  "module": {"inner": {"source": "./inner"}}
})");
    tmp.write("infra/json/inner/x.tf.json",
              "{\"data\": {\"aws_route53_zone\": {\"z\": {\"name\": \"example.com\"}}}}");
    tmp.write("infra/broken/main.tf",
              "resource \"aws_lb\" \"before\" {\n}\nresource \"aws_lb\" \"after\" {\n  x = \n}\n");

    TerraformSources sources(tmp / "infra");
    CHECK(where(sources, "aws_acm_certificate.native") == tmp / "infra/main.tf:11");
    CHECK(where(sources, "aws_lb_listener.decoy") == "none");
    CHECK(where(sources, "module.json.aws_acm_certificate.site") ==
          tmp / "infra/json/cdk.tf.json:5");
    CHECK(where(sources, "module.json.module.inner.data.aws_route53_zone.z") ==
          tmp / "infra/json/inner/x.tf.json:1");
    // A file with a syntax error keeps the blocks before the error and is a problem.
    CHECK(where(sources, "aws_lb.before") == tmp / "infra/broken/main.tf:1");
    CHECK(where(sources, "aws_lb.after") == "none");
    REQUIRE(sources.problems().size() == 1);
    CHECK(sources.problems()[0] ==
          tmp / "infra/broken/main.tf:4:7: expected an expression, found a newline");
}

TEST_CASE("a plan of a cdk.tf.json configuration: findings at its JSON lines", "[hcl][sources]") {
    const std::string dir =
        certlint::test::kSourceDir +
        "/fixtures/rules/CL101/fire_cdktf_distribution_certificate_on_default_provider";
    const auto r = certlint::test::run_certlint(
        {"--format", "json", "--fail-on", "never", "--source-dir", "terraform", "plan.json"}, {},
        dir);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    REQUIRE(doc.at("findings").size() == 1);
    const auto& f = doc["findings"][0];
    CHECK(f.at("rule_id") == "CL101");
    CHECK(f.at("resource") == "aws_cloudfront_distribution.Website_LegacyDistribution_3C4D5E6F");
    CHECK(f.at("location").at("file") == "terraform/cdk.tf.json");
    CHECK(f.at("location").at("line") == 124);
}
