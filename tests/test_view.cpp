// The policy vocabulary over the model (certlint/view.hpp): the fields of certificates and
// consumers as each reader's model gives them, the service defaults, and unknown values with
// their reasons.
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/load.hpp"
#include "certlint/view.hpp"
#include "model_lookup.hpp"
#include "support.hpp"

using namespace certlint;
using json = nlohmann::json;

namespace {

using certlint::test::cert;
using certlint::test::consumer;
using certlint::test::in_region;

Model load_text(const std::string& text, const std::string& path = "template.yaml",
                const LoadOptions& opts = in_region("eu-west-1")) {
    Model m;
    load_document(m, path, text, opts);
    return m;
}

Model load_fixture(const std::string& rel, const LoadOptions& opts = LoadOptions{}) {
    return load_inputs({test::kSourceDir + "/fixtures/" + rel}, opts);
}

json unknown(const std::string& why) {
    return json{{"$unknown", why}};
}

}  // namespace

TEST_CASE("unknown values are one-key objects", "[view]") {
    const json u = view::unknown("parameter Domain has no default");
    CHECK(u.dump() == R"({"$unknown":"parameter Domain has no default"})");
    CHECK(view::is_unknown(u));
    CHECK(view::unknown_reason(u) == "parameter Domain has no default");
    CHECK_FALSE(view::is_unknown(json("x")));
    CHECK_FALSE(view::is_unknown(json{{"$unknown", "x"}, {"other", 1}}));
    CHECK_FALSE(view::is_unknown(json{{"$unknown", 3}}));
    CHECK(view::unknown_reason(json("x")).empty());
}

TEST_CASE("the vocabulary is spec section 8's, in its order", "[view]") {
    std::vector<std::string> certificate;
    std::vector<std::string> consumer;
    for (const view::Field& f : view::fields()) {
        (f.on == "certificate" ? certificate : consumer).push_back(f.name);
        CHECK_FALSE(f.description.empty());
        CHECK(view::find_field(f.on, f.name) == &f);
    }
    CHECK(certificate == std::vector<std::string>{"address", "type", "domain_name", "domains",
                                                  "validation_method", "key_algorithm", "region",
                                                  "partition", "status", "transparency_logging",
                                                  "tags", "input_kind", "file", "consumers",
                                                  "exported"});
    CHECK(consumer == std::vector<std::string>{"address", "resource_type", "kind", "edge", "region",
                                               "domains", "certificate"});
    CHECK(view::find_field("consumer", "tags") == nullptr);
    const view::Field* kind = view::find_field("consumer", "kind");
    REQUIRE(kind != nullptr);
    CHECK(std::find(kind->values.begin(), kind->values.end(), "CloudFront distribution") !=
          kind->values.end());
    CHECK(std::find(kind->values.begin(), kind->values.end(), "load balancer listener") !=
          kind->values.end());
}

TEST_CASE("a template's certificate: the request's defaults count", "[view][cloudformation]") {
    const Model m = load_text(R"(Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: example.com
      SubjectAlternativeNames: ["*.example.com", example.com]
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1
      Port: 443
      Protocol: HTTPS
      Certificates: [{CertificateArn: !Ref Cert}]
      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "200"}}]
)");
    const json listener = {{"address", "Listener"},
                           {"resource_type", "AWS::ElasticLoadBalancingV2::Listener"},
                           {"kind", "load balancer listener"},
                           {"edge", false},
                           {"region", "eu-west-1"},
                           {"domains", json::array()}};
    json expected = {
        {"address", "Cert"},
        {"type", "AMAZON_ISSUED"},
        {"domain_name", "example.com"},
        {"domains", {"example.com", "*.example.com"}},
        {"validation_method", "EMAIL"},  // ValidationMethod omitted
        {"key_algorithm", "RSA_2048"},   // KeyAlgorithm omitted: ACM's default
        {"region", "eu-west-1"},
        {"partition", "aws"},
        {"status", unknown("a template does not record the certificate's status")},
        {"transparency_logging", "ENABLED"},  // omitted: ACM's default
        {"tags", json::object()},             // none
        {"input_kind", "cloudformation"},
        {"file", "template.yaml"},
        {"exported", false},
        {"consumers", {listener}},
    };
    const Certificate& c = cert(m, "Cert");
    CHECK(view::certificate(m, c) == expected);

    const Consumer& k = consumer(m, "Listener");
    REQUIRE(view::certificates_of(m, k) == std::vector<const Certificate*>{&c});
    json seen = listener;
    expected.erase("consumers");
    seen["certificate"] = expected;
    CHECK(view::consumer(m, k, &c) == seen);
    seen["certificate"] = nullptr;
    CHECK(view::consumer(m, k, nullptr) == seen);
}

