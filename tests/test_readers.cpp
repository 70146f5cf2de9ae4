// The reader registry: input kinds and families, and which reader each input goes to.
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "certlint/load.hpp"
#include "readers/reader.hpp"
#include "test_shell.hpp"

using namespace certlint;
using readers::Peek;
using readers::Sniff;

namespace {

// The kind of the only input `text` is read as (by its content; the path says nothing).
std::string kind_of(const std::string& text) {
    Model m;
    load_document(m, "input", text, {});
    REQUIRE(m.inputs.size() == 1);
    return to_string(m.inputs[0].kind);
}

Peek json_object(std::vector<std::string> keys, bool complete) {
    Peek p;
    p.shape = Peek::Shape::JsonObject;
    p.path = "x.json";
    p.keys = std::move(keys);
    p.complete = complete;
    return p;
}

}  // namespace

TEST_CASE("input kinds have the contract's names and their families", "[readers]") {
    const std::vector<std::string> names = {"terraform-plan", "terraform-state", "terraform-config",
                                            "cloudformation", "cdk-assembly",    "acm-inventory"};
    std::vector<std::string> got;
    for (const InputKind k : all_input_kinds()) got.emplace_back(to_string(k));
    CHECK(got == names);
    CHECK(family_of(InputKind::TerraformPlan) == InputFamily::Terraform);
    CHECK(family_of(InputKind::TerraformState) == InputFamily::Terraform);
    CHECK(family_of(InputKind::TerraformConfig) == InputFamily::Terraform);
    CHECK(family_of(InputKind::CloudFormation) == InputFamily::CloudFormation);
    CHECK(family_of(InputKind::CdkAssembly) == InputFamily::CloudFormation);
    CHECK(family_of(InputKind::AcmInventory) == InputFamily::Inventory);
    std::vector<std::string> families;
    for (const InputFamily f : all_input_families()) families.emplace_back(to_string(f));
    CHECK(families == std::vector<std::string>{"terraform", "cloudformation", "inventory"});
}

TEST_CASE("the reader registry is one sorted list with one reader per kind", "[readers]") {
    const auto& all = readers::reader_registry();
    REQUIRE(!all.empty());
    std::set<InputKind> kinds;
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO(to_string(all[i]->kind()));
        CHECK(kinds.insert(all[i]->kind()).second);
        if (i > 0) CHECK(all[i - 1]->kind() < all[i]->kind());
    }
}

TEST_CASE("readers decide from a JSON document's first top-level keys", "[readers]") {
    const auto& plan = readers::terraform_plan_reader();
    const auto& state = readers::terraform_state_reader();
    const auto& cfn = readers::cloudformation_reader();
    // Terraform writes format_version first: the next key decides.
    CHECK(plan.sniff(json_object({"format_version"}, false)) == Sniff::Maybe);
    CHECK(plan.sniff(json_object({"format_version", "terraform_version", "planned_values"},
                                 false)) == Sniff::Yes);
    CHECK(state.sniff(json_object({"format_version", "terraform_version", "planned_values"},
                                  false)) == Sniff::No);
    CHECK(state.sniff(json_object({"format_version", "terraform_version", "values"}, false)) ==
          Sniff::Yes);
    CHECK(state.sniff(json_object({"format_version"}, true)) == Sniff::Yes);  // empty state
    CHECK(state.sniff(json_object({"format_version", "name"}, true)) == Sniff::No);
    CHECK(plan.sniff(json_object({"format_version", "name"}, true)) == Sniff::No);
    // A template's keys may follow a description and parameters.
    CHECK(cfn.sniff(json_object({"Description", "Parameters"}, false)) == Sniff::Maybe);
    CHECK(cfn.sniff(json_object({"Description", "Parameters", "Resources"}, false)) == Sniff::Yes);
    CHECK(cfn.sniff(json_object({"Description"}, true)) == Sniff::No);
    CHECK(cfn.sniff(json_object({"format_version", "Resources"}, false)) == Sniff::No);
    CHECK(plan.sniff(json_object({"Resources"}, false)) == Sniff::Maybe);
    // Text that is not JSON: a template when it looks like one, or when named.
    Peek yaml;
    yaml.shape = Peek::Shape::Text;
    yaml.text = "Description: x\n";
    CHECK(cfn.sniff(yaml) == Sniff::No);
    yaml.named = true;
    CHECK(cfn.sniff(yaml) == Sniff::Yes);
    yaml.named = false;
    yaml.text = "Resources:\n  A: {Type: AWS::SNS::Topic}\n";
    CHECK(cfn.sniff(yaml) == Sniff::Yes);
    CHECK(plan.sniff(yaml) == Sniff::No);
}

TEST_CASE("each document is read by the reader of its content", "[readers]") {
    CHECK(kind_of(R"({"format_version":"1.2","terraform_version":"1.11.4",
                      "planned_values":{"root_module":{}},"resource_changes":[]})") ==
          "terraform-plan");
    CHECK(kind_of(R"({"format_version":"1.0","terraform_version":"1.11.4",
                      "values":{"root_module":{}}})") == "terraform-state");
    CHECK(kind_of(R"({"format_version":"1.0"})") == "terraform-state");
    CHECK(kind_of(R"({"Description":"d","Parameters":{"P":{"Type":"String"}},
                      "Resources":{"T":{"Type":"AWS::SNS::Topic"}}})") == "cloudformation");
    CHECK(kind_of("Resources:\n  T:\n    Type: AWS::SNS::Topic\n") == "cloudformation");
    // After a template's key, format_version is some member of it; after format_version, a
    // Resources member is not a template's.
    std::string error;
    try {
        Model m;
        load_document(m, "x.json", R"({"format_version":"1.0","Resources":{}})", {});
    } catch (const InputError& e) {
        error = e.what();
    }
    CHECK(error ==
          "x.json: not a Terraform plan or state (terraform show -json), a CloudFormation "
          "template or an ACM inventory (describe-certificate or list-certificates output, AWS "
          "Config items)");
}

TEST_CASE("a CDK assembly directory is read by its reader", "[readers]") {
    const test::TempDir dir;
    dir.write("cdk.out/manifest.json", R"({"version":"36.0.0","artifacts":{}})");
    const Model m = load_inputs({dir / "cdk.out"}, {});
    REQUIRE(m.inputs.size() == 1);
    CHECK(m.inputs[0].kind == InputKind::CdkAssembly);
    // Found by a scan of its parent too.
    const Model scanned = load_inputs({dir.path()}, {});
    REQUIRE(scanned.inputs.size() == 1);
    CHECK(scanned.inputs[0].kind == InputKind::CdkAssembly);
}
