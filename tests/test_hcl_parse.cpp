// The HCL native-syntax parser (src/hcl/parse.hpp): every construct, precedence, templates,
// heredocs, positions, comments and each syntax error's message. Expected trees are written
// in the S-expression form of hcl_dump.hpp.
#include <memory>
#include <string>

#include "catch.hpp"
#include "hcl_dump.hpp"

using namespace certlint::hcl;
using hcltest::dump;

namespace {

// The expression `text`, dumped; or "error: LINE:COL: message".
std::string expr(const std::string& text) {
    File f("x.hcl", text);
    if (auto err = parse_expression(f)) {
        return "error: " + std::to_string(err->pos.line) + ":" + std::to_string(err->pos.column) +
               ": " + err->message;
    }
    return dump(f.expr);
}

// The value of attribute `a` in the body `text`, dumped.
std::string attr(const std::string& text) {
    File f("x.tf", text);
    if (auto err = parse_native(f)) return "error: " + err->to_string();
    const Attribute* a = f.body.attribute("a");
    return a != nullptr ? dump(a->expr) : "no attribute a";
}

// The error of parsing `text` as a body, "FILE:LINE:COL: message"; "" when it parses.
std::string body_error(const std::string& text) {
    File f("main.tf", text);
    auto err = parse_native(f);
    return err ? err->to_string() : "";
}

std::string tmpl(const std::string& text) {
    File f("t", text);
    if (auto err = parse_template(f)) return "error: " + err->to_string();
    return dump(f.expr);
}

std::vector<std::string> refs(const std::string& text) {
    File f("x.hcl", text);
    if (auto err = parse_expression(f)) return {"error: " + err->to_string()};
    return references(*f.expr);
}

}  // namespace

TEST_CASE("hcl: literals", "[hcl]") {
    CHECK(expr("null") == "null");
    CHECK(expr("true") == "true");
    CHECK(expr("false") == "false");
    CHECK(expr("42") == "42");
    CHECK(expr("1.5") == "1.5");
    CHECK(expr("1e3") == "1e3");
    CHECK(expr("2.5E-2") == "2.5E-2");
    CHECK(expr("1e+10") == "1e+10");
    CHECK(expr("-7") == "-7");
    File f("x", "1.25e2");
    REQUIRE(!parse_expression(f));
    CHECK(f.expr->as<Literal>()->number == 125.0);
    CHECK(expr("\"hello\"") == "(tmpl \"hello\")");
    CHECK(expr("\"\"") == "(tmpl \"\")");
}

