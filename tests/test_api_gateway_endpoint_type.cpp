// API Gateway custom domains: certificate_arn (CloudFormation CertificateArn) serves an
// edge-optimized domain, which takes a us-east-1 certificate (CL101), or a private one
// (endpoint type PRIVATE), which takes a certificate from its own region (CL102). The consumer
// catalog says so once; these tests check what a configuration whose endpoint type is not
// known gives: neither rule guesses, and --verbose says why. The decided cases are rule
// fixtures (CL101/CL102 *private_api_gateway_domain*, *private_domain_name*).
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using certlint::test::run_certlint;
using json = nlohmann::json;

namespace {

struct EndpointTypeTree {
    fs::path root;
    explicit EndpointTypeTree(const std::string& main_tf)
        : root(fs::temp_directory_path() / "certlint-apigw-endpoint-type") {
        fs::remove_all(root);
        fs::create_directories(root);
        std::ofstream(root / "main.tf") << main_tf;
    }
    ~EndpointTypeTree() { fs::remove_all(root); }
};

// The certificate is requested on `cert_provider` ("" for the default eu-west-1 provider);
// the domain's endpoint type is the variable `endpoint_type`, which has no default.
std::string private_domain_config(const std::string& cert_provider) {
    return R"(provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

variable "endpoint_type" {
  type = string
}

resource "aws_acm_certificate" "api" {
)" + (cert_provider.empty() ? std::string() : "  provider          = " + cert_provider + "\n") +
           R"(  domain_name       = "api.example.com"
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "api_validation" {
  for_each = {
    for dvo in aws_acm_certificate.api.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }
  zone_id = "Z0123456789PUBLIC"
  name    = each.value.name
  type    = each.value.type
  records = [each.value.record]
  ttl     = 60
}

resource "aws_acm_certificate_validation" "api" {
)" +
           (cert_provider.empty() ? std::string()
                                  : "  provider                = " + cert_provider + "\n") +
           R"(  certificate_arn         = aws_acm_certificate.api.arn
  validation_record_fqdns = [for r in aws_route53_record.api_validation : r.fqdn]
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.com"
  certificate_arn = aws_acm_certificate_validation.api.certificate_arn

  endpoint_configuration {
    types = [var.endpoint_type]
  }
}
)";
}

using RuleOn = std::tuple<std::string, std::string>;  // rule_id, resource

std::set<RuleOn> region_findings(const certlint::test::RunResult& r) {
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::set<RuleOn> out;
    const json report = json::parse(r.out);
    for (const auto& f : report.at("findings")) {
        const std::string id = f.at("rule_id").get<std::string>();
        if (id == "CL101" || id == "CL102") out.emplace(id, f.at("resource").get<std::string>());
    }
    return out;
}

const std::vector<std::string> kJson = {"--format", "json", "--fail-on", "never"};

std::vector<std::string> args(std::vector<std::string> extra, const EndpointTypeTree& t) {
    std::vector<std::string> all = kJson;
    all.insert(all.end(), extra.begin(), extra.end());
    all.push_back(t.root.string());
    return all;
}

}  // namespace

TEST_CASE("API Gateway domain: an unknown endpoint type leaves CL101 and CL102 undecided",
          "[catalog][tfconfig]") {
    const std::string domain = "aws_api_gateway_domain_name.api";
    SECTION("us-east-1 certificate") {
        const EndpointTypeTree t(private_domain_config("aws.us_east_1"));
        CHECK(region_findings(run_certlint(args({}, t))).empty());
        CHECK(region_findings(run_certlint(args({"--var", "endpoint_type=EDGE"}, t))).empty());
        CHECK(region_findings(run_certlint(args({"--var", "endpoint_type=PRIVATE"}, t))) ==
              std::set<RuleOn>{{"CL102", domain}});

        const auto verbose = run_certlint({"-v", "--fail-on", "never", t.root.string()});
        INFO(verbose.out << verbose.err);
        CHECK((verbose.out + verbose.err)
                  .find(domain + ": CL102 undecided for aws_acm_certificate.api: "
                                 "endpoint_configuration.types is not known before apply, and "
                                 "it decides whether certificate_arn must be in us-east-1 "
                                 "(edge-optimized) or in the consumer's own region (PRIVATE)") !=
              std::string::npos);
    }
    SECTION("eu-west-1 certificate") {
        const EndpointTypeTree t(private_domain_config(""));
        CHECK(region_findings(run_certlint(args({}, t))).empty());
        CHECK(region_findings(run_certlint(args({"--var", "endpoint_type=EDGE"}, t))) ==
              std::set<RuleOn>{{"CL101", domain}});
        CHECK(region_findings(run_certlint(args({"--var", "endpoint_type=PRIVATE"}, t))).empty());
    }
}
