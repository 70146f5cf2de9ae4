// Custom policies (product-spec section 8): the evaluator on hand-built vocabulary objects
// (every operator and combinator, firing and silent, unknown values), the strict loader's
// messages, and message formatting.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/errors.hpp"
#include "policy/condition.hpp"
#include "policy/policy.hpp"
#include "test_shell.hpp"

using certlint::policy::Outcome;
using certlint::policy::Tri;
using Json = nlohmann::json;

namespace {

// A policy file with one policy whose `require` is `require` (YAML flow or block text
// indented by 6), on certificates or consumers.
std::string policy_text(const std::string& require, const std::string& on = "certificate") {
    return "policies:\n"
           "  - id: ORG001\n"
           "    name: test-policy\n"
           "    severity: error\n"
           "    description: A test.\n"
           "    on: " +
           on +
           "\n"
           "    require: " +
           require +
           "\n"
           "    message: \"{resource}: {failing}\"\n";
}

Outcome eval(const std::string& require, const Json& object,
             const std::string& on = "certificate") {
    const auto policies = certlint::policy::parse_policies("p.yaml", policy_text(require, on));
    REQUIRE(policies.size() == 1);
    return certlint::policy::evaluate(*policies.front().require, object);
}

Json unknown(const std::string& why) {
    return Json{{"$unknown", why}};
}

Json certificate() {
    return Json{{"address", "aws_acm_certificate.shop"},
                {"type", "AMAZON_ISSUED"},
                {"domain_name", "shop.example.com"},
                {"domains", {"shop.example.com", "www.shop.example.com", "shop.other.org"}},
                {"validation_method", "DNS"},
                {"key_algorithm", "RSA_2048"},
                {"region", "eu-west-1"},
                {"exported", false},
                {"tags", {{"Owner", "web"}, {"team.io/name", "shop"}}},
                {"consumers",
                 {{{"address", "aws_cloudfront_distribution.cdn"},
                   {"kind", "CloudFront distribution"},
                   {"edge", true},
                   {"region", unknown("provider region not known")}},
                  {{"address", "aws_lb_listener.https"},
                   {"kind", "load balancer listener"},
                   {"edge", false},
                   {"region", "eu-west-1"}}}}};
}

std::string load_error(const std::string& text) {
    try {
        (void)certlint::policy::parse_policies("org.yaml", text);
    } catch (const certlint::UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("equals and in on a field: fire and silent", "[policy]") {
    const Json c = certificate();
    CHECK(eval("{validation_method: {equals: DNS}}", c).result == Tri::True);
    const Outcome o = eval("{validation_method: {equals: EMAIL}}", c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"DNS"});
    CHECK(eval("{key_algorithm: {in: [RSA_2048, EC_prime256v1]}}", c).result == Tri::True);
    CHECK(eval("{key_algorithm: {in: [EC_prime256v1, EC_secp384r1]}}", c).result == Tri::False);
    CHECK(eval("{exported: {equals: false}}", c).result == Tri::True);
    CHECK(eval("{exported: {equals: true}}", c).result == Tri::False);
}

TEST_CASE("matches is an RE2 full match", "[policy]") {
    const Json c = certificate();
    CHECK(eval("{domain_name: {matches: 'shop\\.example\\.com'}}", c).result == Tri::True);
    // A partial match is not a match.
    CHECK(eval("{domain_name: {matches: 'example'}}", c).result == Tri::False);
}

TEST_CASE("every, some and none over a list name the elements that decide", "[policy]") {
    const Json c = certificate();
    Outcome o = eval("{domains: {every: {matches: '(.+\\.)?example\\.com'}}}", c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"shop.other.org"});
    CHECK(eval("{domains: {every: {matches: '.+\\.(com|org)'}}}", c).result == Tri::True);
    CHECK(eval("{domains: {some: {equals: shop.other.org}}}", c).result == Tri::True);
    o = eval("{domains: {some: {equals: api.example.com}}}", c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing.size() == 3);
    o = eval("{domains: {none: {matches: '.*\\.org'}}}", c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"shop.other.org"});
    CHECK(eval("{domains: {none: {matches: '.*\\.net'}}}", c).result == Tri::True);
    // An empty list: every holds, some does not.
    Json empty = c;
    empty["domains"] = Json::array();
    CHECK(eval("{domains: {every: {equals: x}}}", empty).result == Tri::True);
    CHECK(eval("{domains: {some: {equals: x}}}", empty).result == Tri::False);
}