TEST_CASE("hcl: quoted string escapes", "[hcl]") {
    CHECK(expr(R"("a\nb\tc\"d\\e")") == R"((tmpl "a\nb	c\"d\\e"))");
    CHECK(expr(R"("\u00e9\U0001F600")") == "(tmpl \"\xC3\xA9\xF0\x9F\x98\x80\")");
    CHECK(expr(R"("$${x} %%{y}")") == R"((tmpl "${x} %{y}"))");
    CHECK(expr(R"("cost: $5 and 100%")") == R"((tmpl "cost: $5 and 100%"))");
    CHECK(expr(R"("\q")") ==
          "error: 1:2: invalid escape sequence: expected \\n, \\r, \\t, \\\", \\\\, \\u or \\U");
    CHECK(expr(R"("\u12")") == "error: 1:2: expected 4 hexadecimal digits in the \\u escape");
}

TEST_CASE("hcl: traversals, legacy index, relative traversals, index", "[hcl]") {
    CHECK(expr("var.domain") == "var.domain");
    CHECK(expr("aws_x.y[\"k\"].arn") == "aws_x.y[\"k\"].arn");
    CHECK(expr("aws_x.y[0].arn") == "aws_x.y[0].arn");
    CHECK(expr("aws_x.y.0.arn") == "aws_x.y[0].arn");  // legacy index
    File f("x", "a.0");
    REQUIRE(!parse_expression(f));
    CHECK(f.expr->as<ScopeTraversal>()->steps.at(0).legacy_index);
    CHECK(expr("aws_x.y[each.key].arn") == "(rel (index aws_x.y each.key) .arn)");
    CHECK(expr("f(x)[0].id") == "(rel (call f x) [0].id)");
    CHECK(expr("(local.m).a") == "(rel (paren local.m) .a)");
    CHECK(expr("local.m[var.k]") == "(index local.m var.k)");
    CHECK(expr("my-name.with-dash") == "my-name.with-dash");
    CHECK(expr("a. b") == "a.b");
    CHECK(expr("caf\xC3\xA9.x") == "caf\xC3\xA9.x");  // unicode identifiers
}

TEST_CASE("hcl: splats", "[hcl]") {
    CHECK(expr("a[*]") == "(splat a @)");
    CHECK(expr("a[*].b") == "(splat a (rel @ .b))");
    CHECK(expr("a[*].b[0].c") == "(splat a (rel @ .b[0].c))");
    CHECK(expr("a.*.b") == "(attrsplat a (rel @ .b))");
    CHECK(expr("a.*.b[0]") == "(rel (attrsplat a (rel @ .b)) [0])");
    CHECK(expr("a[*].b[*].c") == "(splat a (splat (rel @ .b) (rel @ .c)))");
    CHECK(expr("a[*].b[var.i]") == "(splat a (index (rel @ .b) var.i))");
    CHECK(expr("aws_x.y[*].arn[0]") == "(splat aws_x.y (rel @ .arn[0]))");
}

TEST_CASE("hcl: function calls", "[hcl]") {
    CHECK(expr("f()") == "(call f)");
    CHECK(expr("join(\",\", var.l)") == "(call join (tmpl \",\") var.l)");
    CHECK(expr("f(1, 2,)") == "(call f 1 2)");
    CHECK(expr("concat(a, b...)") == "(call concat a b ...)");
    CHECK(expr("merge([for x in l: {a = x}]...)") == "(call merge (for[] x l {a=x}) ...)");
    CHECK(expr("provider::aws::arn_parse(x)") == "(call provider::aws::arn_parse x)");
    CHECK(expr("f(\n  1,\n  2\n)") == "(call f 1 2)");
    CHECK(expr("f(1 2)") ==
          "error: 1:5: expected \",\" or \")\" in the function call, found \"2\"");
    CHECK(expr("f(a..., b)") ==
          "error: 1:7: expected \")\" after the expanded final argument, found \",\"");
}

TEST_CASE("hcl: operator precedence and associativity", "[hcl]") {
    CHECK(expr("a || b && c") == "(|| a (&& b c))");
    CHECK(expr("a && b || c") == "(|| (&& a b) c)");
    CHECK(expr("a == b && c != d") == "(&& (== a b) (!= c d))");
    CHECK(expr("a < b == c >= d") == "(== (< a b) (>= c d))");
    CHECK(expr("a + b < c * d") == "(< (+ a b) (* c d))");
    CHECK(expr("1 + 2 * 3") == "(+ 1 (* 2 3))");
    CHECK(expr("1 * 2 + 3") == "(+ (* 1 2) 3)");
    CHECK(expr("a - b - c") == "(- (- a b) c)");
    CHECK(expr("a / b % c") == "(% (/ a b) c)");
    CHECK(expr("a <= b") == "(<= a b)");
    CHECK(expr("a > b") == "(> a b)");
    CHECK(expr("!a && b") == "(&& (! a) b)");
    CHECK(expr("-a.b * 2") == "(* (neg a.b) 2)");
    CHECK(expr("!!a") == "(! (! a))");
    CHECK(expr("(1 + 2) * 3") == "(* (paren (+ 1 2)) 3)");
    CHECK(expr("a ? b : c ? d : e") == "(? a b (? c d e))");
    CHECK(expr("a || b ? 1 + 2 : 3") == "(? (|| a b) (+ 1 2) 3)");
    CHECK(expr("x-1") == "x-1");  // an identifier: `-` is allowed in names
    CHECK(expr("x - 1") == "(- x 1)");
    CHECK(expr("1-2") == "(- 1 2)");
}

TEST_CASE("hcl: tuples and objects", "[hcl]") {
    CHECK(expr("[]") == "[]");
    CHECK(expr("[1, \"a\", [true]]") == "[1 (tmpl \"a\") [true]]");
    CHECK(expr("[\n  1,\n  2,\n]") == "[1 2]");
    CHECK(expr("{}") == "{}");
    CHECK(expr("{a = 1, b = 2}") == "{a=1 b=2}");
    CHECK(expr("{\n  a = 1\n  b: 2\n}") == "{a=1 b=2}");
    CHECK(expr("{\"k\" = 1}") == "{((tmpl \"k\"))=1}");
    CHECK(expr("{(var.k) = 1}") == "{((paren var.k))=1}");
    CHECK(expr("{a.b = 1}") == "{(a.b)=1}");
    CHECK(expr("{ for_each = 1 }") == "{for_each=1}");
    CHECK(expr("{a = 1 b = 2}") ==
          "error: 1:8: expected \",\", a newline or \"}\" after the object item, found \"b\"");
    CHECK(expr("{a 1}") == "error: 1:4: expected \"=\" or \":\" after the object key, found \"1\"");
    CHECK(expr("[1 2]") == "error: 1:4: expected \",\" or \"]\" in the tuple, found \"2\"");
    CHECK(attr("a = {\n  x = [\n    1,\n    2\n  ]\n  y = f(\n    3)\n}\n") ==
          "{x=[1 2] y=(call f 3)}");
}

TEST_CASE("hcl: for expressions", "[hcl]") {
    CHECK(expr("[for x in l : x]") == "(for[] x l x)");
    CHECK(expr("[for i, x in l : x if i > 0]") == "(for[] i,x l x if (> i 0))");
    CHECK(expr("{for k, v in m : k => v}") == "(for{} k,v m k => v)");
    CHECK(expr("{for k, v in m : v.g => k...}") == "(for{} k,v m v.g => k ...)");
    CHECK(expr("{for k, v in m : k => v if v != null}") == "(for{} k,v m k => v if (!= v null))");
    CHECK(expr("{\n  for dvo in aws_acm_certificate.c.domain_validation_options : "
               "dvo.domain_name => {\n    name = dvo.resource_record_name\n  }\n}") ==
          "(for{} dvo aws_acm_certificate.c.domain_validation_options dvo.domain_name => "
          "{name=dvo.resource_record_name})");
    CHECK(expr("[for x in l x]") ==
          "error: 1:13: expected \":\" after the for collection, found \"x\"");
    CHECK(expr("{for k, v in m : k v}") ==
          "error: 1:20: expected \"=>\" after the key of the for expression, found \"v\"");
}

TEST_CASE("hcl: templates: interpolation, strip markers, directives", "[hcl]") {
    CHECK(expr("\"a${b}c\"") == "(tmpl \"a\" ${b} \"c\")");
    CHECK(expr("\"${var.x}\"") == "(tmpl ${var.x})");
    CHECK(expr("\"a ${~ b ~} c\"") == "(tmpl \"a\" ${b} \"c\")");
    CHECK(expr("\"${ {a = 1}.a }\"") == "(tmpl ${(rel {a=1} .a)})");
    CHECK(expr("\"%{if x}yes%{else}no%{endif}\"") == "(tmpl (%if x (\"yes\") else (\"no\")))");
    CHECK(expr("\"%{ if x ~} yes %{~ endif }\"") == "(tmpl (%if x (\"yes\")))");
    CHECK(expr("\"%{for k, v in m}${k}=${v},%{endfor}\"") ==
          "(tmpl (%for k,v m (${k} \"=\" ${v} \",\")))");
    CHECK(expr("\"${\"in${\"ner\"}\"}\"") == "(tmpl ${(tmpl \"in\" ${(tmpl \"ner\")})})");
    CHECK(tmpl("${aws_x.y[each.key].arn}") == "(tmpl ${(rel (index aws_x.y each.key) .arn)})");
    CHECK(tmpl("$${literal} and \\n") == "(tmpl \"${literal} and \\\\n\")");
    CHECK(tmpl("%{endif}") == "error: t:1:1: unexpected %{endif} without an opening directive");
    CHECK(tmpl("a %{if x} b") == "error: t:1:3: expected %{endif} to close this %{if}");
    CHECK(tmpl("%{for x in y}%{endif}") == "error: t:1:14: unexpected %{endif} here");
    CHECK(tmpl("%{while x}") ==
          "error: t:1:3: expected if, else, endif, for or endfor after \"%{\", found \"w\"");
    CHECK(tmpl("${a b}") == "error: t:1:5: expected \"}\" to close the interpolation, found \"b\"");
    CHECK(expr("\"abc") ==
          "error: 1:5: expected \"\\\"\" to close the string, found the end of the file");
    CHECK(expr("\"ab\ncd\"") ==
          "error: 1:4: expected \"\\\"\" to close the string, found a newline");
}

TEST_CASE("hcl: heredocs", "[hcl]") {
    CHECK(attr("a = <<EOT\nhello\n  world\nEOT\n") == "(heredoc \"hello\\n  world\\n\")");
    CHECK(attr("a = <<-EOT\n    hello\n      world\n    EOT\n") ==
          "(heredoc \"hello\\n  world\\n\")");
    // A line of spaces only does not count for the indentation, and keeps its spaces.
    CHECK(attr("a = <<-EOT\n    x\n  \n    y\n  EOT\n") == "(heredoc \"x\\n  \\ny\\n\")");
    // A line starting with an interpolation has no indentation.
    CHECK(attr("a = <<-EOT\n  x\n${y}\nEOT\n") == "(heredoc \"  x\\n\" ${y} \"\\n\")");
    CHECK(attr("a = <<EOT\n${var.x} $${y} \\n\nEOT\n") == "(heredoc ${var.x} \" ${y} \\\\n\\n\")");
    CHECK(attr("a = <<EOT\nEOT\n") == "(heredoc \"\")");
    CHECK(attr("a = <<EOT\n%{ for x in l ~}\n${x}\n%{ endfor ~}\nEOT\n") ==
          "(heredoc (%for x l (${x} \"\\n\")))");
    CHECK(attr("a = <<EOT\r\nx\r\nEOT\r\n") == "(heredoc \"x\\r\\n\")");
    CHECK(attr("a = <<EOT\nnot the end: EOT\nEOTX\n  EOT\nb = 1\n") ==
          "(heredoc \"not the end: EOT\\nEOTX\\n\")");
    CHECK(body_error("a = <<EOT\nx\n") ==
          "main.tf:3:1: expected the heredoc marker \"EOT\" to close the heredoc, found the end of "
          "the file");
    CHECK(body_error("a = <<EOT x\nEOT\n") ==
          "main.tf:1:10: expected a newline after the heredoc marker, found \" \"");
}

TEST_CASE("hcl: bodies, blocks, labels, one-line blocks", "[hcl]") {
    File f("main.tf",
           "# header\n"
           "resource \"aws_acm_certificate\" \"x\" {\n"
           "  domain_name = var.d  // trailing\n"
           "  lifecycle {\n"
           "    create_before_destroy = true\n"
           "  }\n"
           "  /* block\n     comment */\n"
           "}\n"
           "locals { a = 1 }\n"
           "empty {}\n"
           "bare_label foo {\n}\n"
           "n = 5\n");
    REQUIRE(!parse_native(f));
    REQUIRE(f.body.blocks.size() == 4);
    REQUIRE(f.body.attributes.size() == 1);
    const Block& r = f.body.blocks[0];
    CHECK(r.type == "resource");
    CHECK(r.labels == std::vector<std::string>{"aws_acm_certificate", "x"});
    CHECK(r.body.attributes.at(0).name == "domain_name");
    CHECK(r.body.blocks.at(0).type == "lifecycle");
    CHECK(dump(r.body.blocks.at(0).body.attribute("create_before_destroy")->expr) == "true");
    CHECK(f.body.blocks[1].type == "locals");
    CHECK(dump(f.body.blocks[1].body.attribute("a")->expr) == "1");
    CHECK(f.body.blocks[2].body.attributes.empty());
    CHECK(f.body.blocks[3].labels == std::vector<std::string>{"foo"});
    CHECK(dump(f.body.attribute("n")->expr) == "5");
    REQUIRE(f.comments.size() == 3);
    CHECK(f.comments[0].text == "# header");
    CHECK(f.comments[1].text == "// trailing");
    CHECK(f.comments[1].range.begin.line == 3);
    CHECK(f.comments[2].text == "/* block\n     comment */");
    CHECK(f.comments[2].range.begin.line == 7);
    CHECK(f.comments[2].range.end.line == 8);
}

TEST_CASE("hcl: positions are byte offsets, lines and code-point columns", "[hcl]") {
    File f("main.tf",
           "# \xC3\xA9t\xC3\xA9\nresource \"t\" \"n\" {\n  \xC3\xA9 = \"\xC3\xA9\" # c\n}\n");
    REQUIRE(!parse_native(f));
    const Block& b = f.body.blocks.at(0);
    CHECK(b.type_range.file == &f);
    CHECK(b.type_range.begin.line == 2);
    CHECK(b.type_range.begin.column == 1);
    CHECK(b.type_range.begin.byte == 8);
    CHECK(b.type_range.end.column == 9);
    CHECK(b.label_ranges.at(1).begin.column == 14);
    CHECK(b.range.begin.line == 2);
    CHECK(b.range.end.line == 4);
    CHECK(b.range.end.column == 2);
    const Attribute& a = b.body.attributes.at(0);
    CHECK(a.name == "\xC3\xA9");
    CHECK(a.name_range.begin.line == 3);
    CHECK(a.name_range.begin.column == 3);
    CHECK(a.expr->range.begin.column == 7);
    CHECK(a.expr->range.end.column == 10);  // `"é"` is three code points
    CHECK(a.expr->range.end.byte - a.expr->range.begin.byte == 4);
    CHECK(a.range.end.column == 10);
    CHECK(f.comments.at(1).range.begin.column == 11);
    CHECK(f.comments.at(0).range.end.column == 6);
}

TEST_CASE("hcl: newlines end attributes, but not inside brackets", "[hcl]") {
    CHECK(attr("a = 1 +\n 2\n") == "error: x.tf:1:8: expected an expression, found a newline");
    CHECK(attr("a = (1 +\n 2)\n") == "(paren (+ 1 2))");
    CHECK(attr("a = [for x in l :\n  x\n]\n") == "(for[] x l x)");
    CHECK(attr("a = x\nb = 2") == "x");
    CHECK(attr("a = cond ? (\n  1\n) : 2\n") == "(? cond (paren 1) 2)");
    CHECK(body_error("a = 1 b = 2\n") ==
          "main.tf:1:7: expected a newline after the attribute, found \"b\"");
}

TEST_CASE("hcl: syntax errors name the file, line, column and what was expected", "[hcl]") {
    CHECK(body_error("a = 1\na = 2\n") == "main.tf:2:1: duplicate attribute \"a\"");
    std::string many;
    for (int i = 0; i < 40; ++i) many += "a" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    CHECK(body_error(many).empty());
    CHECK(body_error(many + "a3 = 3\n") == "main.tf:41:1: duplicate attribute \"a3\"");
    CHECK(body_error("b {\n" + many + "a39 = 3\n}\n") ==
          "main.tf:42:1: duplicate attribute \"a39\"");
    CHECK(body_error("resource \"a\" \"b\" {\n  x = 1\n") ==
          "main.tf:3:1: expected \"}\" to close the block, found the end of the file");
    CHECK(body_error("resource \"a\" \"b\"\n{\n}\n") ==
          "main.tf:1:17: expected a block label or \"{\", found a newline");
    CHECK(body_error("a\n") ==
          "main.tf:1:2: expected \"=\", a block label or \"{\", found a newline");
    CHECK(body_error("= 1\n") ==
          "main.tf:1:1: expected an attribute name or a block type, found \"=\"");
    CHECK(body_error("}\n") ==
          "main.tf:1:1: expected an attribute name or a block type, found \"}\"");
    CHECK(body_error("a = \n") == "main.tf:1:5: expected an expression, found a newline");
    CHECK(body_error("b { x = 1 y = 2 }\n") ==
          "main.tf:1:11: expected a newline after the attribute, found \"y\"");
    CHECK(body_error("b { c {} }\n") ==
          "main.tf:1:10: expected \"}\": a block on one line holds at most one attribute, found "
          "\"}\"");
    CHECK(body_error("b {} c = 1\n") ==
          "main.tf:1:6: expected a newline after the block, found \"c\"");
    CHECK(body_error("resource \"a${x}\" \"b\" {}\n") ==
          "main.tf:1:10: expected a block label without interpolations or directives");
    CHECK(body_error("a = 1 /* open\n") == "main.tf:1:7: unterminated comment: expected \"*/\"");
    CHECK(body_error("a = \"\xFF\"\n") == "main.tf:1:6: invalid UTF-8");
    CHECK(body_error("x = 1\na = \"ok\xC3\"\n") == "main.tf:2:8: invalid UTF-8");
    CHECK(body_error("a = $\n") == "main.tf:1:5: expected an expression, found \"$\"");
}

TEST_CASE("hcl: hostile input: deep nesting is an error, not a crash", "[hcl]") {
    CHECK(body_error("a = " + std::string(100000, '[') + "\n") ==
          "main.tf:1:" + std::to_string(4 + 200) + ": nesting too deep (more than 200 levels)");
    CHECK(!body_error("a = " + std::string(100000, '(') + "\n").empty());
    CHECK(!body_error("a = " + std::string(100000, '!') + "x\n").empty());
    CHECK(!body_error(std::string(50000, 'b') + "").empty());
    std::string blocks;
    for (int i = 0; i < 1000; ++i) blocks += "b {\n";
    CHECK(body_error(blocks).find("nesting too deep") != std::string::npos);
    std::string templ = "a = ";
    for (int i = 0; i < 1000; ++i) templ += "\"${";
    CHECK(body_error(templ).find("nesting too deep") != std::string::npos);
    // A long flat chain of operators is not deep nesting of the source, but it nests in the
    // tree; it is refused past the limit rather than overflowing the stack.
    std::string chain = "a = 1";
    for (int i = 0; i < 100000; ++i) chain += " + 1";
    CHECK(body_error(chain + "\n").find("nesting too deep") != std::string::npos);
    // Up to the limit, nesting parses.
    CHECK(body_error("a = " + std::string(60, '[') + std::string(60, ']') + "\n").empty());
}

TEST_CASE("hcl: hostile input: large flat files parse in linear time", "[hcl]") {
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        text += "resource \"aws_acm_certificate\" \"c" + std::to_string(i) +
                "\" {\n  domain_name = \"x${var.d}\" # note\n  tags = { a = 1, b = [1, 2] }\n}\n";
    }
    File f("big.tf", text);
    REQUIRE(!parse_native(f));
    CHECK(f.body.blocks.size() == 20000);
    CHECK(f.comments.size() == 20000);
    // One very long line.
    std::string line = "a = [";
    for (int i = 0; i < 200000; ++i) line += "\"v\", ";
    line += "]\n";
    File g("line.tf", line);
    REQUIRE(!parse_native(g));
    CHECK(g.body.attribute("a")->expr->as<Tuple>()->items.size() == 200000);
}

