// `certlint graph` (docs/graph.md): the document of a plan, a template and a CDK assembly
// against docs/graph.schema.json, its edges and unknowns, the drawings (golden files in
// fixtures/graph/<input>/expected.<format>), exit codes; and `certlint rules --fields`, whose
// markdown is docs/fields.md.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/load.hpp"
#include "certlint/view.hpp"
#include "cli/view_commands.hpp"
#include "report/graph_document.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kGraphDir = test::kSourceDir + "/fixtures/graph";

// The graph inputs, relative to the source directory (how the golden files were made).
const std::vector<std::string> kInputs = {
    "fixtures/graph/tags-plan/plan.json",
    "fixtures/graph/tags-template/template.yaml",
    "fixtures/graph/cdk-tags/cdk.out",
};

json graph_of(const std::string& rel, const LoadOptions& opts = {}) {
    const Model m = load_inputs({test::kSourceDir + "/" + rel}, opts);
    return json::parse(graph::render_json(m));
}

const json& node(const json& doc, const char* list, const std::string& address) {
    for (const json& n : doc.at(list)) {
        if (n.at("address") == address) return n;
    }
    FAIL("no node " << address);
    throw std::logic_error("unreachable");
}

json unknown(const std::string& why) {
    return json{{"$unknown", why}};
}

}  // namespace

TEST_CASE("graph: a plan's certificates, consumers, edges and unknowns", "[graph]") {
    const json doc = graph_of(kInputs[0]);
    CHECK(doc.at("certlint_graph") == 1);
    CHECK(doc.at("inputs") ==
          json::parse(R"([{"path":")" + test::kSourceDir +
                      R"(/fixtures/graph/tags-plan/plan.json","kind":"terraform-plan"}])"));
    const json& site = node(doc, "certificates", "aws_acm_certificate.site");
    CHECK(site.at("region") == "us-east-1");
    CHECK(site.at("key_algorithm") == "EC_prime256v1");
    // tags_all: its own tags over the us-east-1 provider's default_tags.
    CHECK(site.at("tags") == json{{"Name", "site"}, {"Owner", "web-team"}});
    CHECK(site.at("validation").at("waiter") == true);
    const json& api = node(doc, "certificates", "aws_acm_certificate.api");
    CHECK(api.at("key_algorithm") == "RSA_2048");
    CHECK(api.at("domains") == json{"api.example.com", "*.api.example.com"});
    CHECK(api.at("tags") ==
          unknown("tags is computed from aws_route53_zone.main.zone_id, known only after apply"));
    const json& spare = node(doc, "certificates", "aws_acm_certificate.spare");
    CHECK(spare.at("tags") == json{{"CostCenter", "cc-042"}, {"Owner", "platform"}});
    CHECK(spare.at("consumers") == json::array());
    CHECK(spare.at("validation_method") == "EMAIL");

    const json& cdn = node(doc, "consumers", "aws_cloudfront_distribution.site");
    CHECK(cdn.at("kind") == "CloudFront distribution");
    CHECK(cdn.at("edge") == true);
    CHECK(cdn.at("certificates") == json::array({site.at("id")}));
    CHECK(site.at("consumers") == json::array({cdn.at("id")}));
    bool found = false;
    for (const json& e : doc.at("edges")) {
        if (e.at("from") != cdn.at("id")) continue;
        found = true;
        CHECK(e.at("to") == site.at("id"));
        CHECK(e.at("attribute") == "viewer_certificate.acm_certificate_arn");
        CHECK(e.at("edge") == true);
        CHECK(e.at("awaits_validation") == true);
    }
    CHECK(found);
    // Every unknown value of the nodes is listed, with its node and field.
    bool listed = false;
    for (const json& u : doc.at("unknowns")) {
        if (u.at("node") == api.at("id") && u.at("field") == "tags") {
            listed = true;
            CHECK(u.at("address") == "aws_acm_certificate.api");
            CHECK(u.at("reason") == api.at("tags").at("$unknown"));
        }
    }
    CHECK(listed);
}