TEST_CASE("count, gte and lte on a list's length", "[policy]") {
    const Json c = certificate();
    CHECK(eval("{consumers: {count: {lte: 2}}}", c).result == Tri::True);
    const Outcome o = eval("{consumers: {count: {lte: 1}}}", c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"2"});
    CHECK(eval("{domains: {count: {gte: 3}}}", c).result == Tri::True);
    CHECK(eval("{domains: {count: {gte: 4}}}", c).result == Tri::False);
    CHECK(eval("{consumers: {count: {all: [{gte: 1}, {lte: 2}]}}}", c).result == Tri::True);
    // A list with an unknown element has an unknown length.
    Json partly = c;
    partly["domains"] = Json::array({"a.example.com", unknown("SANs known after apply")});
    const Outcome u = eval("{domains: {count: {lte: 5}}}", partly);
    CHECK(u.result == Tri::Undecided);
    CHECK(u.unknown == "domains is unknown (SANs known after apply)");
}

TEST_CASE("exists and dotted tag keys", "[policy]") {
    const Json c = certificate();
    CHECK(eval("{tags.Owner: {exists: true}}", c).result == Tri::True);
    Outcome o = eval("{all: [{tags.Owner: {exists: true}}, {tags.CostCenter: {exists: true}}]}", c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"tags.CostCenter"});  // absent: named by field
    CHECK(eval("{tags.CostCenter: {exists: false}}", c).result == Tri::True);
    // A tag key with dots and slashes is one key.
    CHECK(eval("{tags.team.io/name: {equals: shop}}", c).result == Tri::True);
    // The nested form reads the same.
    CHECK(eval("{tags: {Owner: {equals: web}}}", c).result == Tri::True);
    // Several fields in one mapping: all of them.
    o = eval("{tags.Owner: {exists: true}, tags.CostCenter: {exists: true}}", c);
    CHECK(o.result == Tri::False);
}

TEST_CASE("all, any and not around field conditions and on a value", "[policy]") {
    const Json c = certificate();
    CHECK(
        eval("{any: [{type: {equals: PRIVATE}}, {validation_method: {equals: DNS}}]}", c).result ==
        Tri::True);
    CHECK(eval("{any: [{type: {equals: PRIVATE}}, {validation_method: {equals: EMAIL}}]}", c)
              .result == Tri::False);
    CHECK(
        eval("{all: [{type: {equals: AMAZON_ISSUED}}, {region: {equals: eu-west-1}}]}", c).result ==
        Tri::True);
    CHECK(eval("{not: {validation_method: {equals: EMAIL}}}", c).result == Tri::True);
    const Outcome o = eval("{not: {validation_method: {equals: DNS}}}", c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"DNS"});
    // On a value.
    CHECK(eval("{domain_name: {any: [{matches: '.*\\.net'}, {matches: 'shop\\..*'}]}}", c).result ==
          Tri::True);
    CHECK(eval("{domain_name: {not: {matches: '.*\\.com'}}}", c).result == Tri::False);
    CHECK(eval("{domains: {every: {not: {matches: '\\*\\..*'}}}}", c).result == Tri::True);
}

TEST_CASE("conditions on consumers inside a certificate", "[policy]") {
    const Json c = certificate();
    // Shared across an edge and a regional consumer.
    const Outcome o = eval(
        "{not: {all: [{consumers: {some: {edge: {equals: true}}}}, "
        "{consumers: {some: {edge: {equals: false}}}}]}}",
        c);
    CHECK(o.result == Tri::False);
    CHECK(o.failing ==
          std::vector<std::string>{"aws_cloudfront_distribution.cdn", "aws_lb_listener.https"});
    CHECK(eval("{consumers: {none: {kind: {equals: Cognito user pool domain}}}}", c).result ==
          Tri::True);
}

