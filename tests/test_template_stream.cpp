// JSON templates read from a file are parsed as they are read and keep only what the
// template reader reads (template_keep_rules()). The model must be the one the whole
// template gives: this guards the keep rules, on every JSON template we have.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "model_dump.hpp"
#include "readers/cfn_model.hpp"
#include "readers/cfn_stack.hpp"
#include "readers/json_scan.hpp"
#include "readers/readers.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::vector<std::string> json_files() {
    std::vector<std::string> out;
    for (const std::string& root :
         {test::kSourceDir + "/fixtures", test::kSourceDir + "/examples"}) {  // with the corpus
        for (const auto& e : fs::recursive_directory_iterator(root)) {
            if (e.is_regular_file() && e.path().extension() == ".json" &&
                e.path().filename() != "expected.json") {
                out.push_back(e.path().string());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The parsed tree of `text` with the keep rules, rendered.
std::string pruned(const std::string& text) {
    readers::JsonScanner scanner("t.json", std::string_view(text));
    const readers::cfn::Document doc =
        readers::cfn::parse_json(scanner, &readers::cfn::template_keep_rules());
    return readers::cfn::render(doc.root());
}

}  // namespace

TEST_CASE("a template read from its file gives the model of the whole template",
          "[cloudformation][stream]") {
    int compared = 0;
    int from_corpus = 0;
    for (const std::string& path : json_files()) {
        INFO(path);
        const std::string bytes = test::read_file(path);
        if (!readers::looks_like_cloudformation(bytes)) continue;  // plans, manifests
        for (const LoadOptions& opts : {LoadOptions{}, LoadOptions{"us-east-1", {}, {}, {}}}) {
            Model whole;
            try {
                load_document(whole, path, bytes, opts);  // text: not pruned
            } catch (const InputError&) {
                CHECK_THROWS_AS(load_inputs({path}, opts), InputError);
                continue;
            }
            if (whole.inputs.empty() || whole.inputs.front().kind != InputKind::CloudFormation) continue;
            const Model streamed = load_inputs({path}, opts);
            const json expected = test::dump_model(whole);
            const json actual = test::dump_model(streamed);
            INFO("differences: " << json::diff(expected, actual).dump());
            CHECK(actual == expected);
            ++compared;
            if (path.rfind(test::kCorpusDir + "/", 0) == 0) ++from_corpus;
        }
    }
    CHECK(compared >= 80);  // 41 templates (25 fixtures, 16 of the corpus), two ways each
    CHECK(from_corpus >= 30);
}

TEST_CASE("the keep rules drop what no step reads, and keep what they cannot judge",
          "[cloudformation][stream]") {
    const std::string text = R"({
 "AWSTemplateFormatVersion": "2010-09-09",
 "Metadata": {"Anything": [1, 2]},
 "Resources": {
  "Cert": {"Type": "AWS::CertificateManager::Certificate", "DependsOn": ["X"],
           "Metadata": {"aws:cdk:path": "S/Cert", "certlint": {"ignore": ["CL201"]}},
           "Properties": {"DomainName": "a.example.com", "Unread": [{"Key": "k", "Value": "v"}]}},
  "Cdn": {"Type": "AWS::CloudFront::Distribution", "Condition": "C",
          "Properties": {"DistributionConfig": {"Origins": [{"Id": "o"}], "Aliases": ["a"],
                         "ViewerCertificate": {"AcmCertificateArn": {"Ref": "Cert"}}}}},
  "Cdn2": {"Type": "AWS::CloudFront::Distribution",
           "Properties": {"DistributionConfig": {"Fn::If": ["C", {"Origins": []}, {}]}}},
  "Later": {"Properties": {"DistributionConfig": {"Origins": []}},
            "Type": "AWS::CloudFront::Distribution"},
  "Other": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}, "DeletionPolicy": "Retain"}
 }
})";
    CHECK(pruned(text) ==
          R"({"AWSTemplateFormatVersion":"2010-09-09","Metadata":{"Anything":["1","2"]},)"
          R"("Resources":{)"
          R"("Cert":{"Type":"AWS::CertificateManager::Certificate",)"
          R"("Metadata":{"certlint":{"ignore":["CL201"]}},)"
          R"("Properties":{"DomainName":"a.example.com"}},)"
          R"("Cdn":{"Type":"AWS::CloudFront::Distribution","Condition":"C",)"
          R"("Properties":{"DistributionConfig":{"Aliases":["a"],)"
          R"("ViewerCertificate":{"AcmCertificateArn":{"Ref":"Cert"}}}}},)"
          R"("Cdn2":{"Type":"AWS::CloudFront::Distribution",)"
          R"("Properties":{"DistributionConfig":{"Fn::If":["C",{"Origins":[]},{}]}}},)"
          R"("Later":{"Properties":{"DistributionConfig":{"Origins":[]}},)"
          R"("Type":"AWS::CloudFront::Distribution"},)"
          R"("Other":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"b"}}}})");
    // What is skipped is still validated: an error anywhere refuses the template.
    CHECK_THROWS_AS(
        pruned(R"({"Resources": {"Cert": {"Type": "AWS::CertificateManager::Certificate",
        "Properties": {"Unread": [1 2]}}}})"),
        InputError);
}