TEST_CASE("a template's unknown values say why", "[view][cloudformation]") {
    const Model m = load_text(R"(Parameters:
  Domain: {Type: String}
  Algorithm: {Type: String, Default: EC_prime256v1}
Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: !Ref Domain
      ValidationMethod: DNS
      KeyAlgorithm: !Ref Algorithm
  Private:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: internal.example.com
      CertificateAuthorityArn: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1
)");
    const json c = view::certificate(m, cert(m, "Cert"));
    CHECK(c["domain_name"] == unknown("DomainName: Parameter Domain has no value"));
    CHECK(c["domains"] == unknown("DomainName: Parameter Domain has no value"));
    CHECK(c["key_algorithm"] == "EC_prime256v1");  // the parameter's default
    CHECK(c["validation_method"] == "DNS");
    CHECK(c["consumers"] == json::array());

    const json p = view::certificate(m, cert(m, "Private"));
    CHECK(p["type"] == "PRIVATE");
    CHECK(p["validation_method"] == "NONE");
    CHECK(p["key_algorithm"] == "RSA_2048");
    CHECK(p["domains"] == json{"internal.example.com"});
}

TEST_CASE("a Terraform plan's certificate and listener", "[view][terraform]") {
    const Model m = load_fixture("rules/CL303/fire_new_certificate/plan.json");
    const Certificate& c = cert(m, "aws_acm_certificate.site");
    const json o = view::certificate(m, c);
    CHECK(o["type"] == "AMAZON_ISSUED");
    CHECK(o["domains"] == json{"www.example.com"});
    CHECK(o["validation_method"] == "DNS");
    CHECK(o["key_algorithm"] == "RSA_2048");  // not in the configuration: ACM's default
    CHECK(o["transparency_logging"] == "DISABLED");
    CHECK(o["region"] == "eu-west-1");
    CHECK(o["status"] ==
          unknown("this deployment creates the certificate: its status is known only after apply"));
    CHECK(o["input_kind"] == "terraform-plan");
    // No tags and no default_tags: the plan leaves tags_all unknown, the deploy has none.
    CHECK(o["tags"] == json::object());
    REQUIRE(o["consumers"].size() == 1);
    CHECK(o["consumers"][0]["address"] == "aws_lb_listener.https");
    CHECK(o["consumers"][0]["resource_type"] == "aws_lb_listener");
    CHECK(o["consumers"][0]["edge"] == false);

    const Consumer& k = consumer(m, "aws_lb_listener.https");
    const json seen = view::consumer(m, k, &c);
    CHECK(seen["certificate"]["address"] == "aws_acm_certificate.site");
    CHECK_FALSE(seen["certificate"].contains("consumers"));
}

TEST_CASE("a template's tags: literals, parameters, conditions", "[view][cloudformation][tags]") {
    const Model m = load_text(R"(Parameters:
  Owner: {Type: String}
  Team: {Type: String, Default: platform}
  Cost: {Type: "AWS::SSM::Parameter::Value<String>", Default: /org/cost-center}
Conditions:
  IsProd: !Equals [!Ref "AWS::AccountId", "111122223333"]
Resources:
  Tagged:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: a.example.com
      ValidationMethod: DNS
      Tags:
        - {Key: Team, Value: !Ref Team}
        - {Key: Owner, Value: !Ref Owner}
        - {Key: CostCenter, Value: !Ref Cost}
        - {Key: Name, Value: !Sub "${AWS::Region}-cert"}
        - !If [IsProd, {Key: Env, Value: prod}, !Ref "AWS::NoValue"]
  Switched:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: b.example.com
      ValidationMethod: DNS
      Tags: !If [IsProd, [{Key: Env, Value: prod}], [{Key: Env, Value: dev}]]
  ComputedKey:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: c.example.com
      ValidationMethod: DNS
      Tags: [{Key: !Ref Owner, Value: x}]
)");
    const json tagged = view::certificate(m, cert(m, "Tagged"))["tags"];
    CHECK(tagged == json{{"Team", "platform"},
                         {"Owner", unknown("the value of tag Owner: Parameter Owner has no value")},
                         {"CostCenter", unknown("the value of tag CostCenter: Parameter Cost is "
                                                "read from SSM parameter /org/cost-center at "
                                                "deploy time")},
                         {"Name", "eu-west-1-cert"},
                         {"Env", unknown("tag Env is set only when condition IsProd holds")}});
    CHECK(view::certificate(m, cert(m, "Switched"))["tags"] ==
          unknown("Tags depends on condition IsProd"));
    CHECK(view::certificate(m, cert(m, "ComputedKey"))["tags"] ==
          unknown("a tag key: Parameter Owner has no value"));
}