TEST_CASE("a consumer's certificate fields", "[policy]") {
    Json k = {
        {"address", "aws_cloudfront_distribution.cdn"},
        {"kind", "CloudFront distribution"},
        {"edge", true},
        {"certificate", {{"address", "aws_acm_certificate.a"}, {"validation_method", "EMAIL"}}}};
    Outcome o = eval("{certificate.validation_method: {equals: DNS}}", k, "consumer");
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"EMAIL"});
    CHECK(eval("{certificate: {validation_method: {equals: EMAIL}}}", k, "consumer").result ==
          Tri::True);
    // No certificate in the model: its fields are absent.
    k["certificate"] = nullptr;
    o = eval("{certificate.validation_method: {equals: DNS}}", k, "consumer");
    CHECK(o.result == Tri::False);
    CHECK(o.failing == std::vector<std::string>{"certificate.validation_method"});
    CHECK(eval("{certificate: {exists: false}}", k, "consumer").result == Tri::True);
}

TEST_CASE("a condition on an unknown value is undecided, and says which", "[policy]") {
    Json c = certificate();
    c["domains"] = Json::array({"a.example.com", unknown("known after apply")});
    Outcome o = eval("{domains: {every: {matches: '.*\\.example\\.com'}}}", c);
    CHECK(o.result == Tri::Undecided);
    CHECK(o.unknown == "domains is unknown (known after apply)");
    CHECK(o.failing.empty());
    // A known failing element decides every, whatever the unknown one is.
    c["domains"] = Json::array({"a.other.org", unknown("known after apply")});
    CHECK(eval("{domains: {every: {matches: '.*\\.example\\.com'}}}", c).result == Tri::False);
    CHECK(eval("{domains: {some: {matches: '.*\\.org'}}}", c).result == Tri::True);
    // A whole field unknown.
    c["region"] = unknown("provider region from a variable");
    o = eval("{region: {equals: us-east-1}}", c);
    CHECK(o.result == Tri::Undecided);
    CHECK(o.unknown == "region is unknown (provider region from a variable)");
    // Kleene logic: any with a true part is true; all with a false part is false.
    CHECK(eval("{any: [{region: {equals: x}}, {type: {equals: AMAZON_ISSUED}}]}", c).result ==
          Tri::True);
    CHECK(eval("{all: [{region: {equals: x}}, {type: {equals: PRIVATE}}]}", c).result ==
          Tri::False);
    CHECK(eval("{not: {region: {equals: x}}}", c).result == Tri::Undecided);
    // Unknown tags: any tag is undecided.
    c["tags"] = unknown("tags_all known after apply");
    o = eval("{tags.Owner: {exists: true}}", c);
    CHECK(o.result == Tri::Undecided);
    CHECK(o.unknown == "tags.Owner is unknown (tags_all known after apply)");
    // An unknown element inside consumers.
    o = eval("{consumers: {every: {region: {equals: eu-west-1}}}}", certificate());
    CHECK(o.result == Tri::Undecided);
    CHECK(o.unknown == "region is unknown (provider region not known)");
}

TEST_CASE("messages replace {resource} and {failing}", "[policy]") {
    CHECK(certlint::policy::format_message("{resource} requests {failing}, outside", "cert",
                                           {"a.org", "b.org"}) ==
          "cert requests a.org, b.org, outside");
}

