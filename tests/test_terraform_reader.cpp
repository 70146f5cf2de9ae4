// Unit tests of the Terraform reader: how consumers' certificate arguments are followed to
// certificates, and how regions are resolved, on plans in the real `terraform show -json`
// shape (see plan_builder.hpp).
#include "catch.hpp"
#include "model_lookup.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "plan_builder.hpp"

using namespace certlint;
using test::constant;
using test::json;
using test::PlanBuilder;
using test::refs;

namespace {

using certlint::test::cert;
using certlint::test::consumer;

const json kNewCert{{"domain_name", "example.com"}, {"validation_method", "DNS"}};
const json kCertUnknown{{"arn", true}, {"id", true}, {"status", true}};
const std::string kEuArn = "arn:aws:acm:eu-west-1:111122223333:certificate/0b7d4c52-1a3e-4f0e-8d6e-3c9a5b7e2f10";
const std::string kUsArn = "arn:aws:acm:us-east-1:111122223333:certificate/8a1f2b3c-4d5e-6f70-8192-a3b4c5d6e7f8";

Model load(const PlanBuilder& b, LoadOptions opts = {}) {
    Model m;
    load_document(m, "plan.json", b.str(), opts);
    return m;
}

std::vector<std::string> candidate_ids(const Model& m, const Consumer& c) {
    std::vector<std::string> out;
    for (const Attachment& a : c.attachments) {
        for (const CertCandidate& k : a.candidates) {
            out.push_back(k.certificate ? m.certificates[*k.certificate].id : k.arn.value_or("?"));
        }
    }
    return out;
}

const json kCloudFrontAfter{{"aliases", json::array({"www.example.com"})},
                            {"viewer_certificate", json::array({json{{"ssl_support_method", "sni-only"}}})}};
const json kCloudFrontUnknown{{"arn", true},
                              {"viewer_certificate", json::array({json{{"acm_certificate_arn", true}}})}};

}  // namespace

TEST_CASE("module output through the validation waiter, certificate on an aliased provider",
          "[terraform]") {
    PlanBuilder b;
    b.provider("aws", "eu-west-1").provider("aws.us_east_1", "us-east-1");
    b.instance("module.cert.aws_acm_certificate.this", {"create"}, kNewCert, kCertUnknown)
        .instance("module.cert.aws_acm_certificate_validation.this", {"create"}, json::object(),
                  json{{"certificate_arn", true}})
        .instance("aws_cloudfront_distribution.cdn", {"create"}, kCloudFrontAfter, kCloudFrontUnknown);
    // Terraform >= 1.2 writes the root key for a provider passed with providers = {...}.
    b.module_call("", "cert", json::object());
    b.config("module.cert", "aws_acm_certificate.this", {{"domain_name", constant("example.com")}},
             "aws.us_east_1");
    b.config("module.cert", "aws_acm_certificate_validation.this",
             {{"certificate_arn", refs({"aws_acm_certificate.this.arn", "aws_acm_certificate.this"})}},
             "aws.us_east_1");
    b.output("module.cert", "arn",
             refs({"aws_acm_certificate_validation.this.certificate_arn",
                   "aws_acm_certificate_validation.this"}));
    b.config("", "aws_cloudfront_distribution.cdn",
             {{"viewer_certificate",
               json::array({json{{"acm_certificate_arn", refs({"module.cert.arn", "module.cert"})}}})}});
    const Model m = load(b);
    const Certificate& c = cert(m, "module.cert.aws_acm_certificate.this");
    CHECK(*c.region.value == "us-east-1");
    CHECK(c.has_waiter);
    const Consumer& cdn = consumer(m, "aws_cloudfront_distribution.cdn");
    CHECK(cdn.kind == ConsumerKind::CloudFront);
    CHECK(cdn.domains == std::vector<std::string>{"www.example.com"});
    REQUIRE(cdn.attachments.size() == 1);
    CHECK(cdn.attachments[0].edge);
    REQUIRE(cdn.attachments[0].candidates.size() == 1);
    CHECK(cdn.attachments[0].candidates[0].awaits_validation);
    CHECK(candidate_ids(m, cdn) == std::vector<std::string>{"module.cert.aws_acm_certificate.this"});
}

