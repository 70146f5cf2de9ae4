// Template text (JSON or YAML) -> cfn::Node, with line numbers and limits.
#include "readers/cfn_tree.hpp"

#include <algorithm>
#include <iterator>
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "certlint/engine.hpp"

namespace certlint::readers::cfn {

const Entry* Node::entry(std::string_view key) const {
    if (kind != Kind::Mapping) return nullptr;
    for (const Entry& e : entries) {
        if (e.key == key) return &e;
    }
    return nullptr;
}

const Node* Node::get(std::string_view key) const {
    const Entry* e = entry(key);
    return e == nullptr ? nullptr : &e->value;
}

std::string_view Node::function() const {
    if (kind != Kind::Mapping || entries.size() != 1) return {};
    return entries.front().key;
}

const Node& Node::argument() const {
    return entries.front().value;
}

namespace {

// ---- JSON -----------------------------------------------------------------------------

// Maps byte offsets to 1-based line numbers.
class LineIndex {
public:
    explicit LineIndex(const std::string& text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') newlines_.push_back(i);
        }
    }
    [[nodiscard]] int line_of(std::size_t offset) const {
        const auto it = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
        return static_cast<int>(it - newlines_.begin()) + 1;
    }

private:
    std::vector<std::size_t> newlines_;
};

// A character iterator that records the last position the JSON lexer read, so SAX events
// know where they are (nlohmann's SAX interface does not pass positions).
class TrackingIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackingIterator() = default;
    TrackingIterator(const char* p, const char** last_read) : p_(p), last_read_(last_read) {}
    reference operator*() const {
        *last_read_ = p_;
        return *p_;
    }
    TrackingIterator& operator++() {
        ++p_;
        return *this;
    }
    TrackingIterator operator++(int) {
        TrackingIterator old = *this;
        ++p_;
        return old;
    }
    bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
    bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

private:
    const char* p_ = nullptr;
    const char** last_read_ = nullptr;
};

class JsonBuilder {
public:
    using json = nlohmann::json;

    JsonBuilder(const std::string& text, const char* const* last_read)
        : begin_(text.data()), last_read_(last_read), lines_(text) {}

    bool null() { return add(Node::Kind::Null, {}); }
    bool boolean(bool v) { return add(Node::Kind::Scalar, v ? "true" : "false"); }
    bool number_integer(json::number_integer_t v) {
        return add(Node::Kind::Scalar, std::to_string(v));
    }
    bool number_unsigned(json::number_unsigned_t v) {
        return add(Node::Kind::Scalar, std::to_string(v));
    }
    bool number_float(json::number_float_t /*v*/, const std::string& s) {
        return add(Node::Kind::Scalar, s);
    }
    bool string(std::string& s) { return add(Node::Kind::Scalar, std::move(s)); }
    bool binary(json::binary_t& /*v*/) { return add(Node::Kind::Null, {}); }
    bool start_object(std::size_t /*n*/) { return open(Node::Kind::Mapping); }
    bool start_array(std::size_t /*n*/) { return open(Node::Kind::Sequence); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& k) {
        key_ = std::move(k);
        key_line_ = line();
        return true;
    }
    bool parse_error(std::size_t /*pos*/, const std::string& /*token*/,
                     const nlohmann::detail::exception& e) {
        const std::string what = e.what();
        const auto at = what.find("] ");
        error_ = "invalid JSON: " + (at == std::string::npos ? what : what.substr(at + 2));
        return false;
    }

    [[nodiscard]] const std::string& error() const { return error_; }
    [[nodiscard]] Node take() { return std::move(root_); }

private:
    [[nodiscard]] int line() const {
        return *last_read_ == nullptr
                   ? 1
                   : lines_.line_of(static_cast<std::size_t>(*last_read_ - begin_));
    }

    // The slot for the next value: the root, a sequence item or the value of key_.
    Node& slot() {
        if (open_.empty()) return root_;
        Node& parent = *open_.back();
        if (parent.kind == Node::Kind::Sequence) return parent.items.emplace_back();
        return parent.entries.emplace_back(Entry{std::move(key_), key_line_, Node{}}).value;
    }

    bool add(Node::Kind kind, std::string text) {
        Node& n = slot();
        n.kind = kind;
        n.line = line();
        n.text = std::move(text);
        return true;
    }

    bool open(Node::Kind kind) {
        if (open_.size() >= kMaxDepth) {
            error_ = fmt::format("JSON nested deeper than {} levels", kMaxDepth);
            return false;
        }
        Node& n = slot();
        n.kind = kind;
        n.line = line();
        open_.push_back(&n);  // only the innermost open node grows, so this pointer stays valid
        return true;
    }

    bool close() {
        open_.pop_back();
        return true;
    }

    const char* begin_;
    const char* const* last_read_;
    LineIndex lines_;
    Node root_;
    std::vector<Node*> open_;
    std::string key_;
    int key_line_ = 0;
    std::string error_;
};

Node parse_json(const std::string& path, const std::string& text) {
    const char* last_read = nullptr;
    JsonBuilder builder(text, &last_read);
    const TrackingIterator first(text.data(), &last_read);
    const TrackingIterator last(text.data() + text.size(), &last_read);
    if (!nlohmann::json::sax_parse(first, last, &builder)) {
        throw InputError(path, builder.error().empty() ? "invalid JSON" : builder.error());
    }
    return builder.take();
}

// ---- YAML -----------------------------------------------------------------------------

