// Unit tests of the catalog rules CL004, CL005, CL204, CL205, CL301-CL305 and their helpers,
// on hand-built models: each rule is a pure function of the model and its context.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/rule.hpp"
#include "rules/rules.hpp"
#include "support.hpp"

using namespace certlint;

namespace {

constexpr const char* kNow = "2026-11-01T00:00:00Z";

// Test certificates generated with `openssl ca -selfsign -startdate ... -enddate ...`:
// RSA 2048, CN/SAN legacy.example.com, notAfter 2026-11-15T12:00:00Z; and EC P-384,
// CN/SAN cdn.example.com, notAfter 2027-06-01T00:00:00Z.
const char* const kRsaPem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIC9jCCAd6gAwIBAgICEAAwDQYJKoZIhvcNAQELBQAwHTEbMBkGA1UEAwwSbGVn\n"
    "YWN5LmV4YW1wbGUuY29tMB4XDTI1MTExNTAwMDAwMFoXDTI2MTExNTEyMDAwMFow\n"
    "HTEbMBkGA1UEAwwSbGVnYWN5LmV4YW1wbGUuY29tMIIBIjANBgkqhkiG9w0BAQEF\n"
    "AAOCAQ8AMIIBCgKCAQEAnk13a31DJPwKNSH7fX+K6D1B0Y85rp2QLvQo6i+oD0jR\n"
    "7d5DuDkQWscysB69KgzLpATD3pxDIF9tP27BZ9KWpWaT0aOIPUhM1qF4JZT8vxhn\n"
    "K3WQlDDIiZRfjaLLp5lVPQ84VwST9XkYr8OvVWAXy/sbPlkMc1vaV3BnS+dRjb1z\n"
    "t2e0UZ4H2vstekaZlpcsoFfWSEP0LsktQHJ7AjtadNmX71IhsO4Ys6ia2kMRdNN4\n"
    "1R8B3KKYABdrquAS1KLVcH2vUiycNqiw3AgplNoqOe62gS1bKqAAyGacHgcKnQ8w\n"
    "SJAnWazaa2Dm7vpO4D0ZerKmgbip/PFseY+fSaXsYQIDAQABo0AwPjAdBgNVHREE\n"
    "FjAUghJsZWdhY3kuZXhhbXBsZS5jb20wHQYDVR0OBBYEFH/lcibsr6SzWd7BEY9u\n"
    "nMIHiNe/MA0GCSqGSIb3DQEBCwUAA4IBAQBJ6d4UvWnqAe/Od8f7qs+pVjnGpuH4\n"
    "bHY4cViBRcnMahebF9aN48paA03S7d56qO2mKGfOTFf7VETMJLQLko52vE9iTo2b\n"
    "ZjN5tb9W2ipQmFb8Yq8L7cvs4HeQxcrBlpXInJvQTnnH2H+Apu4trRYm7slUHz7b\n"
    "z39QNx25kglLa0eV9DozOxKgHYxJalLLwJ4dGCkTLRxMj5FevxQvB6VSyGfer44Z\n"
    "TsikW71ElN9S+3uy1fNPMTLKxh/qwNB/51STO1wkvLNwv72dIif6Mq1Gs+QEgW3l\n"
    "OH0iHCkubUElOQj07hAwuWSpW7bj2Z3D70rHJjGhw2O/ZyYBM0U9DWv3\n"
    "-----END CERTIFICATE-----\n";

const char* const kEc384Pem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBnTCCASSgAwIBAgICEAMwCgYIKoZIzj0EAwIwGjEYMBYGA1UEAwwPY2RuLmV4\n"
    "YW1wbGUuY29tMB4XDTI2MDYwMTAwMDAwMFoXDTI3MDYwMTAwMDAwMFowGjEYMBYG\n"
    "A1UEAwwPY2RuLmV4YW1wbGUuY29tMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEplCC\n"
    "B52tP9361XPHgb850cGx3IRwBuT3Z+H3Q9DgRVhU2RdvTR3Tmeei9Nb+wRdpX1vk\n"
    "0ydOyvnVAUXzYA1xx+VswU5IXzKF3xmUuqjKi8daJmf84dMmjcdRwAEaXsuIoz0w\n"
    "OzAaBgNVHREEEzARgg9jZG4uZXhhbXBsZS5jb20wHQYDVR0OBBYEFJuuce2k7aAz\n"
    "zvyw7PgUgFIq9i2wMAoGCCqGSM49BAMCA2cAMGQCME+IGfKWfaUIXY2cWvoTzQ2w\n"
    "bbwL6wpDCKiVE2xxqRg424koIigaoHE5lnnMyXpMqAIwIjrdYyG0lfJJBMD5cpg7\n"
    "I620HooEPPkIIa2hgJ9WT4tmkxGS60E6M+JrZpezHq/k\n"
    "-----END CERTIFICATE-----\n";

using RuleFn = void (*)(const Model&, const RuleContext&, std::vector<RawFinding>&);

struct Run {
    std::vector<RawFinding> findings;
    std::vector<std::string> notes;
};

Run run(RuleFn fn, const char* id, const Model& m, std::map<std::string, std::string> options = {},
        const std::string& now = kNow) {
    const Policy* policy = find_policy(id);
    REQUIRE(policy != nullptr);
    Run r;
    RuleContext ctx{*policy, policy->options, now, &r.notes};
    for (auto& [k, v] : options) ctx.options[k] = v;
    fn(m, ctx, r.findings);
    return r;
}

Certificate cert(const std::string& id, const std::string& domain,
                 std::vector<std::string> sans = {}) {
    Certificate c;
    c.id = id;
    c.type = "aws_acm_certificate";
    c.cert_type = CertType::AmazonIssued;
    c.validation_method = "DNS";
    c.domain_name = domain;
    c.names_known = !domain.empty();
    c.subject_alternative_names = std::move(sans);
    c.region = {"us-east-1", {}};
    c.partition = "aws";
    return c;
}

Consumer consumer(const std::string& id, ConsumerKind kind, std::size_t certificate,
                  std::vector<std::string> domains = {}, bool edge = false) {
    Consumer c;
    c.id = id;
    c.kind = kind;
    c.domains = std::move(domains);
    c.region = {"us-east-1", {}};
    c.partition = "aws";
    Attachment a;
    a.attribute = "certificate_arn";
    a.edge = edge;
    CertCandidate cand;
    cand.certificate = certificate;
    a.candidates.push_back(cand);
    c.attachments.push_back(a);
    return c;
}

bool mentions(const std::vector<std::string>& notes, const std::string& text) {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

}  // namespace

// ---- helpers -----------------------------------------------------------------------------

TEST_CASE("name_covers: exact names and one-label wildcards, case-insensitively", "[catalog]") {
    using rules::name_covers;
    CHECK(name_covers("www.example.com", "www.example.com"));
    CHECK(name_covers("WWW.Example.COM", "www.example.com."));
    CHECK(name_covers("*.example.com", "www.example.com"));
    CHECK(name_covers("*.Example.com", "API.example.COM"));
    CHECK_FALSE(name_covers("*.example.com", "example.com"));
    CHECK_FALSE(name_covers("*.example.com", "a.b.example.com"));
    CHECK_FALSE(name_covers("*.example.com", "wwwexample.com"));
    CHECK_FALSE(name_covers("*.example.com", ".example.com"));
    CHECK(name_covers("*.example.com", "*.example.com"));
    CHECK_FALSE(name_covers("*.example.com", "*.a.example.com"));
    CHECK_FALSE(name_covers("example.com", "www.example.com"));
    CHECK_FALSE(name_covers("", "example.com"));
    CHECK(rules::is_wildcard("*.example.com"));
    CHECK_FALSE(rules::is_wildcard("www.example.com"));
    CHECK(rules::normalize_name("WWW.Example.com.") == "www.example.com");
}

TEST_CASE("certificate_names: plan names, else the imported PEM's names", "[catalog]") {
    Certificate c = cert("c", "example.com", {"example.com", "*.example.com", "EXAMPLE.com"});
    const auto names = rules::certificate_names(c);
    REQUIRE(names);
    CHECK(*names == std::vector<std::string>{"example.com", "*.example.com"});
    Certificate unknown = cert("u", "");
    CHECK_FALSE(rules::certificate_names(unknown));
    unknown.cert_type = CertType::Imported;
    unknown.certificate_body = kRsaPem;
    const auto from_pem = rules::certificate_names(unknown);
    REQUIRE(from_pem);
    CHECK(*from_pem == std::vector<std::string>{"legacy.example.com"});
}

TEST_CASE("RFC 3339 timestamps are parsed to UTC epoch seconds", "[catalog]") {
    using rules::parse_rfc3339;
    CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_rfc3339("2026-11-01T00:00:00Z") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01T00:00:00.250Z") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01T02:00:00+02:00") == 1793491200);
    CHECK(parse_rfc3339("2026-10-31T19:00:00-05:00") == 1793491200);
    CHECK(parse_rfc3339("2024-02-29T12:00:00z") == 1709208000);
    CHECK_FALSE(parse_rfc3339(""));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00"));  // no zone
    CHECK_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
    // Days on the calendar: leap years by the Gregorian rule.
    CHECK_FALSE(parse_rfc3339("2026-02-29"));
    CHECK_FALSE(parse_rfc3339("1900-02-29"));
    CHECK_FALSE(parse_rfc3339("2026-04-31T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-01-32"));
    CHECK(parse_rfc3339("2000-02-29") == 951782400);
    CHECK(parse_rfc3339("2026-12-31") == 1798675200);
    CHECK_FALSE(parse_rfc3339("01/11/2026"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00Zjunk"));
    CHECK(rules::format_rfc3339(1793491200) == "2026-11-01T00:00:00Z");
    CHECK(rules::format_rfc3339(1794744000) == "2026-11-15T12:00:00Z");
    CHECK(rules::format_rfc3339(0) == "1970-01-01T00:00:00Z");
}

TEST_CASE("PEM certificates: expiry, key algorithm and DNS names", "[catalog]") {
    std::string error;
    const auto rsa = rules::parse_pem_certificate(kRsaPem, error);
    REQUIRE(rsa);
    CHECK(rsa->not_after == 1794744000);  // 2026-11-15T12:00:00Z
    CHECK(rsa->key_algorithm == "RSA_2048");
    CHECK(rsa->dns_names == std::vector<std::string>{"legacy.example.com"});
    const auto ec = rules::parse_pem_certificate(kEc384Pem, error);
    REQUIRE(ec);
    CHECK(ec->key_algorithm == "EC_secp384r1");
    CHECK(rules::format_rfc3339(ec->not_after) == "2027-06-01T00:00:00Z");
    // A chain: the first certificate counts.
    const auto chain = rules::parse_pem_certificate(std::string(kEc384Pem) + kRsaPem, error);
    REQUIRE(chain);
    CHECK(chain->key_algorithm == "EC_secp384r1");
    error.clear();
    CHECK_FALSE(rules::parse_pem_certificate("not a certificate", error));
    CHECK(!error.empty());
    error.clear();
    CHECK_FALSE(rules::parse_pem_certificate(
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", error));
    CHECK(!error.empty());
}

TEST_CASE("effective_key_algorithm: recorded, from the PEM, or ACM's default", "[catalog]") {
    Certificate c = cert("c", "example.com");
    CHECK(rules::effective_key_algorithm(c) == "RSA_2048");  // a request without one
    c.key_algorithm = "EC_secp384r1";
    CHECK(rules::effective_key_algorithm(c) == "EC_secp384r1");
    Certificate imported = cert("i", "");
    imported.cert_type = CertType::Imported;
    CHECK(rules::effective_key_algorithm(imported).empty());
    imported.certificate_body = kEc384Pem;
    CHECK(rules::effective_key_algorithm(imported) == "EC_secp384r1");
}

// ---- CL004 -------------------------------------------------------------------------------

TEST_CASE("CL004: validation records in a private hosted zone", "[catalog][CL004]") {
    Model m;
    Certificate c = cert("aws_acm_certificate.api", "api.example.com");
    c.has_validation_records = true;
    c.private_validation_zones = {"aws_route53_zone.internal"};
    m.certificates.push_back(c);
    SECTION("fires, naming the zone") {
        const auto r = run(rules::cl004_validation_record_in_private_zone, "CL004", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].resource == "aws_acm_certificate.api");
        CHECK(r.findings[0].message.find("aws_route53_zone.internal") != std::string::npos);
    }
    SECTION("a public zone is fine") {
        m.certificates[0].private_validation_zones.clear();
        CHECK(run(rules::cl004_validation_record_in_private_zone, "CL004", m).findings.empty());
    }
    SECTION("private and imported certificates and deleted ones are exempt") {
        m.certificates[0].cert_type = CertType::Private;
        CHECK(run(rules::cl004_validation_record_in_private_zone, "CL004", m).findings.empty());
        m.certificates[0].cert_type = CertType::Imported;
        CHECK(run(rules::cl004_validation_record_in_private_zone, "CL004", m).findings.empty());
        m.certificates[0].cert_type = CertType::AmazonIssued;
        m.certificates[0].action = Action::Delete;
        CHECK(run(rules::cl004_validation_record_in_private_zone, "CL004", m).findings.empty());
    }
}

// ---- CL005 -------------------------------------------------------------------------------

namespace {

Model caa_model(std::vector<std::string> names, std::vector<CaaRecordSet> sets) {
    Model m;
    m.certificates.push_back(cert("aws_acm_certificate.c", names.front(),
                                  std::vector<std::string>(names.begin(), names.end())));
    m.caa_records = std::move(sets);
    return m;
}

std::size_t caa_findings(const Model& m) {
    return run(rules::cl005_caa_forbids_amazon, "CL005", m).findings.size();
}

}  // namespace

TEST_CASE("CL005: the closest CAA record set must allow an Amazon CA", "[catalog][CL005]") {
    const CaaRecordSet other{
        "aws_route53_record.caa", "example.com", {"0 issue \"letsencrypt.org\""}};
    SECTION("a parent's record set that allows another CA only") {
        const Model m = caa_model({"api.example.com"}, {other});
        const auto r = run(rules::cl005_caa_forbids_amazon, "CL005", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].message.find("letsencrypt.org") != std::string::npos);
        CHECK(r.findings[0].message.find("aws_route53_record.caa") != std::string::npos);
    }
    SECTION("each Amazon issuer name is accepted, case-insensitively, with parameters") {
        for (const char* v : {"0 issue \"amazon.com\"", "0 issue \"amazontrust.com\"",
                              "0 issue \"awstrust.com\"", "0 issue \"amazonaws.com\"",
                              "0 ISSUE \"Amazon.com\"", "0 issue \"amazon.com; foo=bar\"",
                              "0 issue amazon.com", "128 issue \"amazon.com\""}) {
            INFO(v);
            CHECK(caa_findings(
                      caa_model({"api.example.com"},
                                {{"r", "example.com", {"0 issue \"letsencrypt.org\"", v}}})) == 0);
        }
        CHECK(caa_findings(caa_model({"api.example.com"},
                                     {{"r", "example.com", {"0 issue \"notamazon.com\""}}})) == 1);
    }
    SECTION("a closer record set decides, even if a parent forbids Amazon") {
        const CaaRecordSet allow{
            "aws_route53_record.api", "api.example.com.", {"0 issue \"amazon.com\""}};
        CHECK(caa_findings(caa_model({"api.example.com"}, {other, allow})) == 0);
        CHECK(caa_findings(caa_model({"www.example.com"}, {other, allow})) == 1);
    }
    SECTION("a record set without issue properties restricts nothing") {
        CHECK(caa_findings(
                  caa_model({"api.example.com"},
                            {{"r", "example.com", {"0 iodef \"mailto:a@example.com\""}}})) == 0);
    }
    SECTION("';' allows no CA at all") {
        const Model m = caa_model({"api.example.com"}, {{"r", "example.com", {"0 issue \";\""}}});
        const auto r = run(rules::cl005_caa_forbids_amazon, "CL005", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].message.find("no CA at all") != std::string::npos);
    }
    SECTION("wildcards: issuewild decides when present, else issue") {
        const CaaRecordSet wild_no{
            "r", "example.com", {"0 issue \"amazon.com\"", "0 issuewild \";\""}};
        CHECK(caa_findings(caa_model({"*.example.com"}, {wild_no})) == 1);
        CHECK(caa_findings(caa_model({"www.example.com"}, {wild_no})) == 0);
        const CaaRecordSet wild_yes{
            "r", "example.com", {"0 issue \"letsencrypt.org\"", "0 issuewild \"amazon.com\""}};
        CHECK(caa_findings(caa_model({"*.example.com"}, {wild_yes})) == 0);
        CHECK(caa_findings(caa_model({"www.example.com"}, {wild_yes})) == 1);
        const CaaRecordSet issue_only{"r", "example.com", {"0 issue \"amazon.com\""}};
        CHECK(caa_findings(caa_model({"*.example.com"}, {issue_only})) == 0);
        // A wildcard is looked up at its base name: a record set on a sibling does not apply.
        CHECK(caa_findings(caa_model({"*.example.com"},
                                     {{"r", "www.example.com", {"0 issue \";\""}}})) == 0);
    }
    SECTION("every name of the certificate is checked, and reported once") {
        const CaaRecordSet allow{"a", "api.example.com", {"0 issue \"amazon.com\""}};
        const Model m =
            caa_model({"api.example.com", "www.example.com", "shop.example.com"}, {other, allow});
        const auto r = run(rules::cl005_caa_forbids_amazon, "CL005", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].message.find("www.example.com") != std::string::npos);
        CHECK(r.findings[0].message.find("shop.example.com") != std::string::npos);
    }
    SECTION("private and imported certificates are not issued by ACM's public CAs") {
        Model m = caa_model({"api.example.com"}, {other});
        m.certificates[0].cert_type = CertType::Private;
        CHECK(caa_findings(m) == 0);
        m.certificates[0].cert_type = CertType::Imported;
        CHECK(caa_findings(m) == 0);
    }
    SECTION("unknown names are left undecided") {
        Model m = caa_model({"api.example.com"}, {other});
        m.certificates[0].names_known = false;
        const auto r = run(rules::cl005_caa_forbids_amazon, "CL005", m);
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "CL005 undecided"));
    }
}

