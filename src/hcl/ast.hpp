// The syntax tree of HCL (HashiCorp Configuration Language), native and JSON syntax, as
// Terraform writes and reads it. Produced by parse.hpp; a self-contained part of the core
// (it includes nothing of ours outside src/hcl).
//
// Ownership and positions:
// - A File owns its name and source text. Parsing fills its `body` and `comments`. Every node
//   owns its strings (std::string: identifiers, literal text after escapes); nothing points
//   into the source text, but every node's Range points at its File (Range::file), so a File
//   must stay at one address while its nodes are used: it can be neither copied nor moved
//   (hold it in a std::unique_ptr, a std::deque or a std::list).
// - A Pos is a byte offset into File::text, a 1-based line and a 1-based column counted in
//   Unicode code points (not bytes, not UTF-16 units; a tab is one column). A Range is
//   [begin, end): `end` is the position just after the node's last character.
// - Expressions are immutable and shared (ExprPtr = std::shared_ptr<const Expr>): copying an
//   Attribute or a Body copies pointers, not trees.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace certlint::hcl {

struct File;

struct Pos {
    std::size_t byte = 0;  // offset into File::text
    int line = 1;          // 1-based
    int column = 1;        // 1-based, in code points
};

struct Range {
    const File* file = nullptr;  // the file the node was parsed from
    Pos begin;
    Pos end;  // just after the last character
};

// ---- expressions ---------------------------------------------------------------------------

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

// null, true/false, a number or a string (a string only where HCL has a literal string: an
// object key written as a bare identifier, a traversal's index key, a JSON-syntax key; a
// quoted string in native syntax is a Template, even without interpolations).
struct Literal {
    enum class Kind { Null, Bool, Number, String };
    Kind kind = Kind::Null;
    bool boolean = false;
    std::string number_text;  // Number: as written ("1e3", "0.50")
    double number = 0;        // Number: its value
    std::string string;       // String: after escapes

    [[nodiscard]] static Literal null_value() { return {}; }
    [[nodiscard]] static Literal of_bool(bool b) {
        Literal l;
        l.kind = Kind::Bool;
        l.boolean = b;
        return l;
    }
    [[nodiscard]] static Literal of_string(std::string s) {
        Literal l;
        l.kind = Kind::String;
        l.string = std::move(s);
        return l;
    }
};

// One step of a traversal: `.name`, or `[key]` with a literal key (`[0]`, `["k"]`; the legacy
// `.0` form is an Index with a Number key and `legacy_index` set).
struct Step {
    enum class Kind { Attr, Index };
    Kind kind = Kind::Attr;
    std::string name;  // Attr
    Literal key;       // Index: a Number or a String
    bool legacy_index = false;
    Range range;
};

// A variable and the literal steps after it: `var.domain`, `aws_x.y["k"].arn`,
// `module.acm.certificate_arn`, `each.value`, `count.index`. A non-literal index ends the
// traversal: `aws_x.y[each.key].arn` is RelativeTraversal{Index{ScopeTraversal aws_x.y,
// each.key}, [.arn]}.
struct ScopeTraversal {
    std::string root;
    std::vector<Step> steps;
};

// Literal steps after any other expression: `f(x)[0].id`, `(local.m).a`, `x[var.k].arn`.
struct RelativeTraversal {
    ExprPtr source;
    std::vector<Step> steps;
};

// `collection[key]` where the key is not a literal (literal keys are Steps).
struct Index {
    ExprPtr collection;
    ExprPtr key;
};

// `source[*].each` (full splat) or `source.*.each` (attribute-only splat: the steps after it
// are attribute accesses and legacy `.0` indexes only). `each` is evaluated once per element
// of `source`; it is an expression rooted at SplatItem (the element), SplatItem itself when
// nothing follows the splat: `a[*].b[0]` is Splat{a, RelativeTraversal{SplatItem, [.b, [0]]}}.
struct Splat {
    ExprPtr source;
    ExprPtr each;
    bool attribute_only = false;  // `.*`
};

// The element inside a Splat's `each`.
struct SplatItem {};

// `name(args...)`, the last argument expanded when `expand_final` (`f(xs...)`). `name` is as
// written, namespaced names included: "provider::aws::arn_parse".
struct FunctionCall {
    std::string name;
    std::vector<ExprPtr> args;
    bool expand_final = false;
    Range name_range;
};

struct Conditional {
    ExprPtr condition;
    ExprPtr if_true;
    ExprPtr if_false;
};

enum class BinaryOp {
    Or,  // lowest precedence
    And,
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,  // highest precedence (with Multiply, Divide)
};

struct Binary {
    BinaryOp op = BinaryOp::Or;
    ExprPtr lhs;
    ExprPtr rhs;
};

enum class UnaryOp { Not, Negate };

struct Unary {
    UnaryOp op = UnaryOp::Not;
    ExprPtr operand;
};

struct Tuple {
    std::vector<ExprPtr> items;
};

// `{ key = value, ... }` (or `key: value`). A key written as a bare identifier (`a = 1`) is a
// Literal String with `bare_key` set; any other key (`(var.k) = 1`, `"${x}" = 1`, `a.b = 1`)
// is an expression to evaluate, as HCL does. A parenthesized identifier `(a)` is a
// Parens{ScopeTraversal a}: a variable.
struct ObjectItem {
    ExprPtr key;
    ExprPtr value;
    bool bare_key = false;
};

struct Object {
    std::vector<ObjectItem> items;
};

