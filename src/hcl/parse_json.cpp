// HCL's JSON syntax as Terraform reads .tf.json files (parse.hpp: parse_json, json_blocks): a
// JSON reader that keeps positions, then Terraform's top-level block structure, with every
// JSON string read as a template.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "base/utf8.hpp"
#include "hcl/detail.hpp"
#include "hcl/parse.hpp"

namespace certlint::hcl {
namespace {

using detail::Failure;

class JsonReader {
public:
    JsonReader(File& file, const Options& options) : f_(file), s_(file.text), options_(options) {}

    JsonValue document() {
        detail::check_utf8(s_);
        if (s_.compare(0, 3, "\xEF\xBB\xBF") == 0) bump(3);
        JsonValue v = value();
        space();
        if (p_.byte < s_.size()) fail("expected the end of the JSON document");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        std::string found;
        if (p_.byte >= s_.size()) {
            found = ", found the end of the file";
        } else {
            const auto c = static_cast<unsigned char>(s_[p_.byte]);
            found = c < 0x20 || c >= 0x7F ? ", found a control or non-ASCII character"
                                          : ", found \"" + std::string(1, s_[p_.byte]) + "\"";
        }
        throw Failure{p_, what + found};
    }

    int peek(std::size_t k = 0) const {
        const std::size_t i = p_.byte + k;
        return i < s_.size() ? static_cast<unsigned char>(s_[i]) : -1;
    }

    void bump(std::size_t n) {
        for (std::size_t k = 0; k < n && p_.byte < s_.size(); ++k) {
            const auto c = static_cast<unsigned char>(s_[p_.byte++]);
            if (c == '\n') {
                ++p_.line;
                p_.column = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++p_.column;
            }
        }
    }

    void space() {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') bump(1);
    }

    Range range(const Pos& begin) const { return Range{&f_, begin, p_}; }

    JsonValue value() {
        if (++depth_ > options_.max_depth) {
            throw Failure{p_, "nesting too deep (more than " + std::to_string(options_.max_depth) +
                                  " levels)"};
        }
        space();
        JsonValue v;
        const Pos begin = p_;
        const int c = peek();
        if (c == '{') {
            v.kind = JsonValue::Kind::Object;
            bump(1);
            space();
            if (peek() == '}') {
                bump(1);
            } else {
                for (;;) {
                    space();
                    if (peek() != '"') fail("expected a property name in quotes");
                    JsonValue::Member m;
                    const Pos key_begin = p_;
                    m.key = string();
                    m.key_range = range(key_begin);
                    space();
                    if (peek() != ':') fail("expected \":\" after the property name");
                    bump(1);
                    m.value = value();
                    v.members.push_back(std::move(m));
                    space();
                    if (peek() == ',') {
                        bump(1);
                        continue;
                    }
                    if (peek() == '}') {
                        bump(1);
                        break;
                    }
                    fail("expected \",\" or \"}\" in the object");
                }
            }
        } else if (c == '[') {
            v.kind = JsonValue::Kind::Array;
            bump(1);
            space();
            if (peek() == ']') {
                bump(1);
            } else {
                for (;;) {
                    v.array.push_back(value());
                    space();
                    if (peek() == ',') {
                        bump(1);
                        continue;
                    }
                    if (peek() == ']') {
                        bump(1);
                        break;
                    }
                    fail("expected \",\" or \"]\" in the array");
                }
            }
        } else if (c == '"') {
            v.kind = JsonValue::Kind::String;
            v.string = string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.kind = JsonValue::Kind::Number;
            number(v);
        } else if (literal("true")) {
            v.kind = JsonValue::Kind::Bool;
            v.boolean = true;
        } else if (literal("false")) {
            v.kind = JsonValue::Kind::Bool;
        } else if (literal("null")) {
            v.kind = JsonValue::Kind::Null;
        } else {
            fail("expected a JSON value");
        }
        v.range = range(begin);
        --depth_;
        return v;
    }

    bool literal(const char* word) {
        const std::string_view w(word);
        if (s_.compare(p_.byte, w.size(), w) != 0) return false;
        bump(w.size());
        return true;
    }

