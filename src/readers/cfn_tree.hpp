// The one document tree the CloudFormation reader works on. JSON and YAML templates are
// both converted into it, with the line of every node, so everything after parsing is
// written once.
//
// The tree is compact and read-only: a Node is 12 bytes and a mapping entry 24, its text and
// children live in the arena of the Document that owns it (built once by TreeBuilder), and keys
// and short values are stored once per distinct text. The 36 MiB benchmark template of 20 000
// certificates takes 17 MB as a tree pruned by KeepRules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace certlint::readers {
class JsonScanner;
}

namespace certlint::readers::cfn {

class Entry;

class Node {
public:
    enum class Kind : std::uint8_t { Null, Scalar, Sequence, Mapping };
    // The most bytes of text, items or entries one node holds; beyond it a template is refused.
    static constexpr std::uint32_t kMaxSize = (std::uint32_t{1} << 30) - 1;

    [[nodiscard]] Kind kind() const { return static_cast<Kind>(bits_ >> 30); }
    [[nodiscard]] bool is_scalar() const { return kind() == Kind::Scalar; }
    [[nodiscard]] bool is_sequence() const { return kind() == Kind::Sequence; }
    [[nodiscard]] bool is_mapping() const { return kind() == Kind::Mapping; }

    // Scalar: its text (numbers and booleans as written); "" otherwise.
    [[nodiscard]] std::string_view text() const {
        return is_scalar() ? std::string_view(static_cast<const char*>(data()), size())
                           : std::string_view();
    }
    // Sequence: its items; empty otherwise.
    [[nodiscard]] std::span<const Node> items() const {
        return is_sequence() ? std::span<const Node>(static_cast<const Node*>(data()), size())
                             : std::span<const Node>();
    }
    // Mapping: its entries in document order; empty otherwise.
    [[nodiscard]] std::span<const Entry> entries() const;

    // The value of `key` in a mapping; nullptr when absent or not a mapping.
    [[nodiscard]] const Node* get(std::string_view key) const;
    // The entry of `key` in a mapping (with the key's line); nullptr when absent.
    [[nodiscard]] const Entry* entry(std::string_view key) const;
    // The key of a one-entry mapping ("Ref", "Fn::If", ...): how intrinsic functions look.
    [[nodiscard]] std::string_view function() const;
    // The argument of a one-entry mapping (see function()); a null node otherwise.
    [[nodiscard]] const Node& argument() const;

private:
    friend class TreeBuilder;
    [[nodiscard]] std::uint32_t size() const { return bits_ & kMaxSize; }
    [[nodiscard]] const void* data() const { return load_pointer(data_); }
    void set(Kind kind, std::uint32_t size, const void* data) {
        bits_ = (static_cast<std::uint32_t>(kind) << 30) | size;
        store_pointer(data_, data);
    }

    // A pointer kept as 4-byte words, so that a Node is 12 bytes and an Entry 24.
    static const void* load_pointer(const std::uint32_t (&words)[2]) {
        const void* p = nullptr;
        std::memcpy(static_cast<void*>(&p), words, sizeof p);
        return p;
    }
    static void store_pointer(std::uint32_t (&words)[2], const void* p) {
        std::memcpy(words, static_cast<const void*>(&p), sizeof p);
    }
    friend class Entry;

    std::uint32_t bits_ = 0;          // kind in the top 2 bits, size below
    std::uint32_t data_[2] = {0, 0};  // in the owning Document's arena
};
static_assert(sizeof(void*) <= 8);

// A member of a mapping. Only members carry a line (where their key is): that is what
// findings and errors point at. Keys are stored with their length in front (TreeBuilder).
class Entry {
public:
    Entry(std::string_view stored_key, int line, Node value) : line(line), value(value) {
        Node::store_pointer(key_, stored_key.data());
    }

    [[nodiscard]] std::string_view key() const {
        const auto* text = static_cast<const char*>(Node::load_pointer(key_));
        std::uint32_t size = 0;
        std::memcpy(&size, text - sizeof size, sizeof size);
        return {text, size};
    }

private:
    std::uint32_t key_[2] = {0, 0};

public:
    int line;  // 1-based
    Node value;
};
static_assert(sizeof(Node) == 12 && sizeof(Entry) == 24);

// A parsed document: its root node and the memory every node lives in. Moving a Document
// keeps its nodes where they are.
class Document {
public:
    Document() = default;
    Document(Document&&) noexcept = default;
    Document& operator=(Document&&) noexcept = default;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;
    ~Document() = default;

