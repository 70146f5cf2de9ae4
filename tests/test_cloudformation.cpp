// The CloudFormation / SAM / CDK reader: templates in memory and the CDK fixture assemblies,
// asserted on the model they produce (ids, lines, regions, candidates, conditions) and on the
// inputs they must refuse.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "model_lookup.hpp"
#include "readers/cfn_nested.hpp"
#include "readers/readers.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;
namespace fs = std::filesystem;

namespace {

using certlint::test::cert;
using certlint::test::consumer;
using certlint::test::in_region;

// Unsets AWS_REGION / AWS_DEFAULT_REGION (or sets them) for one test, restoring them after.
class RegionEnv {
public:
    explicit RegionEnv(const char* region = nullptr, const char* default_region = nullptr) {
        save("AWS_REGION", saved_region_);
        save("AWS_DEFAULT_REGION", saved_default_);
        set("AWS_REGION", region);
        set("AWS_DEFAULT_REGION", default_region);
    }
    ~RegionEnv() {
        set("AWS_REGION", saved_region_ ? saved_region_->c_str() : nullptr);
        set("AWS_DEFAULT_REGION", saved_default_ ? saved_default_->c_str() : nullptr);
    }
    RegionEnv(const RegionEnv&) = delete;
    RegionEnv& operator=(const RegionEnv&) = delete;

private:
    static void save(const char* name, std::optional<std::string>& out) {
        if (const char* v = std::getenv(name)) out = v;
    }
    static void set(const char* name, const char* value) {
        if (value != nullptr) {
            setenv(name, value, 1);
        } else {
            unsetenv(name);
        }
    }
    std::optional<std::string> saved_region_;
    std::optional<std::string> saved_default_;
};

Model load_text(const std::string& text, const LoadOptions& opts = in_region("eu-west-1"),
                const std::string& path = "template.yaml") {
    Model m;
    load_document(m, path, text, opts);
    return m;
}

std::string load_error(const std::string& text, const std::string& path = "template.yaml") {
    try {
        (void)load_text(text, in_region("eu-west-1"), path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string cert_id(const Model& m, const CertCandidate& c) {
    return c.certificate ? m.certificates[*c.certificate].id : std::string("-");
}

std::string fixture(const std::string& rel) {
    return test::kSourceDir + "/fixtures/rules/" + rel;
}

using test::TempDir;

const char* const kCertificate = R"(  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: www.example.com
      ValidationMethod: DNS
      DomainValidationOptions:
        - DomainName: www.example.com
          HostedZoneId: Z0123
)";

}  // namespace

TEST_CASE("certificate fields come from the template", "[cloudformation]") {
    const Model m = load_text(R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Metadata:
      certlint:
        ignore: [CL201, CL305]
    Properties:
      DomainName: example.com
      SubjectAlternativeNames: ["*.example.com", www.example.com]
      KeyAlgorithm: EC_prime256v1
      CertificateTransparencyLoggingPreference: DISABLED
)");
    REQUIRE(m.certificates.size() == 1);
    const Certificate& c = m.certificates[0];
    CHECK(c.id == "Cert");
    CHECK(c.type == "AWS::CertificateManager::Certificate");
    CHECK(c.input == 0);
    REQUIRE(c.location);
    CHECK(c.location->file == "template.yaml");
    CHECK(c.location->line == 3);
    CHECK(c.managed);
    CHECK(c.action == Action::Create);
    CHECK(c.region.value == std::optional<std::string>("eu-west-1"));
    CHECK(c.partition == "aws");
    CHECK(c.cert_type == CertType::AmazonIssued);
    CHECK(c.validation_method == "EMAIL");  // omitted means EMAIL
    CHECK(c.names_known);
    CHECK(c.domain_name == "example.com");
    CHECK(c.subject_alternative_names ==
          std::vector<std::string>{"*.example.com", "www.example.com"});
    CHECK(c.key_algorithm == "EC_prime256v1");
    CHECK(c.transparency_logging == "DISABLED");
    CHECK(c.has_waiter);
    CHECK_FALSE(c.has_validation_records);
    CHECK_FALSE(c.exported);
    CHECK(c.suppressed == std::vector<std::string>{"CL201", "CL305"});
    REQUIRE(m.inputs.size() == 1);
    CHECK(m.inputs[0].kind == InputKind::CloudFormation);
}

TEST_CASE("private certificates and unknown names", "[cloudformation]") {
    const Model m = load_text(R"(Parameters:
  Domain:
    Type: String
Resources:
  Private:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: !Sub "api.${Domain}"
      CertificateAuthorityArn: arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/x
)");
    const Certificate& c = cert(m, "Private");
    CHECK(c.cert_type == CertType::Private);
    CHECK(c.validation_method.empty());
    CHECK_FALSE(c.names_known);
    CHECK(c.domain_name.empty());
}

TEST_CASE("DNS validation records: HostedZoneId per name, wildcards share", "[cloudformation]") {
    const Model m = load_text(R"(Parameters:
  Zone: {Type: String}
Resources:
  AllZoned:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: example.com
      SubjectAlternativeNames: ["*.example.com"]
      ValidationMethod: DNS
      DomainValidationOptions:
        - {DomainName: example.com, HostedZoneId: !Ref Zone}
  Partly:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: example.com
      SubjectAlternativeNames: [www.example.com, api.example.com]
      ValidationMethod: dns
      DomainValidationOptions:
        - {DomainName: example.com, HostedZoneId: Z1}
        - {DomainName: api.example.com, ValidationDomain: example.com}
  NoOptions:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: example.com
      ValidationMethod: DNS
  SameExpression:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: !Sub "www.${Zone}"
      ValidationMethod: DNS
      DomainValidationOptions:
        - DomainName: !Sub "www.${Zone}"
          HostedZoneId: Z1
)");
    const Certificate& all = cert(m, "AllZoned");
    CHECK(all.validation_method == "DNS");
    CHECK(all.has_validation_records);
    CHECK(all.names_without_validation_records.empty());
    REQUIRE(all.domain_validations.size() == 1);
    CHECK(all.domain_validations[0].domain == "example.com");
    CHECK(all.domain_validations[0].has_hosted_zone);

    const Certificate& partly = cert(m, "Partly");
    CHECK(partly.validation_method == "DNS");
    CHECK(partly.has_validation_records);  // some records are created...
    CHECK(partly.names_without_validation_records ==
          std::vector<std::string>{"www.example.com", "api.example.com"});  // ...not these
    REQUIRE(partly.domain_validations.size() == 2);
    CHECK_FALSE(partly.domain_validations[1].has_hosted_zone);
    CHECK(partly.domain_validations[1].validation_domain == "example.com");

    const Certificate& none = cert(m, "NoOptions");
    CHECK_FALSE(none.has_validation_records);
    CHECK(none.names_without_validation_records == std::vector<std::string>{"example.com"});

    CHECK(cert(m, "SameExpression").has_validation_records);
    CHECK(cert(m, "SameExpression").names_without_validation_records.empty());
}

TEST_CASE("every YAML short-form tag is read", "[cloudformation][yaml]") {
    const Model m = load_text(R"(Parameters:
  Env: {Type: String, Default: prod}
  CertId: {Type: String, Default: 11111111-2222-3333-4444-555555555555}
Mappings:
  Regions:
    eu-west-1: {Arn: "arn:aws:acm:us-east-1:123456789012:certificate/mapped"}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [a, a]]
  Either: !Or [!Condition IsProd, !Condition NotProd]
Resources:
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Aliases:
          - !Join [".", [www, example, com]]
          - !Select [1, !Split [",", "a.example.com,b.example.com"]]
        Comment: !Base64 hello
        ViewerCertificate:
          AcmCertificateArn: !FindInMap [Regions, !Ref "AWS::Region", Arn]
  Api:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      CertificateArn: !Sub "arn:${AWS::Partition}:acm:us-east-1:123456789012:certificate/${CertId}"
      RegionalCertificateArn: !ImportValue shared-cert
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      Certificates:
        - CertificateArn: !If [Both, !GetAtt Dist.Arn, !Select [0, !GetAZs ""]]
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      CidrBlock: !Select [0, !Cidr ["10.0.0.0/16", 4, 8]]
)");
    const Consumer& dist = consumer(m, "Dist");
    CHECK(dist.kind == ConsumerKind::CloudFront);
    CHECK(dist.domains == std::vector<std::string>{"www.example.com", "b.example.com"});
    REQUIRE(dist.attachments.size() == 1);
    REQUIRE(dist.attachments[0].candidates.size() == 1);
    CHECK(dist.attachments[0].candidates[0].arn ==
          std::optional<std::string>("arn:aws:acm:us-east-1:123456789012:certificate/mapped"));

    const Consumer& api = consumer(m, "Api");
    REQUIRE(api.attachments.size() == 2);
    CHECK(api.attachments[0].attribute == "CertificateArn");
    CHECK(api.attachments[0].edge);
    REQUIRE(api.attachments[0].candidates.size() == 1);
    CHECK(
        api.attachments[0].candidates[0].arn ==
        std::optional<std::string>(
            "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"));
    CHECK(api.attachments[1].attribute == "RegionalCertificateArn");
    CHECK_FALSE(api.attachments[1].edge);
    CHECK(api.attachments[1].candidates.empty());
    CHECK(api.attachments[1].unresolved ==
          std::vector<std::string>{"Fn::ImportValue shared-cert cannot be resolved before deploy"});

    // Both is undecided (defaults do not decide conditions): both branches are kept.
    const Consumer& listener = consumer(m, "Listener");
    REQUIRE(listener.attachments.size() == 1);
    CHECK(listener.attachments[0].attribute == "Certificates[0].CertificateArn");
    CHECK(listener.attachments[0].unresolved.size() == 2);
}

TEST_CASE("JSON templates: long forms and line numbers of logical ids", "[cloudformation][json]") {
    const Model m = load_text(R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Cert": {
      "Type": "AWS::CertificateManager::Certificate",
      "Properties": {"DomainName": "www.example.com", "ValidationMethod": "DNS",
                     "DomainValidationOptions": [{"DomainName": "www.example.com",
                                                  "HostedZoneId": "Z1"}]}
    },

    "Dist": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": {"DistributionConfig": {"Aliases": ["www.example.com"],
        "ViewerCertificate": {"AcmCertificateArn": {"Fn::GetAtt": "Cert.Arn"}}}}
    },
    "Dist2": {"Type": "AWS::CloudFront::Distribution",
      "Properties": {"DistributionConfig": {
        "ViewerCertificate": {"AcmCertificateArn": {"Ref": "Cert"}}}}}
  }
})",
                              in_region("eu-west-1"), "template.json");
    CHECK(cert(m, "Cert").location->line == 4);
    CHECK(cert(m, "Cert").has_validation_records);
    CHECK(consumer(m, "Dist").location->line == 11);
    CHECK(consumer(m, "Dist2").location->line == 16);
    CHECK(cert_id(m, consumer(m, "Dist").attachments.at(0).candidates.at(0)) == "Cert");
    const auto& cands = consumer(m, "Dist2").attachments[0].candidates;
    REQUIRE(cands.size() == 1);
    CHECK(cert_id(m, cands[0]) == "Cert");
    CHECK(cands[0].awaits_validation);
    CHECK(cands[0].condition.empty());
    CHECK(consumer(m, "Dist2").region.value == std::optional<std::string>("eu-west-1"));
}

