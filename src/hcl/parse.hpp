// Parsing HCL native syntax (.tf, .tfvars), JSON syntax (.tf.json) and string templates into
// the tree of ast.hpp, and the references of an expression as Terraform lists them.
//
// No exception escapes these functions (std::bad_alloc aside): a syntax error is returned as a
// ParseError with the file, line, column and what was expected; the CLI prints it as
// `FILE:LINE:COL: expected ...` and exits 2. Parsing is linear in the input; nesting deeper
// than Options::max_depth is an error, not a stack overflow; invalid UTF-8 is an error at its
// position.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/ast.hpp"

namespace certlint::hcl {

struct ParseError {
    std::string file;  // File::name
    Pos pos;
    std::string message;  // "expected ...", "invalid UTF-8", "duplicate attribute \"x\"", ...

    // "FILE:LINE:COL: MESSAGE"
    [[nodiscard]] std::string to_string() const;
};

struct Options {
    int max_depth = 200;  // nesting of blocks, brackets, templates and operators
};

// `file.text` as a native-syntax body (a .tf or .tfvars file): fills file.body and
// file.comments. On error, file.body and file.comments hold what was parsed before it.
[[nodiscard]] std::optional<ParseError> parse_native(File& file, const Options& options = {});

// `file.text` as a JSON-syntax Terraform file (.tf.json): fills file.body (Body::json set
// throughout). The top-level properties are block types, as Terraform reads them:
// - `resource` and `data` nest two labels (`{"resource": {"aws_x": {"name": {...}}}}`),
//   `module`, `provider`, `variable`, `output` and `check` one, and `terraform`, `moved`,
//   `import`, `removed` none; a block's value may be an object or an array of objects (one
//   block each: `"provider": {"aws": [{...}, {"alias": "west", ...}]}`);
// - `locals` is a body of attributes (one Block "locals" per `locals` property);
// - other top-level properties are Attributes (Terraform would refuse them).
// Inside a block, every property is an Attribute whose expr is a Json node (see Body); a
// `"//"` property is a comment and is dropped.
[[nodiscard]] std::optional<ParseError> parse_json(File& file, const Options& options = {});

// `file.text` as one native-syntax expression (a `--var` value): fills file.expr.
[[nodiscard]] std::optional<ParseError> parse_expression(File& file, const Options& options = {});

// `file.text` as the inside of a string template (no quotes: a JSON-syntax string, a plan's
// `constant_value`): fills file.expr with a Template. Escapes are HCL's template escapes
// only (`$${`, `%%{`); JSON or quoted-string escapes are the caller's.
[[nodiscard]] std::optional<ParseError> parse_template(File& file, const Options& options = {});

// `file.text` as a traversal only (JSON syntax `depends_on` items and `provider` values:
// "aws_acm_certificate_validation.this", "aws.west"): fills file.expr with a ScopeTraversal.
[[nodiscard]] std::optional<ParseError> parse_traversal(File& file, const Options& options = {});

// The properties of a JSON-syntax attribute taken as nested blocks of type `attr.name` with
// `labels` labels, as Terraform's JSON syntax reads a block property: an object is one block
// (or, with labels, an object whose keys are the labels), an array of objects is one block
// per element. An error when the value has not that shape.
struct JsonBlocks {
    std::vector<Block> blocks;
    std::optional<ParseError> error;
};
[[nodiscard]] JsonBlocks json_blocks(const Attribute& attr, std::size_t labels = 0,
                                     const Options& options = {});

// Every variable traversal in `expr`, as Terraform lists an expression's `references` in a
// plan's `configuration`: in evaluation order, each reference as its full literal traversal
// then each shorter prefix down to the referenceable address (`aws_x.y[0].arn`,
// `aws_x.y[0]`, `aws_x.y`; `each.value.a`, `each.value`; `module.m.out`, `module.m`),
// duplicates kept. A non-literal index ends a traversal (`aws_x.y[each.key].arn` gives
// `aws_x.y` and `each.key`); the iteration variables of `for` expressions and template
// `%{for}` directives are not references inside them. What Terraform cannot parse as a
// reference (a bare resource type `aws_x` with no name) is left out, as Terraform does.
[[nodiscard]] std::vector<std::string> references(const Expr& expr);

// A traversal as Terraform writes it: `aws_x.y["k"].arn`, `var.list[0]`.
[[nodiscard]] std::string to_string(const ScopeTraversal& traversal);

}  // namespace certlint::hcl