// ---- CL204 -------------------------------------------------------------------------------

namespace {

// Panther AWS.ACM.Certificate.Valid test resources: test.domain.io, in use by a CloudFront
// distribution or by nothing.
Model panther(const std::string& status, const std::string& eligibility, bool in_use) {
    Model m;
    Certificate c = cert("aws_acm_certificate.test", "test.domain.io");
    c.action = Action::Existing;
    c.arn = "arn:aws:acm:us-east-1:123456789012:certificate/33333333-5555-4444-aaaa-04206915b869";
    c.status = status;
    c.renewal_eligibility = eligibility;
    m.certificates.push_back(c);
    if (in_use) {
        Consumer cf = consumer("aws_cloudfront_distribution.site", ConsumerKind::CloudFront, 0,
                               {"test.domain.io"}, true);
        cf.action = Action::Existing;
        m.consumers.push_back(cf);
    }
    return m;
}

}  // namespace

TEST_CASE("CL204 matches Panther's AWS.ACM.Certificate.Valid test cases", "[catalog][CL204]") {
    const auto findings = [](const Model& m) {
        return run(rules::cl204_certificate_not_issued, "CL204", m).findings.size();
    };
    // "Certificate renewal pending validation": ExpectedResult false (a finding).
    CHECK(findings(panther("PENDING_VALIDATION", "INELIGIBLE", true)) == 1);
    // "Certificate renewal failed": ExpectedResult false.
    CHECK(findings(panther("FAILED", "INELIGIBLE", true)) == 1);
    // "Certificate has been issued": ExpectedResult true.
    CHECK(findings(panther("ISSUED", "ELIGIBLE", true)) == 0);
    // "Certificate is INELIGIBLE but not in use": ExpectedResult true.
    CHECK(findings(panther("ISSUED", "INELIGIBLE", false)) == 0);
}