TEST_CASE("Fn::If keeps both branches unless --parameter decides", "[cloudformation][conditions]") {
    const std::string text = R"(Parameters:
  Existing: {Type: String, Default: ""}
  Stage: {Type: String, Default: prod}
Conditions:
  Create: !Equals [!Ref Existing, ""]
  Prod: !Equals [!Ref Stage, prod]
  CreateInProd: !And [!Condition Create, !Condition Prod]
Resources:
)" + std::string(kCertificate) +
                             R"(  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      Certificates:
        - CertificateArn: !If
            - CreateInProd
            - !Ref Certificate
            - !If [Prod, !Ref Existing, "arn:aws:acm:eu-west-1:123456789012:certificate/dev"]
)";
    SECTION("undecided: every branch, with its conditions") {
        const Model m = load_text(text);
        const Attachment& a = consumer(m, "Listener").attachments.at(0);
        REQUIRE(a.candidates.size() == 2);
        CHECK(cert_id(m, a.candidates[0]) == "Certificate");
        CHECK(a.candidates[0].condition == "CreateInProd");
        CHECK(a.candidates[1].arn ==
              std::optional<std::string>("arn:aws:acm:eu-west-1:123456789012:certificate/dev"));
        CHECK(a.candidates[1].condition == "!CreateInProd && !Prod");
        CHECK(a.unresolved == std::vector<std::string>{
                                  "Parameter Existing has no value (when !CreateInProd && Prod)"});
    }
    SECTION("decided by --parameter values") {
        LoadOptions o = in_region("eu-west-1");
        o.parameters["Existing"] = "arn:aws:acm:eu-west-1:123456789012:certificate/given";
        o.parameters["Stage"] = "prod";
        const Model m = load_text(text, o);
        const Attachment& a = consumer(m, "Listener").attachments.at(0);
        REQUIRE(a.candidates.size() == 1);
        CHECK(a.candidates[0].arn ==
              std::optional<std::string>("arn:aws:acm:eu-west-1:123456789012:certificate/given"));
        CHECK(a.candidates[0].condition.empty());
        CHECK(a.unresolved.empty());
    }
    SECTION("a resource whose Condition is decided false is not there") {
        LoadOptions o = in_region("eu-west-1");
        o.parameters["Existing"] = "arn:aws:acm:eu-west-1:123456789012:certificate/given";
        const std::string conditional = R"(Parameters:
  Existing: {Type: String, Default: ""}
Conditions:
  Create: !Equals [!Ref Existing, ""]
Resources:
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Condition: Create
    Properties: {DomainName: www.example.com}
)";
        CHECK(load_text(conditional, o).certificates.empty());
        CHECK(load_text(conditional).certificates.size() == 1);
    }
}

