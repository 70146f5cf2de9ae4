// Policy files -> compiled policies. The schema is strict, as the config's is: an unknown key,
// field or operator, an operand of the wrong type, a regular expression RE2 refuses, a
// reserved or malformed ID is an error naming the file and line, never ignored. Fields are
// checked against the vocabulary (view::fields()).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>
#include <system_error>

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "base/ascii.hpp"
#include "certlint/engine.hpp"
#include "certlint/errors.hpp"
#include "certlint/view.hpp"
#include "policy/condition.hpp"
#include "readers/readers.hpp"

namespace certlint::policy {

namespace fs = std::filesystem;

const char* to_string(On on) {
    return on == On::Certificate ? "certificate" : "consumer";
}

namespace {

// Limits on what a policy file may be, beyond which it is refused: YAML aliases expanded
// ("billion laughs") and nesting.
constexpr std::size_t kMaxNodes = 200'000;
constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kMaxFileBytes = std::size_t{8} << 20;

// ---- Types of the vocabulary ----------------------------------------------------------

enum class Kind { String, Bool, Number, List, Map, Object };

struct Type {
    Kind kind = Kind::String;
    Kind elem = Kind::String;     // of a List
    On object = On::Certificate;  // of an Object, or of a List's Object elements
    const std::vector<std::string>* values = nullptr;  // the values a String may take
};

std::string describe(const Type& t) {
    switch (t.kind) {
        case Kind::String: return "a string";
        case Kind::Bool: return "true or false";
        case Kind::Number: return "a number";
        case Kind::List:
            return t.elem == Kind::Object ? fmt::format("a list of {}s", to_string(t.object))
                                          : "a list";
        case Kind::Map: return "a mapping";
        case Kind::Object: return fmt::format("a {}", to_string(t.object));
    }
    return "a value";
}

// The vocabulary's type names (view::Field::type) read leniently: "list<string>",
// "list<consumer>", "bool", "map<string,string>", "certificate", ...
Type type_of(const view::Field& f) {
    std::string s = f.type;
    s = base::ascii_lower(s);
    const auto has = [&](const char* word) { return s.find(word) != std::string::npos; };
    Type t;
    t.values = f.values.empty() ? nullptr : &f.values;
    if (has("list") || has("array") || has("[]")) {
        t.kind = Kind::List;
        if (has("consumer")) {
            t.elem = Kind::Object;
            t.object = On::Consumer;
        } else if (has("certificate")) {
            t.elem = Kind::Object;
            t.object = On::Certificate;
        }
    } else if (has("map") || has("tags") || f.name == "tags") {
        t.kind = Kind::Map;
    } else if (has("bool")) {
        t.kind = Kind::Bool;
    } else if (has("int") || has("number")) {
        t.kind = Kind::Number;
    } else if (has("certificate") || f.name == "certificate") {
        t.kind = Kind::Object;
        t.object = On::Certificate;
    } else if (has("consumer")) {
        t.kind = Kind::Object;
        t.object = On::Consumer;
    }
    return t;
}

const view::Field* find_field(On on, const std::string& name) {
    for (const view::Field& f : view::fields()) {
        if (f.on == to_string(on) && f.name == name) return &f;
    }
    return nullptr;
}

// The fields of `on` objects, for messages: "address, type, ...".
std::string field_list(On on) {
    std::string out;
    for (const std::string& name : slot_names(on)) out += (out.empty() ? "" : ", ") + name;
    return out;
}

bool is_operator(const std::string& key) {
    static const std::set<std::string> kOps = {"equals", "in",    "matches", "exists", "gte",
                                               "lte",    "count", "every",   "some",   "none",
                                               "all",    "any",   "not"};
    return kOps.count(key) != 0;
}

constexpr const char* kOperators =
    "equals, in, matches, exists, gte, lte, count, every, some, none, all, any, not";

// ---- The YAML walker ------------------------------------------------------------------

struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
    YAML::Mark mark;  // of the value, or of the key when the value is empty
};

class Compiler {
public:
    explicit Compiler(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& what) const {
        if (mark.is_null()) throw UsageError(fmt::format("{}: {}", file_, what));
        throw UsageError(fmt::format("{}:{}: {}", file_, mark.line + 1, what));
    }