    void digits() {
        if (peek() < '0' || peek() > '9') fail("expected a digit");
        while (peek() >= '0' && peek() <= '9') bump(1);
    }

    void number(JsonValue& v) {
        const std::size_t start = p_.byte;
        if (peek() == '-') bump(1);
        if (peek() == '0') {
            bump(1);
        } else {
            digits();
        }
        if (peek() == '.') {
            bump(1);
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            bump(1);
            if (peek() == '+' || peek() == '-') bump(1);
            digits();
        }
        v.number_text = s_.substr(start, p_.byte - start);
        v.number = std::strtod(v.number_text.c_str(), nullptr);
    }

    unsigned hex4() {
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const int h = peek();
            int d = -1;
            if (h >= '0' && h <= '9') d = h - '0';
            if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
            if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
            if (d < 0) fail("expected four hexadecimal digits after \\u");
            v = v * 16 + static_cast<unsigned>(d);
            bump(1);
        }
        return v;
    }

    std::string string() {
        bump(1);  // '"'
        std::string out;
        for (;;) {
            const int c = peek();
            if (c < 0) fail("expected \"\\\"\" to close the string");
            if (c == '"') {
                bump(1);
                return out;
            }
            if (c < 0x20)
                fail("expected \"\\\"\" to close the string (control characters must be escaped)");
            if (c != '\\') {
                const std::size_t start = p_.byte;
                bump(1);
                while (peek() >= 0x80 && (peek() & 0xC0) == 0x80) bump(1);
                out.append(s_, start, p_.byte - start);
                continue;
            }
            bump(1);
            const int e = peek();
            bump(1);
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
                        bump(2);
                        const unsigned lo = hex4();
                        if (lo < 0xDC00 || lo > 0xDFFF) fail("expected a low surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                        cp = 0xFFFD;  // a lone surrogate, as Go's decoder reads it
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: fail("expected a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
            }
        }
    }

    File& f_;
    const std::string& s_;
    const Options& options_;
    Pos p_;
    int depth_ = 0;
};

// ---- JSON values as HCL ---------------------------------------------------------------------

class Converter {
public:
    Converter(const Options& options) : options_(options) {}

    // A JSON string as a template; every node has the string's range.
    ExprPtr template_of(const std::string& text, const Range& where) const {
        File tmp("", text);
        detail::Parser parser(tmp, options_, &where);
        parser.parse_whole_template();
        return tmp.expr;
    }

    ExprPtr expr(const JsonValue& v) const {
        auto e = std::make_shared<Expr>();
        e->range = v.range;
        switch (v.kind) {
            case JsonValue::Kind::Null: e->node = Literal::null_value(); break;
            case JsonValue::Kind::Bool: e->node = Literal::of_bool(v.boolean); break;
            case JsonValue::Kind::Number: {
                Literal l;
                l.kind = Literal::Kind::Number;
                l.number_text = v.number_text;
                l.number = v.number;
                e->node = std::move(l);
                break;
            }
            case JsonValue::Kind::String: return template_of(v.string, v.range);
            case JsonValue::Kind::Array: {
                Tuple t;
                for (const JsonValue& item : v.array) t.items.push_back(expr(item));
                e->node = std::move(t);
                break;
            }
            case JsonValue::Kind::Object: {
                Object o;
                for (const JsonValue::Member& m : v.members) {
                    o.items.push_back(
                        ObjectItem{template_of(m.key, m.key_range), expr(m.value), false});
                }
                e->node = std::move(o);
                break;
            }
        }
        return e;
    }

    Attribute attribute(const JsonValue::Member& m) const {
        auto e = std::make_shared<Expr>();
        e->range = m.value.range;
        auto shared = std::make_shared<const JsonValue>(m.value);
        e->node = Json{shared, expr(m.value)};
        Range whole = m.key_range;
        whole.end = m.value.range.end;
        return Attribute{m.key, std::move(e), whole, m.key_range};
    }

