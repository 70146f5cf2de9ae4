// The real plans of fixtures/corpus/tfplan: each is read (or refused with a one-line
// error), and the graph certlint builds from them is asserted where it can be justified by
// reading the plan.
#include <filesystem>
#include <map>
#include <set>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "model_lookup.hpp"
#include "support.hpp"

using namespace certlint;
namespace fs = std::filesystem;

namespace {

using certlint::test::cert;

std::string corpus(const std::string& name) {
    return test::corpus_path("tfplan/" + name);
}

Model load(const std::string& name, LoadOptions opts = {}) {
    return load_inputs({corpus(name)}, opts);
}

}  // namespace

TEST_CASE("every corpus plan is read or refused with a one-line error", "[corpus]") {
    int read = 0;
    for (const auto& entry : fs::directory_iterator(test::corpus_path("tfplan"))) {
        const std::string path = entry.path().string();
        INFO(path);
        if (path.find("invalid") != std::string::npos) {
            try {
                (void)load_inputs({path}, {});
                FAIL("invalid plan was accepted");
            } catch (const InputError& e) {
                const std::string what = e.what();
                CHECK(what.find(path) == 0);
                CHECK(what.find("invalid JSON") != std::string::npos);
                CHECK(what.find('\n') == std::string::npos);
            }
            continue;
        }
        const Model m = load_inputs({path}, {});
        REQUIRE(m.inputs.size() == 1);
        CHECK(std::string(certlint::to_string(m.inputs[0].kind)) == "terraform-plan");
        ++read;
    }
    CHECK(read == 16);
}

TEST_CASE("nested modules: regional API Gateway domain follows module output to its certificate",
          "[corpus]") {
    const Model m = load("tc_non_created_module_resource_parameter.plan.json");
    REQUIRE(m.certificates.size() == 1);
    const Certificate& c =
        cert(m, "module.apigw_test_1.module.acm_cert_regional[0].aws_acm_certificate.cert");
    // provider key "acm_cert_regional:aws" (Terraform 0.15) inherits module.apigw_test_1:aws,
    // which has no region and inherits the root provider's eu-west-1.
    REQUIRE(c.region.known());
    CHECK(*c.region.value == "eu-west-1");
    CHECK(c.action == Action::Create);
    CHECK(c.validation_method == "DNS");
    CHECK(c.has_validation_records);
    CHECK(c.has_waiter);
    REQUIRE(m.consumers.size() == 1);
    const Consumer& d = m.consumers[0];
    CHECK(d.id == "module.apigw_test_1.aws_api_gateway_domain_name.apigw");
    CHECK(d.kind == ConsumerKind::ApiGatewayDomain);
    // certificate_arn is known to be null; only regional_certificate_arn attaches.
    REQUIRE(d.attachments.size() == 1);
    CHECK(d.attachments[0].attribute == "regional_certificate_arn");
    CHECK_FALSE(d.attachments[0].edge);
    REQUIRE(d.attachments[0].candidates.size() == 1);
    CHECK(d.attachments[0].candidates[0].certificate == std::size_t{0});
    // depends_on = [module.acm_cert_regional], which holds the validation resource.
    CHECK(d.attachments[0].candidates[0].awaits_validation);
    REQUIRE(d.region.known());
    CHECK(*d.region.value == "eu-west-1");
    CHECK(d.domains == std::vector<std::string>{"testapi.cc.aws.cmclabs.io"});
}

TEST_CASE("Terraform 0.13 plan: bare references count as validation records", "[corpus]") {
    const Model m = load("tc_issue-427.plan.json");
    REQUIRE(m.certificates.size() == 1);
    const Certificate& c = m.certificates[0];
    CHECK(c.id == "aws_acm_certificate.sayu_cert");
    CHECK(*c.region.value == "us-west-1");
    CHECK(c.domain_name == "*.misayu.cl");
    CHECK(c.subject_alternative_names == std::vector<std::string>{"misayu.cl"});
    CHECK(c.has_validation_records);
    CHECK(c.has_waiter);
    CHECK_FALSE(c.exported);
    CHECK(m.consumers.empty());
}

TEST_CASE("UTF-16 plan with a lone DNS certificate", "[corpus]") {
    const Model m = load("checkov_plan_with_lifecycle_check.tfplan.json");
    REQUIRE(m.certificates.size() == 1);
    const Certificate& c = m.certificates[0];
    CHECK(c.validation_method == "DNS");
    CHECK_FALSE(c.has_validation_records);
    CHECK_FALSE(c.has_waiter);
    CHECK(m.consumers.empty());
}

TEST_CASE("ALB listener with a literal certificate ARN", "[corpus]") {
    const Model m = load("tc_issue-249.plan.json");
    CHECK(m.certificates.empty());
    REQUIRE(m.consumers.size() == 1);
    const Consumer& l = m.consumers[0];
    CHECK(l.id == "module.alb.aws_alb_listener.alb");
    CHECK(l.action == Action::Existing);
    REQUIRE(*l.region.value == "us-east-1");
    REQUIRE(l.attachments.size() == 1);
    REQUIRE(l.attachments[0].candidates.size() == 1);
    CHECK(l.attachments[0].candidates[0].arn ==
          "arn:aws:acm:us-east-1:123456789012:certificate/a48731a1-5c79-411a-acb7-fa0b28937250");
}

TEST_CASE("CloudFront with the default certificate attaches none", "[corpus]") {
    CHECK(load("regula_cloudfront_distribution_https.plan.json").consumers.empty());
    CHECK(load("checkov_plan_after_unknown.tfplan.json").consumers.empty());
}

TEST_CASE("the findings on the real corpus plans are exactly the justified ones", "[corpus]") {
    using Found = std::set<std::pair<std::string, std::string>>;
    // The lone DNS certificate of the checkov plan has no records and no consumer; the
    // 0.13 wildcard certificate has records and a waiter but nothing uses it; the regional
    // API Gateway domain in nested modules waits for its eu-west-1 certificate (depends_on
    // the module holding the validation) and shares its region; the ALB listener's literal
    // certificate is in the listener's region. All others have no certificate at all.
    const std::map<std::string, Found> expected = {
        {"checkov_plan_with_lifecycle_check.tfplan.json",
         {{"CL002", "aws_acm_certificate.acme"}, {"CL201", "aws_acm_certificate.acme"}}},
        {"tc_issue-427.plan.json", {{"CL201", "aws_acm_certificate.sayu_cert"}}},
    };
    for (const auto& entry : fs::directory_iterator(test::corpus_path("tfplan"))) {
        const std::string name = entry.path().filename().string();
        if (name.find("invalid") != std::string::npos) continue;
        INFO(name);
        const Model m = load(name);
        Found found;
        for (const Finding& f : run_rules(m, {}).findings) found.emplace(f.rule_id, f.resource);
        const auto want = expected.find(name);
        CHECK(found == (want == expected.end() ? Found{} : want->second));
    }
}