TEST_CASE("graph: template and CDK tags", "[graph][tags]") {
    const json cfn = graph_of(kInputs[1], [] {
        LoadOptions o;
        o.region = "eu-west-1";
        return o;
    }());
    CHECK(node(cfn, "certificates", "Cert").at("tags") ==
          json{{"Owner", "platform"},
               {"Env", unknown("the value of tag Env: Parameter Env has no value")}});

    const json cdk = graph_of(kInputs[2]);
    const json& cert = node(cdk, "certificates", "SiteStack/Cert5C9FAEC1");
    CHECK(cert.at("tags") ==
          json{{"CostCenter", "cc-042"}, {"Name", "SiteStack/Cert"}, {"Owner", "platform"}});
    CHECK(cert.at("key_algorithm") == "EC_prime256v1");
    const json& edge =
        node(cdk, "certificates", "SiteStack/EdgeCertCertificateRequestorResource108A7C13");
    CHECK(edge.at("tags") == json{{"Owner", "platform"}, {"Service", "cdn"}});
    CHECK(edge.at("region") == "us-east-1");
}

TEST_CASE("graph documents validate against docs/graph.schema.json", "[graph][schema]") {
    REQUIRE(test::have_command("python3"));
    REQUIRE(test::have_jsonschema());
    test::TempDir tmp;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < kInputs.size(); ++i) {
        LoadOptions o;
        o.region = "eu-west-1";
        const Model m = load_inputs({test::kSourceDir + "/" + kInputs[i]}, o);
        const fs::path p = fs::path(tmp.path()) / ("graph" + std::to_string(i) + ".json");
        std::ofstream(p) << graph::render_json(m);
        files.push_back(p.string());
    }
    // The golden rule fixtures too: every kind of certificate and consumer the suite has.
    const Model all = load_inputs({test::kSourceDir + "/fixtures/rules"}, {});
    const fs::path p = fs::path(tmp.path()) / "rules.json";
    std::ofstream(p) << graph::render_json(all);
    files.push_back(p.string());
    std::string cmd =
        "python3 -c 'import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "jsonschema.Draft7Validator.check_schema(schema)\n"
        "for p in sys.argv[2:]:\n"
        "    jsonschema.validate(json.load(open(p)), schema)\n"
        "    print(\"valid\", p)' " +
        test::sh_quote(test::kSourceDir + "/docs/graph.schema.json");
    for (const std::string& f : files) {
        cmd += ' ';
        cmd += test::sh_quote(f);
    }
    const auto r = test::shell(cmd);
    INFO(r.output);
    CHECK(r.exit_code == 0);
}

TEST_CASE("graph golden outputs: json, dot, mermaid", "[graph][golden]") {
    // tools/approve-graph-golden.sh writes them; a mismatch leaves expected.unapproved.*.
    for (const std::string format : {"json", "dot", "mermaid"}) {
        INFO(format);
        const auto r =
            test::run_certlint({"graph", "--format", format, "--region", "eu-west-1", kInputs[0]},
                               {}, test::kSourceDir);
        REQUIRE(r.exit_code == 0);
        const std::string golden = kGraphDir + "/tags-plan/expected." + format;
        const std::string expected = test::read_file(golden);
        if (r.out != expected) {
            std::ofstream(kGraphDir + "/tags-plan/expected.unapproved." + format) << r.out;
        }
        CHECK(r.out == expected);
    }
}