TEST_CASE("a malformed policy is an error naming the file and line", "[policy]") {
    using certlint::test::shell;
    CHECK(load_error(policy_text("{domain: {equals: x}}")) ==
          "org.yaml:7: unknown field 'domain' of a certificate (fields: address, type, "
          "domain_name, domains, validation_method, key_algorithm, region, partition, status, "
          "transparency_logging, tags, input_kind, file, consumers, exported)");
    CHECK(load_error(policy_text("{domains: {every: {match: x}}}")) ==
          "org.yaml:7: unknown operator 'match' (expected equals, in, matches, exists, gte, lte, "
          "count, every, some, none, all, any, not)");
    CHECK(load_error(policy_text("{domain_name: {matches: '(a'}}")) ==
          "org.yaml:7: matches: invalid regular expression '(a': missing ): (a");
    CHECK(load_error(policy_text("{domains: {matches: x}}")) ==
          "org.yaml:7: matches applies to a string, not to a list (use every, some, none or "
          "count on a list)");
    CHECK(load_error(policy_text("{domain_name: {gte: 3}}")) ==
          "org.yaml:7: gte applies to a number (e.g. inside count), not to a string");
    CHECK(load_error(policy_text("{consumers: {count: {lte: many}}}")) ==
          "org.yaml:7: lte: 'many' is not a number");
    CHECK(load_error(policy_text("{exported: {equals: yes}}")) ==
          "org.yaml:7: equals: 'yes' is not true or false");
    CHECK(load_error(policy_text("{key_algorithm: {in: RSA_2048}}")) ==
          "org.yaml:7: in takes a non-empty list of values");
    CHECK(load_error(policy_text("{tags.Owner: {exists: maybe}}")) ==
          "org.yaml:7: exists takes true or false");
    CHECK(load_error(policy_text("{any: []}")) ==
          "org.yaml:7: any takes a non-empty list of conditions");
    CHECK(load_error(policy_text("{domain_name: shop.example.com}")) ==
          "org.yaml:7: a condition must be a mapping (e.g. {equals: X} or {FIELD: {...}}), on a "
          "string");
    CHECK(load_error(policy_text("{domain_name.length: {gte: 3}}")) ==
          "org.yaml:7: domain_name is a string: it has no field 'length'");
    const std::string ok = policy_text("{domain_name: {exists: true}}");
    auto with = [&](const std::string& from, const std::string& to) {
        std::string s = ok;
        s.replace(s.find(from), from.size(), to);
        return s;
    };
    CHECK(load_error(with("ORG001", "CL999")) ==
          "org.yaml:2: id 'CL999' is in the range reserved for certlint's rules (CL); use your "
          "own prefix, e.g. ORG001");
    CHECK(load_error(with("ORG001", "org1")) ==
          "org.yaml:2: id 'org1' must be 2 to 5 capital letters and 3 digits (e.g. ORG001)");
    CHECK(load_error(with("ORG001", "ABCDEF001")) ==
          "org.yaml:2: id 'ABCDEF001' must be 2 to 5 capital letters and 3 digits (e.g. ORG001)");
    CHECK(load_error(with("severity: error", "severity: fatal")) ==
          "org.yaml:4: severity must be error, warning or note, not 'fatal'");
    CHECK(load_error(with("on: certificate", "on: listener")) ==
          "org.yaml:6: on must be certificate or consumer, not 'listener'");
    CHECK(load_error(with("    description", "    descripton")) ==
          "org.yaml:5: unknown key 'descripton' in a policy (expected id, name, severity, "
          "enabled, description, remediation, on, where, require, message, tests)");
    CHECK(load_error(with("name: test-policy", "name: Test Policy")) ==
          "org.yaml:3: name 'Test Policy' must be lower-case words joined by hyphens (e.g. "
          "approved-domains-only)");
    CHECK(load_error(with("{resource}: {failing}", "{resource}: {value}")) ==
          "org.yaml:8: message: unknown placeholder '{value}' (expected {resource} or {failing})");
    CHECK(load_error(with("    message: \"{resource}: {failing}\"\n", "")) ==
          "org.yaml:2: a policy needs 'message'");
    CHECK(load_error("rules: []\n") == "org.yaml:1: unknown key 'rules' (expected policies)");
    CHECK(load_error("") == "org.yaml: no policies (expected a top-level 'policies' list)");
    CHECK(load_error("policies: [\n").starts_with("org.yaml:2: invalid YAML: "));
    CHECK(load_error(ok + "    tests:\n      - {name: t, input: x.json}\n") ==
          "org.yaml:10: a test needs 'expect' (the resources that fire; [] for none)");
    CHECK(load_error(ok + "    tests:\n      - {name: t, input: x.json, expect: [], args: "
                          "[--var, a=b]}\n") ==
          "org.yaml:10: args: unsupported option '--var' (tests take --parameter NAME=VALUE, "
          "--now TIME and --region REGION)");
    // Consumer fields are checked against the consumer vocabulary.
    CHECK(load_error(policy_text("{validation_method: {equals: DNS}}", "consumer")) ==
          "org.yaml:7: unknown field 'validation_method' of a consumer (fields: address, "
          "resource_type, kind, edge, region, domains, certificate)");
}

TEST_CASE("hostile policy YAML is refused, not expanded", "[policy]") {
    // A billion-laughs document: nine levels of nine aliases.
    std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 9; ++j)
            bomb += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
        bomb += "]\n";
    }
    CHECK(load_error(bomb).find("policy file expands to more than 200000 nodes (YAML aliases?)") !=
          std::string::npos);
    const std::string deep = std::string(5000, '[') + std::string(5000, ']');
    const std::string e = load_error("policies: " + deep + "\n");
    CHECK(e.starts_with("org.yaml:"));
    CHECK((e.find("nested") != std::string::npos || e.find("deeper") != std::string::npos));
}