TEST_CASE("values that cannot be known before deploy say why", "[cloudformation]") {
    RegionEnv no_env;
    const Model m = load_text(R"(Parameters:
  NoDefault: {Type: String}
  FromSsm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /certs/web}
Resources:
  L1:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      Certificates:
        - CertificateArn: !Ref NoDefault
        - CertificateArn: "{{resolve:ssm:/certs/web}}"
        - CertificateArn: !Ref FromSsm
        - CertificateArn: !Sub "arn:aws:acm:${AWS::Region}:123456789012:certificate/x"
        - CertificateArn: !Ref AWS::NoValue
)",
                              LoadOptions{});
    const Consumer& c = consumer(m, "L1");
    CHECK(c.kind == ConsumerKind::ListenerCertificate);
    CHECK_FALSE(c.region.known());
    CHECK(c.region.why == "no deploy region: pass --region or set AWS_REGION");
    REQUIRE(c.attachments.size() == 4);  // the AWS::NoValue one attaches nothing
    CHECK(c.attachments[0].unresolved ==
          std::vector<std::string>{"Parameter NoDefault has no value"});
    CHECK(c.attachments[1].unresolved ==
          std::vector<std::string>{"{{resolve:ssm:/certs/web}} is resolved at deploy time"});
    CHECK(c.attachments[2].unresolved ==
          std::vector<std::string>{
              "Parameter FromSsm is read from SSM parameter /certs/web at deploy time"});
    CHECK(c.attachments[3].unresolved ==
          std::vector<std::string>{"no deploy region: pass --region or set AWS_REGION"});
    for (const Attachment& a : c.attachments) CHECK(a.candidates.empty());
}

TEST_CASE("a partly known ARN keeps its region", "[cloudformation]") {
    const Model m = load_text(R"(Parameters:
  CertId: {Type: String}
Resources:
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        ViewerCertificate:
          AcmCertificateArn: !Sub arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/${CertId}
)");
    const Attachment& a = consumer(m, "Dist").attachments.at(0);
    REQUIRE(a.candidates.size() == 1);
    // Not an ARN (the account and id are unknown), but a candidate whose region is known.
    CHECK_FALSE(a.candidates[0].arn);
    CHECK_FALSE(a.candidates[0].certificate);
    CHECK(a.candidates[0].region.value == std::optional<std::string>("eu-west-1"));
    CHECK(a.candidates[0].awaits_validation);
    REQUIRE(a.unresolved.size() == 1);
    CHECK(a.unresolved[0] == "AWS::AccountId is not known before deploy");

    // Without a deploy region, or with the region itself unknown, there is no candidate.
    RegionEnv no_env;
    const Model none = load_text(R"(Parameters:
  CertId: {Type: String}
  Region: {Type: String}
Resources:
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        ViewerCertificate:
          AcmCertificateArn: !Sub arn:aws:acm:${Region}:123456789012:certificate/${CertId}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      Certificates:
        - CertificateArn: !Sub arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/${CertId}
)",
                                 LoadOptions{});
    CHECK(consumer(none, "Dist").attachments.at(0).candidates.empty());
    CHECK(consumer(none, "Listener").attachments.at(0).candidates.empty());

    // Fn::Join, and a literal region with the partition unknown: the region is known.
    const std::string more_text = R"(Parameters:
  CertId: {Type: String}
Resources:
  Joined:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      Certificates:
        - CertificateArn: !Join [":", [arn, !Ref AWS::Partition, acm, !Ref AWS::Region, !Ref AWS::AccountId, !Sub "certificate/${CertId}"]]
  Literal:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      Certificates:
        - CertificateArn: !Sub arn:${AWS::Partition}:acm:us-east-1:${AWS::AccountId}:certificate/${CertId}
  NotAcm:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      Certificates:
        - CertificateArn: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:server-certificate/${CertId}
)";
    const Model more = load_text(more_text, LoadOptions{});
    CHECK(consumer(more, "Joined").attachments.at(0).candidates.empty());  // no deploy region
    const auto& lit = consumer(more, "Literal").attachments.at(0).candidates;
    REQUIRE(lit.size() == 1);
    CHECK(lit[0].region.value == std::optional<std::string>("us-east-1"));
    CHECK(consumer(more, "NotAcm").attachments.at(0).candidates.empty());
    const Model in_eu = load_text(more_text);
    const Attachment& joined = consumer(in_eu, "Joined").attachments.at(0);
    REQUIRE(joined.candidates.size() == 1);
    CHECK(joined.candidates[0].region.value == std::optional<std::string>("eu-west-1"));
    CHECK(joined.unresolved.size() == 1);
}

TEST_CASE("a region-only candidate: the region rules decide on it", "[cloudformation]") {
    const std::string text = R"(Parameters:
  CertId: {Type: String}
Resources:
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        ViewerCertificate:
          AcmCertificateArn: !Sub arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/${CertId}
)";
    const auto rules = [&](const std::string& region) {
        std::vector<std::string> out;
        for (const Finding& f :
             run_rules(load_text(text, in_region(region)), RunOptions{}).findings)
            out.push_back(f.rule_id + " " + f.resource);
        return out;
    };
    CHECK(rules("eu-west-1") == std::vector<std::string>{"CL101 Dist"});
    CHECK(rules("us-east-1").empty());
}

TEST_CASE("deploy region: --region, then AWS_REGION, then AWS_DEFAULT_REGION", "[cloudformation]") {
    const std::string text = "Resources:\n" + std::string(kCertificate);
    {
        RegionEnv env("ap-south-1", "sa-east-1");
        CHECK(load_text(text, in_region("us-west-2")).certificates[0].region.value ==
              std::optional<std::string>("us-west-2"));
        CHECK(load_text(text, LoadOptions{}).certificates[0].region.value ==
              std::optional<std::string>("ap-south-1"));
    }
    {
        RegionEnv env(nullptr, "sa-east-1");
        CHECK(load_text(text, LoadOptions{}).certificates[0].region.value ==
              std::optional<std::string>("sa-east-1"));
    }
    {
        RegionEnv env;
        const Certificate c = load_text(text, LoadOptions{}).certificates[0];
        CHECK_FALSE(c.region.known());
        CHECK(c.region.why.str().find("--region") != std::string::npos);
    }
    const Certificate cn = load_text(text, in_region("cn-north-1")).certificates[0];
    CHECK(cn.partition == "aws-cn");
}