    Body body(const JsonValue& v, const std::string& what) const {
        if (v.kind != JsonValue::Kind::Object) {
            throw Failure{v.range.begin, "expected a JSON object for " + what};
        }
        Body b;
        b.json = true;
        b.range = v.range;
        for (const JsonValue::Member& m : v.members) {
            if (m.key == "//") continue;
            b.attributes.push_back(attribute(m));
        }
        return b;
    }

    // `v` as blocks of `type` with `labels` more labels to read from object keys.
    void blocks(const std::string& type, const Range& type_range, const JsonValue& v,
                std::size_t labels, Block& partial, std::vector<Block>& out) const {
        if (v.kind == JsonValue::Kind::Array) {
            for (const JsonValue& item : v.array) {
                blocks(type, type_range, item, labels, partial, out);
            }
            return;
        }
        if (labels == 0) {
            Block b = partial;
            b.type = type;
            b.type_range = type_range;
            b.body = body(v, "the body of a \"" + type + "\" block");
            // From the innermost label's key (the block's own name), as several blocks share
            // the type's key: `"resource": {"aws_x": {"a": {...}, "b": {...}}}`.
            b.range = b.label_ranges.empty() ? type_range : b.label_ranges.back();
            b.range.end = v.range.end;
            out.push_back(std::move(b));
            return;
        }
        if (v.kind != JsonValue::Kind::Object) {
            throw Failure{v.range.begin, "expected a JSON object whose property names are the \"" +
                                             type + "\" block's labels"};
        }
        for (const JsonValue::Member& m : v.members) {
            if (m.key == "//") continue;
            partial.labels.push_back(m.key);
            partial.label_ranges.push_back(m.key_range);
            blocks(type, type_range, m.value, labels - 1, partial, out);
            partial.labels.pop_back();
            partial.label_ranges.pop_back();
        }
    }

private:
    const Options& options_;
};

// Terraform's top-level block types and their label counts.
int top_level_labels(const std::string& type) {
    if (type == "resource" || type == "data" || type == "ephemeral") return 2;
    if (type == "module" || type == "provider" || type == "variable" || type == "output" ||
        type == "check") {
        return 1;
    }
    if (type == "terraform" || type == "locals" || type == "moved" || type == "import" ||
        type == "removed") {
        return 0;
    }
    return -1;
}

}  // namespace

std::optional<ParseError> parse_json(File& file, const Options& options) {
    file.body = Body{};
    file.comments.clear();
    try {
        JsonReader reader(file, options);
        const JsonValue root = reader.document();
        Converter conv(options);
        if (root.kind != JsonValue::Kind::Object) {
            throw Failure{root.range.begin, "expected a JSON object at the top level"};
        }
        Body& body = file.body;
        body.json = true;
        body.range = root.range;
        for (const JsonValue::Member& m : root.members) {
            if (m.key == "//") continue;
            const int labels = top_level_labels(m.key);
            if (labels < 0) {
                body.attributes.push_back(conv.attribute(m));
                continue;
            }
            Block partial;
            conv.blocks(m.key, m.key_range, m.value, static_cast<std::size_t>(labels), partial,
                        body.blocks);
        }
    } catch (const Failure& failure) {
        return ParseError{file.name, failure.pos, failure.message};
    }
    return std::nullopt;
}

JsonBlocks json_blocks(const Attribute& attr, std::size_t labels, const Options& options) {
    JsonBlocks out;
    const std::string file = attr.range.file != nullptr ? attr.range.file->name : "";
    const auto* json = attr.expr ? attr.expr->as<Json>() : nullptr;
    if (json == nullptr || !json->value) {
        out.error = ParseError{file, attr.range.begin,
                               "expected a JSON-syntax property for block \"" + attr.name + "\""};
        return out;
    }
    try {
        Converter conv(options);
        Block partial;
        conv.blocks(attr.name, attr.name_range, *json->value, labels, partial, out.blocks);
    } catch (const Failure& failure) {
        out.blocks.clear();
        out.error = ParseError{file, failure.pos, failure.message};
    }
    return out;
}

}  // namespace certlint::hcl