// Counts the nodes of a yaml-cpp document as if aliases were copied, stopping at kMaxNodes,
// so that alias expansion ("billion laughs") is refused before anything is built.
class YamlCounter {
public:
    explicit YamlCounter(const std::string& path) : path_(path) {}

    void count(const YAML::Node& y) {
        if (++count_ > kMaxNodes) {
            throw InputError(path_, fmt::format("template expands to more than {} nodes (YAML "
                                                "aliases?)",
                                                kMaxNodes));
        }
        if (y.IsSequence()) {
            for (const auto& item : y) count(item);
        } else if (y.IsMap()) {
            for (const auto& kv : y) count(kv.second);
        }
    }

private:
    const std::string& path_;
    std::size_t count_ = 0;
};

// Converts yaml-cpp nodes into Nodes, expanding short-form tags.
class YamlConverter {
public:
    explicit YamlConverter(const std::string& path) : path_(path) {}

    Node convert(const YAML::Node& y, std::size_t depth) {
        if (depth > kMaxDepth) {
            throw InputError(path_, fmt::format("YAML nested deeper than {} levels (line {})",
                                                kMaxDepth, y.Mark().line + 1));
        }
        Node n = convert_plain(y, depth);
        const std::string& tag = y.Tag();
        if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!')
            return expand_tag(tag.substr(1), std::move(n));
        return n;
    }

private:
    Node convert_plain(const YAML::Node& y, std::size_t depth) {
        Node n;
        n.line = y.Mark().line + 1;
        switch (y.Type()) {
            case YAML::NodeType::Scalar:
                n.kind = Node::Kind::Scalar;
                n.text = y.Scalar();
                break;
            case YAML::NodeType::Sequence:
                n.kind = Node::Kind::Sequence;
                for (const auto& item : y) n.items.push_back(convert(item, depth + 1));
                break;
            case YAML::NodeType::Map:
                n.kind = Node::Kind::Mapping;
                for (const auto& kv : y) {
                    if (!kv.first.IsScalar()) {
                        throw InputError(path_, fmt::format("line {}: mapping keys must be strings",
                                                            kv.first.Mark().line + 1));
                    }
                    n.entries.push_back(Entry{kv.first.Scalar(), kv.first.Mark().line + 1,
                                              convert(kv.second, depth + 1)});
                }
                break;
            default: break;
        }
        return n;
    }

    // `!Name value` -> {Fn::Name: value}; `!Ref`/`!Condition` keep their name; `!GetAtt a.b`
    // splits at the first dot.
    static Node expand_tag(const std::string& name, Node value) {
        Node fn;
        fn.kind = Node::Kind::Mapping;
        fn.line = value.line;
        if (name == "GetAtt" && value.is_scalar()) {
            Node list;
            list.kind = Node::Kind::Sequence;
            list.line = value.line;
            const auto dot = value.text.find('.');
            Node head = value;
            head.text = value.text.substr(0, dot);
            list.items.push_back(std::move(head));
            if (dot != std::string::npos) {
                value.text = value.text.substr(dot + 1);
                list.items.push_back(std::move(value));
            }
            value = std::move(list);
        }
        const bool bare = name == "Ref" || name == "Condition";
        fn.entries.push_back(Entry{bare ? name : "Fn::" + name, fn.line, std::move(value)});
        return fn;
    }

    const std::string& path_;
};

Node parse_yaml(const std::string& path, const std::string& text) {
    // Every yaml-cpp exception (parsing, and any raised while the nodes are walked) becomes an
    // InputError: nothing escapes as an unexpected exception.
    try {
        const YAML::Node doc = YAML::Load(text);
        YamlCounter(path).count(doc);
        return YamlConverter(path).convert(doc, 0);
    } catch (const YAML::DeepRecursion& e) {
        throw InputError(
            path, fmt::format("invalid YAML at line {}: nested too deeply", e.mark.line + 1));
    } catch (const YAML::Exception& e) {
        if (e.mark.is_null()) throw InputError(path, "invalid YAML: " + e.msg);
        throw InputError(path, fmt::format("invalid YAML at line {}, column {}: {}",
                                           e.mark.line + 1, e.mark.column + 1, e.msg));
    }
}

bool starts_like_json(const std::string& text) {
    const auto pos = text.find_first_not_of(" \t\r\n");
    return pos != std::string::npos && (text[pos] == '{' || text[pos] == '[');
}

// A JSON string literal. YAML escapes can make text that is not UTF-8 (`"\ud800"`): it is
// replaced, never thrown on.
std::string quoted(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void render_to(const Node& n, std::string& out) {
    switch (n.kind) {
        case Node::Kind::Null: out += "null"; break;
        case Node::Kind::Scalar: out += quoted(n.text); break;
        case Node::Kind::Sequence:
            out += '[';
            for (std::size_t i = 0; i < n.items.size(); ++i) {
                if (i > 0) out += ',';
                render_to(n.items[i], out);
            }
            out += ']';
            break;
        case Node::Kind::Mapping:
            out += '{';
            for (std::size_t i = 0; i < n.entries.size(); ++i) {
                if (i > 0) out += ',';
                out += quoted(n.entries[i].key) + ':';
                render_to(n.entries[i].value, out);
            }
            out += '}';
            break;
    }
}

}  // namespace

Node parse_document(const std::string& path, const std::string& text) {
    return starts_like_json(text) ? parse_json(path, text) : parse_yaml(path, text);
}

std::string render(const Node& node) {
    std::string out;
    render_to(node, out);
    return out;
}

}  // namespace certlint::readers::cfn
