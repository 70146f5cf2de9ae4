// Values of Terraform expressions, conversions and operators (tfconfig_value.hpp).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "readers/tfconfig_value.hpp"

namespace certlint::readers::tf {

using json = nlohmann::json;

namespace {

const Value::List kNoItems;
const Value::Object kNoFields;

// Set order: numbers by value, strings lexically, bools false first, others by JSON text;
// values of different types by type.
bool set_less(const Value& a, const Value& b) {
    if (a.type() != b.type()) return a.type() < b.type();
    switch (a.type()) {
        case Value::Type::Number: return a.as_number() < b.as_number();
        case Value::Type::String: return a.as_string() < b.as_string();
        case Value::Type::Bool: return !a.as_bool() && b.as_bool();
        case Value::Type::Unknown: return a.as_string() < b.as_string();
        default: return a.to_json().dump() < b.to_json().dump();
    }
}

}  // namespace

Value Value::boolean(bool b) {
    Value v;
    v.type_ = Type::Bool;
    v.bool_ = b;
    return v;
}

Value Value::number(double n) {
    Value v;
    v.type_ = Type::Number;
    v.number_ = n;
    return v;
}

Value Value::string(std::string s) {
    Value v;
    v.type_ = Type::String;
    v.text_ = std::move(s);
    return v;
}

Value Value::list(List items) {
    Value v;
    v.type_ = Type::List;
    v.list_ = std::make_shared<const List>(std::move(items));
    return v;
}

Value Value::set(List items) {
    std::stable_sort(items.begin(), items.end(), set_less);
    List unique;
    for (Value& item : items) {
        if (unique.empty() || !(unique.back() == item) || !item.wholly_known()) {
            unique.push_back(std::move(item));
        }
    }
    Value v;
    v.type_ = Type::Set;
    v.list_ = std::make_shared<const List>(std::move(unique));
    return v;
}

Value Value::object(Object fields) {
    Value v;
    v.type_ = Type::Object;
    v.object_ = std::make_shared<const Object>(std::move(fields));
    return v;
}

Value Value::open_object(Object fields, std::string address) {
    Value v = object(std::move(fields));
    v.text_ = std::move(address);
    return v;
}

Value Value::unknown(std::string reason) {
    Value v;
    v.type_ = Type::Unknown;
    v.text_ = std::move(reason);
    return v;
}

Value Value::from_json(const json& j) {
    switch (j.type()) {
        case json::value_t::boolean: return boolean(j.get<bool>());
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return number(j.get<double>());
        case json::value_t::string: return string(j.get<std::string>());
        case json::value_t::array: {
            List items;
            items.reserve(j.size());
            for (const json& el : j) items.push_back(from_json(el));
            return list(std::move(items));
        }
        case json::value_t::object: {
            Object fields;
            for (const auto& [k, el] : j.items()) fields.emplace(k, from_json(el));
            return object(std::move(fields));
        }
        default: return Value();
    }
}

const Value::List& Value::items() const {
    return list_ ? *list_ : kNoItems;
}

const Value::Object& Value::fields() const {
    return object_ ? *object_ : kNoFields;
}

bool Value::wholly_known() const {
    switch (type_) {
        case Type::Unknown: return false;
        case Type::List:
        case Type::Set:
            return std::all_of(items().begin(), items().end(),
                               [](const Value& v) { return v.wholly_known(); });
        case Type::Object:
            return std::all_of(fields().begin(), fields().end(),
                               [](const auto& f) { return f.second.wholly_known(); });
        default: return true;
    }
}

Value Value::first_unknown() const {
    if (type_ == Type::Unknown) return *this;
    if (is_sequence()) {
        for (const Value& v : items()) {
            if (!v.wholly_known()) return v.first_unknown();
        }
    } else if (type_ == Type::Object) {
        for (const auto& [k, v] : fields()) {
            if (!v.wholly_known()) return v.first_unknown();
        }
    }
    return *this;
}

std::string Value::unknown_reason() const {
    const Value u = first_unknown();
    return u.is_unknown() ? u.as_string() : std::string();
}

json Value::to_json() const {
    switch (type_) {
        case Type::Bool: return bool_;
        case Type::Number: {
            if (std::nearbyint(number_) == number_ && std::fabs(number_) < 9.0e15) {
                return static_cast<long long>(number_);
            }
            return number_;
        }
        case Type::String: return text_;
        case Type::List:
        case Type::Set: {
            json out = json::array();
            for (const Value& v : items()) out.push_back(v.to_json());
            return out;
        }
        case Type::Object: {
            json out = json::object();
            for (const auto& [k, v] : fields()) out[k] = v.to_json();
            return out;
        }
        default: return nullptr;
    }
}

json Value::unknown_mask() const {
    switch (type_) {
        case Type::Unknown: return true;
        case Type::List:
        case Type::Set: {
            if (wholly_known()) return false;
            json out = json::array();
            for (const Value& v : items()) out.push_back(v.unknown_mask());
            return out;
        }
        case Type::Object: {
            if (wholly_known()) return false;
            json out = json::object();
            for (const auto& [k, v] : fields()) {
                if (!v.wholly_known()) out[k] = v.unknown_mask();
            }
            return out;
        }
        default: return false;
    }
}

std::string Value::type_name() const {
    switch (type_) {
        case Type::Null: return "null";
        case Type::Bool: return "bool";
        case Type::Number: return "number";
        case Type::String: return "string";
        case Type::List: return "list";
        case Type::Set: return "set";
        case Type::Object: return "object";
        case Type::Unknown: return "unknown";
    }
    return "unknown";
}

bool operator==(const Value& a, const Value& b) {
    if (a.type_ != b.type_) return false;
    switch (a.type_) {
        case Value::Type::Null: return true;
        case Value::Type::Bool: return a.bool_ == b.bool_;
        case Value::Type::Number: return a.number_ == b.number_;
        case Value::Type::String: return a.text_ == b.text_;
        case Value::Type::List:
        case Value::Type::Set: return a.items() == b.items();
        case Value::Type::Object: return a.fields() == b.fields();
        case Value::Type::Unknown: return false;
    }
    return false;
}

// ---- conversions --------------------------------------------------------------------------

std::string format_number(double n) {
    if (std::isnan(n)) return "NaN";
    if (std::isinf(n)) return n > 0 ? "+Inf" : "-Inf";
    char buf[400];
    const auto r = std::nearbyint(n) == n
                       ? std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed)
                       : std::to_chars(buf, buf + sizeof buf, n);
    return std::string(buf, r.ptr);
}

