// The consumer catalog: every entry maps every input kind (Terraform, CloudFormation, ACM
// InUseBy ARN) or says why not; its Terraform paths exist in the AWS provider 5.100 schema;
// readers, value keys and rules read it.
#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "model/consumer_catalog.hpp"
#include "model_lookup.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_json.hpp"

using namespace certlint;
using json = nlohmann::json;

namespace {

bool well_formed(std::string_view path) {
    if (path.empty()) return false;
    const auto steps = catalog::path_steps(path);
    return std::all_of(steps.begin(), steps.end(), [](const catalog::PathStep& s) {
        return !s.name.empty() && s.name.find('[') == std::string_view::npos &&
               s.name.find(']') == std::string_view::npos;
    });
}

json provider_schema() {
    std::ifstream in(std::string(CERTLINT_SOURCE_DIR) +
                     "/fixtures/catalog/aws-provider-5.100-consumers.json");
    REQUIRE(in.good());
    return json::parse(in);
}

std::vector<std::string> steps(const std::vector<std::vector<std::string>>& paths) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::string joined;
        for (const auto& s : p) joined += (joined.empty() ? "" : ".") + s;
        out.push_back(joined);
    }
    return out;
}

}  // namespace

TEST_CASE("every catalog entry maps each input kind or says why not", "[catalog]") {
    for (const catalog::ConsumerEntry& e : catalog::consumers()) {
        INFO(e.label);
        CHECK(!e.label.empty());
        CHECK(!e.verified.empty());
        CHECK((!e.terraform.empty() || !e.no_terraform.empty()));
        CHECK((!e.cloudformation.empty() || !e.no_cloudformation.empty()));
        CHECK(((!e.arn.service.empty() && !e.arn.resource_prefixes.empty()) || !e.no_arn.empty()));
        // A reason is for a missing mapping only: both at once would be a stale reason.
        CHECK((e.terraform.empty() || e.no_terraform.empty()));
        CHECK((e.cloudformation.empty() || e.no_cloudformation.empty()));
        CHECK((e.arn.service.empty() || e.no_arn.empty()));
        CHECK(!e.region_basis.empty());
        for (const auto* side : {&e.terraform, &e.cloudformation}) {
            for (const catalog::Mapping& m : *side) {
                CHECK(!m.types.empty());
                CHECK(!m.certificates.empty());
                for (const catalog::CertPath& p : m.certificates) CHECK(well_formed(p.path));
                for (std::string_view d : m.domains) CHECK(well_formed(d));
                // A certificate path that turns regional by endpoint type needs the list to read.
                for (const catalog::CertPath& p : m.certificates) {
                    if (!p.regional_endpoint_type.empty()) {
                        CHECK(p.edge);
                        CHECK(well_formed(m.endpoint_types));
                    }
                }
            }
        }
        for (const catalog::KeyLimits& k : e.key_limits) {
            CHECK(!k.accepted.empty());
            CHECK(!k.served_by.empty());
            CHECK(!k.source.empty());
        }
    }
}

TEST_CASE("catalog kinds, labels and resource types are each named once", "[catalog]") {
    std::set<ConsumerKind> kinds;
    std::set<std::string_view> labels, tf_types, cfn_types;
    for (const catalog::ConsumerEntry& e : catalog::consumers()) {
        CHECK(kinds.insert(e.kind).second);
        CHECK(labels.insert(e.label).second);
        CHECK(e.kind != ConsumerKind::Other);
        CHECK(std::string(to_string(e.kind)) == e.label);
        CHECK(catalog::entry_for(e.kind) == &e);
        for (const catalog::Mapping& m : e.terraform) {
            for (std::string_view t : m.types) {
                CHECK(tf_types.insert(t).second);
                CHECK(catalog::terraform_consumer(t).entry == &e);
                CHECK(catalog::terraform_consumer(t).mapping == &m);
            }
        }
        for (const catalog::Mapping& m : e.cloudformation) {
            for (std::string_view t : m.types) {
                CHECK(cfn_types.insert(t).second);
                CHECK(catalog::cloudformation_consumer(t).entry == &e);
            }
        }
    }
    // Every kind but Other has an entry.
    CHECK(kinds.size() == static_cast<std::size_t>(ConsumerKind::Other));
    CHECK(catalog::entry_for(ConsumerKind::Other) == nullptr);
    CHECK(std::string(to_string(ConsumerKind::Other)) == "resource");
    CHECK(!catalog::terraform_consumer("aws_acm_certificate"));
    CHECK(!catalog::cloudformation_consumer("AWS::CertificateManager::Certificate"));
}

