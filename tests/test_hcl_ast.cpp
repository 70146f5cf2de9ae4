// The HCL syntax tree (src/hcl/ast.hpp): what consumers rely on of the node types themselves.
#include <string>

#include "catch.hpp"
#include "hcl/ast.hpp"
#include "hcl/parse.hpp"

using namespace certlint::hcl;

TEST_CASE("hcl ast: a body's attributes and blocks keep their file and positions", "[hcl]") {
    File file("main.tf", "resource \"aws_acm_certificate\" \"x\" {\n  domain_name = var.d\n}\n");
    auto traversal = std::make_shared<Expr>();
    traversal->node = ScopeTraversal{"var", {Step{Step::Kind::Attr, "d", {}, false, {}}}};
    traversal->range = Range{&file, Pos{53, 2, 17}, Pos{58, 2, 22}};

    Block block;
    block.type = "resource";
    block.labels = {"aws_acm_certificate", "x"};
    block.type_range = Range{&file, Pos{0, 1, 1}, Pos{8, 1, 9}};
    block.body.attributes.push_back(
        Attribute{"domain_name", traversal, Range{&file, {39, 2, 3}, {58, 2, 22}}, {}});
    file.body.blocks.push_back(block);

    const Block& b = file.body.blocks.at(0);
    REQUIRE(b.body.attribute("domain_name") != nullptr);
    CHECK(b.body.attribute("missing") == nullptr);
    const Expr& e = *b.body.attribute("domain_name")->expr;
    REQUIRE(e.is<ScopeTraversal>());
    CHECK(e.as<Literal>() == nullptr);
    CHECK(e.as<ScopeTraversal>()->root == "var");
    CHECK(e.range.file->name == "main.tf");
    CHECK(e.range.begin.line == 2);
    CHECK(file.text.substr(e.range.begin.byte, e.range.end.byte - e.range.begin.byte) == "var.d");
}
