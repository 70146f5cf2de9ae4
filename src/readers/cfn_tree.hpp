// The one document tree the CloudFormation reader works on. JSON and YAML templates are
// both converted into it, with the line of every node, so everything after parsing is
// written once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace certlint::readers::cfn {

struct Entry;

struct Node {
    enum class Kind { Null, Scalar, Sequence, Mapping };

    Kind kind = Kind::Null;
    int line = 0;                // 1-based line where the node starts
    std::string text;            // Scalar: its text (numbers and booleans as written)
    std::vector<Node> items;     // Sequence
    std::vector<Entry> entries;  // Mapping, in document order

    [[nodiscard]] bool is_scalar() const { return kind == Kind::Scalar; }
    [[nodiscard]] bool is_sequence() const { return kind == Kind::Sequence; }
    [[nodiscard]] bool is_mapping() const { return kind == Kind::Mapping; }

    // The value of `key` in a mapping; nullptr when absent or not a mapping.
    [[nodiscard]] const Node* get(std::string_view key) const;
    // The entry of `key` in a mapping (with the key's line); nullptr when absent.
    [[nodiscard]] const Entry* entry(std::string_view key) const;
    // The key of a one-entry mapping ("Ref", "Fn::If", ...): how intrinsic functions look.
    [[nodiscard]] std::string_view function() const;
    // The argument of a one-entry mapping (see function()).
    [[nodiscard]] const Node& argument() const;
};

struct Entry {
    std::string key;
    int line = 0;  // line of the key
    Node value;
};

// Limits on what a template may be; beyond them it is refused, not partially read.
inline constexpr std::size_t kMaxDepth = 1000;       // nesting of mappings and sequences
inline constexpr std::size_t kMaxNodes = 2'000'000;  // after YAML alias expansion

// Parses template text: JSON when it starts with `{` or `[`, YAML otherwise. YAML
// short-form tags become their long form (`!Ref X` -> {Ref: X}, `!GetAtt A.B` ->
// {Fn::GetAtt: [A, B]}, `!Sub s` -> {Fn::Sub: s}). Throws InputError naming `path` (with
// the line) on syntax errors, nesting deeper than kMaxDepth or more than kMaxNodes nodes.
[[nodiscard]] Node parse_document(const std::string& path, const std::string& text);

// A compact, canonical JSON-like rendering of a node (to compare expressions).
[[nodiscard]] std::string render(const Node& node);

}  // namespace certlint::readers::cfn