// `[for k, v in coll : value if cond]` (tuple form) or
// `{for k, v in coll : key => value... if cond}` (object form). `key_var` is empty when only
// one variable is named (`for v in coll`); `condition` and (tuple form) `key` are null when
// absent.
struct For {
    std::string key_var;
    std::string value_var;
    ExprPtr collection;
    ExprPtr key;  // object form
    ExprPtr value;
    ExprPtr condition;
    bool object = false;
    bool grouping = false;  // `...` after the value (object form)
};

struct Parens {
    ExprPtr inner;
};

// A string template: a quoted string, a heredoc, or (JSON syntax) a JSON string. Strip
// markers (`${~`, `~}`, `%{~`, `~%}`) are already applied to the neighbouring Literal parts
// (their text has the whitespace removed) and are recorded in the parts that carried them.
// A template whose only part is one Interpolation (`"${var.x}"`) yields the interpolated
// value itself, not its string conversion (HCL's "template wrap").
struct TemplatePart {
    enum class Kind { Literal, Interpolation, If, For };
    Kind kind = Kind::Literal;
    Range range;
    std::string text;                     // Literal: after escapes (`$${` -> `${`)
    ExprPtr expr;                         // Interpolation; If: condition; For: collection
    std::string key_var;                  // For: empty when one variable
    std::string value_var;                // For
    std::vector<TemplatePart> body;       // If: the true branch; For: the loop body
    std::vector<TemplatePart> else_body;  // If: after %{else}
    bool has_else = false;                // If
    bool strip_before = false;            // `${~` / `%{~` (of the opening directive)
    bool strip_after = false;             // `~}` (of the opening directive)
};

struct Template {
    std::vector<TemplatePart> parts;
    bool heredoc = false;
};

// A JSON-syntax value (parse_json) whose meaning depends on a schema the parser does not
// know: Json wraps the JSON value so a consumer can take it as an expression or as nested
// blocks (see JsonValue and json_blocks in parse.hpp). Its `expr` is the value read as an
// expression attribute, as Terraform's JSON syntax reads one: strings as templates, arrays as
// tuples, objects as objects (their keys as templates), numbers, bools and null as literals.
// The nodes of a template parsed from a JSON string all have the range of the whole string
// (JSON escapes make inner positions approximate at best).
struct JsonValue;
struct Json {
    std::shared_ptr<const JsonValue> value;
    ExprPtr expr;
};

struct Expr {
    using Node =
        std::variant<Literal, Template, ScopeTraversal, RelativeTraversal, Index, Splat, SplatItem,
                     FunctionCall, Conditional, Binary, Unary, Tuple, Object, For, Parens, Json>;
    Node node;
    Range range;

    template <class T>
    [[nodiscard]] const T* as() const {
        return std::get_if<T>(&node);
    }
    template <class T>
    [[nodiscard]] bool is() const {
        return std::holds_alternative<T>(node);
    }
};

// ---- JSON syntax ---------------------------------------------------------------------------

// A JSON value as written in a .tf.json file, with positions. Object members keep their
// order, and duplicates (JSON syntax allows repeating a block-type property).
struct JsonValue {
    enum class Kind { Null, Bool, Number, String, Array, Object };
    struct Member;
    Kind kind = Kind::Null;
    bool boolean = false;
    std::string number_text;
    double number = 0;
    std::string string;
    std::vector<JsonValue> array;
    std::vector<Member> members;
    Range range;
};

struct JsonValue::Member {
    std::string key;
    Range key_range;
    JsonValue value;
};

// ---- bodies --------------------------------------------------------------------------------

struct Attribute {
    std::string name;
    ExprPtr expr;
    Range range;       // `name = expr`
    Range name_range;  // `name`
};

struct Block;

// Attributes and blocks in source order. In native syntax an attribute name appears at most
// once in a body (a duplicate is a parse error). In JSON syntax (Body::json) the parser does
// not know which properties are nested blocks: every property except `"//"` is an Attribute
// whose expr is a Json node, except where Terraform's top-level structure says what it is
// (parse_json): the top-level block types, their labels and `locals`. A consumer that expects
// a nested block `name` takes the attribute through json_blocks() (parse.hpp).
struct Body {
    std::vector<Attribute> attributes;
    std::vector<Block> blocks;
    Range range;  // inside the braces (a file: the whole file)
    bool json = false;

    // The attribute `name`, or nullptr.
    [[nodiscard]] const Attribute* attribute(std::string_view name) const {
        for (const Attribute& a : attributes) {
            if (a.name == name) return &a;
        }
        return nullptr;
    }
};

struct Block {
    std::string type;
    std::vector<std::string> labels;
    std::vector<Range> label_ranges;
    Body body;
    // From the type to the closing brace. JSON syntax: from the key of the last label (the
    // block's own name) or, without labels, of the type, to the end of the block's object.
    Range range;
    Range type_range;  // the type token (JSON syntax: the type's property name)
};

// `# text`, `// text` or `/* text */`: `text` is the comment as written, markers included
// (`# certlint:ignore CL201 reason`); a `#` or `//` comment's range ends before the newline.
struct Comment {
    std::string text;
    Range range;
};

struct File {
    File(std::string name_, std::string text_) : name(std::move(name_)), text(std::move(text_)) {}
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    File(File&&) = delete;
    File& operator=(File&&) = delete;
    ~File() = default;

    std::string name;  // as given; used in error messages
    std::string text;
    Body body;                      // parse_native / parse_json
    std::vector<Comment> comments;  // in source order (native syntax)
    ExprPtr expr;                   // parse_expression / parse_template / parse_traversal
};

}  // namespace certlint::hcl
