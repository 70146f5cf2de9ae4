// ACM inventories (spec §7, kind acm-inventory): every export shape the reader takes, what it
// refuses, the findings and messages of the live-account rules, and tools/acm-inventory.sh
// run against a fake `aws` that serves recorded answers (fixtures/inventory/).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"
#include "test_shell.hpp"

namespace fs = std::filesystem;
using certlint::test::kSourceDir;
using certlint::test::run_certlint;
using nlohmann::json;

namespace {

const std::string kDir = kSourceDir + "/fixtures/inventory";
const std::string kRules = kSourceDir + "/fixtures/rules";
const std::string kNow = "2026-11-01T00:00:00Z";

json run_json(const std::vector<std::string>& inputs, int expected_exit = 0,
              std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--format", "json", "--fail-on", "never", "--now", kNow};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), inputs.begin(), inputs.end());
    const auto run = run_certlint(args);
    INFO("stderr: " << run.err);
    REQUIRE(run.exit_code == expected_exit);
    return json::parse(run.out);
}

using Key = std::tuple<std::string, std::string, std::string>;  // rule, domain, severity

// The findings as (rule, the certificate's DomainName, severity), the certificate looked up by
// ARN in `certificates` (ARN -> domain).
std::multiset<Key> findings_by_domain(const json& report,
                                      const std::map<std::string, std::string>& domains) {
    std::multiset<Key> out;
    for (const auto& f : report.at("findings")) {
        const std::string arn = f.value("certificate", f.at("resource").get<std::string>());
        const auto it = domains.find(arn);
        out.emplace(f.at("rule_id"), it == domains.end() ? arn : it->second, f.at("severity"));
    }
    return out;
}

// ARN -> DomainName of the describe-certificate fixture of the account.
std::map<std::string, std::string> account_domains() {
    std::map<std::string, std::string> out;
    const json all = json::parse(certlint::test::read_file(kDir + "/describe-certificates.json"));
    for (const auto& c : all) {
        out[c.at("Certificate").at("CertificateArn")] = c.at("Certificate").at("DomainName");
    }
    return out;
}

std::string message_of(const json& report, const std::string& rule) {
    for (const auto& f : report.at("findings")) {
        if (f.at("rule_id") == rule) return f.at("message");
    }
    return "(no " + rule + " finding)";
}

json finding_of(const json& report, const std::string& rule) {
    for (const auto& f : report.at("findings")) {
        if (f.at("rule_id") == rule) return f;
    }
    return json();
}

}  // namespace

TEST_CASE("inventory: every shape of the same account gives the same findings", "[inventory]") {
    const auto domains = account_domains();
    REQUIRE(domains.size() == 5);
    // With every field: the account's five kinds of finding.
    const std::multiset<Key> full = {
        {"CL201", "old.example.com", "warning"},      // issued, nothing uses it
        {"CL206", "new.example.com", "error"},        // requested 73 hours ago
        {"CL204", "shop.example.com", "error"},       // in use, renewal pending validation
        {"CL206", "shop.example.com", "warning"},     // ... for 10 hours
        {"CL205", "partner.example.com", "warning"},  // imported, expires in 12 days
    };
    for (const char* shape : {"describe-certificates.json", "describe-certificates.jsonl",
                              "snapshot-bare-certificates.json", "snapshot-bare-certificates.jsonl",
                              "config-snapshot.json"}) {
        INFO(shape);
        const json report = run_json({kDir + "/" + shape});
        CHECK(findings_by_domain(report, domains) == full);
        CHECK(report.at("inputs") ==
              json::array({{{"path", kDir + "/" + shape}, {"kind", "acm-inventory"}}}));
        CHECK(report.at("summary").at("certificates") == 5);
        CHECK(report.at("summary").at("consumers") == 3);  // CloudFront and 2 load balancers
    }
    SECTION("one describe-certificate answer") {
        const json report = run_json({kDir + "/describe-certificate.json"});
        CHECK(findings_by_domain(report, domains) ==
              std::multiset<Key>{{"CL206", "new.example.com", "error"}});
    }
    SECTION("list-certificates: fewer fields, the rules that need the others stay silent") {
        // No InUseBy ARNs (InUse only), no RenewalSummary, no validation options.
        const json report = run_json({kDir + "/list-certificates.json"});
        CHECK(findings_by_domain(report, domains) ==
              std::multiset<Key>{{"CL201", "old.example.com", "warning"},
                                 {"CL206", "new.example.com", "error"},
                                 {"CL205", "partner.example.com", "warning"}});
        CHECK(report.at("summary").at("consumers") == 0);
        // The oldest summaries (ARN and domain only): nothing can be decided.
        const auto run = run_certlint(
            {"--format", "json", "--now", kNow, "-v", kDir + "/list-certificates-arns-only.json"});
        CHECK(run.exit_code == 0);
        const json bare = json::parse(run.out);
        CHECK(bare.at("findings").empty());
        CHECK(bare.at("summary").at("certificates") == 5);
    }
    SECTION("AWS Config history: the latest item of each certificate, configuration as a string") {
        const json report = run_json({kDir + "/config-history.json"});
        // The request pending in the older item was validated and attached since.
        CHECK(report.at("findings").empty());
        CHECK(report.at("summary").at("certificates") == 1);
        CHECK(report.at("summary").at("consumers") == 1);
        const json deleted = run_json({kDir + "/config-history-deleted.json"});
        CHECK(deleted.at("findings").empty());
        CHECK(deleted.at("summary").at("certificates") == 0);
    }
}