TEST_CASE("consumer types and their attachments", "[cloudformation][consumers]") {
    const std::string arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
    const Model m = load_text(R"(Resources:
)" + std::string(kCertificate) +
                              R"(  ApiV2:
    Type: AWS::ApiGatewayV2::DomainName
    Properties:
      DomainName: api.example.com
      DomainNameConfigurations:
        - CertificateArn: !Ref Certificate
          EndpointType: REGIONAL
  ApiV1Private:
    Type: AWS::ApiGateway::DomainNameV2
    Properties: {DomainName: private.example.com, CertificateArn: !Ref Certificate}
  Classic:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
        - {LoadBalancerPort: "443", Protocol: HTTPS, SSLCertificateId: !Ref Certificate}
        - {LoadBalancerPort: "8443", Protocol: HTTPS,
           SSLCertificateId: "arn:aws:iam::123456789012:server-certificate/legacy"}
  Cognito:
    Type: AWS::Cognito::UserPoolDomain
    Properties:
      Domain: auth.example.com
      CustomDomainConfig: {CertificateArn: !Ref Certificate}
  AppSync:
    Type: AWS::AppSync::DomainName
    Properties: {DomainName: gql.example.com, CertificateArn: !Ref Certificate}
  Amplify:
    Type: AWS::Amplify::Domain
    Properties:
      DomainName: example.com
      CertificateSettings: {CertificateType: CUSTOM, CustomCertificateArn: !Ref Certificate}
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        CustomEndpointEnabled: true
        CustomEndpoint: search.example.com
        CustomEndpointCertificateArn: !Ref Certificate
  LegacySearch:
    Type: AWS::Elasticsearch::Domain
    Properties:
      DomainEndpointOptions: {CustomEndpointCertificateArn: ")" +
                              arn + R"("}
  IamOnly:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
        - {SSLCertificateId: "arn:aws:iam::123456789012:server-certificate/legacy"}
  DefaultCert:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        ViewerCertificate: {CloudFrontDefaultCertificate: true}
)");
    struct Expect {
        const char* id;
        const char* attribute;
        ConsumerKind kind;
        bool edge;
    };
    const Expect expected[] = {
        {"ApiV2", "DomainNameConfigurations[0].CertificateArn", ConsumerKind::ApiGatewayV2Domain,
         false},
        {"ApiV1Private", "CertificateArn", ConsumerKind::ApiGatewayDomain, false},
        {"Classic", "Listeners[0].SSLCertificateId", ConsumerKind::ClassicLoadBalancer, false},
        {"Cognito", "CustomDomainConfig.CertificateArn", ConsumerKind::CognitoDomain, true},
        {"AppSync", "CertificateArn", ConsumerKind::AppSyncDomain, true},
        {"Amplify", "CertificateSettings.CustomCertificateArn", ConsumerKind::AmplifyDomain, true},
        {"Search", "DomainEndpointOptions.CustomEndpointCertificateArn",
         ConsumerKind::OpenSearchDomain, false},
    };
    for (const Expect& e : expected) {
        INFO(e.id);
        const Consumer& c = consumer(m, e.id);
        CHECK(c.kind == e.kind);
        REQUIRE(c.attachments.size() == 1);  // the IAM certificate of Classic is not an attachment
        CHECK(c.attachments[0].attribute == e.attribute);
        CHECK(c.attachments[0].edge == e.edge);
        REQUIRE(c.attachments[0].candidates.size() == 1);
        CHECK(cert_id(m, c.attachments[0].candidates[0]) == "Certificate");
    }
    CHECK(consumer(m, "Cognito").domains == std::vector<std::string>{"auth.example.com"});
    CHECK(consumer(m, "Search").domains == std::vector<std::string>{"search.example.com"});
    CHECK(consumer(m, "LegacySearch").attachments.at(0).candidates.at(0).arn ==
          std::optional<std::string>(arn));
    CHECK(m.consumers.size() == 8);  // IamOnly and DefaultCert attach no ACM certificate
}

TEST_CASE("SAM APIs: Domain, EndpointConfiguration and Globals", "[cloudformation][sam]") {
    const Model m = load_text(R"(Transform: AWS::Serverless-2016-10-31
Globals:
  HttpApi:
    Domain:
      DomainName: http.example.com
      CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/http
Resources:
  Regional:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain: {DomainName: api.example.com, CertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/a"}
  Edge:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain:
        DomainName: edge.example.com
        CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/b
        EndpointConfiguration: EDGE
  Http:
    Type: AWS::Serverless::HttpApi
  NoDomain:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}
)");
    CHECK(m.consumers.size() == 3);
    const Consumer& regional = consumer(m, "Regional");
    CHECK(regional.type == "AWS::Serverless::Api");
    CHECK(regional.kind == ConsumerKind::ApiGatewayDomain);
    CHECK(regional.attachments.at(0).attribute == "Domain.CertificateArn");
    CHECK_FALSE(regional.attachments.at(0).edge);
    CHECK(regional.domains == std::vector<std::string>{"api.example.com"});
    CHECK(consumer(m, "Edge").attachments.at(0).edge);
    const Consumer& http = consumer(m, "Http");
    CHECK(http.kind == ConsumerKind::ApiGatewayV2Domain);
    CHECK(http.attachments.at(0).candidates.at(0).arn ==
          std::optional<std::string>("arn:aws:acm:eu-west-1:123456789012:certificate/http"));
}

TEST_CASE("Outputs, Exports and SSM parameters export a certificate", "[cloudformation]") {
    const Model m = load_text(R"(Resources:
  A:
    Type: AWS::CertificateManager::Certificate
    Properties: {DomainName: a.example.com, ValidationMethod: DNS}
  B:
    Type: AWS::CertificateManager::Certificate
    Properties: {DomainName: b.example.com, ValidationMethod: DNS}
  C:
    Type: AWS::CertificateManager::Certificate
    Properties: {DomainName: c.example.com, ValidationMethod: DNS}
  D:
    Type: AWS::CertificateManager::Certificate
    Properties: {DomainName: d.example.com, ValidationMethod: DNS}
  Param:
    Type: AWS::SSM::Parameter
    Properties: {Name: /certs/c, Type: String, Value: !Ref C}
Outputs:
  AArn:
    Value: !Ref A
  BArn:
    Value: !Join ["", [!Ref B]]
    Export: {Name: b-arn}
)");
    CHECK(cert(m, "A").exported);
    CHECK(cert(m, "A").exported_by == "output AArn");
    CHECK(cert(m, "B").exported_by == "export b-arn");
    CHECK(cert(m, "C").exported_by == "SSM parameter /certs/c");
    CHECK_FALSE(cert(m, "D").exported);
}