    // Refuses documents that expand (through aliases) beyond kMaxNodes or nest deeper than
    // kMaxDepth, before anything walks them.
    void check_size(const YAML::Node& n, std::size_t depth) {
        if (++nodes_ > kMaxNodes) {
            fail(n.Mark(), fmt::format("policy file expands to more than {} nodes (YAML aliases?)",
                                       kMaxNodes));
        }
        if (depth > kMaxDepth) {
            fail(n.Mark(), fmt::format("nested deeper than {} levels", kMaxDepth));
        }
        if (n.IsSequence()) {
            for (const auto& item : n) check_size(item, depth + 1);
        } else if (n.IsMap()) {
            for (const auto& kv : n) {
                check_size(kv.first, depth + 1);
                check_size(kv.second, depth + 1);
            }
        }
    }

    std::vector<Entry> entries(const YAML::Node& map, const std::string& what) const {
        if (!map.IsMap()) fail(map.Mark(), what + " must be a mapping");
        std::vector<Entry> out;
        std::set<std::string> seen;
        for (const auto& kv : map) {
            if (!kv.first.IsScalar()) fail(kv.first.Mark(), "keys in " + what + " must be strings");
            const std::string key = kv.first.Scalar();
            if (!seen.insert(key).second) {
                fail(kv.first.Mark(), fmt::format("duplicate key '{}'", key));
            }
            const YAML::Mark mark = kv.second.IsNull() || kv.second.Mark().is_null()
                                        ? kv.first.Mark()
                                        : kv.second.Mark();
            out.push_back(Entry{key, kv.first, kv.second, mark});
        }
        return out;
    }

    std::string text(const Entry& e) const {
        if (!e.value.IsScalar() || e.value.Scalar().empty()) {
            fail(e.mark, e.key + " must be a non-empty string");
        }
        return e.value.Scalar();
    }

    std::vector<std::string> text_list(const Entry& e, bool allow_single) const {
        std::vector<std::string> out;
        if (allow_single && e.value.IsScalar()) {
            out.push_back(text(e));
            return out;
        }
        if (!e.value.IsSequence()) fail(e.mark, e.key + " must be a list of strings");
        for (const YAML::Node& item : e.value) {
            if (!item.IsScalar()) fail(item.Mark(), e.key + " must be a list of strings");
            out.push_back(item.Scalar());
        }
        return out;
    }