TEST_CASE("inventory: an explicit empty list is a clean account, an empty file is refused",
          "[inventory]") {
    for (const char* empty : {"list-certificates-empty.json", "empty-array.json"}) {
        INFO(empty);
        const auto run = run_certlint({"--now", kNow, kDir + "/" + empty});
        CHECK(run.exit_code == 0);
        const json report = run_json({kDir + "/" + empty});
        CHECK(report.at("inputs").at(0).at("kind") == "acm-inventory");
        CHECK(report.at("summary").at("certificates") == 0);
    }
    const auto run = run_certlint({kDir + "/empty.jsonl"});
    CHECK(run.exit_code == 2);
    CHECK(run.err == "certlint: " + kDir + "/empty.jsonl: file is empty\n");
}

TEST_CASE("inventory: a directory scan finds the JSON Lines export the tool writes",
          "[inventory][scan]") {
    // `tools/acm-inventory.sh > audit/acm.jsonl && certlint audit/` (docs/inventory.md): the
    // .jsonl file is an input of the scan, read as an inventory, its findings as when named.
    certlint::test::TempDir dir;
    const std::string export_file = kRules + "/CL201/fire_inventory_issued_not_in_use/inventory.jsonl";
    fs::create_directories(dir / "audit");
    fs::copy_file(export_file, dir / "audit/acm.jsonl");
    dir.write("audit/notes.txt", "not an input\n");
    const json scanned = run_json({dir / "audit"});
    REQUIRE(scanned.at("inputs").size() == 1);
    CHECK(scanned.at("inputs").at(0).at("kind") == "acm-inventory");
    CHECK(scanned.at("inputs").at(0).at("path") == dir / "audit/acm.jsonl");
    const json named = run_json({dir / "audit/acm.jsonl"});
    CHECK(scanned.at("findings") == named.at("findings"));
    CHECK_FALSE(scanned.at("findings").empty());
    // A .jsonl file that is no inventory is not an input of the scan, as a .json one.
    dir.write("logs/events.jsonl", "{\"event\": \"deploy\"}\n{\"event\": \"rollback\"}\n");
    const auto other = run_certlint({dir / "logs"});
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("found nothing to check: no .json, .jsonl,") != std::string::npos);
}