std::string to_str(const Value& v, std::string_view what) {
    switch (v.type()) {
        case Value::Type::String: return v.as_string();
        case Value::Type::Number: return format_number(v.as_number());
        case Value::Type::Bool: return v.as_bool() ? "true" : "false";
        case Value::Type::Null:
            throw EvalError(fmt::format("{} is null; a string is required", what));
        default:
            throw EvalError(fmt::format("{} is a {}; a string is required", what, v.type_name()));
    }
}

double to_num(const Value& v, std::string_view what) {
    if (v.type() == Value::Type::Number) return v.as_number();
    if (v.type() == Value::Type::String) {
        const std::string& s = v.as_string();
        double out = 0;
        const char* end = s.data() + s.size();
        const auto r = std::from_chars(s.data(), end, out);
        if (!s.empty() && r.ec == std::errc() && r.ptr == end) return out;
        throw EvalError(fmt::format("{} \"{}\" is not a number", what, s));
    }
    throw EvalError(fmt::format("{} is a {}; a number is required", what, v.type_name()));
}

bool to_bool(const Value& v, std::string_view what) {
    if (v.type() == Value::Type::Bool) return v.as_bool();
    if (v.type() == Value::Type::String && (v.as_string() == "true" || v.as_string() == "false")) {
        return v.as_string() == "true";
    }
    throw EvalError(fmt::format("{} is a {}; a bool is required", what, v.type_name()));
}

long long to_int(const Value& v, std::string_view what) {
    const double n = to_num(v, what);
    if (std::nearbyint(n) != n || std::fabs(n) > 9.0e15) {
        throw EvalError(fmt::format("{} {} is not a whole number", what, format_number(n)));
    }
    return static_cast<long long>(n);
}