TEST_CASE("CL204: a certificate in use or about to be attached must be ISSUED",
          "[catalog][CL204]") {
    SECTION("every non-issued status of the contract fires") {
        for (const char* s : {"PENDING_VALIDATION", "FAILED", "VALIDATION_TIMED_OUT", "EXPIRED",
                              "REVOKED", "INACTIVE"}) {
            INFO(s);
            const auto r = run(rules::cl204_certificate_not_issued, "CL204", panther(s, "", true));
            REQUIRE(r.findings.size() == 1);
            CHECK(r.findings[0].resource == "aws_acm_certificate.test");
            CHECK(r.findings[0].message.find(s) != std::string::npos);
        }
    }
    SECTION("unknown and other statuses do not") {
        for (const char* s : {"", "ISSUED"}) {
            CHECK(run(rules::cl204_certificate_not_issued, "CL204", panther(s, "", true))
                      .findings.empty());
        }
    }
    SECTION("a consumer this deploy creates is about to attach it") {
        Model m = panther("PENDING_VALIDATION", "INELIGIBLE", true);
        m.consumers[0].action = Action::Create;
        const auto r = run(rules::cl204_certificate_not_issued, "CL204", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].message.find("about to attach") != std::string::npos);
    }
    SECTION("a consumer being deleted does not count; an unused certificate is noted") {
        Model m = panther("FAILED", "INELIGIBLE", true);
        m.consumers[0].action = Action::Delete;
        const auto r = run(rules::cl204_certificate_not_issued, "CL204", m);
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "nothing in this deployment uses it"));
    }
    SECTION("a certificate this deploy replaces or deletes starts over") {
        for (Action a : {Action::ReplaceCreateFirst, Action::ReplaceDeleteFirst, Action::Create,
                         Action::Delete}) {
            Model m = panther("FAILED", "INELIGIBLE", true);
            m.certificates[0].action = a;
            CHECK(run(rules::cl204_certificate_not_issued, "CL204", m).findings.empty());
        }
    }
    SECTION("data sources are checked too") {
        Model m = panther("EXPIRED", "INELIGIBLE", true);
        m.certificates[0].managed = false;
        m.certificates[0].action = Action::Read;
        CHECK(run(rules::cl204_certificate_not_issued, "CL204", m).findings.size() == 1);
    }
}

