// Custom policies over more objects than one job of the parallel run takes (src/policy/run.cpp
// splits them into chunks of 256, evaluated on every core): findings and notes are those of
// one pass in model order, whatever the chunks and threads.
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "plan_builder.hpp"
#include "policy/policy.hpp"

using namespace certlint;
using test::constant;
using test::json;
using test::PlanBuilder;
using test::refs;

namespace {

constexpr int kPairs = 700;  // certificates, and listeners using one each: 3 chunks of each

std::string number(int i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d", i);
    return buf;
}

std::string certificate_address(int i) {
    return "aws_acm_certificate.c" + number(i);
}

std::string listener_address(int i) {
    return "aws_lb_listener.l" + number(i);
}

// Certificate i is RSA_2048 when i is even, and names example.org when i is a multiple of 3;
// listener i uses certificate i.
std::string plan() {
    PlanBuilder b;
    b.provider("aws", "eu-west-1");
    for (int i = 0; i < kPairs; ++i) {
        const std::string domain = "s" + number(i) + (i % 3 == 0 ? ".example.org" : ".example.com");
        const std::string key = i % 2 == 0 ? "RSA_2048" : "EC_prime256v1";
        const std::string cert = certificate_address(i);
        b.instance(cert, {"create"},
                   {{"domain_name", domain}, {"validation_method", "DNS"}, {"key_algorithm", key}},
                   {{"arn", true}, {"id", true}, {"status", true}});
        b.config("", cert,
                 {{"domain_name", constant(domain)},
                  {"validation_method", constant("DNS")},
                  {"key_algorithm", constant(key)}});
        b.instance(listener_address(i), {"create"}, {{"port", 443}},
                   {{"arn", true}, {"certificate_arn", true}});
        b.config("", listener_address(i),
                 {{"certificate_arn", refs({(cert + ".arn").c_str(), cert.c_str()})}});
    }
    return b.str();
}

const char* const kPolicies = R"(policies:
  - id: ORG001
    name: rsa-only
    severity: error
    description: RSA keys only.
    on: certificate
    require: {key_algorithm: {equals: RSA_2048}}
    message: "{resource} uses {failing}"
  - id: ORG002
    name: com-certificates-only
    severity: warning
    description: Listeners use .com certificates.
    on: consumer
    require: {certificate.domain_name: {matches: '.*\.example\.com'}}
    message: "{resource}: {failing}"
  - id: ORG003
    name: issued-only
    severity: note
    description: Certificates are issued.
    on: certificate
    require: {status: {equals: ISSUED}}
    message: "{resource}"
  - id: ORG004
    name: listeners-use-issued
    severity: note
    description: Listeners use issued certificates.
    on: consumer
    require: {certificate.status: {equals: ISSUED}}
    message: "{resource}"
)";

}  // namespace

TEST_CASE("policies on more objects than one job takes: findings and notes in model order",
          "[policy]") {
    Model m;
    load_document(m, "plan.json", plan(), {});
    REQUIRE(m.certificates.size() == kPairs);
    REQUIRE(m.consumers.size() == kPairs);

    auto set = std::make_shared<policy::PolicySet>();
    set->policies = policy::parse_policies("org.yaml", kPolicies);
    policy::install(set);
    RunOptions opts;
    opts.now = "2026-12-01T00:00:00Z";
    const Report report = run_rules(m, opts);
    policy::install(nullptr);

    std::set<std::string> fired;
    for (const Finding& f : report.findings) {
        if (f.rule_id.starts_with("ORG")) {
            fired.insert(f.rule_id + " " + f.resource + " " +
                         (f.certificate.empty() ? std::string("-") : f.certificate));
        }
    }
    std::set<std::string> expected;
    for (int i = 0; i < kPairs; ++i) {
        if (i % 2 != 0) expected.insert("ORG001 " + certificate_address(i) + " -");
        if (i % 3 == 0) {
            expected.insert("ORG002 " + listener_address(i) + " " + certificate_address(i));
        }
    }
    CHECK(fired == expected);
    for (const Finding& f : report.findings) {
        if (f.rule_id == "ORG001") {
            CHECK(f.message == f.resource + " uses EC_prime256v1");
            break;
        }
    }

    // Every status is unknown (each certificate is created): one note per object and policy,
    // certificates first, each in model order.
    std::vector<std::string> notes;
    for (const std::string& n : report.notes) {
        if (n.find(": ORG00") != std::string::npos) notes.push_back(n.substr(0, n.find(':')));
    }
    std::vector<std::string> in_order;
    for (int i = 0; i < kPairs; ++i) in_order.push_back(certificate_address(i));
    for (int i = 0; i < kPairs; ++i) in_order.push_back(listener_address(i));
    CHECK(notes == in_order);
}
