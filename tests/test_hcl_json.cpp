// HCL's JSON syntax (.tf.json) and the real Terraform sources of the fixtures, parsed by
// src/hcl.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "catch.hpp"
#include "hcl_dump.hpp"

using namespace certlint::hcl;
using hcltest::dump;

namespace {

std::string json_error(const std::string& text) {
    File f("main.tf.json", text);
    auto err = parse_json(f);
    return err ? err->to_string() : "";
}

}  // namespace

TEST_CASE("hcl json: top-level blocks nest their labels as object keys", "[hcl]") {
    File f("cdk.tf.json", R"({
  "//": {"metadata": {"version": "0.20.0", "stackName": "site"}},
  "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "use1", "region": "us-east-1"}]},
  "variable": {"domain": {"type": "string", "default": "example.com"}},
  "locals": {"zone": "Z123"},
  "resource": {
    "aws_acm_certificate": {
      "site": {
        "//": {"metadata": {"path": "site/cert"}},
        "domain_name": "${var.domain}",
        "provider": "aws.use1",
        "lifecycle": {"create_before_destroy": true}
      },
      "other": {"domain_name": "b.example.com"}
    },
    "aws_lb_listener": {"l": [{"port": 443}]}
  },
  "data": {"aws_route53_zone": {"z": {"name": "example.com", "private_zone": false}}},
  "module": {"acm": {"source": "./acm"}},
  "output": {"arn": {"value": "${aws_acm_certificate.site.arn}"}},
  "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}}
})");
    REQUIRE(!parse_json(f));
    CHECK(f.body.json);
    std::vector<std::string> blocks;
    for (const Block& b : f.body.blocks) {
        std::string s = b.type;
        for (const std::string& l : b.labels) s += " " + l;
        blocks.push_back(s);
    }
    CHECK(blocks == std::vector<std::string>{
                        "provider aws", "provider aws", "variable domain", "locals",
                        "resource aws_acm_certificate site", "resource aws_acm_certificate other",
                        "resource aws_lb_listener l", "data aws_route53_zone z", "module acm",
                        "output arn", "terraform"});
    CHECK(f.body.attributes.empty());
    const Block& cert = f.body.blocks[4];
    CHECK(cert.body.json);
    CHECK(cert.body.attribute("//") == nullptr);  // comments are dropped
    CHECK(dump(cert.body.attribute("domain_name")->expr) == "(json (tmpl ${var.domain}))");
    CHECK(dump(cert.body.attribute("provider")->expr) == "(json (tmpl \"aws.use1\"))");
    CHECK(references(*cert.body.attribute("domain_name")->expr) ==
          std::vector<std::string>{"var.domain"});
    CHECK(cert.type_range.begin.line == 6);
    CHECK(cert.label_ranges.at(1).begin.line == 8);
    CHECK(cert.range.begin.line == 8);  // the block's own name, not the shared "resource"
    CHECK(cert.range.end.line == 13);
    CHECK(f.body.blocks[3].range.begin.line == 5);  // "locals": no labels, its type
    CHECK(dump(f.body.blocks[1].body.attribute("alias")->expr) == "(json (tmpl \"use1\"))");
    CHECK(dump(f.body.blocks[3].body.attribute("zone")->expr) == "(json (tmpl \"Z123\"))");

    // A nested block or an object attribute: the consumer decides.
    const Attribute* lifecycle = cert.body.attribute("lifecycle");
    REQUIRE(lifecycle != nullptr);
    CHECK(dump(lifecycle->expr) == "(json {((tmpl \"create_before_destroy\"))=true})");
    JsonBlocks lb = json_blocks(*lifecycle);
    REQUIRE(!lb.error);
    REQUIRE(lb.blocks.size() == 1);
    CHECK(lb.blocks[0].type == "lifecycle");
    CHECK(dump(lb.blocks[0].body.attribute("create_before_destroy")->expr) == "(json true)");
    const Attribute* rp = f.body.blocks.back().body.attribute("required_providers");
    JsonBlocks req = json_blocks(*rp);
    REQUIRE(req.blocks.size() == 1);
    CHECK(dump(req.blocks[0].body.attribute("aws")->expr) ==
          "(json {((tmpl \"source\"))=(tmpl \"hashicorp/aws\")})");
}

