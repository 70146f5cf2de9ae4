// Template text (JSON or YAML) -> cfn::Document, with line numbers and limits.
#include "readers/cfn_tree.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "certlint/errors.hpp"
#include "readers/json_scan.hpp"
#include "readers/readers.hpp"

namespace certlint::readers::cfn {

namespace {
const Node kNullNode{};
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
}  // namespace

std::span<const Entry> Node::entries() const {
    return is_mapping() ? std::span<const Entry>(static_cast<const Entry*>(data()), size())
                        : std::span<const Entry>();
}

const Entry* Node::entry(std::string_view key) const {
    for (const Entry& e : entries()) {
        if (e.key() == key) return &e;
    }
    return nullptr;
}

const Node* Node::get(std::string_view key) const {
    const Entry* e = entry(key);
    return e == nullptr ? nullptr : &e->value;
}

std::string_view Node::function() const {
    if (!is_mapping() || size() != 1) return {};
    return entries().front().key();
}

const Node& Node::argument() const {
    if (!is_mapping() || size() == 0) return kNullNode;
    return entries().front().value;
}

// ---- TreeBuilder ----------------------------------------------------------------------

TreeBuilder::TreeBuilder(const std::string& path) : path_(path) {}

TreeBuilder::~TreeBuilder() = default;

void* TreeBuilder::allocate(std::size_t bytes) {
    bytes = (bytes + 7) & ~std::size_t{7};  // every block is 8-aligned; keep it so
    if (bytes > left_) {
        if (bytes > kBlockBytes / 4) {  // a big array: a block of its own
            doc_.blocks_.push_back(std::make_unique<std::byte[]>(bytes));
            return doc_.blocks_.back().get();
        }
        doc_.blocks_.push_back(std::make_unique<std::byte[]>(kBlockBytes));
        cursor_ = doc_.blocks_.back().get();
        left_ = kBlockBytes;
    }
    void* p = cursor_;
    cursor_ += bytes;
    left_ -= bytes;
    return p;
}

std::string_view TreeBuilder::store(std::string_view text) {
    if (text.empty()) return {};
    auto* p = static_cast<char*>(allocate(text.size()));
    std::memcpy(p, text.data(), text.size());
    return {p, text.size()};
}

std::string_view TreeBuilder::intern(std::string_view text) {
    const auto it = keys_.find(text);
    if (it != keys_.end()) return *it;
    const std::uint32_t size = checked_size(text.size());
    auto* p = static_cast<char*>(allocate(sizeof size + text.size()));
    std::memcpy(p, &size, sizeof size);
    p += sizeof size;
    if (!text.empty()) std::memcpy(p, text.data(), text.size());
    const std::string_view stored(p, text.size());
    keys_.insert(stored);
    return stored;
}

std::uint32_t TreeBuilder::checked_size(std::size_t size) const {
    if (size > Node::kMaxSize) {
        throw InputError(path_, fmt::format("a value of more than {} bytes or items is not "
                                            "supported",
                                            Node::kMaxSize));
    }
    return static_cast<std::uint32_t>(size);
}

void TreeBuilder::add(const Node& n) {
    if (open_.empty()) {
        doc_.root_ = n;
    } else if (open_.back().node.is_sequence()) {
        items_.push_back(n);
    } else {
        entries_.emplace_back(key_, key_line_, n);
    }
}

void TreeBuilder::key(std::string_view key, int line) {
    key_ = intern(key);
    key_line_ = line;
}

void TreeBuilder::scalar(std::string_view text) {
    Node n;
    // Short values repeat (types, flags, zone ids, Ref targets): stored once each.
    const std::string_view stored = text.size() <= 40 ? intern(text) : store(text);
    n.set(Node::Kind::Scalar, checked_size(stored.size()), stored.data());
    add(n);
}

void TreeBuilder::null() {
    add(Node{});
}

void TreeBuilder::open(Node::Kind container) {
    Open o;
    o.node.set(container, 0, nullptr);
    o.key = key_;
    o.key_line = key_line_;
    o.first = container == Node::Kind::Sequence ? items_.size() : entries_.size();
    open_.push_back(o);
}

template <typename Child>
void TreeBuilder::settle(Node& container, std::vector<Child>& pending, std::size_t first) {
    const auto from = pending.begin() + static_cast<std::ptrdiff_t>(first);
    const std::uint32_t n = checked_size(pending.size() - first);
    Child* out = nullptr;
    if (n > 0) {
        out = static_cast<Child*>(allocate(n * sizeof(Child)));
        std::uninitialized_copy(from, pending.end(), out);
    }
    container.set(container.kind(), n, out);
    pending.erase(from, pending.end());
}

void TreeBuilder::close() {
    Open o = open_.back();
    open_.pop_back();
    if (o.node.is_sequence()) {
        settle(o.node, items_, o.first);
    } else {
        settle(o.node, entries_, o.first);
    }
    key_ = o.key;
    key_line_ = o.key_line;
    add(o.node);
}

Document TreeBuilder::finish() {
    decltype(keys_)().swap(keys_);
    return std::move(doc_);
}

// ---- JSON -----------------------------------------------------------------------------

void KeepRules::keep(std::string_view type, std::string_view path) {
    const auto dot = path.find('.');
    std::string_view first = path.substr(0, dot);
    const bool each = first.size() > 2 && first.substr(first.size() - 2) == "[]";
    if (each) first.remove_suffix(2);
    auto& types = properties[std::string(type)];
    Property& p = types[std::string(first)];
    if (dot == std::string_view::npos || each) {
        p.whole = true;
        return;
    }
    std::string_view second = path.substr(dot + 1);
    second = second.substr(0, second.find('.'));
    if (second.size() > 2 && second.substr(second.size() - 2) == "[]") second.remove_suffix(2);
    p.members.emplace(second);
}

namespace {

// Where the JSON parser is, for KeepRules.
enum class Filter : std::uint8_t {
    All,         // keep everything
    Root,        // the template: its Resources are filtered
    Resources,   // Resources: each member is a resource definition
    Resource,    // a resource definition
    Properties,  // the Properties of a type with rules
    Members,     // a property of which only some members are kept
    Metadata,    // a resource's Metadata
};

// Intrinsic functions (and conditions) stand where a mapping is expected: what they
// produce is not known by key, so such a mapping is kept whole.
bool is_function(std::string_view key) {
    return key.rfind("Fn::", 0) == 0 || key == "Ref" || key == "Condition";
}

}  // namespace

Document parse_json(JsonScanner& scanner, const KeepRules* keep) {
    scanner.track_lines();
    TreeBuilder builder(scanner.path());  // nesting is limited by the scanner
    struct Frame {
        bool mapping;
        bool first;
        Filter filter;
        const KeepRules::Type* type_rules;                  // Properties
        const std::set<std::string, std::less<>>* members;  // Members
        std::string type;                                   // Resource: its Type once read
    };
    std::vector<Frame> open;
    Filter next = keep == nullptr ? Filter::All : Filter::Root;  // of the value about to be read
    const KeepRules::Type* next_rules = nullptr;
    const std::set<std::string, std::less<>>* next_members = nullptr;
    bool capture_type = false;  // the value about to be read is a resource's Type
    for (;;) {
        // At a value.
        const int c = scanner.peek();
        if (c == '{') {
            scanner.enter_object();
            builder.open(Node::Kind::Mapping);
            open.push_back(Frame{true, true, next, next_rules, next_members, {}});
        } else if (c == '[') {
            scanner.enter_array();
            builder.open(Node::Kind::Sequence);
            open.push_back(Frame{false, true, Filter::All, nullptr, nullptr, {}});
        } else if (c == '"') {
            const std::string_view text = scanner.string();
            if (capture_type) open.back().type = text;
            builder.scalar(text);
        } else if (c == 'n') {
            (void)scanner.scalar_token();
            builder.null();
        } else {
            builder.scalar(scanner.scalar_token());
        }
        capture_type = false;
        // To the next value, closing the containers that end first and skipping the members
        // that are not kept.
        for (;;) {
            if (open.empty()) {
                scanner.expect_end();
                return builder.finish();
            }
            Frame& f = open.back();
            if (!f.mapping) {
                if (scanner.next_element(f.first)) {
                    next = Filter::All;
                    break;
                }
                open.pop_back();
                builder.close();
                continue;
            }
            const bool first = f.first;
            std::string_view key;
            if (!scanner.next_key(f.first, key)) {
                open.pop_back();
                builder.close();
                continue;
            }
            if (first && (f.filter == Filter::Properties || f.filter == Filter::Members) &&
                is_function(key)) {
                f.filter = Filter::All;
            }
            bool kept = true;
            next = Filter::All;
            switch (f.filter) {
                case Filter::All: break;
                case Filter::Root:
                    if (key == "Resources") next = Filter::Resources;
                    break;
                case Filter::Resources: next = Filter::Resource; break;
                case Filter::Resource:
                    if (key == "Type") {
                        capture_type = true;
                    } else if (key == "Metadata") {
                        next = Filter::Metadata;
                    } else if (key == "Properties") {
                        const auto it = keep->properties.find(f.type);
                        if (it != keep->properties.end()) {
                            next = Filter::Properties;
                            next_rules = &it->second;
                        }
                    } else {
                        kept = key == "Condition";
                    }
                    break;
                case Filter::Properties: {
                    const auto it = f.type_rules->find(key);
                    kept = it != f.type_rules->end();
                    if (kept && !it->second.whole) {
                        next = Filter::Members;
                        next_members = &it->second.members;
                    }
                    break;
                }
                case Filter::Members: kept = f.members->count(key) != 0; break;
                case Filter::Metadata: kept = keep->metadata.count(key) != 0; break;
            }
            if (kept) {
                builder.key(key, scanner.line());  // keys and their values share a line
                break;
            }
            scanner.skip();
        }
    }
}

namespace {

// ---- YAML -----------------------------------------------------------------------------

// Counts the nodes of a yaml-cpp document as if aliases were copied, stopping at
// kMaxYamlNodes, so that alias expansion ("billion laughs") is refused before anything is
// built.
class YamlCounter {
public:
    explicit YamlCounter(const std::string& path) : path_(path) {}