TEST_CASE("DnsValidatedCertificate custom resources are certificates", "[cloudformation][cdk]") {
    const Model m = load_text(R"(Resources:
  CertCertificateRequestorFunction:
    Type: AWS::Lambda::Function
    Properties: {Handler: index.certificateRequestHandler, Runtime: nodejs20.x}
  EdgeCert:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: !GetAtt CertCertificateRequestorFunction.Arn
      DomainName: www.example.com
      HostedZoneId: Z1
      Region: us-east-1
  OtherCustom:
    Type: Custom::EnableDns
    Properties:
      ServiceToken: !GetAtt SomeFunction.Arn
      DomainName: www.example.com
      HostedZoneId: Z1
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        ViewerCertificate: {AcmCertificateArn: !GetAtt EdgeCert.Arn}
)");
    REQUIRE(m.certificates.size() == 1);
    const Certificate& c = cert(m, "EdgeCert");
    CHECK(c.type == "AWS::CloudFormation::CustomResource");
    CHECK(c.region.value == std::optional<std::string>("us-east-1"));
    CHECK(c.validation_method == "DNS");
    CHECK(c.has_validation_records);
    CHECK(c.domain_name == "www.example.com");
    CHECK(cert_id(m, consumer(m, "Dist").attachments.at(0).candidates.at(0)) == "EdgeCert");
}

TEST_CASE("nested stacks: ids, parameters and outputs", "[cloudformation][nested]") {
    TempDir dir;
    dir.write("cert.yaml", R"(Parameters:
  Name: {Type: String}
Resources:
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: !Ref Name
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: !Ref Name, HostedZoneId: Z1}]
Outputs:
  Arn: {Value: !Ref Certificate}
)");
    fs::create_directories(fs::path(dir.path()) / "sub");
    dir.write("sub/site.json", R"({"Parameters": {"CertArn": {"Type": "String"}},
 "Resources": {
  "Listener": {"Type": "AWS::ElasticLoadBalancingV2::Listener",
   "Properties": {"Certificates": [{"CertificateArn": {"Ref": "CertArn"}}]}}}})");
    const std::string main = dir.write("main.yaml", R"(Resources:
  CertStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: cert.yaml
      Parameters: {Name: www.example.com}
  SiteStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: !Sub ./sub/site.json
      Parameters:
        CertArn: !GetAtt CertStack.Outputs.Arn
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/remote.yaml
)");
    const Model m = load_inputs({main}, in_region("eu-west-1"));
    REQUIRE(m.certificates.size() == 1);
    const Certificate& c = m.certificates[0];
    CHECK(c.id == "CertStack/Certificate");
    CHECK(c.domain_name == "www.example.com");
    CHECK(c.has_validation_records);
    CHECK(c.location->file == (fs::path(dir.path()) / "cert.yaml").string());
    CHECK(c.location->line == 4);
    CHECK(c.exported);  // passed to a sibling stack
    const Consumer& l = consumer(m, "SiteStack/Listener");
    CHECK(l.location->file == (fs::path(dir.path()) / "sub" / "site.json").string());
    CHECK(l.location->line == 3);
    CHECK(cert_id(m, l.attachments.at(0).candidates.at(0)) == "CertStack/Certificate");
    REQUIRE(m.notes.size() == 1);
    CHECK(m.notes[0].find("Remote is not followed") != std::string::npos);
}

TEST_CASE("nested stacks that cannot be read are errors", "[cloudformation][nested]") {
    TempDir dir;
    const std::string missing = dir.write("missing.yaml", R"(Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: ./nowhere.yaml}
)");
    try {
        (void)load_inputs({missing}, {});
        FAIL("accepted");
    } catch (const InputError& e) {
        const std::string what = e.what();
        CHECK(what.find("missing.yaml: line 2: nested stack Child: template") != std::string::npos);
        CHECK(what.find("nowhere.yaml not found") != std::string::npos);
    }
    const std::string loop = dir.write("loop.yaml", R"(Resources:
  Again:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: ./loop.yaml}
)");
    try {
        (void)load_inputs({loop}, {});
        FAIL("a template nesting itself was accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("nests itself") != std::string::npos);
    }
}

TEST_CASE("inputs that are not templates are refused with one line", "[cloudformation][errors]") {
    const auto check = [](const std::string& what, const std::string& expected) {
        INFO(what);
        CHECK(what.rfind("template.yaml: ", 0) == 0);
        CHECK(what.find(expected) != std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
    };
    check(load_error("Resources:\n  A:\n    Type: X\n   bad: [\n"), "invalid YAML at line");
    check(load_error("- Resources\n- AWSTemplateFormatVersion\n"), "the document is a list");
    check(load_error("just a string with Resources\n"), "the document is a single value");
    check(load_error("Description: no resources\nOutputs: {}\n"), "no Resources section");
    check(load_error("Resources: [a, b]\n"), "Resources must be a mapping");
    check(load_error("Resources:\n  A: {Properties: {}}\n"), "line 2: resource A has no Type");
    check(load_error("Resources:\n  A: !Ref\n    - x\n  B: !Sub [\n"), "invalid YAML");
}

TEST_CASE("Fn::ForEach loops are not expanded, and said so", "[cloudformation]") {
    const Model m = load_text(R"(Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Certs:
    - Name
    - [a, b]
    - Cert${Name}:
        Type: AWS::CertificateManager::Certificate
        Properties: {DomainName: !Sub "${Name}.example.com"}
)");
    CHECK(m.certificates.empty());
    REQUIRE(m.notes.size() == 1);
    CHECK(m.notes[0].find("Fn::ForEach::Certs is not expanded") != std::string::npos);
}

TEST_CASE("YAML alias bombs and deep nesting are refused", "[cloudformation][errors]") {
    std::string bomb = "Resources:\n  A: {Type: X}\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
        bomb += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int k = 0; k < 10; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
        bomb += "]\n";
    }
    CHECK(load_error(bomb).find("more than") != std::string::npos);

    const std::string deep_flow = "Resources: " + std::string(100000, '[');
    CHECK(load_error(deep_flow).find("invalid YAML") != std::string::npos);

    std::string deep_block = "Resources:\n";
    for (int i = 0; i < 3000; ++i)
        deep_block += std::string(static_cast<std::size_t>(i) + 2, ' ') + "k:\n";
    CHECK(load_error(deep_block).find("template.yaml: ") == 0);

    std::string deep_json = "{\"Resources\": {\"A\": {\"Type\": \"X\", \"Properties\": ";
    for (int i = 0; i < 1200; ++i) deep_json += "[";
    for (int i = 0; i < 1200; ++i) deep_json += "]";
    deep_json += "}}}";
    CHECK(load_error(deep_json, "template.json").find("nested deeper than") != std::string::npos);
}