TEST_CASE("inventory: what cannot be read is refused with one line naming the file",
          "[inventory]") {
    const auto time = run_certlint({kDir + "/invalid-time.json"});
    CHECK(time.exit_code == 2);
    CHECK(time.err == "certlint: " + kDir +
                          "/invalid-time.json: NotAfter is not a time (RFC 3339 or seconds "
                          "since the epoch): \"next Tuesday\" (line 2)\n");
    const auto arn = run_certlint({kDir + "/invalid-no-arn.json"});
    CHECK(arn.exit_code == 2);
    CHECK(arn.err == "certlint: " + kDir + "/invalid-no-arn.json: a certificate has no CertificateArn (line 2)\n");
    const auto cut = run_certlint({kDir + "/invalid-truncated.jsonl"});
    CHECK(cut.exit_code == 2);
    CHECK(cut.err.rfind("certlint: " + kDir + "/invalid-truncated.jsonl: invalid JSON", 0) == 0);
    CHECK(std::count(cut.err.begin(), cut.err.end(), '\n') == 1);
    // A document that is no inventory is still refused as before, naming what is read.
    certlint::test::TempDir dir;
    const auto other = run_certlint({dir.write("other.json", "{\"Certificates\": []}")});
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("an ACM inventory") != std::string::npos);
}

TEST_CASE("inventory: CL206 times a request from CreatedAt and a renewal from UpdatedAt",
          "[inventory][CL206]") {
    const std::string dir = kRules + "/CL206/";
    SECTION("73 hours after the request: an error, with the record to add") {
        const json r = run_json({dir + "fire_request_73_hours_after/inventory.json"});
        const json f = finding_of(r, "CL206");
        CHECK(f.at("severity") == "error");
        CHECK(f.at("message").get<std::string>().rfind(
                  "certificate request has been PENDING_VALIDATION for 73 hours (since "
                  "2026-10-28T23:00:00Z), past the 72 hours ACM allows (until "
                  "2026-10-31T23:00:00Z): it times out and can never be issued; request a new "
                  "certificate and add the validation record _",
                  0) == 0);
        CHECK(f.at("message").get<std::string>().find(".acm-validations.aws.") !=
              std::string::npos);
        CHECK(f.at("remediation")
                  .get<std::string>()
                  .rfind("Complete the validation in the "
                         "account",
                         0) == 0);
    }
    SECTION("71 hours after the request (epoch times of the AWS CLI v1): a warning") {
        const json r = run_json({dir + "fire_request_71_hours_after_epoch_times/inventory.json"});
        const json f = finding_of(r, "CL206");
        CHECK(f.at("severity") == "warning");
        CHECK(f.at("message").get<std::string>().rfind(
                  "certificate request has been PENDING_VALIDATION for 71 hours (since "
                  "2026-10-29T01:00:00Z); ACM gives up at 2026-11-01T01:00:00Z, 72 hours after "
                  "it started: add the validation record _",
                  0) == 0);
        // One hour later it is an error.
        const auto later =
            run_certlint({"--format", "json", "--fail-on", "never", "--now", "2026-11-01T01:00:00Z",
                          dir + "fire_request_71_hours_after_epoch_times/"
                                "inventory.json"});
        CHECK(finding_of(json::parse(later.out), "CL206").at("severity") == "error");
    }
    SECTION("a renewal pending validation while the certificate is ISSUED") {
        const json r =
            run_json({dir + "fire_renewal_pending_validation_while_issued/inventory.json"});
        const std::string m = message_of(r, "CL206");
        CHECK(m.rfind("managed renewal has been PENDING_VALIDATION for 80 hours (since "
                      "2026-10-28T16:00:00Z), past the 72 hours ACM allows (until "
                      "2026-10-31T16:00:00Z): it expires on ",
                      0) == 0);
        CHECK(m.find("add the validation records _") != std::string::npos);
        const std::string cl204 = message_of(r, "CL204");
        CHECK(cl204.rfind("arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/"
                          "app/shop/50dc6c495c0c9188 uses this certificate and its managed "
                          "renewal is PENDING_VALIDATION since 2026-10-28T16:00:00Z",
                          0) == 0);
    }
    SECTION("timed out: request anew") {
        const json r = run_json({dir + "fire_validation_timed_out/inventory.json"});
        CHECK(message_of(r, "CL206") ==
              "validation timed out (requested 2026-10-23T00:00:00Z): ACM stopped trying 72 "
              "hours after the request and the certificate can never be issued; request a new "
              "certificate (DNS validation, with its CNAME in place before the 72 hours end), "
              "move any user to it and delete this one");
    }
}

