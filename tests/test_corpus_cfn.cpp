// The real templates of fixtures/corpus/cfn and cfn-nested: every one is read (or refused
// with a one-line error, the BROKEN one), and the graph and findings are asserted where they
// can be justified by reading the template.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "model_lookup.hpp"
#include "support.hpp"

using namespace certlint;
namespace fs = std::filesystem;

namespace {

using certlint::test::cert;
using certlint::test::consumer;
using certlint::test::in_region;

const std::string kCfnDir = test::corpus_path("cfn") + "/";
const std::string kNestedDir = test::corpus_path("cfn-nested/securestaticsite") + "/";

Model load(const std::string& path, const std::string& region = "eu-west-1") {
    return load_inputs({path}, in_region(region));
}

// The (rule, resource) pairs the rules report on `m`.
std::set<std::pair<std::string, std::string>> findings(const Model& m) {
    std::set<std::pair<std::string, std::string>> out;
    for (const Finding& f : run_rules(m, RunOptions{}).findings) out.emplace(f.rule_id, f.resource);
    return out;
}

std::string candidate_cert(const Model& m, const Attachment& a) {
    REQUIRE(a.candidates.size() == 1);
    REQUIRE(a.candidates[0].certificate);
    return m.certificates[*a.candidates[0].certificate].id;
}

// Certificates and consumers of each corpus template, counted by reading them.
const std::map<std::string, std::pair<int, int>> kCounts = {
    {"binxio_cfn-certificate-provider_demo-stack.yaml", {0, 0}},  // Custom::Certificate only
    {"cdk_cloudfront-distribution-certificate-validation.template.json", {0, 1}},
    {"cdk_integ-acm-stack.template.json", {1, 0}},
    {"cdk_integ-cloudfront-stack.template.json", {0, 1}},
    {"cdk_integ-dns-validated-certificate.template.json", {1, 0}},
    {"cdk_integ-key-algorithm.template.json", {3, 0}},
    {"cfnlint_quickstart_nist_application.yaml", {0, 0}},  // SSLCertificateId only in UserData
    {"cfnnag_apigateway_with_tls_10.json", {0, 0}},
    {"cfnnag_cloudfront_with_tls_10.json", {0, 0}},  // default CloudFront certificates
    {"cfnnag_listener_with_pre_TLS_1_2_ssl_policy.yml", {0, 1}},
    {"cfnsamples_apigw-custom-domain-module.json", {0, 1}},
    {"cfntemplates_AutoScalingMultiAZWithNotifications.yaml", {0, 1}},
    {"cfntemplates_CloudFrontCustomOriginLambdaEdge.json", {0, 2}},
    {"cfntemplates_CloudFrontCustomOriginLambdaEdge.yaml", {0, 2}},
    {"cfntemplates_SapPrivateLink.json", {1, 1}},
    {"cfntemplates_SapPrivateLink.yaml", {1, 1}},
    {"cfntemplates_SapPrivateLinkNoHostedZone.yaml", {1, 1}},
    {"cfntemplates_compliant-static-website.yaml", {0, 0}},
    {"cloudfront-authorization-at-edge_template.yaml", {0, 1}},
    {"quickstart-jira-dc.template.yaml", {0, 1}},
    {"refarch-wordpress_03-publicalb.yaml", {0, 1}},
    {"refarch-wordpress_04-cloudfront.yaml", {0, 1}},
    {"sam_input_api_with_custom_domain_route53_multiple.yaml", {0, 3}},
    {"sam_input_mixed_api_with_custom_domain_route53_multiple.yaml", {0, 2}},
    {"sam_output_api_with_basic_custom_domain_http.json", {0, 1}},
    {"sam_output_api_with_custom_domain_route53_multiple.json", {0, 3}},
    {"sam_output_api_with_custom_domain_security_policy_private.json", {0, 1}},
    {"sam_output_mixed_api_with_custom_domain_route53_multiple.json", {0, 2}},
    {"serverlesspatterns_apigw-custom-domain-regional.yaml", {0, 1}},
    {"serverlesspatterns_apigw-edge-custom-domain_certificate.yaml", {1, 0}},
    {"serverlesspatterns_apigw-edge-custom-domain_template.yaml", {0, 1}},
    {"serverlesspatterns_apigw-mutualtls-lambda.yaml", {0, 1}},
    {"serverlesspatterns_apigw-private-cdn-private-ca.yaml", {1, 1}},
    {"serverlesspatterns_apigw-route53-failover.yaml", {0, 1}},
    {"serverlesspatterns_public-nlb-or-alb-private-api.yaml", {1, 2}},
    {"serverlesspatterns_route53-alb-s3.yaml", {1, 1}},
    {"troposphere_Autoscaling.template.json", {0, 1}},
    {"troposphere_CertificateManagerSample.template.json", {1, 0}},
    {"widdix_ecs-cluster.yaml", {0, 1}},
    {"widdix_fargate-cluster.yaml", {0, 1}},
    {"widdix_jenkins2-ha-agents.yaml", {0, 0}},  // HTTP listeners only
    {"widdix_static-website.yaml", {1, 1}},
    {"widdix_wordpress-ha-aurora.yaml", {0, 2}},
    {"widdix_wordpress-ha.yaml", {0, 2}},
};

}  // namespace

