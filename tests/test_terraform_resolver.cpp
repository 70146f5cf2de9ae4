// The Terraform resolver and graph building fed without a plan: a Configuration and Instances
// filled by hand, as a configuration front end (.tf files, issue 12) fills them.
#include "catch.hpp"
#include "certlint/model.hpp"
#include "readers/terraform_config.hpp"
#include "readers/terraform_graph.hpp"
#include "readers/terraform_resolve.hpp"

using namespace certlint;
using namespace certlint::readers::tf;

namespace {

Expression refs(std::vector<std::string> list) {
    Expression e;
    e.kind = Expression::Kind::References;
    e.references = std::move(list);
    return e;
}

Expression constant(json v) {
    Expression e;
    e.kind = Expression::Kind::Constant;
    e.value = std::move(v);
    return e;
}

Resource resource(const std::string& type, const std::string& name, const std::string& provider,
                  Body body) {
    Resource r;
    r.address = type + "." + name;
    r.type = type;
    r.name = name;
    r.provider_key = provider;
    r.body = std::move(body);
    return r;
}

Instance instance(const std::string& scope, const std::string& type, const std::string& name,
                  const json& values, const json& unknown) {
    Instance i;
    i.address = join_scope(scope, type + "." + name);
    i.scope = scope;
    i.config_scope = strip_keys(scope);
    i.type = type;
    i.name = name;
    i.values = &values;
    i.unknown = &unknown;
    i.action = Action::Create;
    return i;
}

// root: a certificate through an aliased us-east-1 provider and its waiter; module.site gets
// the waiter's ARN as var.cert_arn, names it local.cert, and hands it to a CloudFront
// distribution and a listener of its own (default) provider.
Configuration site_configuration() {
    Configuration config;
    Module& root = config.modules[""];
    Body cert_body;
    cert_body.attributes["domain_name"] = constant("example.com");
    root.add_resource(resource("aws_acm_certificate", "main", "aws.use1", std::move(cert_body)));
    Body waiter_body;
    waiter_body.attributes["certificate_arn"] =
        refs({"aws_acm_certificate.main.arn", "aws_acm_certificate.main"});
    root.add_resource(
        resource("aws_acm_certificate_validation", "main", "aws.use1", std::move(waiter_body)));
    ModuleCall call;
    call.arguments.attributes["cert_arn"] =
        refs({"aws_acm_certificate_validation.main.certificate_arn",
              "aws_acm_certificate_validation.main"});
    root.calls["site"] = std::move(call);

    Module& site = config.modules["module.site"];
    site.path = "module.site";
    site.variables["cert_arn"] = Variable{};
    site.locals["cert"] = refs({"var.cert_arn"});
    Body viewer;
    viewer.attributes["acm_certificate_arn"] = refs({"local.cert"});
    Body cdn;
    cdn.blocks["viewer_certificate"].push_back(std::move(viewer));
    site.add_resource(
        resource("aws_cloudfront_distribution", "cdn", "module.site:aws", std::move(cdn)));
    Body listener;
    listener.attributes["certificate_arn"] = refs({"local.cert"});
    site.add_resource(resource("aws_lb_listener", "https", "module.site:aws", std::move(listener)));

    config.providers["aws"].attributes["region"] = constant("eu-west-1");
    config.providers["aws.use1"].attributes["region"] = constant("us-east-1");
    return config;
}

}  // namespace

TEST_CASE("Terraform graph building from a configuration without a plan", "[terraform][resolver]") {
    const Configuration config = site_configuration();
    const json cert_values{{"domain_name", "example.com"}, {"validation_method", "DNS"}};
    const json cert_unknown{{"arn", true}};
    const json waiter_values = json::object();
    const json cdn_values{{"viewer_certificate", json::array({json::object()})}};
    const json cdn_unknown{{"viewer_certificate", json::array({{{"acm_certificate_arn", true}}})}};
    const json listener_values = json::object();
    const json listener_unknown{{"certificate_arn", true}};
    const json none = json::object();

    Instances instances;
    instances.add(instance("", "aws_acm_certificate", "main", cert_values, cert_unknown));
    instances.add(instance("", "aws_acm_certificate_validation", "main", waiter_values, none));
    instances.add(
        instance("module.site", "aws_cloudfront_distribution", "cdn", cdn_values, cdn_unknown));
    instances.add(
        instance("module.site", "aws_lb_listener", "https", listener_values, listener_unknown));
    instances.attach(config);

    Model model;
    model.inputs.emplace_back();
    model.inputs.back().path = "infra";
    const LoadOptions opts;
    Graph(model, 0, config, instances, opts).build();

    REQUIRE(model.certificates.size() == 1);
    const Certificate& cert = model.certificates[0];
    CHECK(cert.id == "aws_acm_certificate.main");
    REQUIRE(cert.region.known());
    CHECK(cert.region.value->str() == "us-east-1");
    CHECK(cert.has_waiter);

    REQUIRE(model.consumers.size() == 2);
    for (const Consumer& c : model.consumers) {
        INFO(c.id);
        REQUIRE(c.attachments.size() == 1);
        const Attachment& a = c.attachments[0];
        CHECK(a.unresolved.empty());
        REQUIRE(a.candidates.size() == 1);
        CHECK(a.candidates[0].certificate == std::optional<std::size_t>(0));
        CHECK(a.candidates[0].awaits_validation);
    }
    CHECK(model.consumers[0].id == "module.site.aws_cloudfront_distribution.cdn");
    CHECK(model.consumers[0].attachments[0].edge);
    CHECK(model.consumers[1].id == "module.site.aws_lb_listener.https");
    REQUIRE(model.consumers[1].region.known());
    CHECK(model.consumers[1].region.value->str() == "eu-west-1");
    CHECK(model.notes.empty());
}

TEST_CASE("Terraform resolver: a local value no front end recorded stays unresolved",
          "[terraform][resolver]") {
    Configuration config = site_configuration();
    config.modules["module.site"].locals.clear();
    Instances instances;
    const LoadOptions opts;
    const Resolver resolver(config, instances, opts);
    const Resolution res = resolver.resolve(refs({"local.cert"}), "module.site");
    CHECK(res.targets.empty());
    REQUIRE(res.unresolved.size() == 1);
    CHECK(res.unresolved[0] == "local.cert: local values are not recorded in the plan JSON");
}