TEST_CASE("the drifted consumers are mapped on both sides", "[catalog]") {
    const std::pair<const char*, const char*> pairs[] = {
        {"aws_transfer_server", "AWS::Transfer::Server"},
        {"aws_iot_domain_configuration", "AWS::IoT::DomainConfiguration"},
        {"aws_ec2_client_vpn_endpoint", "AWS::EC2::ClientVpnEndpoint"},
        {"aws_verifiedaccess_endpoint", "AWS::EC2::VerifiedAccessEndpoint"},
        {"aws_vpclattice_service", "AWS::VpcLattice::Service"},
        {"aws_cloudfront_distribution", "AWS::CloudFront::Distribution"},
        {"aws_api_gateway_domain_name", "AWS::ApiGateway::DomainName"},
    };
    for (const auto& [tf, cfn] : pairs) {
        INFO(tf);
        const auto t = catalog::terraform_consumer(tf);
        const auto c = catalog::cloudformation_consumer(cfn);
        REQUIRE(t);
        REQUIRE(c);
        CHECK(t.entry == c.entry);
    }
    // The SAM shorthands hang on the API Gateway entries.
    const auto api = catalog::cloudformation_consumer("AWS::Serverless::Api");
    REQUIRE(api);
    CHECK(api.entry->kind == ConsumerKind::ApiGatewayDomain);
    CHECK(api.mapping->sam_domain);
    CHECK(api.mapping->edge_from_endpoint_configuration);
    const auto http = catalog::cloudformation_consumer("AWS::Serverless::HttpApi");
    REQUIRE(http);
    CHECK(http.entry->kind == ConsumerKind::ApiGatewayV2Domain);
    CHECK(!http.mapping->edge_from_endpoint_configuration);
}

TEST_CASE("catalog Terraform paths exist in the AWS provider 5.100 schema", "[catalog]") {
    const json schema = provider_schema();
    const json& resources = schema.at("resources");
    std::size_t checked = 0;
    for (const catalog::ConsumerEntry& e : catalog::consumers()) {
        for (const catalog::Mapping& m : e.terraform) {
            for (std::string_view type : m.types) {
                INFO(e.label << ": " << type);
                if (!m.unchecked.empty()) {
                    // Said to be newer than the extract: it must really be absent from it.
                    CHECK(!resources.contains(std::string(type)));
                    continue;
                }
                REQUIRE(resources.contains(std::string(type)));
                const json& attrs = resources.at(std::string(type));
                std::vector<std::string_view> paths;
                for (const catalog::CertPath& p : m.certificates) paths.push_back(p.path);
                for (std::string_view d : m.domains) paths.push_back(d);
                if (!m.endpoint_types.empty()) paths.push_back(m.endpoint_types);
                for (std::string_view p : paths) {
                    INFO(p);
                    REQUIRE(attrs.contains(std::string(p)));
                    CHECK(attrs.at(std::string(p)) == "string");
                    ++checked;
                }
            }
        }
    }
    CHECK(checked >= 30);
}

TEST_CASE("consumer_for_arn names the consumer of an InUseBy ARN", "[catalog]") {
    const auto label = [](const std::string& arn) -> std::string {
        const auto parts = parse_arn(arn);
        REQUIRE(parts);
        const catalog::ConsumerEntry* e = catalog::consumer_for_arn(*parts);
        return e == nullptr ? "none" : std::string(e->label);
    };
    CHECK(label("arn:aws:cloudfront::111122223333:distribution/E1GGDPUBLRQG59") ==
          "CloudFront distribution");
    CHECK(label("arn:aws:cloudfront::111122223333:distribution-tenant/dt_2wjDZi3") ==
          "CloudFront distribution tenant");
    CHECK(label("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/"
                "50dc6c495c0c9188") == "load balancer listener");
    CHECK(label("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/tls/"
                "50dc6c495c0c9188") == "load balancer listener");
    CHECK(label("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/legacy") ==
          "classic load balancer");
    CHECK(label("arn:aws-cn:elasticloadbalancing:cn-north-1:111122223333:loadbalancer/legacy") ==
          "classic load balancer");
    CHECK(label("arn:aws:apigateway:eu-west-1::/domainnames/api.example.com") ==
          "API Gateway domain name");
    CHECK(label("arn:aws:transfer:eu-west-1:111122223333:server/s-01234567890abcdef") ==
          "Transfer Family server");
    CHECK(label("arn:aws:ec2:eu-west-1:111122223333:client-vpn-endpoint/cvpn-endpoint-0123") ==
          "Client VPN endpoint");
    CHECK(label("arn:aws:ec2:eu-west-1:111122223333:verified-access-endpoint/vae-0123") ==
          "Verified Access endpoint");
    CHECK(label("arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdefg") ==
          "VPC Lattice service");
    CHECK(label("arn:aws:iot:eu-west-1:111122223333:domainconfiguration/mqtt/abcde") ==
          "IoT domain configuration");
    CHECK(label("arn:aws:es:eu-west-1:111122223333:domain/search") == "OpenSearch domain");
    CHECK(label("arn:aws:appsync:us-east-1:111122223333:domainnames/api.example.com") ==
          "AppSync domain name");
    // Other resources of a known service, and unknown services, are no consumer.
    CHECK(label("arn:aws:ec2:eu-west-1:111122223333:instance/i-0123") == "none");
    CHECK(label("arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1") == "none");
    CHECK(label("arn:aws:lambda:eu-west-1:111122223333:function:f") == "none");
}

