// Plans of JSON-syntax configurations (.tf.json, cdk.tf.json): Terraform records their
// template strings as constant_value (with references); the plan front end reads them as
// templates. Whole-plan behaviour is in fixtures/rules/CL101/fire_tf_json_* and
// fire_cdktf_*; these are the cases of one expression.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "readers/terraform_plan.hpp"

using namespace certlint::readers::tf;
using nlohmann::json;

namespace {

// The plan front end's reading of the expression `e` of a resource argument "a".
Expression read(const json& e) {
    const json doc = {{"configuration",
                       {{"root_module",
                         {{"resources", json::array({{{"address", "aws_x.y"},
                                                      {"mode", "managed"},
                                                      {"type", "aws_x"},
                                                      {"name", "y"},
                                                      {"expressions", {{"a", e}}}}})}}}}}};
    const Configuration config = plan_configuration(doc);
    return config.modules.at("").resource("aws_x.y")->body.attribute("a");
}

}  // namespace

TEST_CASE("plan: a JSON-syntax template recorded as constant_value is read by its references",
          "[hcl][terraform]") {
    Expression e = read(json::parse(
        R"({"constant_value": "${aws_acm_certificate_validation.site[each.key].certificate_arn}",
            "references": ["aws_acm_certificate_validation.site", "each.key"]})"));
    CHECK(e.kind == Expression::Kind::References);
    CHECK(e.references ==
          std::vector<std::string>{"aws_acm_certificate_validation.site", "each.key"});

    // Inside arrays and objects too.
    e = read(json::parse(R"({"constant_value": ["a.example.com", "${each.value}"],
                             "references": ["each.value"]})"));
    CHECK(e.kind == Expression::Kind::References);
    CHECK(e.references == std::vector<std::string>{"each.value"});

    // No recorded references: those of the parsed template.
    e = read(json::parse(R"({"constant_value": "arn-${var.suffix}"})"));
    CHECK(e.kind == Expression::Kind::References);
    CHECK(e.references == std::vector<std::string>{"var.suffix"});

    // Interpolating nothing the plan can follow: not a constant, and not a guess.
    e = read(json::parse(R"({"constant_value": "${upper(\"a.example.com\")}"})"));
    CHECK(e.kind == Expression::Kind::Unrecorded);
    e = read(json::parse(R"({"constant_value": {"k": "%{if true}x%{endif}"}})"));
    CHECK(e.kind == Expression::Kind::Unrecorded);
}

TEST_CASE("plan: constant_value strings of literal text stay constants, $${ unescaped",
          "[hcl][terraform]") {
    Expression e = read(json::parse(R"({"constant_value": "a.example.com"})"));
    CHECK(e.kind == Expression::Kind::Constant);
    CHECK(e.value == "a.example.com");
    e = read(json::parse(R"({"constant_value": {"Template": "$${not_an_interpolation}",
                                                 "$${k}": ["100%", 5, true, null]}})"));
    CHECK(e.kind == Expression::Kind::Constant);
    CHECK(e.value == json::parse(R"({"Template": "${not_an_interpolation}",
                                      "${k}": ["100%", 5, true, null]})"));
    // Not a template at all (a native-syntax literal with a stray "${"): as it is.
    e = read(json::parse(R"({"constant_value": "cost ${ unterminated"})"));
    CHECK(e.kind == Expression::Kind::Constant);
    CHECK(e.value == "cost ${ unterminated");
    // Native syntax records references alone: unchanged.
    e = read(json::parse(R"({"references": ["var.d"]})"));
    CHECK(e.kind == Expression::Kind::References);
    CHECK(e.references == std::vector<std::string>{"var.d"});
}