TEST_CASE("a variable passed down two module levels from a root variable", "[terraform]") {
    PlanBuilder b;
    b.provider("aws", "eu-central-1");
    b.variable("certificate_arn", kUsArn);
    b.instance("module.app.module.lb.aws_lb_listener.https", {"create"}, json{{"port", 443}},
               json{{"arn", true}, {"certificate_arn", true}});
    b.module_call("", "app", {{"cert", refs({"var.certificate_arn"})}});
    b.module_call("module.app", "lb", {{"certificate", refs({"var.cert"})}});
    b.config("module.app.module.lb", "aws_lb_listener.https",
             {{"certificate_arn", refs({"var.certificate"})}});
    const Model m = load(b);
    const Consumer& l = consumer(m, "module.app.module.lb.aws_lb_listener.https");
    CHECK(candidate_ids(m, l) == std::vector<std::string>{kUsArn});
    // The module has no provider block: it inherits the root provider's region.
    CHECK(*l.region.value == "eu-central-1");
}

TEST_CASE("for_each instances pair with the certificate of the same key", "[terraform]") {
    PlanBuilder b;
    b.provider("aws", "eu-west-1");
    for (const char* k : {"api", "www"}) {
        b.instance(std::string("aws_acm_certificate.c[\"") + k + "\"]", {"create"}, kNewCert, kCertUnknown);
        b.instance(std::string("aws_lb_listener_certificate.x[\"") + k + "\"]", {"create"},
                   json{{"listener_arn", "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/a/1/2"}},
                   json{{"certificate_arn", true}, {"id", true}});
    }
    b.config("", "aws_acm_certificate.c", {{"domain_name", refs({"each.key"})}}, "aws",
             {{"for_each_expression", refs({"var.names"})}});
    b.config("", "aws_lb_listener_certificate.x",
             {{"certificate_arn", refs({"aws_acm_certificate.c", "each.key"})}}, "aws",
             {{"for_each_expression", refs({"var.names"})}});
    const Model m = load(b);
    CHECK(candidate_ids(m, consumer(m, "aws_lb_listener_certificate.x[\"api\"]")) ==
          std::vector<std::string>{"aws_acm_certificate.c[\"api\"]"});
    CHECK(candidate_ids(m, consumer(m, "aws_lb_listener_certificate.x[\"www\"]")) ==
          std::vector<std::string>{"aws_acm_certificate.c[\"www\"]"});
}

TEST_CASE("regions: provider v6 region attribute, ARN, root variable, fallback", "[terraform]") {
    PlanBuilder b;
    b.provider("aws", "");
    b.doc()["configuration"]["provider_config"]["aws.west"] = {
        {"name", "aws"}, {"alias", "west"}, {"expressions", {{"region", refs({"var.region"})}}}};
    b.variable("region", "us-west-2");
    json v6 = kNewCert;
    v6["region"] = "ap-southeast-2";
    b.instance("aws_acm_certificate.v6", {"create"}, v6, kCertUnknown);
    json existing = kNewCert;
    existing["arn"] = kEuArn;
    b.instance("aws_acm_certificate.existing", {"no-op"}, existing, json::object(), existing);
    b.instance("aws_acm_certificate.west", {"create"}, kNewCert, kCertUnknown);
    b.instance("aws_acm_certificate.env", {"create"}, kNewCert, kCertUnknown);
    b.config("", "aws_acm_certificate.v6", json::object());
    b.config("", "aws_acm_certificate.existing", json::object());
    b.config("", "aws_acm_certificate.west", json::object(), "aws.west");
    b.config("", "aws_acm_certificate.env", json::object());
    const Model m = load(b);
    CHECK(*cert(m, "aws_acm_certificate.v6").region.value == "ap-southeast-2");
    CHECK(*cert(m, "aws_acm_certificate.existing").region.value == "eu-west-1");
    CHECK(*cert(m, "aws_acm_certificate.west").region.value == "us-west-2");
    const MaybeString env = cert(m, "aws_acm_certificate.env").region;
    CHECK_FALSE(env.known());
    CHECK(env.why.str().find("--region") != std::string::npos);
    LoadOptions opts;
    opts.region = "sa-east-1";
    CHECK(*cert(load(b, opts), "aws_acm_certificate.env").region.value == "sa-east-1");
}