TEST_CASE("graph: exit codes and errors as for check", "[graph][cli]") {
    test::TempDir tmp;
    const fs::path bad = fs::path(tmp.path()) / "bad.json";
    std::ofstream(bad) << "{\"resource_changes\": [";
    auto r = test::run_certlint({"graph", bad.string()});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("certlint: " + bad.string(), 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);

    r = test::run_certlint({"graph", "--format", "svg", kGraphDir + "/tags-plan/plan.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "certlint: graph --format must be json, dot or mermaid, not 'svg'\n");

    r = test::run_certlint({"graph"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "certlint: graph: no input: give a plan, template, directory or -\n");

    r = test::run_certlint({"graph", "-f", "dot", "-"},
                           test::read_file(kGraphDir + "/tags-plan/plan.json"));
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("digraph certlint {\n", 0) == 0);
}

TEST_CASE("drawings escape names", "[graph][escaping]") {
    Model m;
    m.inputs.push_back({"t.yaml", InputKind::CloudFormation});
    Certificate c;
    c.id = "Cert\"\\\n<b>|x]";
    c.cert_type = CertType::AmazonIssued;
    c.region = MaybeString{Symbol("eu-west-1"), {}};
    m.certificates.push_back(c);
    Consumer k;
    k.id = "Cdn\"];evil";
    k.kind = ConsumerKind::CloudFront;
    Attachment a;
    a.attribute = "A\"B";
    a.edge = true;
    CertCandidate cand;
    cand.certificate = 0;
    a.candidates.push_back(cand);
    k.attachments.push_back(a);
    m.consumers.push_back(k);
    const std::string dot = graph::render_dot(m);
    CHECK(dot.find(R"(label="Cert\"\\ <b>|x]\neu-west-1 · -")") == std::string::npos);
    CHECK(dot.find(R"(c1 [shape=box, label="Cert\"\\ <b>|x]\n)") != std::string::npos);
    CHECK(dot.find(R"(k1 [shape=box, style=rounded, label="Cdn\"];evil\n)") != std::string::npos);
    CHECK(dot.find(R"(k1 -> c1 [label="A\"B", style=bold];)") != std::string::npos);
    const std::string mermaid = graph::render_mermaid(m);
    CHECK(mermaid.find("Cdn\"") == std::string::npos);
    CHECK(mermaid.find("<b>") == std::string::npos);
}

TEST_CASE("mermaid drawings stay within what Mermaid renders", "[graph][mermaid]") {
    Model m;
    m.inputs.push_back({"plan.json", InputKind::TerraformPlan});
    for (int i = 0; i < 700; ++i) {
        Certificate c;
        c.id = "aws_acm_certificate.c" + std::to_string(i);
        m.certificates.push_back(c);
        Consumer k;
        k.id = "aws_lb_listener.l" + std::to_string(i);
        k.kind = ConsumerKind::LoadBalancerListener;
        Attachment a;
        a.attribute = "certificate_arn";
        CertCandidate cand;
        cand.certificate = static_cast<std::size_t>(i);
        a.candidates.push_back(cand);
        k.attachments.push_back(a);
        m.consumers.push_back(k);
    }
    const std::string out = graph::render_mermaid(m);
    CHECK(out.size() <= 50000);
    CHECK(out.find("%% certlint: ") != std::string::npos);
    CHECK(out.find("not drawn") != std::string::npos);
    // The DOT drawing has them all.
    const std::string dot = graph::render_dot(m);
    CHECK(dot.find("k700 -> c700") != std::string::npos);
}

TEST_CASE("rules --fields lists the vocabulary; docs/fields.md is its markdown",
          "[graph][fields]") {
    const auto r = test::run_certlint({"rules", "--fields", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const json doc = json::parse(r.out);
    REQUIRE(doc.at("fields").size() == view::fields().size());
    for (std::size_t i = 0; i < view::fields().size(); ++i) {
        const view::Field& f = view::fields()[i];
        CHECK(doc["fields"][i].at("name") == f.name);
        CHECK(doc["fields"][i].at("on") == f.on);
        CHECK(doc["fields"][i].at("type") == f.type);
        CHECK(doc["fields"][i].at("values") == f.values);
    }
    const auto text = test::run_certlint({"rules", "--fields"});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("consumer     kind") != std::string::npos);
    CHECK(text.out.find("CloudFront distribution") != std::string::npos);
    // docs/fields.md cannot drift from the vocabulary: regenerate it with
    // `certlint rules --fields --format markdown > docs/fields.md`.
    CHECK(test::read_file(test::kSourceDir + "/docs/fields.md") == cli::render_fields("markdown"));
}
