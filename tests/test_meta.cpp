// The catalog is consistent: every policy has a rule and every rule a policy, fixtures
// that fire and fixtures that stay silent; IDs, names and summaries are unique; names are
// the contract's.
#include <filesystem>
#include <map>
#include <set>

#include "catch.hpp"
#include "certlint/rule.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

// The contract (product-spec section 2): IDs and names are stable.
const std::map<std::string, std::string> kContract = {
    {"CL001", "email-validation"},
    {"CL002", "dns-validation-records-missing"},
    {"CL003", "validation-not-awaited"},
    {"CL004", "validation-record-in-private-zone"},
    {"CL005", "caa-forbids-amazon"},
    {"CL101", "edge-certificate-not-us-east-1"},
    {"CL102", "certificate-region-mismatch"},
    {"CL201", "unused-certificate"},
    {"CL202", "replace-without-create-before-destroy"},
    {"CL203", "in-use-certificate-deleted"},
    {"CL204", "certificate-not-issued"},
    {"CL205", "imported-certificate-expiring"},
    {"CL206", "validation-overdue"},
    {"CL301", "consumer-domain-not-covered"},
    {"CL302", "invalid-certificate-request"},
    {"CL303", "transparency-logging-disabled"},
    {"CL304", "key-algorithm-unsupported-by-consumer"},
    {"CL305", "wildcard-certificate"},
};

}  // namespace

TEST_CASE("policies and rules match one to one", "[meta]") {
    std::set<std::string> rule_ids;
    std::string previous;
    for (const auto& entry : certlint::rule_registry()) {
        INFO(entry.id);
        CHECK(previous < entry.id);  // the registry is one sorted list
        previous = entry.id;
        rule_ids.insert(entry.id);
        CHECK(certlint::find_policy(entry.id) != nullptr);
    }
    REQUIRE(!rule_ids.empty());
    std::set<std::string> ids, names, summaries;
    for (const auto& p : certlint::policies()) {
        INFO(p.id);
        CHECK(rule_ids.count(p.id) == 1);
        CHECK(ids.insert(p.id).second);
        CHECK(names.insert(p.name).second);
        CHECK(summaries.insert(p.summary).second);
        REQUIRE(kContract.count(p.id) == 1);
        CHECK(kContract.at(p.id) == p.name);
        CHECK(!p.rationale.empty());
        // Every rule runs on Terraform and CloudFormation inputs, so it says how to fix it in
        // both; an inventory text is optional (findings on inventories get the Terraform one).
        for (const auto f : {certlint::InputFamily::Terraform, certlint::InputFamily::CloudFormation}) {
            INFO(certlint::to_string(f));
            CHECK(p.remediation.count(f) == 1);
            CHECK(!p.remediation_for(f).empty());
        }
        if (p.remediation.count(certlint::InputFamily::Inventory) == 0) {
            CHECK(p.remediation_for(certlint::InputFamily::Inventory) ==
                  p.remediation_for(certlint::InputFamily::Terraform));
        }
        CHECK(!p.references.empty());
        CHECK(fs::exists(fs::path(certlint::test::kSourceDir) / "policies" / (p.id + ".yaml")));
    }
    CHECK(ids == rule_ids);
}

TEST_CASE("every rule has fixtures that fire and fixtures that stay silent", "[meta]") {
    const fs::path root = fs::path(certlint::test::kSourceDir) / "fixtures" / "rules";
    for (const auto& entry : certlint::rule_registry()) {
        INFO(entry.id);
        int fire = 0, silent = 0;
        const fs::path dir = root / entry.id;
        REQUIRE(fs::is_directory(dir));
        for (const auto& c : fs::directory_iterator(dir)) {
            const std::string name = c.path().filename().string();
            fire += name.rfind("fire_", 0) == 0 ? 1 : 0;
            silent += name.rfind("silent_", 0) == 0 ? 1 : 0;
        }
        CHECK(fire >= 1);
        CHECK(silent >= 1);
    }
}