    std::vector<CustomPolicy> file(const YAML::Node& doc) {
        check_size(doc, 0);
        if (doc.IsNull()) fail(doc.Mark(), "no policies (expected a top-level 'policies' list)");
        std::vector<CustomPolicy> out;
        bool seen = false;
        for (const Entry& e : entries(doc, "a policy file")) {
            if (e.key != "policies") {
                fail(e.key_node.Mark(), fmt::format("unknown key '{}' (expected policies)", e.key));
            }
            seen = true;
            if (!e.value.IsSequence()) fail(e.mark, "policies must be a list");
            for (const YAML::Node& item : e.value) out.push_back(policy(item));
        }
        if (!seen) fail(doc.Mark(), "no policies (expected a top-level 'policies' list)");
        return out;
    }

private:
    CustomPolicy policy(const YAML::Node& node) {
        CustomPolicy p;
        p.file = file_;
        p.line = node.Mark().line + 1;
        const std::vector<Entry> all = entries(node, "a policy");
        const auto get = [&](const char* key) -> const Entry* {
            for (const Entry& e : all) {
                if (e.key == key) return &e;
            }
            return nullptr;
        };
        for (const Entry& e : all) {
            static const std::set<std::string> kKeys = {
                "id", "name",  "severity", "enabled", "description", "remediation",
                "on", "where", "require",  "message", "tests"};
            if (kKeys.count(e.key) == 0) {
                fail(e.key_node.Mark(),
                     fmt::format("unknown key '{}' in a policy (expected id, name, severity, "
                                 "enabled, description, remediation, on, where, require, "
                                 "message, tests)",
                                 e.key));
            }
        }
        for (const char* key :
             {"id", "name", "severity", "description", "on", "require", "message"}) {
            if (get(key) == nullptr) fail(node.Mark(), fmt::format("a policy needs '{}'", key));
        }
        // id: 2-5 capital letters and 3 digits, not CL (the built-in rules').
        const Entry& id = *get("id");
        p.meta.id = text(id);
        static const RE2 kId("([A-Z]{2,5})[0-9]{3}");
        std::string letters;
        if (!RE2::FullMatch(p.meta.id, kId, &letters)) {
            fail(id.mark, fmt::format("id '{}' must be 2 to 5 capital letters and 3 digits "
                                      "(e.g. ORG001)",
                                      p.meta.id));
        }
        if (letters == "CL") {
            fail(id.mark, fmt::format("id '{}' is in the range reserved for certlint's rules "
                                      "(CL); use your own prefix, e.g. ORG001",
                                      p.meta.id));
        }
        const Entry& name = *get("name");
        p.meta.name = text(name);
        static const RE2 kName("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        if (!RE2::FullMatch(p.meta.name, kName)) {
            fail(name.mark, fmt::format("name '{}' must be lower-case words joined by hyphens "
                                        "(e.g. approved-domains-only)",
                                        p.meta.name));
        }
        const Entry& severity = *get("severity");
        const auto sev = parse_severity(text(severity));
        if (!sev) {
            fail(severity.mark, fmt::format("severity must be error, warning or note, not '{}'",
                                            severity.value.Scalar()));
        }
        p.meta.severity = *sev;
        if (const Entry* e = get("enabled")) {
            const std::string v = e->value.IsScalar() ? e->value.Scalar() : "";
            if (v != "true" && v != "false") fail(e->mark, "enabled must be true or false");
            p.meta.enabled = v == "true";
        }
        p.description = text(*get("description"));
        p.meta.summary = p.description;
        if (const Entry* e = get("remediation")) {
            p.remediation = text(*e);
            for (const InputFamily f : all_input_families()) p.meta.remediation[f] = p.remediation;
        }
        const Entry& on = *get("on");
        const std::string on_text = on.value.IsScalar() ? on.value.Scalar() : "";
        if (on_text == "certificate") {
            p.on = On::Certificate;
        } else if (on_text == "consumer") {
            p.on = On::Consumer;
        } else {
            fail(on.mark, fmt::format("on must be certificate or consumer, not '{}'", on_text));
        }
        Type object;
        object.kind = Kind::Object;
        object.object = p.on;
        if (const Entry* e = get("where")) {
            p.where = std::make_shared<const Condition>(condition(e->value, e->mark, object, 0));
        }
        const Entry& require = *get("require");
        p.require =
            std::make_shared<const Condition>(condition(require.value, require.mark, object, 0));
        const Entry& message = *get("message");
        p.message = text(message);
        check_message(p.message, message.mark);
        if (const Entry* e = get("tests")) p.tests = tests(*e);
        return p;
    }

    void check_message(const std::string& message, const YAML::Mark& mark) const {
        for (std::size_t at = message.find('{'); at != std::string::npos;
             at = message.find('{', at + 1)) {
            const std::string_view rest = std::string_view(message).substr(at);
            if (rest.starts_with("{resource}") || rest.starts_with("{failing}")) continue;
            const std::size_t close = rest.find('}');
            fail(mark,
                 fmt::format("message: unknown placeholder '{}' (expected {{resource}} or "
                             "{{failing}})",
                             rest.substr(0, close == std::string_view::npos ? 1 : close + 1)));
        }
    }

    std::vector<PolicyTest> tests(const Entry& e) const {
        if (!e.value.IsSequence()) fail(e.mark, "tests must be a list");
        const fs::path base = fs::path(file_).parent_path();
        std::vector<PolicyTest> out;
        std::set<std::string> names;
        for (const YAML::Node& item : e.value) {
            PolicyTest t;
            t.line = item.Mark().line + 1;
            bool has_input = false;
            bool has_expect = false;
            for (const Entry& k : entries(item, "a test")) {
                if (k.key == "name") {
                    t.name = text(k);
                    if (!names.insert(t.name).second) {
                        fail(k.mark, fmt::format("two tests are named '{}'", t.name));
                    }
                } else if (k.key == "input") {
                    for (const std::string& in : text_list(k, true)) {
                        t.inputs.push_back(in == "-" ? in
                                                     : (base / in).lexically_normal().string());
                    }
                    if (t.inputs.empty()) fail(k.mark, "input must name at least one file");
                    has_input = true;
                } else if (k.key == "region") {
                    t.region = text(k);
                } else if (k.key == "args") {
                    t.args = text_list(k, false);
                    test_args(t, k.mark);
                } else if (k.key == "expect") {
                    if (!k.value.IsNull()) t.expect = text_list(k, false);
                    has_expect = true;
                } else {
                    fail(k.key_node.Mark(),
                         fmt::format("unknown key '{}' in a test (expected name, input, region, "
                                     "args, expect)",
                                     k.key));
                }
            }
            if (t.name.empty()) fail(item.Mark(), "a test needs a 'name'");
            if (!has_input) fail(item.Mark(), "a test needs an 'input'");
            if (!has_expect) {
                fail(item.Mark(), "a test needs 'expect' (the resources that fire; [] for none)");
            }
            std::sort(t.expect.begin(), t.expect.end());
            out.push_back(std::move(t));
        }
        return out;
    }