    void count(const YAML::Node& y) {
        if (++count_ > kMaxYamlNodes) {
            throw InputError(path_, fmt::format("template expands to more than {} nodes (YAML "
                                                "aliases?)",
                                                kMaxYamlNodes));
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

// Converts yaml-cpp nodes into tree events, expanding short-form tags.
class YamlConverter {
public:
    YamlConverter(const std::string& path, TreeBuilder& out) : path_(path), out_(out) {}

    void convert(const YAML::Node& y, std::size_t depth) {
        if (depth > kMaxDepth) {
            throw InputError(path_, fmt::format("YAML nested deeper than {} levels (line {})",
                                                kMaxDepth, y.Mark().line + 1));
        }
        const std::string& tag = y.Tag();
        if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') {
            expand_tag(tag.substr(1), y, depth);
        } else {
            convert_plain(y, depth);
        }
    }

private:
    void convert_plain(const YAML::Node& y, std::size_t depth) {
        switch (y.Type()) {
            case YAML::NodeType::Scalar: out_.scalar(y.Scalar()); break;
            case YAML::NodeType::Sequence:
                out_.open(Node::Kind::Sequence);
                for (const auto& item : y) convert(item, depth + 1);
                out_.close();
                break;
            case YAML::NodeType::Map:
                out_.open(Node::Kind::Mapping);
                for (const auto& kv : y) {
                    if (!kv.first.IsScalar()) {
                        throw InputError(path_, fmt::format("line {}: mapping keys must be strings",
                                                            kv.first.Mark().line + 1));
                    }
                    out_.key(kv.first.Scalar(), kv.first.Mark().line + 1);
                    convert(kv.second, depth + 1);
                }
                out_.close();
                break;
            default: out_.null(); break;
        }
    }

    // `!Name value` -> {Fn::Name: value}; `!Ref`/`!Condition` keep their name; `!GetAtt a.b`
    // splits at the first dot.
    void expand_tag(const std::string& name, const YAML::Node& y, std::size_t depth) {
        const int line = y.Mark().line + 1;
        const bool bare = name == "Ref" || name == "Condition";
        out_.open(Node::Kind::Mapping);
        out_.key(bare ? name : "Fn::" + name, line);
        if (name == "GetAtt" && y.IsScalar()) {
            const std::string& text = y.Scalar();
            const auto dot = text.find('.');
            out_.open(Node::Kind::Sequence);
            out_.scalar(std::string_view(text).substr(0, dot));
            if (dot != std::string::npos) out_.scalar(std::string_view(text).substr(dot + 1));
            out_.close();
        } else {
            convert_plain(y, depth);
        }
        out_.close();
    }

    const std::string& path_;
    TreeBuilder& out_;
};

Document parse_yaml(const std::string& path, const std::string& text) {
    // Every yaml-cpp exception (parsing, and any raised while the nodes are walked) becomes an
    // InputError: nothing escapes as an unexpected exception.
    try {
        const YAML::Node doc = YAML::Load(text);
        YamlCounter(path).count(doc);
        TreeBuilder builder(path);
        YamlConverter(path, builder).convert(doc, 0);
        return builder.finish();
    } catch (const YAML::DeepRecursion& e) {
        throw InputError(
            path, fmt::format("invalid YAML at line {}: nested too deeply", e.mark.line + 1));
    } catch (const YAML::Exception& e) {
        if (e.mark.is_null()) throw InputError(path, "invalid YAML: " + e.msg);
        throw InputError(path, fmt::format("invalid YAML at line {}, column {}: {}",
                                           e.mark.line + 1, e.mark.column + 1, e.msg));
    }
}

// A JSON string literal. YAML escapes can make text that is not UTF-8 (`"\ud800"`): it is
// replaced, never thrown on.
std::string quoted(std::string_view text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void render_to(const Node& n, std::string& out) {
    switch (n.kind()) {
        case Node::Kind::Null: out += "null"; break;
        case Node::Kind::Scalar: out += quoted(n.text()); break;
        case Node::Kind::Sequence: {
            out += '[';
            bool first = true;
            for (const Node& item : n.items()) {
                if (!first) out += ',';
                first = false;
                render_to(item, out);
            }
            out += ']';
            break;
        }
        case Node::Kind::Mapping: {
            out += '{';
            bool first = true;
            for (const Entry& e : n.entries()) {
                if (!first) out += ',';
                first = false;
                out += quoted(e.key()) + ':';
                render_to(e.value, out);
            }
            out += '}';
            break;
        }
    }
}

}  // namespace

Document parse_document(const std::string& path, const std::string& text) {
    if (!starts_like_json(text)) return parse_yaml(path, text);
    JsonScanner scanner(path, std::string_view(text));
    return parse_json(scanner, nullptr);
}

std::string render(const Node& node) {
    std::string out;
    render_to(node, out);
    return out;
}

}  // namespace certlint::readers::cfn