// ---- CL205 -------------------------------------------------------------------------------

namespace {

Model imported(const std::string& pem) {
    Model m;
    Certificate c = cert("aws_acm_certificate.legacy", "");
    c.cert_type = CertType::Imported;
    c.validation_method = "NONE";
    c.action = Action::Create;
    c.certificate_body = pem;
    m.certificates.push_back(c);
    return m;
}

}  // namespace

TEST_CASE("CL205: imported certificates expiring within expiry_days", "[catalog][CL205]") {
    const Model m = imported(kRsaPem);  // notAfter 2026-11-15T12:00:00Z
    SECTION("14 days left: a warning (the policy's severity)") {
        const auto r = run(rules::cl205_imported_certificate_expiring, "CL205", m);
        REQUIRE(r.findings.size() == 1);
        CHECK_FALSE(r.findings[0].severity.has_value());
        CHECK(r.findings[0].message.find("2026-11-15T12:00:00Z") != std::string::npos);
        CHECK(r.findings[0].message.find("in 14 days") != std::string::npos);
        CHECK(find_policy("CL205")->severity == Severity::Warning);
    }
    SECTION("expired: an error") {
        const auto r =
            run(rules::cl205_imported_certificate_expiring, "CL205", m, {}, "2026-11-15T12:00:00Z");
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].severity == Severity::Error);
        CHECK(r.findings[0].message.find("expired") != std::string::npos);
    }
    SECTION("outside the window: silent") {
        CHECK(
            run(rules::cl205_imported_certificate_expiring, "CL205", m, {}, "2026-10-01T00:00:00Z")
                .findings.empty());
    }
    SECTION("expiry_days is an option") {
        CHECK(run(rules::cl205_imported_certificate_expiring, "CL205", m, {{"expiry_days", "10"}})
                  .findings.empty());
        CHECK(run(rules::cl205_imported_certificate_expiring, "CL205", m, {{"expiry_days", "15"}})
                  .findings.size() == 1);
        const auto bad =
            run(rules::cl205_imported_certificate_expiring, "CL205", m, {{"expiry_days", "soon"}});
        CHECK(bad.findings.size() == 1);  // falls back to 30
        CHECK(mentions(bad.notes, "expiry_days"));
    }
    SECTION("the recorded not_after of an imported certificate without a body") {
        Model s = imported("");
        s.certificates[0].action = Action::Existing;
        s.certificates[0].not_after = "2026-11-20T00:00:00Z";
        CHECK(run(rules::cl205_imported_certificate_expiring, "CL205", s).findings.size() == 1);
        s.certificates[0].not_after.clear();
        const auto r = run(rules::cl205_imported_certificate_expiring, "CL205", s);
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "CL205 undecided"));
    }
    SECTION("an unreadable PEM is noted, not guessed") {
        const auto r =
            run(rules::cl205_imported_certificate_expiring, "CL205",
                imported("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "CL205 undecided"));
    }
    SECTION("a bad --now is noted") {
        const auto r = run(rules::cl205_imported_certificate_expiring, "CL205", m, {}, "yesterday");
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "not RFC 3339"));
    }
    SECTION("a deleted certificate is not reported") {
        Model d = m;
        d.certificates[0].action = Action::Delete;
        CHECK(run(rules::cl205_imported_certificate_expiring, "CL205", d).findings.empty());
    }
}

