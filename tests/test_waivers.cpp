// Waivers (product-spec section 5): a waiver's resource glob knows only * and ?, so an
// address copied from a report waives exactly that resource; its expiry date and the
// config's region are checked with the shared date parser and RE2.
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;

namespace {

using Found = std::set<std::pair<std::string, std::string>>;  // rule ID, resource

// The golden "mixed" plan: CL002 on aws_acm_certificate.api["api"] and ["docs"], and more.
const Model& mixed() {
    static const Model m = load_inputs({test::kSourceDir + "/fixtures/golden/mixed/plan.json"}, {});
    return m;
}

Found findings(const RunOptions& opts) {
    Found out;
    for (const Finding& f : run_rules(mixed(), opts).findings) out.emplace(f.rule_id, f.resource);
    return out;
}

// The findings the waiver of `rule` on `glob` removes from the mixed plan's.
Found waived(const std::string& rule, const std::string& glob) {
    RunOptions opts;
    opts.now = "2026-12-03T00:00:00Z";
    const Found all = findings(opts);
    opts.waivers.push_back(Waiver{rule, glob, "accepted", "", 1});
    const Found left = findings(opts);
    Found out;
    for (const auto& f : all) {
        if (left.count(f) == 0) out.insert(f);
    }
    CHECK(left.size() + out.size() == all.size());  // a waiver adds nothing
    return out;
}

// The UsageError message a config text produces, without the path ("" when accepted).
std::string config_error(const std::string& text) {
    test::TempDir tmp;
    const std::string path = tmp.write("c.yaml", text);
    try {
        cli::Settings s;
        cli::read_config(path, s);
    } catch (const UsageError& e) {
        const std::string what = e.what();
        REQUIRE(what.rfind(path, 0) == 0);
        return what.substr(path.size());
    }
    return {};
}

std::string waiver_expiring(const std::string& date) {
    return "waivers:\n  - rule: CL001\n    resource: x\n    reason: y\n    expires: " + date + "\n";
}

}  // namespace

TEST_CASE("a waiver on an address copied from a report waives exactly that resource", "[waivers]") {
    const std::pair<std::string, std::string> docs{"CL002", R"(aws_acm_certificate.api["docs"])"};
    const std::pair<std::string, std::string> api{"CL002", R"(aws_acm_certificate.api["api"])"};
    REQUIRE(findings({}).count(docs) == 1);
    REQUIRE(findings({}).count(api) == 1);
    CHECK(waived("CL002", R"(aws_acm_certificate.api["docs"])") == Found{docs});
    CHECK(waived("dns-validation-records-missing", R"(aws_acm_certificate.api["docs"])") ==
          Found{docs});  // the rule by name
    CHECK(waived("CL002", R"(aws_acm_certificate.api["api"])") == Found{api});
    CHECK(waived("CL002", R"(aws_acm_certificate.api[*])") == Found{api, docs});
    CHECK(waived("CL002", "aws_acm_certificate.*").size() >= 2);
    CHECK(waived("CL003", R"(aws_acm_certificate.api["docs"])").empty());  // another rule
    CHECK(waived("CL002", R"(aws_acm_certificate.api["doc"])").empty());
    CHECK(waived("CL002", "aws_acm_certificate.api").empty());  // the whole address
}

TEST_CASE("a waiver's ? stands for one character", "[waivers]") {
    const std::pair<std::string, std::string> docs{"CL002", R"(aws_acm_certificate.api["docs"])"};
    const std::pair<std::string, std::string> api{"CL002", R"(aws_acm_certificate.api["api"])"};
    CHECK(waived("CL002", R"(aws_acm_certificate.api["do?s"])") == Found{docs});
    CHECK(waived("CL002", R"(aws_acm_certificate.api["???"])") == Found{api});
    CHECK(waived("CL002", R"(aws_acm_certificate.api["????"])") == Found{docs});
    CHECK(waived("CL002", R"(aws_acm_certificate.api[?????])") == Found{api});
    CHECK(waived("CL002", R"(aws_acm_certificate.api["?"])").empty());
}