    // A test's args: the options of a check run that change what fires.
    void test_args(PolicyTest& t, const YAML::Mark& mark) const {
        for (std::size_t i = 0; i < t.args.size(); ++i) {
            std::string arg = t.args[i];
            std::string value;
            if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
            } else if (arg == "--parameter" || arg == "--now" || arg == "--region") {
                if (i + 1 == t.args.size()) fail(mark, fmt::format("args: {} needs a value", arg));
                value = t.args[++i];
            }
            if (arg == "--parameter") {
                const auto eq = value.find('=');
                if (eq == std::string::npos || eq == 0) {
                    fail(mark,
                         fmt::format("args: --parameter must be NAME=VALUE, not '{}'", value));
                }
                t.parameters[value.substr(0, eq)] = value.substr(eq + 1);
            } else if (arg == "--now") {
                if (!is_rfc3339(value)) {
                    fail(mark,
                         fmt::format("args: --now must be an RFC 3339 time, not '{}'", value));
                }
                t.now = value.size() == 10 ? value + "T00:00:00Z" : value;
            } else if (arg == "--region") {
                t.region = value;
            } else {
                fail(mark, fmt::format("args: unsupported option '{}' (tests take --parameter "
                                       "NAME=VALUE, --now TIME and --region REGION)",
                                       t.args[i]));
            }
        }
    }

    // ---- Conditions -------------------------------------------------------------------

    Scalar scalar(const YAML::Node& n, const YAML::Mark& mark, const std::string& op,
                  const Type& t) const {
        if (!n.IsScalar()) fail(mark, fmt::format("{} takes a single value", op));
        Scalar s;
        s.text = n.Scalar();
        if (s.text == "true" || s.text == "false") s.boolean = s.text == "true";
        double d = 0;
        const auto [end, ec] = std::from_chars(s.text.data(), s.text.data() + s.text.size(), d);
        if (ec == std::errc() && end == s.text.data() + s.text.size()) s.number = d;
        if (t.kind == Kind::Bool && !s.boolean) {
            fail(mark, fmt::format("{}: '{}' is not true or false", op, s.text));
        }
        if (t.kind == Kind::Number && !s.number) {
            fail(mark, fmt::format("{}: '{}' is not a number", op, s.text));
        }
        if (t.kind == Kind::String && t.values != nullptr &&
            std::find(t.values->begin(), t.values->end(), s.text) == t.values->end()) {
            std::string known;
            for (const std::string& v : *t.values) known += (known.empty() ? "" : ", ") + v;
            fail(mark,
                 fmt::format("{}: '{}' is not a value this field takes ({})", op, s.text, known));
        }
        return s;
    }

    void need(bool ok, const YAML::Mark& mark, const std::string& op, const Type& t,
              const std::string& applies_to) const {
        if (ok) return;
        std::string hint;
        if (t.kind == Kind::List) hint = " (use every, some, none or count on a list)";
        fail(mark, fmt::format("{} applies to {}, not to {}{}", op, applies_to, describe(t), hint));
    }

