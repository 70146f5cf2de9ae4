// The consumer catalog (see consumer_catalog.hpp). Each entry says what it was checked
// against:
// - "tf": `terraform providers schema -json` of hashicorp/aws 5.100.0; the paths and types
//   are kept in fixtures/catalog/aws-provider-5.100-consumers.json, which the catalog test
//   reads, so a path that is not in the schema fails the build's tests;
// - "cfn": the CloudFormation resource schema (cfn-lint's us-east-1 provider schemas);
// - "arn": the resource ARN format the service documents; where an ACM `InUseBy` list was
//   seen naming that resource it says so, otherwise the InUseBy form is unverified;
// - regions and key limits: the document named in region_basis / source.
// Consumers not (yet) in the catalog, found in the 5.100 schema: aws_customer_gateway
// (Site-to-Site VPN certificate authentication, private certificates),
// aws_redshiftserverless_custom_domain_association, App Mesh virtual nodes/gateways
// (spec.listener[].tls.certificate.acm), aws_ec2_client_vpn_endpoint's
// authentication_options[].root_certificate_chain_arn (a client CA chain, not served),
// aws_iot_domain_configuration.validation_certificate_arn (proves ownership, not served),
// and Elastic Beanstalk option settings (`aws:elbv2:listener:443` SSLCertificateArns: a
// namespace/name pair in a list, not a path; the environment's load balancer is the consumer
// ACM lists).
#include "model/consumer_catalog.hpp"

#include <algorithm>
#include <unordered_map>