TEST_CASE("CL205: existing ACM certificates not eligible for renewal", "[catalog][CL205]") {
    Model m;
    Certificate c = cert("aws_acm_certificate.old", "old.example.com");
    c.action = Action::Existing;
    c.status = "ISSUED";
    c.renewal_eligibility = "INELIGIBLE";
    c.not_after = "2026-11-20T23:59:59Z";
    m.certificates.push_back(c);
    CHECK(run(rules::cl205_imported_certificate_expiring, "CL205", m).findings.size() == 1);
    SECTION("eligible certificates are renewed by ACM") {
        m.certificates[0].renewal_eligibility = "ELIGIBLE";
        CHECK(run(rules::cl205_imported_certificate_expiring, "CL205", m).findings.empty());
    }
    SECTION("attaching it makes it eligible") {
        m.consumers.push_back(
            consumer("aws_lb_listener.https", ConsumerKind::LoadBalancerListener, 0));
        const auto r = run(rules::cl205_imported_certificate_expiring, "CL205", m);
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "makes it eligible"));
    }
    SECTION("a certificate this deploy creates has no recorded expiry") {
        m.certificates[0].action = Action::ReplaceCreateFirst;
        CHECK(run(rules::cl205_imported_certificate_expiring, "CL205", m).findings.empty());
    }
}