TEST_CASE("every corpus template is read, or refused with a one-line error", "[corpus][cfn]") {
    int read = 0;
    for (const auto& entry : fs::directory_iterator(kCfnDir)) {
        const std::string path = entry.path().string();
        const std::string name = entry.path().filename().string();
        INFO(path);
        if (name.find("_BROKEN") != std::string::npos) {
            try {
                (void)load(path);
                FAIL("a template that does not parse was accepted");
            } catch (const InputError& e) {
                const std::string what = e.what();
                CHECK(what.rfind(path + ": ", 0) == 0);
                CHECK(what.find("invalid YAML at line 35") != std::string::npos);
                CHECK(what.find('\n') == std::string::npos);
            }
            continue;
        }
        const Model m = load(path);
        REQUIRE(m.inputs.size() == 1);
        CHECK(std::string(certlint::to_string(m.inputs[0].kind)) == "cloudformation");
        const auto expected = kCounts.find(name);
        REQUIRE(expected != kCounts.end());
        CHECK(static_cast<int>(m.certificates.size()) == expected->second.first);
        CHECK(static_cast<int>(m.consumers.size()) == expected->second.second);
        for (const Certificate& c : m.certificates) {
            REQUIRE(c.location);
            CHECK(c.location->file == path);
            CHECK(c.location->line > 0);
            CHECK(c.has_waiter);
        }
        ++read;
    }
    CHECK(read == static_cast<int>(kCounts.size()));
    for (const auto& entry : fs::directory_iterator(kNestedDir)) {
        INFO(entry.path().string());
        CHECK_NOTHROW(load(entry.path().string()));
    }
}

TEST_CASE("securestaticsite: the CloudFront stack uses the certificate stack's output",
          "[corpus][cfn][nested]") {
    const Model m = load(kNestedDir + "main.yaml");
    REQUIRE(m.certificates.size() == 1);
    REQUIRE(m.consumers.size() == 1);
    const Certificate& c = cert(m, "AcmCertificateStack/Certificate");
    CHECK(c.location->file == kNestedDir + "acm-certificate.yaml");
    CHECK(c.location->line == 20);
    CHECK(c.validation_method == "DNS");
    CHECK(c.has_validation_records);  // both names carry HostedZoneId (the apex one conditionally)
    CHECK(c.names_without_validation_records.empty());
    CHECK(c.exported);
    const Consumer& cf = consumer(m, "CloudFrontStack/CloudFrontDistribution");
    CHECK(cf.kind == ConsumerKind::CloudFront);
    CHECK(cf.location->file == kNestedDir + "cloudfront-site.yaml");
    CHECK(cf.location->line == 55);
    REQUIRE(cf.attachments.size() == 1);
    CHECK(cf.attachments[0].edge);
    CHECK(candidate_cert(m, cf.attachments[0]) == "AcmCertificateStack/Certificate");
    // The template's own Rules say: deploy in us-east-1 only. Elsewhere CloudFront refuses it.
    CHECK(findings(m) == std::set<std::pair<std::string, std::string>>{
                             {"CL101", "CloudFrontStack/CloudFrontDistribution"}});
    CHECK(findings(load(kNestedDir + "main.yaml", "us-east-1")).empty());
}