TEST_CASE("Terraform 0.15 module provider keys inherit the parent's region", "[terraform]") {
    PlanBuilder b("0.15.5", "0.1");
    b.provider("aws", "ap-northeast-1");
    b.provider("module.edge:aws", "", "module.edge");
    b.instance("module.edge.module.inner.aws_acm_certificate.c", {"create"}, kNewCert, kCertUnknown);
    b.module_call("", "edge", json::object());
    b.module_call("module.edge", "inner", json::object());
    b.config("module.edge.module.inner", "aws_acm_certificate.c", json::object(), "inner:aws");
    const Model m = load(b);
    CHECK(*cert(m, "module.edge.module.inner.aws_acm_certificate.c").region.value == "ap-northeast-1");
}

TEST_CASE("data source certificates and validation records of other DNS providers", "[terraform]") {
    PlanBuilder b;
    b.provider("aws", "eu-west-1");
    b.data("data.aws_acm_certificate.wildcard", {{"arn", kEuArn}, {"domain", "*.example.com"}, {"status", "ISSUED"}});
    b.instance("aws_api_gateway_domain_name.api", {"create"}, json{{"domain_name", "api.example.com"}},
               json{{"certificate_arn", true}, {"arn", true}});
    b.config("", "aws_api_gateway_domain_name.api",
             {{"certificate_arn", refs({"data.aws_acm_certificate.wildcard.arn", "data.aws_acm_certificate.wildcard"})}});
    b.instance("aws_acm_certificate.new", {"create"}, kNewCert, kCertUnknown);
    b.instance("cloudflare_record.validation[\"example.com\"]", {"create"}, json{{"zone_id", "abc"}},
               json{{"name", true}, {"value", true}});
    b.config("", "aws_acm_certificate.new", json::object());
    b.config("", "cloudflare_record.validation", {{"name", refs({"each.value.name", "each.value"})}}, "cloudflare",
             {{"for_each_expression",
               refs({"aws_acm_certificate.new.domain_validation_options", "aws_acm_certificate.new"})}});
    const Model m = load(b);
    const Certificate& wild = cert(m, "data.aws_acm_certificate.wildcard");
    CHECK_FALSE(wild.managed);
    CHECK(*wild.region.value == "eu-west-1");
    const Consumer& api = consumer(m, "aws_api_gateway_domain_name.api");
    CHECK(api.attachments.at(0).edge);
    CHECK(candidate_ids(m, api) == std::vector<std::string>{"data.aws_acm_certificate.wildcard"});
    CHECK(cert(m, "aws_acm_certificate.new").has_validation_records);
}

TEST_CASE("depends_on on a module holding the waiter counts as waiting", "[terraform]") {
    PlanBuilder b;
    b.provider("aws", "eu-west-1");
    b.instance("module.acm.aws_acm_certificate.c", {"create"}, kNewCert, kCertUnknown)
        .instance("module.acm.aws_acm_certificate_validation.v", {"create"}, json::object(),
                  json{{"certificate_arn", true}})
        .instance("aws_lb_listener.direct", {"create"}, json{{"port", 443}}, json{{"certificate_arn", true}})
        .instance("aws_lb_listener.ordered", {"create"}, json{{"port", 443}}, json{{"certificate_arn", true}});
    b.module_call("", "acm", json::object());
    b.config("module.acm", "aws_acm_certificate.c", json::object());
    b.config("module.acm", "aws_acm_certificate_validation.v",
             {{"certificate_arn", refs({"aws_acm_certificate.c.arn", "aws_acm_certificate.c"})}});
    b.output("module.acm", "arn", refs({"aws_acm_certificate.c.arn", "aws_acm_certificate.c"}));
    b.config("", "aws_lb_listener.direct", {{"certificate_arn", refs({"module.acm.arn", "module.acm"})}});
    b.config("", "aws_lb_listener.ordered", {{"certificate_arn", refs({"module.acm.arn", "module.acm"})}},
             "aws", {{"depends_on", json::array({"module.acm"})}});
    const Model m = load(b);
    CHECK_FALSE(consumer(m, "aws_lb_listener.direct").attachments[0].candidates[0].awaits_validation);
    CHECK(consumer(m, "aws_lb_listener.ordered").attachments[0].candidates[0].awaits_validation);
}

