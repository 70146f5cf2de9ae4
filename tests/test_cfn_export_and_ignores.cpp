// CloudFormation / CDK answers around what leaves the deployment and what the template says
// about its own checks: nested stacks that are not followed (CDK asset templates that were
// not kept, S3 TemplateURLs, SAR applications), exportable certificates (CertificateExport),
// the deprecated CT-logging opt-out, and `Metadata: {certlint: {ignore: [...]}}`.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "model_lookup.hpp"
#include "readers/readers.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;
namespace fs = std::filesystem;

namespace {

using certlint::test::cert;
using certlint::test::consumer;
using certlint::test::in_region;
using certlint::test::run_certlint;
using certlint::test::TempDir;

std::string fixture(const std::string& rel) {
    return test::kSourceDir + "/fixtures/rules/" + rel;
}

Model load_text(const std::string& text, const std::string& path = "template.yaml") {
    Model m;
    load_document(m, path, text, in_region("eu-west-1"));
    return m;
}

std::string load_error(const std::string& text) {
    try {
        (void)load_text(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

// The findings of every rule at its defaults, as (rule id, resource) pairs.
std::vector<std::pair<std::string, std::string>> findings_of(const Model& m,
                                                             Report* out = nullptr) {
    RunOptions opts;
    opts.now = "2026-11-01T00:00:00Z";
    Report report = run_rules(m, opts);
    std::vector<std::pair<std::string, std::string>> found;
    for (const Finding& f : report.findings) found.emplace_back(f.rule_id, f.resource);
    if (out != nullptr) *out = std::move(report);
    return found;
}

bool has_note(const std::vector<std::string>& notes, const std::string& text) {
    for (const std::string& n : notes) {
        if (n == text) return true;
    }
    return false;
}

const std::string kUnused = R"(Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: www.example.com
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: www.example.com, HostedZoneId: Z0123}]
)";

}  // namespace

TEST_CASE("a CDK nested stack whose asset template was not kept is a note, not an error",
          "[cloudformation][nested][cdk]") {
    const std::string dir = fixture("CL201/fire_cdk_nested_template_not_committed/cdk.out");
    const Model m = load_inputs({dir}, {});
    // The rest of the parent is read: both certificates, the one passed on is exported.
    REQUIRE(m.certificates.size() == 2);
    const Certificate& passed = cert(m, "SiteStack/Cert5C9FAEC1");
    CHECK(passed.exported);
    CHECK(passed.exported_by ==
          "parameter referencetoSiteStackCert3E41166ERef of nested stack "
          "SiteStack/AlbNestedStackAlbNestedStackResource08F0D0A4 (not followed)");
    CHECK_FALSE(cert(m, "SiteStack/SpareEA7E677E").exported);
    CHECK(m.consumers.empty());
    const std::string parent = (fs::path(dir) / "SiteStack.template.json").string();
    REQUIRE(m.notes.size() == 1);
    CHECK(m.notes[0] ==
          parent +
              ": nested stack SiteStack/AlbNestedStackAlbNestedStackResource08F0D0A4 is not "
              "followed: its template asset " +
              (fs::path(dir) / "SiteStackAlb69CCAC86.nested.template.json").string() +
              " is not beside the template, and its TemplateURL is not a local file");
    CHECK(findings_of(m) ==
          std::vector<std::pair<std::string, std::string>>{{"CL201", "SiteStack/SpareEA7E677E"}});

    // The command line: exit 0 (a warning), and --verbose says what was not followed.
    const auto run = run_certlint({"--verbose", "--no-color", dir});
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("note: " + m.notes[0]) != std::string::npos);
    CHECK(run.out.find("CL201") != std::string::npos);
}