TEST_CASE("SapPrivateLink: DNS validation with and without HostedZoneId", "[corpus][cfn]") {
    for (const char* twin :
         {"cfntemplates_SapPrivateLink.yaml", "cfntemplates_SapPrivateLink.json"}) {
        INFO(twin);
        const Model m = load(kCfnDir + twin);
        const Certificate& c = cert(m, "ASCPrivateLinkCertificate");
        CHECK(c.validation_method == "DNS");
        CHECK(c.has_validation_records);
        // ASCPrivateLinkEnablePrivateDNS takes DomainName and HostedZoneId too, but it is no
        // certificate request.
        CHECK(m.certificates.size() == 1);
        CHECK(candidate_cert(m, consumer(m, "ASCPrivateLinkListener").attachments.at(0)) ==
              "ASCPrivateLinkCertificate");
        CHECK(findings(m).empty());
    }
    const Model m = load(kCfnDir + "cfntemplates_SapPrivateLinkNoHostedZone.yaml");
    const Certificate& c = cert(m, "ASCPrivateLinkCertificate");
    CHECK(c.validation_method == "DNS");
    CHECK_FALSE(c.has_validation_records);
    CHECK(c.names_without_validation_records ==
          std::vector<std::string>{"{\"Ref\":\"DomainName\"}"});
    CHECK(findings(m) ==
          std::set<std::pair<std::string, std::string>>{{"CL002", "ASCPrivateLinkCertificate"}});
}

TEST_CASE("CloudFrontCustomOriginLambdaEdge: an ARN built from the deploy region",
          "[corpus][cfn]") {
    for (const char* twin : {"cfntemplates_CloudFrontCustomOriginLambdaEdge.yaml",
                             "cfntemplates_CloudFrontCustomOriginLambdaEdge.json"}) {
        INFO(twin);
        // AcmCertificateArn: !Sub arn:${AWS::Partition}:acm:${AWS::Region}:...: the
        // certificate is in the stack's region, which CloudFront accepts only in us-east-1.
        const Model m = load(kCfnDir + twin);
        const Attachment& a = consumer(m, "CloudFrontDistribution").attachments.at(0);
        REQUIRE(a.candidates.size() == 1);
        CHECK_FALSE(a.candidates[0].arn);
        CHECK(a.candidates[0].region.value == std::optional<std::string>("eu-west-1"));
        CHECK(findings(m) ==
              std::set<std::pair<std::string, std::string>>{{"CL101", "CloudFrontDistribution"}});
        CHECK(findings(load(kCfnDir + twin, "us-east-1")).empty());
    }
}

TEST_CASE("widdix static-website: a conditional certificate behind Fn::If", "[corpus][cfn]") {
    const Model m = load(kCfnDir + "widdix_static-website.yaml", "us-east-1");
    const Attachment& a = consumer(m, "CloudFrontDistribution").attachments.at(0);
    REQUIRE(a.candidates.size() == 1);
    CHECK(a.candidates[0].condition == "HasCreateAcmCertificate");
    CHECK(m.certificates.at(*a.candidates[0].certificate).id == "Certificate");
    CHECK(a.unresolved.size() == 1);
    CHECK(findings(m).empty());

    LoadOptions existing = in_region("us-east-1");
    existing.parameters["CertificateType"] = "AcmCertificateArn";
    existing.parameters["ExistingCertificate"] =
        "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    const Model e = load_inputs({kCfnDir + "widdix_static-website.yaml"}, existing);
    CHECK(e.certificates.empty());  // its Condition is false
    const Attachment& b = consumer(e, "CloudFrontDistribution").attachments.at(0);
    REQUIRE(b.candidates.size() == 1);
    CHECK(b.candidates[0].arn == existing.parameters["ExistingCertificate"]);
}

