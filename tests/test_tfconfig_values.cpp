// Values and the function library of the configuration front end (spec §6): Terraform's
// results and edge cases, and how unknown values propagate.
#include <filesystem>
#include <fstream>

#include "catch.hpp"
#include "readers/tfconfig_value.hpp"

using namespace certlint::readers::tf;
using json = nlohmann::json;

namespace {

Value S(const std::string& s) {
    return Value::string(s);
}
Value N(double n) {
    return Value::number(n);
}
Value L(Value::List items) {
    return Value::list(std::move(items));
}
Value O(Value::Object fields) {
    return Value::object(std::move(fields));
}
Value U(const std::string& reason = "aws_acm_certificate.c.arn is known only after apply") {
    return Value::unknown(reason);
}

Value call(std::string_view name, std::vector<Value> args) {
    return call_function(name, args);
}
json J(std::string_view name, std::vector<Value> args) {
    const Value v = call_function(name, args);
    REQUIRE(v.wholly_known());
    return v.to_json();
}

}  // namespace

TEST_CASE("tfconfig values: JSON in and out, unknown marks as a plan's after_unknown",
          "[tfconfig][values]") {
    const json in = json::parse(R"({"a": [1, "x", true, null], "b": {"c": 1.5}})");
    const Value v = Value::from_json(in);
    CHECK(v.to_json() == in);
    CHECK(v.wholly_known());
    CHECK(v.unknown_mask() == false);

    const Value partial = O({{"domain_name", S("example.com")},
                             {"arn", U()},
                             {"sans", L({S("a.example.com"), U("var.x has no value")})}});
    CHECK_FALSE(partial.wholly_known());
    CHECK(partial.is_known());
    CHECK(partial.to_json() ==
          json::parse(
              R"({"arn": null, "domain_name": "example.com", "sans": ["a.example.com", null]})"));
    CHECK(partial.unknown_mask() == json::parse(R"({"arn": true, "sans": [false, true]})"));
    CHECK(partial.unknown_reason() == "aws_acm_certificate.c.arn is known only after apply");
    CHECK(N(3).to_json().is_number_integer());
    CHECK(format_number(3) == "3");
    CHECK(format_number(-0.25) == "-0.25");
    CHECK(format_number(1e20) == "100000000000000000000");
}

TEST_CASE("tfconfig values: operators, indexing, conversions", "[tfconfig][values]") {
    CHECK(binary_op("+", N(1), S("2")).as_number() == 3);
    CHECK(binary_op("==", N(1), S("1")).as_bool() == false);  // different types
    CHECK(binary_op("==", S("a"), S("a")).as_bool());
    CHECK(binary_op("!=", L({S("a")}), L({S("a")})).as_bool() == false);
    CHECK(binary_op("&&", Value::boolean(true), S("false")).as_bool() == false);
    CHECK(binary_op("%", N(7), N(3)).as_number() == 1);
    CHECK(binary_op("==", U("r"), S("a")).as_string() == "r");
    CHECK(binary_op("+", N(1), U("r")).is_unknown());
    CHECK_THROWS_AS(binary_op("/", N(1), N(0)), EvalError);
    CHECK_THROWS_AS(binary_op("+", N(1), S("x")), EvalError);
    CHECK(unary_op("!", Value::boolean(false)).as_bool());
    CHECK(unary_op("-", N(2)).as_number() == -2);

    const Value list = L({S("a"), S("b")});
    CHECK(index_value(list, N(1)).as_string() == "b");
    CHECK(index_value(list, S("0")).as_string() == "a");
    CHECK_THROWS_WITH(index_value(list, N(2)), "index 2 out of range for a list of 2 elements");
    const Value obj = O({{"api", S("api.example.com")}});
    CHECK(index_value(obj, S("api")).as_string() == "api.example.com");
    CHECK(get_attr(obj, "api").as_string() == "api.example.com");
    CHECK_THROWS_WITH(get_attr(obj, "www"), "the object has no attribute \"www\"");
    CHECK(get_attr(list, "0").as_string() == "a");  // legacy .0
    CHECK(index_value(U("r"), N(0)).as_string() == "r");
    CHECK(to_str(Value::boolean(true)) == "true");
    CHECK_THROWS_WITH(to_str(Value()), "value is null; a string is required");
    CHECK(to_int(S("12")) == 12);
    CHECK_THROWS_AS(to_int(N(1.5)), EvalError);
}