TEST_CASE("duplicate IDs and names across files, and built-in names, are refused", "[policy]") {
    const certlint::test::TempDir dir;
    dir.write("a.yaml", policy_text("{domain_name: {exists: true}}"));
    dir.write("b.yaml", policy_text("{domain_name: {exists: true}}"));
    try {
        (void)certlint::policy::load_policies({dir.path()});
        FAIL("no error");
    } catch (const certlint::UsageError& e) {
        CHECK(std::string(e.what()) ==
              dir / "b.yaml:2: id ORG001 is already used by " + dir / "a.yaml:2");
    }
    std::string builtin = policy_text("{domain_name: {exists: true}}");
    builtin.replace(builtin.find("test-policy"), 11, "unused-certificate");
    dir.write("b.yaml", builtin);
    std::remove((dir / "a.yaml").c_str());
    try {
        (void)certlint::policy::load_policies({dir.path()});
        FAIL("no error");
    } catch (const certlint::UsageError& e) {
        CHECK(std::string(e.what()) == dir /
                                           "b.yaml:2: name unused-certificate is already used "
                                           "by built-in rule CL201");
    }
    // The same file named twice is read once.
    dir.write("b.yaml", policy_text("{domain_name: {exists: true}}"));
    CHECK(certlint::policy::load_policies({dir.path(), dir / "b.yaml"}).policies.size() == 1);
}

namespace {

void matches_conditions(const certlint::policy::Condition& c,
                        std::vector<const certlint::policy::Condition*>& out) {
    if (c.op == certlint::policy::Condition::Op::Matches) out.push_back(&c);
    for (const auto& child : c.children) matches_conditions(child, out);
}

}  // namespace

TEST_CASE("the regex cache answers as RE2::FullMatch does, each string matched once", "[policy]") {
    // One RE2::Set for all the policies' `matches` (spec section 8: RE2, full match): the set
    // must anchor at both ends and keep each pattern's flags, whatever the others are.
    const std::vector<std::string> patterns = {"a|ab",
                                               "(?i)shop\\.example\\.COM",
                                               "",
                                               ".*\\.org",
                                               "^x$",
                                               "x*",
                                               "\\pL+",
                                               "a.c",
                                               "[[:digit:]]+",
                                               "(.+\\.)?example\\.(com|net)",
                                               "a|ab"};
    std::string text = "policies:\n";
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        text += "  - id: ORG" + std::to_string(100 + i) + "\n    name: p" + std::to_string(i) +
                "\n    severity: error\n    description: d\n    on: certificate\n"
                "    require: {domain_name: {matches: '" +
                patterns[i] + "'}}\n    message: m\n";
    }
    const auto policies = certlint::policy::parse_policies("p.yaml", text);
    std::vector<const certlint::policy::Condition*> roots;
    std::vector<const certlint::policy::Condition*> conditions;
    for (const auto& p : policies) {
        roots.push_back(p.require.get());
        matches_conditions(*p.require, conditions);
    }
    REQUIRE(conditions.size() == patterns.size());
    const std::vector<std::string> strings = {"a",
                                              "ab",
                                              "abc",
                                              "",
                                              "x",
                                              "xx",
                                              "SHOP.example.com",
                                              "shop.example.com",
                                              "b.org",
                                              "org",
                                              "\xc3\xa9t\xc3\xa9",
                                              "a\xc3\xa9"
                                              "c",
                                              "abc\n",
                                              "123",
                                              "12a",
                                              "www.example.net",
                                              "example.com",
                                              ".example.com",
                                              "x\n"};
    const certlint::policy::RegexSet set(roots);
    certlint::policy::RegexCache cache(set);
    for (int round = 0; round < 2; ++round) {  // the second round is answered from memory
        for (const std::string& s : strings) {
            for (const auto* c : conditions) {
                INFO("pattern '" << c->re->pattern() << "' on '" << s << "'");
                CHECK(cache.full_match(set.index(*c), *c->re, s) == RE2::FullMatch(s, *c->re));
            }
        }
    }
}
