// The dependencies a resource block gives Terraform's create_before_destroy propagation
// (readers/tfconfig_lifecycle.hpp), in native and JSON syntax. What the configuration mode
// then reports is in the CL202 configuration fixtures (fixtures/rules/CL202/*config*).
#include <string>
#include <vector>

#include "catch.hpp"
#include "hcl/parse.hpp"
#include "readers/tfconfig_lifecycle.hpp"

using certlint::hcl::File;
using certlint::readers::tf::block_references;
using certlint::readers::tf::read_lifecycle;

namespace {

const certlint::hcl::Body& first_resource_native(File& file) {
    const auto err = certlint::hcl::parse_native(file);
    if (err) FAIL(err->to_string());
    REQUIRE(!file.body.blocks.empty());
    return file.body.blocks.front().body;
}

bool has(const std::vector<std::string>& refs, const std::string& ref) {
    for (const std::string& r : refs) {
        if (r == ref) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("lifecycle: replace_triggered_by is a dependency, the rest of lifecycle is not",
          "[tfconfig][lifecycle]") {
    File file("main.tf", R"(resource "aws_api_gateway_deployment" "api" {
  rest_api_id = var.api_id
  depends_on  = [aws_api_gateway_method.get]
  lifecycle {
    create_before_destroy = true
    ignore_changes        = [description]
    replace_triggered_by  = [aws_acm_certificate.api, aws_route53_record.v[0].fqdn, aws_x.y[count.index]]
  }
}
)");
    const auto& body = first_resource_native(file);
    const std::vector<std::string> refs = block_references(body);
    CHECK(has(refs, "var.api_id"));
    CHECK(has(refs, "aws_acm_certificate.api"));
    CHECK(has(refs, "aws_route53_record.v[0].fqdn"));
    CHECK(has(refs, "aws_x.y"));
    CHECK_FALSE(has(refs, "aws_api_gateway_method.get"));  // depends_on: Resource::depends_on
    CHECK_FALSE(has(refs, "description"));
    CHECK(read_lifecycle(body).create_before_destroy == true);
}

TEST_CASE("lifecycle: replace_triggered_by in JSON syntax names references as strings",
          "[tfconfig][lifecycle]") {
    File file("main.tf.json", R"({
  "resource": {
    "aws_api_gateway_deployment": {
      "api": {
        "rest_api_id": "a1b2c3d4e5",
        "lifecycle": {
          "create_before_destroy": true,
          "replace_triggered_by": ["aws_acm_certificate.api", "aws_route53_record.v"]
        }
      }
    }
  }
})");
    const auto err = certlint::hcl::parse_json(file);
    if (err) FAIL(err->to_string());
    REQUIRE(file.body.blocks.size() == 1);
    const auto& body = file.body.blocks.front().body;
    REQUIRE(body.json);
    const std::vector<std::string> refs = block_references(body);
    CHECK(has(refs, "aws_acm_certificate.api"));
    CHECK(has(refs, "aws_route53_record.v"));
    CHECK(read_lifecycle(body).create_before_destroy == true);
}