TEST_CASE("a CDK asset beside the template is followed; a missing local TemplateURL is an error",
          "[cloudformation][nested][cdk]") {
    TempDir dir;
    dir.write("child.json", R"({"Resources": {
  "Listener": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
    "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/1",
    "Port": 443, "Protocol": "HTTPS",
    "Certificates": [{"CertificateArn": {"Ref": "CertArn"}}]}}},
  "Parameters": {"CertArn": {"Type": "String"}}})");
    const std::string with_asset = dir.write("parent.yaml", kUnused + R"(  Child:
    Type: AWS::CloudFormation::Stack
    Metadata: {aws:asset:path: child.json, aws:asset:property: TemplateURL}
    Properties:
      TemplateURL: https://s3.eu-west-1.amazonaws.com/assets/child.json
      Parameters: {CertArn: !Ref Cert}
)");
    const Model m = load_inputs({with_asset}, in_region("eu-west-1"));
    CHECK(m.notes.empty());
    const Consumer& l = consumer(m, "Child/Listener");
    REQUIRE(l.attachments.size() == 1);
    REQUIRE(l.attachments[0].candidates.size() == 1);
    CHECK(l.attachments[0].candidates[0].certificate == std::optional<std::size_t>(0));
    CHECK(cert(m, "Cert").exported_by == "parameter CertArn of nested stack Child");

    // The asset is missing and the TemplateURL names a local file that is missing too: the
    // template says it is local, so that stays an error.
    const std::string local = dir.write("local.yaml", kUnused + R"(  Child:
    Type: AWS::CloudFormation::Stack
    Metadata: {aws:asset:path: gone.json, aws:asset:property: TemplateURL}
    Properties: {TemplateURL: ./also-gone.yaml}
)");
    try {
        (void)load_inputs({local}, in_region("eu-west-1"));
        FAIL("accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) == local + ": line 8: nested stack Child: template " +
                                           (fs::path(dir.path()) / "also-gone.yaml").string() +
                                           " not found");
    }
}

TEST_CASE("a certificate passed to a nested stack that is not followed is exported",
          "[cloudformation][nested][CL201]") {
    const Model s3 =
        load_inputs({fixture("CL201/silent_cfn_yaml_remote_nested_stack_parameter/template.yaml")},
                    in_region("eu-west-1"));
    CHECK(cert(s3, "Certificate").exported_by ==
          "parameter CertificateArn of nested stack ApiStack (not followed)");
    CHECK(findings_of(s3).empty());

    const Model sar =
        load_inputs({fixture("CL201/silent_cfn_yaml_sar_application_parameter/template.yaml")},
                    in_region("eu-west-1"));
    CHECK(cert(sar, "Certificate").exported_by ==
          "parameter CertificateArn of nested stack StatusPage (not followed)");

    // Only what is passed: another certificate of the same template is still unused.
    const Model other = load_inputs(
        {fixture("CL201/fire_cfn_json_remote_nested_stack_other_certificate/template.json")},
        in_region("eu-west-1"));
    CHECK(cert(other, "ApiCertificate").exported);
    CHECK_FALSE(cert(other, "OldApiCertificate").exported);
    CHECK(findings_of(other) ==
          std::vector<std::pair<std::string, std::string>>{{"CL201", "OldApiCertificate"}});

    // A nested stack whose Condition is decided false passes nothing on.
    const Model off = load_text(kUnused + R"(  Api:
    Type: AWS::CloudFormation::Stack
    Condition: Never
    Properties:
      TemplateURL: https://bucket.s3.amazonaws.com/api.yaml
      Parameters: {CertificateArn: !Ref Cert}
Conditions:
  Never: !Equals [a, b]
)");
    CHECK_FALSE(cert(off, "Cert").exported);
}

TEST_CASE("CertificateExport is read, and an exportable certificate is not unused",
          "[cloudformation][cdk][CL201]") {
    const Model enabled = load_text(R"(Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: vpn.example.com
      ValidationMethod: DNS
      CertificateExport: ENABLED
      DomainValidationOptions: [{DomainName: vpn.example.com, HostedZoneId: Z0123}]
)");
    CHECK(cert(enabled, "Cert").export_option == "ENABLED");
    CHECK_FALSE(cert(enabled, "Cert").exported);  // not an export of its ARN
    Report report;
    CHECK(findings_of(enabled, &report).empty());
    CHECK(has_note(report.notes,
                   "Cert: CL201 not reported: the certificate is exportable (export ENABLED), "
                   "meant for use outside AWS; ACM renews it once it has been exported"));

    CHECK(cert(load_text(kUnused), "Cert").export_option.empty());
    const Model disabled = load_inputs(
        {fixture("CL201/fire_cfn_yaml_export_disabled/template.yaml")}, in_region("eu-west-1"));
    CHECK(cert(disabled, "Certificate").export_option == "DISABLED");
    CHECK(findings_of(disabled) ==
          std::vector<std::pair<std::string, std::string>>{{"CL201", "Certificate"}});

    // Real CDK output: acm.Certificate({allowExport: true}).
    const Model cdk = load_inputs({fixture("CL201/silent_cdk_exportable/cdk.out")}, LoadOptions{});
    CHECK(cert(cdk, "CertStack/Cert5C9FAEC1").export_option == "ENABLED");
    CHECK(findings_of(cdk).empty());
}