TEST_CASE("inventory: findings name ARNs, consumers by their InUseBy ARN, lines of JSON Lines",
          "[inventory]") {
    const json cl201 =
        run_json({kRules + "/CL201/fire_inventory_issued_not_in_use/inventory.jsonl"});
    const json f = finding_of(cl201, "CL201");
    CHECK(f.at("message").get<std::string>() ==
          "ACM records no resource using this certificate (InUseBy is empty): ACM renews only "
          "certificates in use, so it expires on 2026-12-11T00:00:00Z; attach it where it is "
          "needed or delete it");
    CHECK(f.at("location") == json({{"file", kRules + "/CL201/fire_inventory_issued_not_in_use/"
                                                      "inventory.jsonl"},
                                    {"line", 2}}));
    CHECK(f.at("resource")
              .get<std::string>()
              .rfind("arn:aws:acm:us-east-1:111122223333:"
                     "certificate/",
                     0) == 0);
    const json cl101 = run_json(
        {kRules + "/CL101/fire_inventory_cloudfront_certificate_in_eu_west_1/inventory.json"});
    const json g = finding_of(cl101, "CL101");
    CHECK(g.at("resource") == "arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL");
    CHECK(g.at("certificate").get<std::string>().rfind("arn:aws:acm:eu-west-1:", 0) == 0);
    CHECK(g.at("message").get<std::string>().rfind(
              "CloudFront distribution uses a certificate in eu-west-1; CloudFront only accepts "
              "us-east-1 certificates",
              0) == 0);
}

TEST_CASE("inventory: waivers and rule settings apply as to plans", "[inventory]") {
    certlint::test::TempDir dir;
    const std::string config = dir.write(".certlint.yaml", R"(rules:
  CL206: {severity: note}
waivers:
  - rule: CL201
    resource: "arn:aws:acm:us-east-1:111122223333:certificate/*"
    reason: "decommissioning"
)");
    const json r = run_json({kDir + "/describe-certificates.jsonl"}, 0, {"--config", config});
    std::multiset<std::string> rules;
    for (const auto& f : r.at("findings")) {
        rules.insert(f.at("rule_id"));
        if (f.at("rule_id") == "CL206") CHECK(f.at("severity") == "note");
    }
    CHECK(rules == std::multiset<std::string>{"CL204", "CL205", "CL206", "CL206"});
}

// ---- tools/acm-inventory.sh ------------------------------------------------------------------

namespace {

struct ScriptRun {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::string calls;  // the fake aws's log
};

ScriptRun run_script(const certlint::test::TempDir& dir, const std::string& args,
                     const std::string& env = {}, const std::string& path = {}) {
    using certlint::test::sh_quote;
    const std::string fake = kDir + "/aws-cli";
    const std::string path_value = path.empty() ? fake + ":" + std::getenv("PATH") : path;
    const auto r = certlint::test::shell(
        "env PATH=" + sh_quote(path_value) + " FAKE_AWS_LOG=" + sh_quote(dir / "calls") + " " +
        env + " /bin/bash " + sh_quote(kSourceDir + "/tools/acm-inventory.sh") + " " + args + " >" +
        sh_quote(dir / "out") + " 2>" + sh_quote(dir / "err"));
    ScriptRun s;
    s.exit_code = r.exit_code;
    s.out = certlint::test::read_file(dir / "out");
    s.err = certlint::test::read_file(dir / "err");
    if (fs::exists(dir / "calls")) s.calls = certlint::test::read_file(dir / "calls");
    return s;
}

std::vector<json> lines_of(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) out.push_back(json::parse(line));
    }
    return out;
}

}  // namespace