    Condition op(const Entry& e, const Type& t, std::size_t depth) {
        Condition c;
        const std::string& k = e.key;
        const YAML::Mark& mark = e.mark;
        const bool scalar_type =
            t.kind == Kind::String || t.kind == Kind::Bool || t.kind == Kind::Number;
        if (k == "equals") {
            c.op = Condition::Op::Equals;
            need(scalar_type, mark, k, t, "a single value");
            c.operands.push_back(scalar(e.value, mark, k, t));
        } else if (k == "in") {
            c.op = Condition::Op::In;
            need(scalar_type, mark, k, t, "a single value");
            if (!e.value.IsSequence() || e.value.size() == 0) {
                fail(mark, "in takes a non-empty list of values");
            }
            for (const YAML::Node& item : e.value) {
                c.operands.push_back(scalar(item, item.Mark(), k, t));
            }
        } else if (k == "matches") {
            c.op = Condition::Op::Matches;
            need(t.kind == Kind::String, mark, k, t, "a string");
            if (!e.value.IsScalar()) fail(mark, "matches takes a regular expression (RE2)");
            RE2::Options options;
            options.set_log_errors(false);
            auto re = std::make_shared<const RE2>(e.value.Scalar(), options);
            if (!re->ok()) {
                fail(mark, fmt::format("matches: invalid regular expression '{}': {}",
                                       e.value.Scalar(), re->error()));
            }
            c.re = std::move(re);
        } else if (k == "exists") {
            c.op = Condition::Op::Exists;
            const std::string v = e.value.IsScalar() ? e.value.Scalar() : "";
            if (v != "true" && v != "false") fail(mark, "exists takes true or false");
            c.exists = v == "true";
        } else if (k == "gte" || k == "lte") {
            c.op = k == "gte" ? Condition::Op::Gte : Condition::Op::Lte;
            need(t.kind == Kind::Number, mark, k, t, "a number (e.g. inside count)");
            Type number;
            number.kind = Kind::Number;
            c.number = *scalar(e.value, mark, k, number).number;
        } else if (k == "count") {
            c.op = Condition::Op::Count;
            need(t.kind == Kind::List || t.kind == Kind::Map, mark, k, t, "a list");
            Type number;
            number.kind = Kind::Number;
            c.children.push_back(condition(e.value, mark, number, depth + 1));
        } else if (k == "every" || k == "some" || k == "none") {
            c.op = k == "every"  ? Condition::Op::Every
                   : k == "some" ? Condition::Op::Some
                                 : Condition::Op::None;
            need(t.kind == Kind::List, mark, k, t, "a list");
            Type elem;
            elem.kind = t.elem;
            elem.object = t.object;
            c.children.push_back(condition(e.value, mark, elem, depth + 1));
        } else if (k == "all" || k == "any") {
            c.op = k == "all" ? Condition::Op::All : Condition::Op::Any;
            if (!e.value.IsSequence() || e.value.size() == 0) {
                fail(mark, fmt::format("{} takes a non-empty list of conditions", k));
            }
            for (const YAML::Node& item : e.value) {
                c.children.push_back(condition(item, item.Mark(), t, depth + 1));
            }
        } else {  // not
            c.op = Condition::Op::Not;
            c.children.push_back(condition(e.value, mark, t, depth + 1));
        }
        return c;
    }

    // A field of an object (dotted: tags.Owner, certificate.validation_method), or a key of
    // a mapping (tags: {Owner: ...}).
    Condition field(const Entry& e, const Type& t, std::size_t depth) {
        Condition c;
        c.op = Condition::Op::Field;
        c.display = e.key;
        Type cur = t;
        std::string rest = e.key;
        while (!rest.empty()) {
            if (cur.kind == Kind::Map) {  // the rest is the key: tag keys may hold dots
                c.path.push_back(rest);
                c.slots.push_back(-1);
                c.slot_ons.push_back(On::Certificate);
                cur = Type{};
                break;
            }
            const std::size_t dot = rest.find('.');
            const std::string part = rest.substr(0, dot);
            rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
            if (cur.kind != Kind::Object) {
                if (cur.kind == Kind::List || c.path.empty()) {
                    fail(e.key_node.Mark(),
                         fmt::format("unknown operator '{}' (expected {}){}", part, kOperators,
                                     cur.kind == Kind::List
                                         ? "; to look inside a list, use every, some or none"
                                         : ""));
                }
                fail(e.key_node.Mark(), fmt::format("{} is {}: it has no field '{}'", c.path.back(),
                                                    describe(cur), part));
            }
            const view::Field* f = find_field(cur.object, part);
            if (f == nullptr || part.empty()) {
                fail(e.key_node.Mark(), fmt::format("unknown field '{}' of a {} (fields: {})", part,
                                                    to_string(cur.object), field_list(cur.object)));
            }
            c.path.push_back(part);
            c.slots.push_back(slot_of(cur.object, part));
            c.slot_ons.push_back(cur.object);
            cur = type_of(*f);
        }
        c.children.push_back(condition(e.value, e.mark, cur, depth + 1));
        return c;
    }