TEST_CASE("tfconfig functions: format verbs", "[tfconfig][values]") {
    CHECK(J("format", {S("%s.%s"), S("www"), S("example.com")}) == "www.example.com");
    CHECK(J("format", {S("%d items"), N(3)}) == "3 items");
    CHECK(J("format", {S("%d"), S("42")}) == "42");
    CHECK_THROWS_AS(call("format", {S("%d"), N(1.5)}), EvalError);
    CHECK(J("format", {S("%q"), S("a\"b")}) == "\"a\\\"b\"");
    CHECK(J("format", {S("%v|%v|%v"), S("x"), N(2), Value::boolean(true)}) == "x|2|true");
    CHECK(J("format", {S("%v"), L({S("a"), N(1)})}) == "[\"a\",1]");
    CHECK(J("format", {S("100%%")}) == "100%");
    CHECK(J("format", {S("%03d|%-4s|%5.2f"), N(7), S("ab"), N(3.14159)}) == "007|ab  | 3.14");
    CHECK(J("format", {S("%[2]s-%[1]s"), S("a"), S("b")}) == "b-a");
    CHECK(J("format", {S("%x %X %o %b %t"), N(255), N(255), N(8), N(5), Value::boolean(false)}) ==
          "ff FF 10 101 false");
    CHECK_THROWS_WITH(call("format", {S("%s %s"), S("a")}), "format: not enough arguments for %s");
    CHECK_THROWS_AS(call("format", {S("%s"), S("a"), S("b")}), EvalError);
    CHECK_THROWS_AS(call("format", {S("%s"), Value()}), EvalError);
    // An unknown argument makes the result unknown, with its reason.
    const Value u = call("format", {S("%s.example.com"), U("var.env has no value")});
    REQUIRE(u.is_unknown());
    CHECK(u.as_string() == "var.env has no value");
    CHECK(call("format", {U("r"), S("a")}).is_unknown());
}

TEST_CASE("tfconfig functions: strings", "[tfconfig][values]") {
    CHECK(J("join", {S(","), L({S("a"), N(1)}), L({S("c")})}) == "a,1,c");
    CHECK(J("join", {S(","), L({})}) == "");
    CHECK_THROWS_AS(call("join", {S(","), L({Value()})}), EvalError);
    CHECK(call("join", {S(","), L({S("a"), U()})}).is_unknown());
    CHECK(J("split", {S("."), S("www.example.com")}) == json({"www", "example", "com"}));
    CHECK(J("split", {S(","), S("")}) == json({""}));
    CHECK(J("replace", {S("a.b.c"), S("."), S("-")}) == "a-b-c");
    CHECK(J("replace", {S("www.example.com"), S("/^([a-z]+)\\./"), S("$1-")}) == "www-example.com");
    CHECK(J("replace", {S("a1b22"), S("/[0-9]+/"), S("${0}#")}) == "a1#b22#");
    CHECK_THROWS_AS(call("replace", {S("x"), S("/(/"), S("")}), EvalError);
    CHECK(J("lower", {S("WWW.Example.COM")}) == "www.example.com");
    CHECK(J("upper", {S("abc")}) == "ABC");
    CHECK(J("trimprefix", {S("*.example.com"), S("*.")}) == "example.com");
    CHECK(J("trimprefix", {S("example.com"), S("*.")}) == "example.com");
    CHECK(J("trimsuffix", {S("example.com."), S(".")}) == "example.com");
    CHECK(J("substr", {S("hello world"), N(1), N(4)}) == "ello");
    CHECK(J("substr", {S("hello world"), N(-5), N(-1)}) == "world");
    CHECK(J("substr", {S("hello"), N(10), N(2)}) == "");
    CHECK(J("substr", {S("héllo"), N(1), N(2)}) == "él");
    CHECK(J("length", {S("héllo")}) == 5);
    CHECK(call("upper", {U("r")}).as_string() == "r");
}

TEST_CASE("tfconfig functions: collections", "[tfconfig][values]") {
    CHECK(J("concat", {L({S("a")}), L({S("b"), S("c")})}) == json({"a", "b", "c"}));
    CHECK(call("concat", {L({S("a")}), U()}).is_unknown());
    // Unknown elements stay elements: the length is still known.
    const Value partial = call("concat", {L({S("a")}), L({U()})});
    CHECK(partial.is_known());
    CHECK(J("length", {partial}) == 2);
    CHECK(J("merge", {O({{"a", N(1)}, {"b", N(1)}}), Value(), O({{"b", N(2)}})}) ==
          json::parse(R"({"a":1,"b":2})"));
    CHECK(J("lookup", {O({{"a", S("x")}}), S("a")}) == "x");
    CHECK(J("lookup", {O({{"a", S("x")}}), S("b"), S("d")}) == "d");
    CHECK_THROWS_AS(call("lookup", {O({{"a", S("x")}}), S("b")}), EvalError);
    CHECK(J("coalesce", {Value(), S(""), S("b")}) == "b");
    CHECK(J("coalesce", {N(1), S("b")}) == "1");
    CHECK_THROWS_AS(call("coalesce", {Value(), S("")}), EvalError);
    CHECK(call("coalesce", {Value(), U(), S("x")}).is_unknown());
    CHECK(J("coalescelist", {L({}), L({S("a")})}) == json({"a"}));
    CHECK(J("compact", {L({S("a"), S(""), Value(), S("b")})}) == json({"a", "b"}));
    CHECK(J("contains", {L({S("a"), S("b")}), S("b")}) == true);
    CHECK(J("contains", {L({S("a")}), S("c")}) == false);
    CHECK(call("contains", {L({S("a"), U()}), S("c")}).is_unknown());
    CHECK(J("contains", {L({S("c"), U()}), S("c")}) == true);
    CHECK(call("one", {L({})}).is_null());
    CHECK(J("one", {L({S("a")})}) == "a");
    CHECK_THROWS_AS(call("one", {L({S("a"), S("b")})}), EvalError);
    CHECK(J("slice", {L({S("a"), S("b"), S("c")}), N(1), N(3)}) == json({"b", "c"}));
    CHECK_THROWS_AS(call("slice", {L({S("a")}), N(0), N(2)}), EvalError);
    CHECK(J("keys", {O({{"b", N(1)}, {"a", N(2)}})}) == json({"a", "b"}));
    CHECK(J("values", {O({{"b", N(1)}, {"a", N(2)}})}) == json({2, 1}));
    CHECK(J("length", {O({{"b", N(1)}})}) == 1);
    CHECK(call("length", {U()}).is_unknown());
    // element wraps around; a negative index is an error.
    CHECK(J("element", {L({S("a"), S("b"), S("c")}), N(3)}) == "a");
    CHECK(J("element", {L({S("a"), S("b"), S("c")}), N(5)}) == "c");
    CHECK_THROWS_AS(call("element", {L({S("a")}), N(-1)}), EvalError);
    CHECK_THROWS_AS(call("element", {L({}), N(0)}), EvalError);
    CHECK(J("flatten", {L({S("a"), L({S("b"), L({S("c")})}), L({})})}) == json({"a", "b", "c"}));
    CHECK(call("flatten", {L({S("a"), U()})}).is_unknown());
    CHECK(J("distinct", {L({S("b"), S("a"), S("b")})}) == json({"b", "a"}));
    CHECK(J("zipmap", {L({S("a"), S("b")}), L({N(1), N(2)})}) == json::parse(R"({"a":1,"b":2})"));
    CHECK(J("range", {N(3)}) == json({0, 1, 2}));
}