TEST_CASE("looks_like_cloudformation is a cheap text test", "[cloudformation]") {
    using readers::looks_like_cloudformation;
    CHECK(looks_like_cloudformation("AWSTemplateFormatVersion: 2010-09-09\n"));
    CHECK(looks_like_cloudformation("# comment\nResources:\n  A: {Type: X}\n"));
    CHECK(looks_like_cloudformation("{\n  \"Resources\" : {}}"));
    CHECK_FALSE(looks_like_cloudformation("name: ci\non: push\njobs: {}\n"));
    CHECK_FALSE(looks_like_cloudformation("  Resources: indented\n"));
}

TEST_CASE("CDK assemblies: stacks, regions and cross-stack references", "[cloudformation][cdk]") {
    RegionEnv no_env;
    SECTION("strong cross-region references (SSM export writer and reader)") {
        const Model m = load_inputs({fixture("CL101/silent_cdk_cross_region_strong/cdk.out")}, {});
        REQUIRE(m.inputs.size() == 1);
        CHECK(m.inputs[0].kind == InputKind::CdkAssembly);
        REQUIRE(m.certificates.size() == 1);
        const Certificate& c = cert(m, "CertStack/Cert5C9FAEC1");
        CHECK(c.region.value == std::optional<std::string>("us-east-1"));
        CHECK(c.exported_by.rfind("cross-region export /cdk/exports/SiteStack/", 0) == 0);
        CHECK(c.location->file.str().find("CertStack.template.json") != std::string::npos);
        const Consumer& d = consumer(m, "SiteStack/DistB3B78991");
        CHECK(d.region.value == std::optional<std::string>("eu-west-1"));
        CHECK(cert_id(m, d.attachments.at(0).candidates.at(0)) == "CertStack/Cert5C9FAEC1");
    }
    SECTION("weak cross-region references (Fn::GetStackOutput)") {
        const Model m = load_inputs({fixture("CL101/silent_cdk_cross_region_weak/cdk.out")}, {});
        const Consumer& d = consumer(m, "SiteStack/DistB3B78991");
        CHECK(cert_id(m, d.attachments.at(0).candidates.at(0)) == "CertStack/Cert5C9FAEC1");
        CHECK(cert(m, "CertStack/Cert5C9FAEC1").region.value ==
              std::optional<std::string>("us-east-1"));
    }
    SECTION("same-region references (Export / Fn::ImportValue)") {
        const Model m = load_inputs({fixture("CL101/fire_cdk_same_region_stacks/cdk.out")}, {});
        const Consumer& d = consumer(m, "SiteStack/DistB3B78991");
        CHECK(cert_id(m, d.attachments.at(0).candidates.at(0)) == "CertStack/Cert5C9FAEC1");
        CHECK(cert(m, "CertStack/Cert5C9FAEC1").region.value ==
              std::optional<std::string>("eu-west-1"));
    }
    SECTION("DnsValidatedCertificate with and without region") {
        const Model east =
            load_inputs({fixture("CL101/silent_cdk_dns_validated_certificate/cdk.out")}, {});
        REQUIRE(east.certificates.size() == 1);
        CHECK(east.certificates[0].region.value == std::optional<std::string>("us-east-1"));
        const Model local =
            load_inputs({fixture("CL101/fire_cdk_dns_validated_certificate/cdk.out")}, {});
        REQUIRE(local.certificates.size() == 1);
        CHECK(local.certificates[0].region.value == std::optional<std::string>("eu-west-1"));
    }
    SECTION("default validation is EMAIL; fromDns() without a zone creates no records") {
        const Model email = load_inputs({fixture("CL001/fire_cdk_default_validation/cdk.out")}, {});
        CHECK(email.certificates.at(0).validation_method == "EMAIL");
        const Model dns = load_inputs({fixture("CL002/fire_cdk_dns_without_zone/cdk.out")}, {});
        CHECK(dns.certificates.at(0).validation_method == "DNS");
        CHECK_FALSE(dns.certificates.at(0).has_validation_records);
    }
}

TEST_CASE("CDK manifests: unknown regions fall back, broken manifests are errors",
          "[cloudformation][cdk]") {
    RegionEnv no_env;
    TempDir dir;
    dir.write("manifest.json", R"({"version": "55.0.0", "artifacts": {
      "App": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
              "properties": {"templateFile": "App.template.json", "stackName": "app-prod"}}}})");
    dir.write("App.template.json",
              R"({"Resources": {"Cert": {"Type": "AWS::CertificateManager::Certificate",
      "Properties": {"DomainName": "a.example.com", "ValidationMethod": "DNS"}}}})");
    dir.write("tree.json", "{}");
    const Model unknown = load_inputs({dir.path()}, {});
    REQUIRE(unknown.certificates.size() == 1);
    CHECK(unknown.certificates[0].id == "app-prod/Cert");
    CHECK_FALSE(unknown.certificates[0].region.known());
    CHECK(load_inputs({dir.path()}, in_region("ca-central-1")).certificates[0].region.value ==
          std::optional<std::string>("ca-central-1"));

    dir.write("manifest.json", "{\"artifacts\": ");
    CHECK_THROWS_AS(load_inputs({dir.path()}, {}), InputError);
}

// ---- DNS: CAA record sets and private validation zones ----------------------------------