// ---- CL301 -------------------------------------------------------------------------------

TEST_CASE("CL301: consumer domains must be covered by the certificate", "[catalog][CL301]") {
    Model m;
    m.certificates.push_back(cert("aws_acm_certificate.site", "*.example.com"));
    m.consumers.push_back(consumer("aws_cloudfront_distribution.site", ConsumerKind::CloudFront, 0,
                                   {"www.example.com", "example.com", "a.b.example.com"}, true));
    SECTION("names outside the certificate are reported on the consumer") {
        const auto r = run(rules::cl301_consumer_domain_not_covered, "CL301", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].resource == "aws_cloudfront_distribution.site");
        CHECK(r.findings[0].certificate == "aws_acm_certificate.site");
        CHECK(r.findings[0].message.find("example.com, a.b.example.com") != std::string::npos);
        CHECK(r.findings[0].message.find("www.example.com,") == std::string::npos);
    }
    SECTION("SANs cover, case-insensitively") {
        m.certificates[0].subject_alternative_names = {"Example.COM", "*.b.example.com"};
        CHECK(run(rules::cl301_consumer_domain_not_covered, "CL301", m).findings.empty());
    }
    SECTION("a condition is named") {
        m.consumers[0].attachments[0].candidates[0].condition = "IsProd";
        const auto r = run(rules::cl301_consumer_domain_not_covered, "CL301", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].message.find("(when IsProd)") != std::string::npos);
    }
    SECTION("unknown names and certificates outside the deployment are undecided") {
        m.certificates[0].names_known = false;
        auto r = run(rules::cl301_consumer_domain_not_covered, "CL301", m);
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "CL301 undecided"));
        m.consumers[0].attachments[0].candidates[0].certificate.reset();
        m.consumers[0].attachments[0].candidates[0].arn =
            "arn:aws:acm:us-east-1:111122223333:certificate/abc";
        r = run(rules::cl301_consumer_domain_not_covered, "CL301", m);
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "not in this deployment"));
    }
    SECTION("imported certificates are compared with their PEM's names") {
        m.certificates[0] = cert("aws_acm_certificate.site", "");
        m.certificates[0].cert_type = CertType::Imported;
        m.certificates[0].certificate_body = kRsaPem;
        m.consumers[0].domains = {"legacy.example.com"};
        CHECK(run(rules::cl301_consumer_domain_not_covered, "CL301", m).findings.empty());
        m.consumers[0].domains = {"new.example.com"};
        CHECK(run(rules::cl301_consumer_domain_not_covered, "CL301", m).findings.size() == 1);
    }
    SECTION("consumers without domains or being deleted are skipped") {
        m.consumers[0].domains.clear();
        CHECK(run(rules::cl301_consumer_domain_not_covered, "CL301", m).findings.empty());
        m.consumers[0].domains = {"example.com"};
        m.consumers[0].action = Action::Delete;
        CHECK(run(rules::cl301_consumer_domain_not_covered, "CL301", m).findings.empty());
    }
}

// ---- CL302 -------------------------------------------------------------------------------

namespace {

std::vector<RawFinding> request(const std::string& domain, std::vector<std::string> sans = {},
                                std::map<std::string, std::string> options = {}) {
    Model m;
    Certificate c = cert("aws_acm_certificate.c", domain, std::move(sans));
    c.action = Action::Create;
    m.certificates.push_back(c);
    return run(rules::cl302_invalid_certificate_request, "CL302", m, std::move(options)).findings;
}

bool refused(const std::string& domain, std::vector<std::string> sans = {},
             const std::string& why = {}) {
    const auto f = request(domain, std::move(sans));
    if (f.empty()) return false;
    INFO(f[0].message);
    CHECK(f.size() == 1);
    return why.empty() || f[0].message.find(why) != std::string::npos;
}

}  // namespace