TEST_CASE("CL303 says the opt-out is deprecated and the names are published anyway",
          "[cloudformation][cdk][CL303]") {
    const Model m =
        load_inputs({fixture("CL303/fire_cdk_logging_disabled/cdk.out")}, LoadOptions{});
    Report report;
    CHECK(findings_of(m, &report) ==
          std::vector<std::pair<std::string, std::string>>{{"CL303", "AlbStack/Cert5C9FAEC1"}});
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].message ==
          "certificate transparency logging is set to DISABLED, but ACM has deprecated the "
          "opt-out and logs every public certificate: its names will be published in CT logs "
          "anyway; remove the setting");
}

TEST_CASE("Metadata ignores take rule IDs or names", "[cloudformation][ignore]") {
    const Model m = load_text(R"(Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Metadata:
      certlint:
        ignore: [unused-certificate, CL305]
    Properties:
      DomainName: "*.example.com"
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: example.com, HostedZoneId: Z0123}]
  Other:
    Type: AWS::CertificateManager::Certificate
    Metadata: {certlint: {ignore: transparency-logging-disabled}}
    Properties:
      DomainName: other.example.com
      ValidationMethod: DNS
      CertificateTransparencyLoggingPreference: DISABLED
      DomainValidationOptions: [{DomainName: other.example.com, HostedZoneId: Z0123}]
)");
    CHECK(cert(m, "Cert").suppressed == std::vector<std::string>{"CL201", "CL305"});
    CHECK(cert(m, "Other").suppressed == std::vector<std::string>{"CL303"});
    CHECK(findings_of(m) == std::vector<std::pair<std::string, std::string>>{{"CL201", "Other"}});
}

TEST_CASE("an unknown rule in a Metadata ignore is an error naming the file and resource",
          "[cloudformation][ignore]") {
    CHECK(load_error(R"(Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Metadata:
      certlint:
        ignore: [CL201, unused-certificates]
    Properties: {Port: 443}
)") == "template.yaml: line 6: resource Listener: Metadata certlint ignore: unknown rule "
       "'unused-certificates' (see certlint rules)");
    // Any resource, not only the ones certlint models; a single value too.
    CHECK(load_error(R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata: {certlint: {ignore: CL999}}
)") == "template.yaml: line 4: resource Bucket: Metadata certlint ignore: unknown rule "
       "'CL999' (see certlint rules)");
    CHECK(load_error(R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata: {certlint: {ignore: [!Ref Rule]}}
)") == "template.yaml: line 4: resource Bucket: Metadata certlint ignore: {\"Ref\":\"Rule\"} "
       "is not a rule ID or name");
    CHECK(load_error(R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata: {certlint: {ignore: {CL201: true}}}
)") == "template.yaml: line 4: resource Bucket: Metadata certlint ignore: must be a rule ID "
       "or name, or a list of them");
    CHECK(load_error(R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata: {certlint: {ignore: []}}
)") == "(no error)");

    // In a nested stack and on the command line: exit 2, one line naming both.
    TempDir dir;
    dir.write("child.yaml", R"(Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Metadata:
      certlint:
        ignore: [unused]
    Properties: {DomainName: www.example.com, ValidationMethod: DNS}
)");
    const std::string parent = dir.write("parent.json", R"({"Resources": {
  "Web": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "child.yaml"}}}})");
    const auto run = run_certlint({"--region", "eu-west-1", parent});
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find((fs::path(dir.path()) / "child.yaml").string() +
                       ": line 6: resource Web/Cert: Metadata certlint ignore: unknown rule "
                       "'unused' (see certlint rules)") != std::string::npos);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}
