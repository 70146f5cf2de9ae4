// The consumer table of the Terraform reader (terraform_consumers.hpp).
#include "readers/terraform_consumers.hpp"

namespace certlint::readers::tf {

const std::unordered_map<std::string, ConsumerSpec>& consumer_specs() {
    static const std::unordered_map<std::string, ConsumerSpec> specs = [] {
        std::unordered_map<std::string, ConsumerSpec> m;
        const ConsumerSpec cloudfront{ConsumerKind::CloudFront,
                                      {{{"viewer_certificate", "acm_certificate_arn"}, true}},
                                      {"aliases"}};
        m["aws_cloudfront_distribution"] = cloudfront;
        m["aws_cloudfront_multitenant_distribution"] = cloudfront;
        m["aws_api_gateway_domain_name"] = {ConsumerKind::ApiGatewayDomain,
                                            {{{"certificate_arn"}, true},
                                             {{"regional_certificate_arn"}, false}},
                                            {"domain_name"}};
        m["aws_apigatewayv2_domain_name"] = {
            ConsumerKind::ApiGatewayV2Domain,
            {{{"domain_name_configuration", "certificate_arn"}, false}},
            {"domain_name"}};
        const ConsumerSpec listener{ConsumerKind::LoadBalancerListener,
                                    {{{"certificate_arn"}, false}}, {}};
        m["aws_lb_listener"] = listener;
        m["aws_alb_listener"] = listener;
        const ConsumerSpec listener_cert{ConsumerKind::ListenerCertificate,
                                         {{{"certificate_arn"}, false}}, {}};
        m["aws_lb_listener_certificate"] = listener_cert;
        m["aws_alb_listener_certificate"] = listener_cert;
        m["aws_elb"] = {ConsumerKind::ClassicLoadBalancer,
                        {{{"listener", "*", "ssl_certificate_id"}, false}}, {}};
        m["aws_cognito_user_pool_domain"] = {ConsumerKind::CognitoDomain,
                                             {{{"certificate_arn"}, true}}, {"domain"}};
        m["aws_appsync_domain_name"] = {ConsumerKind::AppSyncDomain,
                                        {{{"certificate_arn"}, true}}, {"domain_name"}};
        m["aws_amplify_domain_association"] = {
            ConsumerKind::AmplifyDomain,
            {{{"certificate_settings", "custom_certificate_arn"}, true}},
            {"domain_name"}};
        const ConsumerSpec search{
            ConsumerKind::OpenSearchDomain,
            {{{"domain_endpoint_options", "custom_endpoint_certificate_arn"}, false}},
            {"domain_endpoint_options.custom_endpoint"}};
        m["aws_opensearch_domain"] = search;
        m["aws_elasticsearch_domain"] = search;
        // Other services that attach ACM certificates: they count as use (renewal, deletion,
        // validation ordering); region rules are not applied to them.
        m["aws_transfer_server"] = {ConsumerKind::Other, {{{"certificate"}, false}}, {}};
        m["aws_iot_domain_configuration"] = {ConsumerKind::Other,
                                             {{{"server_certificate_arns", "*"}, false}}, {}};
        m["aws_ec2_client_vpn_endpoint"] = {ConsumerKind::Other,
                                            {{{"server_certificate_arn"}, false}}, {}};
        m["aws_verifiedaccess_endpoint"] = {ConsumerKind::Other,
                                            {{{"domain_certificate_arn"}, false}}, {}};
        m["aws_vpclattice_service"] = {ConsumerKind::Other, {{{"certificate_arn"}, false}}, {}};
        return m;
    }();
    return specs;
}

}  // namespace certlint::readers::tf