    [[nodiscard]] const Node& root() const { return root_; }

private:
    friend class TreeBuilder;
    Node root_;
    std::vector<std::unique_ptr<std::byte[]>> blocks_;
};

// Builds a Document from parse events: values (scalars, nulls, opened and closed
// containers) in document order, each mapping value preceded by its key.
class TreeBuilder {
public:
    explicit TreeBuilder(const std::string& path);  // the document's, for errors
    TreeBuilder(const TreeBuilder&) = delete;
    TreeBuilder& operator=(const TreeBuilder&) = delete;
    ~TreeBuilder();

    void key(std::string_view key, int line);
    void scalar(std::string_view text);
    void null();
    void open(Node::Kind container);  // Sequence or Mapping
    void close();
    [[nodiscard]] Document finish();

private:
    struct Open {
        Node node;
        std::string_view key;  // its key when it is a mapping value
        int key_line = 0;
        std::size_t first = 0;  // index of its first child in items_ / entries_
    };
    struct KeyHash {
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };

    void add(const Node& n);
    // Moves `pending` from index `first` (a closing container's children) into the arena.
    template <typename Child>
    void settle(Node& container, std::vector<Child>& pending, std::size_t first);
    std::string_view store(std::string_view text);
    // Stores text once per distinct text, with its length in front (what Entry::key reads).
    std::string_view intern(std::string_view text);
    void* allocate(std::size_t bytes);

    // Refuses a node of more than Node::kMaxSize bytes, items or entries.
    std::uint32_t checked_size(std::size_t size) const;

    const std::string& path_;
    Document doc_;
    std::byte* cursor_ = nullptr;
    std::size_t left_ = 0;
    std::vector<Open> open_;
    std::vector<Node> items_;     // children of the open sequences, innermost last
    std::vector<Entry> entries_;  // children of the open mappings, innermost last
    std::string_view key_;
    int key_line_ = 0;
    std::unordered_set<std::string_view, KeyHash> keys_;
};

// Limits on what a template may be; beyond them it is refused, not partially read.
inline constexpr std::size_t kMaxDepth = 1000;           // nesting of mappings and sequences
inline constexpr std::size_t kMaxYamlNodes = 2'000'000;  // after YAML alias expansion

// Parses template text: JSON when it starts with `{` or `[`, YAML otherwise. YAML
// short-form tags become their long form (`!Ref X` -> {Ref: X}, `!GetAtt A.B` ->
// {Fn::GetAtt: [A, B]}, `!Sub s` -> {Fn::Sub: s}). Throws InputError naming `path` (with
// the line) on syntax errors, nesting deeper than kMaxDepth or, for YAML, more than
// kMaxYamlNodes nodes.
[[nodiscard]] Document parse_document(const std::string& path, const std::string& text);

// What parse_json keeps of a template's resource definitions (Resources.<id>), so that a
// huge template is not held whole: the members Type, Properties, Condition and Metadata (of
// which only the keys in `metadata`); of the Properties of the types in `properties`, only
// the listed members. The rest is validated and skipped. A mapping whose first key is an
// intrinsic function (Fn::If, Ref, ...) is kept whole.
struct KeepRules {
    struct Property {
        bool whole = false;                          // all of it
        std::set<std::string, std::less<>> members;  // else: only these members of it
    };
    using Type = std::map<std::string, Property, std::less<>>;

    std::map<std::string, Type, std::less<>> properties;  // by resource type
    std::set<std::string, std::less<>> metadata;

    // Keeps a property path of `type` that a reader reads ("A", "A.B", "A[].B", "A.B[].C"):
    // its first step, and (when that is a mapping) only the second steps listed.
    void keep(std::string_view type, std::string_view path);
};

// Parses one JSON document from the scanner (which must be at its start) and checks that
// nothing follows it. `keep`: what to keep of resource definitions (nullptr: everything).
[[nodiscard]] Document parse_json(JsonScanner& scanner, const KeepRules* keep);

// A compact, canonical JSON-like rendering of a node (to compare expressions).
[[nodiscard]] std::string render(const Node& node);

}  // namespace certlint::readers::cfn