namespace certlint::catalog {

namespace {

using K = ConsumerKind;

// CloudFront Developer Guide, "Requirements for using SSL/TLS certificates with CloudFront"
// ("Key type", "Size of the certificate key"); edge-optimized API Gateway domains run on
// CloudFront (API Gateway Developer Guide, "Get certificates ready in AWS Certificate
// Manager").
KeyLimits cloudfront_keys(bool edge_only, std::string_view served_by) {
    return KeyLimits{edge_only,
                     served_by,
                     {"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1"},
                     "RSA keys (up to 4096 bits) and ECDSA P-256 (EC_prime256v1) only",
                     "CloudFront Developer Guide, Requirements for using SSL/TLS certificates "
                     "with CloudFront"};
}

constexpr std::string_view kRegional =
    "ACM certificates are regional resources (ACM User Guide, Supported Regions): a regional "
    "service can only use a certificate from its own region";

// ACM's rule for regional services, applied to a service whose own documentation states no
// region requirement (none was found for it): the service reads the certificate through ACM
// in its own region (its CloudFormation handler calls acm:DescribeCertificate there), and no
// AWS service other than the CloudFront-backed ones reads certificates from another region.
constexpr std::string_view kRegionalByAcmRule =
    "ACM certificates are regional resources (ACM User Guide, Supported Regions) and only "
    "CloudFront-backed endpoints read certificates from another region (us-east-1); the "
    "service's own guide was searched for a statement and none was found either way";

std::vector<ConsumerEntry> build() {
    std::vector<ConsumerEntry> c;

    c.push_back(ConsumerEntry{
        "CloudFront distribution",
        K::CloudFront,
        {{{"aws_cloudfront_distribution"},
          {{"viewer_certificate.acm_certificate_arn", true}},
          {"aliases[]"}},
         {{"aws_cloudfront_multitenant_distribution"},
          {{"viewer_certificate.acm_certificate_arn", true}},
          {"aliases[]"},
          false,
          false,
          "added after provider 5.100 (domain doc section 4, checked in the provider source): "
          "the same viewer_certificate block, without an IAM certificate option"}},
        {},
        {{{"AWS::CloudFront::Distribution"},
          {{"DistributionConfig.ViewerCertificate.AcmCertificateArn", true}},
          {"DistributionConfig.Aliases[]"}}},
        {},
        {"cloudfront", {"distribution/"}},
        {},
        true,
        "edge: us-east-1 only (CL101); no regional attachment",
        {cloudfront_keys(false, "CloudFront")},
        "tf: viewer_certificate (a block of one) .acm_certificate_arn, aliases in 5.100. cfn: a "
        "multi-tenant distribution is an AWS::CloudFront::Distribution "
        "(ConnectionMode tenant-only) with the same ViewerCertificate. arn: an InUseBy entry "
        "arn:aws:cloudfront::<account>:distribution/<id> seen in real describe-certificate "
        "output"});

    c.push_back(ConsumerEntry{
        "CloudFront distribution tenant",
        K::CloudFrontTenant,
        {},
        "aws_cloudfront_distribution_tenant is not in AWS provider 5.100 (the version the "
        "project generates plans with), so its attribute paths cannot be checked",
        {{{"AWS::CloudFront::DistributionTenant"},
          {{"Customizations.Certificate.Arn", true}},
          {"Domains[]"}}},
        {},
        {"cloudfront", {"distribution-tenant/"}},
        {},
        true,
        "edge: a tenant is served by its multi-tenant CloudFront distribution (us-east-1 "
        "certificates, CL101)",
        {cloudfront_keys(false, "CloudFront")},
        "cfn: Customizations.Certificate.Arn and Domains (required) in the resource schema; "
        "ManagedCertificateRequest (a certificate CloudFront requests itself) is not an ACM "
        "ARN. arn: CloudFront's distribution-tenant resource ARN; InUseBy form unverified"});

    c.push_back(ConsumerEntry{
        "API Gateway domain name",
        K::ApiGatewayDomain,
        // certificate_arn / CertificateArn serves an edge-optimized domain, or a private one
        // (endpoint type PRIVATE), which is regional.
        {{{"aws_api_gateway_domain_name"},
          {{"certificate_arn", true, false, "PRIVATE"},
           {"regional_certificate_arn", false},
           {"ownership_verification_certificate_arn", false, true}},
          {"domain_name"},
          false,
          false,
          {},
          "endpoint_configuration.types[]"}},
        {},
        {{{"AWS::ApiGateway::DomainName"},
          {{"CertificateArn", true, false, "PRIVATE"},
           {"RegionalCertificateArn", false},
           {"OwnershipVerificationCertificateArn", false}},
          {"DomainName"},
          false,
          false,
          {},
          "EndpointConfiguration.Types[]"},
         // A private custom domain name as CloudFormation documents it: its certificate is in
         // the API's region.
         {{"AWS::ApiGateway::DomainNameV2"}, {{"CertificateArn", false}}, {"DomainName"}},
         // SAM: Domain.CertificateArn becomes CertificateArn (EDGE) or RegionalCertificateArn.
         {{"AWS::Serverless::Api"}, {{"CertificateArn", false}}, {"DomainName"}, true, true}},
        {},
        {"apigateway", {"/domainnames/"}},
        {},
        true,
        "API Gateway Developer Guide: a regional custom domain's certificate is in the API's "
        "region; edge-optimized ones need us-east-1 (CL101). A private custom domain (endpoint "
        "type PRIVATE; CloudFormation's DomainNameV2) takes its certificate in certificateArn, "
        "from the API's region: it is served through VPC endpoints, not CloudFront (API "
        "Reference CreateDomainName; Developer Guide, private custom domain tutorial)",
        {cloudfront_keys(true, "an edge-optimized API Gateway domain (served by CloudFront)")},
        "tf: certificate_arn, regional_certificate_arn, ownership_verification_certificate_arn, "
        "domain_name, endpoint_configuration.types (EDGE, REGIONAL or PRIVATE) in 5.100. cfn: "
        "CertificateArn, RegionalCertificateArn, "
        "OwnershipVerificationCertificateArn; DomainNameV2.CertificateArn; SAM "
        "DomainConfiguration (domain doc 3.2). arn: arn:<p>:apigateway:<region>::/domainnames/"
        "<name> is the DomainNameArn API Gateway returns, shared with v2 domains (answered "
        "here); InUseBy form unverified"});

    c.push_back(ConsumerEntry{
        "API Gateway v2 domain name",
        K::ApiGatewayV2Domain,
        {{{"aws_apigatewayv2_domain_name"},
          {{"domain_name_configuration.certificate_arn", false},
           {"domain_name_configuration.ownership_verification_certificate_arn", false, true}},
          {"domain_name"}}},
        {},
        {{{"AWS::ApiGatewayV2::DomainName"},
          {{"DomainNameConfigurations[].CertificateArn", false},
           {"DomainNameConfigurations[].OwnershipVerificationCertificateArn", false}},
          {"DomainName"}},
         {{"AWS::Serverless::HttpApi"}, {{"CertificateArn", false}}, {"DomainName"}, true}},
        {},
        {},
        "REST and HTTP/WebSocket custom domains share one ARN form "
        "(arn:<p>:apigateway:<region>::/domainnames/<name>): consumer_for_arn answers the "
        "API Gateway domain name entry for both",
        true,
        kRegional,
        {},
        "tf: domain_name_configuration.{certificate_arn, ownership_verification_certificate_arn} "
        "(a block of one) in 5.100. cfn: DomainNameConfigurations[].{CertificateArn, "
        "OwnershipVerificationCertificateArn}; SAM HttpApiDomainConfiguration"});

    c.push_back(ConsumerEntry{
        "load balancer listener",
        K::LoadBalancerListener,
        {{{"aws_lb_listener", "aws_alb_listener"}, {{"certificate_arn", false}}, {}}},
        {},
        {{{"AWS::ElasticLoadBalancingV2::Listener"},
          {{"Certificates[].CertificateArn", false}},
          {}}},
        {},
        {"elasticloadbalancing", {"loadbalancer/app/", "loadbalancer/net/"}},
        {},
        true,
        kRegional,
        {},
        "tf: certificate_arn in 5.100 (both names). cfn: Certificates[].CertificateArn. arn: "
        "ACM lists the load balancer (arn:<p>:elasticloadbalancing:<region>:<account>:"
        "loadbalancer/app|net/<name>/<id>), not the listener"});

    c.push_back(ConsumerEntry{
        "listener certificate",
        K::ListenerCertificate,
        {{{"aws_lb_listener_certificate", "aws_alb_listener_certificate"},
          {{"certificate_arn", false}},
          {}}},
        {},
        {{{"AWS::ElasticLoadBalancingV2::ListenerCertificate"},
          {{"Certificates[].CertificateArn", false}},
          {}}},
        {},
        {},
        "ACM lists the load balancer, not the listener or its extra certificates: "
        "consumer_for_arn answers the load balancer listener entry",
        true,
        kRegional,
        {},
        "tf: certificate_arn in 5.100 (both names). cfn: Certificates[].CertificateArn"});

    c.push_back(ConsumerEntry{
        "classic load balancer",
        K::ClassicLoadBalancer,
        {{{"aws_elb"}, {{"listener[].ssl_certificate_id", false}}, {}}},
        {},
        {{{"AWS::ElasticLoadBalancing::LoadBalancer"},
          {{"Listeners[].SSLCertificateId", false}},
          {}}},
        {},
        {"elasticloadbalancing", {"loadbalancer/"}},
        {},
        true,
        kRegional,
        {},
        "tf: listener (a set of blocks) .ssl_certificate_id in 5.100, ACM or IAM ARN. cfn: "
        "Listeners[].SSLCertificateId. arn: loadbalancer/<name> (no app/ or net/)"});

    c.push_back(ConsumerEntry{
        "Cognito user pool domain",
        K::CognitoDomain,
        {{{"aws_cognito_user_pool_domain"}, {{"certificate_arn", true}}, {"domain"}}},
        {},
        {{{"AWS::Cognito::UserPoolDomain"},
          {{"CustomDomainConfig.CertificateArn", true}},
          {"Domain"}}},
        {},
        {},
        "a custom domain is served by a CloudFront distribution AWS owns; which ARN ACM lists "
        "for it is not documented",
        true,
        "edge: us-east-1 only (CL101)",
        {},
        "tf: certificate_arn, domain in 5.100. cfn: CustomDomainConfig.CertificateArn, "
        "Domain"});

    c.push_back(ConsumerEntry{
        "AppSync domain name",
        K::AppSyncDomain,
        {{{"aws_appsync_domain_name"}, {{"certificate_arn", true}}, {"domain_name"}}},
        {},
        {{{"AWS::AppSync::DomainName"}, {{"CertificateArn", true}}, {"DomainName"}}},
        {},
        {"appsync", {"domainnames/"}},
        {},
        true,
        "edge: us-east-1 only (CL101)",
        {},
        "tf: certificate_arn (required), domain_name in 5.100. cfn: CertificateArn, DomainName. "
        "arn: AppSync's domainnames/<name> resource ARN; InUseBy form unverified"});

    c.push_back(ConsumerEntry{
        "Amplify domain association",
        K::AmplifyDomain,
        {{{"aws_amplify_domain_association"},
          {{"certificate_settings.custom_certificate_arn", true, false, {}, true}},
          {"domain_name"}}},
        {},
        {{{"AWS::Amplify::Domain"},
          {{"CertificateSettings.CustomCertificateArn", true}},
          {"DomainName"}}},
        {},
        {},
        "Amplify serves the domain from a CloudFront distribution it owns; which ARN ACM lists "
        "for it is not documented",
        true,
        "edge: us-east-1 only (CL101)",
        {},
        "tf: certificate_settings (a block of one) .custom_certificate_arn, domain_name in "
        "5.100. cfn: CertificateSettings.CustomCertificateArn, DomainName"});

    c.push_back(ConsumerEntry{
        "OpenSearch domain",
        K::OpenSearchDomain,
        {{{"aws_opensearch_domain", "aws_elasticsearch_domain"},
          {{"domain_endpoint_options.custom_endpoint_certificate_arn", false, false, {}, true}},
          {"domain_endpoint_options.custom_endpoint"}}},
        {},
        {{{"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"},
          {{"DomainEndpointOptions.CustomEndpointCertificateArn", false}},
          {"DomainEndpointOptions.CustomEndpoint"}}},
        {},
        {"es", {"domain/"}},
        {},
        true,
        kRegional,
        {},
        "tf: domain_endpoint_options (a block of one) .custom_endpoint_certificate_arn and "
        ".custom_endpoint in 5.100, both resources. cfn: DomainEndpointOptions."
        "{CustomEndpointCertificateArn, CustomEndpoint}. arn: arn:<p>:es:<region>:<account>:"
        "domain/<name>; InUseBy form unverified"});

    c.push_back(ConsumerEntry{
        "Transfer Family server",
        K::TransferServer,
        {{{"aws_transfer_server"}, {{"certificate", false}}, {}}},
        {},
        {{{"AWS::Transfer::Server"}, {{"Certificate", false}}, {}}},
        {},
        {"transfer", {"server/"}},
        {},
        true,
        kRegionalByAcmRule,
        {},
        "tf: certificate (ACM ARN, required for FTPS) in 5.100. cfn: Certificate. No domain "
        "field: a server's custom hostname is a tag, not checked against the certificate. "
        "arn: arn:<p>:transfer:<region>:<account>:server/<id>; InUseBy form unverified"});

    c.push_back(ConsumerEntry{
        "IoT domain configuration",
        K::IotDomainConfiguration,
        {{{"aws_iot_domain_configuration"},
          {{"server_certificate_arns[]", false}},
          {"domain_name"}}},
        {},
        {{{"AWS::IoT::DomainConfiguration"}, {{"ServerCertificateArns[]", false}}, {"DomainName"}}},
        {},
        {"iot", {"domainconfiguration/"}},
        {},
        true,
        kRegionalByAcmRule,
        {},
        "tf: server_certificate_arns (set of string, one item), domain_name in 5.100. cfn: "
        "ServerCertificateArns (ACM ARN pattern, maxItems 1), DomainName. "
        "validation_certificate_arn only proves ownership and is left out. arn: "
        "domainconfiguration/<name>/<id>; InUseBy form unverified"});

    c.push_back(ConsumerEntry{
        "Client VPN endpoint",
        K::ClientVpnEndpoint,
        {{{"aws_ec2_client_vpn_endpoint"}, {{"server_certificate_arn", false}}, {}}},
        {},
        {{{"AWS::EC2::ClientVpnEndpoint"}, {{"ServerCertificateArn", false}}, {}}},
        {},
        {"ec2", {"client-vpn-endpoint/"}},
        {},
        true,
        kRegionalByAcmRule,
        {},
        "tf: server_certificate_arn (required) in 5.100. cfn: ServerCertificateArn "
        "(required). No domain field (clients connect to a generated DNS name). The Client "
        "VPN guide says endpoints support 1024- and 2048-bit RSA keys only (Mutual "
        "authentication); not yet a CL304 limit, whose policy text is CloudFront's. arn: "
        "arn:<p>:ec2:<region>:<account>:client-vpn-endpoint/<id>; InUseBy form unverified"});

    c.push_back(ConsumerEntry{
        "Verified Access endpoint",
        K::VerifiedAccessEndpoint,
        {{{"aws_verifiedaccess_endpoint"},
          {{"domain_certificate_arn", false}},
          {"application_domain"}}},
        {},
        {{{"AWS::EC2::VerifiedAccessEndpoint"},
          {{"DomainCertificateArn", false}},
          {"ApplicationDomain"}}},
        {},
        {"ec2", {"verified-access-endpoint/"}},
        {},
        true,
        kRegionalByAcmRule,
        {},
        "tf: domain_certificate_arn, application_domain in 5.100. cfn: DomainCertificateArn, "
        "ApplicationDomain (both required). arn: verified-access-endpoint/<id>; InUseBy form "
        "unverified"});

    c.push_back(ConsumerEntry{
        "VPC Lattice service",
        K::VpcLatticeService,
        {{{"aws_vpclattice_service"}, {{"certificate_arn", false}}, {"custom_domain_name"}}},
        {},
        {{{"AWS::VpcLattice::Service"}, {{"CertificateArn", false}}, {"CustomDomainName"}}},
        {},
        {"vpc-lattice", {"service/"}},
        {},
        true,
        kRegionalByAcmRule,
        {},
        "tf: certificate_arn, custom_domain_name in 5.100. cfn: CertificateArn, "
        "CustomDomainName. The VPC Lattice guide (BYOC) requires the certificate's SAN or CN "
        "to match the custom domain name and shows the service as the certificate's "
        "associated resource in ACM. arn: arn:<p>:vpc-lattice:<region>:<account>:service/"
        "svc-<id> (schema pattern); InUseBy form unverified"});

    return c;
}

template <typename Side>
std::unordered_map<std::string_view, Match> index(Side side) {
    std::unordered_map<std::string_view, Match> out;
    for (const ConsumerEntry& e : consumers()) {
        for (const Mapping& m : e.*side) {
            for (std::string_view type : m.types) out.emplace(type, Match{&e, &m});
        }
    }
    return out;
}

Match find(const std::unordered_map<std::string_view, Match>& index, std::string_view type) {
    const auto it = index.find(type);
    return it == index.end() ? Match{} : it->second;
}

}  // namespace

const std::vector<ConsumerEntry>& consumers() {
    static const std::vector<ConsumerEntry> entries = build();
    return entries;
}

const ConsumerEntry* entry_for(ConsumerKind kind) {
    const auto& all = consumers();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&](const ConsumerEntry& e) { return e.kind == kind; });
    return it == all.end() ? nullptr : &*it;
}

Match terraform_consumer(std::string_view type) {
    static const auto types = index(&ConsumerEntry::terraform);
    return find(types, type);
}

Match cloudformation_consumer(std::string_view type) {
    static const auto types = index(&ConsumerEntry::cloudformation);
    return find(types, type);
}

const ConsumerEntry* consumer_for_arn(const ArnParts& arn) {
    const ConsumerEntry* best = nullptr;
    std::size_t best_length = 0;
    for (const ConsumerEntry& e : consumers()) {
        if (e.arn.service != arn.service) continue;
        for (std::string_view prefix : e.arn.resource_prefixes) {
            if (prefix.size() > best_length &&
                std::string_view(arn.resource).substr(0, prefix.size()) == prefix) {
                best = &e;
                best_length = prefix.size();
            }
        }
    }
    return best;
}

std::vector<PathStep> path_steps(std::string_view path) {
    std::vector<PathStep> out;
    while (!path.empty()) {
        const auto dot = path.find('.');
        std::string_view name = path.substr(0, dot);
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
        const bool each = name.size() > 2 && name.substr(name.size() - 2) == "[]";
        if (each) name.remove_suffix(2);
        out.push_back(PathStep{name, each});
    }
    return out;
}

}  // namespace certlint::catalog