// ---- operators ----------------------------------------------------------------------------

Value binary_op(std::string_view op, const Value& a, const Value& b) {
    if (op == "==" || op == "!=") {
        if (!a.wholly_known()) return a.first_unknown();
        if (!b.wholly_known()) return b.first_unknown();
        return Value::boolean((a == b) == (op == "=="));
    }
    if (a.is_unknown()) return a;
    if (b.is_unknown()) return b;
    if (op == "||" || op == "&&") {
        const bool x = to_bool(a, "the left operand");
        const bool y = to_bool(b, "the right operand");
        return Value::boolean(op == "||" ? (x || y) : (x && y));
    }
    const double x = to_num(a, "the left operand");
    const double y = to_num(b, "the right operand");
    if (op == "<") return Value::boolean(x < y);
    if (op == ">") return Value::boolean(x > y);
    if (op == "<=") return Value::boolean(x <= y);
    if (op == ">=") return Value::boolean(x >= y);
    if (op == "+") return Value::number(x + y);
    if (op == "-") return Value::number(x - y);
    if (op == "*") return Value::number(x * y);
    if (op == "/") {
        if (y == 0) throw EvalError("division by zero");
        return Value::number(x / y);
    }
    if (op == "%") {
        if (y == 0) throw EvalError("modulo by zero");
        return Value::number(std::fmod(x, y));
    }
    throw EvalError(fmt::format("unsupported operator {}", op));
}

Value unary_op(std::string_view op, const Value& a) {
    if (a.is_unknown()) return a;
    if (op == "!") return Value::boolean(!to_bool(a, "the operand"));
    if (op == "-") return Value::number(-to_num(a, "the operand"));
    throw EvalError(fmt::format("unsupported operator {}", op));
}

Value index_value(const Value& v, const Value& key) {
    if (v.is_unknown()) return v;
    if (key.is_unknown()) return key;
    if (v.is_null()) throw EvalError("cannot index a null value");
    if (v.type() == Value::Type::List) {
        const long long i = to_int(key, "the index");
        if (i < 0 || static_cast<std::size_t>(i) >= v.items().size()) {
            throw EvalError(fmt::format("index {} out of range for a list of {} elements", i,
                                        v.items().size()));
        }
        return v.items()[static_cast<std::size_t>(i)];
    }
    if (v.type() == Value::Type::Object) {
        const std::string k = to_str(key, "the key");
        const auto it = v.fields().find(k);
        if (it == v.fields().end() && !v.open_address().empty()) {
            return Value::unknown(
                fmt::format("{}[\"{}\"] is known only after apply", v.open_address(), k));
        }
        if (it == v.fields().end()) {
            throw EvalError(fmt::format("the map or object has no element \"{}\"", k));
        }
        return it->second;
    }
    if (v.type() == Value::Type::Set) {
        throw EvalError("elements of a set cannot be indexed (convert it with tolist)");
    }
    throw EvalError(fmt::format("a {} cannot be indexed", v.type_name()));
}

Value get_attr(const Value& v, std::string_view name) {
    if (v.is_unknown()) return v;
    if (v.type() == Value::Type::Object) {
        const auto it = v.fields().find(name);
        if (it == v.fields().end() && !v.open_address().empty()) {
            return Value::unknown(
                fmt::format("{}.{} is known only after apply", v.open_address(), name));
        }
        if (it == v.fields().end()) {
            throw EvalError(fmt::format("the object has no attribute \"{}\"", name));
        }
        return it->second;
    }
    if (v.type() == Value::Type::List && !name.empty() &&
        name.find_first_not_of("0123456789") == std::string_view::npos) {
        return index_value(v, Value::string(std::string(name)));  // legacy `.0`
    }
    if (v.is_null()) throw EvalError(fmt::format("cannot read \"{}\" of a null value", name));
    throw EvalError(fmt::format("a {} has no attribute \"{}\"", v.type_name(), name));
}

}  // namespace certlint::readers::tf