TEST_CASE("SAM inputs: regional domains with us-east-1 certificates", "[corpus][cfn][sam]") {
    const Model m = load(kCfnDir + "sam_input_api_with_custom_domain_route53_multiple.yaml");
    for (const Consumer& c : m.consumers) {
        CHECK(c.type == "AWS::Serverless::Api");
        CHECK_FALSE(c.attachments.at(0).edge);  // EndpointConfiguration: REGIONAL
    }
    CHECK(findings(m) ==
          std::set<std::pair<std::string, std::string>>{{"CL102", "ApiGatewayAdminOne"},
                                                        {"CL102", "ApiGatewayAdminTwo"},
                                                        {"CL102", "ApiGatewayAdminThree"}});
    CHECK(findings(
              load(kCfnDir + "sam_input_api_with_custom_domain_route53_multiple.yaml", "us-east-1"))
              .empty());
    const Model mixed =
        load(kCfnDir + "sam_input_mixed_api_with_custom_domain_route53_multiple.yaml");
    CHECK(consumer(mixed, "MyHttpApi").kind == ConsumerKind::ApiGatewayV2Domain);
    CHECK(consumer(mixed, "MyRestApi").kind == ConsumerKind::ApiGatewayDomain);
}

TEST_CASE("CDK snapshots in the corpus", "[corpus][cfn][cdk]") {
    const Model keys = load(kCfnDir + "cdk_integ-key-algorithm.template.json");
    CHECK(cert(keys, "ECprime256v1A2C983CE").key_algorithm == "EC_prime256v1");
    CHECK(cert(keys, "ECsecp384r16CA95ECC").key_algorithm == "EC_secp384r1");
    CHECK(cert(keys, "RSA2048CD164E12").key_algorithm == "RSA_2048");

    const Model dvc = load(kCfnDir + "cdk_integ-dns-validated-certificate.template.json");
    const Certificate& c = cert(dvc, "CertificateCertificateRequestorResource2890C6B7");
    CHECK(c.type == "AWS::CloudFormation::CustomResource");
    CHECK(c.validation_method == "DNS");
    CHECK(c.has_validation_records);
    CHECK(c.domain_name == "*.example.com");

    const Model acm = load(kCfnDir + "cdk_integ-acm-stack.template.json");
    CHECK(cert(acm, "Cert5C9FAEC1").exported_by.rfind("cross-region export /cdk/exports/", 0) == 0);

    // Fn::GetStackOutput names a stack that a lone template does not contain: the ARN is not
    // known, but the stack's Region (us-east-1) is the certificate's.
    const Model cf = load(kCfnDir + "cdk_integ-cloudfront-stack.template.json");
    const Attachment& a = consumer(cf, "Distro87EBE6BA").attachments.at(0);
    REQUIRE(a.candidates.size() == 1);
    CHECK_FALSE(a.candidates[0].arn);
    CHECK_FALSE(a.candidates[0].certificate);
    CHECK(a.candidates[0].region.value == std::optional<std::string>("us-east-1"));
    REQUIRE(a.unresolved.size() == 1);
    CHECK(a.unresolved[0].find("integ-acm-stack") != std::string::npos);
    CHECK(findings(cf).empty());

    const Model literal =
        load(kCfnDir + "cdk_cloudfront-distribution-certificate-validation.template.json");
    CHECK(findings(literal).empty());  // a literal us-east-1 ARN
}

TEST_CASE("corpus certificates: EMAIL, private and exported", "[corpus][cfn]") {
    const Model tropo = load(kCfnDir + "troposphere_CertificateManagerSample.template.json");
    CHECK(cert(tropo, "mycert").validation_method == "EMAIL");
    CHECK(findings(tropo) ==
          std::set<std::pair<std::string, std::string>>{{"CL001", "mycert"}, {"CL201", "mycert"}});

    const Model priv = load(kCfnDir + "serverlesspatterns_route53-alb-s3.yaml");
    CHECK(cert(priv, "Certificate").cert_type == CertType::Private);
    CHECK(findings(priv).empty());

    const Model ssm =
        load(kCfnDir + "serverlesspatterns_apigw-edge-custom-domain_certificate.yaml");
    CHECK(cert(ssm, "Certificate").exported);
    CHECK(findings(ssm).empty());

    const Model jira = load(kCfnDir + "quickstart-jira-dc.template.yaml");
    CHECK(jira.notes.size() == 2);  // two nested stacks with S3 TemplateURLs are not followed
}