namespace {

const CaaRecordSet& caa(const Model& m, const std::string& id) {
    for (const CaaRecordSet& r : m.caa_records) {
        if (r.id == id) return r;
    }
    FAIL("no CAA record set " << id);
    throw std::logic_error("unreachable");
}

bool has_note(const Model& m, const std::string& part) {
    for (const std::string& n : m.notes) {
        if (n.find(part) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("CAA record sets of a template", "[cloudformation][caa]") {
    const Model m = load_text(R"(Parameters:
  Domain: {Type: String, Default: example.com}
  Unknown: {Type: String}
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Caa:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: example.com.
      Type: CAA
      TTL: "300"
      ResourceRecords: ['0 issue "amazon.com"', '0 iodef "mailto:sec@example.com"']
  SubName:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: !Sub "www.${Domain}."
      Type: caa
      ResourceRecords: ['0 issue "letsencrypt.org"']
  JoinName:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: !Join [".", [api, !Ref Domain]]
      Type: CAA
      ResourceRecords: ['0 issue ";"']
  NotCaa:
    Type: AWS::Route53::RecordSet
    Properties: {Name: example.com., Type: TXT, ResourceRecords: ['"v=spf1 -all"']}
  UnknownType:
    Type: AWS::Route53::RecordSet
    Properties: {Name: example.com., Type: !Ref Unknown, ResourceRecords: ['0 issue ";"']}
  UnknownName:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: !Ref Unknown
      Type: CAA
      ResourceRecords: ['0 issue "amazon.com"']
  UnknownValue:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: other.example.com
      Type: CAA
      ResourceRecords: ['0 issue "amazon.com"', !Ref Unknown]
  Conditional:
    Type: AWS::Route53::RecordSet
    Condition: IsProd
    Properties:
      Name: prod.example.com.
      Type: CAA
      ResourceRecords: [!If [IsProd, '0 issue "digicert.com"', '0 issue "amazon.com"']]
  Group:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneName: example.com.
      RecordSets:
        - {Name: example.com., Type: A, ResourceRecords: [192.0.2.1]}
        - Name: shop.example.com.
          Type: CAA
          ResourceRecords: ['0 issuewild "sectigo.com"']
)");
    REQUIRE(m.caa_records.size() == 5);
    const CaaRecordSet& apex = caa(m, "Caa");
    CHECK(apex.name == "example.com");
    CHECK(apex.values == std::vector<std::string>{R"(0 issue "amazon.com")",
                                                  R"(0 iodef "mailto:sec@example.com")"});
    CHECK(caa(m, "SubName").name == "www.example.com");
    CHECK(caa(m, "JoinName").name == "api.example.com");
    // An undecided condition is named; Fn::If values are all kept.
    const CaaRecordSet& cond = caa(m, "Conditional (when IsProd)");
    CHECK(cond.name == "prod.example.com");
    CHECK(cond.values ==
          std::vector<std::string>{R"(0 issue "digicert.com")", R"(0 issue "amazon.com")"});
    const CaaRecordSet& group = caa(m, "Group.RecordSets[1]");
    CHECK(group.name == "shop.example.com");
    CHECK(group.values == std::vector<std::string>{R"(0 issuewild "sectigo.com")"});
    CHECK(has_note(m, "CAA record set UnknownName is not checked: its name is not known"));
    CHECK(has_note(m, "CAA record set UnknownValue is not checked: a value is not known"));
    CHECK(has_note(m, "the Type of record set UnknownType is not known before deploy"));
    CHECK_FALSE(has_note(m, "NotCaa"));

    LoadOptions dev = in_region("eu-west-1");
    dev.parameters["Env"] = "dev";
    const Model d = load_text(R"(Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Conditional:
    Type: AWS::Route53::RecordSet
    Condition: IsProd
    Properties: {Name: prod.example.com., Type: CAA, ResourceRecords: ['0 issue "x.org"']}
)",
                              dev);
    CHECK(d.caa_records.empty());  // its condition is false
}

TEST_CASE("CAA record sets in nested stacks and their findings", "[cloudformation][caa]") {
    TempDir dir;
    dir.write("dns.yaml", R"(Parameters:
  Zone: {Type: String}
Resources:
  Caa:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: !Sub "${Zone}."
      Type: CAA
      ResourceRecords: ['0 issue "letsencrypt.org"']
)");
    const std::string main = dir.write("main.yaml", R"(Resources:
  Dns:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: dns.yaml
      Parameters: {Zone: example.com}
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: www.example.com
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: www.example.com, HostedZoneId: Z1}]
Outputs:
  Arn: {Value: !Ref Certificate}
)");
    const Model m = load_inputs({main}, in_region("eu-west-1"));
    REQUIRE(m.caa_records.size() == 1);
    CHECK(m.caa_records[0].id == "Dns/Caa");
    CHECK(m.caa_records[0].name == "example.com");
    const auto findings = run_rules(m, RunOptions{}).findings;
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule_id == "CL005");
    CHECK(findings[0].resource == "Certificate");
    CHECK(findings[0].message.find("Dns/Caa") != std::string::npos);
}

TEST_CASE("validation records written to a private hosted zone", "[cloudformation][zones]") {
    const Model m = load_text(R"(Parameters:
  Internal: {Type: String, AllowedValues: ["true", "false"]}
Conditions:
  IsInternal: !Equals [!Ref Internal, "true"]
Resources:
  PrivateZone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: corp.example.com
      VPCs: [{VPCId: vpc-1, VPCRegion: eu-west-1}]
  PublicZone:
    Type: AWS::Route53::HostedZone
    Properties: {Name: example.com}
  MaybePrivate:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: maybe.example.com
      VPCs: !If [IsInternal, [{VPCId: vpc-1, VPCRegion: eu-west-1}], !Ref AWS::NoValue]
  ByRef:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: a.corp.example.com
      SubjectAlternativeNames: [b.example.com]
      ValidationMethod: DNS
      DomainValidationOptions:
        - {DomainName: a.corp.example.com, HostedZoneId: !Ref PrivateZone}
        - {DomainName: b.example.com, HostedZoneId: !GetAtt PublicZone.Id}
  ByGetAtt:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: c.corp.example.com
      ValidationMethod: DNS
      DomainValidationOptions:
        - {DomainName: c.corp.example.com, HostedZoneId: !GetAtt [PrivateZone, Id]}
  Public:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: d.example.com
      ValidationMethod: DNS
      DomainValidationOptions:
        - {DomainName: d.example.com, HostedZoneId: !Ref PublicZone}
        - {DomainName: d.example.com, HostedZoneId: Z0123}
  Conditional:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: e.maybe.example.com
      ValidationMethod: DNS
      DomainValidationOptions:
        - {DomainName: e.maybe.example.com, HostedZoneId: !Sub "${MaybePrivate}"}
  Custom:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: !GetAtt Fn.Arn
      DomainName: f.corp.example.com
      HostedZoneId: !Ref PrivateZone
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Handler: index.certificateRequestHandler}
)");
    CHECK(cert(m, "ByRef").private_validation_zones == std::vector<std::string>{"PrivateZone"});
    CHECK(cert(m, "ByGetAtt").private_validation_zones == std::vector<std::string>{"PrivateZone"});
    CHECK(cert(m, "Public").private_validation_zones.empty());
    CHECK(cert(m, "Conditional").private_validation_zones ==
          std::vector<std::string>{"MaybePrivate (when IsInternal)"});
    CHECK(cert(m, "Custom").private_validation_zones == std::vector<std::string>{"PrivateZone"});

    LoadOptions external = in_region("eu-west-1");
    external.parameters["Internal"] = "false";
    CHECK(cert(load_text(R"(Parameters:
  Internal: {Type: String}
Conditions:
  IsInternal: !Equals [!Ref Internal, "true"]
Resources:
  MaybePrivate:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: maybe.example.com
      VPCs: !If [IsInternal, [{VPCId: vpc-1, VPCRegion: eu-west-1}], !Ref AWS::NoValue]
  Conditional:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: e.maybe.example.com
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: e.maybe.example.com, HostedZoneId: !Ref MaybePrivate}]
)",
                         external),
               "Conditional")
              .private_validation_zones.empty());
}