TEST_CASE("exports and values that cannot be followed", "[terraform]") {
    PlanBuilder b;
    b.provider("aws", "eu-west-1");
    b.instance("aws_acm_certificate.out", {"create"}, kNewCert, kCertUnknown)
        .instance("aws_acm_certificate.ssm", {"create"}, kNewCert, kCertUnknown)
        .instance("aws_ssm_parameter.arn", {"create"}, json{{"name", "/certs/arn"}}, json{{"value", true}})
        .instance("aws_lb_listener.l", {"create"}, json{{"port", 443}}, json{{"certificate_arn", true}});
    b.config("", "aws_acm_certificate.out", json::object());
    b.config("", "aws_acm_certificate.ssm", json::object());
    b.config("", "aws_ssm_parameter.arn", {{"value", refs({"aws_acm_certificate.ssm.arn", "aws_acm_certificate.ssm"})}});
    b.output("", "certificate_arn", refs({"aws_acm_certificate.out.arn", "aws_acm_certificate.out"}));
    b.config("", "aws_lb_listener.l", {{"certificate_arn", refs({"local.cert_arn"})}});
    const Model m = load(b);
    CHECK(cert(m, "aws_acm_certificate.out").exported);
    CHECK(cert(m, "aws_acm_certificate.ssm").exported);
    const Attachment& a = consumer(m, "aws_lb_listener.l").attachments.at(0);
    CHECK(a.candidates.empty());
    REQUIRE(a.unresolved.size() == 1);
    CHECK(a.unresolved[0].find("local values are not recorded") != std::string::npos);
    REQUIRE_FALSE(m.notes.empty());
}

TEST_CASE("a Terraform state is read as existing resources", "[terraform]") {
    const json state = {
        {"format_version", "1.0"},
        {"terraform_version", "1.9.8"},
        {"values",
         {{"root_module",
           {{"resources",
             json::array(
                 {json{{"address", "aws_acm_certificate.site"},
                       {"mode", "managed"},
                       {"type", "aws_acm_certificate"},
                       {"name", "site"},
                       {"provider_name", "registry.terraform.io/hashicorp/aws"},
                       {"values",
                        {{"arn", kEuArn},
                         {"domain_name", "example.com"},
                         {"validation_method", "DNS"},
                         {"status", "ISSUED"},
                         {"key_algorithm", "EC-prime256v1"}}}},
                  json{{"address", "aws_lb_listener.https"},
                       {"mode", "managed"},
                       {"type", "aws_lb_listener"},
                       {"name", "https"},
                       {"provider_name", "registry.terraform.io/hashicorp/aws"},
                       {"values",
                        {{"arn",
                          "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/a/1/2"},
                         {"certificate_arn", kEuArn}}}}})}}}}}};
    Model m;
    load_document(m, "terraform.tfstate.json", state.dump(), {});
    REQUIRE(std::string(certlint::to_string(m.inputs.at(0).kind)) == "terraform-state");
    const Consumer& l = consumer(m, "aws_lb_listener.https");
    CHECK(candidate_ids(m, l) == std::vector<std::string>{"aws_acm_certificate.site"});
    CHECK(*l.region.value == "eu-west-1");
    CHECK(cert(m, "aws_acm_certificate.site").action == Action::Existing);
    // DescribeCertificate's spelling, as a state may record it, in ACM's request spelling.
    CHECK(cert(m, "aws_acm_certificate.site").key_algorithm == "EC_prime256v1");
}

TEST_CASE("an empty state and a plan without resource_changes are read", "[terraform]") {
    Model m;
    load_document(m, "empty.json", R"({"format_version":"1.0"})", {});
    CHECK(m.certificates.empty());
    CHECK(std::string(certlint::to_string(m.inputs.at(0).kind)) == "terraform-state");
}