TEST_CASE("tfconfig functions: toset orders and dedups as Terraform; tolist, tomap",
          "[tfconfig][values]") {
    const Value set = call("toset", {L({S("www"), S("api"), S("www"), S("Z")})});
    CHECK(set.type() == Value::Type::Set);
    CHECK(set.to_json() == json({"Z", "api", "www"}));
    CHECK(J("toset", {L({N(10), N(2), N(2)})}) == json({2, 10}));
    // Mixed numbers and strings unify to strings.
    CHECK(J("toset", {L({N(1), S("a")})}) == json({"1", "a"}));
    // A set with an unknown element is unknown: its elements cannot be told apart.
    const Value u = call("toset", {L({S("a"), U("data.aws_x.y.names is known only after apply")})});
    REQUIRE(u.is_unknown());
    CHECK(u.as_string() == "data.aws_x.y.names is known only after apply");
    CHECK(call("tolist", {set}).type() == Value::Type::List);
    CHECK(J("tolist", {set}) == json({"Z", "api", "www"}));
    CHECK_THROWS_AS(call("element", {set, N(0)}), EvalError);
    CHECK(J("tomap", {O({{"a", N(1)}, {"b", S("x")}})}) == json::parse(R"({"a":"1","b":"x"})"));
    CHECK(call("no_such_function", {}).as_string() ==
          "function no_such_function() is not evaluated");
    CHECK_FALSE(is_known_function("timestamp"));
    CHECK(is_known_function("file"));
}

TEST_CASE("tfconfig functions: try and can", "[tfconfig][values]") {
    const auto fail = []() -> Value { throw EvalError("no attribute"); };
    const auto ok = []() { return S("fallback"); };
    const auto unknown = []() { return U("r"); };
    CHECK(try_values({fail, ok}).as_string() == "fallback");
    CHECK(try_values({unknown, ok}).is_unknown());
    CHECK_THROWS_AS(try_values({fail}), EvalError);
    CHECK(can_value(fail).as_bool() == false);
    CHECK(can_value(ok).as_bool() == true);
    CHECK(can_value(unknown).is_unknown());
}

TEST_CASE("tfconfig functions: file reads only inside the module's directory",
          "[tfconfig][values]") {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / "certlint-tfconfig-file";
    fs::remove_all(root);
    fs::create_directories(root / "modules" / "cert");
    std::ofstream(root / "modules" / "cert" / "cert.pem") << "PEM\n";
    std::ofstream(root / "secret.txt") << "secret\n";
    FunctionContext ctx{root.string(), (root / "modules" / "cert").string()};
    CHECK(call_function("file", {S("modules/cert/cert.pem")}, ctx).as_string() == "PEM\n");
    CHECK(call_function("file", {S((root / "modules/cert/cert.pem").string())}, ctx).as_string() ==
          "PEM\n");
    const Value outside = call_function("file", {S("modules/cert/../../secret.txt")}, ctx);
    REQUIRE(outside.is_unknown());
    CHECK(outside.as_string() ==
          "file(\"modules/cert/../../secret.txt\") is outside the module's directory and is not "
          "read");
    CHECK_THROWS_WITH(call_function("file", {S("modules/cert/missing.pem")}, ctx),
                      "file(): no file exists at \"modules/cert/missing.pem\"");
    CHECK(call_function("file", {U("r")}, ctx).is_unknown());
    fs::remove_all(root);
}