TEST_CASE("acm-inventory.sh exports every region, page and key type; names a failing region",
          "[inventory][script]") {
    if (!certlint::test::have_command("jq") || !certlint::test::have_command("python3")) {
        WARN("jq or python3 missing: acm-inventory.sh not tested");
        return;
    }
    certlint::test::TempDir dir;
    const ScriptRun run = run_script(dir, "--profile audit");
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 1);  // eu-south-1 failed; the other regions are exported
    CHECK(lines_of(run.out) ==
          lines_of(certlint::test::read_file(kDir + "/aws-cli/expected.jsonl")));
    CHECK(run.err.find("acm-inventory: eu-south-1: FAILED: An error occurred "
                       "(AccessDeniedException) when calling the ListCertificates operation") !=
          std::string::npos);
    CHECK(run.err.find("acm-inventory: 4 certificate(s) exported; 1 region(s) failed: "
                       "eu-south-1\n") != std::string::npos);
    CHECK(run.err.find("acm-inventory: us-east-1: 3 certificate(s)\n") != std::string::npos);
    // Every call with the profile; every key type; the second page of us-east-1 by its token.
    std::istringstream calls(run.calls);
    std::string call;
    int lists = 0;
    while (std::getline(calls, call)) {
        CHECK(call.rfind("--profile audit --output json ", 0) == 0);
        if (call.find("acm list-certificates") == std::string::npos) continue;
        ++lists;
        CHECK(call.find("--includes keyTypes=RSA_1024,RSA_2048,RSA_3072,RSA_4096,EC_prime256v1,"
                        "EC_secp384r1,EC_secp521r1") != std::string::npos);
    }
    CHECK(lists == 5);  // 4 regions, us-east-1 twice
    CHECK(run.calls.find("--region us-east-1 --includes keyTypes=RSA_1024,RSA_2048,RSA_3072,"
                         "RSA_4096,EC_prime256v1,EC_secp384r1,EC_secp521r1 --max-items 500 "
                         "--starting-token eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQ"
                         "iOiAyfQ==") != std::string::npos);
    // What it exported is an inventory certlint reads.
    const json report = run_json({dir / "out"});
    CHECK(report.at("summary").at("certificates") == 4);
    std::multiset<std::string> rules;
    for (const auto& f : report.at("findings")) rules.insert(f.at("rule_id"));
    // old.example.com unused; new.example.com pending for 30 h; an EC P-384 certificate on an ALB
    CHECK(rules == std::multiset<std::string>{"CL201", "CL206"});
}

TEST_CASE("acm-inventory.sh: named regions, an empty account, missing CLI or credentials",
          "[inventory][script]") {
    if (!certlint::test::have_command("jq") || !certlint::test::have_command("python3")) {
        WARN("jq or python3 missing: acm-inventory.sh not tested");
        return;
    }
    certlint::test::TempDir dir;
    SECTION("--regions skips the region listing") {
        const ScriptRun run = run_script(dir, "--regions eu-west-1,us-east-1");
        CHECK(run.exit_code == 0);
        CHECK(lines_of(run.out).size() == 4);
        CHECK(run.calls.find("describe-regions") == std::string::npos);
        CHECK(run.err.find("acm-inventory: 4 certificate(s) exported\n") != std::string::npos);
    }
    SECTION("an account with no certificate exports an explicit empty list") {
        const ScriptRun run = run_script(dir, "--regions ap-southeast-2");
        CHECK(run.exit_code == 0);
        CHECK(run.out == "[]\n");
        const auto check = run_certlint({dir / "out"});
        CHECK(check.exit_code == 0);
    }
    SECTION("no credentials") {
        const ScriptRun run = run_script(dir, "", "FAKE_AWS_NO_CREDENTIALS=1");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err ==
              "acm-inventory: no usable AWS credentials: Unable to locate credentials. You can "
              "configure credentials by running \"aws configure\".\n");
    }
    SECTION("no AWS CLI") {
        const ScriptRun run = run_script(dir, "", "", dir.path());
        CHECK(run.exit_code == 2);
        CHECK(run.err ==
              "acm-inventory: the AWS CLI (aws) is not on PATH: install it "
              "(https://aws.amazon.com/cli/)\n");
    }
    SECTION("usage") {
        const ScriptRun run = run_script(dir, "--regions");
        CHECK(run.exit_code == 2);
        CHECK(run.err.rfind("usage: ", 0) == 0);
    }
}

TEST_CASE("acm-inventory.sh is shellcheck-clean", "[inventory][script]") {
    if (!certlint::test::have_command("shellcheck")) {
        WARN("shellcheck missing: not checked");
        return;
    }
    const auto r = certlint::test::shell(
        "shellcheck " + certlint::test::sh_quote(kSourceDir + "/tools/acm-inventory.sh"));
    INFO(r.output);
    CHECK(r.exit_code == 0);
}