TEST_CASE("hcl json: dynamic blocks and arrays of blocks through json_blocks", "[hcl]") {
    File f("m.tf.json", R"({"resource": {"aws_cloudfront_distribution": {"d": {
  "dynamic": {"viewer_certificate": {"for_each": "${var.certs}",
                                      "content": {"acm_certificate_arn": "${viewer_certificate.value}"}}},
  "origin": [{"domain_name": "a"}, {"domain_name": "b"}],
  "tags": {"Name": "x"}
}}}})");
    REQUIRE(!parse_json(f));
    const Body& d = f.body.blocks.at(0).body;
    JsonBlocks dyn = json_blocks(*d.attribute("dynamic"), 1);
    REQUIRE(!dyn.error);
    REQUIRE(dyn.blocks.size() == 1);
    CHECK(dyn.blocks[0].labels == std::vector<std::string>{"viewer_certificate"});
    JsonBlocks content = json_blocks(*dyn.blocks[0].body.attribute("content"));
    REQUIRE(content.blocks.size() == 1);
    CHECK(dump(content.blocks[0].body.attribute("acm_certificate_arn")->expr) ==
          "(json (tmpl ${viewer_certificate.value}))");
    JsonBlocks origins = json_blocks(*d.attribute("origin"));
    REQUIRE(origins.blocks.size() == 2);
    CHECK(dump(origins.blocks[1].body.attribute("domain_name")->expr) == "(json (tmpl \"b\"))");
    // tags is an object attribute; as a block it would be one block with attribute Name.
    CHECK(dump(d.attribute("tags")->expr) == "(json {((tmpl \"Name\"))=(tmpl \"x\")})");
    JsonBlocks bad = json_blocks(*d.attribute("origin"), 1);
    REQUIRE(bad.error);
    CHECK(bad.error->to_string() ==
          "m.tf.json:4:30: expected a JSON object for the body of a \"origin\" block");
    File native("n.tf", "a = 1\n");
    REQUIRE(!parse_native(native));
    JsonBlocks not_json = json_blocks(native.body.attributes.at(0));
    REQUIRE(not_json.error);
    CHECK(not_json.error->to_string() ==
          "n.tf:1:1: expected a JSON-syntax property for block \"a\"");
}

TEST_CASE("hcl json: strings are templates, with escapes and positions", "[hcl]") {
    File f("x.tf.json",
           "{\"output\": {\"o\": {\"value\": \"a\\u00e9 $${lit} ${upper(\\\"x\\\")}\"}}}");
    REQUIRE(!parse_json(f));
    const Attribute* v = f.body.blocks.at(0).body.attribute("value");
    CHECK(dump(v->expr) == "(json (tmpl \"a\xC3\xA9 ${lit} \" ${(call upper (tmpl \"x\"))}))");
    const auto* t = v->expr->as<Json>()->expr->as<Template>();
    CHECK(t->parts.at(1).range.begin.column == 28);  // inner nodes: the whole string's range
    CHECK(t->parts.at(1).range.file == &f);
    CHECK(v->expr->as<Json>()->value->kind == JsonValue::Kind::String);
    CHECK(json_error("{\"output\": {\"o\": {\"value\": \"${a b}\"}}}") ==
          "main.tf.json:1:28: expected \"}\" to close the interpolation, found \"b\"");
}

TEST_CASE("hcl json: syntax errors", "[hcl]") {
    CHECK(json_error("") == "main.tf.json:1:1: expected a JSON value, found the end of the file");
    CHECK(json_error("[]") == "main.tf.json:1:1: expected a JSON object at the top level");
    CHECK(json_error("{\"a\": 1,}") ==
          "main.tf.json:1:9: expected a property name in quotes, found \"}\"");
    CHECK(json_error("{\"a\" 1}") ==
          "main.tf.json:1:6: expected \":\" after the property name, found \"1\"");
    CHECK(json_error("{\"a\": [1 2]}") ==
          "main.tf.json:1:10: expected \",\" or \"]\" in the array, found \"2\"");
    CHECK(json_error("{\"a\": 01}") ==
          "main.tf.json:1:8: expected \",\" or \"}\" in the object, found \"1\"");
    CHECK(json_error("{\"a\": \"x\n\"}") ==
          "main.tf.json:1:9: expected \"\\\"\" to close the string (control characters must be "
          "escaped), found a control or non-ASCII character");
    CHECK(json_error("{\"a\": \"\\x\"}") ==
          "main.tf.json:1:10: expected a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u), "
          "found \"\"\"");
    CHECK(json_error("{\"a\": 1} x") ==
          "main.tf.json:1:10: expected the end of the JSON document, found \"x\"");
    CHECK(json_error("{\"resource\": {\"aws_x\": []}}") == "");
    CHECK(json_error("{\"resource\": {\"aws_x\": \"n\"}}") ==
          "main.tf.json:1:24: expected a JSON object whose property names are the \"resource\" "
          "block's labels");
    CHECK(json_error("{\"resource\": {\"aws_x\": {\"n\": 5}}}") ==
          "main.tf.json:1:30: expected a JSON object for the body of a \"resource\" block");
    CHECK(json_error("{\"a\": \"\xC3\"}") == "main.tf.json:1:8: invalid UTF-8");
    CHECK(json_error(std::string(100000, '[')).find("nesting too deep") != std::string::npos);
}

TEST_CASE("hcl: every .tf and .tf.json file of the fixtures and examples parses", "[hcl]") {
    namespace fs = std::filesystem;
    int files = 0;
    int blocks = 0;
    for (const char* dir : {"fixtures", "examples"}) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(CERTLINT_SOURCE_DIR) / dir)) {
            const std::string name = entry.path().filename().string();
            const bool json = name.size() > 8 && name.substr(name.size() - 8) == ".tf.json";
            const bool native = name.size() > 3 && name.substr(name.size() - 3) == ".tf";
            if (!entry.is_regular_file() || (!json && !native)) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            File f(entry.path().string(), text.str());
            const auto err = json ? parse_json(f) : parse_native(f);
            CHECK((err ? err->to_string() : std::string()) == "");
            ++files;
            blocks += static_cast<int>(f.body.blocks.size());
        }
    }
    CHECK(files >= 80);
    CHECK(blocks >= 400);
}
