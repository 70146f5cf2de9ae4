// Terraform's built-in functions that spec §6 lists (tfconfig_value.hpp), with Terraform's
// edge cases: format verbs, element wrapping, set ordering, unknown arguments.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <re2/re2.h>

#include "base/utf8.hpp"
#include "readers/readers.hpp"
#include "readers/tfconfig_value.hpp"

namespace certlint::readers::tf {

using json = nlohmann::json;

namespace {

using Args = std::vector<Value>;

// ---- helpers ------------------------------------------------------------------------------

// Code points of a UTF-8 string (Terraform counts grapheme clusters; for the ASCII names and
// ARNs certlint reads these are the same).
std::vector<std::string> chars(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        int n = decode_utf8(reinterpret_cast<const unsigned char*>(s.data() + i), s.size() - i, cp);
        if (n <= 0) n = 1;
        out.push_back(s.substr(i, static_cast<std::size_t>(n)));
        i += static_cast<std::size_t>(n);
    }
    return out;
}

void arity(std::string_view name, const Args& args, std::size_t min, std::size_t max) {
    if (args.size() < min || args.size() > max) {
        if (min == max) {
            throw EvalError(fmt::format("{}() takes {} argument{}, not {}", name, min,
                                        min == 1 ? "" : "s", args.size()));
        }
        throw EvalError(
            fmt::format("{}() takes {} to {} arguments, not {}", name, min, max, args.size()));
    }
}

// The first argument that is not wholly known, or nullptr.
const Value* unknown_arg(const Args& args) {
    for (const Value& a : args) {
        if (!a.wholly_known()) return &a;
    }
    return nullptr;
}

Value unknown_from(const Value& v) {
    return v.first_unknown();
}

const Value::List& sequence(const Value& v, std::string_view name) {
    if (!v.is_sequence()) {
        throw EvalError(fmt::format("{}() needs a list or set, not a {}", name, v.type_name()));
    }
    return v.items();
}

const Value::Object& object_of(const Value& v, std::string_view name) {
    if (v.type() != Value::Type::Object) {
        throw EvalError(fmt::format("{}() needs a map or object, not a {}", name, v.type_name()));
    }
    return v.fields();
}

std::string lower_ascii(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

std::string upper_ascii(std::string s) {
    for (char& c : s) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return s;
}

// ---- format -------------------------------------------------------------------------------

// Go's strconv.Quote for the ASCII and UTF-8 text certlint meets.
std::string go_quote(const std::string& s) {
    std::string out = "\"";
    for (const unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    out += fmt::format("\\x{:02x}", c);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    return out + "\"";
}

struct Spec {
    bool minus = false, plus = false, space = false, zero = false, sharp = false;
    int width = -1;
    int precision = -1;
};

std::string pad(std::string s, const Spec& spec, bool numeric) {
    const int len = static_cast<int>(chars(s).size());
    if (spec.width <= len) return s;
    const std::size_t n = static_cast<std::size_t>(spec.width - len);
    if (spec.minus) return s + std::string(n, ' ');
    if (spec.zero && numeric) {
        const std::size_t sign = !s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == ' ') ? 1 : 0;
        return s.substr(0, sign) + std::string(n, '0') + s.substr(sign);
    }
    return std::string(n, ' ') + s;
}

std::string signed_text(double n, std::string digits, const Spec& spec) {
    if (n < 0 || (n == 0 && std::signbit(n) && digits != "0")) return "-" + digits;
    if (spec.plus) return "+" + digits;
    if (spec.space) return " " + digits;
    return digits;
}

std::string integer_in_base(long long v, int base, bool upper) {
    unsigned long long u =
        v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    if (u == 0) return "0";
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    while (u > 0) {
        out.push_back(digits[u % static_cast<unsigned>(base)]);
        u /= static_cast<unsigned>(base);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::string format_verb(char verb, const Spec& spec, const Value& arg) {
    switch (verb) {
        case 'v': {
            if (arg.is_collection() || spec.sharp) return pad(arg.to_json().dump(), spec, false);
            if (arg.is_null()) return pad("null", spec, false);
            std::string s = to_str(arg, "the format argument");
            return pad(std::move(s), spec, false);
        }
        case 's':
        case 'q': {
            std::string s = to_str(arg, "the format argument");
            if (spec.precision >= 0) {
                const auto cs = chars(s);
                if (cs.size() > static_cast<std::size_t>(spec.precision)) {
                    s.clear();
                    for (int i = 0; i < spec.precision; ++i) s += cs[static_cast<std::size_t>(i)];
                }
            }
            return pad(verb == 'q' ? go_quote(s) : s, spec, false);
        }
        case 't': return pad(to_bool(arg, "the format argument") ? "true" : "false", spec, false);
        case 'd':
        case 'b':
        case 'o':
        case 'x':
        case 'X': {
            if (verb == 'x' || verb == 'X') {
                if (arg.type() == Value::Type::String) {
                    std::string out;
                    for (const unsigned char c : arg.as_string()) {
                        out += verb == 'x' ? fmt::format("{:02x}", c) : fmt::format("{:02X}", c);
                    }
                    return pad(out, spec, false);
                }
            }
            const double n = to_num(arg, "the format argument");
            if (std::nearbyint(n) != n) {
                throw EvalError(
                    fmt::format("format %{} needs a whole number, not {}", verb, format_number(n)));
            }
            const long long v = static_cast<long long>(n);
            const int base = verb == 'd' ? 10 : verb == 'b' ? 2 : verb == 'o' ? 8 : 16;
            std::string digits = integer_in_base(v, base, verb == 'X');
            if (spec.sharp && base == 16) digits = (verb == 'X' ? "0X" : "0x") + digits;
            if (spec.sharp && base == 8) digits = "0" + digits;
            return pad(signed_text(n, digits, spec), spec, true);
        }
        case 'e':
        case 'E':
        case 'f':
        case 'g':
        case 'G': {
            const double n = to_num(arg, "the format argument");
            std::string digits;
            const double a = std::fabs(n);
            if (verb == 'f') {
                digits = fmt::format("{:.{}f}", a, spec.precision < 0 ? 6 : spec.precision);
            } else if (verb == 'e' || verb == 'E') {
                digits = fmt::format("{:.{}e}", a, spec.precision < 0 ? 6 : spec.precision);
                if (verb == 'E') digits = upper_ascii(digits);
            } else {
                digits = spec.precision < 0 ? format_number(a)
                                            : fmt::format("{:.{}g}", a, spec.precision);
                if (verb == 'G') digits = upper_ascii(digits);
            }
            return pad(signed_text(n, digits, spec), spec, true);
        }
        default: throw EvalError(fmt::format("format: unsupported verb %{}", verb));
    }
}

Value fn_format(const Args& args) {
    if (args.empty()) throw EvalError("format() needs a format string");
    if (!args[0].wholly_known()) return unknown_from(args[0]);
    const std::string f = to_str(args[0], "the format string");
    std::string out;
    std::size_t next = 1;  // the next argument
    bool any_unknown = false;
    bool indexed = false;  // %[n]: Go does not count unused arguments then
    Value unknown;
    for (std::size_t i = 0; i < f.size();) {
        if (f[i] != '%') {
            out.push_back(f[i++]);
            continue;
        }
        ++i;
        if (i < f.size() && f[i] == '%') {
            out.push_back('%');
            ++i;
            continue;
        }
        Spec spec;
        for (; i < f.size(); ++i) {
            const char c = f[i];
            if (c == '-')
                spec.minus = true;
            else if (c == '+')
                spec.plus = true;
            else if (c == ' ')
                spec.space = true;
            else if (c == '0')
                spec.zero = true;
            else if (c == '#')
                spec.sharp = true;
            else
                break;
        }
        if (i < f.size() && f[i] == '[') {  // %[n]d: an explicit argument index
            const std::size_t close = f.find(']', i);
            if (close == std::string::npos) throw EvalError("format: unclosed argument index");
            const std::string n = f.substr(i + 1, close - i - 1);
            if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos) {
                throw EvalError("format: invalid argument index [" + n + "]");
            }
            next = std::stoul(n);
            indexed = true;
            i = close + 1;
        }
        auto number = [&](int& into) {
            std::size_t start = i;
            while (i < f.size() && f[i] >= '0' && f[i] <= '9') ++i;
            if (i > start) into = std::stoi(f.substr(start, i - start));
        };
        number(spec.width);
        if (i < f.size() && f[i] == '.') {
            ++i;
            spec.precision = 0;
            number(spec.precision);
        }
        if (i >= f.size()) throw EvalError("format: the format string ends inside a verb");
        const char verb = f[i++];
        if (next >= args.size()) {
            throw EvalError(fmt::format("format: not enough arguments for %{}", verb));
        }
        const Value& arg = args[next++];
        if (!arg.wholly_known()) {
            if (!any_unknown) unknown = unknown_from(arg);
            any_unknown = true;
            continue;
        }
        out += format_verb(verb, spec, arg);
    }
    if (next < args.size() && !indexed) {
        throw EvalError(fmt::format("format: too many arguments; the format uses {} of {}",
                                    next - 1, args.size() - 1));
    }
    if (any_unknown) return unknown;
    return Value::string(std::move(out));
}

// ---- string functions ---------------------------------------------------------------------

Value fn_join(const Args& args) {
    if (args.size() < 2) throw EvalError("join() needs a separator and at least one list");
    if (const Value* u = unknown_arg(args)) return unknown_from(*u);
    const std::string sep = to_str(args[0], "the separator");
    std::string out;
    bool first = true;
    for (std::size_t i = 1; i < args.size(); ++i) {
        for (const Value& el : sequence(args[i], "join")) {
            if (el.is_null()) throw EvalError("join(): an element of the list is null");
            if (!first) out += sep;
            out += to_str(el, "an element of join()");
            first = false;
        }
    }
    return Value::string(std::move(out));
}

Value fn_split(const Args& args) {
    arity("split", args, 2, 2);
    if (const Value* u = unknown_arg(args)) return unknown_from(*u);
    const std::string sep = to_str(args[0], "the separator");
    const std::string s = to_str(args[1], "the string");
    Value::List out;
    if (sep.empty()) {
        for (std::string& c : chars(s)) out.push_back(Value::string(std::move(c)));
        return Value::list(std::move(out));
    }
    std::size_t start = 0;
    for (std::size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, start)) {
        out.push_back(Value::string(s.substr(start, at - start)));
        start = at + sep.size();
    }
    out.push_back(Value::string(s.substr(start)));
    return Value::list(std::move(out));
}

// A replacement in Go's regexp syntax ($1, ${1}, $$) in RE2's (\1, \\).
std::string re2_rewrite(const std::string& repl) {
    std::string out;
    for (std::size_t i = 0; i < repl.size(); ++i) {
        const char c = repl[i];
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '$' && i + 1 < repl.size() && repl[i + 1] == '$') {
            out.push_back('$');
            ++i;
        } else if (c == '$' && i + 1 < repl.size()) {
            std::size_t j = i + 1;
            const bool braced = repl[j] == '{';
            if (braced) ++j;
            std::size_t k = j;
            while (k < repl.size() && repl[k] >= '0' && repl[k] <= '9') ++k;
            if (k == j || (braced && (k >= repl.size() || repl[k] != '}'))) {
                throw EvalError("replace(): only numbered groups ($1, ${1}) are supported");
            }
            const int group = std::stoi(repl.substr(j, k - j));
            if (group > 9) throw EvalError("replace(): groups above $9 are not supported");
            out += "\\" + std::to_string(group);
            i = braced ? k : k - 1;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Value fn_replace(const Args& args) {
    arity("replace", args, 3, 3);
    if (const Value* u = unknown_arg(args)) return unknown_from(*u);
    std::string s = to_str(args[0], "the string");
    const std::string sub = to_str(args[1], "the substring");
    const std::string repl = to_str(args[2], "the replacement");
    if (sub.size() >= 2 && sub.front() == '/' && sub.back() == '/') {
        RE2::Options options;
        options.set_log_errors(false);
        const RE2 re(sub.substr(1, sub.size() - 2), options);
        if (!re.ok()) throw EvalError("replace(): invalid regular expression: " + re.error());
        RE2::GlobalReplace(&s, re, re2_rewrite(repl));
        return Value::string(std::move(s));
    }
    if (sub.empty()) {  // Go's strings.Replace: around every character
        std::string out = repl;
        for (const std::string& c : chars(s)) out += c + repl;
        return Value::string(std::move(out));
    }
    std::string out;
    std::size_t start = 0;
    for (std::size_t at = s.find(sub); at != std::string::npos; at = s.find(sub, start)) {
        out += s.substr(start, at - start) + repl;
        start = at + sub.size();
    }
    out += s.substr(start);
    return Value::string(std::move(out));
}

Value string_fn(std::string_view name, const Args& args, std::size_t n,
                const std::function<std::string(const std::vector<std::string>&)>& f) {
    arity(name, args, n, n);
    if (const Value* u = unknown_arg(args)) return unknown_from(*u);
    std::vector<std::string> s;
    for (const Value& a : args) s.push_back(to_str(a, fmt::format("the argument of {}()", name)));
    return Value::string(f(s));
}

Value fn_substr(const Args& args) {
    arity("substr", args, 3, 3);
    if (const Value* u = unknown_arg(args)) return unknown_from(*u);
    const std::vector<std::string> cs = chars(to_str(args[0], "the string"));
    long long offset = to_int(args[1], "the offset");
    const long long length = to_int(args[2], "the length");
    const long long total = static_cast<long long>(cs.size());
    if (offset < 0) offset = std::max(0LL, total + offset);
    if (offset >= total || length == 0) return Value::string("");
    const long long end = length < 0 ? total : std::min(total, offset + length);
    std::string out;
    for (long long i = offset; i < end; ++i) out += cs[static_cast<std::size_t>(i)];
    return Value::string(std::move(out));
}

// ---- collection functions -----------------------------------------------------------------

Value fn_length(const Args& args) {
    arity("length", args, 1, 1);
    const Value& v = args[0];
    if (v.is_unknown()) return v;
    if (v.is_null()) throw EvalError("length() of a null value");
    if (v.type() == Value::Type::String) {
        return Value::number(static_cast<double>(chars(v.as_string()).size()));
    }
    if (v.type() == Value::Type::Set && !v.wholly_known()) return unknown_from(v);
    if (v.is_sequence()) return Value::number(static_cast<double>(v.items().size()));
    if (v.type() == Value::Type::Object) {
        return Value::number(static_cast<double>(v.fields().size()));
    }
    throw EvalError(fmt::format("length() of a {}", v.type_name()));
}

Value fn_concat(const Args& args) {
    Value::List out;
    for (const Value& a : args) {
        if (a.is_unknown()) return a;
        for (const Value& el : sequence(a, "concat")) out.push_back(el);
    }
    return Value::list(std::move(out));
}

Value fn_merge(const Args& args) {
    Value::Object out;
    for (const Value& a : args) {
        if (a.is_unknown()) return a;
        if (a.is_null()) continue;
        for (const auto& [k, v] : object_of(a, "merge")) out.insert_or_assign(k, v);
    }
    return Value::object(std::move(out));
}

Value fn_lookup(const Args& args) {
    arity("lookup", args, 2, 3);
    if (args[0].is_unknown()) return args[0];
    if (!args[1].wholly_known()) return unknown_from(args[1]);
    const std::string key = to_str(args[1], "the key");
    const auto& fields = object_of(args[0], "lookup");
    if (const auto it = fields.find(key); it != fields.end()) return it->second;
    if (args.size() == 3) return args[2];
    throw EvalError(
        fmt::format("lookup(): the map has no element \"{}\" and no default is given", key));
}

Value fn_coalesce(const Args& args) {
    if (args.empty()) throw EvalError("coalesce() needs at least one argument");
    bool strings = false;
    for (const Value& a : args) strings = strings || a.type() == Value::Type::String;
    for (const Value& a : args) {
        if (a.is_unknown()) return a;
        if (a.is_null()) continue;
        if (a.type() == Value::Type::String && a.as_string().empty()) continue;
        if (strings && (a.type() == Value::Type::Number || a.type() == Value::Type::Bool)) {
            return Value::string(to_str(a));
        }
        return a;
    }
    throw EvalError("coalesce(): no non-null, non-empty-string arguments");
}

Value fn_coalescelist(const Args& args) {
    if (args.empty()) throw EvalError("coalescelist() needs at least one argument");
    for (const Value& a : args) {
        if (a.is_unknown()) return a;
        if (!sequence(a, "coalescelist").empty()) return a;
    }
    throw EvalError("coalescelist(): no non-empty lists");
}

Value fn_compact(const Args& args) {
    arity("compact", args, 1, 1);
    if (args[0].is_unknown()) return args[0];
    Value::List out;
    for (const Value& el : sequence(args[0], "compact")) {
        if (el.is_unknown()) return unknown_from(el);
        if (el.is_null()) continue;
        std::string s = to_str(el, "an element of compact()");
        if (!s.empty()) out.push_back(Value::string(std::move(s)));
    }
    return Value::list(std::move(out));
}

Value fn_contains(const Args& args) {
    arity("contains", args, 2, 2);
    if (args[0].is_unknown()) return args[0];
    if (!args[1].wholly_known()) return unknown_from(args[1]);
    const Value::List& list = sequence(args[0], "contains");
    bool unknown = false;
    for (const Value& el : list) {
        if (!el.wholly_known()) {
            unknown = true;
            continue;
        }
        if (el == args[1]) return Value::boolean(true);
    }
    if (unknown) return unknown_from(args[0]);
    return Value::boolean(false);
}

Value fn_one(const Args& args) {
    arity("one", args, 1, 1);
    if (args[0].is_unknown()) return args[0];
    if (args[0].is_null()) return Value();
    const Value::List& list = sequence(args[0], "one");
    if (args[0].type() == Value::Type::Set && !args[0].wholly_known()) {
        return unknown_from(args[0]);
    }
    if (list.empty()) return Value();
    if (list.size() == 1) return list[0];
    throw EvalError(
        fmt::format("one(): the list has {} elements; at most one is allowed", list.size()));
}

Value fn_slice(const Args& args) {
    arity("slice", args, 3, 3);
    if (args[0].is_unknown()) return args[0];
    if (!args[1].wholly_known()) return unknown_from(args[1]);
    if (!args[2].wholly_known()) return unknown_from(args[2]);
    if (args[0].type() == Value::Type::Set) throw EvalError("slice() of a set");
    const Value::List& list = sequence(args[0], "slice");
    const long long start = to_int(args[1], "the start index");
    const long long end = to_int(args[2], "the end index");
    if (start < 0) throw EvalError("slice(): the start index must not be negative");
    if (end > static_cast<long long>(list.size())) {
        throw EvalError("slice(): the end index must not be greater than the length of the list");
    }
    if (start > end) throw EvalError("slice(): the start index is greater than the end index");
    return Value::list(Value::List(list.begin() + start, list.begin() + end));
}

// The element type Terraform unifies a list, set or map to: strings when numbers, bools and
// strings mix.
Value::List unify(const Value::List& items) {
    bool string = false, other = false;
    for (const Value& v : items) {
        string = string || v.type() == Value::Type::String;
        other = other || v.type() == Value::Type::Number || v.type() == Value::Type::Bool;
    }
    if (!(string && other)) return items;
    Value::List out;
    for (const Value& v : items) {
        if (v.type() == Value::Type::Number || v.type() == Value::Type::Bool) {
            out.push_back(Value::string(to_str(v)));
        } else {
            out.push_back(v);
        }
    }
    return out;
}

Value fn_tolist(const Args& args) {
    arity("tolist", args, 1, 1);
    if (args[0].is_unknown() || args[0].is_null()) return args[0];
    return Value::list(unify(sequence(args[0], "tolist")));
}

Value fn_toset(const Args& args) {
    arity("toset", args, 1, 1);
    if (args[0].is_unknown() || args[0].is_null()) return args[0];
    const Value::List& list = sequence(args[0], "toset");
    // The elements of a set must be known to be told apart: with one unknown, the set is.
    for (const Value& el : list) {
        if (!el.wholly_known()) return unknown_from(el);
    }
    return Value::set(unify(list));
}

Value fn_tomap(const Args& args) {
    arity("tomap", args, 1, 1);
    if (args[0].is_unknown() || args[0].is_null()) return args[0];
    const Value::Object& fields = object_of(args[0], "tomap");
    Value::List values;
    for (const auto& [k, v] : fields) values.push_back(v);
    values = unify(values);
    Value::Object out;
    std::size_t i = 0;
    for (const auto& [k, v] : fields) out.emplace(k, values[i++]);
    return Value::object(std::move(out));
}

Value fn_keys(const Args& args) {
    arity("keys", args, 1, 1);
    if (args[0].is_unknown()) return args[0];
    Value::List out;
    for (const auto& [k, v] : object_of(args[0], "keys")) out.push_back(Value::string(k));
    return Value::list(std::move(out));
}

Value fn_values(const Args& args) {
    arity("values", args, 1, 1);
    if (args[0].is_unknown()) return args[0];
    Value::List out;
    for (const auto& [k, v] : object_of(args[0], "values")) out.push_back(v);
    return Value::list(std::move(out));
}

Value fn_element(const Args& args) {
    arity("element", args, 2, 2);
    if (args[0].is_unknown()) return args[0];
    if (!args[1].wholly_known()) return unknown_from(args[1]);
    if (args[0].type() == Value::Type::Set) throw EvalError("element() of a set");
    const Value::List& list = sequence(args[0], "element");
    const long long i = to_int(args[1], "the index");
    if (i < 0) throw EvalError("element(): cannot use a negative index");
    if (list.empty()) throw EvalError("element(): cannot use element function with an empty list");
    return list[static_cast<std::size_t>(i) % list.size()];
}

void flatten_into(const Value& v, Value::List& out, bool& unknown, Value& first) {
    for (const Value& el : v.items()) {
        if (el.is_unknown()) {
            if (!unknown) first = el;
            unknown = true;
        } else if (el.is_sequence()) {
            flatten_into(el, out, unknown, first);
        } else {
            out.push_back(el);
        }
    }
}

Value fn_flatten(const Args& args) {
    arity("flatten", args, 1, 1);
    if (args[0].is_unknown()) return args[0];
    sequence(args[0], "flatten");
    Value::List out;
    bool unknown = false;
    Value first;
    flatten_into(args[0], out, unknown, first);
    if (unknown) return first;  // how many elements it adds is not known
    return Value::list(std::move(out));
}

Value fn_distinct(const Args& args) {
    arity("distinct", args, 1, 1);
    if (args[0].is_unknown()) return args[0];
    if (!args[0].wholly_known()) return unknown_from(args[0]);
    Value::List out;
    for (const Value& el : sequence(args[0], "distinct")) {
        if (std::find(out.begin(), out.end(), el) == out.end()) out.push_back(el);
    }
    return Value::list(std::move(out));
}

Value fn_zipmap(const Args& args) {
    arity("zipmap", args, 2, 2);
    if (const Value* u = unknown_arg(args)) return unknown_from(*u);
    const Value::List& keys = sequence(args[0], "zipmap");
    const Value::List& values = sequence(args[1], "zipmap");
    if (keys.size() != values.size()) {
        throw EvalError("zipmap(): the key and value lists have different lengths");
    }
    Value::Object out;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        out.insert_or_assign(to_str(keys[i], "a key of zipmap()"), values[i]);
    }
    return Value::object(std::move(out));
}

Value fn_sort(const Args& args) {
    arity("sort", args, 1, 1);
    if (!args[0].wholly_known()) return unknown_from(args[0]);
    std::vector<std::string> s;
    for (const Value& el : sequence(args[0], "sort")) s.push_back(to_str(el, "an element"));
    std::sort(s.begin(), s.end());
    Value::List out;
    for (std::string& x : s) out.push_back(Value::string(std::move(x)));
    return Value::list(std::move(out));
}

Value fn_range(const Args& args) {
    arity("range", args, 1, 3);
    if (const Value* u = unknown_arg(args)) return unknown_from(*u);
    double start = 0, limit = 0, step = 1;
    if (args.size() == 1) {
        limit = to_num(args[0], "the limit");
    } else {
        start = to_num(args[0], "the start");
        limit = to_num(args[1], "the limit");
        if (args.size() == 3)
            step = to_num(args[2], "the step");
        else if (limit < start)
            step = -1;
    }
    if (step == 0) throw EvalError("range(): the step must not be zero");
    Value::List out;
    for (double x = start; step > 0 ? x < limit : x > limit; x += step) {
        if (out.size() >= 1024) throw EvalError("range(): more than 1024 elements");
        out.push_back(Value::number(x));
    }
    return Value::list(std::move(out));
}

Value fn_file(const Args& args, const FunctionContext& ctx) {
    namespace fs = std::filesystem;
    arity("file", args, 1, 1);
    if (!args[0].wholly_known()) return unknown_from(args[0]);
    const std::string name = to_str(args[0], "the path");
    if (ctx.module_dir.empty()) {
        return Value::unknown(fmt::format("file(\"{}\") is not read here", name));
    }
    fs::path p(name);
    if (p.is_relative()) p = fs::path(ctx.base_dir.empty() ? "." : ctx.base_dir) / p;
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(p, ec);
    const fs::path dir = fs::weakly_canonical(fs::path(ctx.module_dir), ec);
    const auto [d, r] = std::mismatch(dir.begin(), dir.end(), real.begin(), real.end());
    if (ec || d != dir.end()) {
        return Value::unknown(
            fmt::format("file(\"{}\") is outside the module's directory and is not read", name));
    }
    if (!fs::is_regular_file(real, ec)) {
        throw EvalError(fmt::format("file(): no file exists at \"{}\"", name));
    }
    if (fs::file_size(real, ec) > (4U << 20)) {
        return Value::unknown(fmt::format("file(\"{}\") is larger than 4 MiB", name));
    }
    try {
        return Value::string(read_text_file(real.string()));
    } catch (const std::exception& e) {
        throw EvalError(fmt::format("file(\"{}\"): {}", name, e.what()));
    }
}

using Fn = Value (*)(const Args&);

const std::unordered_map<std::string_view, Fn>& table() {
    static const std::unordered_map<std::string_view, Fn> fns = {
        {"format", fn_format},
        {"join", fn_join},
        {"split", fn_split},
        {"concat", fn_concat},
        {"merge", fn_merge},
        {"lookup", fn_lookup},
        {"coalesce", fn_coalesce},
        {"coalescelist", fn_coalescelist},
        {"compact", fn_compact},
        {"contains", fn_contains},
        {"one", fn_one},
        {"replace", fn_replace},
        {"lower",
         [](const Args& a) {
             return string_fn("lower", a, 1, [](const auto& s) { return lower_ascii(s[0]); });
         }},
        {"upper",
         [](const Args& a) {
             return string_fn("upper", a, 1, [](const auto& s) { return upper_ascii(s[0]); });
         }},
        {"trimprefix",
         [](const Args& a) {
             return string_fn("trimprefix", a, 2, [](const auto& s) {
                 return s[0].rfind(s[1], 0) == 0 ? s[0].substr(s[1].size()) : s[0];
             });
         }},
        {"trimsuffix",
         [](const Args& a) {
             return string_fn("trimsuffix", a, 2, [](const auto& s) {
                 const bool ends = s[0].size() >= s[1].size() &&
                                   s[0].compare(s[0].size() - s[1].size(), s[1].size(), s[1]) == 0;
                 return ends ? s[0].substr(0, s[0].size() - s[1].size()) : s[0];
             });
         }},
        {"trimspace",
         [](const Args& a) {
             return string_fn("trimspace", a, 1, [](const auto& s) {
                 const std::size_t b = s[0].find_first_not_of(" \t\r\n\v\f");
                 if (b == std::string::npos) return std::string();
                 return s[0].substr(b, s[0].find_last_not_of(" \t\r\n\v\f") - b + 1);
             });
         }},
        {"startswith",
         [](const Args& a) {
             arity("startswith", a, 2, 2);
             if (const Value* u = unknown_arg(a)) return unknown_from(*u);
             return Value::boolean(to_str(a[0]).rfind(to_str(a[1]), 0) == 0);
         }},
        {"endswith",
         [](const Args& a) {
             arity("endswith", a, 2, 2);
             if (const Value* u = unknown_arg(a)) return unknown_from(*u);
             const std::string s = to_str(a[0]), x = to_str(a[1]);
             return Value::boolean(s.size() >= x.size() &&
                                   s.compare(s.size() - x.size(), x.size(), x) == 0);
         }},
        {"tostring",
         [](const Args& a) {
             arity("tostring", a, 1, 1);
             if (a[0].is_unknown() || a[0].is_null()) return a[0];
             return Value::string(to_str(a[0]));
         }},
        {"tonumber",
         [](const Args& a) {
             arity("tonumber", a, 1, 1);
             if (a[0].is_unknown() || a[0].is_null()) return a[0];
             return Value::number(to_num(a[0]));
         }},
        {"tobool",
         [](const Args& a) {
             arity("tobool", a, 1, 1);
             if (a[0].is_unknown() || a[0].is_null()) return a[0];
             return Value::boolean(to_bool(a[0]));
         }},
        {"substr", fn_substr},
        {"slice", fn_slice},
        {"tolist", fn_tolist},
        {"toset", fn_toset},
        {"tomap", fn_tomap},
        {"keys", fn_keys},
        {"values", fn_values},
        {"length", fn_length},
        {"element", fn_element},
        {"flatten", fn_flatten},
        {"distinct", fn_distinct},
        {"zipmap", fn_zipmap},
        {"sort", fn_sort},
        {"range", fn_range},
    };
    return fns;
}

}  // namespace

bool is_known_function(std::string_view name) {
    return name == "file" || table().count(name) != 0;
}

Value call_function(std::string_view name, const std::vector<Value>& args,
                    const FunctionContext& ctx) {
    if (name == "file") return fn_file(args, ctx);
    const auto it = table().find(name);
    if (it == table().end()) {
        return Value::unknown(fmt::format("function {}() is not evaluated", name));
    }
    return it->second(args);
}

Value try_values(const std::vector<std::function<Value()>>& args) {
    if (args.empty()) throw EvalError("try() needs at least one argument");
    std::string last;
    for (const auto& arg : args) {
        try {
            Value v = arg();
            return v;  // an unknown value is returned as it is: it may fail once known
        } catch (const EvalError& e) {
            last = e.what();
        }
    }
    throw EvalError("try(): no argument could be evaluated; the last error: " + last);
}

Value can_value(const std::function<Value()>& arg) {
    try {
        Value v = arg();
        if (!v.wholly_known()) return unknown_from(v);
        return Value::boolean(true);
    } catch (const EvalError&) {
        return Value::boolean(false);
    }
}

}  // namespace certlint::readers::tf