TEST_CASE("a Terraform plan's tags: tags_all when known", "[view][terraform][tags]") {
    const Model m = load_fixture("rules/CL202/silent_create_before_destroy/plan.json");
    CHECK(view::certificate(m, m.certificates.at(0))["tags"] == json{{"Service", "api"}});
}

TEST_CASE("a plan's existing certificate: recorded status and key algorithm", "[view][terraform]") {
    const Model m = load_fixture("rules/CL204/fire_expired_still_attached/plan.json");
    const json o = view::certificate(m, cert(m, "aws_acm_certificate.api"));
    CHECK(o["status"] == "EXPIRED");
    CHECK(o["key_algorithm"] == "RSA_2048");
    CHECK(o["tags"] == json::object());
    const Model r = load_fixture("rules/CL204/silent_failed_certificate_replaced/plan.json");
    const json replaced = view::certificate(r, cert(r, "aws_acm_certificate.api"));
    // The recorded status is the old object's; the replacement's is known only after apply.
    CHECK(replaced["status"] ==
          unknown("this deployment replaces the certificate: the new one's status is known only "
                  "after apply"));
}

TEST_CASE("certificate() with the consumer index is certificate() without it", "[view]") {
    for (const char* rel : {"rules/CL303/fire_new_certificate/plan.json",
                            "graph/tags-plan/plan.json", "graph/cdk-tags/cdk.out"}) {
        INFO(rel);
        const Model m = load_fixture(rel);
        const auto users = view::consumers_by_certificate(m);
        REQUIRE(users.size() == m.certificates.size());
        std::size_t used = 0;
        for (const Certificate& c : m.certificates) {
            const json indexed = view::certificate(m, c, users);
            CHECK(indexed == view::certificate(m, c));
            used += indexed["consumers"].size();
        }
        CHECK(used > 0);
    }
}

namespace {

// `whole`'s members whose place among `names` `wanted` marks.
json wanted_members(const json& whole, const std::vector<std::string>& names,
                    const std::vector<bool>& wanted) {
    json out = json::object();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (wanted[i] && whole.contains(names[i])) out[names[i]] = whole[names[i]];
    }
    return out;
}

// The fields a FieldSink gets, as a JSON object named by `names`.
struct Collected {
    const std::vector<std::string>& names;
    const std::vector<bool>& wanted;
    json object = json::object();

    view::FieldSink sink() {
        return [this](std::size_t place, json value) {
            REQUIRE(place < names.size());
            CHECK(wanted[place]);
            object[names[place]] = std::move(value);
        };
    }
};

}  // namespace

TEST_CASE("some fields only: the wanted ones, as the whole objects have them", "[view]") {
    // What custom policies build (only the fields they read) must be what the JSON objects
    // hold, field for field, whatever is wanted.
    for (const char* rel : {"rules/CL303/fire_new_certificate/plan.json",
                            "graph/tags-plan/plan.json", "graph/cdk-tags/cdk.out"}) {
        INFO(rel);
        const Model m = load_fixture(rel);
        const std::vector<std::string>& cert_names = view::field_names("certificate");
        const std::vector<std::string>& consumer_names = view::field_names("consumer");
        for (const bool every : {true, false}) {
            // every field, then every other one
            std::vector<bool> cert_wanted(cert_names.size());
            std::vector<bool> consumer_wanted(consumer_names.size());
            for (std::size_t i = 0; i < cert_wanted.size(); ++i) cert_wanted[i] = every || i % 2;
            for (std::size_t i = 0; i < consumer_wanted.size(); ++i) {
                consumer_wanted[i] = every || i % 2 == 0;
            }
            for (const Certificate& c : m.certificates) {
                const json whole = view::certificate_fields(m, c);
                Collected some{cert_names, cert_wanted};
                view::certificate_fields(m, c, cert_wanted, some.sink());
                CHECK(some.object == wanted_members(whole, cert_names, cert_wanted));
                if (every) CHECK(some.object == whole);
            }
            for (const Consumer& k : m.consumers) {
                for (const Certificate* c : view::certificates_of(m, k)) {
                    const json whole = view::consumer_fields(m, k, c);
                    Collected some{consumer_names, consumer_wanted};
                    view::consumer_fields(m, k, c, consumer_wanted, some.sink());
                    CHECK(some.object == wanted_members(whole, consumer_names, consumer_wanted));
                    if (every) CHECK(some.object == whole);
                }
            }
        }
    }
}