TEST_CASE("path_steps splits the catalog notation", "[catalog]") {
    const auto s = catalog::path_steps("listener[].ssl_certificate_id");
    REQUIRE(s.size() == 2);
    CHECK(s[0].name == "listener");
    CHECK(s[0].each);
    CHECK(s[1].name == "ssl_certificate_id");
    CHECK(!s[1].each);
    CHECK(catalog::path_steps("").empty());
}

TEST_CASE("terraform value keys hold every catalog certificate and domain path", "[catalog]") {
    const readers::TerraformValueKeys keys = readers::terraform_value_keys();
    const std::vector<std::string> values = steps(keys.values);
    const std::vector<std::string> unknown = steps(keys.unknown);
    const auto has = [](const std::vector<std::string>& list, const std::string& p) {
        return std::find(list.begin(), list.end(), p) != list.end();
    };
    CHECK(has(values, "viewer_certificate.acm_certificate_arn"));
    CHECK(has(values, "listener.*.ssl_certificate_id"));
    CHECK(has(values, "server_certificate_arns.*"));
    CHECK(has(values, "domain_certificate_arn"));
    CHECK(has(values, "custom_domain_name"));
    CHECK(has(values, "ownership_verification_certificate_arn"));
    CHECK(has(unknown, "domain_name_configuration.ownership_verification_certificate_arn"));
    CHECK(has(values, "aliases.*"));
    CHECK(has(values, "domain_endpoint_options.custom_endpoint"));
    CHECK(has(values, "endpoint_configuration.types.*"));
    CHECK(has(unknown, "endpoint_configuration.types.*"));
}

TEST_CASE("the template reader maps the consumers the catalog added", "[catalog][cfn]") {
    Model m;
    load_document(m, "template.yaml", R"(Resources:
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties: {DomainName: svc.example.com, ValidationMethod: DNS}
  Ftps:
    Type: AWS::Transfer::Server
    Properties: {Protocols: [FTPS], Certificate: !Ref Certificate}
  Mqtt:
    Type: AWS::IoT::DomainConfiguration
    Properties:
      DomainName: mqtt.example.com
      ServerCertificateArns: [!Ref Certificate]
  Vpn:
    Type: AWS::EC2::ClientVpnEndpoint
    Properties: {ClientCidrBlock: 10.100.0.0/22, ServerCertificateArn: !Ref Certificate}
  Portal:
    Type: AWS::EC2::VerifiedAccessEndpoint
    Properties: {ApplicationDomain: portal.example.com, DomainCertificateArn: !Ref Certificate}
  Orders:
    Type: AWS::VpcLattice::Service
    Properties: {CustomDomainName: orders.example.com, CertificateArn: !Ref Certificate}
  Tenant:
    Type: AWS::CloudFront::DistributionTenant
    Properties:
      DistributionId: E1GGDPUBLRQG59
      Name: tenant-a
      Domains: [a.example.com]
      Customizations: {Certificate: {Arn: !Ref Certificate}}
  ApiV1:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      RegionalCertificateArn: !Ref Certificate
)",
                  test::in_region("eu-west-1"));
    struct Expect {
        const char* id;
        const char* attribute;
        ConsumerKind kind;
        bool edge;
        std::vector<std::string> domains;
    };
    const Expect expected[] = {
        {"Ftps", "Certificate", ConsumerKind::TransferServer, false, {}},
        {"Mqtt",
         "ServerCertificateArns[0]",
         ConsumerKind::IotDomainConfiguration,
         false,
         {"mqtt.example.com"}},
        {"Vpn", "ServerCertificateArn", ConsumerKind::ClientVpnEndpoint, false, {}},
        {"Portal",
         "DomainCertificateArn",
         ConsumerKind::VerifiedAccessEndpoint,
         false,
         {"portal.example.com"}},
        {"Orders",
         "CertificateArn",
         ConsumerKind::VpcLatticeService,
         false,
         {"orders.example.com"}},
        {"Tenant",
         "Customizations.Certificate.Arn",
         ConsumerKind::CloudFrontTenant,
         true,
         {"a.example.com"}},
        {"ApiV1",
         "RegionalCertificateArn",
         ConsumerKind::ApiGatewayDomain,
         false,
         {"api.example.com"}},
    };
    CHECK(m.consumers.size() == std::size(expected));
    for (const Expect& e : expected) {
        INFO(e.id);
        const Consumer& c = test::consumer(m, e.id);
        CHECK(c.kind == e.kind);
        CHECK(c.domains == e.domains);
        REQUIRE(c.attachments.size() == 1);
        CHECK(c.attachments[0].attribute == e.attribute);
        CHECK(c.attachments[0].edge == e.edge);
        REQUIRE(c.attachments[0].candidates.size() == 1);
        CHECK(c.attachments[0].candidates[0].certificate == std::optional<std::size_t>(0));
    }
}