TEST_CASE("private zones across nested stacks", "[cloudformation][zones][nested]") {
    TempDir dir;
    dir.write("zone.yaml", R"(Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties: {Name: corp.example.com, VPCs: [{VPCId: vpc-1, VPCRegion: eu-west-1}]}
Outputs:
  ZoneId: {Value: !Ref Zone}
)");
    dir.write("cert.yaml", R"(Parameters:
  ZoneId: {Type: String}
Resources:
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: www.corp.example.com
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: www.corp.example.com, HostedZoneId: !Ref ZoneId}]
Outputs:
  Arn: {Value: !Ref Certificate, Export: {Name: cert-arn}}
)");
    const std::string main = dir.write("main.yaml", R"(Resources:
  ZoneStack:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: zone.yaml}
  CertStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: cert.yaml
      Parameters: {ZoneId: !GetAtt ZoneStack.Outputs.ZoneId}
)");
    const Model m = load_inputs({main}, in_region("eu-west-1"));
    const Certificate& c = cert(m, "CertStack/Certificate");
    CHECK(c.private_validation_zones == std::vector<std::string>{"ZoneStack/Zone"});
    const auto findings = run_rules(m, RunOptions{}).findings;
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule_id == "CL004");
    CHECK(findings[0].resource == "CertStack/Certificate");
}

// ---- errors: every exception of the parsers becomes an InputError ----------------------

TEST_CASE("parser exceptions become InputError", "[cloudformation][errors]") {
    const auto read = [](const std::string& text, const std::string& path) {
        Model m;
        readers::read_cloudformation(m, 0, path, readers::cfn::parse_document(path, text),
                                     in_region("eu-west-1"));
        return m;
    };
    // A number that overflows a double is valid JSON: kept as written, never converted.
    CHECK_NOTHROW(
        read(R"({"Resources": {"A": {"Type": "X", "Properties": {"N": 11e5999}}}})", "t.json"));
    CHECK_THROWS_AS(read("[11e5999, [", "t.json"), InputError);
    CHECK_THROWS_AS(read("Resources: {A: *nowhere}\n", "t.yaml"), InputError);
    CHECK_THROWS_AS(read("Resources:\n  A: [\n", "t.yaml"), InputError);
    CHECK_THROWS_AS(read("Resources: {A: \"\\ud800\"}\n", "t.yaml"), InputError);
    // Text that is not UTF-8 (the loader refuses it before, but the reader does not rely on
    // that) in an expression that is rendered into a message: replaced, not thrown on.
    const Model bad = read(
        "Resources:\n  Certificate:\n    Type: AWS::CertificateManager::"
        "Certificate\n    Properties:\n      DomainName: !Unknown \"a\xff\"\n"
        "      ValidationMethod: DNS\n",
        "t.yaml");
    REQUIRE(bad.certificates.size() == 1);
    CHECK(bad.certificates[0].names_without_validation_records.size() == 1);

    TempDir dir;
    dir.write("tree.json", "{}");
    for (const char* manifest :
         {R"({"artifacts": [11e5999]})", "[11e5999, [", R"({"version": 1e400})", "\xff\xfe"}) {
        INFO(manifest);
        dir.write("manifest.json", manifest);
        try {
            Model m;
            readers::read_cdk_assembly(m, dir.path(), {});
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find("manifest.json") != std::string::npos);
        }
    }
}

// ---- nested_template_paths --------------------------------------------------------------

TEST_CASE("nested_template_paths lists the local nested templates", "[cloudformation][nested]") {
    TempDir dir;
    fs::create_directories(fs::path(dir.path()) / "sub" / "deeper");
    dir.write("sub/child.yaml", R"(Resources:
  Grandchild:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: ./deeper/../deeper/grand.json}
)");
    dir.write("sub/deeper/grand.json", R"({"Resources": {}})");
    dir.write("sam.yaml", "Resources: {}\n");
    dir.write("asset.json", R"({"Resources": {}})");
    dir.write("broken.yaml", "Resources: [\n");
    const std::string root_text = R"(Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: sub/child.yaml}
  Again:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: !Sub ./sub/child.yaml}
  App:
    Type: AWS::Serverless::Application
    Properties: {Location: ./sam.yaml}
  Cdk:
    Type: AWS::CloudFormation::Stack
    Metadata: {aws:asset:path: asset.json, aws:asset:property: TemplateURL}
    Properties: {TemplateURL: https://s3.amazonaws.com/b/asset.json}
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: https://s3.amazonaws.com/b/remote.yaml}
  Computed:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: !Sub "${AWS::Region}.yaml"}
  Missing:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: nowhere.yaml}
  Broken:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: broken.yaml}
  Sar:
    Type: AWS::Serverless::Application
    Properties: {Location: {ApplicationId: arn:aws:serverlessrepo:x, SemanticVersion: 1.0.0}}
)";
    const std::string root = dir.write("root.yaml", root_text);
    const auto rel = [&](const std::string& p) {
        return (fs::path(dir.path()) / p).lexically_normal().string();
    };
    CHECK(readers::nested_template_paths(root, root_text) ==
          std::vector<std::string>{rel("sub/child.yaml"), rel("sub/deeper/grand.json"),
                                   rel("sam.yaml"), rel("asset.json"), rel("broken.yaml")});
    // Relative paths stay relative.
    const fs::path cwd = fs::current_path();
    fs::current_path(dir.path());
    const auto relative = readers::nested_template_paths("./root.yaml", root_text);
    fs::current_path(cwd);
    CHECK(relative == std::vector<std::string>{"sub/child.yaml", "sub/deeper/grand.json",
                                               "sam.yaml", "asset.json", "broken.yaml"});

    // Not a template, or a template the reader refuses for its nesting: nothing.
    CHECK(readers::nested_template_paths(root, "Resources: [").empty());
    CHECK(readers::nested_template_paths(root, "[1, 2]").empty());
    CHECK(readers::nested_template_paths(root, "{\"a\": 11e5999}").empty());
    CHECK(readers::nested_template_paths((fs::path(dir.path()) / "none.yaml").string(),
                                         "Resources: {}\n")
              .empty());
    const std::string a_text = R"(Resources:
  B: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: b.yaml}}
)";
    dir.write("a.yaml", a_text);
    dir.write("b.yaml", R"(Resources:
  A: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: a.yaml}}
)");
    CHECK(
        readers::nested_template_paths((fs::path(dir.path()) / "a.yaml").string(), a_text).empty());
    CHECK_THROWS_AS(load_inputs({(fs::path(dir.path()) / "a.yaml").string()}, {}), InputError);
}
