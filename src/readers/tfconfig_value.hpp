// Values of Terraform expressions as the configuration front end evaluates them (issue 12, spec
// §6): a known JSON-like value (null, bool, number, string, list, set, object), possibly with
// unknown parts, or unknown with the reason it is not known ("aws_acm_certificate.c.arn is
// known only after apply", "var.domain has no value"). Rules stay silent on unknowns, as on a
// plan's "known after apply".
//
// Terraform's type system is folded to what certlint needs: tuples and lists are List, objects
// and maps are Object (keys in lexical order, as Terraform iterates both), sets are Set (no
// duplicates, ordered as Terraform orders sets of strings or numbers). Numbers are doubles
// (integers print without a fraction, as Terraform prints them).
//
// An evaluation error — what Terraform would refuse at plan time (an index out of range, a
// function given the wrong type) — is an EvalError; try() and can() catch it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace certlint::readers::tf {

class EvalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Value {
public:
    enum class Type { Null, Bool, Number, String, List, Set, Object, Unknown };
    using List = std::vector<Value>;
    using Object = std::map<std::string, Value, std::less<>>;

    Value() = default;  // null
    static Value boolean(bool b);
    static Value number(double n);
    static Value string(std::string s);
    static Value list(List items);
    // Duplicates removed; ordered as Terraform orders sets (numbers by value, strings
    // lexically, others by their JSON text).
    static Value set(List items);
    static Value object(Object fields);
    static Value unknown(std::string reason);
    // A resource's, data source's or module's object: the attributes in `fields` are known
    // (or their own unknowns); any other attribute is unknown: "<address>.<name> is known only
    // after apply".
    static Value open_object(Object fields, std::string address);
    // A JSON document (tfvars, a plan's values): arrays are lists, objects objects.
    static Value from_json(const nlohmann::json& j);

    [[nodiscard]] Type type() const { return type_; }
    [[nodiscard]] bool is_null() const { return type_ == Type::Null; }
    [[nodiscard]] bool is_unknown() const { return type_ == Type::Unknown; }
    // Known here (its parts may still be unknown).
    [[nodiscard]] bool is_known() const { return type_ != Type::Unknown; }
    // Known with no unknown part.
    [[nodiscard]] bool wholly_known() const;
    [[nodiscard]] bool is_collection() const {
        return type_ == Type::List || type_ == Type::Set || type_ == Type::Object;
    }
    [[nodiscard]] bool is_sequence() const { return type_ == Type::List || type_ == Type::Set; }

    [[nodiscard]] bool as_bool() const { return bool_; }
    [[nodiscard]] double as_number() const { return number_; }
    // The string, or the reason of an unknown.
    [[nodiscard]] const std::string& as_string() const { return text_; }
    [[nodiscard]] const List& items() const;
    [[nodiscard]] const Object& fields() const;
    // open_object: the address whose other attributes are unknown, else "".
    [[nodiscard]] const std::string& open_address() const { return text_; }
    // The reason of the first unknown part (depth first), "" when wholly known.
    [[nodiscard]] std::string unknown_reason() const;
    // This value, or the first unknown part when it is not wholly known.
    [[nodiscard]] Value first_unknown() const;

    // As a plan's `after`: unknown parts are null.
    [[nodiscard]] nlohmann::json to_json() const;
    // As a plan's `after_unknown`: `true` where unknown; lists and objects hold the marks of
    // their parts (false for known parts).
    [[nodiscard]] nlohmann::json unknown_mask() const;

    // Terraform's name of the type: "string", "number", "bool", "null", "list", "set",
    // "object", "unknown".
    [[nodiscard]] std::string type_name() const;

    // Terraform's `==` on known values: same type and same content (numbers by value).
    friend bool operator==(const Value& a, const Value& b);
    friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

private:
    Type type_ = Type::Null;
    bool bool_ = false;
    double number_ = 0;
    std::string text_;                      // String; Unknown: the reason
    std::shared_ptr<const List> list_;      // List, Set
    std::shared_ptr<const Object> object_;  // Object
};

// ---- conversions, as Terraform converts (EvalError when it cannot) ----------------------

// A number as Terraform prints it: 3, 1.5, -0.25.
[[nodiscard]] std::string format_number(double n);
// A string from a string, number or bool (`tostring`, template interpolation).
[[nodiscard]] std::string to_str(const Value& v, std::string_view what = "value");
// A number from a number or a string holding one.
[[nodiscard]] double to_num(const Value& v, std::string_view what = "value");
// A bool from a bool or "true"/"false".
[[nodiscard]] bool to_bool(const Value& v, std::string_view what = "value");
// A whole number (index, count) from to_num; EvalError when it has a fraction.
[[nodiscard]] long long to_int(const Value& v, std::string_view what = "value");

// ---- operators and traversal ------------------------------------------------------------

// `a op b` for op in || && == != < > <= >= + - * / %. Unknown operands give unknown (except
// `true || x`, `false && x`, which Terraform does not short-circuit either: unknown).
[[nodiscard]] Value binary_op(std::string_view op, const Value& a, const Value& b);
// `!a`, `-a`.
[[nodiscard]] Value unary_op(std::string_view op, const Value& a);
// `v[key]`: lists by whole number, objects by string. EvalError when absent.
[[nodiscard]] Value index_value(const Value& v, const Value& key);
// `v.name`: an object's attribute (EvalError when absent); lists by a number-like name
// (legacy `.0`).
[[nodiscard]] Value get_attr(const Value& v, std::string_view name);

// ---- functions --------------------------------------------------------------------------

struct FunctionContext {
    std::string base_dir;    // where relative file() paths start (the root module's directory)
    std::string module_dir;  // file() reads only below this directory
};

// True for the functions call_function evaluates (the list of spec §6, less try and can,
// which evaluate their arguments lazily: try_values, can_value).
[[nodiscard]] bool is_known_function(std::string_view name);
// `name(args...)`. A function outside the list gives unknown ("function x() is not
// evaluated"); an unknown argument gives unknown, except where Terraform knows the result
// anyway (length of a list with unknown elements). EvalError as Terraform would fail.
[[nodiscard]] Value call_function(std::string_view name, const std::vector<Value>& args,
                                  const FunctionContext& ctx = {});
// try(a, b, ...): the first argument that evaluates without an error; unknown when the first
// that does is unknown; EvalError when none does.
[[nodiscard]] Value try_values(const std::vector<std::function<Value()>>& args);
// can(a): whether it evaluates without an error (unknown when its value is unknown).
[[nodiscard]] Value can_value(const std::function<Value()>& arg);

}  // namespace certlint::readers::tf