TEST_CASE("hcl: parse_traversal reads JSON-syntax references", "[hcl]") {
    File f("x", "aws_acm_certificate_validation.this[\"a\"]");
    REQUIRE(!parse_traversal(f));
    CHECK(dump(f.expr) == "aws_acm_certificate_validation.this[\"a\"]");
    File g("x", "aws.west + 1");
    auto err = parse_traversal(g);
    REQUIRE(err);
    CHECK(err->to_string() == "x:1:10: expected the end of the traversal, found \"+\"");
}

TEST_CASE("hcl: references as Terraform lists them in a plan", "[hcl]") {
    using V = std::vector<std::string>;
    CHECK(refs("var.domain") == V{"var.domain"});
    CHECK(refs("aws_acm_certificate.x.arn") ==
          V{"aws_acm_certificate.x.arn", "aws_acm_certificate.x"});
    CHECK(refs("aws_acm_certificate.this[0].arn") == V{"aws_acm_certificate.this[0].arn",
                                                       "aws_acm_certificate.this[0]",
                                                       "aws_acm_certificate.this"});
    CHECK(refs("aws_x.y[\"k\"].arn") == V{"aws_x.y[\"k\"].arn", "aws_x.y[\"k\"]", "aws_x.y"});
    CHECK(refs("aws_acm_certificate.api[each.key].arn") ==
          V{"aws_acm_certificate.api", "each.key"});
    CHECK(refs("each.value.destination.account_id") ==
          V{"each.value.destination.account_id", "each.value.destination", "each.value"});
    CHECK(refs("module.acm.certificate_arn") == V{"module.acm.certificate_arn", "module.acm"});
    CHECK(refs("module.acm[0].certificate_arn") ==
          V{"module.acm[0].certificate_arn", "module.acm[0]"});
    CHECK(refs("module.acm") == V{"module.acm"});
    CHECK(refs("data.aws_route53_zone.z.zone_id") ==
          V{"data.aws_route53_zone.z.zone_id", "data.aws_route53_zone.z"});
    CHECK(refs("count.index") == V{"count.index"});
    CHECK(refs("path.module") == V{"path.module"});
    CHECK(refs("self.arn") == V{"self.arn", "self"});
    CHECK(refs("resource.aws_x.y.id") == V{"aws_x.y.id", "aws_x.y"});
    CHECK(refs("aws_x.0") == V{});  // not a reference Terraform can parse
    CHECK(refs("var") == V{});
    CHECK(refs("\"${local.tags}-${count.index}\"") == V{"local.tags", "count.index"});
    CHECK(refs("aws_x.y[*].arn") == V{"aws_x.y"});
    CHECK(refs("aws_x.y.*.arn") == V{"aws_x.y"});
    CHECK(refs("cond ? var.a : var.b") == V{"var.a", "var.b"});  // a bare `cond` is not one
    CHECK(refs("var.c ? var.a : var.b") == V{"var.c", "var.a", "var.b"});
    CHECK(refs("{for k, v in var.m : k => v.x if v != local.skip}") == V{"var.m", "local.skip"});
    CHECK(refs("[for dvo in aws_acm_certificate.c.domain_validation_options : dvo.name]") ==
          V{"aws_acm_certificate.c.domain_validation_options", "aws_acm_certificate.c"});
    CHECK(refs("\"%{for x in var.l}${x}${var.sep}%{endfor}\"") == V{"var.l", "var.sep"});
    CHECK(refs("{a = var.x, (local.k) = 1}") == V{"var.x", "local.k"});
    CHECK(refs("f(var.a, [var.b])") == V{"var.a", "var.b"});
    CHECK(refs("var.list[0]") == V{"var.list[0]", "var.list"});
    CHECK(refs("local.m[\"a\\\"b\"]") == V{"local.m[\"a\\\"b\"]", "local.m"});
}