TEST_CASE("regular-expression characters in a waiver are literal", "[waivers]") {
    // As a regular expression, each of these would match aws_acm_certificate.api["docs"].
    for (const char* glob :
         {R"(aws_acm_certificate.api["doc."])", R"(aws_acm_certificate.api["docs+"])",
          R"x(aws_acm_certificate.api["(docs)"])x", R"(aws_acm_certificate.api["do(c|x)s"])",
          R"(aws_acm_certificate.api["d[o]cs"])", R"(aws_acm_certificate.api["docs"]$)",
          R"(aws_acm_certificate.api\["docs"\])", "aws_acm_certificate.api..docs..",
          R"(aws_acm_certificate.api["\w+"])"}) {
        INFO(glob);
        CHECK(waived("CL002", glob).empty());
    }
    CHECK(waived("CL002", R"(aws_acm_certificate?api["docs"])").size() == 1);  // ? is one "."
}

TEST_CASE("a waiver read from the config applies to the address as written", "[waivers][config]") {
    test::TempDir tmp;
    const std::string config =
        tmp.write("c.yaml",
                  "waivers:\n  - rule: CL002\n    resource: 'aws_acm_certificate.api[\"docs\"]'\n"
                  "    reason: records come from another pipeline\n    expires: 2028-02-29\n");
    cli::Settings s;
    cli::read_config(config, s);
    REQUIRE(s.run.waivers.size() == 1);
    CHECK(s.run.waivers[0].resource_glob == R"(aws_acm_certificate.api["docs"])");
    CHECK(s.run.waivers[0].expires == "2028-02-29");
    s.run.now = "2028-02-29T23:59:59Z";
    const Report r = run_rules(mixed(), s.run);
    for (const Finding& f : r.findings) {
        CHECK_FALSE((f.rule_id == "CL002" && f.resource == R"(aws_acm_certificate.api["docs"])"));
    }
    CHECK(
        std::count(
            r.notes.begin(), r.notes.end(),
            R"(CL002 on aws_acm_certificate.api["docs"] waived: records come from another pipeline)") ==
        1);
    s.run.now = "2028-03-01";  // the day after it expires
    const Report later = run_rules(mixed(), s.run);
    CHECK(
        std::count(
            later.notes.begin(), later.notes.end(),
            R"(waiver for CL002 on aws_acm_certificate.api["docs"] expired on 2028-02-29 and no longer applies)") ==
        1);
    CHECK(later.findings.size() == r.findings.size() + 1);
}

TEST_CASE("config: waiver dates are on the calendar, regions look like AWS regions", "[config]") {
    CHECK(config_error(waiver_expiring("2028-02-29")).empty());  // a leap year
    CHECK(config_error(waiver_expiring("2000-02-29")).empty());
    CHECK(config_error(waiver_expiring("2027-12-31")).empty());
    for (const char* bad : {"2027-02-29", "1900-02-29", "2027-04-31", "2027-13-01", "2027-00-10",
                            "2027-1-01", "2027-01-01T00:00:00Z", "'2027-01-01 '", "27-01-01"}) {
        INFO(bad);
        std::string shown = bad;
        if (shown.front() == '\'') shown = shown.substr(1, shown.size() - 2);
        CHECK(config_error(waiver_expiring(bad)) ==
              ":5: expires must be a date (YYYY-MM-DD), not '" + shown + "'");
    }
    for (const char* good :
         {"eu-west-1", "us-east-1", "us-gov-west-1", "ap-southeast-12", "eu-central-2"}) {
        INFO(good);
        CHECK(config_error(std::string("region: ") + good + "\n").empty());
    }
    for (const char* bad : {"eu-west", "EU-west-1", "eu-west-123", "euwest-1", "e-west-1",
                            "eu-west-1a", "eu--west-1", "eu-west-1 x"}) {
        INFO(bad);
        CHECK(config_error(std::string("region: ") + bad + "\n") ==
              std::string(":1: region must be an AWS region like eu-west-1, not '") + bad + "'");
    }
}