TEST_CASE("CL302: requests ACM refuses", "[catalog][CL302]") {
    const std::string l63(63, 'a');
    CHECK_FALSE(refused("www.example.com"));
    CHECK_FALSE(
        refused("*.example.com", {"example.com", "xn--bcher-kva.example.com", "A-1.b2.io"}));
    SECTION("the first name is the Common Name: 64 characters at most") {
        const std::string n64 = std::string(52, 'a') + ".example.com";  // 64
        CHECK(n64.size() == 64);
        CHECK_FALSE(refused(n64));
        CHECK(refused("a" + n64, {}, "first domain name"));
        CHECK_FALSE(refused("www.example.com", {"a" + n64}));  // a long SAN is fine
    }
    SECTION("labels and names") {
        CHECK_FALSE(refused("www.example.com", {l63 + ".example.com"}));
        CHECK(refused("www.example.com", {l63 + "a.example.com"}, "a label"));
        const std::string n253 = l63 + "." + l63 + "." + l63 + "." + std::string(61, 'b');
        CHECK(n253.size() == 253);
        CHECK_FALSE(refused("www.example.com", {n253}));
        CHECK(refused("www.example.com", {n253 + "c"}, "at most 253"));
    }
    SECTION("wildcards only as the whole leftmost label") {
        CHECK(refused("www.*.example.com", {}, "wildcard"));
        CHECK(refused("*example.com", {}, "wildcard"));
        CHECK(refused("*.*.example.com", {}, "wildcard"));
        CHECK(refused("www.example.com", {"w*w.example.com"}, "wildcard"));
        CHECK(refused("*.com", {}, "fully qualified"));
    }
    SECTION("IP addresses") {
        CHECK(refused("www.example.com", {"10.0.12.7"}, "IP address"));
        CHECK(refused("www.example.com", {"2001:db8::1"}, "IP address"));
        CHECK_FALSE(refused("www.example.com", {"10.0.12.7.example.com"}));
    }
    SECTION("characters and form") {
        CHECK(refused("api_internal.example.com", {}, "characters"));
        CHECK(refused("bücher.example.com", {}, "punycode"));
        CHECK(refused("-api.example.com", {}, "hyphen"));
        CHECK(refused("api-.example.com", {}, "hyphen"));
        CHECK(refused("localhost", {}, "fully qualified"));
        CHECK(refused("www..example.com", {}, "fully qualified"));
        CHECK(refused("www.example.c", {}, "fully qualified"));
        CHECK(refused("www.example.com.", {}, "fully qualified"));
    }
    SECTION("more names than the quota (10 by default), counted once each") {
        std::vector<std::string> sans;
        for (int i = 1; i <= 9; ++i) sans.push_back("s" + std::to_string(i) + ".example.com");
        sans.push_back("WWW.example.com");  // the domain again, as Terraform plans it
        CHECK_FALSE(refused("www.example.com", sans));
        sans.push_back("s10.example.com");
        CHECK(refused("www.example.com", sans, "quota of 10"));
        CHECK(request("www.example.com", sans, {{"max_names", "25"}}).empty());
        CHECK(request("www.example.com", sans, {{"max_names", "many"}}).size() == 1);
    }
    SECTION("one finding lists every problem") {
        const auto f = request("www.*.example.com", {"10.0.0.1", "a_b.example.com"});
        REQUIRE(f.size() == 1);
        CHECK(f[0].message.find("wildcard") != std::string::npos);
        CHECK(f[0].message.find("IP address") != std::string::npos);
        CHECK(f[0].message.find("characters") != std::string::npos);
    }
    SECTION("only requests this deploy makes are checked") {
        Model m;
        Certificate c = cert("aws_acm_certificate.c", "www.*.example.com");
        c.action = Action::Existing;
        m.certificates.push_back(c);
        CHECK(run(rules::cl302_invalid_certificate_request, "CL302", m).findings.empty());
        m.certificates[0].action = Action::Create;
        m.certificates[0].cert_type = CertType::Imported;
        CHECK(run(rules::cl302_invalid_certificate_request, "CL302", m).findings.empty());
        m.certificates[0].cert_type = CertType::Private;  // private requests are checked too
        CHECK(run(rules::cl302_invalid_certificate_request, "CL302", m).findings.size() == 1);
    }
}

// ---- CL303 -------------------------------------------------------------------------------