    Condition condition(const YAML::Node& n, const YAML::Mark& mark, const Type& t,
                        std::size_t depth) {
        if (depth > kMaxDepth)
            fail(mark, fmt::format("conditions nested deeper than {}", kMaxDepth));
        if (!n.IsMap()) {
            fail(mark, fmt::format("a condition must be a mapping (e.g. {{equals: X}} or "
                                   "{{FIELD: {{...}}}}), on {}",
                                   describe(t)));
        }
        std::vector<Condition> parts;
        for (const Entry& e : entries(n, "a condition")) {
            if (is_operator(e.key)) {
                parts.push_back(op(e, t, depth));
            } else if (t.kind == Kind::Object || t.kind == Kind::Map) {
                parts.push_back(field(e, t, depth));
            } else {
                fail(e.key_node.Mark(),
                     fmt::format("unknown operator '{}' (expected {})", e.key, kOperators));
            }
        }
        if (parts.empty()) fail(mark, "empty condition");
        if (parts.size() == 1) return std::move(parts.front());
        Condition c;
        c.op = Condition::Op::All;  // several fields or operators: all of them
        c.children = std::move(parts);
        return c;
    }

    std::string file_;
    std::size_t nodes_ = 0;
};

}  // namespace

const std::vector<std::string>& slot_names(On on) {
    return view::field_names(to_string(on));
}

int slot_of(On on, std::string_view name) {
    const std::vector<std::string>& names = slot_names(on);
    const auto at = std::find(names.begin(), names.end(), name);
    return at == names.end() ? -1 : static_cast<int>(at - names.begin());
}

std::vector<CustomPolicy> parse_policies(const std::string& file, const std::string& text) {
    Compiler compiler(file);
    try {
        const YAML::Node doc = YAML::Load(text);
        return compiler.file(doc);
    } catch (const YAML::DeepRecursion& e) {
        compiler.fail(e.mark, "invalid YAML: nested too deeply");
    } catch (const YAML::Exception& e) {
        compiler.fail(e.mark, "invalid YAML: " + e.msg);
    }
}

std::vector<std::string> policy_files(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return {path};
    if (!fs::is_directory(path, ec)) {
        throw UsageError(fmt::format("{}: no such policy file or directory", path));
    }
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        const std::string ext = entry.path().extension().string();
        if ((ext == ".yaml" || ext == ".yml") && entry.is_regular_file(ec)) {
            out.push_back(entry.path().lexically_normal().string());
        }
    }
    if (ec) throw UsageError(fmt::format("{}: cannot list policies ({})", path, ec.message()));
    std::sort(out.begin(), out.end());
    return out;
}

PolicySet load_policies(const std::vector<std::string>& paths) {
    PolicySet set;
    std::set<std::string> read;
    for (const std::string& path : paths) {
        for (const std::string& file : policy_files(path)) {
            std::error_code ec;
            const fs::path canonical = fs::weakly_canonical(file, ec);
            if (!read.insert(ec ? file : canonical.string()).second) continue;
            if (fs::file_size(file, ec) > kMaxFileBytes && !ec) {
                throw UsageError(
                    fmt::format("{}: policy file larger than {} MiB", file, kMaxFileBytes >> 20));
            }
            std::string text;
            try {
                text = readers::read_text_file(file);
            } catch (const InputError& e) {
                throw UsageError(e.what());
            }
            for (CustomPolicy& p : parse_policies(file, text)) {
                const auto clash = [&](const std::string& what, const std::string& value,
                                       const std::string& where) {
                    throw UsageError(fmt::format("{}:{}: {} {} is already used by {}", p.file,
                                                 p.line, what, value, where));
                };
                for (const CustomPolicy& q : set.policies) {
                    const auto where = [&q] { return fmt::format("{}:{}", q.file, q.line); };
                    if (q.meta.id == p.meta.id) clash("id", p.meta.id, where());
                    if (q.meta.name == p.meta.name) clash("name", p.meta.name, where());
                }
                for (const Policy& builtin : builtin_policies()) {
                    if (builtin.name == p.meta.name) {
                        clash("name", p.meta.name, "built-in rule " + builtin.id);
                    }
                }
                set.policies.push_back(std::move(p));
            }
        }
    }
    return set;
}

const CustomPolicy* PolicySet::find(std::string_view id) const {
    for (const CustomPolicy& p : policies) {
        if (p.meta.id == id) return &p;
    }
    return nullptr;
}

}  // namespace certlint::policy