TEST_CASE("template files are streamed with the keep rules, with or without a byte-order mark",
          "[cloudformation][stream]") {
    const std::string tmpl =
        R"({"Resources": {"Cert": {"Type": "AWS::CertificateManager::Certificate",
        "Properties": {"DomainName": "a.example.com", "Unread": []}}}})";
    const test::TempDir tmp;
    const fs::path dir = tmp.path();
    for (const std::string& prefix :
         {std::string(), std::string("\xEF\xBB\xBF"), std::string("\xEF\xBB\xBF\n  ")}) {
        const std::string path = (dir / "t.json").string();
        std::ofstream(path, std::ios::binary) << prefix << tmpl;
        INFO(prefix.size());
        const readers::cfn::Document doc = readers::cfn::parse_template_file(path);
        CHECK(readers::cfn::render(doc.root()) ==
              R"({"Resources":{"Cert":{"Type":"AWS::CertificateManager::Certificate",)"
              R"("Properties":{"DomainName":"a.example.com"}}}})");
    }
}

TEST_CASE("the compact tree keeps every key, value and line, empty and long ones too",
          "[cloudformation][tree]") {
    const std::string long_value(100, 'v');  // stored, not interned
    const std::string long_key(300, 'k');
    const std::string json_text = "{\n\"\": {\"\": \"\"},\n\"" + long_key + "\": \"" + long_value +
                                  "\",\n\"list\": [1, \"" + long_value +
                                  "\", null, {}],\n\"k\": \"k\"}";
    const std::string yaml_text = "'': {'': ''}\n" + long_key + ": " + long_value + "\nlist: [1, " +
                                  long_value + ", null, {}]\nk: k\n";
    for (const std::string* text : {&json_text, &yaml_text}) {
        const readers::cfn::Document doc = readers::cfn::parse_document("t", *text);
        const readers::cfn::Node& root = doc.root();
        INFO(*text);
        REQUIRE(root.entries().size() == 4);
        CHECK(root.entries()[0].key().empty());
        CHECK(root.entries()[0].line == (text == &json_text ? 2 : 1));
        CHECK(root.entries()[1].key() == long_key);
        CHECK(root.entries()[1].line == (text == &json_text ? 3 : 2));
        CHECK(root.get(long_key)->text() == long_value);
        CHECK(root.get("")->get("") != nullptr);
        CHECK(root.get("")->get("")->text().empty());
        CHECK(root.get("k")->text() == "k");
        CHECK(readers::cfn::render(*root.get("list")) ==
              R"(["1",")" + long_value + R"(",null,{}])");
        CHECK(root.get("missing") == nullptr);
    }
}