TEST_CASE("CL303: transparency logging disabled on public certificates", "[catalog][CL303]") {
    Model m;
    Certificate c = cert("aws_acm_certificate.site", "www.example.com");
    c.transparency_logging = "DISABLED";
    m.certificates.push_back(c);
    CHECK(run(rules::cl303_transparency_logging_disabled, "CL303", m).findings.size() == 1);
    m.certificates[0].transparency_logging = "ENABLED";
    CHECK(run(rules::cl303_transparency_logging_disabled, "CL303", m).findings.empty());
    m.certificates[0].transparency_logging = "";
    CHECK(run(rules::cl303_transparency_logging_disabled, "CL303", m).findings.empty());
    m.certificates[0].transparency_logging = "DISABLED";
    m.certificates[0].cert_type = CertType::Private;
    CHECK(run(rules::cl303_transparency_logging_disabled, "CL303", m).findings.empty());
    m.certificates[0].cert_type = CertType::Imported;
    CHECK(run(rules::cl303_transparency_logging_disabled, "CL303", m).findings.empty());
    m.certificates[0].cert_type = CertType::AmazonIssued;
    m.certificates[0].managed = false;  // a data source: not ours to change
    CHECK(run(rules::cl303_transparency_logging_disabled, "CL303", m).findings.empty());
}

// ---- CL304 -------------------------------------------------------------------------------

TEST_CASE("CL304: CloudFront serves RSA and EC_prime256v1 only", "[catalog][CL304]") {
    Model m;
    Certificate c = cert("aws_acm_certificate.cdn", "cdn.example.com");
    m.certificates.push_back(c);
    m.consumers.push_back(consumer("aws_cloudfront_distribution.cdn", ConsumerKind::CloudFront, 0,
                                   {"cdn.example.com"}, true));
    const auto count = [&]() {
        return run(rules::cl304_key_algorithm_unsupported_by_consumer, "CL304", m).findings.size();
    };
    for (const char* ok : {"", "RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1"}) {
        INFO(ok);
        m.certificates[0].key_algorithm = ok;
        CHECK(count() == 0);
    }
    for (const char* bad : {"EC_secp384r1", "EC_secp521r1"}) {
        INFO(bad);
        m.certificates[0].key_algorithm = bad;
        CHECK(count() == 1);
    }
    SECTION("the finding is on the consumer and names the certificate") {
        m.certificates[0].key_algorithm = "EC_secp384r1";
        const auto r = run(rules::cl304_key_algorithm_unsupported_by_consumer, "CL304", m);
        REQUIRE(r.findings.size() == 1);
        CHECK(r.findings[0].resource == "aws_cloudfront_distribution.cdn");
        CHECK(r.findings[0].certificate == "aws_acm_certificate.cdn");
        CHECK(r.findings[0].message.find("EC_secp384r1") != std::string::npos);
    }
    SECTION("edge-optimized API Gateway domains share CloudFront's limits") {
        m.certificates[0].key_algorithm = "EC_secp384r1";
        m.consumers[0].kind = ConsumerKind::ApiGatewayDomain;
        CHECK(count() == 1);
        m.consumers[0].attachments[0].edge = false;  // regional_certificate_arn
        CHECK(count() == 0);
    }
    SECTION("load balancers and other consumers are not checked") {
        m.certificates[0].key_algorithm = "EC_secp384r1";
        m.consumers[0].kind = ConsumerKind::LoadBalancerListener;
        m.consumers[0].attachments[0].edge = false;
        CHECK(count() == 0);
    }
    SECTION("an imported certificate's key comes from its PEM") {
        m.certificates[0] = cert("aws_acm_certificate.cdn", "");
        m.certificates[0].cert_type = CertType::Imported;
        auto r = run(rules::cl304_key_algorithm_unsupported_by_consumer, "CL304", m);
        CHECK(r.findings.empty());
        CHECK(mentions(r.notes, "CL304 undecided"));
        m.certificates[0].certificate_body = kEc384Pem;
        CHECK(count() == 1);
        m.certificates[0].certificate_body = kRsaPem;
        CHECK(count() == 0);
    }
}

// ---- CL305 -------------------------------------------------------------------------------

TEST_CASE("CL305: wildcard certificates, a note that is off by default", "[catalog][CL305]") {
    const Policy* p = find_policy("CL305");
    REQUIRE(p != nullptr);
    CHECK_FALSE(p->enabled);
    CHECK(p->severity == Severity::Note);
    Model m;
    m.certificates.push_back(cert("aws_acm_certificate.a", "example.com", {"*.example.com"}));
    m.certificates.push_back(cert("aws_acm_certificate.b", "www.example.com"));
    const auto r = run(rules::cl305_wildcard_certificate, "CL305", m);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].resource == "aws_acm_certificate.a");
    CHECK(r.findings[0].message.find("*.example.com") != std::string::npos);
}

// ---- the catalog -------------------------------------------------------------------------

TEST_CASE("catalog policies carry the contract's defaults and options", "[catalog]") {
    const std::pair<const char*, Severity> defaults[] = {
        {"CL004", Severity::Error},   {"CL005", Severity::Error}, {"CL204", Severity::Error},
        {"CL205", Severity::Warning}, {"CL301", Severity::Error}, {"CL302", Severity::Error},
        {"CL303", Severity::Warning}, {"CL304", Severity::Error}, {"CL305", Severity::Note},
    };
    for (const auto& [id, severity] : defaults) {
        INFO(id);
        const Policy* p = find_policy(id);
        REQUIRE(p != nullptr);
        CHECK(p->severity == severity);
        CHECK(p->enabled == (std::string(id) != "CL305"));
    }
    CHECK(find_policy("CL205")->options.at("expiry_days") == "30");
    CHECK(find_policy("CL302")->options.at("max_names") == "10");
}
